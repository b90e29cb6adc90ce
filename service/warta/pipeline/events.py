"""Events stage: typed events with actors, place and date, one sentence at a time.

A sentence is scanned once by a single compiled pattern holding the trigger words of every event
type; each type fires at most once per sentence. Actors are the canonical entities around the
trigger: the subject before it is the source and the first one after it the target, reversed for
passive verbs ("diserang oleh") and for speech verbs that follow the quote ("…, kata Lam").
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import datetime

from warta.pipeline.dates import is_day, resolve_dates
from warta.records import Actor, Entity, Event, EventType


@dataclass(frozen=True)
class EventKind:
    type: EventType
    cameo: str
    triggers: str


KINDS: tuple[EventKind, ...] = (
    EventKind(
        "VISIT",
        "04",
        r"kunjungan(?:nya)?|berkunjung|mengunjungi|dikunjungi|kunjungi|melawat|lawatan|bertolak ke"
        r"|tiba(?!-)|setiba|mendarat di|kedatangan|bertandang|terbang ke",
    ),
    EventKind(
        "MEETING",
        "04",
        r"bertemu|pertemuan|pembicaraan|perundingan|berunding|bertatap muka|bersua|menggelar rapat"
        r"|KTT|konferensi tingkat tinggi|menerima kunjungan|berdialog|membahas",
    ),
    EventKind(
        "AGREEMENT",
        "05",
        r"menandatangani|ditandatangani|penandatanganan|nota kesepahaman|MoU|perjanjian|kesepakatan"
        r"|sepakat|menyepakati|disepakati|kemitraan strategis|nota kerja sama|pakta|traktat",
    ),
    EventKind(
        "SANCTION",
        "16",
        r"sanksi|embargo|membekukan aset|pembekuan aset|daftar hitam|larangan (?:ekspor|impor)",
    ),
    EventKind(
        "MILITARY_AID",
        "07",
        r"bantuan militer|bantuan (?:keamanan|persenjataan)|(?:me)?masok(?:an)? senjata|pasokan senjata"
        r"|pemasok senjata|mengirim(?:kan)? senjata|kiriman senjata|menyediakan senjata|transfer senjata"
        r"|amunisi|peluru artileri|hibah alutsista",
    ),
    EventKind(
        "STATEMENT",
        "01",
        r"mengatakan|menyatakan|mengungkapkan|menegaskan|menyampaikan|mengumumkan|menjelaskan"
        r"|menambahkan|memuji|mengkritik|kata(?:nya)?|ujar(?:nya)?|tutur(?:nya)?|ucap(?:nya)?"
        r"|tambahnya|menurut|dalam (?:keterangan|pernyataan)|mengucapkan",
    ),
    EventKind(
        "ACCUSATION",
        "11",
        r"menuduh|dituduh|tuduhan|menuding|dituding|tudingan|menyalahkan|mengecam|kecaman|mengutuk",
    ),
    EventKind(
        "PROTEST",
        "14",
        r"unjuk rasa|berunjuk rasa|pengunjuk rasa|demonstrasi|demonstran|berdemonstrasi|aksi protes"
        r"|memprotes|protes|mogok|long march",
    ),
    EventKind(
        "ATTACK",
        "19",
        r"serangan(?! jantung)|menyerang|diserang|penyerangan|pengeboman|mengebom|dibom|meledakkan"
        r"|bom bunuh diri|menembak(?:kan)?|penembakan|ditembak|menghantam|menggempur|gempuran|serbuan"
        r"|menyerbu",
    ),
    EventKind(
        "ELECTION",
        "00",
        r"pemilu|pemilihan umum|pilkada|pilpres|pemilihan presiden|pemungutan suara|pencoblosan"
        r"|terpilih|memenangkan pemilihan|pemilihan ulang(?:nya)?",
    ),
)
"""Event types with their CAMEO root code; ELECTION has no CAMEO root and carries ``00``."""

_KIND: dict[str, EventKind] = {kind.type: kind for kind in KINDS}
_TRIGGER = re.compile("|".join(rf"\b(?P<{kind.type}>{kind.triggers})\b" for kind in KINDS), re.IGNORECASE)
_NEGATED = re.compile(r"\b(?:tidak|tak|belum|bukan|batal|gagal)\s+(?:akan\s+)?$", re.IGNORECASE)
_PLACE_BEFORE = re.compile(r"\b(?:di|ke|dari)\s+(?:ibu\s*kota\s+|kota\s+)?$", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(?:ia|dia|beliau)\b", re.IGNORECASE)
_SPEAKER_AFTER = frozenset(
    {"kata", "katanya", "ujar", "ujarnya", "tutur", "tuturnya", "ucap", "ucapnya", "menurut"}
)
_OUTRANKS = {"STATEMENT": "ACCUSATION"}
"""A sentence that accuses is reported as an accusation, not also as a plain statement."""
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\s*\n\s*")
_ACTOR_LABELS = frozenset({"PERSON", "ORG", "LOC"})


def event_id(event_type: str, actors: list[str], day: str | None) -> str:
    """Same type, same canonical actors, same day: same id, whichever article reported it."""
    key = "|".join([event_type, *sorted(set(actors)), day or ""])
    return hashlib.blake2b(key.encode(), digest_size=8).hexdigest()


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: a full stop, ! or ? before a capital, or a line break, ends a sentence."""
    spans, start = [], 0
    for boundary in _BOUNDARY.finditer(text):
        if text[start : boundary.start()].strip():
            spans.append((start, boundary.start()))
        start = boundary.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


@dataclass(frozen=True)
class _Sentence:
    text: str
    start: int
    entities: list[Entity]
    dates: list[tuple[int, int, str]]


def _location(sentence: _Sentence) -> Entity | None:
    """The first place written as "di X", "ke X" or "dari X": where it happened, not who acted."""
    for entity in sentence.entities:
        before = sentence.text[max(0, entity.start - sentence.start - 16) : entity.start - sentence.start]
        if entity.label == "LOC" and _PLACE_BEFORE.search(before):
            return entity
    return None


def _candidates(sentence: _Sentence, location: Entity | None) -> list[Entity]:
    """Entities that can act: not the location, not a country naming a person ("Presiden Rusia Putin")."""
    found: list[Entity] = []
    for index, entity in enumerate(sentence.entities):
        following = sentence.entities[index + 1] if index + 1 < len(sentence.entities) else None
        modifies = following is not None and following.label == "PERSON" and following.start - entity.end <= 1
        if entity.label not in _ACTOR_LABELS or entity is location or modifies:
            continue
        if all(entity.canonical != seen.canonical for seen in found):
            found.append(entity)
    return found


def _first_agent(entities: list[Entity]) -> Entity | None:
    """Persons and organisations act before countries do: "Putin dan Vietnam" has Putin as subject."""
    return next((e for e in entities if e.label != "LOC"), entities[0] if entities else None)


def _actors(
    sentence: _Sentence, trigger: re.Match[str], location: Entity | None, previous: Entity | None
) -> list[Actor]:
    at = sentence.start + trigger.start()
    candidates = _candidates(sentence, location)
    before = [e for e in candidates if e.end <= at]
    after = [e for e in candidates if e.start >= at + len(trigger.group(0))]
    word = trigger.group(0).lower()
    if word in _SPEAKER_AFTER:
        source, target = _first_agent(after), None
    elif word.startswith("di") and " " not in word:
        source, target = (after[0] if after else None), _first_agent(before)
    else:
        source, target = _first_agent(before), (after[0] if after else None)
        if source is None and _PRONOUN.search(sentence.text, 0, trigger.start()):
            source = previous
    roles = [(source, "source"), (target, "target")]
    return [
        Actor(canonical=entity.canonical, label=entity.label, role=role)  # type: ignore[arg-type]
        for entity, role in roles
        if entity is not None and (role == "source" or source is None or entity.canonical != source.canonical)
    ]


def _date(sentence: _Sentence, fallback: str | None) -> str | None:
    """The most precise date the sentence gives; otherwise the article's own day."""
    if not sentence.dates:
        return fallback
    days = [iso for _, _, iso in sentence.dates if is_day(iso)]
    return days[0] if days else sentence.dates[0][2]


def _triggers(sentence: str) -> dict[str, re.Match[str]]:
    found: dict[str, re.Match[str]] = {}
    for match in _TRIGGER.finditer(sentence):
        kind = match.lastgroup
        if kind and kind not in found and not _NEGATED.search(sentence, 0, match.start()):
            found[kind] = match
    for weaker, stronger in _OUTRANKS.items():
        if stronger in found:
            found.pop(weaker, None)
    return found


def extract_events(
    text: str, entities: list[Entity], published_at: datetime | None, article_id: str
) -> list[Event]:
    """Events in article order; dates resolve against ``published_at`` (relative ones need it)."""
    published = published_at.date() if published_at else None
    dates = resolve_dates(text, published)
    article_day = next(
        (iso for _, _, iso in dates if is_day(iso)), published.isoformat() if published else None
    )
    ordered = sorted(entities, key=lambda e: e.start)
    starts = [e.start for e in ordered]
    date_starts = [start for start, _, _ in dates]
    events: list[Event] = []
    previous_person: Entity | None = None
    for start, end in sentences(text):
        sentence = _Sentence(
            text=text[start:end],
            start=start,
            entities=ordered[bisect_left(starts, start) : bisect_left(starts, end)],
            dates=dates[bisect_left(date_starts, start) : bisect_left(date_starts, end)],
        )
        location = _location(sentence)
        day = _date(sentence, article_day)
        for kind, trigger in _triggers(sentence.text).items():
            actors = _actors(sentence, trigger, location, previous_person)
            events.append(
                Event(
                    id=event_id(kind, [actor.canonical for actor in actors], day),
                    type=_KIND[kind].type,
                    cameo=_KIND[kind].cameo,
                    actors=actors,
                    location=location.canonical if location else None,
                    date=day,
                    trigger=trigger.group(0),
                    sentence=sentence.text.strip(),
                    article_id=article_id,
                )
            )
        persons = [e for e in sentence.entities if e.label == "PERSON"]
        previous_person = persons[0] if persons else previous_person
    return events
