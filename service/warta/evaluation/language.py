"""`warta eval language`: accuracy, confusions, calibration and speed of the language stage.

Reads one sentence per line from ``<code>[.name].txt`` files under the data folder (the language
is the file name before its first dot) and scores every sentence, then every document of
``--document`` consecutive sentences of one file, against langdetect (seeded) on the same text.
Speed is timed per sentence and per 4 KB article (built from the sentences), first with a cold word
cache, as a new worker has, then with a warm one, as a running worker has.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from warta.pipeline.language import detect_language, models

DATA = Path(__file__).resolve().parents[3] / "tests" / "data" / "language"
COLUMNS = ("id", "ms", "jv", "su", "en", "tl", "und")
ARTICLE_CHARS = 4096

Detector = Callable[[str], str]


def read_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def read_sets(folder: Path) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = defaultdict(list)
    for path in sorted(folder.rglob("*.txt")):
        sets[path.name.split(".")[0]] += read_lines(path)
    return dict(sets)


def file_table(folder: Path) -> list[str]:
    """Warta's accuracy per file, so that hand-written and real news sentences can be told apart."""
    lines = [f"{'file':<16}{'n':>6}{'warta':>12}"]
    for path in sorted(folder.glob("*.*.txt")):
        texts, code = read_lines(path), path.name.split(".")[0]
        lines.append(
            f"{path.name:<16}{len(texts):>6}{sum(ours(t) == code for t in texts) / len(texts):>12.1%}"
        )
    return lines


def documents(sentences: Sequence[str], size: int) -> list[str]:
    return [" ".join(sentences[i : i + size]) for i in range(0, len(sentences) - size + 1, size)]


def ours(text: str) -> str:
    return detect_language(text).code


def ours_hinted_indonesian(text: str) -> str:
    """As behind a crawler of Indonesian sites, whose every document comes hinted `id`."""
    return detect_language(text, hint="id").code


def langdetect_baseline() -> Detector:
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(0)

    def detect(text: str) -> str:
        session = factory.create()
        session.append(text)
        try:
            return session.detect().split("-")[0]
        except LangDetectException:
            return "und"

    return detect


def accuracy_table(sets: dict[str, list[str]], detectors: dict[str, Detector]) -> list[str]:
    names = list(detectors)
    lines = [f"{'language':<10}{'n':>6}" + "".join(f"{name:>12}" for name in names)]
    totals: Counter[str] = Counter()
    for code, texts in sets.items():
        row = f"{code:<10}{len(texts):>6}"
        for name, detect in detectors.items():
            correct = sum(detect(text) == code for text in texts)
            totals[name] += correct
            row += f"{correct / len(texts):>12.1%}"
        lines.append(row)
    count = sum(map(len, sets.values()))
    lines.append(f"{'all':<10}{count:>6}" + "".join(f"{totals[name] / count:>12.1%}" for name in names))
    return lines


def confusion_table(sets: dict[str, list[str]]) -> list[str]:
    lines = [f"{'gold':<8}" + "".join(f"{code:>6}" for code in (*COLUMNS, "other"))]
    for code in COLUMNS[:-1]:
        if code not in sets:
            continue
        found = Counter(detect_language(text).code for text in sets[code])
        other = sum(n for c, n in found.items() if c not in COLUMNS)
        lines.append(f"{code:<8}" + "".join(f"{found[c]:>6}" for c in COLUMNS) + f"{other:>6}")
    return lines


def calibration_table(sets: dict[str, list[str]]) -> list[str]:
    """Mean confidence against accuracy per confidence band: calibrated if the two agree."""
    bands: dict[float, list[tuple[float, bool]]] = defaultdict(list)
    for code, texts in sets.items():
        for text in texts:
            found = detect_language(text)
            if found.code != "und":
                bands[min(int(found.confidence * 10), 9) / 10].append((found.confidence, found.code == code))
    lines = [f"{'confidence':<12}{'n':>6}{'mean':>8}{'correct':>9}"]
    for low in sorted(bands):
        pairs = bands[low]
        mean = sum(c for c, _ in pairs) / len(pairs)
        correct = sum(ok for _, ok in pairs) / len(pairs)
        lines.append(f"{low:.1f}-{low + 0.1:.1f}{'':<5}{len(pairs):>6}{mean:>8.3f}{correct:>9.1%}")
    return lines


def milliseconds_each(texts: Sequence[str]) -> tuple[float, float]:
    """Mean time per text with a cold word cache (first sight of every word), then a warm one."""
    models().cache.clear()
    timings = []
    for _ in range(2):
        started = time.perf_counter()
        for text in texts:
            detect_language(text)
        timings.append((time.perf_counter() - started) * 1000 / len(texts))
    return timings[0], timings[1]


def articles(sentences: Sequence[str]) -> list[str]:
    built, current = [], ""
    for sentence in sentences:
        current = f"{current} {sentence}".strip()
        if len(current) >= ARTICLE_CHARS:
            built.append(current[:ARTICLE_CHARS])
            current = ""
    return built


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="warta eval language",
        description=__doc__,
        epilog="example: warta eval language --document 3",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--data", type=Path, default=DATA, help="folder of <code>.txt files (default: %(default)s)"
    )
    parser.add_argument(
        "--document", type=int, default=5, help="sentences per document (default: %(default)s)"
    )
    args = parser.parse_args(argv)

    sets = read_sets(args.data)
    detectors = {"warta": ours, "hint id": ours_hinted_indonesian, "langdetect": langdetect_baseline()}
    docs = {code: documents(texts, args.document) for code, texts in sets.items()}
    print("Sentences: share correct\n" + "\n".join(accuracy_table(sets, detectors)))
    print("\n".join(file_table(args.data)))
    print(f"\nDocuments of {args.document} sentences: share correct")
    print("\n".join(accuracy_table({c: d for c, d in docs.items() if d}, detectors)))
    print("\nSentences: gold language (rows) by warta's answer (columns)")
    print("\n".join(confusion_table(sets)))
    print("\nCalibration of warta's confidence on sentences")
    print("\n".join(calibration_table(sets)))
    every = [text for texts in sets.values() for text in texts]
    latin = [text for code in COLUMNS if code in sets for text in sets[code]]
    print(f"\n{'speed':<22}{'cold cache':>12}{'warm cache':>12}")
    for name, texts in (("ms per sentence", every), ("ms per 4 KB article", articles(latin))):
        cold, warm = milliseconds_each(texts)
        print(f"{name:<22}{cold:>12.3f}{warm:>12.3f}")
    return 0
