"""Connections to users' mail servers: public addresses only, short, bounded, and "could not connect" when they fail."""

from __future__ import annotations

import socket
import time

import pytest
from django.core.cache import cache
from django.urls import reverse

from clinch.mail import crypto, imap as imap_module, outbound, services
from clinch.mail.models import MailAccount, Message
from clinch.mail.worker import send_one_due
from tests.mail.conftest import NOW, make_account

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_refused(settings):
    settings.MAIL_ALLOW_PRIVATE_HOSTS = False


def connection_arrived(server) -> bool:
    """Whether anyone connected to a SilentServer (the kernel queues it even though nobody accepts)."""
    server.sock.settimeout(0.3)
    try:
        server.sock.accept()[0].close()
        return True
    except (socket.timeout, OSError):
        return False


@pytest.mark.parametrize("address", [
    "127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
    "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
])
def test_loopback_private_and_link_local_addresses_are_not_public(address):
    assert not outbound.is_public(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:2800:220:1:248:1893:25c8:1946"])
def test_internet_addresses_are_public(address):
    assert outbound.is_public(address)


def test_the_test_button_does_not_connect_into_this_machine(private_refused, dana, silent):
    account = make_account(dana, silent.port)
    ok, answer = services.send_test_message(account)
    assert not ok
    assert answer.startswith(f"Could not connect to 127.0.0.1 port {silent.port}: it leads to this machine")
    assert not connection_arrived(silent)


def test_a_name_that_resolves_to_loopback_is_refused_too(private_refused, dana, silent):
    account = make_account(dana, silent.port)
    account.smtp_host = "localhost"
    account.save()
    ok, answer = services.send_test_message(account)
    assert not ok and "private network" in answer
    assert not connection_arrived(silent)


def test_the_page_says_could_not_connect_not_an_exception(private_refused, dana_client, dana, silent):
    make_account(dana, silent.port)
    page = dana_client.post(reverse("mail:send_test"), follow=True).content.decode()
    assert "The test message was not sent. Could not connect to 127.0.0.1" in page
    assert "Error" not in page and "errno" not in page.lower()


def test_a_closed_port_and_a_silent_one_read_the_same_and_end_quickly(dana, sink, silent, settings):
    settings.MAIL_TEST_TIMEOUT_SECONDS = 1
    sink.stop()
    closed = services.send_test_message(make_account(dana, sink.port))
    cache.clear()
    MailAccount.objects.filter(owner=dana).delete()
    started = time.monotonic()
    hung = services.send_test_message(make_account(dana, silent.port))
    assert time.monotonic() - started < 5
    assert closed[1].replace(str(sink.port), "N") == hung[1].replace(str(silent.port), "N")
    assert hung[1] == f"Could not connect to 127.0.0.1 port {silent.port}. Check the server name, the port and the security setting."


def test_a_user_gets_a_few_tests_then_waits(dana, sink, settings):
    settings.MAIL_TEST_LIMIT = 2
    account = make_account(dana, sink.port)
    assert services.send_test_message(account)[0]
    assert services.send_test_message(account)[0]
    ok, answer = services.send_test_message(account)
    assert not ok and answer.startswith("That is 2 tests in 10 minutes")
    assert len(sink.messages) == 2


def test_one_test_at_a_time_per_user(dana, sink):
    account = make_account(dana, sink.port)
    cache.add(f"mail-test-running:{dana.pk}", 1, 60)  # another request of dana's is mid-test
    assert services.send_test_message(account) == (False, "A test message is already on its way: wait for it to finish.")
    assert sink.messages == []


def test_the_worker_fails_a_message_to_a_private_server_at_once(private_refused, dana, interview, thank_you, silent):
    make_account(dana, silent.port)
    message = services.schedule_followup(thank_you, now=NOW)
    assert send_one_due(now=NOW, worker_name="test")
    message.refresh_from_db()
    assert message.state == Message.State.FAILED and "does not connect there" in message.last_error
    assert not connection_arrived(silent)


def test_imap_polling_does_not_connect_into_this_machine(private_refused, account, interview, imap):
    account.imap_host, account.imap_port, account.imap_security = "127.0.0.1", imap.port, "none"
    account.imap_username, account.imap_password_encrypted = "dana@example.org", crypto.encrypt("imap-secret")
    account.save()
    assert imap_module.poll_due_accounts(now=NOW) == 0
    assert imap.commands == []


def test_with_private_hosts_allowed_a_local_relay_works(dana, sink):
    assert services.send_test_message(make_account(dana, sink.port)) == (True, "")


@pytest.mark.parametrize("folder", ["INBOX\r\nA1 DELETE INBOX", "Sent\x00", "Boîte"])
def test_the_imap_folder_is_one_printable_line(dana_client, dana, folder):
    form = {
        "from_name": "Dana Whitfield", "from_email": "dana@example.org", "smtp_host": "smtp.example.org",
        "smtp_port": "587", "smtp_security": "starttls", "smtp_username": "dana", "smtp_password": "app pass 1",
        "imap_host": "imap.example.org", "imap_port": "993", "imap_security": "ssl", "imap_username": "",
        "imap_password": "x", "imap_folder": folder,
    }
    response = dana_client.post(reverse("mail:settings"), form)
    page = response.content.decode()
    assert response.status_code == 200
    assert "plain letters, digits and punctuation" in page or "Null characters are not allowed" in page
    assert not MailAccount.objects.exists()


def test_a_folder_with_spaces_and_quotes_is_sent_as_one_quoted_name(account, interview, imap):
    account.imap_host, account.imap_port, account.imap_security = "127.0.0.1", imap.port, "none"
    account.imap_username, account.imap_password_encrypted = "dana@example.org", crypto.encrypt("imap-secret")
    account.imap_folder = 'Sent "Items" \\ 2026'
    account.save()
    imap_module.poll_due_accounts(now=NOW)
    assert 'SELECT "Sent \\"Items\\" \\\\ 2026"' in imap.commands or 'EXAMINE "Sent \\"Items\\" \\\\ 2026"' in imap.commands
