"""Test-side Kafka helpers: push raw bytes, then gather what the worker published."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema
import orjson
from aiokafka.admin import AIOKafkaAdminClient

from warta.client import follow, produce_messages
from warta.config import Settings
from warta.schemas import schema_file
from warta.sources import Message
from warta.topics import client_options


@dataclass
class Published:
    """Every record on the output topics, decoded, by topic."""

    records: dict[str, list[tuple[str | None, dict]]] = field(default_factory=dict)

    def keys(self, topic: str) -> set[str | None]:
        return {key for key, _ in self.records.get(topic, [])}

    def values(self, topic: str) -> list[dict]:
        return [value for _, value in self.records.get(topic, [])]


def send(settings: Settings, messages: list[tuple[str | None, bytes]]) -> None:
    batch = [Message(key=key, value=value, origin="test") for key, value in messages]
    asyncio.run(produce_messages(settings, batch, settings.topic_raw))


def gather(settings: Settings, until: Callable[[Published], bool], timeout: float = 60.0) -> Published:
    """Read the output topics from the start until ``until`` holds; fail after ``timeout`` s."""
    published = Published()
    topics = (
        settings.topic_enriched,
        settings.topic_events,
        settings.topic_stories,
        settings.topic_deadletter,
    )

    async def read() -> None:
        async for topic, key, value in follow(settings, *topics):
            record = (key.decode() if key else None, orjson.loads(value))
            published.records.setdefault(topic, []).append(record)
            if until(published):
                return

    try:
        asyncio.run(asyncio.wait_for(read(), timeout))
    except TimeoutError:
        raise AssertionError(f"condition not met within {timeout}s; got {published.records.keys()}") from None
    return published


def group_members(settings: Settings) -> list[str]:
    """The member ids the broker holds in the worker's consumer group."""

    async def describe() -> list[str]:
        admin = AIOKafkaAdminClient(**client_options(settings))
        await admin.start()
        try:
            (response,) = await admin.describe_consumer_groups([settings.app_id])
        finally:
            await admin.close()
        ((_error, _group, _state, _kind, _protocol, members, *_),) = response.groups
        return [member_id for member_id, *_ in members]

    return asyncio.run(describe())


SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"


def assert_valid(settings: Settings, published: Published) -> None:
    """Every record on every output topic validates against its JSON Schema."""
    schema_of = {
        settings.topic_enriched: "enriched-article",
        settings.topic_events: "event",
        settings.topic_stories: "story",
        settings.topic_deadletter: "dead-letter",
    }
    for topic, name in schema_of.items():
        validator = jsonschema.Draft202012Validator(orjson.loads((SCHEMAS / schema_file(name)).read_bytes()))
        for record in published.values(topic):
            validator.validate(record)
