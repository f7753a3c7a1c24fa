"""Reading a text in one language: spell out slips, run the language's patterns (the first to
match claims its words), resolve each match, and choose among the dates found.

A language is a module with ``LEXICON`` (``lexicon.Lexicon``), ``PATTERNS`` (regex source,
handler, the kinds of words it needs or None; the string ``"holidays"`` marks where the
named days go), ``FEATURES`` (kind -> words) and ``AROUND`` (the regex for "the week after"
before a named day). With ``SUBSTRINGS`` true a kind is present when one of its words occurs
anywhere in the text (German compounds: "Wochenende", "Monatsende"), else when it is a word of
the text. A pattern whose kinds are all absent is neither compiled nor run: a command reads one
phrase, and compiling every pattern would cost more than reading.
"""

from __future__ import annotations

import importlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from functools import lru_cache

from clinch.core.timeline import context
from clinch.core.timeline import named_days as nd
from clinch.core.timeline.lexicon import alt
from clinch.core.timeline.resolution import (DAY, Found, Span, bare_month, duration, next_weekday, range_, week_start,
                                             weekday)


class _Languages(dict):
    """code -> language module, imported on first use."""

    def __getitem__(self, code):
        module = dict.__getitem__(self, code)
        if isinstance(module, str):
            module = importlib.import_module(module)
            dict.__setitem__(self, code, module)
        return module

    def values(self):
        return [self[code] for code in self]


LANGUAGES = _Languages(en="clinch.core.timeline.en", de="clinch.core.timeline.de",
                       fr="clinch.core.timeline.fr", es="clinch.core.timeline.es")


def read_in(code: str, text: str, base: date, country: str, horizon: timedelta, moment: datetime | None = None):
    """``(date or None, matched words, confidence, earliest or None)`` for ``text`` read in language
    ``code``, or None when none of its patterns matched. ``earliest`` is the day a phrase that gives
    only a lower bound names ("not before the 15th", "after Easter"): no decision date, but no sooner.
    ``moment``, when given, is the interview's end in its zone (``base`` is its day): hours count from it."""
    lang = LANGUAGES[code]
    lex = lang.LEXICON
    plain = _normalize(text)
    norm, back = spell_out(lex, plain)
    found: list[tuple[date | None, int, int, float]] = []
    anchored: set[int] = set()  # starts of dates counted from another day: "after the panel on the 12th"
    named: list[tuple[int, int]] = []  # the spans of named days
    first_days: dict[int, date] = {}  # start -> the first day of a month read ("until January": the 1st)
    taken = _Taken()
    present = features(lang, norm, country)
    for pattern in patterns(code, country):
        if pattern.trigger is not None and pattern.trigger.isdisjoint(present):
            continue
        handler = pattern.handler
        for match in pattern.regex.finditer(norm):
            span = match.span()
            if span[0] == span[1] or taken.overlaps(*span):
                continue
            try:
                result = handler(Found(match, lex, moment), base, country)
            except (ValueError, OverflowError, LookupError):  # "in 9999 years": past the calendar's end
                result = None
            if result is None:
                continue
            taken.add(*span)
            if handler is nd.holiday:
                named.append(span)
            day, confidence = result[0], result[1]
            stretch: Span | None = result[2] if len(result) > 2 else None
            if day is not None and (context.said_of_the_past(lex, norm, *span)
                                    or context.is_invitation_or_wish(lex, norm, *span)
                                    or context.is_withdrawn(lex, norm, *span)
                                    or handler not in _SPANS and context.is_sometime(lex, norm, *span)):
                day, confidence = None, 0.1
            if day is None:  # vague words: claim the span, give no date
                found.append((None, *span, confidence))
                continue
            read = day
            start, day = context.apply_week_of(lex, norm, span[0], span[1], day, country)
            # Counted from the date ("after the panel on the 12th", "the board meets on the 28th, after that we'll
            # be in touch"): the date's event is not the decision's. A week named by its day ("the week of the
            # 22nd") is counted from nothing.
            counted = start == span[0] and day != read
            shifted_from, shifted_start = day, start
            start, day = context.apply_preposition(lex, norm, start, day, base, country, stretch)
            if base <= day <= base + horizon:
                found.append((day, start, span[1], confidence))
                if handler is bare_month and stretch is not None and day == read:  # not moved by "after", "before"
                    first_days[start] = max(base, stretch.first)
                if (counted or day != shifted_from or start != shifted_start
                        or context.starts_with_after_or_before(lex, norm, span[0])):
                    anchored.add(start)
    dated = _not_glossing_vague_words(lex, norm, found)
    dated = _narrowed_week(lex, norm, _following_earlier(lex, norm, dated), base)
    # A date of another event (an interview round, an absence, a holiday tomorrow) is no decision date, unless
    # the decision is counted from it ("after the panel on the 12th").
    dating = _named_day_and_its_day(lex, norm, named)
    kept = [f for f in dated if f[1] not in dating and not context.follows_the_decision(lex, norm, f[1], f[2])
            and (f[1] in anchored or not context.tied_elsewhere(lex, norm, f[1], f[2])
                 or context.named_again(lex, norm, f[2]))]
    kept = _corrected(lex, norm, kept)
    # A lower bound ("not before the 20th") rules out the dates before it ("after Family Day, not before the
    # 20th anyway").
    lower = {f for f in kept if context.is_lower_bound(lex, norm, f[1], f[2])}
    floor = max((first_days.get(f[1], f[0]) for f in lower), default=None)
    kept = [f for f in kept if f in lower or f[0] >= floor] if floor is not None else kept
    # A date said to be the latest is the deadline; else the dates whose words name the decision win over
    # dates that only inform ("within 2 working days. Saturday is a holiday"); and when the decision's words
    # go with vague words only, no date is promised.
    deadlines = [f for f in kept if context.is_deadline(lex, norm, f[1], f[2])]
    tied: list[tuple] = []
    if not deadlines:
        starts = sorted(f[1] for f in found)
        tied = [f for f in kept if context.tied_to_the_decision(lex, norm, f[1], f[2], starts)]
        vague = None if tied else _vague_decision(lex, norm, found, sorted(f[1] for f in kept))
        if vague is not None:
            _, start, end, confidence = vague
            return None, _matched(lex, text, plain, back, start, end), confidence, None
    kept = deadlines or tied or kept
    # "Not before the 15th, but by the end of the month at the latest": the upper bound. A lower bound
    # alone ("nicht vor dem 15.", "out until the 12th") says when the decision cannot come: no date.
    upper = [f for f in kept if f not in lower]
    if kept and not upper:
        earliest, start, end, _ = max(kept, key=lambda f: f[0])
        return None, _matched(lex, text, plain, back, start, end), 0.2, first_days.get(start, earliest)
    kept = upper
    if kept:
        day, start, end, confidence = max(kept, key=lambda f: (f[0], f[3]))
        return day, _matched(lex, text, plain, back, start, end), confidence, None
    if dated:  # only other events' dates: their words, no date
        _, start, end, _ = min(dated, key=lambda f: f[1])
        return None, _matched(lex, text, plain, back, start, end), 0.1, None
    if found:
        _, start, end, confidence = found[0]
        return None, _matched(lex, text, plain, back, start, end), confidence, None
    return None


def _vague_decision(lex, norm: str, found: list[tuple], dated_starts: list[int]) -> tuple | None:
    """The vague words the decision goes with, in a sentence that holds no date: "We're shutting down for the
    break on Wednesday. You'll hear from us sometime in the new year" (Wednesday names none of the decision)."""
    return next((f for f in found if f[0] is None
                 and context.decision_goes_with(lex, norm, f[1], f[2], dated_starts)), None)


_SPANS = (duration, range_)  # "sometime in the next 2-3 weeks" still counts them


def _matched(lex, text, plain, back, start, end) -> str:
    return context.matched_words(lex, text, plain, back[start], back[end - 1] + 1)


# -- compiled patterns ----------------------------------------------------------------------------

class _Pattern:
    """A pattern's source, compiled on first use; its handler; the kinds of words it needs (or None)."""

    __slots__ = ("source", "handler", "trigger", "_regex")

    def __init__(self, source: str, handler, trigger):
        self.source, self.handler, self._regex = source, handler, None
        self.trigger = frozenset(trigger) if trigger is not None else None

    @property
    def regex(self) -> re.Pattern:
        if self._regex is None:
            self._regex = re.compile(self.source)
        return self._regex


@lru_cache(maxsize=1)
def _triggers() -> dict:
    from clinch.core.timeline.resolution import triggers

    return triggers()


_NAMED = "named days"  # the kind of word the named days' patterns need: one of their names


@lru_cache(maxsize=64)
def patterns(code: str, country: str) -> list[_Pattern]:
    """The language's patterns in the order they claim words, with ``country``'s named days."""
    lang = LANGUAGES[code]
    found = []
    holidays = nd.regex(lang.LEXICON, country)
    weekday_led = nd.weekday_led_regex(lang.LEXICON, country)
    for entry in lang.PATTERNS:
        if entry == "holidays":
            if holidays is not None:
                found.append(_Pattern(holidays, nd.holiday, {_NAMED}))
            continue
        source, handler, trigger = entry
        if handler is weekday and weekday_led is not None:  # "lundi de Pentecôte" is no Monday of its own
            found.append(_Pattern(weekday_led, nd.holiday, {_NAMED}))
            weekday_led = None
        if trigger is None and getattr(lang, "SUBSTRINGS", False):
            trigger = _triggers().get(handler)
        found.append(_Pattern(source, handler, trigger))
    if holidays is not None:
        found.insert(0, _Pattern(lang.AROUND + holidays[2:], nd.around_holiday, {_NAMED}))
    return found


@lru_cache(maxsize=8)
def month_or_year(code: str) -> re.Pattern:
    """A month's name in language ``code``, or a full year: what the last resort's reading must name."""
    return re.compile(rf"\b(?:{alt(LANGUAGES[code].LEXICON.months)})(?![^\W\d_])|\b\d{{4}}\b")


_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[^\W\d_]+")


def features(lang, norm: str, country: str) -> set[str]:
    """Which kinds of words occur in ``norm``: one tokenisation instead of a regex per pattern."""
    if getattr(lang, "SUBSTRINGS", False):
        present = {name for name, needles in lang.FEATURES.items() if any(n in norm for n in needles)}
    else:
        words = set(_WORD.findall(norm))
        present = {name for name, vocabulary in lang.FEATURES.items() if not words.isdisjoint(vocabulary)}
    if any(n in norm for n in nd.needles(lang.LEXICON, country)):
        present.add(_NAMED)
    if _DIGIT.search(norm):
        present.update(("digit", "ordinal"))
        if re.search(r"\bq", norm):  # "Q3"
            present.add("quarter")
    return present


# -- normalising ---------------------------------------------------------------------------------

_CHAR_MAP = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00ab": '"', "\u00bb": '"',
                           "\u2013": "-", "\u2014": "-", "\u00a0": " ", "\u202f": " ", "\t": " ", "\n": " ",
                           "\r": " "})


_BRACKETED_FIGURE = re.compile(r"(?<=[^\W\d_])\s*\(\d{1,3}\)")  # "five (5) business days": the figure repeats the word


def _normalize(text: str) -> str:
    """Lower-case and plain punctuation, one character for one so spans map back to ``text``; a figure
    in brackets after a number's word is blanked."""
    mapped = text.translate(_CHAR_MAP)
    mapped = _BRACKETED_FIGURE.sub(lambda m: " " * len(m.group()), mapped)
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in mapped)


def spell_out(lex, norm: str) -> tuple[str, Sequence[int]]:
    """``norm`` with shorthand, slips and the lexicon's runs of words replaced, and for each of its
    characters the position in ``norm`` it comes from (spans found in the result map back to the
    original words). A "before" that a negation governs reads as "from": "we won't decide before
    the 15th" names the 15th."""
    parts, back, last = [], [], 0
    negated = {n.start("b") for n in lex.compiled.negated_before.finditer(norm)}
    shorthand, phrases = lex.shorthand, lex.phrases
    for m in lex.token.finditer(norm):
        word = m.group()
        spelt = shorthand.get(word) or phrases.get(word) or (lex.from_word if m.start() in negated else None)
        if spelt is None and " " in word:
            spelt = phrases.get(" ".join(word.split()))
        if spelt is None:
            continue
        parts.append(norm[last:m.start()])
        back.extend(range(last, m.start()))
        parts.append(spelt)
        # The first half of the replacement maps to the replaced words' start, the second half to their end: a
        # match that begins or ends inside shows all of them ("before the month is out", read as "by the end
        # of the month").
        half = len(spelt) // 2
        back.extend(m.start() if i < half else m.end() - 1 for i in range(len(spelt)))
        last = m.end()
    if not parts:
        return norm, range(len(norm) + 1)
    parts.append(norm[last:])
    back.extend(range(last, len(norm) + 1))
    return "".join(parts), back


# -- choosing among the dates found ----------------------------------------------------------------

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


def _following_earlier(lex, norm: str, dated: list[tuple]) -> list[tuple]:
    """"Maybe Wednesday, maybe the following Monday", "on the 28th, and the following day": a
    "following" weekday or day after another date counts from that date, not from the interview."""
    cues = lex.compiled
    by_start = sorted(dated, key=lambda f: f[1])
    starts = [f[1] for f in by_start]
    latest: list[date] = []  # latest[k]: the latest day among the first k + 1 by start
    for f in by_start:
        latest.append(max(latest[-1], f[0]) if latest else f[0])
    out = []
    for day, start, end, confidence in dated:
        earlier = bisect_left(starts, start)  # how many start before this one
        if earlier:
            m = cues.following_weekday.match(norm, start)
            if m:
                day = next_weekday(latest[earlier - 1], lex.weekday(m["wd"]))
            elif cues.same_day.match(norm, start):  # "the CEO meets them on the 9th; we'll decide that same day"
                day = latest[earlier - 1]
            elif cues.following_day.match(norm, start):
                day = latest[earlier - 1] + DAY  # "the panel sits on the 28th and we'll call the following day"
            elif cues.following_week.match(norm, start):  # "interviews end on the 29th; we'll decide the week after"
                day = week_start(latest[earlier - 1]) + timedelta(days=11)
        out.append((day, start, end, confidence))
    return out


def _narrowed_week(lex, norm: str, dated: list[tuple], base: date) -> list[tuple]:
    """A week followed by a weekday ("next week, maybe Tuesday") reads as that weekday of that week;
    the weekday is not read a second time on its own."""
    cues = lex.compiled
    out: list[tuple | None] = list(dated)
    at: dict[int, list[int]] = {}  # start -> where readings starting there are in ``out``
    furthest: dict[int, int] = {}  # start -> the furthest end of a reading starting there
    for i, f in enumerate(dated):
        at.setdefault(f[1], []).append(i)
        furthest[f[1]] = max(furthest.get(f[1], f[2]), f[2])
    for day, start, end, confidence in dated:
        m = cues.week_narrowed_to.match(norm, end)
        if m is None or not _names_a_week(lex, norm, start, end):
            continue
        if furthest.get(m.start("wd"), 0) > m.end("wd"):
            continue  # the weekday is a name's first word: "next week, Whit Monday permitting"
        narrowed = week_start(day) + timedelta(days=lex.weekday(m["wd"]))
        if narrowed < base:
            continue  # "this week, maybe Monday" said on a Thursday: the week is all that is left
        # The week and the weekday read on its own give way to the narrowed reading.
        for position in (start, *range(end, m.end())):
            for i in at.pop(position, ()):
                out[i] = None
        at.setdefault(start, []).append(len(out))
        out.append((narrowed, start, m.end(), confidence))
    return [f for f in out if f is not None]


_GLOSS = re.compile(r"\s*(?P<mark>[,:]|-+|\()?\s*(?:(?P<gloss>also|i\.?\s?e\.?|that\s+is|d\.\s?h\.|c'est-à-dire|"
                    r"es\s+decir|o\s+sea)[\s,:]+)?")
_GLOSS_REACH = 24


def _not_glossing_vague_words(lex, norm: str, found: list[tuple]) -> list[tuple]:
    """The dated readings, less those that gloss vague words right before them ("early next week, after
    Independence Day", "in ungefähr 8 bis 10 Tagen, also nach der Sitzung vom 25. Juni") or have vague words as
    their later alternative ("zwischen den Jahren oder Anfang Januar"): they say no more than the vague words
    do. A deadline after vague words still counts ("soon, by Friday at the latest")."""
    ends = sorted(f[2] for f in found if f[0] is None)
    starts = sorted(f[1] for f in found if f[0] is None)
    out = []
    for f in found:
        if f[0] is None:
            continue
        # Only vague words within reach are looked at (bisection): a long text costs no more per date.
        before = ends[bisect_left(ends, f[1] - _GLOSS_REACH):bisect_left(ends, f[1])]
        after = starts[bisect_right(starts, f[2]):bisect_right(starts, f[2] + _GLOSS_REACH)]
        if any(_glosses(lex, norm, end, f[1]) for end in before) or any(
                _OR_ELSE.fullmatch(norm, f[2], start) for start in after):
            continue
        out.append(f)
    return out


_OR_ELSE = re.compile(r"\s*,?\s*(?:or|oder|ou|o|u)\s+(?:(?:maybe|perhaps|vielleicht|eher|peut-être|plutôt|quizás|tal\s+vez)\s+)?")


def _glosses(lex, norm: str, vague_end: int, start: int) -> bool:
    m = _GLOSS.match(norm, vague_end, start)
    if m is None or m.end() != start:
        return False
    if m["mark"] is None:
        return False  # "nous vous recontacterons donc dans les 2 jours": a date of its own
    first = _WORD.match(norm, start)
    return m["gloss"] is not None or first is not None and first.group() in lex.after_words


# After a named day: "(is) (on) <word>" ("MLK Day on Monday", "Fronleichnam morgen", "Reyes mañana").
_AFTER_NAME = re.compile(r"\s+(?:(?:is|'s|falls|ist|fällt|est|tombe|es|cae)\s+)?(?P<lead>(?:on|am|le|el|this|next)\s+)?(?P<word>[^\W\d_]+)")
_RELATIVE_DAYS = frozenset({"today", "tomorrow"})


def _named_day_and_its_day(lex, norm: str, named: list[tuple[int, int]]) -> set[int]:
    """The starts of a named day and of the "today", "tomorrow" or weekday right after it ("Fronleichnam morgen ist
    eh frei", "feliz día de Reyes mañana", "MLK Day on Monday"): together they say when the holiday is, not when
    the decision comes."""
    out: set[int] = set()
    for start, end in named:
        after = _AFTER_NAME.match(norm, end)
        if after is None:
            continue
        word = after["word"]
        if lex.canon(word) in _RELATIVE_DAYS or word in lex.weekdays or after["lead"] and word in lex.week_words:
            out.update((start, after.start("lead") if after["lead"] else after.start("word"), after.start("word")))
    return out


def _corrected(lex, norm: str, dated: list[tuple]) -> list[tuple]:
    """"Bis 31.10.? ... sagen wir bis zum 30.10.", "by Friday - I mean Thursday", "le 11... disons le 10": the
    speaker corrects a date; the dates said before the last correction that has a date after it give way."""
    if len(dated) < 2:
        return dated
    starts = sorted(f[1] for f in dated)
    cut_at = None
    for m in lex.compiled.correction.finditer(norm, starts[0], starts[-1] + context.CLAUSE_REACH):
        if m.start() > starts[-1]:
            break
        if starts[-1] >= m.end():  # a date follows the correction
            cut_at = m.start()
    if cut_at is None:
        return dated
    return [f for f in dated if f[1] >= cut_at]


def _names_a_week(lex, norm: str, start: int, end: int) -> bool:
    return not lex.week_words.isdisjoint(_WORD.findall(norm, start, end))
