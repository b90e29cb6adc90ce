"""The statistical half of the entities stage: a linear-chain CRF over a lean feature set.

The features of a word are its lower-cased form, shape, three-letter prefix and suffix and its word
clusters (``lexicon.json``, learned from the training text by ``scripts/train_ner.py``), the same
for its neighbours, and the gazetteer's BIO label. Tagging never builds those strings per token: each
word's summed feature weights are worked out once and cached (``Scorer``), so an article costs a few
array additions and one batched Viterbi pass (``crf``). ``sentence_features`` gives the same
features as strings, for training.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import numpy as np

from warta.pipeline.entities.crf import LinearChain, Scores
from warta.pipeline.entities.gazetteer import Gazetteer, Match

MODEL = "models/ner/tagger.npz"
"""The trained tagger's weights, relative to the ``warta`` package."""
LEXICON = "models/ner/lexicon.json"
"""Word classes learned from the training text by ``scripts/train_ner.py`` along with the tagger:
``clusters`` (word → cluster ids at a coarse and a fine level) and ``common`` (words that cased
text writes in lower case, so that a capitalised one is a headline's, not a name's)."""

_Features = list[str]


def _shape(word: str) -> str:
    """Character classes with repeats collapsed: "Putin" → "Xx", "KCNA" → "X", "20/6" → "d/d"."""
    shape: list[str] = []
    for char in word[:12]:
        kind = "X" if char.isupper() else "x" if char.isalpha() else "d" if char.isdigit() else char
        if not shape or shape[-1] != kind:
            shape.append(kind)
    return "".join(shape)


def is_cased(words: Sequence[str]) -> bool:
    """Whether a sentence keeps its capitals; all-lowercase text gets no shape features."""
    return any(not word.islower() and word.lower() != word for word in words)


@dataclass(frozen=True, slots=True)
class Lexicon:
    clusters: dict[str, tuple[str, ...]]
    common: frozenset[str]


@cache
def lexicon() -> Lexicon:
    data = json.loads(resources.files("warta").joinpath(LEXICON).read_text(encoding="utf-8"))
    clusters = {
        word: tuple(f"c{level}={cluster}" for level, cluster in enumerate(ids))
        for word, ids in data["clusters"].items()
    }
    return Lexicon(clusters, frozenset(data["common"]))


COPIED: tuple[str, ...] = ("b", "w", "g")
"""Prefixes of the features that also get a copy per case ("C:" cased, "L:" lowercased text): the
bias, the words and the gazetteer's label; ``()`` would copy every feature (no better in
cross-validation, and slower). This is Daumé's "frustratingly easy" domain adaptation with the case
of the text as the domain, which tagging can see: NERP (lowercased) leaves parties and state bodies
unlabelled while the cased news corpora mark them, and the copies let each case keep its own habits
while the shared features learn what the corpora agree on. Cross-validation on the training files
chose it (see ``scripts/train_ner.py``)."""


def _adapted(features: _Features, cased: bool) -> _Features:
    domain = "C:" if cased else "L:"
    copied = [f for f in features if f.startswith(COPIED)] if COPIED else features
    return [*features, *(domain + feature for feature in copied)]


def _word_features(word: str, cased: bool) -> tuple[_Features, _Features, _Features]:
    """A word's features in the middle, and as left and right neighbour of the word tagged."""
    lower = word.lower().encode("utf-8", "replace").decode("utf-8")
    shape = _shape(word) if cased else "lc"
    classes = lexicon().clusters.get(lower, ("c=none",))
    own = ["b", "w=" + lower, "s=" + shape, "p=" + lower[:3], "x=" + lower[-3:], *classes]
    left = ["w-=" + lower, "s-=" + shape, *(c.replace("=", "-=") for c in classes)]
    right = ["w+=" + lower, "s+=" + shape, *(c.replace("=", "+=") for c in classes)]
    return _adapted(own, cased), _adapted(left, cased), _adapted(right, cased)


@lru_cache(maxsize=64)
def _edge(feature: str, cased: bool) -> _Features:
    return _adapted([feature], cased)


def _known(size: int, matches: Sequence[Match]) -> list[str]:
    """The gazetteer's BIO label of each word, as a feature."""
    known = ["g=O"] * size
    for match in matches:
        known[match.start] = "g=B-" + match.name.label
        for i in range(match.start + 1, match.end):
            known[i] = "g=I-" + match.name.label
    return known


def sentence_features(words: Sequence[str], gazetteer: Gazetteer) -> list[_Features]:
    """One feature list per word, for training; tagging sums the same features' weights instead."""
    cased = is_cased(words)
    table = [_word_features(word, cased) for word in words]
    known = _known(len(words), gazetteer.find(words, cased))
    last = len(words) - 1
    start, end = _edge("BOS", cased), _edge("EOS", cased)
    features = []
    for i, (own, _, _) in enumerate(table):
        before = table[i - 1][1] if i else start
        after = table[i + 1][2] if i < last else end
        features.append([*own, *before, *after, *_edge(known[i], cased)])
    return features


Sentence = tuple[Sequence[str], bool, Sequence[Match]]
"""A sentence's words, whether its text is cased, and the gazetteer's matches in it."""


class Scorer:
    """Label scores for the CRF: each word's summed feature weights (as the word tagged, and as its
    left and right neighbour) are worked out once and kept in one array, so an article's scores are a
    fancy index and a few additions away. The cache is dropped whole when full, which bounds memory;
    an instance is not safe to share between threads (``scorer()`` gives each thread its own)."""

    def __init__(self, model: LinearChain, capacity: int = 100_000) -> None:
        self.model = model
        self._rows: tuple[dict[str, int], dict[str, int]] = ({}, {})
        self._table = np.empty((capacity, 3, len(model.labels)))
        self._edges: dict[tuple[str, bool], Scores] = {}

    def __len__(self) -> int:
        """Words whose scores are cached."""
        return len(self._rows[False]) + len(self._rows[True])

    def edge(self, feature: str, cased: bool) -> Scores:
        """Scores of a feature that is not a word: "BOS", "EOS" or the gazetteer's "g=…" label."""
        key = (feature, cased)
        if key not in self._edges:
            self._edges[key] = self.model.score(_edge(feature, cased))
        return self._edges[key]

    def _rows_for(self, sentences: Sequence[Sentence]) -> list[int]:
        """The table row of each word, adding the words not seen yet."""
        tokens = sum(len(words) for words, _, _ in sentences)
        size = len(self)
        if size + tokens > len(self._table):
            self._rows = ({}, {})
            size = 0
            if tokens > len(self._table):
                self._table = np.empty((tokens, *self._table.shape[1:]))
        ids = []
        for words, cased, _ in sentences:
            rows = self._rows[cased]
            for word in words:
                row = rows.get(word)
                if row is None:
                    row = rows[word] = size
                    self._table[row] = [self.model.score(f) for f in _word_features(word, cased)]
                    size += 1
                ids.append(row)
        return ids

    def emissions(self, sentences: Sequence[Sentence]) -> Scores:
        """One row of label scores per word of ``sentences``, one sentence after another: the sums of
        the weights of ``sentence_features``, from cached parts."""
        table = self._table[self._rows_for(sentences)]
        lengths = np.array([len(words) for words, _, _ in sentences])
        cased = np.array([case for _, case, _ in sentences], dtype=np.intp)
        ends = np.cumsum(lengths) - 1
        starts = ends - lengths + 1
        scores = table[:, 0].copy()
        scores[1:] += table[:-1, 1]
        scores[:-1] += table[1:, 2]
        scores[starts[1:]] -= table[starts[1:] - 1, 1]
        scores[ends[:-1]] -= table[ends[:-1] + 1, 2]
        by_case = [False, True]
        scores[starts] += np.stack([self.edge("BOS", c) for c in by_case])[cased]
        scores[ends] += np.stack([self.edge("EOS", c) for c in by_case])[cased]
        scores += np.stack([self.edge("g=O", c) for c in by_case])[np.repeat(cased, lengths)]
        for first, (words, case, matches) in zip(starts.tolist(), sentences, strict=True):
            if not matches:
                continue
            for i, known in enumerate(_known(len(words), matches)):
                if known != "g=O":
                    scores[first + i] += self.edge(known, case) - self.edge("g=O", case)
        return scores


class _Scorers(threading.local):
    scorer: Scorer | None = None


_scorers = _Scorers()


def scorer() -> Scorer:
    """This thread's scorer, over the shipped model."""
    if _scorers.scorer is None:
        with resources.files("warta").joinpath(MODEL).open("rb") as saved:
            _scorers.scorer = Scorer(LinearChain.load(saved))
    return _scorers.scorer


def spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """BIO tags to (start, end, label) word spans; a stray I- opens a span like B- would."""
    found = []
    start, label = 0, ""
    for i, tag in enumerate([*tags, "O"]):
        if label and not (tag.startswith("I-") and tag[2:] == label):
            found.append((start, i, label))
            label = ""
        if tag != "O" and not label:
            start, label = i, tag[2:]
    return found
