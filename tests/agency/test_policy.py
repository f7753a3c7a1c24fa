"""Agency policy overrides: set by the owner within the rules' bounds, applied to a candidate's new
plans only after the candidate agreed to those exact values."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from clinch.agency import policy
from clinch.followups.models import FollowUp
from tests.agency.conftest import client_for, coached, membership
from tests.web.flows import JUST_AFTER, record


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(JUST_AFTER, tick=False):
        yield


def _first_status_check(owner):
    interview = record(owner, next_step="")  # no date said: the default delay applies (F3)
    return FollowUp.objects.filter(interview=interview, kind="status_check").order_by("send_at").first()


@pytest.fixture
def owner_client(northwind):
    return client_for(membership(northwind, "olivia").user)


def test_the_owner_sets_overrides_within_the_rules_bounds(northwind, owner_client):
    url = reverse("agency:policy", args=[northwind.public_id])
    owner_client.post(url, {"status_check__default_after_days": "12"})
    northwind.refresh_from_db()
    assert northwind.policy_overrides == {"status_check.default_after_days": 12}
    page = owner_client.post(url, {"status_check__default_after_days": "90"})
    assert b"bad policy" in page.content and b"60" in page.content  # the rule's own bounds
    northwind.refresh_from_db()
    assert northwind.policy_overrides == {"status_check.default_after_days": 12}


def test_an_agency_cannot_set_an_etiquette_rule():
    with pytest.raises(ValueError, match="cannot set thank_you.max_hours"):
        policy.validate({"thank_you.max_hours": 72})


def test_a_coach_or_another_org_cannot_open_the_policy_page(northwind, southbank, marcus):
    url = reverse("agency:policy", args=[northwind.public_id])
    assert client_for(marcus.user).get(url).status_code == 404
    assert client_for(membership(southbank, "sam").user).get(url).status_code == 404


def test_overrides_shape_new_plans_only_after_the_candidate_agrees(northwind, marcus, dana, make_user):
    policy.set_overrides(organisation=northwind, overrides={"status_check.default_after_days": 12})
    coaching = coached(dana, marcus)
    before = _first_status_check(dana)
    client_for(dana).post(reverse("agency:coaching_policy", args=[coaching.public_id]), {"answer": "agree"})
    with time_machine.travel(JUST_AFTER + timedelta(seconds=1), tick=False):
        FollowUp.objects.filter(owner=dana).delete()
        from clinch.interviews.models import Interview
        Interview.objects.filter(owner=dana).delete()
        after = _first_status_check(dana)
    assert (after.send_at - before.send_at).days >= 4  # 12 days instead of 7 (moved to a business day)
    assert "12" in after.why


def test_withdrawing_consent_stops_the_overrides(northwind, marcus, dana):
    policy.set_overrides(organisation=northwind, overrides={"status_check.default_after_days": 12})
    coaching = coached(dana, marcus)
    baseline = _first_status_check(dana).send_at
    policy.agree(coaching=coaching, now=JUST_AFTER - timedelta(days=1))
    client_for(dana).post(reverse("agency:coaching_change", args=[coaching.public_id]), {"level": "withdraw"})
    from clinch.interviews.models import Interview
    Interview.objects.filter(owner=dana).delete()
    assert _first_status_check(dana).send_at == baseline


def test_the_coaching_page_asks_for_agreement_and_shows_the_values(northwind, marcus, dana):
    policy.set_overrides(organisation=northwind, overrides={"handwritten.delivery_days": 5})
    coached(dana, marcus)
    page = client_for(dana).get(reverse("agency:coaching"))
    assert b"handwritten.delivery_days" in page.content and b"Use the agency's values" in page.content


def _agreed_and_recorded(northwind, marcus, dana, after_days: int) -> FollowUp:
    """Dana agreed to Northwind's ``after_days`` for status checks, then recorded the onsite (no date said)."""
    from tests.web.flows import add_mail_account

    policy.set_overrides(organisation=northwind, overrides={"status_check.default_after_days": after_days})
    policy.agree(coaching=coached(dana, marcus), now=JUST_AFTER - timedelta(days=1))
    check = _first_status_check(dana)
    add_mail_account(dana)
    return check


def test_the_timing_guard_allows_the_plans_own_time_under_the_agreed_policy(northwind, marcus, dana):
    from clinch.followups import services

    check = _agreed_and_recorded(northwind, marcus, dana, after_days=4)
    assert (check.send_at - JUST_AFTER).days < 7  # sooner than the server's 7 days (F3)
    assert services.timing_problems(followup=check, at=check.send_at) == []
    message = services.schedule(followup=check, now=JUST_AFTER + timedelta(hours=1))  # no TimingConflict
    assert message.send_at == check.send_at


def test_the_timing_guard_holds_a_step_to_the_agreed_policy(northwind, marcus, dana):
    from clinch.followups import services

    check = _agreed_and_recorded(northwind, marcus, dana, after_days=12)
    after_server_days = check.send_at - timedelta(days=3)  # past the server's 7 days, before the agency's 12
    assert (after_server_days - JUST_AFTER).days >= 7
    with pytest.raises(services.TimingConflict) as caught:
        services.schedule(followup=check, now=JUST_AFTER + timedelta(hours=1), at=after_server_days)
    (problem,) = caught.value.problems
    assert (problem.code, problem.policy_key) == ("before_status_day", "status_check.default_after_days")
    assert caught.value.planned == check.send_at
    assert problem.why.startswith("F3:") and "12" in problem.why
