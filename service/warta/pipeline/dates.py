"""Resolve the date expressions of Indonesian news against the article's publication time.

Reporters write "Kamis (20/6/2024)", "pada Kamis pagi", "Rabu 19 Juni 2024", "pekan ini", "bulan
lalu" or, for what is still to come, "17 Agustus mendatang", "Senin depan" and "Senin pekan depan".
The answer keeps the precision the text has, as an ISO 8601 string: a day (``2024-06-20``), an ISO
week (``2024-W25``), a month (``2024-05``) or a year (``2023``), so that a vague "bulan lalu" is never
passed off as a precise day.
"""

from __future__ import annotations

import re
from datetime import MAXYEAR, MINYEAR, UTC, date, datetime, timedelta

WEEKDAYS = {"senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "sabtu": 5, "minggu": 6}
MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "pebruari": 2, "maret": 3, "mar": 3, "april": 4,
    "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "agustus": 8, "agu": 8, "agt": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "desember": 12, "des": 12,
}  # fmt: skip
NUMBERS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8}
_DAYS_AGO = {"hari ini": 0, "kemarin": -1, "kemarin lusa": -2, "besok": 1, "lusa": 2}

_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_NUMBER = "|".join(NUMBERS)
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_ON_WEEKDAY = rf"(?:\b(?:{_WEEKDAY}),?\s*)?"
_EXPRESSION = re.compile(
    rf"""
    (?P<numeric>{_ON_WEEKDAY}\(?\b(?P<nd>\d{{1,2}})[/-](?P<nm>\d{{1,2}})(?:[/-](?P<ny>\d{{4}}|\d{{2}}))?\b)
    | (?P<written>{_ON_WEEKDAY}\b(?P<wd>\d{{1,2}})\s+(?P<wm>{_MONTH})\.?(?:\s+(?P<wy>\d{{4}}))?\b)
    | (?P<month>\b(?P<mm>{_MONTH})\s+(?:(?P<my>\d{{4}})|(?P<mlast>lalu)|(?P<mnext>mendatang|depan))\b)
    | (?P<ago>\b(?P<an>\d{{1,2}}|{_NUMBER})\s+(?P<aspan>hari|pekan|minggu|bulan|tahun)\s+(?:yang\s+)?lalu\b)
    | (?P<relative>\b(?P<rspan>pekan|minggu|bulan|tahun)\s+(?P<rwhich>ini|lalu|depan)\b)
    | (?P<days>\b(?:kemarin\s+lusa|hari\s+ini|kemarin|besok|lusa)\b)
    | (?P<weekofday>\b(?P<ow>{_WEEKDAY})\s+(?:pekan|minggu)\s+(?P<owhich>ini|lalu|depan)\b)
    | (?P<weekday>\b(?P<wk>{_WEEKDAY})\b)
    """,
    re.VERBOSE,
)
"""Written in lower case: it runs on case-folded text."""
_AHEAD = re.compile(r"\)?\s*(?:mendatang|nanti|depan|yang akan datang)\b")
"""Said after a day or a weekday, it is still to come: "17 Agustus mendatang", "Senin depan"."""
_FIRST_WORDS = sorted(
    {*WEEKDAYS, *MONTHS, *NUMBERS, "hari", "pekan", "minggu", "bulan", "tahun", "kemarin", "besok", "lusa"},
    key=len,
    reverse=True,
)
_CUE = re.compile(rf"(?<!\w)\(?\b(?:\d|{'|'.join(_FIRST_WORDS)})")
"""Where a date expression can start, on case-folded text: the full pattern is tried only there, since
trying it at every character costs more than the rest of the events stage."""


def _weekday_before(anchor: date, weekday: int) -> date:
    """News reports what happened: "Kamis" means the latest Thursday on or before publication."""
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def _weekday_after(anchor: date, weekday: int) -> date:
    """Said to come, "Senin depan" is the first Monday after publication."""
    return anchor + timedelta(days=(weekday - anchor.weekday() - 1) % 7 + 1)


def _relative(anchor: date, span: str, step: int) -> str | None:
    """``step`` days, weeks, months or years from ``anchor``; ``None`` for a month or year outside the
    calendar's years 1–9999 (a day or week there overflows, which ``resolve_dates`` skips)."""
    if span == "hari":
        return (anchor + timedelta(days=step)).isoformat()
    if span in ("pekan", "minggu"):
        year, week, _ = (anchor + timedelta(weeks=step)).isocalendar()
        return f"{year}-W{week:02d}"
    if span == "bulan":
        year, month = divmod(anchor.year * 12 + anchor.month - 1 + step, 12)
        return _month(year, month + 1)
    year = anchor.year + step
    return str(year) if MINYEAR <= year <= MAXYEAR else None


def _month(year: int, month: int) -> str | None:
    return f"{year}-{month:02d}" if MINYEAR <= year <= MAXYEAR else None


def _yearless_day(anchor: date | None, month: int, day: int, ahead: bool) -> str | None:
    """A day without a year ("19 Juni", "16/6") is the latest such day up to a month after
    publication; said to come ("17 Agustus mendatang"), the first on or after publication."""
    if anchor is None:
        return None
    if ahead:
        return _day(anchor.year + ((month, day) < (anchor.month, anchor.day)), month, day)
    year = anchor.year - (1 if month > anchor.month + 1 else 0)
    return _day(year, month, day)


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _resolve(match: re.Match[str], anchor: date | None, ahead: bool) -> str | None:
    """The ISO date of one expression, matched on case-folded text; ``ahead`` if said to come."""
    kind = match.lastgroup
    if kind == "numeric" and match["ny"]:
        year = int(match["ny"])
        return _day(year + 2000 if year < 100 else year, int(match["nm"]), int(match["nd"]))
    if kind == "numeric":
        return _yearless_day(anchor, int(match["nm"]), int(match["nd"]), ahead)
    if kind == "written":
        month = MONTHS[match["wm"]]
        if match["wy"]:
            return _day(int(match["wy"]), month, int(match["wd"]))
        return _yearless_day(anchor, month, int(match["wd"]), ahead)
    if kind == "month":
        month = MONTHS[match["mm"]]
        if match["my"]:
            return f"{match['my']}-{month:02d}"
        if anchor is None:
            return None
        if match["mnext"]:
            return _month(anchor.year + (1 if month <= anchor.month else 0), month)
        return _month(anchor.year - (1 if month >= anchor.month else 0), month)
    if anchor is None:
        return None
    if kind == "ago":
        count = match["an"]
        return _relative(anchor, match["aspan"], -int(NUMBERS.get(count, count)))
    if kind == "relative":
        step = {"ini": 0, "lalu": -1, "depan": 1}[match["rwhich"]]
        return _relative(anchor, match["rspan"], step)
    if kind == "days":
        offset = _DAYS_AGO[" ".join(match.group(0).split())]
        return (anchor + timedelta(days=offset)).isoformat()
    if kind == "weekofday":
        step = {"ini": 0, "lalu": -1, "depan": 1}[match["owhich"]]
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=step)
        return (monday + timedelta(days=WEEKDAYS[match["ow"]])).isoformat()
    weekday = WEEKDAYS[match["wk"]]
    return (_weekday_after if ahead else _weekday_before)(anchor, weekday).isoformat()


def fold_case(text: str) -> str:
    """Lower case with every offset kept (``str.lower`` makes two characters of "İ").

    Scanning folded text with a case-sensitive pattern is several times faster than ``re.IGNORECASE``.
    """
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else "".join(char.lower()[0] for char in text)


def resolve_dates(text: str, anchor: date | None) -> list[tuple[int, int, str]]:
    """Every date expression in ``text`` as ``(start, end, iso)``; ``anchor`` is the publication day.

    Without an anchor only absolute dates resolve. A weekday followed by a date ("Kamis (20/6/2024)")
    is one expression; a lower-case weekday is skipped, since "minggu" is usually the word for week.
    """
    found = []
    end = 0
    folded = fold_case(text)
    for cue in _CUE.finditer(folded):
        if cue.start() < end:
            continue
        match = _EXPRESSION.match(folded, cue.start())
        if match is None:
            continue
        end = match.end()
        if match.lastgroup in ("weekday", "weekofday") and not text[match.start()].isupper():
            continue
        try:
            resolved = _resolve(match, anchor, _AHEAD.match(folded, end) is not None)
        except OverflowError:  # a day before year 1 or after 9999: "kemarin" from a crawler's zero time
            resolved = None
        if resolved is not None:
            found.append((match.start(), match.end(), resolved))
    return found


def is_day(iso: str) -> bool:
    """True for a full calendar day, the precision an event id is keyed on."""
    return len(iso) == 10


def aware(moment: datetime) -> datetime:
    """A time without a zone, as crawlers, pages and people type them, read as UTC, so that all times
    compare."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
