"""Batch enrichment without Kafka: the same intake and stages as the worker, in input order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import timedelta
from typing import Any

from warta.config import Settings
from warta.intake import Rejection, analyse_message, dead_letter
from warta.pipeline import Enrichment, StageFailed, attach_story
from warta.pipeline.stories import StoryIndex
from warta.records import DeadLetter, EnrichedArticle
from warta.sources import Message


def story_index(settings: Settings) -> StoryIndex:
    """Empty story state with the window and the cap on articles that the settings ask for."""
    return StoryIndex(
        window=timedelta(hours=settings.story_window_hours), max_articles=settings.story_max_articles
    )


def assign_story(
    article: EnrichedArticle, index: StoryIndex, value: bytes, **origin: Any
) -> Enrichment | DeadLetter:
    """The stateful stage for one analysed article, or a dead letter if it fails."""
    try:
        return attach_story(article, index)
    except StageFailed as error:
        failure = Rejection("stage-failed", str(error), error.stage)
        return dead_letter(value, failure, key=article.id, **origin)


def enrich_messages(
    messages: Iterable[Message],
    *,
    max_bytes: int,
    skip: frozenset[str] = frozenset(),
    stories: StoryIndex | None = None,
) -> Iterator[tuple[Message, EnrichedArticle | DeadLetter]]:
    """Enrich each message in order; one StoryIndex (``stories``, or a default one) spans the batch."""
    index = stories if stories is not None else StoryIndex()
    for message in messages:
        outcome = analyse_message(message.value, max_bytes=max_bytes, skip=skip, key=message.key)
        if isinstance(outcome, EnrichedArticle) and "stories" not in skip:
            assigned = assign_story(outcome, index, message.value)
            outcome = assigned if isinstance(assigned, DeadLetter) else assigned.article
        yield message, outcome
