"""Text helpers shared by the check families.

``fold`` maps every character to exactly one character (diacritics dropped,
curly quotes and dashes straightened), so a span found in the folded text is
the same span in the original. Everything here is computed once per call of
``check`` and shared by the families through ``Doc``.
"""

from __future__ import annotations

import os
import re
import unicodedata
from bisect import bisect_right
from functools import cached_property

from clinch.core.bytecache import lru_bytes

_APOSTROPHES = "\u2019\u2018\u02bc\u2032\u0060\u00b4\u201b"
_QUOTES = "\u201c\u201d\u201e\u00ab\u00bb\u2033"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
# Letters NFKD leaves alone but a reader would type without the stroke.
_STROKES = {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "ħ": "h"}


class _FoldTable(dict):
    """A ``str.translate`` table filled lazily, one character at a time."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch in _APOSTROPHES:
            out = "'"
        elif ch in _QUOTES:
            out = '"'
        elif ch in _DASHES:
            out = "-"
        elif ch == "\u00a0":
            out = " "
        elif ch in _STROKES:
            out = _STROKES[ch]
        else:
            base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
            # Keep the original when the decomposition is not one character (ligatures, emoji).
            out = base if len(base) == 1 else ch
        self[code] = out
        return out


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """``text`` with diacritics dropped and quotes straightened; same length as ``text``."""
    if text.isascii():
        return text
    return text.translate(_TABLE)


def lower_same_length(text: str) -> str:
    """``text.lower()``, but never longer (a dotted capital I lowers to two characters)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower()[:1] for c in text)


WORD = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*")


def _load_words() -> frozenset[str]:
    # A plain open: importlib.resources would cost more start-up time than the whole check.
    with open(os.path.join(os.path.dirname(__file__), "common_words.txt"), encoding="utf-8") as fh:
        text = fh.read()
    words = set()
    for line in text.splitlines():
        if not line.startswith("#"):
            words.update(line.split())
    return frozenset(words)


COMMON_WORDS = _load_words()

# Words that carry no topic: a note that shares only these with a topic cites nothing.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours out over own same she should so
    some such than that the their theirs them then there these they this those through to too under until
    up very was we were what when where which while who whom why will with would you your yours yourself
    yourselves how way ways using use used new one two first lot much many""".split()
)


def stem(word: str) -> str:
    """A crude stem: "tests", "tested" and "testing" all give "test"."""
    w = word.lower().strip("'")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ied", "ers", "er", "es", "ed", "ly", "s", "e"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    return w[:6]


@lru_bytes(2 << 20)
def stem_keys(word: str) -> tuple[str, ...]:
    """Keys under which two forms of a word meet: its stem and its first six letters.

    "migration" and "migrating" share "migrat"; "tests" and "testing" share "test".
    """
    w = word.lower()
    return (stem(w), w[:6])


@lru_bytes(2 << 20)
def osa_distance(a: str, b: str, cutoff: int = 2) -> int:
    """Edit distance with adjacent swaps (optimal string alignment), or ``cutoff + 1`` once it is exceeded.

    Names and company words are short, so plain Python beats importing a library
    for one call per message.
    """
    if abs(len(a) - len(b)) > cutoff:
        return cutoff + 1
    if a == b:
        return 0
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > cutoff:
            return cutoff + 1
        prev2, prev = prev, cur
    return min(prev[-1], cutoff + 1)


# Words that open a greeting ("Dear Rafael,", "Hello Ana,", "Moin Tomás,", "Vanakkam Meghan,"): the
# recipient check reads the greeting after them, and the names check never takes one for a
# misspelt name. Lower case, diacritics dropped, as ``fold`` leaves them.
SALUTATIONS = (
    "dearest", "dear", "hi", "hello", "hey", "hiya", "heya", "howdy", "yo", "g'day", "greetings", "morning", "afternoon",
    "evening", "hola", "bonjour", "hallo", "ciao", "hej", "salut", "aloha", "namaste", "shalom", "salaam",
    # greetings of other regions and languages, used in English mail
    "namaskar", "namaskaram", "namaskara", "vanakkam", "adaab", "salam", "salaams", "marhaba", "merhaba", "ahlan", "moin",
    "servus", "gruezi", "liebe", "lieber", "ola", "oi", "bonsoir", "buongiorno", "buonasera", "hei", "moi", "tere", "szia",
    "ahoj", "zdravo", "privet", "jambo", "habari", "sawubona", "konnichiwa", "annyeong", "annyeonghaseyo", "kumusta",
    "mabuhay", "salamat", "sawasdee", "sawatdee", "goedemorgen", "goedendag", "wotcha", "alright", "respected", "yassou",
    "kalimera", "howzit", "hullo", "ello", "respectful", "esteemed",
)
# Greetings of more than one word, as regular expressions over the folded, lower-cased line.
GREETING_PHRASES = (
    r"good (?:morning|afternoon|evening|day)", r"kia ora", r"guten (?:tag|morgen|abend)", r"gru(?:ß|ss|s) (?:gott|dich|sie|euch)",
    r"buen(?:os|as) (?:dias|tardes|noches)", r"bom dia", r"boa (?:tarde|noite)", r"god (?:morgen|morgon|dag)",
    r"dzien dobry", r"dobry den", r"selamat (?:pagi|siang|sore|malam)", r"sat sri akal",
    r"(?:as-?|a)?sala(?:a)?m(?:u)?[ -](?:alaikum|alaykum|aleikum)", r"ni hao", r"xin chao", r"sawasdee (?:krub|ka|khrap)",
    r"top of the morning", r"greetings of the day", r"season'?s greetings", r"eid mubarak", r"merry christmas",
    r"happy (?:new year|holidays|diwali|holi|eid|pongal|onam|christmas|hanukkah|easter|lunar new year|monday|tuesday|"
    r"wednesday|thursday|friday|weekend)",
)

_ADDRESS_MARK = re.compile(r"@|://|www\.", re.IGNORECASE)
_CHUNK_TAIL = re.compile(r"[^\s<>()\[\]]*")
_CHUNK_HEAD = re.compile(r"[^\s<>()\[\]]*\Z")


def address_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` holds an email address or a link: each run of non-space characters (brackets
    excluded) with an "@" inside it, a "://" or a leading "www.". It starts from the marks, so a
    note without one costs a single search; a pattern that tried every position took most of a
    check's time on a long line."""
    spans: list[tuple[int, int]] = []
    for mark in _ADDRESS_MARK.finditer(text):
        if spans and mark.start() < spans[-1][1]:
            continue  # a second mark in the same run ("https://x.org/@me")
        lo = _CHUNK_HEAD.search(text, max(0, mark.start() - 320), mark.start()).start()
        hi = _CHUNK_TAIL.match(text, mark.end()).end()
        if _is_address(text[lo:hi]):
            spans.append((lo, hi))
    return spans


def _is_address(chunk: str) -> bool:
    return "@" in chunk[1:-1] or "://" in chunk or chunk[:4].lower() == "www."


def _inside(i: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    k = bisect_right(starts, i) - 1
    return k >= 0 and i < spans[k][1]


class Doc:
    """One message, prepared once: original, folded and lowered text, word tokens."""

    __slots__ = ("text", "folded", "lower", "__dict__")

    def __init__(self, text: str):
        self.text = text
        self.folded = fold(text)
        self.lower = lower_same_length(self.folded)

    @cached_property
    def tokens(self) -> list[tuple[str, int, int]]:
        """Every word of the folded text with its span, less the words of email addresses and links:
        "cand@example.com" is an address, not the company's name misspelt."""
        words = [(m.group(), m.start(), m.end()) for m in WORD.finditer(self.folded)]
        addresses = address_spans(self.folded)
        if not addresses:
            return words
        starts = [lo for lo, _ in addresses]
        return [w for w in words if not _inside(w[1], addresses, starts)]

    @cached_property
    def stems(self) -> set[str]:
        return {key for w, _, _ in self.tokens if w.lower() not in STOPWORDS for key in stem_keys(w)}

    @cached_property
    def word_count(self) -> int:
        return len(self.tokens)


# Where one clause of a sentence ends and the next begins: a comma, semicolon, colon, dash or
# bracket, or a word that opens a new clause ("..., but", "so", "because", "otherwise").
_CLAUSE_BREAK = re.compile(
    r"\s*[,;:()\u2013\u2014]\s*|\s+-+\s+"
    r"|\s+(?=(?:but|so|because|although|though|otherwise|or else|since|while|whereas|which|unless)\b)"
)


def clause_spans(lower: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The clauses of the sentence ``lower[lo:hi]`` (lower-cased text), as spans with at least one
    word each, in order; one span, the sentence, when it does not break."""
    spans, start = [], lo
    for m in _CLAUSE_BREAK.finditer(lower, lo, hi):
        if any(c.isalnum() for c in lower[start:m.start()]):
            spans.append((start, m.start()))
        start = m.end()
    if any(c.isalnum() for c in lower[start:hi]):
        spans.append((start, hi))
    return spans or [(lo, hi)]
