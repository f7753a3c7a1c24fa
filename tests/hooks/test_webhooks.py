"""Webhooks: queued as rows when things happen, delivered by the worker to a loopback receiver,
signed, retried on 500, never sent twice, and only to addresses mail may reach."""

from __future__ import annotations

import json
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import time_machine
from django.utils import timezone

from clinch.hooks import signing
from tests.api.conftest import api_for, dana_api  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


class Receiver:
    """An HTTP endpoint on 127.0.0.1 that verifies each request's signature and answers ``answers`` in turn."""

    def __init__(self, secret: str, answers=(200,)):
        self.secret, self.answers, self.received, self.refused, self.seen = secret, list(answers), [], [], set()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                headers = {k.lower(): v for k, v in self.headers.items()}
                try:
                    signing.verify(receiver.secret, headers=headers, body=body, now=time.time(), seen=receiver.seen)
                    receiver.received.append(json.loads(body))
                except signing.BadSignature as error:
                    receiver.refused.append(str(error))
                status = receiver.answers.pop(0) if len(receiver.answers) > 1 else receiver.answers[0]
                if status != 200:  # a failed request may be sent again: forget it was seen
                    receiver.seen.discard(headers.get("webhook-id"))
                    receiver.received and receiver.received.pop()
                self.send_response(status)
                self.end_headers()
                self.wfile.write(b"thanks" if status == 200 else b"broken")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(autouse=True)
def _loopback_allowed(settings):
    settings.MAIL_ALLOW_PRIVATE_HOSTS = True  # the receiver listens on loopback
    settings.WEBHOOK_TIMEOUT_SECONDS = 2


def hook_for(user, url, events=("outcome.recorded",)):
    from clinch.hooks.services import create_webhook

    return create_webhook(owner=user, url=url, events=list(events))


def record_an_outcome(user):
    from clinch.followups.services import record_outcome
    from tests.api.conftest import NOW, build_world

    with time_machine.travel(NOW, tick=False):
        world = build_world(user)
    record_outcome(opportunity=world["opportunities"], outcome="offer", now=timezone.now())
    return world


def deliver_all(worker="w1"):
    from clinch.hooks.services import deliver_one_due

    sent = 0
    while deliver_one_due(now=timezone.now(), worker_name=worker):
        sent += 1
    return sent


def test_an_outcome_is_delivered_signed_and_recorded(dana):
    from clinch.hooks.models import Delivery

    receiver = None
    try:
        hook, secret = hook_for(dana, "http://127.0.0.1:1/")
        receiver = Receiver(secret)
        type(hook).objects.filter(pk=hook.pk).update(url=receiver.url)
        world = record_an_outcome(dana)
        assert receiver.received == []  # nothing is sent by the request that recorded it
        assert deliver_all() == 1
        [event] = receiver.received
        assert event["type"] == "outcome.recorded" and event["data"]["outcome"] == "offer"
        assert event["data"]["opportunity"] == str(world["opportunities"].public_id)
        delivery = Delivery.objects.get()
        assert delivery.state == "delivered" and delivery.response_status == 200 and delivery.response_body == "thanks"
    finally:
        receiver and receiver.stop()


def test_a_500_is_retried_with_backoff_then_delivered_once(dana, settings):
    from clinch.hooks.models import Delivery

    settings.WEBHOOK_RETRY_BASE_SECONDS = 30
    hook, secret = hook_for(dana, "http://127.0.0.1:1/")
    receiver = Receiver(secret, answers=[500, 200])
    try:
        type(hook).objects.filter(pk=hook.pk).update(url=receiver.url)
        record_an_outcome(dana)
        assert deliver_all() == 1
        delivery = Delivery.objects.get()
        assert delivery.state == "pending" and delivery.response_status == 500 and delivery.attempts == 1
        assert delivery.next_attempt_at > timezone.now() + timedelta(seconds=25)
        assert deliver_all() == 0  # not due yet
        with time_machine.travel(timezone.now() + timedelta(seconds=31)):
            assert deliver_all() == 1
        delivery.refresh_from_db()
        assert delivery.state == "delivered" and delivery.attempts == 2
        assert len(receiver.received) == 1 and receiver.refused == []
    finally:
        receiver.stop()


def test_a_worker_killed_mid_call_leaves_it_uncertain_never_sent_twice(dana, settings):
    from clinch.hooks.models import Delivery
    from clinch.hooks.services import claim_one
    from clinch.mail.worker import sweep_expired_leases

    hook, secret = hook_for(dana, "http://127.0.0.1:1/")
    receiver = Receiver(secret)
    try:
        type(hook).objects.filter(pk=hook.pk).update(url=receiver.url)
        record_an_outcome(dana)
        assert claim_one(now=timezone.now(), worker_name="killed") is not None  # ... and the process dies here
        later = timezone.now() + timedelta(seconds=settings.WORKER_LEASE_SECONDS + 1)
        sweep_expired_leases(now=later)
        from clinch.hooks.services import deliver_one_due

        assert deliver_one_due(now=later, worker_name="w2") is False
        delivery = Delivery.objects.get()
        assert delivery.state == "uncertain" and receiver.received == []
    finally:
        receiver.stop()


def test_a_private_address_is_refused_as_for_mail_servers(dana, settings):
    from clinch.hooks.models import Delivery

    settings.MAIL_ALLOW_PRIVATE_HOSTS = False
    hook_for(dana, "http://127.0.0.1:9/hook")
    record_an_outcome(dana)
    assert deliver_all() == 1
    delivery = Delivery.objects.get()
    assert delivery.state == "failed" and delivery.attempts == 1 and "127.0.0.1" in delivery.last_error


def test_a_replayed_or_tampered_request_is_refused_by_verify():
    body = b'{"type": "outcome.recorded"}'
    now = 1_800_000_000
    headers = signing.headers("whsec_x", delivery_id="d1", timestamp=now, body=body)
    assert signing.verify("whsec_x", headers=headers, body=body, now=now) == "d1"
    with pytest.raises(signing.BadSignature, match="replayed"):
        signing.verify("whsec_x", headers=headers, body=body, now=now + signing.TOLERANCE + 1)
    with pytest.raises(signing.BadSignature, match="does not match"):
        signing.verify("whsec_x", headers=headers, body=body + b" ", now=now)
    seen = set()
    signing.verify("whsec_x", headers=headers, body=body, now=now, seen=seen)
    with pytest.raises(signing.BadSignature, match="already received"):
        signing.verify("whsec_x", headers=headers, body=body, now=now, seen=seen)


def test_a_reply_is_queued_once_however_often_it_is_seen(dana):
    from clinch.hooks.models import Delivery
    from clinch.mail.services import record_reply
    from tests.api.conftest import NOW, build_world

    hook_for(dana, "https://hooks.example/x", events=["reply.received", "followup.sent"])
    with time_machine.travel(NOW, tick=False):
        world = build_world(dana)
        record_reply(opportunity=world["opportunities"], now=NOW, from_email="rquinones@larkspur.example",
                     message_id="<r1@larkspur.example>")
        record_reply(opportunity=world["opportunities"], now=NOW, message_id="<r1@larkspur.example>")
    assert list(Delivery.objects.values_list("event", flat=True)) == ["reply.received"]


def test_webhooks_through_the_api_secret_shown_once_and_deliveries_listed(dana, dana_api):
    created = dana_api.post("webhooks", {"url": "https://hooks.example/dana", "events": ["outcome.recorded"]})
    assert created.status_code == 201 and created.json()["secret"].startswith("whsec_")
    hook_id = created.json()["id"]
    assert "secret" not in dana_api.get(f"webhooks/{hook_id}").json()
    record_an_outcome(dana)
    listed = dana_api.get(f"webhooks/{hook_id}/deliveries").json()["items"]
    assert [d["event"] for d in listed] == ["outcome.recorded"] and listed[0]["state"] == "pending"
    bad = dana_api.post("webhooks", {"url": "https://hooks.example/x", "events": ["everything"]})
    assert bad.status_code == 422 and bad.json()["errors"][0]["path"].startswith("/events")


@pytest.mark.parametrize("kind, event", [("sent", "followup.sent"), ("failed", "followup.failed"),
                                         ("uncertain", "followup.uncertain")])
def test_what_becomes_of_a_message_is_queued_by_the_worker(dana, kind, event):
    from clinch.hooks.models import Delivery
    from clinch.mail import transport
    from clinch.mail.models import Message
    from clinch.mail.worker import record_outcome

    hook, _secret = hook_for(dana, "https://hooks.example/x",
                             events=["followup.sent", "followup.failed", "followup.uncertain"])
    world = record_an_outcome(dana)
    Delivery.objects.all().delete()
    message = world["messages"]
    Message.objects.filter(pk=message.pk).update(state="sending", claimed_by="w1",
                                                 lease_expires_at=timezone.now() + timedelta(minutes=5))
    message.refresh_from_db()
    record_outcome(message, transport.Outcome(kind, 250 if kind == "sent" else 550, "answer"), worker_name="w1")
    [delivery] = Delivery.objects.filter(webhook=hook)
    body = json.loads(delivery.payload)
    assert delivery.event == event and body["data"]["message"] == str(message.public_id)
    assert body["data"]["followup"] == str(world["followups"].public_id)


def test_a_message_outcome_costs_one_query_for_an_owner_without_webhooks(dana):
    """The worker records every send: without an endpoint that wants it, nothing more is read."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from clinch.hooks.models import Delivery, Webhook
    from clinch.hooks.services import message_event

    message = record_an_outcome(dana)["messages"]
    Webhook.objects.filter(owner=dana).update(events=["reply.received"])  # wants other events only
    message = type(message).objects.get(pk=message.pk)  # no follow-up or opportunity loaded yet
    with CaptureQueriesContext(connection) as queries:
        message_event(message, "sent", now=timezone.now())
    assert len(queries) == 1 and not Delivery.objects.filter(event="followup.sent").exists()
