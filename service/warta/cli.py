"""The ``warta`` command line: demo, worker, enrich, produce, tail, eval, bench."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated

import orjson
import typer
from aiokafka.errors import KafkaError
from rich.console import Console

from warta import __version__
from warta.config import EMBEDDED, Settings
from warta.records import STAGES

app = typer.Typer(
    name="warta",
    help="Raw news documents in, enriched records out: language, clean text, entities, events, stories.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)
err = Console(stderr=True)

EVALUATIONS = ("language", "clean", "entities", "events", "stories")


def fail(message: str, code: int = 1) -> typer.Exit:
    """One readable line on stderr instead of a traceback."""
    err.print(f"[bold red]error:[/] {message}", soft_wrap=True)
    return typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"warta {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Raw news documents in, enriched records out.

    Start with `warta demo`; every command has --help with an example.
    """


@app.command()
def demo(
    timeout: Annotated[float, typer.Option(help="Seconds to wait for the enriched records.")] = 60.0,
) -> None:
    """Start the embedded broker and a worker, push the bundled samples, print what comes out.

    Needs no Kafka, Docker or configuration.

    Example:  warta demo
    """
    from warta.demo import run_demo

    try:
        asyncio.run(run_demo(timeout=timeout))
    except TimeoutError as error:
        raise fail(str(error)) from None


@app.command()
def worker(
    log_level: Annotated[
        str | None,
        typer.Option(
            "--log-level", "-l", help="debug, info, warning or error [default: WARTA_LOG_LEVEL or info]."
        ),
    ] = None,
) -> None:
    """Run the streaming service: news.raw in; news.enriched, news.events, news.stories and news.deadletter out.

    The broker comes from WARTA_BROKER (default `embedded`: a Tansu broker started for this worker).
    SIGTERM or Ctrl-C drains in-flight work, commits offsets and exits 0.

    Example:  WARTA_BROKER=kafka://localhost:9092 warta worker
    """
    from warta.topics import BrokerRefused
    from warta.worker import run_worker

    settings = Settings()
    try:
        code = run_worker(settings, log_level=log_level or settings.log_level)
    except (OSError, BrokerRefused) as error:
        raise fail(f"cannot start the worker: {error}") from None
    raise typer.Exit(code)


@app.command()
def enrich(
    inputs: Annotated[
        list[str] | None, typer.Argument(help="JSONL, .txt or .html files, directories, or - for stdin.")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write JSONL here (default stdout).")
    ] = None,
    rejects: Annotated[
        Path | None, typer.Option(help="Write dead letters here as JSONL (default: stderr).")
    ] = None,
    skip: Annotated[
        list[str] | None, typer.Option(help=f"Turn a stage off; repeatable. One of: {', '.join(STAGES)}.")
    ] = None,
) -> None:
    """Enrich documents in batch, without Kafka: EnrichedArticle JSONL out, in input order.

    Invalid inputs become DeadLetter lines on stderr (or --rejects FILE); the exit code is 0
    when every input was enriched and 2 when some were rejected.

    Example:  warta enrich service/warta/samples -o enriched.jsonl --skip events
    """
    from warta.batch import enrich_messages, story_index
    from warta.intake import encode
    from warta.records import DeadLetter
    from warta.sources import read_messages

    skipped = frozenset(skip or ())
    unknown = skipped - set(STAGES)
    if unknown:
        raise fail(f"unknown stage(s) to skip: {', '.join(sorted(unknown))}; choose from {', '.join(STAGES)}")
    settings = Settings()
    out = output.open("wb") if output else sys.stdout.buffer
    bad = rejects.open("wb") if rejects else sys.stderr.buffer
    counts = {"enriched": 0, "rejected": 0}
    progress = _progress(enabled=sys.stderr.isatty() and output is not None)
    try:
        with progress:
            task = progress.add_task("enriching", total=None)
            for _message, outcome in enrich_messages(
                read_messages(inputs or []),
                max_bytes=settings.max_document_bytes,
                skip=skipped,
                stories=story_index(settings),
            ):
                rejected = isinstance(outcome, DeadLetter)
                (bad if rejected else out).write(encode(outcome) + b"\n")
                counts["rejected" if rejected else "enriched"] += 1
                progress.advance(task)
    except FileNotFoundError as error:
        raise fail(str(error)) from None
    finally:
        if output:
            out.close()
        if rejects:
            bad.close()
    err.print(f"{counts['enriched']} enriched, {counts['rejected']} rejected", highlight=False)
    raise typer.Exit(2 if counts["rejected"] else 0)


def _progress(enabled: bool):
    from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TimeElapsedColumn

    return Progress(
        SpinnerColumn(),
        "{task.description}",
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=not enabled,
        transient=True,
    )


@app.command()
def produce(
    inputs: Annotated[
        list[str], typer.Argument(help="JSONL, .txt or .html files, directories, or - for stdin.")
    ],
    topic: Annotated[str | None, typer.Option(help="Topic to write to (default: WARTA_TOPIC_RAW).")] = None,
) -> None:
    """Push documents to a topic, keyed by document id; JSONL lines are sent byte for byte.

    Example:  WARTA_BROKER=kafka://localhost:9092 warta produce service/warta/samples
    """
    from warta.client import produce_messages
    from warta.sources import read_messages

    settings = _external_broker()
    try:
        sent = asyncio.run(produce_messages(settings, read_messages(inputs), topic or settings.topic_raw))
    except FileNotFoundError as error:
        raise fail(str(error)) from None
    except KafkaError as error:
        raise fail(f"cannot produce to {settings.broker}: {error}") from None
    err.print(f"sent {sent} message(s) to {topic or settings.topic_raw}")


@app.command()
def tail(
    topic: Annotated[str, typer.Argument(help="Topic to follow, e.g. news.enriched.")],
    from_beginning: Annotated[bool, typer.Option(help="Start at the oldest message.")] = False,
    limit: Annotated[int | None, typer.Option("--max", help="Stop after this many messages.")] = None,
    raw: Annotated[bool, typer.Option(help="Print one JSON line per message (for pipes).")] = False,
) -> None:
    """Follow a topic and pretty-print its records.

    Example:  WARTA_BROKER=kafka://localhost:9092 warta tail news.enriched --from-beginning --max 5
    """
    from rich.json import JSON

    from warta.client import follow

    settings = _external_broker()
    console = Console()
    plain = raw or not console.is_terminal

    async def run() -> None:
        async for _topic, key, value in follow(settings, topic, from_beginning=from_beginning, limit=limit):
            if plain:
                sys.stdout.buffer.write(value + b"\n")
                sys.stdout.flush()
                continue
            console.rule(f"[bold]{topic}[/] key={key!r}")
            try:
                console.print(JSON(orjson.dumps(orjson.loads(value)).decode()))
            except orjson.JSONDecodeError:
                console.print(repr(value[:500]))

    try:
        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(run())
    except KafkaError as error:
        raise fail(f"cannot follow {topic} on {settings.broker}: {error}") from None


@app.command()
def redrive(
    reason: Annotated[
        list[str] | None,
        typer.Option("--reason", help="Only letters of this reason, e.g. timeout (repeat for more)."),
    ] = None,
    since: Annotated[
        datetime | None, typer.Option(help="Only letters that failed at or after this time (UTC).")
    ] = None,
    dry_run: Annotated[bool, typer.Option(help="Count what would go back; send nothing.")] = False,
) -> None:
    """Send dead letters back to the raw topic for another try, once their cause is fixed.

    Reads what the dead-letter topic holds now and sends each chosen letter's original bytes, under
    its original key, to WARTA_TOPIC_RAW. Letters stay on the dead-letter topic; one that fails
    again gets a new letter. Only letters from the raw topic go back.

    Example:  WARTA_BROKER=kafka://localhost:9092 warta redrive --reason timeout --since 2024-06-20
    """
    from warta.redrive import redrive as send_back

    settings = _external_broker()
    try:
        selection = asyncio.run(send_back(settings, reasons=reason or (), since=since, dry_run=dry_run))
    except KafkaError as error:
        raise fail(f"cannot redrive on {settings.broker}: {error}") from None
    left = ", ".join(f"{count} {why}" for why, count in sorted(selection.left.items())) or "none"
    verb = "would send" if dry_run else "sent"
    err.print(f"{verb} {len(selection.messages)} letter(s) back to {settings.topic_raw}; left: {left}")


def _external_broker() -> Settings:
    logging.getLogger("aiokafka").setLevel(logging.CRITICAL)  # failures are reported in one line
    settings = Settings()
    if settings.broker == EMBEDDED:
        raise fail("set WARTA_BROKER to the broker to talk to, e.g. WARTA_BROKER=kafka://localhost:9092")
    return settings


@app.command(
    "eval",
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True, "help_option_names": []},
)
def evaluate(
    ctx: typer.Context,
    stage: Annotated[str, typer.Argument(help=f"One of: {', '.join(EVALUATIONS)}.")],
) -> None:
    """Print a stage's quality figures on held-out data; `warta eval STAGE --help` for its options.

    Example:  warta eval language
    """
    if stage in ("--help", "-h"):
        typer.echo(ctx.get_help())
        raise typer.Exit()
    if stage not in EVALUATIONS:
        raise fail(f"no evaluation for `{stage}`; choose from {', '.join(EVALUATIONS)}")
    module = importlib.import_module(f"warta.evaluation.{stage}")
    raise typer.Exit(module.main(list(ctx.args)))


@app.command()
def bench(
    articles: Annotated[
        int,
        typer.Option(
            help="Articles per measurement; fewer than ~1,500 leave the streaming figures to start-up noise."
        ),
    ] = 1_500,
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the JSON results.")] = Path(
        "bench.json"
    ),
    soak: Annotated[
        int,
        typer.Option(
            help="Instead, stream this many articles through one worker and sample its memory every 10,000."
        ),
    ] = 0,
    story_max_articles: Annotated[
        int, typer.Option(help="With --soak: the cap on story state, below the run's length to test it.")
    ] = 20_000,
) -> None:
    """Measure throughput and memory of each stage, batch and streaming; print a table and write JSON.

    Example:  warta bench --articles 3000 -o bench.json

    Memory over a long run (~30 min here):  warta bench --soak 200000 -o soak.json
    """
    from warta.bench import run_bench, run_soak

    if soak:
        run_soak(articles=soak, story_max_articles=story_max_articles, output=output)
    else:
        run_bench(articles=articles, output=output)
