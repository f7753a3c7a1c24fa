"""The desk scoped per organisation: 20 agencies with 1,000 consultation requests each, and 5,000
from the server-wide form (25,000 requests).

Target: one organisation's desk list (``/desk/``: newest 50, counts per status, the recruiter filter)
and a request's page under 50 ms median (the serving process's CPU time, as ``bench board``), in the
same number of queries as for an organisation with 3 requests. Also the server-wide staff's list.

Runs in a child process on a database of its own: ``BENCH_DESK_DATABASE_URL`` when set (a PostgreSQL
URL: the database named there is created and dropped), else a temporary SQLite file.
"""

from __future__ import annotations

import json
import os
import sys
import time

from bench.bench_board import timed
from bench.child import run_child

ORGANISATIONS = 20
REQUESTS_EACH = int(os.environ.get("BENCH_DESK_REQUESTS_EACH", "1000"))
SERVER_WIDE = 5_000
SMALL = 3
REQUESTS = 30
WARMUP = 3
TARGET_MEDIAN_MS = 50.0


def main() -> dict:
    result = run_child("desk", os.environ.get("BENCH_DESK_DATABASE_URL", ""))
    result["ok"] = all(page["cpu_median_ms"] < TARGET_MEDIAN_MS and page["queries_constant"]
                       for page in result["pages"].values())
    result["targets"] = {"median_ms": TARGET_MEDIAN_MS}
    return result


def child() -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    staff = [_seed_organisation(n, REQUESTS_EACH) for n in range(ORGANISATIONS)]
    small = _seed_organisation(ORGANISATIONS, SMALL)
    server_staff = _seed_server_wide(SERVER_WIDE)
    seeded = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    newest = _newest_request(staff[0])
    pages = {
        "org_desk": _measure(staff[0], "/desk/", small, "/desk/"),
        "org_desk_search": _measure(staff[0], "/desk/?q=example&status=new", small, "/desk/?q=example&status=new"),
        "org_request": _measure(staff[0], f"/desk/{newest}/", small, f"/desk/{_newest_request(small)}/"),
        "server_desk": _measure(server_staff, "/desk/", small, "/desk/"),
    }
    return {"engine": connection.vendor, "requests": ORGANISATIONS * REQUESTS_EACH + SERVER_WIDE + SMALL,
            "seed_seconds": round(seeded, 1), "pages": pages}


def _seed_organisation(n: int, count: int):
    from clinch.accounts.models import User
    from clinch.agency import members
    from clinch.agency.models import Membership

    owner = User.objects.create_user(username=f"owner-{n}", password="bench-password-123")
    org = members.create_organisation(name=f"Agency {n}", owner=owner)
    desk = User.objects.create_user(username=f"desk-{n}", password="bench-password-123", role="agency_staff")
    members.add(organisation=org, user=desk, role=Membership.Role.STAFF)
    _requests(count, organisation=org, tag=f"o{n}", assignee=desk)
    return desk


def _seed_server_wide(count: int):
    from clinch.accounts.models import User

    staff = User.objects.create_user(username="server-desk", password="bench-password-123", is_staff=True)
    _requests(count, organisation=None, tag="s", assignee=staff)
    return staff


def _requests(count: int, *, organisation, tag: str, assignee) -> None:
    from clinch.consult.models import ConsultationRequest

    statuses = ("new", "contacted", "converted", "new")
    ConsultationRequest.objects.bulk_create([
        ConsultationRequest(first_name=f"Person{i}", last_name=tag, email=f"p{i}@{tag}.example", consent=True,
                            how_can_we_help="A data engineering role.", status=statuses[i % 4],
                            assigned_to=assignee if i % 3 else None, organisation=organisation)
        for i in range(count)], batch_size=2000)


def _newest_request(user):
    from clinch.agency.desk import scope_of, visible_requests

    return visible_requests(scope_of(user)).order_by("-created_at").values_list("public_id", flat=True).first()


def _measure(user, url: str, small_user, small_url: str) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)
    figures, _, _ = timed(client, url, requests=REQUESTS, warmup=WARMUP)
    small = Client()
    small.force_login(small_user)
    small.get(small_url)
    with CaptureQueriesContext(connection) as captured_small:
        assert small.get(small_url).status_code == 200, small_url
    return {**figures, "queries_small": len(captured_small),
            "queries_constant": figures["queries"] == len(captured_small)}


if __name__ == "__main__" and sys.argv[1:] == ["child"]:
    print(json.dumps(child()))
