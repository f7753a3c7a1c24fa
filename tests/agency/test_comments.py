"""Comments on drafts: reading the draft needs "progress and drafts"; with "progress only" the coach
comments on the step without its text. The candidate reads every comment in the editor; the coach
never edits or sends."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from clinch.agency.models import COMMENT_CHARS, DraftComment
from clinch.followups.models import FollowUp
from tests.agency.conftest import NOW, client_for, coached, opportunity_with_steps


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def draft(dana):
    _, steps = opportunity_with_steps(dana, thank_you_at=NOW + timedelta(hours=2))
    return steps["thank_you"]


def _draft_url(org, coaching, followup):
    return reverse("agency:draft", args=[org.public_id, coaching.public_id, followup.public_id])


def test_the_coach_comments_and_the_candidate_sees_it_in_the_editor(northwind, marcus, dana, draft):
    coaching = coached(dana, marcus, "drafts")
    client_for(marcus.user).post(_draft_url(northwind, coaching, draft), {"body": "Name the Kafka migration."})
    assert DraftComment.objects.get().owner == dana
    editor = client_for(dana).get(reverse("followup", args=[draft.public_id]))
    assert b"Your coach's comments" in editor.content and b"Name the Kafka migration." in editor.content


def _step_url(org, coaching, followup):
    return reverse("agency:step", args=[org.public_id, coaching.public_id, followup.public_id])


def test_with_progress_only_the_coach_comments_on_the_step_without_seeing_its_text(northwind, marcus, dana, draft):
    coaching = coached(dana, marcus, "progress")
    coach = client_for(marcus.user)
    progress = coach.get(reverse("agency:candidate", args=[northwind.public_id, coaching.public_id])).content.decode()
    assert _step_url(northwind, coaching, draft) in progress and _draft_url(northwind, coaching, draft) not in progress
    page = coach.get(_step_url(northwind, coaching, draft)).content.decode()
    assert "Thank-you note to Siobhán O&#x27;Connor" in page and "shares progress only" in page
    assert "Kafka pipelines" not in page and "Thank you</strong>" not in page  # neither body nor subject
    response = coach.post(_step_url(northwind, coaching, draft), {"body": "Your thank-you to Siobhán is late."})
    assert response.status_code == 302
    comment = DraftComment.objects.get()
    assert (comment.owner, comment.followup_public_id, comment.author) == (dana, draft.public_id, marcus.user)
    editor = client_for(dana).get(reverse("followup", args=[draft.public_id])).content.decode()
    assert "Your thank-you to Siobhán is late." in editor
    assert "Kafka pipelines" not in coach.get(_step_url(northwind, coaching, draft)).content.decode()


def test_the_step_page_is_404_after_withdrawal_and_for_another_candidates_step(northwind, marcus, dana, erin, draft):
    from clinch.agency import consent

    coaching = coached(dana, marcus, "progress")
    _, erins = opportunity_with_steps(erin, thank_you_at=NOW + timedelta(hours=3))
    coach = client_for(marcus.user)
    assert coach.get(_step_url(northwind, coaching, erins["thank_you"])).status_code == 404
    consent.withdraw(coaching=coaching)
    assert coach.post(_step_url(northwind, coaching, draft), {"body": "Hi"}).status_code == 404
    assert not DraftComment.objects.exists()


def test_no_draft_text_without_drafts_consent(northwind, marcus, dana, draft):
    coaching = coached(dana, marcus, "progress")
    response = client_for(marcus.user).post(_draft_url(northwind, coaching, draft), {"body": "Hi"})
    assert response.status_code == 404 and not DraftComment.objects.exists()


def test_an_oversized_comment_is_refused_and_nothing_is_stored(northwind, marcus, dana, draft):
    coaching = coached(dana, marcus, "drafts")
    page = client_for(marcus.user).post(_draft_url(northwind, coaching, draft), {"body": "x" * (2 * COMMENT_CHARS)})
    assert page.status_code == 200 and b"characters or fewer" in page.content
    assert not DraftComment.objects.exists()


def test_the_coach_can_never_edit_or_send_the_draft(northwind, marcus, dana, draft):
    coaching = coached(dana, marcus, "drafts")
    coach = client_for(marcus.user)
    before = FollowUp.objects.values("subject", "body", "status").get(pk=draft.pk)
    coach.post(_draft_url(northwind, coaching, draft), {"body": "ok", "subject": "Hacked", "action": "send_now"})
    for url in (reverse("followup", args=[draft.public_id]),
                reverse("followup_act", args=[draft.public_id, "schedule"])):
        assert coach.post(url, {"subject": "Hacked", "body": "Hacked", "action": "send_now"}).status_code == 404
    assert FollowUp.objects.values("subject", "body", "status").get(pk=draft.pk) == before
    page = coach.get(_draft_url(northwind, coaching, draft))
    assert b'name="subject"' not in page.content and b"send_now" not in page.content
