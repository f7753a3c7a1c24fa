"""Hedged, corrected and crowded phrases in four languages: approximate spans and withdrawn promises give
no date, a self-correction takes the last date, another event's date gives way to the decision's. Our own
phrases (not any batch's), said on Thursday 21 May 2026."""

from __future__ import annotations

from datetime import date

import pytest

from clinch.core.timeline import read_decision_date
from tests.core.conftest import earliest, outcome, t

THURSDAY = "2026-05-21T14:30:00-06:00"

SPOKEN = [
    # Approximate spans are how long things take, not a deadline; a plain range still takes its later end.
    ("We'll get back to you in roughly 3 weeks.", "US", None),
    ("The process usually takes 3 to 5 weeks.", "US", None),
    ("We'll decide within 10 days, give or take.", "US", None),
    ("Expect an answer in 2-3 weeks.", "US", date(2026, 6, 11)),
    ("Wir melden uns in ca. zwei Wochen.", "DE", None),
    ("Das dauert erfahrungsgemäß vier, fünf Wochen.", "DE", None),
    ("Cela prend environ deux à trois semaines.", "FR", None),
    ("Tardamos unas dos semanas en decidir.", "ES", None),
    # A self-correction takes the last date, even an earlier one; not an "actually" before another event's.
    ("We'll decide by Friday, and actually start interviews on Monday.", "US", date(2026, 5, 22)),
    ("We'll decide by the 30th, sorry, the 29th.", "US", date(2026, 5, 29)),
    ("Bis zum 12. Juni, sagen wir lieber bis zum 10. Juni.", "DE", date(2026, 6, 10)),
    ("Réponse le 12 juin, plutôt le 10.", "FR", date(2026, 6, 10)),
    ("Te decimos el 12 de junio, mejor dicho el 10.", "ES", date(2026, 6, 10)),
    # Another event's date, after the decision, gives way to it.
    ("Feedback by Friday; if it's positive, the second stage would be on the 5th.", "US", date(2026, 5, 22)),
    ("Wir entscheiden bis Ende Mai, der Probetag wäre dann am 8. Juni.", "DE", date(2026, 5, 31)),
    ("Nous voulons pourvoir le poste au 1er juillet et décider d'ici fin mai.", "FR", date(2026, 5, 31)),
    # ... unless the sentence ties the decision to it.
    ("We want the role filled by the end of June and will have decided by then.", "US", date(2026, 6, 30)),
    # A promise taken back gives no date; one kept after "but" stands.
    ("Maybe by the end of the month, but I can't promise.", "US", None),
    ("Can't promise much before the holiday, but you'll have an answer within 5 business days.", "US",
     date(2026, 5, 29)),  # Memorial Day skipped
    ("Bis Ende Mai, kann aber nichts versprechen.", "DE", None),
    # A period with no day to hold them to; a day that gives a reason; a negated "before".
    ("Sometime in Q3, I'd think.", "US", None),
    ("Vor Pfingsten wird das nichts mehr.", "DE", earliest(date(2026, 5, 22))),  # no date, not before then
    ("Sie hören bis und mit Freitag von uns.", "CH", date(2026, 5, 22)),  # Swiss "up to and including"
    ("Avec le pont de l'Ascension, pas de réponse avant la semaine d'après.", "FR", earliest(date(2026, 5, 29))),
    # "That same day" after another event's date is that date.
    ("The panel meets them on the 28th and we'll decide that same day.", "US", date(2026, 5, 28)),
    ("Wir treffen uns am 28. Mai im Team und entscheiden noch am selben Tag.", "DE", date(2026, 5, 28)),
    ("Le comité se réunit le 28 mai, décision le jour même.", "FR", date(2026, 5, 28)),
    ("El comité se reúne el 28 de mayo y ese mismo día decidimos.", "ES", date(2026, 5, 28)),
    # Half years and the n-th weekday of the month.
    ("We'll make a call by the end of H1.", "US", date(2026, 6, 30)),
    ("The board meets the second Tuesday of the month; we decide the following day.", "US", date(2026, 6, 10)),
    # Saying they cannot say.
    ("I can't say for sure, maybe by the end of the month.", "US", None),
    ("Ich kann es Ihnen leider nicht sagen, vielleicht Ende Juni.", "DE", None),
    # A date restated in brackets, a contingency ("if not, then ..."), a negation further from "antes".
    ("We'll decide within 10 business days (by the 1st).", "US", date(2026, 6, 1)),
    ("Wir melden uns bis zum 29. Mai, falls nicht, dann nach dem 10. Juni.", "DE", date(2026, 5, 29)),
    ("No creo que tengamos ninguna novedad antes del 10 de junio.", "ES", earliest(date(2026, 6, 10))),
    # Abbreviated weekdays ending a sentence; a farewell does not undo the date before it.
    ("We'll let you know Wed.", "US", date(2026, 5, 27)),
    ("Je vous tiens au courant d'ici lundi, bon week-end !", "FR", date(2026, 5, 25)),
    ("El resultado, a más tardar el último día hábil del mes.", "ES", date(2026, 5, 29)),
    # Spanish spans: the later of two days, the end of next week.
    ("Mañana o pasado te escribo.", "ES", date(2026, 5, 23)),
    ("Te respondemos antes de que acabe la semana que viene.", "ES", date(2026, 5, 29)),
]


@pytest.mark.parametrize(("text", "country", "expected"), SPOKEN)
def test_hedges_corrections_and_other_events(text, country, expected):
    assert outcome(read_decision_date(text, after=t(THURSDAY), country=country)) == expected


@pytest.mark.parametrize(("text", "said", "expected"), [
    ("We'll decide before the Christmas break - so by the 23rd.", "2026-12-09T10:00:00+00:00", date(2026, 12, 23)),
    ("Nous voulons conclure avant les Fêtes : réponse le 18 décembre.", "2026-12-01T10:00:00+01:00",
     date(2026, 12, 18)),
    ("Have a lovely Christmas, speak in the new year!", "2026-12-16T10:00:00+00:00", None),
])
def test_an_explicit_date_after_a_dash_or_colon_is_not_shifted_and_the_new_year_is_no_day(text, said, expected):
    country = "FR" if "Fêtes" in text else "GB"
    assert outcome(read_decision_date(text, after=t(said), country=country)) == expected


def test_the_friday_after_next_in_german_is_a_week_after_the_next_one():
    """"übernächsten Freitag" said on a Tuesday is next week's Friday: "nächsten Freitag" is this week's."""
    reading = read_decision_date("Bis übernächsten Freitag rufen wir Sie an.", after=t("2026-05-19T10:00:00+02:00"),
                                 country="DE")
    assert reading.date == date(2026, 5, 29)
