"""Entities stage: persons, organisations and places with offsets into the clean text.

First version: a small gazetteer. The trained model replaces it.
"""

from __future__ import annotations

import re

from warta.records import Entity

_GAZETTEER: dict[str, tuple[str, str]] = {
    "Vladimir Putin": ("PERSON", "Vladimir Putin"),
    "Putin": ("PERSON", "Vladimir Putin"),
    "Vietnam": ("LOC", "Vietnam"),
    "Rusia": ("LOC", "Rusia"),
    "Hanoi": ("LOC", "Hanoi"),
    "Korea Utara": ("LOC", "Korea Utara"),
    "Korut": ("LOC", "Korea Utara"),
    "Amerika Serikat": ("LOC", "Amerika Serikat"),
    "AS": ("LOC", "Amerika Serikat"),
}
_PATTERN = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _GAZETTEER), key=len, reverse=True)) + r")\b")


def extract_entities(text: str) -> list[Entity]:
    entities = []
    for match in _PATTERN.finditer(text):
        label, canonical = _GAZETTEER[match.group(0)]
        entities.append(
            Entity(text=match.group(0), label=label, start=match.start(), end=match.end(), canonical=canonical)
        )
    return entities
