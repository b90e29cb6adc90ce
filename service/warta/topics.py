"""What warta needs from the broker before the worker subscribes: its topics, and what it supports.

Faust would let the broker auto-create topics with default partition counts, which breaks the one
invariant the story agent needs: its input topic has exactly one partition.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.client import AIOKafkaClient
from aiokafka.errors import KafkaConnectionError, KafkaError, TopicAlreadyExistsError
from aiokafka.protocol.transaction import InitProducerIdRequest

from warta.config import Settings

log = logging.getLogger("warta.topics")


class BrokerRefused(RuntimeError):
    """The broker answered but did not let warta in (credentials, TLS): retrying cannot help."""

    def __init__(self, settings: Settings, error: BaseException) -> None:
        user = f" as {settings.sasl_username!r}" if settings.security_protocol.startswith("SASL") else ""
        super().__init__(
            f"{settings.broker} refused the connection{user} over {settings.security_protocol}"
            f" ({type(error).__name__}: {error}); check WARTA_SECURITY_PROTOCOL, WARTA_SASL_* and WARTA_SSL_*"
        )


@dataclass(frozen=True)
class TopicSpec:
    name: str
    partitions: int
    compacted: bool = False


def analysed_topic(settings: Settings) -> str:
    return f"{settings.app_id}.analysed"


SKETCH_HEADER = "warta-story-sketch"
"""Header of each record on the analysed topic: the article's encoded story sketch, computed in a
pipeline process so that the stories agent only compares (``warta.pipeline.stories.Sketch``)."""


def topic_specs(settings: Settings) -> list[TopicSpec]:
    fan_out = settings.topic_partitions
    return [
        TopicSpec(settings.topic_raw, fan_out),
        TopicSpec(analysed_topic(settings), 1),
        TopicSpec(settings.topic_enriched, fan_out),
        TopicSpec(settings.topic_events, fan_out),
        TopicSpec(settings.topic_stories, fan_out, compacted=True),
        TopicSpec(settings.topic_deadletter, fan_out),
    ]


def client_options(settings: Settings) -> dict[str, Any]:
    """Connection options shared by every aiokafka client warta opens (admin, producer, consumer)."""
    options: dict[str, Any] = {
        "bootstrap_servers": [url.removeprefix("kafka://") for url in settings.broker_urls],
        "security_protocol": settings.security_protocol,
    }
    if settings.security_protocol.startswith("SASL"):
        options["sasl_mechanism"] = settings.sasl_mechanism
        options["sasl_plain_username"] = settings.sasl_username
        options["sasl_plain_password"] = (
            settings.sasl_password.get_secret_value() if settings.sasl_password else None
        )
    context = settings.ssl_context()
    if context is not None:
        options["ssl_context"] = context
    return options


async def ensure_topics(settings: Settings, *, wait: float | None = 60.0) -> None:
    """Create missing topics; wait for the broker with backoff for up to ``wait`` seconds (None: forever)."""
    delay, waited = 0.5, 0.0
    while True:
        admin = AIOKafkaAdminClient(**client_options(settings))
        try:
            await admin.start()
            break
        except KafkaConnectionError as error:
            await admin.close()
            if wait is not None and waited >= wait:
                raise
            log.warning("broker %s not reachable (%s); retrying in %.1fs", settings.broker, error, delay)
            await asyncio.sleep(delay)
            waited += delay
            delay = min(delay * 2, 5.0)
        except Exception as error:  # aiokafka reports a refused SASL exchange in several shapes
            await admin.close()
            raise BrokerRefused(settings, error) from error
    try:
        existing = set(await admin.list_topics())
        missing = [spec for spec in topic_specs(settings) if spec.name not in existing]
        for spec in missing:
            config = {"cleanup.policy": "compact"} if spec.compacted else {}
            topic = NewTopic(spec.name, spec.partitions, settings.topic_replication, topic_configs=config)
            try:
                await admin.create_topics([topic])
            except TopicAlreadyExistsError:
                continue
            except KafkaError as error:
                log.warning("could not create topic %s (%s); relying on broker defaults", spec.name, error)
                continue
            log.info("created topic %s with %d partition(s)", spec.name, spec.partitions)
    finally:
        await admin.close()


async def supports_idempotence(settings: Settings) -> bool:
    """Whether the broker hands out producer ids (InitProducerId), which idempotent producers need.

    Apache Kafka does; the embedded Tansu build answers with an error, and a producer created with
    ``enable_idempotence=True`` would then fail on its first send instead of at start-up.
    """
    client = AIOKafkaClient(**client_options(settings))
    await client.bootstrap()
    try:
        request = InitProducerIdRequest(transactional_id=None, transaction_timeout_ms=60_000)
        response = await client.send(client.get_random_node(), request)
        return bool(response.error_code == 0)
    except KafkaError:
        return False
    finally:
        await client.close()
