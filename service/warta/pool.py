"""The stateless stages in child processes: every core is used, and a hung record can be cut off.

A thread cannot be stopped and the GIL keeps the stages on one core, so the worker hands each raw
message to a small process pool (pebble) instead. Each record gets its own time budget
(``WARTA_RECORD_TIMEOUT``): a record that exceeds it is dead-lettered as ``timeout`` and the child
that ran it is replaced; a child that dies is reported as ``worker-crashed``. Either way the stream
goes on and nothing is dropped.
"""

from __future__ import annotations

import asyncio
import logging
import math
import multiprocessing
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TypedDict

from pebble import ProcessExpired, ProcessPool

from warta.config import Settings
from warta.intake import Rejection, analyse_message, dead_letter, encode
from warta.metrics import Observation
from warta.pipeline import StageFailed, analyse, sketch_story
from warta.pipeline.stories import Sketch
from warta.records import DeadLetter, EnrichedArticle, RawDocument

log = logging.getLogger("warta.pool")


@dataclass(frozen=True)
class RawMessage:
    """One consumed message and where it came from."""

    key: bytes | None
    value: bytes | None
    topic: str
    partition: int
    offset: int

    def origin(self) -> Origin:
        return Origin(key=self.key, topic=self.topic, partition=self.partition, offset=self.offset)


class Origin(TypedDict):
    """Where a message came from, as a dead letter records it."""

    key: bytes | None
    topic: str
    partition: int
    offset: int


@dataclass(frozen=True, slots=True)
class Analysed:
    """One message's outcome as the pool hands it back: encoded in the pipeline process, so that the
    worker only forwards bytes (unpickling a whole article there and encoding it again cost the
    worker ~2 ms per article), and observed there for the worker's metrics."""

    key: str | None
    value: bytes
    """An encoded EnrichedArticle, or an encoded DeadLetter when ``dead_letter``."""
    dead_letter: bool
    observation: Observation
    sketch: bytes | None = None
    """The article's encoded story sketch (``warta.pipeline.stories.Sketch``), for the stories agent."""

    @classmethod
    def of(cls, outcome: EnrichedArticle | DeadLetter, sketch: Sketch | None = None) -> Analysed:
        dead = isinstance(outcome, DeadLetter)
        key = outcome.key if isinstance(outcome, DeadLetter) else outcome.id
        return cls(key, encode(outcome), dead, Observation.of(outcome), sketch.encode() if sketch else None)


def _analysed(message: RawMessage, max_bytes: int) -> Analysed:
    outcome = analyse_message(message.value, max_bytes=max_bytes, **message.origin())
    if isinstance(outcome, DeadLetter):
        return Analysed.of(outcome)
    try:
        return Analysed.of(outcome, sketch_story(outcome))
    except StageFailed as error:
        failure = Rejection("stage-failed", str(error), error.stage)
        return Analysed.of(dead_letter(message.value, failure, **message.origin()))


def _analyse_chunk(messages: list[RawMessage], max_bytes: int) -> list[Analysed]:
    """Runs in a pipeline process."""
    return [_analysed(message, max_bytes) for message in messages]


def _warm_up() -> None:
    """Load every model in the child before the first real record, so no record pays for it.

    It must not raise: pebble would retire every child. A stage that cannot load fails again on
    each record instead, and those records reach the dead-letter topic with the reason.
    """
    try:
        analyse(RawDocument(id="warm-up", text="Presiden Joko Widodo tiba di Jakarta pada Senin pagi."))
    except StageFailed as error:
        log.error("pipeline warm-up failed; records will be dead-lettered until this is fixed: %s", error)


class PipelinePool:
    """``processes`` children running ``analyse_message``, each record within ``timeout`` seconds."""

    @classmethod
    def from_settings(cls, settings: Settings) -> PipelinePool:
        return cls(
            processes=settings.processes,
            timeout=settings.record_timeout,
            max_bytes=settings.max_document_bytes,
        )

    def __init__(self, *, processes: int, timeout: float, max_bytes: int) -> None:
        self._processes = processes
        self._timeout = timeout
        self._max_bytes = max_bytes
        self._pool = ProcessPool(
            max_workers=processes, initializer=_warm_up, context=multiprocessing.get_context("spawn")
        )

    async def analyse(self, messages: list[RawMessage]) -> list[Analysed]:
        """Analyse a batch, one chunk per process; outcomes come back in input order.

        A chunk normally takes a fraction of one record's budget. One that overruns the budget (or
        whose process dies) is run again record by record, each under its own budget, so that only
        the record at fault is dead-lettered. Chunks keep the per-message cost of the pool low.
        """
        size = math.ceil(len(messages) / self._processes)
        chunks = [messages[i : i + size] for i in range(0, len(messages), size)]
        futures = [
            self._pool.schedule(_analyse_chunk, args=(chunk, self._max_bytes), timeout=self._timeout)
            for chunk in chunks
        ]
        outcomes: list[Analysed] = []
        for chunk, future in zip(chunks, futures, strict=True):
            try:
                done: list[Analysed] = await asyncio.wrap_future(future)
            except (TimeoutError, ProcessExpired, BrokenProcessPool):
                done = await self._one_by_one(chunk)
            outcomes += done
        return outcomes

    async def _one_by_one(self, messages: list[RawMessage]) -> list[Analysed]:
        futures = [
            self._pool.schedule(_analyse_chunk, args=([message], self._max_bytes), timeout=self._timeout)
            for message in messages
        ]
        return [
            await self._outcome(message, future) for message, future in zip(messages, futures, strict=True)
        ]

    async def _outcome(self, message: RawMessage, future: Future[list[Analysed]]) -> Analysed:
        try:
            [outcome] = await asyncio.wrap_future(future)
            return outcome
        except TimeoutError:
            failure = Rejection(
                "timeout",
                f"the pipeline took longer than {self._timeout:g} s (WARTA_RECORD_TIMEOUT); its process was replaced",
                "pipeline",
            )
        except (ProcessExpired, BrokenProcessPool) as error:
            failure = Rejection("worker-crashed", f"the pipeline process died: {error}", "pipeline")
        return Analysed.of(dead_letter(message.value, failure, **message.origin()))

    def __enter__(self) -> PipelinePool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Let running records finish, then stop the children."""
        self._pool.close()
        self._pool.join(timeout=self._timeout + 5)
        self._pool.stop()
