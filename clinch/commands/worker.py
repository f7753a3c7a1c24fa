"""``clinch worker``: the only sender. Run one per machine, or many against PostgreSQL."""

from __future__ import annotations

import argparse
import os

EPILOG = """\
examples:
  clinch worker                     send due messages until stopped (SIGTERM finishes the one in flight)
  clinch worker --once              send what is due now, then exit (for cron; status 1 on an error)
  DATABASE_URL=postgres://clinch@db/clinch clinch worker --name mail-2
"""


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "worker",
        help="send due messages and poll for replies",
        description="Claim due messages, send each once, record the outcome, poll replies, repeat.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--once", action="store_true", help="drain what is due now, then exit")
    parser.add_argument("--name", default="", help="this worker's name in heartbeats (default host:pid)")
    parser.add_argument("--poll", type=float, default=None, help="seconds between looks (default WORKER_POLL_SECONDS)")
    parser.set_defaults(run=run)


def run(args) -> int:
    os.umask(0o077)  # the database, its WAL and the secrets it creates are the owner's alone
    from clinch.startup import django_ready

    with django_ready():
        from clinch.mail.worker import run_worker

        return run_worker(once=args.once, name=args.name or None, poll_seconds=args.poll)
