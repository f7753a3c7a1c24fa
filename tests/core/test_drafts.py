"""``clinch.core.drafts``: one distinct, checked, policy-length note per person and kind."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timezone
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.bench_check_quality import load_interviews
from clinch.core.checks._text import COMMON_WORDS
from clinch.core.drafts import (
    ARTICLE, FIT, INTEREST, LINKEDIN_CLOSINGS, NEXT, NO_TOPIC, OPENINGS, SIGN_OFFS, TOPIC_FIRST, TOPIC_SECOND, Draft, a_or_an, check_draft, draft,
    draft_all,
)
from clinch.core.interview_file import load_interview
from clinch.core.model import Action, Article, Candidate, Interview, Interviewer, Plan
from tests.core.conftest import EXAMPLE, fixture

KINDS = ("thank_you", "status_check", "rejection_reply", "keep_in_touch", "linkedin_connect", "handwritten_card")
WHEN = datetime(2026, 5, 21, 16, 0, tzinfo=timezone.utc)


def interviews() -> dict[str, Interview]:
    found = {"example": load_interview(EXAMPLE), **load_interviews()}
    for name in ("card.yaml", "late_afternoon.yaml", "rejected.yaml"):
        found[name] = load_interview(fixture(name))
    return found


INTERVIEWS = interviews()


def actions_for(interview: Interview, kind: str) -> list[Action]:
    return [
        Action(kind=kind, to=p.email or p.name, channel="email", send_at=WHEN, deadline=None, why="test", recipient=p, key=f"{kind}:{p.email}")
        for p in interview.interviewers
    ]


def sentences(body: str) -> list[str]:
    """Sentences and lines, as a reader would compare two notes."""
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", body) if s.strip()]


def shared(a: str, b: str) -> set[str]:
    return set(sentences(a)) & set(sentences(b))


@pytest.mark.parametrize("name", sorted(INTERVIEWS))
@pytest.mark.parametrize("kind", KINDS)
def test_every_draft_passes_its_own_checks_without_errors(name, kind, policy):
    interview = INTERVIEWS[name]
    for action in actions_for(interview, kind):
        d = draft(interview, action, policy)
        errors = [f for f in check_draft(interview, action, d, policy) if f.severity == "error"]
        assert not errors, (action.to, d.body, errors)


@pytest.mark.parametrize("name", sorted(INTERVIEWS))
def test_no_two_thank_you_notes_to_one_panel_share_more_than_one_sentence(name, policy):
    interview = INTERVIEWS[name]
    bodies = [draft(interview, a, policy).body for a in actions_for(interview, "thank_you")]
    for i, a in enumerate(bodies):
        for b in bodies[i + 1:]:
            assert len(shared(a, b)) <= 1, shared(a, b)


def test_a_thank_you_note_greets_by_preferred_name_and_cites_the_persons_topics_and_article(policy):
    interview = INTERVIEWS["harbor"]
    kate = next(a for a in actions_for(interview, "thank_you") if a.recipient.preferred_name == "Kate")
    d = draft(interview, kate, policy)
    assert d.body.startswith(("Dear Kate,", "Hi Kate,", "Hello Kate,"))
    assert "churn forecasting for subscription customers" in d.body
    assert "Harborview Analytics LLC" in d.body or "Data Scientist" in d.body
    assert d.body.rstrip().splitlines()[-2:][0].startswith("Jon Park") or "Jon Park" in d.body

    grace = next(a for a in actions_for(interview, "thank_you") if a.recipient.name == "Grace Liu")
    body = draft(interview, grace, policy).body
    assert "Testing data pipelines like software" in body and "https://blog.example/testing-pipelines" in body
    assert "your team built" in body  # "her team" becomes "your team" when speaking to her


def test_the_subject_puts_the_role_first_and_names_the_candidate(policy):
    interview = INTERVIEWS["example"]
    d = draft(interview, actions_for(interview, "thank_you")[0], policy)
    assert "Controls Engineer" in d.subject[:30] and "Dana Whitfield" in d.subject


def test_a_status_check_replies_in_the_thank_you_thread_and_asks_an_easy_question(policy):
    interview = INTERVIEWS["example"]
    action = actions_for(interview, "thank_you")[0]
    thanks = draft(interview, action, policy)
    status = draft(interview, actions_for(interview, "status_check")[0], policy)
    assert status.subject == "Re: " + thanks.subject
    assert "timeline" in status.body and "?" in status.body
    assert len(status.body.split()) <= policy.value("status_check.max_words")


def test_a_rejection_reply_thanks_wishes_well_and_asks_for_feedback_at_most_once(policy):
    interview = INTERVIEWS["example"]
    d = draft(interview, actions_for(interview, "rejection_reply")[0], policy)
    assert d.body.count("?") == 0 and d.body.count("future application") == 1
    assert "Thank you for letting me know" in d.body and "all the best" in d.body
    assert len(d.body.split()) <= policy.value("rejection_reply.max_words")


def test_a_rejection_reply_has_no_feedback_ask_when_the_policy_says_none():
    from clinch.core.policy import load_policy

    quiet = load_policy({"rejection_reply.feedback_asks": 0})
    interview = INTERVIEWS["example"]
    assert "future application" not in draft(interview, actions_for(interview, "rejection_reply")[0], quiet).body


def test_a_linkedin_note_fits_the_tier_limit(policy):
    from clinch.core.policy import load_policy

    for p in (policy, load_policy({"linkedin.tier": "premium"})):
        for name, interview in INTERVIEWS.items():
            for action in actions_for(interview, "linkedin_connect"):
                d = draft(interview, action, p)
                assert d.subject == "" and len(d.body) <= p.linkedin_note_chars(), (name, d.body)


def test_draft_all_follows_the_plan_and_filters_by_kind(policy):
    interview = INTERVIEWS["example"]
    plan = Plan(decision_date=None, actions=tuple(actions_for(interview, "thank_you") + actions_for(interview, "status_check")))
    assert [a.kind for a, _ in draft_all(interview, plan, policy, kind="status_check")] == ["status_check"] * 3
    assert all(isinstance(d, Draft) for _, d in draft_all(interview, plan, policy))
    assert len(draft_all(interview, plan, policy)) == 6


def test_drafts_are_deterministic(policy):
    interview = INTERVIEWS["example"]
    a = actions_for(interview, "thank_you")[1]
    assert draft(interview, a, policy) == draft(interview, a, policy)


def test_every_capitalised_word_of_the_templates_is_an_ordinary_word():
    # Otherwise a sentence opener could be read as a misspelt name on some panel.
    texts = [*OPENINGS, *TOPIC_FIRST, *TOPIC_SECOND, *ARTICLE, *FIT, *NEXT, *INTEREST, *(s for v in NO_TOPIC.values() for s in v)]
    words = {w for t in texts for w in re.findall(r"\b[A-Z][a-z']+", re.sub(r"\{\w+\}", "", t))}
    assert {w for w in words if w.lower().split("'")[0] not in COMMON_WORDS} == set()


# -- later status checks (F7) ----------------------------------------------------------------


def status_checks(interview: Interview, person: Interviewer, count: int = 3) -> list[Draft]:
    """The 1st..count-th status checks to ``person``, keyed as the planner keys them."""
    from clinch.core.policy import load_policy

    policy = load_policy({"status_check.max_count": 3})
    return [
        draft(interview, Action(kind="status_check", to=person.email, channel="email", send_at=WHEN, deadline=None, why="test",
                                recipient=person, key=f"status_check:{n}:{person.email}"), policy)
        for n in range(1, count + 1)
    ]


def middle(body: str) -> list[str]:
    """The sentences between the greeting and the sign-off: what a status check says."""
    return sentences("\n\n".join(body.split("\n\n")[1:-1]))


def test_each_planned_status_check_says_something_new_and_passes_its_checks_without_a_warning():
    from clinch.core.planner import plan
    from clinch.core.policy import load_policy

    policy = load_policy({"status_check.max_count": 3})
    interview = INTERVIEWS["example"]
    planned = draft_all(interview, plan(interview, policy), policy, kind="status_check")
    bodies = [d.body for _, d in planned]
    assert len(bodies) == 3
    for a, b in combinations(bodies, 2):
        assert set(middle(a)) & set(middle(b)) == set()
    for action, d in planned:
        assert [f.code for f in check_draft(interview, action, d, policy) if f.severity != "info"] == [], d.body
    first, second, last = bodies
    assert "force controller" in first and "timeline" in first
    assert "simulation and hardware testing" in second and "simulation" not in first  # the topic the first left out
    assert second.count("Controls Engineer") == 1 and "?" in second  # interest once, one easy question
    assert "?" not in last and "all the best" in last


@pytest.mark.parametrize("name", sorted(INTERVIEWS))
def test_later_status_checks_are_shorter_and_share_no_sentence(name):
    interview = INTERVIEWS[name]
    for person in (p for p in interview.interviewers if p.email):
        bodies = [d.body for d in status_checks(interview, person)]
        words = [len(" ".join(middle(b)).split()) for b in bodies]
        assert words[0] > words[1] > words[2], (person.name, words)
        for a, b in combinations(bodies, 2):
            assert set(middle(a)) & set(middle(b)) == set(), (person.name, a, b)
        for body in bodies:
            lower = body.lower()
            assert not any(p in lower for p in ("following up again", "as i said", "haven't heard", "no reply", "still waiting"))


def test_a_second_status_check_without_a_second_topic_brings_the_article_or_an_offer():
    interview = INTERVIEWS["example"]
    rafael = interview.interviewers[0]
    one_topic = replace(rafael, topics=rafael.topics[:1])
    with_article = replace(interview, interviewers=(one_topic, *interview.interviewers[1:]))
    assert "https://journal.example/compliant-grasping" in status_checks(with_article, one_topic, 2)[1].body

    bare = replace(one_topic, article=None)
    without = replace(interview, interviewers=(bare, *interview.interviewers[1:]))
    second = status_checks(without, bare, 2)[1].body
    assert "work samples or references" in second and "gripper" not in second


# -- a or an -------------------------------------------------------------------------------


@pytest.mark.parametrize("phrase, article", [
    ("Engineer", "an"), ("Embedded Software Engineer", "an"), ("Controls Engineer", "a"), ("Data Scientist", "a"),
    ("Operations Lead", "an"), ("iOS Developer", "an"), ("user researcher", "a"), ("Unit Test Engineer", "a"),
    ("Unix administrator", "a"), ("one-person team", "a"), ("European sales lead", "a"), ("hour", "an"),
    ("honest answer", "an"), ("SRE", "an"), ("ML Engineer", "an"), ("FPGA Engineer", "an"), ("UX Designer", "a"),
    ("PM", "a"), ("HR Partner", "an"), ("QA Analyst", "a"), ("NASA contractor", "a"), ("8-person team", "an"),
    ("11-week project", "an"), ("3D artist", "a"), ("Senior Site Reliability Engineer", "a"),
])
def test_a_or_an_goes_by_the_sound_of_the_next_word(phrase, article):
    assert a_or_an(phrase) == article


def test_no_template_writes_a_before_a_placeholder():
    # "a {role}" reads "a Engineer"; templates write "{a_role}" instead.
    texts = [*OPENINGS, *TOPIC_FIRST, *TOPIC_SECOND, *ARTICLE, *FIT, *NEXT, *INTEREST]
    assert [t for t in texts if re.search(r"\ban? \{", t)] == []


def test_a_role_that_starts_with_a_vowel_sound_takes_an_in_every_phrasing(policy):
    interview = replace(twelve_person_panel(), role="Embedded Software Engineer")
    bodies = " ".join(draft(interview, a, policy).body for a in actions_for(interview, "thank_you"))
    assert "an Embedded Software Engineer" in bodies and "a Embedded" not in bodies


# -- large panels ----------------------------------------------------------------------------

PANEL = [
    ("Ana Cruz", "sensor fusion for the warehouse robots"), ("Bo Yang", "the billing migration"),
    ("Carl Moss", "latency budgets in search ranking"), ("Dina Park", "battery thermal testing"),
    ("Eli Stone", "design reviews for accessibility"), ("Fay Wong", "pricing experiments"),
    ("Gus Hill", "caching in the kubernetes clusters"),  # "Hello" beside a name could read as "Hill" misspelt
    ("Hana Sato", "clinic scheduling"), ("Ivan Petrov", "fraud detection models"),
    ("Jill Ford", "onboarding for new engineers"), ("Kofi Mensah", "accessibility audits"), ("Lena Berg", "the data warehouse"),
]


def twelve_person_panel() -> Interview:
    people = tuple(
        Interviewer(name=name, email=f"{name.split()[0].lower()}@acme.example", topics=(topic,), role="hiring_manager" if i == 0 else "interviewer")
        for i, (name, topic) in enumerate(PANEL)
    )
    return Interview(
        candidate=Candidate(name="Dana Whitfield", email="dana@example.org", timezone="America/Denver"),
        company="Acme Corp.", role="Controls Engineer",
        starts_at=datetime(2026, 5, 20, 19, 0, tzinfo=timezone.utc), ends_at=datetime(2026, 5, 20, 20, 0, tzinfo=timezone.utc),
        interviewers=people,
    )


@pytest.mark.parametrize("size", [8, 10, 12])
def test_no_two_thank_you_notes_to_a_panel_of_up_to_twelve_share_more_than_one_sentence(size, policy):
    full = twelve_person_panel()
    interview = replace(full, interviewers=full.interviewers[:size])
    bodies = [draft(interview, a, policy).body for a in actions_for(interview, "thank_you")]
    for a, b in combinations(bodies, 2):
        assert len(shared(a, b)) <= 1, shared(a, b)


@pytest.mark.parametrize("kind", ["thank_you", "linkedin_connect"])
def test_notes_to_every_member_of_a_twelve_person_panel_share_no_sentence_but_the_signature(kind, policy):
    bodies = [draft(twelve_person_panel(), a, policy).body for a in actions_for(twelve_person_panel(), kind)]
    for a, b in combinations(bodies, 2):
        assert shared(a, b) <= {"Dana Whitfield · dana@example.org", "Dana"}, shared(a, b)


@pytest.mark.parametrize("kind", KINDS)
def test_every_draft_to_a_twelve_person_panel_passes_its_checks_without_errors(kind, policy):
    interview = twelve_person_panel()
    for action in actions_for(interview, kind):
        d = draft(interview, action, policy)
        assert not [f for f in check_draft(interview, action, d, policy) if f.severity == "error"], d.body


def test_every_slot_has_a_phrasing_for_each_member_of_a_twelve_person_panel():
    for options in (OPENINGS, TOPIC_FIRST, TOPIC_SECOND, ARTICLE, FIT, NEXT, INTEREST, SIGN_OFFS, LINKEDIN_CLOSINGS, *NO_TOPIC.values()):
        assert len(set(options)) >= 12


# -- property: any panel, any names, any (ordinary) topics -------------------------------

NAMES = st.sampled_from([
    "Katherine O'Neill", "Jon Smyth", "Siobhán Ní Bhriain", "Nguyễn Văn An", "Zoë Dupré", "Will Grant", "Grace Hopper-Liu",
    "Mary-Kate Olsen", "José Álvarez", "Ngozi Okonjo", "Søren Kierkegaard", "Łukasz Wróbel", "Ana de la Cruz",
    "Dr. Aubrey Sinclair", "Björn Ulvaeus", "Mark March", "Hope Summers", "Xi Li", "Bo Yang", "Ahmed Al-Farsi",
])
WORDS = st.sampled_from([
    "latency", "budgets", "onboarding", "sensor", "fusion", "billing", "migration", "the", "search", "ranking", "models",
    "warehouse", "robots", "battery", "thermal", "testing", "design", "reviews", "pricing", "experiments", "caching",
    "kubernetes", "clusters", "clinic", "scheduling", "fraud", "detection", "accessibility", "audits",
])
TOPIC = st.lists(WORDS, min_size=2, max_size=7).map(" ".join)


@st.composite
def panels(draw):
    names = draw(st.lists(NAMES, min_size=1, max_size=5, unique=True))
    people = []
    for i, name in enumerate(names):
        topics = tuple(draw(st.lists(TOPIC, max_size=3)))
        article = draw(st.none() | st.builds(Article, title=TOPIC.map(str.capitalize), url=st.just(f"https://example.org/a{i}")))
        people.append(Interviewer(name=name, email=f"p{i}@example.com", topics=topics, article=article,
                                  role=draw(st.sampled_from(["interviewer", "hiring_manager", "recruiter"]))))
    candidate = draw(st.sampled_from(["Dana Whitfield", "Jon Park", "Aisha Rahman", "Zoë Adeyemi"]))
    return Interview(
        candidate=Candidate(name=candidate, email="me@example.org", timezone="America/Denver"),
        company=draw(st.sampled_from(["Larkspur Robotics, Inc.", "eBay", "Meridian Health Partners", "Acme Corp.", "Harborview Analytics LLC"])),
        role=draw(st.sampled_from(["Controls Engineer", "Data Scientist", "Senior Site Reliability Engineer", "PM"])),
        starts_at=datetime(2026, 5, 20, 19, 0, tzinfo=timezone.utc),
        ends_at=datetime(2026, 5, 20, 20, 0, tzinfo=timezone.utc),
        interviewers=tuple(people),
    )


@settings(max_examples=60)
@given(interview=panels(), kind=st.sampled_from(KINDS))
def test_property_drafts_pass_their_checks_for_any_panel(interview, kind):
    from clinch.core.policy import load_policy

    policy = load_policy()
    bodies = []
    for action in actions_for(interview, kind):
        d = draft(interview, action, policy)
        errors = [f for f in check_draft(interview, action, d, policy) if f.severity == "error"]
        assert not errors, (d.body, errors)
        bodies.append(d.body)
    if kind in ("thank_you", "linkedin_connect"):  # the kinds planned for every member of a panel
        for i, a in enumerate(bodies):
            for b in bodies[i + 1:]:
                assert len(shared(a, b)) <= 1


@pytest.mark.parametrize("name", ["EXAMPLE", "card", "late_afternoon", "rejected"])
def test_drafts_raise_not_even_a_warning_against_themselves(name):
    """A warning on Clinch's own wording would teach users to ignore warnings."""
    from clinch.core.drafts import check_draft, draft_all
    from clinch.core.planner import plan
    from clinch.core.policy import load_policy

    interview = load_interview(EXAMPLE if name == "EXAMPLE" else fixture(f"{name}.yaml"))
    policy = load_policy()
    loud = [
        (action.kind, finding.code, d.body[finding.start:finding.end])
        for action, d in draft_all(interview, plan(interview, policy), policy)
        for finding in check_draft(interview, action, d, policy)
        if finding.severity != "info"
    ]
    assert loud == []


@pytest.mark.parametrize(
    "name, greeted",
    [("Nguyễn Văn An", "An"), ("Tan Mei Ling", "Mei Ling"), ("Park Ji Hoon", "Ji Hoon"), ("Nguyen An", "An"), ("Lee Ann Smith", "Lee"),
     ("Grace Liu", "Grace"), ("Wang Wei", "Wang"), ("王伟", "王伟"), ("Dr. Aubrey Sinclair", "Aubrey")],
)
def test_a_note_greets_by_the_given_name_even_when_the_family_name_comes_first(name, greeted, policy):
    interview = replace(twelve_person_panel(), interviewers=(Interviewer(name=name, email="p@example.com", topics=("sensor fusion",)),))
    for kind in ("thank_you", "linkedin_connect"):
        action = actions_for(interview, kind)[0]
        d = draft(interview, action, policy)
        assert re.match(rf"(?:Dear|Hi|Hello) {re.escape(greeted)},", d.body), d.body
        assert not [f for f in check_draft(interview, action, d, policy) if f.severity == "error"], d.body
