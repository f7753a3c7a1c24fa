"""``clinch invite read``: what a calendar invitation says, without touching a database."""

from __future__ import annotations

import argparse
import json
import sys

EPILOG = """\
examples:
  clinch invite read interview.ics                        the events, people and link, as text
  clinch invite read interview.ics --me dana@example.org  leave yourself out of the people
  clinch invite read invite.txt --json                    pasted invitation text works too

Times are printed in the zone the invitation states (Google's invitations state only UTC).
Without --me, a guest with a free-mail address beside company addresses is taken to be you.
Exit status: 0 read, 1 the file is not an invitation Clinch can read (the reason is printed).
"""


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "invite",
        help="read a calendar invitation (.ics or pasted text)",
        description="Read a calendar invitation: date and times in its own zone, the people (you, "
        "rooms and resources left out), the meeting link and the company it is with.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("action", choices=("read",), help="read FILE")
    parser.add_argument("file", help="an .ics file, or a text file with the invitation's text")
    parser.add_argument("--me", action="append", default=[], metavar="EMAIL",
                        help="your address, left out of the people (repeat for several)")
    parser.add_argument("--json", action="store_true",
                        help='JSON: {"events": [{"uid", "summary", "starts_at", "ends_at", "cancelled", '
                        '"location", "meeting_url", "organizer", "people", "company_guess"}]}')
    parser.set_defaults(run=run)


def run(args) -> int:
    from clinch.core.invitation import InvitationError, read_invitation

    try:
        with open(args.file, "rb") as handle:
            data = handle.read(_limit() + 1)
    except OSError as exc:
        print(f"clinch invite: cannot read {args.file!r}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    try:
        events = read_invitation(data, me=args.me, calendar_only=args.file.lower().endswith(".ics"))
    except InvitationError as exc:
        print(f"clinch invite: {args.file}: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps({"events": [event.as_json() for event in events]}, ensure_ascii=False, indent=2))
        return 0
    for event in events:
        print(_describe(event))
    return 0


def _limit() -> int:
    from clinch.core.invitation import MAX_BYTES

    return MAX_BYTES


def _describe(event) -> str:
    lines = [
        f"{'CANCELLED: ' if event.cancelled else ''}{event.summary or '(no title)'}",
        f"  when      {event.starts_at:%a %d %b %Y %H:%M}–{event.ends_at:%H:%M} "
        f"({event.timezone or event.starts_at.strftime('UTC%z')})",
    ]
    if event.location:
        lines.append(f"  where     {event.location}")
    if event.meeting_url:
        lines.append(f"  link      {event.meeting_url}")
    if event.organizer:
        lines.append(f"  organizer {event.organizer.name} <{event.organizer.email or '?'}>")
    for person in event.people:
        details = ", ".join(filter(None, [person.title, person.email]))
        lines.append(f"  person    {person.name}" + (f" ({details})" if details else ""))
    if event.company_guess:
        lines.append(f"  company   {event.company_guess} (a guess: check it)")
    lines.append(f"  uid       {event.uid or '-'} (update {event.sequence})")
    return "\n".join(lines)
