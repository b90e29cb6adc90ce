"""Records that cross the service boundary: what crawlers send and what consumers receive.

Each model is versioned by ``schema_version``; the JSON Schema files in ``schemas/`` are generated
from these models (``make schemas``) and a test keeps the two in step.
"""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = 1

EntityLabel = str
"""``PERSON``, ``ORG`` or ``LOC``; extra labels are allowed: ``GPE`` is a country or city named as an
actor or owner ("Israel menyerang", "militer Israel") rather than as a location ("di Israel")."""

EventType = Literal[
    "VISIT",
    "MEETING",
    "AGREEMENT",
    "SANCTION",
    "MILITARY_AID",
    "STATEMENT",
    "ACCUSATION",
    "PROTEST",
    "ATTACK",
    "ELECTION",
]

STAGES = ("language", "clean", "entities", "events", "stories")


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RawDocument(_Record):
    """A news document as a crawler delivers it; unknown fields are kept in ``metadata``."""

    schema_version: int = SCHEMA_VERSION
    id: str = Field(min_length=1, max_length=512)
    text: str | None = None
    html: str | None = None
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published_at: datetime | None = None
    fetched_at: datetime | None = None
    language: str | None = Field(default=None, description="BCP-47 hint from the crawler")
    metadata: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _keep_unknown_fields(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        known = set(cls.model_fields)
        unknown = {k: v for k, v in data.items() if k not in known}
        if not unknown:
            return data
        kept = {k: v for k, v in data.items() if k in known}
        metadata = kept.get("metadata")
        kept["metadata"] = {**unknown, **(metadata if isinstance(metadata, dict) else {})}
        return kept

    @model_validator(mode="after")
    def _has_content(self) -> RawDocument:
        if not (self.text and self.text.strip()) and not (self.html and self.html.strip()):
            raise ValueError("document has neither non-empty `text` nor `html`")
        return self


class Language(_Record):
    code: str = Field(description="ISO 639-1 code, or `und` when it cannot tell")
    confidence: float = Field(ge=0.0, le=1.0)


class Removed(_Record):
    """A segment the clean stage stripped, kept so that every removal can be audited."""

    text: str
    reason: str


class Entity(_Record):
    text: str
    label: EntityLabel
    start: int = Field(ge=0, description="character offset into EnrichedArticle.text")
    end: int = Field(ge=0)
    canonical: str
    role: str | None = Field(default=None, description="title such as `Presiden` in front of a PERSON")


class Actor(_Record):
    canonical: str
    label: EntityLabel
    role: Literal["source", "target"]


class Event(_Record):
    schema_version: int = SCHEMA_VERSION
    id: str = Field(description="stable hash of type, canonical actors and day")
    type: EventType
    cameo: str = Field(description="CAMEO root code, e.g. `04` consult")
    actors: list[Actor] = Field(default_factory=list)
    location: str | None = None
    date: str | None = Field(default=None, description="ISO date the event happened, if known")
    trigger: str
    sentence: str
    article_id: str
    story_id: str | None = None


class StageRun(_Record):
    ran: bool
    ms: float = 0.0
    note: str | None = Field(default=None, description="why the stage was skipped, if it was")


class Pipeline(_Record):
    version: str
    stages: dict[str, StageRun]


class EnrichedArticle(_Record):
    schema_version: int = SCHEMA_VERSION
    id: str
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published_at: datetime | None = None
    language: Language
    text: str
    removed: list[Removed] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    story_id: str | None = None
    duplicate_of: str | None = None
    flags: list[str] = Field(default_factory=list, description="e.g. `empty-after-clean`")
    metadata: dict[str, Any] = Field(default_factory=dict)
    processed_at: datetime
    pipeline: Pipeline


class Story(_Record):
    """Version 2 lists only the latest members (``LISTED_MEMBERS`` in ``warta.pipeline.stories``) and
    counts all of them: version 1 listed every member, which made each update of a long story
    larger than the last."""

    schema_version: int = 2
    id: str
    title: str | None = None
    articles: list[str] = Field(description="ids of the latest members, oldest first")
    article_count: int = Field(ge=1, description="members in the story window, listed or not")
    top_entities: list[str] = Field(default_factory=list)
    events: dict[str, int] = Field(default_factory=dict, description="event type -> count")
    first_seen: datetime
    last_seen: datetime


class DeadLetter(_Record):
    """A record warta could not process, with its original bytes and why."""

    schema_version: int = SCHEMA_VERSION
    key: str | None = None
    value: str = Field(description="original bytes, as UTF-8 text or base64 (see `encoding`)")
    encoding: Literal["utf-8", "base64"]
    reason: str = Field(description="machine-readable code, e.g. `invalid-json`")
    detail: str
    stage: str = Field(description="`decode`, `validate` or a pipeline stage name")
    topic: str | None = None
    partition: int | None = None
    offset: int | None = None
    failed_at: datetime

    def original(self) -> bytes:
        """The bytes that failed, as they came."""
        return base64.b64decode(self.value) if self.encoding == "base64" else self.value.encode("utf-8")


RECORD_TYPES: dict[str, type[BaseModel]] = {
    "raw-document": RawDocument,
    "enriched-article": EnrichedArticle,
    "event": Event,
    "story": Story,
    "dead-letter": DeadLetter,
}
