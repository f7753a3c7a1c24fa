"""A finding that knows the right words carries them as ``fix``; putting them in clears it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bench.bench_check_quality import load_interviews
from clinch.core.checks import check

IV = load_interviews()
RAFAEL = "rquinones@larkspur.example"
PERSONAL = "Thank you for the conversation about tuning the gripper's force controller for soft fruit."


def note(greeting: str, company: str) -> str:
    return f"Dear {greeting},\n\n{PERSONAL} I'd welcome the chance to help {company}.\n\nBest regards,\nDana Whitfield"


def apply(text: str, finding) -> str:
    return text[:finding.start] + finding.fix + text[finding.end:]


def fixed(text: str) -> str:
    """Apply every fix, last first so earlier spans stay put."""
    findings = [f for f in check(text, interview=IV["larkspur"], to=RAFAEL) if f.fix is not None]
    for finding in sorted(findings, key=lambda f: f.start, reverse=True):
        text = apply(text, finding)
    return text


def test_a_misspelt_name_a_wrong_greeting_and_a_swapped_suffix_each_carry_their_fix():
    for text, code, fix in (
        (note("Rafel", "Larkspur Robotics, Inc."), "name-misspelled", "Rafael"),
        (note("Meghan", "Larkspur Robotics, Inc."), "wrong-recipient", "Rafael"),
        (note("Rafael", "Larkspur Robotics LLC"), "company-misspelled", "Larkspur Robotics, Inc."),
        (note("Rafael", "Larkspir Robotics, Inc."), "company-misspelled", "Larkspur Robotics"),
    ):
        [finding] = [f for f in check(text, interview=IV["larkspur"], to=RAFAEL) if f.code == code]
        assert finding.fix == fix and finding.to_dict()["fix"] == fix
        assert code not in {f.code for f in check(apply(text, finding), interview=IV["larkspur"], to=RAFAEL)}


@given(st.integers(min_value=1, max_value=5), st.sampled_from("aeiouy"))
def test_applying_the_fixes_leaves_no_error_about_names_or_the_company(at, letter):
    misspelt = "Rafael"[:at] + letter + "Rafael"[at + 1:]
    text = fixed(note(misspelt, "Larkspur Robotics, Inc."))
    codes = {f.code for f in check(text, interview=IV["larkspur"], to=RAFAEL) if f.severity == "error"}
    assert not codes & {"name-misspelled", "wrong-recipient", "company-misspelled"}
