"""Settings from the environment: SQLite tuned for concurrent writers, mail with a timeout."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from clinch.env import mailer_from_url
from clinch.settings import database_from_url


def test_sqlite_uses_immediate_transactions_wal_and_a_busy_timeout(tmp_path):
    config = database_from_url(f"sqlite:///{tmp_path}/x.sqlite3")
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert "busy_timeout" in config["OPTIONS"]["init_command"]


def test_sqlite_keeps_its_connection_between_requests_as_postgresql_does(tmp_path, monkeypatch):
    # Opening one and running its pragmas cost about 0.9 ms of CPU on every request.
    monkeypatch.delenv("DB_CONN_MAX_AGE", raising=False)
    assert database_from_url(f"sqlite:///{tmp_path}/x.sqlite3")["CONN_MAX_AGE"] == 60
    assert database_from_url("postgres://clinch@db/clinch")["CONN_MAX_AGE"] == 60


def test_postgres_urls_are_understood():
    config = database_from_url("postgres://clinch:pw@db.internal:5433/clinch")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.internal", 5433, "clinch")


def test_an_unknown_scheme_is_a_configuration_error():
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        database_from_url("mongodb://x/y")


def test_smtp_mail_url_always_has_a_timeout():
    mailer = mailer_from_url("smtp://me%40example.org:s3cret@smtp.example.org:587?tls=starttls", timeout=15)
    assert mailer["OPTIONS"] == {
        "host": "smtp.example.org", "port": 587, "username": "me@example.org", "password": "s3cret",
        "use_tls": True, "use_ssl": False, "timeout": 15,
    }


def test_an_unknown_mail_scheme_is_a_configuration_error():
    with pytest.raises(ImproperlyConfigured, match="MAIL_URL"):
        mailer_from_url("pigeon://coop", timeout=5)


def test_sqlite_connection_really_runs_in_wal_mode(tmp_path, django_db_blocker):
    """A real connection to a database file, made from the settings ``DATABASE_URL`` gives
    (not the test database's connection, which the test runner makes for itself)."""
    from django.db.utils import ConnectionHandler

    connection = ConnectionHandler({"default": database_from_url(f"sqlite:///{tmp_path}/clinch.sqlite3")})["default"]
    try:
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] > 0
    finally:
        connection.close()
    # WAL stays with the file: its header says so (read and write format versions 2).
    assert (tmp_path / "clinch.sqlite3").read_bytes()[18:20] == b"\x02\x02"


def test_deploy_checks_are_clean_with_production_settings(tmp_path):
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "CLINCH_DATA_DIR": str(tmp_path),
        "SECRET_KEY": "x" * 64 + "production-secret-value-ABCDEFGHIJ",
        "SECURE": "true",
        "ALLOWED_HOSTS": "clinch.example.org",
        "DEBUG": "false",
        "MAIL_URL": "smtp://clinch:pw@smtp.example.org:587",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only, never in production
    result = subprocess.run(
        [sys.executable, "-m", "clinch.cli", "manage", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True, text=True, env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_env_example_lists_every_variable_the_settings_read():
    """The README promises that .env.example lists every variable: a new setting read from the
    environment without its line there fails here."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    read = set(re.findall(r'env_(?:str|int|bool|list)\(\s*"([A-Z][A-Z0-9_]*)"', (root / "clinch/settings.py").read_text()))
    listed = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]*)=", (root / ".env.example").read_text(), re.M))
    assert len(read) > 40
    assert sorted(read - listed) == []
