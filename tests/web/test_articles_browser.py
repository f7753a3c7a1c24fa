"""In a real browser: saving an article and attaching a suggestion to a topic, by keyboard."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from clinch.interviews.models import Article, Company, Contact, Interview, Opportunity, Participant, Topic
from tests.browser_steps import log_in

pytestmark = pytest.mark.browser
START = datetime(2026, 5, 20, 15, 0, tzinfo=UTC)


@pytest.fixture
def topic(dana):
    company = Company.objects.create(owner=dana, name="Quillfeather Data")
    opportunity = Opportunity.objects.create(owner=dana, company=company, role="Data Engineer")
    interview = Interview.objects.create(owner=dana, opportunity=opportunity, starts_at=START,
                                         ends_at=START + timedelta(hours=1), timezone="UTC")
    priya = Contact.objects.create(owner=dana, company=company, name="Priya Raghunathan")
    participant = Participant.objects.create(interview=interview, contact=priya, role="hiring_manager")
    Topic.objects.create(participant=participant, text="mentoring junior engineers", position=1)
    return Topic.objects.create(participant=participant, text="their migration of streaming pipelines to Kafka")


@pytest.mark.parametrize("js", [True, False], ids=["htmx", "no-js"])
def test_a_user_saves_an_article_and_attaches_the_suggestion(live_server, browser, screenshot, dana, topic, js):
    context = browser.new_context(java_script_enabled=js, viewport={"width": 360, "height": 740})
    page = context.new_page()
    log_in(page, live_server.url)
    page.goto(live_server.url + "/reading-list/")
    screenshot(page, f"1-empty-{js}")
    page.get_by_label("Title").fill("Exactly-once pipelines with Kafka")
    page.get_by_label("Address (URL)").fill("https://example.org/kafka")
    page.get_by_label("Summary").fill("Stream processing and transactions.")
    page.get_by_role("button", name="Save to reading list").click()
    page.wait_for_url("**/reading-list/")
    assert page.get_by_role("link", name="Exactly-once pipelines with Kafka").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, f"2-list-{js}")

    page.get_by_role("link", name="Data Engineer at Quillfeather Data").click()
    page.wait_for_url("**/reading-list/interview/*/")
    screenshot(page, f"3-suggestions-{js}")
    attach = page.get_by_role("button", name="Attach “Exactly-once pipelines with Kafka” to “their migration of streaming pipelines to Kafka”")
    attach.focus()
    page.keyboard.press("Enter")
    page.locator(f"#topic-{topic.pk}").get_by_text("Attached:").wait_for()
    if js:  # the keyboard user stays in the block they acted on
        expect(page.locator(f"#topic-{topic.pk}:focus-within")).to_have_count(1)
    screenshot(page, f"4-attached-{js}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    topic.refresh_from_db()
    assert topic.article == Article.objects.get(owner=dana)
    context.close()
