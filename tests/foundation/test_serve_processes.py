"""`clinch serve --processes N`: N web processes share one port (a core each, past the GIL),
one SIGTERM ends them all, and one of them failing stops the rest instead of serving with fewer."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def web_processes(parent: int) -> list[int]:
    """The `clinch serve` processes forked by ``parent`` (the worker is another command)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            command = (stat.parent / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if ppid == parent and b"serve" in command:
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture
def served(tmp_path):
    """`clinch serve --processes 2 --no-worker` on SQLite, answering; the process and its port."""
    port = free_port()
    env = {**os.environ, "CLINCH_DATA_DIR": str(tmp_path), "LOG_LEVEL": "ERROR"}
    env.pop("DATABASE_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "clinch.cli", "serve", "--port", str(port), "--processes", "2", "--no-worker"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read()
            break
        except OSError:
            assert server.poll() is None, server.stdout.read()
            assert time.monotonic() < deadline, "server did not answer within 60 s"
            time.sleep(0.3)
    yield server, port
    if server.poll() is None:
        server.kill()
    server.wait(timeout=30)


def test_two_web_processes_answer_on_one_port_and_sigterm_ends_them_all(served):
    server, port = served
    children = web_processes(server.pid)
    assert len(children) == 2
    for _ in range(6):
        assert urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5).status == 200
    server.terminate()
    assert server.wait(timeout=30) == 0
    assert not any(alive(pid) for pid in children)


def test_one_web_process_dying_stops_the_others(served):
    server, _ = served
    first, second = web_processes(server.pid)
    os.kill(first, signal.SIGKILL)
    assert server.wait(timeout=30) == 1
    assert not alive(second)


def test_the_number_of_processes_is_bounded():
    result = subprocess.run([sys.executable, "-m", "clinch.cli", "serve", "--processes", "0"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "--processes" in result.stderr
