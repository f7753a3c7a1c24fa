"""The data folder (``var/``) and the SQLite files in it are readable by their owner only.

They hold everything: interviews, notes, contacts, encrypted mail passwords and
the keys that decrypt them. The folder is made 700 and the database with its
``-wal`` and ``-shm`` companions 600 whenever Clinch opens the database, so an
older install with 755/644 is put right on its next start, whatever server runs it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def make_private(path: Path, mode: int) -> None:
    """chmod ``path`` to ``mode`` when it exists, is ours and is more open; anything else is left alone."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return
    if info.st_uid == os.geteuid() and stat.S_IMODE(info.st_mode) != mode:
        os.chmod(path, mode)


def private_dir(path: Path) -> Path:
    """Create ``path`` (mode 700) if needed and make it 700."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    make_private(path, PRIVATE_DIR)
    return path


def sqlite_files(database: Path) -> list[Path]:
    return [database, database.with_name(database.name + "-wal"), database.with_name(database.name + "-shm")]


def secure_sqlite(sender, connection, **kwargs) -> None:
    """``connection_created`` handler: the SQLite database and its companions 600, its folder 700 if it is var/."""
    if connection.vendor != "sqlite":
        return
    name = str(connection.settings_dict.get("NAME") or "")
    if not name or name == ":memory:" or name.startswith("file:"):
        return
    from django.conf import settings

    database = Path(name).resolve()
    if database.parent == Path(settings.DATA_DIR).resolve():
        make_private(database.parent, PRIVATE_DIR)
    for path in sqlite_files(database):
        make_private(path, PRIVATE_FILE)
