"""Rules that need the whole document: a title's organisation or country run into the person after
it (``split_affiliations``) and a person's first name run into the organisation before
(``first_names_back``), names repeated where the tagger missed them (``repeated_names``), and
one name given as another's alias (``alias_pairs``)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Sequence

from warta.pipeline.entities.gazetteer import Gazetteer, fold, folded_words, name_cased
from warta.pipeline.entities.mentions import Mention, as_entity
from warta.pipeline.entities.names import INITIALISM, LEGAL_FORM, REGION_NAMED, bare_name, kind_of
from warta.pipeline.entities.tokens import Token
from warta.pipeline.entities.words import DIRECTIONS, ORG_HEADS, PLACE_HEADS
from warta.records import Entity


def split_affiliations(
    found: list[tuple[Entity, str | None]], gazetteer: Gazetteer
) -> list[tuple[Entity, str | None]]:
    """ "Direktur Utama Sritex Iwan Kurniawan Lukminto", "Perdana Menteri Hungaria Viktor Orban": the
    organisation or country of a title, run into the person after it. A person of three words or
    more that opens with a name of its own (one the document names alone elsewhere, "Deli Serdang"
    after "Kabupaten Deli Serdang" or "KPU Kabupaten Deli Serdang"; one word the gazetteer knows; or
    an initialism of three letters or more, "BSI Hery Gunardi") is that name and then the person, as
    many times as the rest starts with one ("BPBD Majene Muhammad Ilham Syah"). A place or
    organisation that ends with a person the document names alone is split the same way: "Imam Besar
    Masjid Istiqlal Nasaruddin Umar"."""
    alone: dict[str, str] = {}
    people: set[str] = set()
    for entity, _ in found:
        if entity.label != "PERSON":
            bare, short = bare_name(entity.text, place=kind_of(entity.label) == "LOC")
            for name in (bare, short):
                if name:
                    alone[name] = entity.label
            for region in REGION_NAMED.findall(entity.text):
                alone.setdefault(region, "LOC")
        elif " " in entity.text:
            people.add(entity.text)
    result: list[tuple[Entity, str | None]] = []
    for entity, canonical in found:
        while canonical is None:
            words = list(_WORD_SPAN.finditer(entity.text))
            affiliation = _affiliation(
                [word.group() for word in words],
                alone,
                gazetteer,
                None if entity.label == "PERSON" else people,
            )
            if affiliation is None:
                break
            size, label, known = affiliation
            first = entity.text[: words[size - 1].end()]
            rest = entity.text[words[size].start() :]
            result.append(
                (
                    Entity(
                        text=first,
                        label=label,
                        start=entity.start,
                        end=entity.start + len(first),
                        canonical=first,
                    ),
                    known,
                )
            )
            entity = entity.model_copy(
                update={"text": rest, "label": "PERSON", "start": entity.end - len(rest), "canonical": rest}
            )
        result.append((entity, canonical))
    return result


def first_names_back(found: list[tuple[Entity, str | None]], text: str) -> list[tuple[Entity, str | None]]:
    """ "Kepala Badan Pangan Nasional Arief Prasetyo Adi", tagged "Badan Pangan Nasional Arief" and
    "Prasetyo Adi": an organisation no list knows that ends with a word the document names alone as
    a person, one space before a person, gives that word back to the person's name."""
    alone = {entity.text for entity, _ in found if entity.label == "PERSON" and " " not in entity.text}
    result = list(found)
    for k, ((entity, canonical), (person, known)) in enumerate(itertools.pairwise(found)):
        head, _, last = entity.text.rpartition(" ")
        if (
            entity.label == "ORG"
            and canonical is None
            and head
            and last in alone
            and person.label == "PERSON"
            and text[entity.end : person.start] == " "
        ):
            name = text[entity.end - len(last) : person.end]
            result[k] = (
                entity.model_copy(update={"text": head, "end": entity.start + len(head), "canonical": head}),
                None,
            )
            result[k + 1] = (
                person.model_copy(update={"text": name, "start": person.end - len(name), "canonical": name}),
                known,
            )
    return result


def common_openers(
    found: list[tuple[Entity, str | None]], text: str, gazetteer: Gazetteer
) -> list[tuple[Entity, str | None]]:
    """ "Asap bisa tiba-tiba tebal," kata Osa: a capitalised word that opens a sentence, and that the
    same document writes in lower case elsewhere ("asap tersebut"), is a common word, no name, unless
    the gazetteer knows the mention. Alone it is dropped; before a name the document gives elsewhere
    without it, it is cut off ("Kebakaran Glodok Plaza menjadi …" and "di Glodok Plaza"), unless it
    heads a place or an organisation, or is a side ("Kota Bandung", "Laut Natuna")."""
    named = {entity.text for entity, _ in found}
    result = []
    for entity, canonical in found:
        first, _, rest = entity.text.partition(" ")
        if (
            canonical is None
            and entity.label in ("PERSON", "LOC")
            and first[:1].isupper()
            and first[1:].islower()
            and _OPENS_SENTENCE.search(text, max(0, entity.start - 8), entity.start) is not None
            and re.search(rf"(?<![\w-]){re.escape(first.lower())}(?![\w-])", text) is not None
            and gazetteer.get(entity.text) is None
        ):
            if not rest:
                continue
            if rest in named and rest == rest.strip() and first.lower() not in _HEADS:
                entity = entity.model_copy(
                    update={"text": rest, "start": entity.end - len(rest), "canonical": rest}
                )
        result.append((entity, canonical))
    return result


_HEADS = ORG_HEADS | PLACE_HEADS | DIRECTIONS
_OPENS_SENTENCE = re.compile(r"(?:^|[.!?]\s+|\n\s*|[\"“]\s*)$")
"""What comes right before the first word of a sentence or of a quotation."""
_WORD_SPAN = re.compile(r"\S+")


def _affiliation(
    words: Sequence[str], alone: dict[str, str], gazetteer: Gazetteer, people: Collection[str] | None = None
) -> tuple[int, str, str | None] | None:
    """How many words of a "person" of three words or more make the name it opens with, with that
    name's label and known canonical name, leaving two words or more for the person, one of
    ``people`` if given; the longest."""
    for size in range(len(words) - 2, 0, -1):
        if people is not None and " ".join(words[size:]) not in people:
            continue
        first = " ".join(words[:size])
        label = alone.get(first)
        known = gazetteer.get(first) if size == 1 else None
        if label is None and known is not None and known.label != "PERSON":
            label = known.label
        if label is None and size == 1 and len(first) >= 3 and INITIALISM.fullmatch(first):
            label = "ORG"
        if label is not None:
            return size, label, known.canonical if known is not None else None
    return None


_SELF_NAMED_HEADS = frozenset(
    [
        "gunung",
        "sungai",
        "danau",
        "pulau",
        "kepulauan",
        "teluk",
        "selat",
        "kabupaten",
        "kota",
        "provinsi",
        "kecamatan",
        "kelurahan",
        "desa",
        "dusun",
    ]
)
"""Place heads whose name stands alone too ("Semeru" after "Gunung Semeru", "Sikka" after "Kabupaten
Sikka"), unlike streets, buildings and airports, often named after a person ("Jalan Sudirman")."""


_LISTED = re.compile(r"\b(?i:saham|emiten)\s+([A-Z]{4})\b")
"""A company's code on the Indonesia Stock Exchange, four capitals, after "saham" or "emiten"."""


def repeated_names(
    tokens: Sequence[Token], text: str, found: Sequence[tuple[Entity, str | None]], gazetteer: Gazetteer
) -> list[tuple[Entity, str | None]]:
    """Where the article repeats a name the tagger missed: a person's name, or a word of it ("Lam"
    after "To Lam"), names the same person throughout the article; a mountain's, river's or
    region's name without its head ("Semeru" after "Gunung Semeru") the same place; an
    organisation's bracketed short form ("KNKT") and a listed company's ticker, four capitals after
    "saham" or "emiten" ("saham KIRM"), the same organisation."""
    names: dict[tuple[str, ...], str] = {}
    places: set[tuple[str, ...]] = set()
    organisations: set[tuple[str, ...]] = {(fold(ticker),) for ticker in _LISTED.findall(text)}
    for entity, _ in found:
        key = folded_words(entity.text)
        if entity.label == "PERSON":
            names[key] = "PERSON"
            names.update(
                ((part,), "PERSON") for part in key if len(part) > 2 and part not in gazetteer.titles
            )
        elif kind_of(entity.label) == "LOC" and len(key) > 1 and key[0] in _SELF_NAMED_HEADS:
            places.add(key[1:])
        elif entity.label == "ORG" and (short := bare_name(entity.text)[1]) is not None:
            organisations.add(folded_words(short))
    for kind, keys in (("LOC", places), ("ORG", organisations)):
        names.update((key, kind) for key in keys if key not in names)  # a person's name wins
    names = {
        key: label
        for key, label in names.items()
        if (known := gazetteer.get(" ".join(key))) is None or known.label == label
    }
    if not names:
        return []
    covered = bytearray(len(text))
    for entity, _ in found:
        covered[entity.start : entity.end] = b"\x01" * (entity.end - entity.start)
    sizes: dict[str, list[int]] = {}
    for key in names:
        sizes.setdefault(key[0], []).append(len(key))
    repeated: list[tuple[Entity, str | None]] = []
    i = 0
    while i < len(tokens):
        lengths = sizes.get(fold(tokens[i].text))
        if lengths is None:
            i += 1
            continue
        for size in sorted((n for n in lengths if i + n <= len(tokens)), reverse=True):
            run = tokens[i : i + size]
            label = names.get(tuple(fold(t.text) for t in run))
            if label is not None and all(
                name_cased(t.text) and not any(covered[t.start : t.end]) for t in run
            ):
                repeated.append((as_entity(tokens, Mention(i, i + size, label), text, gazetteer), None))
                i += size
                break
        else:
            i += 1
    return repeated


_ALIAS = re.compile(r"\s+alias\s+", re.IGNORECASE)
_OR = re.compile(r"\s+atau\s+")


def alias_pairs(found: Sequence[tuple[Entity, str | None]], text: str) -> list[tuple[int, int]]:
    """ "PT Sri Rejeki Isman Tbk (SRIL) alias Sritex", "Joko Widodo alias Jokowi": the name right after
    "alias" is another name of the entity right before it. So is the name after "atau" (or) when the
    one before is a company written with its legal form, "PT Sri Rejeki Isman Tbk atau Sritex"; "atau"
    between other names is a choice ("Jakarta atau Bandung"). Pairs (alias, original) of indexes
    into ``found``, which is in text order."""
    aliases = []
    for i in range(1, len(found)):
        before, start = found[i - 1][0], found[i][0].start
        if _ALIAS.fullmatch(text, before.end, start) or (
            _OR.fullmatch(text, before.end, start)
            and before.label == "ORG"
            and LEGAL_FORM.search(before.text)
        ):
            aliases.append((i, i - 1))
    return aliases
