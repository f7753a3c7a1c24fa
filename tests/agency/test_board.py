"""The coach's board: what needs attention, counts, filters, search, in a fixed number of queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from clinch.agency.board import board
from clinch.mail.models import Message
from tests.agency.conftest import NOW, client_for, coached, opportunity_with_steps


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _flags(marcus, **filters):
    return {row.username: row.flags for row in board(membership=marcus, now=NOW, **filters).candidates}


def test_a_thank_you_past_its_deadline_is_overdue(marcus, dana):
    opportunity_with_steps(dana, thank_you_at=NOW - timedelta(hours=20))  # deadline 4 h later: passed
    coached(dana, marcus)
    assert _flags(marcus) == {"dana": {"thank_you_late": 1}}


def test_a_thank_you_due_later_today_is_not_overdue(marcus, dana):
    opportunity_with_steps(dana, thank_you_at=NOW + timedelta(hours=1))
    coached(dana, marcus)
    assert _flags(marcus) == {"dana": {}}


def test_a_thank_you_sent_or_cancelled_needs_nothing(marcus, dana):
    _, steps = opportunity_with_steps(dana, thank_you_at=NOW - timedelta(days=2))
    steps["thank_you"].status, steps["thank_you"].sent_at = "sent", NOW - timedelta(days=2)
    steps["thank_you"].save()
    coached(dana, marcus)
    assert _flags(marcus) == {"dana": {}}


def test_a_status_check_due_without_a_reply_needs_attention_but_not_after_a_reply(marcus, dana, erin):
    opportunity_with_steps(dana, status_check_at=NOW - timedelta(hours=2))
    opportunity_with_steps(erin, status_check_at=NOW - timedelta(hours=2), replied=True)
    coached(dana, marcus)
    coached(erin, marcus)
    assert _flags(marcus) == {"dana": {"status_check_due": 1}, "erin": {}}


def test_an_uncertain_send_needs_attention(marcus, dana):
    opp, steps = opportunity_with_steps(dana, thank_you_at=NOW + timedelta(hours=1))
    Message.objects.create(owner=dana, followup=steps["thank_you"], opportunity=opp, message_id="<u@clinch>",
                           from_email="dana@example.org", to_email="s@larkspur.example", subject="Thank you",
                           body_text="Dear", state="uncertain")
    coached(dana, marcus)
    assert _flags(marcus) == {"dana": {"uncertain": 1}}


def test_a_rejection_without_a_reply_and_an_offer_are_flagged(marcus, dana, erin):
    opportunity_with_steps(dana, outcome="rejected")
    opportunity_with_steps(erin, outcome="offer")
    coached(dana, marcus)
    coached(erin, marcus)
    assert _flags(marcus) == {"dana": {"rejection_unanswered": 1}, "erin": {"offer": 1}}


def test_counts_filter_and_search(northwind, marcus, dana, erin, make_user):
    opportunity_with_steps(dana, thank_you_at=NOW - timedelta(days=2))
    opportunity_with_steps(erin, outcome="offer")
    coached(dana, marcus)
    coached(erin, marcus)
    coached(make_user("fred", display_name="Fred Quiet"), marcus)
    result = board(membership=marcus, now=NOW)
    assert result.total == 3 and result.counts["thank_you_late"] == 1 and result.counts["offer"] == 1
    assert [r.username for r in result.candidates] == ["dana", "erin", "fred"]
    assert list(_flags(marcus, attention="offer")) == ["erin"]
    assert list(_flags(marcus, q="castillo")) == ["erin"]
    page = client_for(marcus.user).get(reverse("agency:board", args=[northwind.public_id]),
                                       {"attention": "thank_you_late"})
    assert b"Dana Whitfield" in page.content and b"Erin Castillo" not in page.content
    assert b"Thank-you overdue" in page.content


def test_each_row_links_the_candidate_and_prints_its_badges(northwind, marcus, dana, erin, make_user):
    opportunity_with_steps(dana, thank_you_at=NOW - timedelta(days=2))
    opportunity_with_steps(dana, company="Quill & Co", thank_you_at=NOW - timedelta(days=3))
    opportunity_with_steps(erin, outcome="offer")
    coachings = {"dana": coached(dana, marcus), "erin": coached(erin, marcus, "drafts")}
    coached(make_user("fred", display_name="Fred <Quiet>"), marcus)
    page = client_for(marcus.user).get(reverse("agency:board", args=[northwind.public_id])).content.decode()
    dana_url = reverse("agency:candidate", args=[northwind.public_id, coachings["dana"].public_id])
    assert f'<a href="{dana_url}"><strong>Dana Whitfield</strong></a>' in page
    assert '<span class="badge badge-warn">Thank-you overdue ×2</span>' in page
    assert '<span class="badge badge-ok">Offer</span>' in page
    assert "Progress and drafts" in page
    assert "<strong>Fred &lt;Quiet&gt;</strong>" in page and '<span class="muted">Nothing needs you</span>' in page


def test_an_oversized_search_is_refused_with_a_message_not_an_error(northwind, marcus):
    page = client_for(marcus.user).get(reverse("agency:board", args=[northwind.public_id]), {"q": "x" * 2000})
    assert page.status_code == 200
    assert b"at most 100 characters" in page.content


def test_an_oversized_search_keeps_the_attention_filter(northwind, marcus, dana, erin):
    opportunity_with_steps(dana, thank_you_at=NOW - timedelta(days=2))
    opportunity_with_steps(erin, outcome="offer")
    coached(dana, marcus)
    coached(erin, marcus)
    page = client_for(marcus.user).get(reverse("agency:board", args=[northwind.public_id]),
                                       {"q": "x" * 2000, "attention": "offer"})
    assert b"Erin Castillo" in page.content and b"Dana Whitfield" not in page.content


def test_the_board_shows_only_this_coachs_consenting_candidates(northwind, southbank, marcus, dana, erin):
    from tests.agency.conftest import membership

    coached(dana, marcus)
    coached(erin, membership(southbank, "sam"))
    page = client_for(marcus.user).get(reverse("agency:board", args=[northwind.public_id]))
    assert b"Dana Whitfield" in page.content and b"Erin Castillo" not in page.content


def _candidates(marcus, make_user, start: int, count: int):
    for i in range(start, start + count):
        user = make_user(f"cand{i}", display_name=f"Candidate {i}")
        opp, steps = opportunity_with_steps(user, thank_you_at=NOW - timedelta(days=2),
                                            status_check_at=NOW - timedelta(hours=3),
                                            outcome="rejected" if i % 2 else "pending")
        Message.objects.create(owner=user, followup=steps["thank_you"], opportunity=opp, message_id=f"<{i}@c>",
                               from_email="c@example.org", to_email="s@example.org", subject="Thanks",
                               body_text="Hi", state="uncertain")
        coached(user, marcus)


def test_the_board_takes_the_same_queries_for_2_or_12_candidates(northwind, marcus, make_user,
                                                                  django_assert_max_num_queries):
    client = client_for(marcus.user)
    url = reverse("agency:board", args=[northwind.public_id])
    _candidates(marcus, make_user, 0, 2)
    with django_assert_max_num_queries(12) as few:
        assert client.get(url).status_code == 200
    _candidates(marcus, make_user, 2, 10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url)
    assert page.content.count(b"Uncertain send") == 13  # twelve rows and the count tab
