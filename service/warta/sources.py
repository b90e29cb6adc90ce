"""Read documents from files as the raw message bytes a crawler would publish.

``warta produce`` and ``warta enrich`` share this, so a file gives the same record in batch and
through Kafka. JSONL lines are passed on untouched, bad lines included: they are dead-lettered
downstream, never skipped here; only a file's byte-order mark is dropped, and a file in UTF-16 or
UTF-32 re-encoded in UTF-8. A ``.txt`` or ``.html`` file becomes one RawDocument whose id is the
file name without its extension, read in the encoding its byte-order mark names, else UTF-8.
"""

from __future__ import annotations

import codecs
import io
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson

SUFFIXES = (".jsonl", ".json", ".ndjson", ".txt", ".html", ".htm")


@dataclass(frozen=True)
class Message:
    key: str | None
    value: bytes
    origin: str
    """where the bytes came from, e.g. ``docs.jsonl:12``, for error messages"""


def _files(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        elif path.exists():
            yield path
        else:
            raise FileNotFoundError(f"no such file or directory: {path}")


def _jsonl(lines: Iterable[bytes], origin: str) -> Iterator[Message]:
    """One message per non-blank line. A UTF-8 byte-order mark (Notepad and PowerShell write one)
    marks the file, not its first document, and is dropped."""
    for number, line in enumerate(lines, start=1):
        value = line.rstrip(b"\r\n")
        if number == 1:
            value = value.removeprefix(codecs.BOM_UTF8)
        if not value.strip():
            continue
        try:
            key = orjson.loads(value).get("id")
        except (orjson.JSONDecodeError, AttributeError):
            key = None
        yield Message(key=key if isinstance(key, str) else None, value=value, origin=f"{origin}:{number}")


_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16's, which it starts with
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _marked_encoding(start: bytes) -> str | None:
    """The encoding the byte-order mark at the start of a file names, if it has one."""
    return next((encoding for mark, encoding in _BYTE_ORDER_MARKS if start.startswith(mark)), None)


def _decoded(data: bytes) -> tuple[str, str]:
    """A file's text and the encoding it was read in: its byte-order mark's, else UTF-8. Bytes that
    are not UTF-8 (a page saved in windows-1252) are replaced, and the encoding says so: guessing a
    legacy encoding can misread the whole file, and Indonesian text loses little, mostly accents."""
    encoding = _marked_encoding(data)
    if encoding is not None:
        return data.decode(encoding, errors="replace"), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace"), "utf-8, invalid bytes replaced"


def _utf8_lines(path: Path) -> Iterator[bytes]:
    """A JSONL file's lines in UTF-8: one a Windows shell saved in UTF-16 or UTF-32 (Windows
    PowerShell's ``>`` does) is read in the encoding its byte-order mark names."""
    with path.open("rb") as file:
        encoding = _marked_encoding(file.read(4))
        file.seek(0)
        if encoding in (None, "utf-8-sig"):
            yield from file
            return
        with io.TextIOWrapper(file, encoding=encoding, errors="replace", newline="") as text:
            for line in text:
                yield line.encode("utf-8")


def read_messages(paths: Iterable[str]) -> Iterator[Message]:
    """Messages from files, directories, or ``-`` for JSONL on standard input."""
    names = list(paths) or ["-"]
    for name in names:
        if name == "-":
            yield from _jsonl(sys.stdin.buffer, "<stdin>")
            continue
        for path in _files([Path(name)]):
            suffix = path.suffix.lower()
            if suffix in (".txt", ".html", ".htm"):
                field = "text" if suffix == ".txt" else "html"
                content, encoding = _decoded(path.read_bytes())
                document = {"id": path.stem, field: content, "source": path.parent.name}
                if encoding != "utf-8":
                    document["encoding"] = encoding  # an unknown field: the record keeps it in metadata
                yield Message(key=path.stem, value=orjson.dumps(document), origin=str(path))
            else:
                yield from _jsonl(_utf8_lines(path), str(path))
