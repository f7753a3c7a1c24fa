"""``clinch check``: check a message before sending it."""

from __future__ import annotations

import argparse
import json
import sys

from clinch.core.limits import CHECK_CHARS

# The checks read a note, not a book: a longer text is a wrong file (the web app
# refuses a draft that long too).
MAX_MESSAGE_CHARS = CHECK_CHARS
KINDS = ("thank_you", "status_check", "rejection_reply", "linkedin_note", "keep_in_touch", "offer_reply")
HELP = "check a message for misspelt names, wrong recipient, placeholders, tone and length"
EPILOG = """\
examples:
  clinch check note.txt --interview interview.yaml --to rquinones@larkspur.example
  clinch check reply.txt --interview interview.yaml --to twright@larkspur.example --kind rejection_reply
  clinch check - --interview interview.yaml --to meghan.os@larkspur.example --json < note.txt

Each finding has a stable code (name-misspelled, company-misspelled,
wrong-recipient, placeholder, not-personalized, desperate, pushy,
passive-aggressive, negative, salary, too-long, shouting, ...), a severity
(error, warning, info), a message saying what to write instead, and the
character span it covers. --json prints {"findings": [...]}.

Exit status: 0 no errors (warnings allowed), 1 at least one error,
2 the message, the interview file or --to could not be used.
"""


def register(subparsers) -> None:
    parser = subparsers.add_parser("check", help=HELP, description=HELP + ".", epilog=EPILOG,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("message", metavar="MESSAGE.txt", help="the message text (UTF-8), or - for standard input")
    parser.add_argument("--interview", metavar="INTERVIEW.yaml", required=True, help="the interview file")
    parser.add_argument("--to", metavar="EMAIL", required=True, help="the recipient's email (or name, if they have none)")
    parser.add_argument("--kind", choices=KINDS, default="thank_you", help="the kind of message (default: thank_you)")
    parser.add_argument("--json", action="store_true", help='print {"findings": [...]}')
    parser.add_argument("--policy", metavar="FILE", help="a TOML file overriding policy values")
    parser.set_defaults(run=run)


def read_message(path: str) -> tuple[str | None, str | None]:
    """The message text, or a one-line problem: unreadable, UTF-16, binary, not UTF-8,
    empty, or longer than ``MAX_MESSAGE_CHARS``."""
    from clinch.core.interview_file import is_utf16

    try:
        raw = sys.stdin.buffer.read() if path == "-" else open(path, "rb").read()
    except OSError as exc:
        return None, f"{path}: cannot read the message: {exc.strerror or exc}"
    if is_utf16(raw):
        return None, f"{path}: saved as UTF-16; save it as UTF-8 and try again"
    if b"\x00" in raw:
        return None, f"{path}: not a text file (it contains binary data); save the message as plain UTF-8 text"
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, f"{path}: not UTF-8 text (bad byte at offset {exc.start}); save the message as UTF-8"
    if not text.strip():
        return None, f"{path}: the message is empty"
    if len(text) > MAX_MESSAGE_CHARS:
        return None, (f"{path}: {len(text):,} characters is too long for a note "
                      f"(the checker reads up to {MAX_MESSAGE_CHARS:,})")
    return text, None


def run(args) -> int:
    from clinch.commands._inputs import load_interview_and_policy

    text, problem = read_message(args.message)
    interview, policy, problems = load_interview_and_policy(args.interview, args.policy)
    if problem:
        problems.insert(0, problem)
    if interview is not None:
        from clinch.core.checks._context import find_recipient

        if find_recipient(interview, args.to) is None:
            known = ", ".join(p.email or p.name for p in interview.interviewers) or "nobody"
            problems.append(f"--to {args.to}: not on the panel of {args.interview}; expected one of: {known}")
    if problems:
        for line in problems:
            print(f"clinch check: {line}", file=sys.stderr)
        return 2

    from clinch.core.checks import check, has_errors

    findings = check(text, interview=interview, to=args.to, kind=args.kind, policy=policy)
    if args.json:
        print(json.dumps({"findings": [f.to_dict() for f in findings]}, ensure_ascii=False, indent=2))
    else:
        print(render(args.message, text, findings))
    return 1 if has_errors(findings) else 0


def render(path: str, text: str, findings) -> str:
    """One line per finding, ``path:line:col: severity code: message``, then the words it covers."""
    if not findings:
        return "No problems found."
    lines = []
    for f in findings:
        line = text.count("\n", 0, f.start) + 1
        col = f.start - (text.rfind("\n", 0, f.start) + 1) + 1
        excerpt = " ".join(text[f.start:f.end].split())
        if len(excerpt) > 60:
            excerpt = excerpt[:57] + "..."
        lines.append(f"{path}:{line}:{col}: {f.severity} {f.code}: {f.message}")
        lines.append(f"    | {excerpt}")
    counts = {s: sum(f.severity == s for f in findings) for s in ("error", "warning", "info")}
    lines.append(", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items()))
    return "\n".join(lines)
