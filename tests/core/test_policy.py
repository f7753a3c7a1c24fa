"""The policy: every rule as data, overridable, never silently wrong."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from clinch.core.policy import DEFAULT_PATH, load_policy

# The research's rules table (sections 1a-1f) as data: ids, figures, sources.
RULES = tomllib.loads((Path(__file__).resolve().parents[1] / "fixtures" / "follow_up_rules.toml").read_text("utf-8"))

REQUIRED = {
    "thank_you.min_delay_hours": 1,
    "thank_you.target_hours": 24,
    "thank_you.max_hours": 48,
    "thank_you.max_words": 180,
    "thank_you.min_words": 100,
    "status_check.buffer_business_days": 2,
    "status_check.default_after_days": 7,
    "status_check.max_count": 2,
    "status_check.spacing_days": 7,
    "status_check.max_words": 125,
    "status_check.window_days": ("Tue", "Wed", "Thu"),
    "status_check.window_start": "09:30",
    "status_check.window_end": "11:30",
    "business_hours.start": "09:00",
    "business_hours.end": "17:00",
    "rejection_reply.delay_hours": 24,
    "rejection_reply.max_hours": 48,
    "rejection_reply.max_words": 120,
    "keep_in_touch.after_days": 90,
    "keep_in_touch.max_words": 150,
    "linkedin.tier": "free",
    "linkedin.note_chars_free": 200,
    "linkedin.note_chars_premium": 300,
    "linkedin.connect_when": "after_decision",
    "handwritten.delivery_days": 5,
    "handwritten.mailroom_days": 2,
    "handwritten.min_business_days_to_decision": 5,
}


@pytest.mark.parametrize(("key", "value"), sorted(REQUIRED.items()))
def test_it_ships_the_defaults_other_code_relies_on(policy, key, value):
    assert policy.value(key) == value


def test_each_rule_carries_its_unit_rule_id_and_sources(policy):
    rule = policy.rule("thank_you.target_hours")
    assert (rule.value, rule.unit, rule.rule_id) == (24, "hours", "T2")
    assert rule.sources[:3] == ("S1", "S4", "S5")
    for key in policy.keys():
        rule = policy.rule(key)
        assert re.fullmatch(r"[TFRLHN]\d+", rule.rule_id), key
        assert rule.sources and all(re.fullmatch(r"S\d+[a-z]?", s) for s in rule.sources), key
        assert rule.unit, key


def test_why_cites_the_rule_and_its_sources(policy):
    assert policy.why("thank_you.target_hours").startswith("T2: within 24 h")
    assert policy.why("thank_you.target_hours").endswith("(S1, S4, S5, S5b, S9, S13, S18, S23, S31b, S72b)")
    assert policy.why("status_check.max_count") == "F5: at most 2 status checks, then close and move on (S26, S30, S31, S33)"


def test_the_rules_table_holds_every_rule_of_sections_1a_to_1f():
    counts = {family: sum(rule_id.startswith(family) for rule_id in RULES) for family in "TFRLHN"}
    assert counts == {"T": 17, "F": 13, "R": 7, "L": 7, "H": 6, "N": 5}


def test_every_valued_rule_of_sections_1a_to_1f_is_in_the_default_policy(policy):
    valued = {rule_id for rule_id, rule in RULES.items() if "default" in rule}
    assert set(RULES) - valued == {"F13", "N5"}  # tone advice and a "why it matters" note: nothing to set
    covered = {policy.rule(key).rule_id for key in policy.keys()}
    assert valued - covered == set()


def test_each_setting_cites_only_sources_of_its_rule(policy):
    for key in policy.keys():
        rule = policy.rule(key)
        assert set(rule.sources) <= set(RULES[rule.rule_id]["sources"]), key


def test_each_figure_of_the_policy_is_one_its_rule_names(policy):
    checked = 0
    for key in policy.keys():
        rule = policy.rule(key)
        figures = RULES[rule.rule_id].get("figures", {})
        if isinstance(rule.value, int | float) and not isinstance(rule.value, bool) and rule.unit in figures:
            assert rule.value in figures[rule.unit], f"{key} = {rule.value} {rule.unit}; {rule.rule_id} names {figures}"
            checked += 1
    assert checked >= 25


def test_where_sources_disagree_the_choice_is_a_setting(policy):
    assert policy.rule("linkedin.connect_when").choices == ("after_decision", "after_thank_you", "never")
    assert policy.rule("linkedin.tier").choices == ("free", "premium")
    assert policy.rule("thank_you.panel").choices == ("separate", "cc_lead")
    assert "S17" in policy.rule("thank_you.panel").range


def test_the_linkedin_note_limit_follows_the_users_plan():
    assert load_policy().linkedin_note_chars() == 200
    assert load_policy({"linkedin.tier": "premium"}).linkedin_note_chars() == 300


def test_a_dict_overrides_a_value_and_its_why():
    policy = load_policy({"status_check.max_count": 3})
    assert policy.value("status_check.max_count") == 3
    assert policy.why("status_check.max_count").startswith("F5: at most 3 status checks")


def test_nested_dicts_are_overrides_too():
    policy = load_policy({"status_check": {"max_count": 1, "spacing_days": 10}})
    assert (policy.value("status_check.max_count"), policy.value("status_check.spacing_days")) == (1, 10)


def test_a_toml_file_overrides_values_and_a_dict_overrides_the_file(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('[status_check]\nmax_count = 1\nwindow_days = ["Tue"]\n\n[linkedin]\ntier = "premium"\n')
    policy = load_policy({"status_check.max_count": 3}, path=str(path))
    assert policy.value("status_check.max_count") == 3
    assert policy.value("status_check.window_days") == ("Tue",)
    assert policy.linkedin_note_chars() == 300


def test_unknown_keys_are_refused_by_name():
    with pytest.raises(ValueError, match=r"unknown policy key 'status_check.max_cnt'"):
        load_policy({"status_check.max_cnt": 3})


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"status_check.max_count": 4}, "must be at most 3"),
        ({"status_check.max_count": "2"}, "expected a whole number"),
        ({"status_check.max_count": True}, "expected a whole number"),
        ({"linkedin.tier": "gold"}, "expected one of free, premium"),
        ({"business_hours.start": "9am"}, "expected a time like 09:30"),
        ({"status_check.window_days": ["Tuesday"]}, "expected weekday names"),
        ({"business_hours.start": "18:00"}, "business_hours.start must be before"),
        ({"thank_you.max_hours": 12}, "thank_you.max_hours must be at least 24 h"),
    ],
)
def test_bad_values_are_refused_with_a_reason(override, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        load_policy(override)


def test_every_problem_is_reported_at_once():
    with pytest.raises(ValueError) as caught:
        load_policy({"nope": 1, "status_check.max_count": 9})
    assert "nope" in str(caught.value) and "max_count" in str(caught.value)


def test_an_unreadable_or_malformed_file_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="cannot read policy file"):
        load_policy(path=str(tmp_path / "missing.toml"))
    bad = tmp_path / "bad.toml"
    bad.write_text("[status_check\n")
    with pytest.raises(ValueError, match="not valid TOML"):
        load_policy(path=str(bad))


def test_overrides_never_change_the_default():
    load_policy({"status_check.max_count": 3})
    assert load_policy().value("status_check.max_count") == 2


def test_the_default_file_ships_inside_the_package():
    assert DEFAULT_PATH.name == "default.toml" and DEFAULT_PATH.parent.name == "policy"
    assert DEFAULT_PATH.parent.parent.name == "clinch"
