"""What the interviewer said -> the decision date it implies.

``read_decision_date("we'll decide by Friday", after=ends_at, tz=..., country=...)``
reads a phrase with a small grammar of regular expressions over the lower-cased
text and returns a ``Reading``. The conventions, all relative to the interview's
local date ``B`` (``after`` seen in ``tz``, else in its own offset):

* A bare weekday ("by Friday", "on Monday") is the first such day strictly after
  ``B``: on a Thursday "by Friday" is tomorrow, on a Friday it is a week later.
  "this Friday" may be ``B`` itself. "next Friday" / "Friday next week" is the
  Friday of the calendar week (Monday to Sunday) after ``B``'s week.
* Weeks: beginning -> Monday, early -> Tuesday, mid -> Wednesday, late/end or
  the bare week -> Friday ("end of next week", "early next week", "this week").
* Months: early/beginning -> the 10th, mid -> the 15th, late/end or "in March"
  -> the last day; "by March" -> March 1st; "the first (second, third) week of
  March" -> the Friday of the week holding March's first working day (then the
  next weeks'). "early next month", "end of the month", "mid-March" follow the
  same scale. "the week commencing the 16th", "w/c 23rd March", "the week of
  May 4th" -> that week's Friday.
* Quarters and years: "end of Q1", "by the end of the quarter" -> its last day.
* Durations count from ``B``: "in 2-3 weeks" takes the later end; "within 10
  business days" skips weekends and ``country``'s public holidays; "a couple
  of weeks" is 2, "a few days" is 3. Anchored spans count from their day: "a
  week from Monday", "two weeks on Tuesday", "a week today", "Monday week".
  Time gone by is no date: "two weeks ago", "the last three days", "I've been
  there for 3 years".
* "the 12th" is the next 12th on or after ``B``. Dates without a year are the
  next occurrence on or after ``B``; "3/15" is month/day in the US (and CA, PH,
  FM, PW, MH), day/month elsewhere; "15.03.2027" is always day.month.year.
* A preceding "after" moves a date one day later ("after the board meeting on
  April 2nd" -> April 3rd: the decision cannot come before the meeting); a
  preceding "before" moves it one day earlier ("before Thanksgiving").
* Several dates in one phrase: the latest wins (never check in too early, F4);
  "the following Monday" after another date counts from that date.
* "today", "EOD", "this afternoon" -> ``B`` when the sentence speaks of what
  is to come ("we'll decide today"), not "great chatting with you today";
  "EOW", "EOM", "EOQ" -> the end of this week, month, quarter; "a fortnight"
  is two weeks.
* Public holidays by name, and days around them: "before Thanksgiving", "the
  Monday after Thanksgiving", "the week after Christmas"; Easter is its long
  weekend (Good Friday; "after Easter" -> the Tuesday). "after the holidays"
  said from mid-November to early January -> the first working day of the
  new year; said at other times it gives no date.
* Shorthand and slips are read as meant: "tmrw", "nxt wk", "by Wed", "2 wks",
  "fridya", "teh" (two letters swapped in a date word).
* "we'll circle back", "soon", "we'll be in touch": no date, low confidence.
* Nothing returned is ever before ``B`` nor more than ten years after it.

dateparser is imported only as a last resort, for text with digits that the
grammar could not place, and its reading counts only when it names a month or
a full year (confidence 0.4). Readings are cached per (text, day, country), in
a cache bounded in bytes.

Bounded work: only the first ``READ_DATE_CHARS`` characters are read (ended at a
space), the last resort reads only the first ``_FALLBACK_CHARS``, and what decides
whether a date is said of the past, or is shifted by an "after" before it, is
looked for within ``_CLAUSE_REACH`` characters of the date. So the time a reading
takes grows in step with the text, up to a fixed ceiling (tests/core/test_bounds.py).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from clinch.core import calendar as cal
from clinch.core.bytecache import lru_bytes
from clinch.core.limits import DECISION_HORIZON_DAYS, READ_DATE_CHARS, cut, plausible_year

DAY = timedelta(days=1)
_HORIZON = timedelta(days=DECISION_HORIZON_DAYS)  # further than this is not a hiring decision
# A sentence longer than this is read as ending there: words further off do not qualify a date
# ("we met ...", "after ..."), and a sentence with no full stop costs no more than a short one.
_CLAUSE_REACH = 400
_FALLBACK_CHARS = 200  # dateparser is slow (milliseconds a number): it reads no more than this


@dataclass(frozen=True)
class Reading:
    """A decision date (or None), the words that gave it, and how sure the reading is (0..1)."""

    date: date | None
    matched: str
    confidence: float


def read_decision_date(
    text: str, *, after: datetime, tz: str | None = None, country: str = "US"
) -> Reading:
    """The decision date ``text`` implies, relative to ``after``'s local date (see the module doc).

    ``after`` must be zone-aware, in the years 1970 to 2200. Raises ``ValueError`` for
    a naive or implausible ``after``, an unknown ``tz`` or a country without a holiday
    calendar. Only the first ``READ_DATE_CHARS`` characters of ``text`` are read.
    """
    if after.tzinfo is None or after.utcoffset() is None:
        raise ValueError("after needs a UTC offset")
    if not plausible_year(after.year):
        raise ValueError(f"after: year {after.year} is not a plausible interview year")
    base = after.astimezone(cal.zone(tz)).date() if tz else after.date()
    country = cal.check_country(country)
    return _read(cut(text or "", READ_DATE_CHARS), base, country)


@lru_bytes(4 << 20)
def _read(text: str, base: date, country: str) -> Reading:
    plain = _normalize(text)
    norm, back = _spell_out(plain)
    found: list[tuple[date, int, int, float]] = []
    taken = _Taken()
    present = _features(norm)
    for regex, handler, trigger in _patterns(country):
        if trigger is not None and trigger.isdisjoint(present):
            continue
        for match in regex.finditer(norm):
            span = match.span()
            if span[0] == span[1] or taken.overlaps(*span):
                continue
            try:
                result = handler(match, base, country)
            except (ValueError, OverflowError):  # "in 9999 years": past the calendar's end
                result = None
            if result is None:
                continue
            taken.add(*span)
            day, confidence = result
            if day is not None and _said_of_the_past(norm, *span):
                day, confidence = None, 0.1
            if day is None:  # vague words: claim the span, give no date
                found.append((None, *span, confidence))
                continue
            start, day = _apply_week_of(norm, span[0], span[1], day)
            start, day = _apply_preposition(norm, start, day, base)
            if base <= day <= base + _HORIZON:
                found.append((day, start, span[1], confidence))
    dated = _narrowed_week(norm, _following_earlier(norm, [f for f in found if f[0] is not None]), base)
    if dated:
        day, start, end, confidence = max(dated, key=lambda f: (f[0], f[3]))
        return Reading(day, _words(text, plain, back[start], back[end - 1] + 1), confidence)
    if found:
        _, start, end, confidence = found[0]
        return Reading(None, _words(text, plain, back[start], back[end - 1] + 1), confidence)
    return _fallback(text, base)


class _Taken:
    """The spans the grammar has claimed, sorted and never overlapping: whether a new span is
    free is one bisection, not a look at every span (a long text has thousands)."""

    def __init__(self):
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end)  # the spans that start before ``end``: the last ends latest
        return i > 0 and self.ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        i = bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


_FOLLOWING_WEEKDAY = re.compile(r"(?:the\s+)?following\s+(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")
_FOLLOWING_DAY = re.compile(r"(?:the\s+)?(?:following|next)\s+day\b|the\s+day\s+after\b")


def _following_earlier(norm: str, dated: list[tuple]) -> list[tuple]:
    """"Maybe Wednesday, maybe the following Monday", "on the 28th, and the following day": a
    "following" weekday or day after another date counts from that date, not from the interview."""
    by_start = sorted(dated, key=lambda f: f[1])
    starts = [f[1] for f in by_start]
    latest: list[date] = []  # latest[k]: the latest day among the first k + 1 by start
    for f in by_start:
        latest.append(max(latest[-1], f[0]) if latest else f[0])
    out = []
    for day, start, end, confidence in dated:
        earlier = bisect_left(starts, start)  # how many start before this one
        if earlier:
            m = _FOLLOWING_WEEKDAY.match(norm, start)
            if m:
                day = _next_weekday(latest[earlier - 1], _WEEKDAYS[m["wd"]])
            elif _FOLLOWING_DAY.match(norm, start):
                day = latest[earlier - 1] + DAY  # "the panel sits on the 28th and we'll call the following day"
        out.append((day, start, end, confidence))
    return out


_WEEK_SPAN = re.compile(r"\bweek\b")
# "next week, probably Tuesday", "next week - Tuesday at the latest": a weekday right after a week
# names the day within that week.
_WEEK_NARROWED_TO = re.compile(
    r"\s*(?:[,;:]|-+|\.\.\.)\s*(?:(?:maybe|probably|likely|most likely|perhaps|possibly|hopefully|ideally|say|i think|we think)\s*,?\s+)?"
    r"(?:on\s+|by\s+)?(?:the\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday)\b"
)


def _narrowed_week(norm: str, dated: list[tuple], base: date) -> list[tuple]:
    """A week followed by a weekday ("next week, maybe Tuesday") reads as that weekday of that week;
    the weekday is not read a second time on its own."""
    out: list[tuple | None] = list(dated)
    at: dict[int, list[int]] = {}  # start -> where readings starting there are in ``out``
    for i, f in enumerate(dated):
        at.setdefault(f[1], []).append(i)
    for day, start, end, confidence in dated:
        m = _WEEK_NARROWED_TO.match(norm, end)
        if m is None or not _WEEK_SPAN.search(norm, start, end):
            continue
        narrowed = _week_start(day) + timedelta(days=_WEEKDAYS[m["wd"]])
        if narrowed < base:
            continue  # "this week, maybe Monday" said on a Thursday: the week is all that is left
        # The week and the weekday read on its own give way to the narrowed reading.
        for position in (start, *range(end, m.end())):
            for i in at.pop(position, ()):
                out[i] = None
        at.setdefault(start, []).append(len(out))
        out.append((narrowed, start, m.end(), confidence))
    return [f for f in out if f is not None]


# -- normalising and matched words ------------------------------------------------------

_CHAR_MAP = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                           "\u2013": "-", "\u2014": "-", "\u00a0": " ", "\t": " ", "\n": " "})


def _normalize(text: str) -> str:
    """Lower-case and plain punctuation, one character for one so spans map back to ``text``."""
    mapped = text.translate(_CHAR_MAP)
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in mapped)


# Shorthand and slips a recruiter's message holds, spelt out before the grammar reads it.
_SHORTHAND = {
    "tmrw": "tomorrow", "tmr": "tomorrow", "tmrow": "tomorrow", "tmw": "tomorrow", "2moro": "tomorrow",
    "2morrow": "tomorrow", "tomorow": "tomorrow", "tommorow": "tomorrow", "tommorrow": "tomorrow", "tomoz": "tomorrow",
    "nxt": "next", "wk": "week", "wks": "weeks", "wkend": "weekend", "fortnite": "fortnight", "mnth": "month",
    "mth": "month", "mths": "months", "mnths": "months", "hrs": "hours", "hr": "hour", "biz": "business",
    "tdy": "today", "2day": "today", "chrissy": "christmas", "labour": "labor", "thru": "through", "til": "till", "bday": "business day",
    "bdays": "business days", "b-days": "business days",
}
# Words whose slip by two swapped letters ("fridya", "teh") is read as the word.
_TYPO_TARGETS = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "june", "july", "august", "september", "october", "november", "december", "the", "next", "week",
    "weeks", "month", "months", "tomorrow", "business", "working", "fortnight", "days", "within", "until",
)
_SWAPS = {w[:i] + w[i + 1] + w[i] + w[i + 2:]: w for w in _TYPO_TARGETS for i in range(len(w) - 1) if w[i] != w[i + 1]}
# ... or by one letter dropped ("thurday", "febuary"), in the longer words only ("woking" is a town).
_SWAPS |= {w[:i] + w[i + 1:]: w for w in _TYPO_TARGETS if len(w) >= 6 and w != "working" for i in range(len(w))}
for _word in _TYPO_TARGETS:  # a slip that makes another real target ("weeks" -> "week") is not a slip
    _SWAPS.pop(_word, None)
# Runs of words read as other words. "not before the 15th" and "on or after the 15th" name the
# earliest day, as "from the 15th" does (no deadline a day earlier); "mid of next week" is "mid next week".
_SPELT_PHRASES = {"no sooner than": "from", "no earlier than": "from", "not earlier than": "from",
                  "not sooner than": "from", "not any earlier than": "from", "on or after": "from", "mid of": "mid"}
_TOKEN = re.compile(rf"\b(?:{'|'.join(_SPELT_PHRASES)})\b|[a-z0-9-]+")
# ... and so does a "before" that a negation governs in its clause: "we won't decide before the 15th".
_NEGATED_BEFORE = re.compile(r"\b(?:not|never|nothing|no|can't|cannot|won't|don't|doesn't|isn't|aren't|wouldn't|unlikely)"
                             r"(?:\s+[a-z']+){0,4}?\s+(?P<b>before)\b")


def _spell_out(norm: str) -> tuple[str, Sequence[int]]:
    """``norm`` with shorthand and swapped-letter slips replaced, and for each of its characters the
    position in ``norm`` it comes from (spans found in the result map back to the original words)."""
    parts, back, last = [], [], 0
    negated = {n.start("b") for n in _NEGATED_BEFORE.finditer(norm)}
    for m in _TOKEN.finditer(norm):
        word = m.group()
        spelt = _SHORTHAND.get(word) or _SWAPS.get(word) or _SPELT_PHRASES.get(word) or ("from" if m.start() in negated else None)
        if spelt is None:
            continue
        parts.append(norm[last:m.start()])
        back.extend(range(last, m.start()))
        parts.append(spelt)
        back.extend(min(m.start() + i, m.end() - 1) for i in range(len(spelt)))
        last = m.end()
    if not parts:
        return norm, range(len(norm) + 1)
    parts.append(norm[last:])
    back.extend(range(last, len(norm) + 1))
    return "".join(parts), back


_LEAD_WORD = re.compile(r"(?:^|\s)(by|on|until|till|before|after|in|within|around|about|over|from|during|sometime)\s+$")


def _words(text: str, norm: str, start: int, end: int) -> str:
    """The original words of the match, with a preposition right before it."""
    lead = _LEAD_WORD.search(norm[max(0, start - 12):start])
    if lead:
        start = start - (len(norm[max(0, start - 12):start]) - lead.start(1))
    return " ".join(text[start:end].split()).strip(" ,.;:!?")


_CLAUSE_END = re.compile(r"[.;!?](?:\s|$)")
_STOPS = {"by", "until", "till", "within", "through", "thru", "but", "aiming", "hoping", "probably", "likely"}
_WEEK_OF = re.compile(r"(?:the\s+)?(?:week\s+(?:commencing|beginning|starting|of)|w/c|wc)\s+(?:(?:mon|monday),?\s+)?(?:the\s+)?$")
_WEEK_AFTER = re.compile(r"(?:the\s+)?week\s+(?:after|following)\s+(?:the\s+)?$")
_AFTER_THAT = re.compile(r"[^.;!?]*?\b(?:after\s+(?:that|which|then)|once\s+(?:that's|that\s+is|they're|she's|he's)\s+back)\b")


def _apply_week_of(norm: str, start: int, end: int, day: date) -> tuple[int, date]:
    """Weeks named by a day: "the week commencing the 16th", "w/c 23rd March", "the week of May 4th" ->
    that week's Friday; "the week after the Fourth of July" -> the next week's Friday. A later "after
    that" ("OOO until July 8, so expect to hear after that") moves the day one on."""
    if _AFTER_THAT.match(norm, end, end + _CLAUSE_REACH):
        day += DAY
    lead = _WEEK_OF.search(norm, max(0, start - 40), start)
    if lead is not None:
        return lead.start(), _week_start(day) + timedelta(days=4)
    lead = _WEEK_AFTER.search(norm, max(0, start - 40), start)
    if lead is not None:
        return lead.start(), _week_start(day) + timedelta(days=11)
    return start, day


def _apply_preposition(norm: str, start: int, day: date, base: date) -> tuple[int, date]:
    """Shift ``day`` for an "after"/"before" up to eight words back in the same clause and not
    beyond a comma ("after the new year, we reopen on the 5th" is the 5th)."""
    clause_start = _clause_start(norm, start)
    comma = norm.rfind(",", clause_start, start)
    if comma != -1:
        clause_start = comma + 1
    words = list(re.finditer(r"[a-z']+", norm[clause_start:start]))[-8:]
    for word in reversed(words):
        token = word.group()
        if token in _STOPS:
            break
        if token == "after":
            return clause_start + word.start(), day + DAY
        if token == "before" or (token == "to" and norm[clause_start:start].endswith("prior to ")):
            return clause_start + word.start(), max(base, day - DAY)
    return start, day


# -- vocabulary ---------------------------------------------------------------------------------

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "tues": 1, "wednesday": 2, "thursday": 3, "thurs": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}
_WEEKDAY_SHORT = {"mon": 0, "tue": 1, "wed": 2, "weds": 2, "thu": 3, "thur": 3, "fri": 4, "sat": 5, "sun": 6}
_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen", "twenty"]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_NUMBERS = {word: n for n, word in enumerate(_UNITS)} | _TENS | {"a": 1, "an": 1,
            "a couple of": 2, "a couple": 2, "couple of": 2, "a few": 3, "few": 3, "several": 3,
            "a handful of": 4}
_VAGUE_NUMBERS = {"a couple of", "a couple", "couple of", "a few", "few", "several", "a handful of"}
_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}
for _n, _w in enumerate(("first", "second", "third", "fourth", "fifth", "sixth", "seventh",
                         "eighth", "ninth"), start=1):
    _ORDINAL_WORDS[f"twenty-{_w}"] = 20 + _n
    _ORDINAL_WORDS[f"twenty {_w}"] = 20 + _n
_ORDINAL_WORDS["thirty-first"] = _ORDINAL_WORDS["thirty first"] = 31


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


MONTH = rf"(?:{_alt(_MONTHS)})\.?"
WEEKDAY = rf"(?:{_alt(_WEEKDAYS)})"
WEEKDAY_SHORT = rf"(?:{_alt(_WEEKDAY_SHORT)})"
# "twenty-one", "forty five": a tens word and a unit, read by ``_number``.
NUM = rf"(?:\d+(?:\.\d+)?|(?:{_alt(_TENS)})(?:[\s-]+(?:{_alt(_UNITS[1:10])})\b)?|{_alt(_NUMBERS)})"
ORD = rf"(?:\d{{1,2}}(?:st|nd|rd|th)?|{_alt(_ORDINAL_WORDS)})"
UNIT = r"(?:(?:business|working|work)\s+)?(?:days?|weeks?|fortnights?|months?|hours?|years?)"
_MONTH_FIRST_COUNTRIES = {"US", "CA", "PH", "FM", "PW", "MH"}
_NOT_A_DATE_AFTER = {"round", "rounds", "interview", "interviews", "time", "step", "stage", "candidate",
                     "person", "one", "floor", "quarter", "half", "week", "choice", "call", "meeting",
                     "place", "option", "thing", "panel", "conversation", "chat", "phase", "part"}


def _number(word: str) -> float:
    word = " ".join(word.replace("-", " ").split())
    if word[0].isdigit():
        return float(word)
    tens, _, unit = word.partition(" ")
    if tens in _TENS and unit in _NUMBERS:
        return float(_TENS[tens] + _NUMBERS[unit])
    return float(_NUMBERS[word])


def _ordinal(word: str) -> int:
    word = " ".join(word.split())
    if word in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[word]
    return int(re.match(r"\d+", word).group())


def _month(word: str) -> int:
    return _MONTHS[word.rstrip(".")]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _next_month_day(month: int, day: int, base: date) -> date | None:
    """The next ``month``/``day`` on or after ``base`` (Feb 29th waits for a leap year)."""
    for year in range(base.year, base.year + 9):
        found = _safe_date(year, month, day)
        if found and found >= base:
            return found
    return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, cal.days_in_month(year, month))


def _next_weekday(after: date, weekday: int) -> date:
    """The first ``weekday`` (0 = Monday) strictly after ``after``."""
    return after + timedelta(days=(weekday - after.weekday() - 1) % 7 + 1)


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


# -- handlers: match -> (date | None, confidence), or None to ignore the match -------------------

def _iso(m, base, country):
    day = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return (day, 0.95) if day else None


def _numeric(m, base, country):
    a, b = int(m["a"]), int(m["b"])
    if (a, b) == (24, 7):
        return None
    month_first = cal.split_country(country)[0] in _MONTH_FIRST_COUNTRIES and "." not in m.group()
    orders = [(a, b)] if month_first else [(b, a), (a, b)]
    for month, day in orders:
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        if m["y"]:
            year = int(m["y"]) + (2000 if len(m["y"]) == 2 else 0)
            found = _safe_date(year, month, day)
        else:
            found = _next_month_day(month, day, base)
        if found:
            return found, 0.9
    return None


_OR_LATER_DAY = re.compile(r"\s*(?:or|and|to|-|/)\s*(?:the\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)\b")


def _later_day_named(m, day: int) -> int:
    """"the 21st or 22nd", "October 9th or 12th": the later day of the month said."""
    other = _OR_LATER_DAY.match(m.string, m.end())
    return max(day, int(other["d"])) if other and int(other["d"]) <= 31 else day


def _month_day(m, base, country):
    month, day = _month(m["m"]), _later_day_named(m, _ordinal(m["d"]))
    if m["m"].rstrip(".") == "may" and not (m["d"][0].isdigit() or m["y"] or "the" in m.group()):
        return None  # "we may first talk to..." is not May 1st; "May 2nd", "the first of May" are
    if m["y"]:
        found = _safe_date(int(m["y"]), month, day)
    else:
        found = _next_month_day(month, day, base)
    return (found, 0.9) if found else None


_PART_DAY = {"early": 10, "beginning": 10, "start": 10, "first half": 15, "mid": 15, "middle": 15}
_WEEK_OF_MONTH = {"first week": 0, "1st week": 0, "second week": 1, "2nd week": 1, "third week": 2, "3rd week": 2}


def _part_day(part: str | None, year: int, month: int, country: str) -> date:
    part = " ".join((part or "end").replace("the ", "").replace(" of", "").split())
    part = part.replace("-", "").strip()
    if part in _PART_DAY:
        return date(year, month, _PART_DAY[part])
    if part in _WEEK_OF_MONTH:  # the week holding the month's first working day, then the next ones: their Friday
        first = cal.next_business_day(date(year, month, 1), country)
        return min(_month_end(year, month), _week_start(first) + timedelta(days=4 + 7 * _WEEK_OF_MONTH[part]))
    return _month_end(year, month)  # late, end, last week, second half, later, the bare month


def _part_of_month(m, base, country):
    which = " ".join(m["which"].split())
    if which in ("next month", "the next month", "the following month", "the coming month"):
        target = cal.add_months(base.replace(day=1), 1)
        return _part_day(m["part"], target.year, target.month, country), 0.7
    if which in ("this month", "the month"):
        return max(base, _part_day(m["part"], base.year, base.month, country)), 0.7
    month = _month(which)
    for year in (base.year, base.year + 1):
        found = _part_day(m["part"], year, month, country)
        if found >= base:
            return found, 0.75
    return None


def _bare_month(m, base, country):
    month, prep = _month(m["m"]), m["prep"]
    if month == 5 and prep not in ("in", "by", "during", "until", "till", "before", "after", "around"):
        return None
    for year in (base.year, base.year + 1):
        first, last = date(year, month, 1), _month_end(year, month)
        if last < base:
            continue
        if prep == "by":
            return max(base, first), 0.5
        if prep == "before":
            return max(base, first - DAY), 0.5
        if prep == "after":
            return last + DAY, 0.5
        return last, 0.55
    return None


def _month_relative(m, base, country):
    phrase = " ".join(m.group().split())
    if "next" in phrase or "following" in phrase:
        target = cal.add_months(base.replace(day=1), 1)
        return _month_end(target.year, target.month), 0.6
    return _month_end(base.year, base.month), 0.6


_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "q1": 1, "q2": 2, "q3": 3, "q4": 4}


def _quarter(m, base, country):
    current = (base.month - 1) // 3 + 1
    q = " ".join(m["q"].split())
    part = " ".join((m["part"] or "end").replace("the ", "").replace(" of", "").split())
    if q in ("this quarter", "the quarter", "quarter"):
        candidates = [(base.year, current)]
    elif q in ("next quarter", "the next quarter", "the following quarter"):
        y, n = divmod(base.year * 4 + current, 4)
        candidates = [(y, n + 1)]
    else:
        n = _QUARTER_WORDS[q.split()[-1] if q.startswith("q") else q.split()[1]]
        years = [int(m["y"])] if m["y"] else [base.year, base.year + 1]
        candidates = [(year, n) for year in years]
    for year, n in candidates:
        first_month = 3 * n - 2
        if part in ("early", "beginning", "start"):
            found = _month_end(year, first_month)
        elif part in ("mid", "middle"):
            found = date(year, first_month + 1, 15)
        else:
            found = _month_end(year, first_month + 2)
        if found >= base:
            return found, 0.7
    return None


def _quarter_end(base: date):
    last_month = ((base.month - 1) // 3) * 3 + 3
    return _month_end(base.year, last_month), 0.7


def _year_end(m, base, country):
    year = base.year + (1 if "next" in m.group() else 0)
    part = m["part"] or "end"
    if "early" in part or "beginning" in part or "start" in part:
        return (date(year, 1, 31), 0.6) if year > base.year else None
    return date(year, 12, 31), 0.6


def _new_year(m, base, country):
    return date(base.year + 1, 1, 1), 0.65


def _abbreviated_end(m, base, country):
    """EOW, EOM, EOQ, EOY: the end of this week, month, quarter or year."""
    kind = m.group()[2]
    if kind == "w":
        friday = _week_start(base) + timedelta(days=4)
        return (friday if friday >= base else friday + timedelta(days=7)), 0.75
    if kind == "m":
        return _month_end(base.year, base.month), 0.7
    if kind == "q":
        return _quarter_end(base)
    return date(base.year, 12, 31), 0.6


_FUTURE = re.compile(
    r"\b(?:will|shall|going\s+to|gonna|plan|planning|aim|aiming|hope|hoping|expect|expecting|should|decide|deciding|"
    r"decision|decisions|let\s+you\s+know|hear|back\s+to\s+you|get\s+back|update|news|answer|respond|confirm|finali[sz]e|"
    r"wrap|by|until|till|before|later|eod|cob|close|end|due|deadline|call|email|offer|hopefully|maybe|probably|likely)\b|'ll\b"
)


def _today(m, base, country):
    """Today, when the clause speaks of what is to come or says nothing else ("this afternoon"):
    not "great chatting with you today"."""
    clause = _clause_around(m.string, m.start(), m.end())
    rest = clause.replace(m.group(), " ", 1).split()
    return (base, 0.8) if len(rest) <= 1 or _FUTURE.search(clause) else None


def _clause_start(norm: str, at: int) -> int:
    """Where the sentence of ``norm`` holding position ``at`` begins (at most ``_CLAUSE_REACH`` back)."""
    reach = max(0, at - _CLAUSE_REACH)
    return max((e.end() for e in _CLAUSE_END.finditer(norm, reach, at)), default=reach)


def _clause_around(norm: str, start: int, end: int) -> str:
    """The sentence of ``norm`` that holds ``start``..``end`` (at most ``_CLAUSE_REACH`` either side)."""
    reach = min(len(norm), end + _CLAUSE_REACH)
    right = _CLAUSE_END.search(norm, end, reach)
    return norm[_clause_start(norm, start):right.start() if right else reach]


def _tomorrow(m, base, country):
    return base + (2 * DAY if "after" in m.group() else DAY), 0.9


def _calendar_week(m, base, country):
    """"KW 42", "CW 42", "calendar week 42": the Friday of that ISO week, this year or next."""
    week = int(m["w"])
    for year in (base.year, base.year + 1):
        try:
            friday = date.fromisocalendar(year, week, 5)
        except ValueError:
            continue
        if friday >= base:
            return friday, 0.75
    return None


_WEEK_PART = {"beginning": 0, "start": 0, "early": 1, "earlier": 1, "mid": 2, "middle": 2}


def _week(m, base, country):
    which = " ".join(m["which"].split())
    part = " ".join((m["part"] or "end").replace("the ", "").replace(" of", "").split()).strip("- ")
    next_week = which in ("next", "the following", "following", "the coming", "coming", "the next")
    return _week_part(base, _WEEK_PART.get(part, 4), next_week=next_week)


def _week_part(base: date, offset: int, *, next_week: bool):
    """Day ``offset`` (0 = Monday) of this week or the next; this week's never before ``base``."""
    start = _week_start(base)
    if next_week:
        return start + timedelta(days=7 + offset), 0.75
    found = start + timedelta(days=offset)
    if found < base:
        found = base if base.weekday() < 5 else found + timedelta(days=7)
    return found, 0.75


def _next_nth(day: int, earliest: date, month: date | None = None) -> date | None:
    """The first ``day``-th of a month, from ``month``'s (else ``earliest``'s) on, that is on or after
    ``earliest``; months without that day are skipped (the 31st waits for a long month)."""
    first = (month or earliest).replace(day=1)
    for months in range(0, 14):
        month_start = cal.add_months(first, months)
        found = _safe_date(month_start.year, month_start.month, day)
        if found and found >= earliest:
            return found
    return None


def _weekday_and_day(m, base, country):
    """"Wednesday 27th": the next 27th on or after ``base`` (the number is the firmer part)."""
    found = _next_nth(_ordinal(m["d"]), base)
    return (found, 0.8) if found else None


def _week_after_next(m, base, country):
    return _week_start(base) + timedelta(days=18), 0.7


def _weekend(m, base, country):
    sunday = _week_start(base) + timedelta(days=6)
    if "next" in m.group():
        sunday += timedelta(days=7)
    return sunday, 0.6


def _weekday_number(word: str) -> int:
    word = word.rstrip(".")
    return _WEEKDAYS[word] if word in _WEEKDAYS else _WEEKDAY_SHORT[word]


def _weekday(m, base, country):
    target = _weekday_number(m["wd"])
    mod = " ".join((m["mod"] or "").split())
    post = " ".join((m["post"] or "").split())
    if mod in ("next", "the following", "following") or post in ("next week", "of next week"):
        found = _week_start(base) + timedelta(days=7 + target)
        return found, 0.75
    if post == "after next":
        return _week_start(base) + timedelta(days=14 + target), 0.7
    if mod in ("this", "this coming", "coming", "the coming") or post in ("this week", "of this week"):
        return base + timedelta(days=(target - base.weekday()) % 7), 0.85
    return _next_weekday(base, target), 0.85


_NEXT_WORD = re.compile(r"\s*(\S+)")


def _day_of_month(m, base, country):
    word = " ".join(m["d"].split())
    has_digits = word[0].isdigit()
    if has_digits and not word[-1].isalpha() and not m["prep"]:
        return None  # "the 12" needs "on"/"by"; "the 12th" does not
    if not has_digits and not m["prep"] and not m["rel"]:
        return None  # "the first" is a date only after "on"/"by"/...: not "the first round"
    after = _NEXT_WORD.match(m.string, m.end())
    if after and after[1].strip(",.;:!?") in _NOT_A_DATE_AFTER:
        return None
    day = _later_day_named(m, _ordinal(word))
    if not 1 <= day <= 31:
        return None
    month = cal.add_months(base.replace(day=1), 1) if m["rel"] and "next" in m["rel"] else None
    found = _next_nth(day, base + DAY, month)  # "by the 2nd" said on the 2nd means next month's
    if found is None:
        return None
    shift = {"before": -DAY, "after": DAY}.get(m["prep"] or "", timedelta(0))
    return max(base, found + shift), 0.8


def _week_commencing(m, base, country):
    """"w/c 16th", "week beginning 4th": the Friday of the week holding the next such day."""
    found = _next_nth(_ordinal(m["d"]), _week_start(base))
    return (_week_start(found) + timedelta(days=4), 0.75) if found else None


def _anchored(m, base, country):
    """"a week from Monday", "two weeks on Tuesday", "a week today", "Monday week": the day, then the span."""
    anchor = " ".join((m["anchor"] or m["anchor2"]).split())
    if anchor == "today":
        day = base
    elif anchor == "tomorrow":
        day = base + DAY
    else:
        target = _weekday_number(anchor)
        day = _next_weekday(base, target)
    if m["anchor2"]:
        return day + timedelta(days=7), 0.75
    return _add(day, _number(m["n"]), m["unit"], country), 0.75


def _this_time_next(m, base, country):
    """"this time next week/month": the same weekday a week, or the same date a month, on."""
    return (base + timedelta(days=7), 0.75) if m["unit"] == "week" else (cal.add_months(base, 1), 0.7)


def _weekday_short(m, base, country):
    """"by Wed", "on Fri", "next Thu": a short weekday, read only after such a word (not "we sat down")."""
    before = m.string[max(0, m.start() - 12):m.start()]
    if not (m["mod"] or re.search(r"\b(?:by|on|until|till|before|after|from|due|this|next|eod|cob)\s+$", before)):
        return None
    return _weekday(m, base, country)


def _easter(m, base, country):
    """Easter: its long weekend runs Good Friday to Easter Monday; "before Easter" is the working day before it."""
    from dateutil.easter import easter

    which = " ".join((m["which"] or "").split())
    lead = m.string[max(0, m.start() - 12):m.start()]
    named = "good friday" not in m.group() and not re.search(r"\bbefore\s+(?:the\s+)?$", lead)
    monday = named and (which in ("monday", "bank holiday", "bank holidays") or re.search(r"\bafter\s+(?:the\s+)?$", lead))
    offset = timedelta(0) if named and which == "sunday" else DAY if monday else -2 * DAY  # Good Friday otherwise
    for year in (base.year, base.year + 1):
        day = easter(year) + offset
        if day >= base:
            return day, 0.7
    return None


def _after_long_weekend(m, base, country):
    """The first working day after the next weekend that a public holiday makes long (else the next weekend)."""
    saturday = base - DAY if base.weekday() == 6 else base + timedelta(days=(5 - base.weekday()) % 7)
    for week in range(7):
        start = saturday + timedelta(days=7 * week)
        if not cal.is_business_day(start - DAY, country) or not cal.is_business_day(start + 2 * DAY, country):
            return cal.next_business_day(start + 2 * DAY, country), 0.6
    return cal.next_business_day(saturday + 2 * DAY, country), 0.5


def _after_next_holiday(m, base, country):
    """"after the bank holiday": the first working day after the next public holiday."""
    for day, _ in cal.holiday_names(country, base.year) + cal.holiday_names(country, base.year + 1):
        if base <= day <= base + timedelta(days=120):
            return cal.next_business_day(day, country), 0.6
    return None, 0.2


def _after_the_holidays(m, base, country):
    """Said between mid-November and early January: the first working day of the new year; else unknown."""
    if not ((base.month, base.day) >= (11, 15) or (base.month, base.day) <= (1, 6)):
        return None, 0.15
    year = base.year + 1 if base.month >= 11 else base.year
    return cal.next_business_day(date(year, 1, 2), country, include=True), 0.6


def _add(base: date, n: float, unit: str, country: str) -> date:
    unit = " ".join(unit.split()).rstrip("s")
    business = unit.split()[0] in ("business", "working", "work")
    unit = unit.split()[-1]
    if unit == "hour":
        return base + timedelta(days=math.ceil(n / 24))
    if unit == "day":
        days = math.ceil(n)
        return cal.add_business_days(base, days, country) if business else base + timedelta(days=days)
    if unit == "fortnight":
        unit, n = "week", 2 * n
    if unit == "week":
        if business:
            return cal.add_business_days(base, math.ceil(5 * n), country)
        return base + timedelta(days=math.ceil(7 * n))
    months = 12 * n if unit == "year" else n
    whole = int(months)
    return cal.add_months(base, whole) + timedelta(days=math.ceil((months - whole) * 30))


_PAST_AFTER = re.compile(r"\s*(?:ago|back|earlier|before\s+(?:that|then|now))\b")
_PAST_BEFORE = re.compile(r"\b(?:(?:the\s+)?(?:past|last|previous|prior)|for|since)\s+(?:the\s+)?$")
_PERFECT = re.compile(r"\b(?:been|was|were|had|have|has|'ve|spent|worked|lived|took|did)\b")


_PAST = re.compile(
    r"\b(?:was|were|had|did|spoke|met|talked|chatted|opened|posted|started|joined|already|ago|yesterday|"
    r"last\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month|year|time))\b"
)


# A past verb a few words before a date: "we met with the committee on Monday", "posted in January".
_PAST_VERB_BEFORE = re.compile(r"\b(?:spoke|met|talked|chatted|opened|posted|started|joined|interviewed|advertised|listed)\b(?:\W+[\w']+){0,5}\W*$")


# Thanks for the meeting itself: "great chatting today", "thanks for meeting with me this morning".
_PLEASANTRY_BEFORE = re.compile(
    r"\b(?:great|good|nice|lovely|wonderful|a\s+pleasure|thanks\s+for|thank\s+you\s+for|enjoyed)\s+"
    r"(?:chatting|talking|speaking|meeting|to\s+(?:meet|chat|talk|speak))(?:\s+(?:with|to)\s+(?:you|u|me|us))?\s+$"
)


def _said_of_the_past(norm: str, start: int, end: int) -> bool:
    """Whether a date tells of what happened: its sentence speaks only of the past ("we spoke on
    Monday", "the role was opened in January"), or a past verb stands just before it ("we met with the
    committee on Monday and will decide by Friday")."""
    clause = _clause_around(norm, start, end)
    if _PAST.search(clause) is not None and _FUTURE.search(clause) is None:
        return True
    if _PLEASANTRY_BEFORE.search(norm, max(0, start - 60), start):
        return True
    return _PAST_VERB_BEFORE.search(norm, max(_clause_start(norm, start), start - 60), start) is not None


def _told_of_the_past(m) -> bool:
    """"two weeks ago", "the last three days", "I've been there for 3 years": a span of time gone by."""
    text = m.string
    if _PAST_AFTER.match(text, m.end()):
        return True
    lead = _PAST_BEFORE.search(text, max(0, m.start() - 24), m.start())
    if lead is None:
        return False
    return not lead.group().startswith(("for", "since")) or _PERFECT.search(_clause_around(text, m.start(), m.end())) is not None


_FREQUENCY_BEFORE = re.compile(r"\b(?:once|twice|thrice|times|days?|hours?|per|every|each)\s+$")
_FREQUENCY_AFTER = re.compile(r"\s+(?:a|per|each|every)\s+(?:day|week|month|year)\b")


def _duration(m, base, country):
    if _told_of_the_past(m):
        return None, 0.1
    n_word = " ".join(m["n"].split())
    if _FREQUENCY_AFTER.match(m.string, m.end()) or (n_word in ("a", "an") and _FREQUENCY_BEFORE.search(m.string, max(0, m.start() - 10), m.start())):
        return None, 0.1  # "three days a week", "twice a week" are not dates
    n = _number(n_word) * (1.5 if m["half"] else 1)
    if n > 3650:
        return None
    confidence = 0.6 if n_word in _VAGUE_NUMBERS else 0.8
    return _add(base, n, m["unit"], country), confidence


def _range(m, base, country):
    if _told_of_the_past(m):
        return None, 0.1
    if m["a"] in _TENS and m["b"] in _UNITS[1:10]:
        return None  # "twenty-one days" is one number
    n = max(_number(m["a"]), _number(m["b"]))
    return _add(base, n, m["unit"], country), 0.75


def _vague(m, base, country):
    return None, 0.15


def _end_of_quarter(m, base, country):
    return _quarter_end(base)


def _following_day(m, base, country):
    """"the following day" alone is tomorrow; after another date it counts from that (``_following_earlier``)."""
    return base + DAY, 0.5


def _coming(m, base, country):
    """"in the coming days/weeks": about three of them, loosely."""
    return _add(base, 3, m["unit"], country), 0.5


def _midweek(m, base, country):
    """Wednesday: this week's until it has passed, then next week's."""
    return _week_part(base, 2, next_week=base.weekday() > 2)


def _first_thing_next_week(m, base, country):
    return _week_part(base, 0, next_week=True)


def _one_or_two(m, base, country):
    """"a week or two": the later end."""
    return _add(base, _number(m["b"]), m["unit"], country), 0.7


# -- the grammar: first matching pattern claims its words ------------------------------------------

_PREFIX_OF = r"(?:the\s+)?"
_PATTERNS = [
    (r"\bthis\s+time\s+next\s+(?P<unit>week|month)\b", _this_time_next),
    (rf"\b(?P<n>{NUM})\s+(?P<unit>(?:business\s+|working\s+)?(?:days?|weeks?|fortnights?))\s+(?:from\s+|after\s+|on\s+)?(?P<anchor>today|tomorrow|{WEEKDAY})\b"
     rf"|\b(?P<anchor2>{WEEKDAY}|tomorrow)\s+week\b(?!\s*(?:after|or|end|of))", _anchored),
    (rf"\b(?:week\s+(?:commencing|beginning|starting)|w/c|wc)\s+(?:(?:mon|monday),?\s+)?(?:the\s+)?(?P<d>\d{{1,2}}(?:st|nd|rd|th)?|{_alt(_ORDINAL_WORDS)})\b(?!\s*(?:of\s+)?{MONTH}|/)", _week_commencing),
    (r"\b(?:good\s+friday|easter(?:\s+(?P<which>sunday|monday|weekend|break|holidays?|bank\s+holidays?))?)(?![a-z])", _easter),
    (r"\b(?:after|past|following|over)\s+the\s+long\s+weekend\b", _after_long_weekend),
    (r"\b(?:after|past|following|over)\s+the\s+(?:next\s+)?(?:bank|public|stat(?:utory)?)\s+holiday(?:\s+weekend)?\b", _after_next_holiday),
    (r"\b(?:after|past|following)\s+the\s+(?:(?:christmas|xmas|winter|festive|end[\s-]of[\s-]year)\s+)?(?:holidays|holiday\s+season|festive\s+period|break)\b(?<!the\sbreak)", _after_the_holidays),
    (r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b", _iso),
    (r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})(?:/(?P<y>\d{4}|\d{2}))?\b(?!/\d)", _numeric),
    (r"\b(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.(?:(?P<y>\d{4})\b|(?!\d))", _numeric),
    (rf"(?:\b{WEEKDAY},?\s+)?\b(?:the\s+)?(?P<m>{MONTH})\s+(?:the\s+)?(?P<d>{ORD})\b(?:,?\s+(?P<y>\d{{4}}))?", _month_day),
    (rf"(?:\b{WEEKDAY},?\s+)?\b(?:the\s+)?(?P<d>{ORD})\s+(?:of\s+)?(?P<m>{MONTH})(?![a-z])(?:,?\s+(?P<y>\d{{4}}))?", _month_day),
    (r"\b(?:(?P<part>early|mid|middle\s+of|the\s+middle\s+of|late|end\s+of|the\s+end\s+of|beginning\s+of|the\s+beginning\s+of|start\s+of|the\s+start\s+of)[\s-]*)?"
     r"(?P<q>q[1-4]|the\s+(?:first|second|third|fourth)\s+quarter|(?:this|the|next|the\s+next|the\s+following)\s+quarter)(?![a-z])(?:\s+(?P<y>\d{4}))?", _quarter),
    (r"\b(?P<part>early|late|later|end\s+of|the\s+end\s+of|beginning\s+of|the\s+beginning\s+of|start\s+of|the\s+start\s+of)\s+(?:the\s+|this\s+)?(?:next\s+)?year\b"
     r"|\b(?:the\s+|this\s+|next\s+)?year[\s-]end\b|\bend\s+of\s+year\b", _year_end),
    (r"\b(?:the\s+)?new\s+year(?:'s)?(?!\s+(?:'s\s+)?day)\b", _new_year),
    (rf"\b(?P<part>early|mid|middle\s+of|the\s+middle\s+of|late|later|end\s+of|the\s+end\s+of|beginning\s+of|the\s+beginning\s+of|start\s+of|the\s+start\s+of|(?:the\s+)?(?:first|1st)\s+week\s+of|(?:the\s+)?(?:second|2nd)\s+week\s+of|(?:the\s+)?(?:third|3rd)\s+week\s+of|the\s+last\s+week\s+of|last\s+week\s+of|the\s+first\s+half\s+of|first\s+half\s+of|the\s+second\s+half\s+of|second\s+half\s+of)[\s-]*(?:in\s+)?"
     rf"(?P<which>{MONTH}(?![a-z])|(?:the\s+)?next\s+month|the\s+following\s+month|the\s+coming\s+month|this\s+month|the\s+month)", _part_of_month),
    (rf"\b(?P<prep>in|by|during|until|till|before|after|around|early\s+in|later\s+in)\s+(?P<m>{MONTH})(?![a-z])", _bare_month),
    (r"\b(?:(?:the\s+)?end\s+of\s+(?:the\s+)?(?:quarter|q)|quarter[\s-]end)(?![a-z0-9])", _end_of_quarter),
    (rf"\b(?:(?P<prep>on|by|before|after|until|till|around|from)\s+)?(?:{WEEKDAY},?\s+)?the\s+(?P<d>{ORD})\b(?:\s+of\s+(?P<rel>this|next|the)\s+month)?", _day_of_month),
    (r"\b(?:(?:the\s+)?end\s+of\s+month|month[\s-]end|(?:later\s+)?this\s+month|(?:the\s+)?next\s+month|the\s+following\s+month|within\s+the\s+month)\b", _month_relative),
    (r"\b(?:the\s+)?day\s+after\s+tomorrow\b|\btomorrow(?:\s+or\s+(?:the\s+)?day\s+after)?\b", _tomorrow),
    (r"\b(?:kw|cw|calendar\s+week)\s*(?P<w>\d{1,2})\b", _calendar_week),
    (r"\b(?:eow|eom|eoq|eoy)\b", _abbreviated_end),
    (r"\b(?:in|over|within)\s+the\s+(?:coming|next)\s+(?P<unit>days|weeks|months)\b", _coming),
    (r"\b(?:the\s+)?week\s+after\s+next\b", _week_after_next),
    (r"\b(?:this|over\s+the|the|next)\s+weekend\b", _weekend),
    (rf"\b{WEEKDAY},?\s+(?P<d>\d{{1,2}}(?:st|nd|rd|th))\b", _weekday_and_day),
    (r"\bmid[\s-]?week\b", _midweek),
    (r"\bfirst\s+thing\s+next\s+week\b", _first_thing_next_week),
    (rf"\b(?:(?P<mod>this\s+coming|the\s+coming|coming|this|next|the\s+following|following)\s+)?(?P<wd>{WEEKDAY})\b"
     r"(?:\s+(?P<post>of\s+next\s+week|of\s+this\s+week|next\s+week|this\s+week|after\s+next))?", _weekday),
    (rf"\b(?:(?P<mod>this\s+coming|the\s+coming|coming|this|next|the\s+following|following)\s+)?(?P<wd>{WEEKDAY_SHORT})\b\.?(?!')"
     r"(?:\s+(?P<post>of\s+next\s+week|of\s+this\s+week|next\s+week|this\s+week|after\s+next))?", _weekday_short),
    (r"\b(?:(?P<part>beginning\s+of|the\s+beginning\s+of|start\s+of|the\s+start\s+of|early|earlier|mid|middle\s+of|the\s+middle\s+of|late|later|end\s+of|the\s+end\s+of)[\s-]*)?"
     r"(?:in\s+)?(?P<which>this|next|the\s+following|the\s+coming|the\s+next|the)\s+week\b(?!\s+(?:after|or))", _week),
    (rf"\b(?:(?P<pre>in|within|after|over|inside\s+of)\s+)?(?:the\s+next\s+|about\s+|around\s+|roughly\s+)?(?P<a>{NUM})\s*(?:-|to|or)\s*(?P<b>{NUM})\s+(?P<unit>{UNIT})\b", _range),
    (r"\b(?:(?P<pre>in|within|after|over)\s+)?(?:a|one|the\s+next)\s+(?P<unit>day|week|month)\s+or\s+(?P<b>two|three|2|3)\b", _one_or_two),
    (r"\b(?:the\s+)?(?:following|next)\s+day\b|\bthe\s+day\s+after\b(?!\s+(?:tomorrow|the|that|christmas|thanksgiving|new))", _following_day),
    (rf"\b(?:(?P<pre>in|within|after|over|inside\s+of|inside|in\s+about|in\s+around|around|about|approximately|roughly)\s+)?(?:the\s+)?(?:next\s+|coming\s+)?(?:about\s+|around\s+|roughly\s+|approximately\s+)?"
     rf"(?P<n>{NUM})\s+(?:more\s+)?(?:(?P<half1>and\s+a\s+half)\s+)?(?P<unit>{UNIT})(?:'s|')?(?P<half>(?(half1)|\s+and\s+a\s+half))?(?:\s+time|\s+from\s+(?:now|today))?(?![a-z])", _duration),
    (r"\b(?:today|tonight|this\s+(?:afternoon|evening)|end\s+of\s+(?:the\s+)?(?:business\s+)?day|eod|cob|close\s+of\s+business|end\s+of\s+business)\b", _today),
    (r"\b(?:soon|shortly|circle\s+back|be\s+in\s+touch|get\s+back\s+to\s+you|let\s+you\s+know|keep\s+you\s+posted|reach\s+out|"
     r"asap|as\s+soon\s+as\s+(?:possible|we\s+can)|in\s+due\s+course|at\s+some\s+point|down\s+the\s+road|no\s+(?:set\s+)?timeline|"
     r"not\s+sure\s+when|hear\s+from\s+us|follow\s+up\s+with\s+you|update\s+you|touch\s+base)\b", _vague),
]


# A pattern runs only when its trigger words occur in the text (most phrases name no month,
# no weekday, no number): this roughly halves an uncached reading.
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[a-z]+")
_FEATURE_WORDS = {
    "unit": {"day", "days", "fortnight", "fortnights", "hour", "hours"},
    "week": {"week", "weeks", "weekend", "weekends", "midweek"},
    "monthly": {"month", "months"},
    "year": {"year", "years"},
    "quarter": {"quarter", "quarters", "q"},
    "tomorrow": {"tomorrow"},
    "eo": {"eow", "eom", "eoq", "eoy"},
    "month": {name.rstrip(".") for name in _MONTHS},
    "weekday": set(_WEEKDAYS) | set(_WEEKDAY_SHORT),
}
_ORDINAL_TOKENS = {"st", "nd", "rd", "th"} | {w for word in _ORDINAL_WORDS for w in word.replace("-", " ").split()}


def _features(norm: str) -> set[str]:
    """Which kinds of words occur in ``norm``: one tokenisation instead of a regex per pattern."""
    words = set(_WORD.findall(norm))
    present = {name for name, vocabulary in _FEATURE_WORDS.items() if not words.isdisjoint(vocabulary)}
    if _DIGIT.search(norm):
        present.add("digit")
        if "q" in words:
            present.add("quarter")
    if "the" in words and ("digit" in present or not words.isdisjoint(_ORDINAL_TOKENS)):
        present.add("ordinal")
    return present


_TRIGGERS = {
    _iso: {"digit"}, _numeric: {"digit"}, _month_day: {"month"}, _bare_month: {"month"},
    _part_of_month: {"month", "monthly"}, _month_relative: {"monthly"},
    _quarter: {"quarter"}, _end_of_quarter: {"quarter"}, _year_end: {"year"}, _new_year: {"year"},
    _day_of_month: {"ordinal"}, _tomorrow: {"tomorrow"}, _abbreviated_end: {"eo"}, _calendar_week: {"digit"},
    _week_after_next: {"week"}, _weekend: {"week"}, _midweek: {"week"},
    _first_thing_next_week: {"week"}, _week: {"week"}, _weekday_and_day: {"weekday"}, _weekday: {"weekday"},
    _weekday_short: {"weekday"}, _this_time_next: {"week", "monthly"}, _anchored: {"week", "unit"},
    _coming: {"unit", "week", "monthly"}, _range: {"unit", "week", "monthly", "year"},
    _one_or_two: {"unit", "week", "monthly"}, _duration: {"unit", "week", "monthly", "year"},
}


@lru_cache(maxsize=64)
def _patterns(country: str):
    """(regex, handler, trigger or None) in the order they claim words."""
    compiled = [(re.compile(rx), handler, _TRIGGERS.get(handler)) for rx, handler in _PATTERNS]
    holiday_regex = _holiday_regex(country)
    if holiday_regex is not None:
        vague = compiled.pop()
        compiled.append((holiday_regex, _holiday, None))
        compiled.append(vague)
        around = rf"\b(?:the\s+)?(?P<rel>{WEEKDAY}|week|day)\s+(?P<dir>after|following|before)\s+(?:the\s+)?{holiday_regex.pattern[2:]}"
        compiled.insert(0, (re.compile(around), _around_holiday, None))
    return compiled


# -- public holidays by name ("before Thanksgiving") ------------------------------------------------

# Days people name that are no public holiday: month and day.
_OBSERVANCES = {"halloween": (10, 31), "valentine's day": (2, 14), "valentines day": (2, 14), "christmas eve": (12, 24),
                "new year's eve": (12, 31), "st patrick's day": (3, 17), "st. patrick's day": (3, 17)}
_HOLIDAY_ALIASES = {"christmas day": ("christmas", "xmas", "the holidays"), "thanksgiving day": ("thanksgiving",),
                    "thanksgiving": ("thanksgiving",), "new year's day": ("new year's day",)}


@lru_cache(maxsize=64)
def _holiday_lookup(country: str) -> dict[str, tuple[int, int, str]]:
    """alias -> (month, day, full name) for holidays whose date recurs; movable ones by name."""
    names: dict[str, str] = {}
    for year in (2026, 2027):
        for _, name in cal.holiday_names(country, year):
            for part in name.split(";"):
                part = _normalize(part.strip())
                if "observed" in part or not part:
                    continue
                names[part] = part
                for alias in _HOLIDAY_ALIASES.get(part, ()):
                    names[alias] = part
                saint = re.match(r"(?:st\.?|saint)\s+(?P<rest>.+)", part)
                if saint:  # "Stephen's Day" for St. Stephen's Day
                    names.setdefault(saint["rest"], part)
    for name in _OBSERVANCES:
        names.setdefault(name, name)
    return names


def _holiday_regex(country: str):
    try:
        names = _holiday_lookup(country)
    except cal.UnknownCountry:
        return None
    if not names:
        return None
    return re.compile(rf"\b(?P<h>{_alt(names)})(?![a-z])")


_GREETING = re.compile(r"\b(?:merry|happy|great|lovely|good|nice|wonderful|restful|relaxing|enjoy(?:\s+the|\s+your)?|have\s+a|over)\s+$")


def _holiday(m, base, country):
    if _GREETING.search(m.string, max(0, m.start() - 16), m.start()):
        return None, 0.1  # "Have a great Christmas!" wishes; it names no date
    full = _holiday_lookup(country)[" ".join(m["h"].split())]
    if full in _OBSERVANCES:
        return _next_month_day(*_OBSERVANCES[full], base), 0.7
    for year in (base.year, base.year + 1):
        for day, name in cal.holiday_names(country, year):
            names = [_normalize(p.strip()) for p in name.split(";")]
            if full in names and day >= base:  # "after Thanksgiving" said on Thanksgiving means this one
                return day, 0.75
    if full == "christmas day":
        return _next_month_day(12, 25, base + DAY), 0.6
    return None


def _around_holiday(m, base, country):
    """"the Monday after Thanksgiving", "the week after Christmas", "the day before Thanksgiving"."""
    held = _holiday(m, base, country)
    if held is None:
        return None
    day, rel, later = held[0], " ".join(m["rel"].split()), m["dir"] != "before"
    if rel == "day":
        found = day + DAY if later else day - DAY
    elif rel == "week":
        found = _week_start(day) + timedelta(days=4 + (7 if later else -7))
    else:
        target = _weekday_number(rel)
        found = _next_weekday(day, target) if later else day - timedelta(days=(day.weekday() - target - 1) % 7 + 1)
    return (found, 0.75) if found >= base else None


# -- last resort --------------------------------------------------------------------------------------

_MONTH_OR_YEAR = re.compile(rf"\b(?:{MONTH})(?![a-z])|\b\d{{4}}\b")


def _fallback(text: str, base: date) -> Reading:
    """dateparser, only for text with digits the grammar could not place (the first
    ``_FALLBACK_CHARS`` of it)."""
    text = cut(text, _FALLBACK_CHARS)
    # Only words that name a month or a full year count (below): without any, dateparser is skipped.
    if not re.search(r"\d", text) or not _MONTH_OR_YEAR.search(text.lower()):
        return Reading(None, "", 0.0)
    try:
        from dateparser.search import search_dates

        found = search_dates(
            text,
            languages=["en"],
            settings={"PREFER_DATES_FROM": "future", "RELATIVE_BASE": datetime.combine(base, time(12))},
        ) or []
    except Exception:  # a fallback must never turn a reading into a crash
        return Reading(None, "", 0.0)
    # Only words that name a month or a full year: "24/7" or "2 rounds" are not dates.
    dated = [(when.date(), words) for words, when in found
             if base <= when.date() <= base + _HORIZON and _MONTH_OR_YEAR.search(words.lower())]
    if not dated:
        return Reading(None, "", 0.0)
    day, words = max(dated)
    return Reading(day, words.strip(), 0.4)
