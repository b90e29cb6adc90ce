"""Dead letters back onto the raw topic, for another try once their cause is gone.

A fix for a stage that raised, a larger ``WARTA_RECORD_TIMEOUT``, a crawler that repaired its
output: each leaves the dead-letter topic holding documents worth another pass. A redrive reads
what that topic holds when it starts and sends the original bytes of the chosen letters, under their
original keys, to the raw topic, where the worker treats them as new arrivals. The letters stay
where they are, so a letter that fails again is dead-lettered again, with its new reason.

Only letters that came from the raw topic go back. A letter from the internal topic holds an
analysed article, not a crawler's document, and the stories agent's checks that rejected it would
reject it again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime

from pydantic import ValidationError

from warta.client import produce_messages, read_to_end
from warta.config import Settings
from warta.pipeline.dates import aware
from warta.records import DeadLetter
from warta.sources import Message


@dataclass
class Selection:
    """The letters to send back, as messages, and how many of the others were left, by why: the
    letters that failed at ``since`` or later, of ``reasons`` (all if none), from ``raw_topic``."""

    raw_topic: str
    reasons: Collection[str] = ()
    since: datetime | None = None
    messages: list[Message] = field(default_factory=list)
    left: Counter[str] = field(default_factory=Counter)

    def consider(self, value: bytes) -> None:
        """Take one record of the dead-letter topic, or count it under the first rule it misses."""
        try:
            letter = DeadLetter.model_validate_json(value)
        except ValidationError:
            self.left["not a dead letter"] += 1
            return
        if self.since is not None and letter.failed_at < self.since:
            self.left["failed earlier"] += 1
        elif self.reasons and letter.reason not in self.reasons:
            self.left[f"reason {letter.reason}"] += 1
        elif letter.topic != self.raw_topic:
            self.left[f"from {letter.topic or 'no topic'}"] += 1
        else:
            origin = f"{letter.topic}:{letter.partition}:{letter.offset}"
            self.messages.append(Message(key=letter.key, value=letter.original(), origin=origin))


async def redrive(
    settings: Settings,
    *,
    reasons: Collection[str] = (),
    since: datetime | None = None,
    dry_run: bool = False,
) -> Selection:
    """Select from the dead-letter topic as it is now and, unless ``dry_run``, send the selection
    to the raw topic; a naive ``since`` is read as UTC. Only the chosen letters are held."""
    selection = Selection(
        raw_topic=settings.topic_raw, reasons=reasons, since=aware(since) if since is not None else None
    )
    async for value in read_to_end(settings, settings.topic_deadletter):
        selection.consider(value)
    if selection.messages and not dry_run:
        await produce_messages(settings, selection.messages, settings.topic_raw)
    return selection
