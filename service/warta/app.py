"""The streaming layer: a faust app whose agents decode, call the pipeline core, and publish.

Two agents, so that the stateless stages scale out while story state stays in one place:

    news.raw (N partitions) ─▶ analyse ─▶ <app>.analysed (1 partition) ─▶ stories ─▶ news.enriched
                                  └─▶ news.deadletter                              ├─▶ news.events
                                                                                   └─▶ news.stories

Every output is awaited until the broker acknowledges it before the input is acked, and faust
commits only acked offsets: at-least-once. The CPU-bound stages run in a worker thread so that
heartbeats and rebalances are never starved.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Iterable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

import faust
from faust.types import EventT

from warta.batch import assign_story
from warta.config import MAX_MESSAGE_BYTES, Settings
from warta.intake import analyse_message, encode
from warta.pipeline.stories import StoryIndex
from warta.records import DeadLetter, EnrichedArticle
from warta.topics import analysed_topic

log = logging.getLogger("warta")


def _credentials(settings: Settings) -> Any:
    context = settings.ssl_context()
    if settings.security_protocol.startswith("SASL"):
        password = settings.sasl_password.get_secret_value() if settings.sasl_password else ""
        return faust.SASLCredentials(
            username=settings.sasl_username,
            password=password,
            mechanism=settings.sasl_mechanism,
            ssl_context=context,
        )
    return faust.SSLCredentials(context) if context else None


def create_app(settings: Settings) -> faust.App:
    """Build the faust app for ``settings``; the broker URL must already be a real one."""
    app = faust.App(
        settings.app_id,
        broker=settings.broker_urls,
        broker_credentials=_credentials(settings),
        value_serializer="raw",
        key_serializer="raw",
        topic_partitions=settings.topic_partitions,
        topic_replication_factor=settings.topic_replication,
        consumer_auto_offset_reset="earliest",
        producer_max_request_size=MAX_MESSAGE_BYTES,
        consumer_max_fetch_size=MAX_MESSAGE_BYTES,
        broker_session_timeout=10.0,
        broker_heartbeat_interval=1.0,
        broker_rebalance_timeout=10.0,
        web_enabled=settings.web_port > 0,
        web_port=settings.web_port or 6066,
        web_host="0.0.0.0",
        store="memory://",
        datadir=str(settings.data_dir),
    )

    def topic(name: str, partitions: int | None = None) -> faust.TopicT:
        return app.topic(name, partitions=partitions, value_serializer="raw", key_serializer="raw")

    raw = topic(settings.topic_raw, settings.topic_partitions)
    analysed = topic(analysed_topic(settings), 1)
    enriched = topic(settings.topic_enriched, settings.topic_partitions)
    events = topic(settings.topic_events, settings.topic_partitions)
    stories = topic(settings.topic_stories, settings.topic_partitions)
    deadletter = topic(settings.topic_deadletter, settings.topic_partitions)
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="warta-pipeline")
    index = StoryIndex()

    def send(target: faust.TopicT, key: str | None, value: bytes) -> Awaitable[Any]:
        return target.send(key=key.encode() if key else None, value=value)

    async def acknowledged(sends: Iterable[Awaitable[Any]]) -> None:
        """Wait until the broker has every output, so that acking the input is safe."""
        pending = [await s for s in sends]
        await asyncio.gather(*pending)

    def analyse_batch(
        batch: list[tuple[bytes | None, bytes | None, int, int]],
    ) -> list[EnrichedArticle | DeadLetter]:
        return [
            analyse_message(
                value,
                max_bytes=settings.max_document_bytes,
                key=key,
                topic=settings.topic_raw,
                partition=partition,
                offset=offset,
            )
            for key, value, partition, offset in batch
        ]

    @app.agent(raw, name="analyse")
    async def analyse_documents(stream: faust.StreamT[bytes]) -> None:
        loop = asyncio.get_running_loop()
        async for batch in stream.take_events(settings.batch_size, within=settings.batch_within):
            messages = [_message(event) for event in batch]
            outcomes = await loop.run_in_executor(executor, partial(analyse_batch, messages))
            await acknowledged(
                send(deadletter, outcome.key, encode(outcome))
                if isinstance(outcome, DeadLetter)
                else send(analysed, outcome.id, encode(outcome))
                for outcome in outcomes
            )

    @app.agent(analysed, name="stories")
    async def assign_stories(stream: faust.StreamT[bytes]) -> None:
        async for batch in stream.take_events(settings.batch_size, within=settings.batch_within):
            sends: list[Awaitable[Any]] = []
            for event in batch:
                message = event.message
                article = EnrichedArticle.model_validate_json(message.value)
                origin = {"topic": message.topic, "partition": message.partition, "offset": message.offset}
                assigned = assign_story(article, index, message.value, **origin)
                if isinstance(assigned, DeadLetter):
                    sends.append(send(deadletter, article.id, encode(assigned)))
                    continue
                final, story = assigned
                sends.append(send(enriched, final.id, encode(final)))
                sends.extend(send(events, e.id, encode(e)) for e in final.events)
                if story is not None:
                    sends.append(send(stories, story.id, encode(story)))
            await acknowledged(sends)

    return app


def _message(event: EventT) -> tuple[bytes | None, bytes | None, int, int]:
    message = event.message
    return message.key, message.value, message.partition, message.offset
