"""Sending speed and punctuality: real workers, a real database, a loopback SMTP sink.

* SQLite, one worker, 10,000 due messages: messages per second (target >= 100).
* PostgreSQL (when a server answers), one worker and then four: the four must
  reach 1.5x one worker's rate.
* Punctuality: messages due over time; p99 of (sent_at - send_at) must stay
  under the poll interval plus 1 s on SQLite, and under 2 s on PostgreSQL with a
  5 s poll (NOTIFY and the sleep until the next due message do the waking).
* Faults: 20 kill -9s at random moments, and a server that hangs after DATA for
  a while: 0 duplicates, 0 silent losses, at most one uncertain per kill and per
  breaker opening.

Each figure carries the machine's load average when it was measured.

Every run also checks the sink: each message arrived exactly once.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.mail.fleet import Fleet  # noqa: E402
from tests.mail.servers import SmtpSink  # noqa: E402

COUNT = int(os.environ.get("BENCH_SEND_COUNT", "10000"))
POLL = 1.0


def postgres_url() -> str | None:
    url = os.environ.get("BENCH_POSTGRES_URL") or os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/clinch"
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    try:
        import psycopg

        psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", connect_timeout=3).close()
    except Exception:  # noqa: BLE001 - no server: that part of the bench is skipped
        return None
    return url


def drain(workdir: Path, *, workers: int, postgres: str | None) -> dict:
    sink = SmtpSink().start()
    fleet = Fleet(workdir, smtp_port=sink.port, postgres=postgres)
    try:
        fleet.migrate()
        fleet.seed(COUNT)
        started = time.perf_counter()
        procs = [fleet.start_worker(f"bench{n}", once=True, poll=POLL) for n in range(workers)]
        for proc in procs:
            proc.wait(timeout=1800)
        wall = time.perf_counter() - started
        rows = fleet.report()["messages"]
    finally:
        fleet.close()
        sink.stop()
    sent = sorted(row["sent_at"] for row in rows if row["sent_at"])
    delivered = sink.message_ids()
    span = (sent[-1] - sent[0]) if len(sent) > 1 else wall
    return {
        "messages": COUNT,
        "workers": workers,
        "sent": len(sent),
        "duplicates": sum(1 for count in delivered.values() if count > 1),
        "missing": COUNT - len(delivered),
        "wall_seconds": round(wall, 2),
        "messages_per_second": round(len(sent) / span, 1) if span else None,
        "messages_per_second_wall": round(len(sent) / wall, 1),
        "load_average": round(os.getloadavg()[0], 2),
    }


def punctuality(workdir: Path, *, postgres: str | None = None, poll: float = POLL,
                count: int = 1000, spread: float = 20.0) -> dict:
    sink = SmtpSink().start()
    fleet = Fleet(workdir, smtp_port=sink.port, postgres=postgres)
    try:
        fleet.migrate()
        # The worker boots while the rows are written, so start-up time is not counted as lateness.
        worker = fleet.start_worker("punctual", poll=poll)
        fleet.seed(count, spread_seconds=spread, start_in=3)
        deadline = time.monotonic() + spread + 120
        while sum(sink.message_ids().values()) < count and time.monotonic() < deadline:
            time.sleep(0.25)
        worker.terminate()
        worker.wait(timeout=30)
        rows = fleet.report()["messages"]
    finally:
        fleet.close()
        sink.stop()
    lateness = sorted(row["lateness"] for row in rows if row["lateness"] is not None)
    p99 = lateness[max(int(len(lateness) * 0.99) - 1, 0)] if lateness else None
    return {
        "messages": count, "spread_seconds": spread, "poll_seconds": poll, "sent": len(lateness),
        "load_average": round(os.getloadavg()[0], 2),
        "p50_lateness_seconds": round(lateness[len(lateness) // 2], 3) if lateness else None,
        "p99_lateness_seconds": round(p99, 3) if p99 is not None else None,
        "max_lateness_seconds": round(lateness[-1], 3) if lateness else None,
    }


def outcome(rows, delivered) -> dict:
    """Duplicates and silent losses: a row not sent and not shown as uncertain or failed is lost silently."""
    states = Counter(row["state"] for row in rows)
    lost = [row for row in rows if row["state"] == "sent" and delivered.get(row["message_id"], 0) != 1]
    lost += [row for row in rows if row["state"] in ("scheduled", "sending")]
    return {"states": dict(states), "duplicates": sum(1 for count in delivered.values() if count > 1),
            "silent_losses": len(lost)}


def kill_run(workdir: Path, *, postgres: str | None, kills_wanted: int = 20) -> dict:
    """kill -9 a worker at random moments while it sends 1,000 messages, ``kills_wanted`` times."""
    rng = random.Random(20261207)
    sink = SmtpSink().start()
    fleet = Fleet(workdir, smtp_port=sink.port, postgres=postgres, WORKER_LEASE_SECONDS=2)
    try:
        fleet.migrate()
        fleet.seed(1000)
        kills = fleet.kill_randomly(sink, kills=kills_wanted, total=1000, rng=rng)
        time.sleep(2.5)  # every lease a killed worker held has expired
        fleet.start_worker("final", once=True).wait(timeout=300)
        rows = fleet.report()["messages"]
        result = {"kills": kills, **outcome(rows, sink.message_ids())}
    finally:
        fleet.close()
        sink.stop()
    result["at_most_one_uncertain_per_kill"] = result["states"].get("uncertain", 0) <= kills
    return result


def hang_run(workdir: Path, *, postgres: str | None, hang_seconds: float = 10.0) -> dict:
    """The server takes each message and never answers (then drops) for ``hang_seconds``, then recovers.

    The breaker opens at the first such message, so each opening costs at most one uncertain."""
    sink = SmtpSink().start()
    fleet = Fleet(workdir, smtp_port=sink.port, postgres=postgres, MAIL_BREAKER_BASE_SECONDS=2)
    try:
        fleet.migrate()
        fleet.seed(300)
        sink.mode = "drop"
        worker = fleet.start_worker("hang", poll=0.2)
        time.sleep(hang_seconds)
        sink.mode = "accept"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            rows = fleet.report()["messages"]
            if all(row["state"] in ("sent", "uncertain") for row in rows):
                break
            time.sleep(1)
        worker.terminate()
        worker.wait(timeout=30)
        rows = fleet.report()["messages"]
        result = {"hang_seconds": hang_seconds, **outcome(rows, sink.message_ids())}
    finally:
        fleet.close()
        sink.stop()
    # The pauses as clinch.mail.breaker makes them (base 2 s, doubling from the threshold on):
    # each opening lets at most one probe through, so at most one uncertain per opening.
    openings, waited = 0, 0.0
    while waited < hang_seconds:
        openings += 1
        waited += 2 * 2 ** max(openings - 3, 0)
    result["breaker_openings_possible"] = openings
    result["at_most_one_uncertain_per_opening"] = result["states"].get("uncertain", 0) <= openings
    return result


def main() -> dict:
    result: dict = {"load_average_at_start": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="clinch-bench-send-") as tmp:
        tmp = Path(tmp)
        result["sqlite_1_worker"] = drain(tmp / "sqlite1", workers=1, postgres=None)
        result["punctuality_sqlite"] = punctuality(tmp / "punctual")
        result["kill_9_sqlite"] = kill_run(tmp / "kill-sqlite", postgres=None)
        result["hang_sqlite"] = hang_run(tmp / "hang-sqlite", postgres=None)
        pg = postgres_url()
        if pg:
            result["punctuality_postgres_poll_5s"] = punctuality(tmp / "punctual-pg", postgres=pg, poll=5.0)
            result["kill_9_postgres"] = kill_run(tmp / "kill-pg", postgres=pg)
            result["hang_postgres"] = hang_run(tmp / "hang-pg", postgres=pg)
            result["postgres_1_worker"] = drain(tmp / "pg1", workers=1, postgres=pg)
            result["postgres_4_workers"] = drain(tmp / "pg4", workers=4, postgres=pg)
            one = result["postgres_1_worker"]["messages_per_second"]
            four = result["postgres_4_workers"]["messages_per_second"]
            result["postgres_speedup_4_vs_1"] = round(four / one, 2) if one and four else None
        else:
            result["postgres"] = "skipped: no PostgreSQL server answers"
    runs = [value for key, value in result.items() if isinstance(value, dict) and "missing" in value]
    faults = [value for key, value in result.items() if isinstance(value, dict) and "silent_losses" in value]
    checks = {
        "exactly_once": all(run["duplicates"] == 0 and run["missing"] == 0 for run in runs),
        "faults_0_duplicates_0_silent_losses": all(r["duplicates"] == 0 and r["silent_losses"] == 0 for r in faults),
        "faults_at_most_one_uncertain_each": all(
            r.get("at_most_one_uncertain_per_kill", True) and r.get("at_most_one_uncertain_per_opening", True)
            for r in faults),
        "sqlite_at_least_100_per_second": (result["sqlite_1_worker"]["messages_per_second"] or 0) >= 100,
        "p99_lateness_under_poll_plus_1s": (result["punctuality_sqlite"]["p99_lateness_seconds"] or 99) < POLL + 1,
    }
    if "punctuality_postgres_poll_5s" in result:
        checks["postgres_p99_lateness_under_2s"] = (
            result["punctuality_postgres_poll_5s"]["p99_lateness_seconds"] or 99) < 2.0
    if "postgres_speedup_4_vs_1" in result:
        checks["postgres_4_workers_at_least_1_5x"] = (result["postgres_speedup_4_vs_1"] or 0) >= 1.5
    result["checks"] = checks
    result["ok"] = all(checks.values())
    return result


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=2))
