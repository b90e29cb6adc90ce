"""Viterbi decoding of a linear-chain CRF, with the weights crfsuite learnt.

crfsuite looks every feature string of every token up again each time it tags. In a news stream the
same words come back all the time, so the entities stage sums each word's feature weights once into a
vector of label scores and caches it; decoding is then a few numpy operations per token position,
for all the sentences of an article at once. ``scripts/train_ner.py`` exports the trained crfsuite
model to this form and checks that both tag its held-out sentences alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import numpy as np

Scores = np.ndarray
"""Label scores: shape (labels,) for one token, (tokens, labels) for a run of tokens."""


@dataclass(frozen=True)
class LinearChain:
    labels: tuple[str, ...]
    attributes: dict[str, int]
    """Feature string → row of ``state``."""
    state: np.ndarray
    """(attributes, labels): the weight of each feature for each label."""
    transition: np.ndarray
    """(labels, labels): the weight of moving from the row's label to the column's."""

    def score(self, features: Iterable[str]) -> Scores:
        """The summed weights of the features, per label; features the model never saw weigh 0."""
        rows = [row for feature in features if (row := self.attributes.get(feature)) is not None]
        return self.state[rows].sum(axis=0)

    def decode(self, scores: Scores, lengths: Sequence[int]) -> list[str]:
        """The best labels of consecutive sentences: ``scores`` has a row of label scores per token,
        sentence after sentence, and ``lengths`` says how many tokens each sentence has.

        All sentences advance one token per step, so a step is a few numpy calls whatever their
        number. The arrays are (step, label, sentence): numpy reduces over a leading axis far faster
        than over a middle one. Longest first, the sentences still running at a step are a prefix.
        The forward pass keeps only the best path scores; the way back recomputes the one choice it
        needs per token.
        """
        if not len(lengths):
            return []
        sizes = np.asarray(lengths, dtype=np.intp)
        order = np.argsort(-sizes, kind="stable")
        ordered = sizes[order]
        sentence = np.repeat(np.arange(len(sizes)), ordered)
        step = np.arange(len(sentence)) - np.repeat(np.cumsum(ordered) - ordered, ordered)
        token = np.repeat((np.cumsum(sizes) - sizes)[order], ordered) + step
        emission = np.zeros((int(ordered[0]), len(self.labels), len(sizes)))
        emission[step, :, sentence] = scores[token]
        moves = self.transition[:, None, :]
        best = np.empty_like(emission)
        best[0] = emission[0]
        for t in range(1, len(best)):
            best[t] = (best[t - 1][:, :, None] + moves).max(axis=0).T + emission[t]
        running = np.searchsorted(-ordered, -np.arange(len(best)), side="left")
        label = best[ordered - 1, :, np.arange(len(sizes))].argmax(axis=1)
        path = np.empty((len(best), len(sizes)), dtype=np.intp)
        for t in range(len(best) - 1, 0, -1):
            alive = running[t]
            path[t, :alive] = label[:alive]
            label[:alive] = (best[t - 1, :, :alive] + self.transition[:, label[:alive]]).argmax(axis=0)
        path[0] = label
        labels = np.empty(len(token), dtype=np.intp)
        labels[token] = path[step, sentence]
        return [self.labels[i] for i in labels.tolist()]

    def save(self, path: Path) -> None:
        names = sorted(self.attributes, key=self.attributes.__getitem__)
        np.savez_compressed(
            path,
            labels=np.array(self.labels),
            attributes=np.array(names),
            state=self.state,
            transition=self.transition,
        )

    @classmethod
    def load(cls, path: Path | IO[bytes]) -> LinearChain:
        with np.load(path) as saved:
            names = saved["attributes"].tolist()
            return cls(
                labels=tuple(saved["labels"].tolist()),
                attributes={name: row for row, name in enumerate(names)},
                state=saved["state"],
                transition=saved["transition"],
            )
