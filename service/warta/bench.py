"""``warta bench``: throughput and memory of every stage, of the batch command and of the stream.

One run measures everything on the same articles, so the figures can be compared with each other:
the stages one by one, ``warta enrich`` against langdetect alone, and the real worker(s) on the
embedded broker against the broker's own ceiling (the same bytes produced and consumed with no
processing). Results are printed as a table and written to JSON so that runs can be diffed.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import resource
import statistics
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from langdetect import DetectorFactory, detect_langs
from rich.console import Console
from rich.table import Table

from warta.batch import enrich_messages
from warta.broker import EmbeddedBroker, free_port
from warta.config import MAX_MESSAGE_BYTES, Settings
from warta.demo import SAMPLES
from warta.pipeline import analyse, attach_story
from warta.pipeline.stories import StoryIndex
from warta.records import STAGES, RawDocument
from warta.sources import Message
from warta.topics import client_options, ensure_topics
from warta.worker import WorkerProcess

console = Console(stderr=True)
Result = dict[str, Any]


def corpus(size: int, seed: int = 0) -> list[RawDocument]:
    """``size`` distinct articles of ~4 KB: the bundled samples with their paragraphs reshuffled."""
    rng = random.Random(seed)
    paragraphs = [p.read_text().split("\n\n") for p in sorted(SAMPLES.glob("*.txt"))]
    docs = []
    for i in range(size):
        body = list(paragraphs[i % len(paragraphs)])
        head, rest = body[:1], body[1:]
        rng.shuffle(rest)
        text = "\n\n".join(head + rest)[:4096]
        docs.append(RawDocument(id=f"bench-{i:06d}", source=f"site-{i % 7}", text=text))
    return docs


def _message(doc: RawDocument) -> Message:
    return Message(key=doc.id, value=orjson.dumps(doc.model_dump(mode="json")), origin="bench")


def measure_stages(docs: list[RawDocument]) -> Result:
    """µs per article and articles/s per core for each stage, from the pipeline's own stage timers."""
    timings: dict[str, list[float]] = {stage: [] for stage in STAGES}
    tokens = 0
    for doc in docs[:5]:  # load every model first: start-up is reported on its own
        analyse(doc)
    index = StoryIndex()
    for doc in docs:
        article = attach_story(analyse(doc), index).article
        tokens += len(article.text.split())
        for stage, run in article.pipeline.stages.items():
            if run.ran:
                timings[stage].append(run.ms * 1000)
    result: Result = {}
    for stage, micros in timings.items():
        mean = statistics.fmean(micros) if micros else 0.0
        result[stage] = {"us_per_article": round(mean), "articles_per_s": round(1e6 / mean) if mean else None}
    entity_seconds = sum(timings["entities"]) / 1e6
    result["entities"]["tokens_per_s"] = round(tokens / entity_seconds) if entity_seconds else None
    return result


def _rate(count: int, seconds: float) -> float:
    return round(count / seconds, 1) if seconds else 0.0


def measure_batch(docs: list[RawDocument]) -> Result:
    """``warta enrich`` in one process at steady state, and langdetect alone on the same texts."""
    messages = [_message(doc) for doc in docs]
    started = time.perf_counter()
    for _ in enrich_messages(messages, max_bytes=MAX_MESSAGE_BYTES):
        pass
    batch = _rate(len(docs), time.perf_counter() - started)

    DetectorFactory.seed = 0
    started = time.perf_counter()
    for doc in docs:
        detect_langs(doc.text or "")
    langdetect = _rate(len(docs), time.perf_counter() - started)
    return {
        "articles_per_s": batch,
        "langdetect_articles_per_s": langdetect,
        "ratio_to_langdetect": round(batch / langdetect, 2),
        "startup_s": _startup_seconds(),
    }


def _startup_seconds() -> float:
    """Import and model load, in a fresh interpreter: what the first article pays."""
    code = (
        "import time; t = time.perf_counter()\n"
        "from warta.pipeline import enrich\nfrom warta.records import RawDocument\n"
        "enrich(RawDocument(id='x', text='Presiden Joko Widodo tiba di Jakarta pada Senin.'))\n"
        "print(time.perf_counter() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return round(float(out.stdout.strip()), 2)


async def _produce(
    settings: Settings, topic: str, messages: list[Message], rate: float | None = None
) -> dict[str, float]:
    """Send ``messages`` (paced at ``rate``/s if given); return each key's send time."""
    producer = AIOKafkaProducer(**client_options(settings), max_request_size=MAX_MESSAGE_BYTES, linger_ms=5)
    await producer.start()
    sent: dict[str, float] = {}
    try:
        started = time.perf_counter()
        pending = []
        for i, message in enumerate(messages):
            if rate:
                await asyncio.sleep(max(0.0, started + i / rate - time.perf_counter()))
            key = message.key or str(i)
            sent[key] = time.perf_counter()
            pending.append(await producer.send(topic, message.value, key=key.encode()))
        await asyncio.gather(*pending)
    finally:
        await producer.stop()
    return sent


async def _arrivals(settings: Settings, topic: str, expected: set[str]) -> dict[str, float]:
    """Each expected key's first arrival time on ``topic`` (read from the start: keys are unique per run)."""
    consumer = AIOKafkaConsumer(
        topic,
        **client_options(settings),
        group_id=None,
        auto_offset_reset="earliest",
        fetch_max_wait_ms=50,
        max_partition_fetch_bytes=MAX_MESSAGE_BYTES,
    )
    await consumer.start()
    arrived: dict[str, float] = {}
    try:
        while not expected <= arrived.keys():
            for records in (await consumer.getmany(timeout_ms=1000)).values():
                now = time.perf_counter()
                for record in records:
                    key = record.key.decode() if record.key else ""
                    arrived.setdefault(key, now)
    finally:
        await consumer.stop()
    return arrived


async def _round_trip(
    settings: Settings, source: str, sink: str, messages: list[Message], rate: float | None = None
) -> Result:
    """Produce to ``source``, wait for every key on ``sink``: throughput and latency."""
    expected = {m.key or "" for m in messages}
    arrivals = asyncio.create_task(_arrivals(settings, sink, expected))
    sent = await _produce(settings, source, messages, rate)
    arrived = await asyncio.wait_for(arrivals, timeout=600)
    latencies = sorted(arrived[key] - sent[key] for key in expected)
    elapsed = max(arrived[key] for key in expected) - min(sent.values())
    return {
        "articles_per_s": _rate(len(messages), elapsed),
        "p50_ms": round(1000 * latencies[len(latencies) // 2]),
        "p99_ms": round(1000 * latencies[int(len(latencies) * 0.99) - 1]),
    }


def _memory_mb(pid: int, field: str) -> float:
    """One memory figure of a process from /proc: ``VmRSS`` (resident now) or ``VmHWM`` (its peak)."""
    status = Path(f"/proc/{pid}/status").read_text()
    line = next(line for line in status.splitlines() if line.startswith(field + ":"))
    return round(int(line.split()[1]) / 1024, 1)


def _peak_rss_mb(pid: int) -> float:
    """Peak resident memory of a process and, separately, each descendant; the largest of them."""
    return max(_memory_mb(process, "VmHWM") for process in _process_tree(pid))


def _process_tree(pid: int) -> Iterator[int]:
    yield pid
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            yield from _process_tree(int(child))


def _cpu_seconds(pid: int) -> dict[str, float]:
    """CPU time used so far by a worker process and, together, by its pipeline processes."""
    ticks = os.sysconf("SC_CLK_TCK")
    used = {"worker": 0.0, "pipeline": 0.0}
    for process in _process_tree(pid):
        fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
        used["worker" if process == pid else "pipeline"] += (int(fields[11]) + int(fields[12])) / ticks
    return used


def _wait_ready(port: int, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/ready", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"worker on port {port} never became ready")


def measure_streaming(broker_url: str, docs: list[RawDocument], workers: int) -> Result:
    """The real worker(s) in a consumer group on ≥ 4 partitions, end to end, after warm-up."""
    base = Settings(broker=broker_url, topic_partitions=4).isolated(f"bench-{uuid.uuid4().hex[:8]}")
    asyncio.run(ensure_topics(base))
    ports = [free_port() for _ in range(workers)]
    with contextlib.ExitStack() as running:
        processes = [
            running.enter_context(WorkerProcess(base.model_copy(update={"web_port": port}))) for port in ports
        ]
        for port in ports:
            _wait_ready(port)
        warm = [_message(doc.model_copy(update={"id": f"warm-{i}"})) for i, doc in enumerate(docs[:16])]
        asyncio.run(_round_trip(base, base.topic_raw, base.topic_enriched, warm))
        messages = [_message(doc) for doc in docs]
        before = [_cpu_seconds(p.process.pid) for p in processes]
        result = asyncio.run(_round_trip(base, base.topic_raw, base.topic_enriched, messages))
        after = [_cpu_seconds(p.process.pid) for p in processes]
        result["cpu_ms_per_article"] = {
            role: round(
                1000 * sum(a[role] - b[role] for a, b in zip(after, before, strict=True)) / len(docs), 2
            )
            for role in ("worker", "pipeline")
        }
        paced = [_message(doc.model_copy(update={"id": f"paced-{doc.id}"})) for doc in docs[:500]]
        at_100 = asyncio.run(_round_trip(base, base.topic_raw, base.topic_enriched, paced, rate=100))
        result["p50_ms_at_100_per_s"], result["p99_ms_at_100_per_s"] = at_100["p50_ms"], at_100["p99_ms"]
        result["peak_rss_mb_per_process"] = max(_peak_rss_mb(p.process.pid) for p in processes)
    return result


def measure_broker_ceiling(broker_url: str, docs: list[RawDocument]) -> Result:
    """The same bytes through the broker with no processing: produce, then consume them back."""
    settings = Settings(broker=broker_url)
    topic = f"bench-{uuid.uuid4().hex[:8]}.ceiling"
    asyncio.run(ensure_topics(settings.model_copy(update={"topic_raw": topic})))
    return asyncio.run(_round_trip(settings, topic, topic, [_message(doc) for doc in docs]))


def _records_out(port: int, topic: str) -> float:
    """What the worker's metrics say it has produced to ``topic``: a soak reads no topic back."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
        text = response.read().decode()
    prefix = f'warta_records_out_total{{topic="{topic}"}} '
    return next((float(line[len(prefix) :]) for line in text.splitlines() if line.startswith(prefix)), 0.0)


def _wait_for_output(port: int, topic: str, count: int, stall: float = 120.0) -> None:
    """Wait until the worker has produced ``count`` records to ``topic``; fail if it stops moving
    (the worker's context adds its log to the error)."""
    done, moved = 0.0, time.monotonic()
    while done < count:
        time.sleep(1.0)
        now = _records_out(port, topic)
        if now > done:
            done, moved = now, time.monotonic()
        elif time.monotonic() - moved > stall:
            raise RuntimeError(f"the worker produced nothing for {stall:.0f} s")


def measure_soak(broker_url: str, articles: int, *, story_max_articles: int, step: int = 10_000) -> Result:
    """One worker through a long run: the resident memory of the worker and of its pipeline
    processes after every ``step`` articles. Story state is capped at ``story_max_articles``, so a run
    longer than that shows whether anything grows beyond the story window."""
    base = Settings(broker=broker_url, topic_partitions=4, story_max_articles=story_max_articles)
    base = base.isolated(f"soak-{uuid.uuid4().hex[:8]}")
    asyncio.run(ensure_topics(base))
    port = free_port()
    samples = []
    with WorkerProcess(base.model_copy(update={"web_port": port})) as worker:
        _wait_ready(port)
        started = time.perf_counter()
        for first in range(0, articles, step):
            docs = [
                doc.model_copy(update={"id": f"soak-{first + i:07d}"})
                for i, doc in enumerate(corpus(min(step, articles - first), seed=first))
            ]
            asyncio.run(_produce(base, base.topic_raw, [_message(d) for d in docs]))
            _wait_for_output(port, base.topic_enriched, first + len(docs))
            pid = worker.process.pid
            samples.append(
                {
                    "articles": first + len(docs),
                    "seconds": round(time.perf_counter() - started),
                    "worker_rss_mb": _memory_mb(pid, "VmRSS"),
                    "pipeline_rss_mb": max(
                        _memory_mb(child, "VmRSS") for child in _process_tree(pid) if child != pid
                    ),
                }
            )
            console.print(samples[-1])
    return {"story_max_articles": story_max_articles, "samples": samples}


def run_soak(*, articles: int, story_max_articles: int, output: Path) -> Result:
    """Run ``measure_soak`` on the embedded broker, print the samples as a table, write ``output``."""
    with EmbeddedBroker() as broker:
        results = measure_soak(broker.url, articles, story_max_articles=story_max_articles)
    output.write_bytes(orjson.dumps(results, option=orjson.OPT_INDENT_2))
    table = Table(title=f"warta bench --soak — story state capped at {story_max_articles:,} articles")
    for column in ("articles", "seconds", "worker RSS MB", "pipeline process RSS MB"):
        table.add_column(column, justify="right")
    for sample in results["samples"]:
        table.add_row(*(f"{value:,}" for value in sample.values()))
    Console().print(table)
    console.print(f"written to {output}")
    return results


def measure_story_state(sizes: tuple[int, ...]) -> list[Result]:
    from warta.evaluation.stories import measure_state_cost

    return measure_state_cost(sizes)


def run_bench(
    *, articles: int, output: Path, story_sizes: tuple[int, ...] = (1_000, 10_000, 100_000)
) -> Result:
    """Run every measurement, print the table, write ``output``; return the results."""
    docs = corpus(articles)
    results: Result = {
        "articles": articles,
        "article_bytes": round(statistics.fmean(len(d.text or "") for d in docs)),
    }
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("stages", lambda: measure_stages(docs)),
        ("batch", lambda: measure_batch(docs)),
        ("story_state", lambda: measure_story_state(story_sizes)),
    ]
    for name, step in steps:
        with console.status(f"measuring {name} …"):
            results[name] = step()
    with EmbeddedBroker() as broker:
        with console.status("measuring the broker ceiling …"):
            results["broker_ceiling"] = measure_broker_ceiling(broker.url, docs)
        for workers in (1, 2):
            with console.status(f"measuring streaming with {workers} worker(s) …"):
                results[f"streaming_{workers}_workers"] = measure_streaming(broker.url, docs, workers)
    results["peak_rss_mb_bench_process"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    output.write_bytes(orjson.dumps(results, option=orjson.OPT_INDENT_2))
    Console().print(render(results))
    console.print(f"written to {output}")
    return results


def render(results: Result) -> Table:
    """The results as one readable table."""
    table = Table(title=f"warta bench — {results['articles']} articles of ~{results['article_bytes']} bytes")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for stage, figures in results["stages"].items():
        line = (
            f"{figures['us_per_article']:,} µs/article · {figures['articles_per_s'] or 0:,} articles/s/core"
        )
        if figures.get("tokens_per_s"):
            line += f" · {figures['tokens_per_s']:,} tokens/s"
        table.add_row(f"stage {stage}", line)
    batch = results["batch"]
    table.add_row("batch (warta enrich, 1 process)", f"{batch['articles_per_s']:,} articles/s")
    table.add_row("langdetect alone, same articles", f"{batch['langdetect_articles_per_s']:,} articles/s")
    table.add_row("batch ÷ langdetect", f"{batch['ratio_to_langdetect']}×")
    table.add_row("start-up (import + models)", f"{batch['startup_s']} s")
    for row in results["story_state"]:
        table.add_row(
            f"story state at {row['articles']:,} articles",
            f"{row['assign_us']:,.0f} µs/assign · {row['memory_mb']:.0f} MB",
        )
    ceiling = results["broker_ceiling"]
    table.add_row("broker ceiling (no processing)", f"{ceiling['articles_per_s']:,} articles/s")
    for workers in (1, 2):
        s = results[f"streaming_{workers}_workers"]
        table.add_row(
            f"streaming, {workers} worker(s)",
            f"{s['articles_per_s']:,} articles/s · p50 {s['p50_ms']} ms · p99 {s['p99_ms']} ms",
        )
        table.add_row(
            f"  latency at 100 articles/s, {workers} worker(s)",
            f"p50 {s['p50_ms_at_100_per_s']} ms · p99 {s['p99_ms_at_100_per_s']} ms",
        )
        cpu = s["cpu_ms_per_article"]
        table.add_row(
            f"  CPU per article, {workers} worker(s)",
            f"worker {cpu['worker']} ms · pipeline processes {cpu['pipeline']} ms",
        )
        table.add_row(f"  peak RSS per process, {workers} worker(s)", f"{s['peak_rss_mb_per_process']} MB")
    table.add_row("peak RSS, bench process", f"{results['peak_rss_mb_bench_process']} MB")
    return table
