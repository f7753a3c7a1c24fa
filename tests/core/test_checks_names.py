"""The misspelt-name rule at its edges (N3, T17): how many edits, on names of which length.

The rule, as ``clinch.core.checks.names`` states it: a word is a misspelt name
when it is a known variant, sounds the same, is one edit from a name of five
letters or more, has two neighbouring letters swapped, or is two edits from a
name of eight letters or more. A curly apostrophe is the same name; a dropped
apostrophe is not, and neither is a dropped accent (the card is the standard). The words here stand mid-sentence,
where no greeting or title says a name is expected.
"""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from clinch.core.checks import check
from clinch.core.checks._text import COMMON_WORDS, osa_distance
from clinch.core.interview_file import parse_interview

PANEL = parse_interview({
    "candidate": {"name": "Dana Whitfield", "email": "dana@example.org", "timezone": "America/Denver"},
    "company": "Larkspur Robotics", "role": "Controls Engineer", "starts_at": "2026-05-20T13:00:00-06:00",
    "interviewers": [
        {"name": "Rafael Quiñones", "email": "rafael@larkspur.example"},  # 6 and 8 letters
        {"name": "Priya Raman", "email": "priya@larkspur.example"},  # 5 and 5
        {"name": "Grace O'Neill", "email": "grace@larkspur.example"},  # 5, and an apostrophe
        {"name": "Tomás Álvarez", "email": "tomas@larkspur.example"},  # 5 and 7, with accents
        {"name": "Nora Ito", "email": "nora@larkspur.example"},  # 4 and 3
    ],
})


def flagged(word: str, *, interview=PANEL, to: str = "priya@larkspur.example") -> list[str]:
    """The words flagged as misspelt names when ``word`` stands mid-sentence."""
    text = f"Thank you again. I enjoyed meeting {word} and the whole team on Tuesday."
    return [text[f.start:f.end] for f in check(text, interview=interview, to=to) if f.code == "name-misspelled"]


def card_spelling(word: str) -> str:
    text = f"Thank you again. I enjoyed meeting {word} and the whole team on Tuesday."
    [finding] = [f for f in check(text, interview=PANEL, to="priya@larkspur.example") if f.code == "name-misspelled"]
    return finding.message.split('"')[1]


@pytest.mark.parametrize("name", ["Rafael", "Quiñones", "Priya", "Raman", "Grace", "O'Neill", "Tomás", "Álvarez", "Nora", "Ito"])
def test_every_name_as_written_on_the_card_is_never_flagged(name):
    assert flagged(name) == []


# -- one edit, by the length of the name ---------------------------------------------------------


@pytest.mark.parametrize(("word", "name"), [("Priye", "Priya"), ("Grece", "Grace"), ("Tomis", "Tomás"), ("Ramen", "Raman")])
def test_one_edit_in_a_five_letter_name_is_flagged(word, name):
    assert flagged(word) == [word]
    assert card_spelling(word) == name


@pytest.mark.parametrize(("word", "name"), [("Rafeel", "Rafael"), ("Rafel", "Rafael"), ("Raffael", "Rafael"), ("Alvarex", "Álvarez")])
def test_one_edit_in_a_longer_name_is_flagged(word, name):
    assert flagged(word) == [word]
    assert card_spelling(word) == name


@pytest.mark.parametrize("word", ["Nola", "Nori", "Nara"])
def test_one_edit_in_a_four_letter_name_is_too_often_another_name_to_flag(word):
    assert flagged(word) == []


def test_one_edit_at_the_first_letter_is_another_name_not_a_typo():
    assert flagged("Frace") == [] and flagged("Briya") == []


# -- two and three edits -------------------------------------------------------------------------


def test_two_edits_in_a_name_of_eight_letters_are_flagged():
    assert flagged("Quimonas") == ["Quimonas"]
    assert card_spelling("Quimonas") == "Quiñones"


def test_a_sound_alike_two_edits_away_is_flagged_even_with_the_accent_dropped():
    assert flagged("Quinnonez") == ["Quinnonez"]
    assert card_spelling("Quinnonez") == "Quiñones"


@pytest.mark.parametrize("word", ["Alvorex", "Ramina", "Rafoil"])
def test_two_edits_in_a_shorter_name_are_another_name(word):
    assert flagged(word) == []


def test_three_edits_are_never_a_typo():
    assert flagged("Quimonaz") == []


# -- swapped letters -----------------------------------------------------------------------------


@pytest.mark.parametrize(("word", "name"), [("Nroa", "Nora"), ("Priay", "Priya"), ("Rafeal", "Rafael"), ("Quinoens", "Quiñones")])
def test_two_neighbouring_letters_swapped_are_flagged_at_any_length(word, name):
    assert flagged(word) == [word]
    assert card_spelling(word) == name


# -- accents and apostrophes ---------------------------------------------------------------------


def test_a_curly_apostrophe_is_the_same_name():
    assert flagged("O’Neill") == []


@pytest.mark.parametrize("word, card", [("Quinones", "Quiñones"), ("Tomas", "Tomás"), ("Alvarez", "Álvarez")])
def test_a_dropped_accent_is_flagged_with_the_cards_spelling_as_the_fix(word, card):
    assert flagged(word) == [word]
    assert card_spelling(word) == card


@pytest.mark.parametrize("word", ["ONeill", "O'Neil", "O’Niell"])
def test_a_dropped_apostrophe_a_variant_or_a_typo_around_one_is_flagged(word):
    assert flagged(word) == [word]
    assert card_spelling(word) == "O'Neill"


def test_the_possessive_of_a_misspelt_name_is_flagged_without_its_ending():
    assert flagged("Priya's") == []
    assert flagged("Priye's") == ["Priye"]


# -- where a name is expected, and what the finding says ---------------------------------------------


def names_in(text: str, to: str = "priya@larkspur.example") -> list[tuple[str, str, str]]:
    """(code, flagged text, card spelling) of each name finding in ``text``."""
    return [(f.code, text[f.start:f.end], f.message.split('"')[1 if f.code == "name-misspelled" else 3])
            for f in check(text, interview=PANEL, to=to) if f.code.startswith("name-")]


@pytest.mark.parametrize("text", [
    "Thank you again. I spoke with Ms. Ita and the team.",
    "Thank you again. I spoke with Nora Ita and the team.",
    "Thank you again. I spoke with Ita Nora and the team.",
    "Dear Ita,\n\nThank you again.",
], ids=["after a title", "after a name part", "before a name part", "in the greeting"])
def test_where_a_name_is_expected_a_sound_alike_of_a_short_name_is_flagged(text):
    assert names_in(text) == [("name-misspelled", "Ita", "Ito")]


@pytest.mark.parametrize("text", [
    "Thank you again. I spoke with Ita and the team.",
    "Thank you again. I spoke with Nora, Ita and the team.",  # a comma parts them: two people
], ids=["alone", "after a comma"])
def test_elsewhere_a_short_sound_alike_is_left_alone(text):
    assert names_in(text) == []


def test_an_ordinary_word_is_a_suspect_only_where_a_name_is_expected():
    assert names_in("Dear Grays,\n\nThank you again.", to="grace@larkspur.example") == [("name-misspelled", "Grays", "Grace")]
    assert names_in("Thank you again. Grays and I spoke.", to="grace@larkspur.example") == []
    assert names_in("Thank you. I will share notes with Will and March.") == []


def test_a_salutation_opening_a_line_is_never_a_misspelt_name():
    assert names_in("Hi Nora,\n\nHi Noar", to="nora@larkspur.example") == [("name-misspelled", "Noar", "Nora")]
    assert names_in("Hello Nora,\nthank you", to="nora@larkspur.example") == []


def test_the_closest_name_of_the_panel_is_the_one_suggested():
    assert names_in("Thank you again. I enjoyed meeting Rafan and the team.") == [("name-misspelled", "Rafan", "Raman")]


def test_the_finding_says_whose_name_it_is():
    [own] = [f.message for f in check("Thank you again, Danna.", interview=PANEL, to="priya@larkspur.example")
             if f.code == "name-misspelled"]
    assert own == 'Write "Dana", not "Danna": that is how your own name is spelt on the card (N3, N5, T17).'
    [theirs] = [f.message for f in check("Thank you. I spoke with Ms. Ita.", interview=PANEL, to="priya@larkspur.example")
                if f.code == "name-misspelled"]
    assert theirs == 'Write "Ito", not "Ita": that is how Nora Ito\'s name is spelt on the card (N3, N5, T17).'


def test_a_straight_or_curly_apostrophe_is_the_same_name_whichever_the_card_has():
    curly = parse_interview({
        "candidate": {"name": "Dana Whitfield", "email": "dana@example.org", "timezone": "America/Denver"},
        "company": "Larkspur Robotics", "role": "Engineer", "starts_at": "2026-05-20T13:00:00-06:00",
        "interviewers": [{"name": "Grace O\u2019Neill", "email": "grace@larkspur.example"}],
    })
    for written in ("O'Neill", "O\u2019Neill"):
        text = f"Thank you again. I enjoyed meeting Ms. {written} and the team."
        assert [f.code for f in check(text, interview=curly, to="grace@larkspur.example") if f.code.startswith("name-")] == []
        assert names_in(text, to="grace@larkspur.example") == []


def test_capitals_and_accents_of_a_name_spelt_right():
    assert names_in("Thank you again. I enjoyed meeting O'neill and the team.") == [("name-misspelled", "O'neill", "O'Neill")]
    # In capitals, as on the card: nothing to say.
    assert names_in("Thank you again. I enjoyed meeting QUIÑONES and NORA.") == []
    [warning] = [f for f in check("Thank you again. I enjoyed meeting Quinones.", interview=PANEL, to="priya@larkspur.example")
                 if f.code.startswith("name-")]
    assert (warning.code, warning.severity, warning.fix, warning.message) == (
        "name-misspelled", "warning", "Quiñones",
        'Write "Quiñones", not "Quinones": that is how Rafael Quiñones\'s name is spelt on the card, accents included (N3, T17).')
    [error] = [f for f in check("Thank you again. I enjoyed meeting O'neill.", interview=PANEL, to="priya@larkspur.example")
               if f.code == "name-misspelled"]
    assert (error.severity, error.message) == ("error", 'Write "O\'Neill", not "O\'neill": capitalise the name as on the card (N3, T17).')
    assert names_in("Thank you again. I enjoyed meeting Quiñones and O’Neill.") == []


def test_a_short_acronym_is_not_a_misspelt_name():
    assert names_in("Thank you again. NORA and RAMN and the team.") == []


# -- any name, one random edit ---------------------------------------------------------------------

LETTERS = "abcdefghijklmnoprstuvwyz"
_names = st.text(LETTERS, min_size=4, max_size=11).map(str.capitalize)


@st.composite
def edited(draw, name: str, edits: int) -> str:
    """``name`` with ``edits`` random edits (replace, insert, delete, swap) after its first letter."""
    word = name
    for _ in range(edits):
        at = draw(st.integers(1, len(word) - 1))
        kind = draw(st.sampled_from(["replace", "insert", "delete", "swap"]))
        letter = draw(st.sampled_from(LETTERS))
        if kind == "replace":
            word = word[:at] + letter + word[at + 1:]
        elif kind == "insert":
            word = word[:at] + letter + word[at:]
        elif kind == "delete" and len(word) > 2:
            word = word[:at] + word[at + 1:]
        elif kind == "swap" and at + 1 < len(word):
            word = word[:at] + word[at + 1] + word[at] + word[at + 2:]
    return word


def _panel_of(name: str):
    return parse_interview({
        "candidate": {"name": "Ji Woo", "email": "ji@example.org", "timezone": "Asia/Seoul"},
        "company": "Example Co", "role": "Engineer", "starts_at": "2026-05-20T13:00:00+09:00",
        "interviewers": [{"name": f"{name} Xu", "email": "iv@example.org"}],
    })


@given(st.data(), _names, st.sampled_from([1, 2]))
def test_a_name_with_random_edits_inside_the_threshold_is_always_flagged(data, name, edits):
    """One edit from a name of five letters or more; two from one of eight or more."""
    assume(len(name) >= (5 if edits == 1 else 8))
    word = data.draw(edited(name, edits))
    assume(osa_distance(word.lower(), name.lower(), 3) == edits)
    assume(word.lower() not in COMMON_WORDS)  # ordinary words are suspects only where a name is expected
    panel = _panel_of(name)
    assert flagged(name, interview=panel, to="iv@example.org") == []
    assert flagged(word, interview=panel, to="iv@example.org") == [word]


@given(_names)
def test_a_name_exactly_as_on_the_card_is_never_flagged(name):
    panel = _panel_of(name)
    assert flagged(name, interview=panel, to="iv@example.org") == []
    text = f"Dear {name},\n\nThank you for the talk, {name}. I hope {name}'s team enjoys the launch.\n\nJi"
    assert "name-misspelled" not in {f.code for f in check(text, interview=panel, to="iv@example.org")}


def test_an_ordinary_word_that_sounds_like_a_name_is_left_alone_mid_sentence():
    """ "March" sounds like Mark: an ordinary word, a name only where a name is expected."""
    panel = parse_interview({
        "candidate": {"name": "Dana Whitfield", "timezone": "America/Denver"},
        "company": "Larkspur Robotics", "role": "Engineer", "starts_at": "2026-05-20T13:00:00-06:00",
        "interviewers": [{"name": "Mark Brandt", "email": "mark@larkspur.example"}],
    })

    def flagged_here(text):
        return [text[f.start:f.end] for f in check(text, interview=panel, to="mark@larkspur.example") if f.code == "name-misspelled"]

    assert flagged_here("Thank you again. I hope to hear in March.") == []
    assert flagged_here("Thank you again, Mr. March.") == ["March"]
