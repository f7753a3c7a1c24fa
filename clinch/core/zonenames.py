"""Zone names as invitations write them, turned into IANA names.

Calendars name zones many ways: IANA ("America/Denver"), Windows ("Pacific Standard
Time", Outlook and Exchange), Outlook's display text ("(UTC+01:00) Amsterdam, Berlin,
Bern, Rome, Stockholm, Vienna"), Google's text ("Mountain Standard Time - Denver"),
abbreviations ("PDT") or only a VTIMEZONE block of offsets ("Customized Time Zone").
``iana_name`` finds the IANA zone meant, checked against the offset the invitation
gives when it gives one; ``None`` when nothing fits.
"""

from __future__ import annotations

import functools
import re
import zoneinfo
from datetime import datetime, timedelta, tzinfo

# Words of zone descriptions ("Pacific Time (US & Canada)", "Central European Standard Time") and
# abbreviations, longest phrases first so "central european" wins over "central".
PHRASES = (
    ("central europe", "Europe/Berlin"), ("w. europe", "Europe/Berlin"), ("western europe", "Europe/London"),
    ("eastern europe", "Europe/Helsinki"), ("e. europe", "Europe/Bucharest"), ("greenwich", "Europe/London"),
    ("british", "Europe/London"), ("gmt standard", "Europe/London"), ("romance", "Europe/Paris"),
    ("india", "Asia/Kolkata"), ("china", "Asia/Shanghai"), ("japan", "Asia/Tokyo"), ("tokyo", "Asia/Tokyo"),
    ("korea", "Asia/Seoul"), ("singapore", "Asia/Singapore"), ("aus eastern", "Australia/Sydney"),
    ("australian eastern", "Australia/Sydney"), ("new zealand", "Pacific/Auckland"),
    ("israel", "Asia/Jerusalem"), ("arabian", "Asia/Dubai"), ("south africa", "Africa/Johannesburg"),
    ("e. south america", "America/Sao_Paulo"), ("brasilia", "America/Sao_Paulo"),
    ("newfoundland", "America/St_Johns"), ("atlantic", "America/Halifax"), ("alaska", "America/Anchorage"),
    ("hawaii", "Pacific/Honolulu"), ("arizona", "America/Phoenix"), ("us mountain", "America/Phoenix"),
    ("pacific", "America/Los_Angeles"), ("mountain", "America/Denver"), ("central", "America/Chicago"),
    ("eastern", "America/New_York"), ("coordinated universal", "UTC"),
)
ABBREVIATIONS = {
    "PT": "America/Los_Angeles", "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles",
    "MT": "America/Denver", "MST": "America/Denver", "MDT": "America/Denver",
    "CT": "America/Chicago", "CST": "America/Chicago", "CDT": "America/Chicago",
    "ET": "America/New_York", "EST": "America/New_York", "EDT": "America/New_York",
    "AKST": "America/Anchorage", "AKDT": "America/Anchorage", "HST": "Pacific/Honolulu",
    "GMT": "UTC", "UTC": "UTC", "Z": "UTC", "BST": "Europe/London", "WET": "Europe/Lisbon",
    "WEST": "Europe/Lisbon", "CET": "Europe/Berlin", "CEST": "Europe/Berlin", "EET": "Europe/Helsinki",
    "EEST": "Europe/Helsinki", "IST": "Asia/Kolkata", "JST": "Asia/Tokyo", "KST": "Asia/Seoul",
    "SGT": "Asia/Singapore", "HKT": "Asia/Hong_Kong", "AEST": "Australia/Sydney", "AEDT": "Australia/Sydney",
    "NZST": "Pacific/Auckland", "NZDT": "Pacific/Auckland",
}
OFFSET = re.compile(r"(?:UTC|GMT)\s*([+-−])\s*(\d{1,2})(?::?(\d{2}))?", re.I)
WORD = re.compile(r"[A-Za-z][A-Za-z'.-]*")


@functools.cache
def _known() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


@functools.cache
def _cities() -> dict[str, str]:
    """The last part of every IANA name, as words ("los angeles" -> America/Los_Angeles).

    Only the geographic areas: the backward-compatible names ("Canada/Pacific", "US/Eastern")
    name no city, and "Pacific" in "Pacific Time (US & Canada)" is no place.
    """
    index: dict[str, str] = {}
    areas = ("America/", "Europe/", "Asia/", "Africa/", "Australia/", "Pacific/", "Atlantic/", "Indian/")
    for name in sorted(_known()):
        if name.startswith(areas):
            index.setdefault(name.rsplit("/", 1)[1].replace("_", " ").lower(), name)
    return index


@functools.cache
def _windows() -> dict[str, str]:
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    return {key.lower(): value for key, value in WINDOWS_TO_OLSON.items()}


@functools.lru_cache(maxsize=512)  # keys are short zone names; 512 of them are a few kilobytes
def is_iana(name: str) -> bool:
    """Whether ``name`` is an IANA zone (asked of zoneinfo directly: listing every zone is slow)."""
    if not name or len(name) > 64 or name.startswith("/") or ".." in name or " " in name:
        return False
    try:
        zoneinfo.ZoneInfo(name)
        return True
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False


def stated_offset(text: str) -> timedelta | None:
    """The offset written in ``text`` ("(UTC-08:00)", "GMT+1"), if any."""
    match = OFFSET.search(text)
    if not match:
        return None
    sign = -1 if match.group(1) in "-−" else 1
    return sign * timedelta(hours=int(match.group(2)), minutes=int(match.group(3) or 0))


def iana_name(text: str, *, at: datetime | None = None, offset: timedelta | None = None,
              zone: tzinfo | None = None) -> str | None:
    """The IANA zone that ``text`` names, or that behaves like ``zone``; None when none fits.

    ``at`` (a naive or aware moment) with ``offset`` or ``zone`` checks candidates against
    the offset the invitation states; a name that contradicts it is not taken.
    """
    text = (text or "").strip().strip('"').strip()
    offset = offset if offset is not None else stated_offset(text)
    for candidate in _candidates(text):
        if _fits(candidate, at, offset, zone):
            return candidate
    if zone is not None and at is not None:
        return _same_rules(zone, at)
    if offset is not None and at is not None:
        return _fixed(offset)
    return None


def _candidates(text: str):
    if not text:
        return
    if is_iana(text):
        yield text
    # "/mozilla.org/20050126_1/America/New_York", "/softwarestudio.org/Olson_20011030_5/Europe/Paris"
    parts = text.split("/")
    for i in range(len(parts) - 1):
        tail = "/".join(parts[i:])
        if is_iana(tail):
            yield tail
    windows = _windows().get(text.lower())
    if windows:
        yield windows
    lowered = text.lower()
    # Cities first: "(UTC-07:00) Mountain Time - Denver" and "Amsterdam, Berlin, ..." name places.
    words = [w.strip(".'-").lower() for w in WORD.findall(text)]
    cities = _cities()
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            found = cities.get(" ".join(words[i:i + size]))
            if found:
                yield found
    for phrase, name in PHRASES:
        if phrase in lowered:
            yield name
    for word in WORD.findall(text):
        if word.upper() == word and word in ABBREVIATIONS:
            yield ABBREVIATIONS[word]


def _fits(name: str, at: datetime | None, offset: timedelta | None, zone: tzinfo | None) -> bool:
    if at is None or (offset is None and zone is None):
        return True
    candidate = zoneinfo.ZoneInfo(name)
    local = at.replace(tzinfo=None)
    if zone is not None:
        return _agree(candidate, zone, local)
    # A stated offset is the zone's standard one ("(UTC-08:00) Pacific Time" in July too).
    winter, summer = datetime(local.year, 1, 15, 12), datetime(local.year, 7, 15, 12)
    return offset in {candidate.utcoffset(winter), candidate.utcoffset(summer), candidate.utcoffset(local)}


def _agree(candidate: tzinfo, zone: tzinfo, local: datetime) -> bool:
    moments = (local, datetime(local.year, 1, 15, 12), datetime(local.year, 7, 15, 12))
    try:
        return all(candidate.utcoffset(m) == zone.utcoffset(m) for m in moments)
    except Exception:  # a broken VTIMEZONE cannot answer: nothing agrees with it
        return False


def _same_rules(zone: tzinfo, at: datetime) -> str | None:
    """An IANA zone with the same offsets as ``zone`` around ``at`` (a "Customized Time Zone")."""
    local = at.replace(tzinfo=None)
    preferred = [name for _, name in PHRASES] + sorted(set(_windows().values()))
    for name in dict.fromkeys(preferred):
        if is_iana(name) and _agree(zoneinfo.ZoneInfo(name), zone, local):
            return name
    return None


def _fixed(offset: timedelta) -> str | None:
    """``Etc/GMT+8`` for UTC-08:00 (the Etc names have the sign reversed); None for odd offsets."""
    hours, rest = divmod(int(offset.total_seconds()), 3600)
    if rest:
        return None
    return "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"
