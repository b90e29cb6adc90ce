"""One canonical name per entity in a document, so that all its mentions agree across articles:
the gazetteer's spelling for a known name, the fullest person's name for a shorter mention, one
spelling for names that fold alike, and one label per name."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence

from warta.pipeline.entities.gazetteer import Gazetteer, fold, folded_words
from warta.pipeline.entities.names import (
    DESCRIBED,
    INITIALISM,
    LEGAL_FORM,
    REGION,
    REGION_NAMED,
    bare_name,
    kind_of,
)
from warta.pipeline.entities.words import UNIT_SHORT_FORMS
from warta.records import Entity


def canonicalise(
    found: Sequence[tuple[Entity, str | None]], gazetteer: Gazetteer, aliases: Sequence[tuple[int, int]] = ()
) -> list[Entity]:
    """One canonical name per entity in the document.

    A known name takes the gazetteer's spelling; a person's shorter mention ("Putin", "Lam") takes
    the canonical name of the longest person mention in the same document that contains it; other
    spellings that fold alike share the one with most diacritics. A company's legal form ("PT …
    Tbk") and a bracketed short form are not part of the name, and a short form, defined in brackets
    or made of the initials of one organisation named in the document ("BSI" after "Bank Syariah
    Indonesia"), names that organisation, as an alias does the entity it follows (``aliases``: pairs
    of indexes into ``found``, see ``document.alias_pairs``).
    """
    _label_aliases(found, aliases)
    names = [bare_name(entity.text, place=kind_of(entity.label) == "LOC") for entity, _ in found]
    names = [
        (_office_spelled(bare, gazetteer), short) if entity.label != "PERSON" else (bare, short)
        for (entity, _), (bare, short) in zip(found, names, strict=True)
    ]
    keys = [folded_words(bare) for bare, _ in names]
    spelling: dict[tuple[str, ...], str] = {}
    for (entity, known), (bare, _), key in zip(found, names, keys, strict=True):
        named = gazetteer.get(bare)
        if (
            named is not None
            and entity.label == "PERSON"
            and named.label != "PERSON"
            and INITIALISM.fullmatch(bare)
        ):
            named = None  # "berinisial AS": a suspect's initials, not the country they spell
        name = known or (named.canonical if named else None)
        candidate = name or _unshouted(" ".join(bare.split()))
        best = spelling.get(key)
        if best is None or (name is None and _richer(candidate, best)) or name:
            spelling[key] = candidate
    for (_, short), key in zip(names, keys, strict=True):
        if short and (gazetteer.get(short) is None or _initials(key) == "".join(folded_words(short))):
            for form in (short, _office_spelled(short, gazetteer)):  # "(BNNP Kepri)" is "BNNP Kepulauan Riau"
                spelling[folded_words(form)] = spelling[key]  # "Ogan Komering Ilir (OKI)" is not the OIC
    for alias, original in aliases:
        spelling[keys[alias]] = spelling[keys[original]]
    _spell_initialisms(found, keys, spelling, gazetteer)
    written_as_region = [REGION.match(entity.text) is not None for entity, _ in found]
    named_regions = {name for entity, _ in found for name in REGION_NAMED.findall(entity.text)}
    regions = {key for key, region in zip(keys, written_as_region, strict=True) if region}
    regions.update(folded_words(name) for name in named_regions)
    people: dict[tuple[str, ...], tuple[str, ...]] = {}
    for (entity, _), key in zip(found, keys, strict=True):
        if entity.label != "PERSON" or len(key) < 2:
            continue
        for size in range(1, len(key)):
            for offset in range(len(key) - size + 1):
                part = key[offset : offset + size]
                if part not in regions and len(people.get(part, ())) < len(key):
                    people[part] = key
    longer = _longer_organisations(found, keys)
    result = []
    for (entity, _), key in zip(found, keys, strict=True):
        full = people.get(key)
        if (
            full is not None
            and entity.label in ("PERSON", "LOC", "ORG")
            and gazetteer.get(entity.text) is None
            and not DESCRIBED.match(entity.text)
        ):  # "distrik Isa" is a place, whoever Isa Tomomune is
            entity.label, key = "PERSON", full
        elif entity.label == "ORG" and len(longer.get(key, ())) == 1 and gazetteer.get(entity.text) is None:
            (key,) = longer[key]
        entity.canonical = spelling.get(key, entity.canonical)
        result.append(entity)
    _vote_labels(
        result,
        gazetteer,
        {e.canonical for e, region in zip(result, written_as_region, strict=True) if region} | named_regions,
    )
    return result


def _label_aliases(found: Sequence[tuple[Entity, str | None]], aliases: Sequence[tuple[int, int]]) -> None:
    """Every mention of an alias is the kind of entity it names: "Sritex" is the company, also where
    the tagger took it for a place."""
    if not aliases:
        return
    kinds = {folded_words(found[alias][0].text): found[original][0].label for alias, original in aliases}
    for entity, _ in found:
        kind = kinds.get(folded_words(entity.text))
        if kind is not None and kind_of(entity.label) != kind_of(kind):
            entity.label = kind


def _office_spelled(bare: str, gazetteer: Gazetteer) -> str:
    """An office named with its unit's or its region's short or other form, spelled out with the
    region's canonical name: "Polda Jabar", "Polda Jawa Barat" and "Kepolisian Daerah Jawa Barat" are
    one, as are "Bawaslu Sumut" and "Bawaslu Sumatera Utara". A country keeps the spelling the name
    has ("Bank of China")."""
    words = bare.split()
    if len(words) > 1 and words[0][:1].isupper() and (unit := UNIT_SHORT_FORMS.get(fold(words[0]))):
        words = [*unit.split(), *words[1:]]
    for size in range(min(3, len(words) - 1), 0, -1):
        tail = words[-size:]
        place = gazetteer.get(" ".join(tail))
        if place is not None and place.label == "LOC" and tail[0][:1].isupper():
            if place.canonical not in gazetteer.countries:
                words = [*words[:-size], place.canonical]
            break
    return " ".join(words)


def _initials(key: tuple[str, ...]) -> str:
    return "".join(word[0] for word in key)


def _spell_initialisms(
    found: Sequence[tuple[Entity, str | None]],
    keys: Sequence[tuple[str, ...]],
    spelling: dict[tuple[str, ...], str],
    gazetteer: Gazetteer,
) -> None:
    """ "BSI" takes the spelling of "Bank Syariah Indonesia" when that is the one organisation of the
    document whose initials it spells."""
    by_initials: dict[str, set[tuple[str, ...]]] = {}
    for (entity, _), key in zip(found, keys, strict=True):
        if entity.label == "ORG" and len(key) > 1:
            by_initials.setdefault(_initials(key), set()).add(key)
    for (entity, _), key in zip(found, keys, strict=True):
        if entity.label != "ORG" or not INITIALISM.fullmatch(entity.text) or gazetteer.get(entity.text):
            continue
        named = by_initials.get(key[0], set())
        if len(named) == 1:
            spelling[key] = spelling[next(iter(named))]


def _longer_organisations(
    found: Sequence[tuple[Entity, str | None]], keys: Sequence[tuple[str, ...]]
) -> dict[tuple[str, ...], set[tuple[str, ...]]]:
    """The organisations of the document whose names begin with each shorter name of two words or more:
    "Partai Komunis" after "Partai Komunis Vietnam" is the same party, unless two such parties are named."""
    longer: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    for (entity, _), key in zip(found, keys, strict=True):
        if entity.label == "ORG":
            for size in range(2, len(key)):
                longer.setdefault(key[:size], set()).add(key)
    return longer


def _vote_labels(entities: Sequence[Entity], gazetteer: Gazetteer, regions: Collection[str]) -> None:
    """One kind per canonical name in a document: the most frequent, ties going to the gazetteer's;
    a name the document also writes as a region (``regions``, "Kabupaten Deli Serdang") is a place,
    and one it writes with a company's legal form ("PT Sri Rejeki Isman Tbk") an organisation,
    however the tagger took its short name ("Sritex"), unless the gazetteer knows it as something
    else. A place keeps its role in each mention: "ke Israel" stays LOC beside "Israel menyerang"
    (GPE)."""
    votes: dict[str, Counter[str]] = {}
    companies: set[str] = set()
    for entity in entities:
        votes.setdefault(entity.canonical, Counter())[kind_of(entity.label)] += 1
        if entity.label == "ORG" and LEGAL_FORM.search(entity.text):
            known = gazetteer.get(entity.canonical)
            if known is None or known.label == "ORG":  # "PT Bali" cut from "PT Bali Dwipa Televisi"
                companies.add(entity.canonical)
    for entity in entities:
        counts = votes[entity.canonical]
        known = gazetteer.get(entity.canonical)
        if entity.canonical in regions:
            kind = "LOC"
        elif entity.canonical in companies:
            kind = "ORG"
        else:
            kind = max(counts, key=lambda label: (counts[label], known is not None and known.label == label))
        if kind != kind_of(entity.label):
            entity.label = kind


def _unshouted(name: str) -> str:
    """A name in capitals, as datelines and some headlines print it, spelled as a name: "FLORES
    TIMUR" → "Flores Timur", so that it meets the same name in the body and in other articles.
    Words of four letters or fewer stay as they are: they may be acronyms ("BPBD FLORES TIMUR")."""
    if not name.isupper():
        return name
    return " ".join(word.title() if len(word) > 4 and word.isalpha() else word for word in name.split())


def _richer(candidate: str, best: str) -> bool:
    """Prefer a spelling in lower case to one in capitals ("Karo" over a dateline's "KARO"), then the
    one that keeps more diacritics ("Tô Lâm" over "To Lam")."""

    def richness(name: str) -> tuple[bool, int]:
        return not name.isupper(), sum(not c.isascii() for c in name)

    return richness(candidate) > richness(best)
