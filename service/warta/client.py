"""Small aiokafka clients for the command line and tests: push messages, follow or read a topic."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from warta.config import MAX_MESSAGE_BYTES, Settings
from warta.sources import Message
from warta.topics import client_options


async def produce_messages(settings: Settings, messages: Iterable[Message], topic: str) -> int:
    """Send each message keyed by its document id; return how many the broker acknowledged."""
    producer = AIOKafkaProducer(**client_options(settings), max_request_size=MAX_MESSAGE_BYTES, linger_ms=5)
    try:
        await producer.start()
        sent = [await producer.send(topic, m.value, key=m.key.encode() if m.key else None) for m in messages]
        for future in sent:
            await future
    finally:
        await producer.stop()
    return len(sent)


async def follow(
    settings: Settings,
    *topics: str,
    from_beginning: bool = True,
    limit: int | None = None,
    idle_timeout: float | None = None,
) -> AsyncIterator[tuple[str, bytes | None, bytes]]:
    """Yield (topic, key, value) from ``topics``; stop after ``limit`` messages or ``idle_timeout`` s of quiet."""
    consumer = AIOKafkaConsumer(
        *topics,
        **client_options(settings),
        group_id=None,
        auto_offset_reset="earliest" if from_beginning else "latest",
        fetch_max_bytes=MAX_MESSAGE_BYTES,
        max_partition_fetch_bytes=MAX_MESSAGE_BYTES,
    )
    seen = 0
    try:
        await consumer.start()
        while limit is None or seen < limit:
            timeout_ms = int((idle_timeout or 1.0) * 1000)
            batches = await consumer.getmany(timeout_ms=timeout_ms)
            if not batches and idle_timeout is not None:
                return
            for records in batches.values():
                for record in records:
                    yield record.topic, record.key, record.value
                    seen += 1
                    if limit is not None and seen >= limit:
                        return
    finally:
        await consumer.stop()


async def read_to_end(settings: Settings, topic: str) -> AsyncIterator[bytes]:
    """Yield the value of every message ``topic`` holds, each partition oldest first, and stop once
    past the end offsets the broker gave at the start and a fetch finds nothing more: a snapshot
    that ends, where ``follow`` waits for more. The second condition is for the embedded Tansu,
    which reports a partition's end as one past the first record of its last batch."""
    consumer = AIOKafkaConsumer(
        **client_options(settings),
        group_id=None,
        enable_auto_commit=False,
        fetch_max_bytes=MAX_MESSAGE_BYTES,
        max_partition_fetch_bytes=MAX_MESSAGE_BYTES,
    )
    try:
        await consumer.start()
        await consumer.topics()  # fetches the metadata that partitions_for_topic reads
        partitions = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
        if not partitions:
            return
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        while True:
            batches = await consumer.getmany(timeout_ms=1000)
            for records in batches.values():
                for record in records:
                    yield record.value
            if not batches and all([await consumer.position(tp) >= ends[tp] for tp in partitions]):
                return
    finally:
        await consumer.stop()
