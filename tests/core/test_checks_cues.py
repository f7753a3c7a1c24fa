"""The cue layer (``clinch/core/checks/cues.py``): tone read from what a sentence does, not from listed phrases.

Every sentence below is worded so that no phrase family matches it alone; the
cue classes that co-occur in it decide.
"""

from __future__ import annotations

import pytest

from bench.bench_check_quality import load_interviews
from clinch.core.checks import check
from clinch.core.checks.cues import CODES, LEXICON, cue_hits, stem
from clinch.core.checks.tone import _sentence_spans

IV = load_interviews()
RAFAEL = "rquinones@larkspur.example"
TOMAS = "twright@larkspur.example"
PERSONAL = "Thank you for the conversation about tuning the gripper's force controller for soft fruit."


def codes(sentence: str, *, kind: str = "thank_you", to: str = RAFAEL) -> set[str]:
    text = f"Hi Rafael,\n\n{PERSONAL} {sentence}\n\nDana" if to == RAFAEL else f"Hi Tomás,\n\n{sentence}\n\nDana"
    return {f.code for f in check(text, interview=IV["larkspur"], to=to, kind=kind)}


def cue_codes(sentence: str) -> set[str]:
    lower = sentence.lower()
    return {h.code for h in cue_hits(lower, _sentence_spans(lower))}


# -- the stemmer: inflections meet their lexicon entry -------------------------------------


@pytest.mark.parametrize("word, key", [("needed", "need"), ("needs", "need"), ("worries", "worry"), ("begging", "beg"), ("bonuses", "bonus"), ("hoping", "hope"), ("rsus", "rsu")])
def test_inflected_forms_reduce_to_the_lexicon_form(word, key):
    assert key in stem(word)


# -- desperate: the writer's own need or anxiety, said about themselves ----------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Honestly, I need this role more than I can say.",
        "My landlord is chasing me and the rent is due, so this matters enormously.",
        "I have been praying every night that it works out.",
    ],
)
def test_the_writers_need_or_anxiety_reads_as_desperate(sentence):
    assert "desperate" in cue_codes(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "I need to read more about impedance control after our talk.",
        "Growers depend on every harvest, which is why the gripper matters.",
        "Let me know if you need anything else from me.",
        "I received another offer, which I need to answer by Friday.",
    ],
)
def test_need_words_about_work_or_the_reader_are_not_desperate(sentence):
    assert "desperate" not in cue_codes(sentence)


# -- pushy: a demand tied to a deadline, unless it is theirs or a third party's ------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "I expect the panel's decision before Thursday evening.",
        "Please get back to me with a verdict by end of day tomorrow.",
        "I insist on hearing something immediately.",
    ],
)
def test_a_demand_with_a_deadline_reads_as_pushy(sentence):
    assert "pushy" in codes(sentence, kind="status_check", to=TOMAS)


@pytest.mark.parametrize(
    "sentence",
    [
        "I don't need an answer before Friday; take the time you need.",
        "I have another offer that expires Friday, and Larkspur remains my first choice.",  # rule F4
        "You mentioned the team hoped to decide by early next week.",
        "I understand you hope to decide by early next week.",
        "I'll send the notebook by Friday as promised.",
        "I'm free on Friday if you want to talk more.",
    ],
)
def test_negated_theirs_third_party_or_own_deadlines_are_not_pushy(sentence):
    assert "pushy" not in cue_codes(sentence)


# -- passive-aggressive: earlier contact plus their silence or a courtesy reproach --------------


@pytest.mark.parametrize(
    "sentence",
    [
        "This is the third note I've sent into the silence.",
        "Trying once again, as my earlier message went unanswered.",
        "A reply would have been the decent thing after my previous email.",
    ],
)
def test_pointing_at_earlier_unanswered_mail_reads_as_passive_aggressive(sentence):
    assert "passive-aggressive" in cue_codes(sentence)


@pytest.mark.parametrize("sentence", ["Sorry to write again so soon.", "Waiting to hear is no trouble; I'm still very keen.", "I'm still mulling over your point on slip detection."])
def test_still_and_again_alone_are_not_passive_aggressive(sentence):
    assert "passive-aggressive" not in cue_codes(sentence)


def test_recalling_the_interview_is_not_pointing_at_earlier_mail():
    assert "passive-aggressive" not in cue_codes("As I said in my interview, I am excited about the opportunity.")
    assert "passive-aggressive" in cue_codes("As I said in my last email, I am still interested.")


# -- negative: a judgement aimed at them, the process or the decision -------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Your whiteboard round was amateurish and told you nothing about me.",
        "The panel made a poor decision and will come to regret it.",
        "Frankly the whole process felt arbitrary.",
    ],
)
def test_a_judgement_of_the_reader_or_process_reads_as_negative(sentence):
    assert "negative" in codes(sentence, kind="rejection_reply")


@pytest.mark.parametrize(
    "sentence",
    [
        "I made a mistake on the stability question and learned from it.",
        "One mistake I've seen teams make is counting logins instead of finished runs.",
        "I'm disappointed, of course, but I appreciated how carefully the panel ran the process.",
        "You mentioned the urgent need to ship before harvest; waiting on hardware is the usual mistake.",
    ],
)
def test_self_directed_or_general_criticism_is_not_negative(sentence):
    assert "negative" not in cue_codes(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Honestly, the way the panel treated candidates was heartless.",  # no list here knows "heartless"
        "Your recruiters were obnoxious from the first call.",
        "I find it hard to believe the person you picked knows controls better.",
    ],
)
def test_a_harsh_word_about_them_in_a_reply_to_a_rejection_is_negative_even_when_no_list_knows_it(sentence):
    assert "negative" in codes(sentence, kind="rejection_reply")


@pytest.mark.parametrize(
    "sentence",
    [
        "I'm gutted, to be honest, but thank you for being straight with me.",
        "I felt miserable about my answer on observers, and I've since studied them.",
    ],
)
def test_sorrow_about_oneself_or_a_grim_story_is_not_negative(sentence):
    assert "negative" not in codes(sentence, kind="rejection_reply")


def test_the_sentiment_lexicon_is_read_from_the_installed_package_and_keeps_engineering_words_out():
    from clinch.core.checks.cues import valence_words

    harsh = set(valence_words(-1.5, ["failure"]))
    assert {"=obnoxious", "=heartless", "=pathetic"} <= harsh
    assert "=failure" not in harsh and "=good" not in harsh


@pytest.mark.parametrize(
    "sentence",
    [
        "I will call your office next Tuesday to schedule a second interview.",
        "I'll follow up with you in the coming days to arrange a time to meet.",
        "I need you to give me a decision.",
        "I would appreciate your immediate attention to this matter.",
    ],
)
def test_booking_the_next_step_or_ordering_the_reader_reads_as_pushy(sentence):
    assert "pushy" in codes(sentence, to=TOMAS, kind="status_check")


@pytest.mark.parametrize(
    "sentence",
    [
        "I'll send the code sample by Friday, as promised.",
        "I've received another job offer, and they would like a response within the next couple of days.",
        "Rich Tanaka, who hired me at my last job, built something similar.",
    ],
)
def test_own_promises_a_third_partys_deadline_and_past_hiring_are_not_pushy(sentence):
    assert "pushy" not in codes(sentence, to=TOMAS, kind="status_check")


# -- salary: pay, benefits and money figures ----------------------------------------------------


@pytest.mark.parametrize("sentence", ["Out of curiosity, what does the role pay per year?", "Is there a sign-on bonus or any equity?", "I'd be looking at €95,000 or thereabouts.", "How often do we get paid?", "When could I take vacation?"])
def test_pay_benefits_and_figures_are_salary_talk(sentence):
    assert "salary" in codes(sentence)


@pytest.mark.parametrize(
    "sentence",
    ["I paid close attention to the compliant grasping paper.", "Your comment on gravity compensation helped me.", "The benefit of clean message types showed quickly."],
)
def test_pay_and_compensation_in_other_senses_are_not_salary_talk(sentence):
    assert "salary" not in cue_codes(sentence)


def test_salary_is_not_raised_on_an_offer_reply_where_pay_belongs():
    assert "salary" not in codes("What does the role pay per year?", kind="offer_reply")


def test_a_pay_floor_in_a_reply_to_a_rejection_is_salary_talk():
    assert "salary" in codes("For future roles, please only contact me if the package is at least 70k EUR.",
                             kind="rejection_reply")


# -- the finding contract and the data file -----------------------------------------------------


def test_a_cue_finding_spans_the_clause_that_carries_it_and_says_what_to_write_instead():
    text = f"Hi Rafael,\n\n{PERSONAL} Honestly, I need this role more than I can say.\n\nDana"
    found = [f for f in check(text, interview=IV["larkspur"], to=RAFAEL) if f.code == "desperate"]
    assert len(found) == 1
    assert text[found[0].start:found[0].end] == "I need this role more than I can say"
    assert found[0].message.startswith('Instead of "I need this role')
    assert "Why:" in found[0].message and "S57" in found[0].message


def test_every_class_a_code_names_is_defined_and_every_code_cites_sources():
    defined = set(LEXICON.raw)
    for code in CODES:
        named = {*code.weights, *code.near_self, *code.negatable, *code.veto, *code.offer_veto, *code.near, *code.near.values(), *code.unless_after, *code.unless_after.values()}
        named |= {cls for group in code.require for cls in group}
        assert named <= defined, (code.name, named - defined)
        assert code.sources and code.better and code.reason


@pytest.mark.parametrize(
    "sentence, code",
    [
        ("Thank you for giving me a chance to interview for the controls role.", "desperate"),
        ("You can count on me to be a steady addition to your crew.", "desperate"),
        ("Contact me on my phone number for anything further about this position.", "desperate"),
        ("Thank you again for the courtesy you extended to me.", "passive-aggressive"),
        ("I look forward to hearing about next steps by Friday, as we discussed.", "pushy"),
    ],
)
def test_gratitude_offers_and_agreed_timelines_are_not_tone_problems(sentence, code):
    assert code not in codes(sentence)


def test_the_built_lexicon_is_kept_between_runs_and_a_corrupt_copy_is_rebuilt(tmp_path, monkeypatch):
    from clinch.core.checks import cues

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = cues._load_cached()
    kept = list((tmp_path / "clinch").glob("tone-cues-*.pickle"))
    assert len(kept) == 1
    again = cues._load_cached()
    sentence = "i need to hear back from you by friday"
    assert again[0].classes_in(sentence, 0, len(sentence)) == first[0].classes_in(sentence, 0, len(sentence))
    assert [c.name for c in again[1]] == [c.name for c in first[1]] and again[2] == first[2]
    kept[0].write_bytes(b"not a pickle")
    (tmp_path / "clinch" / "tone-cues-0123.pickle").write_bytes(b"from an earlier cue file")
    rebuilt = cues._load_cached()
    assert [p.name for p in (tmp_path / "clinch").iterdir()] == [kept[0].name]  # earlier builds are removed
    assert [c.name for c in rebuilt[1]] == [c.name for c in first[1]]
    assert kept[0].read_bytes() != b"not a pickle"  # written anew


# -- cues seen in notes written outside the team --------------------------------------------------


@pytest.mark.parametrize(("sentence", "code"), [
    ("I'd be happy to do a week of unpaid trial work with the team.", "desperate"),
    ("I could come in as a junior if that makes it easier to say yes.", "desperate"),
    ("I do not care about the salary, I just want to work with you.", "desperate"),
    ("Is it possible to have 30 days vacation in the first year?", "salary"),
    ("Would a four-day week be possible?", "salary"),
    ("I've pencilled in a start date of 1 March.", "pushy"),
    ("I've put your name down as a reference on two applications.", "pushy"),
    ("Honestly, the way my current company treats people is a nightmare.", "negative"),
    ("I'd work anywhere to get away from that clown of a manager.", "negative"),
])
def test_cues_name_what_outside_writers_wrote(sentence, code):
    assert code in cue_codes(sentence)


@pytest.mark.parametrize("sentence", [
    "If there is news before the 20th, that would be easiest; otherwise I will answer when I am back.",
    "Our last migration was a nightmare, so I loved hearing how you staged yours.",
])
def test_an_otherwise_without_a_threat_and_a_nightmare_of_ones_own_are_not_tone_problems(sentence):
    assert not cue_codes(sentence) & {"pushy", "negative"}


def rule_codes(sentence: str, kind: str = "status_check") -> set[str]:
    """The tone codes the phrase rules and cue classes raise, before the trained model reads them."""
    from clinch.core.checks._context import Context, facts_for, find_recipient
    from clinch.core.checks._text import Doc
    from clinch.core.checks.tone import rule_findings

    interview = IV["larkspur"]
    ctx = Context(Doc(f"Hi Rafael,\n\n{sentence}\n\nDana"), interview, facts_for(interview),
                  find_recipient(interview, RAFAEL), kind, None)
    return {f.code for f in rule_findings(ctx)}


@pytest.mark.parametrize(("sentence", "pressed"), [
    ("I accept only if the contract is sent today. Otherwise I sign with other company.", True),
    ("Please confirm today, otherwise I will accept the other offer.", True),
    ("If there is news before the 20th, that would be easiest. Otherwise I will answer when I am back.", False),
    ("Otherwise I will take the train on Monday and read the docs you sent.", False),
])
def test_an_otherwise_presses_only_with_a_threat_to_go_elsewhere(sentence, pressed):
    assert ("pushy" in rule_codes(sentence)) is pressed


@pytest.mark.parametrize(("sentence", "kind", "pressed"), [
    ("Thanks again for Tuesday; I can start on 3 March, so let's plan around that.", "thank_you", True),
    ("Happy to accept, and with my notice period I can start on 3 March.", "offer_reply", False),
])
def test_talk_of_a_start_date_presumes_before_an_offer_and_is_logistics_in_a_reply_to_one(sentence, kind, pressed):
    assert ("pushy" in rule_codes(sentence, kind)) is pressed


def test_the_readers_own_aim_reported_back_sets_no_deadline():
    assert "pushy" not in rule_codes("I'm checking in since I understood the committee was aiming to decide by the 12th.")
    assert "pushy" in rule_codes("I'm checking in because I need the committee to decide by the 12th.")


@pytest.mark.parametrize(("sentence", "kind", "code", "raised"), [
    ("Honestly, I can't believe you picked me, thank you so much!", "offer_reply", "negative", False),
    ("I can't believe you picked someone with no field experience over me.", "rejection_reply", "negative", True),
    ("Could I have until Wednesday next week to give you my final answer?", "offer_reply", "pushy", False),
    ("I need your answer on the relocation budget by Monday.", "offer_reply", "pushy", True),
    ("Going to steal your whiteboard trick for my next project.", "rejection_reply", "negative", False),
])
def test_delight_a_request_for_time_and_borrowed_ideas_are_told_from_their_lookalikes(sentence, kind, code, raised):
    assert (code in rule_codes(sentence, kind)) is raised


@pytest.mark.parametrize(("sentence", "pressed"), [
    ("I remain very interested and look forward to your decision by Friday 12 March.", False),
    ("I expect your decision by Friday 12 March.", True),
    ("I look forward to your decision by Friday, otherwise I will accept the other offer.", True),
])
def test_looking_forward_to_their_decision_waits_and_expecting_it_presses(sentence, pressed):
    assert ("pushy" in rule_codes(sentence, "thank_you")) is pressed
