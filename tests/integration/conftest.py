"""A real broker and a real ``warta worker`` process for the whole integration session.

The broker is the embedded Tansu one, or Apache Kafka when ``WARTA_TEST_BROKER`` is set
(e.g. ``WARTA_TEST_BROKER=kafka://localhost:9092``). Topic names are unique per run, so the suite
can run again and again against the same Kafka.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator

import pytest

from warta.broker import EmbeddedBroker
from warta.config import Settings
from warta.topics import ensure_topics
from warta.worker import WorkerProcess


@pytest.fixture(scope="session")
def broker_url() -> Iterator[str]:
    external = os.environ.get("WARTA_TEST_BROKER")
    if external:
        yield external
        return
    with EmbeddedBroker() as broker:
        yield broker.url


def isolated_settings(broker_url: str) -> Settings:
    """Settings with a consumer group and topics of their own, created on the broker."""
    settings = Settings(broker=broker_url, web_port=0).isolated(f"warta-test-{uuid.uuid4().hex[:8]}")
    asyncio.run(ensure_topics(settings))
    return settings


@pytest.fixture(scope="session")
def settings(broker_url: str) -> Settings:
    return isolated_settings(broker_url)


@pytest.fixture(scope="session")
def worker(settings: Settings) -> Iterator[WorkerProcess]:
    with WorkerProcess(settings, log_level="info") as process:
        yield process
        assert process.stop() == 0
