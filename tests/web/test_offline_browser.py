"""Installable and offline, in Debian's Chromium on a phone: the manifest and the service worker
are served; the capture page opens without a connection; an interview captured offline waits
on the phone (IndexedDB), visibly, and is saved exactly once when the connection returns."""

from __future__ import annotations

import json

import pytest
import time_machine
from playwright.sync_api import expect

from clinch.interviews.models import Interview
from tests.conftest import ARTIFACTS
from tests.web.flows import JUST_AFTER

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = ARTIFACTS / "screenshots" / "offline"


@pytest.fixture
def phone(browser, live_server, dana):
    from django.test import Client

    client = Client()
    client.force_login(dana)
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1,
                                  timezone_id="America/Denver", service_workers="allow")
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield context, page
    context.close()


def test_the_manifest_and_the_worker_make_clinch_installable(live_server, phone):
    context, page = phone
    page.goto(live_server.url + "/")
    href = page.locator("link[rel=manifest]").get_attribute("href")
    manifest = json.loads(page.request.get(live_server.url + href).text())
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/" and manifest["scope"] == "/"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert page.request.get(live_server.url + href.rsplit("/", 1)[0] + "/" + icon["src"]).ok
    worker = page.request.get(live_server.url + "/sw.js")
    assert worker.ok and "javascript" in worker.headers["content-type"]
    assert worker.headers["service-worker-allowed"] == "/"
    scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == live_server.url + "/"


def test_an_interview_captured_offline_waits_on_the_phone_and_is_saved_once_back_online(live_server, phone, dana):
    context, page = phone
    base = live_server.url
    SHOTS.mkdir(parents=True, exist_ok=True)
    with time_machine.travel(JUST_AFTER, tick=True):
        page.goto(base + "/interviews/new/")
        page.evaluate("navigator.serviceWorker.ready")
        page.wait_for_function("caches.match('/interviews/new/').then(r => !!r)")

        context.set_offline(True)
        response = page.goto(base + "/interviews/new/")
        assert response.from_service_worker
        expect(page.get_by_role("heading", name="Record an interview")).to_be_visible()
        page.get_by_label("Company").fill("Larkspur Robotics, Inc.")
        page.get_by_label("Role you interviewed for").fill("Controls Engineer")
        page.locator("#id_p0-name").fill("Rafael Quiñones")
        page.locator("#id_p0-email").fill("rquinones@larkspur.example")
        page.get_by_role("button", name="Add another person").click()
        expect(page.locator("#id_p1-name")).to_be_focused()
        page.locator("#id_p1-name").fill("Tomás Wright")
        page.locator("#id_p1-email").fill("twright@larkspur.example")
        page.get_by_role("button", name="Save and plan follow-ups").click()

        status = page.locator("#sync-status")
        expect(status).to_contain_text("Waiting to sync")
        expect(status).to_contain_text("Controls Engineer at Larkspur Robotics, Inc.")
        page.screenshot(path=str(SHOTS / "waiting-to-sync.png"))
        assert not Interview.objects.filter(owner=dana).exists()
        kept = page.evaluate("""new Promise(ok => { const r = indexedDB.open('clinch');
            r.onsuccess = () => { const q = r.result.transaction('captures').objectStore('captures').count();
            q.onsuccess = () => ok(q.result); }; })""")
        assert kept == 1

        context.set_offline(False)
        page.evaluate("window.dispatchEvent(new Event('online'))")  # as the phone does when the network returns
        expect(status).to_contain_text("Saved")
        page.screenshot(path=str(SHOTS / "synced.png"))
        interview = Interview.objects.get(owner=dana)
        assert [p.contact.name for p in interview.participants.all()] == ["Rafael Quiñones", "Tomás Wright"]
        assert interview.capture_key is not None

        page.reload()  # a second look finds nothing left to send
        page.wait_for_load_state("networkidle")
        assert Interview.objects.filter(owner=dana).count() == 1
        expect(page.locator("#sync-status")).to_be_hidden()
