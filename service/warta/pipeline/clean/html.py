"""Article extraction from HTML pages, with the page's own title, author and date."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura
from trafilatura.settings import Document, set_date_params

_MOMENT = "%Y-%m-%dT%H:%M:%S%z"
"""htmldate's output format: its default, a bare day, drops the time and zone a page states."""


@dataclass(frozen=True, slots=True)
class Page:
    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    """When the page says it was published, ISO: with its time and zone where it gives them
    ("2024-06-20T10:15:00+0700"), else the day at midnight ("2024-06-20T00:00:00")."""


def extract_page(html: str) -> Page:
    """The main text of ``html`` (one paragraph a line) and its metadata; empty if there is none.

    Comments are left out and tables kept (sports line-ups, election results); the text still
    goes through the line cleaning, which removes the furniture extraction lets through.
    """
    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_recall=True,
        date_extraction_params={**set_date_params(), "outputformat": _MOMENT},
    )
    if not isinstance(document, Document):
        return Page(text="")
    return Page(
        text=document.text or "",
        title=document.title or None,
        author=document.author or None,
        date=document.date or None,
    )
