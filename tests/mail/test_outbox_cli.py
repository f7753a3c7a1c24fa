"""`clinch outbox`: operators see every outgoing message and can retry or cancel one."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import time_machine

from clinch.cli import main
from clinch.mail import services
from clinch.mail.worker import send_one_due
from tests.mail.conftest import NOW

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def failed(account, thank_you, sink):
    message = services.send_now(thank_you, now=NOW)
    sink.mode = "5xx"
    with time_machine.travel(NOW, tick=False):
        send_one_due(now=NOW, worker_name="t")
    message.refresh_from_db()
    return message


def test_it_lists_messages_with_state_times_attempts_id_and_error(failed, capsys):
    assert main(["outbox"]) == 0
    out = capsys.readouterr().out
    assert "failed" in out and failed.message_id in out and "550 5.7.1 Message rejected as spam" in out


def test_it_filters_by_state_and_speaks_json(failed, capsys):
    assert main(["outbox", "--state", "failed", "--json"]) == 0
    [line] = capsys.readouterr().out.splitlines()
    item = json.loads(line)
    assert item["id"] == failed.pk and item["state"] == "failed" and item["attempts"] == 1
    assert item["message_id"] == failed.message_id and item["last_error"].startswith("550")
    assert main(["outbox", "--state", "sent"]) == 0
    assert "No messages in state sent." in capsys.readouterr().out


def test_retry_schedules_a_failed_message_again_with_the_same_id(failed, sink, capsys):
    with time_machine.travel(NOW, tick=False):
        assert main(["outbox", "retry", str(failed.pk)]) == 0
    failed.refresh_from_db()
    assert failed.state == "scheduled"
    sink.mode = "accept"
    later = NOW + timedelta(minutes=1)
    with time_machine.travel(later, tick=False):
        send_one_due(now=later, worker_name="t")
    assert sink.message_ids() == {failed.message_id: 1}


def test_cancel_by_public_id_and_clear_refusals(failed, capsys):
    assert main(["outbox", "cancel", str(failed.public_id)]) == 0
    failed.refresh_from_db()
    assert failed.state == "cancelled"
    assert main(["outbox", "retry", str(failed.pk)]) == 1
    assert "cancelled now" in capsys.readouterr().err
    assert main(["outbox", "cancel", "999999"]) == 1
    assert main(["outbox", "retry"]) == 2


@pytest.mark.parametrize("argv, said", [
    (["outbox", "list", "42"], "clinch outbox: list takes no id (did you mean retry or cancel?)"),
    (["outbox", "retry"], "clinch outbox: retry needs a message id (see `clinch outbox`)"),
    (["followups", "list", "42"], "clinch followups: list takes no id (did you mean schedule or send-now?)"),
    (["followups", "send-now"], "clinch followups: send-now needs a follow-up id (see `clinch followups`)"),
])
def test_an_id_where_none_belongs_or_none_where_one_does_is_refused(argv, said, capsys):
    assert main(argv) == 2
    assert capsys.readouterr().err.strip() == said
