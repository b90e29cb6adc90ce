"""Language stage: which language a text is in, and how sure we are.

First version: langdetect, seeded so that it is deterministic, on a bounded sample of the text.
"""

from __future__ import annotations

from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException

from warta.records import Language

DetectorFactory.seed = 0

UNDETERMINED = Language(code="und", confidence=0.0)
SAMPLE_CHARS = 2000
MIN_LETTERS = 12


def detect_language(text: str, hint: str | None = None) -> Language:
    """Detect the language of ``text``; ``hint`` is the crawler's BCP-47 guess, used as a tie-breaker."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return UNDETERMINED
    try:
        best = detect_langs(sample)[0]
    except LangDetectException:
        return UNDETERMINED
    return Language(code=best.lang.split("-")[0], confidence=round(best.prob, 4))
