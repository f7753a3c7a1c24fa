"""Data at rest: var/ is 700 and the database files 600; `clinch backup` copies SQLite while it is written; `clinch restore`."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def clinch(*args, data: Path, **env):
    full = {**os.environ, "CLINCH_DATA_DIR": str(data), "LOG_LEVEL": "WARNING", **env}
    full.pop("DATABASE_URL", None)
    return subprocess.run([sys.executable, "-m", "clinch.cli", *args], env=full, capture_output=True, text=True,
                          timeout=120)


@pytest.fixture
def data(tmp_path):
    """A var/ left 755 with a 644 database by an older install, migrated."""
    var = tmp_path / "var"
    var.mkdir(mode=0o755)
    os.chmod(var, 0o755)
    database = var / "clinch.sqlite3"
    sqlite3.connect(database).close()
    os.chmod(database, 0o644)
    done = clinch("manage", "migrate", "-v", "0", data=var)
    assert done.returncode == 0, done.stderr
    return var


def users(database: Path) -> list[str]:
    with sqlite3.connect(database) as connection:
        return [row[0] for row in connection.execute("SELECT username FROM accounts_user ORDER BY id")]


def add_user(database: Path, name: str) -> None:
    with sqlite3.connect(database, timeout=30) as connection:
        connection.execute(
            "INSERT INTO accounts_user (password, is_superuser, username, first_name, last_name, email, is_staff,"
            " is_active, date_joined, role, display_name, timezone, country, language, signature)"
            " VALUES ('!', 0, ?, '', '', '', 0, 1, '2026-05-20 12:00:00', 'candidate', '', 'UTC', 'US', 'en', '')",
            (name,),
        )


def test_the_data_folder_and_database_files_are_private(data):
    assert mode(data) == 0o700
    for name in ("clinch.sqlite3", "clinch.sqlite3-wal", "clinch.sqlite3-shm", "secret_key", "field_encryption_key"):
        if (data / name).exists():
            assert mode(data / name) == 0o600, name
    assert (data / "clinch.sqlite3").exists() and (data / "secret_key").exists()


def test_a_backup_taken_during_writes_is_one_consistent_moment(data):
    database = data / "clinch.sqlite3"
    stop = threading.Event()
    written = []

    def keep_writing():
        while not stop.is_set():
            add_user(database, f"user{len(written)}")
            written.append(1)

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        deadline = time.monotonic() + 60
        while len(written) < 20:  # a writer that died (a changed table) fails the test, never hangs it
            assert writer.is_alive() and time.monotonic() < deadline, "the writer stopped before 20 rows"
            time.sleep(0.01)
        done = clinch("backup", str(data / "copy.sqlite3"), data=data)
    finally:
        stop.set()
        writer.join()
    assert done.returncode == 0, done.stderr
    copy = data / "copy.sqlite3"
    assert mode(copy) == 0o600
    with sqlite3.connect(copy) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
    names = users(copy)
    # Whole transactions only, and in order: user0 .. userN with no gap, fewer than in the live database.
    assert names == [f"user{n}" for n in range(len(names))] and 20 <= len(names) <= len(users(database))


def test_the_default_backup_goes_to_a_private_backups_folder(data):
    done = clinch("backup", data=data)
    assert done.returncode == 0, done.stderr
    [copy] = (data / "backups").iterdir()
    assert mode(data / "backups") == 0o700 and mode(copy) == 0o600 and copy.name.startswith("clinch-")


def test_restore_brings_the_backup_back_and_keeps_what_it_replaced(data):
    database = data / "clinch.sqlite3"
    add_user(database, "ana")
    assert clinch("backup", str(data / "monday.sqlite3"), data=data).returncode == 0
    add_user(database, "ben")

    refused = clinch("restore", str(data / "monday.sqlite3"), data=data)
    assert refused.returncode == 2 and "--yes" in refused.stderr and users(database) == ["ana", "ben"]

    done = clinch("restore", str(data / "monday.sqlite3"), "--yes", data=data)
    assert done.returncode == 0, done.stderr
    assert users(database) == ["ana"]
    [kept] = (data / "backups").glob("*.before-restore.sqlite3")
    assert users(kept) == ["ana", "ben"] and mode(kept) == 0o600


def test_restore_refuses_a_file_that_is_not_a_clinch_database(data, tmp_path):
    junk = tmp_path / "notes.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    done = clinch("restore", str(junk), "--yes", data=data)
    assert done.returncode == 2 and "not a SQLite database" in done.stderr


def test_restore_waits_for_the_worker_to_stop(data):
    from datetime import datetime, timezone

    database = data / "clinch.sqlite3"
    assert clinch("backup", str(data / "copy.sqlite3"), data=data).returncode == 0
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
    with sqlite3.connect(database) as connection:
        connection.execute("INSERT INTO mail_workerheartbeat (name, hostname, pid, started_at, last_seen_at)"
                           " VALUES ('w1', 'host', 1, ?, ?)", (now, now))
    done = clinch("restore", str(data / "copy.sqlite3"), "--yes", data=data)
    assert done.returncode == 2 and "stop `clinch serve` and every `clinch worker`" in done.stderr


def test_on_postgresql_backup_points_to_pg_dump(tmp_path):
    full = {**os.environ, "CLINCH_DATA_DIR": str(tmp_path), "DATABASE_URL": "postgres://nobody@127.0.0.1:9/none"}
    done = subprocess.run([sys.executable, "-m", "clinch.cli", "backup"], env=full, capture_output=True, text=True)
    assert done.returncode == 2 and "pg_dump" in done.stderr
