"""From a pattern's match to a date: the rules every language shares.

A handler takes a ``Found`` (a match whose words read as the core's concept words, see
``lexicon.py``), the interview's local date ``base`` and the holiday ``country``, and
returns ``(date, confidence)``, ``(date, confidence, Span)``, ``(None, confidence)`` for
words that claim their place but name no date ("soon"), or None when the match is no
date at all ("the first round"). A ``Span`` says the date stands for a stretch of days
(a holiday, Easter's long weekend, a week): "after" it is the first working day after
the stretch, "before" it the last working day before (``context.apply_preposition``).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from clinch.core import calendar as cal
from clinch.core.timeline.lexicon import Lexicon, alt

DAY = timedelta(days=1)


@dataclass(frozen=True)
class Span:
    """The stretch of days a date stands for, first to last."""

    first: date
    last: date


class Found:
    """A pattern's match with its words read through the language's lexicon: ``found["wd"]``
    is the group's words as the core names them (None when the group did not take part)."""

    __slots__ = ("match", "lex", "string", "moment")

    def __init__(self, match: re.Match, lex: Lexicon, moment: datetime | None = None):
        self.match, self.lex, self.string = match, lex, match.string
        self.moment = moment  # when the interview ended, in its zone: hours count from it

    def __getitem__(self, name: str) -> str | None:
        raw = self._group(name)
        return None if raw is None else self.lex.canon(raw)

    def _group(self, name: str) -> str | None:
        """Group ``name``, else ``name2``, ``name3`` (a pattern may say one thing in several places)."""
        raw = self.match[name]
        if raw is None:
            names = self.match.re.groupindex
            for other in (name + "2", name + "3"):
                if other in names and self.match[other] is not None:
                    return self.match[other]
        return raw

    def get(self, name: str) -> str | None:
        """Like ``self[name]``, and None for a group the pattern does not have."""
        try:
            return self[name]
        except IndexError:
            return None

    def raw(self, name: str) -> str | None:
        raw = self._group(name)
        return None if raw is None else " ".join(raw.split())

    def text(self) -> str:
        """The whole match in the core's words."""
        return self.lex.canon(self.match.group())

    def group(self) -> str:
        return self.match.group()

    def start(self) -> int:
        return self.match.start()

    def end(self) -> int:
        return self.match.end()


# -- dates --------------------------------------------------------------------------------------

def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def next_month_day(month: int, day: int, base: date) -> date | None:
    """The next ``month``/``day`` on or after ``base`` (Feb 29th waits for a leap year)."""
    for year in range(base.year, base.year + 9):
        found = safe_date(year, month, day)
        if found and found >= base:
            return found
    return None


def month_end(year: int, month: int) -> date:
    return date(year, month, cal.days_in_month(year, month))


def next_weekday(after: date, weekday: int) -> date:
    """The first ``weekday`` (0 = Monday) strictly after ``after``."""
    return after + timedelta(days=(weekday - after.weekday() - 1) % 7 + 1)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def last_business_day_before(day: date, country: str) -> date:
    day -= DAY
    while not cal.is_business_day(day, country):
        day -= DAY
    return day


def add(base: date, n: float, unit: str, country: str) -> date:
    """``base`` moved on by ``n`` of ``unit`` (the core's words: "business days", "weeks", ...)."""
    unit = _singular(unit)
    business = unit.split()[0] in ("business", "working", "work")
    unit = unit.split()[-1]
    if unit == "hour":  # "48 business hours", "48h ouvrées": two working days
        days = math.ceil(n / 24)
        return cal.add_business_days(base, days, country) if business else base + timedelta(days=days)
    if unit == "day":
        days = math.ceil(n)
        return cal.add_business_days(base, days, country) if business else base + timedelta(days=days)
    if unit == "fortnight":
        unit, n = "week", 2 * n
    if unit == "week":
        if business:
            return cal.add_business_days(base, math.ceil(5 * n), country)
        return base + timedelta(days=math.ceil(7 * n))
    if unit not in ("month", "year"):
        raise ValueError(f"not a unit of time: {unit!r}")  # never read an unknown word as months
    months = 12 * n if unit == "year" else n
    whole = int(months)
    return cal.add_months(base, whole) + timedelta(days=math.ceil((months - whole) * 30))


def _singular(unit: str) -> str:
    """The core's unit words, one space between them, singular: "business  days" -> "business day"."""
    return " ".join(unit.split()).rstrip("s")


def _later(m, base: date, n: float, country: str) -> date:
    """``base`` moved on by ``n`` of the match's unit. Hours of the clock count from the moment the interview
    ended, as time elapses: "within 48 hours" of 23:30 on the night the clocks go forward ends on the third
    day; 36 hours from 10:00 end the next evening."""
    unit = m["unit"]
    if m.moment is not None and _singular(unit) == "hour":
        return (m.moment.astimezone(UTC) + timedelta(hours=n)).astimezone(m.moment.tzinfo).date()
    return add(base, n, unit, country)


def next_nth(day: int, earliest: date, month: date | None = None) -> date | None:
    """The first ``day``-th of a month, from ``month``'s (else ``earliest``'s) on, that is on or after
    ``earliest``; months without that day are skipped (the 31st waits for a long month)."""
    first = (month or earliest).replace(day=1)
    for months in range(0, 14):
        month_start = cal.add_months(first, months)
        found = safe_date(month_start.year, month_start.month, day)
        if found and found >= earliest:
            return found
    return None


def week_part(base: date, offset: int, *, next_week: bool):
    """Day ``offset`` (0 = Monday) of this week or the next; this week's never before ``base``."""
    start = week_start(base)
    if next_week:
        return start + timedelta(days=7 + offset), 0.75
    found = start + timedelta(days=offset)
    if found < base:
        found = base if base.weekday() < 5 else found + timedelta(days=7)
    return found, 0.75


def quarter_end(base: date):
    last_month = ((base.month - 1) // 3) * 3 + 3
    return month_end(base.year, last_month), 0.7


_PART_DAY = {"early": 10, "beginning": 10, "start": 10, "first half": 15, "mid": 15, "middle": 15}
_WEEK_OF_MONTH = {"first week": 0, "1st week": 0, "second week": 1, "2nd week": 1, "third week": 2, "3rd week": 2,
                  "first": 0, "second": 1, "third": 2}  # "in der ersten Juniwoche": the week is in the month's word


def _plain_part(part: str | None, default: str = "end") -> str:
    part = " ".join((part or default).replace("the ", "").replace(" of", "").split())
    for word in ("working ", "full ", "business "):  # "the first working week of January"
        part = part.replace(word, "")
    return part.replace("-", "").strip()


def part_day(part: str | None, year: int, month: int, country: str) -> date:
    """The day a part of a month stands for: early -> the 10th, mid -> the 15th, the first (second,
    third) week -> the Friday of the week holding the month's first working day (then the next
    ones'), late, end or the bare month -> its last day."""
    part = _plain_part(part)
    if part in _PART_DAY:
        return date(year, month, _PART_DAY[part])
    if part in _WEEK_OF_MONTH:
        first = cal.next_business_day(date(year, month, 1), country)
        return min(month_end(year, month), week_start(first) + timedelta(days=4 + 7 * _WEEK_OF_MONTH[part]))
    return month_end(year, month)


# -- handlers -------------------------------------------------------------------------------------

def iso(m, base, country):
    day = safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return (day, 0.95) if day else None


_MONTH_FIRST_COUNTRIES = {"US", "CA", "PH", "FM", "PW", "MH"}


def numeric(m, base, country):
    """"3/15" is month/day in the US (and CA, PH, FM, PW, MH) when the text is English, day/month
    elsewhere; "15.03." is always day.month."""
    a, b = int(m["a"]), int(m["b"])
    if (a, b) == (24, 7):
        return None
    month_first = (m.lex.code == "en" and cal.split_country(country)[0] in _MONTH_FIRST_COUNTRIES
                   and "." not in m.group())
    orders = [(a, b)] if month_first else [(b, a), (a, b)]
    for month, day in orders:
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        if m["y"]:
            year = int(m["y"]) + (2000 if len(m["y"]) == 2 else 0)
            found = safe_date(year, month, day)
        else:
            found = next_month_day(month, day, base)
        if found:
            return found, 0.9
    return None


_OR_LATER_DAY = re.compile(r"\s*(?:or|and|to|-|/|oder|bis|und|ou|au|et|o|y|al|a)\s*(?:the\s+|le\s+|el\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th|\.|er)?(?!\d)")


def later_day_named(m, day: int) -> int:
    """"the 21st or 22nd", "October 9th or 12th", "am 21. oder 22.": the later day of the month said."""
    other = _OR_LATER_DAY.match(m.string, m.end())
    return max(day, int(other["d"])) if other and int(other["d"]) <= 31 else day


def month_day(m, base, country):
    month, day = m.lex.month(m.raw("m")), later_day_named(m, m.lex.ordinal(m.raw("d")))
    may = m.lex.modal_may
    if may and m.raw("m").rstrip(".") == may and not (m.raw("d")[0].isdigit() or m["y"] or "the" in m.group()):
        return None  # "we may first talk to..." is not May 1st; "May 2nd", "the first of May" are
    if m["y"]:
        found = safe_date(int(m["y"]), month, day)
    else:
        found = next_month_day(month, day, base)
    return (found, 0.9) if found else None


_NEXT_MONTH = ("next month", "the next month", "the following month", "the coming month")


def part_of_month(m, base, country):
    if _plain_part(m["part"]) in ("early", "beginning", "start") and not _said_by(m):
        return None, 0.2  # "early January", "début janvier": some days, none to hold them to
    which = m["which"] or "month"
    if which in _NEXT_MONTH:
        target = cal.add_months(base.replace(day=1), 1)
        return part_day(m["part"], target.year, target.month, country), 0.7
    if which == "this month":
        return max(base, part_day(m["part"], base.year, base.month, country)), 0.7
    if which in ("the month", "month", "months"):  # "by mid-month" said on the 21st: next month's
        found = part_day(m["part"], base.year, base.month, country)
        if found < base:
            later = cal.add_months(base.replace(day=1), 1)
            found = part_day(m["part"], later.year, later.month, country)
        return found, 0.7
    month = m.lex.month(m.raw("which"))
    for year in (base.year, base.year + 1):
        found = part_day(m["part"], year, month, country)
        if found >= base:
            return found, 0.75
    return None


def half_of_month(m, base, country):
    """"in der zweiten Junihälfte": the 15th or the month's end."""
    part = "first half" if m["part"].startswith("first") else "second half"
    for year in (base.year, base.year + 1):
        found = part_day(part, year, m.lex.month(m.raw("which")), country)
        if found >= base:
            return found, 0.75
    return None


def bare_month(m, base, country):
    month, prep = m.lex.month(m.raw("m")), m["prep"]
    if m.lex.modal_may and month == 5 and prep not in ("in", "by", "during", "until", "till", "before", "after", "around"):
        return None
    for year in (base.year, base.year + 1):
        first, last = date(year, month, 1), month_end(year, month)
        if last < base:
            continue
        if prep == "by":
            return max(base, first), 0.5
        if prep == "before":
            return max(base, first - DAY), 0.5
        if prep == "after":
            return last + DAY, 0.5
        return last, 0.55, Span(max(base, first), last)  # "not until January": from its first day
    return None


def month_relative(m, base, country):
    text = m.text()
    if "next" in text or "following" in text:
        target = cal.add_months(base.replace(day=1), 1)
        return month_end(target.year, target.month), 0.6
    return month_end(base.year, base.month), 0.6


_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "q1": 1, "q2": 2, "q3": 3, "q4": 4,
                  "1": 1, "2": 2, "3": 3, "4": 4}


def quarter(m, base, country):
    current = (base.month - 1) // 3 + 1
    q = m["q"]
    part = _plain_part(m["part"])
    if q in ("this quarter", "the quarter", "quarter"):
        candidates = [(base.year, current)]
    elif q in ("next quarter", "the next quarter", "the following quarter"):
        y, n = divmod(base.year * 4 + current, 4)
        candidates = [(y, n + 1)]
    else:
        word = next(w for w in q.replace(".", " ").split() if w in _QUARTER_WORDS)
        n = _QUARTER_WORDS[word]
        years = [int(m["y"])] if m["y"] else [base.year, base.year + 1]
        candidates = [(year, n) for year in years]
    for year, n in candidates:
        first_month = 3 * n - 2
        if part in ("early", "beginning", "start"):
            found = month_end(year, first_month)
        elif part in ("mid", "middle"):
            found = date(year, first_month + 1, 15)
        else:
            found = month_end(year, first_month + 2)
        if found >= base:
            return found, 0.7
    return None


def end_of_quarter(m, base, country):
    return quarter_end(base)


_FISCAL = re.compile(r"\b(?:fiscal|financial)\w*\s+$")


def year_end(m, base, country):
    if _FISCAL.search(m.string, max(0, m.start() - 16), m.start()):
        return None  # "before fiscal year-end": the company's year, not the calendar's
    text = m.text()
    year = base.year + (1 if "next" in text else 0)
    part = m["part"] or "end"
    if "early" in part or "beginning" in part or "start" in part:
        return (date(year, 1, 31), 0.6) if year > base.year else None
    return date(year, 12, 31), 0.6


def new_year(m, base, country):
    """New Year's Day (a stretch: "after the new year" is the first working day after it); "in the new year"
    names no day to hold them to."""
    day = date(base.year + 1, 1, 1)
    if re.search(r"\bin\s+$", m.string[max(0, m.start() - 4):m.start()]):
        return in_the_new_year(m, base, country)
    return day, 0.65, Span(day, day)


def in_the_new_year(m, base, country):
    """"in the new year", "im neuen Jahr": some time after the holidays, no date."""
    return None, 0.2


def abbreviated_end(m, base, country):
    """EOW, EOM, EOQ, EOY: the end of this week, month, quarter or year."""
    kind = m.group()[2]
    if kind == "w":
        friday = week_start(base) + timedelta(days=4)
        return (friday if friday >= base else friday + timedelta(days=7)), 0.75
    if kind == "m":
        return month_end(base.year, base.month), 0.7
    if kind == "q":
        return quarter_end(base)
    return date(base.year, 12, 31), 0.6


def today(m, base, country):
    """Today, when the clause speaks of what is to come or says nothing else ("this afternoon"):
    not "great chatting with you today"."""
    from clinch.core.timeline.context import clause_around

    clause = clause_around(m.string, m.start(), m.end())
    rest = clause.replace(m.group(), " ", 1).split()
    if len(m.group().split()) > 1 or m.group() in ("eod", "cob", "tonight"):
        return base, 0.8  # "heute Abend noch", "this afternoon", "EOD": a time still to come
    return (base, 0.8) if len(rest) <= 1 or m.lex.compiled.future.search(clause) else None


def tomorrow(m, base, country):
    return base + (2 * DAY if "after" in m.text() else DAY), 0.9


def calendar_week(m, base, country):
    """"KW 42", "CW 42", "semaine 42": the Friday of that ISO week, this year or next ("Anfang KW 42": its
    Tuesday, "Mitte": its Wednesday)."""
    week = int(m["w"])
    day = _WEEK_PART.get(_plain_part(m.get("part")).strip("- "), 4) + 1  # "Mitte KW 23": its Wednesday
    for year in (base.year, base.year + 1):
        try:
            found = date.fromisocalendar(year, week, day)
        except ValueError:
            continue
        if found >= base:
            return found, 0.75
    return None


_WEEK_PART = {"beginning": 0, "start": 0, "early": 1, "earlier": 1, "mid": 2, "middle": 2}
_NEXT_WEEK = ("next", "the following", "following", "the coming", "coming", "the next")


def week(m, base, country):
    """"next week" is its Friday (a stretch: "after next week" is the Monday after); "early next week"
    the Tuesday, "mid" the Wednesday, "beginning" the Monday."""
    which = m["which"] or ""
    part = m.get("part")
    if "after next" in which:
        day = week_start(base) + timedelta(days=14 + _WEEK_PART.get(_plain_part(part).strip("- "), 4))
        return day, 0.7
    next_week = which in _NEXT_WEEK
    if part is None:
        day, confidence = week_part(base, 4, next_week=next_week)
        return day, confidence, Span(max(base, week_start(day)), day)
    offset = _WEEK_PART.get(_plain_part(part).strip("- "), 4)
    if offset < 2 and not _said_by(m):
        return None, 0.2  # "early next week", "Anfang nächster Woche": a hope of a few days; "by early next week" is a deadline
    if which in ("the", "week") and week_start(base) + timedelta(days=offset) < base:
        next_week = True  # "early in the week" said on a Friday: next week's
    return week_part(base, offset, next_week=next_week)


def weekday_and_day(m, base, country):
    """"Wednesday 27th": the next 27th on or after ``base`` (the number is the firmer part)."""
    found = next_nth(m.lex.ordinal(m.raw("d")), base)
    return (found, 0.8) if found else None


def week_after_next(m, base, country):
    day = week_start(base) + timedelta(days=18)
    return day, 0.7, Span(day - 4 * DAY, day)


_BY_BEFORE = re.compile(r"\b(?:by|bis(?:\s+zum)?|d'ici|para|before|vor\s+dem|avant)\s+$")


def _said_by(m) -> bool:
    """Whether "by" ("bis", "d'ici", "para") stands right before the match: a deadline, not a hope."""
    return _BY_BEFORE.search(m.string, max(0, m.start() - 12), m.start()) is not None


def weekend(m, base, country):
    """The weekend as its Sunday (a stretch from Saturday); "by the weekend", "bis zum Wochenende" is
    its eve, the Friday."""
    sunday = week_start(base) + timedelta(days=6)
    if "next" in m.text():
        sunday += timedelta(days=7)
    if _said_by(m):
        return max(base, sunday - 2 * DAY), 0.6
    return sunday, 0.6, Span(sunday - DAY, sunday)


_NTH = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": -1}


def last_weekday_of_month(m, base, country):
    """"the last Friday of the month", "the third Thursday of the month": this month's, or next month's
    once it has passed."""
    target = m.lex.weekday(m.raw("wd"))
    nth = _NTH[m.get("nth") or "last"]
    month = base.replace(day=1)
    for _ in range(2):
        if nth < 0:
            end = month_end(month.year, month.month)
            found = end - timedelta(days=(end.weekday() - target) % 7)
        else:
            found = month + timedelta(days=(target - month.weekday()) % 7 + 7 * (nth - 1))
        if found >= base:
            return found, 0.75
        month = cal.add_months(month, 1)
    return None


def half_year(m, base, country):
    """"by the end of H1", "in the second half of the year": June 30th or December 31st, this year's or,
    once passed, next year's."""
    first = m["h"] in ("h1", "first")
    for year in (base.year, base.year + 1):
        found = date(year, 6, 30) if first else date(year, 12, 31)
        if found >= base:
            return found, 0.65
    return None


def last_business_day(m, base, country):
    """"the last business day of the month (quarter, year)": that day, this one's or, once passed, the next's."""
    unit = m["which"].rstrip("s")  # French "mois" reads as "months"
    if unit == "year":
        end = date(base.year, 12, 31)
    elif unit == "quarter":
        end = quarter_end(base)[0]
    else:
        end = month_end(base.year, base.month)
    found = last_business_day_before(end + DAY, country)
    if found < base:
        if unit == "year":
            end = date(base.year + 1, 12, 31)
        elif unit == "quarter":
            end = quarter_end(end + DAY)[0]
        else:
            following = end + DAY
            end = month_end(following.year, following.month)
        found = last_business_day_before(end + DAY, country)
    return found, 0.75


def weekday(m, base, country):
    """A weekday: the first one strictly after ``base``; "this Friday" may be ``base``; "next Friday"
    is next week's in English, and in other languages the first at least two days away ("vendredi
    prochain" said on a Thursday is not tomorrow)."""
    target = m.lex.weekday(m.raw("wd"))
    mod = m.get("mod") or m.get("mod2") or ""
    post = m.get("post") or ""
    english = m.lex.code == "en"
    if post in ("next week", "of next week"):
        return week_start(base) + timedelta(days=7 + target), 0.75
    if mod in ("next", "the following", "following"):
        if english:
            return week_start(base) + timedelta(days=7 + target), 0.75
        return next_weekday(base + DAY, target), 0.75
    if mod == "coming" and not english:  # "kommenden Freitag", "el viernes que viene": never today
        return next_weekday(base, target), 0.85
    if post == "after next" or mod == "after next":
        if english:  # "Friday after next": the Friday of the week after next week
            return week_start(base) + timedelta(days=14 + target), 0.7
        # "übernächsten Freitag", "vendredi en quinze": a week after "nächsten Freitag" (the first at least
        # two days away), so said on a Tuesday it is next week's.
        return next_weekday(base + DAY, target) + timedelta(days=7), 0.7
    if mod in ("this", "this coming", "coming", "the coming") or post in ("this week", "of this week"):
        return base + timedelta(days=(target - base.weekday()) % 7), 0.85
    return next_weekday(base, target), 0.85


_NEXT_WORD = re.compile(r"\s*(\S+)")


def day_of_month(m, base, country):
    word = m.raw("d")
    has_digits = word[0].isdigit()
    prep, rel = m["prep"], m.get("rel")
    if has_digits and not word[-1].isalpha() and not word.endswith(".") and not prep and m.lex.code == "en":
        return None  # "the 12" needs "on"/"by"; "the 12th" does not
    if not has_digits and not prep and not rel:
        return None  # "the first" is a date only after "on"/"by"/...: not "the first round"
    after = _NEXT_WORD.match(m.string, m.end())
    if after and after[1].strip(",.;:!?") in m.lex.not_a_date_after:
        return None
    day = later_day_named(m, m.lex.ordinal(word))
    if not 1 <= day <= 31:
        return None
    month = cal.add_months(base.replace(day=1), 1) if rel and "next" in rel else _month_just_named(m, base)
    found = next_nth(day, base + DAY, month)  # "by the 2nd" said on the 2nd means next month's
    if found is None:
        return None
    if prep == "after":
        before = max(0, m.start() - 40)
        if m.lex.compiled.shortly.search(m.string, max(0, m.start() - 16), m.start()):
            return cal.add_business_days(found, 3, country), 0.75  # "shortly after the 20th": a range after it
        count = m.lex.compiled.count_before_after.search(m.string, before, m.start())
        if count is not None:  # "three days after the 20th"
            return add(found, m.lex.number(count["n"]), m.lex.canon(count["unit"]), country), 0.75
    shift = {"before": -DAY, "after": DAY}.get(prep or "", timedelta(0))
    return max(base, found + shift), 0.8


_MONTH_REACH = 40  # "fin novembre, au plus tard le 30": how far back a month still names the day's


@lru_cache(maxsize=8)
def _month_before(lex) -> re.Pattern:
    """A month's name (not "may", a verb as often) followed by words that neither end the sentence nor
    hold a figure."""
    return re.compile(rf"\b(?P<month>{alt(set(lex.months) - {lex.modal_may})})(?![^\W\d_])[^.!?\d]*$")


def _month_just_named(m, base: date) -> date | None:
    """The first day of the month named a few words before a bare day ("end of November, the 30th at the
    latest"), when that month is ``base``'s or later; else None."""
    before = _month_before(m.lex).search(m.string, max(0, m.start() - _MONTH_REACH), m.start())
    if before is None:
        return None
    month = m.lex.month(before["month"])
    year = base.year if month >= base.month else base.year + 1
    return date(year, month, 1)


def week_commencing(m, base, country):
    """"w/c 16th", "week beginning 4th": the Friday of the week holding the next such day."""
    found = next_nth(m.lex.ordinal(m.raw("d")), week_start(base))
    return (week_start(found) + timedelta(days=4), 0.75) if found else None


def anchored(m, base, country):
    """"a week from Monday", "two weeks on Tuesday", "a week today", "Monday week": the day, then the span."""
    anchor = m["anchor"] or m.get("anchor2")
    unit = m.get("unit") or "days"  # "lundi en huit", "de hoy en ocho": days
    if anchor == "today":
        day = base
    elif anchor == "tomorrow":
        day = base + DAY
    else:
        day = next_weekday(base, m.lex.weekday(m.raw("anchor") or m.raw("anchor2")))
    if m.get("anchor2"):
        return day + timedelta(days=7), 0.75
    return add(day, _span_number(m, m.raw("n"), unit), unit, country), 0.75


def this_time_next(m, base, country):
    """"this time next week/month": the same weekday a week, or the same date a month, on."""
    return (base + timedelta(days=7), 0.75) if m["unit"] == "week" else (cal.add_months(base, 1), 0.7)


_ABBREVIATION_DOT = re.compile(r"\.(?=\s*(?:$|[,;!?)]|\d))")


def weekday_short(m, base, country):
    """"by Wed", "on Fri", "next Thu": a short weekday, read only after such a word (not "we sat down"), or
    written as an abbreviation where a sentence ends: "We'll let you know Wed.", "Antwort Fr.", "respuesta el vie."."""
    before = m.string[max(0, m.start() - 12):m.start()]
    dot = m.string.find(".", m.start(), m.end() + 1)
    if not (m.get("mod") or m.lex.compiled.short_weekday_lead.search(before)
            or dot != -1 and _ABBREVIATION_DOT.match(m.string, dot)):
        return None
    return weekday(m, base, country)


def easter(m, base, country):
    """Easter: its long weekend, Good Friday to Easter Sunday (Easter Monday where it is a holiday
    follows by itself); alone it is Good Friday, "Easter Sunday" and "Easter Monday" themselves."""
    from dateutil.easter import easter as easter_sunday

    which = m["which"] or ""
    named = "good friday" not in m.text()
    offset = 0 if named and which == "sunday" else 1 if named and which == "monday" else -2
    for year in (base.year, base.year + 1):
        sunday = easter_sunday(year)
        day = sunday + timedelta(days=offset)
        if day >= base:
            return day, 0.7, Span(min(day, sunday - 2 * DAY), max(day, sunday))
    return None


def after_long_weekend(m, base, country):
    """The first working day after the next weekend that a public holiday makes long (else the next weekend)."""
    found = _next_long_weekend(base, country)
    if found is not None:
        return cal.next_business_day(found[1], country, include=False), 0.6
    saturday = base - DAY if base.weekday() == 6 else base + timedelta(days=(5 - base.weekday()) % 7)
    return cal.next_business_day(saturday + 2 * DAY, country), 0.5


def _next_long_weekend(base: date, country: str) -> tuple[date, date] | None:
    """The first and last days off of the next weekend that a public holiday makes long (within 7 weeks),
    with the bridge day people take ("le pont"): a holiday Thursday makes Thursday to Sunday, a holiday
    Tuesday Saturday to Tuesday."""
    saturday = base - DAY if base.weekday() == 6 else base + timedelta(days=(5 - base.weekday()) % 7)
    for weeks in range(7):
        start = saturday + timedelta(days=7 * weeks)
        first = start
        if not cal.is_business_day(start - DAY, country):  # Friday off
            first = start - DAY
        elif not cal.is_business_day(start - 2 * DAY, country):  # Thursday off, Friday the bridge
            first = start - 2 * DAY
        monday, tuesday = start + 2 * DAY, start + 3 * DAY
        last = start + DAY
        if not cal.is_business_day(monday, country):
            last = cal.next_business_day(monday, country) - DAY
        elif not cal.is_business_day(tuesday, country):  # Monday the bridge, Tuesday off
            last = tuesday
        if first != start or last != start + DAY:
            return first, last
    return None


def bridge_day(m, base, country):
    """"der Brückentag": the next working day between a public holiday and a weekend (a Friday after a
    holiday Thursday, a Monday before a holiday Tuesday), as a stretch of days off with them."""
    day = base
    for _ in range(200):
        if cal.is_business_day(day, country):
            if day.weekday() == 4 and cal.is_holiday(day - DAY, country):
                return day, 0.6, Span(day - DAY, day + 2 * DAY)
            if day.weekday() == 0 and cal.is_holiday(day + DAY, country):
                return day, 0.6, Span(day - 2 * DAY, day + DAY)
        day += DAY
    return None, 0.2


def before_long_weekend(m, base, country):
    """"before the long weekend", "antes del puente": the last working day before the next long weekend."""
    found = _next_long_weekend(base, country)
    if found is None:
        return None, 0.2
    return max(base, last_business_day_before(found[0], country)), 0.6


def end_of_next_week(m, base, country):
    """"this week or next", "diese oder nächste Woche": the later end, next week's Friday."""
    return week_part(base, 4, next_week=True)


def after_holidays_or_next(m, base, country):
    """"nach den Feiertagen": said around Christmas, the new year's first working day; else the first
    working day after the next public holiday."""
    if (base.month, base.day) >= (11, 15) or (base.month, base.day) <= (1, 6):
        return after_the_holidays(m, base, country)
    return after_next_holiday(m, base, country)


def after_next_holiday(m, base, country):
    """"after the bank holiday": the first working day after the next public holiday; "the Monday after the bank
    holiday": the first such weekday after it."""
    for day, _ in cal.holiday_names(country, base.year) + cal.holiday_names(country, base.year + 1):
        if base <= day <= base + timedelta(days=120):
            if m.get("wd"):
                return next_weekday(day, m.lex.weekday(m.raw("wd"))), 0.6
            return cal.next_business_day(day, country), 0.6
    return None, 0.2


def after_the_holidays(m, base, country):
    """Said between mid-November and early January: the first working day of the new year (in Spain,
    after Twelfth Night: the season runs to the 6th); else unknown."""
    if not ((base.month, base.day) >= (11, 15) or (base.month, base.day) <= (1, 6)):
        return None, 0.15
    year = base.year + 1 if base.month >= 11 else base.year
    last = date(year, 1, 6 if cal.split_country(country)[0] == "ES" else 1)
    return cal.next_business_day(last + DAY, country, include=True), 0.6


def before_the_holidays(m, base, country):
    """"before the holidays", "before the Christmas break": said from mid-November to Christmas, the last
    working day before Christmas Day; else unknown."""
    if not ((base.month, base.day) >= (11, 15) and (base.month, base.day) <= (12, 24)):
        return None, 0.15
    return max(base, last_business_day_before(date(base.year, 12, 25), country)), 0.6


def first_week_back(m, base, country):
    """"the first week back (in January, after the holidays)": said from mid-November to early January,
    the Friday of the week holding the new year's first working day; else unknown."""
    if not ((base.month, base.day) >= (11, 15) or (base.month, base.day) <= (1, 6)):
        return None, 0.15
    year = base.year + 1 if base.month >= 11 else base.year
    first = cal.next_business_day(date(year, 1, 2), country)
    return max(base, week_start(first) + timedelta(days=4)), 0.65


def back_to_work_season(m, base, country):
    """"à la rentrée", "after the summer": the first working day of September (said from May to
    August); said in the winter, the new year's first working day."""
    if 5 <= base.month <= 8:
        return cal.next_business_day(date(base.year, 9, 1), country), 0.5
    if base.month >= 11 or base.month == 1 and base.day <= 6:
        return after_the_holidays(m, base, country)
    return None, 0.15




def _span_number(m, word: str, unit: str | None) -> float:
    """How many of ``unit`` ``word`` says; "acht Tage", "huit jours", "quince días" are one and two
    weeks where the language says so."""
    n = m.lex.number(word)
    if m.lex.eight_days_is_a_week and unit and unit.rstrip("s").endswith("day") and "business" not in unit:
        return {8: 7.0, 14: 14.0, 15: 14.0}.get(int(n), n) if n == int(n) else n
    return n


def _told_of_the_past(m) -> bool:
    from clinch.core.timeline.context import told_of_the_past

    return told_of_the_past(m)


def _approximate(m, *, a_range: bool = False) -> bool:
    from clinch.core.timeline.context import is_approximate

    return is_approximate(m, a_range=a_range)


def range_(m, base, country):
    """"in 2-3 weeks": the later end; an approximate one ("usually 4 to 6 weeks", "environ trois à quatre
    semaines") gives no date."""
    if _told_of_the_past(m):
        return None, 0.1
    if _approximate(m, a_range=True):
        return None, 0.15
    if m.raw("a") in m.lex.tens and m.raw("b") in m.lex.numbers and m.lex.numbers[m.raw("b")] < 10:
        return None  # "twenty-one days" is one number
    n = max(m.lex.number(m.raw("a")), m.lex.number(m.raw("b")))
    return _later(m, base, n, country), 0.75


def vague(m, base, country):
    return None, 0.15


def following_week(m, base, country):
    """"the week after" alone is next week (its Friday); after another date, the week after that
    date's (``reader``)."""
    return week_part(base, 4, next_week=True)


def same_day(m, base, country):
    """"that same day" alone is the interview's day; after another date it is that date (``reader``)."""
    return base, 0.4


def following_day(m, base, country):
    """"the following day" alone is tomorrow; after another date it counts from that (``reader``)."""
    return base + DAY, 0.5


def coming(m, base, country):
    """"in the coming days/weeks": as vague as "a few weeks", no date."""
    return None, 0.15


def midweek(m, base, country):
    """Wednesday: this week's until it has passed, then next week's."""
    return week_part(base, 2, next_week=base.weekday() > 2)


def first_thing_next_week(m, base, country):
    return week_part(base, 0, next_week=True)


def one_or_two(m, base, country):
    """"a week or two": the later end; no date when approximate ("about a week or two") or usual."""
    if _approximate(m, a_range=True):
        return None, 0.15
    return add(base, m.lex.number(m.raw("b")), m["unit"], country), 0.7


def the_unit(m, base, country):
    """"within the fortnight", "within the week", "dans la semaine": one of the unit from ``base``."""
    unit = m["unit"]
    if unit.rstrip("s") == "week":
        return week_part(base, 4, next_week=False) if m["this"] else (add(base, 1, unit, country), 0.7)
    return add(base, 1, unit, country), 0.7


def triggers() -> dict:
    """handler -> the kinds of words its patterns need, for languages whose patterns do not say
    (``reader``): a duration needs a unit word, a weekday a weekday's name."""
    return {
        anchored: {"weekday", "tomorrow", "today"}, calendar_week: {"digit"}, after_long_weekend: {"long"},
        after_next_holiday: {"holiday"}, after_the_holidays: {"season"}, back_to_work_season: {"season"},
        iso: {"digit"}, numeric: {"digit"}, month_day: {"month"}, quarter: {"quarter"}, end_of_quarter: {"quarter"},
        year_end: {"year"}, part_of_month: {"month", "monthly", "week"}, bare_month: {"month"},
        day_of_month: {"digit", "ordinal"}, month_relative: {"monthly"}, tomorrow: {"tomorrow"}, coming: {"unit"},
        the_unit: {"week", "unit"}, weekend: {"week"}, last_business_day: {"unit"}, weekday_and_day: {"weekday"}, weekday: {"weekday"},
        week: {"week"}, midweek: {"week"}, following_week: {"week"}, range_: {"unit"},
        following_day: {"unit", "next day"}, duration: {"unit"}, today: {"today"}, same_day: {"same"},
    }


def duration(m, base, country):
    if _told_of_the_past(m):
        return None, 0.1
    lex = m.lex
    n_word = m.raw("n")
    cues = lex.compiled
    if cues.frequency_after.match(m.string, m.end()) or (
            lex.numbers.get(n_word) == 1 and not n_word[0].isdigit()
            and cues.frequency_before.search(m.string, max(0, m.start() - 10), m.start())):
        return None, 0.1  # "three days a week", "twice a week" are not dates
    if n_word in lex.vague_numbers or _approximate(m):
        return None, 0.15  # "a couple of weeks", "ein paar Tage", "ca. 3 Wochen": no date to hold them to
    n = _span_number(m, n_word, m["unit"]) * (1.5 if m["half"] else 1)
    if n > 3650:
        return None
    return _later(m, base, n, country), 0.8
