"""`warta eval clean`: how well the clean stage separates article body from page furniture.

Plain text: each labelled article (see ``tests/data/clean/README.md``) is cleaned as the stage
runs, and every line's verdict (kept or removed) is compared with its label; precision and recall
are those of *removal*, so a lost body line costs precision and a kept furniture line costs recall.
HTML: token-level F1 of the extracted body against the gold text, beside trafilatura alone.
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from warta.pipeline.clean import clean
from warta.pipeline.clean.lines import label_lines, split_lines

DATA = Path(__file__).resolve().parents[3] / "tests/data/clean"
BODY = "body"
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Article:
    name: str
    title: str | None
    lines: list[tuple[str, str]]
    """(label, text) for each non-blank line, in order."""
    text: str
    """The raw document as the crawler delivered it."""


def read_article(path: Path) -> Article:
    header, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
    fields = dict(line.split(":", 1) for line in header.splitlines() if ":" in line)
    labelled: list[tuple[str, str]] = []
    raw: list[str] = []
    for line in body.splitlines():
        label, _, text = line.partition("|")
        text = text.removeprefix(" ")
        raw.append(text)
        if text.strip():
            labelled.append((label.strip(), text))
    title = fields.get("title", "").strip() or None
    return Article(path.stem, title, labelled, "\n".join(raw))


def read_split(folder: Path) -> list[Article]:
    return [read_article(path) for path in sorted(folder.glob("*.txt"))]


@dataclass
class Removal:
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0
    lines: int = 0
    same_reason: int = 0

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_split(articles: Sequence[Article], errors: list[str]) -> Removal:
    """Line-level removal counts over ``articles``; each wrong verdict is appended to ``errors``."""
    result = Removal()
    for article in articles:
        lines = split_lines(article.text)
        label_lines(lines, article.title)
        if len(lines) != len(article.lines):
            raise ValueError(f"{article.name}: {len(lines)} lines split, {len(article.lines)} labelled")
        for line, (gold, _) in zip(lines, article.lines, strict=True):
            removed, should = line.reason is not None, gold != BODY
            result.lines += 1
            result.gold += should
            result.predicted += removed
            result.true_positives += removed and should
            result.same_reason += removed and line.reason == gold
            if removed != should:
                errors.append(f"  {article.name}: {gold} -> {line.reason or BODY}: {line.text[:90]}")
    return result


def throughput(articles: Sequence[Article], size: int = 4_096, count: int = 500, runs: int = 3) -> float:
    """Plain-text documents of ``size`` characters cleaned per second on one core, best of ``runs``
    (the best run is the one least disturbed by other processes on the machine)."""
    pool = "\n".join(article.text for article in articles)
    documents = [pool[(i * 997) % max(len(pool) - size, 1) :][:size] for i in range(count)]
    fastest = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        for document in documents:
            clean(document, None, None)
        fastest = min(fastest, time.perf_counter() - started)
    return count / fastest


def token_f1(predicted: str, gold: str) -> float:
    found = Counter(_TOKEN.findall(predicted.casefold()))
    wanted = Counter(_TOKEN.findall(gold.casefold()))
    overlap = sum((found & wanted).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(found.values()), overlap / sum(wanted.values())
    return 2 * precision * recall / (precision + recall)


def _plain_text_report(data: Path, show_errors: bool) -> Iterator[str]:
    yield f"{'split':<10}{'articles':>9}{'lines':>7}{'furniture':>10}{'precision':>11}{'recall':>8}{'F1':>7}"
    yield f"{'':<10}{'':>9}{'':>7}{'':>10}{'(removal)':>11}{'':>8}{'':>7}{'reason ok':>11}"
    every: list[Article] = []
    errors: dict[str, list[str]] = {}
    for split in ("dev", "heldout"):
        articles = read_split(data / split)
        every.extend(articles)
        errors[split] = []
        r = score_split(articles, errors[split])
        agreement = r.same_reason / r.true_positives if r.true_positives else 1.0
        yield (
            f"{split:<10}{len(articles):>9}{r.lines:>7}{r.gold:>10}{r.precision:>11.3f}{r.recall:>8.3f}"
            f"{r.f1:>7.3f}{agreement:>11.3f}"
        )
    yield ""
    yield f"speed: {throughput(every):,.0f} plain-text 4 KB documents/s on one core (cut from the articles above)"
    if show_errors:
        yield ""
        yield f"dev: {len(errors['dev'])} wrong verdicts (gold -> predicted)"
        yield from errors["dev"]


def _html_report(data: Path) -> Iterator[str]:
    yield f"{'page':<28}{'warta':>8}{'trafilatura':>13}"
    ours: list[float] = []
    baseline: list[float] = []
    for page in sorted(data.glob("*.html")):
        html = page.read_text(encoding="utf-8")
        gold = page.with_suffix(".txt").read_text(encoding="utf-8")
        ours.append(token_f1(clean(None, html, None).text, gold))
        baseline.append(token_f1(trafilatura.extract(html) or "", gold))
        yield f"{page.stem:<28}{ours[-1]:>8.3f}{baseline[-1]:>13.3f}"
    if ours:
        yield f"{'mean token F1':<28}{sum(ours) / len(ours):>8.3f}{sum(baseline) / len(baseline):>13.3f}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="warta eval clean",
        description=(
            "Line-level precision and recall of furniture removal by the clean stage on labelled "
            "plain-text articles, for the development split (rules and weights were tuned on it) and "
            "the held-out split (never used for tuning), plus the stage's speed. With --html, token "
            "F1 of the article body extracted from HTML pages, beside trafilatura alone."
        ),
        epilog="example: warta eval clean --errors   |   warta eval clean --html",
    )
    parser.add_argument("--data", type=Path, default=DATA, help=f"data folder (default: {DATA})")
    parser.add_argument("--html", action="store_true", help="score body extraction on the HTML pages")
    parser.add_argument(
        "--errors",
        action="store_true",
        help="list every dev line judged wrongly (held-out lines are not listed, so nobody tunes on them)",
    )
    args = parser.parse_args(argv)
    report = _html_report(args.data / "html") if args.html else _plain_text_report(args.data, args.errors)
    print("\n".join(report))
    return 0
