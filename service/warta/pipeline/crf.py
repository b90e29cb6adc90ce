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
"""Label scores: shape (labels,) for one token, (tokens, labels) for a sentence."""


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

        All sentences advance one token per step, longest first, so the ones still running are a
        prefix of that order. The forward pass keeps only each token's best path scores; the way
        back recomputes the one choice it needs per token, which is cheaper than storing them all.
        """
        if not len(lengths):
            return []
        sizes = np.asarray(lengths, dtype=np.intp)
        order = np.argsort(-sizes, kind="stable")
        first = (np.cumsum(sizes) - sizes)[order]
        running = np.searchsorted(-sizes[order], -np.arange(int(sizes.max())), side="left")
        best = np.empty_like(scores)
        best[first] = scores[first]
        steps = [first]
        for t in range(1, len(running)):
            before = steps[-1][: running[t]]
            at = before + 1
            steps.append(at)
            best[at] = (best[before][:, :, None] + self.transition).max(axis=1) + scores[at]
        path = np.empty(len(scores), dtype=np.intp)
        label = best[first + sizes[order] - 1].argmax(axis=1)
        for at in reversed(steps[1:]):
            alive = len(at)
            path[at] = label[:alive]
            label[:alive] = (best[at - 1] + self.transition.T[label[:alive]]).argmax(axis=1)
        path[first] = label
        return [self.labels[i] for i in path.tolist()]

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
