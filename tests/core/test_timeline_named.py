"""Days named as people name them, and what the words around a date say of it: a holiday by its
other names or its weekend, a bridge day, an "after that" that tells what follows a deadline, a
holiday that is only said to come, an alternative said to be approximate, a promise taken back."""

from __future__ import annotations

from datetime import date

import pytest

from clinch.core.timeline import read_decision_date
from tests.core.conftest import earliest, outcome, t


def read(text, said, country, language=None):
    return outcome(read_decision_date(text, after=t(said), country=country, language=language))


OTHER_NAMES = [
    # The calendar says "Juneteenth National Independence Day", Singapore's says "Diwali" and "Chinese New Year".
    ("We should have the decision by Juneteenth.", "2026-06-15T10:00:00-04:00", "US", date(2026, 6, 19)),
    ("We will confirm with you after CNY.", "2027-02-01T15:00:00+08:00", "SG", date(2027, 2, 9)),
    ("We'll revert after Deepavali.", "2026-11-03T10:00:00+08:00", "SG", date(2026, 11, 10)),
    ("Expect an answer after MLK Day.", "2026-01-13T10:00:00-05:00", "US", date(2026, 1, 20)),
    ("We'll let you know after Presidents Day.", "2026-02-10T10:00:00-05:00", "US", date(2026, 2, 17)),
    ("We'll confirm after Hari Raya Haji.", "2026-05-18T10:00:00+08:00", "SG", date(2026, 5, 28)),
    # A holiday's weekend, in either spelling, and the name people still use for a renamed day.
    ("We'll touch base after Labour weekend with an answer.", "2026-10-20T13:00:00+13:00", "NZ", date(2026, 10, 27)),
    ("We'll be in touch after the Labor Day weekend.", "2026-09-01T10:00:00-04:00", "US", date(2026, 9, 8)),
    ("We'll let you know after the Queen's Birthday weekend.", "2026-05-28T10:00:00+10:00", "AU-NSW", date(2026, 6, 9)),
    # The lexicon's own rule stands before a name made from the calendar: Thanksgiving's weekend is four days.
    ("After the Thanksgiving weekend we'll regroup.", "2026-11-20T10:00:00-05:00", "US", date(2026, 11, 30)),
]


@pytest.mark.parametrize(("text", "said", "country", "expected"), OTHER_NAMES)
def test_a_holiday_is_known_by_its_other_names_and_its_weekend(text, said, country, expected):
    assert read(text, said, country) == expected


BRIDGES = [
    # Ascension Thursday and the Friday people take off with it: after the bridge is the Monday.
    ("Demain c'est l'Ascension et toute l'équipe fait le pont, on revient vers vous après le pont.",
     "2026-05-13T14:00:00+02:00", "FR", date(2026, 5, 18)),
    ("We'll decide after the long weekend.", "2026-11-23T10:00:00-05:00", "US", date(2026, 11, 30)),
    ("Hoping to let you know before the long weekend.", "2026-11-23T10:00:00-05:00", "US", date(2026, 11, 25)),
    ("Hoping to let you know before the long weekend.", "2026-05-20T10:00:00+01:00", "GB", date(2026, 5, 22)),
]


@pytest.mark.parametrize(("text", "said", "country", "expected"), BRIDGES)
def test_a_holiday_thursday_makes_a_long_weekend_with_its_bridge_day(text, said, country, expected):
    assert read(text, said, country) == expected


AFTER_THAT = [
    # What follows a deadline is no reason to wait past it.
    ("We're aiming to get you an answer before Christmas, the team kind of scatters after that.",
     "2026-12-21T14:00:00-06:00", "US-TX", date(2026, 12, 23)),
    ("Sie hören bis Donnerstag von uns, danach ist ja Ostern.", "2027-03-22T17:00:00+01:00", "DE-NW", date(2027, 3, 25)),
    # ... but the decision said to come after a day waits for it.
    ("The board meets on the 28th, after that we'll be in touch.", "2026-09-22T11:00:00+10:00", "AU-VIC",
     earliest(date(2026, 9, 29))),
    # "after that" belongs to the nearest day before it, not to an earlier one.
    ("There's a panel on the 12th and a second one on the 19th, we'll see after that.",
     "2027-02-03T11:00:00+00:00", "GB-SCT", earliest(date(2027, 2, 22))),
]


@pytest.mark.parametrize(("text", "said", "country", "expected"), AFTER_THAT)
def test_after_that_waits_only_when_the_decision_follows_the_nearest_day(text, said, country, expected):
    assert read(text, said, country) == expected


SAID_TO_COME = [
    ("We'll get back to you by Wednesday, then it's Thanksgiving.", "2026-11-20T10:00:00-05:00", "US", date(2026, 11, 25)),
    ("Le contestamos el jueves, luego es Semana Santa.", "2027-03-22T10:00:00+01:00", "ES-MD", date(2027, 3, 25)),
    ("On vous répond avant la Toussaint, ensuite c'est la Toussaint.", "2026-10-20T10:00:00+02:00", "FR", date(2026, 10, 30)),
    # A holiday that is the deadline still is one.
    ("The deadline is Christmas.", "2026-11-20T10:00:00-05:00", "US", date(2026, 12, 25)),
    ("Die Frist ist Ostern.", "2027-03-22T17:00:00+01:00", "DE-NW", date(2027, 3, 26)),
]


@pytest.mark.parametrize(("text", "said", "country", "expected"), SAID_TO_COME)
def test_a_holiday_only_said_to_come_is_no_deadline(text, said, country, expected):
    assert read(text, said, country) == expected


NO_DATE = [
    ("Will revert in a week or ten days, give or take.", "2026-08-20T17:00:00+05:30", "IN"),
    ("Will revert in a week or 10 days more or less.", "2026-08-20T17:00:00+05:30", "IN"),
    ("Wir melden uns in einer Woche oder zehn Tagen, ungefähr.", "2026-08-20T17:00:00+02:00", "DE"),
    ("I'd said by Friday on the phone, but scratch that, legal has to review first and I genuinely don't know "
     "how long that takes.", "2026-10-07T15:00:00-04:00", "US"),
    ("By Friday hopefully, but honestly I don't know when we'll decide.", "2026-10-07T15:00:00-04:00", "US"),
    ("Ich würd gern Freitag sagen, aber versprechen kann ich nix, der Chef ist krank.", "2026-10-08T16:00:00+02:00",
     "DE-BY"),
    ("Irgendwann nach Allerheiligen, genau kann ich's noch nicht sagen.", "2027-10-21T11:00:00+02:00", "AT-7"),
    ("We'll let you know sometime after Thanksgiving.", "2026-11-20T10:00:00-05:00", "US"),
]


@pytest.mark.parametrize(("text", "said", "country"), NO_DATE)
def test_an_approximate_withdrawn_or_open_ended_promise_gives_no_date(text, said, country):
    assert read_decision_date(text, after=t(said), country=country).date is None


FIRM = [
    # A firm date stands beside words that only look like those above.
    ("Will revert in a week or two.", "2026-08-20T17:00:00+05:30", "IN", date(2026, 9, 3)),
    ("We'll know by Friday, I don't know when exactly the panel meets though.", "2026-10-07T15:00:00-04:00", "US",
     date(2026, 10, 9)),
    ("We'll let you know after Thanksgiving.", "2026-11-20T10:00:00-05:00", "US", date(2026, 11, 27)),
    # "let all candidates know" is the decision, and "so" begins a new statement.
    ("We aim to let all candidates know within five working days of their interview.", "2026-08-26T10:00:00+01:00", "GB",
     date(2026, 9, 3)),
    ("Grand Final eve is a public holiday Friday so we're aiming to get back to you by Thursday COB.",
     "2026-09-22T11:00:00+10:00", "AU-VIC", date(2026, 9, 24)),
]


@pytest.mark.parametrize(("text", "said", "country", "expected"), FIRM)
def test_a_firm_date_stands(text, said, country, expected):
    assert read(text, said, country) == expected


INFORMING = [
    # A day remarked on (a holiday, a closure) beside the promise: the promise's date wins, in every language.
    ("We'll communicate the outcome within 2 working days. Saturday is the inauguration so the week after will be slow.",
     "2027-05-26T11:00:00+01:00", "NG", date(2027, 5, 28)),
    ("Good news is it's a quick process - within 2 business days. Anzac Day's on Sunday so Monday's off, just so you know.",
     "2027-04-22T15:00:00+10:00", "AU-NSW", date(2027, 4, 27)),
    ("The committee will issue a decision within five (5) business days. Please note our offices are closed on "
     "January 1st.", "2026-12-30T10:00:00-05:00", "US-NY", date(2027, 1, 7)),
    ("Grüß Gott, wir melden uns binnen zwei Arbeitstagen. Achtung, am Dienstag ist Maria Empfängnis.",
     "2026-12-03T10:00:00+01:00", "AT-9", date(2026, 12, 7)),
    ("Le contestamos en cuatro días hábiles. Ojo que el lunes es festivo de Corpus.", "2026-06-05T15:00:00-05:00", "CO",
     date(2026, 6, 12)),
    ("Nous reviendrons vers vous dans les trois jours ouvrables, la fête nationale étant mardi.",
     "2026-06-19T10:00:00+02:00", "LU", date(2026, 6, 25)),
    # ... but a day that is said to be the deadline, or stated as the date itself, stays one.
    ("Friday is the deadline for our answer, and the board meets on Monday.", "2026-10-07T15:00:00-04:00", "US",
     date(2026, 10, 9)),
    ("I said end of the month just now, actually it's the 25th.", "2026-09-10T10:00:00+08:00", "SG", date(2026, 9, 25)),
    # "At the latest" names the deadline even past a conjunction; a date the decision waits for is the earliest.
    ("Eine Entscheidung gibt es frühestens am 20., spätestens aber Ende April.", "2026-04-09T10:00:00+02:00", "DE",
     date(2026, 4, 30)),
    ("HM's off Monday for the bank hol so you'll hear by Tuesday at latest.", "2026-07-31T16:00:00+01:00", "GB-SCT",
     date(2026, 8, 4)),
    ("Te contestaremos en cuanto el director vuelva de vacaciones, el 2 de septiembre.", "2026-08-20T10:00:00+02:00", "ES",
     earliest(date(2026, 9, 2))),
    ("We're hoping to make a decision after Family Day, not before the 20th anyway.", "2026-02-11T15:00:00-07:00", "CA-AB",
     earliest(date(2026, 2, 20))),
    # A start date beside the offer's date leaves the offer's date standing.
    ("We'll send the offer by Friday, then your start date will be on the 21st.", "2027-06-09T10:00:00+08:00", "PH",
     date(2027, 6, 11)),
    # Working hours count working days.
    ("Merci ! Retour sous 48h ouvrées, soit deux jours ouvrés, 14 juillet non compté.", "2027-07-12T09:00:00+02:00", "FR",
     date(2027, 7, 15)),
]


@pytest.mark.parametrize(("text", "said", "country", "expected"), INFORMING)
def test_the_date_of_the_promise_wins_over_days_that_only_inform(text, said, country, expected):
    assert read(text, said, country) == expected


VAGUE_PROMISE = [
    # The decision's words go with vague words only: the other dates name none of it.
    ("We're shutting down for the break on Wednesday. You'll hear from us sometime in the new year.",
     "2026-12-21T09:30:00+10:00", "AU-QLD"),
    ("Wir werden uns im Laufe der nächsten Woche bei Ihnen melden.", "2026-12-01T10:00:00+01:00", "DE-HH"),
    ("Not sure on timings yet - could be a week, could be three.", "2026-04-02T10:00:00+01:00", "GB-NIR"),
    ("The panel will share feedback in about 8-10 days.", "2026-08-13T12:00:00+05:30", "IN"),
    ("Das Zweitgespräch wäre am 21. April, der Start am 1. Juni - Details folgen.", "2027-04-01T10:00:00+02:00", "DE"),
]


@pytest.mark.parametrize(("text", "said", "country"), VAGUE_PROMISE)
def test_a_vague_promise_gives_no_date(text, said, country):
    assert read_decision_date(text, after=t(said), country=country).date is None


LOCAL_NAMES = [
    # The calendar's own names in the phrase's language, without their articles, and their "puente"/"pont".
    ("On vous répond après la Sainte-Dévote.", "2027-01-25T10:00:00+01:00", "MC", date(2027, 1, 28)),
    ("Te decimos algo después de San José, que estamos en plenas Fallas.", "2026-03-17T15:00:00+01:00", "ES-VC",
     date(2026, 3, 20)),
    ("Te aviso después del puente de la Revolución.", "2026-11-13T16:00:00-06:00", "MX", date(2026, 11, 17)),
    ("Le avisamos después del Día de la Madre.", "2026-08-12T15:00:00-06:00", "CR", date(2026, 8, 17)),
    # "After" a date that is a holiday is its first working day after, as for the holiday's name.
    ("Nous vous recontacterons après le 15 août.", "2026-08-12T10:00:00+02:00", "FR", date(2026, 8, 17)),
    ("Te escribimos después del 9 de julio.", "2026-07-07T10:00:00-03:00", "AR", date(2026, 7, 13)),
    ("We'll decide after the 20th.", "2026-08-12T10:00:00+01:00", "GB", date(2026, 8, 21)),
    # A weekday remarked on is no narrowing of the week before it; "au courant" is "informed".
    ("Should have an answer mid next week, Monday's WA Day so it'll be a short one.", "2026-05-29T16:00:00+08:00",
     "AU-WA", date(2026, 6, 3)),
    ("Merci beaucoup, on vous tient au courant la semaine prochaine !", "2026-03-18T14:00:00+01:00", "FR",
     date(2026, 3, 27)),
    ("Wir melden uns bis zum 7.10., spätestens aber bis zum 9.10.", "2026-09-30T14:00:00+02:00", "DE-BE",
     date(2026, 10, 9)),
]


@pytest.mark.parametrize(("text", "said", "country", "expected"), LOCAL_NAMES)
def test_local_names_and_days_after_a_holiday(text, said, country, expected):
    assert read(text, said, country) == expected


@pytest.mark.parametrize(("text", "said", "country"), [
    ("You should hear the back end of next month, give or take.", "2026-09-15T16:00:00+01:00", "GB-SCT"),
    ("Después de Semana Santa le estaremos contando, más o menos.", "2027-03-19T11:00:00-05:00", "CO"),
])
def test_a_hedge_that_closes_the_sentence_leaves_no_date(text, said, country):
    assert read_decision_date(text, after=t(said), country=country).date is None


@pytest.mark.parametrize(("text", "said", "country"), [
    # No date promised, whatever holiday or month is named beside it.
    ("Things are mad here with Paddy's Day coming, so I won't promise a date, but we'll be in touch as soon as we can.",
     "2027-03-12T11:00:00+00:00", "IE"),
    ("It's all a bit mad with Christmas, so we'll aim to get back to you early January.", "2026-12-17T10:00:00+00:00", "GB"),
    ("happy almost new year! we'll be in touch soon, lots of folks OOO rn", "2026-12-30T16:00:00-05:00", "US-NY"),
    ("Result will be declared post Republic Day, date yet to be finalised by management.", "2027-01-22T12:00:00+05:30",
     "IN"),
    ("Danke für heute! Nach Pfingsten schauen wir weiter, wir melden uns dann.", "2026-05-22T16:00:00+02:00", "AT-9"),
    ("Después de carnaval vemos, te escribo, no sé bien cuándo.", "2027-02-05T10:00:00-03:00", "AR"),
    ("Te contactamos después de año nuevo, sin fecha fija todavía.", "2026-12-23T10:00:00-03:00", "CL"),
])
def test_a_promise_with_no_date_stays_without_one(text, said, country):
    assert read_decision_date(text, after=t(said), country=country).date is None


@pytest.mark.parametrize(("text", "said", "country", "expected"), [
    ("Con el puente de la Revolución te marco el martes sin falta.", "2026-11-13T16:00:00-06:00", "MX", date(2026, 11, 17)),
    ("Le llamamos pasada la Semana Santa, el primer día que volvamos.", "2026-03-31T10:00:00+02:00", "ES-AN",
     date(2026, 4, 6)),
])
def test_spanish_calls_and_past_a_holiday(text, said, country, expected):
    assert read(text, said, country) == expected
