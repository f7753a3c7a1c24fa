"""The English that recruiters really write: holidays in the right country and region, several
dates in one sentence, and dates that are no decision date."""

from __future__ import annotations

from datetime import date

import pytest

from clinch.core.timeline import read_decision_date
from tests.core.conftest import earliest, outcome, t

THURSDAY = "2026-05-21T14:30:00-06:00"


HOLIDAYS = [
    # After a holiday: the first working day after it; before it: the last working day before it.
    ("We'll come back to you after the bank holiday.", "2026-08-20T10:00:00+01:00", "GB", date(2026, 9, 1)),
    ("Expect to hear after the New Year.", "2026-12-22T10:00:00+00:00", "GB", date(2027, 1, 4)),
    ("We'll be in touch after the long weekend.", "2026-05-12T10:00:00-04:00", "CA", date(2026, 5, 19)),
    ("Decision after Diwali.", "2026-10-20T10:00:00+05:30", "IN", date(2026, 11, 9)),
    ("We'll let you know the day after Thanksgiving.", "2026-11-10T10:00:00-05:00", "US", date(2026, 11, 27)),
    ("We'll decide after Easter.", "2026-03-20T10:00:00+00:00", "GB", date(2026, 4, 7)),  # Easter Monday is off
    ("We'll decide after Easter.", "2026-03-20T10:00:00-04:00", "US", date(2026, 4, 6)),
    ("Hoping to wrap up before the Christmas break.", "2026-12-01T10:00:00+00:00", "GB", date(2026, 12, 24)),
    # A country alone keeps its most populous region's holidays: England's late summer bank holiday.
    ("Within 10 working days.", "2026-08-20T10:00:00+01:00", "GB", date(2026, 9, 4)),
    ("Within 10 working days.", "2026-08-20T10:00:00+01:00", "GB-SCT", date(2026, 9, 3)),
    ("Hoping to confirm before the holiday break.", "2026-12-01T10:00:00-05:00", "US", date(2026, 12, 24)),
    ("We'll decide in the first working week of January.", "2026-12-15T10:00:00+00:00", "GB", date(2027, 1, 8)),
    ("We will share the update post Diwali.", "2026-10-20T10:00:00+05:30", "IN", date(2026, 11, 9)),
    ("Should hear back before the May bank holiday.", "2026-04-20T10:00:00+01:00", "GB", date(2026, 5, 1)),
    ("We'll know more after the Australia Day long weekend.", "2026-01-15T10:00:00+11:00", "AU", date(2026, 1, 27)),
    ("We'll decide right after St Paddy's Day.", "2026-03-10T10:00:00+00:00", "IE", date(2026, 3, 18)),
    ("After the Thanksgiving weekend we'll regroup.", "2026-11-20T10:00:00-05:00", "US", date(2026, 11, 30)),
    ("Hoping to let you know before the bank holiday weekend.", "2026-05-20T10:00:00+01:00", "GB", date(2026, 5, 22)),
]

TIED = [
    ("We'll be in touch the first week back in January.", "2026-12-10T10:00:00+00:00", date(2027, 1, 8)),
    ("Budget runs to the fiscal year end, and we'll decide in the next 10 business days.", THURSDAY,
     date(2026, 6, 5)),
    ("We'll let you know by the 10th, then the final round is on the 20th.", THURSDAY, date(2026, 6, 10)),
    ("We'll decide shortly after the 20th.", THURSDAY, earliest(date(2026, 6, 24))),  # no date; not before then
    ("She's out next week; we'll decide once she's back.", THURSDAY, earliest(date(2026, 6, 1))),
    ("I'm OOO until the 1st; we'll decide when I'm back.", THURSDAY, earliest(date(2026, 6, 2))),
    ("Our hiring committee meets on the 3rd and we'll reach out shortly after.", THURSDAY, earliest(date(2026, 6, 8))),
    ("We'll decide a few days after the 20th.", THURSDAY, date(2026, 6, 23)),
    ("Before the holidays, and no later than the 18th.", "2026-12-10T10:00:00-05:00", date(2026, 12, 18)),
    ("The team's off until the 4th; expect news by mid-month.", THURSDAY, date(2026, 6, 15)),
    ("We'll share the outcome after the panel on the 12th.", THURSDAY, date(2026, 6, 13)),
    ("We'll decide this week or next.", THURSDAY, date(2026, 5, 29)),
    ("Decision by the end of the wek.", THURSDAY, date(2026, 5, 22)),
    ("We'd love for you to start on the 15th; we'll confirm by Tuesday.", THURSDAY, date(2026, 5, 26)),
    ("We're closed between Christmas and New Year, so expect to hear in the new year.",
     "2026-12-10T10:00:00+00:00", None),  # "in the new year" names no day
    ("The role starts on June 15th; we'll decide by Friday.", THURSDAY, date(2026, 5, 22)),
    ("Interviews run until the 29th and we'll revert the week after.", THURSDAY, date(2026, 6, 5)),
    ("Panel on the 2nd; we'll let you know the following week.", THURSDAY, date(2026, 6, 12)),
]

VARIANTS = [
    ("We'll decide within the fortnight.", date(2026, 6, 4)),
    ("We'll let you know by mid-month.", date(2026, 6, 15)),  # the 15th of May has passed
    ("We'll get back to you before Chrissie.", date(2026, 12, 24)),
    ("Answer by crimbo", date(2026, 12, 25)),
    ("We'll let you know within the next fortnight.", date(2026, 6, 4)),
    ("Feedback by 15th.", date(2026, 6, 15)),
    ("We will share the update post 15th.", date(2026, 6, 16)),
]

NO_DATE = [
    "The start date would be July 1st.",
    "Feel free to email me over the weekend.",
    "Happy holidays!",
    "Have a great weekend!",
    "Merry Christmas and a happy New Year!",
    "You can reach me anytime next week if anything comes up.",
    "We'd want you to join us on September 1st.",
    "Drop me a line over the weekend if anything comes up.",
    "We're interviewing two more candidates on Monday.",
    "I'll be on leave until the 8th, but my colleague will keep things going.",
    "Please send over your portfolio by Wednesday.",
]


def read(text, said=THURSDAY, country="US"):
    return read_decision_date(text, after=t(said), country=country)


@pytest.mark.parametrize(("text", "said", "country", "expected"), HOLIDAYS)
def test_holidays_are_read_in_the_right_country_and_region(text, said, country, expected):
    assert outcome(read(text, said, country)) == expected


@pytest.mark.parametrize(("text", "said", "expected"), TIED)
def test_the_date_tied_to_the_decision_wins(text, said, expected):
    assert outcome(read(text, said)) == expected


@pytest.mark.parametrize(("text", "expected"), VARIANTS)
def test_variants_and_colloquial_names(text, expected):
    assert outcome(read(text, country="AU")) == expected


@pytest.mark.parametrize("text", NO_DATE)
def test_a_start_date_a_wish_or_an_invitation_to_write_gives_no_decision_date(text):
    assert read(text).date is None


def test_a_wish_does_not_hide_the_decision_date_beside_it():
    assert read("Have a great weekend, and we'll let you know by Wednesday.").date == date(2026, 5, 27)
