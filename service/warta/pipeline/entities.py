"""Entities stage: persons, organisations and places with offsets into the clean text.

A CRF (``warta.pipeline.tagger``) tags each sentence with BIO labels; the gazetteer feeds it as a
feature and also adds the names it missed. Rules for cased text then fix what the tagger gets wrong in
news (an untagged name after "Wakil Perdana Menteri Vietnam" or ", kata" is a person; "Universitas …"
or "Kedutaan Besar AS" is an organisation; "Vladimir Putin Tiba" in a headline ends at "Putin"; "Korea
Utara karena Ukraina" is two places; "Mahkamah Konstitusi (MK)" is one mention). A known place named
as an actor or owner rather than as a location ("Israel menyerang", not "ke Israel") is labelled
``GPE`` (``warta.pipeline.place_roles``). Each mention gets a ``canonical`` name that agrees across
mentions and articles ("Putin" → "Vladimir Putin", "AS" → "Amerika Serikat", "PT Bank Syariah
Indonesia Tbk" → "Bank Syariah Indonesia") and titles in front of a person ("Presiden Rusia") move to
``Entity.role``.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from warta.pipeline.gazetteer import (
    ABBREVIATION,
    TOKEN,
    Gazetteer,
    Match,
    fold,
    folded_words,
    load,
    name_cased,
)
from warta.pipeline.place_roles import acts
from warta.pipeline.tagger import Sentence, is_cased, lexicon, scorer, spans
from warta.records import Entity

LABELS = ("PERSON", "ORG", "LOC")
"""The labels of the NER corpora, which ``warta eval entities`` scores."""
GPE = "GPE"
"""A known place named as an actor or owner ("Israel menyerang", "militer Israel"), not as a location:
the corpora leave such mentions unmarked, and ``warta.pipeline.place_roles`` tells them apart."""
_SENTENCE_END = frozenset(".!?")
_MAX_SENTENCE = 200
_MAX_ROLE_WORDS = 6


class Token(NamedTuple):
    text: str
    start: int
    end: int


_new_tuple = tuple.__new__


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    label: str
    canonical: str | None = None


def tokenize(text: str) -> list[Token]:
    # tuple.__new__ skips the Python-level constructor NamedTuple adds: ~445 -> ~355 µs per 4 KB article.
    return [_new_tuple(Token, (m.group(), m.start(), m.end())) for m in TOKEN.finditer(text)]


def _abbreviation(word: str) -> bool:
    """Whether a stop after ``word`` would end a title or an initial ("Prof", "dr", "H"), not a sentence."""
    return ABBREVIATION.search(word + ".") is not None


def sentences(tokens: Sequence[Token], text: str) -> Iterator[Sequence[Token]]:
    """Token runs ending at ., ! or ?, a line break, or a length cap so that no sequence is huge. The
    stop of an initial or a title ends none: "RSUP Prof. dr. I.G.N.G. Ngoerah" is one name."""
    first = 0
    for i, token in enumerate(tokens):
        if i > first and ("\n" in text[tokens[i - 1].end : token.start] or i - first >= _MAX_SENTENCE):
            yield tokens[first:i]
            first = i
        if token.text in _SENTENCE_END and not (
            token.text == "." and i > first and _abbreviation(tokens[i - 1].text)
        ):
            yield tokens[first : i + 1]
            first = i + 1
    if first < len(tokens):
        yield tokens[first:]


def _merge(
    model: list[tuple[int, int, str]], gazetteer: Gazetteer, matches: Sequence[Match]
) -> list[_Mention]:
    """The tagger's spans, with known names that no span overlaps or that wrap shorter spans (a
    place the tagger found part of, "Korea" in "Korea Utara", takes the whole known name). A known
    place is kept even where the tagger, taught partly by idner-news-2k, leaves it out: that corpus
    marks a country only where it is a location ("ke Israel"), not where it acts ("Israel menuding"),
    which would leave the events stage without its actor (``_mark_acting_places`` labels such
    mentions GPE); NERGrit and NERP mark both. A span made of two or more known names ("kantor berita
    Rusia Interfax") becomes those names, and an organisation that ends inside a known place takes
    all of it ("Badan Pusat Statistik Provinsi Jawa Tengah")."""
    mentions = [_Mention(start, end, label) for start, end, label in model if label in LABELS]
    starts = {match.start: match for match in matches}
    for mention in list(mentions):
        tiles = []
        i = mention.start
        while (match := starts.get(i)) is not None and match.end <= mention.end:
            tiles.append(match)
            i = match.end
        if i == mention.end and len(tiles) > 1:
            mentions.remove(mention)
            mentions += [_Mention(t.start, t.end, t.name.label, t.name.canonical) for t in tiles]
    for match in matches:
        overlapping = [m for m in mentions if m.start < match.end and match.start < m.end]
        if match.name.label == "LOC" and overlapping and not all(m.label == "LOC" for m in overlapping):
            for m in overlapping:
                if m.label == "ORG" and m.start < match.start < m.end < match.end:
                    m.end = match.end  # "Badan Pusat Statistik Provinsi Jawa" + "Tengah"
            continue
        if all(match.start <= m.start and m.end <= match.end for m in overlapping):
            mentions = [m for m in mentions if m not in overlapping]
            mentions.append(_Mention(match.start, match.end, match.name.label, match.name.canonical))
    return sorted(mentions, key=lambda m: m.start)


_FUNCTION_WORDS = frozenset(
    [
        "dan",
        "atau",
        "serta",
        "karena",
        "di",
        "ke",
        "dari",
        "yang",
        "untuk",
        "dengan",
        "pada",
        "oleh",
        "hingga",
        "sampai",
        "antara",
        "bagi",
        "juga",
        "akan",
        "telah",
        "sudah",
        "adalah",
        "ialah",
        "bahwa",
        "tetapi",
        "namun",
        "sedangkan",
        "saat",
        "ketika",
        "setelah",
        "sebelum",
        "seperti",
        "mana",
        "ini",
        "itu",
    ]
)
"""Words that never sit inside a person's or place's name in cased text: a span across one is two."""
_NAME_PARTICLES = frozenset(
    [
        "bin",
        "binti",
        "van",
        "von",
        "der",
        "den",
        "de",
        "da",
        "del",
        "dos",
        "du",
        "al",
        "el",
        "la",
        "le",
        "ibn",
        "ben",
        "bt",
        "br",
    ]
)
"""Lower-case words that do belong to person names ("Hugo de Vries", "Ulina br Ginting")."""
_ORG_HEADS = frozenset(
    [
        "universitas",
        "akademi",
        "institut",
        "politeknik",
        "fakultas",
        "kementerian",
        "kedutaan",
        "konsulat",
        "departemen",
        "badan",
        "lembaga",
        "komisi",
        "dewan",
        "majelis",
        "mahkamah",
        "pengadilan",
        "kejaksaan",
        "kepolisian",
        "partai",
        "yayasan",
        "asosiasi",
        "perhimpunan",
        "persatuan",
        "ikatan",
        "himpunan",
        "organisasi",
        "perusahaan",
        "pt",
        "bank",
        "federasi",
        "komite",
        "direktorat",
        "dinas",
        "biro",
        "polda",
        "polres",
        "polresta",
        "polrestabes",
        "polsek",
        "kodam",
        "korem",
        "kodim",
        "pemprov",
        "pemkab",
        "pemkot",
        "kejati",
        "kejari",
        "timnas",
        "kanwil",
        "inspektorat",
        "forum",
        "aliansi",
        "koalisi",
        "serikat",
        "paguyuban",
        "koperasi",
        "satgas",
        "perumda",
        "pdam",
        "rutan",
        "lapas",
        "kbri",
        "kjri",
        "kantor",
        "pengurus",
        "balai",
        "angkatan",
        # short forms of regional government services and police units, before their region or force:
        # "Dinkes Jember", "Satlantas Polres Sidoarjo", "Ditlantas Polda Metro Jaya"
        "dinkes",
        "dinsos",
        "dishub",
        "disdik",
        "dispendik",
        "disnaker",
        "disnakertrans",
        "disdukcapil",
        "diskominfo",
        "disperindag",
        "dispora",
        "dispar",
        "disbudpar",
        "distan",
        "disperkim",
        "ditlantas",
        "ditreskrimum",
        "ditreskrimsus",
        "ditresnarkoba",
        "ditpolairud",
        "ditsamapta",
        "ditintelkam",
        "bidpropam",
        "bidhumas",
        "satlantas",
        "satreskrim",
        "satresnarkoba",
        "satsamapta",
        "satpolairud",
        "satintelkam",
        "sipropam",
        "sihumas",
    ]
)
"""First words that make a name an organisation ("Universitas New South Wales", "Badan …")."""
_HALLS = frozenset(["balai", "kantor"])
_SEATS = frozenset(["desa", "kelurahan", "kecamatan", "kota", "camat", "lurah", "bupati", "gubernur", "wali"])
"""A hall or office of a village, district, town or its head is a building: "Balai Desa Sumberwuluh",
"Kantor Kecamatan Talang", "Kantor Gubernur Sulsel"; "Balai Besar KSDA", "Kantor SAR Palu" are units."""


def _opens_organisation(folded: Sequence[str], i: int) -> bool:
    """Whether the word at ``i`` heads an organisation's name: "Kantor SAR Palu", not "Kantor Desa"."""
    if folded[i] not in _ORG_HEADS:
        return False
    return folded[i] not in _HALLS or i + 1 == len(folded) or folded[i + 1] not in _SEATS


_PLACE_HEADS = frozenset(
    [
        "mausoleum",
        "makam",
        "monumen",
        "museum",
        "istana",
        "gedung",
        "bandara",
        "pelabuhan",
        "stasiun",
        "terminal",
        "stadion",
        "masjid",
        "gereja",
        "candi",
        "jalan",
        "jembatan",
        "lapangan",
        "alun-alun",
        "taman",
        "pulau",
        "gunung",
        "sungai",
        "danau",
        "selat",
        "teluk",
        "jl",
        "kompleks",
        "apartemen",
        "pasar",
        "pura",
        "pantai",
        "provinsi",
        "kabupaten",
        "kota",
        "kecamatan",
        "kelurahan",
        "desa",
        "dusun",
        "bendungan",
        "waduk",
        "hotel",
        "kepulauan",
        "samudra",
        "samudera",
    ]
)
"""First words that make a name a place, not the person it honours ("Mausoleum Ho Chi Minh",
"Bandara Soekarno-Hatta", "Jalan Sudirman")."""
_SPEECH = frozenset(
    [
        "kata",
        "ujar",
        "ucap",
        "tutur",
        "ungkap",
        "jelas",
        "tambah",
        "imbuh",
        "papar",
        "terang",
        "tegas",
        "sebut",
    ]
)
"""Verbs after which a capitalised run ending the clause names the speaker: "…, kata Huong Le Thu,"."""
_ROLE_WORDS = frozenset(
    [
        "luar",
        "negeri",
        "dalam",
        "pertahanan",
        "keamanan",
        "keuangan",
        "perdagangan",
        "perindustrian",
        "kesehatan",
        "pendidikan",
        "agama",
        "hukum",
        "politik",
        "ekonomi",
        "energi",
        "besar",
        "utama",
        "eksekutif",
        "umum",
        "jenderal",
        "bidang",
        "urusan",
        "koordinator",
        "negara",
        "muda",
        "madya",
        "tinggi",
        "agung",
        "kabinet",
        "senior",
    ]
)
"""Words of a title after its first word ("Menteri Luar Negeri", "Duta Besar"), never a name."""
_NAME_TITLES = frozenset(["hakim", "raja", "ratu", "sultan", "pangeran"])
"""Titles that are also words of people's names ("Lukman Hakim", "Abdul Hakim"): inside a name,
after a capitalised word that is no title, they are part of it."""
_LEGAL_FORM = re.compile(r"^(?:PT|CV)\.?\s+|(?:\s+(?:\(Persero\)|Persero|Tbk\.?))+$")
"""Indonesian company forms around a name: "PT … (Persero) Tbk"."""
_REGION = re.compile(r"^(?:Kabupaten|Kab\.|Kota|Provinsi)\s+(?=[A-Z])", re.IGNORECASE)
"""The administrative level before a regency's, city's or province's name: "Kabupaten Demak" and
"Demak" are one place to a reader."""
_INITIALISM = re.compile(r"[A-Z]{2,6}")
_MAX_NAME_WORDS = 4
_MAX_ORG_WORDS = 8
_DASHES = frozenset(["-", "–", "—"])
_MAX_DATELINE_WORDS = 4
_QUOTE_ENDS = frozenset([",", '"', "”", "'", "’"])
_BALINESE_ORDER = frozenset(
    ["wayan", "made", "nyoman", "ketut", "putu", "kadek", "komang", "gede", "luh", "gusti"]
)
"""Balinese birth-order and caste names, which follow the "I" or "Ni" that opens a name."""


def _split_at(mention: _Mention, cut: Sequence[bool]) -> list[_Mention]:
    """The parts of ``mention`` between the words marked in ``cut``."""
    parts = []
    start = mention.start
    for i in range(mention.start, mention.end + 1):
        if i == mention.end or cut[i]:
            if i > start:
                keep = mention.canonical if (start, i) == (mention.start, mention.end) else None
                parts.append(_Mention(start, i, mention.label, keep))
            start = i + 1
    return parts


def _split_at_dashes(
    mentions: Sequence[_Mention], words: Sequence[str], gazetteer: Gazetteer
) -> list[_Mention]:
    """A dash standing alone with two words or more of the mention on each side, or with a known name
    before it, separates a dateline from the text ("CNBC Indonesia - Asosiasi Pengusaha Indonesia",
    "KOMPAS.com - Komisi Pemilihan Umum"): such a mention is cut at its dashes. Text tokenised with
    spaces around hyphens keeps its one-word halves together ("Zeta - Jones", "Sony Music Indonesia -
    BMG")."""
    cut = [word in _DASHES for word in words]
    result: list[_Mention] = []
    for mention in mentions:
        inner = range(mention.start + 2, mention.end - 2)
        dateline = any(
            cut[i] and gazetteer.get(" ".join(words[mention.start : i])) is not None
            for i in range(mention.start + 1, mention.end - 1)
        )
        result += _split_at(mention, cut) if dateline or any(cut[i] for i in inner) else [mention]
    return result


def _names_a_place(mention: _Mention, words: Sequence[str], gazetteer: Gazetteer) -> bool:
    """ "Mausoleum Ho Chi Minh" (a place head and a name), "Rusia-Ukraina" (known places joined)."""
    if mention.end - mention.start == 1:
        return _places_pair(words[mention.start], gazetteer)
    first = words[mention.start]
    return first[:1].isupper() and fold(first) in _PLACE_HEADS


def _places_pair(word: str, gazetteer: Gazetteer) -> bool:
    """ "Rusia-Ukraina": known places joined by a hyphen."""
    parts = word.split("-")
    return len(parts) > 1 and all(
        (known := gazetteer.get(part)) is not None and known.label == "LOC" for part in parts
    )


def _trim_start(mention: _Mention, words: Sequence[str]) -> None:
    """A name opens with no bracketed short form of the name before it: "Konferensi Tingkat Tinggi
    (KTT) Kerja Sama Ekonomi Asia-Pasifik", tagged from "(KTT)" on; a name in brackets alone stays,
    as the news corpora mark it ("(Jokowi)"). A place after "Wali" loses the title's "Kota" ("Wali
    Kota Makassar"), before any rule reads where the place starts."""
    if words[mention.start] == "(" and ")" in words[mention.start : mention.end - 1]:
        mention.start = words.index(")", mention.start) + 1
    if mention.label == "LOC" and mention.end - mention.start > 1 and _wali_kota(words, mention.start):
        mention.start += 1


_YEAR_OR_SCORE = re.compile(r"(?:19|20)\d\d|\d{1,2}-\d{1,2}")


def _without_numbers(mention: _Mention, words: Sequence[str]) -> bool:
    """Trim the numbers the tagger ran into: a person's name has no digits ("Timnas Indonesia U-23
    Shin Tae-yong"), and a year or a score ends no name ("Pilkada Jakarta 2024", "Uzbekistan 0-2");
    none of the news corpora marks either. False when no word is left."""
    if mention.label == "PERSON":
        while mention.start < mention.end and any(c.isdigit() for c in words[mention.start]):
            mention.start += 1
        while mention.end > mention.start and any(c.isdigit() for c in words[mention.end - 1]):
            mention.end -= 1
    else:
        while mention.end - mention.start > 1 and _YEAR_OR_SCORE.fullmatch(words[mention.end - 1]):
            mention.end -= 1
    return mention.end > mention.start


_CONNECTIVES = frozenset(
    ["of", "and", "for", "the", "on", "in", "at", "to", "&", "dan", "untuk", "bagi", "pada", "di", "se"]
)
"""Lower-case words that do sit inside organisation names ("Badan Siber dan Sandi Negara")."""


def _lower_word(word: str) -> bool:
    """A lower-case word that no name has inside it: "Lembaga riset Center of Economic and Law Studies"."""
    return word.isalpha() and word.islower() and word not in _CONNECTIVES and word not in _NAME_PARTICLES


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
    while k > 1 and folded[k - 1] in _ROLE_WORDS:
        k -= 1
    return k > 0 and (folded[k - 1] in titles or _wali_kota(folded, k - 1))


def _tidy(
    mentions: list[_Mention],
    words: Sequence[str],
    folded: Sequence[str],
    gazetteer: Gazetteer,
    matches: Sequence[Match],
) -> list[_Mention]:
    """Rules for cased text on top of the tagger: organisation heads make organisations, which start
    after a generic lower-case lead ("Lembaga riset Center of …"); names lose the numbers at their
    edges; persons and places end at function words; a person's name ends before headline words
    ("Putin Tiba"); untagged capitalised names after a title or a speech verb are persons."""
    titles = gazetteer.titles
    triggered = any(f in titles or f in _SPEECH for f in folded)
    if not mentions and not triggered:
        return mentions
    common = lexicon().common
    capital = [word[:1].isupper() for word in words]
    for mention in mentions:
        if (
            mention.label == "PERSON"
            and mention.start
            and folded[mention.start] in _BALINESE_ORDER
            and words[mention.start - 1] in ("I", "Ni")
        ):
            mention.start -= 1  # "I Made Suarjana", "Ni Luh Putu …"
    cut = [f in _FUNCTION_WORDS and word.islower() for f, word in zip(folded, words, strict=True)]
    places = {m.start: m for m in matches if m.name.label == "LOC"}
    headline: bool | None = None
    if any(capital[i] and f in _ORG_HEADS for i, f in enumerate(folded)):  # each head is checked below
        headline = _headline(words)
        if not headline:
            mentions = _headed_organisations(mentions, folded, capital, titles)
    tidy: list[_Mention] = []
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
                mention.start = generic[-1] + 1
            tidy.append(mention)
            continue
        parts = _split_at(mention, cut) if any(cut[mention.start : mention.end]) else [mention]
        for part in parts:
            place = places.get(part.start)
            if (
                part.label == "LOC"
                and place is not None
                and place.end < part.end
                and _after_title(folded, part.start, titles)
            ):  # "pelatih Jepang Hajime Moriyasu": the title's country, split off the person below
                part.label = "PERSON"
            if part.label == "PERSON" and gazetteer.get(" ".join(words[part.start : part.end])) is None:
                while (
                    part.end - part.start > 1
                    and words[part.start].islower()
                    and folded[part.start] not in _NAME_PARTICLES
                ):
                    part.start += 1
                while (
                    part.end - part.start > 1
                    and words[part.end - 1][:1].islower()
                    and folded[part.end - 1].split("-")[0] not in _NAME_PARTICLES
                ):  # "Joko Widodo pasca-Pemilu", not "Bashar al-Assad"
                    part.end -= 1
                place = places.get(part.start)
                if place is not None and place.end < part.end:
                    tidy.append(_Mention(place.start, place.end, "LOC", place.name.canonical))
                    part.start = place.end
                if headline is None:
                    headline = _headline(words)
                if headline:
                    while part.end - part.start > 1 and folded[part.end - 1] in common:
                        part.end -= 1
                    while part.end - part.start > 1 and folded[part.start] in common:
                        part.start += 1
                    if all(folded[i] in common for i in range(part.start, part.end)):
                        continue
            tidy.append(part)
    if not triggered or (headline if headline is not None else _headline(words)):
        return tidy
    return _titled_people(tidy, words, folded, capital, gazetteer, places)


def _headed_organisations(
    mentions: list[_Mention], folded: Sequence[str], capital: Sequence[bool], titles: frozenset[str]
) -> list[_Mention]:
    """A capitalised organisation head and the capitalised words after it, left untagged by the tagger
    or tagged only in part, are one organisation: "Kedutaan Besar AS" is the embassy, not the place
    "AS"; "Kementerian Luar Negeri Rusia" the ministry. An organisation the tagger found takes the
    place right after it, as the news corpora mark it: "Kejaksaan Tinggi Sulawesi Selatan". A run
    ends at the title of a person in it ("Polda Metro Jaya Kombes Wira …", but "Direktorat Jenderal
    Imigrasi"); one that ends in a person is the organisation, then the person ("Bank Permata Josua
    Pardede"), and the person's name starts right after a place that follows the head ("Timnas
    Indonesia Witan Sulaeman")."""
    covered: dict[int, _Mention] = {i: m for m in mentions for i in range(m.start, m.end)}

    def joined(k: int) -> bool:
        """ "dan" inside a unit's name: "Dinas Kelautan dan Perikanan", not "BPS dan Bank Indonesia"."""
        return (
            folded[k] == "dan"
            and k + 1 < len(folded)
            and capital[k + 1]
            and folded[k + 1] not in _ORG_HEADS
            and folded[k + 1] not in titles
        )

    found: list[_Mention] = []
    i = 0
    while i < len(folded):
        head = covered.get(i)
        if not (capital[i] and _opens_organisation(folded, i)):
            i += 1
            continue
        tagged = head if head is not None and head.label == "ORG" and head.start == i else None
        if tagged is not None and not (tagged.end < len(folded) and joined(tagged.end)):
            head = tagged
            place = next((m for m in mentions if m.start == head.end and m.label == "LOC"), None)
            if place is not None and capital[place.start]:
                head.end = place.end
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
        title = next((k for k in range(named, i, -1) if folded[k] in titles), None)
        end = title if title is not None else end
        inside = {covered[k].start: covered[k] for k in range(i, end) if k in covered}.values()
        people = [m for m in inside if m.label == "PERSON"]
        if end - i > 1 and all(
            m.start >= i and m.end <= end and (m.label == "LOC" or m is head) for m in inside
        ):
            found.append(_Mention(i, end, "ORG"))
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
            if person.start - i > 1 and all(m.label == "LOC" for m in inside if m is not person):
                found.append(_Mention(i, person.start, "ORG"))
                mentions = [m for m in mentions if m is person or m not in inside]
        i = end
    return sorted([*mentions, *found], key=lambda m: m.start) if found else mentions


def _titled_people(
    mentions: list[_Mention],
    words: Sequence[str],
    folded: Sequence[str],
    capital: Sequence[bool],
    gazetteer: Gazetteer,
    places: dict[int, Match],
) -> list[_Mention]:
    """ "Wakil Perdana Menteri Vietnam Tran Hong Ha", "…, kata Huong Le Thu.": the capitalised run
    after a title that names a place or organisation ("… Menteri Vietnam"), or after a speech verb
    that ends a quote, is a person when the tagger left it untagged, and the rest of the person's
    name when the tagger found only its first words."""
    label: list[str | None] = [None] * len(words)
    starting: dict[int, _Mention] = {}
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
            and folded[k] not in _ROLE_WORDS
            and folded[k] not in _ORG_HEADS
        ):
            k += 1
        return k

    def ends(k: int, speech: bool) -> bool:
        return k == n or (not (capital[k] or words[k][:1].isdigit()) and (not speech or words[k] in ",.;"))

    added = []
    for i, word in enumerate(folded):
        speech = word in _SPEECH
        if (not speech and not (word in gazetteer.titles and capital[i])) or label[i] is not None:
            continue
        if speech and (i == 0 or words[i - 1] not in _QUOTE_ENDS):
            continue
        j = i + 1
        named: list[_Mention] = []
        while j < n:
            place = places.get(j)
            if (
                capital[j]
                and label[j] is None
                and (folded[j] in gazetteer.titles or folded[j] in _ROLE_WORDS)
            ):
                j += 1
            elif not speech and label[j] in ("LOC", "ORG"):
                named.append(_Mention(j, j + 1, "LOC"))
                j += 1
            elif not speech and place is not None and all(label[m] is None for m in range(j, place.end)):
                named.append(_Mention(place.start, place.end, "LOC", place.name.canonical))
                j = place.end
            else:
                break
        found = starting.get(j)
        if speech and found is not None and found.label == "PERSON" and found.canonical is None:
            k = name_end(found.end)
            if k > found.end and ends(k, speech):
                for m in range(found.end, k):
                    label[m] = "PERSON"
                found.end = k
            continue
        k = name_end(j)
        if k > j and ends(k, speech) and (speech or named):
            added.append(_Mention(j, k, "PERSON"))
            added += [place for place in named if place.canonical is not None]
            for m in range(j, k):
                label[m] = "PERSON"
    return sorted([*mentions, *added], key=lambda m: m.start) if added else mentions


def _with_short_forms(mentions: list[_Mention], words: Sequence[str], gazetteer: Gazetteer) -> list[_Mention]:
    """ "Mahkamah Konstitusi (MK)": an organisation or place and the bracketed short form right after
    it are one mention (as news NER data marks them) when the short form starts with the first letter
    of one of the name's words ("Badan Pengelola Investasi Daya Anagata Nusantara (Danantara)", not
    "Jakarta (ANTARA)") or the gazetteer knows both as one entity ("Pengadilan Kriminal
    Internasional (ICC)"); the short form then names that entity wherever it recurs (see
    ``canonicalise``). A person's bracketed nickname, "Joko Widodo (Jokowi)", is a mention of its
    own, and a span that opens a bracket it does not close ("Jawa (Pantura") ends before it."""
    kept: list[_Mention] = []
    covered = 0
    for mention in sorted(mentions, key=lambda m: m.start):
        if mention.start < covered:
            continue
        inside = words[mention.start : mention.end]
        if "(" in inside and ")" not in inside:
            mention.end = mention.start + inside.index("(")
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


def _shortens(short: Sequence[str], name: Sequence[str], mention: _Mention, gazetteer: Gazetteer) -> bool:
    if not short[0][:1].isupper():
        return False
    if "tbk" in map(fold, name[-2:]):
        return True  # a listed company's ticker: "PT Bank Raya Indonesia Tbk (AGRO)", "… Tbk. (PTPP)"
    bare, _ = _name(" ".join(name))
    if fold(short[0][0]) in {fold(word[0]) for word in bare.split() if word[:1].isupper()}:
        return True
    known = gazetteer.get(" ".join(short))
    return known is not None and mention.canonical is not None and known.canonical == mention.canonical


_REGION_WORDS = frozenset(["provinsi", "kabupaten", "kota"])
"""The words ``_REGION`` strips from a place's name, as separate words."""


def _offices(mentions: list[_Mention], words: Sequence[str]) -> list[_Mention]:
    """A known organisation named in one word and the known place right after it, or after
    "Provinsi", "Kabupaten" or "Kota", are its office there: "BPBD Garut", "KPU Sumut", "Bawaslu
    Sumut", "Arema Indonesia", "KPU Provinsi Papua Tengah". So is any place the text writes as a
    region after it, or after an acronym no list knows: "Bawaslu Kabupaten Cianjur", "PMI Kota
    Semarang"."""
    result: list[_Mention] = []
    for mention in mentions:
        last = result[-1] if result else None
        if (
            last is not None
            and last.label == "ORG"
            and last.end - last.start == 1
            and words[last.start][:1].isupper()
            and mention.label == "LOC"
            and (last.canonical is not None or words[last.start].isupper())
            and _office_place(mention, last.end, words, known=last.canonical is not None)
        ):
            result[-1] = _Mention(last.start, mention.end, "ORG")
            continue
        result.append(mention)
    return result


def _office_place(place: _Mention, after: int, words: Sequence[str], *, known: bool) -> bool:
    """Whether ``place`` is where the organisation ending at ``after`` has its office: a place the
    text writes as a region right after it, or, for a known organisation, a known place right after
    it or after "Provinsi", "Kabupaten" or "Kota"."""
    if place.start == after + 1:
        return known and fold(words[after]) in _REGION_WORDS and place.canonical is not None
    written_as_region = fold(words[place.start]) in _REGION_WORDS
    return place.start == after and (written_as_region or (known and place.canonical is not None))


def _mark_acting_places(mentions: Sequence[_Mention], words: Sequence[str], matches: Sequence[Match]) -> None:
    places = {(match.start, match.end) for match in matches if match.name.label == "LOC"}
    for mention in mentions:
        if (
            mention.label == "LOC"
            and (mention.start, mention.end) in places
            and acts(words, mention.start, mention.end)
        ):
            mention.label = GPE


def _abbreviated(words: Sequence[str], k: int) -> bool:
    """Whether ``words[k]`` is a title's or an initial's abbreviation, its stop after it."""
    return k + 1 < len(words) and words[k + 1] == "." and _abbreviation(words[k])


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
    mentions: list[_Mention], words: Sequence[str], matches: Sequence[Match]
) -> list[_Mention]:
    """ "Bandara Sultan Aji Muhammad Sulaiman", "Jalan Perintis Kemerdekaan", "Desa Sukamaju": a
    capitalised place head and the capitalised words after it are one place, even where the tagger
    left them untagged, found only the name ("Lebak" in "Kabupaten Lebak") or took a person's name in
    it for a person; a person right after a known town is no part of it
    ("Stasiun Meteorologi Ahmad Yani Semarang Sutikno Wibowo")."""
    if _PLACE_HEADS.isdisjoint(map(str.lower, words)):
        return mentions
    covered = {i: m for m in mentions for i in range(m.start, m.end)}
    towns = {match.end for match in matches if match.name.label == "LOC"}
    found: list[_Mention] = []
    i = 0
    while i < len(words) - 1:
        head = covered.get(i)
        if (
            not (words[i][:1].isupper() and fold(words[i]) in _PLACE_HEADS)
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
            and fold(words[end]) not in _FUNCTION_WORDS
        ):
            end += 1
        while end - i > 1 and _abbreviation_ends(words, end):
            end -= 1
        inside = list({covered[k].start: covered[k] for k in range(i, end) if k in covered}.values())
        if inside and inside[-1].label == "PERSON" and inside[-1].start in towns:
            end = inside.pop().start
        grows = head is None or head.end < end
        if grows and end - i > 1 and all(m.end <= end and m.label in ("LOC", "PERSON") for m in inside):
            found.append(_Mention(i, end, "LOC"))
            mentions = [m for m in mentions if m not in inside]
        i = end
    return sorted([*mentions, *found], key=lambda m: m.start) if found else mentions


def _organisations_then_people(
    mentions: list[_Mention],
    words: Sequence[str],
    folded: Sequence[str],
    matches: Sequence[Match],
    titles: frozenset[str],
) -> list[_Mention]:
    """An organisation's span that runs into a person's name ends where the organisation does: a
    known organisation at the name it is known by, or at the known place right after it, its office
    ("KPU Sumut", ``_offices``); one no list knows at the last known place in it that the name
    follows ("Dinas Kesehatan Provinsi Bali Nyoman Gede Anom"). The rest must be capitalised words,
    none known, a word cased text writes in lower case or an organisation's head. When a person
    follows at once, the rest is that person's first name ("Gubernur BI Perry Warjiyo" tagged "BI
    Perry" and "Warjiyo"); otherwise it is a person of its own if it is two words or more
    ("Kementerian Luar Negeri Rolliansyah Soemirat", "BPBD Garut Satria Budi"), or one word after a
    title before a known organisation ("Ketua MK Suhartoyo", "Ketua Umum Partai Gerindra Suhardi"); one word alone could as well be a
    term ("BI Rate")."""
    if not any(mention.label == "ORG" and mention.canonical is None for mention in mentions):
        return mentions
    known = {match.start: match for match in matches}
    places = [match for match in matches if match.name.label == "LOC"]
    common = lexicon().common

    def a_name(rest: range, shortest: int) -> bool:
        return (
            shortest <= len(rest) <= _MAX_NAME_WORDS
            and not any(k in known for k in rest)
            and all(words[k][:1].isupper() and words[k][1:].islower() for k in rest)
            and not any(fold(words[k]) in common or fold(words[k]) in _ORG_HEADS for k in rest)
        )

    result: list[_Mention] = []
    for mention, following in itertools.zip_longest(mentions, mentions[1:]):
        if (
            mention.label != "ORG"
            or mention.canonical is not None
            or _LEGAL_FORM.search(" ".join(words[mention.start : mention.end]))
        ):
            result.append(mention)
            continue
        match = known.get(mention.start)
        if match is not None and match.name.label != "ORG":
            match = None
        named = following is not None and following.label == "PERSON" and following.start == mention.end
        titled = match is not None and _after_title(folded, mention.start, titles)
        shortest = 1 if named or titled else 2
        organisation: _Mention | None
        if match is None:
            organisation = next(
                (
                    _Mention(mention.start, place.end, "ORG")
                    for place in reversed(places)
                    if mention.start < place.start < place.end < mention.end
                    and a_name(range(place.end, mention.end), shortest)
                ),
                None,
            )
        elif (
            (place := known.get(match.end)) is not None
            and place.name.label == "LOC"
            and place.end <= mention.end
        ):
            organisation = _Mention(mention.start, place.end, "ORG")
        else:
            organisation = _Mention(mention.start, match.end, "ORG", match.name.canonical)
        if organisation is None or not a_name(range(organisation.end, mention.end), shortest):
            result.append(mention)
        elif named and following is not None:  # the person's first name ran into the organisation
            following.start = organisation.end
            result.append(organisation)
        else:
            result += [organisation, _Mention(organisation.end, mention.end, "PERSON")]
    return result


def _branches(mentions: list[_Mention], words: Sequence[str]) -> list[_Mention]:
    """ "BPJS Kesehatan Cabang Garut", "ASDP Cabang Ketapang": an organisation, "Cabang"
    and the place after it are the organisation's branch there, one organisation."""
    if "Cabang" not in words:
        return mentions
    result: list[_Mention] = []
    skip: _Mention | None = None
    for mention, following in itertools.zip_longest(mentions, mentions[1:]):
        if mention is skip:
            continue
        branch = mention.end
        if (
            mention.label == "ORG"
            and branch + 1 < len(words)
            and words[branch] == "Cabang"
            and name_cased(words[branch + 1])
        ):
            place = following if following is not None and following.start == branch + 1 else None
            if place is None or place.label in ("LOC", GPE):
                mention = _Mention(mention.start, place.end if place else branch + 2, "ORG")
                skip = place
        result.append(mention)
    return result


_TERRITORIAL_UNITS = frozenset(
    ["kodam", "korem", "kodim", "koramil", "lanud", "lantamal", "lanal", "yonif", "brigif"]
)
_UNIT_NUMBER = re.compile(r"\d+|[IVXL]+")


def _numbered_units(
    mentions: list[_Mention], words: Sequence[str], folded: Sequence[str], titles: frozenset[str]
) -> list[_Mention]:
    """ "Kodim 0204/Deli Serdang", "Kodam XII/Tanjungpura": a military unit, its number and the name
    after the slash are one organisation, which the tagger, seeing a number and a place, cuts apart.
    The name ends at a rank ("Korem 011/Lilawangsa Kolonel …"); a mention that runs on past the unit
    keeps its rest."""
    if _TERRITORIAL_UNITS.isdisjoint(folded):
        return mentions
    units = []
    for i in range(len(words) - 1):
        if not (
            folded[i] in _TERRITORIAL_UNITS and name_cased(words[i]) and _UNIT_NUMBER.fullmatch(words[i + 1])
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
        units.append(_Mention(i, end, "ORG"))
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


_COMPANY_ENDS = frozenset(
    [
        "ventures",
        "capital",
        "holdings",
        "corporation",
        "corp",
        "inc",
        "ltd",
        "limited",
        "airlines",
        "airways",
        "partners",
        "foundation",
        "technologies",
        "sekuritas",
    ]
)
"""Last words of companies' and foundations' names ("East Ventures", "Garuda Airlines"): the tagger, which
sees few of them, takes such names for people."""


def _companies(mentions: list[_Mention], words: Sequence[str]) -> list[_Mention]:
    """A "person" holding a company's last word is that company, and the person after it, if any
    ("East Ventures Yohanes Hartanto", "Openspace Ventures")."""
    result: list[_Mention] = []
    for mention in mentions:
        last = (
            next(
                (
                    k
                    for k in range(mention.start + 1, mention.end)
                    if words[k][:1].isupper() and fold(words[k]) in _COMPANY_ENDS
                ),
                None,
            )
            if mention.label == "PERSON"
            else None
        )
        if last is None:
            result.append(mention)
            continue
        result.append(_Mention(mention.start, last + 1, "ORG"))
        if last + 1 < mention.end:
            result.append(_Mention(last + 1, mention.end, "PERSON"))
    return result


_INITIALS = re.compile(r"[A-Z]{1,4}")
_AGE = re.compile(r"\d{1,2}")
_INITIALLED = frozenset(["inisial", "berinisial"])
_RANKS = frozenset(
    [
        "bharada",
        "bripda",
        "briptu",
        "brigadir",
        "bripka",
        "aipda",
        "aiptu",
        "ipda",
        "iptu",
        "akp",
        "kompol",
        "akbp",
        "kombes",
        "prada",
        "pratu",
        "praka",
        "serda",
        "sertu",
        "serka",
        "letda",
        "lettu",
        "kapten",
        "mayor",
        "letkol",
        "kolonel",
    ]
)
"""Police and army ranks: a suspect who serves is named by rank and initials, "Brigadir RH"."""


_AREA_TITLES = frozenset(
    ["kapolda", "kapolres", "kapolresta", "kapolrestabes", "kapolsek", "dandim", "danrem"]
)


def _commanders_areas(
    mentions: list[_Mention], words: Sequence[str], folded: Sequence[str]
) -> list[_Mention]:
    """ "Kapolres Badung AKBP Made Suryawan Putra": the area a police or army commander's title names
    is a place, where the tagger left it untagged between the title and the rank."""
    if _AREA_TITLES.isdisjoint(folded):
        return mentions
    covered = {i for m in mentions for i in range(m.start, m.end)}
    areas = []
    for i in range(len(words) - 2):
        if folded[i] not in _AREA_TITLES:
            continue
        end = i + 1
        while (
            end < len(words)
            and end - i <= 3
            and name_cased(words[end])
            and end not in covered
            and folded[end] not in _RANKS
        ):
            end += 1
        if end > i + 1 and end < len(words) and folded[end] in _RANKS:
            areas.append(_Mention(i + 1, end, "LOC"))
    return sorted([*mentions, *areas], key=lambda m: m.start) if areas else mentions


def _initialled_people(
    mentions: list[_Mention], words: Sequence[str], folded: Sequence[str]
) -> list[_Mention]:
    """Crime and court news names suspects and victims by their initials: "berinisial AR" (or "WS,
    AN dan MR"), "Brigadir RH" after a rank, "MZ (38)" with the age in brackets. Such initials are a
    person, also where the tagger labelled them otherwise; initials inside a longer name it found stay
    part of that name."""
    if "(" not in words and _INITIALLED.isdisjoint(folded) and _RANKS.isdisjoint(folded):
        return mentions
    people: list[_Mention] = []
    for i, word in enumerate(words):
        if not _INITIALS.fullmatch(word):
            continue
        listed = i > 1 and words[i - 1] in (",", "dan") and people and people[-1].start == i - 2
        named = (i > 0 and (folded[i - 1] in _INITIALLED or folded[i - 1] in _RANKS)) or listed
        aged = (
            len(word) > 1
            and i + 3 < len(words)
            and words[i + 1] == "("
            and _AGE.fullmatch(words[i + 2]) is not None
            and words[i + 3] == ")"
        )
        if named or aged:
            people.append(_Mention(i, i + 1, "PERSON"))
    if not people:
        return mentions
    taken = {person.start for person in people}
    kept = [m for m in mentions if not (m.end - m.start == 1 and m.start in taken)]
    inside = {i for m in kept for i in range(m.start, m.end)}
    people = [person for person in people if person.start not in inside]
    return sorted([*kept, *people], key=lambda m: m.start)


def _dateline(words: Sequence[str], matches: Sequence[Match]) -> tuple[_Mention, _Mention] | None:
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

    def outlet(start: int, end: int) -> _Mention | None:
        match = known.get(start)
        if match is not None and match.end == end and match.name.label == "ORG":
            return _Mention(start, end, "ORG", match.name.canonical)
        return _Mention(start, end, "ORG") if end - start == 1 and "." in words[start] else None

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
            return _Mention(start, end, "LOC", canonical), outlet_mention
    return None


def _strip_title(mention: _Mention, words: Sequence[str], gazetteer: Gazetteer) -> None:
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
        if title in _NAME_TITLES and k > mention.start and words[k - 1][:1].isupper():
            return fold(words[k - 1]) in gazetteer.titles  # "Abdul Hakim Mahfudz", "Wakil Raja …"
        return title in gazetteer.titles and words[k + 1][:1].isupper()

    def organisation_head(k: int) -> bool:
        return words[k][:1].isupper() and fold(words[k]) in _ORG_HEADS and words[k + 1][:1].isupper()

    if mention.label == "PERSON":
        inner = [k for k in range(mention.start, mention.end - 1) if titled(k)]
        mention.start = inner[-1] + 1 if inner else mention.start
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
    while mention.end - mention.start > 1 and titled(mention.start):
        mention.start += 1


_MINISTERS = frozenset(["menteri", "menko", "wamen"])


def _strip_portfolio(mention: _Mention, words: Sequence[str], gazetteer: Gazetteer) -> None:
    """ "Menteri Luar Negeri China Wang Yi": a minister's portfolio is part of the title, not of the
    name after it, which takes the gazetteer's label where it is known. Nothing may be left
    ("Menteri Agraria" tagged a person)."""
    if not (mention.start and fold(words[mention.start - 1]) in _MINISTERS) or mention.canonical:
        return
    while mention.start < mention.end and fold(words[mention.start]) in gazetteer.portfolios:
        mention.start += 1
    known = gazetteer.get(" ".join(words[mention.start : mention.end]))
    if known is not None:
        mention.label, mention.canonical = known.label, known.canonical


def _lone_title(mention: _Mention, words: Sequence[str], titles: frozenset[str]) -> bool:
    """ "Analis", "Ekonom" tagged as a person with no name after it."""
    return (
        mention.label == "PERSON"
        and mention.end - mention.start == 1
        and fold(words[mention.start]) in titles
    )


def _role(mention: _Mention, tokens: Sequence[Token], text: str, titles: frozenset[str]) -> str | None:
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


def _entity(tokens: Sequence[Token], mention: _Mention, text: str, gazetteer: Gazetteer) -> Entity:
    start, end = tokens[mention.start].start, tokens[mention.end - 1].end
    role = _role(mention, tokens, text, gazetteer.titles) if mention.label == "PERSON" else None
    return Entity(
        text=text[start:end], label=mention.label, start=start, end=end, canonical=text[start:end], role=role
    )


def _tag(tokens: Sequence[Token], text: str, gazetteer: Gazetteer) -> Iterator[tuple[Entity, str | None]]:
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
        mentions = _merge(spans(labels[first : first + len(words)]), gazetteer, matches)
        for mention in mentions:
            _trim_start(mention, words)
        first += len(words)
        if _DASHES.intersection(words):
            mentions = _split_at_dashes(mentions, words, gazetteer)
        if cased:
            mentions = _offices(mentions, words)
            folded = [fold(word) for word in words]
            mentions = _tidy(mentions, words, folded, gazetteer, matches)
            mentions = _headed_places(mentions, words, matches)
            mentions = _organisations_then_people(mentions, words, folded, matches, gazetteer.titles)
            mentions = _initialled_people(mentions, words, folded)
            mentions = _companies(mentions, words)
            mentions = _numbered_units(mentions, words, folded, gazetteer.titles)
            mentions = _commanders_areas(mentions, words, folded)
            mentions = _branches(mentions, words)
        dateline = _dateline(words, matches) if run is runs[0] else None
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
        mentions = [m for m in mentions if m.end > m.start and not _lone_title(m, words, gazetteer.titles)]
        mentions = _with_short_forms(mentions, words, gazetteer)
        _mark_acting_places([m for m in mentions if dateline is None or m is not dateline[0]], words, matches)
        for mention in mentions:
            yield _entity(run, mention, text, gazetteer), mention.canonical


def _affiliations_split(
    found: list[tuple[Entity, str | None]], gazetteer: Gazetteer
) -> list[tuple[Entity, str | None]]:
    """ "Direktur Utama Sritex Iwan Kurniawan Lukminto", "Perdana Menteri Hungaria Viktor Orban": the
    organisation or country of a title, run into the person after it. A person of three words or
    more that opens with a name of its own (one the document names alone elsewhere, "Deli Serdang"
    after "Kabupaten Deli Serdang"; one word the gazetteer knows; or an initialism of three letters or
    more, "BSI Hery Gunardi") is that name and then the person, as many times as the rest starts
    with one ("BPBD Majene Muhammad Ilham Syah")."""
    alone: dict[str, str] = {}
    for entity, _ in found:
        if entity.label != "PERSON":
            bare, short = _name(entity.text, place=_kind(entity.label) == "LOC")
            for name in (bare, short):
                if name:
                    alone[name] = entity.label
    result: list[tuple[Entity, str | None]] = []
    for entity, canonical in found:
        while entity.label == "PERSON" and canonical is None:
            words = list(_WORD_SPAN.finditer(entity.text))
            affiliation = _affiliation([word.group() for word in words], alone, gazetteer)
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
                update={"text": rest, "start": entity.end - len(rest), "canonical": rest}
            )
        result.append((entity, canonical))
    return result


_WORD_SPAN = re.compile(r"\S+")


def _affiliation(
    words: Sequence[str], alone: dict[str, str], gazetteer: Gazetteer
) -> tuple[int, str, str | None] | None:
    """How many words of a "person" of three words or more make the name it opens with, with that
    name's label and known canonical name, leaving two words or more for the person; the longest."""
    for size in range(len(words) - 2, 0, -1):
        first = " ".join(words[:size])
        label = alone.get(first)
        known = gazetteer.get(first) if size == 1 else None
        if label is None and known is not None and known.label != "PERSON":
            label = known.label
        if label is None and size == 1 and len(first) >= 3 and _INITIALISM.fullmatch(first):
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


def _repeated_names(
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
        elif _kind(entity.label) == "LOC" and len(key) > 1 and key[0] in _SELF_NAMED_HEADS:
            places.add(key[1:])
        elif entity.label == "ORG" and (short := _name(entity.text)[1]) is not None:
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
        for size in sorted(lengths, reverse=True):
            run = tokens[i : i + size]
            label = names.get(tuple(fold(t.text) for t in run))
            if label is not None and all(
                name_cased(t.text) and not any(covered[t.start : t.end]) for t in run
            ):
                repeated.append((_entity(tokens, _Mention(i, i + size, label), text, gazetteer), None))
                i += size
                break
        else:
            i += 1
    return repeated


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
    of indexes into ``found``, see ``_aliases``).
    """
    _label_aliases(found, aliases)
    names = [_name(entity.text, place=_kind(entity.label) == "LOC") for entity, _ in found]
    keys = [folded_words(bare) for bare, _ in names]
    spelling: dict[tuple[str, ...], str] = {}
    for (_, known), (bare, _), key in zip(found, names, keys, strict=True):
        name = known or (named.canonical if (named := gazetteer.get(bare)) else None)
        candidate = name or _unshouted(" ".join(bare.split()))
        best = spelling.get(key)
        if best is None or (name is None and _richer(candidate, best)) or name:
            spelling[key] = candidate
    for (_, short), key in zip(names, keys, strict=True):
        if short and gazetteer.get(short) is None:
            spelling[folded_words(short)] = spelling[key]
    for alias, original in aliases:
        spelling[keys[alias]] = spelling[keys[original]]
    _spell_initialisms(found, keys, spelling, gazetteer)
    written_as_region = [_REGION.match(entity.text) is not None for entity, _ in found]
    regions = {key for key, region in zip(keys, written_as_region, strict=True) if region}
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
        ):
            entity.label, key = "PERSON", full
        elif entity.label == "ORG" and len(longer.get(key, ())) == 1 and gazetteer.get(entity.text) is None:
            (key,) = longer[key]
        entity.canonical = spelling.get(key, entity.canonical)
        result.append(entity)
    _vote_labels(
        result,
        gazetteer,
        {e.canonical for e, region in zip(result, written_as_region, strict=True) if region},
    )
    return result


_ALIAS = re.compile(r"\s+alias\s+", re.IGNORECASE)
_OR = re.compile(r"\s+atau\s+")


def _aliases(found: Sequence[tuple[Entity, str | None]], text: str) -> list[tuple[int, int]]:
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
            and _LEGAL_FORM.search(before.text)
        ):
            aliases.append((i, i - 1))
    return aliases


def _label_aliases(found: Sequence[tuple[Entity, str | None]], aliases: Sequence[tuple[int, int]]) -> None:
    """Every mention of an alias is the kind of entity it names: "Sritex" is the company, also where
    the tagger took it for a place."""
    if not aliases:
        return
    kinds = {folded_words(found[alias][0].text): found[original][0].label for alias, original in aliases}
    for entity, _ in found:
        kind = kinds.get(folded_words(entity.text))
        if kind is not None and _kind(entity.label) != _kind(kind):
            entity.label = kind


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
            by_initials.setdefault("".join(word[0] for word in key), set()).add(key)
    for (entity, _), key in zip(found, keys, strict=True):
        if entity.label != "ORG" or not _INITIALISM.fullmatch(entity.text) or gazetteer.get(entity.text):
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
    a name the document also writes as a region (``regions``, "Kabupaten Deli Serdang") is a place.
    A place keeps its role in each mention: "ke Israel" stays LOC beside "Israel menyerang" (GPE)."""
    votes: dict[str, Counter[str]] = {}
    for entity in entities:
        votes.setdefault(entity.canonical, Counter())[_kind(entity.label)] += 1
    for entity in entities:
        counts = votes[entity.canonical]
        known = gazetteer.get(entity.canonical)
        if entity.canonical in regions:
            kind = "LOC"
        else:
            kind = max(counts, key=lambda label: (counts[label], known is not None and known.label == label))
        if kind != _kind(entity.label):
            entity.label = kind


def _kind(label: str) -> str:
    return "LOC" if label == GPE else label


def _name(surface: str, *, place: bool = False) -> tuple[str, str | None]:
    """ "PT Bank Syariah Indonesia Tbk" → "Bank Syariah Indonesia", and for a place "Kabupaten
    Demak" → "Demak"; "Pengadilan Kriminal Internasional (ICC)" → the name and its short form "ICC",
    which is not part of the name; the short form is the last bracket, "PT PP (Persero) Tbk. (PTPP)"."""
    bare = (_REGION.sub("", surface) if place else _LEGAL_FORM.sub("", surface)) or surface
    head, bracket, short = bare.rpartition(" (")
    if bracket and head and short.endswith(")"):
        return _LEGAL_FORM.sub("", head) or head, short[:-1]
    return bare, None


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


def extract_entities(text: str) -> list[Entity]:
    """PERSON, ORG and LOC mentions in ``text``, in order, each with a canonical name."""
    gazetteer = load()
    tokens = tokenize(text)
    found = _affiliations_split(list(_tag(tokens, text, gazetteer)), gazetteer)
    found += _repeated_names(tokens, text, found, gazetteer)
    found.sort(key=lambda pair: pair[0].start)
    return canonicalise(found, gazetteer, _aliases(found, text))
