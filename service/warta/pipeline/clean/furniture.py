"""High-precision phrase rules for page furniture that no article sentence looks like.

Each rule names the *kind* of furniture, which becomes the ``reason`` of the removal. The rules are
anchored (whole line, or a line start) so that a body sentence that merely mentions WhatsApp or a
photo is left alone; anything subtler is the job of the context rules and the headline scorer.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

TERMINAL = re.compile(r"[.!?…:;\"'”’»)\]]$")
"""A line ending like a sentence (closing quotes and brackets included)."""

DATELINE = re.compile(
    r"^(?:[\w.]+,\s*)?[A-Z][\w.]*(?:[ ,]+[A-Z][\w.]*){0,3}\s*(?:\([\w .]+\))?\s*(?:-{1,2}|–|—)(?:\s|$)"
)
"""``HANOI –``, ``JAKARTA, KOMPAS.com -``, ``Tokyo (ANTARA) -``, ``jpnn.com, JAKARTA -``: a story opens."""

_DAY = r"(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad)"
_CLOCK = r"\b\d{1,2}[.:]\d{2}(?::\d{2})?\s*(?:wib|wita|wit|gmt|utc)\b"
_NO_SENTENCE_END = r"(?!.*[.!?]$)"
_BULLET = re.compile(r"^[*·\-–]\s+")

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "pagination",
        re.compile(
            r"(?:halaman\s*(?:selanjutnya|berikutnya|sebelumnya|all|\d+(?:\s*(?:dari|/)\s*\d+)?)?\s*:?"
            r"|lanjut(?:kan)?\s+(?:ke\s+)?halaman\s+\w+|selanjutnya|sebelumnya|next|prev(?:ious)?"
            r"|show all|tampilkan semua|muat lebih banyak|load more|\d+\s*/\s*\d+)$",
            _I,
        ),
    ),
    (
        "related-link",
        re.compile(
            r"(?:baca|lihat)\s+(?:juga|pula|selengkapnya)\b|pilihan editor\s*:|(?:artikel|berita) terkait\b"
            r"|(?:berita|artikel)\s+(?:rekomendasi|pilihan|lainnya|populer|terpopuler)\s*:?$",
            _I,
        ),
    ),
    (
        "advertisement",
        re.compile(
            r"(?:advertisement|iklan|ads|sponsored|konten sponsor|scroll to continue with content)$", _I
        ),
    ),
    (
        "promo",
        re.compile(
            r"(?:nikmati|dapatkan|download|unduh|install|ikuti|follow|gabung|bergabung|subscribe|langganan"
            r"|simak|saksikan|tonton|jangan lewatkan|klik)\b.{0,200}"
            r"\b(?:whatsapp|telegram|google news|aplikasi|app|instagram|youtube|tiktok|channel|video|berita"
            r"|update|akun|newsletter|di ?sini|kami|tribunx|berikut)\b"
            r"|scroll untuk membaca|\[gambas:.*\]$"
            r"|.{0,160}\b(?:whatsapp channel|google news|klik di ?sini|tribunx|cek fakta)\b"
            r"|(?:\S+\s+){0,3}(?:whatsapp|telegram|instagram)(?:\s+\S+){0,2}$",
            _I,
        ),
    ),
    ("byline", re.compile(r"[\(\[]\s*[a-z]{2,5}(?:\s*/\s*[a-z]{2,5})*\s*[\)\]]$", _I)),
    (
        "photo-credit",
        re.compile(
            r"(?:lihat foto|foto|photo|sumber|source|ilustrasi)\s*:?$|zoom-in\b|•"
            r"|(?:foto|photo)\s*[:/]\s*\S"
            r"|.*\b(?:pool photo|via ap|antara foto/|antara/)"
            r"|.*[\(\[][^()\[\]]*(?:\bfoto\b|\bphotos?\b|ilustrasi|[a-z]\s?/\s?[a-z])[^()\[\]]*[\)\]]$"
            r"|.*[.!?]\s+(?-i:[A-Z])[\w.&-]*(?:\s(?-i:[A-Z])[\w.&-]*)?\s?/\s?(?-i:[A-Z])[^.!?]{0,50}$"
            r"|.*\bfoto\s*[:/]\s*[^!?]{1,60}(?<![.!?])$"
            r"|(?=(?:\S+\s+){0,24}\S+$).*[.!?]\s+[\(\[](?-i:[A-Z])[^()\[\]]{1,40}[\)\]]$"
            r"|(?-i:[A-Z])[\w.&-]*(?:\s[\w.&-]+){0,2}\s?/\s?(?-i:[A-Z])[^!?/]{0,50}(?:/[^!?/]{1,30})?(?<![.!?])$",
            _I,
        ),
    ),
    (
        "byline",
        re.compile(
            r"(?:penulis|editor|reporter|redaktur|pewarta|kontributor|wartawan|fotografer|oleh|rep|red"
            r"|penyunting|koresponden|writer)\s*:|laporan\s+(?:wartawan|reporter|koresponden|jurnalis)\b",
            _I,
        ),
    ),
    (
        "copyright",
        re.compile(
            r"(?:©|\(c\)\s|copyright\b|hak cipta\b|source link$|artikel ini telah (?:tayang|terbit|dimuat)\b"
            r"|dilarang (?:keras )?(?:mengambil|mengutip|menyalin|memperbanyak)\b|sumber\s*:\s*[^!?]{1,60}(?<![.!?])$"
            r"|\(\s*[\w-]+\.(?:com|co\.id|id|net)\s*\)$|.*\ball rights? reserved\b)",
            _I,
        ),
    ),
    (
        "navigation",
        re.compile(
            rf"{_NO_SENTENCE_END}(?:(?:home|beranda)\b.*|[^>»]{{1,60}}(?:\s[>»]\s[^>»]{{1,60}})+"
            r"|(?:kembali ke )?atas|bagikan|share|komentar|tags?|topik|tag terkait|tutup|close|menu)\s*:?$",
            _I,
        ),
    ),
    (
        "byline",
        re.compile(
            rf"(?=.{{0,120}}$){_NO_SENTENCE_END}(?:.*{_CLOCK}.*|{_DAY},?\s+\d{{1,2}}\s+\w+\s+\d{{4}}.*)$", _I
        ),
    ),
    ("share-counter", re.compile(r"\d{1,5}$")),
)


def furniture_reason(line: str) -> str | None:
    """The kind of furniture ``line`` (stripped) unmistakably is, or ``None``."""
    text = _BULLET.sub("", line)
    return next((reason for reason, pattern in _RULES if pattern.match(text)), None)


def is_sentence(line: str) -> bool:
    """Whether ``line`` ends the way a sentence or a quote does."""
    return bool(TERMINAL.search(line))


def is_dateline(line: str) -> bool:
    """Whether ``line`` opens with a dateline such as ``HANOI –`` (only article bodies do)."""
    return bool(DATELINE.match(line))
