"""Workers that stop, crash and restart: story state survives and no record is lost."""

from __future__ import annotations

import os
import time
import uuid
from collections import Counter

import orjson
import pytest

from tests.integration.conftest import isolated_settings
from tests.integration.kafka import gather, group_members, send
from warta.broker import EmbeddedBroker, free_port
from warta.config import Settings
from warta.demo import SAMPLES
from warta.worker import WorkerProcess

pytestmark = pytest.mark.integration


def test_story_state_survives_a_worker_restart(broker_url: str) -> None:
    settings = isolated_settings(broker_url)
    first, second = sorted(SAMPLES.glob("*.txt"))[:2]

    def enrich_with_a_fresh_worker(doc_id: str, text: str) -> dict:
        with WorkerProcess(settings, log_level="info") as worker:
            send(settings, [(doc_id, orjson.dumps({"id": doc_id, "text": text}))])
            published = gather(settings, lambda p: doc_id in p.keys(settings.topic_enriched), timeout=180)
            assert worker.stop() == 0
        return next(a for a in published.values(settings.topic_enriched) if a["id"] == doc_id)

    before = enrich_with_a_fresh_worker(first.stem, first.read_text())
    after = enrich_with_a_fresh_worker(second.stem, second.read_text())

    assert after["story_id"] == before["story_id"]


def test_a_stopped_worker_leaves_its_consumer_group(broker_url: str) -> None:
    """Otherwise its successor waits a session timeout for partitions (the embedded broker numbers
    the first generation 0, for which aiokafka does not leave)."""
    settings = isolated_settings(broker_url)
    with WorkerProcess(settings) as worker:
        send(settings, [("joined", orjson.dumps({"id": "joined", "text": "Presiden tiba di Jakarta."}))])
        gather(settings, lambda p: "joined" in p.keys(settings.topic_enriched), timeout=120)
        assert len(group_members(settings)) == 1
        assert worker.stop() == 0
    assert group_members(settings) == []


def test_a_killed_worker_loses_no_record(broker_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    settings = isolated_settings(broker_url)
    ids = [f"doc-{i:04d}" for i in range(2000)]
    documents = [
        (doc_id, orjson.dumps({"id": doc_id, "text": f"Menteri ke-{i} tiba di Jakarta pada Senin pagi."}))
        for i, doc_id in enumerate(ids)
    ]
    outputs = (settings.topic_enriched, settings.topic_deadletter)

    with WorkerProcess(settings) as victim:
        send(settings, documents)
        gather(settings, lambda p: len(p.keys(settings.topic_enriched)) >= 300, timeout=120)
        victim.process.kill()

    with WorkerProcess(settings) as survivor:
        published = gather(
            settings, lambda p: set(ids) <= p.keys(outputs[0]) | p.keys(outputs[1]), timeout=300
        )
        assert survivor.stop() == 0

    deliveries = Counter(key for topic in outputs for key, _ in published.records.get(topic, []))
    lost = [doc_id for doc_id in ids if not deliveries[doc_id]]
    duplicated = sum(count - 1 for count in deliveries.values() if count > 1)
    with capsys.disabled():
        print(f"\nSIGKILL: sent {len(ids)}, lost {len(lost)}, duplicated {duplicated}, restarts 1")
    assert not lost


@pytest.mark.skipif(bool(os.environ.get("WARTA_TEST_BROKER")), reason="starts a broker of its own")
def test_a_worker_started_before_the_broker_waits_for_it() -> None:
    port = free_port()
    settings = Settings(broker=f"kafka://127.0.0.1:{port}", app_id=f"late-{uuid.uuid4().hex[:8]}", web_port=0)
    with WorkerProcess(settings, log_level="info") as worker:
        time.sleep(5)
        assert worker.process.poll() is None
        with EmbeddedBroker(port=port):
            send(
                settings,
                [("late", orjson.dumps({"id": "late", "text": "Presiden tiba di Jakarta pada Senin."}))],
            )
            gather(settings, lambda p: "late" in p.keys(settings.topic_enriched), timeout=120)
            assert worker.stop() == 0
        assert "not reachable" in worker.tail(400)
