"""Train the entities stage's CRF tagger and write it into the package.

Usage: python scripts/train_ner.py [--data ../shared/data/ner] [--out service/warta/models/ner/tagger.crfsuite]

Trains on the NERGrit, NERP and idner-news-2k training files, leaving out every sentence that also
occurs (in any case) in an evaluation file, since idner-news-2k sentences recur lowercased in NERP.
Each corpus is its own domain (see ``warta.pipeline.entities.NEWS``): idner-news-2k is the news
the service sees, so it trains the features the stage tags with. NERP is lowercased: the tagger
sees such sentences without shape features, and a lowercased copy of the cased corpora teaches it
the words of news names for that case too. Words are re-split by the stage's own tokenizer, so
that training and tagging see the same tokens. L-BFGS training is deterministic.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pycrfsuite

from warta.evaluation.entities import Sentence, read_bio
from warta.pipeline.entities import MODEL, NEWS, sentence_features
from warta.pipeline.gazetteer import TOKEN, load

ROOT = Path(__file__).resolve().parents[1]
CORPORA = {"idner2k_train.tsv": NEWS, "nergrit_train.tsv": "nergrit", "nerp_train.tsv": "nerp"}
"""Training file → domain; NERP is the one lowercased corpus."""
LOWERCASED = frozenset({"nerp_train.tsv"})
HELD_OUT = ("idner2k_dev.tsv", "nergrit_valid.tsv", "nerp_valid.tsv")
PARAMS = {"c1": 0.15, "c2": 0.05, "max_iterations": 150, "feature.possible_transitions": True}
"""c1/c2 chosen by cross-validation on folds of idner2k_train, never on an evaluation file."""


def _key(sentence: Sentence) -> str:
    return " ".join(sentence.words).lower()


def retokenized(sentence: Sentence) -> Sentence:
    """The sentence split as the stage splits text: "(KPU)" → "(", "KPU", ")", all inside the name."""
    words: list[str] = []
    tags: list[str] = []
    for word, tag in zip(sentence.words, sentence.tags, strict=True):
        for i, part in enumerate(TOKEN.findall(word) or [word]):
            words.append(part)
            tags.append(tag if i == 0 or tag == "O" else "I-" + tag[2:])
    return Sentence(words, tags)


def _lowered(sentences: Iterable[Sentence]) -> Iterator[Sentence]:
    return (Sentence([word.lower() for word in s.words], s.tags) for s in sentences)


def training_set(data: Path, held_out: Iterable[Sentence] = ()) -> list[tuple[str, Sentence]]:
    """(domain, sentence) pairs from every training corpus, none of them also in ``held_out``."""
    excluded = {_key(s) for s in held_out} | {_key(s) for name in HELD_OUT for s in read_bio(data / name)}
    pairs: list[tuple[str, Sentence]] = []
    for name, domain in CORPORA.items():
        sentences = read_bio(data / name)
        if name not in LOWERCASED:
            sentences += list(_lowered(sentences))
        pairs += [(domain, retokenized(s)) for s in sentences if _key(s) not in excluded]
    return pairs


def train(pairs: Iterable[tuple[str, Sentence]], out: Path) -> None:
    gazetteer = load()
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    trainer.set_params(PARAMS)
    for domain, sentence in pairs:
        trainer.append(sentence_features(sentence.words, gazetteer, domain), sentence.tags)
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "ner")
    parser.add_argument("--out", type=Path, default=ROOT / "service" / "warta" / MODEL)
    args = parser.parse_args(argv)

    pairs = training_set(args.data)
    started = time.perf_counter()
    train(pairs, args.out)
    card = {
        "trained_on": CORPORA,
        "held_out": list(HELD_OUT),
        "sentences": len(pairs),
        "tokens": sum(len(s.words) for _, s in pairs),
        "params": PARAMS,
    }
    args.out.with_suffix(".json").write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    print(f"{len(pairs):,} sentences, {time.perf_counter() - started:.0f} s → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
