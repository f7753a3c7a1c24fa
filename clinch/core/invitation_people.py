"""Who an invitation is with: names as calendars write them, rooms left out, panels read from text.

Pure helpers for ``clinch.core.invitation``: display names ("Petrakis, Jon", "Arne Wörpel
(arne@x.example)"), rooms and resources, role mailboxes, the panel a scheduling tool lists
in the description ("09:45 – 10:30 Anna-Lena Brandt, Senior Robotics Engineer"), and the
company guessed from email domains and the event's words. Every function reads at most
the text it is given, line by line, in linear time.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

FREEMAIL = frozenset("""
gmail.com googlemail.com outlook.com hotmail.com hotmail.co.uk live.com msn.com yahoo.com yahoo.co.uk ymail.com
icloud.com me.com mac.com aol.com proton.me protonmail.com pm.me gmx.de gmx.net gmx.com web.de mail.com zoho.com
fastmail.com hey.com yandex.ru yandex.com qq.com 163.com 126.com naver.com t-online.de orange.fr free.fr laposte.net
libero.it btinternet.com comcast.net verizon.net
""".split())
# Scheduling tools, video services and calendar systems send invitations; their domains name no company.
SERVICE_DOMAINS = frozenset("""
calendly.com zoom.us zoom.com greenhouse.io goodtime.io lever.co ashbyhq.com gem.com modernloop.io workday.com
myworkday.com icims.com smartrecruiters.com teamtailor.com personio.de recruitee.com workable.com jobvite.com
google.com calendar.google.com resource.calendar.google.com group.calendar.google.com microsoft.com
teams.microsoft.com office365.com outlook.office365.com doodle.com hubspot.com chilipiper.com savvycal.com
cal.com youcanbook.me acuityscheduling.com reclaim.ai webex.com whereby.com hirevue.com coderpad.io
""".split())
ROLE_MAILBOXES = frozenset("""
noreply no-reply donotreply do-not-reply notifications notification calendar calendars scheduling scheduler
invites invitations careers jobs recruiting recruitment talent hr people interviews interview hiring mailer-daemon
""".split())
ROOM_WORDS = re.compile(
    r"\b(room|rooms|conf|conference|boardroom|meeting\s*room|huddle|auditorium|floor|bldg|building|lobby|"
    r"salle|raum|sala|besprechungsraum|phone\s*booth|focus\s*room|zoom\s*room|war\s*room|resource)\b",
    re.I,
)
ROOM_ADDRESS = re.compile(r"^(room|rm|conf|confroom|mtgroom|meetingroom|resource|res)[-_.]|[-_.](room|rm)\d*$", re.I)
CAPACITY = re.compile(r"\(\d{1,3}\)\s*$")  # Google resource names end "(8)": the seats
PARTICLES = frozenset(
    "von van der den de da di del della la le du dos das do bin ibn al el ter ten zu y e st. st".split()
)
SUFFIXES = frozenset("jr jr. sr sr. ii iii iv phd ph.d. md mba cpa esq esq. inc inc. llc ltd ltd. gmbh ag".split())
NOT_PEOPLE = frozenset("""
break lunch coffee welcome wrap wrap-up tour debrief office team panel interview interviews session check-in
checkin introduction intro q&a presentation onsite candidate travel arrival departure dinner breakfast
buffer transition walk closing opening overview agenda schedule day time round the and with your our
""".split())
TITLE_WORDS = re.compile(
    r"\b(engineer|engineering|manager|director|head|lead|chief|officer|recruiter|recruiting|talent|partner|"
    r"president|vp|vice|founder|cto|ceo|cfo|coo|principal|staff|senior|junior|scientist|designer|analyst|"
    r"architect|developer|specialist|consultant|coordinator|owner|product|researcher|associate|advisor|"
    r"administrator|executive|hr|people|operations)\b",
    re.I,
)
PRONOUNS = re.compile(r"\s*[(\[]\s*(?:she|he|they|ze|xe)\s*/\s*\w+(?:\s*/\s*\w+)?\s*[)\]]", re.I)
EXTERNAL = re.compile(r"\s*[(\[]\s*(?:external|ext|extern|guest|via [^)\]]*)\s*[)\]]\s*$", re.I)
EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.I)
NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.-]*|[OD]['’][A-Z][\w'-]*|Mc[A-Z][\w'-]*)$", re.U)
# A name token starts upper case; \w covers the accented letters of the rest.
TIME = r"\d{1,2}(?:[:.]\d{2})?\s*(?:[aApP]\.?[mM]\.?)?"
# A slot of a schedule: "09:45 – 10:30 Name, Title", "10:00 AM - 10:45 AM PST: Name (Title)", "14:00 Name".
SLOT = re.compile(
    rf"^\s*(?:[-•*·▪]\s*)?(?P<start>{TIME})(?:\s*(?:[-–—]|to)\s*(?P<end>{TIME}))?\s*"
    rf"(?:\(?[A-Z]{{2,5}}\)?)?\s*[:|,\-–—]?\s*(?P<rest>.+?)\s*$"
)
PANEL_HEADER = re.compile(
    r"^\s*(?:your\s+)?(?:interviewers?|interview\s+panel|panel(?:ists)?|you(?:'|’)?ll\s+meet(?:\s+with)?|"
    r"you\s+will\s+meet(?:\s+with)?|who\s+you(?:'|’)?ll\s+meet|meeting\s+with|schedule|agenda|itinerary)\b[^:\n]*:?\s*(?P<rest>.*)$",
    re.I,
)
BULLET = re.compile(r"^\s*(?:[-•*·▪]|\d{1,2}[.)])\s+(?P<rest>.+?)\s*$")
SEPARATOR = re.compile(r"\s*(?:,|\s[-–—|]\s|\||:)\s*")


@dataclass(frozen=True)
class Person:
    """Someone at the interview: ``name`` as they write it, ``email`` and ``title`` when known."""

    name: str
    email: str | None = None
    title: str | None = None


def domain(email: str | None) -> str:
    return email.rsplit("@", 1)[1].lower() if email and "@" in email else ""


def display_name(raw: str | None, email: str | None = None) -> str:
    """A person's name from a calendar's display name: "Petrakis, Jon" is Jon Petrakis.

    Pronouns, "(External)" marks and an email written into the name are dropped; a name that
    is only an address becomes the words of its local part ("jon.petrakis@" -> "Jon Petrakis").
    """
    name = (raw or "").strip().strip('"').strip("'").strip()
    name = EMAIL.sub("", name)
    name = re.sub(r"[(\[<]\s*[)\]>]", "", name)
    name = PRONOUNS.sub("", name)
    name = EXTERNAL.sub("", name).strip(" ,;-")
    name = " ".join(name.split())
    if not name:
        return _name_from_address(email)
    return _unreverse(name)


def _unreverse(name: str) -> str:
    if name.count(",") != 1:
        return name
    family, given = (part.strip() for part in name.split(","))
    if not family or not given or given.lower().strip(".") in SUFFIXES or given.lower() in SUFFIXES:
        return name
    if TITLE_WORDS.search(given) or len(given.split()) > 3 or len(family.split()) > 4:
        return name  # "Jon Petrakis, Engineering Manager" is a name and a title
    return f"{given} {family}"


def _name_from_address(email: str | None) -> str:
    local = (email or "").split("@", 1)[0]
    parts = [p for p in re.split(r"[._]+", local) if p]
    if parts and all(p.replace("-", "").isalpha() for p in parts):
        return " ".join("-".join(piece.capitalize() for piece in p.split("-")) for p in parts)
    return local


def is_room(name: str, email: str | None, cutype: str = "") -> bool:
    """Rooms, resources and groups are not people (CUTYPE, Google resource addresses, room-like names)."""
    if cutype.upper() in {"ROOM", "RESOURCE", "GROUP"}:
        return True
    where = domain(email)
    if where.endswith(("resource.calendar.google.com", "group.calendar.google.com")):
        return True
    local = (email or "").split("@", 1)[0]
    if local and ROOM_ADDRESS.search(local):
        return True
    # People's names hold no digits; rooms' do ("SEA-B4-3-Olympic", "Conf 4B").
    return bool(name and (ROOM_WORDS.search(name) or CAPACITY.search(name) or re.search(r"\d", name)))


def is_role_mailbox(name: str, email: str | None) -> bool:
    """A team or robot mailbox ("recruiting@", "noreply@"), unless its name reads as a person's."""
    local = (email or "").split("@", 1)[0].lower()
    robot = local in ROLE_MAILBOXES or local.startswith(("noreply", "no-reply", "donotreply"))
    return (robot or domain(email) in SERVICE_DOMAINS) and not looks_like_name(name)


def looks_like_name(text: str) -> bool:
    """Two to five words, each capitalised or a particle ("Anna-Lena Brandt", "Ana de la Cruz")."""
    words = text.split()
    if not 2 <= len(words) <= 5:
        return False
    if any(w.lower().strip(".,") in NOT_PEOPLE for w in words):
        return False
    if TITLE_WORDS.search(text):
        return False
    return all(NAME_TOKEN.match(w) or w.lower() in PARTICLES for w in words) and bool(NAME_TOKEN.match(words[-1]))


def panel_from_text(text: str) -> list[Person]:
    """The people a description lists: timed slots ("09:45 – 10:30 Name, Title") and panel lists.

    A list is what follows a header such as "Your interviewers:" (bulleted, or one per line,
    until a blank line), or the header's own line ("Interviewers: A (Title), B (Title)").
    """
    people: list[Person] = []
    in_list = False
    for line in text.splitlines()[:400]:
        line = line.strip()
        if not line:
            in_list = False
            continue
        slot = SLOT.match(line)
        if slot:
            people.extend(_people_in(slot.group("rest")))
            continue
        header = PANEL_HEADER.match(line)
        if header and len(line) < 200:
            in_list = True
            people.extend(_people_in(header.group("rest"), several=True))
            continue
        bullet = BULLET.match(line)
        if bullet or in_list:
            found = _people_in(bullet.group("rest") if bullet else line)
            people.extend(found)
            in_list = in_list and bool(found)
    return _unique(people)


def _people_in(text: str, *, several: bool = False) -> list[Person]:
    """People in one slot or list entry: "Anna-Lena Brandt, Senior Robotics Engineer (anna@x)"."""
    text = text.strip()
    if not text:
        return []
    email_match = EMAIL.search(text)
    email = email_match.group(0).lower() if email_match else None
    text = PRONOUNS.sub("", EMAIL.sub("", text))
    text = re.sub(r"[(\[<]\s*[)\]>]", "", text).strip(" ,;")
    if several:
        names = [p.strip() for p in re.split(r"\s*(?:,|;|&|\band\b)\s*", text) if p.strip()]
        if len(names) > 1 and all(looks_like_name(n) for n in names):  # "A, B and C"
            return [Person(name=_unreverse(n)) for n in names]
        # "A (Title), B (Title)": split between people, titles in brackets stay.
        parts = re.split(r"\)\s*(?:,|;|and|&)\s*|;\s*|\s+(?:and|&)\s+", text)
        found = [p for part in parts for p in _people_in(part + (")" if part.count("(") > part.count(")") else ""))]
        return found if len(found) > 1 else _one_person(text, email)
    if re.search(r"\s(?:&|and)\s", text) and not TITLE_WORDS.search(text):
        return [p for part in re.split(r"\s(?:&|and)\s", text) for p in _one_person(part, None)]
    return _one_person(text, email)


def _one_person(text: str, email: str | None) -> list[Person]:
    # "System design with Anna-Lena Brandt, ..." / "Technical interview: Anna-Lena Brandt"
    with_match = re.search(r"\b(?:with|by|w/)\s+(.+)$", text, re.I)
    if with_match:
        text = with_match.group(1)
    titled = re.match(r"^(?P<name>[^()]+?)\s*\((?P<title>[^()]+)\)\s*$", text)
    if titled:
        name, title = titled.group("name").strip(" ,"), titled.group("title").strip()
    else:
        pieces = [p for p in SEPARATOR.split(text, maxsplit=1) if p.strip()]
        name = pieces[0].strip() if pieces else ""
        title = pieces[1].strip(" ,;-–—") if len(pieces) > 1 else None
        if not looks_like_name(name) and len(pieces) > 1 and looks_like_name(pieces[1].strip()):
            name, title = pieces[1].strip(), None  # "Deep dive: Anna-Lena Brandt"
    name = _unreverse(name)
    if not looks_like_name(name):
        return []
    if title and not TITLE_WORDS.search(title):
        # Short words after a name are a title ("Sales"), unless they are another name.
        title = title if len(title.split()) <= 6 and not EMAIL.search(title) and not looks_like_name(title) else None
    return [Person(name=name, email=email, title=(title or None))]


def _unique(people: list[Person]) -> list[Person]:
    """One entry per person (the same interviewer may lead two slots); details merged."""
    merged: dict[str, Person] = {}
    for person in people:
        key = person.name.casefold()
        known = merged.get(key)
        merged[key] = person if known is None else Person(
            name=known.name, email=known.email or person.email, title=known.title or person.title
        )
    return list(merged.values())


# --- the company -------------------------------------------------------------------------------

SECOND_LEVEL = frozenset("co com org net ac gov edu ltd plc".split())
TITLE_STOP = frozenset("""
interview interviews onsite on-site screen screening call meeting round technical phone video final panel chat
intro introduction loop virtual hiring team recruiter conversation session invitation invite updated canceled
cancelled for with at and the a an of to your – — - | : x <> / + first second third
""".split())
LEGAL = re.compile(r"^,?\s*(Inc\.?|LLC|Ltd\.?|GmbH|AG|SE|S\.A\.|SA|B\.V\.|BV|N\.V\.|plc|PLC|Corp\.?|Co\.)(?=\s|$|[,:;|)])")
COMPANY_WORDS = re.compile(
    r"\b(robotics|labs?|inc|llc|ltd|gmbh|analytics|systems|technolog\w*|software|solutions|group|health|bank|"
    r"capital|partners|consulting|studios?|media|energy|instruments|networks|data|cloud|pharma\w*|bio\w*|games|"
    r"foods|motors|industries|holdings|ventures|corp\w*|company|insurance|logistics|airlines?|university)\b",
    re.I,
)
CAPITALISED = re.compile(r"[A-Z0-9À-Þ][\w&'’.+-]*")


def company_domain(emails: list[str], *, me: frozenset[str]) -> str:
    """The most common company domain among ``emails`` (not free mail, not a tool, not the user's)."""
    mine = {domain(m) for m in me}
    counts = Counter(
        d for d in (domain(e) for e in emails)
        if d and d not in FREEMAIL and d not in mine and not _is_service(d)
    )
    return counts.most_common(1)[0][0] if counts else ""


def _is_service(where: str) -> bool:
    return any(where == s or where.endswith("." + s) for s in SERVICE_DOMAINS)


def domain_label(where: str) -> str:
    """"mail.larkspur-robotics.co.uk" -> "larkspur-robotics"."""
    parts = where.split(".")
    while len(parts) > 2 and parts[-2] in SECOND_LEVEL:
        parts = parts[:-1]
    return parts[-2] if len(parts) >= 2 else where


def guess_company(*, email_domain: str, texts: list[str], people: list[Person]) -> str | None:
    """The company's name as written in ``texts`` (summary first) that matches ``email_domain``;
    else the domain's words capitalised; else a name the summary gives ("Interview at Larkspur")."""
    names = {p.name.casefold() for p in people}
    label = domain_label(email_domain) if email_domain else ""
    key = re.sub(r"[^a-z0-9]", "", label.lower())
    if key:
        for text in texts:
            found = _phrase_matching(text, key)
            if found:
                return found
        return " ".join(part.capitalize() for part in re.split(r"[-_]+", label) if part) or None
    for text in texts[:1]:
        found = _company_in_summary(text, names)
        if found:
            return found
    return None


def _phrase_matching(text: str, key: str) -> str | None:
    """The capitalised phrase in ``text`` whose letters start with ``key`` ("Larkspur Robotics")."""
    for match in CAPITALISED.finditer(text[:2000]):
        squashed = re.sub(r"[^a-z0-9]", "", match.group(0).lower())
        if not squashed or not (squashed.startswith(key) or key.startswith(squashed)):
            continue
        words, end, letters = [match.group(0)], match.end(), squashed
        while len(letters) < len(key):
            nxt = re.match(r"\s+((?:(?:&|and|\+)\s+)?)(" + CAPITALISED.pattern + ")", text[end:])
            if not nxt:
                break
            letters += re.sub(r"[^a-z0-9]", "", nxt.group(2).lower())
            words.append(nxt.group(1) + nxt.group(2))
            end += nxt.end()
        if not letters.startswith(key):
            continue
        # Words after the domain's own ("Larkspur" + "Robotics") belong to the name until a stop word.
        while True:
            nxt = re.match(r"\s+(" + CAPITALISED.pattern + ")", text[end:])
            if not nxt or nxt.group(1).lower().strip(".:,") in TITLE_STOP or len(words) >= 5:
                break
            words.append(nxt.group(1))
            end += nxt.end()
        legal = LEGAL.match(text[end:])
        phrase = " ".join(words).rstrip(":,;")
        return phrase + (legal.group(0).rstrip() if legal else "")
    return None


def _company_in_summary(summary: str, people_names: set[str]) -> str | None:
    """"Interview at Larkspur Robotics", "Larkspur Robotics: onsite", "Dana <> Larkspur | screen"."""
    name = r"(?P<c>[A-Z][\w&'’.+-]*(?:\s+(?:&|and|of|\+)?\s*[A-Z][\w&'’.+-]*){0,3})"
    patterns = (  # (pattern, whether a person's name could stand there too)
        (r"\b(?:at|@|from)\s+" + name, False),
        (r"\bwith\s+" + name, True),
        (r"^" + name + r"\s*(?::|\||[-–—]\s)", True),
        (r"(?:<>|\|)\s*" + name, True),
    )
    for pattern, person_too in patterns:
        for match in re.finditer(pattern, summary):
            words = []
            for word in match.group("c").split():
                if word.lower().strip(".:,") in TITLE_STOP:
                    break
                words.append(word)
            candidate = " ".join(words).strip(" .:,")
            if not candidate or candidate.casefold() in people_names:
                continue
            if person_too and looks_like_name(candidate) and not COMPANY_WORDS.search(candidate):
                continue  # "Interview with Dana Whitfield" names the candidate, not the company
            return candidate
    return None
