"""The worker's Kafka consumer: settings faust does not pass through reach it."""

from __future__ import annotations

import asyncio

from warta.app import create_app
from warta.config import Settings


def test_consumer_fetches_wait_at_most_the_configured_time() -> None:
    async def fetch_wait_ms() -> int:
        settings = Settings(broker="kafka://localhost:9092", fetch_max_wait=0.25)
        app = create_app(settings, pool=None)  # type: ignore[arg-type]
        consumer = app.consumer._thread._create_worker_consumer(app.transport)  # type: ignore[attr-defined]
        try:
            return int(consumer._fetch_max_wait_ms)
        finally:
            await consumer.stop()

    assert asyncio.run(fetch_wait_ms()) == 250
