"""The login throttle: one count per real client and normalised name; a password reset always gets the owner in."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from clinch import background

pytestmark = pytest.mark.django_db
LOGIN = reverse("login")
RIGHT = "correct horse battery"


def attempt(client, username, password="wrong", **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra).status_code


def test_look_alike_spellings_of_a_name_share_one_count(client, dana, settings):
    settings.LOGIN_FAILURE_LIMIT = 4
    # Full-width, mathematical bold, upper case and plain: Django logs all of them in as dana.
    for spelling in ("ｄａｎａ", "𝐝𝐚𝐧𝐚", "DANA", "dana"):
        assert attempt(client, spelling) == 200
    assert attempt(client, "ｄａｎａ", RIGHT) == 429
    assert "_auth_user_id" not in client.session


def test_django_logs_a_full_width_name_in_as_the_plain_one(client, dana):
    assert attempt(client, "ｄａｎａ", RIGHT) == 302
    assert client.session["_auth_user_id"] == str(dana.pk)


def test_each_client_address_has_its_own_count(client, dana, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        attempt(client, "dana", REMOTE_ADDR="198.51.100.1")
    assert attempt(client, "dana", RIGHT, REMOTE_ADDR="198.51.100.1") == 429
    assert attempt(client, "dana", RIGHT, REMOTE_ADDR="198.51.100.2") == 302


def test_behind_the_proxy_the_address_it_adds_is_the_client(client, dana, settings):
    settings.TRUST_PROXY = True
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        attempt(client, "dana", HTTP_X_FORWARDED_FOR="203.0.113.9")
    # A made-up entry to the left of the proxy's own does not buy fresh tries.
    assert attempt(client, "dana", RIGHT, HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.9") == 429
    assert attempt(client, "dana", RIGHT, HTTP_X_FORWARDED_FOR="203.0.113.10") == 302


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(client, dana, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for n in range(3):
        attempt(client, "dana", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert attempt(client, "dana", RIGHT, HTTP_X_FORWARDED_FOR="192.0.2.77") == 429


def test_guessing_from_many_addresses_locks_the_name_but_a_reset_gets_the_owner_back_in(client, dana, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    settings.LOGIN_FAILURE_LIMIT_PER_ACCOUNT = 6
    for n in range(6):
        attempt(client, "dana", REMOTE_ADDR=f"198.51.100.{n}")
    assert attempt(client, "dana", RIGHT, REMOTE_ADDR="203.0.113.50") == 429

    client.post(reverse("password_reset"), {"email": "dana@example.org"}, REMOTE_ADDR="203.0.113.50")
    assert background.wait_idle()
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/\S+/)", mail.outbox[-1].body).group(1)
    form_page = client.get(link, follow=True, REMOTE_ADDR="203.0.113.50")
    new = {"new_password1": "brand new phrase 77", "new_password2": "brand new phrase 77"}
    client.post(form_page.redirect_chain[-1][0], new, REMOTE_ADDR="203.0.113.50")

    assert attempt(client, "dana", "brand new phrase 77", REMOTE_ADDR="203.0.113.50") == 302
