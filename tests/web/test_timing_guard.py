"""The timing guard: "Send now" and a typed time are held to the policy, whoever asks.

The Larkspur onsite ended Thursday 5 March 2026 at 14:30 in Denver; they said they would decide
by Friday next week (13 March), so the first status check is planned for Tuesday 17 March, 09:30.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from clinch.followups import services
from clinch.followups.models import FollowUp
from clinch.mail.models import Message
from tests.web.flows import DENVER, ENDS, JUST_AFTER, recorded_with_mail

NIGHT_BEFORE_THE_DATE = datetime(2026, 3, 9, 3, 36, tzinfo=DENVER)  # Monday, four days before Friday
PLANNED_CHECK = datetime(2026, 3, 17, 9, 30, tzinfo=DENVER)


@pytest.fixture
def plan(dana):
    recorded_with_mail(dana)
    return {f.kind + ":" + (f.contact.name if f.contact else ""): f
            for f in FollowUp.objects.filter(owner=dana).select_related("contact")}


def status_check(dana) -> FollowUp:
    return FollowUp.objects.filter(owner=dana, kind="status_check").order_by("send_at").first()


def thank_you(dana) -> FollowUp:
    return FollowUp.objects.get(owner=dana, kind="thank_you", contact__name="Rafael Quiñones")


# -- the service: the one place the rule lives -----------------------------------------------------

def test_send_now_of_a_status_check_at_night_before_their_date_is_refused_with_the_reasons(dana, plan):
    check = status_check(dana)
    assert check.send_at == PLANNED_CHECK
    with time_machine.travel(NIGHT_BEFORE_THE_DATE, tick=False):
        with pytest.raises(services.TimingConflict) as caught:
            services.schedule(followup=check, now=NIGHT_BEFORE_THE_DATE, send_now=True)
    conflict = caught.value
    assert [p.code for p in conflict.problems] == ["night", "before_decision"]
    assert "03:36" in conflict.problems[0].says and "Friday 13 March" in conflict.problems[1].says
    assert conflict.problems[0].why.startswith("F9:") and conflict.problems[1].why.startswith("F4:")
    assert conflict.planned == PLANNED_CHECK
    assert not Message.objects.exists()
    check.refresh_from_db()
    assert (check.status, check.timing_choice) == ("planned", "")


def test_choosing_the_planned_time_keeps_the_plan_and_records_the_choice(dana, plan):
    with time_machine.travel(NIGHT_BEFORE_THE_DATE, tick=False):
        message = services.schedule(followup=status_check(dana), now=NIGHT_BEFORE_THE_DATE, send_now=True,
                                    timing="planned")
    assert message.send_at == PLANNED_CHECK
    check = status_check(dana)
    assert (check.status, check.timing_choice, check.timing_rules) == ("scheduled", "planned", "F9, F4")


def test_send_now_anyway_sends_at_once_and_records_who_chose_it(dana, plan):
    with time_machine.travel(NIGHT_BEFORE_THE_DATE, tick=False):
        message = services.schedule(followup=status_check(dana), now=NIGHT_BEFORE_THE_DATE, send_now=True,
                                    timing="anyway")
    assert message.send_at == NIGHT_BEFORE_THE_DATE
    assert (status_check(dana).timing_choice, status_check(dana).timing_rules) == ("anyway", "F9, F4")


def test_a_status_check_after_the_date_but_inside_the_buffer_is_held_to_the_buffer(dana, plan):
    monday_after = datetime(2026, 3, 16, 10, 0, tzinfo=DENVER)  # the date has passed; the 2 days have not
    with time_machine.travel(monday_after, tick=False):
        found = services.timing_problems(followup=status_check(dana), at=monday_after)
    assert [(p.code, p.why[:3]) for p in found] == [("before_status_day", "F2:")]


def test_a_thank_you_sent_from_the_lobby_waits_for_the_delay_after_the_end(dana, plan):
    with time_machine.travel(JUST_AFTER, tick=False):
        with pytest.raises(services.TimingConflict) as caught:
            services.schedule(followup=thank_you(dana), now=JUST_AFTER, send_now=True)
    assert [p.code for p in caught.value.problems] == ["too_soon"]
    assert caught.value.problems[0].not_before == ENDS + timedelta(hours=1)
    assert caught.value.planned == thank_you(dana).send_at


def test_a_time_within_the_rules_is_not_questioned(dana, plan):
    afternoon = datetime(2026, 3, 5, 15, 40, tzinfo=DENVER)
    with time_machine.travel(afternoon, tick=False):
        message = services.schedule(followup=thank_you(dana), now=afternoon, send_now=True)
    assert message.send_at == afternoon
    assert thank_you(dana).timing_choice == ""


def test_a_typed_time_is_checked_like_send_now(dana, plan):
    saturday_night = datetime(2026, 3, 7, 23, 0, tzinfo=DENVER)
    with time_machine.travel(JUST_AFTER, tick=False):
        with pytest.raises(services.TimingConflict) as caught:
            services.schedule(followup=thank_you(dana), now=JUST_AFTER, at=saturday_night)
    assert [p.code for p in caught.value.problems] == ["night"]
    assert caught.value.asked == saturday_night


def test_the_planned_time_when_it_has_passed_is_the_next_civil_moment(dana, plan):
    late_night = datetime(2026, 3, 6, 22, 15, tzinfo=DENVER)  # the thank-you was due that morning
    with time_machine.travel(late_night, tick=False):
        message = services.schedule(followup=thank_you(dana), now=late_night, timing="planned")
    assert message.send_at == datetime(2026, 3, 9, 9, 0, tzinfo=DENVER)  # Monday morning, a business day


def test_a_rejection_reply_waits_out_the_cooling_off(dana, plan):
    told = datetime(2026, 3, 12, 10, 0, tzinfo=DENVER)
    with time_machine.travel(told, tick=False):
        services.record_outcome(opportunity=thank_you(dana).opportunity, outcome="rejected", now=told)
        reply = FollowUp.objects.get(owner=dana, kind="rejection_reply")
        with pytest.raises(services.TimingConflict) as caught:
            services.schedule(followup=reply, now=told + timedelta(hours=2), send_now=True)
    assert [p.code for p in caught.value.problems] == ["cooling_off"]
    assert caught.value.problems[0].not_before == told + timedelta(hours=24)


def test_an_unknown_choice_is_refused(dana, plan):
    with pytest.raises(ValueError):
        services.schedule(followup=thank_you(dana), now=JUST_AFTER, send_now=True, timing="whenever")


# -- the page asks -------------------------------------------------------------------------------

def test_the_editor_asks_before_sending_now_and_says_why(dana_client, dana, plan):
    check = status_check(dana)
    with time_machine.travel(NIGHT_BEFORE_THE_DATE, tick=False):
        response = dana_client.post(reverse("followup", args=[check.public_id]),
                                    {"subject": check.subject, "body": check.body, "action": "send_now"})
    page = response.content.decode()
    assert response.status_code == 409
    assert "Now is not a good moment" in page and "Friday 13 March" in page
    assert "<summary>Why this time?</summary>" in page and "F4:" in page
    assert 'value="planned" id="timing-planned" checked' in page
    assert not Message.objects.exists()


def test_the_editor_keeps_the_plan_by_default_and_sends_anyway_on_request(dana_client, dana, plan):
    check = status_check(dana)
    url = reverse("followup", args=[check.public_id])
    form = {"subject": check.subject, "body": check.body, "action": "send_now"}
    with time_machine.travel(NIGHT_BEFORE_THE_DATE, tick=False):
        response = dana_client.post(url, {**form, "timing": "planned"})
    assert response.status_code == 302
    assert Message.objects.get(followup=check).send_at == PLANNED_CHECK
    dana_client.post(reverse("followup_act", args=[check.public_id, "unschedule"]))
    with time_machine.travel(NIGHT_BEFORE_THE_DATE, tick=False):
        dana_client.post(url, {**form, "timing": "anyway"})
    assert Message.objects.get(followup=check, state="scheduled").send_at == NIGHT_BEFORE_THE_DATE
    assert status_check(dana).timing_choice == "anyway"


def test_a_time_typed_in_the_editor_is_read_in_the_users_zone(dana_client, dana, plan):
    note = thank_you(dana)
    with time_machine.travel(JUST_AFTER, tick=False):
        response = dana_client.post(reverse("followup", args=[note.public_id]), {
            "subject": note.subject, "body": note.body, "action": "schedule_at", "at": "2026-03-06T10:15",
        })
    assert response.status_code == 302
    assert Message.objects.get(followup=note).send_at == datetime(2026, 3, 6, 10, 15, tzinfo=DENVER)


# -- the command line: the same service, so the same guard ---------------------------------------

def test_the_cli_refuses_send_now_outside_the_rules_and_says_why(dana, plan, capsys):
    from clinch.cli import main

    check = status_check(dana)
    with time_machine.travel(NIGHT_BEFORE_THE_DATE, tick=False):
        assert main(["followups", "send-now", str(check.pk)]) == 3
    err = capsys.readouterr().err
    assert "03:36" in err and "F4:" in err and "--planned" in err and "--anyway" in err
    assert not Message.objects.exists()


def test_the_cli_records_planned_or_anyway(dana, plan, capsys):
    from clinch.cli import main

    check = status_check(dana)
    with time_machine.travel(NIGHT_BEFORE_THE_DATE, tick=False):
        assert main(["followups", "send-now", str(check.public_id), "--planned"]) == 0
    assert Message.objects.get(followup=check).send_at == PLANNED_CHECK
    assert "send at the planned time" in capsys.readouterr().out
    note = thank_you(dana)
    with time_machine.travel(JUST_AFTER, tick=False):
        assert main(["followups", "schedule", str(note.pk), "--at", "2026-03-05T14:50:00-07:00", "--anyway"]) == 0
    assert Message.objects.get(followup=note).send_at == datetime(2026, 3, 5, 14, 50, tzinfo=DENVER)
    assert thank_you(dana).timing_choice == "anyway"


def test_the_cli_lists_pending_followups(dana, plan, capsys):
    import json

    from clinch.cli import main

    assert main(["followups", "--user", "dana", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["kind"] for r in rows} >= {"thank_you", "status_check"}
    assert all(r["status"] == "planned" and r["user"] == "dana" for r in rows)
    assert main(["followups", "schedule", "999999"]) == 1
