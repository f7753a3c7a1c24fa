"""Accounts: sign up, log in (throttled, session rotated), profile, password reset by email."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from clinch.accounts.models import User


@pytest.mark.django_db
def test_a_visitor_signs_up_lands_signed_in_on_home_and_confirms_the_address(client, settings):
    from clinch import background
    from clinch import settings as production

    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS
    response = client.post(
        reverse("signup"),
        {
            "username": "dana",
            "display_name": "Dana Whitfield",
            "email": "dana@example.org",
            "timezone": "America/Denver",
            "country": "US",
            "password1": "a long passphrase 42",
            "password2": "a long passphrase 42",
        },
        follow=True,
    )
    user = User.objects.get(username="dana")
    assert response.context["user"] == user and b"<h1>Today</h1>" in response.content
    assert "we sent a link to dana@example.org" in response.content.decode()
    assert user.timezone == "America/Denver"
    assert user.password.startswith("argon2")
    assert user.is_active and user.email_verified_at is None
    assert background.wait_idle()
    link = re.search(r"http://testserver(/accounts/verify/\S+/)", mail.outbox[-1].body).group(1)
    response = client.post(link, follow=True)
    user.refresh_from_db()
    assert user.email_verified_at is not None
    assert response.context["user"] == user
    assert b"<h1>Today</h1>" in response.content and b"Confirm your address:" not in response.content


@pytest.mark.django_db
def test_signup_rejects_an_unknown_time_zone_and_keeps_what_was_typed(client):
    response = client.post(
        reverse("signup"),
        {"username": "dana", "email": "dana@example.org", "timezone": "Mars/Base", "country": "US",
         "password1": "a long passphrase 42", "password2": "a long passphrase 42"},
    )
    assert response.status_code == 200
    assert "time zone" in response.content.decode()
    assert 'value="dana@example.org"' in response.content.decode()
    assert not User.objects.exists()


def test_login_rotates_the_session(client, dana):
    client.get(reverse("login"))
    before = client.session.session_key
    response = client.post(reverse("login"), {"username": "dana", "password": "correct horse battery"})
    assert response.status_code == 302
    assert client.session.session_key != before


def test_login_is_throttled_after_repeated_failures(client, dana, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        assert client.post(reverse("login"), {"username": "dana", "password": "wrong"}).status_code == 200
    response = client.post(reverse("login"), {"username": "dana", "password": "correct horse battery"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_password_reset_mails_a_link_that_sets_a_new_password(client, dana):
    from clinch import background

    client.post(reverse("password_reset"), {"email": "dana@example.org"})
    assert background.wait_idle()
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    client.post(form_page.redirect_chain[-1][0], {"new_password1": "brand new phrase 77", "new_password2": "brand new phrase 77"})
    dana.refresh_from_db()
    assert dana.check_password("brand new phrase 77")


def test_profile_saves_zone_country_and_signature(dana_client, dana):
    response = dana_client.post(
        reverse("profile"),
        {"display_name": "Dana W.", "email": "dana@example.org", "timezone": "Europe/Berlin",
         "country": "DE", "signature": "Dana W.\n+1 555 0100"},
    )
    assert response.status_code == 302
    dana.refresh_from_db()
    assert (dana.timezone, dana.country, dana.signature) == ("Europe/Berlin", "DE", "Dana W.\n+1 555 0100")


def test_profile_takes_a_region_for_its_holidays(dana_client, dana):
    form = {"display_name": "Dana", "email": "dana@example.org", "timezone": "Europe/London"}
    assert dana_client.post(reverse("profile"), {**form, "country": "gb-eng"}).status_code == 302
    dana.refresh_from_db()
    assert dana.country == "GB-ENG"  # England's Easter Monday counts as a day off
    response = dana_client.post(reverse("profile"), {**form, "country": "GB-XYZ"})
    assert response.status_code == 200 and "GB-ENG" in response.content.decode()
    dana.refresh_from_db()
    assert dana.country == "GB-ENG"


def test_profile_rejects_a_country_without_holiday_data(dana_client, dana):
    response = dana_client.post(
        reverse("profile"),
        {"display_name": "Dana", "email": "dana@example.org", "timezone": "UTC", "country": "QQ"},
    )
    assert response.status_code == 200
    dana.refresh_from_db()
    assert dana.country == "US"


def test_csrf_is_enforced_on_login(dana):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("login"), {"username": "dana", "password": "correct horse battery"})
    assert response.status_code == 403


def test_clinch_manage_createstaff_makes_an_agency_staff_account(db, monkeypatch):
    import io

    from django.core.management import call_command

    from clinch.accounts.models import User

    monkeypatch.setenv("CLINCH_STAFF_PASSWORD", "a long staff passphrase 7")
    out = io.StringIO()
    call_command("createstaff", "priya", "--email", "priya@agency.example", "--name", "Priya Raman", "--noinput",
                 stdout=out)
    priya = User.objects.get(username="priya")
    assert priya.role == "agency_staff" and priya.is_agency_staff and priya.display_name == "Priya Raman"
    assert priya.check_password("a long staff passphrase 7") and not priya.is_superuser
    assert "land on the desk" in out.getvalue()


def test_createstaff_is_listed_by_clinch_manage():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "clinch.cli", "manage", "createstaff", "--help"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "agency staff" in done.stdout and "CLINCH_STAFF_PASSWORD" in done.stdout


def test_createstaff_refuses_a_weak_or_missing_password(db, monkeypatch):
    from django.core.management import CommandError, call_command

    from clinch.accounts.models import User

    monkeypatch.delenv("CLINCH_STAFF_PASSWORD", raising=False)
    with pytest.raises(CommandError):
        call_command("createstaff", "priya", "--noinput")
    monkeypatch.setenv("CLINCH_STAFF_PASSWORD", "123")
    with pytest.raises(CommandError):
        call_command("createstaff", "priya", "--noinput")
    assert not User.objects.filter(username="priya").exists()


def test_createstaff_turns_an_existing_account_into_staff(dana):
    from django.core.management import call_command

    call_command("createstaff", "dana")
    dana.refresh_from_db()
    assert dana.role == "agency_staff" and dana.check_password("correct horse battery")
