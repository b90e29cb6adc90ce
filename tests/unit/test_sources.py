"""Reading documents from files: one message per text or HTML file, JSONL lines passed on as they are."""

from __future__ import annotations

import codecs
from pathlib import Path

import orjson
import pytest

from warta.records import RawDocument
from warta.sources import read_messages

TEXT = "Presiden Joko Widodo tiba di Hanoi pada Kamis pagi. Kafe itu bernama Café Hà Nội."


def _document(path: Path) -> RawDocument:
    [message] = read_messages([str(path)])
    return RawDocument.model_validate(orjson.loads(message.value))


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),
        TEXT.encode("utf-32"),
    ],
    ids=["utf-8", "utf-8 with a byte-order mark", "utf-16", "utf-32"],
)
def test_a_text_file_in_unicode_is_read_whatever_its_byte_order_mark(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "berita.txt"
    path.write_bytes(data)
    document = _document(path)
    assert (document.id, document.text) == ("berita", TEXT)


def test_bytes_that_are_not_utf8_are_replaced_and_the_record_says_so(tmp_path: Path) -> None:
    path = tmp_path / "lama.txt"
    path.write_bytes("Presiden singgah di Café Hanoi.".encode("cp1252"))  # a page saved in windows-1252
    document = _document(path)
    assert document.text == "Presiden singgah di Caf\ufffd Hanoi."
    assert document.metadata["encoding"] == "utf-8, invalid bytes replaced"


def test_a_jsonl_file_saved_with_a_byte_order_mark_keeps_its_first_document(tmp_path: Path) -> None:
    path = tmp_path / "crawl.jsonl"
    lines = [orjson.dumps({"id": name, "text": TEXT}) for name in ("a", "b")]
    path.write_bytes(codecs.BOM_UTF8 + b"\r\n".join(lines) + b"\r\n")
    messages = list(read_messages([str(path)]))
    assert [m.key for m in messages] == ["a", "b"]
    assert [m.value for m in messages] == lines


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_a_jsonl_file_a_windows_shell_saved_in_utf16_or_utf32_is_read_as_utf8(
    tmp_path: Path, encoding: str
) -> None:
    path = tmp_path / "crawl.jsonl"
    lines = [orjson.dumps({"id": name, "text": TEXT}) for name in ("a", "b")]
    path.write_bytes(b"\r\n".join(lines).decode("utf-8").encode(encoding))
    messages = list(read_messages([str(path)]))
    assert [m.value for m in messages] == lines
