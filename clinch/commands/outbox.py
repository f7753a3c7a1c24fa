"""``clinch outbox``: what the worker has sent, is sending, and could not send."""

from __future__ import annotations

import argparse
import sys

from clinch.commands._inputs import add_list_or_act_arguments, id_lookup, misused_id, print_json_lines

EPILOG = """\
examples:
  clinch outbox                          every outgoing message, newest first
  clinch outbox --state uncertain        the ones to check in the Sent folder
  clinch outbox --state failed --json    for scripts
  clinch outbox retry 42                 send a failed or uncertain message again (same Message-ID)
  clinch outbox cancel 42                cancel a scheduled, paused, failed or uncertain message
"""

STATES = ("scheduled", "sending", "sent", "failed", "uncertain", "paused", "cancelled")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "outbox",
        help="list outgoing messages; retry or cancel one",
        description="List outgoing messages with their state, times, attempts, Message-ID and last "
        "error; or act on one by its id (the first column).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_list_or_act_arguments(parser, actions=("retry", "cancel"), thing="message")
    parser.add_argument("--state", choices=STATES, help="only messages in this state")
    parser.set_defaults(run=run)


def run(args) -> int:
    from clinch.startup import django_ready

    with django_ready():
        if problem := misused_id(args):
            print(problem, file=sys.stderr)
            return 2
        if args.action == "list":
            return list_messages(state=args.state, limit=args.limit, as_json=args.json)
        return act(args.action, args.id)


def row(message) -> dict:
    return {
        "id": message.pk,
        "public_id": str(message.public_id),
        "state": message.state,
        "to": message.to_email,
        "subject": message.subject,
        "send_at": message.send_at.isoformat() if message.send_at else None,
        "sent_at": message.sent_at.isoformat() if message.sent_at else None,
        "attempts": message.attempts,
        "message_id": message.message_id,
        "last_error": " ".join(f"{message.last_smtp_code or ''} {message.last_error}".split()),
    }


def list_messages(*, state: str | None, limit: int, as_json: bool) -> int:
    from clinch.mail.models import Message

    messages = Message.objects.filter(direction=Message.Direction.OUTBOUND).order_by("-send_at", "-id")
    if state:
        messages = messages.filter(state=state)
    rows = [row(message) for message in messages[:limit]]
    if as_json:
        print_json_lines(rows)
        return 0
    if not rows:
        print("No messages" + (f" in state {state}." if state else " yet."))
        return 0
    print(f"{'ID':>6}  {'STATE':<10} {'SEND AT':<20} {'SENT AT':<20} {'TRIES':>5}  MESSAGE-ID / LAST ERROR")
    for item in rows:
        print(
            f"{item['id']:>6}  {item['state']:<10} {(item['send_at'] or '-')[:19]:<20} "
            f"{(item['sent_at'] or '-')[:19]:<20} {item['attempts']:>5}  {item['message_id']}"
        )
        if item["last_error"]:
            print(f"{'':>6}  {item['last_error'][:200]}")
    return 0


def act(action: str, ident: str) -> int:
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from clinch.mail import services
    from clinch.mail.models import Message

    lookup = id_lookup(ident)
    try:
        message = Message.objects.get(direction=Message.Direction.OUTBOUND, **lookup)
    except (Message.DoesNotExist, ValidationError, ValueError):
        print(f"clinch outbox: no outgoing message {ident}", file=sys.stderr)
        return 1
    handler = services.retry_message if action == "retry" else services.cancel_message
    try:
        handler(message, now=timezone.now())
    except ValidationError as error:
        print(f"clinch outbox: {' '.join(error.messages)}", file=sys.stderr)
        return 1
    print(f"Message {message.pk} is {message.state} now.")
    return 0
