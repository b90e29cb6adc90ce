"""The command line's Kafka clients against a real broker."""

from __future__ import annotations

import asyncio

import pytest

from tests.integration.conftest import isolated_settings
from warta.client import produce_messages, read_to_end
from warta.sources import Message

pytestmark = pytest.mark.integration


def test_reading_a_topic_to_its_end_returns_every_message_it_holds_and_stops(broker_url: str) -> None:
    settings = isolated_settings(broker_url)
    sent = [f"letter-{i}".encode() for i in range(50)]
    messages = [Message(key=f"key-{i % 7}", value=value, origin="test") for i, value in enumerate(sent)]
    asyncio.run(produce_messages(settings, messages, settings.topic_deadletter))

    async def read() -> list[bytes]:
        return [value async for value in read_to_end(settings, settings.topic_deadletter)]

    assert sorted(asyncio.run(asyncio.wait_for(read(), 60))) == sorted(sent)
