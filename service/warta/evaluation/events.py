"""`warta eval events`: per-type precision, recall and F1 of the events stage on labelled sentences.

The stage runs as shipped: entities come from ``extract_entities`` on each sentence, then
``extract_events`` runs with the sentence's publication time. A second score gives the stage the
entities annotated in the file instead, which measures the events stage alone: the difference is what
the entities stage's misses cost. A predicted event matches a gold one
when the type agrees and, if the gold event names a source, a predicted source actor's canonical
name contains it; so a right type with the wrong agent counts as both a false positive and a miss.

The set is split by a hash of each sentence id, fixed once: rules are tuned on ``dev`` only and
``test`` is reported as held-out. ``--errors`` lists mistakes on ``dev`` only, so that the test
sentences are never looked at while tuning.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from warta.pipeline.clean import clean
from warta.pipeline.entities import extract_entities
from warta.pipeline.events import KINDS, extract_events
from warta.records import Entity, Event

DATA = Path(__file__).resolve().parents[3] / "tests" / "data" / "events" / "sentences.jsonl"
"""The labelled set in the source tree; pass another file as an argument."""

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
"""The bundled articles, on which the stage's speed is measured."""

DEFAULT_PUBLISHED = datetime.fromisoformat("2024-06-21T09:00:00+07:00")
"""Publication time of sentences that give none: a Friday, so that "Kamis" means the day before."""

SPLITS = ("test", "dev")
_DEV_SHARE = 60
TYPES = tuple(kind.type for kind in KINDS)


def split_of(sentence_id: str) -> str:
    """``dev`` for about 60 % of ids, ``test`` for the rest; stable whatever else is in the file."""
    bucket = int.from_bytes(hashlib.blake2b(sentence_id.encode(), digest_size=4).digest(), "big") % 100
    return "dev" if bucket < _DEV_SHARE else "test"


@dataclass(frozen=True, slots=True)
class GoldEvent:
    type: str
    source: str | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    id: str
    text: str
    published_at: datetime
    entities: tuple[Entity, ...]
    events: tuple[GoldEvent, ...]


def _annotated(text: str, names: list[list[str]]) -> tuple[Entity, ...]:
    """Entities from ``[surface, label]`` pairs, found in order of appearance in ``text``."""
    found = []
    position = 0
    for surface, label in names:
        start = text.index(surface, position)
        position = start + len(surface)
        found.append(Entity(text=surface, label=label, start=start, end=position, canonical=surface))
    return tuple(found)


def read_sentences(path: Path) -> list[Sentence]:
    sentences = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        published = row.get("published_at")
        sentences.append(
            Sentence(
                id=row["id"],
                text=row["text"],
                published_at=datetime.fromisoformat(published) if published else DEFAULT_PUBLISHED,
                entities=_annotated(row["text"], row.get("entities", [])),
                events=tuple(GoldEvent(**event) for event in row["events"]),
            )
        )
    return sentences


def _source_agrees(gold: GoldEvent, event: Event, entities: Sequence[Entity]) -> bool:
    """The gold names the source as the sentence writes it ("PSSI"), the stage by its canonical
    name ("Persatuan Sepak Bola Seluruh Indonesia"): either may contain the gold name."""
    if gold.source is None:
        return True
    wanted = gold.source.lower()
    sources = {actor.canonical for actor in event.actors if actor.role == "source"}
    names = sources | {entity.text for entity in entities if entity.canonical in sources}
    return any(wanted in name.lower() for name in names)


@dataclass
class Score:
    true_positives: Counter[str] = field(default_factory=Counter)
    predicted: Counter[str] = field(default_factory=Counter)
    gold: Counter[str] = field(default_factory=Counter)
    types_right: int = 0
    dated: int = 0
    dates_right: int = 0
    sentences: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def row(self, event_type: str | None) -> tuple[float, float, float, int]:
        def total(counts: Counter[str]) -> int:
            return counts[event_type] if event_type else sum(counts.values())

        hits, predicted, gold = total(self.true_positives), total(self.predicted), total(self.gold)
        precision = hits / predicted if predicted else 0.0
        recall = hits / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1, gold


def _describe(event: Event) -> str:
    sources = ", ".join(a.canonical for a in event.actors if a.role == "source") or "-"
    return f"{event.type}({sources}) on {event.trigger!r}"


def score(sentences: Sequence[Sentence], annotated: bool = False) -> Score:
    """Score the stage on ``sentences``, with entities from the entities stage or, if ``annotated``,
    from the annotation: the events stage alone, whatever the entities stage misses."""
    result = Score(sentences=len(sentences))
    for sentence in sentences:
        started = time.perf_counter()
        entities = list(sentence.entities) if annotated else extract_entities(sentence.text)
        found = extract_events(sentence.text, entities, sentence.published_at, sentence.id)
        result.seconds += time.perf_counter() - started
        predicted: dict[str, Event] = {}
        for candidate in found:
            predicted.setdefault(candidate.type, candidate)
        gold = {wanted.type: wanted for wanted in sentence.events}
        result.predicted.update(predicted.keys())
        result.gold.update(gold.keys())
        for event_type in sorted(predicted.keys() | gold.keys()):
            event, wanted = predicted.get(event_type), gold.get(event_type)
            result.types_right += bool(event and wanted)
            if event and wanted and _source_agrees(wanted, event, entities):
                result.true_positives[event_type] += 1
                if wanted.date:
                    result.dated += 1
                    result.dates_right += event.date == wanted.date
                    if event.date != wanted.date:
                        result.errors.append(f"{sentence.id}: date {event.date} for {wanted.date}")
            elif event and wanted:
                result.errors.append(f"{sentence.id}: source of {_describe(event)}, gold {wanted.source}")
            elif event:
                result.errors.append(f"{sentence.id}: spurious {_describe(event)}")
            else:
                result.errors.append(f"{sentence.id}: missed {event_type}")
    return result


def _table(name: str, result: Score) -> Iterator[str]:
    per_sentence = result.seconds * 1000 / max(result.sentences, 1)
    yield f"{name}  ({result.sentences} sentences, {per_sentence:.2f} ms each with entities)"
    yield f"  {'type':<14}{'precision':>10}{'recall':>10}{'F1':>8}{'gold':>7}"
    for event_type in (*TYPES, None):
        precision, recall, f1, gold = result.row(event_type)
        yield f"  {event_type or 'overall':<14}{precision:>10.3f}{recall:>10.3f}{f1:>8.3f}{gold:>7}"
    predicted, gold = sum(result.predicted.values()), sum(result.gold.values())
    yield (
        f"  {'type only':<14}{result.types_right / max(predicted, 1):>10.3f}"
        f"{result.types_right / max(gold, 1):>10.3f}   (sources not checked)"
    )
    yield f"  dates right on matched events that give one: {result.dates_right}/{result.dated}"


def stage_speed(repeat: int = 5) -> float:
    """CPU milliseconds the events stage alone takes per 4 KB of clean article text (best of ``repeat``).

    CPU time rather than wall time, so that other processes on a shared machine do not inflate it.
    """
    articles = []
    for path in sorted(SAMPLES.glob("*.txt")):
        text = clean(path.read_text(encoding="utf-8"), None, None).text
        articles.append((text, extract_entities(text)))
    kilobytes = sum(len(text.encode()) for text, _ in articles) / 4096
    timings = []
    for _ in range(repeat):
        started = time.process_time()
        for text, entities in articles:
            extract_events(text, entities, DEFAULT_PUBLISHED, "sample")
        timings.append(time.process_time() - started)
    return min(timings) * 1000 / kilobytes


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="warta eval events",
        description=(
            "Per-type precision, recall and F1 of the events stage on labelled Indonesian sentences "
            "(JSON lines with `id`, `text`, optional `published_at` and gold `events`). A match needs "
            "the same type and, where the gold names one, the same source actor. Prints the held-out "
            "test split, then the dev split the rules were tuned on. Entities come from the entities "
            "stage, as in production; the line 'annotated entities' scores the events stage alone, "
            "given the entities annotated in the file."
        ),
        epilog="examples: warta eval events    |    warta eval events --errors my_sentences.jsonl",
    )
    parser.add_argument(
        "file",
        nargs="?",
        type=Path,
        default=DATA,
        metavar="FILE.jsonl",
        help="labelled sentences (default: the set in tests/data/events)",
    )
    parser.add_argument("--errors", action="store_true", help="list the mistakes on the dev split")
    parser.add_argument(
        "--annotated", action="store_true", help="full tables with the annotated entities instead"
    )
    args = parser.parse_args(argv)
    sentences = read_sentences(args.file)
    entities = "annotated entities" if args.annotated else "entities from the entities stage"
    for split in SPLITS:
        subset = [s for s in sentences if split_of(s.id) == split]
        result = score(subset, annotated=args.annotated)
        print("\n".join(_table(f"{split}, {entities} ({args.file.name})", result)))
        if not args.annotated:
            precision, recall, f1, _ = score(subset, annotated=True).row(None)
            print(
                f"  {'annotated entities':<18}{precision:>6.3f}{recall:>10.3f}{f1:>8.3f}   (events stage alone)"
            )
        if args.errors and split == "dev":
            print("\n".join(f"    {error}" for error in result.errors))
        print()
    print(f"speed: {stage_speed():.2f} CPU ms per 4 KB of article, events stage alone (bundled samples)")
    return 0
