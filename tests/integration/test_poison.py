"""Poison pills through the real worker: every bad input is dead-lettered, every good one enriched."""

from __future__ import annotations

import uuid
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.integration.kafka import Published, assert_valid, gather, send
from warta.config import Settings
from warta.worker import WorkerProcess

pytestmark = pytest.mark.integration

SENTENCE = "Presiden Joko Widodo tiba di Hanoi, Vietnam, pada Kamis pagi untuk kunjungan kenegaraan."

BAD = {
    "invalid-utf8": b'{"id": "x", "text": "Presiden \xff\xfe tiba"}',
    "deeply-nested": b'{"id": "x", "text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "ten-megabytes": orjson.dumps({"id": "x", "text": "a" * 10_000_000}),
    "nan": b'{"id": "x", "text": NaN}',
    "infinity": b'{"id": "x", "text": "ok", "published_at": Infinity}',
    "null-bytes-only": b"\x00" * 4096,
    "json-array": orjson.dumps([SENTENCE]),
    "text-is-object": orjson.dumps({"id": "x", "text": {"body": SENTENCE}}),
    "id-is-number": orjson.dumps({"id": 7, "text": SENTENCE}),
    "bad-date": orjson.dumps({"id": "x", "text": SENTENCE, "published_at": "kemarin sore"}),
    "empty-html": orjson.dumps({"id": "x", "html": "   "}),
}
"""Inputs that are not documents: each must reach the dead-letter topic."""

ODD_BUT_VALID: dict[str, dict[str, str]] = {
    "html-bomb": {"html": "<div>" * 20_000 + SENTENCE + "</div>" * 20_000},
    "repetition": {"text": "ha" * 900_000},
    "null-bytes-in-text": {"text": SENTENCE + "\u0000" * 100 + SENTENCE},
    "thai": {"text": "นายกรัฐมนตรีเดินทางถึงกรุงฮานอยเมื่อเช้าวันพฤหัสบดีเพื่อเยือนอย่างเป็นทางการ"},
    "emoji-only": {"text": "🔥" * 500},
    "all-furniture": {"text": "Baca juga: Berita lain\n\nHalaman Selanjutnya\n\n© 2024"},
}
"""Documents that are valid but hostile: each must come out somewhere (enriched and flagged, or dead-lettered)."""

ODDLY_DATED: dict[str, dict[str, str]] = {
    "zero-time": {"text": SENTENCE, "published_at": "0001-01-01T00:00:00Z"},
    "far-future": {"text": SENTENCE, "published_at": "2999-01-01T00:00:00Z"},
}
"""A crawler's zero time (Go, .NET) and a mistyped year: odd dates on documents that must be enriched."""

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
generated_bad = st.one_of(
    st.binary(max_size=512).filter(lambda b: not b.strip().startswith(b"{")),
    st.builds(
        lambda v: orjson.dumps({"id": "x", "text": v}), json_values.filter(lambda v: not isinstance(v, str))
    ),
    st.builds(
        lambda v: orjson.dumps({"id": v, "text": SENTENCE}),
        json_values.filter(lambda v: not isinstance(v, str)),
    ),
    st.builds(orjson.dumps, st.lists(json_values, max_size=5)),
)


def _keyed(prefix: str, values: dict[str, bytes] | list[bytes]) -> dict[str, bytes]:
    items = values.items() if isinstance(values, dict) else enumerate(values)
    return {f"{prefix}-{name}-{uuid.uuid4().hex[:6]}": value for name, value in items}


@hypothesis_settings(max_examples=1, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
@given(generated=st.lists(generated_bad, min_size=60, max_size=60))
def test_poison_pills_are_dead_lettered_and_good_documents_still_enriched(
    settings: Settings, worker: WorkerProcess, generated: list[bytes]
) -> None:
    bad = _keyed("bad", BAD) | _keyed("fuzz", generated)
    odd = {f"odd-{name}-{uuid.uuid4().hex[:6]}": fields for name, fields in ODD_BUT_VALID.items()}
    good = {f"good-{i}-{uuid.uuid4().hex[:6]}": {"text": SENTENCE} for i in range(5)}
    good |= {f"dated-{name}-{uuid.uuid4().hex[:6]}": fields for name, fields in ODDLY_DATED.items()}
    messages = list(bad.items())
    messages += [(key, orjson.dumps({"id": key, **fields})) for key, fields in (odd | good).items()]
    send(settings, messages[::2] + messages[1::2])

    def everything_came_out(published: Published) -> bool:
        out = published.keys(settings.topic_enriched) | published.keys(settings.topic_deadletter)
        return {key for key, _ in messages} <= out

    published = gather(settings, everything_came_out, timeout=180)

    letters = {letter["key"]: letter for letter in published.values(settings.topic_deadletter)}
    assert set(bad) <= letters.keys(), sorted(set(bad) - letters.keys())
    assert all(letters[key]["reason"] and letters[key]["detail"] for key in bad)
    assert set(good) <= published.keys(settings.topic_enriched)
    assert_valid(settings, published)
    assert worker.process.poll() is None
    rss_kb = int(
        next(
            line
            for line in Path(f"/proc/{worker.process.pid}/status").read_text().splitlines()
            if line.startswith("VmRSS:")
        ).split()[1]
    )
    assert rss_kb < 1024 * 1024
