"""Train the entities stage's CRF tagger and write it into the package.

Usage: python scripts/train_ner.py [--data ../shared/data/ner] [--out service/warta/models/ner]

Trains on the NERGrit, NERP and idner-news-2k training files, leaving out every sentence that also
occurs (in any case) in a validation file, since idner-news-2k sentences recur lowercased in NERP.
NERP is lowercased: the tagger sees such sentences without shape features, and a lowercased copy
of the cased corpora teaches it the words of news names for that case too. L-BFGS training is
deterministic, so the same data gives the same model.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import pycrfsuite

from warta.evaluation.entities import Sentence, read_bio
from warta.pipeline.entities import MODEL, sentence_features
from warta.pipeline.gazetteer import load

ROOT = Path(__file__).resolve().parents[1]
CASED = ("idner2k_train.tsv", "nergrit_train.tsv")
LOWERCASED = ("nerp_train.tsv",)
HELD_OUT = ("idner2k_dev.tsv", "nergrit_valid.tsv", "nerp_valid.tsv")
PARAMS = {"c1": 0.05, "c2": 0.05, "max_iterations": 150, "feature.possible_transitions": True}


def _key(sentence: Sentence) -> str:
    return " ".join(sentence.words).lower()


def training_set(data: Path) -> list[Sentence]:
    held_out = {_key(s) for name in HELD_OUT for s in read_bio(data / name)}
    cased = [s for name in CASED for s in read_bio(data / name)]
    lowered = [Sentence([w.lower() for w in s.words], s.tags) for s in cased]
    nerp = [s for name in LOWERCASED for s in read_bio(data / name)]
    return [s for s in [*cased, *lowered, *nerp] if _key(s) not in held_out]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "ner")
    parser.add_argument("--out", type=Path, default=ROOT / "service" / "warta" / MODEL)
    args = parser.parse_args(argv)

    sentences = training_set(args.data)
    gazetteer = load()
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    trainer.set_params(PARAMS)
    for sentence in sentences:
        trainer.append(sentence_features(sentence.words, gazetteer), sentence.tags)
    started = time.perf_counter()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(args.out))
    card = {
        "trained_on": [*CASED, *LOWERCASED],
        "held_out": list(HELD_OUT),
        "sentences": len(sentences),
        "tokens": sum(len(s.words) for s in sentences),
        "params": PARAMS,
    }
    args.out.with_suffix(".json").write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    print(f"{len(sentences):,} sentences, {time.perf_counter() - started:.0f} s → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
