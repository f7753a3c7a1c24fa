"""Today on a server with 10,000 candidates, four web processes, PostgreSQL: p99 at 100 requests a second.

Goal (issue 17): Today's p99 under 100 ms at 100 requests per second, on loopback. The database
(``BENCH_TODAY_DATABASE_URL``, dropped and made again; skipped when no server answers) gets
``BENCH_TODAY_CANDIDATES`` (10,000) candidates, each with three opportunities (an interview, a
contact, a thank-you, a status check and a keep-in-touch step each, past ones mostly sent with
their email, some late, some uncertain, some replied), bulk-inserted, then analysed. ``SESSIONS``
(300) of them are signed in by writing their sessions directly (as Django's test client does), so
sign-in's deliberately slow password hash is not what is measured.

Four ``clinch serve --no-worker`` processes (four threads each, as ``clinch serve`` defaults to) listen
on ports from ``CLINCH_BENCH_PORT`` (8300) upwards; the client spreads requests over them as a proxy
in front would. The client is open-loop: ``CLIENTS`` processes each send their share of the rate on a
fixed schedule, whatever the server answers, and a request's latency runs from when it was *due*, so
a server that falls behind is charged for the queue it builds (no coordinated omission). Each
request is a random signed-in candidate's Today.

This machine has two cores, shared by the four servers, PostgreSQL and the client. So besides the
100-per-second run (``BENCH_TODAY_SECONDS``, 60 s) the bench steps the rate up (``STEPS``, 15 s each,
stopping at the first step that misses the goal) and reports the server's and the database's CPU per
request, the rate at which they would fill the cores, and the highest step whose p99 stays under 100 ms. ``python -m bench today``.
"""

from __future__ import annotations

import http.client
import json
import os
import queue
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.bench_load import _cpu_seconds, _free_port, _fresh_postgres, _safe

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("BENCH_TODAY_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/clinch_bench_today")
CANDIDATES = int(os.environ.get("BENCH_TODAY_CANDIDATES", "10000"))
SESSIONS = 300
OPPORTUNITIES_EACH = 3
PROCESSES = 4
THREADS = 4
CLIENTS = 2
CLIENT_THREADS = 32  # per client process: requests in flight at once before one waits for a thread
RATE = 100.0
SECONDS = float(os.environ.get("BENCH_TODAY_SECONDS", "60"))
STEPS = [float(r) for r in os.environ.get("BENCH_TODAY_STEPS", "25,50,75,100,150").split(",") if r]
STEP_SECONDS = float(os.environ.get("BENCH_TODAY_STEP_SECONDS", "15"))
WARMUP_SECONDS = 5.0
TARGET_P99_MS = 100.0
PORT = int(os.environ.get("CLINCH_BENCH_PORT", "8300"))
CORES = os.cpu_count() or 1


def main() -> dict:
    result = {"candidates": CANDIDATES, "signed_in": SESSIONS, "web_processes": PROCESSES, "threads_each": THREADS,
              "target": {"rate": RATE, "p99_ms": TARGET_P99_MS}, "cores": CORES}
    if not _fresh_postgres(PG_URL):
        return {**result, "skipped": f"no PostgreSQL server answers for {_safe(PG_URL)}", "ok": True}
    with tempfile.TemporaryDirectory(prefix="clinch-bench-today-") as folder:
        env = {**os.environ, "CLINCH_DATA_DIR": folder, "DATABASE_URL": PG_URL, "DEBUG": "false",
               "LOG_LEVEL": "ERROR", "DJANGO_SETTINGS_MODULE": "clinch.settings",
               "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
               "DB_CONN_MAX_AGE": "3600"}  # each web thread keeps its connection: the database's CPU is read per backend
        env.pop("MAIL_URL", None)
        clinch = [sys.executable, "-m", "clinch.cli"]
        subprocess.run([*clinch, "manage", "migrate", "--verbosity", "0"], env=env, check=True, cwd=ROOT)
        sessions_file = Path(folder) / "sessions.json"
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bench.bench_today", "seed", str(sessions_file)], env=env, check=True,
                       cwd=ROOT)
        result["seed_seconds"] = round(time.perf_counter() - started, 1)
        result |= _serve_and_drive(clinch, env, sessions_file)
    result["ok"] = result["at_target"]["errors"] == 0 and result["at_target"]["p99_ms"] < TARGET_P99_MS
    return result


def _serve_and_drive(clinch: list[str], env: dict, sessions_file: Path) -> dict:
    ports, servers = [], []
    try:
        for _ in range(PROCESSES):
            port = _free_port(ports[-1] + 1 if ports else PORT)
            ports.append(port)
            servers.append(subprocess.Popen(
                [*clinch, "serve", "--port", str(port), "--no-migrate", "--no-worker", "--threads", str(THREADS)],
                env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))
        for port in ports:
            _wait_for(port)
        pids = [server.pid for server in servers]
        _drive(ports, sessions_file, rate=RATE / 2, seconds=WARMUP_SECONDS, pids=pids)  # every thread's connection
        at_target = _drive(ports, sessions_file, rate=RATE, seconds=SECONDS, pids=pids)
        steps = []
        for rate in STEPS:  # upwards, until a step misses the goal: past it the queue only grows
            _drained(pids)
            steps.append(_drive(ports, sessions_file, rate=rate, seconds=STEP_SECONDS, pids=pids))
            if not _within_goal(steps[-1]):
                break
    finally:
        for server in servers:
            os.killpg(server.pid, signal.SIGTERM)  # the servers we started, each in its own group
        for server in servers:
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
    return {"at_target": at_target, "steps": steps, "scaled": _scaled(at_target, steps)}


def _scaled(at_target: dict, steps: list[dict]) -> dict:
    """What the figures mean on this machine: the cores a request costs, and the rates they allow."""
    server_ms = at_target["server_cpu_ms_per_request"]
    database_ms = at_target["database_cpu_ms_per_request"]
    client_ms = at_target["client_cpu_ms_per_request"]
    within = [step for step in steps if _within_goal(step)]
    return {
        "cores_for_100_per_second_server_and_database": round((server_ms + database_ms) * RATE / 1000, 2),
        "rate_filling_the_cores_server_and_database": round(CORES * 1000 / (server_ms + database_ms), 1),
        "rate_filling_the_cores_with_this_client": round(CORES * 1000 / (server_ms + database_ms + client_ms), 1),
        "highest_step_within_goal": max((step["rate"] for step in within), default=None),
    }


def _within_goal(run: dict) -> bool:
    return run["errors"] == 0 and run["p99_ms"] is not None and run["p99_ms"] < TARGET_P99_MS \
        and run["achieved_rate"] >= 0.95 * run["rate"]


def _drained(pids: list[int], *, timeout: float = 60.0) -> None:
    """Wait until the servers have finished what an overloaded run left queued (their CPU stops rising)."""
    deadline = time.monotonic() + timeout
    before = sum(sum(_cpu_seconds(pid)) for pid in pids)
    while time.monotonic() < deadline:
        time.sleep(1.0)
        now = sum(sum(_cpu_seconds(pid)) for pid in pids)
        if now - before < 0.05:
            return
        before = now


def _wait_for(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"clinch serve on port {port} did not answer within 60 s")


# -- one run at a fixed rate --------------------------------------------------------------------------

def _drive(ports: list[int], sessions_file: Path, *, rate: float, seconds: float, pids: list[int]) -> dict:
    """``rate`` requests a second of Today for ``seconds``, from ``CLIENTS`` processes; the figures."""
    server_cpu = sum(sum(_cpu_seconds(pid)) for pid in pids)
    database_before = _database_cpu()
    load = os.getloadavg()[0]
    start_at = time.time() + 1.0  # every client starts its schedule at the same instant
    clients = [subprocess.Popen(
        [sys.executable, "-m", "bench.bench_today", "client", json.dumps(
            {"ports": ports, "sessions": str(sessions_file), "rate": rate / CLIENTS, "seconds": seconds,
             "start_at": start_at + n / rate, "seed": n})],
        cwd=ROOT, stdout=subprocess.PIPE, text=True) for n in range(CLIENTS)]
    outputs, client_cpu = [], 0.0
    for client in clients:
        out, _ = client.communicate(timeout=seconds + 120)
        outputs.append(json.loads(out.strip().splitlines()[-1]))
        client_cpu += outputs[-1]["cpu_seconds"]
    server_cpu = sum(sum(_cpu_seconds(pid)) for pid in pids) - server_cpu
    after = _database_cpu()
    database_cpu = sum(cpu - database_before.get(pid, 0.0) for pid, cpu in after.items())
    last = max((out["last_answer_at"] for out in outputs if out["done"]), default=start_at + seconds)
    latencies = sorted(ms for out in outputs for ms in out["latencies_ms"])
    errors = sum(out["errors"] for out in outputs)
    requests = len(latencies) + errors
    per_request = lambda cpu: round(cpu * 1000 / max(requests, 1), 2)  # noqa: E731
    return {
        "rate": rate, "seconds": seconds, "requests": requests, "errors": errors,
        "error_examples": [e for out in outputs for e in out["error_examples"]][:5],
        # Answers per second from the first request due to the last answer: below ``rate`` when a queue built up.
        "achieved_rate": round(sum(out["done"] for out in outputs) / max(last - start_at, seconds), 1),
        "p50_ms": _pct(latencies, 50), "p95_ms": _pct(latencies, 95), "p99_ms": _pct(latencies, 99),
        "max_ms": round(latencies[-1], 1) if latencies else None,
        "server_cpu_ms_per_request": per_request(server_cpu),
        "database_cpu_ms_per_request": per_request(database_cpu),
        "client_cpu_ms_per_request": per_request(client_cpu),
        "load_average_1min": [round(load, 2), round(os.getloadavg()[0], 2)],
    }


def _database_cpu() -> dict[int, float]:
    """CPU seconds (user + system) of each PostgreSQL backend serving this bench's database, by pid,
    read from /proc (the server is on this machine; none are found when it is elsewhere). The web
    threads keep their connections, so a run's cost is what each backend spent during it."""
    import psycopg

    with psycopg.connect(PG_URL, autocommit=True) as conn:
        pids = [row[0] for row in conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")]
    ticks, found = os.sysconf("SC_CLK_TCK"), {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        found[pid] = (int(fields[11]) + int(fields[12])) / ticks
    return found


def _pct(values: list[float], p: int) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return round(values[0], 1)
    return round(statistics.quantiles(values, n=100, method="inclusive")[p - 1], 1)


# -- child: one client process ----------------------------------------------------------------------

def client(options: dict) -> dict:
    """Send requests on a fixed schedule (one every ``1 / rate`` s from ``start_at``) from a pool of
    threads, each with a keep-alive connection per server; a request waiting for a free thread is late,
    and its latency counts from when it was due."""
    sessions = json.loads(Path(options["sessions"]).read_text())
    ports, rate, seconds = options["ports"], options["rate"], options["seconds"]
    rng = random.Random(options["seed"])
    due: queue.Queue = queue.Queue()
    latencies, errors, lock = [], [], threading.Lock()
    last_answer = [0.0]

    def work() -> None:
        connections = {}
        while (item := due.get()) is not None:
            at, n, session = item
            port = ports[n % len(ports)]
            try:
                conn = connections.get(port) or http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                connections[port] = conn
                conn.request("GET", "/", headers={"Cookie": f"sessionid={session}"})
                response = conn.getresponse()
                body = response.read()
                ok = response.status == 200 and b"Today" in body
                problem = "" if ok else f"{response.status} {body[:120]!r}"
            except (OSError, http.client.HTTPException) as exc:
                broken = connections.pop(port, None)
                if broken is not None:
                    broken.close()  # a connection left mid-request cannot send the next one
                problem = f"{type(exc).__name__}: {exc}"
            finished = time.time()
            with lock:
                last_answer[0] = max(last_answer[0], finished)
                if problem:
                    errors.append(problem)
                else:
                    latencies.append((finished - at) * 1000)

    threads = [threading.Thread(target=work, daemon=True) for _ in range(CLIENT_THREADS)]
    for thread in threads:
        thread.start()
    cpu = time.process_time()
    total = int(rate * seconds)
    for n in range(total):
        at = options["start_at"] + n / rate
        pause = at - time.time()
        if pause > 0:
            time.sleep(pause)
        due.put((at, n, rng.choice(sessions)))
    for _ in threads:
        due.put(None)
    for thread in threads:
        thread.join(timeout=60)
    return {"latencies_ms": [round(ms, 2) for ms in latencies], "errors": len(errors), "error_examples": errors[:5],
            "done": len(latencies), "last_answer_at": last_answer[0], "cpu_seconds": time.process_time() - cpu}


# -- child: seed the candidates ---------------------------------------------------------------------

def seed(sessions_file: Path) -> None:
    """``CANDIDATES`` candidates with their opportunities, and ``SESSIONS`` of them signed in (their
    session keys written to ``sessions_file``)."""
    import django

    django.setup()
    from django.db import connection

    users = _seed_candidates(CANDIDATES)
    keys = [_signed_in(user) for user in random.Random(1).sample(users, SESSIONS)]
    sessions_file.write_text(json.dumps(keys))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would have by now: fresh tables have no statistics


def _signed_in(user) -> str:
    """A session for ``user`` as signing in would leave it; its key."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def _seed_candidates(count: int) -> list:
    """Each candidate: three opportunities, one over the last weeks, one last week, one today or coming.

    For each interview a contact, a thank-you (the next day), a status check (a week on) and a
    keep-in-touch step (a month on). Past steps are sent with their email, except every 5th
    candidate's latest past step (late); every 23rd sent email is uncertain, every 9th candidate has a reply.
    """
    from datetime import UTC, datetime, timedelta

    from clinch.accounts.models import User
    from clinch.followups.models import FollowUp
    from clinch.interviews.models import Company, Contact, Interview, Opportunity
    from clinch.mail.crypto import encrypt
    from clinch.mail.models import MailAccount, Message

    now = datetime.now(UTC)
    zones = ("America/Denver", "Europe/Berlin", "Asia/Kolkata", "America/New_York")
    batch = 2000
    users = User.objects.bulk_create([
        User(username=f"candidate{i}", display_name=f"Candidate {i}", email=f"c{i}@example.org",
             timezone=zones[i % len(zones)], password="!") for i in range(count)], batch_size=batch)
    secret = encrypt("x")
    MailAccount.objects.bulk_create([
        MailAccount(owner=user, from_name=user.display_name, from_email=user.email, smtp_host="127.0.0.1",
                    smtp_port=9, smtp_password_encrypted=secret) for user in users], batch_size=batch)
    pairs = [(i, k, user) for i, user in enumerate(users) for k in range(OPPORTUNITIES_EACH)]
    companies = Company.objects.bulk_create(
        [Company(owner=user, name=f"Larkspur Robotics {k}") for _, k, user in pairs], batch_size=batch)
    days_ago = (30, 8, 0)  # the interviews, in days before now (the last one ends a few hours from now)
    opps = Opportunity.objects.bulk_create([
        Opportunity(owner=user, company=company, role="Controls Engineer",
                    replied_at=now - timedelta(days=1) if i % 9 == 0 and k == 1 else None)
        for (i, k, user), company in zip(pairs, companies, strict=True)], batch_size=batch)
    contacts = Contact.objects.bulk_create([
        Contact(owner=user, company=company, name=f"Siobhán O'Connor {i}", email=f"s{i}.{k}@larkspur.example")
        for (i, k, user), company in zip(pairs, companies, strict=True)], batch_size=batch)
    interviews = Interview.objects.bulk_create([
        Interview(owner=user, opportunity=opp, timezone="America/Denver",
                  starts_at=now - timedelta(days=days_ago[k], hours=(i % 5) - 2),
                  ends_at=now - timedelta(days=days_ago[k], hours=(i % 5) - 3))
        for (i, k, user), opp in zip(pairs, opps, strict=True)], batch_size=batch)
    steps = []
    for (i, k, user), opp, contact, interview in zip(pairs, opps, contacts, interviews, strict=True):
        for kind, after in (("thank_you", timedelta(hours=20)), ("status_check", timedelta(days=7)),
                            ("keep_in_touch", timedelta(days=30))):
            send_at = interview.ends_at + after
            late = i % 5 == 0 and k == 1 and kind == "status_check"
            sent = send_at < now and not late
            steps.append(FollowUp(owner=user, opportunity=opp, interview=interview, contact=contact, kind=kind,
                                  plan_key=f"b/{kind}", send_at=send_at, status="sent" if sent else "planned",
                                  sent_at=send_at if sent else None, subject="Thank you for the conversation",
                                  body="Dear Siobhán,\n\nThank you for the conversation about the controller.",
                                  why="bench"))
    steps = FollowUp.objects.bulk_create(steps, batch_size=batch)
    Message.objects.bulk_create([
        Message(owner_id=step.owner_id, followup=step, opportunity_id=step.opportunity_id,
                message_id=f"<{step.public_id}@bench>", from_email="c@example.org", to_email="s@larkspur.example",
                subject=step.subject, body_text=step.body, send_at=step.send_at, sent_at=step.sent_at,
                state="uncertain" if n % 23 == 0 else "sent")
        for n, step in enumerate(step for step in steps if step.status == "sent")], batch_size=batch)
    return users


if __name__ == "__main__":
    if sys.argv[1:2] == ["seed"]:
        seed(Path(sys.argv[2]))
    elif sys.argv[1:2] == ["client"]:
        print(json.dumps(client(json.loads(sys.argv[2]))))
    else:
        print(json.dumps(main(), indent=2))
