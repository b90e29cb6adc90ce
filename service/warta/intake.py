"""From raw message bytes to a RawDocument, or a DeadLetter saying exactly why not.

Shared by the streaming agents and the batch command, so both reject the same inputs the same way.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import UTC, datetime

import orjson
from pydantic import ValidationError

from warta.pipeline import StageFailed, analyse
from warta.records import DeadLetter, EnrichedArticle, RawDocument


@dataclass(frozen=True)
class Rejection(Exception):
    """Why a message could not be processed: a machine-readable ``reason`` and a human ``detail``."""

    reason: str
    detail: str
    stage: str = "decode"

    def __str__(self) -> str:
        return f"{self.reason}: {self.detail}"


def decode(value: bytes | None, max_bytes: int) -> RawDocument:
    """Parse and validate one raw message; raise ``Rejection`` for anything that is not a document."""
    if value is None or not value.strip():
        raise Rejection("empty-message", "the message has no value")
    if len(value) > max_bytes:
        raise Rejection(
            "too-large",
            f"the message is {len(value):,} bytes; the limit is {max_bytes:,} (WARTA_MAX_DOCUMENT_BYTES)",
        )
    try:
        data = orjson.loads(value)
    except orjson.JSONDecodeError as error:
        kind = "invalid-utf8" if "utf-8" in str(error).lower() else "invalid-json"
        raise Rejection(kind, f"not a JSON document: {error}") from None
    if not isinstance(data, dict):
        raise Rejection("wrong-schema", f"expected a JSON object, got {type(data).__name__}", "validate")
    try:
        return RawDocument.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'document'}: {e['msg']}" for e in error.errors()[:5]
        )
        reason = "empty-text" if _is_empty_text(data) else "wrong-schema"
        raise Rejection(reason, problems, "validate") from None


def _is_empty_text(data: dict[str, object]) -> bool:
    """True when the document has string content fields, but all of them are blank."""
    content = [v for v in (data.get("text"), data.get("html")) if v is not None]
    return bool(content) and all(isinstance(v, str) and not v.strip() for v in content)


def encode(record: EnrichedArticle | DeadLetter | object) -> bytes:
    """orjson on the hot path; pydantic's ``mode="json"`` dump keeps datetimes RFC 3339."""
    dump = getattr(record, "model_dump", None)
    return orjson.dumps(dump(mode="json") if dump else record)


def dead_letter(
    value: bytes | None,
    rejection: Rejection,
    *,
    key: bytes | str | None = None,
    topic: str | None = None,
    partition: int | None = None,
    offset: int | None = None,
) -> DeadLetter:
    """Wrap the original bytes, untouched, with the reason they were rejected."""
    raw = value or b""
    try:
        text, encoding = raw.decode("utf-8"), "utf-8"
        if "\x00" in text:
            raise UnicodeDecodeError("utf-8", raw, 0, 1, "NUL byte")
    except UnicodeDecodeError:
        text, encoding = base64.b64encode(raw).decode("ascii"), "base64"
    if isinstance(key, bytes):
        key = key.decode("utf-8", errors="replace")
    return DeadLetter(
        key=key,
        value=text,
        encoding=encoding,
        reason=rejection.reason,
        detail=rejection.detail,
        stage=rejection.stage,
        topic=topic,
        partition=partition,
        offset=offset,
        failed_at=datetime.now(UTC),
    )


def analyse_message(
    value: bytes | None,
    *,
    max_bytes: int,
    skip: frozenset[str] = frozenset(),
    key: bytes | str | None = None,
    topic: str | None = None,
    partition: int | None = None,
    offset: int | None = None,
) -> EnrichedArticle | DeadLetter:
    """Decode one raw message and run the stateless stages; never raises."""
    try:
        return analyse(decode(value, max_bytes), skip)
    except Rejection as rejection:
        failure = rejection
    except StageFailed as error:
        failure = Rejection("stage-failed", str(error), error.stage)
    return dead_letter(value, failure, key=key, topic=topic, partition=partition, offset=offset)
