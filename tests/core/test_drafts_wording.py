"""Draft wording: no word three times in a short note, "today" rather than "on Monday" in a note
sent that Monday, and the company's short name in running prose."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bench.bench_check_quality import load_interviews
from clinch.core import drafts, planner
from clinch.core.drafts import REPEAT_LIMIT, SHORT_NOTES, draft, on_day, short_company, vary_repeats
from clinch.core.model import Action
from clinch.core.policy import load_policy
from tests.core.test_drafts import panels

POLICY = load_policy()
DENVER = ZoneInfo("America/Denver")
IV = load_interviews()
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def over_used(body: str, keep: frozenset[str]) -> dict[str, int]:
    """Template words used more than the limit between the greeting and the signature."""
    middle = " ".join(body.split("\n\n")[1:-1])
    counts: dict[str, int] = {}
    for word in WORD.findall(middle):
        low = word.lower()
        if low not in drafts._STOP and low not in keep:
            counts[low] = counts.get(low, 0) + 1
    return {w: n for w, n in counts.items() if n > REPEAT_LIMIT and w in drafts.SYNONYMS}


def test_the_corpus_notes_use_no_template_word_three_times():
    for interview in IV.values():
        for action in planner.plan(interview, POLICY).actions:
            if action.kind in SHORT_NOTES:
                body = draft(interview, action, POLICY).body
                keep = drafts._own_words(interview, action.recipient)
                assert over_used(body, keep) == {}, body


@settings(max_examples=60)
@given(interview=panels(), kind=st.sampled_from(sorted(SHORT_NOTES)))
def test_property_no_template_word_three_times_for_any_panel(interview, kind):
    for person in interview.interviewers:
        action = Action(kind=kind, to=person.email, channel="email", send_at=interview.ends_at + timedelta(days=1),
                        deadline=None, why="", recipient=person, key=f"{kind}:{person.email}")
        body = draft(interview, action, POLICY).body
        assert over_used(body, drafts._own_words(interview, person)) == {}, body


def test_a_third_use_takes_a_stand_in_and_keeps_its_capital():
    body = "Hi Jo,\n\nThe role is great. I like the role. Role three. The role again.\n\nBest,\nDana"
    assert vary_repeats(body) == "Hi Jo,\n\nThe role is great. I like the role. Position three. The position again.\n\nBest,\nDana"
    assert vary_repeats(body, keep=frozenset({"role"})) == body  # the user's own words stay


@given(st.text(alphabet="ab role team.", max_size=400))
def test_property_varying_never_changes_greeting_signature_or_paragraph_count(text):
    body = f"Hi Jo,\n\n{text}\n\nBest,\nDana"
    out = vary_repeats(body)
    assert out.split("\n\n")[0] == "Hi Jo," and out.split("\n\n")[-1] == "Best,\nDana"
    assert out.count("\n\n") == body.count("\n\n")


def test_a_note_sent_on_the_day_of_the_interview_says_today_or_this_morning():
    morning = datetime(2026, 3, 9, 9, 0, tzinfo=DENVER)  # a Monday
    afternoon = datetime(2026, 3, 9, 14, 0, tzinfo=DENVER)
    assert on_day(morning, morning + timedelta(hours=5)) == "this morning"
    assert on_day(afternoon, afternoon + timedelta(hours=2)) == "today"
    assert on_day(afternoon, afternoon + timedelta(days=1)) == "on Monday"
    assert on_day(afternoon, None) == "on Monday"


def test_thank_you_notes_sent_the_same_day_never_name_the_weekday():
    interview = IV["larkspur"]  # its plan sends the thank-yous the afternoon of the interview
    weekday = interview.starts_at.strftime("%A")
    same_day = [a for a in planner.plan(interview, POLICY).actions if a.kind == "thank_you"
                and a.send_at.astimezone(interview.starts_at.tzinfo).date() == interview.starts_at.date()]
    assert same_day
    for action in same_day:
        body = draft(interview, action, POLICY).body
        assert f"on {weekday}" not in body and ("today" in body or "this morning" in body), body
    later = Action(kind="thank_you", to=same_day[0].to, channel="email", send_at=same_day[0].send_at + timedelta(days=1),
                   deadline=None, why="", recipient=same_day[0].recipient, key=same_day[0].key)
    assert f"on {weekday}" in draft(interview, later, POLICY).body


def test_the_company_goes_by_its_short_name_in_running_prose():
    for legal, short in (("Brightwater Analytics, Inc.", "Brightwater Analytics"), ("Larkspur Robotics Ltd", "Larkspur Robotics"),
                         ("Nordlicht GmbH", "Nordlicht"), ("Harborview Analytics LLC", "Harborview Analytics"),
                         ("Banco Sol S.A.", "Banco Sol"), ("eBay", "eBay")):
        assert short_company(legal) == short
    interview = IV["larkspur"]
    assert interview.company.endswith("Inc.")
    for action in planner.plan(interview, POLICY).actions:
        body = draft(interview, action, POLICY).body
        assert "Inc." not in body
