"""Sign-up confirms the address before Clinch mails it anything, and never tells whether an address has an account."""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse

from clinch import background
from clinch.accounts.models import User

pytestmark = pytest.mark.django_db
MAIL_SECONDS = 0.6  # the slow mail server below
HASH_SECONDS = 0.3  # the slow password hasher below


class SlowMailServer(EmailBackend):
    def send_messages(self, messages):
        time.sleep(MAIL_SECONDS)
        return super().send_messages(messages)


class SlowHasher(MD5PasswordHasher):
    algorithm = "slow_md5"

    def encode(self, password, salt):
        time.sleep(HASH_SECONDS)
        return super().encode(password, salt).replace("md5$", "slow_md5$", 1)


def sign_up(client, **fields):
    form = {"username": "newcomer", "display_name": "Ana Lima", "email": "ana@example.org", "timezone": "UTC",
            "country": "US", "password1": "a long passphrase 42", "password2": "a long passphrase 42", **fields}
    return client.post(reverse("signup"), form)


def main(response) -> str:
    """The page's content (the CSRF token around it differs on every response)."""
    assert response.status_code == 200
    return re.search(r"<main.*</main>", response.content.decode(), re.S).group(0)


def mails_to(address):
    assert background.wait_idle()
    return [m for m in mail.outbox if address in m.to[0]]


def verify_link(message) -> str:
    return re.search(r"http://testserver(/accounts/verify/\S+/)", message.body).group(1)


def test_a_taken_address_gets_the_same_page_and_its_owner_a_notice(client, dana):
    taken = main(sign_up(client, username="someone", email="DANA@example.org"))
    fresh = main(sign_up(client, username="another", email="fresh@example.org"))
    assert taken.replace("DANA@example.org", "X") == fresh.replace("fresh@example.org", "X")
    assert not User.objects.filter(username="someone").exists()
    [notice] = mails_to("dana@example.org")
    assert notice.subject == "Someone tried to use your email address on Clinch"
    assert "your user name is dana" in notice.body and "/accounts/verify/" not in notice.body
    [link] = mails_to("fresh@example.org")
    assert "/accounts/verify/" in link.body


def test_the_taken_address_costs_the_same_password_hashing_and_the_mail_waits(client, dana, settings):
    settings.PASSWORD_HASHERS = ["tests.foundation.test_signup.SlowHasher"]
    settings.MAILERS = {"default": {"BACKEND": "tests.foundation.test_signup.SlowMailServer"}}
    sign_up(client, username="warm-up", email="new@example.org", password2="no match")  # first-request costs
    times = {}
    for label, email in (("taken", "dana@example.org"), ("new", "new@example.org")):
        started = time.monotonic()
        sign_up(client, username=f"user-{label}", email=email)
        times[label] = time.monotonic() - started
    assert all(HASH_SECONDS <= seconds < HASH_SECONDS + MAIL_SECONDS for seconds in times.values()), times
    assert len(mails_to("@example.org")) == 2


def test_an_unconfirmed_account_cannot_log_in_or_get_a_reset_mail(client):
    sign_up(client)
    mails_to("ana@example.org")
    mail.outbox.clear()
    response = client.post(reverse("login"), {"username": "newcomer", "password": "a long passphrase 42"})
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    client.post(reverse("password_reset"), {"email": "ana@example.org"})
    assert mails_to("ana@example.org") == []


def test_opening_the_link_is_not_enough_a_person_confirms(client):
    sign_up(client)
    link = verify_link(mails_to("ana@example.org")[0])
    page = client.get(link)
    assert page.status_code == 200 and "Confirm my address" in page.content.decode()
    assert not User.objects.get(username="newcomer").is_active
    client.post(link)
    user = User.objects.get(username="newcomer")
    assert user.is_active and user.email_verified_at is not None
    assert client.session["_auth_user_id"] == str(user.pk)


def test_an_old_or_altered_link_does_nothing(client, time_machine):
    time_machine.move_to("2026-05-20 12:00:00+00:00", tick=False)
    sign_up(client)
    link = verify_link(mails_to("ana@example.org")[0])
    assert client.post(link[:-3] + "xx/").status_code == 400
    time_machine.move_to("2026-05-23 12:00:01+00:00", tick=False)
    response = client.post(link)
    assert response.status_code == 400 and "expired" in response.content.decode()
    assert not User.objects.get(username="newcomer").is_active


def test_a_sign_up_waiting_for_its_link_does_not_hold_the_address(client):
    sign_up(client, username="typo")  # never confirmed
    sign_up(client, username="ana")
    assert User.objects.filter(email="ana@example.org").count() == 2
    links = [verify_link(m) for m in mails_to("ana@example.org")]
    client.post(links[1])
    assert User.objects.get(username="ana").is_active
    assert client.post(links[0]).status_code == 409  # the address belongs to "ana" now


def test_a_new_address_in_the_profile_counts_once_confirmed(dana_client, dana):
    profile = {"display_name": "Dana", "email": "dana.new@example.org", "timezone": "UTC", "country": "US"}
    page = dana_client.post(reverse("profile"), profile, follow=True).content.decode()
    assert "We sent a link to dana.new@example.org: the address counts once you open it" in page
    dana.refresh_from_db()
    assert dana.email == "dana@example.org"
    dana_client.post(verify_link(mails_to("dana.new@example.org")[0]))
    dana.refresh_from_db()
    assert dana.email == "dana.new@example.org" and dana.is_active


def test_moving_to_a_taken_address_tells_its_owner_and_changes_nothing(dana_client, dana, mallory):
    profile = {"display_name": "Dana", "email": "mallory@example.org", "timezone": "UTC", "country": "US"}
    page = dana_client.post(reverse("profile"), profile, follow=True).content.decode()
    assert "We sent a link to mallory@example.org" in page
    [notice] = mails_to("mallory@example.org")
    assert "move a Clinch account" in notice.body and "/accounts/verify/" not in notice.body
    dana.refresh_from_db()
    assert dana.email == "dana@example.org"


def test_a_password_reset_takes_as_long_for_a_known_address_as_for_an_unknown_one(client, dana, settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.foundation.test_signup.SlowMailServer"}}
    for email in ("dana@example.org", "nobody@example.org"):
        started = time.monotonic()
        assert client.post(reverse("password_reset"), {"email": email}).status_code == 302
        assert time.monotonic() - started < MAIL_SECONDS, email
    assert len(mails_to("dana@example.org")) == 1 and mails_to("nobody@example.org") == []


def test_staff_hear_of_requests_only_at_confirmed_addresses(make_user, settings):
    from clinch.consult.emails import staff_recipients

    settings.STAFF_NOTIFY_EMAILS = []
    make_user("priya", role="agency_staff")
    make_user("new-staff", role="agency_staff", email_verified_at=None)
    assert staff_recipients() == ["priya@example.org"]


def test_accounts_from_before_confirmation_keep_their_resets(dana):
    """The migration counts existing addresses as confirmed (at the date the account was made)."""
    from importlib import import_module

    from django.apps import apps

    User.objects.filter(pk=dana.pk).update(email_verified_at=None)
    migration = import_module("clinch.accounts.migrations.0005_email_verified_at")
    migration.existing_addresses_count_as_verified(apps, None)
    dana.refresh_from_db()
    assert dana.email_verified_at == dana.date_joined
    assert timedelta(0) == dana.email_verified_at - dana.date_joined


def test_an_account_an_administrator_made_confirms_its_address_from_the_profile(client, make_user):
    admin_made = make_user("lee", email="lee@example.org", email_verified_at=None)
    client.force_login(admin_made)
    assert "is not confirmed yet" in client.get(reverse("profile")).content.decode()
    profile = {"display_name": "Lee", "email": "lee@example.org", "timezone": "UTC", "country": "US"}
    client.post(reverse("profile"), profile)
    client.post(verify_link(mails_to("lee@example.org")[0]))
    admin_made.refresh_from_db()
    assert admin_made.email_verified_at is not None
    assert "is not confirmed yet" not in client.get(reverse("profile")).content.decode()
