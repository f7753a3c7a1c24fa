"""``scripts/test.sh`` and ``.ci/run`` decide about PostgreSQL: run the pass, skip it, fail, or start a server.

Each script runs for real, in a copy of the repository's layout, with fake
commands first on PATH (pg_isready, pg_ctlcluster, apt-get, make, the test
runner) that record how they were called and answer as each case needs.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Real tools the scripts use besides the faked ones.
TOOLS = ("bash", "env", "dirname", "id", "seq", "awk", "sort", "tail", "ls", "cat", "grep", "touch", "rm", "cp", "chmod", "mv")

# Fakes: each logs "name args" to $STATE/calls and answers from files in $STATE.
FAKES = {
    "pg_isready": 'test -e "$STATE/up"',
    "pg_lsclusters": 'cat "$STATE/clusters" 2>/dev/null; true',
    "pg_ctlcluster": 'test -e "$STATE/can-start" && touch "$STATE/up"',
    "pg_createcluster": 'echo "15 main 5432 down postgres" >> "$STATE/clusters"',
    "pg_dropcluster": 'rm -f "$STATE/clusters"',
    # Installing postgresql brings the server commands and, as on Debian, a first cluster.
    "apt-get": 'if [ "$1" = install ]; then for c in pg_isready pg_lsclusters pg_ctlcluster pg_createcluster pg_dropcluster; do '
               'cp "$STATE/packaged/$c" "$STATE/bin/$c"; done; echo "15 main 5432 down postgres" > "$STATE/clusters"; fi',
    "make": "true",
    "sleep": "true",
    "sudo": '"$@"',
}
SERVER_COMMANDS = ("pg_isready", "pg_lsclusters", "pg_ctlcluster", "pg_createcluster", "pg_dropcluster")


def _write(path: Path, body: str) -> None:
    path.write_text(f'#!/bin/bash\necho "{path.name} $*" >> "$STATE/calls"\n{body}\n')
    path.chmod(0o755)


@pytest.fixture
def world(tmp_path):
    """A checkout with both scripts, a fake test runner, and a PATH of fakes plus a few real tools."""
    checkout = tmp_path / "checkout"
    (checkout / "scripts").mkdir(parents=True)
    (checkout / ".ci").mkdir()
    shutil.copy(ROOT / "scripts" / "test.sh", checkout / "scripts" / "test.sh")
    shutil.copy(ROOT / ".ci" / "run", checkout / ".ci" / "run")
    (checkout / ".venv" / "bin").mkdir(parents=True)
    _write(checkout / ".venv" / "bin" / "python",
           'echo "pytest DATABASE_URL=${DATABASE_URL:-none} SKIP_CORE=${CLINCH_SKIP_CORE_TESTS:-no}" >> "$STATE/calls"\n'
           'exit "${FAKE_PYTEST_STATUS:-0}"')
    state = tmp_path / "state"
    for folder in ("bin", "packaged", "tools"):
        (state / folder).mkdir(parents=True)
    for name, body in FAKES.items():
        _write(state / ("packaged" if name in SERVER_COMMANDS else "bin") / name, body)
    for tool in TOOLS:
        (state / "tools" / tool).symlink_to(shutil.which(tool))
    return checkout, state


def install_server_commands(state: Path) -> None:
    for name in SERVER_COMMANDS:
        shutil.copy(state / "packaged" / name, state / "bin" / name)


def run(world, script: str, *, ci: bool, **env) -> tuple[subprocess.CompletedProcess, list[str]]:
    checkout, state = world
    environment = {"PATH": f"{state / 'bin'}:{state / 'tools'}", "STATE": str(state), "HOME": str(state), **env}
    if ci:
        environment["CI"] = "true"
    done = subprocess.run(["bash", str(checkout / script)], env=environment, capture_output=True, text=True, timeout=60)
    calls = (state / "calls").read_text().splitlines() if (state / "calls").exists() else []
    return done, calls


# -- scripts/test.sh ----------------------------------------------------------------------------


def test_under_ci_no_postgresql_server_fails_the_run(world):
    install_server_commands(world[1])
    done, calls = run(world, "scripts/test.sh", ci=True)
    assert done.returncode != 0
    assert "CI must run the PostgreSQL pass" in done.stderr
    assert [c for c in calls if c.startswith("pytest")] == ["pytest DATABASE_URL=none SKIP_CORE=no"]


def test_under_ci_a_missing_pg_isready_fails_too(world):
    done, _ = run(world, "scripts/test.sh", ci=True)
    assert done.returncode != 0 and "CI must run the PostgreSQL pass" in done.stderr


def test_outside_ci_no_server_skips_the_postgresql_pass_and_says_so(world):
    install_server_commands(world[1])
    done, calls = run(world, "scripts/test.sh", ci=False)
    assert done.returncode == 0
    assert "no server answers on 127.0.0.1:5432, so the PostgreSQL run is skipped" in done.stdout
    assert [c for c in calls if c.startswith("pytest")] == ["pytest DATABASE_URL=none SKIP_CORE=no"]


@pytest.mark.parametrize("ci", [True, False])
def test_a_server_that_answers_gets_the_postgresql_pass_without_the_engine_tests(world, ci):
    checkout, state = world
    install_server_commands(state)
    (state / "up").touch()
    done, calls = run(world, "scripts/test.sh", ci=ci, CLINCH_TEST_PG_DB="clinch_ci")
    assert done.returncode == 0
    assert [c for c in calls if c.startswith("pytest")] == [
        "pytest DATABASE_URL=none SKIP_CORE=no",
        "pytest DATABASE_URL=postgres://postgres@127.0.0.1:5432/clinch_ci SKIP_CORE=1",
    ]


def test_a_failing_pass_fails_the_script(world):
    checkout, state = world
    install_server_commands(state)
    (state / "up").touch()
    done, calls = run(world, "scripts/test.sh", ci=True, FAKE_PYTEST_STATUS="1")
    assert done.returncode != 0
    assert len([c for c in calls if c.startswith("pytest")]) == 2  # the PostgreSQL pass still runs


# -- .ci/run ------------------------------------------------------------------------------------


def test_ci_uses_a_server_that_already_answers(world):
    checkout, state = world
    install_server_commands(state)
    (state / "up").touch()
    done, calls = run(world, ".ci/run", ci=True)
    assert done.returncode == 0, done.stderr
    assert calls == ["pg_isready -q -h 127.0.0.1 -p 5432 -t 3", "make test"]


def test_ci_starts_the_stopped_cluster_before_the_tests(world):
    checkout, state = world
    install_server_commands(state)
    (state / "clusters").write_text("15 main 5432 down postgres\n")
    (state / "can-start").touch()
    done, calls = run(world, ".ci/run", ci=True)
    assert done.returncode == 0, done.stderr
    assert "pg_ctlcluster --skip-systemctl-redirect 15 main start" in calls
    assert calls[-1] == "make test"
    assert not any(c.startswith(("apt-get", "pg_createcluster")) for c in calls)


def test_ci_installs_postgresql_and_makes_a_trusting_cluster_when_there_is_none(world):
    checkout, state = world
    (state / "can-start").touch()
    done, calls = run(world, ".ci/run", ci=True)
    assert done.returncode == 0, done.stderr
    assert "apt-get install -y -qq --no-install-recommends postgresql" in calls
    assert "pg_dropcluster --stop 15 main" in calls  # Debian's first cluster asks for passwords
    [create] = [c for c in calls if c.startswith("pg_createcluster")]
    assert "--port 5432" in create and create.endswith("main -- --auth-host=trust --auth-local=peer")
    assert calls.index(create) < calls.index("pg_ctlcluster --skip-systemctl-redirect 15 main start")
    assert calls[-1] == "make test"


def test_ci_fails_without_running_the_tests_when_postgresql_cannot_start(world):
    checkout, state = world
    install_server_commands(state)
    (state / "clusters").write_text("15 main 5432 down postgres\n")
    done, calls = run(world, ".ci/run", ci=True)
    assert done.returncode != 0
    assert "PostgreSQL did not start on 127.0.0.1:5432" in done.stderr
    assert "make test" not in calls
    assert calls.count("pg_isready -q -h 127.0.0.1 -p 5432 -t 3") == 31  # the first look, then 30 waits

