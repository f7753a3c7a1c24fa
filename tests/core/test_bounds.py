"""Bounded work: the decision-date reader and the checks take time in step with their input,
up to a ceiling, and the caches keyed on user text hold a bounded number of bytes.

The timing tests compare two sizes, ``n`` and ``2n``, of the same repeated text. Linear work
takes about twice as long on the double; quadratic work four times. Each side is the median
CPU time (this process only, so other work on the machine counts little) of interleaved runs,
each on a text no cache has seen; the test passes below three times, and measures again (up
to three times) before it fails. The engine's own limit on what it reads is lifted for the
doubling (``monkeypatch``) so the sizes can be large enough for a square to show; a separate
test proves the limit holds.
"""

from __future__ import annotations

import statistics
import time
from datetime import date
from itertools import product

import pytest

from clinch.core import limits, timeline
from clinch.core.bytecache import lru_bytes, size_of
from clinch.core.checks import check
from clinch.core.interview_file import load_interview
from tests.core.conftest import EXAMPLE, t

AFTER = t("2026-05-21T14:30:00-06:00")
RUNS = 5
LINEAR = 3.0  # time(2n) / time(n): 2 for linear work, 4 for quadratic
ATTEMPTS = 3
# Five-letter words of consonants: no date, name or phrase in any of them, one per run.
_NONCES = ["".join(p) for p in product("bcdfghjklmnpqrstvwxz", repeat=5)]

# What an attacker would repeat: each made one of the old reader's steps scan the whole text.
DATE_TEXTS = [
    "We'll decide by Friday, or maybe early next week after the panel on the 12th. ",
    "the 12th ",
    "today ",
    "next week, tuesday ",
    "we met on Monday and ",
    "2026-05-01 ",
    "in 2-3 weeks ",
]
NOTE_TEXTS = [
    "Dear Rafel, thank you for the chat about PIPELINES!!! I really NEED this job, please. [Name] :) ",
    "Hello ",
    "Rafel ",
    "x@y.z ",
    "I am desperate and need this job so badly, please let me know ASAP. ",
    "need I need I worried ",
]


def _text(unit: str, n: int, run: int) -> str:
    """``unit`` repeated to ``n`` characters, ended by a word no earlier run used (so no cache helps)."""
    nonce = " " + _NONCES[run * 7919 % len(_NONCES)]
    return (unit * (n // len(unit) + 1))[: n - len(nonce)] + nonce


_run = iter(range(10**9))


def _cpu_seconds(call, unit: str, n: int) -> float:
    text = _text(unit, n, next(_run))
    started = time.process_time()
    call(text)
    return time.process_time() - started


def growth(call, unit: str, n: int) -> float:
    """Median CPU time on ``2n`` characters over median time on ``n``, runs interleaved."""
    call(_text(unit, n, next(_run)))  # warm up: imports, compiled patterns
    small, large = [], []
    for _ in range(RUNS):
        small.append(_cpu_seconds(call, unit, n))
        large.append(_cpu_seconds(call, unit, 2 * n))
    return statistics.median(large) / max(statistics.median(small), 1e-6)


def assert_linear(call, unit: str, n: int) -> None:
    ratios = []
    for _ in range(ATTEMPTS):
        ratios.append(growth(call, unit, n))
        if ratios[-1] < LINEAR:
            return
    pytest.fail(f"doubling {unit!r} from {n:,} characters multiplied the time by {ratios} (linear: about 2)")


def read(text: str):
    return timeline.read_decision_date(text, after=AFTER, country="US")


@pytest.fixture(scope="module")
def interview():
    return load_interview(EXAMPLE)


@pytest.fixture
def unlimited(monkeypatch):
    """The engine reads everything it is given (its own limits lifted), to time the work itself."""
    monkeypatch.setattr(timeline, "READ_DATE_CHARS", 10**9)
    import clinch.core.checks as checks

    monkeypatch.setattr(checks, "CHECK_CHARS", 10**9)


@pytest.mark.parametrize("unit", DATE_TEXTS)
def test_reading_a_date_takes_time_in_step_with_the_text(unit, unlimited):
    assert_linear(read, unit, 8_000)


@pytest.mark.parametrize("unit", NOTE_TEXTS)
def test_checking_a_note_takes_time_in_step_with_the_note(unit, unlimited, interview):
    assert_linear(lambda text: check(text, interview=interview, to="rquinones@larkspur.example"), unit, 40_000)


def test_the_reader_reads_only_the_first_characters_of_a_long_text():
    unit = DATE_TEXTS[0]
    at_limit = _cpu_seconds(read, unit, limits.READ_DATE_CHARS)
    for _ in range(2):
        at_limit = min(at_limit, _cpu_seconds(read, unit, limits.READ_DATE_CHARS))
    far_past = min(_cpu_seconds(read, unit, 100 * limits.READ_DATE_CHARS) for _ in range(3))
    assert far_past < 3 * at_limit + 0.05  # copying the long text is all that is left
    tail = "x " * limits.READ_DATE_CHARS + "We'll decide by Friday."
    assert read(tail).date is None  # past the limit: not read
    assert read("We'll decide by Friday. " + "x " * limits.READ_DATE_CHARS).date == date(2026, 5, 22)


def test_a_note_past_the_limit_is_checked_up_to_it_and_flagged(interview):
    text = "Dear Rafael,\n\n" + "Thank you. " * (limits.CHECK_CHARS // 10) + "Rafel"
    findings = check(text, interview=interview, to="rquinones@larkspur.example")
    too_long = [f for f in findings if f.code == "too-long" and f.severity == "error"]
    assert too_long and f"{limits.CHECK_CHARS:,}" in too_long[0].message
    assert not any(f.code == "name-misspelled" for f in findings)  # "Rafel" is past what was read
    assert max(f.end for f in findings) == len(text)


def test_cut_ends_at_a_space_and_never_halves_a_word():
    assert limits.cut("by Friday", 100) == "by Friday"
    assert limits.cut("decide by Friday", 14) == "decide by"
    assert limits.cut("Friday", 3) == "Fri"  # one word longer than the limit: cut at the limit
    assert limits.cut("decide by\nFriday", 12) == "decide by"


# -- caches bounded in bytes --------------------------------------------------------------------

def test_a_byte_bounded_cache_holds_no_more_than_its_budget():
    calls = []

    @lru_bytes(64 * 1024)
    def shout(text: str) -> str:
        calls.append(text)
        return text.upper()

    for i in range(2_000):
        shout(f"{i} " + "x" * 500)  # about a megabyte of distinct texts and results
    info = shout.cache_info()
    assert info.bytes <= 64 * 1024 and 0 < info.entries < 2_000
    assert shout("1999 " + "x" * 500) == "1999 " + "X" * 500 and len(calls) == 2_000  # the newest is kept
    shout("0 " + "x" * 500)
    assert len(calls) == 2_001  # the oldest was dropped


def test_an_entry_too_big_for_the_cache_is_returned_but_not_kept():
    @lru_bytes(64 * 1024)
    def same(text: str) -> str:
        return text

    same("small")
    assert same("y" * 100_000) == "y" * 100_000
    info = same.cache_info()
    assert info.entries == 1 and info.bytes < 1_000


def test_the_readings_cache_stays_within_its_budget_whatever_it_is_fed():
    timeline._read.cache_clear()
    for i in range(300):
        read(f"{_NONCES[i]} " * 2_000)  # 300 distinct texts of 12 KB: 3.6 MB of keys
    info = timeline._read.cache_info()
    assert info.bytes <= info.max_bytes <= 4 << 20


def test_size_of_counts_what_a_value_holds():
    text = "z" * 10_000
    assert size_of((text, text)) < size_of((text, "w" * 10_000))  # one object counted once
    assert size_of(timeline.Reading(None, text, 0.1)) > 10_000
