"""``warta demo``: embedded broker + a real worker process + the bundled samples, summarised."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

from warta.broker import EmbeddedBroker
from warta.client import follow, produce_messages
from warta.config import Settings
from warta.records import DeadLetter, EnrichedArticle, Story
from warta.sources import read_messages
from warta.topics import ensure_topics
from warta.worker import WorkerProcess

SAMPLES = Path(__file__).parent / "samples"


@dataclass
class Outputs:
    """What the worker published, gathered from its output topics."""

    articles: dict[str, EnrichedArticle] = field(default_factory=dict)
    stories: dict[str, Story] = field(default_factory=dict)
    letters: list[DeadLetter] = field(default_factory=list)

    def add(self, settings: Settings, topic: str, value: bytes) -> None:
        if topic == settings.topic_enriched:
            article = EnrichedArticle.model_validate_json(value)
            self.articles[article.id] = article
        elif topic == settings.topic_stories:
            story = Story.model_validate_json(value)
            self.stories[story.id] = story
        else:
            self.letters.append(DeadLetter.model_validate_json(value))

    def complete(self, expected: set[str | None]) -> bool:
        answered = set(self.articles) | {letter.key for letter in self.letters}
        return answered >= expected and all(
            a.story_id in self.stories and a.id in self.stories[a.story_id].articles
            for a in self.articles.values()
        )


async def collect(settings: Settings, expected: set[str | None], timeout: float) -> Outputs:
    outputs = Outputs()
    topics = (settings.topic_enriched, settings.topic_stories, settings.topic_deadletter)

    async def read() -> None:
        async for topic, _key, value in follow(settings, *topics):
            outputs.add(settings, topic, value)
            if outputs.complete(expected):
                return

    try:
        await asyncio.wait_for(read(), timeout)
    except TimeoutError:
        raise TimeoutError(
            f"only {len(outputs.articles)} of {len(expected)} articles came back within {timeout:.0f}s"
        ) from None
    return outputs


async def run_demo(*, timeout: float = 60.0, console: Console | None = None) -> Outputs:
    """Run the whole service on the bundled samples and print a summary; return what came out."""
    console = console or Console()
    started = time.perf_counter()
    messages = list(read_messages([str(SAMPLES)]))
    with EmbeddedBroker() as broker:
        settings = Settings(broker=broker.url, web_port=0)
        await ensure_topics(settings)
        with WorkerProcess(settings) as worker:
            console.print(f"[dim]embedded broker at {broker.url}, worker pid {worker.process.pid}[/]")
            await produce_messages(settings, messages, settings.topic_raw)
            console.print(f"sent {len(messages)} sample articles to [bold]{settings.topic_raw}[/]\n")
            try:
                outputs = await collect(settings, {m.key for m in messages}, timeout)
            except TimeoutError:
                console.print(f"[dim]{worker.tail()}[/]")
                raise
    for article in sorted(outputs.articles.values(), key=lambda a: a.id):
        console.print(article_summary(article))
    for story in outputs.stories.values():
        console.print(story_summary(story))
    for letter in outputs.letters:
        console.print(f"[red]dead letter[/] {letter.key}: {letter.reason}: {letter.detail}")
    elapsed = time.perf_counter() - started
    console.print(
        f"[bold green]done[/] {len(outputs.articles)} enriched, {len(outputs.letters)} dead-lettered, "
        f"{len(outputs.stories)} story(ies) in {elapsed:.1f}s"
    )
    return outputs


def article_summary(article: EnrichedArticle) -> Table:
    """One article as a two-column table: what each stage found."""
    table = Table(
        title=f"[bold]{article.id}[/]  {article.title or ''}", show_header=False, title_justify="left"
    )
    table.add_column(style="cyan", no_wrap=True)
    table.add_column()
    table.add_row("language", f"{article.language.code} ({article.language.confidence:.2f})")
    reasons = Counter(r.reason for r in article.removed)
    table.add_row("removed", ", ".join(f"{n}× {reason}" for reason, n in reasons.most_common()) or "nothing")
    table.add_row(
        "text", f"{len(article.text):,} characters in {article.text.count(chr(10) * 2) + 1} paragraphs"
    )
    for row, labels in (("PERSON", {"PERSON"}), ("ORG", {"ORG"}), ("LOC, GPE", {"LOC", "GPE"})):
        names = Counter(e.canonical for e in article.entities if e.label in labels)
        table.add_row(row, ", ".join(name for name, _ in names.most_common(8)) or "-")
    events = Counter(e.type for e in article.events)
    table.add_row("events", ", ".join(f"{n}× {kind}" for kind, n in events.most_common()) or "-")
    duplicate = f" (near-copy of {article.duplicate_of})" if article.duplicate_of else ""
    table.add_row("story", f"{article.story_id}{duplicate}")
    if article.flags:
        table.add_row("flags", ", ".join(article.flags))
    return table


def story_summary(story: Story) -> str:
    events = ", ".join(f"{n}× {kind}" for kind, n in sorted(story.events.items(), key=lambda kv: -kv[1]))
    return (
        f"[bold magenta]story {story.id}[/]: {story.article_count} article(s) "
        f"from {story.first_seen:%Y-%m-%d %H:%M} to {story.last_seen:%Y-%m-%d %H:%M}\n"
        f"  top entities: {', '.join(story.top_entities[:8])}\n  events: {events or '-'}\n"
    )
