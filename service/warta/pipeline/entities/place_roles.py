"""Whether a known place is named as a location ("ke Israel") or as an actor ("Israel menyerang").

Indonesian news NER data marks a country or city as a place only where it is one: idner-news-2k tags
"serangan ke wilayah Israel" LOC and leaves "Israel menuding", "militer Israel" and "masyarakat
Indonesia" unmarked. The entities stage keeps the acting mentions too, since the events stage needs
the country that acts, and labels them ``GPE`` (geopolitical entity). A logistic regression over the
words around the name decides; ``scripts/train_ner.py`` trains it on the known places of
idner-news-2k's training file and writes its weights here.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache, lru_cache
from importlib import resources

from warta.pipeline.entities.gazetteer import fold

MODEL = "models/ner/place_roles.json"
"""Weights of the features for "actor" over "location", relative to the ``warta`` package."""


def features(words: Sequence[str], start: int, end: int) -> list[str]:
    """The name itself and two words either side: prepositions ("di", "ke", "dari") and nouns that
    a country owns ("militer", "pemerintah") carry the role."""

    def word(i: int) -> str:
        return fold(words[i]) if 0 <= i < len(words) else "BOS" if i < 0 else "EOS"

    before, before2, after, after2 = word(start - 1), word(start - 2), word(end), word(end + 1)
    found = [
        "bias",
        "name=" + " ".join(fold(w) for w in words[start:end]),
        "w-1=" + before,
        "w-2=" + before2,
        "w-2,-1=" + before2 + "|" + before,
        "w+1=" + after,
        "w+2=" + after2,
        "w+1,+2=" + after + "|" + after2,
    ]
    if start > 0 and words[start - 1][:1].isupper():
        found.append("w-1=Xx")
    if end < len(words) and words[end][:1].isupper():
        found.append("w+1=Xx")
    return found


@cache
def _weights() -> dict[str, float]:
    data: dict[str, float] = json.loads(resources.files("warta").joinpath(MODEL).read_text(encoding="utf-8"))
    return data


def is_actor(features: Sequence[str], weights: dict[str, float]) -> bool:
    return sum(weights.get(feature, 0.0) for feature in features) > 0


def acts(words: Sequence[str], start: int, end: int) -> bool:
    """Whether the place ``words[start:end]`` is named as an actor or owner, not as a location."""
    first = max(0, start - 2)
    return _acts(tuple(words[first : end + 2]), start - first, end - first)


@lru_cache(maxsize=100_000)
def _acts(window: tuple[str, ...], start: int, end: int) -> bool:
    """Decided once per window of the words ``features`` reads: news repeats "di Jakarta ," and
    "Presiden Rusia Vladimir" over and over."""
    return is_actor(features(window, start, end), _weights())
