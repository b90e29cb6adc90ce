"""Language stage: which language a text is in, and how sure we are.

Off-the-shelf detectors are good at Indonesian or at its neighbours, never both, so two naive Bayes
models read the same words and character n-grams of a bounded sample of the text:

- the *profile* model is langdetect's own n-gram statistics for its 55 languages, plus profiles of
  Malay, Javanese and Sundanese made the same way from warta's training text, scored over every
  n-gram instead of langdetect's random draws: deterministic, and some twenty times faster. It
  tells the Indonesian neighbourhood (id, ms, jv, su, tl, en) from every other language;
- the *neighbour* model (``models/language``, built by ``scripts/train_language.py``) then chooses
  among Indonesian, Malay, Javanese, Sundanese, Tagalog and English, where word evidence such as
  "tidak"/"tak", "kerana" or "ora" decides what character statistics cannot. Its word features
  include a Malay-versus-Indonesian vote for some 13,600 clearly one-sided frequent words, distilled
  at training time from wordfreq's large-corpus frequency lists, and a prior toward Indonesian, warta's usual
  language, so that Malay must be clearly evidenced to win (a crawler's hint lifts that prior).

Both models' scores are divided by temperatures fitted on text they were not trained on, so the
confidence is a calibrated probability. Text mostly in another script is told by its script where
that belongs to one language (kana, Hangul, Han, Thai), else by langdetect itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from warta.records import Language

UNDETERMINED = Language(code="und", confidence=0.0)
MODEL = Path(__file__).resolve().parents[1] / "models" / "language" / "neighbours.npz"

WINDOW_CHARS = 300
"""Long texts are read in three windows (start, middle, end): enough evidence, bounded time."""
MIN_LETTERS = 10
MIN_CONFIDENCE = 0.5
MIN_COMMON_WORDS = 3
"""Fewer words left once names are set aside, and the names are kept as evidence after all."""
CHUNK_WORDS = 12
"""Mixed text is found by classifying chunks of this many words and measuring their agreement."""
KIN = frozenset({"id", "ms"})
"""Languages that share most of their words: a chunk of shared words in a Malay text may well read
as Indonesian, which makes the text ambiguous in places, not mixed."""
CACHE_WORDS = 200_000
HINT_ODDS = 3.0
"""The crawler's hint multiplies the odds of its language: it tips close calls, never overrules text."""
NEIGHBOURHOOD = frozenset({"id", "ms", "jv", "su", "tl", "en"})
"""Profile languages whose text the neighbour model classifies more finely."""
MAX_NGRAM = 4
PROFILE_FLOOR = 1e-6
"""Probability of an n-gram missing from a langdetect profile (profiles keep frequent n-grams only)."""

_WORD = re.compile(r"[^\W\d_]+")
_NOT_PROSE = re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+|[@#]\w+")
"""Web and e-mail addresses, handles and hashtags: words of no language, which news text holds
("simak di https://www.kompas.com/read/…", "#JokowiDiHanoi")."""
_ADDRESS_MARKS = ("://", "www.", "@", "#")
"""What every match of ``_NOT_PROSE`` holds. Most texts hold none, and looking for these takes ~1 µs
where the pattern takes ~30 on a 4 KB article's sample."""
_WORD_AFTER_WORD = re.compile(r"(?<=[^\W\d_]) ([^\W\d_]+)")
_SCRIPTS = (
    (re.compile("[\u3040-\u30ff]"), "ja"),  # kana: Japanese, even among Chinese characters
    (re.compile("[\uac00-\ud7a3]"), "ko"),  # Hangul
    (re.compile("[\u4e00-\u9fff]"), "zh"),  # Han without kana or Hangul
    (re.compile("[\u0e00-\u0e7f]"), "th"),
)
SCRIPT_CONFIDENCE = 0.99
_ALIASES = {
    "in": "id",
    "ind": "id",
    "msa": "ms",
    "may": "ms",
    "zsm": "ms",
    "zlm": "ms",
    "jw": "jv",
    "jav": "jv",
    "sun": "su",
    "eng": "en",
    "tgl": "tl",
    "fil": "tl",
    "zh-cn": "zh",
    "zh-tw": "zh",
}
"""Old, three-letter and langdetect codes that name the ISO 639-1 languages warta reports."""


def words(text: str) -> list[str]:
    """Lower-cased runs of letters: digits, punctuation and symbols carry no language."""
    return _WORD.findall(text.lower())


def _names(text: str) -> set[str]:
    """Capitalised words inside a sentence: names ("Joko Widodo", "Hanoi") say nothing of the language."""
    return {word.lower() for word in _WORD_AFTER_WORD.findall(text) if word[0].isupper()}


def word_features(word: str) -> list[str]:
    """The word itself (``_kerana``) and its character 1- to 4-grams, padded at the word edges."""
    padded = f" {word} "
    grams = [padded[i : i + n] for n in range(1, MAX_NGRAM + 1) for i in range(len(padded) - n + 1)]
    return [f"_{word}", *(gram for gram in grams if gram != " ")]


def _is_latin(word: str) -> bool:
    return word.isascii() or all(ord(ch) < 0x250 or 0x1E00 <= ord(ch) < 0x1F00 for ch in word)


def _normal_code(code: str | None) -> str | None:
    """``id-ID``, ``in``, ``ind`` → ``id``; unknown shapes pass through lower-cased."""
    if not code:
        return None
    code = code.strip().lower().replace("_", "-")
    if code in _ALIASES:
        return _ALIASES[code]
    primary = code.split("-")[0]
    return _ALIASES.get(primary, primary)


@dataclass(frozen=True, eq=False)
class Models:
    """Both models over one feature index, so that a word is looked up and scored once."""

    index: dict[str, int]
    weights: np.ndarray
    """Log-probabilities, one row per feature: profile languages first, then neighbour languages."""
    profile_codes: tuple[str, ...]
    neighbour_codes: tuple[str, ...]
    in_neighbourhood: np.ndarray
    neighbour_prior: np.ndarray
    """Raw log-score added to each neighbour language: Malay must be clearly evidenced to beat
    Indonesian, warta's usual language."""
    profile_temperature: float
    neighbour_temperature: float
    detector: DetectorFactory
    cache: dict[str, np.ndarray] = field(default_factory=dict)
    """Scores of words seen before: news repeats its words, so most lookups end here."""

    def word_scores(self, words: list[str]) -> np.ndarray:
        """One row of summed feature scores per word; unseen words are scored in one batch."""
        unseen = [word for word in dict.fromkeys(words) if word not in self.cache]
        if unseen:
            if len(self.cache) > CACHE_WORDS:
                self.cache.clear()
            # Every word also has the empty feature (a row of zeros), so none is left without a row.
            rows = [[self.index[f] for f in ["", *word_features(word)] if f in self.index] for word in unseen]
            starts = np.cumsum([0, *map(len, rows[:-1])])
            sums = np.add.reduceat(self.weights[[row for word_rows in rows for row in word_rows]], starts)
            self.cache.update(zip(unseen, sums, strict=True))
        return np.stack([self.cache[word] for word in words])

    def decide(self, scores: np.ndarray, hint: str | None = None) -> list[tuple[str, float]]:
        """The language and its probability for each row of summed word scores."""
        split = len(self.profile_codes)
        hinted = self.in_neighbourhood if hint in self.neighbour_codes else _mask(self.profile_codes, hint)
        profile = _log_softmax(scores[:, :split] / self.profile_temperature + np.log(HINT_ODDS) * hinted)
        hinted_neighbour = _mask(self.neighbour_codes, hint)
        # A hint names this document's likely language better than warta's usual one does: the
        # hinted language starts level with the most expected, then its odds are multiplied.
        prior = np.where(hinted_neighbour, self.neighbour_prior.max(), self.neighbour_prior)
        neighbour = _log_softmax(
            (scores[:, split:] + prior) / self.neighbour_temperature + np.log(HINT_ODDS) * hinted_neighbour
        )
        verdicts = []
        for row, (best, local) in enumerate(
            zip(profile.argmax(axis=1), neighbour.argmax(axis=1), strict=True)
        ):
            if self.in_neighbourhood[best]:
                verdicts.append((self.neighbour_codes[local], float(np.exp(neighbour[row, local]))))
            else:
                code = self.profile_codes[best]
                verdicts.append((_ALIASES.get(code, code), float(np.exp(profile[row, best]))))
        return verdicts


def _log_softmax(z: np.ndarray) -> np.ndarray:
    shifted = z - z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def _mask(codes: tuple[str, ...], code: str | None) -> np.ndarray:
    return np.array([c == code for c in codes])


@cache
def models(path: Path = MODEL) -> Models:
    """Load the neighbour model and the profiles (langdetect's and ours) once per process."""
    detector = DetectorFactory()
    detector.load_profile(PROFILES_DIRECTORY)
    detector.set_seed(0)
    with np.load(path) as saved:
        neighbour_codes = tuple(str(c) for c in saved["classes"])
        features = [str(f) for f in saved["features"]]
        log_prob = saved["log_prob"]
        temperatures = saved["temperatures"]
        priors = saved["priors"].astype(np.float32)
        extra_codes = [str(c) for c in saved["profile_classes"]]
        extra = dict(zip((str(g) for g in saved["profile_grams"]), saved["profile_probs"], strict=True))
    profile_codes = tuple(sorted([*detector.langlist, *extra_codes]))
    langdetect_columns = [profile_codes.index(code) for code in detector.langlist]
    extra_columns = [profile_codes.index(code) for code in extra_codes]
    profile_grams: dict[str, np.ndarray] = {}
    for source, columns in ((detector.word_lang_prob_map, langdetect_columns), (extra, extra_columns)):
        for gram, probs in source.items():
            if _is_latin(gram):  # other scripts go to langdetect itself
                row = profile_grams.setdefault(gram.lower(), np.zeros(len(profile_codes)))
                row[columns] += probs

    index = {feature: row for row, feature in enumerate(features)}
    index[""] = len(index)
    for gram in profile_grams:
        index.setdefault(gram, len(index))
    weights = np.zeros((len(index), len(profile_codes) + len(neighbour_codes)), dtype=np.float32)
    weights[: len(features), len(profile_codes) :] = log_prob
    for gram, probs in profile_grams.items():
        weights[index[gram], : len(profile_codes)] = np.log(np.maximum(probs, PROFILE_FLOOR))
    return Models(
        index=index,
        weights=weights,
        profile_codes=profile_codes,
        neighbour_codes=neighbour_codes,
        in_neighbourhood=np.array([code in NEIGHBOURHOOD for code in profile_codes]),
        neighbour_prior=priors,
        profile_temperature=float(temperatures[0]),
        neighbour_temperature=float(temperatures[1]),
        detector=detector,
    )


def sample(text: str) -> str:
    """The whole text if short, else three windows of it: the time per article stays bounded."""
    if len(text) <= 3 * WINDOW_CHARS:
        return text
    middle = (len(text) - WINDOW_CHARS) // 2
    return " ".join(text[start : start + WINDOW_CHARS] for start in (0, middle, len(text) - WINDOW_CHARS))


def _other_script(text: str, hint: str | None, detector: DetectorFactory) -> Language:
    """Scripts that belong to one language decide alone; langdetect, seeded, reads the others."""
    for script, code in _SCRIPTS:
        if script.search(text):
            return Language(code=code, confidence=SCRIPT_CONFIDENCE)
    session = detector.create()
    session.append(text[:WINDOW_CHARS])
    try:
        guesses = session.get_probabilities()
    except LangDetectException:
        return UNDETERMINED
    probabilities: dict[str, float] = {}
    for guess in guesses:
        code = _normal_code(guess.lang) or "und"
        probabilities[code] = probabilities.get(code, 0.0) + guess.prob
    if hint in probabilities:
        probabilities[hint] *= HINT_ODDS
    best = max(probabilities, key=probabilities.__getitem__)
    return _verdict(best, probabilities[best] / sum(probabilities.values()))


def _agree(chunk: str, whole: str) -> bool:
    return chunk == whole or {chunk, whole} <= KIN


def _verdict(code: str, confidence: float) -> Language:
    confidence = round(min(max(confidence, 0.0), 1.0), 4)
    return Language(code=code if confidence >= MIN_CONFIDENCE else "und", confidence=confidence)


def detect_language(text: str, hint: str | None = None) -> Language:
    """Detect the language of ``text``; ``hint`` is the crawler's BCP-47 guess, used as a prior."""
    sampled = sample(text)
    if any(mark in sampled for mark in _ADDRESS_MARKS):
        sampled = _NOT_PROSE.sub(" ", sampled)
    found = words(sampled)
    letters = sum(map(len, found))
    if letters < MIN_LETTERS or letters < sum(map(str.isdigit, sampled)):
        return UNDETERMINED
    hint = _normal_code(hint)
    model = models()
    latin = [word for word in found if _is_latin(word)]
    if 2 * sum(map(len, latin)) < letters:
        return _other_script(sampled, hint, model.detector)
    names = _names(sampled)
    common = [word for word in latin if word not in names]
    latin = common if len(common) >= MIN_COMMON_WORDS else latin
    per_word = model.word_scores(latin)
    [(code, confidence)] = model.decide(per_word.sum(axis=0, keepdims=True), hint)
    if len(latin) >= 2 * CHUNK_WORDS:
        chunks = np.add.reduceat(per_word, np.arange(0, len(latin), CHUNK_WORDS))
        confidence *= float(np.mean([_agree(chunk_code, code) for chunk_code, _ in model.decide(chunks)]))
    return _verdict(code, confidence)
