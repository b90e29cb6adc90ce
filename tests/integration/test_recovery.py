"""Workers that stop, crash and restart: story state survives and no record is lost."""

from __future__ import annotations

from collections import Counter

import orjson
import pytest

from tests.integration.conftest import isolated_settings
from tests.integration.kafka import gather, send
from warta.demo import SAMPLES
from warta.worker import WorkerProcess

pytestmark = pytest.mark.integration


def test_story_state_survives_a_worker_restart(broker_url: str) -> None:
    settings = isolated_settings(broker_url)
    first, second = sorted(SAMPLES.glob("*.txt"))[:2]

    def enrich_with_a_fresh_worker(doc_id: str, text: str) -> dict:
        worker = WorkerProcess(settings, log_level="info")
        try:
            send(settings, [(doc_id, orjson.dumps({"id": doc_id, "text": text}))])
            published = gather(settings, lambda p: doc_id in p.keys(settings.topic_enriched))
        finally:
            assert worker.stop() == 0, worker.tail(40)
        return next(a for a in published.values(settings.topic_enriched) if a["id"] == doc_id)

    before = enrich_with_a_fresh_worker(first.stem, first.read_text())
    after = enrich_with_a_fresh_worker(second.stem, second.read_text())

    assert after["story_id"] == before["story_id"]


def test_a_killed_worker_loses_no_record(broker_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    settings = isolated_settings(broker_url)
    ids = [f"doc-{i:04d}" for i in range(2000)]
    documents = [
        (doc_id, orjson.dumps({"id": doc_id, "text": f"Menteri ke-{i} tiba di Jakarta pada Senin pagi."}))
        for i, doc_id in enumerate(ids)
    ]
    outputs = (settings.topic_enriched, settings.topic_deadletter)

    victim = WorkerProcess(settings)
    send(settings, documents)
    gather(settings, lambda p: len(p.keys(settings.topic_enriched)) >= 300, timeout=120)
    victim.process.kill()
    victim.stop()

    survivor = WorkerProcess(settings)
    try:
        published = gather(
            settings, lambda p: set(ids) <= p.keys(outputs[0]) | p.keys(outputs[1]), timeout=300
        )
    finally:
        assert survivor.stop() == 0, survivor.tail(40)

    deliveries = Counter(key for topic in outputs for key, _ in published.records.get(topic, []))
    lost = [doc_id for doc_id in ids if not deliveries[doc_id]]
    duplicated = sum(count - 1 for count in deliveries.values() if count > 1)
    with capsys.disabled():
        print(f"\nSIGKILL: sent {len(ids)}, lost {len(lost)}, duplicated {duplicated}, restarts 1")
    assert not lost
