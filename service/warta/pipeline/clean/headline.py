"""Bare headlines of other stories, pasted between paragraphs without a "Baca juga" label.

They look like the subheadings a story really has (no final punctuation), so no phrase list can
find them. What sets them apart is shape and context: a headline is long and in title case, and it
is about something else, so the paragraph after it does not pick up its words; a subheading is
short, often a question or a numbered step, and introduces the paragraph that follows it.
The weights are set by hand on the development split and kept few enough to read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from warta.pipeline.clean.furniture import CLOCK

FUNCTION_WORDS = frozenset(
    [
        "di",
        "ke",
        "dari",
        "dan",
        "yang",
        "untuk",
        "dengan",
        "pada",
        "kepada",
        "oleh",
        "atau",
        "soal",
        "tentang",
        "sejak",
        "hingga",
        "sampai",
        "usai",
        "jelang",
        "saat",
        "karena",
        "bagi",
        "per",
        "vs",
        "atas",
        "agar",
        "setelah",
        "sebelum",
        "akan",
        "dalam",
        "antara",
        "ini",
        "itu",
        "jadi",
        "tak",
        "tidak",
        "bisa",
        "ada",
        "masih",
        "juga",
        "the",
        "of",
        "and",
        "in",
        "to",
        "a",
    ]
)
"""Words Indonesian (and English) headline case leaves lower-case; ignored when measuring case."""

_WORD = re.compile(r"[^\W_][\w'’-]*")
_NUMBERED = re.compile(rf"^(?:\d{{1,2}}[.)]\s|{CLOCK})", re.I)
"""A step's number, or the time of a live report's entry ("10.15 WIB - Presiden tiba")."""


@dataclass(frozen=True, slots=True)
class HeadlineFeatures:
    words: int
    title_case: float
    """Share of content words that start with a capital (or digit)."""
    next_overlap: float
    """Share of the line's content words that the next line repeats."""
    question: bool
    numbered: bool
    """Opens with a step's number or a time of day: a list or a live report's entry, in the story."""
    listed: bool
    """Holds a semicolon or two commas: a line-up or a list of names, which no headline is."""


BIAS = -4.5
PER_WORD = 0.4
"""Per word beyond three, up to twelve: subheadings are short, headlines are not."""
TITLE_CASE = 8.0
"""Centred on half the content words capitalised: sentence case pulls hard the other way."""
NEXT_OVERLAP = -3.0
QUESTION = -3.0
NUMBERED = -4.0
LISTED = -4.0


def _content_words(line: str) -> list[str]:
    return [w for w in _WORD.findall(line) if w.casefold() not in FUNCTION_WORDS]


def headline_features(line: str, next_line: str | None) -> HeadlineFeatures:
    content = _content_words(line)
    capitalised = sum(1 for w in content if w[0].isupper() or w[0].isdigit())
    following = {w.casefold() for w in _content_words(next_line or "")}
    repeated = sum(1 for w in content if w.casefold() in following)
    return HeadlineFeatures(
        words=len(line.split()),
        title_case=capitalised / len(content) if content else 0.0,
        next_overlap=repeated / len(content) if content else 0.0,
        question=line.rstrip().endswith("?"),
        numbered=bool(_NUMBERED.match(line)),
        listed=";" in line or line.count(",") >= 2,
    )


def headline_score(features: HeadlineFeatures) -> float:
    """Log-odds-like score; above zero the line is taken for another story's headline."""
    return (
        BIAS
        + PER_WORD * min(max(features.words - 3, 0), 9)
        + TITLE_CASE * (features.title_case - 0.5)
        + NEXT_OVERLAP * features.next_overlap
        + QUESTION * features.question
        + NUMBERED * features.numbered
        + LISTED * features.listed
    )


MAX_WORDS = 20
"""Headlines are shorter than this; longer lines are prose, whatever their punctuation."""


def is_bare_headline(line: str, next_line: str | None) -> bool:
    if len(line.split()) >= MAX_WORDS:
        return False
    return headline_score(headline_features(line, next_line)) > 0
