"""The clinch command: help without Django, version, manage, clear errors at start."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from clinch import __version__


def clinch(*args, env=None, timeout=60):
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "clinch.cli", *args], capture_output=True, text=True, env=full_env, timeout=timeout
    )


def test_help_lists_every_command_with_an_example():
    result = clinch("--help")
    assert result.returncode == 0
    for command in ("serve", "worker", "manage"):
        assert f"clinch {command}" in result.stdout
    from clinch.cli import COMMANDS, MODULE_OF

    for command in (*COMMANDS, *MODULE_OF):  # the README: "lists every command with an example"
        assert f"  clinch {command} " in result.stdout or f"`clinch {command} " in result.stdout, command


def test_help_does_not_import_django():
    code = "import sys; from clinch.cli import build_parser; build_parser(); print('django' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_a_command_loads_only_its_own_module_and_parses_as_with_every_command_loaded():
    code = (
        "import sys; from clinch.cli import build_parser, COMMANDS\n"
        "argv = ['when', 'by Friday', '--after', '2026-05-21T14:30:00-06:00', '--json']\n"
        "alone = vars(build_parser(only='when').parse_args(argv))\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('clinch.commands.'))\n"
        "heavy = [m for m in ('sqlite3', 'socket', 'subprocess', 'django') if m in sys.modules]\n"
        "everything = vars(build_parser().parse_args(argv))\n"
        "print(loaded, heavy, alone == everything)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "['clinch.commands.when'] [] True", result.stderr


def test_an_unknown_command_still_lists_every_command():
    result = clinch("whenn", "by Friday")
    assert result.returncode == 2
    assert "invalid choice: 'whenn'" in result.stderr and "'serve'" in result.stderr and "'when'" in result.stderr


def test_version():
    assert clinch("--version").stdout.strip() == f"clinch {__version__}"


def test_manage_runs_django_commands(tmp_path):
    result = clinch("manage", "check", env={"CLINCH_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_an_unknown_database_scheme_is_one_clear_line(tmp_path):
    result = clinch("manage", "check", env={"DATABASE_URL": "oracle2://x/y", "CLINCH_DATA_DIR": str(tmp_path)})
    assert result.returncode == 2
    assert "DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unreachable_database_is_one_clear_line(tmp_path):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    result = clinch(
        "serve", "--port", "0",
        env={"DATABASE_URL": f"postgres://nobody@127.0.0.1:{port}/none", "CLINCH_DATA_DIR": str(tmp_path)},
    )
    assert result.returncode == 2
    assert "Cannot reach the database" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_taken_port_is_one_clear_line(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = clinch("serve", "--port", str(port), env={"CLINCH_DATA_DIR": str(tmp_path)})
    assert result.returncode == 2
    assert f"port {port}" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_serve_migrates_and_answers_on_sqlite(tmp_path):
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "CLINCH_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "clinch.cli", "serve", "--port", str(port), "--no-worker"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                body = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read().decode()
                break
            except OSError:
                assert server.poll() is None, server.stdout.read()
                assert time.monotonic() < deadline, "server did not answer within 60 s"
                time.sleep(0.3)
        assert "Create your account" in body
        assert (tmp_path / "clinch.sqlite3").exists()
        assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_sets_site_url_from_its_own_port_unless_given():
    from clinch.commands.serve import site_url_for

    assert site_url_for("127.0.0.1", 8510, environ={}) == "http://127.0.0.1:8510"
    assert site_url_for("0.0.0.0", 9000, environ={}) == "http://127.0.0.1:9000"
    assert site_url_for("::", 9000, environ={}) == "http://[::1]:9000"
    assert site_url_for("0.0.0.0", 9000, environ={"SITE_URL": "https://clinch.example.org"}) == "https://clinch.example.org"


def test_serve_hands_the_site_url_to_django_and_the_worker(monkeypatch):
    import argparse

    import waitress
    from django.db import connection

    from clinch.commands import serve

    monkeypatch.setattr(connection, "ensure_connection", lambda: None)  # no database needed here
    monkeypatch.setattr(connection, "close", lambda: None)
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.setattr(serve, "port_is_free", lambda host, port: True)
    seen = {}
    monkeypatch.setattr(waitress, "serve", lambda app, **kw: seen.update(site=os.environ["SITE_URL"], **kw))
    args = argparse.Namespace(host="127.0.0.1", port=8577, threads=1, processes=1, no_worker=True, no_migrate=True)
    assert serve.run(args) == 0
    assert seen["site"] == "http://127.0.0.1:8577" and seen["port"] == 8577


@pytest.mark.parametrize("command", ["outbox", "followups"])
@pytest.mark.parametrize("limit", ["-1", "ten", "²"])
def test_a_limit_that_is_no_number_of_rows_is_a_usage_error(command, limit, capsys):
    from clinch.cli import build_parser

    with pytest.raises(SystemExit) as exited:
        build_parser(only=command).parse_args([command, "--limit", limit])
    assert exited.value.code == 2 and "is not a number of rows" in capsys.readouterr().err
    assert build_parser(only=command).parse_args([command, "--limit", "0"]).limit == 0


def test_a_command_for_one_user_finds_them_or_says_in_its_own_name_why_not(dana, mallory, capsys):
    from clinch.commands._inputs import user_named

    assert user_named("DANA@example.org", "import") == dana and user_named("mallory", "export") == mallory
    assert user_named("nobody", "import") is None
    assert "clinch import: no user 'nobody'" in capsys.readouterr().err
    assert user_named(None, "export") is None
    assert "clinch export: say which user with --user" in capsys.readouterr().err
    mallory.delete()
    assert user_named(None, "contacts") == dana  # the only user needs no --user


@pytest.mark.parametrize("argv, module", [
    (["restore", "backup.sqlite3", "--yes"], "clinch.commands.backup"),
    (["import", "dana.json", "--user", "dana"], "clinch.commands.export"),
])
def test_a_command_in_another_commands_module_loads_only_that_module(argv, module):
    code = (
        "import sys; from clinch.cli import build_parser\n"
        f"argv = {argv!r}\n"
        "alone = vars(build_parser(only=argv[0]).parse_args(argv))\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('clinch.commands.') and m != 'clinch.commands._inputs')\n"
        "everything = vars(build_parser().parse_args(argv))\n"
        "print(loaded, alone == everything)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == f"['{module}'] True", result.stderr


@pytest.mark.parametrize("argv", [["outbox"], ["followups"], ["export"],
                                  ["import", "none.json"], ["contacts", "export", "--all"]])
def test_every_database_command_says_an_unreachable_database_in_one_line(argv, tmp_path):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    result = clinch(*argv, env={"DATABASE_URL": f"postgres://nobody@127.0.0.1:{port}/none",
                                "CLINCH_DATA_DIR": str(tmp_path)})
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "Cannot reach the database" in result.stderr


def test_export_into_a_file_that_exists_or_cannot_be_made_is_one_line_and_overwrites_nothing(dana, tmp_path, capsys):
    from clinch.cli import main

    kept = tmp_path / "kept.json"
    kept.write_text("mine")
    assert main(["export", str(kept), "--user", "dana"]) == 2
    assert kept.read_text() == "mine"
    assert f"clinch export: cannot write {kept}: File exists" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "no" / "such.json"), "--user", "dana"]) == 2
    assert "No such file or directory" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "new.json"), "--user", "dana"]) == 0
    assert (tmp_path / "new.json").read_text().startswith("{")


def test_the_choices_commands_keep_to_start_fast_match_the_models_and_the_engine():
    """`clinch when`, `check`, `outbox` and `followups` name their choices without importing the engine or the
    models (they start sooner); this keeps those copies in step with the real lists."""
    from clinch.commands import check, followups, outbox, when
    from clinch.core.checks import KINDS
    from clinch.core.timeline import LANGUAGE_NAMES
    from clinch.followups.models import FollowUp
    from clinch.mail.models import Message
    from clinch.validators import LANGUAGE_CHOICES

    assert sorted(when.LANGUAGES) == sorted(LANGUAGE_NAMES) == sorted(code for code, _ in LANGUAGE_CHOICES)
    assert sorted(outbox.STATES) == sorted(set(Message.State.values) - {Message.State.RECEIVED})
    assert sorted(followups.STATUSES) == sorted(FollowUp.Status.values)
    assert check.KINDS == KINDS
