"""Stories stage: near-duplicates and story clusters across sources.

The index is the only stateful part of the pipeline. It is fed one article at a time, remembers a
small fingerprint of each, and can be rebuilt from those fingerprints after a restart.
First version: clusters by overlap of canonical entity names.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

from warta.records import EnrichedArticle, Story


@dataclass
class _StoryState:
    story: Story
    entities: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class StoryAssignment:
    story_id: str
    duplicate_of: str | None
    story: Story


class StoryIndex:
    def __init__(self, min_overlap: float = 0.5) -> None:
        self._stories: dict[str, _StoryState] = {}
        self._min_overlap = min_overlap

    def assign(self, article: EnrichedArticle) -> StoryAssignment:
        names = {e.canonical for e in article.entities}
        seen = article.published_at or article.processed_at
        best_id, best_score = None, 0.0
        for story_id, state in self._stories.items():
            top = {name for name, _ in state.entities.most_common(10)}
            score = len(names & top) / max(1, min(len(names), len(top)))
            if score > best_score:
                best_id, best_score = story_id, score
        if best_id is None or best_score < self._min_overlap:
            best_id = hashlib.blake2b(article.id.encode(), digest_size=8).hexdigest()
            story = Story(id=best_id, title=article.title, articles=[], first_seen=seen, last_seen=seen)
            self._stories[best_id] = _StoryState(story=story)
        state = self._stories[best_id]
        state.entities.update(e.canonical for e in article.entities)
        for event in article.events:
            state.story.events[event.type] = state.story.events.get(event.type, 0) + 1
        state.story.articles.append(article.id)
        state.story.top_entities = [name for name, _ in state.entities.most_common(10)]
        state.story.first_seen = min(state.story.first_seen, seen)
        state.story.last_seen = max(state.story.last_seen, seen)
        return StoryAssignment(story_id=best_id, duplicate_of=None, story=state.story.model_copy(deep=True))


def now() -> datetime:
    return datetime.now(UTC)
