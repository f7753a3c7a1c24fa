"""Business days, public holidays and wall-clock slots in a time zone.

Every function is pure and cached where it pays: zone objects and each
(country, year) holiday table are built once per process. Local times are
always built from a wall-clock date and time and then resolved in the zone, so
no timedelta is ever added to a local time across a daylight-saving change.
A wall time that does not exist (spring forward) moves forward by the gap; an
ambiguous one (fall back) takes its first occurrence.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from clinch.core import usercache

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_ONE_DAY = timedelta(days=1)


class UnknownCountry(ValueError):
    """The holidays package has no calendar for this country code."""


@lru_cache(maxsize=512)
def zone(name: str) -> ZoneInfo:
    """The ZoneInfo for an IANA name (cached). Raises ``ValueError`` for unknown names."""
    try:
        return ZoneInfo(name)
    except Exception:  # ZoneInfoNotFoundError, or ValueError/TypeError for odd strings
        raise ValueError(f"unknown time zone {name!r}") from None


@lru_cache(maxsize=1024)
def holidays_in(country: str, year: int) -> frozenset[date]:
    """The public holidays of ``country`` (ISO 3166 code) in ``year``, observed days included."""
    return frozenset(_holiday_table(country, year))


@lru_cache(maxsize=1024)
def holiday_names(country: str, year: int, language: str = "en") -> tuple[tuple[date, str], ...]:
    """``(date, name)`` pairs for ``country`` in ``year``, in date order: the English names, or with
    ``language`` ("es", "fr", "de") the names the package gives in that language (Mexico's "Día de la
    Revolución"), falling back to English where it has none."""
    return tuple(sorted(_holiday_table(country, year, language).items()))


@lru_cache(maxsize=1024)
def _holiday_table(country: str, year: int, language: str = "en") -> dict[date, str]:
    """The holidays package's table for ``country`` and ``year``, kept in the user's cache between
    runs (``usercache``): loading the package is a third of a command's start-up. A country given
    without a region keeps its default region's holidays (``with_default_region``)."""
    country = with_default_region(country)
    suffix = "" if language == "en" else f"-{language}"
    cache = usercache.path(f"holidays-{country}-{year}{suffix}", usercache.package_stamp("holidays", "version.py"),
                           suffix=".json")
    kept = usercache.read(cache)
    if kept is not None:
        try:
            return {date.fromisoformat(day): name for day, name in json.loads(kept).items()}
        except (ValueError, TypeError, AttributeError):
            pass  # damaged: build it again
    table = _build_holiday_table(country, year, language)
    usercache.keep(cache, json.dumps({day.isoformat(): name for day, name in table.items()}).encode())
    return table


def _build_holiday_table(country: str, year: int, language: str = "en") -> dict[date, str]:
    code, subdivision = split_country(country)
    cls = _country_class(code)
    languages = getattr(cls, "supported_languages", ()) or ()
    wanted = ("en_US", "en_GB", "en") if language == "en" else (f"{language}_{code}", language)
    language = next((lang for lang in wanted if lang in languages), None)
    if language is None and wanted[0] != "en_US":  # no names in that language: the English ones
        language = next((lang for lang in ("en_US", "en_GB", "en") if lang in languages), None)
    if subdivision is not None:  # the package's own spelling: Belgium's regions are "French", "Flemish", ...
        subdivision = next((str(r) for r in getattr(cls, "subdivisions", ()) if str(r).upper() == subdivision), subdivision)
    with warnings.catch_warnings():  # some calendars only cover a range of years: none is fine
        warnings.simplefilter("ignore")
        return dict(cls(years=year, language=language, subdiv=subdivision))


_POLICY_FILE = Path(__file__).resolve().parent.parent / "policy" / "default.toml"
_REGIONS_KEY = "[status_check.holiday_regions]"


@lru_cache(maxsize=1)
def default_regions() -> dict[str, str]:
    """Country -> the region whose holidays it keeps when given alone ("GB" -> "ENG"): the policy's
    ``status_check.holiday_regions``, the region most people live in. Only that entry of the
    policy file is parsed (every command would otherwise pay for reading the whole policy)."""
    import tomllib

    text = _POLICY_FILE.read_text(encoding="utf-8")
    start = text.find(_REGIONS_KEY)
    if start == -1:
        return {}
    end = text.find("\n[", start + len(_REGIONS_KEY))
    entry = tomllib.loads(text[start + len(_REGIONS_KEY):end if end != -1 else None])
    return dict(split_country(value) for value in entry["value"])


def with_default_region(country: str) -> str:
    """``country`` with its default region when none is given: "GB" -> "GB-ENG", "GB-SCT" and "FR" stay."""
    code, subdivision = split_country(country)
    if subdivision is None and code in default_regions():
        return f"{code}-{default_regions()[code]}"
    return country


def split_country(country: str) -> tuple[str, str | None]:
    """"GB-ENG" -> ("GB", "ENG"); "US" -> ("US", None). ISO 3166-2 style: a region's own holidays
    (England's Easter Monday, Bavaria's Epiphany) on top of the nation's."""
    code, _, subdivision = country.strip().upper().partition("-")
    return code, subdivision or None


@lru_cache(maxsize=256)
def _country_class(code: str):
    """The holidays class for an ISO code, loading only the module that defines it.

    ``holidays.country_holidays`` imports every country's module (about 0.15 s, most
    of a command's start-up); the package's registry names the one module needed.
    The module is loaded privately: ``sys.modules`` is left as it was.
    """
    import importlib
    import importlib.util
    import sys

    from holidays.registry import COUNTRIES

    for module_name, (class_name, *codes) in COUNTRIES.items():
        if code in codes:
            break
    else:
        raise UnknownCountry(f"no public holiday calendar for country {code!r}")
    full_name = f"holidays.countries.{module_name}"
    if "holidays.countries" in sys.modules:
        return getattr(importlib.import_module(full_name), class_name)
    try:
        spec = importlib.util.find_spec("holidays")
        path = Path(spec.origin).parent / "countries" / f"{module_name}.py"
        module_spec = importlib.util.spec_from_file_location(full_name, path)
        module = importlib.util.module_from_spec(module_spec)
        module_spec.loader.exec_module(module)
        return getattr(module, class_name)
    except Exception:  # a layout we do not know: the slow, documented way
        return getattr(importlib.import_module(full_name), class_name)


@lru_cache(maxsize=1)
def known_countries() -> frozenset[str]:
    """The codes the holidays package has a calendar for.

    Read from ``countries.txt`` beside this module rather than from the package,
    whose import costs about 0.15 s of every command's start; a test keeps the two equal.
    """
    return frozenset(Path(__file__).with_name("countries.txt").read_text().split())


# Names people write for a country or one of its nations that its calendar's name is not.
_COUNTRY_NAMES = {"uk": "GB", "great britain": "GB", "britain": "GB", "england": "GB-ENG", "scotland": "GB-SCT",
                  "wales": "GB-WLS", "northern ireland": "GB-NIR", "usa": "US", "america": "US", "united states of america": "US",
                  "holland": "NL", "czech republic": "CZ", "korea": "KR", "viet nam": "VN", "uae": "AE", "ivory coast": "CI"}


def country_from_name(name: str) -> str | None:
    """The code for a country written by its English name ("Ireland", "United Kingdom", "Viet Nam",
    "Scotland"), or None. The holidays package's registry names each calendar's module after its
    country, so no calendar is loaded to answer."""
    from holidays.registry import COUNTRIES

    plain = " ".join(name.replace("_", " ").split()).lower()
    if plain in _COUNTRY_NAMES:
        return _COUNTRY_NAMES[plain]
    for module, (class_name, code, *_) in COUNTRIES.items():
        if plain in (module.replace("_", " "), class_name.lower()):
            return code
    return None


def check_country(country: str) -> str:
    """``country`` upper-cased ("GB", or with a region "GB-ENG"; a region's name reads as its code:
    "DE-Bayern" is "DE-BY"; a country's English name as its code: "Ireland" is "IE"), or
    ``UnknownCountry`` when there is no calendar for it or the region is not one of the country's."""
    if len(country.strip()) > 3 and "-" not in country:
        country = country_from_name(country) or country
    code, subdivision = split_country(country)
    if code not in known_countries():
        raise UnknownCountry(f"no public holiday calendar for country {code!r}")
    if subdivision is None:
        return code
    cls = _country_class(code)
    regions = {str(r).upper() for r in getattr(cls, "subdivisions", ())}
    if subdivision not in regions:  # a region by its name: "DE-Bayern", "AT-Wien", "GB-England"
        aliases = {str(name).upper(): str(r).upper() for name, r in getattr(cls, "subdivisions_aliases", {}).items()}
        subdivision = aliases.get(subdivision, subdivision)
    if subdivision not in regions:
        some = ", ".join(f"{code}-{r}" for r in sorted(regions)[:6]) or "none"
        raise UnknownCountry(f"no region {subdivision!r} in {code}'s holiday calendar (for example {some})")
    return f"{code}-{subdivision}"


def is_holiday(day: date, country: str) -> bool:
    return day in holidays_in(country, day.year)


@lru_cache(maxsize=65536)
def is_business_day(day: date, country: str) -> bool:
    """Monday to Friday and not a public holiday in ``country``."""
    return day.weekday() < 5 and day not in holidays_in(country, day.year)


def is_first_day_back(day: date, country: str) -> bool:
    """True when ``day`` is the first business day after a public holiday (F10).

    Walks back over a plain weekend: Monday after a Friday holiday counts.
    """
    if not is_business_day(day, country):
        return False
    prev = day - _ONE_DAY
    while prev.weekday() >= 5 and not is_holiday(prev, country):
        prev -= _ONE_DAY
    return is_holiday(prev, country)


def next_business_day(day: date, country: str, *, include: bool = True) -> date:
    """The first business day on or after ``day`` (strictly after when ``include`` is false)."""
    if not include:
        day += _ONE_DAY
    while not is_business_day(day, country):
        day += _ONE_DAY
    return day


@lru_cache(maxsize=65536)
def add_business_days(day: date, n: int, country: str) -> date:
    """``day`` moved forward by ``n`` business days (``n == 0``: ``day`` itself)."""
    for _ in range(n):
        day = next_business_day(day, country, include=False)
    return day


def business_days_between(start: date, end: date, country: str) -> int:
    """How many business days lie in (start, end]."""
    count, day = 0, start
    while day < end:
        day += _ONE_DAY
        count += is_business_day(day, country)
    return count


def add_months(day: date, months: int) -> date:
    """Same day of month ``months`` later, clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, days_in_month(year, month + 1)))


def days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


def clock(text: str) -> time:
    """``"09:30"`` -> ``time(9, 30)``."""
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


@lru_cache(maxsize=65536)
def at(day: date, wall: time, tz: ZoneInfo) -> datetime:
    """The instant the clocks in ``tz`` show ``wall`` on ``day`` (cached: planning asks often).

    Nonexistent wall times move forward by the gap; ambiguous ones take the first.
    """
    moment = datetime.combine(day, wall, tzinfo=tz)
    if moment.replace(fold=1).utcoffset() == moment.utcoffset():
        return moment  # the usual case: no clock change at this wall time
    return moment.astimezone(UTC).astimezone(tz)


def local_date(moment: datetime, tz: ZoneInfo) -> date:
    return moment.astimezone(tz).date()


def ceil_minutes(moment: datetime, step: int = 5) -> datetime:
    """``moment`` rounded up to a whole ``step`` minutes (on the absolute time line)."""
    seconds = step * 60
    stamp = moment.timestamp()
    rounded = -(-stamp // seconds) * seconds
    if rounded == stamp:
        return moment.replace(microsecond=0)
    return datetime.fromtimestamp(rounded, tz=moment.tzinfo)


def first_slot(
    earliest: datetime,
    latest: datetime,
    tz: ZoneInfo,
    start: time,
    end: time,
    day_ok: Callable[[date], bool] = lambda day: True,
    step: int = 5,
) -> datetime | None:
    """The first instant in [earliest, latest] that falls in [start, end) local time on a day
    for which ``day_ok`` holds, rounded up to ``step`` minutes; None when there is none.

    Returned in ``tz``. Works on POSIX timestamps, so comparisons never depend on
    which zone each datetime carries.
    """
    seconds = step * 60
    earliest_ts, latest_ts = earliest.timestamp(), latest.timestamp()
    day = earliest.astimezone(tz).date()
    last = latest.astimezone(tz).date()
    while day <= last:
        if day_ok(day):
            opens, closes = _stamp(day, start, tz), _stamp(day, end, tz)
            candidate = -(-max(opens, earliest_ts) // seconds) * seconds
            if candidate < closes and candidate <= latest_ts:
                return datetime.fromtimestamp(candidate, tz)
        day += _ONE_DAY
    return None


@lru_cache(maxsize=65536)
def _stamp(day: date, wall: time, tz: ZoneInfo) -> float:
    return at(day, wall, tz).timestamp()


def first_day(
    day: date,
    ok: Callable[[date], bool],
    *,
    limit: int = 400,
) -> date | None:
    """The first date on or after ``day`` for which ``ok`` holds, within ``limit`` days."""
    for _ in range(limit):
        if ok(day):
            return day
        day += _ONE_DAY
    return None


def weekday_numbers(names: Iterable[str]) -> frozenset[int]:
    """``("Tue", "Wed")`` -> ``{1, 2}``."""
    return frozenset(WEEKDAY_NAMES.index(name) for name in names)


def zone_abbreviation(moment: datetime) -> str:
    """``"PDT"``, or the UTC offset when the zone has no letters for it (``"+0530"``)."""
    name = moment.tzname() or ""
    return name if name and name[0].isalpha() else moment.strftime("%z")
