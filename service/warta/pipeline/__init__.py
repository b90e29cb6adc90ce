"""The pipeline core: pure stage functions composed into ``enrich``.

No Kafka here. The batch command, the evaluations, the benchmarks and the streaming agents all call
these functions, so the streaming layer and the batch path can never disagree.

Stages run as clean → language → entities → events → stories. Language is detected on the clean
text, not the raw page: markup and furniture only add noise to the detector.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

import orjson

from warta import __version__
from warta.pipeline.clean import clean
from warta.pipeline.dates import aware
from warta.pipeline.entities import extract_entities
from warta.pipeline.events import extract_events
from warta.pipeline.language import UNDETERMINED, detect_language
from warta.pipeline.stories import Sketch, StoryAssignment, StoryIndex, sketch
from warta.records import STAGES, EnrichedArticle, Language, Pipeline, RawDocument, StageRun, Story

SUPPORTED_LANGUAGES = frozenset({"id"})
"""Languages the entity and event stages are built for; others pass through with those stages skipped."""

T = TypeVar("T")


class StageFailed(Exception):
    """A stage raised; the record goes to the dead-letter topic with the stage name and a summary."""

    def __init__(self, stage: str, error: BaseException) -> None:
        self.stage = stage
        self.error = error
        summary = traceback.format_exception_only(error)[-1].strip()
        frames = traceback.extract_tb(error.__traceback__)[-3:]
        where = " <- ".join(f"{f.name}:{f.lineno}" for f in reversed(frames))
        super().__init__(f"{stage} stage failed: {summary} (at {where})")


@dataclass(frozen=True)
class Enrichment:
    article: EnrichedArticle
    story: Story | None
    assignment: StoryAssignment | None = None
    """What the story index decided, with the fingerprint a restarted worker restores it from."""


def _run(stage: str, runs: dict[str, StageRun], func: Callable[[], T]) -> T:
    started = time.perf_counter()
    try:
        result = func()
    except Exception as error:
        raise StageFailed(stage, error) from error
    runs[stage] = StageRun(ran=True, ms=round((time.perf_counter() - started) * 1000, 3))
    return result


def analyse(raw: RawDocument, skip: Iterable[str] = ()) -> EnrichedArticle:
    """Run every stateless stage (all but stories) on one document."""
    skipped = set(skip)
    runs: dict[str, StageRun] = {}
    flags: list[str] = []

    def skip_stage(stage: str, note: str) -> None:
        runs[stage] = StageRun(ran=False, note=note)

    if "clean" in skipped:
        skip_stage("clean", "skipped on request")
        cleaned_text, title, removed = (raw.text or "").strip(), raw.title, []
        published_at, metadata = raw.published_at, raw.metadata
    else:
        cleaned = _run("clean", runs, lambda: clean(raw.text, raw.html, raw.title, raw.source))
        cleaned_text, title, removed = cleaned.text, cleaned.title, cleaned.removed
        published_at = raw.published_at or _page_date(cleaned.published)
        metadata = {"author": cleaned.author, **raw.metadata} if cleaned.author else raw.metadata
    if not cleaned_text:
        flags.append("empty-after-clean")

    language: Language = UNDETERMINED
    if "language" in skipped:
        skip_stage("language", "skipped on request")
    else:
        language = _run("language", runs, lambda: detect_language(cleaned_text, raw.language))
    if language.code not in SUPPORTED_LANGUAGES and "language" not in skipped:
        flags.append("unsupported-language")

    supported = "language" in skipped or language.code in SUPPORTED_LANGUAGES
    why_not = f"language `{language.code}` is not supported" if cleaned_text else "no text after cleaning"

    def extract(stage: str, func: Callable[[], list[T]]) -> list[T]:
        """An extraction stage's output; nothing where it is skipped or has no supported text."""
        if stage in skipped:
            skip_stage(stage, "skipped on request")
        elif not (supported and cleaned_text):
            skip_stage(stage, why_not)
        else:
            return _run(stage, runs, func)
        return []

    entities = extract("entities", lambda: extract_entities(cleaned_text))
    events = extract("events", lambda: extract_events(cleaned_text, entities, published_at, raw.id))
    skip_stage("stories", "skipped on request" if "stories" in skipped else "not yet assigned")
    return EnrichedArticle(
        id=raw.id,
        url=raw.url,
        source=raw.source,
        title=title,
        published_at=published_at,
        language=language,
        text=cleaned_text,
        removed=removed,
        entities=entities,
        events=events,
        flags=flags,
        metadata=metadata,
        processed_at=datetime.now(UTC),
        pipeline=Pipeline(version=__version__, stages={s: runs[s] for s in STAGES}),
    )


def _page_date(published: str | None) -> datetime | None:
    """The publication date an HTML page declares (ISO), as an aware datetime; UTC if it gives no zone."""
    if not published:
        return None
    try:
        moment = datetime.fromisoformat(published)
    except ValueError:
        return None
    return aware(moment)


def attach_story(article: EnrichedArticle, index: StoryIndex) -> Enrichment:
    """The stateful stage: give the article its story (and duplicate) and return the story update."""
    runs = dict(article.pipeline.stages)
    assignment = _run("stories", runs, lambda: index.assign(sketch(article)))
    events = [event.model_copy(update={"story_id": assignment.story_id}) for event in article.events]
    updated = article.model_copy(
        update={
            "story_id": assignment.story_id,
            "duplicate_of": assignment.duplicate_of,
            "events": events,
            "pipeline": Pipeline(version=article.pipeline.version, stages=runs),
        }
    )
    return Enrichment(article=updated, story=assignment.story, assignment=assignment)


def sketch_story(article: EnrichedArticle) -> Sketch:
    """The stateless half of the stories stage, which the worker runs beside the other stages."""
    return _run("stories", {}, lambda: sketch(article))


@dataclass(frozen=True)
class EncodedEnrichment:
    """``attach_story``'s outcome as the bytes the worker publishes, each record with its key."""

    id: str
    article: bytes
    events: list[tuple[str, bytes]]
    story: bytes
    assignment: StoryAssignment


def attach_story_encoded(
    article: dict[str, Any], story_sketch: Sketch, index: StoryIndex
) -> EncodedEnrichment:
    """``attach_story`` on an article's JSON form, as the worker receives it from its pipeline
    processes: the one process that holds story state never builds a model (validating a 10 KB
    article and encoding it again cost that process ~1.5 ms per article). The stage's time in the
    record is the assignment's; the sketch was made beside the other stages."""
    runs: dict[str, StageRun] = {}
    assignment = _run("stories", runs, lambda: index.assign(story_sketch))
    article["story_id"] = assignment.story_id
    article["duplicate_of"] = assignment.duplicate_of
    article["pipeline"]["stages"]["stories"] = runs["stories"].model_dump(mode="json")
    for event in article["events"]:
        event["story_id"] = assignment.story_id
    return EncodedEnrichment(
        id=story_sketch.id,
        article=orjson.dumps(article),
        events=[(event["id"], orjson.dumps(event)) for event in article["events"]],
        story=orjson.dumps(assignment.story.model_dump(mode="json")),
        assignment=assignment,
    )


def enrich(raw: RawDocument, *, skip: Iterable[str] = (), stories: StoryIndex | None = None) -> Enrichment:
    """Enrich one document: every stage, in order. Raises ``StageFailed`` if a stage raises."""
    skipped = set(skip)
    article = analyse(raw, skipped)
    if "stories" in skipped:
        return Enrichment(article=article, story=None)
    return attach_story(article, stories if stories is not None else StoryIndex())


__all__ = [
    "EncodedEnrichment",
    "Enrichment",
    "StageFailed",
    "analyse",
    "attach_story",
    "attach_story_encoded",
    "enrich",
    "sketch_story",
]
