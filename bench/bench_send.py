"""Sending speed and punctuality: real workers, a real database, a loopback SMTP sink.

* SQLite, one worker, 10,000 due messages: messages per second (target >= 100).
* PostgreSQL (when a server answers), one worker and then four: the four must
  reach 1.5x one worker's rate.
* Punctuality: messages due over time; p99 of (sent_at - send_at) must stay
  under the poll interval plus 1 s.

Every run also checks the sink: each message arrived exactly once.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
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
    }


def punctuality(workdir: Path) -> dict:
    sink = SmtpSink().start()
    fleet = Fleet(workdir, smtp_port=sink.port)
    count, spread = 1000, 20.0
    try:
        fleet.migrate()
        # The worker boots while the rows are written, so start-up time is not counted as lateness.
        worker = fleet.start_worker("punctual", poll=POLL)
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
        "messages": count, "spread_seconds": spread, "poll_seconds": POLL, "sent": len(lateness),
        "p50_lateness_seconds": round(lateness[len(lateness) // 2], 3) if lateness else None,
        "p99_lateness_seconds": round(p99, 3) if p99 is not None else None,
        "max_lateness_seconds": round(lateness[-1], 3) if lateness else None,
    }


def main() -> dict:
    result: dict = {"load_average_at_start": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="clinch-bench-send-") as tmp:
        tmp = Path(tmp)
        result["sqlite_1_worker"] = drain(tmp / "sqlite1", workers=1, postgres=None)
        result["punctuality_sqlite"] = punctuality(tmp / "punctual")
        pg = postgres_url()
        if pg:
            result["postgres_1_worker"] = drain(tmp / "pg1", workers=1, postgres=pg)
            result["postgres_4_workers"] = drain(tmp / "pg4", workers=4, postgres=pg)
            one = result["postgres_1_worker"]["messages_per_second"]
            four = result["postgres_4_workers"]["messages_per_second"]
            result["postgres_speedup_4_vs_1"] = round(four / one, 2) if one and four else None
        else:
            result["postgres"] = "skipped: no PostgreSQL server answers"
    runs = [value for key, value in result.items() if isinstance(value, dict) and "duplicates" in value]
    checks = {
        "exactly_once": all(run["duplicates"] == 0 and run["missing"] == 0 for run in runs),
        "sqlite_at_least_100_per_second": (result["sqlite_1_worker"]["messages_per_second"] or 0) >= 100,
        "p99_lateness_under_poll_plus_1s": (result["punctuality_sqlite"]["p99_lateness_seconds"] or 99) < POLL + 1,
    }
    if "postgres_speedup_4_vs_1" in result:
        checks["postgres_4_workers_at_least_1_5x"] = (result["postgres_speedup_4_vs_1"] or 0) >= 1.5
    result["checks"] = checks
    result["ok"] = all(checks.values())
    return result


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=2))
