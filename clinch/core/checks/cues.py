"""Tone by meaning: cue classes that co-occur in one sentence (``clinch/policy/tone_cues.toml``).

The phrase families (``tone.py``) know wordings; this layer knows intents. Each
sentence is tokenised once, each word reduced by a tiny suffix stemmer, and the
cue classes it holds are collected ("self", "need", "time_hard", "absence", ...).
A tone code sums the weights of the distinct classes present and flags the
sentence when its required classes are there, no veto class is, and the sum
reaches the code's threshold (the data file explains the rules). Some classes
are drawn from the VADER sentiment lexicon that the ``vaderSentiment`` package
ships, so a harsh word no list names is still read as harsh.

``cue_hits(lower, spans, kind)`` is pure; the lexicon is compiled once at import
and shared read-only, so it is safe to call from any thread.
"""

from __future__ import annotations

import os
import pickle
import re
import sys
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from clinch.core import usercache
from clinch.core.checks._text import WORD

CUES_PATH = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "policy", "tone_cues.toml")
NUMBER = "<number>"  # the key every token holding a digit also answers to
_WINDOW = 3  # words before a cue that a negator or a first-person word may stand in
_LONG_GAP = 12  # "left ~~ right": the right side may come later in the sentence
_NEAR = 4  # words either side of a cue that its `near` class may stand in
_DIGIT = re.compile(r"\d")
_SIBILANT_ES = ("ses", "xes", "zes", "ches", "shes")


def stem(word: str) -> tuple[str, ...]:
    """The keys a word answers to: its stem, and the stem plus "e" when "-ing"/"-ed" came off.

    "needs", "needed", "needing" -> "need"; "hoping" -> ("hop", "hope"); "worries" -> "worry".
    Crude on purpose: both the lexicon and the note go through it, so they meet.
    """
    w = word[:-2] if word.endswith("'s") else word
    if len(w) > 4 and w.endswith(("ies", "ied")):
        return (w[:-3] + "y",)
    if w.endswith(_SIBILANT_ES) and len(w) > 5:
        return (w[:-2],)
    for suffix in ("ing", "ed", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not w.endswith("ss"):
            w = w[: -len(suffix)]
            if suffix == "s":
                return (w,)
            if w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]  # "begging" -> "beg"
            return (w,) if w.endswith("e") else (w, w + "e")
    if len(w) > 3 and w.endswith("e"):
        return (w, w[:-1])  # "hope" meets "hoped" and "hoping", stored as "hop"
    return (w,)


def _key(word: str) -> str:
    return stem(word)[0]


@dataclass(frozen=True)
class Term:
    cls: str
    words: tuple[str, ...]  # stems; the first is the index key
    right: dict[str, tuple[tuple[str, ...], ...]] | None = None  # "left ~ right": what must follow, by first key
    gap: int = _WINDOW


@dataclass(frozen=True)
class Code:
    name: str
    require: tuple[frozenset[str], ...]
    weights: dict
    near_self: frozenset[str]
    near: dict  # class -> the class one of whose terms must stand within _NEAR words of it
    unless_after: dict  # class -> the class whose term within _WINDOW words before it cancels it
    negatable: frozenset[str]
    veto: frozenset[str]
    offer_veto: frozenset[str]
    offer_unless: frozenset[str]
    threshold: float
    reports: str  # the finding code it raises: two cue codes may raise one finding code
    kinds: frozenset[str] | None  # the message kinds it reads; None: every kind
    reason: str
    better: str
    sources: tuple[str, ...]

    @property
    def relevant(self) -> frozenset[str]:
        """Every class the code looks at (a sentence's other classes are skipped)."""
        return frozenset({*self.weights, *self.veto, *self.offer_veto, *self.offer_unless, *self.unless_after.values(), *self.near.values(), *(c for g in self.require for c in g)})


@dataclass(frozen=True)
class Hit:
    """One flagged sentence: the code, its span in the text, the cue classes that fired, and the advice."""

    code: str
    start: int
    end: int
    cues: tuple[str, ...]
    reason: str
    better: str
    sources: tuple[str, ...]
    rule: str = ""  # the cue code that raised it ("pushy_presume" reports "pushy")


class Lexicon:
    """Every class's terms, indexed by the stem of their first word."""

    def __init__(self, classes: dict[str, list[str]]):
        self.first: dict[str, list[Term]] = {}
        self.prefixes: list[tuple[str, str]] = []
        self.regexes: list[tuple[str, re.Pattern]] = []
        self.raw = {name: frozenset(words) for name, words in classes.items()}
        for cls, terms in classes.items():
            for term in terms:
                self._add(cls, term, classes)
        self.prefix_tuple = tuple(p for p, _ in self.prefixes)
        # Single words by their key; runs of words by their first two keys: a note's word pairs rarely hit.
        self.unigram: dict[str, tuple[Term, ...]] = {}
        self.bigram: dict[tuple[str, str], tuple[Term, ...]] = {}
        for key, terms in self.first.items():
            for t in terms:
                if len(t.words) == 1:
                    self.unigram[key] = (*self.unigram.get(key, ()), t)
                else:
                    self.bigram[(key, t.words[1])] = (*self.bigram.get((key, t.words[1]), ()), t)
        self.known = frozenset(k for t in (t for ts in self.first.values() for t in ts) for k in (*t.words, *(w for rs in (t.right or {}).values() for r in rs for w in r)))
        self._bigram_first = frozenset(a for a, _ in self.bigram)
        self._bigram_second = frozenset(b for _, b in self.bigram)
        self._word_cache: dict[str, tuple] = {}

    def _word(self, w: str) -> tuple:
        """A word's keys, the terms that may start at it, the classes its prefix gives, and its keys that may
        open or close a two-word run (cached: notes reuse words)."""
        entry = self._word_cache.get(w)
        if entry is None:
            keys = tuple(k for k in (*stem(w), "=" + w, *((NUMBER,) if any(c.isdigit() for c in w) else ())) if k in self.known)
            terms = tuple(t for k in keys for t in self.unigram.get(k, ()))
            prefixed = tuple(cls for p, cls in self.prefixes if w.startswith(p)) if w.startswith(self.prefix_tuple) else ()
            entry = (keys, terms, prefixed, tuple(k for k in keys if k in self._bigram_first), tuple(k for k in keys if k in self._bigram_second))
            if len(self._word_cache) < 50_000:  # bounded: a flood of odd tokens cannot grow it forever
                self._word_cache[w] = entry
        return entry

    def _phrases(self, side: str, classes: dict) -> list[tuple[str, ...]]:
        side = side.strip()
        if side.startswith("@"):
            return [p for t in classes[side[1:]] if "~" not in t and not t.startswith("re:") for p in self._phrases(t, classes)]
        return [tuple(w if w == NUMBER or w.startswith("=") else _key(w) for w in side.split())]

    def _add(self, cls: str, term: str, classes: dict) -> None:
        if term.startswith("re:"):
            self.regexes.append((cls, re.compile(term[3:])))
        elif term.endswith("*"):
            self.prefixes.append((term[:-1], cls))
        elif "~" in term:
            gap = _LONG_GAP if "~~" in term else _WINDOW
            left, right = term.replace("~~", "~").split("~")
            rights: dict[str, tuple[tuple[str, ...], ...]] = {}
            for phrase in set(self._phrases(right, classes)):
                rights[phrase[0]] = (*rights.get(phrase[0], ()), phrase)
            for words in self._phrases(left, classes):
                self.first.setdefault(words[0], []).append(Term(cls, words, rights, gap))
        else:
            for words in self._phrases(term, classes):
                self.first.setdefault(words[0], []).append(Term(cls, words))

    def classes_in(self, lower: str, lo: int, hi: int, regex_hits: frozenset[str] = frozenset()) -> tuple[list[str], dict[str, list[int]]]:
        """The sentence's words and, per class, the word positions where one of its terms starts (-1: a regex).

        ``regex_hits`` are the classes whose regular expressions match this sentence (see ``regex_classes``).
        """
        words = WORD.findall(lower, lo, hi)
        cache = self._word_cache
        entries = [cache.get(w) or self._word(w) for w in words]
        found: dict[str, list[int]] = {}
        last = len(entries) - 1
        bigram = self.bigram
        for i, (keys, terms, _, opens, _) in enumerate(entries):
            if not keys:
                continue
            if opens and i < last and entries[i + 1][4]:
                pairs = [t for a in opens for b in entries[i + 1][4] for t in bigram.get((a, b), ())]
                terms = (*terms, *pairs) if pairs else terms
            for term in terms:
                n = len(term.words)
                if n > 2 and (i + n > len(entries) or any(term.words[j] not in entries[i + j][0] for j in range(2, n))):
                    continue
                if term.right is not None and not _followed(entries, i + n, term.right, term.gap):
                    continue
                found.setdefault(term.cls, []).append(i)
        for i, entry in enumerate(entries):
            for cls in entry[2]:
                found.setdefault(cls, []).append(i)
        for cls in regex_hits:
            found.setdefault(cls, []).append(-1)
        return words, found

    def regex_classes(self, lower: str, spans: list[tuple[int, int]]) -> list[set[str]]:
        """Per sentence, the classes whose regular expressions match in it: one pass over the text per expression."""
        out: list[set[str]] = [set() for _ in spans]
        starts = [lo for lo, _ in spans]
        has_digit = _DIGIT.search(lower) is not None
        for cls, regex in self.regexes:
            if not has_digit and "\\d" in regex.pattern:
                continue  # it needs a digit and the note has none
            for m in regex.finditer(lower):
                out[bisect_right(starts, m.start()) - 1].add(cls)
        return out


def _followed(entries: list, start: int, rights: dict[str, tuple[tuple[str, ...], ...]], gap: int) -> bool:
    """Whether one of ``rights`` starts within ``gap`` words after ``start``."""
    for j in range(start, min(len(entries), start + gap + 1)):
        for key in entries[j][0]:
            for phrase in rights.get(key, ()):
                if j + len(phrase) <= len(entries) and all(phrase[k] in entries[j + k][0] for k in range(1, len(phrase))):
                    return True
    return False


def valence_words(max_valence: float, exclude: list[str]) -> list[str]:
    """Plain words of the VADER sentiment lexicon (MIT, shipped in the vaderSentiment package) rated at or
    below ``max_valence`` (-4 most negative), as exact-form terms, less ``exclude``.

    The lexicon lists inflected forms itself ("insulted", "insulting"), so no stemming is needed.
    """
    text = _vader_text().decode("utf-8")
    skip = frozenset(exclude)
    words = []
    for line in text.splitlines():
        word, valence = line.split("\t", 2)[:2]
        if float(valence) <= max_valence and word.isalpha() and word.islower() and len(word) > 2 and word not in skip:
            words.append("=" + word)
    return words


def _classes(data: dict) -> dict[str, list[str]]:
    """The lexicon's classes: the listed ones, plus those drawn from a sentiment lexicon (``[lexicons]``)."""
    classes = dict(data["classes"])
    for name, spec in data.get("lexicons", {}).items():
        classes[name] = [*classes.get(name, ()), *valence_words(spec["max_valence"], spec.get("except", []))]
    return classes


def _load(path: str = CUES_PATH) -> tuple[Lexicon, tuple[Code, ...], dict[str, tuple[frozenset[str], frozenset[str]]]]:
    """The lexicon, the codes, and per code the classes that clear a phrase finding (``[phrase_clears]``)."""
    import tomllib

    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    codes = tuple(
        Code(
            name=name,
            require=tuple(frozenset(g) for g in spec.get("require", ())),
            weights=dict(spec["weights"]),
            near_self=frozenset(spec.get("near_self", ())),
            near=dict(spec.get("near", {})),
            unless_after=dict(spec.get("unless_after", {})),
            negatable=frozenset(spec.get("negatable", ())),
            veto=frozenset(spec.get("veto", ())),
            offer_veto=frozenset(spec.get("offer_veto", ())),
            offer_unless=frozenset(spec.get("offer_unless", ())),
            threshold=float(spec["threshold"]),
            reports=spec.get("reports", name),
            kinds=frozenset(spec["kinds"]) if "kinds" in spec else None,
            reason=spec["reason"],
            better=spec["better"],
            sources=tuple(spec["sources"]),
        )
        for name, spec in data["codes"].items()
    )
    clears = {code: (frozenset(spec["when"]), frozenset(spec.get("unless", ())))
              for code, spec in data.get("phrase_clears", {}).items()}
    return Lexicon(_classes(data)), codes, clears


def _vader_text() -> bytes:
    # find_spec locates the package without importing it; importlib.resources would cost more
    # start-up time than the rest of the lexicon.
    from importlib.util import find_spec

    spec = find_spec("vaderSentiment")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("the vaderSentiment package is not installed (pip install vaderSentiment)")
    with open(os.path.join(spec.submodule_search_locations[0], "vader_lexicon.txt"), "rb") as fh:
        return fh.read()


def _load_cached(path: str = CUES_PATH):
    """``_load(path)``, kept between runs in the user's cache (``usercache``): building the lexicon
    is most of a command's start-up. The file is named by a hash of everything the build reads
    (the cue file, this module, the installed VADER lexicon, the Python version)."""
    with open(path, "rb") as fh, open(__file__, "rb") as me:
        sources = (fh.read(), me.read(), usercache.package_stamp("vaderSentiment", "vader_lexicon.txt"), sys.version.encode())
    cache = usercache.path("tone-cues", *sources, suffix=".pickle")
    kept = usercache.read(cache)
    if kept is not None:
        try:
            return pickle.loads(kept)
        except Exception:  # noqa: BLE001 - a truncated or stale file (classes since renamed) means: build it
            pass
    built = _load(path)
    usercache.keep(cache, pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL))
    return built


LEXICON, CODES, PHRASE_CLEARS = _load_cached()
_RELEVANT = {code.name: code.relevant for code in CODES}
_NEGATORS = LEXICON.raw["negator"]
_SELF = LEXICON.raw["self"]


def _counts(cls: str, at: list[int], words: list[str], found: dict[str, list[int]], code: Code) -> bool:
    """Whether some occurrence of ``cls`` counts: not negated when negatable, after "I" or near its `near` class when it must be."""
    # Sorted once, so each occurrence asks "is one within reach?" by bisection: a long sentence
    # with the same cue many times costs in step with its length, not with its length squared.
    partner = sorted(found.get(code.near[cls], ())) if cls in code.near else None
    canceller = sorted(found.get(code.unless_after[cls], ())) if cls in code.unless_after else ()
    for i in at:
        if partner is not None and not _any_within(partner, i - _NEAR, i + _NEAR):
            continue
        if _any_within(canceller, i - _WINDOW, i - 1):
            continue
        before = words[max(0, i - _WINDOW):i] if i >= 0 else []
        if cls in code.negatable and any(w in _NEGATORS for w in before):
            continue
        if cls in code.near_self and not any(w in _SELF for w in before):
            continue
        return True
    return False


def _any_within(positions: list[int], lo: int, hi: int) -> bool:
    """Whether the sorted ``positions`` hold one in ``lo``..``hi``."""
    k = bisect_left(positions, lo)
    return k < len(positions) and positions[k] <= hi


def score_sentence(words: list[str], found: dict[str, list[int]], code: Code) -> tuple[float, tuple[str, ...]]:
    """The code's score for one sentence and the classes behind it; 0 when a requirement is unmet or a veto holds."""
    present = {cls for cls, at in found.items() if cls in _RELEVANT[code.name] and _counts(cls, at, words, found, code)}
    if present & code.veto or any(not (group & present) for group in code.require):
        return 0.0, ()
    if present & code.offer_veto and not present & code.offer_unless:
        return 0.0, ()  # a third party's offer or deadline, stated without asking the reader for anything (F4)
    used = tuple(sorted(cls for cls in present if cls in code.weights))
    return sum(code.weights[cls] for cls in used), used


def cue_hits(lower: str, spans: list[tuple[int, int]], kind: str | None = None, codes: tuple[Code, ...] = CODES) -> list[Hit]:
    """Every sentence of ``lower`` (the folded, lower-cased text, cut at ``spans``) that a code reading
    ``kind`` flags (``None``: every code)."""
    hits = []
    codes = tuple(c for c in codes if kind is None or c.kinds is None or kind in c.kinds)
    by_regex = LEXICON.regex_classes(lower, spans) if LEXICON.regexes else [frozenset()] * len(spans)
    for (lo, hi), regex_hits in zip(spans, by_regex):
        while lo < hi and lower[lo].isspace():
            lo += 1
        if hi - lo < 4:
            continue
        words, found = LEXICON.classes_in(lower, lo, hi, regex_hits)
        if not found:
            continue
        for code in codes:
            if any(group.isdisjoint(found) for group in code.require):
                continue  # cheap first cut: a required class is missing altogether
            total, used = score_sentence(words, found, code)
            if used and total >= code.threshold:
                hits.append(Hit(code.reports, lo, hi, used, code.reason, code.better, code.sources, code.name))
    return hits
