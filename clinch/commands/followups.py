"""``clinch followups``: the planned follow-ups, and approving one to send, under the same timing guard as the pages."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from clinch.commands._inputs import add_list_or_act_arguments, id_lookup, misused_id, print_json_lines

EPILOG = """\
examples:
  clinch followups                               pending follow-ups of every user, soonest first
  clinch followups --user dana --json            one user's, as JSON lines
  clinch followups schedule 42                   send it at its planned time
  clinch followups schedule 42 --at 2026-03-06T10:15:00-07:00
  clinch followups send-now 42                   send it at once, if the policy allows it now
  clinch followups send-now 42 --planned         outside the rules: keep the planned time
  clinch followups send-now 42 --anyway          outside the rules: send now all the same

A time outside the policy's timing rules (before the interview ended, at night for the
recipient, a status check before the date they gave, a reply to a rejection inside its
cooling-off) is refused with the reasons (exit 3) until you add --planned or --anyway;
the choice is recorded on the follow-up.
"""

STATUSES = ("planned", "scheduled", "sent", "paused", "cancelled")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "followups",
        help="list follow-ups; schedule or send one (timing-guarded)",
        description="List follow-ups with their kind, recipient, state and planned time; or approve one "
        "by its id (the first column) to send at its planned time, at --at, or now.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_list_or_act_arguments(parser, actions=("schedule", "send-now"), thing="follow-up")
    parser.add_argument("--user", help="only this user's follow-ups (username)")
    parser.add_argument("--status", choices=STATUSES, help="only follow-ups in this state (default: pending)")
    parser.add_argument("--at", type=_moment, help="schedule: send at this ISO 8601 time (with its offset)")
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument("--planned", action="store_true", help="outside the rules: send at the planned time")
    choice.add_argument("--anyway", action="store_true", help="outside the rules: send at the asked time anyway")
    parser.set_defaults(run=run)


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an ISO 8601 time like 2026-03-06T10:15:00-07:00") from None
    if moment.tzinfo is None:
        raise argparse.ArgumentTypeError("give the time with its offset, like 2026-03-06T10:15:00-07:00")
    return moment


def run(args) -> int:
    from clinch.startup import django_ready

    with django_ready():
        if problem := misused_id(args):
            print(problem, file=sys.stderr)
            return 2
        if args.action == "list":
            return list_followups(user=args.user, status=args.status, limit=args.limit, as_json=args.json)
        timing = "planned" if args.planned else "anyway" if args.anyway else None
        return approve(args.id, send_now=args.action == "send-now", at=args.at, timing=timing)


def row(followup) -> dict:
    return {
        "id": followup.pk,
        "public_id": str(followup.public_id),
        "user": followup.owner.get_username(),
        "kind": followup.kind,
        "to": (followup.contact.email or followup.contact.name) if followup.contact else "",
        "status": followup.status,
        "state": followup.state,  # what every page shows: the status joined with its email's fate
        "send_at": followup.send_at.isoformat(),
        "timing_choice": followup.timing_choice,
    }


def list_followups(*, user: str | None, status: str | None, limit: int, as_json: bool) -> int:
    from clinch.followups.models import FollowUp
    from clinch.followups.services import ACTIVE

    from clinch.followups.states import latest_message_state

    followups = (FollowUp.objects.select_related("owner", "contact")
                 .annotate(message_state=latest_message_state()).order_by("send_at", "id"))
    followups = followups.filter(status=status) if status else followups.filter(status__in=ACTIVE)
    if user:
        followups = followups.filter(owner__username=user)
    rows = [row(f) for f in followups[:limit]]
    if as_json:
        print_json_lines(rows)
        return 0
    if not rows:
        print("No follow-ups" + (f" in state {status}." if status else " pending."))
        return 0
    print(f"{'ID':>6}  {'STATE':<10} {'KIND':<17} {'SEND AT':<26} TO")
    for item in rows:
        print(f"{item['id']:>6}  {item['state']:<10} {item['kind']:<17} {item['send_at']:<26} {item['to']}")
    return 0


def approve(ident: str, *, send_now: bool, at: datetime | None, timing: str | None) -> int:
    """Schedule one follow-up through the same service as the editor; 3 when the guard asks."""
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from clinch.followups import services
    from clinch.followups.models import FollowUp

    lookup = id_lookup(ident)
    try:
        followup = FollowUp.objects.select_related("contact", "owner").get(**lookup)
    except (FollowUp.DoesNotExist, ValidationError, ValueError):
        print(f"clinch followups: no follow-up {ident}", file=sys.stderr)
        return 1
    try:
        message = services.schedule(followup=followup, now=timezone.now(), send_now=send_now, at=at, timing=timing)
    except services.TimingConflict as conflict:
        print("clinch followups: that time is outside the policy's timing rules:", file=sys.stderr)
        for problem in conflict.problems:
            print(f"  - {problem.says}\n    why: {problem.why}", file=sys.stderr)
        print(f"Add --planned to send at the planned time ({conflict.planned.isoformat()}), "
              "or --anyway to send at the asked time all the same.", file=sys.stderr)
        return 3
    except ValidationError as error:
        print(f"clinch followups: {' '.join(error.messages)}", file=sys.stderr)
        return 1
    except ValueError as error:
        print(f"clinch followups: {error}", file=sys.stderr)
        return 1
    choice = f" ({followup.get_timing_choice_display().lower()})" if followup.timing_choice else ""
    print(f"Follow-up {followup.pk} is scheduled for {message.send_at.isoformat()}{choice}.")
    return 0
