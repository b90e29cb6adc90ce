"""Log lines for people (text) or for log pipelines (one JSON object per line, ``WARTA_LOG_FORMAT=json``)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

import orjson

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


class JsonFormatter(logging.Formatter):
    """One orjson object per record: time, level, logger, message, and the exception if any."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return orjson.dumps(line).decode()


def logging_config(level: str, fmt: str) -> dict[str, Any]:
    """A ``logging.config.dictConfig`` for the whole process (faust's loggers included)."""
    formatter = {"()": JsonFormatter} if fmt == "json" else {"format": TEXT_FORMAT}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"warta": formatter},
        "handlers": {
            "stderr": {"class": "logging.StreamHandler", "formatter": "warta", "level": level.upper()}
        },
        "root": {"level": level.upper(), "handlers": ["stderr"]},
    }
