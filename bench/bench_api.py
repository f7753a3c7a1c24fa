"""The API and the export for a heavy user: 1,000 interviews, 5,000 follow-ups, 3,000 contacts.

Targets: listing 1,000 follow-ups through ``/api/v1/followups?limit=1000`` under 50 ms median
(CPU time of the serving process; wall time beside it), in the same number of queries as for a
user with 10 interviews (1,000 topics through ``/api/v1/topics`` are measured the same way: their
number of queries must not grow either); exporting the heavy user (every section, as one JSON document) under
2 s (CPU time), its peak Python memory (tracemalloc) about the same as for a user with 300
interviews: streamed in chunks, it does not grow with the rows.

A child process (``bench.child.run_child``) fills a temporary SQLite database (``bench.bench_web``'s seed) and measures
through Django's test Client, in process (no socket, no WSGI server).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from unittest.mock import patch

from bench.child import run_child

REQUESTS = int(os.environ.get("BENCH_API_REQUESTS", "30"))
WARMUP = 3
TARGET_LIST_MS = 50.0
TARGET_EXPORT_S = 2.0
MAX_MEMORY_RATIO = 1.5  # heavy export's peak over the medium one's: bounded, not growing with rows


def main() -> dict:
    # The child inherits this environment: a rate limit the measured requests never reach.
    with patch.dict(os.environ, {"API_TOKEN_REQUESTS_PER_MINUTE": "100000"}):
        result = run_child("api", "")
    result["ok"] = (
        result["list_followups"]["cpu_median_ms"] < TARGET_LIST_MS
        and result["list_followups"]["queries_constant"]
        and result["list_topics"]["queries_constant"]
        and result["export"]["cpu_seconds"] < TARGET_EXPORT_S
        and result["export"]["peak_ratio_heavy_to_medium"] < MAX_MEMORY_RATIO
    )
    result["targets"] = {"list_ms": TARGET_LIST_MS, "export_s": TARGET_EXPORT_S, "memory_ratio": MAX_MEMORY_RATIO}
    return result


def child() -> dict:
    import django

    django.setup()
    from django.core.management import call_command

    from bench.bench_web import _fill

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    rows = _fill("heavy", 1000)
    _fill("light", 10)
    _fill("medium", 300)
    return {**rows, "list_followups": _listing("followups"), "list_topics": _listing("topics"), "export": _export()}


def _listing(kind: str) -> dict:
    """``GET /api/v1/<kind>?limit=1000`` for the heavy user: CPU and wall medians, and its queries
    beside those for the user with 10 interviews."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from clinch.accounts.models import User
    from clinch.api.tokens import create_token

    client = Client()
    queries, items = {}, {}
    for name in ("light", "heavy"):
        _token, secret = create_token(owner=User.objects.get(username=name), name="bench", scope="read",
                                      expires_at=None, now=timezone.now())
        headers = {"Authorization": f"Bearer {secret}"}
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"/api/v1/{kind}", {"limit": 1000}, headers=headers)
        assert response.status_code == 200, response.content[:500]
        queries[name], items[name] = len(captured), len(response.json()["items"])
    cpu, wall = [], []
    for i in range(WARMUP + REQUESTS):
        c0, w0 = time.process_time(), time.perf_counter()
        response = client.get(f"/api/v1/{kind}", {"limit": 1000}, headers=headers)
        c1, w1 = time.process_time(), time.perf_counter()
        if i >= WARMUP:
            cpu.append((c1 - c0) * 1000)
            wall.append((w1 - w0) * 1000)
    return {
        "items": items["heavy"], "items_light": items["light"], "queries": queries["heavy"],
        "queries_light": queries["light"], "queries_constant": queries["heavy"] == queries["light"],
        "cpu_median_ms": round(statistics.median(cpu), 2), "wall_median_ms": round(statistics.median(wall), 2),
        "bytes": len(response.content),
    }


class _Count:
    size = 0

    def write(self, text):
        self.size += len(text)


def _export() -> dict:
    import tracemalloc

    from clinch.accounts.models import User
    from clinch.transfer.export import export_json

    peaks = {}
    for name in ("medium", "heavy"):
        tracemalloc.start()
        export_json(User.objects.get(username=name), _Count())
        peaks[name] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    sink = _Count()
    started, cpu = time.perf_counter(), time.process_time()
    export_json(User.objects.get(username="heavy"), sink)
    cpu, seconds = time.process_time() - cpu, time.perf_counter() - started
    return {"cpu_seconds": round(cpu, 3), "wall_seconds": round(seconds, 3), "bytes": sink.size,
            "peak_kib_heavy": peaks["heavy"] // 1024, "peak_kib_medium": peaks["medium"] // 1024,
            "peak_ratio_heavy_to_medium": round(peaks["heavy"] / max(peaks["medium"], 1), 2)}


if __name__ == "__main__" and sys.argv[1:] == ["child"]:
    print(json.dumps(child()))
