"""Prometheus metrics of the worker, served on ``/metrics`` next to ``/health`` and ``/ready``.

Names follow Prometheus conventions (``warta_`` prefix, ``_total`` counters, ``_seconds``
histograms); ``deploy/grafana/dashboards/warta.json`` charts them.
"""

from __future__ import annotations

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


def observe(outcome: EnrichedArticle | DeadLetter) -> None:
    """Count what one analysed message produced."""
    if isinstance(outcome, DeadLetter):
        DEAD_LETTERS.labels(outcome.reason, outcome.stage).inc()
        return
    LANGUAGES.labels(outcome.language.code).inc()
    for stage, run in outcome.pipeline.stages.items():
        if run.ran:
            STAGE_SECONDS.labels(stage).observe(run.ms / 1000)
    for entity in outcome.entities:
        ENTITIES.labels(entity.label).inc()
    for event in outcome.events:
        EVENTS.labels(event.type).inc()
