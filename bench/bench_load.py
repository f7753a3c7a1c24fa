"""Load: 50 people using a real ``clinch serve`` at once, on SQLite and on PostgreSQL.

Each simulated user signs in, opens Today, captures an interview (the capture page,
then the form), opens the plan and a thank-you note in the editor, types in it (the
live check runs as it would in the browser), schedules it, and after three such
rounds signs out and in again; with a person's pauses between steps (1 to 3 s, 5 s
to fill in the form, about a second between pauses in typing). They arrive over the
first 30 s. For
``BENCH_LOAD_SECONDS`` (120) each, two runs per database:

* ``normal``: the users alone. Goal: no errors, p99 under 500 ms.
* ``hostile``: the same while one more user posts the largest inputs Clinch takes,
  as fast as the server answers: captures with every field at its limit (12 people,
  20 topics each), live checks of a note at the length limit full of slips, live
  readings of a next-step text at its limit, and 3 MB posts. Goal for the others:
  no errors, p99 under 1 s.

An error is a failed connection, a 5xx, or an answer a person doing that step
should never get (a 429 on typing, a 422 on a valid capture). Latency is the wall
time the client sees, so it includes waiting for a web thread. The users are
spread over ``BENCH_LOAD_PROCESSES`` (5) client processes, each with a thread per
user, and the hostile user has a process of its own: one Python process holding
all the clients would add its own wait for the GIL to every figure. The server is
``clinch serve --processes 2`` (``BENCH_LOAD_SERVER_PROCESSES``: a web process per
core of a 2-core machine, as the README advises for many people), each with the
default four web threads, and its worker; its mail goes nowhere
(nothing is due during the run). ``server_cpu_seconds`` is what the server's
processes spent (``worker_cpu_seconds`` of it the worker's), which says what the
load cost whatever else the machine was running; ``client_cpu_seconds`` is what
the simulated users spent on the same cores. Ports
from ``CLINCH_BENCH_PORT`` (8300) upwards; the
PostgreSQL database ``CLINCH_BENCH_PG_URL`` is dropped and made again (skipped
when no server answers). ``python -m bench load``.
"""

from __future__ import annotations

import http.client
import json
import multiprocessing
import os
import random
import re
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta
from html import unescape
from pathlib import Path
from urllib.parse import urlencode, urlsplit
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "120"))
USERS = int(os.environ.get("BENCH_LOAD_USERS", "50"))
PROCESSES = int(os.environ.get("BENCH_LOAD_PROCESSES", "5"))  # client processes the users are spread over
SERVER_PROCESSES = int(os.environ.get("BENCH_LOAD_SERVER_PROCESSES", "2"))  # `clinch serve --processes`
SAMPLES = os.environ.get("BENCH_LOAD_SAMPLES")  # a folder: every request of every run, to study the tail
PORT = int(os.environ.get("CLINCH_BENCH_PORT", "8300"))
PG_URL = os.environ.get("CLINCH_BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/clinch_bench_load")
PASSWORD = "load-test-password-1"
ZONE = "America/Denver"
GOALS = {"normal": 0.5, "hostile": 1.0}  # p99 seconds for the ordinary users
# A thank-you note's "Open the draft" on the plan page: an email, so it can be scheduled.
FOLLOWUP_LINK = re.compile(r'href="(/followups/[0-9a-f-]{36}/)"[^>]*aria-label="Open the draft: Thank-you note')
BODY = re.compile(r'<textarea name="body"[^>]*>(.*?)</textarea>', re.S)
SUBJECT = re.compile(r'<input type="text" name="subject"[^>]*value="([^"]*)"')
CSRF_COOKIE = re.compile(r"csrftoken=([^;]+)")
SESSION_COOKIE = re.compile(r"sessionid=([^;]*)")


def main() -> dict:
    result = {"users": USERS, "seconds_per_run": SECONDS, "goals_p99_seconds": GOALS, "runs": {},
              "server_processes": SERVER_PROCESSES, "client_processes": PROCESSES}
    with tempfile.TemporaryDirectory(prefix="clinch-bench-load-") as folder:
        result["runs"]["sqlite"] = _database_runs(f"sqlite:///{folder}/load.sqlite3", folder)
    if _fresh_postgres(PG_URL):
        with tempfile.TemporaryDirectory(prefix="clinch-bench-load-") as folder:
            result["runs"]["postgresql"] = _database_runs(PG_URL, folder)
    else:
        result["runs"]["postgresql"] = {"skipped": f"no PostgreSQL server answers for {_safe(PG_URL)}"}
    result["load_average_1min_after"] = round(os.getloadavg()[0], 2)
    result["ok"] = all(run.get("ok", True) for runs in result["runs"].values()
                       for run in (runs.values() if "skipped" not in runs else []))
    return result


# -- one database: seed, serve, two runs -------------------------------------------------------------

def _database_runs(database_url: str, folder: str) -> dict:
    env = {**os.environ, "CLINCH_DATA_DIR": folder, "DATABASE_URL": database_url, "DEBUG": "false",
           "LOG_LEVEL": "ERROR", "DJANGO_SETTINGS_MODULE": "clinch.settings"}
    env.pop("MAIL_URL", None)
    clinch = [sys.executable, "-m", "clinch.cli"]
    subprocess.run([*clinch, "manage", "migrate", "--verbosity", "0"], env=env, check=True, cwd=ROOT)
    subprocess.run([sys.executable, "-m", "bench.bench_load", "seed", str(USERS + 1)], env=env, check=True, cwd=ROOT)
    port = _free_port(PORT)
    server = subprocess.Popen([*clinch, "serve", "--port", str(port), "--no-migrate",
                               "--processes", str(SERVER_PROCESSES)], env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _wait_for(port)
        runs = {}
        for name, hostile in (("normal", False), ("hostile", True)):
            web, worker = _cpu_seconds(server.pid)
            runs[name] = _run(port, hostile=hostile, label=f"{database_url.split(':')[0]}-{name}")
            web_after, worker_after = _cpu_seconds(server.pid)
            spent = web_after + worker_after - web - worker
            runs[name]["server_cpu_seconds"] = round(spent, 1)
            runs[name]["worker_cpu_seconds"] = round(worker_after - worker, 1)
            answered = runs[name]["requests"] + sum(s["requests"] for s in runs[name].get("hostile", {}).values())
            runs[name]["server_cpu_ms_per_request"] = round(1000 * spent / max(answered, 1), 1)
            runs[name]["ok"] = runs[name]["errors"] == 0 and runs[name]["p99_s"] < GOALS[name]
        return runs
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # the server and its worker, which we started
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def _cpu_seconds(group: int) -> tuple[float, float]:
    """CPU time (user + system) of the server's process group, split into the web processes and
    the worker. Says what the server itself cost, whatever else the machine ran."""
    ticks = os.sysconf("SC_CLK_TCK")
    web = worker = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue  # gone meanwhile
        if int(fields[2]) == group:  # field 5 of /proc/PID/stat, the process group
            spent = int(fields[11]) + int(fields[12])  # utime, stime
            if b"worker" in command:
                worker += spent
            else:
                web += spent
    return web / ticks, worker / ticks


def _free_port(first: int) -> int:
    for port in range(first, first + 100):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError(f"no free port from {first}")


def _wait_for(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            Client(port).get("/healthz")
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("clinch serve did not answer within 60 s")


def _fresh_postgres(url: str) -> bool:
    """Drop and make again the benchmark's own database; False when no server answers."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    try:
        with psycopg.connect(url.replace(parts.path, "/postgres"), autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError:
        return False
    return True


def _safe(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}:{parts.port or 5432}{parts.path}"


# -- the clients ------------------------------------------------------------------------------------

class Client:
    """One browser: a keep-alive connection, the session and CSRF cookies, nothing followed."""

    def __init__(self, port: int):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | None = None, *, raw: bytes | None = None):
        body = raw if raw is not None else (urlencode(data or {}, doseq=True).encode() if method == "POST" else None)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if method == "POST":
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        for attempt in (1, 2):  # a keep-alive connection the server closed meanwhile: open a new one once
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                text = response.read().decode("utf-8", "replace")
                break
            except (http.client.HTTPException, OSError):
                # Closed whatever went wrong: a connection left mid-request cannot send the next one.
                self.conn.close()
                if attempt == 2:
                    raise
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, pattern in (("csrftoken", CSRF_COOKIE), ("sessionid", SESSION_COOKIE)):
                found = pattern.search(header)
                if found:
                    self.cookies[name] = found.group(1)
        return response.status, response.headers.get("Location", ""), text

    def get(self, path: str):
        return self.request("GET", path)

    def post(self, path: str, data: dict | None = None, **kw):
        return self.request("POST", path, data, **kw)


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        # (who, step, seconds, status, when it started on the machine's monotonic clock)
        self.samples: list[tuple[str, str, float, int, float]] = []
        self.errors: list[str] = []

    def timed(self, who: str, step: str, call, expect=(200, 302)):
        started = time.perf_counter()
        try:
            status, location, text = call()
        except (OSError, http.client.HTTPException) as exc:
            status, location, text = 0, "", f"{type(exc).__name__}: {exc}"
        seconds = time.perf_counter() - started
        with self.lock:
            self.samples.append((who, step, seconds, status, started))
            if who == "user" and status not in expect:
                self.errors.append(f"{step}: {status} {text[:200]!r}")
        return status, location, text


def _capture_form(now: datetime, n: int, *, people: int = 2, topics: int = 2, big: bool = False) -> dict:
    local = now.astimezone(ZoneInfo(ZONE))
    end = local.replace(minute=0, second=0, microsecond=0)
    start = end - timedelta(hours=1)
    next_step = "We'll decide by Friday next week, after the panel meets on the 12th."
    if big:
        from clinch.core import limits

        next_step = ("the 12th " * limits.NEXT_STEP_CHARS)[: limits.NEXT_STEP_CHARS]
    data = {"company": f"Larkspur Robotics {n % 7}", "role": "Controls Engineer", "day": start.date().isoformat(),
            "start": start.strftime("%H:%M"), "end": end.strftime("%H:%M"), "timezone": ZONE, "format": "video",
            "next_step": next_step, "decision_date": "", "decision_date_read": "", "interviewer_count": str(people)}
    for i in range(people):
        topic = ("pipelines " * 60)[:500] if big else f"tuning the force controller for soft fruit, part {i}"
        data |= {f"p{i}-contact": "", f"p{i}-name": f"Rafael Quiñones {i}", f"p{i}-title": "Director",
                 f"p{i}-email": f"r{i}.{n}@larkspur.example", f"p{i}-role": "hiring_manager" if i == 0 else "interviewer",
                 f"p{i}-topics": "\n".join([topic] * topics)}
    return data


class _TimeUp(Exception):
    """The run is over: the person leaves where they are, as one closing the browser would."""


def _user(port: int, username: str, stop: threading.Event, record: Recorder) -> None:
    """One person's visits, until the run is over. A pause the end of the run cuts short ends
    the visit there: without that, every user would send the rest of their round at once when
    the clock ran out, a burst with no pauses that no 50 people make (in half the runs
    checked it was nearly all of the slowest 1%)."""
    rng = random.Random(username)
    browser = None

    def pause(low: float, high: float) -> None:
        if stop.wait(rng.uniform(low, high)):
            raise _TimeUp

    try:
        pause(0, 30)  # people arrive over the first half minute, not all at once
        n = 0
        while True:
            browser = Client(port)
            _visit(browser, username, n, pause, lambda *a, **k: record.timed("user", *a, **k))
            n += 3
            browser.conn.close()
    except _TimeUp:
        if browser is not None:
            browser.conn.close()


def _visit(browser: Client, username: str, n: int, pause, timed) -> None:
    """Sign in, three rounds (Today, a capture, its plan, the thank-you note typed and scheduled),
    sign out; ``pause`` raises ``_TimeUp`` when the run is over."""
    timed("login page", lambda: browser.get("/accounts/login/"))
    timed("sign in", lambda: browser.post("/accounts/login/", {"username": username, "password": PASSWORD}))
    for round_number in range(n + 1, n + 4):
        timed("today", lambda: browser.get("/"))
        pause(1, 3)
        timed("capture page", lambda: browser.get("/interviews/new/"))
        pause(4, 6)
        form = _capture_form(datetime.now(ZoneInfo(ZONE)), round_number)
        status, location, _ = timed("capture", lambda: browser.post("/interviews/new/", form), expect=(302,))
        if status != 302:
            continue
        _, _, plan = timed("plan", lambda: browser.get(location))
        links = FOLLOWUP_LINK.findall(plan)
        if not links:
            continue
        pause(1, 3)
        _, _, page = timed("editor", lambda: browser.get(links[0]))
        body = unescape((BODY.search(page) or [None, ""])[1]).replace("\r\n", "\n")
        subject = unescape((SUBJECT.search(page) or [None, ""])[1])
        typed = body
        for word in ("Looking", "forward", "to", "hearing"):
            pause(0.6, 1.4)
            typed += f" {word}"
            timed("live check", lambda: browser.post(f"{links[0]}check", {"subject": subject, "body": typed}),
                  expect=(200,))
        pause(1, 3)
        timed("schedule", lambda: browser.post(links[0], {"subject": subject, "body": body, "action": "schedule"}),
              expect=(302,))
        pause(1, 3)
    timed("sign out", lambda: browser.post("/accounts/logout/"))


def _hostile(port: int, stop: threading.Event, record: Recorder) -> None:
    """Posts the largest inputs Clinch takes, one after the other, with no pause."""
    from clinch.core import limits

    browser = Client(port)
    browser.get("/accounts/login/")
    browser.post("/accounts/login/", {"username": "hostile", "password": PASSWORD})
    timed = lambda step, call: record.timed("hostile", step, call)  # noqa: E731
    status, location, _ = timed("capture", lambda: browser.post(
        "/interviews/new/", _capture_form(datetime.now(ZoneInfo(ZONE)), 0, people=12, topics=20, big=True)))
    editor = (FOLLOWUP_LINK.findall(browser.get(location)[2]) or ["/followups/0/"])[0] if location else "/followups/0/"
    slips = ("Rafel " * limits.NOTE_BODY_CHARS)[: limits.NOTE_BODY_CHARS]
    next_step = _capture_form(datetime.now(ZoneInfo(ZONE)), 0, big=True)
    n = 0
    while not stop.is_set():
        n += 1
        step = n % 4
        if step == 0:
            timed("capture, every field at its limit", lambda: browser.post(
                "/interviews/new/", _capture_form(datetime.now(ZoneInfo(ZONE)), n, people=12, topics=20, big=True)))
        elif step == 1:
            timed("live check, the longest note", lambda: browser.post(f"{editor}check", {"body": slips}))
        elif step == 2:
            timed("live reading, the longest next step", lambda: browser.post("/interviews/read-date", next_step))
        else:  # past Django's limit on a request body (2.5 MB): refused before any view runs
            timed("3 MB post", lambda: browser.post("/interviews/read-date", raw=b"next_step=" + b"x" * 3_000_000))


def _run(port: int, *, hostile: bool, label: str) -> dict:
    """One run: the users over ``PROCESSES`` client processes (and the hostile user in one more),
    all starting together and stopping after ``SECONDS``; their samples merged."""
    names = [f"user{i}" for i in range(USERS)]
    groups = [names[i::PROCESSES] for i in range(min(PROCESSES, USERS))]
    if hostile:
        groups.append(["hostile"])
    # A moment for the processes to start, so they all begin on the same clock (CLOCK_MONOTONIC
    # is one clock for the whole machine).
    start = time.monotonic() + 3
    load_before = os.getloadavg()[0]
    # spawn, not fork: each client process starts clean, whatever the parent has imported or runs.
    with multiprocessing.get_context("spawn").Pool(len(groups)) as pool:
        parts = pool.starmap(_clients, [(port, group, start) for group in groups], chunksize=1)
    record = Recorder()
    for samples, errors, _ in parts:
        record.samples += samples
        record.errors += errors
    if SAMPLES:
        Path(SAMPLES).mkdir(parents=True, exist_ok=True)
        (Path(SAMPLES) / f"{label}.json").write_text(json.dumps(sorted(record.samples, key=lambda s: s[4])))
    mine = [s for s in record.samples if s[0] == "user"]
    seconds = sorted(s[2] for s in mine)
    by_step = {}
    for step in dict.fromkeys(s[1] for s in mine):
        times = sorted(s[2] for s in mine if s[1] == step)
        by_step[step] = {"requests": len(times), "p50_ms": _ms(_pct(times, 50)), "p99_ms": _ms(_pct(times, 99))}
    result = {
        "requests": len(mine), "requests_per_second": round(len(mine) / SECONDS, 1), "errors": len(record.errors),
        "error_examples": record.errors[:10], "p50_s": round(_pct(seconds, 50), 3), "p95_s": round(_pct(seconds, 95), 3),
        "p99_s": round(_pct(seconds, 99), 3), "max_s": round(seconds[-1], 3) if seconds else None,
        "p99_s_without_sign_in": round(_pct(sorted(s[2] for s in mine if s[1] != "sign in"), 99), 3),
        "steps": by_step,
        "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "client_processes": len(parts), "client_cpu_seconds": round(sum(cpu for _, _, cpu in parts), 1),
    }
    if hostile:
        theirs = [s for s in record.samples if s[0] == "hostile"]
        result["hostile"] = {
            step: {"requests": len(times), "statuses": sorted({s[3] for s in theirs if s[1] == step}),
                   "p50_ms": _ms(_pct(sorted(times), 50))}
            for step in dict.fromkeys(s[1] for s in theirs)
            for times in [[s[2] for s in theirs if s[1] == step]]
        }
    return result


def _clients(port: int, usernames: list[str], start: float) -> tuple[list, list, float]:
    """One client process: a thread per user (``hostile`` is the hostile user) from ``start`` on
    the monotonic clock until ``SECONDS`` later. Returns the samples, the errors and the CPU
    seconds this process spent."""
    record, stop = Recorder(), threading.Event()
    threads = [threading.Thread(target=_hostile, args=(port, stop, record), daemon=True) if name == "hostile"
               else threading.Thread(target=_user, args=(port, name, stop, record), daemon=True)
               for name in usernames]
    time.sleep(max(0.0, start - time.monotonic()))
    for thread in threads:
        thread.start()
    stop.wait(max(0.0, start + SECONDS - time.monotonic()))
    stop.set()
    for thread in threads:
        thread.join(timeout=120)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    with record.lock:
        return list(record.samples), list(record.errors), usage.ru_utime + usage.ru_stime


def _pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1] if len(values) > 1 and p < 100 else values[-1]


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


# -- child: seed the users -------------------------------------------------------------------------

def seed(count: int) -> None:
    import django

    django.setup()
    from clinch.accounts.models import User
    from clinch.mail.crypto import encrypt
    from clinch.mail.models import MailAccount

    names = [f"user{i}" for i in range(count - 1)] + ["hostile"]
    for name in names:
        user = User.objects.create_user(username=name, password=PASSWORD, email=f"{name}@example.org",
                                        timezone=ZONE, display_name=name.title())
        # Scheduling needs a mail account; nothing is due during the run, and port 9 refuses anyway.
        MailAccount.objects.create(owner=user, from_name=name.title(), from_email=f"{name}@example.org",
                                   smtp_host="127.0.0.1", smtp_port=9, smtp_password_encrypted=encrypt("x"))


if __name__ == "__main__":
    if sys.argv[1:2] == ["seed"]:
        seed(int(sys.argv[2]))
    else:
        print(json.dumps(main(), indent=2))
