"""What the engine commands read: an interview file and an optional policy file."""

from __future__ import annotations


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
