"""Sentence rules: the tagger's spans and the gazetteer's matches in one sentence become mentions
with the right extent and label, then ``Entity`` records with the person's role.

``find`` runs the rules in order over a document's sentences. Each rule is a function of the
sentence's mentions and words, named after what it fixes, and each fixes something the tagger gets
wrong in news; the unit tests name the behaviour each one adds."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass

from warta.pipeline.dates import MONTHS, WEEKDAYS
from warta.pipeline.entities.gazetteer import Gazetteer, Match, fold, name_cased
from warta.pipeline.entities.names import GPE, INITIALISM, LABELS, LEGAL_FORM, REGION, bare_name, kind_of
from warta.pipeline.entities.place_roles import acts
from warta.pipeline.entities.tagger import Sentence, is_cased, lexicon, scorer, spans
from warta.pipeline.entities.tokens import Token, abbreviation, sentences
from warta.pipeline.entities.words import (
    AREA_TITLES,
    BALINESE_ORDER,
    BRANCH_WORDS,
    CLUB,
    COMPANY_FORMS,
    CONNECTIVES,
    DIRECTIONS,
    FORCES,
    FUNCTION_WORDS,
    HALLS,
    HONORIFICS,
    INITIALLED,
    LOCATIVES,
    MINISTERS,
    NAME_PARTICLES,
    NAME_TITLES,
    ORG_ENDS,
    ORG_HEADS,
    OUTLET_QUALIFIERS,
    OUTLETS,
    PERS_WORDS,
    PLACE_HEADS,
    RANKS,
    REGION_WORDS,
    REGIONAL_OFFICES,
    ROLE_WORDS,
    SAYING,
    SEATS,
    SPEECH,
    TERMS,
    TERRITORIAL_UNITS,
)
from warta.records import Entity

_MAX_ROLE_WORDS = 6


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    label: str
    canonical: str | None = None


_NAME_ENDS = frozenset(").+")
"""Marks a name may end on: its short form's bracket, an abbreviation's stop, "OPEC+"."""


def _inside_marks(start: int, end: int, words: Sequence[str]) -> tuple[int, int]:
    """A tagged span without the marks the tagger ran into at its edges: Markdown's "**JAKARTA**",
    a quote's "Filipina\"", a bullet's "• VIVA", the closing bracket of "kecerdasan buatan (AI)". A
    name opens on a word or a bracket, and ends on a bracket only if it opened one ("(MK)")."""
    while start < end and words[start] != "(" and not _has_word(words[start]):
        start += 1
    while end > start and (
        (words[end - 1] not in _NAME_ENDS and not _has_word(words[end - 1]))
        or (words[end - 1] == ")" and "(" not in words[start : end - 1])
    ):
        end -= 1
    return start, end


_LATIN = re.compile("[A-Za-z]")
"""Names in Indonesian news are written in Latin letters: an Arabic verse or a Chinese quotation
that the tagger ran into names no one."""


def _has_word(token: str) -> bool:
    """Whether a token holds a letter or digit (or a vowel sign of a script that writes one apart),
    not marks alone."""
    return any(char.isalnum() or unicodedata.category(char) == "Mn" for char in token)


def _merge(
    model: list[tuple[int, int, str]], words: Sequence[str], gazetteer: Gazetteer, matches: Sequence[Match]
) -> list[Mention]:
    """The tagger's spans, with known names that no span overlaps or that wrap shorter spans (a
    place the tagger found part of, "Korea" in "Korea Utara", takes the whole known name). A known
    place is kept even where the tagger, taught partly by idner-news-2k, leaves it out: that corpus
    marks a country only where it is a location ("ke Israel"), not where it acts ("Israel menuding"),
    which would leave the events stage without its actor (``_mark_acting_places`` labels such
    mentions GPE); NERGrit and NERP mark both. A span made of two or more known names ("kantor berita
    Rusia Interfax") becomes those names, and an organisation that ends inside a known place takes
    all of it ("Badan Pusat Statistik Provinsi Jawa Tengah")."""
    mentions = [
        Mention(*_inside_marks(start, end, words), label) for start, end, label in model if label in LABELS
    ]
    mentions = [m for m in mentions if m.end > m.start]
    starts = {match.start: match for match in matches}
    for mention in list(mentions):
        tiles = []
        i = mention.start
        while (match := starts.get(i)) is not None and match.end <= mention.end:
            tiles.append(match)
            i = match.end
        if i == mention.end and len(tiles) > 1:
            mentions.remove(mention)
            mentions += [Mention(t.start, t.end, t.name.label, t.name.canonical) for t in tiles]
    for match in matches:
        overlapping = [m for m in mentions if m.start < match.end and match.start < m.end]
        if match.name.label == "LOC" and overlapping and not all(m.label == "LOC" for m in overlapping):
            for m in overlapping:
                if m.label == "ORG" and m.start < match.start < m.end < match.end:
                    m.end = match.end  # "Badan Pusat Statistik Provinsi Jawa" + "Tengah"
            continue
        if all(match.start <= m.start and m.end <= match.end for m in overlapping):
            mentions = [m for m in mentions if m not in overlapping]
            mentions.append(Mention(match.start, match.end, match.name.label, match.name.canonical))
    return sorted(mentions, key=lambda m: m.start)


_CENTRE_FIELDS = frozenset(
    ["studi", "kajian", "penelitian", "riset", "pelaporan", "vulkanologi", "laboratorium", "pengembangan"]
)
"""What a centre ("Pusat") that is an organisation studies or does: "Pusat Studi Keamanan
Asia-Pasifik", "Pusat Laboratorium Forensik Polri"; "Pusat" alone ends places ("Jakarta Pusat")."""
_MAY_OPEN_ORGANISATIONS = ORG_HEADS | {"pusat"}
"""Every word that may open an organisation's name: the heads, and "Pusat", which does only before a
field of work (``_opens_organisation`` decides); sentences that hold none skip the rules for heads."""


def _opens_organisation(folded: Sequence[str], i: int) -> bool:
    """Whether the word at ``i`` heads an organisation's name: "Kantor SAR Palu", not "Kantor Desa"."""
    if folded[i] not in _MAY_OPEN_ORGANISATIONS:
        return False
    if folded[i] == "pusat":
        return i + 1 < len(folded) and folded[i + 1] in _CENTRE_FIELDS
    return folded[i] not in HALLS or i + 1 == len(folded) or folded[i + 1] not in SEATS


_MAX_NAME_WORDS = 4
_MAX_ORG_WORDS = 12
"""Words an organisation's name may run to: a regional office names its unit and its province, "Dinas
Energi dan Sumber Daya Mineral Provinsi Sulawesi Utara"."""
_DASHES = frozenset(["-", "–", "—"])
_MAX_DATELINE_WORDS = 4
_QUOTE_ENDS = frozenset([",", '"', "”", "'", "’"])


def _added(mentions: list[Mention], found: list[Mention]) -> list[Mention]:
    """``mentions`` with the mentions a rule ``found`` among them, in text order."""
    return sorted([*mentions, *found], key=lambda m: m.start) if found else mentions


def _taken(spans: Sequence[Mention] | Sequence[Match]) -> set[int]:
    """The words some mention, or some known name, already covers."""
    return {k for m in spans for k in range(m.start, m.end)}


def _covering(mentions: Sequence[Mention]) -> dict[int, Mention]:
    """Each word some mention covers, with that mention."""
    return {k: m for m in mentions for k in range(m.start, m.end)}


def _split_at(mention: Mention, cut: Sequence[bool]) -> list[Mention]:
    """The parts of ``mention`` between the words marked in ``cut``."""
    parts = []
    start = mention.start
    for i in range(mention.start, mention.end + 1):
        if i == mention.end or cut[i]:
            if i > start:
                keep = mention.canonical if (start, i) == (mention.start, mention.end) else None
                parts.append(Mention(start, i, mention.label, keep))
            start = i + 1
    return parts


def _split_at_dashes(
    mentions: Sequence[Mention], words: Sequence[str], gazetteer: Gazetteer
) -> list[Mention]:
    """A dash standing alone with two words or more of the mention on each side, or with a known name
    before it, separates a dateline from the text ("CNBC Indonesia - Asosiasi Pengusaha Indonesia",
    "KOMPAS.com - Komisi Pemilihan Umum"): such a mention is cut at its dashes. Text tokenised with
    spaces around hyphens keeps its one-word halves together ("Zeta - Jones", "Sony Music Indonesia -
    BMG")."""
    cut = [word in _DASHES for word in words]
    result: list[Mention] = []
    for mention in mentions:
        inner = range(mention.start + 2, mention.end - 2)
        dateline = any(
            cut[i] and gazetteer.get(" ".join(words[mention.start : i])) is not None
            for i in range(mention.start + 1, mention.end - 1)
        )
        result += _split_at(mention, cut) if dateline or any(cut[i] for i in inner) else [mention]
    return result


def _names_a_place(mention: Mention, words: Sequence[str], gazetteer: Gazetteer) -> bool:
    """ "Mausoleum Ho Chi Minh" (a place head and a name), "Rusia-Ukraina" (known places joined)."""
    if mention.end - mention.start == 1:
        return _places_pair(words[mention.start], gazetteer)
    first = words[mention.start]
    return first[:1].isupper() and fold(first) in PLACE_HEADS


def _places_pair(word: str, gazetteer: Gazetteer) -> bool:
    """ "Rusia-Ukraina": known places joined by a hyphen."""
    parts = word.split("-")
    return len(parts) > 1 and all(
        (known := gazetteer.get(part)) is not None and known.label == "LOC" for part in parts
    )


def _trim_start(mention: Mention, words: Sequence[str]) -> None:
    """A name opens with no bracketed short form of the name before it: "Konferensi Tingkat Tinggi
    (KTT) Kerja Sama Ekonomi Asia-Pasifik", tagged from "(KTT)" on; a name in brackets alone stays,
    as the news corpora mark it ("(Jokowi)"). A place after "Wali" loses the title's "Kota" ("Wali
    Kota Makassar"), before any rule reads where the place starts."""
    if words[mention.start] == "(" and ")" in words[mention.start : mention.end - 1]:
        mention.start = words.index(")", mention.start) + 1
    if mention.label == "LOC" and mention.end - mention.start > 1 and _wali_kota(words, mention.start):
        mention.start += 1


_YEAR_OR_SCORE = re.compile(r"(?:19|20)\d\d|\d{1,2}-\d{1,2}")
_NUMBER = re.compile(r"\d+|[IVX]+")


def _without_numbers(mention: Mention, words: Sequence[str]) -> bool:
    """Trim the numbers the tagger ran into: a person's name has no digits ("Timnas Indonesia U-23
    Shin Tae-yong"), a year or a score ends no name ("Pilkada Jakarta 2024", "Uzbekistan 0-2"), and a
    place ends before its floor or room ("Gedung BEI Medan lantai II"); none of the news corpora
    marks these. False when no word is left."""
    if mention.label == "PERSON":
        while mention.start < mention.end and any(c.isdigit() for c in words[mention.start]):
            mention.start += 1
        while mention.end > mention.start and any(c.isdigit() for c in words[mention.end - 1]):
            mention.end -= 1
    else:
        while mention.end - mention.start > 1 and _YEAR_OR_SCORE.fullmatch(words[mention.end - 1]):
            mention.end -= 1
        while (
            mention.label == "LOC"
            and mention.end - mention.start > 2
            and _NUMBER.fullmatch(words[mention.end - 1])
            and words[mention.end - 2].islower()
        ):
            mention.end -= 2
    return mention.end > mention.start


def _name_like(word: str) -> bool:
    """Written as one word of a name: "Sabar", not "SABAR", "sabar" or "Al-Qaeda"."""
    return word.isalpha() and word[:1].isupper() and word[1:].islower()


def _lower_word(word: str) -> bool:
    """A lower-case word that no name has inside it: "Lembaga riset Center of Economic and Law Studies"."""
    return word.isalpha() and word.islower() and word not in CONNECTIVES and word not in NAME_PARTICLES


def _headline(words: Sequence[str]) -> bool:
    """Most longer words capitalised and no full stop at the end: a title-cased headline, where
    capitals say little. A sentence of the body ends with a stop, however many names it holds
    ("Tim gabungan Polda Aceh, Kodam Iskandar Muda, dan BNNP Aceh memusnahkan …")."""
    if words and words[-1] == ".":
        return False
    long = [word for word in words if len(word) > 3 and word.isalpha()]
    return len(long) >= 4 and sum(word[:1].isupper() for word in long) >= 0.7 * len(long)


def _wali_kota(words: Sequence[str], k: int) -> bool:
    """Whether ``words[k]`` is the "Kota" of "Wali Kota", the mayor's title written as two words: no
    place head there, "Wali Kota Bitung" is a title and its town."""
    return k > 0 and fold(words[k]) == "kota" and fold(words[k - 1]) == "wali"


def _after_title(folded: Sequence[str], k: int, titles: frozenset[str]) -> bool:
    """Whether a title ends right before ``folded[k]``, its role words included ("Menteri Luar Negeri")."""
    while k > 1 and folded[k - 1] in ROLE_WORDS:
        k -= 1
    return k > 0 and (folded[k - 1] in titles or _wali_kota(folded, k - 1))


def _tidy(
    mentions: list[Mention],
    words: Sequence[str],
    folded: Sequence[str],
    gazetteer: Gazetteer,
    matches: Sequence[Match],
    headline: bool,
) -> list[Mention]:
    """Rules for cased text on top of the tagger: organisation heads make organisations, which start
    after a generic lower-case lead ("Lembaga riset Center of …"; a known organisation before the
    lower-case word stays a mention of its own) and end before lower-case words the tagger ran
    into; names lose the numbers at their edges; persons and places end at function words; a
    person's name ends before headline words ("Putin Tiba"); untagged capitalised names after a title
    or a speech verb are persons."""
    titles = gazetteer.titles
    triggered = any(f in titles or f in SPEECH for f in folded)
    capital = [word[:1].isupper() for word in words]
    headed = any(capital[i] and f in _MAY_OPEN_ORGANISATIONS for i, f in enumerate(folded))  # checked below
    if not mentions and not triggered and not headed:
        return mentions
    common = lexicon().common
    for mention in mentions:
        if (
            mention.label == "PERSON"
            and mention.start
            and folded[mention.start] in BALINESE_ORDER
            and words[mention.start - 1] in ("I", "Ni")
        ):
            mention.start -= 1  # "I Made Suarjana", "Ni Luh Putu …"
    cut = [f in FUNCTION_WORDS and word.islower() for f, word in zip(folded, words, strict=True)]
    places = {m.start: m for m in matches if m.name.label == "LOC"}
    if headed and not headline:
        mentions = _headed_organisations(mentions, folded, capital, titles)
    tidy: list[Mention] = []
    for mention in mentions:
        if mention.canonical is not None:
            tidy.append(mention)
            continue
        if not _without_numbers(mention, words):
            continue
        if capital[mention.start] and _opens_organisation(folded, mention.start):
            mention.label = "ORG"
        elif _names_a_place(mention, words, gazetteer):
            mention.label = "LOC"
        if mention.label == "ORG":
            generic = [i for i in range(mention.start, mention.end - 1) if _lower_word(words[i])]
            if generic and words[generic[-1] + 1][:1].isupper():
                known = next((m for m in matches if m.start == mention.start and m.end <= generic[0]), None)
                if known is not None:  # "Pertamina Hanung Budya jelang Raker": a tagger run-on
                    tidy.append(Mention(mention.start, generic[0], "ORG"))
                mention.start = generic[-1] + 1
            while (
                mention.end - mention.start > 1
                and (_lower_word(words[mention.end - 1]) or folded[mention.end - 1] in RANKS)
                and not (mention.end - mention.start == 2 and folded[mention.start] in ORG_HEADS)
            ):  # "TPI Palu guna …", "Polsek Tamansari Kompol …" (a rank), but "Bank bjb"
                mention.end -= 1
            tidy.append(mention)
            continue
        parts = _split_at(mention, cut) if any(cut[mention.start : mention.end]) else [mention]
        for part in parts:
            if part is not mention and capital[part.start] and _opens_organisation(folded, part.start):
                part.label = "ORG"  # "Kota Padang bersama Dinas Pendidikan Kota Padang": the second is a unit
            if part.label == "LOC" and not _lower_edges_trimmed(part, words, folded):
                continue
            place = places.get(part.start)
            if (
                part.label == "LOC"
                and place is not None
                and place.end < part.end
                and folded[place.end] not in DIRECTIONS
                and _after_title(folded, part.start, titles)
            ):  # "pelatih Jepang Hajime Moriyasu": the title's country, split off the person below;
                # "Bupati Maluku Tengah" is a regency
                part.label = "PERSON"
            if part.label == "PERSON" and gazetteer.get(" ".join(words[part.start : part.end])) is None:
                while (
                    part.end - part.start > 1
                    and words[part.start].islower()
                    and folded[part.start] not in NAME_PARTICLES
                ):
                    part.start += 1
                while (
                    part.end - part.start > 1
                    and words[part.end - 1][:1].islower()
                    and folded[part.end - 1].split("-")[0] not in NAME_PARTICLES
                ):  # "Joko Widodo pasca-Pemilu", not "Bashar al-Assad"
                    part.end -= 1
                if not any(capital[part.start : part.end]):
                    continue  # "memimpin misa akbar": cased text writes no name in lower case
                place = places.get(part.start)
                if place is not None and place.end < part.end:
                    tidy.append(Mention(place.start, place.end, "LOC", place.name.canonical))
                    part.start = place.end
                if headline:
                    while part.end - part.start > 1 and folded[part.end - 1] in common:
                        part.end -= 1
                    while part.end - part.start > 1 and folded[part.start] in common:
                        part.start += 1
                    if all(folded[i] in common for i in range(part.start, part.end)):
                        continue
            tidy.append(part)
    if not triggered or headline:
        return tidy
    return _titled_people(tidy, words, folded, capital, gazetteer, places)


def _lower_edges_trimmed(place: Mention, words: Sequence[str], folded: Sequence[str]) -> bool:
    """A place in cased text ends at a capital: "Jalan Gatot Subroto roboh" ends before the verb,
    though "Lebanon selatan" keeps its side. It opens at a capital or at a place's head written in
    lower case ("kota Sderot") or a foreign district's level ("distrik Sudzha"), not at the word
    before the name ("ke gawang Indonesia", "di hadapan DPR", "rumah Sunhaji"). False for a "place"
    with no capital at all ("lereng perbukitan"), which names nothing."""
    while (
        place.end - place.start > 1
        and _lower_word(words[place.end - 1])
        and folded[place.end - 1] not in DIRECTIONS
    ):
        place.end -= 1
    while (
        place.end - place.start > 1
        and _lower_word(words[place.start])
        and folded[place.start] not in PLACE_HEADS
        and not REGION.match(" ".join(words[place.start : place.end]))
    ):
        place.start += 1
    return any(word[:1].isupper() for word in words[place.start : place.end])


def _headed_organisations(
    mentions: list[Mention], folded: Sequence[str], capital: Sequence[bool], titles: frozenset[str]
) -> list[Mention]:
    """A capitalised organisation head and the capitalised words after it, left untagged by the tagger
    or tagged only in part, are one organisation: "Kedutaan Besar AS" is the embassy, not the place
    "AS"; "Kementerian Luar Negeri Rusia" the ministry. An organisation the tagger found takes the
    place right after it, as the news corpora mark it: "Kejaksaan Tinggi Sulawesi Selatan", also past
    a word or two of the name that the tagger left ("Partai Demokrat Liberal Jepang", "Perum Bulog
    Kantor Wilayah Lampung"); it is then no longer the body the gazetteer knows by the shorter name
    ("Kementerian Luar Negeri Vietnam" is not Indonesia's), unless the place is Indonesia. A run
    ends at the title of a person in it ("Polda Metro Jaya Kombes Wira …", but "Direktorat Jenderal
    Imigrasi"); one that ends in a person is the organisation, then the person ("Bank Permata Josua
    Pardede"), and the person's name starts right after a place that follows the head ("Timnas
    Indonesia Witan Sulaeman"). A run that ends in a region takes in the organisation the tagger
    found in it, as an office: "Kantor Kementerian Agama Kabupaten Jember"; so does one that ends in
    the national police or armed forces, a unit of theirs: "Korlantas Polri" (the corpora otherwise
    keep a parent apart from its unit: "Komisi II" of the DPR)."""
    covered = _covering(mentions)

    def joined(k: int) -> bool:
        """ "dan" inside a unit's name: "Dinas Kelautan dan Perikanan", not "BPS dan Bank Indonesia" or
        "Polda Aceh dan Bea Cukai Aceh", where an organisation the tagger found follows; a comma
        before a word no mention holds, in a list that "dan" closes: "Biro Pers, Media, dan
        Informasi", "Balai Besar Meteorologi, Klimatologi, dan Geofisika"."""
        if folded[k] == ",":
            dan = next((j for j in range(k + 1, min(k + 5, len(folded))) if folded[j] == "dan"), None)
            return (
                dan is not None
                and k + 1 not in covered
                and all(capital[j] or folded[j] == "," for j in range(k + 1, dan))
                and joined(dan)
            )
        return (
            folded[k] == "dan"
            and k + 1 < len(folded)
            and capital[k + 1]
            and folded[k + 1] not in ORG_HEADS
            and folded[k + 1] not in titles
            and not (k + 1 in covered and covered[k + 1].start == k + 1 and covered[k + 1].label == "ORG")
        )

    found: list[Mention] = []
    i = 0
    while i < len(folded):
        head = covered.get(i)
        if not (capital[i] and _opens_organisation(folded, i)):
            i += 1
            continue
        tagged = head if head is not None and head.label == "ORG" and head.start == i else None
        if tagged is not None and not (tagged.end < len(folded) and joined(tagged.end)):
            head = tagged
            at = head.end
            while (
                at < min(head.end + 2, len(folded))
                and at not in covered
                and capital[at]
                and folded[at].isalpha()
                and folded[at] not in titles
            ):
                at += 1
            place = next((m for m in mentions if m.start == at and m.label == "LOC"), None)
            if place is not None and capital[place.start]:
                head.end = place.end
                if place.canonical != "Indonesia":  # Russia's foreign ministry is not Kemlu
                    head.canonical = None
                mentions = [m for m in mentions if m is not place]
            i = head.end
            continue
        if head is not None and head.label != "LOC" and tagged is None:
            i += 1
            continue
        end = i + 1
        while end < len(folded) and end - i < _MAX_ORG_WORDS and (capital[end] or joined(end)):
            end += 1
        named = next((k for k in range(i + 1, end) if k in covered and covered[k].label == "PERSON"), i)
        if named > i:  # the person may go on past lower-case particles: "Komisi Eropa Ursula von der Leyen"
            end = max(end, covered[named].end)
        title = next((k for k in range(named, i, -1) if folded[k] in titles), None)
        while title is not None and title - 1 > i and folded[title - 1] in titles:
            title -= 1  # a title of several words: "Brigjen Pol"
        end = title if title is not None else end
        inside = {covered[k].start: covered[k] for k in range(i, end) if k in covered}.values()
        people = [m for m in inside if m.label == "PERSON"]
        parent = any(
            m.end == end
            and ((m.label == "LOC" and folded[m.start] in REGION_WORDS) or folded[m.start] in FORCES)
            for m in inside
        )
        if end - i > 1 and all(
            m.start >= i
            and m.end <= end
            and (
                m.label == "LOC"
                or m is head
                or (parent and m.label == "ORG")
                or (folded[m.start - 1] == "dan" and _spelled_out(folded, capital, i, end))
            )
            for m in inside
        ):
            found.append(Mention(i, end, "ORG"))
            mentions = [m for m in mentions if m not in inside]
        elif len(people) == 1 and people[0].end == end:
            person = people[0]
            place = covered.get(i + 1)
            if (
                place is not None
                and place.label == "LOC"
                and place.start == i + 1
                and place.end <= person.start
            ):
                mentions = [m for m in mentions if m is not place]
                person.start = place.end
            if (
                person.start - i > 1
                and folded[person.start - 1] != "dan"  # no organisation ends in "dan"
                and all(m.label == "LOC" for m in inside if m is not person)
            ):
                found.append(Mention(i, person.start, "ORG"))
                mentions = [m for m in mentions if m is person or m not in inside]
        i = end
    return _added(mentions, found)


def _spelled_out(folded: Sequence[str], capital: Sequence[bool], start: int, end: int) -> bool:
    """Whether the bracketed short form right after words ``start`` to ``end`` is the initials of
    the capitalised ones, so that they are one name, "dan" and all, even where the tagger took the
    part after "dan" for a person: "Pusat Vulkanologi dan Mitigasi Bencana Geologi (PVMBG)"."""
    if end + 2 >= len(folded) or folded[end] != "(" or folded[end + 2] != ")":
        return False
    return folded[end + 1] == "".join(folded[k][0] for k in range(start, end) if capital[k])


def _titled_people(
    mentions: list[Mention],
    words: Sequence[str],
    folded: Sequence[str],
    capital: Sequence[bool],
    gazetteer: Gazetteer,
    places: dict[int, Match],
) -> list[Mention]:
    """ "Wakil Perdana Menteri Vietnam Tran Hong Ha", "…, kata Huong Le Thu.": the capitalised run
    after a title that names a place or organisation ("… Menteri Vietnam"), or after a speech verb
    that ends a quote, is a person when the tagger left it untagged, and the rest of the person's
    name when the tagger found only its first words."""
    label: list[str | None] = [None] * len(words)
    starting: dict[int, Mention] = {}
    for mention in mentions:
        starting[mention.start] = mention
        for i in range(mention.start, mention.end):
            label[i] = mention.label
    common = lexicon().common
    n = len(words)

    def name_end(j: int) -> int:
        k = j
        while (
            k < n
            and k - j < _MAX_NAME_WORDS
            and capital[k]
            and words[k][1:].islower()
            and label[k] is None
            and folded[k] not in common
            and folded[k] not in gazetteer.titles
            and folded[k] not in ROLE_WORDS
            and folded[k] not in ORG_HEADS
        ):
            k += 1
        return k

    def ends(k: int, speech: bool) -> bool:
        return k == n or (not (capital[k] or words[k][:1].isdigit()) and (not speech or words[k] in ",.;"))

    added = []
    for i, word in enumerate(folded):
        speech = word in SPEECH
        if (not speech and not (word in gazetteer.titles and capital[i])) or label[i] is not None:
            continue
        if speech and (i == 0 or words[i - 1] not in _QUOTE_ENDS):
            continue
        j = i + 1
        named: list[Mention] = []
        while j < n:
            place = places.get(j)
            if capital[j] and label[j] is None and (folded[j] in gazetteer.titles or folded[j] in ROLE_WORDS):
                j += 1
            elif not speech and label[j] in ("LOC", "ORG"):
                named.append(Mention(j, j + 1, "LOC"))
                j += 1
            elif not speech and place is not None and all(label[m] is None for m in range(j, place.end)):
                named.append(Mention(place.start, place.end, "LOC", place.name.canonical))
                j = place.end
            else:
                break
        found = starting.get(j)
        if found is not None and found.label == "PERSON" and found.canonical is None:
            k = name_end(found.end)
            if k > found.end and ends(k, speech):
                for m in range(found.end, k):
                    label[m] = "PERSON"
                found.end = k
            continue
        k = name_end(j)
        if k > j and ends(k, speech) and (speech or named):
            added.append(Mention(j, k, "PERSON"))
            added += [place for place in named if place.canonical is not None]
            for m in range(j, k):
                label[m] = "PERSON"
    return _added(mentions, added)


def _with_short_forms(mentions: list[Mention], words: Sequence[str], gazetteer: Gazetteer) -> list[Mention]:
    """ "Mahkamah Konstitusi (MK)": an organisation or place and the bracketed short form right after
    it are one mention (as news NER data marks them) when the short form starts with the first letter
    of one of the name's words ("Badan Pengelola Investasi Daya Anagata Nusantara (Danantara)", not
    "Jakarta (ANTARA)") or the gazetteer knows both as one entity ("Pengadilan Kriminal
    Internasional (ICC)"); the short form then names that entity wherever it recurs (see
    ``canonicalise``). A person's bracketed nickname, "Joko Widodo (Jokowi)", is a mention of its
    own, and a span that opens a bracket it does not close ("Jawa (Pantura") ends before it, as does
    one whose bracket holds no word ("Bank Central Asia ( )", where a crawler stripped a link). A name
    complete with its short form ends there: "Bank Syariah Indonesia (BSI) dan Mandiri Sekuritas" is
    two organisations."""
    kept: list[Mention] = []
    covered = 0
    for mention in _split_after_short_forms(mentions, words):
        if mention.start < covered:
            continue
        inside = words[mention.start : mention.end]
        opened = inside.index("(") if "(" in inside else None
        if opened is not None and not _closes_a_word(inside[opened:]):
            mention.end = mention.start + opened
            if mention.end == mention.start:
                continue
        i = mention.end
        if mention.label == "ORG" and i + 1 < len(words) and words[i] == "." and fold(words[i - 1]) == "tbk":
            mention.end = i = i + 1  # "PT PP (Persero) Tbk. (PTPP)": the stop is the abbreviation's
        if mention.label != "PERSON" and i + 2 < len(words) and words[i] == "(":
            close = next((j for j in range(i + 2, min(i + 5, len(words))) if words[j] == ")"), None)
            if close is not None and _shortens(
                words[i + 1 : close], words[mention.start : i], mention, gazetteer
            ):
                mention.end = covered = close + 1
        kept.append(mention)
    return kept


def _located_people(mentions: Sequence[Mention], words: Sequence[str], gazetteer: Gazetteer) -> None:
    """A "person" right after "di" (at) or "menuju" (towards) is where something happens: "berlangsung
    di Darwin", "Kapolsek … di Cileungsi"; so is one listed with places after "di", "ke", "dari" or
    "hingga", in a list that more than commas join: "dari Ranai dan Pontianak", "di Tel Aviv,
    Yerusalem, hingga Ashkelon" (a comma alone may give a person: "di Bukittinggi, Teguh Purnomo,
    mengatakan"). No one is written there but a person the gazetteer knows."""
    for run in _listed(mentions, words):
        opener = words[run[0].start - 1] if run[0].start else ""
        joined = {word for a, b in itertools.pairwise(run) for word in words[a.end : b.start]}
        listed = opener in _LIST_OPENERS and any(m.label == "LOC" for m in run) and bool(joined - {","})
        for mention in run:
            after = words[mention.end] if mention.end < len(words) else "."
            if (
                mention.label == "PERSON"
                and mention.canonical is None
                and (
                    (mention is run[0] and opener in ("di", "menuju"))
                    or (listed and (after in _LIST_SEPARATORS or after in _LIST_ENDS))
                )
                and gazetteer.get(" ".join(words[mention.start : mention.end])) is None
            ):
                mention.label = "LOC"


_LIST_OPENERS = frozenset(["di", "ke", "dari", "menuju", "hingga"])
_LIST_SEPARATORS = frozenset([",", "dan", "serta", "hingga", "atau", "maupun"])
_LIST_ENDS = frozenset([".", ";", ":", ")", "pada", "ke", "di"])
"""What may follow a place at the end of a list; not "(", which gives a person's age ("RW (47)")."""


def _listed(mentions: Sequence[Mention], words: Sequence[str]) -> list[list[Mention]]:
    """The mentions in runs that only list separators ("," "dan" "hingga" …) join, each run a list."""
    runs: list[list[Mention]] = []
    for mention in mentions:
        if (
            runs
            and all(word in _LIST_SEPARATORS for word in words[runs[-1][-1].end : mention.start])
            and (mention.start - runs[-1][-1].end <= 2)
        ):
            runs[-1].append(mention)
        else:
            runs.append([mention])
    return runs


def _title_holders(mentions: Sequence[Mention], words: Sequence[str], gazetteer: Gazetteer) -> None:
    """ "Ketua Umum Partai Solidaritas Indonesia (PSI) Kaesang Pangarep": a name right after an
    organisation that a title opens is whoever holds the title, also where the tagger took it for a
    place; a place the gazetteer knows, or one it opens, stays one ("Kepala BPBD Garut", "Ketua PHRI
    Aceh Hamdani", where the place's span ran on into the name)."""
    for organisation, name in itertools.pairwise(mentions):
        if (
            name.label == "LOC"
            and name.canonical is None
            and organisation.label == "ORG"
            and organisation.end == name.start
            and all(_name_like(word) for word in words[name.start : name.end])
            and gazetteer.get(words[name.start]) is None
            and gazetteer.get(" ".join(words[name.start : name.end])) is None
            and _after_title(
                [fold(word) for word in words[: organisation.start]], organisation.start, gazetteer.titles
            )
        ):
            name.label = "PERSON"


def _closes_a_word(bracket: Sequence[str]) -> bool:
    """Whether the words from an opening bracket on close it with a word inside: "(MK)", not "( )"."""
    return ")" in bracket and any(map(_has_word, bracket[1 : bracket.index(")")]))


def _split_after_short_forms(mentions: list[Mention], words: Sequence[str]) -> list[Mention]:
    """The mentions in order, each cut after a closed bracket that "dan", "serta" or a comma follows."""
    result: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: m.start):
        k = next(
            (
                k
                for k in range(mention.start + 1, mention.end - 2)
                if words[k] == ")" and fold(words[k + 1]) in ("dan", "serta", ",")
            ),
            None,
        )
        if k is not None and mention.canonical is None:
            result += [
                Mention(mention.start, k + 1, mention.label),
                Mention(k + 2, mention.end, mention.label),
            ]
        else:
            result.append(mention)
    return result


def _shortens(short: Sequence[str], name: Sequence[str], mention: Mention, gazetteer: Gazetteer) -> bool:
    """Whether the bracketed ``short`` is the short form of the ``name`` before it. Initials that
    spell the name are its short form in this text, whatever else the gazetteer knows by them:
    "Kabupaten Ogan Komering Ilir (OKI)" is not the Organisation of Islamic Cooperation."""
    bare, _ = bare_name(" ".join(name), place=kind_of(mention.label) == "LOC")
    initials = [fold(word[0]) for word in bare.split() if word[:1].isupper()]
    if len(short) == 1 and len(initials) > 1 and fold(short[0]) == "".join(initials):
        return True
    known = gazetteer.get(" ".join(short))
    if not short[0][:1].isupper() or (known is not None and known.label != kind_of(mention.label)):
        return False  # "Ambon (ANTARA)": a known outlet shortens no place
    if "tbk" in map(fold, name[-2:]):
        return True  # a listed company's ticker: "PT Bank Raya Indonesia Tbk (AGRO)", "… Tbk. (PTPP)"
    if fold(short[0][0]) in initials:
        return True
    return known is not None and mention.canonical is not None and known.canonical == mention.canonical


def _offices(mentions: list[Mention], words: Sequence[str], matches: Sequence[Match]) -> list[Mention]:
    """A known organisation named in one word and the known place right after it, or after
    "Provinsi", "Kabupaten" or "Kota", are its office there: "BPBD Garut", "KPU Sumut", "Bawaslu
    Sumut", "Arema Indonesia", "KPU Provinsi Papua Tengah". So is any place the text writes as a
    region after it, or after an acronym no list knows: "Bawaslu Kabupaten Cianjur", "PMI Kota
    Semarang"; or a place that opens with a known one: "BPBD Maluku Tengah". An organisation of any
    length takes a place written as a region right after it: "Inspektorat Kabupaten Timor Tengah
    Selatan"; "Pemerintah" before one is its government: "Pemerintah Kabupaten Kupang". It runs after
    the rules that find places by their heads, so that such a place is found."""
    towns = {match.start for match in matches if match.name.label == "LOC"}
    result: list[Mention] = []
    for mention in mentions:
        last = result[-1] if result else None
        if (
            mention.label == "LOC"
            and mention.start > 0
            and words[mention.start - 1] == "Pemerintah"
            and fold(words[mention.start]) in REGION_WORDS
            and (last is None or last.end < mention.start)
        ):
            result.append(Mention(mention.start - 1, mention.end, "ORG"))
            continue
        if (
            last is not None
            and last.label == "ORG"
            and words[last.start][:1].isupper()
            and mention.label == "LOC"
            and (
                (mention.start == last.end and fold(words[mention.start]) in REGION_WORDS)
                or (
                    last.end - last.start == 1
                    and (last.canonical is not None or words[last.start].isupper())
                    and _office_place(
                        mention,
                        last.end,
                        words,
                        towns,
                        known=last.canonical is not None,
                        regional=fold(words[last.start]) in REGIONAL_OFFICES,
                    )
                )
            )
        ):
            result[-1] = Mention(last.start, mention.end, "ORG")
            continue
        result.append(mention)
    return result


def _office_place(
    place: Mention, after: int, words: Sequence[str], towns: Collection[int], *, known: bool, regional: bool
) -> bool:
    """Whether ``place`` is where the organisation ending at ``after`` has its office: a place the
    text writes as a region right after it, or, for a known organisation, a known place (or one
    opening with a known town, ``towns``) right after it or after "Provinsi", "Kabupaten" or "Kota";
    for a body with an office in every region, any place there ("BPBD Majene", "Bawaslu Labuhanbatu
    Selatan")."""
    if place.start == after + 1:
        return known and fold(words[after]) in REGION_WORDS and (place.canonical is not None or regional)
    written_as_region = fold(words[place.start]) in REGION_WORDS
    known_place = place.canonical is not None or place.start in towns
    return place.start == after and (written_as_region or (known and (known_place or regional)))


def _mark_acting_places(mentions: Sequence[Mention], words: Sequence[str], matches: Sequence[Match]) -> None:
    """Known places that the classifier (``place_roles``) reads as actors become ``GPE``; a place right
    after "di", "ke", "menuju" (at, to, towards), "wilayah" or "kawasan" (territory, area) is a
    location whatever its name's habits ("serangan ke wilayah Israel")."""
    places = {(match.start, match.end) for match in matches if match.name.label == "LOC"}
    for mention in mentions:
        if (
            mention.label == "LOC"
            and (mention.start, mention.end) in places
            and not (mention.start and words[mention.start - 1] in LOCATIVES)
            and acts(words, mention.start, mention.end)
        ):
            mention.label = GPE


def _abbreviated(words: Sequence[str], k: int) -> bool:
    """Whether ``words[k]`` is a title's or an initial's abbreviation, its stop after it."""
    return k + 1 < len(words) and words[k + 1] == "." and abbreviation(words[k])


def _in_name(words: Sequence[str], k: int) -> bool:
    """A word of a name in cased text, counting abbreviations and their stops ("Jalan Ir. H. Juanda",
    "RSUP Prof. dr. I.G.N.G. Ngoerah")."""
    if words[k] == ".":
        return k > 0 and _abbreviated(words, k - 1)
    return name_cased(words[k]) or _abbreviated(words, k)


def _abbreviation_ends(words: Sequence[str], end: int) -> bool:
    """Whether a name run ending before ``end`` ends in an abbreviation or its stop, which no name
    does ("Jalan Sudirman No. 5")."""
    return words[end - 1] == "." or _abbreviated(words, end - 1)


def _headed_places(
    mentions: list[Mention],
    words: Sequence[str],
    folded: Sequence[str],
    matches: Sequence[Match],
    titles: frozenset[str],
    headline: bool,
) -> list[Mention]:
    """ "Bandara Sultan Aji Muhammad Sulaiman", "Jalan Perintis Kemerdekaan", "Desa Sukamaju": a
    capitalised place head and the capitalised words after it are one place, even where the tagger
    left them untagged, found only the name ("Lebak" in "Kabupaten Lebak") or took a person's name in
    it for a person; a person right after a known town is no part of it
    ("Stasiun Meteorologi Ahmad Yani Semarang Sutikno Wibowo"), nor one the tagger found after a
    titled place's name with no known town in it ("Sekretaris Daerah Kota Binjai Chairul Azmi
    Nasution"), nor one right after a region the tagger found ("PMI Kabupaten TTS Yohanes Nome";
    streets and airports are named after people, regencies are not). In a headline, where every word is
    capitalised, the place ends at a common word ("TPA Sarimukti Melebihi Kapasitas")."""
    if PLACE_HEADS.isdisjoint(map(str.lower, words)):
        return mentions
    covered = _covering(mentions)
    towns = {match.end for match in matches if match.name.label == "LOC"}
    common = lexicon().common if headline else frozenset()
    found: list[Mention] = []
    i = 0
    while i < len(words) - 1:
        head = covered.get(i)
        if (
            not (words[i][:1].isupper() and fold(words[i]) in PLACE_HEADS)
            or (head is not None and (head.start != i or head.label != "LOC"))
            or _wali_kota(words, i)
        ):
            i += 1
            continue
        end = i + 1
        while (
            end < len(words)
            and end - i < _MAX_ORG_WORDS
            and _in_name(words, end)
            and fold(words[end]) not in FUNCTION_WORDS
            and fold(words[end]) not in common
        ):
            end += 1
        while end - i > 1 and _abbreviation_ends(words, end):
            end -= 1
        inside = list({covered[k].start: covered[k] for k in range(i, end) if k in covered}.values())
        if inside and inside[-1].label == "PERSON":
            end = max(end, inside[-1].end)  # "Bandara Sultan Syarif Kasim II": the person's numeral
            start = inside[-1].start
            if (
                start in towns
                or (head is not None and start == head.end and folded[i] in REGION_WORDS)
                or (
                    start > i + 1
                    and _after_title(folded, i, titles)
                    and not any(i < k < start for k in towns)
                )
            ):
                end = inside.pop().start
        grows = head is None or head.end < end
        if grows and end - i > 1 and all(m.end <= end and m.label in ("LOC", "PERSON") for m in inside):
            found.append(Mention(i, end, "LOC"))
            mentions = [m for m in mentions if m not in inside]
        i = end
    return _added(mentions, found)


_AGE_GROUP = re.compile(r"U-?\d{2}")
"""A national team's age group: "Timnas Indonesia U-19"."""
_SIDES = DIRECTIONS | {"pusat"}
"""Words after a place or an organisation that name its part or office: "Maluku Tengah", "KONI Pusat"."""
_PLACE_LEADS = LOCATIVES | {"dari", "pada", "sekitar", "dekat", "antara"}
"""Words before a place that make it where something is, not whose person follows ("di Filipina")."""
_NOT_IN_NAMES = ORG_HEADS | PLACE_HEADS | _SIDES
"""Words that make the rest of an organisation's span a place or an organisation, not a person: "BPBD
Kota Binjai", "BPBD Maluku Tengah", "PN Jakarta Pusat"."""


def _organisations_then_people(
    mentions: list[Mention],
    words: Sequence[str],
    folded: Sequence[str],
    matches: Sequence[Match],
    gazetteer: Gazetteer,
    headline: bool,
) -> list[Mention]:
    """An organisation's span that runs into a person's name ends where the organisation does: at the
    last known place in it that the name follows ("Dinas Kesehatan Provinsi Bali Nyoman Gede Anom",
    "BPBD Kota Gorontalo Mahmud Baderan"), or at the known organisation that opens it; after a title,
    or before the rest of the name, also at a known organisation inside it ("Kepala Departemen
    Komunikasi BI Ramdan Denny Prakoso"), which is otherwise where its unit is ("RS Polri Kramat
    Jati"). So does a place's span that a known place opens right after a titled office ("Kepala
    Kejaksaan Tinggi (Kajati) DKI Jakarta Reda Manthovani"), or that a country opens after a common
    noun ("petinju Filipina Rolly Magbanua"; a city opens clubs' names, "mengalahkan Jakarta Popsivo
    Polwan"). The rest must be capitalised words, none known, an abbreviated title ("Ir."), a word
    cased text writes in lower case, an organisation's or place's head or last word ("Group") or a
    side ("Tengah", "Pusat"). When a person follows at once, the rest is that person's first name
    ("Gubernur BI Perry Warjiyo" tagged "BI Perry" and "Warjiyo"); otherwise it is a person of its
    own if it is two words or more ("Kementerian Luar Negeri Rolliansyah Soemirat", "BPBD Garut
    Satria Budi"), or one word after a title ("Ketua MK Suhartoyo", "Kepala Kantor SAR Gorontalo
    Heriyanto"). One word alone could as well be a term ("BI Rate"), a headline's verb ("Dekan FK
    Undip Akui"), the place of a body with regional offices ("Kepala BPBD Karo") or of one whose
    head is named after a comma ("Kepala Dinas PUPR Aceh Tamiang, Rusdianto")."""
    if not any(mention.label in ("ORG", "LOC") and mention.canonical is None for mention in mentions):
        return mentions
    common = lexicon().common
    titles = gazetteer.titles
    known = _taken(matches)

    def a_name(rest: range, shortest: int) -> bool:
        return (
            shortest <= len(rest) <= _MAX_NAME_WORDS
            and not any(k in known or _abbreviated(words, k) for k in rest)
            and all(words[k][:1].isupper() and words[k][1:].islower() for k in rest)
            and not any(
                folded[k] in _NOT_IN_NAMES
                or folded[k] in common
                or folded[k] in titles
                or folded[k] in ORG_ENDS
                for k in rest
            )
        )

    def head_end(anchor: Match, end: int) -> int:
        """Where the organisation or place ends: after the known name, and its side or a team's age
        group if one follows ("KONI Pusat", "Timnas Indonesia U-19")."""
        return anchor.end + (
            anchor.end + 1 < end
            and (folded[anchor.end] in _SIDES or _AGE_GROUP.fullmatch(words[anchor.end]) is not None)
        )

    result: list[Mention] = []
    for mention, following in itertools.zip_longest(mentions, mentions[1:]):
        named = following is not None and following.label == "PERSON" and following.start == mention.end
        titled = (
            not headline
            and not (
                following is not None
                and following.label == "PERSON"
                and list(words[mention.end : following.start]) == [","]
            )
            and (
                _after_title(folded, mention.start, titles)
                if mention.label == "ORG"
                else bool(result) and _titled_office(result[-1], mention, words, folded, titles)
            )
        )

        regional = folded[mention.start] in REGIONAL_OFFICES  # "Kepala BPBD Karo": its place follows
        anchor = max(
            (
                m
                for m in _name_anchors(
                    mention, words, folded, matches, gazetteer.countries, vouched=named or titled
                )
                if a_name(
                    range(head_end(m, mention.end), mention.end),
                    1 if named or (titled and not (regional and m.start == mention.start)) else 2,
                )
            ),
            key=lambda m: m.end,
            default=None,
        )
        if anchor is None:
            result.append(mention)
            continue
        opens = anchor.start == _name_start(mention, folded)
        end = head_end(anchor, mention.end)
        head = Mention(
            mention.start, end, mention.label, anchor.name.canonical if opens and end == anchor.end else None
        )
        if named and following is not None:  # the person's first name ran into the organisation
            following.start = head.end
            result.append(head)
        else:
            result += [head, Mention(head.end, mention.end, "PERSON")]
    return result


def _name_anchors(
    mention: Mention,
    words: Sequence[str],
    folded: Sequence[str],
    matches: Sequence[Match],
    countries: frozenset[str],
    *,
    vouched: bool,
) -> list[Match]:
    """The known names in a mention after which a person's name may start (``_organisations_then_people``):
    in an organisation no list knows whole, a known place inside it, the known organisation that
    opens it, and, if a title or the rest of the name vouches for a person, a known organisation
    inside it; in a place, the known place that opens it where a title vouches for a person, or a
    country that a common noun, not a preposition, comes before ("petinju Filipina …"), or an envoy's
    "untuk" ("Duta Besar China untuk Indonesia …")."""
    if mention.canonical is not None or LEGAL_FORM.search(" ".join(words[mention.start : mention.end])):
        return []
    inside = [m for m in matches if mention.start <= m.start and m.end < mention.end]
    if mention.label == "ORG":
        return [
            m
            for m in inside
            if (m.name.label == "LOC" and m.start > mention.start)
            or (m.name.label == "ORG" and (m.start == mention.start or vouched))
        ]
    if mention.label != "LOC":
        return []
    described = mention.start > 0 and (
        folded[mention.start - 1] == "untuk"  # "Duta Besar China untuk Indonesia Wang Lutong"
        or (_lower_word(words[mention.start - 1]) and folded[mention.start - 1] not in _PLACE_LEADS)
    )
    return [
        m
        for m in inside
        if m.start == _name_start(mention, folded)
        and m.name.label == "LOC"
        and (vouched or (described and m.name.canonical in countries))
    ]


def _name_start(mention: Mention, folded: Sequence[str]) -> int:
    """Where a mention's name starts: after the level of a region ("Kota Gorontalo")."""
    return mention.start + (mention.label == "LOC" and folded[mention.start] in REGION_WORDS)


def _titled_office(
    office: Mention, place: Mention, words: Sequence[str], folded: Sequence[str], titles: frozenset[str]
) -> bool:
    """Whether ``place`` follows the organisation ``office``, or its bracketed short form (which the
    office's span may hold up to its closing bracket), and a title opens the organisation: "Kepala
    Kejaksaan Tinggi (Kajati) DKI Jakarta"."""
    between = list(words[office.end : place.start])
    return (
        office.label == "ORG"
        and (between in ([], [")"]) or (between[0] == "(" and between[-1] == ")" and len(between) <= 3))
        and _after_title(folded, office.start, titles)
    )


def _employers(mentions: list[Mention], words: Sequence[str], matches: Sequence[Match]) -> list[Mention]:
    """A person's span the tagger ran back over the unit and the organisation before the name
    ("Komunikasi Kebencanaan BNPB Abdul Muhari", "Direktur Risk Management BSI Grandhis Helmi"):
    its first acronym, if a known organisation's and followed by two capitalised words or more that
    no list knows, is the organisation the person speaks for, and the words before it belong to
    the title. No name is written in capitals. A body with regional offices is left alone: what
    follows it may be its place ("BPBD Majene Muhammad Ilham Syah")."""
    acronyms = {
        m.start: m
        for m in matches
        if m.name.label == "ORG"
        and m.end - m.start == 1
        and words[m.start].isupper()
        and fold(words[m.start]) not in REGIONAL_OFFICES
    }
    if not acronyms:
        return mentions
    known = _taken(matches)
    result: list[Mention] = []
    for mention in mentions:
        first = next((k for k in range(mention.start, mention.end) if words[k].isupper()), -1)
        employer = acronyms.get(first) if mention.label == "PERSON" and mention.canonical is None else None
        if employer is None or not (
            employer.end + 2 <= mention.end
            and all(words[k][:1].isupper() and k not in known for k in range(employer.end, mention.end))
        ):
            result.append(mention)
            continue
        result += [
            Mention(employer.start, employer.end, "ORG", employer.name.canonical),
            Mention(employer.end, mention.end, "PERSON"),
        ]
    return result


def _branches(mentions: list[Mention], words: Sequence[str]) -> list[Mention]:
    """ "BPJS Kesehatan Cabang Garut", "BPKP Perwakilan Sumatera Utara": an organisation, "Cabang"
    (branch) or "Perwakilan" (representative office) and the place after it are the organisation's
    office there, one organisation."""
    if BRANCH_WORDS.isdisjoint(words):
        return mentions
    result: list[Mention] = []
    skip: Mention | None = None
    for mention, following in itertools.zip_longest(mentions, mentions[1:]):
        if mention is skip:
            continue
        branch = mention.end
        if (
            mention.label == "ORG"
            and branch + 1 < len(words)
            and words[branch] in BRANCH_WORDS
            and name_cased(words[branch + 1])
        ):
            place = following if following is not None and following.start == branch + 1 else None
            if place is None or place.label in ("LOC", GPE):
                mention = Mention(mention.start, place.end if place else branch + 2, "ORG")
                skip = place
        result.append(mention)
    return result


_UNIT_NUMBER = re.compile(r"\d+|[IVXL]+")


def _numbered_units(
    mentions: list[Mention], words: Sequence[str], folded: Sequence[str], titles: frozenset[str]
) -> list[Mention]:
    """ "Kodim 0204/Deli Serdang", "Kodam XII/Tanjungpura": a military unit, its number and the name
    after the slash are one organisation, which the tagger, seeing a number and a place, cuts apart.
    The name ends at a rank ("Korem 011/Lilawangsa Kolonel …"); a mention that runs on past the unit
    keeps its rest."""
    if TERRITORIAL_UNITS.isdisjoint(folded):
        return mentions
    units = []
    for i in range(len(words) - 1):
        if not (
            folded[i] in TERRITORIAL_UNITS and name_cased(words[i]) and _UNIT_NUMBER.fullmatch(words[i + 1])
        ):
            continue
        end = i + 2
        if end + 1 < len(words) and words[end] == "/" and name_cased(words[end + 1]):
            end += 2
            while (
                end < len(words)
                and end - i < _MAX_ORG_WORDS
                and name_cased(words[end])
                and folded[end] not in titles
            ):
                end += 1
        units.append(Mention(i, end, "ORG"))
    if not units:
        return mentions
    kept = []
    for mention in mentions:
        unit = next((u for u in units if mention.start < u.end and u.start < mention.end), None)
        if unit is None:
            kept.append(mention)
        elif mention.start >= unit.start and mention.end > unit.end:
            mention.start = unit.end
            kept.append(mention)
    return sorted(kept + units, key=lambda m: m.start)


_PLACE_ORG_ENDS = ORG_ENDS - {"centre", "center"}
"""The organisations' last words that end no venue's name ("Jakarta Convention Center")."""


def _companies(mentions: list[Mention], words: Sequence[str]) -> list[Mention]:
    """A "person" holding an organisation's last word is that organisation, and the person after it, if
    any ("East Ventures Yohanes Hartanto", "Openspace Ventures", "Volcanic Ash Advisory Centre"); a
    "place" ending in one is that organisation ("Sriwijaya Air", "New York Mercantile Exchange"),
    unless a place head opens it ("Bandara Internasional Beijing Capital") or the word also names a
    venue ("Jakarta Convention Center")."""
    result: list[Mention] = []
    for mention in mentions:
        last: int | None = None
        if mention.label == "PERSON":
            last = next(
                (
                    k
                    for k in range(mention.start + 1, mention.end)
                    if words[k][:1].isupper() and fold(words[k]) in ORG_ENDS
                ),
                None,
            )
        elif mention.label == "LOC" and fold(words[mention.start]) not in PLACE_HEADS:
            end = mention.end - 1
            if end > mention.start and name_cased(words[end]) and fold(words[end]) in _PLACE_ORG_ENDS:
                last = end
        if last is None:
            result.append(mention)
            continue
        result.append(Mention(mention.start, last + 1, "ORG"))
        if last + 1 < mention.end:
            result.append(Mention(last + 1, mention.end, "PERSON"))
    return result


def _untagged_companies(
    mentions: list[Mention], words: Sequence[str], titles: frozenset[str]
) -> list[Mention]:
    """A run of capitalised words the tagger left untagged, ending in an organisation's last word, is
    that organisation ("MNC Sekuritas", "Mirae Asset Sekuritas"), with an acronym tagged right before
    it ("BRI Danareksa Sekuritas") and "Indonesia" right after it, the company's local arm ("Samuel
    Sekuritas Indonesia"). The run starts after a title ("Kepala Riset MNC Sekuritas") and after a
    word cased text writes in lower case ("Maskapai Super Air"). Financial news quotes such firms'
    analysts in every market report."""
    ends = [k for k, word in enumerate(words) if k and fold(word) in ORG_ENDS and name_cased(word)]
    if not ends:
        return mentions
    covered = _covering(mentions)
    common = lexicon().common
    found: list[Mention] = []
    absorbed: list[Mention] = []
    for end in ends:
        if end in covered:
            continue
        start = end
        while (
            start > 0
            and start - 1 not in covered
            and name_cased(words[start - 1])
            and fold(words[start - 1]) not in titles
            and fold(words[start - 1]) not in ROLE_WORDS
            and fold(words[start - 1]) not in common
        ):
            start -= 1
        before = covered.get(start - 1)
        if (
            before is not None
            and before.label == "ORG"
            and before.end == start
            and words[before.start].isupper()
        ):
            start = before.start
            absorbed.append(before)
        if start == end:
            continue
        after = covered.get(end + 1)
        if (
            after is not None
            and after.start == end + 1
            and after.end == end + 2
            and fold(words[end + 1]) == "indonesia"
        ):
            absorbed.append(after)
            end += 1
        found.append(Mention(start, end + 1, "ORG"))
    return _added([m for m in mentions if m not in absorbed], found)


def _clubs(mentions: list[Mention], words: Sequence[str]) -> list[Mention]:
    """ "Persewar Waropen", "Persigubin Pegunungan Bintang": a word shaped like a football club's name
    (``CLUB``) opens an organisation, and takes the place right after it, its home town. A mention of
    two words or fewer the tagger made of it becomes the club; a longer one is left to the document's
    rules, which split a club from the player after it ("Persija Rizky Ridho")."""
    clubs = [
        i
        for i, word in enumerate(words)
        if word.startswith("Pers") and CLUB.fullmatch(word) and word.lower() not in PERS_WORDS
    ]
    if not clubs:
        return mentions
    starts = {m.start: m for m in mentions}
    taken = _taken(mentions)
    for i in clubs:
        club = starts.get(i)
        if club is None and i not in taken:
            club = starts[i] = Mention(i, i + 1, "ORG")
        if club is None or club.canonical is not None or club.end - club.start > 2:
            continue
        club.label = "ORG"
        town = starts.get(club.end)
        if town is not None and town.label in ("LOC", GPE):
            club.end = town.end
            del starts[town.start]
    return sorted(starts.values(), key=lambda m: m.start)


_INITIALS = re.compile(r"[A-Z]{1,4}")


_AGE = re.compile(r"\d{1,2}")


def _commanders_areas(mentions: list[Mention], words: Sequence[str], folded: Sequence[str]) -> list[Mention]:
    """ "Kapolres Badung AKBP Made Suryawan Putra": the area a police or army commander's title names
    is a place, where the tagger left it untagged between the title and the rank, or took the one word
    of it before the clause goes on for a person ("Kapolsek Cileungsi mengatakan …")."""
    if AREA_TITLES.isdisjoint(folded):
        return mentions
    for mention in mentions:
        area = mention.start + (folded[mention.start] in AREA_TITLES)  # the tagger may hold the title
        if (
            mention.label == "PERSON"
            and mention.canonical is None
            and mention.end - area == 1
            and area > 0
            and folded[area - 1] in AREA_TITLES
            and mention.end < len(words)
            and not words[mention.end][:1].isupper()
        ):
            mention.start, mention.label = area, "LOC"
    covered = _taken(mentions)
    areas = []
    for i in range(len(words) - 2):
        if folded[i] not in AREA_TITLES:
            continue
        end = i + 1
        while (
            end < len(words)
            and end - i <= 3
            and name_cased(words[end])
            and end not in covered
            and folded[end] not in RANKS
        ):
            end += 1
        if end > i + 1 and end < len(words) and folded[end] in RANKS:
            areas.append(Mention(i + 1, end, "LOC"))
    return _added(mentions, areas)


def _initialled_people(mentions: list[Mention], words: Sequence[str], folded: Sequence[str]) -> list[Mention]:
    """Crime and court news names suspects and victims by their initials: "berinisial AR" (or "WS,
    AN dan MR"), "Brigadir RH" after a rank, "MZ (38)" with the age in brackets. Such initials are a
    person, also where the tagger labelled them otherwise; initials inside a longer name it found stay
    part of that name."""
    if "(" not in words and INITIALLED.isdisjoint(folded) and RANKS.isdisjoint(folded):
        return mentions
    people: list[Mention] = []
    for i, word in enumerate(words):
        if not _INITIALS.fullmatch(word):
            continue
        listed = i > 1 and words[i - 1] in (",", "dan") and people and people[-1].start == i - 2
        named = (i > 0 and (folded[i - 1] in INITIALLED or folded[i - 1] in RANKS)) or listed
        aged = (
            len(word) > 1
            and i + 3 < len(words)
            and words[i + 1] == "("
            and _AGE.fullmatch(words[i + 2]) is not None
            and words[i + 3] == ")"
        )
        if named or aged:
            people.append(Mention(i, i + 1, "PERSON"))
    if not people:
        return mentions
    taken = {person.start for person in people}
    kept = [m for m in mentions if not (m.end - m.start == 1 and m.start in taken)]
    inside = _taken(kept)
    people = [person for person in people if person.start not in inside]
    return _added(kept, people)


def _dateline(words: Sequence[str], matches: Sequence[Match]) -> tuple[Mention, Mention] | None:
    """The place an article was filed from, known or not, and its outlet, named beside it before the
    dash that opens the text: "SLEMAN, KOMPAS.com -", "Cianjur (ANTARA) -", "SEMARANG,
    suaramerdeka.com -". An outlet is a known organisation or a web address. The place is a location,
    never an actor: the acting places (``_mark_acting_places``) leave it alone, which "Jakarta
    (ANTARA) -" would otherwise be."""
    dash = next((k for k, word in enumerate(words[: 2 * _MAX_DATELINE_WORDS + 3]) if word in _DASHES), None)
    gap = next((k for k, word in enumerate(words[: dash or 0]) if word in ",("), None)
    if dash is None or not gap:
        return None
    close = dash - 1 if words[dash - 1] == ")" else dash
    known = {match.start: match for match in matches}

    def outlet(start: int, end: int) -> Mention | None:
        match = known.get(start)
        if match is not None and match.end == end and match.name.label == "ORG":
            return Mention(start, end, "ORG", match.name.canonical)
        return Mention(start, end, "ORG") if end - start == 1 and "." in words[start] else None

    for (start, end), (other_start, other_end) in (
        ((0, gap), (gap + 1, close)),
        ((gap + 1, close), (0, gap)),
    ):
        outlet_mention = outlet(other_start, other_end)
        if (
            0 < end - start <= _MAX_DATELINE_WORDS
            and all(name_cased(word) for word in words[start:end])
            and outlet_mention is not None
            and outlet(start, end) is None
        ):
            place = known.get(start)
            canonical = (
                place.name.canonical
                if place is not None and place.end == end and place.name.label == "LOC"
                else None
            )
            return Mention(start, end, "LOC", canonical), outlet_mention
    return None


def _run_on_past_dateline(mentions: Sequence[Mention], words: Sequence[str]) -> None:
    """A mention the tagger ran from the dateline on past its dash starts after the dash, so that the
    text's first name ("TRIBUN-MEDAN.com - KPU Provinsi Sumatera Utara") is read as any other."""
    body = next(k for k, word in enumerate(words) if word in _DASHES)
    while body < len(words) and words[body] in _DASHES:
        body += 1
    for mention in mentions:
        if mention.start < body < mention.end:
            mention.start = body


def _strip_title(mention: Mention, words: Sequence[str], gazetteer: Gazetteer) -> None:
    """A title opens no person's name ("Presiden Joko Widodo") and no organisation's ("Ekonom Bank
    Permata", "Ketua Mahkamah Agung") unless the gazetteer knows the whole name; places keep theirs
    ("Raja Ampat"). A person's name starts after the last title inside the span too ("Kapolresta
    Sleman Kompol Mulyanto"), a "person" holding an organisation's head is the title's unit from that
    head on ("Kabid Humas Polda Metro Jaya"), and one that is a known place is the title's place
    ("Kapolrestabes Medan"). Only a capital after the title shows where a name starts: in lower-case
    text the tagger's span stands ("sultan hamengku buwono x")."""
    if mention.label not in ("PERSON", "ORG"):
        return

    def titled(k: int) -> bool:
        title = fold(words[k])
        if title in NAME_TITLES and k > mention.start and words[k - 1][:1].isupper():
            return fold(words[k - 1]) in gazetteer.titles  # "Abdul Hakim Mahfudz", "Wakil Raja …"
        return title in gazetteer.titles and after(k) < len(words) and words[after(k)][:1].isupper()

    def after(k: int) -> int:
        """Where the name after a title at ``k`` starts: past its abbreviation's stop ("Dr. Fauzan")."""
        return k + 2 if words[k + 1] == "." else k + 1

    def organisation_head(k: int) -> bool:
        return words[k][:1].isupper() and fold(words[k]) in ORG_HEADS and words[k + 1][:1].isupper()

    if mention.label == "PERSON":
        inner = [k for k in range(mention.start, mention.end - 1) if titled(k) and after(k) < mention.end]
        mention.start = after(inner[-1]) if inner else mention.start
        head = next((k for k in range(mention.start, mention.end - 1) if organisation_head(k)), None)
        if head is not None and mention.canonical is None:
            mention.start, mention.label = head, "ORG"
        if mention.start and fold(words[mention.start - 1]) in gazetteer.titles:
            known = gazetteer.get(" ".join(words[mention.start : mention.end]))
            if known is not None and known.label == "LOC":
                mention.label, mention.canonical = "LOC", known.canonical
        return
    if mention.canonical or gazetteer.get(" ".join(words[mention.start : mention.end])):
        return
    while mention.end - mention.start > 1 and titled(mention.start) and words[mention.start + 1] != ".":
        mention.start += 1  # an abbreviated title is part of a name: "RSUD Prof. Dr. W. Z. Johannes"


def _strip_portfolio(mention: Mention, words: Sequence[str], gazetteer: Gazetteer) -> None:
    """ "Menteri Luar Negeri China Wang Yi": a minister's portfolio is part of the title, not of the
    name after it, which takes the gazetteer's label where it is known and is otherwise the minister
    ("Menteri Luar Negeri Sugiono", tagged an organisation). Nothing may be left ("Menteri Agraria"
    tagged a person)."""
    if not (mention.start and fold(words[mention.start - 1]) in MINISTERS) or mention.canonical:
        return
    start = mention.start
    while mention.start < mention.end and fold(words[mention.start]) in gazetteer.portfolios:
        mention.start += 1
    known = gazetteer.get(" ".join(words[mention.start : mention.end]))
    if known is not None:
        mention.label, mention.canonical = known.label, known.canonical
    elif start < mention.start < mention.end and not INITIALISM.fullmatch(words[mention.start]):
        mention.label = "PERSON"  # but "Menteri Luar Negeri RI" names the country


_TERM_STARTS = frozenset(term.split()[0] for term in TERMS)


def _term(mention: Mention, words: Sequence[str]) -> bool:
    """A mention that is one of the ``TERMS``, alone or with its short form ("Return on Asset (ROA)")."""
    first = mention.start + (words[mention.start] == "(")
    if first == mention.end or fold(words[first]) not in _TERM_STARTS:
        return False
    name = [fold(word) for word in words[mention.start : mention.end] if word not in ("(", ")")]
    return " ".join(name) in TERMS or (" ".join(name[:-1]) in TERMS and name[-1] in TERMS)


def _lone_title(mention: Mention, words: Sequence[str], titles: frozenset[str]) -> bool:
    """ "Analis", "Ekonom" tagged as a person with no name after it."""
    return (
        mention.label == "PERSON"
        and mention.end - mention.start == 1
        and fold(words[mention.start]) in titles
    )


def _role(mention: Mention, tokens: Sequence[Token], text: str, titles: frozenset[str]) -> str | None:
    """The title right before a person: the run of capitalised or title words from a title word on."""
    first = None
    i = mention.start - 1
    while i >= max(0, mention.start - _MAX_ROLE_WORDS):
        word = tokens[i].text
        if fold(word) in titles:
            first = i
        elif not word[:1].isupper():
            break
        i -= 1
    if first is None:
        return None
    return text[tokens[first].start : tokens[mention.start - 1].end]


def as_entity(tokens: Sequence[Token], mention: Mention, text: str, gazetteer: Gazetteer) -> Entity:
    start, end = tokens[mention.start].start, tokens[mention.end - 1].end
    role = _role(mention, tokens, text, gazetteer.titles) if mention.label == "PERSON" else None
    return Entity(
        text=text[start:end], label=mention.label, start=start, end=end, canonical=text[start:end], role=role
    )


_NOT_FIRST_WORDS = frozenset([*WEEKDAYS, *MONTHS, *HONORIFICS])


def _first_words(
    mentions: list[Mention], words: Sequence[str], folded: Sequence[str], titles: frozenset[str]
) -> None:
    """ "ganda putra Sabar Karyaman Gutama", "juru bicara polisi Wayne Bvudzijena", "perwakilan
    Militer Islam Irak": a capitalised word after a comma or a lower-case word, right before a
    person's or an organisation's name the tagger found, is the name's first word, also where it
    is a common word too ("sabar", patient), unless it is a title or a title's word ("Head of
    Research"), an organisation's or place's head, a day, a month or a form of address ("Pak").
    An organisation that opens with its head already has its first word ("Rapat Dewan Gubernur"
    is a meeting of the board). A company's form before it is its first word too: "PT Bank
    Central Asia Tbk"."""
    taken = _taken(mentions)
    for mention in mentions:
        k = mention.start - 1
        if (
            (mention.label == "PERSON" or (mention.label == "ORG" and folded[mention.start] not in ORG_HEADS))
            and mention.canonical is None
            and k > 0
            and k not in taken
            and _name_like(words[k])
            and (words[k - 1] == "," or (words[k - 1].islower() and folded[k - 1] not in FUNCTION_WORDS))
            and not any(
                folded[k] in names for names in (titles, ROLE_WORDS, ORG_HEADS, PLACE_HEADS, _NOT_FIRST_WORDS)
            )
        ) or (mention.label == "ORG" and k >= 0 and k not in taken and words[k] in COMPANY_FORMS):
            mention.start = k


_OUTLET_ENDS = frozenset(second for _, second in OUTLETS)


def _outlets(
    mentions: list[Mention], words: Sequence[str], folded: Sequence[str], matches: Sequence[Match]
) -> list[Mention]:
    """ "kata kantor berita AAP", "surat kabar Al-Thawra", "kantor berita resmi Iran IRNA": the
    capitalised name after "kantor berita" (news agency) or "surat kabar" (newspaper), past words
    such as "resmi" and a country, is the outlet, an organisation, whatever the tagger made of it."""
    if _OUTLET_ENDS.isdisjoint(folded):
        return mentions
    places = {match.start: match.end for match in matches if match.name.label == "LOC"}
    for k in range(len(words) - 2):
        if (folded[k], folded[k + 1]) not in OUTLETS:
            continue
        start = k + 2
        while start < len(words) and folded[start] in OUTLET_QUALIFIERS:
            start += 1
        start = places.get(start, start)
        end = start
        while end < len(words) and end - start < _MAX_ORG_WORDS and name_cased(words[end]):
            end += 1
        inside = [m for m in mentions if m.start < end and start < m.end]
        found = any((m.start, m.end, m.label) == (start, end, "ORG") for m in inside)
        if end > start and not found and all(start <= m.start and m.end <= end for m in inside):
            others = [m for m in mentions if m not in inside]
            mentions = sorted([*others, Mention(start, end, "ORG")], key=lambda m: m.start)
    return mentions


def _stop_follows(tokens: Sequence[Token], end: int) -> bool:
    """Whether the stop of an abbreviation follows a name's last word, written onto it, inside the
    sentence: "Bouygues S.A., sebuah perusahaan"; the stop belongs to the name, as the news corpora
    mark it. A stop before a capital or a line break may end the sentence too ("bendera PDI-P.")."""
    return (
        end + 1 < len(tokens)
        and tokens[end].text == "."
        and tokens[end].start == tokens[end - 1].end
        and abbreviation(tokens[end - 1].text)
        and not tokens[end + 1].text[:1].isupper()
    )


def _speakers(mentions: list[Mention], words: Sequence[str], folded: Sequence[str]) -> list[Mention]:
    """ "Tumiran mengungkapkan itu …": a capitalised word that opens the sentence or follows a comma,
    right before a verb of saying, and that the training text never had (so it is no common noun,
    such as "Pemerintah mengatakan"), is the speaker, a person."""
    if SAYING.isdisjoint(folded):
        return mentions
    clusters = lexicon().clusters
    taken = _taken(mentions)
    found = [
        Mention(k, k + 1, "PERSON")
        for k in range(len(words) - 1)
        if folded[k + 1] in SAYING
        and k not in taken
        and (k == 0 or words[k - 1] == ",")
        and _name_like(words[k])
        and words[k].lower() not in clusters
    ]
    return _added(mentions, found)


def find(tokens: Sequence[Token], text: str, gazetteer: Gazetteer) -> Iterator[tuple[Entity, str | None]]:
    """Every mention with offsets, label and role; the gazetteer's canonical name where it has one."""
    runs = list(sentences(tokens, text))
    parsed: list[Sentence] = []
    for run in runs:
        texts = [token.text for token in run]
        cased = is_cased(texts)
        parsed.append((texts, cased, gazetteer.find(texts, cased)))
    if not parsed:
        return
    model = scorer()
    labels = model.model.decode(model.emissions(parsed), [len(words) for words, _, _ in parsed])
    first = 0
    for run, (words, cased, matches) in zip(runs, parsed, strict=True):
        mentions = _merge(spans(labels[first : first + len(words)]), words, gazetteer, matches)
        for mention in mentions:
            _trim_start(mention, words)
        first += len(words)
        dateline = _dateline(words, matches) if run is runs[0] else None
        if dateline is not None:
            _run_on_past_dateline(mentions, words)
        if _DASHES.intersection(words):
            mentions = _split_at_dashes(mentions, words, gazetteer)
        if cased:
            folded = [fold(word) for word in words]
            headline = _headline(words)
            mentions = _tidy(mentions, words, folded, gazetteer, matches, headline)
            mentions = _headed_places(mentions, words, folded, matches, gazetteer.titles, headline)
            mentions = _offices(mentions, words, matches)
            mentions = _organisations_then_people(mentions, words, folded, matches, gazetteer, headline)
            mentions = _employers(mentions, words, matches)
            mentions = _initialled_people(mentions, words, folded)
            mentions = _companies(mentions, words)
            mentions = _untagged_companies(mentions, words, gazetteer.titles)
            mentions = _clubs(mentions, words)
            mentions = _numbered_units(mentions, words, folded, gazetteer.titles)
            mentions = _commanders_areas(mentions, words, folded)
            mentions = _branches(mentions, words)
            mentions = _outlets(mentions, words, folded, matches)
            if not headline:
                _first_words(mentions, words, folded, gazetteer.titles)
            mentions = _speakers(mentions, words, folded)
            _located_people(mentions, words, gazetteer)
        if dateline is not None:
            mentions = sorted(
                [
                    *dateline,
                    *(m for m in mentions if not any(m.start < d.end and d.start < m.end for d in dateline)),
                ],
                key=lambda m: m.start,
            )
        for mention in mentions:
            _strip_title(mention, words, gazetteer)
            _strip_portfolio(mention, words, gazetteer)
        mentions = [
            m
            for m in mentions
            if m.end > m.start
            and (m.label != "PERSON" or _without_numbers(m, words))
            and not _lone_title(m, words, gazetteer.titles)
            and not _term(m, words)
            and any(map(_LATIN.search, words[m.start : m.end]))
        ]
        mentions = _with_short_forms(mentions, words, gazetteer)
        _title_holders(mentions, words, gazetteer)
        _mark_acting_places([m for m in mentions if dateline is None or m is not dateline[0]], words, matches)
        for mention in mentions:
            if _stop_follows(run, mention.end):
                mention.end += 1
            yield as_entity(run, mention, text, gazetteer), mention.canonical
