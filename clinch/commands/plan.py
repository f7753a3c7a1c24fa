"""``clinch plan``: the follow-up plan for one interview file."""

from __future__ import annotations

import argparse
import json
import sys

HELP = "plan the follow-ups for an interview file"
EPILOG = """\
examples:
  clinch plan interview.yaml              a readable timeline
  clinch plan interview.yaml --json       {"decision_date": ..., "actions": [...]}
  clinch plan interview.yaml --policy my-policy.toml

Times are shown in each recipient's zone. Planning is deterministic: the same
file gives the same plan. Exit status 2 when the file has problems, one line
per problem with its field path.
"""


def register(subparsers) -> None:
    parser = subparsers.add_parser("plan", help=HELP, description=HELP + ".", epilog=EPILOG,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("interview", metavar="INTERVIEW.yaml", help="the interview file")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--policy", metavar="FILE", help="a TOML file overriding policy values")
    parser.set_defaults(run=run)


def run(args) -> int:
    from clinch.core.interview_file import InterviewFileError, load_interview
    from clinch.core.planner import as_json, plan
    from clinch.core.policy import load_policy

    try:
        policy = load_policy(path=args.policy)
    except ValueError as exc:
        print(f"clinch plan: {exc}", file=sys.stderr)
        return 2
    try:
        interview = load_interview(args.interview)
    except InterviewFileError as exc:
        for problem in exc.problems:
            print(f"{args.interview}: {problem}", file=sys.stderr)
        return 2
    result = plan(interview, policy)
    if args.json:
        print(json.dumps(as_json(result), ensure_ascii=False, indent=2))
    else:
        print(render(interview, result))
    return 0


LABELS = {
    "thank_you": "thank-you",
    "status_check": "status check",
    "linkedin_connect": "LinkedIn",
    "handwritten_card": "card",
    "rejection_reply": "reply",
    "keep_in_touch": "keep in touch",
}


def render(interview, result) -> str:
    """A readable timeline: one line per action in the recipient's local time, then why."""
    from clinch.core.calendar import zone, zone_abbreviation

    home = interview.ends_at.astimezone(zone(interview.candidate.timezone))
    lines = [
        f"{interview.company}: {interview.role}",
        f"Interview ended {_when(home)} {zone_abbreviation(home)}",
    ]
    if result.decision_date:
        source = f' (from "{result.decision_matched}")' if result.decision_source == "next_step" else ""
        lines.append(f"Decision expected {result.decision_date:%a %d %b %Y}{source}")
    else:
        lines.append("No decision date given")
    lines.append("")
    for action in result.actions:
        name = action.recipient.name if action.recipient else action.to
        to = name if action.to == name else f"{name} <{action.to}>"
        by = f"  (by {_when(action.deadline)} {zone_abbreviation(action.deadline)})" if action.deadline else ""
        lines.append(f"{_when(action.send_at)} {zone_abbreviation(action.send_at):<6} "
                     f"{LABELS[action.kind]:<13} {action.channel:<8} {to}{by}")
        lines.append(f"{'':>31}why: {action.why}")
    if not result.actions:
        lines.append("Nothing to send.")
    return "\n".join(lines)


def _when(moment) -> str:
    return f"{moment:%a %d %b %Y %H:%M}"
