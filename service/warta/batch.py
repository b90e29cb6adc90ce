"""Batch enrichment without Kafka: the same intake and stages as the worker, in input order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from warta.intake import Rejection, analyse_message, dead_letter
from warta.pipeline import StageFailed, attach_story
from warta.pipeline.stories import StoryIndex
from warta.records import DeadLetter, EnrichedArticle, Story
from warta.sources import Message


def assign_story(
    article: EnrichedArticle, index: StoryIndex, value: bytes, **origin: object
) -> tuple[EnrichedArticle, Story | None] | DeadLetter:
    """The stateful stage for one analysed article, or a dead letter if it fails."""
    try:
        enrichment = attach_story(article, index)
    except StageFailed as error:
        failure = Rejection("stage-failed", str(error), error.stage)
        return dead_letter(value, failure, key=article.id, **origin)  # type: ignore[arg-type]
    return enrichment.article, enrichment.story


def enrich_messages(
    messages: Iterable[Message], *, max_bytes: int, skip: frozenset[str] = frozenset()
) -> Iterator[tuple[Message, EnrichedArticle | DeadLetter]]:
    """Enrich each message in order; one StoryIndex spans the whole batch."""
    index = StoryIndex()
    for message in messages:
        outcome = analyse_message(message.value, max_bytes=max_bytes, skip=skip, key=message.key)
        if isinstance(outcome, EnrichedArticle) and "stories" not in skip:
            assigned = assign_story(outcome, index, message.value)
            outcome = assigned if isinstance(assigned, DeadLetter) else assigned[0]
        yield message, outcome
