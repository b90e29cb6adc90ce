"""An authenticating broker: clients without credentials are refused, secrets stay out of logs.

The embedded Tansu 0.6 build can require SASL (``--authentication``) but cannot be given a user
while it does (``tansu user create`` is refused too), so a successful SASL login is proven only
against Apache Kafka (``WARTA_TEST_BROKER``), not here.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Iterator

import pytest
from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaConnectionError

from warta.broker import EmbeddedBroker
from warta.config import Settings
from warta.worker import WorkerProcess

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(bool(os.environ.get("WARTA_TEST_BROKER")), reason="starts a broker of its own"),
]

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(scope="module")
def authenticating_broker() -> Iterator[EmbeddedBroker]:
    with EmbeddedBroker(authentication=True) as broker:
        yield broker


def test_a_client_without_credentials_is_refused(authenticating_broker: EmbeddedBroker) -> None:
    async def connect() -> None:
        producer = AIOKafkaProducer(
            bootstrap_servers=authenticating_broker.bootstrap, request_timeout_ms=3000
        )
        try:
            await producer.start()
        finally:
            await producer.stop()

    with pytest.raises(KafkaConnectionError):
        asyncio.run(connect())


def test_a_refused_worker_exits_with_one_clear_line_and_never_logs_the_password(
    authenticating_broker: EmbeddedBroker,
) -> None:
    settings = Settings(
        broker=authenticating_broker.url,
        web_port=0,
        security_protocol="SASL_PLAINTEXT",
        sasl_mechanism="SCRAM-SHA-256",
        sasl_username="crawler",
        sasl_password=PASSWORD,
    )
    with WorkerProcess(settings, log_level="debug") as worker:
        deadline = time.monotonic() + 30
        while worker.process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.5)
        code = worker.stop()
        log = worker.tail(400)

    assert code != 0
    assert "refused the connection as 'crawler' over SASL_PLAINTEXT" in " ".join(log.split())
    assert PASSWORD not in log
    assert "Traceback" not in log
