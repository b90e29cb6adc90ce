"""The real worker against a real broker: good documents are enriched, bad ones dead-lettered."""

from __future__ import annotations

import asyncio
import os
import uuid
from datetime import UTC, datetime

import orjson
import pytest

from tests.integration.kafka import Published, assert_valid, gather, send
from warta.client import produce_messages
from warta.config import Settings
from warta.demo import SAMPLES
from warta.intake import Rejection, dead_letter, encode
from warta.records import DeadLetter
from warta.redrive import redrive
from warta.sources import Message
from warta.topics import analysed_topic
from warta.worker import WorkerProcess

pytestmark = pytest.mark.integration


def _doc(doc_id: str, text: str) -> bytes:
    return orjson.dumps({"id": doc_id, "text": text, "source": "test"})


def test_samples_come_out_enriched_with_their_ids_and_one_story(
    settings: Settings, worker: WorkerProcess
) -> None:
    samples = {path.stem: path.read_text() for path in sorted(SAMPLES.glob("*.txt"))}
    send(settings, [(doc_id, _doc(doc_id, text)) for doc_id, text in samples.items()])

    def story_arrived(published: Published) -> bool:
        articles = [a for a in published.values(settings.topic_enriched) if a["id"] in samples]
        stories = {a["story_id"] for a in articles}
        events = {e["id"] for a in articles for e in a["events"]}
        return (
            len(articles) >= len(samples)
            and stories <= published.keys(settings.topic_stories)
            and events <= published.keys(settings.topic_events)
        )

    published = gather(settings, story_arrived)

    articles = {a["id"]: a for a in published.values(settings.topic_enriched)}
    for doc_id in samples:
        article = articles[doc_id]
        assert article["language"]["code"] == "id"
        assert article["text"] and article["entities"] and article["story_id"]
        assert all(article["text"][e["start"] : e["end"]] == e["text"] for e in article["entities"])
    assert len({articles[doc_id]["story_id"] for doc_id in samples}) == 1
    assert all(articles[doc_id]["events"] for doc_id in samples)
    assert_valid(settings, published)


BAD_INPUTS = {
    "malformed-json": (b'{"id": "broken", "text": "Presiden tiba', "invalid-json"),
    "no-id": (orjson.dumps({"text": "Presiden Joko Widodo tiba di Jakarta pada Senin."}), "wrong-schema"),
    "empty-text": (orjson.dumps({"id": "empty", "text": "   "}), "empty-text"),
    "non-string-text": (orjson.dumps({"id": "number", "text": 42}), "wrong-schema"),
    "binary": (os.urandom(2048), None),
    "huge": (_doc("huge", "Presiden tiba di Jakarta. " * 400_000), "too-large"),
}


def test_bad_inputs_are_dead_lettered_and_the_worker_survives(
    settings: Settings, worker: WorkerProcess
) -> None:
    keys = {name: f"bad-{name}-{uuid.uuid4().hex[:6]}" for name in BAD_INPUTS}
    after = f"after-{uuid.uuid4().hex[:6]}"
    send(settings, [(keys[name], value) for name, (value, _) in BAD_INPUTS.items()])
    send(settings, [(after, _doc(after, "Presiden Joko Widodo tiba di Hanoi, Vietnam, pada Kamis pagi."))])

    published = gather(
        settings,
        lambda p: (
            after in p.keys(settings.topic_enriched)
            and set(keys.values()) <= p.keys(settings.topic_deadletter)
        ),
    )

    letters = {letter["key"]: letter for letter in published.values(settings.topic_deadletter)}
    for name, (value, reason) in BAD_INPUTS.items():
        letter = letters[keys[name]]
        assert letter["detail"] and letter["topic"] == settings.topic_raw and letter["offset"] is not None
        if reason:
            assert letter["reason"] == reason
        assert DeadLetter.model_validate(letter).original() == value
    assert_valid(settings, published)
    assert worker.process.poll() is None


def test_a_foreign_record_on_the_internal_topic_is_dead_lettered(
    settings: Settings, worker: WorkerProcess
) -> None:
    key = f"foreign-{uuid.uuid4().hex[:6]}"
    asyncio.run(
        produce_messages(
            settings, [Message(key=key, value=b'{"id": 1}', origin="test")], analysed_topic(settings)
        )
    )

    published = gather(settings, lambda p: key in p.keys(settings.topic_deadletter))

    letter = next(letter for letter in published.values(settings.topic_deadletter) if letter["key"] == key)
    assert (letter["reason"], letter["stage"]) == ("wrong-schema", "stories")
    assert worker.process.poll() is None


def test_a_redriven_dead_letter_is_enriched_and_a_letter_of_the_internal_topic_stays(
    settings: Settings, worker: WorkerProcess
) -> None:
    started = datetime.now(UTC)
    key = f"redriven-{uuid.uuid4().hex[:6]}"
    text = "Presiden Joko Widodo tiba di Hanoi, Vietnam, pada Kamis pagi."
    timeout = Rejection("timeout", "the pipeline took longer than 10 s (WARTA_RECORD_TIMEOUT)", "pipeline")
    letters = [
        dead_letter(_doc(key, text), timeout, key=key, topic=settings.topic_raw, partition=0, offset=7),
        dead_letter(b'{"id": "analysed"}', timeout, key=f"{key}-analysed", topic=analysed_topic(settings)),
    ]
    asyncio.run(
        produce_messages(
            settings,
            [Message(key=letter.key, value=encode(letter), origin="test") for letter in letters],
            settings.topic_deadletter,
        )
    )

    selection = asyncio.run(redrive(settings, reasons={"timeout"}, since=started))

    assert [message.key for message in selection.messages] == [key]
    assert selection.left[f"from {analysed_topic(settings)}"] == 1
    published = gather(settings, lambda p: key in p.keys(settings.topic_enriched))
    article = next(value for k, value in published.records[settings.topic_enriched] if k == key)
    assert article["text"] == text
    assert {entity["canonical"] for entity in article["entities"]} >= {"Joko Widodo", "Hanoi"}
