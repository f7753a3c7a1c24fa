"""Running a benchmark's measuring half in a process of its own, on a database of its own.

A bench whose ``main()`` needs Django settings of its own (a temporary data folder, its own
database) runs ``python -m bench.bench_<name> child`` through ``run_child`` and reads the dict
the child prints as its last line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


def run_child(name: str, url: str) -> dict:
    """``bench.bench_<name> child`` in a process of its own, on ``url`` (a PostgreSQL database made
    and dropped around it) or on a fresh SQLite file; the dict its last line prints."""
    with tempfile.TemporaryDirectory(prefix=f"clinch-bench-{name}-") as folder:
        env = {**os.environ, "CLINCH_DATA_DIR": folder, "DEBUG": "false", "LOG_LEVEL": "ERROR",
               "SECRET_KEY": "bench-only-secret-key-" + "x" * 40, "DJANGO_SETTINGS_MODULE": "clinch.settings",
               "DATABASE_URL": url or f"sqlite:///{folder}/bench.sqlite3"}
        env.pop("MAIL_URL", None)
        if url.startswith("postgres"):
            _postgres(url, "create")
        try:
            done = subprocess.run([sys.executable, "-m", f"bench.bench_{name}", "child"], cwd=ROOT, env=env,
                                  capture_output=True, text=True, timeout=1800)
        finally:
            if url.startswith("postgres"):
                _postgres(url, "drop")
    if done.returncode != 0:
        raise RuntimeError(f"bench_{name} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _postgres(url: str, what: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if what == "create":
            connection.execute(f'CREATE DATABASE "{name}"')
