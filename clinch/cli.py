"""The ``clinch`` command: a thin layer over the engine and the Django project.

Each sub-command lives in ``clinch/commands/<name>.py`` and exposes
``register(subparsers)``; its help text is its documentation. Nothing heavy is
imported here, so ``clinch --help`` answers at once and the engine commands
(``when``, ``plan``, ``draft``, ``check``) never load Django.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from clinch import __version__

# Order here is the order in --help.
COMMANDS = ("serve", "worker", "manage", "backup", "when", "plan", "draft", "check", "cards", "invite", "contacts", "followups", "outbox", "export")
# Commands registered by another command's module (a pair that belongs together).
MODULE_OF = {"restore": "backup", "import": "export"}

EPILOG = """\
examples:
  clinch serve                                  web app and worker on http://127.0.0.1:8000
  clinch worker                                 a sending worker alone (many machines)
  clinch manage createsuperuser                 any Django management command
  clinch backup                                 a consistent copy of the SQLite database, app running
  clinch restore var/backups/clinch-....sqlite3 --yes    and back
  clinch when "we'll decide by Friday" --after 2026-05-20T14:30:00-06:00
  clinch plan interview.yaml --json             the follow-up plan
  clinch draft interview.yaml --kind thank_you  one note per interviewer
  clinch check note.txt --interview interview.yaml --to rquinones@larkspur.example
  clinch invite read interview.ics --json       date, people and link from an invitation
  clinch contacts export --all --user dana@example.org > contacts.vcf
  clinch outbox --state failed                  messages the worker could not send
  clinch followups send-now 42                  send one now, if the timing rules allow it
  clinch cards read card.jpg --json             the people on business-card photos
  clinch export --user dana > dana.json         everything a user owns; `clinch import dana.json --user ana`
"""

def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; ``only``: just that command's part (the others' modules, some of
    them heavy, are then not imported: ``clinch when`` starts sooner). Parsing a command line
    that starts with ``only`` gives the same result either way."""
    parser = argparse.ArgumentParser(
        prog="clinch",
        description="Follow up after the interview: on time, by name, and never twice.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"clinch {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    module = MODULE_OF.get(only, only)
    for name in (module,) if module in COMMANDS else COMMANDS:
        importlib.import_module(f"clinch.commands.{name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["manage"]:
        # Everything after "manage" belongs to Django, flags included.
        from clinch.commands.manage import run_manage

        return run_manage(argv[1:])
    parser = build_parser(only=argv[0] if argv else None)
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 0
    try:
        status = int(args.run(args) or 0)
        sys.stdout.flush()  # inside the try: a closed pipe is reported here, not at interpreter exit
        return status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away ("clinch draft ... | head"): stop quietly, as other Unix tools do.
        # Point stdout at /dev/null so the interpreter's final flush cannot raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
