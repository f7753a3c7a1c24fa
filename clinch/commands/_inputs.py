"""What the commands share: the engine commands' interview and policy files, the row commands'
arguments and ids, and the user a command acts for."""

from __future__ import annotations

import sys


def load_interview_and_policy(interview_path, policy_path) -> tuple[object, object, list[str]]:
    """``(interview, policy, problems)``; each problem is one line naming its file or flag.

    The interview or policy is None when it could not be read; every problem is
    collected, so the user fixes them all in one go.
    """
    from clinch.core.interview_file import InterviewFileError, load_interview
    from clinch.core.policy import load_policy

    problems: list[str] = []
    interview = policy = None
    try:
        interview = load_interview(interview_path)
    except InterviewFileError as exc:
        problems.extend(f"{interview_path}: {p}" for p in exc.problems)
    try:
        policy = load_policy(path=policy_path)
    except ValueError as exc:
        problems.append(f"--policy: {exc}")
    return interview, policy, problems


def id_lookup(ident: str) -> dict:
    """The filter for a row named on the command line by its number or its public UUID."""
    return {"pk": int(ident)} if ident.isdigit() else {"public_id": ident}


def user_named(ident: str | None, command: str):
    """The user a command acts for: ``ident`` is their email or username, and may be None when the
    database has a single user (Clinch on a laptop). None, with the reason printed, when there is no
    such user or several and no ``ident``."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.order_by("pk")
    if ident:
        found = users.filter(email__iexact=ident).first() or users.filter(username=ident).first()
        if found is None:
            print(f"clinch {command}: no user {ident!r}", file=sys.stderr)
        return found
    first_two = list(users[:2])
    if len(first_two) == 1:
        return first_two[0]
    print(f"clinch {command}: say which user with --user EMAIL (there are several users)", file=sys.stderr)
    return None


def print_json_lines(rows: list[dict]) -> None:
    """One JSON object per line, for scripts."""
    import json

    for item in rows:
        print(json.dumps(item))


def row_count(text: str) -> int:
    """``--limit``: a whole number of rows, 0 or more (argparse's usage error otherwise)."""
    import argparse

    if not (text.isascii() and text.isdigit()):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of rows (0 or more)")
    return int(text)


def add_list_or_act_arguments(parser, *, actions: tuple[str, ...], thing: str) -> None:
    """The shape the row commands share: ``list`` (the default) or an action on one row named by
    its id, with ``--limit`` and ``--json`` for the list. ``misused_id`` checks the pair."""
    parser.add_argument("action", nargs="?", choices=("list", *actions), default="list",
                        help=f"list (default), {' ID or '.join(actions)} ID")
    parser.add_argument("id", nargs="?", help=f"the {thing} id (number or public UUID)")
    parser.add_argument("--limit", type=row_count, default=200, help="at most this many rows (default 200)")
    parser.add_argument("--json", action="store_true", help="JSON lines instead of a table")
    parser.set_defaults(row_actions=actions, row_thing=thing)


def misused_id(args) -> str | None:
    """Why ``args`` cannot run (an id given to ``list``, or an action without one), else None."""
    command = args.command
    if args.action == "list" and args.id:
        return f"clinch {command}: list takes no id (did you mean {' or '.join(args.row_actions)}?)"
    if args.action != "list" and not args.id:
        return f"clinch {command}: {args.action} needs a {args.row_thing} id (see `clinch {command}`)"
    return None
