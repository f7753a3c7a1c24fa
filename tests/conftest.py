"""Shared fixtures: people, logged-in clients, and a real Chromium for browser tests."""

from __future__ import annotations

import os
import shutil
import sys
from datetime import datetime, timezone as dt_timezone
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CLINCH_CHROMIUM", "/usr/bin/chromium")
# Without the networking flags Chromium floods a closed network with refused connections.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Property tests check invariants, not speed: no per-example deadline, same examples every run.
# `make mutate` runs each test once per mutant and asks for fewer examples ("quick").
hypothesis_settings.register_profile("clinch", deadline=None, derandomize=True, max_examples=150)
hypothesis_settings.register_profile("quick", deadline=None, derandomize=True, max_examples=25)
hypothesis_settings.load_profile(os.environ.get("CLINCH_HYPOTHESIS_PROFILE", "clinch"))

# The sender's exactly-once tests run first: a double claim stops the run from there
# (tests/mail/conftest.py ``drain``) within seconds, not after the rest of the suite.
RUN_FIRST = ("tests/mail/test_sending.py::",)


def pytest_collection_modifyitems(config, items):
    items.sort(key=lambda item: not item.nodeid.startswith(RUN_FIRST))  # stable: the rest keep their order


def pytest_configure(config):
    """Hash test passwords cheaply; the test of real hashing asks for Argon2 itself."""
    if not os.environ.get("DJANGO_SETTINGS_MODULE"):
        return  # the engine's tests run without Django
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# The modules `make mutate` mutates whose functions sit behind caches.
MUTATED_ENGINE = ("clinch.core.planner", "clinch.core.calendar", "clinch.core.checks.names")


def under_mutation_stats() -> bool:
    """mutmut's first pass (`make mutate`), which records the functions each test reaches."""
    return os.environ.get("MUTANT_UNDER_TEST") == "stats"


@pytest.fixture(autouse=True)
def _engine_caches_cleared_for_mutation_stats():
    """In that pass every test starts with the engine's caches empty: a call answered by a warm
    cache would not be counted, and that function's mutants would then skip this test."""
    if under_mutation_stats():
        for module in filter(None, map(sys.modules.get, MUTATED_ENGINE)):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()
    yield


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite the test database is a file, as it is in use, not Django's shared in-memory one.

    An in-memory database has one connection, which the live server's request threads share with
    the test: two requests at once (a page and its service worker's fetch) can then interleave on
    it, and a request reads no session and is sent to the login page. A file gives each thread its
    own connection, with the WAL and IMMEDIATE settings the app really runs with."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("database") / "test.sqlite3")


collect_ignore = []
if os.environ.get("CLINCH_SKIP_CORE_TESTS"):
    # The engine touches no database: its tests run once, in the SQLite pass.
    collect_ignore.append("core")
    collect_ignore.append("cards")  # the card reader is pure too


@pytest.fixture(autouse=True)
def _background_mail_finishes_within_its_test():
    """Mail handed to the background pool goes out before the test's mail outbox is taken away."""
    yield
    from clinch import background

    assert background.wait_idle(), "mail handed to the background pool was still running 30 s after the test"


@pytest.fixture(autouse=True)
def full_live_budgets():
    """Each test starts with every user's budget of live calls full (user ids repeat across tests)."""
    from clinch.web import live

    live.forget_all()


@pytest.fixture
def make_user(db):
    from clinch.accounts.models import User

    def make(username="dana", **fields):
        fields.setdefault("email", f"{username}@example.org")
        fields.setdefault("timezone", "America/Denver")
        fields.setdefault("display_name", username.title())
        fields.setdefault("email_verified_at", datetime(2026, 1, 5, 9, 0, tzinfo=dt_timezone.utc))
        return User.objects.create_user(username=username, password="correct horse battery", **fields)

    return make


@pytest.fixture
def dana(make_user):
    return make_user("dana", display_name="Dana Whitfield")


@pytest.fixture
def mallory(make_user):
    return make_user("mallory", display_name="Mallory Stone", timezone="Europe/London", country="GB")


@pytest.fixture
def dana_client(client, dana):
    client.force_login(dana)
    return client


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright; never a downloaded browser."""
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}: run `make test` (it installs it) or set CLINCH_CHROMIUM")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in the test thread; Django's ORM must allow it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

    user_data = ARTIFACTS / "chromium-profile"
    shutil.rmtree(user_data, ignore_errors=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone_page(browser):
    """A page the size of a small phone (360 x 740), as people use Clinch in the lobby."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=1)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def desktop_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot(request):
    """``screenshot(page, "step")`` saves test-artifacts/screenshots/<test>/<step>.png."""
    folder = ARTIFACTS / "screenshots" / request.node.name
    folder.mkdir(parents=True, exist_ok=True)

    def take(page, step: str) -> Path:
        path = folder / f"{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
