"""Spam traps: honeypot, timing, rate limit. A trapped bot sees the same success page as a person."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core import mail
from django.test import Client

from clinch.consult import guard
from clinch.consult.models import ConsultationRequest, SpamCount
from tests.consult.conftest import form_data, person_token

URL = "/consultation"


def spam_counts() -> dict[str, int]:
    return dict(SpamCount.objects.values_list("reason", "count"))


@pytest.mark.django_db
def test_a_filled_honeypot_gets_the_success_page_but_nothing_is_stored_or_sent(client):
    response = client.post(URL, form_data(website="https://cheap-pills.example"))
    assert response.status_code == 302
    assert response["Location"] == "/consultation/thanks"
    assert not ConsultationRequest.objects.exists()
    assert mail.outbox == []
    assert spam_counts() == {"honeypot": 1}


@pytest.mark.django_db
def test_a_filled_honeypot_wins_even_when_the_rest_of_the_form_is_junk(client):
    response = client.post(URL, {"website": "x", "first_name": "", "started": "garbage"})
    assert response.status_code == 302
    assert not ConsultationRequest.objects.exists()


@pytest.mark.django_db
def test_a_submission_faster_than_a_person_types_asks_for_a_confirmation_click(client):
    response = client.post(URL, form_data(started=guard.issue_token(), role="Staff engineer"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Not sent yet." in page and "Yes, send my request" in page and 'value="Staff engineer"' in page
    assert "/consultation/thanks" not in response.get("Location", "")
    assert not ConsultationRequest.objects.exists()
    assert mail.outbox == []
    assert spam_counts() == {"too_fast": 1}
    fresh = re.search(r'name="started" value="([^"]+)"', page).group(1)
    assert client.post(URL, form_data(started=fresh, role="Staff engineer")).status_code == 302  # the click
    assert ConsultationRequest.objects.get().role == "Staff engineer"


@pytest.mark.django_db
def test_a_submission_after_the_minimum_fill_time_is_accepted(client):
    client.post(URL, form_data(started=person_token(seconds_ago=4)))
    assert ConsultationRequest.objects.count() == 1
    assert spam_counts() == {}


@pytest.mark.django_db
def test_counts_add_up_per_day_and_reason(client):
    for _ in range(3):
        client.post(URL, form_data(website="x"))
    client.post(URL, form_data(started=guard.issue_token()))
    assert spam_counts() == {"honeypot": 3, "too_fast": 1}
    assert SpamCount.objects.filter(day=date.today()).count() == 2


@pytest.mark.django_db
def test_an_expired_form_is_shown_again_with_everything_typed_and_goes_through_next_time(client):
    two_days = 2 * 86400
    response = client.post(URL, form_data(started=person_token(seconds_ago=two_days), role="Staff engineer"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "send it again" in page
    assert 'value="Staff engineer"' in page
    assert "I am looking for a data engineering role in Denver." in page
    assert not ConsultationRequest.objects.exists()
    fresh = re.search(r'name="started" value="([^"]+)"', page).group(1)
    # The person already spent their time typing: an immediate resubmit is not "too fast".
    assert client.post(URL, form_data(started=fresh, role="Staff engineer")).status_code == 302
    assert ConsultationRequest.objects.get().role == "Staff engineer"


@pytest.mark.django_db
def test_a_forged_or_missing_token_is_shown_again_and_gets_no_head_start(client):
    response = client.post(URL, form_data(started="forged:token"))
    assert response.status_code == 200
    assert "send it again" in response.content.decode()
    fresh = re.search(r'name="started" value="([^"]+)"', response.content.decode()).group(1)
    client.post(URL, form_data(started=fresh))  # immediately: a script's pace
    assert not ConsultationRequest.objects.exists()
    assert spam_counts() == {"too_fast": 1}


@pytest.mark.django_db
def test_too_many_submissions_from_one_client_get_a_friendly_429(client):
    for n in range(5):
        assert client.post(URL, form_data(email=f"ana{n}@example.org")).status_code == 302
    response = client.post(URL, form_data(email="ana5@example.org"))
    assert response.status_code == 429
    assert "Please wait a little" in response.content.decode()
    assert "try again in 60 minutes" in response.content.decode()
    assert ConsultationRequest.objects.count() == 5
    assert spam_counts() == {"rate_limited": 1}


@pytest.mark.django_db
def test_the_rate_limit_is_per_client(client):
    for _ in range(6):
        client.post(URL, form_data(), REMOTE_ADDR="203.0.113.7")
    other = Client(REMOTE_ADDR="198.51.100.20")
    assert other.post(URL, form_data()).status_code == 302


@pytest.mark.django_db
def test_the_rate_limit_counts_trapped_bots_too(client):
    for _ in range(5):
        client.post(URL, form_data(website="x"))
    assert client.post(URL, form_data()).status_code == 429
    assert not ConsultationRequest.objects.exists()


@pytest.mark.django_db
def test_behind_a_trusted_proxy_the_forwarded_address_is_the_client(client, settings):
    settings.TRUST_PROXY = True
    for _ in range(6):
        client.post(URL, form_data(), HTTP_X_FORWARDED_FOR="203.0.113.7")
    # An entry the client wrote itself, left of the one the proxy added, changes nothing.
    assert client.post(URL, form_data(), HTTP_X_FORWARDED_FOR="198.51.100.99, 203.0.113.7").status_code == 429
    assert client.post(URL, form_data(), HTTP_X_FORWARDED_FOR="198.51.100.20").status_code == 302


@pytest.mark.django_db
def test_the_limit_resets_after_the_window(client, settings, time_machine):
    settings.CONSULT_RATE_LIMIT = 1
    settings.CONSULT_RATE_WINDOW_SECONDS = 60
    time_machine.move_to("2026-11-26 09:00:00+00:00", tick=False)
    assert client.post(URL, form_data()).status_code == 302
    assert client.post(URL, form_data()).status_code == 429
    time_machine.move_to("2026-11-26 09:01:01+00:00", tick=False)
    assert client.post(URL, form_data()).status_code == 302


@pytest.mark.django_db
def test_a_person_pressing_send_at_once_on_an_empty_form_sees_the_errors_not_the_success_page(client):
    response = client.post(URL, {"started": guard.issue_token(), "website": ""})
    assert response.status_code == 200
    assert "Tell us your first name." in response.content.decode()
    assert spam_counts() == {}


@pytest.mark.django_db(transaction=True)
def test_concurrent_blocks_on_the_same_day_are_all_counted():
    import threading

    from django.db import connection, connections

    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("this SQLite test database lives in one connection's memory")
    start = threading.Barrier(8)

    def block():
        start.wait()
        try:
            for _ in range(5):
                guard.record_blocked("honeypot")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=block) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert spam_counts() == {"honeypot": 40}
