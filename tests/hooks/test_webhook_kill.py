"""A real worker process killed (SIGKILL) while its webhook request is with the receiver, then a new
worker: every delivery reaches the receiver exactly once, signed; none is lost, none is sent twice.

The delivery in flight when the worker died is recorded ``uncertain`` once its lease ends (the
worker could not hear the answer) and is not sent again; the receiver did get it, once. Runs on
SQLite, and on PostgreSQL when the session's DATABASE_URL is PostgreSQL (its own database there).
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from clinch.hooks import signing
from tests.mail.fleet import Fleet, postgres_url

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]
DELIVERIES = 20
HELD = 5  # the receiver holds the 5th request unanswered: the worker is killed then


class HoldingReceiver:
    """A loopback endpoint that verifies every request and keeps the HELD-th waiting until ``release``."""

    def __init__(self):
        self.secret, self.ids, self.refused = None, [], []
        self.held, self.release = threading.Event(), threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                headers = {k.lower(): v for k, v in self.headers.items()}
                try:
                    receiver.ids.append(signing.verify(receiver.secret, headers=headers, body=body, now=time.time()))
                except signing.BadSignature as error:
                    receiver.refused.append(str(error))
                if len(receiver.ids) == HELD and not receiver.held.is_set():
                    receiver.held.set()
                    receiver.release.wait(30)
                try:
                    self.send_response(200)
                    self.end_headers()
                    self.wfile.write(b"thanks")
                except BrokenPipeError:
                    pass  # the held request: its worker is dead

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"

    def stop(self):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    made = HoldingReceiver()
    yield made
    made.stop()


@pytest.fixture
def fleet(tmp_path):
    made = Fleet(tmp_path / "fleet", smtp_port=1, postgres=postgres_url(), WORKER_LEASE_SECONDS=2,
                 WEBHOOK_TIMEOUT_SECONDS=30)
    made.migrate()
    yield made
    made.close()


def test_a_worker_killed_mid_delivery_then_restarted_delivers_each_once_and_loses_none(fleet, receiver):
    receiver.secret = json.loads(fleet.run("-m", "tests.hooks.hookfleet", "seed", str(DELIVERIES), receiver.url))["secret"]

    first = fleet.start_worker("first", poll=0.1)
    assert receiver.held.wait(60), "the worker never reached the receiver"
    os.kill(first.pid, signal.SIGKILL)  # while the receiver holds its request: no answer heard
    first.wait()
    receiver.release.set()
    in_flight = receiver.ids[HELD - 1]
    time.sleep(2.5)  # the dead worker's lease ends

    fleet.start_worker("restarted", once=True).wait(timeout=120)
    rows = {row["id"]: row for row in json.loads(fleet.run("-m", "tests.hooks.hookfleet", "report"))["deliveries"]}

    assert receiver.refused == []
    assert Counter(receiver.ids) == Counter(rows.keys())  # every delivery reached the receiver, each exactly once
    assert rows[in_flight]["state"] == "uncertain" and rows[in_flight]["attempts"] == 1
    assert [r["state"] for i, r in rows.items() if i != in_flight] == ["delivered"] * (DELIVERIES - 1)
