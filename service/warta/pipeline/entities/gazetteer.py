"""Names a news pipeline must never miss, and the one canonical spelling each of them gets.

Countries come from pycountry's Indonesian translations, overridden by ``countries.tsv`` where news
usage differs ("Tiongkok", not "Cina"); capitals, people and organisations are small curated lists
in ``warta/data/gazetteer/``. Every name is stored under its *folded* words (lower case, no
diacritics), so "To Lam" and "Tô Lâm" meet, while a case pattern keeps "AS" from matching "as".
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import pycountry

TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")
"""Words and single punctuation marks; shared with the tagger so that names and text split alike."""
ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Dr|dr|Drs|drg|Jr|Sr|Prof|Ir|St|No|Hj?|KH|Tbk|dll|dsb|Bpk|Sdr))\.$"
)
"""A stop after an initial, a title or an abbreviation ("Marcos Jr.", "Prof. dr. Ova Emilia", "PT PP
Tbk."), which ends no sentence: search the text, or the word, up to and including the stop."""

_FILES = {"countries.tsv": "LOC", "places.tsv": "LOC", "people.tsv": "PERSON", "organisations.tsv": "ORG"}
_REGION_TYPES_SKIPPED = ("Geographical unit",)


@dataclass(frozen=True, slots=True)
class Name:
    label: str
    canonical: str


@dataclass(frozen=True, slots=True)
class Match:
    """A gazetteer name found in a word sequence: words ``start`` up to (not including) ``end``."""

    start: int
    end: int
    name: Name


@dataclass(frozen=True, slots=True)
class _Entry:
    words: tuple[str, ...]
    case: tuple[str, ...]
    name: Name


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower case without diacritics: the key under which spellings of one name meet."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


def words(text: str) -> list[str]:
    return TOKEN.findall(text)


@lru_cache(maxsize=100_000)
def folded_words(surface: str) -> tuple[str, ...]:
    """The key of a name: its words folded ("Tô Lâm" and "To Lam" → ("to", "lam")); cached, since
    an article names the same few entities again and again."""
    return tuple(fold(word) for word in words(surface))


def _case_of(word: str) -> str:
    """`U` acronyms must stay upper case, `T` capitalised words capitalised; `x` anything."""
    if len(word) > 1 and word.isupper():
        return "U"
    return "T" if word[:1].isupper() else "x"


_ROMAN = re.compile(r"[IVXLC]+")


def name_cased(word: str) -> bool:
    """Capitalised as a word of a name in cased text: "Xi", or "PUTIN" in a headline, but not a
    Roman numeral ("Komisi XI", "Paus Leo XIV")."""
    return word[:1].isupper() and not (len(word) > 1 and _ROMAN.fullmatch(word))


def _case_fits(word: str, case: str, cased: bool) -> bool:
    if not cased:
        return case != "U" or len(word) > 2
    if case == "U":
        return word.isupper()
    return case == "x" or name_cased(word) or word[:1].isdigit()


class Gazetteer:
    """Longest-match lookup of known names in a sequence of words."""

    def __init__(
        self,
        entries: Sequence[_Entry],
        titles: frozenset[str],
        portfolios: frozenset[str],
        countries: frozenset[str],
    ) -> None:
        self._by_first: dict[str, list[_Entry]] = {}
        self._by_words: dict[tuple[str, ...], Name] = {}
        for entry in entries:
            if entry.words in self._by_words:
                continue
            self._by_words[entry.words] = entry.name
            self._by_first.setdefault(entry.words[0], []).append(entry)
        for candidates in self._by_first.values():
            candidates.sort(key=lambda entry: len(entry.words), reverse=True)
        self.titles = titles
        self.portfolios = portfolios
        """Words of ministries' names after "Kementerian" or "Kemenko" ("luar", "negeri", "kesehatan",
        "polhukam"): after "Menteri" or "Menko" they belong to the title, not to the name that follows."""
        self.countries = countries
        """Canonical names of the countries."""

    def __len__(self) -> int:
        return len(self._by_words)

    def find(self, tokens: Sequence[str], cased: bool = True) -> list[Match]:
        """Non-overlapping matches, leftmost first, each as long as possible."""
        folded = [fold(token) for token in tokens]
        matches: list[Match] = []
        for i, word in enumerate(folded):
            if word in self._by_first and (not matches or i >= matches[-1].end):
                match = self._match_at(tokens, folded, i, cased)
                if match is not None:
                    matches.append(match)
        return matches

    def _match_at(self, tokens: Sequence[str], folded: list[str], i: int, cased: bool) -> Match | None:
        for entry in self._by_first.get(folded[i], ()):
            end = i + len(entry.words)
            if tuple(folded[i:end]) == entry.words and all(
                _case_fits(tokens[i + k], case, cased) for k, case in enumerate(entry.case)
            ):
                return Match(i, end, entry.name)
        return None

    def get(self, surface: str) -> Name | None:
        """The known name spelled ``surface`` (any case, with or without diacritics), if any."""
        return self._by_words.get(folded_words(surface))


def _entry(alias: str, name: Name) -> _Entry | None:
    tokens = words(alias)
    if not tokens:
        return None
    return _Entry(tuple(fold(t) for t in tokens), tuple(_case_of(t) for t in tokens), name)


def _rows(filename: str) -> Iterator[list[str]]:
    text = resources.files("warta").joinpath("data/gazetteer", filename).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def _spellings(cell: str) -> list[str]:
    return [alias for alias in cell.split("|") if alias]


def _curated() -> Iterator[tuple[str, Name]]:
    for filename, label in _FILES.items():
        for row in _rows(filename):
            if filename == "countries.tsv":
                row = row[1:]
            name = Name(label, row[0])
            for alias in [row[0], *_spellings(row[1] if len(row) > 1 else "")]:
                yield alias, name


def _countries() -> Iterator[tuple[str, Name]]:
    """Every country under its Indonesian and English names."""
    indonesian = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"])
    overridden = {row[0]: row[1] for row in _rows("countries.tsv")}
    for country in pycountry.countries:
        english = [getattr(country, field, None) for field in ("common_name", "name", "official_name")]
        spellings = [s for e in english if e for s in (indonesian.gettext(e), e) if "," not in s]
        if not spellings:
            continue
        name = Name("LOC", overridden.get(country.alpha_2, spellings[0]))
        for spelling in spellings:
            yield spelling, name


def _provinces() -> Iterator[tuple[str, Name]]:
    for province in pycountry.subdivisions.get(country_code="ID") or ():
        if province.type not in _REGION_TYPES_SKIPPED:
            yield province.name, Name("LOC", province.name)


@cache
def load() -> Gazetteer:
    """The bundled gazetteer; curated spellings win over pycountry's when both name a string."""
    countries = list(_countries())
    entries = [
        entry
        for alias, name in [*_curated(), *countries, *_provinces()]
        if (entry := _entry(alias, name)) is not None
    ]
    titles = frozenset(fold(row[0]) for row in _rows("titles.txt"))
    portfolios = frozenset(
        word
        for entry in entries
        if entry.words[0] in ("kementerian", "kemenko")
        for word in entry.words[1:]
        if word.isalpha() and word not in ("dan", "koordinator", "bidang")
    )
    return Gazetteer(entries, titles, portfolios, frozenset(name.canonical for _, name in countries))
