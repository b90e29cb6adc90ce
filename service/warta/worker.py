"""Run the faust worker: start the embedded broker if asked, create topics, then hand over to faust."""

from __future__ import annotations

import asyncio
import logging
import logging.config
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import faust

from warta.app import create_app
from warta.broker import EmbeddedBroker
from warta.config import EMBEDDED, Settings
from warta.logs import logging_config
from warta.pool import PipelinePool
from warta.topics import ensure_topics, supports_idempotence

log = logging.getLogger("warta.worker")


def run_worker(settings: Settings, *, log_level: str = "info") -> int:
    """Block until SIGTERM/SIGINT; return the process exit code."""
    config = logging_config(log_level, settings.log_format)
    logging.config.dictConfig(config)
    broker: EmbeddedBroker | None = None
    if settings.broker == EMBEDDED:
        broker = EmbeddedBroker().start()
        settings = settings.model_copy(update={"broker": broker.url})
        log.warning("WARTA_BROKER is unset: started an embedded broker at %s (memory only)", broker.url)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        loop.run_until_complete(ensure_topics(settings, wait=None))
        idempotent = loop.run_until_complete(supports_idempotence(settings))
        if not idempotent:
            log.warning(
                "the broker does not grant producer ids (InitProducerId): producing without idempotence. "
                "Retried sends may repeat a record; every record is keyed, so consumers can drop repeats."
            )
        with PipelinePool.from_settings(settings) as pool:
            app = create_app(settings, pool, idempotent=idempotent)
            worker = faust.Worker(app, loglevel=log_level, logging_config=config, loop=loop, quiet=True)
            # faust's terminal spinner puts the root logger at DEBUG for the worker's whole life, so
            # every aiokafka debug call builds a record: 6.5 % of the worker's CPU under py-spy.
            worker.spinner = None
            try:
                worker.execute_from_commandline()
            except SystemExit as stop:
                return stop.code if isinstance(stop.code, int) else 0
            return 0
    finally:
        if broker is not None:
            broker.stop()


class WorkerProcess:
    """A ``warta worker`` subprocess whose log goes to a temporary file, shown only on failure.

    As a context manager it stops the worker on exit and adds the log's tail to any error raised
    inside, so that a failure says what the worker was doing; without an error, the log is deleted.
    """

    def __init__(self, settings: Settings, log_level: str = "warning") -> None:
        self.log = tempfile.NamedTemporaryFile(prefix="warta-worker-", suffix=".log", delete=False)  # noqa: SIM115
        env = {**os.environ, **settings.as_env()}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "warta", "worker", "--log-level", log_level],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env=env,
        )

    def stop(self, timeout: float = 30.0) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()
        return self.process.wait()

    def __enter__(self) -> WorkerProcess:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, _: object) -> None:
        self.stop()
        if error is not None:
            error.add_note(f"the worker's log ends:\n{self.tail(40)}")
        else:
            Path(self.log.name).unlink(missing_ok=True)

    def tail(self, lines: int = 20) -> str:
        return "\n".join(Path(self.log.name).read_text(errors="replace").splitlines()[-lines:])
