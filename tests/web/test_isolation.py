"""A second user can never see, edit or guess anything of the first.

The test walks every URL pattern the project has (``get_resolver().url_patterns``,
recursively), so routes added later are covered without touching this file.
For each route that takes an argument it builds URLs from Dana's real ids
(one object of every model she owns, found through ``OwnedModel``; plus her
participants and topics, and a consultation request) and asks for them as
Mallory, with GET and POST: each answer must be a 404.

How arguments are filled:

* ``uuid`` converters: every public id Dana has (the one whose model the
  argument names, like ``contact_id``, comes first).
* ``int`` converters: every row id Dana has.
* ``str``/``slug``/``path``: every public id and row id as text, and, when the
  argument is not id-like (``action``), the verbs views take in URLs.

A 405 is accepted only where a made-up id gets the same 405: the method is
refused before any lookup, which says nothing about Dana's object.

Explicitly left out, and why:

* ``admin/``: the staff-only Django admin. Mallory is not staff; every admin
  route with an argument must send her to the admin login (302), never a page.
  Its two regex routes (``app_list`` and the catch-all) take no object id.
* ``password_reset_confirm``: Django's signed reset link; ``uidb64``/``token``
  are not object ids, and a bad link shows the same "invalid link" page to all.
  ``verify_email`` likewise: a signed token, and a bad one is a 400 for everyone.
* ``desk/``: the agency desk is staff-only and not user data; Mallory (a
  candidate) must get 404 there like anywhere else, which the walk checks. It
  is only exempt from the check that Dana herself can open the URL (she is a
  candidate too).
* ``api/``: the JSON API authenticates by token, not by the session, so a logged-in Mallory gets
  401 there; tests/api/test_api_isolation.py walks every API route with Mallory's token instead.
* ``transfer_download``: its argument names a kind of file (json, interviews, followups), not an
  object; Mallory still gets 404 with Dana's ids.
* ``calendar_feed``: its argument is a bearer token, only the hash of which is
  stored; the walk checks Mallory gets 404 with Dana's ids, and
  tests/web/test_calendar.py checks the token itself.
"""

from __future__ import annotations

import itertools
import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from clinch.owned import OwnedModel

NOW = datetime(2026, 5, 22, 16, 0, tzinfo=UTC)
STAFF_ONLY_PREFIXES = ("admin/",)
TOKEN_ONLY_PREFIXES = ("api/",)  # walked with tokens by tests/api/test_api_isolation.py
SKIPPED_NAMES = {
    "password_reset_confirm": "Django's signed reset link: its arguments are not object ids",
    "verify_email": "the signed address-confirmation link: its token is not an object id",
    "invitation": "a coach's signed invitation link: its token is not an object id (tests/agency walks it)",
    "digest_unsubscribe": "the digest's signed unsubscribe link: its token is not an object id",
}
# Routes Dana herself cannot open with her ids, so the "the ids were real" check does not apply.
NOT_OPENABLE_BY_OWNER = {
    "calendar_feed": "bearer token URL: Dana's public ids are not her token",
    "transfer_download": "its argument is a kind of file, not an object id",
    "org_form": "an organisation's public form: its id is an agency's, not Dana's (tests/agency/test_org_desk.py)",
}
# The staff-only desk, and organisation pages (Dana is a candidate; tests/agency/test_org_walk.py walks
# those with members of two organisations).
NOT_OPENABLE_PREFIXES = ("desk/", "org/")
VERBS = (
    "approve", "schedule", "send", "send_now", "mark_sent", "cancel", "restore", "retry", "unschedule",
    "pause", "resume", "delete", "edit", "save", "archive", "export", "download",
)
MAX_COMBINATIONS = 400
CONVERTER = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")


# --- Dana's world: one object of every model she can own -----------------------------------------

def _dana_world(dana) -> dict[str, list]:
    from clinch.consult.models import ConsultationRequest
    from clinch.followups.models import FollowUp
    from clinch.interviews.models import (
        Article, CardPhoto, Company, Contact, Interview, Opportunity, Participant, Topic,
    )
    from clinch.mail.models import MailAccount, Message
    from clinch.web.calendar_feed import create_feed

    company = Company.objects.create(owner=dana, name="Larkspur Robotics")
    opportunity = Opportunity.objects.create(owner=dana, company=company, role="Controls Engineer")
    interview = Interview.objects.create(
        owner=dana, opportunity=opportunity, starts_at=NOW - timedelta(days=1),
        ends_at=NOW - timedelta(days=1) + timedelta(hours=1), timezone="America/Denver",
    )
    contact = Contact.objects.create(owner=dana, company=company, name="Siobhán O'Connor", email="s@larkspur.example")
    participant = Participant.objects.create(interview=interview, contact=contact, role="hiring_manager")
    article = Article.objects.create(owner=dana, title="Kafka pipelines", url="https://example.org/k")
    topic = Topic.objects.create(participant=participant, text="Kafka pipelines", article=article)
    followup = FollowUp.objects.create(
        owner=dana, opportunity=opportunity, interview=interview, contact=contact, kind="thank_you",
        plan_key="iso:thank_you", send_at=NOW + timedelta(hours=2), subject="Thank you", body="Dear Siobhán,",
    )
    account = MailAccount.objects.create(owner=dana, from_name="Dana", from_email="dana@example.org", smtp_host="smtp.example.org")
    message = Message.objects.create(
        owner=dana, followup=followup, opportunity=opportunity, message_id="<iso@clinch>",
        from_email="dana@example.org", to_email="s@larkspur.example", subject="Thank you", body_text="Dear Siobhán,",
    )
    feed, _ = create_feed(owner=dana)
    from clinch.api.tokens import create_token
    from clinch.hooks.models import Delivery
    from clinch.hooks.services import create_webhook

    token, _secret = create_token(owner=dana, name="script", scope="read", expires_at=None, now=NOW)
    webhook, _secret = create_webhook(owner=dana, url="https://hooks.example/dana", events=["followup.sent"])
    delivery = Delivery.objects.create(owner=dana, webhook=webhook, event="followup.sent", event_key="iso",
                                       payload="{}", next_attempt_at=NOW)
    consultation = ConsultationRequest.objects.create(
        first_name="Dana", last_name="Whitfield", email="dana@example.org", how_can_we_help="Help", consent=True,
    )
    card_photo = CardPhoto.objects.create(owner=dana, contact=contact, image=b"\xff\xd8\xff\xd9", width=1, height=1)
    from clinch.accounts.models import User
    from clinch.agency import invitations, members
    from clinch.agency.models import DraftComment

    coach = User.objects.create_user(username="coach-of-dana", password="correct horse battery")
    agency = members.create_organisation(name="Northwind Careers", owner=coach)
    made = invitations.create(membership=agency.memberships.get())
    coaching = invitations.accept(token=made.token, candidate=dana, level="drafts")
    comment = DraftComment.objects.create(owner=dana, followup_public_id=followup.public_id, author=coach, author_name="Coach",
                                          body="Say what you liked about the pipelines.")
    rows = [company, opportunity, interview, contact, participant, article, topic, followup, account, message,
            feed, consultation, card_photo, token, webhook, delivery, coaching, comment]
    world: dict[str, list] = {}
    for row in rows:
        world.setdefault(row._meta.model_name, []).append(row)
    return world


def _owned_models():
    return [m for m in apps.get_models() if issubclass(m, OwnedModel) and not m._meta.abstract]


# --- the walk ------------------------------------------------------------------------------------

def _routes(patterns=None, prefix=""):
    """(route text, name, pattern object) for every endpoint, includes flattened."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.name, entry.pattern


def _routes_with_arguments():
    out = []
    for route, name, pattern in _routes():
        if "<" not in route and "(?P" not in route:
            continue
        if name in SKIPPED_NAMES or route.startswith(TOKEN_ONLY_PREFIXES):
            continue
        if route.startswith(STAFF_ONLY_PREFIXES) and (not isinstance(pattern, RoutePattern) or "(?P" in route):
            continue  # the admin's regex routes: app_list and the catch-all, no object ids
        assert isinstance(pattern, RoutePattern) and "(?P" not in route, (
            f"{route!r} is a regex route with arguments: teach test_isolation how to fill it"
        )
        out.append((route, name))
    return out


def _values(conv: str | None, name: str, world) -> list[str]:
    rows = [row for group in world.values() for row in group]
    named = [row for key, group in world.items() if key in name.replace("_", "").lower() for row in group]
    ordered = named + [row for row in rows if row not in named]
    public = [str(row.public_id) for row in ordered if hasattr(row, "public_id")]
    pks = [str(row.pk) for row in ordered]
    if conv == "uuid":
        return public
    if conv == "int":
        return list(dict.fromkeys(pks))
    idlike = name in ("pk", "id", "token", "slug") or name.endswith(("_id", "_pk", "public_id", "uuid"))
    return list(dict.fromkeys(public + pks + ([] if idlike else list(VERBS))))


def _urls(route: str, world) -> list[str]:
    parts = CONVERTER.findall(route)
    choices = [_values(conv or None, name, world) for conv, name in parts]
    urls = []
    for combo in itertools.islice(itertools.product(*choices), MAX_COMBINATIONS):
        values = iter(combo)
        urls.append("/" + CONVERTER.sub(lambda _m, it=values: next(it), route))
    return urls


def _made_up_url(route: str) -> str:
    def fill(match):
        conv = match.group("conv")
        return "987654321" if conv == "int" else str(uuid.uuid4())
    return "/" + CONVERTER.sub(fill, route)


@pytest.fixture
def dana_world(dana):
    return _dana_world(dana)


@pytest.fixture
def mallory_client(mallory):
    client = Client(raise_request_exception=False)  # a 500 is one more failure to list, not the end
    client.force_login(mallory)
    return client


def test_every_owned_model_has_an_object_in_danas_world(dana_world):
    missing = [m._meta.label for m in _owned_models() if m._meta.model_name not in dana_world]
    assert not missing, f"add one {missing} to _dana_world so the isolation walk uses its ids"


def test_the_walk_finds_the_routes_of_every_part_of_the_app():
    names = {name for _, name in _routes_with_arguments()}
    assert {"contact_detail", "calendar_feed", "interview_reading", "topic_article"} <= names


def test_another_user_gets_404_on_every_route_that_takes_an_id(dana_world, mallory_client):
    failures = []
    for route, name in _routes_with_arguments():
        staff_only = route.startswith(STAFF_ONLY_PREFIXES)
        baseline = {
            method: getattr(mallory_client, method)(_made_up_url(route)).status_code for method in ("get", "post")
        }
        urls = _urls(route, dana_world)
        # The admin refuses a non-staff user before any lookup: a few ids show it as well as all.
        for url in urls[:3] if staff_only else urls:
            for method in ("get", "post"):
                response = getattr(mallory_client, method)(url)
                status = response.status_code
                if staff_only:
                    ok = status in (403, 404) or (status == 302 and "login" in response["Location"])
                else:
                    ok = status == 404 or (status == 405 and baseline[method] == 405)
                if not ok:
                    failures.append(f"{method.upper()} {url} ({name}) -> {status}")
    assert not failures, "Mallory reached Dana's objects:\n" + "\n".join(failures[:50])


def test_the_ids_used_are_real_ones_dana_can_open(dana_world, dana):
    """Without this, a walk that filled routes with junk would pass for the wrong reason."""
    client = Client()
    client.force_login(dana)
    unreachable = []
    for route, name in _routes_with_arguments():
        if route.startswith(STAFF_ONLY_PREFIXES + NOT_OPENABLE_PREFIXES) or name in NOT_OPENABLE_BY_OWNER:
            continue
        if not any(client.get(url).status_code != 404 for url in _urls(route, dana_world)):
            unreachable.append(f"{route} ({name})")
    assert not unreachable, "no id of Dana's opens these routes for Dana; teach _values or _dana_world:\n" + "\n".join(unreachable)
