"""Settings from environment variables (prefix ``WARTA_``), with defaults that need no setup.

``WARTA_BROKER=embedded`` (the default) starts the bundled Tansu broker on a free loopback port;
point it at Apache Kafka with ``WARTA_BROKER=kafka://broker:9092``.
"""

from __future__ import annotations

import ssl
import tempfile
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

EMBEDDED = "embedded"
MAX_MESSAGE_BYTES = 64 * 1024 * 1024
"""Largest message warta will fetch or produce: a rejected document travels whole to the dead-letter topic."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WARTA_", extra="ignore")

    broker: str = Field(EMBEDDED, description="`embedded`, or Kafka URLs such as `kafka://host:9092`")
    app_id: str = Field("warta", description="consumer group id and prefix of internal topics")
    topic_raw: str = Field("news.raw", description="input: RawDocument JSON from crawlers")
    topic_enriched: str = Field("news.enriched", description="output: one EnrichedArticle per valid input")
    topic_events: str = Field("news.events", description="output: Event records keyed by stable event id")
    topic_stories: str = Field(
        "news.stories", description="output: Story updates keyed by story id (compacted)"
    )
    topic_deadletter: str = Field(
        "news.deadletter", description="output: DeadLetter with original bytes and reason"
    )
    topic_partitions: int = Field(4, ge=1, description="partitions of news.raw and other fan-out topics")
    topic_replication: int = Field(1, ge=1, description="replication factor of topics warta creates")

    max_document_bytes: int = Field(
        2_000_000, ge=1024, description="larger raw messages are dead-lettered as `too-large`"
    )
    batch_size: int = Field(32, ge=1, description="raw documents enriched per batch")
    batch_within: float = Field(0.05, gt=0, description="seconds to wait for a batch to fill")
    fetch_max_wait: float = Field(
        0.5, gt=0, description="seconds a consumer fetch may wait for records (faust fixes 1.5)"
    )
    record_timeout: float = Field(
        10.0, gt=0, description="per-record time budget of the pipeline (s); slower records are dead-lettered"
    )
    processes: int = Field(1, ge=1, description="pipeline processes per worker (one per spare core)")
    story_window_hours: float = Field(
        84.0, gt=0, description="story state forgets articles this much older than the newest one"
    )
    story_max_articles: int = Field(
        200_000, ge=1, description="story state holds at most this many articles, the oldest going first"
    )

    security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = Field(
        "PLAINTEXT", description="`PLAINTEXT`, `SSL`, `SASL_PLAINTEXT` or `SASL_SSL`"
    )
    sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] = Field(
        "PLAIN", description="`PLAIN`, `SCRAM-SHA-256` or `SCRAM-SHA-512`"
    )
    sasl_username: str | None = Field(None, description="SASL user")
    sasl_password: SecretStr | None = Field(None, description="SASL password (never logged)")
    ssl_cafile: str | None = Field(None, description="CA bundle that signed the broker certificate")
    ssl_certfile: str | None = Field(None, description="client certificate, for mutual TLS")
    ssl_keyfile: str | None = Field(None, description="client key, for mutual TLS")

    data_dir: Path = Field(
        Path(tempfile.gettempdir()) / "warta", description="faust's local state (table caches)"
    )
    web_port: int = Field(6066, description="metrics and health endpoint port (0 turns it off)")
    log_level: str = Field("INFO", description="DEBUG, INFO, WARNING or ERROR")
    log_format: Literal["text", "json"] = Field(
        "text", description="`text`, or `json`: one JSON object per line"
    )

    def as_env(self) -> dict[str, str]:
        """These settings as ``WARTA_*`` variables, to configure a worker subprocess the same way."""
        env = {}
        for name, value in self.model_dump().items():
            if value is None:
                continue
            plain = value.get_secret_value() if isinstance(value, SecretStr) else value
            env[f"WARTA_{name.upper()}"] = str(plain)
        return env

    def isolated(self, name: str) -> Settings:
        """A copy with a consumer group and topics of its own (``name.raw`` …), for a test or benchmark run."""
        return self.model_copy(
            update={
                "app_id": name,
                **{
                    f"topic_{kind}": f"{name}.{kind}"
                    for kind in ("raw", "enriched", "events", "stories", "deadletter")
                },
            }
        )

    @property
    def broker_urls(self) -> list[str]:
        return [url.strip() for url in self.broker.split(";") if url.strip()]

    def ssl_context(self) -> ssl.SSLContext | None:
        if self.security_protocol not in ("SSL", "SASL_SSL"):
            return None
        context = ssl.create_default_context(cafile=self.ssl_cafile)
        if self.ssl_certfile:
            context.load_cert_chain(self.ssl_certfile, self.ssl_keyfile)
        return context
