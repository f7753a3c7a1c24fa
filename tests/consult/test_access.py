"""The desk is for agency staff only: every desk URL, walked from the URL patterns, not hand-picked."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from clinch.consult.urls import desk_urlpatterns
from tests.consult.conftest import make_request


def desk_urls(public_id) -> list[str]:
    urls = []
    for pattern in desk_urlpatterns:
        kwargs = {name: public_id for name in pattern.pattern.converters}
        urls.append(reverse(f"consult:{pattern.name}", kwargs=kwargs))
    return urls


def test_the_walk_covers_every_desk_url():
    assert len(desk_urls(uuid.uuid4())) == len(desk_urlpatterns) >= 7
    assert all(url.startswith("/desk/") for url in desk_urls(uuid.uuid4()))


@pytest.mark.django_db
def test_a_candidate_gets_404_on_every_desk_url_for_get_and_post(dana_client):
    request = make_request()
    for url in desk_urls(request.public_id):
        assert dana_client.get(url).status_code == 404, url
        data = {"status": "closed_spam", "body": "x", "email": request.email, "assigned_to": ""}
        assert dana_client.post(url, data).status_code == 404, url
    request.refresh_from_db()
    assert request.status == "new" and not request.notes.exists() and request.invited_at is None


@pytest.mark.django_db
def test_an_anonymous_visitor_is_sent_to_log_in_from_every_desk_url(client):
    request = make_request()
    for url in desk_urls(request.public_id):
        for response in (client.get(url), client.post(url, {"status": "closed_spam"})):
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("login") + "?next="), url
    request.refresh_from_db()
    assert request.status == "new"


@pytest.mark.django_db
def test_agency_staff_can_open_every_desk_page(priya_client):
    request = make_request()
    for pattern, url in zip(desk_urlpatterns, desk_urls(request.public_id), strict=True):
        expected = 405 if pattern.name in {"desk_status", "desk_assign", "desk_note", "desk_invite"} else 200
        assert priya_client.get(url).status_code == expected, url


@pytest.mark.django_db
def test_an_unknown_request_is_a_404_for_staff_too(priya_client):
    assert priya_client.get(reverse("consult:desk_detail", args=[uuid.uuid4()])).status_code == 404


@pytest.mark.django_db
def test_only_staff_see_the_desk_link(dana_client, priya):
    assert 'href="/desk/"' not in dana_client.get("/accounts/profile/").content.decode()
    staff = Client()
    staff.force_login(priya)
    assert 'href="/desk/"' in staff.get("/accounts/profile/").content.decode()


def test_staff_land_on_the_desk_after_logging_in(client, priya):
    from django.urls import reverse

    response = client.post(reverse("login"), {"username": "priya", "password": "correct horse battery"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("consult:desk")
    assert client.get("/").url == reverse("consult:desk")


def test_a_candidate_still_lands_on_today(client, dana):
    from django.urls import reverse

    response = client.post(reverse("login"), {"username": "dana", "password": "correct horse battery"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home") and response.status_code == 200
