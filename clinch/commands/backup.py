"""``clinch backup`` and ``clinch restore``: a consistent copy of the SQLite database, and back.

The copy is made with SQLite's online backup API, so the web app and the worker
can go on writing meanwhile: the copy is the database as it was at one moment.
On PostgreSQL use pg_dump and pg_restore (docs/security.md).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from datetime import datetime, timezone
from pathlib import Path

BACKUP_EPILOG = """\
examples:
  clinch backup                               var/backups/clinch-20260520-150000.sqlite3
  clinch backup /mnt/usb/clinch.sqlite3       to a file of your choice (it must not exist yet)

Keep var/secret_key and var/field_encryption_key (or your SECRET_KEY and
FIELD_ENCRYPTION_KEY) with the copy: without the second, saved mail passwords
cannot be read and must be typed again. On PostgreSQL, use pg_dump -Fc instead.
"""

RESTORE_EPILOG = """\
examples:
  clinch restore var/backups/clinch-20260520-150000.sqlite3 --yes

Stop `clinch serve` and every `clinch worker` first: a message sent after the copy
was made is scheduled again in it. The database as it was is saved under
var/backups/ before anything is replaced, and migrations run afterwards.
"""


def register(subparsers) -> None:
    backup = subparsers.add_parser(
        "backup", help="copy the SQLite database safely while Clinch runs",
        description="Copy the SQLite database with SQLite's online backup API (consistent while the app writes); "
        "the copy is readable by you only.",
        epilog=BACKUP_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    backup.add_argument("destination", nargs="?", help="file to write (default var/backups/clinch-<time>.sqlite3)")
    backup.set_defaults(run=run_backup)
    restore = subparsers.add_parser(
        "restore", help="replace the SQLite database with a backup",
        description="Check a backup, keep a copy of the current database, then bring the backup back.",
        epilog=RESTORE_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    restore.add_argument("backup", help="a file made by `clinch backup`")
    restore.add_argument("--yes", action="store_true", help="really replace the current database")
    restore.add_argument("--force", action="store_true", help="even though a worker looks alive")
    restore.set_defaults(run=run_restore)


class BackupError(Exception):
    """Something the operator must fix; the message says what."""


def _setup() -> dict:
    """Django's settings and the default database's, with clear errors."""
    os.umask(0o077)  # every file written here is the owner's alone
    from clinch.startup import django_ready

    with django_ready():
        from django.conf import settings

        database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        raise BackupError(
            "this database is PostgreSQL: back it up with `pg_dump -Fc` and bring it back with "
            "`pg_restore --clean` (docs/security.md)"
        )
    return database


def default_destination(data_dir: Path, now: datetime) -> Path:
    from clinch.datadir import private_dir

    return private_dir(data_dir / "backups") / f"clinch-{now:%Y%m%d-%H%M%S}.sqlite3"


def copy_database(source: Path, destination: Path) -> None:
    """A consistent copy of ``source`` at ``destination`` (mode 600), written aside and moved into place.

    The backup API copies every page in one step under a read transaction, which in
    WAL mode does not stop writers. The copy is made a plain single-file database
    and checked before it takes the final name.
    """
    if destination.exists():
        raise BackupError(f"{destination} exists already: choose another name")
    partial = destination.with_name(destination.name + ".partial")
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    try:
        with _connect(f"file:{source}?mode=ro") as reader, _connect(str(partial)) as writer:
            reader.backup(writer)
            writer.execute("PRAGMA journal_mode=DELETE")
            check(writer, partial)
        os.replace(partial, destination)
    finally:
        partial.unlink(missing_ok=True)


class _connect:
    """sqlite3 connection as a context manager that closes (the module's own only commits)."""

    def __init__(self, target: str) -> None:
        self.connection = sqlite3.connect(target, uri=target.startswith("file:"), timeout=30)

    def __enter__(self) -> sqlite3.Connection:
        return self.connection

    def __exit__(self, *exc) -> None:
        self.connection.close()


def check(connection: sqlite3.Connection, path: Path) -> None:
    """BackupError unless ``connection`` is an intact Clinch database."""
    try:
        result = connection.execute("PRAGMA integrity_check").fetchone()[0]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is not a SQLite database ({error})") from None
    if result != "ok":
        raise BackupError(f"{path} is damaged: {result}")
    if "django_migrations" not in tables or "accounts_user" not in tables:
        raise BackupError(f"{path} is not a Clinch database")


def run_backup(args) -> int:
    try:
        database = _setup()
        from django.conf import settings

        source = Path(database["NAME"])
        now = datetime.now(timezone.utc)
        destination = Path(args.destination) if args.destination else default_destination(settings.DATA_DIR, now)
        copy_database(source, destination)
    except BackupError as error:
        print(f"clinch backup: {error}", file=sys.stderr)
        return 2
    print(f"Backed up {source} to {destination}")
    return 0


def worker_alive() -> str | None:
    """The last heartbeat, when a worker beat recently enough to be running."""
    from django.utils import timezone as django_timezone

    from clinch.mail.services import worker_status

    healthy, last_seen = worker_status(django_timezone.now())
    return f"{last_seen:%Y-%m-%d %H:%M:%S %Z}" if healthy else None


def run_restore(args) -> int:
    try:
        database = _setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection

        backup, live = Path(args.backup), Path(database["NAME"])
        if not backup.is_file():
            raise BackupError(f"{backup} is not a file")
        with _connect(f"file:{backup}?mode=ro") as reader:
            check(reader, backup)
        if not args.yes:
            raise BackupError(f"this replaces everything in {live} with {backup}: run again with --yes")
        seen = worker_alive() if live.exists() else None
        connection.close()
        if seen and not args.force:
            raise BackupError(
                f"a worker was seen at {seen}: stop `clinch serve` and every `clinch worker` first "
                "(or add --force), or messages sent since the backup could go out again"
            )
        kept = None
        if live.exists():
            kept = default_destination(settings.DATA_DIR, datetime.now(timezone.utc)).with_suffix(".before-restore.sqlite3")
            copy_database(live, kept)
        with _connect(f"file:{backup}?mode=ro") as reader, _connect(str(live)) as writer:
            reader.backup(writer)
        call_command("migrate", interactive=False, verbosity=0)
        connection.close()
    except BackupError as error:
        print(f"clinch restore: {error}", file=sys.stderr)
        return 2
    if kept:
        print(f"The database as it was is saved in {kept}")
    print(f"Restored {backup} into {live}")
    return 0
