"""Read an invitation from the text a user pasted: the email Google, Outlook or a scheduling tool sent.

Called by ``clinch.core.invitation.read_invitation`` for input that is not iCalendar. It
finds the date, the times and their zone ("When: Tuesday, March 10, 2026 9:30 AM-10:30 AM.
(UTC-08:00) Pacific Time (US & Canada)", "Thursday 5 Mar 2026 ⋅ 13:00 – 14:30 (Mountain
Standard Time - Denver)"), the title, the place, the link, and the people: "Name <address>"
lists (To:, Guests, Attendees), Google's "Name - organizer", and panels listed by time.
Line by line, at most ``MAX_LINES`` lines, so the work is linear in what was pasted.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from clinch.core import zonenames
from clinch.core.invitation import (
    CANCEL_PREFIX,
    DEFAULT_LENGTH,
    Event,
    InvitationError,
    is_me,
    meeting_link_in,
    without_candidate,
    zoom_host,
)
from clinch.core.invitation_people import (
    EMAIL,
    SLOT,
    Person,
    company_domain,
    display_name,
    guess_company,
    is_role_mailbox,
    is_room,
    looks_like_name,
    panel_from_text,
)

MAX_LINES = 2000
MONTHS = {m: i for i, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
    ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
    ("dec", "december"),
), start=1) for m in names}
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DATES = (
    re.compile(r"\b(?P<year>20\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)\b"),
    re.compile(MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>20\d\d)\b", re.I),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?" + MONTH + r",?\s+(?P<year>20\d\d)\b", re.I),
)
# "Tue 3/10/2026" (Outlook on the web, US) or "10/03/2026" (most of the world): see _numeric.
NUMERIC_DATE = re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>20\d\d)\b")
CLOCK = r"(?P<{0}h>\d{{1,2}})(?:[:.](?P<{0}m>\d{{2}}))?\s*(?P<{0}p>[ap]\.?\s?m\.?)?"
RANGE = re.compile(
    r"(?<![\d:])" + CLOCK.format("a") + r"\s*(?:-|–|—|to|until)\s*" + CLOCK.format("b") + r"(?![\d])", re.I
)
SINGLE = re.compile(r"(?<![\d:])(?P<ah>\d{1,2})(?:[:.](?P<am>\d{2}))\s*(?P<ap>[ap]\.?\s?m\.?)?|(?<![\d:])(?P<bh>\d{1,2})\s*(?P<bp>[ap]\.?m\.?)", re.I)
LABELLED = re.compile(r"^\s*(?P<label>subject|title|topic|event name|event type|when|where|location|organi[sz]er|from|to|"
                      r"cc|required(?: attendees)?|optional(?: attendees)?|attendees|guests|who|invitees?|participants|"
                      r"time ?zone)\s*:\s*(?P<value>.*)$", re.I)
HEADERS = {"guests", "attendees", "who", "participants", "invitees", "location", "where", "organizer", "organiser"}
ADDRESS = re.compile(r"(?P<name>[^<>;\n]*?)\s*<(?P<email>[^<>\s]+@[^<>\s]+)>")
ORGANIZER_MARK = re.compile(r"\s*[-–—]\s*(?:organi[sz]er|creator)\s*$", re.I)
INVITATION_SUBJECT = re.compile(r"^(?:updated\s+)?invitation(?:\s+updated)?\s*:\s*(?P<title>.+?)\s+@\s", re.I)
CANCELLED = re.compile(r"\b(?:canceled|cancelled)\b\s*(?:event|invitation)?\s*:|\bhas been (?:canceled|cancelled)\b", re.I)
RECIPIENT = re.compile(r"(?:^reply for\s+|\(\s*)([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)\s*\)?\s*$", re.I)
IANA_IN_TEXT = re.compile(r"\b(?:America|Europe|Asia|Africa|Australia|Pacific|Atlantic|Indian)/[A-Z][A-Za-z_]+(?:/[A-Z][A-Za-z_]+)?")


def read_text(text: str, me: frozenset[str], default_zone: str | None) -> list[Event]:
    """One event from pasted invitation text (see the module doc). Raises ``InvitationError``."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")[:MAX_LINES]]
    me = me | _recipient(lines)
    fields = _labelled(lines)
    when_at, day = _date(lines, fields)
    if day is None:
        raise InvitationError(
            "No date found in the pasted text: paste the whole invitation, with its line saying "
            "when (like \"When: Tuesday, March 10, 2026 9:30 AM-10:30 AM\"), or upload the .ics file."
        )
    start, end = _clock(lines, when_at)
    if start is None:
        raise InvitationError("The pasted text gives a date but no time: type the times by hand, or upload the .ics file.")
    zone_name = _zone_name(lines, when_at, fields, day, start) or default_zone
    zone = ZoneInfo(zone_name) if zone_name else timezone.utc
    starts_at = datetime.combine(day, start, zone)
    ends_at = datetime.combine(day, end, zone) if end else starts_at + DEFAULT_LENGTH
    if ends_at <= starts_at:
        ends_at += timedelta(days=1) if end else DEFAULT_LENGTH
    summary = _summary(lines, fields)
    people, organizer = _people(lines, fields, me)
    body = "\n".join(lines)
    location = (fields.get("where") or fields.get("location") or "").strip() or None
    emails = [p.email for p in people if p.email] + ([organizer.email] if organizer and organizer.email else [])
    return [Event(
        uid="", summary=CANCEL_PREFIX.sub("", summary), starts_at=starts_at, ends_at=ends_at, timezone=zone_name,
        cancelled=bool(CANCELLED.search(body[:4000])), sequence=0, location=location,
        meeting_url=meeting_link_in(body), organizer=organizer, people=tuple(people),
        company_guess=guess_company(
            email_domain=company_domain(emails, me=me), texts=[summary, body[:2000], location or ""], people=people,
        ),
    )]


def _recipient(lines: list[str]) -> frozenset[str]:
    """Whom the invitation was sent to: Google names them ("Reply for dana@x", "... (dana@x)")."""
    found = set()
    for line in lines[:3] + [line for line in lines if line.lower().startswith("reply for")][:1]:
        match = RECIPIENT.search(line)
        if match:
            found.add(match.group(1).lower())
    return frozenset(found)


def _labelled(lines: list[str]) -> dict[str, str]:
    """"Label: value" lines, and Google's headers on a line of their own with the value below."""
    fields: dict[str, str] = {}
    for i, line in enumerate(lines):
        match = LABELLED.match(line)
        if match:
            label = match.group("label").lower().replace(" attendees", "").replace(" ", "")
            value = match.group("value").strip()
            if not value and label in HEADERS:
                value = _block(lines, i + 1, join="; ")
            fields.setdefault(label, value)
        elif line.lower() in HEADERS:
            fields.setdefault(line.lower(), _block(lines, i + 1, join="; "))
    return fields


def _block(lines: list[str], start: int, *, join: str) -> str:
    """The lines under a header, up to a blank line or the next header."""
    block = []
    for line in lines[start:start + 60]:
        if not line or line.lower() in HEADERS or line.lower().startswith(
            ("view all guest info", "view map", "reply for", "invitation from", "join with", "join by phone")
        ):
            break
        block.append(line)
    return join.join(block)


def _date(lines: list[str], fields: dict[str, str]) -> tuple[int, date | None]:
    """The line index and the date; a "When:" line wins over dates elsewhere."""
    order = sorted(range(len(lines)), key=lambda i: (not lines[i].lower().startswith("when"), i))
    for i in order:
        for pattern in DATES:
            match = pattern.search(lines[i])
            if match:
                month = int(match.group("mnum")) if "mnum" in match.groupdict() and match.group("mnum") else MONTHS[match.group("month").lower()]
                try:
                    return i, date(int(match.group("year")), month, int(match.group("day")))
                except ValueError:
                    continue
    for i in order:
        found = _numeric(lines[i])
        if found:
            return i, found
    return -1, None


def _numeric(line: str) -> date | None:
    """A date written in numbers: month first beside a 12-hour time (US), else day first;
    a number above 12 settles it either way."""
    match = NUMERIC_DATE.search(line)
    if not match:
        return None
    a, b, year = int(match.group("a")), int(match.group("b")), int(match.group("year"))
    month_first = b > 12 or (a <= 12 and re.search(r"\d\s*[ap]\.?m\b", line, re.I) is not None)
    month, day = (a, b) if month_first else (b, a)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _clock(lines: list[str], at: int) -> tuple[time | None, time | None]:
    """Start and end: the range on or just after the date's line, else the span of a listed panel."""
    for line in lines[at:at + 3]:
        match = RANGE.search(_after_date(line))
        if match and not SLOT.match(line):  # a panel's first slot is not the whole visit
            return _pair(match)
    slots = [SLOT.match(line) for line in lines]
    ranges = [RANGE.search(f"{s.group('start')} - {s.group('end')}") for s in slots if s and s.group("end")]
    pairs = [_pair(r) for r in ranges if r]
    pairs = [p for p in pairs if p[0] and p[1]]
    if pairs:
        return min(p[0] for p in pairs), max(p[1] for p in pairs)
    for line in lines[at:at + 3]:
        single = SINGLE.search(_after_date(line))
        if single:
            return _one(single), None
    return None, None


def _after_date(line: str) -> str:
    """The line without its date, so "March 10, 2026 9:30" does not read "10, 2026" as a time."""
    for pattern in (*DATES, NUMERIC_DATE):
        line = pattern.sub(" ", line)
    return line


def _pair(match) -> tuple[time | None, time | None]:
    a_pm, b_pm = match.group("ap"), match.group("bp")
    # "1 – 2:30pm": the first time shares the second's half of the day when it has none.
    end = _to_time(match.group("bh"), match.group("bm"), b_pm)
    start = _to_time(match.group("ah"), match.group("am"), a_pm or b_pm)
    if start and end and not a_pm and b_pm and start > end:
        start = _to_time(match.group("ah"), match.group("am"), "am")
    return start, end


def _one(match) -> time | None:
    if match.group("ah"):
        return _to_time(match.group("ah"), match.group("am"), match.group("ap"))
    return _to_time(match.group("bh"), None, match.group("bp"))


def _to_time(hour: str | None, minute: str | None, half: str | None) -> time | None:
    if hour is None:
        return None
    h, m = int(hour), int(minute or 0)
    if half:
        pm = half.lower().startswith("p")
        if not 1 <= h <= 12:
            return None
        h = (h % 12) + (12 if pm else 0)
    return time(h, m) if h < 24 and m < 60 else None


def _zone_name(lines: list[str], at: int, fields: dict[str, str], day: date, start: time) -> str | None:
    moment = datetime.combine(day, start)
    stated = fields.get("timezone", "")
    nearby = " ".join(lines[at:at + 3])
    for text in (stated, _in_brackets(nearby), nearby):
        if text:
            name = zonenames.iana_name(text, at=moment)
            if name and not name.startswith("Etc/"):
                return name
    found = IANA_IN_TEXT.search("\n".join(lines))
    if found and zonenames.is_iana(found.group(0)):
        return found.group(0)
    offset = zonenames.stated_offset(nearby)
    return zonenames.iana_name("", at=moment, offset=offset) if offset is not None else None


def _in_brackets(text: str) -> str:
    """"(UTC-08:00) Pacific Time (US & Canada)" and "(Mountain Standard Time - Denver)": the zone parts."""
    index = text.find("(")
    return text[index:] if index >= 0 else ""


def _summary(lines: list[str], fields: dict[str, str]) -> str:
    for line in lines[:20]:
        match = INVITATION_SUBJECT.match(line)
        if match:
            return match.group("title").strip()
    for label in ("subject", "title", "topic", "eventname", "eventtype"):
        if fields.get(label):
            value = fields[label]
            match = INVITATION_SUBJECT.match(value)
            return match.group("title").strip() if match else value[:300]
    return next((line[:300] for line in lines if line), "")


def _people(lines: list[str], fields: dict[str, str], me: frozenset[str]) -> tuple[list[Person], Person | None]:
    """Everyone named with an address, Google's guest list, and a panel listed by time."""
    organizer = None
    for label in ("organizer", "organiser", "from"):
        if fields.get(label):
            organizer = _entries(fields[label])[:1]
            organizer = organizer[0] if organizer else None
            break
    found: list[Person] = []
    for label in ("to", "cc", "required", "optional", "attendees", "guests", "who", "invitees", "invitee", "participants"):
        for person in _entries(fields.get(label, "")):
            found.append(person)
    for line in lines:
        if ORGANIZER_MARK.search(line):
            organizer = organizer or (_entries(ORGANIZER_MARK.sub("", line)) or [None])[0]
    everyone = ([organizer] if organizer else []) + found
    keep = [
        p for p in everyone
        if not is_me(p, me) and not is_room(p.name, p.email) and not is_role_mailbox(p.name, p.email)
    ]
    panel = panel_from_text("\n".join(lines)) + zoom_host("\n".join(lines))
    if panel:
        by_name = {p.name.casefold(): p for p in keep}
        keep = [Person(p.name, p.email or getattr(by_name.get(p.name.casefold()), "email", None), p.title) for p in panel]
    keep = without_candidate(keep, organizer, bool(panel))
    seen, people = set(), []
    for person in keep:
        key = (person.email or "").lower() or person.name.casefold()
        if key not in seen:
            seen.add(key)
            people.append(person)
    return people, organizer


def _entries(value: str) -> list[Person]:
    """"Petrakis, Jon <jpetrakis@x>; Dana <d@y>", or one name or address per entry."""
    people = []
    for match in ADDRESS.finditer(value):
        people.append(Person(name=display_name(match.group("name"), match.group("email")), email=match.group("email")))
    rest = ADDRESS.sub(";", value)
    for entry in re.split(r"\s*;\s*", rest):
        entry = ORGANIZER_MARK.sub("", entry).strip(" ,")
        if not entry:
            continue
        email = EMAIL.fullmatch(entry)
        if email:
            people.append(Person(name=display_name("", entry), email=entry))
        elif looks_like_name(display_name(entry)):
            people.append(Person(name=display_name(entry)))
    return people
