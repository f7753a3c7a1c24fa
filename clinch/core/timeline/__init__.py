"""What the interviewer said -> the decision date it implies, in English, German, French or Spanish.

``read_decision_date("we'll decide by Friday", after=ends_at, tz=..., country=...)`` returns a
``Reading``: the date (or None), the words that gave it, how sure the reading is, and the
language it was read in. The reader is three kinds of thing, kept apart because they change
for different reasons:

* a **lexicon** per language (``lexicon.py``; ``en.py``, ``de.py``, ``fr.py``, ``es.py``): its
  words for days, months, numbers, holidays, and the cues that tell of the past, the future
  or the decision, mapped to the core's concept words;
* the **patterns** of each language (in the same module): regular expressions over the
  lower-cased text whose groups hold those words;
* one **resolution** core (``resolution.py``, ``named_days.py``, ``context.py``) that turns a
  match into a date, the same for every language.

The language is detected from the text (``detect.py``); where the text does not say, the
``language`` given (the interview's, else the user's setting) decides.

The conventions, all relative to the interview's local date ``B`` (``after`` seen in ``tz``,
else in its own offset):

* A bare weekday ("by Friday", "am Freitag", "vendredi", "el viernes") is the first such day
  strictly after ``B``; "this Friday" may be ``B`` itself. English "next Friday" is the Friday
  of the week after ``B``'s; in the other languages "nächsten Freitag", "vendredi prochain",
  "el próximo viernes" is the first Friday at least two days away (said on a Thursday, not
  tomorrow); "Freitag nächster Woche", "le vendredi de la semaine prochaine" is next week's.
* Weeks: mid -> Wednesday, late/end or the bare week -> Friday ("Ende nächster Woche", "a
  mediados de la semana que viene"); "early next week", "Anfang nächster Woche", "début de
  semaine prochaine" name no day to hold them to: no date.
* Months: mid -> the 15th, late/end or "in March" -> the last day ("before the end of the
  month" is its end too); "early March", "début janvier" is no date ("by early March" is the
  10th); "by March" -> March 1st; "the first (second, third) week of March" -> the Friday of
  the week holding March's first working day (then the next weeks'); "mid-month", "Mitte
  Juni", "fin mars" on the same scale.
* "by early next week" is its Tuesday, "by the weekend" its Friday.
* Quarters and years: "end of Q1", "Ende Q3", "fin du trimestre" -> its last day. "KW 42",
  "semaine 42", "la semana 42" -> that ISO week's Friday.
* Durations count from ``B``: "in 2-3 weeks" takes the later end; "within 10 business days",
  "innerhalb von 10 Werktagen", "sous 10 jours ouvrés", "en 10 días hábiles" skip weekends
  and the country's public holidays; "a couple of weeks", "a few days", "ein paar Tage",
  "unas semanas", "in the coming weeks", "a week or so" give no date, nor do approximate spans
  ("ca. 3 Wochen", "in about two weeks", "in etwa zwei Wochen", "environ trois à quatre semaines",
  "usually 4 to 6 weeks", "10 days, give or take", "zwei, drei Wochen") or a promise taken back
  ("can't promise", "kann nix versprechen", "originally we said the 30th, but the role is on
  hold", "je vous avais dit vendredi, mais le comité est reporté"); a date that glosses vague
  words says no more than they do ("early next week, after Independence Day"), nor one whose
  later alternative is vague ("zwischen den Jahren oder Anfang Januar");
  "sometime in Q1", "courant mars", "in the new year" name no day either; "in acht Tagen", "dans
  huit jours", "en quince días", "sous huitaine", "sous quinzaine" are a week and two weeks. Hours
  elapse from the moment the interview ended, in ``tz``: 48 hours from 23:30 on the night the
  clocks go forward end on the third day. Anchored
  spans count from their day: "a week from Monday", "Monday week". Time gone by is no date:
  "two weeks ago", "vor zwei Wochen", "il y a deux semaines", "hace dos semanas".
* "the 12th", "am 12.", "le 12", "el 12" is the next 12th on or after ``B``, in the month named a
  few words before it if one is ("fin novembre, au plus tard le 30"). Dates without a year
  are the next occurrence on or after ``B``; "3/15" is month/day in English in the US (and CA,
  PH, FM, PW, MH), day/month elsewhere and in every other language; "15.03.2027" is always
  day.month.year.
* "After X" ("after the bank holiday", "nach Pfingsten", "después de Reyes") is the next day
  after a day, and after a stretch of days (a holiday, Easter's long weekend) the first working
  day after it, in the country's and region's calendar; "shortly after X" alone is no date (a
  lower bound three working days on), nor "sometime after X" ("after Anzac Day sometime"), while
  "right after X" ("justo después", "juste après") is its first working day; "two days after X"
  is a day.
* Lower bounds are no decision date: a negated "before" or "until" ("not before the 15th",
  "nicht vor dem 15.", "pas avant la rentrée", "hasta después de Semana Santa no ..."), "from",
  "at the earliest", "frühestens", an absence ("out until the 12th"), another event followed by
  "after that" ("the panel meets on the 3rd, after that ..."). The reading's ``earliest`` holds
  the day they name (the planner waits for it). Of a bound at both ends the upper one is the date.
  "Before" ("vor", "avant", "antes de") is one day earlier, before a stretch of days the last
  working day before its first day off ("vor Ostern" is Good Friday in Austria, where it is
  worked, and Maundy Thursday in Germany); "before Christmas" is Christmas Eve where it is
  worked. "Until January" as a bound starts on the 1st.
* Several dates in one phrase: a date whose part of the sentence is about another event (the
  start date, an interview round, a meeting, the budget) gives way to the others; of the rest
  the latest wins (never check in too early, F4). A self-correction ("sagen wir", "sorry",
  "disons", "mejor dicho", "(by the 12th)") drops the dates said before it; a date of what follows
  the decision ("if it's positive, the second stage ...", "the offer letter", "falls nicht, dann
  ...") never wins; "by then", "bis dahin" tie the decision to the date before. "the following
  Monday" after another date counts from that date. A date that only invites the candidate to write, or wishes them well
  ("email me over the weekend", "have a great weekend", "Frohe Ostern"), is no decision date,
  nor the day a holiday falls on ("MLK Day on Monday", "Fronleichnam morgen ist eh frei", "el 6
  de agosto es feriado"). An event's date that leads straight on to the decision carries it ("bis
  Mitte März alle Gespräche auswerten und Ihnen dann Bescheid geben").
* "today", "EOD" -> ``B`` when the sentence speaks of what is to come, not "great chatting with
  you today"; "EOW", "EOM", "EOQ" -> the end of this week, month, quarter.
* Public holidays by name, and days around them: "before Thanksgiving", "nach Pfingsten",
  "après la Toussaint", "después de Semana Santa", "the week after Christmas". "after the
  holidays" ("nach den Feiertagen", "après les fêtes", "después de las fiestas") said from
  mid-November to early January -> the first working day of the new year; at other times it
  gives no date.
* Shorthand and slips are read as meant: "tmrw", "nxt wk", "u", "pls", "fridya", "Chrissie",
  "Mittwcoh", "vendredie", "miercoles", and Swiss German as it is written ("innert drüne
  Arbeitstag", "Mitti nächscht Wuche", "bis Ändi Monet").
* "we'll circle back", "wir melden uns", "on revient vers vous", "te avisamos": no date, low
  confidence.
* Nothing returned is ever before ``B`` nor more than ten years after it.

dateparser is imported only as a last resort, for text with digits that the grammar could not
place, and its reading counts only when it names a month or a full year (confidence 0.4).
Readings are cached per (text, day, moment, country, language setting), in a cache bounded in bytes.

Bounded work: only the first ``READ_DATE_CHARS`` characters are read (ended at a space), the
last resort reads only the first ``_FALLBACK_CHARS``, and every look around a date stays
within ``context.CLAUSE_REACH`` characters of it. So the time a reading takes grows in step
with the text, in every language, up to a fixed ceiling (tests/core/test_bounds.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from clinch.core import calendar as cal
from clinch.core.bytecache import lru_bytes
from clinch.core.limits import DECISION_HORIZON_DAYS, READ_DATE_CHARS, cut, plausible_year
from clinch.core.timeline.reader import LANGUAGES, read_in

_FALLBACK_CHARS = 200  # dateparser is slow (milliseconds a number): it reads no more than this
LANGUAGE_NAMES = {"en": "English", "de": "German", "fr": "French", "es": "Spanish"}  # the languages read


@dataclass(frozen=True)
class Reading:
    """A decision date (or None), the words that gave it, how sure the reading is (0..1), the
    language the text was read in ("en", "de", "fr", "es"), and, when the words give only a lower
    bound ("not before the 15th", "out until the 12th"), the earliest day they name
    (``date`` is then None: no date by which they will decide)."""

    date: date | None
    matched: str
    confidence: float
    language: str = "en"
    earliest: date | None = None


def read_decision_date(
    text: str, *, after: datetime, tz: str | None = None, country: str = "US", language: str | None = None
) -> Reading:
    """The decision date ``text`` implies, relative to ``after``'s local date (see the module doc).

    ``language`` ("en", "de", "fr", "es", or None) is the interview's or the user's language: it
    decides only when the text itself does not say which language it is in. ``after`` must be
    zone-aware, in the years 1970 to 2200. Raises ``ValueError`` for a naive or implausible
    ``after``, an unknown ``tz`` or ``language``, or a country without a holiday calendar. Only the
    first ``READ_DATE_CHARS`` characters of ``text`` are read.
    """
    if after.tzinfo is None or after.utcoffset() is None:
        raise ValueError("after needs a UTC offset")
    if not plausible_year(after.year):
        raise ValueError(f"after: year {after.year} is not a plausible interview year")
    if language is not None and language not in LANGUAGES:
        raise ValueError(f"language: {language!r} is not one of {', '.join(LANGUAGES)}")
    moment = after.astimezone(cal.zone(tz)) if tz else after
    country = cal.check_country(country)
    return _read(cut(text or "", READ_DATE_CHARS), moment.date(), moment, country, language)


@lru_bytes(4 << 20)
def _read(text: str, base: date, moment: datetime, country: str, language: str | None) -> Reading:
    """The reading of ``text`` from ``moment`` (the interview's end, in its zone), whose local day is ``base``:
    dates count from that day, hours from the moment. ``base`` is part of the cache's key because one instant
    in two zones makes equal datetimes on different days."""
    from clinch.core.timeline.detect import detect

    languages = [module.LEXICON for module in LANGUAGES.values()]
    plain = text.lower()
    code, scores = detect(plain, languages, language)
    # Another language's words are read only when the text's own language finds nothing at all: a quote
    # ("HR said: 'Wir melden uns nach Pfingsten'"), not a French sentence with no decision date in it.
    others = sorted((c for c, s in scores.items() if s > 0 and c != code), key=lambda c: -scores[c])
    for tried in (code, *others):
        found = read_in(tried, text, base, country, _HORIZON, moment)
        if found is not None:
            day, matched, confidence, earliest = found
            return Reading(day, matched, confidence, tried, earliest)
    return _fallback(text, base, code)


_HORIZON = timedelta(days=DECISION_HORIZON_DAYS)  # further than this is not a hiring decision
_DATEPARSER_LANGUAGES = {"en", "de", "fr", "es"}


def _fallback(text: str, base: date, code: str) -> Reading:
    """dateparser, only for text with digits the grammar could not place (the first
    ``_FALLBACK_CHARS`` of it), and only a reading that names a month or a full year."""
    import re

    from clinch.core.timeline.reader import month_or_year

    text = cut(text, _FALLBACK_CHARS)
    named = month_or_year(code)
    if not re.search(r"\d", text) or not named.search(text.lower()):
        return Reading(None, "", 0.0, code)
    try:
        from dateparser.search import search_dates

        found = search_dates(
            text,
            languages=[code if code in _DATEPARSER_LANGUAGES else "en"],
            settings={"PREFER_DATES_FROM": "future", "RELATIVE_BASE": datetime.combine(base, time(12))},
        ) or []
    except Exception:  # a fallback must never turn a reading into a crash
        return Reading(None, "", 0.0, code)
    # Only words that name a month or a full year: "24/7" or "2 rounds" are not dates.
    dated = [(when.date(), words) for words, when in found
             if base <= when.date() <= base + _HORIZON and named.search(words.lower())]
    if not dated:
        return Reading(None, "", 0.0, code)
    day, words = max(dated)
    return Reading(day, words.strip(), 0.4, code)


__all__ = ["LANGUAGE_NAMES", "Reading", "read_decision_date"]
