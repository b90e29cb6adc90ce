"""Use warta's pipeline as a library, without Kafka: enrich files and print what it found.

    python examples/enrich_files.py                 # the samples bundled with the package
    python examples/enrich_files.py page.html a.txt # your own files, one document each

Every document goes through the same stages as in the streaming worker (clean, language, entities,
events, stories). One ``StoryIndex`` is shared by all documents, so that articles about the same
story get the same story id, as they would on the ``news.stories`` topic.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from importlib.resources import files
from pathlib import Path

from warta import RawDocument, StageFailed, Story, StoryIndex, enrich


def bundled_samples() -> list[Path]:
    samples = files("warta") / "samples"
    return sorted(
        Path(str(sample)) for sample in samples.iterdir() if sample.name.endswith((".txt", ".html"))
    )


def documents(paths: Iterable[Path]) -> Iterator[RawDocument]:
    """One RawDocument per file, with the file name (no extension) as its id, like `warta enrich`."""
    for path in paths:
        content = path.read_text(encoding="utf-8")
        if path.suffix == ".html":
            yield RawDocument(id=path.stem, html=content)
        else:
            yield RawDocument(id=path.stem, text=content)


def main(arguments: list[str]) -> int:
    paths = [Path(argument) for argument in arguments] or bundled_samples()
    stories = StoryIndex()
    latest: dict[str, Story] = {}
    failed = 0
    for raw in documents(paths):
        try:
            result = enrich(raw, stories=stories)
        except StageFailed as error:  # a stage raised: the worker would dead-letter this document
            print(f"\n{raw.id}: {error}", file=sys.stderr)
            failed += 1
            continue
        article = result.article
        print(f"\n{article.id}  {article.title or '(no title)'}")
        print(f"  language  {article.language.code} ({article.language.confidence:.2f})")
        print(f"  text      {len(article.text)} characters kept, {len(article.removed)} segments removed")
        # An entity is found at every mention; list each one once, most mentioned first.
        mentions = Counter((entity.label, entity.canonical) for entity in article.entities)
        roles = {(e.label, e.canonical): e.role for e in reversed(article.entities) if e.role}
        for (label, canonical), count in mentions.most_common():
            role = f" ({roles[label, canonical]})" if (label, canonical) in roles else ""
            print(f"  entity    {label:<6} {canonical}{role} x{count}")
        for event in article.events:
            sources = ", ".join(a.canonical for a in event.actors if a.role == "source") or "?"
            targets = ", ".join(a.canonical for a in event.actors if a.role == "target") or "?"
            where = f" in {event.location}" if event.location else ""
            when = f" on {event.date}" if event.date else ""
            print(f"  event     {event.type:<12} {sources} -> {targets}{where}{when}  ({event.trigger!r})")
        print(
            f"  story     {article.story_id}"
            + (f" (duplicate of {article.duplicate_of})" if article.duplicate_of else "")
        )
        if result.story is not None:
            latest[result.story.id] = result.story

    print(f"\n{len(latest)} stories")
    for story in latest.values():
        print(f"  {story.id}  {len(story.articles)} article(s)  {story.title or ''}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
