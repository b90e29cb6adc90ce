"""Datelines: where an article was filed from, and by which outlet, before the dash that opens it.

"HANOI –", "JAKARTA, KOMPAS.com -", "Tokyo (ANTARA) -", "Jakarta, CNN Indonesia --", "Rio de
Janeiro (ANTARA) -". A dateline says who reports and from where, not what happened: the clean stage
keeps it with the body, while the events and stories stages read the news after it.
"""

from __future__ import annotations

import re

_WORD = r"(?:[A-Z][\w.]*|de|da|del|do|dos|es|al|el|la|van|von)"
"""A dateline's words are capitalised, but for the particles of place names ("Rio de Janeiro")."""
_DATELINE = re.compile(
    rf"^(?:[\w.]+,\s*)?[A-Z][\w.]*(?:[ ,]+{_WORD}){{0,3}}\s*(?:\([\w .]+\))?\s*(?:-{{1,2}}|–|—)(?:\s|$)"
)


def dateline_end(text: str) -> int:
    """Where the text after its opening dateline starts: 0 when it opens with none."""
    found = _DATELINE.match(text)
    return found.end() if found else 0
