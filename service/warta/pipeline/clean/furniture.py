"""High-precision phrase rules for page furniture that no article sentence looks like.

Each rule names the *kind* of furniture, which becomes the ``reason`` of the removal. Rules look
where furniture shows itself: at the start of a line ("Baca juga:", "Penulis:"), as a marker in
the first words ("… di Google News"), or as a credit at the end of a short caption
("… (AP/Ahn Young-joon)"). A sentence that merely mentions WhatsApp or a photo is left alone;
anything subtler is the job of the context passes and the headline scorer.
"""

from __future__ import annotations

import re

from warta.pipeline.dateline import dateline_end

TERMINAL = re.compile(r"[.!?…:;\"'”’»)\]]$")
"""A line ending like a sentence (closing quotes and brackets included)."""

CAPTION_CHARS = 300
"""Credits close captions, and captions are short: longer lines are not checked for a credit."""

_DAY = r"(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad)"
CLOCK = r"\b\d{1,2}[.:]\d{2}(?::\d{2})?\s*(?:wib|wita|wit|gmt|utc)\b"
"""A time of day as news writes it, "10.15 WIB" (match case-insensitively)."""
_NO_SENTENCE_END = r"(?!.*[.!?]$)"
_TIMED_ENTRY = rf"(?!{CLOCK}\s*[-–—:]\s*\S+\s+\S)"
"""Not a live report's timed entry, "10.15 WIB - Presiden tiba di Istana", which is news."""
_CAPITAL = "(?-i:[A-Z])"
_BULLET = re.compile(r"^(?:[*·\-–]\s+|\|\s*)")
"""A list's bullet, or the pipe that opens a table row as extraction writes it ("| Baca juga: …"),
which the rules read past."""

_LINE_RULES: tuple[tuple[str, str], ...] = (
    (
        "pagination",
        r"(?:halaman\s*(?:selanjutnya|berikutnya|sebelumnya|all|\d+(?:\s*(?:dari|/)\s*\d+)?)?\s*:?"
        r"|lanjut(?:kan)?\s+(?:ke\s+)?halaman\s+\w+|selanjutnya|sebelumnya|next|prev(?:ious)?"
        r"|show all|tampilkan semua|muat lebih banyak|load more|\d+\s*/\s*\d+)$",
    ),
    (
        "related-link",
        r"(?:baca|lihat)\s+(?:juga|pula|selengkapnya)\b|pilihan editor\s*:|(?:artikel|berita) terkait\s*(?::|$)"
        r"|(?:berita|artikel)\s+(?:rekomendasi|pilihan|lainnya|populer|terpopuler)\s*:?$",
    ),
    (
        "advertisement",
        r"(?:advertisement|iklan|ads|sponsored|konten sponsor|scroll to continue with content)$",
    ),
    (
        "promo",
        r"(?:nikmati|dapatkan|download|unduh|install|ikuti|follow|gabung|bergabung|subscribe|langganan"
        r"|simak|saksikan|tonton|jangan lewatkan|klik)\b.{0,200}"
        r"\b(?:whatsapp|telegram|google news|aplikasi|app|instagram|youtube|tiktok|channel|video|berita"
        r"|update|akun|newsletter|di ?sini|kami|tribunx|berikut)\b"
        r"|scroll untuk membaca|\[gambas:.*\]$"
        rf"|{_NO_SENTENCE_END}(?:\S+\s+){{0,3}}(?:whatsapp|telegram|instagram)(?:\s+\S+){{0,2}}$",
    ),
    ("byline", r"[\(\[]\s*[a-z]{2,5}(?:\s*/\s*[a-z]{2,5})*\s*[\)\]]$"),
    (  # a bullet opens a credit ("• Kremlin Pool Photo via AP"), not a point written in words
        "photo-credit",
        r"(?:lihat foto|foto|photo|sumber|source|ilustrasi)\s*:?$|zoom-in\b|•(?!(?-i:.*\b[a-z]{4,}\b))"
        r"|(?:foto|photo)\s*[:/]\s*\S"
        rf"|{_CAPITAL}[\w.&-]*(?:\s[\w.&-]+){{0,2}}\s?/\s?{_CAPITAL}[^!?/]{{0,50}}(?:/[^!?/]{{1,30}})?"
        r"(?<![.!?])$",
    ),
    (
        "byline",
        r"(?:penulis|editor|reporter|redaktur|pewarta|kontributor|wartawan|fotografer|oleh|rep|red"
        r"|penyunting|koresponden|writer)\s*:|laporan\s+(?:wartawan|reporter|koresponden|jurnalis)\b",
    ),
    (
        "copyright",
        r"(?:©|\(c\)\s|copyright\b|hak cipta\b|source link$|artikel ini telah (?:tayang|terbit|dimuat)\b"
        r"|dilarang (?:keras )?(?:mengambil|mengutip|menyalin|memperbanyak)\b"
        r"|sumber\s*:\s*[^!?]{1,60}(?<![.!?])$|\(\s*[\w-]+\.(?:com|co\.id|id|net)\s*\)$)",
    ),
    (
        "navigation",
        rf"(?:(?:home|beranda)\b{_NO_SENTENCE_END}.*|[^>»]{{1,60}}(?:\s[>»]\s[^>»]{{1,60}})+(?<![.!?])"
        r"|(?:kembali ke )?atas|bagikan|share|komentar|tags?|topik|tag terkait|tutup|close|menu)\s*:?$",
    ),
    (
        "byline",
        rf"(?=.{{0,120}}$){_NO_SENTENCE_END}{_TIMED_ENTRY}(?:.*{CLOCK}.*|{_DAY},?\s+\d{{1,2}}\s+\w+\s+\d{{4}}.*)$",
    ),
    ("share-counter", r"\d{1,5}$"),
)
"""Whole-line and line-start rules, tried in order: the first that matches names the reason."""

_LINE = re.compile("|".join(f"(?P<r{i}>{rule})" for i, (_, rule) in enumerate(_LINE_RULES)), re.I)
_LINE_REASONS = {f"r{i}": reason for i, (reason, _) in enumerate(_LINE_RULES)}

_MARKERS = re.compile(
    r"\b(?:(?P<promo>whatsapp channel|google news|klik di ?sini|tribunx|cek fakta)"
    r"|(?P<copyright>all rights? reserved))\b",
    re.I,
)
"""Furniture that can show itself after a few words ("kumparan hadir di WhatsApp Channel! …")."""

_CREDIT_TAIL = re.compile(
    r"(?:[\(\[][^()\[\]]*(?:\bfoto\b|\bphotos?\b|ilustrasi|[a-z]\s?/\s?[a-z])[^()\[\]]*[\)\]]"
    rf"|[.!?]\s+{_CAPITAL}[\w.&-]*(?:\s{_CAPITAL}[\w.&-]*)?\s?/\s?{_CAPITAL}[^.!?]{{0,50}}"
    r"|\bfoto\s*[:/]\s*[^!?]{1,60}(?<![.!?])"
    r"|\b(?:antara(?: foto)?/|pool photo\b|via ap\b)[^!?]{0,60}"
    rf"|[.!?]\s+[\(\[]{_CAPITAL}[^()\[\]]{{1,40}}[\)\]])$",
    re.I,
)
"""A photo credit closing a caption: ``(Foto: Okezone)``, ``. TEMPO/Imam Sukamto``, ``[Shutterstock]``."""


def furniture_reason(line: str) -> str | None:
    """The kind of furniture ``line`` (stripped) unmistakably is, or ``None``."""
    text = _BULLET.sub("", line) if line[:1] in "*·-–|" else line
    found = _LINE.match(text)
    if found and found.lastgroup:
        return _LINE_REASONS[found.lastgroup]
    marker = _MARKERS.search(text, 0, 200)
    if marker and marker.lastgroup:
        return marker.lastgroup
    if len(text) <= CAPTION_CHARS and _CREDIT_TAIL.search(text, max(len(text) - 120, 0)):
        return "photo-credit"
    return None


def is_sentence(line: str) -> bool:
    """Whether ``line`` ends the way a sentence or a quote does."""
    return bool(TERMINAL.search(line))


def is_dateline(line: str) -> bool:
    """Whether ``line`` opens with a dateline such as ``HANOI –`` (only article bodies do)."""
    return dateline_end(line) > 0
