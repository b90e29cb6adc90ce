"""`warta eval stories`: story clustering and near-duplicate quality, and the cost of story state.

Each labelled article runs through the real stateless pipeline (``analyse``) and then, in order of
publication, through one ``StoryIndex``, exactly as ``warta enrich`` would place it. Clusters are
scored against the gold stories with purity/completeness and B-cubed precision/recall; duplicates
by pair precision/recall of ``duplicate_of``.

Data format (``tests/data/stories/{dev,test}/*.txt``): ``key: value`` header lines (``source``,
``title``, ``published_at``, gold ``story`` and optional gold ``duplicate_of``), a line ``---``, then
the article text. A header ``sample: NAME`` takes the text of a bundled sample instead.
"""

from __future__ import annotations

import argparse
import itertools
import random
import time
import tracemalloc
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from warta.pipeline import analyse
from warta.pipeline.stories import WINDOW, StoryIndex, sketch
from warta.records import EnrichedArticle, Entity, Event, Language, Pipeline, RawDocument

DATA = Path(__file__).resolve().parents[3] / "tests" / "data" / "stories"
SAMPLES = Path(__file__).resolve().parents[1] / "samples"
SPLITS = ("dev", "test")
STATE_SIZES = (1_000, 10_000, 100_000)
GOLD_FIELDS = ("story", "duplicate_of", "sample")


@dataclass(frozen=True, slots=True)
class Labelled:
    raw: RawDocument
    story: str
    duplicate_of: str | None


def read_article(path: Path) -> Labelled:
    """One labelled article file: headers, ``---``, text (or a bundled sample's text)."""
    header, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
    fields = dict(line.split(": ", 1) for line in header.splitlines() if line.strip())
    if "sample" in fields:
        body = (SAMPLES / f"{fields['sample']}.txt").read_text(encoding="utf-8")
    document = {key: value for key, value in fields.items() if key not in GOLD_FIELDS}
    raw = RawDocument.model_validate({"id": fields.get("sample", path.stem), **document, "text": body})
    return Labelled(raw=raw, story=fields["story"], duplicate_of=fields.get("duplicate_of"))


def read_split(directory: Path) -> list[Labelled]:
    return [read_article(path) for path in sorted(directory.glob("*.txt"))]


@dataclass(frozen=True)
class Outcome:
    gold: dict[str, str]
    predicted: dict[str, str]
    gold_duplicates: set[tuple[str, str]]
    predicted_duplicates: set[tuple[str, str]]
    assign_seconds: float
    reachable: dict[str, str]
    """``within_window``'s clustering: the completeness the window leaves within reach."""


def cluster(labelled: Sequence[Labelled], window: timedelta = WINDOW) -> Outcome:
    """Run the pipeline and one story index over the articles in order of publication."""
    articles = sorted(
        (analyse(item.raw) for item in labelled),
        key=lambda a: (a.published_at or a.processed_at, a.id),
    )
    index = StoryIndex(window=window)
    gold = {item.raw.id: item.story for item in labelled}
    predicted: dict[str, str] = {}
    predicted_duplicates: set[tuple[str, str]] = set()
    started = time.perf_counter()
    for article in articles:
        assignment = index.assign(sketch(article))
        predicted[article.id] = assignment.story_id
        if assignment.duplicate_of:
            predicted_duplicates.add((article.id, assignment.duplicate_of))
    return Outcome(
        gold=gold,
        predicted=predicted,
        gold_duplicates={(i.raw.id, i.duplicate_of) for i in labelled if i.duplicate_of},
        predicted_duplicates=predicted_duplicates,
        assign_seconds=time.perf_counter() - started,
        reachable=within_window(articles, gold, window),
    )


def within_window(
    articles: Sequence[EnrichedArticle], gold: dict[str, str], window: timedelta
) -> dict[str, str]:
    """The best clustering a story index with this window could reach: each article joins its gold
    story unless the story's latest report is older than the window, which the index has forgotten
    by then; the article then starts a fragment of it. Articles come in order of publication."""
    fragments: dict[str, str] = {}
    latest: dict[str, datetime] = {}
    reachable: dict[str, str] = {}
    for article in articles:
        story, seen = gold[article.id], article.published_at or article.processed_at
        if story not in latest or seen - latest[story] > window:
            fragments[story] = article.id
        latest[story] = seen
        reachable[article.id] = fragments[story]
    return reachable


def purity(clusters: dict[str, str], classes: dict[str, str]) -> float:
    """Share of articles whose cluster's majority class is their own class."""
    members: dict[str, Counter[str]] = {}
    for article, label in clusters.items():
        members.setdefault(label, Counter())[classes[article]] += 1
    return sum(max(counts.values()) for counts in members.values()) / len(clusters)


def bcubed(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float]:
    """B-cubed precision and recall, averaged over articles."""
    precision = recall = 0.0
    for article in predicted:
        same_cluster = {a for a in predicted if predicted[a] == predicted[article]}
        same_story = {a for a in gold if gold[a] == gold[article]}
        both = len(same_cluster & same_story)
        precision += both / len(same_cluster)
        recall += both / len(same_story)
    return precision / len(predicted), recall / len(predicted)


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def _quality_table(name: str, outcome: Outcome) -> Iterator[str]:
    gold, predicted = outcome.gold, outcome.predicted
    precision, recall = bcubed(predicted, gold)
    hits = len(outcome.gold_duplicates & outcome.predicted_duplicates)
    stories = len(set(gold.values()))
    per_article_us = outcome.assign_seconds / len(gold) * 1e6
    yield f"{name}  ({len(gold)} articles, {stories} gold stories, {len(set(predicted.values()))} found)"
    yield f"  {'purity':<24}{purity(predicted, gold):>8.3f}"
    yield f"  {'completeness':<24}{purity(gold, predicted):>8.3f}"
    yield f"  {'  within the window':<24}{purity(gold, outcome.reachable):>8.3f}  (at most, with every link right)"
    yield f"  {'B-cubed precision':<24}{precision:>8.3f}"
    yield f"  {'B-cubed recall':<24}{recall:>8.3f}"
    duplicates = f"{len(outcome.gold_duplicates)} gold pairs"
    yield f"  {'duplicate precision':<24}{ratio(hits, len(outcome.predicted_duplicates)):>8.3f}"
    yield f"  {'duplicate recall':<24}{ratio(hits, len(outcome.gold_duplicates)):>8.3f}  ({duplicates})"
    yield f"  {'assign µs/article':<24}{per_article_us:>8.0f}"
    for story in sorted(set(gold.values())):
        found = Counter(predicted[a] for a in gold if gold[a] == story)
        members = {a for a in gold if gold[a] == story}
        intruders = sum(1 for a in predicted if predicted[a] in found and a not in members)
        yield f"    {story:<28}{len(members):>3} articles in {len(found)} story(ies), {intruders} intruder(s)"


def _synthetic_articles(count: int, seed: int = 7) -> Iterator[EnrichedArticle]:
    """Articles of Zipf-distributed words and random entities, five to a story, over two days."""
    rng = random.Random(seed)
    syllables = ["ka", "ra", "ma", "na", "ti", "su", "lo", "pe", "gu", "da", "wi", "ba", "ng", "an"]
    words = sorted({"".join(rng.choices(syllables, k=rng.randint(3, 5))) for _ in range(30_000)})
    rng.shuffle(words)
    frequency = list(itertools.accumulate(1 / rank for rank in range(1, len(words) + 1)))
    names = [f"{rng.choice(words).title()} {rng.choice(words).title()}" for _ in range(20_000)]
    start = datetime(2024, 6, 1, tzinfo=UTC)
    language, pipeline = Language(code="id", confidence=1.0), Pipeline(version="bench", stages={})
    event = Event(id="e", type="STATEMENT", cameo="01", trigger="kata", sentence="", article_id="")
    story_words: list[str] = []
    story_names: list[str] = []
    for i in range(count):
        if i % 5 == 0:
            story_words, story_names = rng.sample(words, 15), rng.sample(names, 5)
        body = rng.choices(story_words, k=25) + rng.choices(words, cum_weights=frequency, k=75)
        rng.shuffle(body)
        entities = [
            Entity.model_construct(text=name, label="PERSON", start=0, end=len(name), canonical=name)
            for name in rng.choices(story_names, k=6)
        ]
        yield EnrichedArticle.model_construct(
            id=f"synthetic-{i}",
            title=" ".join(rng.sample(story_words, 5)),
            published_at=start + timedelta(seconds=i * 172_800 / count),
            language=language,
            text=" ".join(body),
            entities=entities,
            events=[event],
            processed_at=start,
            pipeline=pipeline,
        )


def measure_state_cost(sizes: Sequence[int], probes: int = 200) -> list[dict[str, float]]:
    """Assign time and memory of a ``StoryIndex`` holding each of ``sizes`` articles.

    The index is filled with synthetic articles through ``assign``, the production path, then
    ``probes`` further articles are timed. Memory is measured on a replica rebuilt by ``restore``
    from the same fingerprints under tracemalloc: the replica holds the same state, and tracing the
    much slower assign path would take many minutes at 100,000 articles.
    """
    targets = sorted(sizes)
    capacity = targets[-1] + probes * len(targets)
    articles = _synthetic_articles(capacity + 1)
    next(articles)  # build the synthetic vocabulary before memory is traced
    index = StoryIndex(window=WINDOW, max_articles=capacity)
    replica = StoryIndex(window=WINDOW, max_articles=capacity)
    memory = 0

    def replicate(fingerprints: list[bytes]) -> int:
        tracemalloc.start()
        try:
            for fingerprint in fingerprints:
                replica.restore(fingerprint)
            return tracemalloc.get_traced_memory()[0]
        finally:
            tracemalloc.stop()

    results = []
    for size in targets:
        memory += replicate(
            [index.assign(sketch(next(articles))).fingerprint for _ in range(size - len(index))]
        )
        probe = [next(articles) for _ in range(probes)]
        started = time.perf_counter()
        fingerprints = [index.assign(sketch(article)).fingerprint for article in probe]
        elapsed = time.perf_counter() - started
        results.append(
            {
                "articles": size,
                "stories": index.story_count,
                "assign_us": elapsed / probes * 1e6,
                "memory_mb": memory / 2**20,
                "bytes_per_article": memory / size,
            }
        )
        memory += replicate(fingerprints)
    return results


def _cost_table(rows: list[dict[str, float]]) -> Iterator[str]:
    yield "story state cost (synthetic articles, 5 per story; memory by tracemalloc)"
    yield f"  {'articles':>9}{'stories':>9}{'assign µs':>11}{'memory MB':>11}{'bytes/article':>15}"
    for row in rows:
        yield (
            f"  {row['articles']:>9,.0f}{row['stories']:>9,.0f}{row['assign_us']:>11.0f}"
            f"{row['memory_mb']:>11.1f}{row['bytes_per_article']:>15,.0f}"
        )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="warta eval stories",
        description=(
            "Story clustering and near-duplicate detection on labelled Indonesian articles: purity, "
            "completeness, B-cubed precision/recall and duplicate-pair precision/recall per split, "
            "with each gold story's fragments and intruders. The thresholds were tuned on `dev`; "
            "`test` (which holds the five bundled samples) was not used for tuning. Then the cost of "
            "story state: assign time and memory with 1k/10k/100k articles held."
        ),
        epilog="example: warta eval stories --split test --sizes 1000 10000",
    )
    parser.add_argument("--data", type=Path, default=DATA, help="directory holding the split folders")
    parser.add_argument(
        "--split", choices=SPLITS, action="append", help="split(s) to score (default: dev and test)"
    )
    parser.add_argument(
        "--window-hours",
        type=float,
        default=WINDOW / timedelta(hours=1),
        help="story window, as WARTA_STORY_WINDOW_HOURS sets it for the worker (default: %(default)s)",
    )
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="*",
        default=list(STATE_SIZES),
        metavar="N",
        help="stored-article counts to measure state cost at; none to skip (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    for split in args.split or SPLITS:
        outcome = cluster(read_split(args.data / split), timedelta(hours=args.window_hours))
        print("\n".join(_quality_table(split, outcome)))
        print()
    if args.sizes:
        print("\n".join(_cost_table(measure_state_cost(args.sizes))))
    return 0
