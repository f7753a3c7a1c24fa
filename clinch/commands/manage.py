"""``clinch manage``: Django's management commands, with Clinch's settings."""

from __future__ import annotations

import os


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "manage",
        help="run a Django management command (migrate, createsuperuser, check, ...)",
        description="Run a Django management command with Clinch's settings.",
        epilog="examples:\n  clinch manage migrate\n  clinch manage createsuperuser\n"
        "  clinch manage check --deploy",
        formatter_class=__import__("argparse").RawDescriptionHelpFormatter,
    )
    parser.add_argument("args", nargs="*", help="the command and its arguments")
    parser.set_defaults(run=lambda args: run_manage(args.args))


def run_manage(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinch.settings")
    from clinch.startup import exit_on_startup_error

    with exit_on_startup_error():
        from django.core.management import execute_from_command_line

        execute_from_command_line(["clinch manage", *argv])
    return 0
