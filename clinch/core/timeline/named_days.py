"""Holidays and other days people name ("before Thanksgiving", "nach Pfingsten", "après la
Toussaint", "después de Semana Santa").

English names come from the country's own calendar (the holidays package's English names,
so "Labor Day" is the US one and "Thanksgiving" Canada's in Canada), with a few observances
that are no day off (Halloween). Other languages name days by rule in their lexicon
(``lexicon.Holiday``): days from Easter, a fixed date, or the n-th weekday of a month.

A named day is a ``Span``: "after" it is the first working day after it in the country's
and region's calendar, "before" it the last working day before it (``context``).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from clinch.core import calendar as cal
from clinch.core.timeline.lexicon import Holiday, Lexicon, alt
from clinch.core.timeline.resolution import DAY, Span, next_weekday, week_start

# Days people name that are no public holiday: month and day.
_OBSERVANCES = {"halloween": (10, 31), "valentine's day": (2, 14), "valentines day": (2, 14), "christmas eve": (12, 24),
                "new year's eve": (12, 31), "st patrick's day": (3, 17), "st. patrick's day": (3, 17)}
_ALIASES = {"christmas day": ("christmas", "xmas", "the holidays"), "thanksgiving day": ("thanksgiving",),
            "thanksgiving": ("thanksgiving",), "new year's day": ("new year's day",),
            "deepavali": ("diwali", "deepavali"), "diwali": ("diwali", "deepawali")}
# Other names people give the same day: each group is one day, whichever of its names the
# calendar uses (Singapore's "Diwali" is said "Deepavali"; the US "Washington's Birthday" is
# "Presidents' Day"). Lower case, as the calendar's names are compared.
_SYNONYMS = (
    ("diwali", "deepavali", "deepawali", "divali"),
    ("eid al-fitr", "hari raya puasa", "hari raya aidilfitri", "eid ul-fitr", "eid-ul-fitr", "eid ul fitr", "ramzan eid",
     "ramadan eid", "lebaran"),
    ("eid al-adha", "hari raya haji", "hari raya aidiladha", "eid ul-adha", "eid-ul-adha", "eid ul adha", "bakrid",
     "bakri eid", "bakra eid"),
    ("chinese new year", "cny", "lunar new year", "spring festival"),
    ("vesak day", "vesak", "wesak", "buddha purnima", "buddha day"),
    ("martin luther king jr. day", "martin luther king day", "mlk day", "mlk"),
    ("washington's birthday", "presidents' day", "presidents day", "president's day"),
    ("juneteenth national independence day", "juneteenth"),
    ("king's birthday", "queen's birthday", "king's bday", "queen's bday"),
    ("victoria day", "may two-four", "may 2-4", "may long weekend", "may long"),
    ("friday before the afl grand final", "grand final eve", "grand final friday", "grand final day",
     "grand final public holiday", "grand final holiday", "the grand final"),
    ("melbourne cup day", "melbourne cup", "cup day", "the cup"),
    ("national day for truth and reconciliation", "truth and reconciliation day", "orange shirt day"),
    ("saint john the baptist day", "st-jean-baptiste", "saint-jean-baptiste", "st-jean", "saint-jean"),
    ("national patriots' day", "patriots' day"),
    ("dussehra", "dasara", "dasera", "vijayadashami"),
    ("mahatma gandhi's birthday", "gandhi jayanti"),
    ("workers' day", "worker's day", "may day"),
    ("day of goodwill", "boxing day"),
    ("national day", "ndp", "national day holiday"),
    ("new year holiday", "2nd january", "second of january"),
)
# A name's other spellings: British and US English, "Saint" and "St".
_SPELLINGS = (("labour", "labor"), ("labor", "labour"), ("saint ", "st "), ("saint ", "st. "))


def _plain(name: str) -> str:
    return name.lower().replace("\u2019", "'").strip()


def _other_names(name: str) -> set[str]:
    """What else people call the calendar's day ``name``: its synonyms and their spellings, the name
    without "St"/"Saint" ("Stephen's Day"), and its weekend ("Labour weekend", "the King's Birthday long
    weekend", "Memorial Day weekend"), which the plan reads as the day itself (the weekend ends with it)."""
    found = set(_ALIASES.get(name, ()))
    for group in _SYNONYMS:
        if name in group:
            found.update(group)
    for alias in list(found | {name}):
        for old, new in _SPELLINGS:
            if old in alias:
                found.add(alias.replace(old, new))
    saint = re.match(r"(?:st\.?|saint)\s+(?P<rest>.+)", name)
    if saint:  # "Stephen's Day" for St. Stephen's Day
        found.add(saint["rest"])
    for alias in list(found | {name}):
        stem = alias.removesuffix(" day")
        if stem != alias and len(stem) >= 4:
            found.update({f"{stem} weekend", f"{stem} long weekend", f"{alias} weekend", f"{alias} long weekend"})
    found.discard(name)
    return found


# The calendars whose names are read: a day's rule finds it in any year (``span``), by the name it has here.
_NAME_YEARS = (2026, 2027)


@lru_cache(maxsize=64)
def _english(country: str) -> dict[str, Holiday]:
    """alias -> rule, for the names in ``country``'s calendar this year and next, and the observances."""
    names: dict[str, Holiday] = {}
    for year in _NAME_YEARS:
        for _, name in cal.holiday_names(country, year):
            for part in name.split(";"):
                part = _plain(part)
                if "observed" in part or not part:
                    continue
                rule = Holiday(names=(part,))
                names[part] = rule
                for alias in _other_names(part):
                    names.setdefault(alias, rule)
    for name, (month, day) in _OBSERVANCES.items():
        names.setdefault(name, Holiday(month=month, day=day))
    if "christmas day" not in names:
        names["christmas"] = Holiday(month=12, day=25)
    return names


# Words before a local name that people leave out: "Le jour de la Sainte-Dévote" is "la Sainte-Dévote".
_LOCAL_LEAD = re.compile(r"^(?:le\s+jour\s+de\s+(?:la\s+|l')?|le\s+|la\s+|l'|les\s+|el\s+|los\s+|der\s+|die\s+|das\s+)")
_DAY_OF = re.compile(r"^(?:día|dia|fête|jour|tag)\s+(?:de\s+|del\s+|du\s+|der\s+|des\s+)")
_LOCAL_BRIDGE = {"es": ("puente de ", "puente del ", "feriado de ", "feriado del ", "festivo de ", "festivo del "),
                 "fr": ("pont de ", "pont de la ", "pont du ", "congé de ", "congé de la ", "congé du ")}


# "Journée nationale des patriotes" is "la journée des Patriotes"; "Día de la Batalla de Boquerón" is "Boquerón";
# "Fiesta Nacional de España" is "la Fiesta Nacional".
_NATIONAL = re.compile(r"\s(?:nationale?|nacional|nationaler|nationalen)(?=\s)")
_OF_THE_COUNTRY = re.compile(r"(?P<day>.*\b(?:nationale?|nacional|national|nationaler)\b)\s+(?:de|del|du|de\s+la|des|d')\s*[^\W\d_]+$")
_BATTLE = re.compile(r"(?:^|\s)(?:batalla|bataille|schlacht)\s+(?:de|del|d'|von|bei)\s*(?P<place>[^\W\d_][\w'-]{4,})$")


def _spoken_forms(name: str) -> set[str]:
    """Shorter forms people say for a local name: without "national", a national day without its country, and a
    battle's day by its place."""
    found = {_NATIONAL.sub("", name)} - {name}
    country = _OF_THE_COUNTRY.match(name)
    if country:
        found.add(country["day"])
    battle = _BATTLE.search(name)
    if battle:
        found.add(battle["place"])
    return found


@lru_cache(maxsize=64)
def _local(country: str, language: str) -> dict[str, Holiday]:
    """alias -> rule, for the names the holidays package gives ``country``'s days in ``language`` this year
    and next (Mexico's "Día de la Revolución", Monaco's "Le jour de la Sainte-Dévote", Valencia's "San
    José"), with their articles left out and, in Spanish and French, their "puente"/"pont". Each rule
    names the day by its English name, which the calendar's table holds."""
    names: dict[str, Holiday] = {}
    for year in _NAME_YEARS:
        english = dict(cal.holiday_names(country, year))
        for day, name in cal.holiday_names(country, year, language):
            rule = Holiday(names=tuple(_plain(p) for p in english.get(day, "").split(";") if p.strip()))
            if not rule.names:
                continue
            for part in name.split(";"):
                part = _plain(re.sub(r"\s*\([^)]*\)", "", part))
                if not part or part in names:
                    continue
                short = _LOCAL_LEAD.sub("", part)
                for alias in {part, short, *_spoken_forms(short)}:
                    if len(alias) >= 4:
                        names.setdefault(alias, rule)
                # "el puente de la Revolución" for the "Día de la Revolución"; the bare "Revolución" alone is no name.
                core = _DAY_OF.sub("", short)
                for lead in _LOCAL_BRIDGE.get(language, ()):
                    for alias in {short, core}:
                        if len(alias) >= 4:
                            names.setdefault(lead + alias, rule)
    return names


@lru_cache(maxsize=256)
def lookup(lex: Lexicon, country: str) -> dict[str, Holiday]:
    """The days ``lex``'s language names, as kept in ``country``: name -> rule."""
    code = cal.split_country(country)[0]
    names: dict[str, Holiday] = {}
    for name, rules in lex.holidays.items():  # the lexicon's own rules first: "Thanksgiving weekend" is four days
        for rule in rules if isinstance(rules, tuple) else (rules,):
            if rule.countries is None or code in rule.countries:
                names[name] = rule
                break
    try:
        calendar_names = _english(country) if lex.code == "en" else _local(country, lex.code)
    except cal.UnknownCountry:
        calendar_names = {}
    for name, rule in calendar_names.items():
        names.setdefault(name, rule)
    return names


@lru_cache(maxsize=256)
def regex(lex: Lexicon, country: str) -> str | None:
    """A regex source naming any of the days (group ``h``), or None when there are none."""
    return _names_regex(lookup(lex, country))


@lru_cache(maxsize=256)
def weekday_led_regex(lex: Lexicon, country: str) -> str | None:
    """Like ``regex``, for the names that begin with a weekday ("lundi de Pentecôte", "Lunes de Pascua"): these
    are read before the weekdays, so that a weekday does not take the name's first word."""
    weekdays = set(lex.weekdays)
    return _names_regex([name for name in lookup(lex, country) if name.split()[0] in weekdays])


def _names_regex(names) -> str | None:
    """A regex source naming any of ``names`` as whole words (group ``h``), or None when there are none."""
    return rf"\b(?P<h>{alt(names)})(?![a-zà-ÿ])" if names else None


@lru_cache(maxsize=256)
def needles(lex: Lexicon, country: str) -> tuple[str, ...]:
    """Strings one of which occurs in any text naming one of the days: each name's first word (the
    whole name when that word is short), so most texts skip the named days' patterns."""
    found = set()
    for name in lookup(lex, country):
        first = name.split()[0]
        found.add(first if len(first) >= 4 else name)
    return tuple(sorted(found))


def _days_in(rule: Holiday, year: int, country: str) -> date | None:
    if rule.easter is not None:
        from dateutil.easter import easter

        return easter(year) + timedelta(days=rule.easter)
    if rule.names:
        for day, name in cal.holiday_names(country, year):
            if set(rule.names) & {_plain(p) for p in name.split(";")}:
                return day
        return None
    if rule.n is not None:
        if rule.n < 0:
            last = date(year, rule.month % 12 + 1, 1) if rule.month < 12 else date(year + 1, 1, 1)
            return last - timedelta(days=(last.weekday() - rule.weekday) % 7 or 7)
        return next_weekday(date(year, rule.month, 1) - DAY, rule.weekday) + timedelta(days=7 * (rule.n - 1))
    try:
        return date(year, rule.month, rule.day)
    except ValueError:  # Feb 29th
        return None


def span(name: str, lex: Lexicon, country: str, base: date) -> Span | None:
    """The next time the day called ``name`` comes, on or after ``base`` (the day itself counts: "after
    Thanksgiving" said on Thanksgiving means this one)."""
    rule = lookup(lex, country).get(" ".join(name.split()))
    if rule is None:
        return None
    for year in (base.year, base.year + 1):
        first = _days_in(rule, year, country)
        if first is not None and first + timedelta(days=rule.days - 1) >= base:
            return Span(first, first + timedelta(days=rule.days - 1))
    return None


def holiday(m, base, country):
    """A named day: the day itself (``Span`` for "after"/"before"), or no date when it is wished ("Have a
    great Christmas!") or only said to come ("danach ist ja Ostern", "then it's Thanksgiving")."""
    cues = m.lex.compiled
    if cues.greeting.search(m.string, max(0, m.start() - 24), m.start()) or cues.copula_before.search(
            m.string, max(0, m.start() - 24), m.start()):
        return None, 0.1
    found = span(m.raw("h"), m.lex, country, base)
    if found is None:
        return None
    return max(base, found.first), 0.75, found


def around_holiday(m, base, country):
    """"the Monday after Thanksgiving", "the week after Christmas", "the day before Thanksgiving"."""
    if m.lex.compiled.greeting.search(m.string, max(0, m.start() - 24), m.start()):
        return None, 0.1
    found = span(m.raw("h"), m.lex, country, base)
    if found is None:
        return None
    rel, later = m["rel"], m["dir"] not in ("before",)
    day = found.last if later else found.first
    if rel == "day":
        found_day = day + DAY if later else day - DAY
    elif rel == "week":
        found_day = week_start(day) + timedelta(days=4 + (7 if later else -7))
    else:
        target = m.lex.weekday(m.raw("rel"))
        found_day = next_weekday(day, target) if later else day - timedelta(days=(day.weekday() - target - 1) % 7 + 1)
    return (found_day, 0.75) if found_day >= base else None
