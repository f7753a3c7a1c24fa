"""Sign-up logs in at once; Clinch mails the address nothing but its link until it is confirmed, and never tells
whether an address has an account."""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.test import Client
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
    """The page's content, without the CSRF tokens (they differ on every response)."""
    assert response.status_code == 200
    page = re.search(r"<main.*</main>", response.content.decode(), re.S).group(0)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)


def mails_to(address):
    assert background.wait_idle()
    return [m for m in mail.outbox if address in m.to[0]]


def verify_link(message) -> str:
    return re.search(r"http://testserver(/accounts/verify/\S+/)", message.body).group(1)


def verify_links(address) -> list[str]:
    return [verify_link(m) for m in mails_to(address) if "/accounts/verify/" in m.body]


def logged_in_as(client) -> User | None:
    pk = client.session.get("_auth_user_id")
    return User.objects.filter(pk=pk).first() if pk else None


def test_signing_up_logs_in_at_once_with_the_address_unconfirmed_and_mails_it_only_the_link(client):
    response = sign_up(client)
    assert response.status_code == 302 and response["Location"] == "/"
    user = logged_in_as(client)
    assert user.username == "newcomer" and user.is_active and user.email_verified_at is None
    today = main(client.get("/"))
    assert re.search(r"<h1[^>]*>Today</h1>", today)
    assert "Confirm your address:</strong> we sent a link to ana@example.org" in today
    [link] = mails_to("ana@example.org")
    assert link.subject == "Confirm your email address for Clinch" and "/accounts/verify/" in link.body


def test_a_taken_address_gets_the_same_answer_and_its_owner_a_notice(dana):
    taken, fresh = Client(), Client()
    answers = [sign_up(taken, username="someone", email="DANA@example.org"),
               sign_up(fresh, username="another", email="fresh@example.org")]
    assert [(a.status_code, a["Location"]) for a in answers] == [(302, "/"), (302, "/")]
    assert (main(taken.get("/")).replace("DANA@example.org", "X")
            == main(fresh.get("/")).replace("fresh@example.org", "X"))
    someone = logged_in_as(taken)
    assert someone.username == "someone" and someone.email == "DANA@example.org"
    assert someone.email_verified_at is None and someone.is_active
    [notice] = mails_to("dana@example.org")
    assert notice.subject == "Someone tried to use your email address on Clinch"
    assert "your user name is dana" in notice.body and "/accounts/verify/" not in notice.body
    assert verify_links("fresh@example.org") != []


def test_an_address_an_earlier_sign_up_gave_is_taken_too_though_unconfirmed(client, time_machine):
    time_machine.move_to("2026-05-20 12:00:00+00:00", tick=False)
    first, second = Client(), Client()
    sign_up(first, username="first")
    sign_up(second, username="second")
    assert User.objects.filter(email="ana@example.org", email_verified_at=None).count() == 2
    link, notice = mails_to("ana@example.org")
    assert "/accounts/verify/" in link.body and "/accounts/verify/" not in notice.body
    assert "user name" not in notice.body  # the first account has not shown the address is its own
    # "Send it again" from the second account: the notice again at most, never a link.
    time_machine.move_to("2026-05-20 12:05:01+00:00", tick=False)
    mail.outbox.clear()
    second.post(reverse("resend_link"))
    [again] = mails_to("ana@example.org")
    assert again.subject == notice.subject and "/accounts/verify/" not in again.body
    # The first account confirms; the second keeps its account and the address unconfirmed.
    first.post(verify_link(link))
    assert User.objects.get(username="first").email_verified_at is not None
    assert User.objects.get(username="second").email_verified_at is None


def test_an_unconfirmed_claim_lapses_when_its_link_expires_so_the_owner_can_sign_up(client, time_machine, settings):
    time_machine.move_to("2026-05-20 12:00:00+00:00", tick=False)
    squatter, owner = Client(), Client()
    sign_up(squatter, username="squatter")
    mails_to("ana@example.org")
    mail.outbox.clear()
    # The squatter's link can no longer be opened: the owner's own sign-up gets a link, not a notice.
    time_machine.shift(timedelta(seconds=settings.EMAIL_VERIFY_MAX_AGE_SECONDS + 60))
    sign_up(owner, username="owner")
    [link] = verify_links("ana@example.org")
    owner.post(link)
    assert User.objects.get(username="owner").email_verified_at is not None
    # "Send it again" from the lapsed account now tells the owner; it sends no link.
    mails_to("ana@example.org")
    mail.outbox.clear()
    squatter.post(reverse("resend_link"))
    [notice] = mails_to("ana@example.org")
    assert "/accounts/verify/" not in notice.body and "your user name is owner" in notice.body


def test_a_lapsed_claim_gives_way_to_a_later_account_before_either_confirms(client, time_machine, settings):
    time_machine.move_to("2026-05-20 12:00:00+00:00", tick=False)
    squatter, owner = Client(), Client()
    sign_up(squatter, username="squatter")
    time_machine.shift(timedelta(seconds=settings.EMAIL_VERIFY_MAX_AGE_SECONDS + 60))
    sign_up(owner, username="owner")
    mails_to("ana@example.org")
    mail.outbox.clear()
    time_machine.shift(timedelta(minutes=6))
    squatter.post(reverse("resend_link"))
    [notice] = mails_to("ana@example.org")
    assert "/accounts/verify/" not in notice.body and "user name" not in notice.body


def test_send_it_again_mails_the_link_at_most_once_in_five_minutes(client, time_machine):
    time_machine.move_to("2026-05-20 12:00:00+00:00", tick=False)
    sign_up(client)
    mails_to("ana@example.org")
    mail.outbox.clear()
    page = client.post(reverse("resend_link"), {"next": "/contacts/"}, follow=True)
    assert page.redirect_chain == [("/contacts/", 302)]
    assert "We sent a link to ana@example.org a short while ago. Try again in 5 minutes." in page.content.decode()
    assert mails_to("ana@example.org") == []
    time_machine.move_to("2026-05-20 12:05:01+00:00", tick=False)
    page = client.post(reverse("resend_link"), {"next": "https://elsewhere.example/"}, follow=True)
    assert page.redirect_chain == [("/", 302)]
    assert "We sent the link to ana@example.org again." in page.content.decode()
    assert len(verify_links("ana@example.org")) == 1


def test_the_taken_address_costs_the_same_and_the_mail_waits(dana, settings):
    settings.PASSWORD_HASHERS = ["tests.foundation.test_signup.SlowHasher"]
    settings.MAILERS = {"default": {"BACKEND": "tests.foundation.test_signup.SlowMailServer"}}
    sign_up(Client(), username="warm-up", email="new@example.org", password2="no match")  # first-request costs
    times = {}
    for label, email in (("taken", "dana@example.org"), ("new", "new@example.org")):
        started = time.monotonic()
        assert sign_up(Client(), username=f"user-{label}", email=email).status_code == 302
        times[label] = time.monotonic() - started
    assert all(HASH_SECONDS <= seconds < HASH_SECONDS + MAIL_SECONDS for seconds in times.values()), times
    assert len(mails_to("@example.org")) == 2


def test_an_unconfirmed_address_gets_no_reset_mail(client):
    sign_up(client)
    mails_to("ana@example.org")
    mail.outbox.clear()
    client.post(reverse("logout"))
    response = client.post(reverse("login"), {"username": "newcomer", "password": "a long passphrase 42"})
    assert response.status_code == 302 and logged_in_as(client).username == "newcomer"
    client.post(reverse("password_reset"), {"email": "ana@example.org"})
    assert mails_to("ana@example.org") == []


def test_opening_the_link_is_not_enough_a_person_confirms(client):
    sign_up(client)
    link = verify_link(mails_to("ana@example.org")[0])
    page = client.get(link)
    assert page.status_code == 200 and "Confirm my address" in page.content.decode()
    assert User.objects.get(username="newcomer").email_verified_at is None
    response = client.post(link, follow=True)
    assert response.redirect_chain == [("/", 302)]
    assert "ana@example.org is confirmed." in response.content.decode()
    assert "Confirm your address:" not in response.content.decode()
    assert User.objects.get(username="newcomer").email_verified_at is not None


def test_the_link_works_in_a_browser_where_no_one_is_logged_in(client):
    sign_up(Client())
    link = verify_link(mails_to("ana@example.org")[0])
    response = client.post(link, follow=True)
    assert response.redirect_chain == [(reverse("login"), 302)]
    assert "ana@example.org is confirmed." in response.content.decode()
    assert User.objects.get(username="newcomer").email_verified_at is not None
    assert logged_in_as(client) is None  # the mailbox's reader is not logged in to the account


def test_an_old_or_altered_link_does_nothing(client, time_machine):
    time_machine.move_to("2026-05-20 12:00:00+00:00", tick=False)
    sign_up(client)
    link = verify_link(mails_to("ana@example.org")[0])
    assert client.post(link[:-3] + "xx/").status_code == 400
    time_machine.move_to("2026-05-23 12:00:01+00:00", tick=False)
    response = client.post(link)
    assert response.status_code == 400 and "expired" in response.content.decode()
    assert User.objects.get(username="newcomer").email_verified_at is None


def test_an_address_another_account_confirmed_meanwhile_stays_with_it(dana_client, dana):
    profile = {"display_name": "Dana", "email": "ana@example.org", "timezone": "UTC", "country": "US"}
    dana_client.post(reverse("profile"), profile)  # dana's link to ana@ is on its way
    sign_up(Client())  # the address is no account's yet, so the sign-up gets its own link
    dana_link, newcomer_link = verify_links("ana@example.org")
    assert Client().post(newcomer_link).status_code == 302
    response = dana_client.post(dana_link)
    assert response.status_code == 409 and "belongs to another account now" in response.content.decode()
    dana.refresh_from_db()
    assert dana.email == "dana@example.org"


def test_moving_to_an_address_an_unconfirmed_account_gave_tells_that_address(dana_client, dana, make_user):
    make_user("lee", email="lee@example.org", email_verified_at=None)  # made by an administrator
    profile = {"display_name": "Dana", "email": "lee@example.org", "timezone": "UTC", "country": "US"}
    dana_client.post(reverse("profile"), profile)
    [notice] = mails_to("lee@example.org")
    assert "move a Clinch account" in notice.body and "/accounts/verify/" not in notice.body
    assert "user name" not in notice.body


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
    assert "Confirm your address:" in client.get(reverse("profile")).content.decode()
    profile = {"display_name": "Lee", "email": "lee@example.org", "timezone": "UTC", "country": "US"}
    client.post(reverse("profile"), profile)
    client.post(verify_link(mails_to("lee@example.org")[0]))
    admin_made.refresh_from_db()
    assert admin_made.email_verified_at is not None
    assert "Confirm your address:" not in client.get(reverse("profile")).content.decode()
