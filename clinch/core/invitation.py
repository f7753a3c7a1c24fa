"""Read a calendar invitation (an .ics file or the invitation's pasted text) into plain events.

``read_invitation(data, me=...)`` takes the bytes of a file or the text a user pasted and
returns the events in it, each with its times in the zone the invitation states, the
meeting link, the organiser, the people (the candidate, rooms, resources and team
mailboxes left out) and a guess of the company. Google Calendar, Outlook and Exchange
(Windows zone names, "Last, First" names, X-MICROSOFT-CDO fields), Teams, Zoom, Calendly
and scheduling tools that list the panel in the description are read alike.

Anything that is not an invitation raises ``InvitationError`` with a sentence naming the
problem: too large, not text, not a calendar, no event, a time zone that is not defined.
Pure: no Django, no network, no clock; work is linear in the input, which is capped at
``MAX_BYTES``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from clinch.core import zonenames
from clinch.core.textfile import decode, is_binary, short
from clinch.core.invitation_people import (
    EMAIL,
    FREEMAIL,
    Person,
    company_domain,
    display_name,
    domain,
    guess_company,
    is_role_mailbox,
    is_room,
    panel_from_text,
)

MAX_BYTES = 1_000_000  # a real invitation is a few kilobytes; Outlook's HTML copy adds tens
MAX_EVENTS = 50
DEFAULT_LENGTH = timedelta(hours=1)
MEETING_HOSTS = re.compile(
    r"(?:https?://)?(?:[\w-]+\.)*(?:meet\.google\.com/[a-z]{3}-[a-z]{4}-[a-z]{3}[^\s<>\"']*|"
    r"teams\.microsoft\.com/l/meetup-join/[^\s<>\"']+|teams\.live\.com/meet/[^\s<>\"']+|"
    r"zoom\.us/(?:j|my|w|s)/[^\s<>\"']+|zoom\.com/(?:j|my)/[^\s<>\"']+|"
    r"webex\.com/(?:meet/|join/|[\w-]+/j\.php|wbxmjs/)[^\s<>\"']*|whereby\.com/[^\s<>\"']+|"
    r"meet\.jit\.si/[^\s<>\"']+|chime\.aws/\d+[^\s<>\"']*|bluejeans\.com/\d+[^\s<>\"']*|"
    r"gotomeet\.me/[^\s<>\"']+|meet\.goto\.com/[^\s<>\"']+|app\.around\.co/[^\s<>\"']+|"
    r"facetime\.apple\.com/join[^\s<>\"']*|skype\.com/[^\s<>\"']+)",
    re.I,
)
OLD_RULE_START = re.compile(r"^(DTSTART:)1[0-8]\d\d(?=\d{4}T\d{6}\r?$)", re.M)
CANCEL_PREFIX = re.compile(r"^\s*(?:canceled|cancelled|abgesagt|annulé|cancelado)\s*(?:event)?\s*:\s*", re.I)
ZOOM_HOST = re.compile(r"^\s*(?P<name>[^\n]{3,80}?) is inviting you to a scheduled Zoom meeting", re.I | re.M)


class InvitationError(ValueError):
    """The input is not an invitation Clinch can read; the message says why, for the user."""


@dataclass(frozen=True)
class Event:
    """One event of an invitation. Times are aware, in the invitation's own zone.

    ``timezone`` is the IANA name of that zone, or None when the invitation gave only UTC
    (Google's invitations do) or floating times; ``sequence`` is the update number
    (SEQUENCE, or Outlook's X-MICROSOFT-CDO-APPT-SEQUENCE when higher).
    """

    uid: str
    summary: str
    starts_at: datetime
    ends_at: datetime
    timezone: str | None = None
    cancelled: bool = False
    sequence: int = 0
    location: str | None = None
    meeting_url: str | None = None
    organizer: Person | None = None
    people: tuple[Person, ...] = field(default_factory=tuple)
    company_guess: str | None = None

    def as_json(self) -> dict:
        """The event as ``clinch invite read --json`` prints it (zone and sequence are shown by the offsets
        and left out, so the shape is the documented one)."""
        person = lambda p: {"name": p.name, "email": p.email, "title": p.title}  # noqa: E731
        return {
            "uid": self.uid, "summary": self.summary,
            "starts_at": self.starts_at.isoformat(), "ends_at": self.ends_at.isoformat(),
            "cancelled": self.cancelled,
            "location": self.location, "meeting_url": self.meeting_url,
            "organizer": {"name": self.organizer.name, "email": self.organizer.email} if self.organizer else None,
            "people": [person(p) for p in self.people],
            "company_guess": self.company_guess,
        }


def read_invitation(data: bytes | str, *, me=(), default_zone: str | None = None,
                    calendar_only: bool = False) -> list[Event]:
    """The events in ``data`` (an .ics file's bytes, or pasted text), earliest first.

    ``me``: the user's addresses (and names), left out of the people; a free-mail guest beside
    company addresses is taken for the candidate too. ``default_zone``: the IANA zone
    for floating times and for UTC-only invitations that name no zone (else UTC).
    ``calendar_only``: the input must be iCalendar (an uploaded .ics), not invitation text.
    Raises ``InvitationError``.
    """
    text = _text(data)
    mine = frozenset(" ".join(m.split()).casefold() for m in ([me] if isinstance(me, str) else me) if m and m.strip())
    if "BEGIN:VCALENDAR" in text[:4096].upper() or "BEGIN:VEVENT" in text[:4096].upper():
        events = _read_calendar(text, mine, default_zone)
    elif calendar_only:
        raise InvitationError(
            "This file is not a calendar invitation: an .ics file starts with BEGIN:VCALENDAR. "
            "Open the invitation in your calendar and share or download it again, or paste its text."
        )
    else:
        from clinch.core.invitation_text import read_text

        events = read_text(text, mine, default_zone)
    return sorted(events, key=lambda e: e.starts_at)


def _text(data: bytes | str) -> str:
    size = len(data.encode() if isinstance(data, str) else data)
    if size > MAX_BYTES:
        raise InvitationError(
            f"The invitation is too large ({size // 1024} KB; at most {MAX_BYTES // 1000} KB): "
            "an invitation is a few kilobytes. Is it the right file?"
        )
    if isinstance(data, str):
        return data
    if data[:4] == b"%PDF":
        raise InvitationError("This is a PDF, not a calendar invitation: share the invitation's .ics file instead.")
    if is_binary(data):
        raise InvitationError("This file is not text (an image or a document?): an invitation is an .ics file.")
    return decode(data)


# --- iCalendar ---------------------------------------------------------------------------------

def _read_calendar(text: str, me: frozenset[str], default_zone: str | None) -> list[Event]:
    import icalendar

    if "BEGIN:VCALENDAR" not in text.upper():
        text = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{text.strip()}\r\nEND:VCALENDAR\r\n"
    # Outlook starts its zone rules in 1601: reading them from 1970 gives the same offsets, far faster.
    text = OLD_RULE_START.sub(r"\g<1>1970", text)
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise InvitationError(f"The calendar file is damaged and cannot be read ({short(exc)}).") from None
    events = []
    for calendar in calendars:
        method = str(calendar.get("METHOD", "")).upper()
        wr_zone = str(calendar.get("X-WR-TIMEZONE", "")).strip()
        zones = {str(z.get("TZID", "")).strip(): z for z in calendar.walk("VTIMEZONE")}
        for component in calendar.walk("VEVENT"):
            if len(events) >= MAX_EVENTS:
                break
            try:
                events.append(_event(component, method, zones, wr_zone, me, default_zone))
            except InvitationError:
                raise
            except Exception as exc:  # a library surprise on odd input is still the input's problem
                raise InvitationError(f"An event in the calendar file cannot be read ({short(exc)}).") from None
    if not events:
        raise InvitationError("The calendar file has no event in it: it may be a task, a free/busy answer or empty.")
    return events


def _event(component, method: str, zones: dict, wr_zone: str, me: frozenset[str], default_zone: str | None) -> Event:
    summary = _plain(component.get("SUMMARY"))
    starts_at, ends_at, zone_name = _times(component, zones, wr_zone, default_zone, summary)
    status = str(component.get("STATUS", "")).upper()
    cancelled = method == "CANCEL" or status == "CANCELLED"
    if cancelled:
        summary = CANCEL_PREFIX.sub("", summary)
    description = _plain(component.get("DESCRIPTION")) or _html_text(_plain(component.get("X-ALT-DESC")))
    location = _plain(component.get("LOCATION")) or None
    organizer = _address(component.get("ORGANIZER"))
    attendees = component.get("ATTENDEE") or []
    if not isinstance(attendees, list):
        attendees = [attendees]
    people = _people(organizer, attendees[:200], description, me)
    emails = [p.email for p in people if p.email] + ([organizer.email] if organizer and organizer.email else [])
    texts = [summary, description[:2000], location or "", organizer.name if organizer else ""]
    return Event(
        uid=_plain(component.get("UID")), summary=summary, starts_at=starts_at, ends_at=ends_at,
        timezone=zone_name, cancelled=cancelled, sequence=_sequence(component),
        location=location, meeting_url=_meeting_url(component, location, description),
        organizer=organizer, people=tuple(people),
        company_guess=guess_company(email_domain=company_domain(emails, me=me), texts=texts, people=people),
    )


def _plain(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value).replace("\r\n", "\n").strip()


def _sequence(component) -> int:
    numbers = []
    for name in ("SEQUENCE", "X-MICROSOFT-CDO-APPT-SEQUENCE"):
        try:
            numbers.append(int(str(component.get(name, 0)).strip() or 0))
        except ValueError:
            continue  # a garbled number is no reason to refuse the invitation
    return max([n for n in numbers if 0 <= n < 1_000_000] or [0])


# --- times and zones ---------------------------------------------------------------------------

def _times(component, zones: dict, wr_zone: str, default_zone: str | None, summary: str):
    """(start, end, IANA name or None): aware times in the zone the event states."""
    start_prop = component.get("DTSTART")
    if start_prop is None:
        raise InvitationError(f"The event {summary or '(no title)'!r} has no start time.")
    start = _dt(start_prop)
    if not isinstance(start, date):
        raise InvitationError(f"The event {summary or '(no title)'!r} has a start time that is not a date: {str(start_prop)[:40]!r}.")
    tzid = str(start_prop.params.get("TZID", "")) if hasattr(start_prop, "params") else ""
    end = _end(component, start)
    zone_name, zone = _zone(start, tzid, zones, wr_zone, default_zone, summary)
    if tzid:  # icalendar shares zones between files by TZID: read the wall clock in this file's zone
        start, end = _wall(start), _wall(end)
    start, end = _aware(start, zone), _aware(end, zone)
    if zone_name:
        start, end = start.astimezone(ZoneInfo(zone_name)), end.astimezone(ZoneInfo(zone_name))
    if end <= start:
        end = start + DEFAULT_LENGTH
    return start, end, zone_name


def _wall(moment: date) -> date:
    return moment.replace(tzinfo=None) if isinstance(moment, datetime) else moment


def _end(component, start: date) -> date:
    end = _dt(component.get("DTEND"))
    if isinstance(end, date) and type(end) is type(start):
        return end
    duration = _dt(component.get("DURATION"))
    if isinstance(duration, timedelta):
        return start + duration
    return start + (DEFAULT_LENGTH if isinstance(start, datetime) else timedelta(days=1))


def _dt(prop):
    """A date property's value; None when it is missing or broken (icalendar keeps broken ones)."""
    try:
        return prop.dt if prop is not None else None
    except Exception:
        return None


def _zone(start: date, tzid: str, zones: dict, wr_zone: str, default_zone: str | None, summary: str):
    """The IANA name and the tzinfo the event's times are read in.

    A TZID that names a zone (IANA, Windows, Outlook's display text) is that zone. Otherwise
    the file's own VTIMEZONE block decides: the IANA zone with the same offsets, or the block's
    offsets themselves when no IANA zone has them.
    """
    fallback = wr_zone if zonenames.is_iana(wr_zone) else (default_zone or None)
    if not isinstance(start, datetime):  # an all-day event: midnight where the user is
        return fallback, ZoneInfo(fallback) if fallback else timezone.utc
    if tzid:
        wall = _wall(start)
        name = zonenames.iana_name(tzid, at=wall)
        if name:
            return name, ZoneInfo(name)
        own = _own_zone(zones.get(tzid), summary)
        if own is not None:
            return zonenames.iana_name("", at=wall, zone=own), own
        raise InvitationError(
            f"The event {summary or '(no title)'!r} uses the time zone {tzid!r}, which the file does not "
            "define and Clinch does not know: type the times by hand, or export the invitation again."
        )
    given = start.tzinfo
    if given is None:  # floating time: "the same wall clock everywhere", read where the user is
        return fallback, ZoneInfo(fallback) if fallback else timezone.utc
    if start.utcoffset() == timedelta(0):
        return fallback if wr_zone else None, given  # UTC ("Z"): say the calendar's zone if it names one
    return zonenames.iana_name("", at=start, zone=given), given


def _own_zone(vtimezone, summary: str) -> tzinfo | None:
    """This file's VTIMEZONE as a tzinfo of its own (never one cached from another file)."""
    if vtimezone is None:
        return None
    try:
        zone = vtimezone.to_tz(lookup_tzid=False)
        zone.utcoffset(datetime(2000, 1, 1))
        return zone
    except Exception:
        raise InvitationError(
            f"The time zone of the event {summary or '(no title)'!r} is broken: its offsets cannot be read."
        ) from None


def _aware(moment: date, zone: tzinfo) -> datetime:
    if not isinstance(moment, datetime):
        moment = datetime(moment.year, moment.month, moment.day)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    try:
        moment.utcoffset()
    except Exception:
        raise InvitationError("The invitation's time zone is broken: its offsets cannot be read.") from None
    return moment


# --- people and links --------------------------------------------------------------------------

def _address(prop) -> Person | None:
    if prop is None:
        return None
    params = getattr(prop, "params", {})
    email = re.sub(r"^mailto:", "", str(prop).strip(), flags=re.I).strip() or None
    if email and not EMAIL.fullmatch(email):
        # Apple writes "urn:uuid:..." with the address in an EMAIL parameter.
        email = str(params.get("EMAIL", "")).strip() or None
        email = email if email and EMAIL.fullmatch(email) else None
    name = display_name(str(params.get("CN", "")), email)
    return Person(name=name, email=email) if name or email else None


def _people(organizer: Person | None, attendees: list, description: str, me: frozenset[str]) -> list[Person]:
    """The interviewers: attendees who are people, the organiser, or the panel the description lists."""
    found: list[Person] = []
    for prop in attendees:
        person = _address(prop)
        params = getattr(prop, "params", {})
        if person is None or is_me(person, me):
            continue
        if is_room(person.name, person.email, str(params.get("CUTYPE", ""))):
            continue
        if str(params.get("ROLE", "")).upper() == "NON-PARTICIPANT" or str(params.get("PARTSTAT", "")).upper() == "DECLINED":
            continue
        if not is_role_mailbox(person.name, person.email):
            found.append(person)
    panel = panel_from_text(description) + zoom_host(description)
    if organizer and not is_me(organizer, me) and not is_role_mailbox(organizer.name, organizer.email) \
            and not is_room(organizer.name, organizer.email) and not panel:
        found.insert(0, organizer)
    found = without_candidate(found, organizer, bool(panel))
    return _merge(panel, found) if panel else _dedupe(found)


def is_me(person: Person, me: frozenset[str]) -> bool:
    """The user, by address or by name (``me`` holds both, case-folded)."""
    return (person.email or "").casefold() in me or " ".join(person.name.split()).casefold() in me


def zoom_host(description: str) -> list[Person]:
    """"Priya Raghunathan is inviting you to a scheduled Zoom meeting." names the host."""
    match = ZOOM_HOST.search(description[:2000])
    name = display_name(match.group("name")) if match else ""
    return [Person(name=name)] if name and len(name.split()) >= 2 else []


def without_candidate(people: list[Person], organizer: Person | None, panel: bool) -> list[Person]:
    """Without the user's address, a free-mail guest beside company addresses is the candidate."""
    company = [p for p in people + ([organizer] if organizer else []) if p.email and domain(p.email) not in FREEMAIL]
    if not company and not panel:
        return people
    return [p for p in people if not (p.email and domain(p.email) in FREEMAIL and p is not organizer)]


def _merge(panel: list[Person], attendees: list[Person]) -> list[Person]:
    """The panel as listed, each with the address of the attendee of the same name."""
    by_name = {p.name.casefold(): p for p in attendees}
    merged = []
    for person in panel:
        twin = by_name.pop(person.name.casefold(), None)
        merged.append(Person(name=person.name, email=person.email or (twin.email if twin else None), title=person.title))
    return _dedupe(merged + list(by_name.values()))


def _dedupe(people: list[Person]) -> list[Person]:
    seen, unique = set(), []
    for person in people:
        key = (person.email or "").lower() or person.name.casefold()
        if key and key not in seen:
            seen.add(key)
            unique.append(person)
    return unique


def _meeting_url(component, location: str | None, description: str) -> str | None:
    """The link to join: conference properties first, then a known video service in the text."""
    for name in ("CONFERENCE", "X-GOOGLE-CONFERENCE", "X-MICROSOFT-SKYPETEAMSMEETINGURL",
                 "X-MICROSOFT-ONLINEMEETINGEXTERNALLINK", "URL"):
        values = component.get(name)
        for value in values if isinstance(values, list) else [values]:
            url = str(value or "").strip()
            if url.lower().startswith("https://") and (name != "URL" or MEETING_HOSTS.fullmatch(url)):
                return url
    return meeting_link_in(f"{location or ''}\n{description}")


def meeting_link_in(text: str) -> str | None:
    """The first link to a known video service in ``text`` (Outlook writes "Join<https://...>")."""
    match = MEETING_HOSTS.search(text[:MAX_BYTES])
    if not match:
        return None
    url = match.group(0).rstrip(".,;)>]")
    return url if url.lower().startswith(("https://", "http://")) else "https://" + url


def _html_text(html: str) -> str:
    """Text of Outlook's HTML copy (X-ALT-DESC), links kept, for when DESCRIPTION is empty."""
    if not html:
        return ""
    html = re.sub(r'<a\s[^>]*href="([^"]+)"[^>]*>', r" \1 ", html[:MAX_BYTES], flags=re.I)
    html = re.sub(r"<(?:br|/p|/div|/li|/tr)[^>]*>", "\n", html, flags=re.I)
    import html as entities

    return entities.unescape(re.sub(r"<[^>]+>", "", html))
