from datetime import timedelta

from warta.intake import Rejection, dead_letter, encode
from warta.redrive import Selection

RAW = "news.raw"
TIMEOUT = Rejection("timeout", "the pipeline took longer than 10 s", "pipeline")
INVALID = Rejection("invalid-utf8", "not a JSON document", "decode")


def test_letters_of_the_chosen_reasons_from_the_raw_topic_go_back_as_their_original_bytes_and_keys() -> None:
    binary = b"\xff\xfe\x00 crawler junk"
    letters = [
        dead_letter(b'{"id": "a", "text": "Presiden tiba."}', TIMEOUT, key="a", topic=RAW),
        dead_letter(binary, INVALID, key=b"b", topic=RAW),
        dead_letter(b'{"id": "c"}', Rejection("wrong-schema", "no text", "validate"), key="c", topic=RAW),
        dead_letter(b'{"id": "d"}', TIMEOUT, key="d", topic="warta-analysed"),
    ]

    selection = Selection(raw_topic=RAW, reasons={"timeout", "invalid-utf8"})
    for letter in letters:
        selection.consider(encode(letter))

    assert [(m.key, m.value) for m in selection.messages] == [
        ("a", b'{"id": "a", "text": "Presiden tiba."}'),
        ("b", binary),
    ]
    assert selection.left == {"reason wrong-schema": 1, "from warta-analysed": 1}


def test_letters_that_failed_before_since_and_records_that_are_no_letters_are_left() -> None:
    letter = dead_letter(b'{"id": "a"}', TIMEOUT, key="a", topic=RAW)
    later = Selection(raw_topic=RAW, since=letter.failed_at + timedelta(seconds=1))
    since_then = Selection(raw_topic=RAW, since=letter.failed_at)
    for selection in (later, since_then):
        for record in (encode(letter), b"not a dead letter"):
            selection.consider(record)

    assert not later.messages
    assert later.left == {"failed earlier": 1, "not a dead letter": 1}
    assert [m.key for m in since_then.messages] == ["a"]
