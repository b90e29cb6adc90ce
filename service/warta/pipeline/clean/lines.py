"""Label every line of a plain-text page as article body or as a kind of furniture.

Phrase rules catch the unmistakable furniture line by line; the passes here add what only context
shows: the headlines listed under a bare "Baca juga", the captions around a photo credit, the
title repeated in the page, the crumbs and bylines above the first paragraph and the tags below
the last one, and bare headlines of other stories between paragraphs.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from itertools import pairwise, zip_longest

from warta.pipeline.clean.furniture import furniture_reason, is_dateline, is_sentence
from warta.pipeline.clean.headline import headline_features, is_bare_headline

MAX_RULE_LENGTH = 1_000
"""Furniture is never longer than this; longer lines skip the phrase rules (and their cost)."""

CAPTION_WORDS = 30
"""Captions are short; a longer line next to a photo credit is a paragraph."""

_RELATED_OPENER = re.compile(r"^(?:(?:baca|lihat)\s+(?:juga|pula)|(?:berita|artikel) terkait)\s*:?$", re.I)
_PHOTO_BEFORE = re.compile(r"^(?:lihat foto|zoom-in\b)", re.I)
"""Markers a caption block follows (Kompas "Lihat Foto", Tribun "zoom-in")."""
_PHOTO_AFTER = re.compile(r"^(?:foto|photo|sumber|source)\s*:?$", re.I)
"""Markers a caption precedes (VIVA "Photo :" / "Sumber :")."""
_DATE = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\b\d{4}\b|\d{1,2}[.:]\d{2}")


@dataclass(slots=True)
class Line:
    text: str
    after_blank: bool
    """A blank line separates it from the line before: a paragraph or block boundary."""
    reason: str | None = None

    @property
    def words(self) -> int:
        return len(self.text.split())


_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
"""Soft hyphens, zero-width characters and byte-order marks, which scraped pages carry: dropped, or
they would split words ("Ha\u200bnoi") for every later stage. (A regex: ``str.translate`` with a
table takes ~14 times as long on a 4 KB article.)"""


_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
"""An HTML character reference, closed by its semicolon: crawlers that strip tags often leave them
("Bank&nbsp;Indonesia", "&quot;"). Without the semicolon, as HTML also allows for a few, "&notice"
would read as "¬ice"."""


def split_lines(text: str) -> list[Line]:
    """The non-blank lines, with character references read, a no-break space read as a space and
    invisible characters dropped."""
    if "&" in text:
        text = _ENTITY.sub(lambda reference: html.unescape(reference.group()), text)
    lines: list[Line] = []
    blank = False
    for raw in _INVISIBLE.sub("", text.replace("\u00a0", " ")).splitlines():
        stripped = raw.strip()
        if stripped:
            lines.append(Line(stripped, after_blank=blank))
        blank = not stripped
    return lines


def _key(text: str) -> str:
    """Comparison key for repeats: case, spacing and closing punctuation do not count."""
    return " ".join(text.casefold().split()).rstrip(".!?:;\"'”’ ")


def _is_paragraph(line: Line) -> bool:
    """A line that is surely prose: the article starts at the first one and ends at the last one."""
    if is_dateline(line.text) and (line.words >= 8 or line.text[-1] in "-–—"):
        return True
    if line.words >= 20:
        return True
    return line.words >= 8 and is_sentence(line.text) and not _is_heading(line)


def _is_heading(line: Line) -> bool:
    """A question or exclamation in headline case, as titles often are."""
    return line.text[-1] in "?!" and headline_features(line.text, None).title_case >= 0.8


def _is_caption(line: Line) -> bool:
    return line.reason is None and line.words <= CAPTION_WORDS and not is_dateline(line.text)


def _is_listed_headline(line: Line, first: bool) -> bool:
    """The first line under the label is a headline unless it is a sentence; later ones must also
    be in headline case, so that a subheading after a one-item list stays."""
    if line.reason is not None or line.words > 20 or is_sentence(line.text):
        return False
    return first or headline_features(line.text, None).title_case >= 0.5


def _apply_rules(lines: list[Line]) -> None:
    for line in lines:
        if len(line.text) <= MAX_RULE_LENGTH:
            line.reason = furniture_reason(line.text)
    for previous, line in pairwise(lines):
        if line.reason == "share-counter" and previous.reason == "pagination":
            line.reason = "pagination"


def _mark_listed_headlines(lines: list[Line]) -> None:
    """Headlines listed under a bare "Baca juga:" are related links, up to the first sentence."""
    for i, line in enumerate(lines):
        if line.reason != "related-link" or not _RELATED_OPENER.match(line.text):
            continue
        for n, listed in enumerate(lines[i + 1 : i + 5]):
            if not _is_listed_headline(listed, first=n == 0):
                break
            listed.reason = "related-link"


def _mark_captions(lines: list[Line]) -> None:
    """Captions sit next to photo credits: after a marker, before a bare credit label, and beside a
    credit above the article's first line (below it, a short line by a credit may well be prose)."""
    start = _article_start(lines)
    for i, line in enumerate(lines):
        if line.reason != "photo-credit":
            continue
        if _PHOTO_BEFORE.match(line.text):
            for caption in lines[i + 1 : i + 4]:
                if caption.after_blank or not (caption.reason == "photo-credit" or _is_caption(caption)):
                    break
                caption.reason = "photo-credit"
        elif _PHOTO_AFTER.match(line.text):
            if i > 0 and _is_caption(lines[i - 1]):
                lines[i - 1].reason = "photo-credit"
        elif i < start and line.words <= 8:
            neighbours = [lines[i - 1]] if i > 0 and not line.after_blank else []
            if i + 1 < len(lines) and not lines[i + 1].after_blank:
                neighbours.append(lines[i + 1])
            for caption in neighbours:
                if _is_caption(caption) and caption.words <= 20:
                    caption.reason = "photo-credit"
    for line, credited in pairwise(lines):
        if line.reason is None and credited.reason == "photo-credit" and credited.text.startswith(line.text):
            line.reason = "photo-credit"


def _lead(lines: list[Line]) -> int:
    """Index of the first paragraph (``len(lines)`` if there is none)."""
    return next(
        (i for i, line in enumerate(lines) if line.reason is None and _is_paragraph(line)), len(lines)
    )


def _article_start(lines: list[Line]) -> int:
    """Index of the dateline that opens the story, or else of the first paragraph."""
    datelined = (i for i, line in enumerate(lines) if line.reason is None and is_dateline(line.text))
    return next(datelined, _lead(lines))


def _infer_title(lines: list[Line], lead: int) -> str | None:
    """The longest heading-like line above the first paragraph, where pages print their headline."""
    candidates = [
        line.text
        for line in lines[:lead]
        if line.reason is None
        and 3 <= line.words <= 25
        and not line.text.endswith(".")
        and not re.search(r"[.!?] [A-Z]", line.text)
    ]
    return max(candidates, key=len, default=None)


def _mark_repeats(lines: list[Line], title: str | None) -> None:
    title_key = _key(title) if title else None
    seen: set[str] = set()
    for line in lines:
        key = _key(line.text)
        if line.reason is None and key and key == title_key:
            line.reason = "title"
        elif line.reason is None and key in seen:
            line.reason = "duplicate"
        seen.add(key)


def _header_reason(line: Line) -> str:
    return "byline" if _DATE.search(line.text) else "navigation"


def _mark_margins(lines: list[Line]) -> None:
    """Above the first paragraph and below the last, a line that is not a sentence is furniture."""
    paragraphs = [i for i, line in enumerate(lines) if line.reason is None and _is_paragraph(line)]
    if not paragraphs:
        return
    for line in lines[: paragraphs[0]]:
        if line.reason is None and not is_sentence(line.text):
            line.reason = _header_reason(line)
    for line in lines[paragraphs[-1] + 1 :]:
        if line.reason is None and not is_sentence(line.text) and line.words < 6:
            line.reason = "navigation"


def _mark_bare_headlines(lines: list[Line]) -> None:
    body = [line for line in lines if line.reason is None]
    for line, following in zip_longest(body, body[1:]):
        next_text = following.text if following else None
        if line.words >= 2 and not is_sentence(line.text) and is_bare_headline(line.text, next_text):
            line.reason = "related-link"


def label_lines(lines: list[Line], title: str | None) -> str | None:
    """Set each line's ``reason`` (``None`` for body) and return the title, inferred if not given."""
    _apply_rules(lines)
    _mark_listed_headlines(lines)
    _mark_captions(lines)
    title = title or _infer_title(lines, _lead(lines))
    _mark_repeats(lines, title)
    _mark_margins(lines)
    _mark_bare_headlines(lines)
    return title
