"""Every URL, walked: who may open it without signing in, and that no unsafe request goes without
its CSRF token.

Like tests/web/test_isolation.py (which proves another user's ids give 404), the walk takes every
URL pattern the project has, includes flattened (its ``_routes``), and fills arguments with Dana's
real ids (its ``_urls``), so a route added later is covered without touching this file:

* An anonymous visitor gets the login page (a redirect to it), 401 or 404 everywhere except the
  explicit ``PUBLIC`` list below; a 405 is accepted only where a made-up id gets the same 405 (the
  method is refused before any lookup). A new route that answers a visitor must be added to the
  list, with its reason, or this test fails.
* Every unsafe method (POST, PUT, PATCH, DELETE) without a CSRF token is refused with Django's
  CSRF failure, signed in or not; with the token the same request gets past that check, so the
  refusal is the token's doing and not the view's. The few routes in ``CSRF_EXEMPT`` (the share
  sheet's target) are exempt, each with its reason, and must write nothing.

Left out: the JSON API (``api/``), which takes a bearer token and never a session cookie, so
there is nothing for a forged request to ride on; tests/api/test_api_isolation.py walks it with
tokens. And the admin's two regex routes (``app_list`` and the catch-all): they take no object id
and the walk cannot fill them; every other admin route is walked.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.urls import reverse

from tests.web.test_isolation import TOKEN_ONLY_PREFIXES, _dana_world, _made_up_url, _routes, _urls

# Route (as written in the URLconf, includes joined) -> why a visitor may open it.
PUBLIC = {
    "": "the landing page for visitors (Today once signed in)",
    "healthz": "the health check for load balancers: no data",
    "accounts/signup/": "creating an account",
    "accounts/login/": "signing in",
    "accounts/logout/": "signing out (POST only): nothing to show",
    "accounts/password/reset/": "asking for a password reset",
    "accounts/password/reset/sent/": "the reset's 'check your mail' page",
    "accounts/password/reset/<uidb64>/<token>/": "the signed reset link: a bad one shows 'invalid link' to all",
    "accounts/password/reset/done/": "the reset's closing page",
    "consultation": "the agency's public consultation form",
    "consultation/thanks": "its thank-you page",
    "consultation/<uuid:org_id>": "an organisation's own public consultation form (an unknown id: 404)",
    "accounts/verify/<str:token>/": "the emailed confirmation link: it confirms an address signed in or not",
    "sw.js": "the service worker: the site's own static code, no data",
    "admin/login/": "the admin's own sign-in page",
    "invitation/<str:token>/": "a coach's signed invitation link: a visitor is asked to sign up first, a bad "
                               "link says it is not valid",
    "digest/unsubscribe/<str:token>/": "the weekly digest's signed one-click unsubscribe link (a bad one: 404)",
    "admin/logout/": "the admin's sign-out: sends a visitor to the admin index, which asks to sign in",
}
# Route -> why it takes a POST without a CSRF token. Each must write nothing (tested below).
CSRF_EXEMPT = {
    "share/": "the phone's share sheet posts the shared file itself, with no token; it only shows a review page",
}
UNSAFE = ("post", "put", "patch", "delete")
URLS_PER_ROUTE = 3  # Dana's ids in several combinations: the isolation test walks them all


def _walked():
    """(route, url) for every route the walk can fill."""
    for route, name, pattern in _routes():
        if "(?P" in route:
            continue  # the admin's regex routes, see the module doc
        if route.lstrip("^").startswith(TOKEN_ONLY_PREFIXES):
            continue  # the JSON API: no session, no cookie to forge; tests/api walks it with tokens
        yield route, name


def _is_login_redirect(response) -> bool:
    location = response.get("Location", "")
    return response.status_code == 302 and (
        location.startswith(reverse(settings.LOGIN_URL)) or location.startswith(reverse("admin:login"))
    )


@pytest.fixture
def dana_world(dana):
    return _dana_world(dana)


def test_the_public_list_names_only_routes_that_exist():
    routes = {route for route, _ in _walked()}
    assert set(PUBLIC) <= routes, f"stale entries: {set(PUBLIC) - routes}"


def test_a_visitor_gets_the_login_page_401_or_404_everywhere_but_the_public_pages(dana_world):
    visitor = Client(raise_request_exception=False)
    failures, public_seen = [], set()
    for route, name in _walked():
        if route in PUBLIC:
            public_seen.add(route)
            continue
        for method in ("get", "post"):
            baseline = getattr(visitor, method)(_made_up_url(route)).status_code
            for url in _urls(route, dana_world)[:URLS_PER_ROUTE]:
                response = getattr(visitor, method)(url)
                ok = (_is_login_redirect(response) or response.status_code in (401, 404)
                      or response.status_code == 405 == baseline)
                if not ok:
                    failures.append(f"{method.upper()} {url} ({name}) -> {response.status_code} "
                                    f"{response.get('Location', '')}")
    assert public_seen == set(PUBLIC)
    assert not failures, "a visitor reached these without signing in (or add them to PUBLIC):\n" + "\n".join(failures)


def test_the_public_pages_answer_a_visitor(db):
    visitor = Client(raise_request_exception=False)
    for route in PUBLIC:
        if "<" in route:
            continue
        status = visitor.get("/" + route).status_code
        assert status in (200, 302, 405), f"/{route} -> {status}"


def _csrf_rejected(response) -> bool:
    return response.status_code == 403 and b"CSRF" in response.content


def _clients(dana):
    signed_in = Client(enforce_csrf_checks=True, raise_request_exception=False)
    signed_in.force_login(dana)
    return {"signed in": signed_in, "visitor": Client(enforce_csrf_checks=True, raise_request_exception=False)}


def test_every_unsafe_method_on_every_route_needs_the_csrf_token(dana, dana_world):
    clients = _clients(dana)
    failures = []
    for route, name in _walked():
        if route in CSRF_EXEMPT:
            continue
        url = _urls(route, dana_world)[0]
        for who, client in clients.items():
            for method in UNSAFE:
                response = getattr(client, method)(url)
                if not _csrf_rejected(response):
                    failures.append(f"{who}: {method.upper()} {url} ({name}) -> {response.status_code}")
    assert not failures, "these accepted a request without a CSRF token:\n" + "\n".join(failures)


def test_with_the_token_the_same_requests_get_past_the_csrf_check(dana, dana_world):
    """So the refusals above are the token's doing, not the view's (POST stands for all four:
    the middleware treats every unsafe method alike)."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    token = _get_new_csrf_string()
    failures = []
    for route, name in _walked():
        if "_auth_user_id" not in client.session:
            client.force_login(dana)  # again after a route that signs out
        client.cookies[settings.CSRF_COOKIE_NAME] = token
        url = _urls(route, dana_world)[0]
        if _csrf_rejected(client.post(url, HTTP_X_CSRFTOKEN=token)):
            failures.append(f"POST {url} ({name})")
    assert not failures, "refused even with the token:\n" + "\n".join(failures)


def test_the_routes_exempt_from_the_csrf_check_exist_and_write_nothing(dana, dana_world):
    from django.apps import apps

    routes = {route for route, _ in _walked()}
    assert set(CSRF_EXEMPT) <= routes, f"stale entries: {set(CSRF_EXEMPT) - routes}"
    client = _clients(dana)["signed in"]
    counts = {model: model.objects.count() for model in apps.get_models()}
    for route in CSRF_EXEMPT:
        for url in _urls(route, dana_world)[:URLS_PER_ROUTE]:
            assert not _csrf_rejected(client.post(url)), url  # the exemption is real...
            for method in ("put", "patch", "delete"):
                assert getattr(client, method)(url).status_code == 405  # ...and for POST alone
    changed = [model.__name__ for model, count in counts.items() if model.objects.count() != count]
    assert not changed, f"these wrote rows: {changed}"
