"""JSON Schema files for every record type, generated from the pydantic models.

``make schemas`` writes them to ``schemas/``; a test fails when the files and the models drift.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from warta.records import RECORD_TYPES


def json_schemas() -> dict[str, dict[str, Any]]:
    """File name -> schema, e.g. ``enriched-article.v1.json``."""
    schemas = {}
    for name, model in RECORD_TYPES.items():
        file = schema_file(name)
        schema = model.model_json_schema()
        schema["$id"] = f"https://warta.dev/schemas/{file}"
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schemas[file] = schema
    return schemas


def schema_file(name: str) -> str:
    """The schema file of a record type at the version it writes (its ``schema_version`` default),
    e.g. ``story.v2.json``."""
    return f"{name}.v{int(RECORD_TYPES[name].model_fields['schema_version'].default)}.json"


def render(schema: dict[str, Any]) -> bytes:
    return orjson.dumps(schema, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in json_schemas().items():
        path = folder / name
        path.write_bytes(render(schema))
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_schemas(Path("schemas")):
        print(path)
