"""Prometheus metrics of the worker, served on ``/metrics`` next to ``/health`` and ``/ready``.

Names follow Prometheus conventions (``warta_`` prefix, ``_total`` counters, ``_seconds``
histograms); ``deploy/grafana/dashboards/warta.json`` charts them.
"""

from __future__ import annotations

from dataclasses import dataclass

from prometheus_client import Counter, Gauge, Histogram

from warta.records import DeadLetter, EnrichedArticle

RECORDS_IN = Counter("warta_records_in_total", "Messages consumed", ["topic"])
RECORDS_OUT = Counter("warta_records_out_total", "Records produced", ["topic"])
DEAD_LETTERS = Counter(
    "warta_dead_letters_total", "Records sent to the dead-letter topic", ["reason", "stage"]
)
STAGE_SECONDS = Histogram(
    "warta_stage_seconds",
    "Time spent in a pipeline stage per article",
    ["stage"],
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0),
)
LANGUAGES = Counter("warta_languages_total", "Articles by detected language", ["code"])
ENTITIES = Counter("warta_entities_total", "Entities found, by label", ["label"])
EVENTS = Counter("warta_events_total", "Events found, by type", ["type"])
STORIES = Gauge("warta_stories", "Stories held in the story window")
CONSUMER_LAG = Gauge("warta_consumer_lag", "Messages behind the end of the partition", ["topic", "partition"])
UP = Gauge("warta_up", "1 while the worker process runs")
READY = Gauge("warta_ready", "1 once the worker has partitions assigned and is processing")


@dataclass(frozen=True, slots=True)
class Observation:
    """What one analysed message adds to the metrics: small enough to come back from a pipeline
    process along with the encoded record, so the worker never decodes the record to count it."""

    dead_letter: tuple[str, str] | None = None
    """(reason, stage) of a dead letter."""
    language: str | None = None
    stage_seconds: tuple[tuple[str, float], ...] = ()
    entity_labels: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()

    @classmethod
    def of(cls, outcome: EnrichedArticle | DeadLetter) -> Observation:
        if isinstance(outcome, DeadLetter):
            return cls(dead_letter=(outcome.reason, outcome.stage))
        return cls(
            language=outcome.language.code,
            stage_seconds=tuple(
                (stage, run.ms / 1000) for stage, run in outcome.pipeline.stages.items() if run.ran
            ),
            entity_labels=tuple(entity.label for entity in outcome.entities),
            event_types=tuple(event.type for event in outcome.events),
        )

    def count(self) -> None:
        if self.dead_letter is not None:
            DEAD_LETTERS.labels(*self.dead_letter).inc()
            return
        LANGUAGES.labels(self.language).inc()
        for stage, seconds in self.stage_seconds:
            STAGE_SECONDS.labels(stage).observe(seconds)
        for label in self.entity_labels:
            ENTITIES.labels(label).inc()
        for event_type in self.event_types:
            EVENTS.labels(event_type).inc()


def observe(outcome: EnrichedArticle | DeadLetter) -> None:
    """Count what one analysed message produced."""
    Observation.of(outcome).count()
