"""Clean stage: the article body without the page furniture around it.

First version: line rules for the furniture seen in crawled Indonesian news. Every stripped line is
kept in ``removed`` with a reason, so that the stage can be audited.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass, field

from warta.records import Removed


@dataclass(frozen=True)
class Cleaned:
    text: str
    title: str | None
    removed: list[Removed] = field(default_factory=list)


_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("pagination", re.compile(r"^(halaman\s+(selanjutnya|berikutnya|all|\d+)|\d+\s*(/\s*\d+)?|next|prev)$", re.I)),
    ("related-link", re.compile(r"^(baca juga|berita rekomendasi|lihat juga|baca selengkapnya|berita terkait)\b", re.I)),
    ("promo", re.compile(r"(nikmati berita|dapatkan berita|ikuti kami|follow .* google news|download aplikasi|whatsapp)", re.I)),
    ("photo-credit", re.compile(r"^(sumber\s*:?$|photo\s*:?$|foto\s*:|•|zoom-in\b|\(.*photos?\)$|.*\bpool photo\b)", re.I)),
    ("byline", re.compile(r"^(penulis|editor|reporter|laporan wartawan)\s*:?", re.I)),
    ("copyright", re.compile(r"^(©|copyright\b|sumber\s*:\s*\S+\.(com|co\.id|id)$|source link$)", re.I)),
    ("navigation", re.compile(r"^(home\b.*|atas|tribun|advertisement|scroll to continue.*)$", re.I)),
]

_TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S | re.I)
_BLOCK = re.compile(r"</?(p|div|br|h[1-6]|li|article|section|tr)\b[^>]*>", re.I)


def html_to_text(html: str) -> str:
    """Crude block-aware HTML to text; the dedicated extractor replaces this for real pages."""
    return html_lib.unescape(_TAG.sub("", _BLOCK.sub("\n", html)))


def clean(text: str | None, html: str | None = None, title: str | None = None) -> Cleaned:
    source = text if text and text.strip() else html_to_text(html or "")
    removed: list[Removed] = []
    kept: list[str] = []
    seen: set[str] = set()
    for raw_line in source.splitlines():
        line = raw_line.strip()
        if not line:
            continue
        reason = next((name for name, rule in _RULES if rule.search(line)), None)
        if reason is None and line in seen:
            reason = "duplicate"
        if reason is None and title and line == title.strip():
            reason = "duplicate"
        if reason:
            removed.append(Removed(text=line, reason=reason))
            continue
        seen.add(line)
        kept.append(line)
    return Cleaned(text="\n\n".join(kept), title=title or (kept[0] if kept else None), removed=removed)
