"""Entities stage: persons, organisations and places with offsets into the clean text.

A CRF (``tagger``) tags each sentence with BIO labels; the gazetteer (``gazetteer``) feeds it as a
feature and also adds the names it missed. Rules for cased text then fix what the tagger gets wrong in
news (``mentions``): an untagged name after "Wakil Perdana Menteri Vietnam" or ", kata" is a person;
"Universitas …" or "Kedutaan Besar AS" is an organisation; "Vladimir Putin Tiba" in a headline ends at
"Putin"; "Korea Utara karena Ukraina" is two places; "Mahkamah Konstitusi (MK)" is one mention. A
known place named as an actor or owner rather than as a location ("Israel menyerang", not "ke
Israel") is labelled ``GPE`` (``place_roles``). Rules over the whole document come next
(``document``): a title's organisation run into the person after it, names repeated where the tagger
missed them, aliases. Last, each mention gets a ``canonical`` name that agrees across mentions and
articles (``canonical``: "Putin" → "Vladimir Putin", "AS" → "Amerika Serikat", "PT Bank Syariah
Indonesia Tbk" → "Bank Syariah Indonesia"), and titles in front of a person ("Presiden Rusia") move
to ``Entity.role``.

The modules, in the order a text meets them: ``tokens`` (words and sentences), ``gazetteer``,
``tagger`` (over ``crf``), ``mentions`` (sentence rules, reading the closed word lists of ``words``),
``place_roles``, ``document``, ``canonical``; ``names`` holds what several of them read off a name's
surface.
"""

from __future__ import annotations

from warta.pipeline.entities import canonical, document, mentions
from warta.pipeline.entities.gazetteer import load
from warta.pipeline.entities.names import GPE, LABELS
from warta.pipeline.entities.tokens import sentences, tokenize
from warta.records import Entity

__all__ = ["GPE", "LABELS", "extract_entities", "sentences", "tokenize"]


def extract_entities(text: str) -> list[Entity]:
    """PERSON, ORG and LOC mentions in ``text``, in order, each with a canonical name."""
    gazetteer = load()
    tokens = tokenize(text)
    found = document.split_affiliations(list(mentions.find(tokens, text, gazetteer)), gazetteer)
    found = document.first_names_back(found, text)
    found = document.common_openers(found, text, gazetteer)
    found += document.repeated_names(tokens, text, found, gazetteer)
    found.sort(key=lambda pair: pair[0].start)
    return canonical.canonicalise(found, gazetteer, document.alias_pairs(found, text))
