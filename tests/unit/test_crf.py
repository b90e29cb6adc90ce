"""Viterbi decoding of the entities stage's CRF."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from warta.pipeline.entities.crf import LinearChain

LABELS = ("O", "B", "I")


def _chain(seed: int) -> LinearChain:
    rng = np.random.default_rng(seed)
    state = rng.normal(size=(2, len(LABELS)))
    return LinearChain(LABELS, {"w=a": 0, "w=b": 1}, state, rng.normal(size=(len(LABELS), len(LABELS))))


def _best_by_brute_force(chain: LinearChain, scores: np.ndarray) -> list[str]:
    def total(path: tuple[int, ...]) -> float:
        emitted = sum(scores[i, label] for i, label in enumerate(path))
        return float(emitted + sum(chain.transition[a, b] for a, b in itertools.pairwise(path)))

    best = max(itertools.product(range(len(LABELS)), repeat=len(scores)), key=total)
    return [LABELS[label] for label in best]


@given(st.lists(st.integers(1, 5), min_size=1, max_size=5), st.integers(0, 2**32 - 1))
def test_decoding_finds_the_best_label_sequence_of_every_sentence(lengths: list[int], seed: int) -> None:
    chain = _chain(seed)
    scores = np.random.default_rng(seed + 1).normal(scale=2.0, size=(sum(lengths), len(LABELS)))
    expected: list[str] = []
    first = 0
    for length in lengths:
        expected += _best_by_brute_force(chain, scores[first : first + length])
        first += length
    assert chain.decode(scores, lengths) == expected


def test_no_sentences_decode_to_no_labels() -> None:
    assert _chain(0).decode(np.empty((0, len(LABELS))), []) == []


def test_features_the_model_never_saw_weigh_nothing() -> None:
    chain = _chain(0)
    assert np.array_equal(chain.score(["w=a", "w=never-seen"]), chain.state[0])
    assert np.array_equal(chain.score([]), np.zeros(len(LABELS)))


def test_a_saved_chain_loads_back_unchanged(tmp_path: Path) -> None:
    chain = _chain(0)
    chain.save(tmp_path / "chain.npz")
    loaded = LinearChain.load(tmp_path / "chain.npz")
    assert loaded.labels == chain.labels
    assert loaded.attributes == chain.attributes
    assert np.array_equal(loaded.state, chain.state)
    assert np.array_equal(loaded.transition, chain.transition)
