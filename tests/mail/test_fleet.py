"""Real worker processes, a real database, a real SMTP sink (reliability scenarios 1, 2, 3, 8, 9).

These run on SQLite, and on PostgreSQL too when the session's DATABASE_URL is
PostgreSQL (each test makes and drops its own database there).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from collections import Counter

import pytest

from tests.mail.fleet import Fleet, postgres_url

# Real processes on a shared machine: up to 20 kill-and-restart rounds of 30 s each, then the final drain.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


@pytest.fixture
def fleet_for(tmp_path, sink):
    fleets = []

    def make(**env):
        fleet = Fleet(tmp_path / f"fleet{len(fleets)}", smtp_port=sink.port, postgres=postgres_url(), **env)
        fleets.append(fleet)
        fleet.migrate()
        return fleet

    yield make
    for fleet in fleets:
        fleet.close()


def wait_all(workers, timeout):
    deadline = time.monotonic() + timeout
    for worker in workers:
        worker.wait(timeout=max(deadline - time.monotonic(), 0.1))


def test_four_workers_send_5000_messages_each_exactly_once(fleet_for, sink):
    fleet = fleet_for()
    fleet.seed(5000)
    workers = [fleet.start_worker(f"w{number}", once=True) for number in range(4)]
    wait_all(workers, timeout=240)
    assert [worker.returncode for worker in workers] == [0, 0, 0, 0]
    rows = fleet.report()["messages"]
    delivered = sink.message_ids()
    assert len(rows) == 5000
    assert Counter(row["state"] for row in rows) == {"sent": 5000}
    assert [mid for mid, count in delivered.items() if count > 1] == []  # 0 duplicates
    assert {row["message_id"] for row in rows} - set(delivered) == set()  # 0 missing
    assert sum(delivered.values()) == 5000


def test_kill_9_at_random_moments_never_duplicates_and_never_drops(fleet_for, sink):
    fleet = fleet_for(WORKER_LEASE_SECONDS=2)
    fleet.seed(1000)
    rng = random.Random(20260520)
    kills = fleet.kill_randomly(sink, kills=20, total=1000, rng=rng)
    time.sleep(2.5)  # every lease taken by a killed worker has expired
    wait_all([fleet.start_worker("final", once=True)], timeout=120)
    rows = fleet.report()["messages"]
    delivered = sink.message_ids()
    states = Counter(row["state"] for row in rows)
    assert kills == 20
    assert set(states) <= {"sent", "uncertain"}, states  # none left sending or scheduled
    assert states["uncertain"] <= kills  # at most the one in flight per kill
    assert [mid for mid, count in delivered.items() if count > 1] == []
    for row in rows:
        if row["state"] == "sent":
            assert delivered[row["message_id"]] == 1
        else:
            assert delivered[row["message_id"]] <= 1


def test_sigterm_finishes_the_message_in_flight_and_claims_nothing_new(fleet_for, sink):
    fleet = fleet_for()
    fleet.seed(3)
    sink.delay = 2.0
    worker = fleet.start_worker("graceful")
    assert sink.data_started.wait(30)
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=10) == 0
    states = Counter(row["state"] for row in fleet.report()["messages"])
    assert states == {"sent": 1, "scheduled": 2}
    assert sum(sink.message_ids().values()) == 1


def test_web_writes_and_worker_claims_at_once_never_hit_a_locked_database(fleet_for, sink, tmp_path):
    fleet = fleet_for()
    fleet.seed(1500)
    logs = [open(tmp_path / f"worker{n}.log", "w+") for n in range(2)]
    workers = [fleet.start_worker(f"w{n}", once=True, log=logs[n]) for n in range(2)]
    writers = [
        subprocess.Popen([os.sys.executable, "-m", "tests.mail.fleet", "write", "150"], env=fleet.env,
                         cwd=fleet.env["PYTHONPATH"], stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    results = [__import__("json").loads(writer.communicate(timeout=240)[0]) for writer in writers]
    wait_all(workers, timeout=240)
    assert results == [{"locked": 0, "other": 0}] * 2
    for log in logs:
        log.seek(0)
        assert "locked" not in log.read()
    assert Counter(row["state"] for row in fleet.report()["messages"])["sent"] == 1500


def test_punctuality_p99_lateness_is_within_the_poll_interval_plus_smtp_time(fleet_for, sink):
    fleet = fleet_for()
    worker = fleet.start_worker("punctual", poll=0.5)  # boots while the rows are written
    fleet.seed(100, spread_seconds=10, start_in=3)  # 10 a second: this is about timing, not throughput
    deadline = time.monotonic() + 60
    while sum(sink.message_ids().values()) < 100 and time.monotonic() < deadline:
        time.sleep(0.2)
    worker.send_signal(signal.SIGTERM)
    worker.wait(timeout=10)
    lateness = sorted(row["lateness"] for row in fleet.report()["messages"])
    assert len(lateness) == 100 and min(lateness) >= 0
    assert lateness[int(len(lateness) * 0.99) - 1] < 0.5 + 1.0
