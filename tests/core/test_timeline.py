"""Reading a decision date from what the interviewer said, against fixed interview days."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinch.core.timeline import read_decision_date
from tests.core.conftest import earliest, outcome, t

THURSDAY = t("2026-05-21T14:30:00-06:00")  # Denver; Monday 2026-05-25 is Memorial Day
FRIDAY = t("2026-05-22T10:00:00-06:00")
YEAR_END = t("2026-12-30T11:00:00-05:00")  # a Wednesday


def read(text, after=THURSDAY, **kw):
    return read_decision_date(text, after=after, **kw)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We'll decide by Friday.", date(2026, 5, 22)),
        ("by the end of the week", date(2026, 5, 22)),
        ("end of next week", date(2026, 5, 29)),
        ("by the end of next week", date(2026, 5, 29)),
        ("within 10 business days", date(2026, 6, 5)),  # Memorial Day does not count
        ("in 2-3 weeks", date(2026, 6, 11)),
        ("in two to three weeks", date(2026, 6, 11)),
        ("a couple of weeks", None),
        ("in a few days", None),  # a vague span names no day
        ("mid-March", date(2027, 3, 15)),
        ("early next week", None),
        ("late next week", date(2026, 5, 29)),
        ("early next month", None),
        ("after the board meeting on April 2nd", date(2027, 4, 3)),
        ("on the 12th", date(2026, 6, 12)),
        ("by the 30th", date(2026, 5, 30)),
        ("next Tuesday", date(2026, 5, 26)),
        ("tomorrow", date(2026, 5, 22)),
        ("by 3/15", date(2027, 3, 15)),
        ("on 2026-06-03", date(2026, 6, 3)),
        ("before Thanksgiving", date(2026, 11, 25)),
        ("after Labor Day", date(2026, 9, 8)),
        ("end of the month", date(2026, 5, 31)),
        ("end of Q1", date(2027, 3, 31)),
        ("by the end of the quarter", date(2026, 6, 30)),
        ("June 5th", date(2026, 6, 5)),
        ("the fifteenth of June", date(2026, 6, 15)),
        ("within 48 hours", date(2026, 5, 23)),
        ("a week or two", date(2026, 6, 4)),
        ("the week after next", date(2026, 6, 5)),
        ("first week of July", date(2026, 7, 3)),
        ("sometime in July", None),  # a period with no day to hold them to
        ("by the end of the year", date(2026, 12, 31)),
        ("in 6 weeks", date(2026, 7, 2)),
    ],
)
def test_it_reads_the_phrases_interviewers_use(text, expected):
    assert outcome(read(text)) == expected


@pytest.mark.parametrize("text", ["we'll circle back", "Soon!", "We'll be in touch.", "We'll let you know"])
def test_vague_promises_give_no_date_and_low_confidence(text):
    reading = read(text)
    assert reading.date is None
    assert reading.confidence < 0.3
    assert reading.matched


def test_nothing_to_read_gives_no_date_and_zero_confidence():
    assert read("Thanks for coming in") == read("Thanks for coming in")
    assert read("Thanks for coming in").date is None
    assert read("Thanks for coming in").confidence == 0.0


def test_on_a_thursday_by_friday_means_tomorrow():
    assert read("by Friday").date == date(2026, 5, 22)


def test_on_a_friday_by_friday_means_a_week_later_but_this_friday_means_today():
    assert read("by Friday", after=FRIDAY).date == date(2026, 5, 29)
    assert read("this Friday", after=FRIDAY).date == date(2026, 5, 22)


def test_next_weekday_is_in_next_calendar_week():
    assert read("next Friday").date == date(2026, 5, 29)  # not tomorrow
    assert read("Friday next week").date == date(2026, 5, 29)


def test_the_matched_words_come_from_the_original_text():
    reading = read("We're hoping to wrap up and decide by EARLY next week.")
    assert reading.matched == "by EARLY next week"
    assert 0 < reading.confidence <= 1


def test_the_latest_date_mentioned_wins():
    reading = read("We finish interviews by Friday and decide the week after next")
    assert reading.date == date(2026, 6, 5)


def test_the_interview_day_is_read_in_the_given_zone():
    late_utc = t("2026-05-22T03:00:00+00:00")  # still Thursday evening in Denver
    assert read("tomorrow", after=late_utc, tz="America/Denver").date == date(2026, 5, 22)
    assert read("tomorrow", after=late_utc).date == date(2026, 5, 23)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("early next month", None),
        ("mid-January", date(2027, 1, 15)),
        ("next Tuesday", date(2027, 1, 5)),
        ("within 3 business days", date(2027, 1, 5)),  # New Year's Day does not count
        ("end of Q1", date(2027, 3, 31)),
        ("by the end of the month", date(2026, 12, 31)),
        ("after the new year", date(2027, 1, 4)),  # the first working day after New Year's Day
        ("in two weeks", date(2027, 1, 13)),
        ("on the 5th", date(2027, 1, 5)),
    ],
)
def test_it_reads_across_the_year_end(text, expected):
    assert outcome(read(text, after=YEAR_END)) == expected


def test_numeric_dates_follow_the_country():
    assert read("by 4/5", country="US").date == date(2027, 4, 5)
    assert read("by 4/5", country="GB").date == date(2027, 5, 4)
    assert read("by 4/5", country="US-CA").date == date(2027, 4, 5)  # a region reads dates as its country does


def test_business_days_use_the_countrys_holidays():
    # Christmas Day and Boxing Day (observed Monday 28th) in Great Britain.
    before_christmas = t("2026-12-23T11:00:00+00:00")
    assert read("within 3 business days", after=before_christmas, country="GB").date == date(2026, 12, 30)
    assert read("within 3 business days", after=before_christmas, country="US").date == date(2026, 12, 29)


def test_words_that_only_look_like_dates_are_not_read_as_dates():
    assert read("we may first talk to legal").date is None
    assert read("we interview twice a week").date is None
    assert read("the second round is a panel").date is None
    assert read("our team works 24/7").date is None
    assert read("the 5th floor team will decide soon").date is None


def test_a_date_with_a_year_in_the_past_is_ignored():
    assert read("on 2025-01-10").date is None


def test_a_naive_after_is_refused():
    from datetime import datetime

    with pytest.raises(ValueError, match="offset"):
        read_decision_date("by Friday", after=datetime(2026, 5, 21, 14, 30))


PHRASES = st.sampled_from([
    "by Friday", "next Monday", "end of next week", "within 10 business days", "in 2-3 weeks",
    "mid-March", "early next month", "on the 31st", "by 2/29", "end of Q4", "before Christmas",
    "after the board meeting on April 2nd", "tomorrow", "by the end of the week", "in a few days",
    "we'll circle back", "the week after next", "late December", "by the end of the quarter",
])


@given(
    day=st.dates(min_value=date(2025, 1, 1), max_value=date(2035, 12, 31)),
    phrase=PHRASES,
    zone=st.sampled_from(["America/Denver", "Europe/London", "Asia/Kolkata", "Pacific/Auckland"]),
)
def test_it_never_returns_a_date_before_the_interview_day(day, phrase, zone):
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    after = datetime.combine(day, time(15), tzinfo=ZoneInfo(zone))
    reading = read_decision_date(phrase, after=after, tz=zone)
    assert 0.0 <= reading.confidence <= 1.0
    if reading.date is not None:
        assert day <= reading.date <= day + timedelta(days=4 * 366)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We should have an answer for you by next Wednesday.", date(2026, 5, 27)),
        ("Expect to hear from us within the next two weeks.", date(2026, 6, 4)),
        ("Decision by EOW", date(2026, 5, 22)),
        ("no later than the 15th", date(2026, 6, 15)),
        ("in the next 7-10 business days", date(2026, 6, 5)),
        ("sometime next month", None),
        ("mid-next week", date(2026, 5, 27)),
        ("the first week of next month", date(2026, 6, 5)),
        ("before the end of the month", date(2026, 5, 31)),  # by its end
        ("one week from today", date(2026, 5, 28)),
        ("by Friday the 22nd", date(2026, 5, 22)),
        ("after the 4th of July", date(2026, 7, 6)),  # a holiday: its first working day after, as for its name
        ("in a fortnight", date(2026, 6, 4)),
        ("within the next day or two", date(2026, 5, 23)),
        ("Tuesday or Wednesday next week", date(2026, 5, 27)),
        ("in a month or two", date(2026, 7, 21)),
        ("by the 2nd week of June", date(2026, 6, 12)),
        ("by Wednesday, June 3rd", date(2026, 6, 3)),
        ("The hiring committee meets Tuesday; you'll hear by Thursday", date(2026, 5, 28)),
        ("the 1st of next month", date(2026, 6, 1)),
        ("this afternoon", date(2026, 5, 21)),
        ("ten days", date(2026, 5, 31)),
        ("We'll get back to you in a week or so.", earliest(date(2026, 5, 28))),
        ("by the weekend", date(2026, 5, 22)),  # its eve
        ("first thing next week", date(2026, 5, 25)),
        ("between the 10th and the 15th", date(2026, 6, 15)),
        ("three to four weeks", date(2026, 6, 18)),
        ("2\u20133 weeks", date(2026, 6, 11)),
        ("on Monday the 25th", date(2026, 5, 25)),
        ("Wednesday 27th", date(2026, 5, 27)),
        ("end of June/early July", date(2026, 6, 30)),  # "early July" is no day
        ("give us until Friday", date(2026, 5, 22)),
        ("Let's reconnect after Memorial Day", date(2026, 5, 26)),
        ("in 10 days' time", date(2026, 5, 31)),
    ],
)
def test_it_reads_phrasings_beyond_the_examples(text, expected):
    assert outcome(read(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a week from Monday", date(2026, 6, 1)),  # Monday 25th is the anchor, then a week
        ("two weeks from tomorrow", date(2026, 6, 5)),
        ("a week today", date(2026, 5, 28)),
        ("Tuesday week", date(2026, 6, 2)),
        ("this time next week", date(2026, 5, 28)),
        ("the week commencing the 8th", date(2026, 6, 12)),
        ("w/c 15th June", date(2026, 6, 19)),
        ("the week of June 8th", date(2026, 6, 12)),
        ("in twenty-one days", date(2026, 6, 11)),
        ("in forty five days", date(2026, 7, 5)),
        ("before the 12th", date(2026, 6, 11)),
        ("Nothing before the 1st, but we're aiming for the 5th", date(2026, 6, 5)),
        ("the Tuesday after Memorial Day", date(2026, 5, 26)),
        ("the week after Memorial Day", date(2026, 6, 5)),
        ("by Easter", date(2027, 3, 26)),  # Good Friday: the long weekend starts there
        ("EOD tmrw", date(2026, 5, 22)),
        ("by wed", date(2026, 5, 27)),
        ("nxt week", date(2026, 5, 29)),
        ("in 2 wks", date(2026, 6, 4)),
        ("by fridya", date(2026, 5, 22)),
        ("end of teh month", date(2026, 5, 31)),
        ("in a fortnite", date(2026, 6, 4)),
    ],
)
def test_it_reads_anchored_spans_holiday_neighbours_shorthand_and_slips(text, expected):
    assert outcome(read(text)) == expected


@pytest.mark.parametrize(
    "text",
    ["Great chatting with you today.", "The role was posted two weeks ago.", "I've been at the company for 3 years.",
     "We hired two people in the last three weeks.", "We sat down with the team on the 2nd floor."],
)
def test_time_told_of_the_past_or_in_passing_gives_no_date(text):
    assert read(text).date is None


def test_after_the_holidays_is_the_new_year_when_said_in_december_and_unknown_in_spring():
    assert outcome(read("we'll regroup after the holidays", after=t("2026-12-10T10:00:00-05:00"))) == date(2027, 1, 4)
    assert read("we'll regroup after the holidays").date is None


@given(text=st.text(max_size=80), day=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)))
def test_any_text_reads_without_error_and_never_before_the_interview(text, day):
    from datetime import datetime, time, timezone

    reading = read_decision_date(text, after=datetime.combine(day, time(12), tzinfo=timezone.utc))
    assert reading.date is None or reading.date >= day
    assert 0.0 <= reading.confidence <= 1.0


VOCABULARY = ["by", "on", "the", "after", "before", "end", "of", "next", "this", "week", "month", "quarter",
              "year", "early", "mid", "late", "friday", "monday", "31st", "29th", "february", "feb", "q1", "q4",
              "2-3", "10", "business", "days", "weeks", "a", "couple", "few", "in", "within", "tomorrow",
              "2/29", "13/13", "2031-02-29", "christmas", "thanksgiving", "new", "year's", "fortnight",
              "eow", "half", "and", "or", "two", "first", "second", "9999", "0", "00/00", "-", ",", ".",
              "ago", "easter", "w/c", "wed", "tmrw", "twenty-one", "from", "today", "holidays", "week", "the"]


@given(words=st.lists(st.sampled_from(VOCABULARY), max_size=9),
       day=st.dates(min_value=date(1970, 1, 1), max_value=date(2200, 12, 31)),
       country=st.sampled_from(["US", "GB", "DE", "JP"]))
def test_any_mix_of_grammar_words_reads_without_error(words, day, country):
    from datetime import datetime, time, timezone

    after = datetime.combine(day, time(12), tzinfo=timezone.utc)
    reading = read_decision_date(" ".join(words), after=after, country=country)
    assert reading.date is None or day <= reading.date <= day + timedelta(days=10 * 366)


def test_a_day_told_of_the_past_does_not_outrank_the_decision_date():
    assert read("We met with the committee on Monday and will decide by Friday.").date == date(2026, 5, 22)
    assert read("The role was posted in January; we'll decide by Friday.").date == date(2026, 5, 22)


def test_the_following_weekday_counts_from_the_day_named_before_it():
    assert read("Maybe Wednesday, maybe the following Monday.").date == date(2026, 6, 1)  # after Wed 27 May
    assert read("the following Monday").date == date(2026, 5, 25)  # alone: next week's


@pytest.mark.parametrize(
    "text",
    ["not before June 2nd", "We won't decide before June 2nd.", "Probably nothing before June 2nd, sorry.",
     "no sooner than June 2nd", "We can't see us wrapping up any earlier than June 2nd."],
)
def test_a_negated_before_is_no_decision_date_but_names_the_earliest_day(text):
    assert outcome(read(text)) == earliest(date(2026, 6, 2))


def test_a_plain_before_is_the_day_before_and_a_negation_elsewhere_does_not_change_it():
    assert read("We'll decide before June 2nd.").date == date(2026, 6, 1)
    assert read("Don't worry. We'll decide before June 2nd.").date == date(2026, 6, 1)


def test_a_holiday_named_on_that_very_day_is_this_years():
    thanksgiving = t("2026-11-26T10:00:00-05:00")
    reading = read("We should know more after Thanksgiving.", after=thanksgiving, country="US")
    assert outcome(reading) == date(2026, 11, 27)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("We'll decide next week, probably Tuesday.", date(2026, 5, 26)),
        ("Not until next week, maybe Wednesday.", earliest(date(2026, 5, 27))),
        ("Next week - Thursday at the latest.", date(2026, 5, 28)),
        ("The week after next, say Tuesday.", date(2026, 6, 2)),
        ("This week, maybe Friday.", date(2026, 5, 22)),
    ],
)
def test_a_weekday_right_after_a_week_names_the_day_within_it(text, expected):
    assert outcome(read(text)) == expected


@pytest.mark.parametrize(
    "text, said, country, expected",
    [
        ("We'll come back to you after the bank holiday.", "2026-05-20T11:00:00+01:00", "GB", date(2026, 5, 26)),
        ("Expect news after the bank holiday weekend.", "2026-07-29T11:00:00+01:00", "IE", date(2026, 8, 4)),
        ("Nothing until after Stephen's Day, I'm afraid.", "2026-12-17T11:00:00+00:00", "IE", earliest(date(2026, 12, 28))),  # Monday
        ("We hope to wrap up before Halloween.", "2026-10-20T11:00:00-04:00", "US", date(2026, 10, 30)),
        ("The board meets on the 28th and we'll ring you the following day.", "2026-07-15T11:00:00+01:00", "GB", date(2026, 7, 29)),
        ("HR will reach out by mid of next week.", "2026-12-09T11:00:00+05:30", "IN", date(2026, 12, 16)),
        ("The panel decides on or after the 12th.", "2026-05-06T11:00:00-04:00", "US", earliest(date(2026, 5, 12))),
        ("Closed after the new year, we reopen on the 5th.", "2026-12-22T11:00:00+13:00", "NZ", date(2027, 1, 5)),
        ("Offers go out before the office closes on the 23rd.", "2026-12-16T11:00:00-05:00", "US", date(2026, 12, 22)),
        ("Great chatting today, we'll be in touch!", "2026-01-08T11:00:00-05:00", "US", None),
    ],
)
def test_holidays_by_other_names_following_days_and_pleasantries(text, said, country, expected):
    assert outcome(read(text, after=t(said), country=country)) == expected
