"""The streaming layer: a faust app whose agents decode, call the pipeline core, and publish.

Two agents, so that the stateless stages scale out while story state stays in one place:

    news.raw (N partitions) ─▶ analyse ─▶ <app>.analysed (1 partition) ─▶ stories ─▶ news.enriched
                                  └─▶ news.deadletter                              ├─▶ news.events
                                                                                   └─▶ news.stories

Every output is awaited until the broker acknowledges it before the input is acked, and faust
commits only acked offsets: at-least-once. The CPU-bound stages run in a process pool
(``warta.pool``), so heartbeats and rebalances are never starved and a hung record is cut off.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Iterable, Mapping, Sequence
from typing import Any, cast

import aiokafka
import faust
import orjson
from faust.transport.drivers import aiokafka as aiokafka_driver
from faust.types import ConsumerT, EventT, ProducerT
from faust.web import Request, Response, View
from mode.utils.objects import cached_property
from mode.utils.queues import FlowControlEvent
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from warta import metrics
from warta.batch import story_index
from warta.config import MAX_MESSAGE_BYTES, Settings
from warta.intake import Rejection, dead_letter, encode
from warta.pipeline import EncodedEnrichment, StageFailed, attach_story_encoded
from warta.pipeline.stories import Sketch, StoryIndex
from warta.pool import PipelinePool, RawMessage
from warta.topics import SKETCH_HEADER, analysed_topic

log = logging.getLogger("warta")

_FINGERPRINTS = """Each article in the story window, as the fingerprint the story index restores it from.

Changelog-backed: a restarted (or another) worker recovers it and rebuilds the same clusters.
"""


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


class _IdempotentProducer(aiokafka_driver.Producer):
    """faust turns idempotence on only inside transactions; warta wants it on every send."""

    def _settings_extra(self) -> Mapping[str, Any]:
        return {"acks": "all", "enable_idempotence": True}


class _ConsumerThread(aiokafka_driver.AIOKafkaConsumerThread):
    """faust's consumer thread, mended twice.

    It leaves the consumer group on a graceful stop whatever number the broker gave the generation:
    aiokafka sends LeaveGroup only for generations above 0, as Kafka starts at 1; Tansu, the
    embedded broker, starts at 0, so a worker restarted there waited a session timeout as a
    follower of its gone predecessor before it got any partition.

    Its fetches wait at most ``fetch_max_wait`` (0.5 s, Kafka's own default), not the 1.5 s faust
    fixes: a fetch on Tansu that finds no new record returns only when the wait is over, whatever
    arrives meanwhile, so each of a record's two hops through the worker waited up to 1.5 s. On Kafka
    the wait only bounds how often an idle consumer asks. Shorter is not safer: with 0.1 s, Tansu
    stalled in both 200,000-article soaks (at ~135,000 articles it spun at full CPU and the story
    agent got no more records), where 0.5 s and 1.5 s ran through.
    """

    def _create_worker_consumer(self, transport: Any) -> aiokafka.AIOKafkaConsumer:
        consumer = super()._create_worker_consumer(transport)
        consumer._fetch_max_wait_ms = cast(_App, self.app).fetch_max_wait_ms  # faust passes no setting
        return consumer

    async def on_thread_stop(self) -> None:
        coordinator = getattr(self._consumer, "_coordinator", None)
        if coordinator is not None and coordinator.generation == 0 and coordinator.member_id:
            coordinator.generation = 1  # LeaveGroup names the member only; this just passes the check
        await super().on_thread_stop()


class _Consumer(aiokafka_driver.Consumer):
    def _new_consumer_thread(self) -> aiokafka_driver.AIOKafkaConsumerThread:
        return _ConsumerThread(self, loop=self.loop, beacon=self.beacon)


class _FlowControl(FlowControlEvent):
    """Clears the agents' queues only when flow resumes after a suspension.

    After recovering a table, faust resumes flow a second time, once the stream partitions are
    already flowing again; that resume cleared records the consumer had just queued and marked
    read, so a restarted worker could leave its first record unprocessed (and its partition's
    commits stuck) until the next rebalance: one restart in six on the embedded broker.
    """

    def resume(self) -> None:
        if not self.is_active():
            super().resume()


class _App(faust.App):
    """The faust app with the parts above: an idempotent producer when the broker supports one, a
    consumer thread that always leaves its group and fetches without faust's long wait, flow control that
    keeps what is queued."""

    idempotent = False
    fetch_max_wait_ms = 1500  # faust's own, until ``create_app`` sets the configured one

    @cached_property
    def flow_control(self) -> FlowControlEvent:
        return _FlowControl(loop=self.loop)

    def _new_producer(self) -> ProducerT:
        if self.idempotent:
            return _IdempotentProducer(self.transport, loop=self.loop, beacon=self.beacon)
        return super()._new_producer()

    def _new_consumer(self) -> ConsumerT:
        return _Consumer(
            self.transport,
            callback=self.topics.on_message,
            on_partitions_revoked=self._on_partitions_revoked,
            on_partitions_assigned=self._on_partitions_assigned,
            beacon=self.beacon,
            loop=self.loop,
        )


def create_app(settings: Settings, pool: PipelinePool, *, idempotent: bool = False) -> faust.App:
    """Build the faust app for ``settings``; the broker URL must already be a real one.

    The caller owns ``pool`` and closes it after the app has stopped. ``idempotent`` asks for an
    idempotent producer (no duplicates from producer retries); only brokers that grant producer ids
    support it (see ``topics.supports_idempotence``).
    """
    app = _App(
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
        producer_acks=-1,
        producer_linger=0.005,  # an article fans out to ~20 event records: let them share requests
    )
    app.idempotent = idempotent
    app.fetch_max_wait_ms = round(settings.fetch_max_wait * 1000)

    def topic(name: str, partitions: int | None = None) -> faust.TopicT:
        return app.topic(name, partitions=partitions, value_serializer="raw", key_serializer="raw")

    raw = topic(settings.topic_raw, settings.topic_partitions)
    analysed = topic(analysed_topic(settings), 1)
    enriched = topic(settings.topic_enriched, settings.topic_partitions)
    events = topic(settings.topic_events, settings.topic_partitions)
    stories = topic(settings.topic_stories, settings.topic_partitions)
    deadletter = topic(settings.topic_deadletter, settings.topic_partitions)
    index = story_index(settings)
    fingerprints = app.Table(
        "story-fingerprints",
        partitions=1,
        key_type=bytes,
        value_type=bytes,
        use_partitioner=True,  # written per batch, outside faust's per-event context
        help=_FINGERPRINTS,
    )

    def send(
        target: faust.TopicT, key: str | None, value: bytes, headers: list[tuple[str, bytes]] | None = None
    ) -> Awaitable[Any]:
        """Straight to the producer: the values are encoded already, and an article fans out to ~20
        event records, so skipping faust's per-message Topic machinery took one worker from 60 to 71
        articles/s."""
        name = target.get_topic_name()
        metrics.RECORDS_OUT.labels(name).inc()
        return app.producer.send(name, key.encode() if key else None, value, None, None, headers)

    async def acknowledged(sends: Iterable[Awaitable[Any]]) -> None:
        """Wait until the broker has every output, so that acking the input is safe."""
        pending = [await s for s in sends]
        await asyncio.gather(*pending)

    metrics.UP.set(1)

    @app.page("/metrics")
    async def metrics_page(web: View, request: Request) -> Response:
        return web.bytes(generate_latest(), headers={"Content-Type": CONTENT_TYPE_LATEST})

    @app.page("/health")
    async def health_page(web: View, request: Request) -> Response:
        return web.json({"status": "up"})

    @app.page("/ready")
    async def ready_page(web: View, request: Request) -> Response:
        ready = bool(app.consumer.assignment())
        metrics.READY.set(int(ready))
        return web.json({"ready": ready}, status=200 if ready else 503)

    @app.timer(interval=10.0)
    async def report_lag() -> None:
        consumer = app.consumer
        metrics.READY.set(int(bool(consumer.assignment())))
        for tp in consumer.assignment():
            if tp.topic not in (raw.get_topic_name(), analysed.get_topic_name()):
                continue
            position = await consumer.position(tp)
            if position is not None:
                lag = max(0, consumer.highwater(tp) - position)
                metrics.CONSUMER_LAG.labels(tp.topic, str(tp.partition)).set(lag)

    # One more agent instance than pipeline processes: while one batch waits for its acks, the next
    # is already in the pool. faust commits only offsets below the lowest unacked one.
    @app.agent(raw, name="analyse", concurrency=settings.processes + 1)
    async def analyse_documents(stream: faust.StreamT[bytes]) -> None:
        async for batch in _batches(stream, settings):
            messages = [_raw_message(event) for event in batch]
            metrics.RECORDS_IN.labels(settings.topic_raw).inc(len(messages))
            outcomes = await pool.analyse(messages)
            for outcome in outcomes:
                outcome.observation.count()
            await acknowledged(
                send(deadletter, outcome.key, outcome.value)
                if outcome.dead_letter
                else send(analysed, outcome.key, outcome.value, [(SKETCH_HEADER, outcome.sketch or b"")])
                for outcome in outcomes
            )

    @app.agent(analysed, name="stories")
    async def assign_stories(stream: faust.StreamT[bytes]) -> None:
        restored = False
        async for batch in _batches(stream, settings):
            if not restored:  # the first batch comes after faust has recovered the table
                for fingerprint in fingerprints.values():
                    index.restore(fingerprint)
                log.info("story index restored: %d articles in %d stories", len(index), index.story_count)
                restored = True
            sends: list[Awaitable[Any]] = []
            for event in batch:
                message = _raw_message(event)
                value = message.value or b""
                try:
                    placed = _place(value, event.message.headers, index)
                except Rejection as failure:
                    letter = dead_letter(value, failure, **message.origin())
                    metrics.observe(letter)
                    sends.append(send(deadletter, letter.key, encode(letter)))
                    continue
                assignment = placed.assignment
                fingerprints[placed.id.encode()] = assignment.fingerprint
                for gone in assignment.evicted:
                    fingerprints.pop(gone.encode(), None)
                sends.append(send(enriched, placed.id, placed.article))
                sends.extend(send(events, key, value) for key, value in placed.events)
                sends.append(send(stories, assignment.story_id, placed.story))
            metrics.STORIES.set(index.story_count)
            await acknowledged(sends)

    return app


def _place(
    value: bytes, headers: Iterable[tuple[str, bytes]] | Mapping[str, bytes] | None, index: StoryIndex
) -> EncodedEnrichment:
    """Place one analysed article (its JSON, the story sketch in its header) in its story.

    Raises ``Rejection``: ``wrong-schema`` for a record that only a foreign writer or a schema change
    could have put on the internal topic, ``stage-failed`` if the story index raised.
    """
    try:
        article = orjson.loads(value)
        story_sketch = Sketch.decode(dict(headers or ())[SKETCH_HEADER])
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as error:
        raise Rejection("wrong-schema", f"no story sketch: {error!r}", "stories") from None
    if not (
        isinstance(article, dict)
        and article.get("id") == story_sketch.id
        and isinstance(article.get("events"), list)
        and isinstance(article.get("pipeline"), dict)
    ):
        raise Rejection("wrong-schema", "not the analysed article its story sketch describes", "stories")
    try:
        return attach_story_encoded(article, story_sketch, index)
    except StageFailed as error:
        raise Rejection("stage-failed", str(error), error.stage) from None


def _batches(stream: faust.StreamT[bytes], settings: Settings) -> AsyncIterator[Sequence[EventT]]:
    """Events in batches; ``take_events`` keeps each event, so its offset is acked after its batch."""
    return cast(faust.Stream, stream).take_events(settings.batch_size, within=settings.batch_within)


def _raw_message(event: EventT) -> RawMessage:
    message = event.message
    return RawMessage(message.key, message.value, message.topic, message.partition, message.offset)
