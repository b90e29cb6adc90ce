"""warta: raw news documents in, enriched and structured records out.

Use the pipeline without Kafka::

    from warta import RawDocument, enrich
    result = enrich(RawDocument(id="1", text="Presiden Joko Widodo tiba di Hanoi ..."))
    print(result.article.entities)
"""

__version__ = "0.1.0"

from warta.pipeline import Enrichment, StageFailed, enrich
from warta.pipeline.stories import StoryIndex
from warta.records import Actor, DeadLetter, EnrichedArticle, Entity, Event, Language, RawDocument, Story

__all__ = [
    "Actor",
    "DeadLetter",
    "EnrichedArticle",
    "Enrichment",
    "Entity",
    "Event",
    "Language",
    "RawDocument",
    "StageFailed",
    "Story",
    "StoryIndex",
    "__version__",
    "enrich",
]
