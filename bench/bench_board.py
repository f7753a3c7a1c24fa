"""The coach's board for a coach with 500 candidates, each with 20 interviews (10,000 interviews).

Target: the board (``/org/<id>/board/``) under 50 ms median on PostgreSQL (gated on the serving
process's CPU time; wall time and each query's time reported beside it), in a constant number of
queries (the same as for a coach with 5 candidates). Also measured: the board filtered to one kind
of attention, and searched by name.

Runs in a child process on a database of its own: ``BENCH_BOARD_DATABASE_URL`` when set (a
PostgreSQL URL: the database named there is created and dropped), else a temporary SQLite file.
Each candidate has 20 opportunities with one interview, a thank-you, a status check and a
keep-in-touch step: past steps sent, except every 7th candidate's latest thank-you (overdue) and
every 11th's latest status check (due, no reply); every 13th has an uncertain send, every 17th a
rejection with no reply, every 19th an offer. Times are the test Client's in-process request
(no socket), CPU and wall; the median of ``REQUESTS`` after ``WARMUP``.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time

from bench.child import run_child

CANDIDATES = int(os.environ.get("BENCH_BOARD_CANDIDATES", "500"))
INTERVIEWS_EACH = 20
SMALL_CANDIDATES = 5
REQUESTS = int(os.environ.get("BENCH_BOARD_REQUESTS", "30"))
WARMUP = 3
TARGET_MEDIAN_MS = 50.0


def main() -> dict:
    result = run_child("board", os.environ.get("BENCH_BOARD_DATABASE_URL", ""))
    # Gated on the serving process's CPU time, as bench_web is: on a shared machine the wall clock also
    # counts other processes' turns (both are reported). The database's own time is in the wall figure.
    result["ok"] = (result["pages"]["board"]["cpu_median_ms"] < TARGET_MEDIAN_MS
                    and all(page["queries_constant"] for page in result["pages"].values()))
    result["targets"] = {"median_ms": TARGET_MEDIAN_MS, "engine_wanted": "postgresql"}
    return result


def child() -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    big = _seed("big", CANDIDATES)
    small = _seed("small", SMALL_CANDIDATES)
    seeded = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would have by now: fresh tables have no statistics
    pages = {}
    for name, query in (("board", ""), ("board_filtered", "?attention=thank_you_late"), ("board_search", "?q=3")):
        pages[name] = _measure(big, query)
        pages[name]["queries_small"] = _measure(small, query, requests=2)["queries"]
        pages[name]["queries_constant"] = pages[name]["queries"] == pages[name]["queries_small"]
    return {"engine": connection.vendor, "candidates": CANDIDATES, "interviews": CANDIDATES * INTERVIEWS_EACH,
            "seed_seconds": round(seeded, 1), "pages": pages}


def _seed(tag: str, count: int):
    from datetime import UTC, datetime, timedelta

    from clinch.accounts.models import User
    from clinch.agency import members
    from clinch.agency.models import Coaching, Membership
    from clinch.followups.models import FollowUp
    from clinch.interviews.models import Company, Interview, Opportunity
    from clinch.mail.models import Message

    now = datetime.now(UTC)
    coach = User.objects.create_user(username=f"coach-{tag}", password="bench-password-123")
    org = members.create_organisation(name=f"Agency {tag}", owner=coach)
    membership = Membership.objects.get(organisation=org, user=coach)
    users = User.objects.bulk_create([
        User(username=f"cand-{tag}-{i}", display_name=f"Candidate {tag} {i}", email=f"c{i}@{tag}.example",
             timezone=("America/Denver", "Europe/Berlin", "Asia/Kolkata")[i % 3]) for i in range(count)])
    Coaching.objects.bulk_create([Coaching(owner=user, membership=membership) for user in users])
    companies = Company.objects.bulk_create([Company(owner=user, name="Larkspur Robotics") for user in users])
    opps = Opportunity.objects.bulk_create([
        Opportunity(owner=user, company=company, role=f"Engineer {k}",
                    outcome=("rejected" if i % 17 == 0 and k == 0 else "offer" if i % 19 == 0 and k == 0 else "pending"),
                    outcome_at=now - timedelta(days=2) if k == 0 and (i % 17 == 0 or i % 19 == 0) else None)
        for i, (user, company) in enumerate(zip(users, companies, strict=True)) for k in range(INTERVIEWS_EACH)])
    interviews = Interview.objects.bulk_create([
        Interview(owner_id=opp.owner_id, opportunity=opp, timezone="America/Denver",
                  starts_at=now - timedelta(days=3 * (INTERVIEWS_EACH - n % INTERVIEWS_EACH), hours=2),
                  ends_at=now - timedelta(days=3 * (INTERVIEWS_EACH - n % INTERVIEWS_EACH), hours=1))
        for n, opp in enumerate(opps)])
    steps = []
    for n, interview in enumerate(interviews):
        i, k = divmod(n, INTERVIEWS_EACH)
        latest = k == INTERVIEWS_EACH - 1
        for kind, after in (("thank_you", timedelta(hours=20)), ("status_check", timedelta(days=2)),
                            ("keep_in_touch", timedelta(days=60))):
            send_at = interview.ends_at + after
            waiting = send_at > now or (latest and ((kind == "thank_you" and i % 7 == 0)
                                                    or (kind == "status_check" and i % 11 == 0)))
            steps.append(FollowUp(owner_id=interview.owner_id, opportunity_id=interview.opportunity_id,
                                  interview=interview, kind=kind, plan_key=f"b/{kind}", send_at=send_at,
                                  status="planned" if waiting else "sent", sent_at=None if waiting else send_at,
                                  subject="Thank you", body="Dear Person,\n\nThanks.", why="bench"))
    steps = FollowUp.objects.bulk_create(steps, batch_size=2000)
    Message.objects.bulk_create([
        Message(owner_id=f.owner_id, followup=f, opportunity_id=f.opportunity_id, message_id=f"<{f.public_id}@b>",
                from_email="c@example.org", to_email="p@example.org", subject="Thanks", body_text="Hi",
                state="uncertain" if n % 13 == 0 else "sent", send_at=f.send_at, sent_at=f.sent_at)
        for n, f in enumerate(x for x in steps if x.status == "sent" and x.kind == "thank_you")
    ], batch_size=2000)
    return membership


def _measure(membership, query: str, *, requests: int = REQUESTS) -> dict:
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(membership.user)
    figures, captured, response = timed(client, reverse("agency:board", args=[membership.organisation.public_id]) + query,
                                        requests=requests)
    return {**figures, "bytes": len(response.content),
            "query_ms": [round(float(q["time"]) * 1000, 1) for q in captured]}


def timed(client, url: str, *, requests: int = REQUESTS, warmup: int = WARMUP) -> tuple[dict, list, object]:
    """``requests`` GETs of ``url`` after ``warmup`` (each must answer 200): medians of this process's CPU
    time and of the wall clock, the wall p90, and the queries of one more request (with that response)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(min(warmup, requests)):
        assert client.get(url).status_code == 200, url
    walls, cpus = [], []
    for _ in range(requests):
        wall, cpu = time.perf_counter(), time.process_time()
        status = client.get(url).status_code
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
        assert status == 200, url
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    figures = {"wall_median_ms": round(statistics.median(walls), 1), "cpu_median_ms": round(statistics.median(cpus), 1),
               "wall_p90_ms": round(sorted(walls)[int(len(walls) * 0.9) - 1], 1), "queries": len(captured)}
    return figures, captured.captured_queries, response


if __name__ == "__main__" and sys.argv[1:] == ["child"]:
    print(json.dumps(child()))
