"""Consent first: the candidate chooses what the coach sees, changes it or withdraws, and reads every access."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from clinch.agency import members
from clinch.agency.models import AccessLog, Coaching, Membership
from tests.agency.conftest import NOW, client_for, coached, membership, opportunity_with_steps


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _urls(org, coaching, followup):
    return (reverse("agency:candidate", args=[org.public_id, coaching.public_id]),
            reverse("agency:draft", args=[org.public_id, coaching.public_id, followup.public_id]))


def test_progress_only_shows_states_but_never_the_draft(northwind, marcus, dana):
    _, steps = opportunity_with_steps(dana, thank_you_at=NOW - timedelta(hours=20))
    coaching = coached(dana, marcus, "progress")
    progress, draft = _urls(northwind, coaching, steps["thank_you"])
    coach = client_for(marcus.user)
    page = coach.get(progress)
    assert page.status_code == 200 and b"Thank-you note" in page.content and b">Late<" in page.content
    assert b"Kafka pipelines" not in page.content and b"Read the draft" not in page.content
    assert coach.get(draft).status_code == 404


def test_progress_and_drafts_lets_the_coach_read_the_draft(northwind, marcus, dana):
    _, steps = opportunity_with_steps(dana, thank_you_at=NOW - timedelta(hours=20))
    coaching = coached(dana, marcus, "drafts")
    _, draft = _urls(northwind, coaching, steps["thank_you"])
    page = client_for(marcus.user).get(draft)
    assert page.status_code == 200 and b"Kafka pipelines" in page.content


def test_withdrawing_ends_access_on_the_next_request(northwind, marcus, dana):
    _, steps = opportunity_with_steps(dana, thank_you_at=NOW)
    coaching = coached(dana, marcus, "drafts")
    progress, draft = _urls(northwind, coaching, steps["thank_you"])
    coach = client_for(marcus.user)
    assert coach.get(progress).status_code == 200
    client_for(dana).post(reverse("agency:coaching_change", args=[coaching.public_id]), {"level": "withdraw"})
    assert coach.get(progress).status_code == 404 and coach.get(draft).status_code == 404
    board = coach.get(reverse("agency:board", args=[northwind.public_id]))
    assert b"Dana Whitfield" not in board.content


def test_narrowing_to_progress_only_hides_drafts_at_once(northwind, marcus, dana):
    _, steps = opportunity_with_steps(dana, thank_you_at=NOW)
    coaching = coached(dana, marcus, "drafts")
    _, draft = _urls(northwind, coaching, steps["thank_you"])
    client_for(dana).post(reverse("agency:coaching_change", args=[coaching.public_id]), {"level": "progress"})
    assert Coaching.objects.get().level == "progress"
    assert client_for(marcus.user).get(draft).status_code == 404


def test_a_bad_level_changes_nothing_and_says_so(marcus, dana):
    coaching = coached(dana, marcus, "drafts")
    page = client_for(dana).post(reverse("agency:coaching_change", args=[coaching.public_id]),
                                 {"level": "everything"}, follow=True)
    assert b"Choose progress only" in page.content and Coaching.objects.get().level == "drafts"


def test_every_access_is_logged_and_the_candidate_reads_the_log(northwind, marcus, dana):
    _, steps = opportunity_with_steps(dana, thank_you_at=NOW)
    coaching = coached(dana, marcus, "drafts")
    progress, draft = _urls(northwind, coaching, steps["thank_you"])
    coach = client_for(marcus.user)
    coach.get(progress)
    coach.get(draft)
    coach.get(progress)
    assert AccessLog.objects.filter(candidate=dana, coach=marcus.user).count() == 3
    page = client_for(dana).get(reverse("agency:coaching"))
    assert page.content.count(b"Marcus Lee") >= 4 and b"Draft: Thank-you note to Siobh" in page.content


def test_the_log_survives_the_coach_being_removed(northwind, marcus, dana):
    coaching = coached(dana, marcus)
    client_for(marcus.user).get(reverse("agency:candidate", args=[northwind.public_id, coaching.public_id]))
    members.remove(marcus)
    entry = AccessLog.objects.get(candidate=dana)
    assert (entry.coach_name, entry.organisation_name) == ("Marcus Lee", "Northwind Careers")


def test_removing_a_coach_removes_access_immediately(northwind, marcus, dana):
    coaching = coached(dana, marcus)
    url = reverse("agency:candidate", args=[northwind.public_id, coaching.public_id])
    coach = client_for(marcus.user)
    assert coach.get(url).status_code == 200
    owner = client_for(membership(northwind, "olivia").user)
    owner.post(reverse("agency:member_remove", args=[northwind.public_id, marcus.public_id]))
    assert not Membership.objects.filter(pk=marcus.pk).exists()
    assert coach.get(url).status_code == 404
    assert coach.get(reverse("agency:board", args=[northwind.public_id])).status_code == 404


def test_deleting_an_organisation_leaves_the_candidates_own_data(northwind, marcus, dana):
    from clinch.followups.models import FollowUp
    from clinch.interviews.models import Interview, Opportunity

    opportunity_with_steps(dana, thank_you_at=NOW)
    coached(dana, marcus)
    client_for(marcus.user).get(reverse("agency:board", args=[northwind.public_id]))
    northwind.delete()  # as the admin does: the only way an organisation goes
    assert not Coaching.objects.exists()
    assert (Opportunity.objects.filter(owner=dana).count(), Interview.objects.filter(owner=dana).count(),
            FollowUp.objects.filter(owner=dana).count()) == (1, 1, 1)
    assert client_for(dana).get(reverse("home")).status_code == 200


def test_desk_staff_of_the_organisation_do_not_see_candidates(northwind, marcus, dana):
    coaching = coached(dana, marcus)
    priya = client_for(membership(northwind, "priya").user)
    assert priya.get(reverse("agency:board", args=[northwind.public_id])).status_code == 404
    assert priya.get(reverse("agency:candidate", args=[northwind.public_id, coaching.public_id])).status_code == 404
    assert priya.get(reverse("agency:organisation", args=[northwind.public_id])).status_code == 200


def test_createorg_makes_an_organisation_owned_by_an_existing_account(make_user):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    from clinch.agency.models import Organisation

    make_user("olga")
    call_command("createorg", "Eastgate Staffing", owner="olga")
    org = Organisation.objects.get(name="Eastgate Staffing")
    assert org.memberships.get().role == "owner"
    with pytest.raises(CommandError, match="No account"):
        call_command("createorg", "Other", owner="nobody")
    with pytest.raises(CommandError, match="one line"):
        call_command("createorg", "x" * 201, owner="olga")


def test_the_owner_invites_and_adds_a_member_from_the_organisation_page(northwind, make_user):
    owner = client_for(membership(northwind, "olivia").user)
    page = owner.post(reverse("agency:invite", args=[northwind.public_id]), {"email": "a@example.org"}, follow=True)
    assert b"/invitation/" in page.content and b"Waiting" in page.content
    make_user("kim")
    owner.post(reverse("agency:member_add", args=[northwind.public_id]), {"username": "kim", "role": "coach"})
    assert membership(northwind, "kim").role == "coach"
    again = owner.get(reverse("agency:organisation", args=[northwind.public_id]))
    assert b"/invitation/" not in again.content  # the link is shown once
