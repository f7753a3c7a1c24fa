"""The editor: a suggested fix in one tap (a plain form post without JavaScript), plain advice
before rule codes, and the note's length against its kind's limit."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.urls import reverse

from clinch.followups.models import FollowUp
from tests.web.flows import JUST_AFTER, record


@pytest.fixture
def note(dana):
    with time_machine.travel(JUST_AFTER, tick=False):
        record(dana)
        yield FollowUp.objects.get(owner=dana, kind="thank_you", contact__name="Rafael Quiñones")


def fix_button(page: str) -> str:
    return re.search(r'name="action"\s+value="(fix:body:\d+:\d+)"', page).group(1)


def test_a_misspelt_name_offers_its_fix_and_one_post_applies_it(dana_client, note):
    body = note.body.replace("Rafael", "Rafel", 1)
    url = reverse("followup", args=[note.public_id])
    page = dana_client.post(reverse("followup_check", args=[note.public_id]),
                            {"subject": note.subject, "body": body}).content.decode()
    assert "Use “Rafael”" in page
    response = dana_client.post(url, {"subject": note.subject, "body": body, "action": fix_button(page)})
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.body == body.replace("Rafel", "Rafael", 1)
    assert "name-misspelled" not in dana_client.get(url).content.decode()


def test_a_fix_that_no_longer_fits_the_text_keeps_the_writers_words_unchanged(dana_client, note):
    body = note.body.replace("Rafael", "Rafel", 1)
    url = reverse("followup", args=[note.public_id])
    response = dana_client.post(url, {"subject": note.subject, "body": body, "action": "fix:body:0:3"})
    assert response.status_code == 422
    assert "no longer fits" in response.content.decode()
    assert FollowUp.objects.get(pk=note.pk).body == body  # saved as typed, no fix applied
    assert dana_client.post(url, {"subject": note.subject, "body": body, "action": "fix:nothing"}).status_code == 422


def test_findings_give_plain_advice_first_and_the_codes_last(dana_client, note):
    body = note.body.replace("Rafael", "Rafel", 1)
    page = dana_client.post(reverse("followup_check", args=[note.public_id]),
                            {"subject": note.subject, "body": body}).content.decode()
    advice = page.index("Write &quot;Rafael&quot;, not &quot;Rafel&quot;: that is how Rafael Quiñones&#x27;s name is spelt on the card.<")
    why = page.index("<summary>Why?</summary>")
    assert advice < why < page.index("N3, N5, T17") < page.index("<code>name-misspelled</code>")


def test_the_editor_counts_words_and_characters_against_the_kinds_limit(dana_client, note):
    page = dana_client.get(reverse("followup", args=[note.public_id])).content.decode()
    counts = re.search(r'data-testid="counts">\s*(.*?)\s*</p>', page, re.S).group(1)
    assert re.fullmatch(r"\d+ / 180 words · \d+ characters", counts)
    long_body = note.body + " more" * 200
    page = dana_client.post(reverse("followup_check", args=[note.public_id]),
                            {"subject": note.subject, "body": long_body}).content.decode()
    assert 'id="counts" class="help counts counts-over"' in page and "over the limit" in page
    assert 'hx-swap-oob="true"' in page


def test_a_linkedin_note_is_counted_in_characters(dana_client, dana, note):
    linkedin = FollowUp.objects.filter(owner=dana, kind="linkedin_connect").first()
    page = dana_client.get(reverse("followup", args=[linkedin.public_id])).content.decode()
    assert re.search(r"\d+ / 200 characters", page)


def test_the_editor_has_no_inline_script(dana_client, note):
    page = dana_client.get(reverse("followup", args=[note.public_id])).content.decode()
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == []
    assert "clinch/editor.js" in page
