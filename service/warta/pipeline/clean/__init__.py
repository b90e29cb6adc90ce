"""Clean stage: the article body without the page furniture around it.

Plain text goes through line labelling (phrase rules, context passes, a headline scorer); HTML is
first reduced to its main text by trafilatura, then cleaned the same way. Every stripped line is
returned in ``removed`` with its reason, so that every removal can be audited.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from warta.pipeline.clean.html import extract_page
from warta.pipeline.clean.lines import label_lines, split_lines
from warta.pipeline.clean.title import split_outlet
from warta.records import Removed


@dataclass(frozen=True)
class Cleaned:
    text: str
    """Article body, paragraphs separated by blank lines."""
    title: str | None
    removed: list[Removed] = field(default_factory=list)
    author: str | None = None
    """From the page metadata (HTML input only)."""
    published: str | None = None
    """When the page says it was published, ISO, with time and zone where it states them (HTML
    input only)."""


def clean(
    text: str | None, html: str | None = None, title: str | None = None, source: str | None = None
) -> Cleaned:
    """Strip the furniture from ``text``, or from the article extracted from ``html`` if no text;
    ``source`` (the site) lets the title lose the site's name after it."""
    author = published = None
    if not (text and text.strip()) and html and html.strip():
        page = extract_page(html)
        text, title = page.text, title or page.title
        author, published = page.author, page.date
    title, outlet = split_outlet(title.strip(), source) if title and title.strip() else (None, None)
    removed = [Removed(text=outlet, reason="outlet-in-title")] if outlet else []
    lines = split_lines(text or "")
    title = label_lines(lines, title)
    return Cleaned(
        text="\n\n".join(line.text for line in lines if line.reason is None),
        title=title,
        removed=removed + [Removed(text=line.text, reason=line.reason) for line in lines if line.reason],
        author=author,
        published=published,
    )


__all__ = ["Cleaned", "clean"]
