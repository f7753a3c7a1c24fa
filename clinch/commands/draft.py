"""``clinch draft``: a draft of each planned message, one distinct note per interviewer."""

from __future__ import annotations

import argparse
import json
import sys

KINDS = ("thank_you", "status_check", "rejection_reply", "linkedin_connect", "handwritten_card", "keep_in_touch")
HELP = "draft the planned messages for an interview file"
EPILOG = """\
examples:
  clinch draft interview.yaml                       every planned message
  clinch draft interview.yaml --kind thank_you      one thank-you note per interviewer
  clinch draft interview.yaml --kind status_check --json

Each note is built from that person's topics and article, names the role and
the company exactly as written, and stays within the policy's length. Every
draft is checked as `clinch check` would; findings are listed under it.
A --kind the plan has not reached yet (a rejection reply before any outcome)
is drafted for every interviewer with an email, and said so.
Exit status 2 when the file has problems, one line per problem.
"""


def register(subparsers) -> None:
    parser = subparsers.add_parser("draft", help=HELP, description=HELP + ".", epilog=EPILOG,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("interview", metavar="INTERVIEW.yaml", help="the interview file")
    parser.add_argument("--kind", choices=KINDS + ("linkedin_note",), help="only messages of this kind")
    parser.add_argument("--json", action="store_true", help='print {"drafts": [...]}')
    parser.add_argument("--policy", metavar="FILE", help="a TOML file overriding policy values")
    parser.set_defaults(run=run)


def run(args) -> int:
    from clinch.commands._inputs import load_interview_and_policy

    interview, policy, problems = load_interview_and_policy(args.interview, args.policy)
    if problems:
        for line in problems:
            print(f"clinch draft: {line}", file=sys.stderr)
        return 2

    from clinch.core.drafts import check_draft, draft
    from clinch.core.planner import plan

    kind = "linkedin_connect" if args.kind == "linkedin_note" else args.kind
    actions = [a for a in plan(interview, policy).actions if kind is None or a.kind == kind]
    if kind and not actions:
        actions = _unplanned(interview, kind)
        print(f"clinch draft: no {kind} is planned yet for {args.interview}; drafted one for each interviewer", file=sys.stderr)
    results = []
    for action in actions:
        d = draft(interview, action, policy)
        results.append((action, d, check_draft(interview, action, d, policy)))
    if args.json:
        print(json.dumps({"drafts": [_as_dict(a, d, f) for a, d, f in results]}, ensure_ascii=False, indent=2))
    else:
        print(render(results) if results else "Nothing to draft.")
    return 0


def _unplanned(interview, kind: str):
    from clinch.core.model import Action

    channel = {"linkedin_connect": "linkedin", "handwritten_card": "mail"}.get(kind, "email")
    return [
        Action(kind=kind, to=p.email, channel=channel, send_at=interview.ends_at, deadline=None,
               why="drafted on request; not in the plan yet", recipient=p, key=f"{kind}:{p.email}")
        for p in interview.interviewers
        if p.email
    ]


def _as_dict(action, d, findings) -> dict:
    person = action.recipient
    return {
        "kind": action.kind,
        "key": action.key,
        "to": action.to,
        "name": person.name if person else None,
        "channel": action.channel,
        "send_at": action.send_at.isoformat() if action.send_at else None,
        "subject": d.subject,
        "body": d.body,
        "words": len(d.body.split()),
        "findings": [f.to_dict() for f in findings],
    }


def render(results) -> str:
    blocks = []
    for action, d, findings in results:
        person = action.recipient
        who = f"{person.name} <{action.to}>" if person and person.name != action.to else action.to
        head = [f"== {action.kind} to {who} ({action.channel}, {len(d.body.split())} words)"]
        if d.subject:
            head.append(f"Subject: {d.subject}")
        block = "\n".join(head) + "\n\n" + d.body
        for f in findings:
            block += f"\n  [{f.severity} {f.code}] {f.message}"
        blocks.append(block)
    return "\n\n".join(blocks)
