"""Events stage: typed events with actors, place and date, one sentence at a time.

First version: trigger words for VISIT and AGREEMENT.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime

from warta.records import Actor, Entity, Event

_TRIGGERS: list[tuple[str, str, re.Pattern[str]]] = [
    ("VISIT", "04", re.compile(r"\b(kunjungan|mengunjungi|tiba di|bertolak ke|melawat)\b", re.I)),
    ("AGREEMENT", "05", re.compile(r"\b(menandatangani|nota kesepahaman|perjanjian|kesepakatan)\b", re.I)),
]
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


def event_id(event_type: str, actors: list[str], day: str | None) -> str:
    """Same type, same canonical actors, same day: same id, whichever article reported it."""
    key = "|".join([event_type, *sorted(set(actors)), day or ""])
    return hashlib.blake2b(key.encode(), digest_size=8).hexdigest()


def extract_events(
    text: str, entities: list[Entity], published_at: datetime | None, article_id: str
) -> list[Event]:
    day = published_at.date().isoformat() if published_at else None
    events = []
    for sentence in _SENTENCE.finditer(text):
        for event_type, cameo, rule in _TRIGGERS:
            trigger = rule.search(sentence.group(0))
            if not trigger:
                continue
            inside = [e for e in entities if sentence.start() <= e.start < sentence.end()]
            people = [e for e in inside if e.label in ("PERSON", "ORG")]
            places = [e for e in inside if e.label == "LOC"]
            actors = [Actor(canonical=e.canonical, label=e.label, role="source") for e in people[:1]]
            events.append(
                Event(
                    id=event_id(event_type, [a.canonical for a in actors], day),
                    type=event_type,  # type: ignore[arg-type]
                    cameo=cameo,
                    actors=actors,
                    location=places[0].canonical if places else None,
                    date=day,
                    trigger=trigger.group(0),
                    sentence=sentence.group(0).strip(),
                    article_id=article_id,
                )
            )
    return events
