"""The process pool that runs the stateless stages for the worker."""

from __future__ import annotations

import asyncio

import orjson

from warta.pool import Analysed, PipelinePool, RawMessage
from warta.records import DeadLetter, EnrichedArticle


def _message(offset: int, value: bytes) -> RawMessage:
    return RawMessage(key=f"doc-{offset}".encode(), value=value, topic="news.raw", partition=0, offset=offset)


def _records(outcomes: list[Analysed]) -> list[EnrichedArticle | DeadLetter]:
    """What the worker forwards, decoded; each outcome's flag must agree with what it holds."""
    records: list[EnrichedArticle | DeadLetter] = []
    for outcome in outcomes:
        kind = DeadLetter if outcome.dead_letter else EnrichedArticle
        record = kind.model_validate_json(outcome.value)
        assert outcome.key == (record.key if isinstance(record, DeadLetter) else record.id)
        assert (outcome.observation.dead_letter is None) != outcome.dead_letter
        records.append(record)
    return records


def test_outcomes_come_back_in_input_order_with_bad_input_dead_lettered() -> None:
    good = orjson.dumps({"id": "good", "text": "Presiden Joko Widodo tiba di Jakarta pada Senin pagi."})
    with PipelinePool(processes=2, timeout=30, max_bytes=1_000_000) as pool:
        outcomes = _records(
            asyncio.run(pool.analyse([_message(0, good), _message(1, b"{not json"), _message(2, good)]))
        )

    assert [type(o) for o in outcomes] == [EnrichedArticle, DeadLetter, EnrichedArticle]
    assert isinstance(outcomes[1], DeadLetter)
    assert (outcomes[1].reason, outcomes[1].offset, outcomes[1].value) == ("invalid-json", 1, "{not json")


def test_a_record_over_its_time_budget_is_dead_lettered_and_the_pool_goes_on() -> None:
    slow = orjson.dumps(
        {"id": "slow", "text": "Presiden Joko Widodo tiba di Jakarta pada Senin pagi. " * 20_000}
    )
    quick = orjson.dumps({"id": "quick", "text": "Menteri Luar Negeri bertemu mitranya di Hanoi."})
    with PipelinePool(processes=1, timeout=1.0, max_bytes=10_000_000) as pool:
        first = _records(asyncio.run(pool.analyse([_message(0, slow)])))
        second = _records(asyncio.run(pool.analyse([_message(1, quick)])))

    assert isinstance(first[0], DeadLetter)
    assert first[0].reason == "timeout" and first[0].stage == "pipeline"
    assert orjson.loads(first[0].value)["id"] == "slow"
    assert isinstance(second[0], EnrichedArticle)


def test_a_slow_record_in_a_batch_is_dead_lettered_alone() -> None:
    slow = orjson.dumps(
        {"id": "slow", "text": "Presiden Joko Widodo tiba di Jakarta pada Senin pagi. " * 20_000}
    )
    quick = orjson.dumps({"id": "quick", "text": "Menteri Luar Negeri bertemu mitranya di Hanoi."})
    with PipelinePool(processes=1, timeout=1.0, max_bytes=10_000_000) as pool:
        outcomes = _records(
            asyncio.run(pool.analyse([_message(0, quick), _message(1, slow), _message(2, quick)]))
        )

    assert [type(o) for o in outcomes] == [EnrichedArticle, DeadLetter, EnrichedArticle]
    assert isinstance(outcomes[1], DeadLetter) and outcomes[1].reason == "timeout"
