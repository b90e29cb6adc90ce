"""The JSON Schema files are the contract: they must match the models, and records must validate."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import orjson

from warta import RawDocument, StoryIndex, enrich
from warta.demo import SAMPLES
from warta.intake import Rejection, dead_letter
from warta.schemas import json_schemas, render, schema_file

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"


def test_schema_files_match_the_models() -> None:
    for name, schema in json_schemas().items():
        assert (SCHEMAS / name).read_bytes() == render(schema), f"{name} is stale: run `make schemas`"


def _validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(orjson.loads((SCHEMAS / schema_file(name)).read_bytes()))


def test_enriched_records_events_and_stories_validate_against_their_schemas() -> None:
    index = StoryIndex()
    for path in sorted(SAMPLES.glob("*.txt")):
        result = enrich(RawDocument(id=path.stem, text=path.read_text()), stories=index)
        article = orjson.loads(result.article.model_dump_json())
        _validator("enriched-article").validate(article)
        for event in article["events"]:
            _validator("event").validate(event)
        assert result.story is not None
        _validator("story").validate(orjson.loads(result.story.model_dump_json()))


def test_dead_letters_validate_against_their_schema() -> None:
    letter = dead_letter(b"\xff\x00junk", Rejection("invalid-utf8", "not UTF-8"), key="k", topic="news.raw")
    _validator("dead-letter").validate(orjson.loads(letter.model_dump_json()))


def test_unknown_raw_fields_are_kept_in_metadata() -> None:
    raw = RawDocument.model_validate({"id": "1", "text": "Halo", "section": "dunia", "metadata": {"a": 1}})
    assert raw.metadata == {"section": "dunia", "a": 1}
    _validator("raw-document").validate(orjson.loads(raw.model_dump_json()))
