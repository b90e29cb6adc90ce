"""The outlet's own name after a page title: "Subsidi Pupuk Naik | Republika Online".

Pages put their site's name after the headline in the title they declare, and crawlers copy it. It
is furniture like a footer: stories would otherwise find every title of one site alike. It is cut only
where the last part after a separator names the document's source ("kompas.com" for "Kompas.com",
"www.detik.com" for "detikFinance"), so that a headline with a dash of its own keeps it.
"""

from __future__ import annotations

import re

_LAST_PART = re.compile(r"\s+[|:\-–—]\s+(?P<outlet>[^|:\-–—]+)$")
_NOT_THE_NAME = frozenset(["www", "m", "news", "com", "co", "id", "net", "org", "or", "go", "tv", "web"])
"""Parts of a web address that are not the site's name: "news.okezone.com" is Okezone."""


def split_outlet(title: str, source: str | None) -> tuple[str, str | None]:
    """The title without the outlet's name after it, and that name if it was there."""
    found = _LAST_PART.search(title)
    name = _site_name(source) if source else None
    if found is None or not name or found.start() == 0:
        return title, None
    outlet = found["outlet"].strip()
    if name not in re.sub(r"\W", "", outlet.casefold()):
        return title, None
    return title[: found.start()], outlet


def _site_name(source: str) -> str | None:
    """The name in a source such as "news.okezone.com" or "Republika": its longest part that is no
    address part, lower case."""
    parts = [part for part in re.split(r"[.\s]+", source.casefold()) if part and part not in _NOT_THE_NAME]
    return max(parts, key=len, default=None)
