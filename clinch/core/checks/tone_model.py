"""The trained tone model: one logistic regression per tone code over the words of one sentence.

The phrase rules (``tone.py``) and cue classes (``cues.py``) know wordings and intents someone
wrote down; this model was trained on the labelled sentences in ``corpus/tone/`` (see
``docs/tone-corpus.md``) and reads what no list names. It scores one sentence (or one clause)
at a time, knowing the kind of note and where in the note the sentence stands.

Features, all hashed into ``2**bits`` buckets with CRC-32 (``feature_ids``):

* the distinct words and word pairs of the sentence, with start and end marks, digits read as 0
  (a word said ten times counts once: repetition cannot pile up a score);
* the letters of each distinct word in runs of 3 to 5, the word padded with spaces;
* the kind of note, the position (greeting, body, closing) and both together;
* the phrase rules and cue codes that fired in the sentence ("pushy|phrase:asap", and "pushy|any"
  for any rule of the code), so the model learns how far to trust each rule in each wording.

The word and letter blocks are each divided by their number of features to the power
``BLOCK_POWER``, so a long sentence does not outvote a short one, while one pointed clause in a
long sentence still counts (a power of 0.35 read the corpus better, by cross-validation, than the
usual square root); the context features weigh
``CONTEXT_SCALE`` each, so that the kind of note nudges a reading without deciding it (a
sentence of need reads as need in a status check too). ``scripts/train_tone.py`` (development only, with scikit-learn)
trains the models, picks each code's threshold by cross-validation for precision, and writes
``tone_model.json``; this module reads it with the standard library alone.

``ToneModel.scores`` is pure; its caches are bounded and only grow by whole entries, so it is
safe to share between threads.
"""

from __future__ import annotations

import base64
import json
import math
import os
import re
import zlib
from array import array

WEIGHTS_PATH = os.path.join(os.path.dirname(__file__), "tone_model.json")
CODES = ("desperate", "pushy", "passive-aggressive", "negative", "salary")
MODEL_KINDS = ("thank_you", "status_check", "rejection_reply", "keep_in_touch", "offer_reply")
POSITIONS = ("greeting", "body", "closing")
# A LinkedIn note is read like a thank-you: it is sent at the same moment, to the same people.
KIND_FOR_MODEL = {"linkedin_note": "thank_you"}

# Words (letters and digits, inner apostrophes and hyphens) and single marks that carry tone:
# "!", "?", currency signs, emoji. Plain punctuation is left out.
TOKEN = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*|[^\w\s.,;:'\"()\[\]{}<>/\\|*&^#@~`+=\-]")
_DIGITS = str.maketrans("123456789", "000000000")
MAX_TOKEN = 30  # longer runs of letters are cut: nothing longer is a word, and caches stay small
NGRAMS = (3, 4, 5)
CONTEXT_SCALE = 0.2  # the weight of each context feature (kind, position, rules fired)
_CACHE_ENTRIES = 20_000  # per cache: a few MB at most (an entry is a few hundred bytes; tokens are cut at MAX_TOKEN)


def tokens(lower: str, lo: int = 0, hi: int | None = None) -> list[tuple[str, int, int]]:
    """The tokens of ``lower[lo:hi]`` (folded, lower-cased text) with their spans; digits become 0."""
    hi = len(lower) if hi is None else hi
    text = lower[lo:hi].translate(_DIGITS)  # same length: spans stay put
    return [(m.group()[:MAX_TOKEN], lo + m.start(), lo + m.end()) for m in TOKEN.finditer(text)]


def _h(feature: str, mask: int) -> int:
    return zlib.crc32(feature.encode("utf-8")) & mask


def char_grams(word: str) -> list[str]:
    """The word's letter runs of 3 to 5, padded with spaces; none for a single mark like "!"."""
    if len(word) == 1 and not word.isalnum():
        return []
    padded = f" {word} "
    return [padded[i:i + n] for n in NGRAMS for i in range(len(padded) - n + 1)]


def feature_ids(words: list[str], kind: str, position: str, mask: int, rules: frozenset[str] = frozenset()) -> tuple[list[int], list[int], list[int]]:
    """The hashed features of one sentence, in three blocks: words, letters, and context (kind,
    position, and ``rules``, the "code|rule" names of the rules that fired in it).

    The reference definition: training uses it as is, ``ToneModel`` computes the same sums faster.
    """
    kind = KIND_FOR_MODEL.get(kind, kind)
    distinct = list(dict.fromkeys(words))
    word_block = [_h("w|" + w, mask) for w in distinct]
    word_block += [_h("b|" + a + " " + b, mask) for a, b in bigrams(words)]
    char_block = [_h("c|" + g, mask) for w in distinct for g in char_grams(w)]
    context = [_h(f, mask) for f in context_features(kind, position, rules)]
    return word_block, char_block, context


def context_features(kind: str, position: str, rules: frozenset[str]) -> list[str]:
    fired = sorted(rules | {r.split("|", 1)[0] + "|any" for r in rules})
    return ["K|" + kind, "P|" + position, "KP|" + kind + "|" + position, *("r|" + r for r in fired)]


# A block counts at least this many features when it is scaled, so that a fragment of two words
# ("your name") is not read with the confidence of a sentence.
MIN_BLOCK = 9
BLOCK_POWER = 0.35


def bigrams(words: list[str]) -> list[tuple[str, str]]:
    """The sentence's distinct word pairs, with its start and end marked."""
    marked = ["<s>", *words, "</s>"]
    return list(dict.fromkeys(zip(marked, marked[1:])))


def block_scale(n: int) -> float:
    return 1.0 / max(n, MIN_BLOCK) ** BLOCK_POWER if n else 0.0


class ToneModel:
    """The weights of one trained model and the thresholds chosen for them."""

    def __init__(self, data: dict):
        self.codes: tuple[str, ...] = tuple(data["codes"])
        self.bits: int = data["bits"]
        self.mask = (1 << self.bits) - 1
        self.thresholds: dict[str, float] = dict(data["thresholds"])  # the model alone: at or above, the sentence reads as the code
        self.rule_thresholds: dict[str, float] = dict(data["rule_thresholds"])  # where a rule of the code fired
        self.intercepts: tuple[float, ...] = tuple(data["intercepts"])
        self.meta = {k: data[k] for k in ("corpus_sha256", "rules_sha256", "config", "config_sha256", "trained_on", "cv") if k in data}
        self._scale = tuple(data["scale"])  # per code: a weight is its stored byte times this
        self._raw = array("b", zlib.decompress(base64.b64decode(data["weights"])))  # row by row, a byte per code
        index = array("i", zlib.decompress(base64.b64decode(data["index"])))
        # bucket -> its row, for the buckets that carry a weight (most of the space is empty). Rows are
        # turned into floats only when looked up, and then kept in the caches below: loading stays cheap.
        self._row = dict(zip(index, range(len(index))))
        self._zero = (0.0,) * len(self.codes)
        self._words: dict[str, tuple] = {}
        self._contexts: dict[tuple, list[float]] = {}  # (kind, position, rules) -> summed weights
        self._pairs: dict[tuple[str, str], tuple[float, ...] | None] = {}

    @classmethod
    def load(cls, path: str = WEIGHTS_PATH) -> ToneModel:
        with open(path, encoding="utf-8") as fh:
            return cls(json.load(fh))

    def clear_caches(self) -> None:
        """Forget the words, word pairs and contexts looked up so far (the next reading of each is cold)."""
        self._words.clear()
        self._pairs.clear()
        self._contexts.clear()

    @property
    def buckets(self):
        """The buckets that carry a weight."""
        return self._row.keys()

    def lookup(self, bucket: int) -> tuple[float, ...] | None:
        """The codes' weights of a bucket, or None for an empty one."""
        k = self._row.get(bucket)
        if k is None:
            return None
        at = k * len(self._scale)
        return tuple(b * s for b, s in zip(self._raw[at:at + len(self._scale)], self._scale))

    def weights(self, bucket: int) -> tuple[float, ...]:
        return self.lookup(bucket) or self._zero

    def _word(self, word: str) -> tuple:
        """A word's unigram weights, and its letter runs' summed weights and count (cached)."""
        entry = self._words.get(word)
        if entry is None:
            n, raw, rows, mask = len(self._scale), self._raw, self._row, self.mask
            grams = char_grams(word)
            at = [k * n for k in (rows.get(_h("c|" + g, mask)) for g in grams) if k is not None]
            # the stored bytes, added up first and scaled once
            chars = tuple(sum(raw[i + c] for i in at) * s for c, s in enumerate(self._scale))
            entry = (self.weights(_h("w|" + word, mask)), chars, len(grams))
            if len(self._words) < _CACHE_ENTRIES:
                self._words[word] = entry
        return entry

    def _pair(self, pair: tuple[str, str]) -> tuple[float, ...] | None:
        """A word pair's weights, or None (cached: notes reuse their pairs from keystroke to keystroke)."""
        try:
            return self._pairs[pair]
        except KeyError:
            w = self.lookup(_h("b|" + pair[0] + " " + pair[1], self.mask))
            if len(self._pairs) < _CACHE_ENTRIES:
                self._pairs[pair] = w
            return w

    def margins(self, words: list[str], kind: str, position: str, rules: frozenset[str] = frozenset()) -> tuple[float, ...]:
        """Each code's log-odds for the sentence made of ``words`` (as ``tokens`` gives them), in which
        ``rules`` fired (see ``feature_ids``)."""
        kind = KIND_FOR_MODEL.get(kind, kind)
        mask = self.mask
        entries = [self._word(w) for w in dict.fromkeys(words)]
        pairs = bigrams(words)
        n_pairs = len(pairs)
        pairs = [w for w in map(self._pair, pairs) if w is not None]
        key = (kind, position, rules)
        context_sum = self._contexts.get(key)
        if context_sum is None:
            context = [self.weights(_h(f, mask)) for f in context_features(kind, position, rules)]
            context_sum = [sum(col) for col in zip(self._zero, *context)]
            if len(self._contexts) < _CACHE_ENTRIES:
                self._contexts[key] = context_sum
        # Column sums over the codes: zip(*rows) keeps the loops in C.
        word_sum = [sum(col) for col in zip(self._zero, *(e[0] for e in entries), *pairs)]
        char_sum = [sum(col) for col in zip(self._zero, *(e[1] for e in entries))]
        ws, cs = block_scale(len(entries) + n_pairs), block_scale(sum(e[2] for e in entries))
        return tuple(
            b + ws * w + cs * c + CONTEXT_SCALE * x
            for b, w, c, x in zip(self.intercepts, word_sum, char_sum, context_sum)
        )

    def scores(self, words: list[str], kind: str, position: str, rules: frozenset[str] = frozenset()) -> dict[str, float]:
        """Each code's probability for the sentence made of ``words``, in which ``rules`` fired."""
        return {code: _sigmoid(m) for code, m in zip(self.codes, self.margins(words, kind, position, rules))}


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


_MODEL: ToneModel | None = None


def model() -> ToneModel:
    """The shipped model, loaded on first use."""
    global _MODEL
    if _MODEL is None:
        _MODEL = ToneModel.load()
    return _MODEL
