"""A date and the company it keeps: vague words it glosses, a holiday it dates, an absence it ends,
a month named before it, a name it begins, and hours that elapse. Our own phrases (not any batch's),
most said on Thursday 21 May 2026."""

from __future__ import annotations

from datetime import date

import pytest

from clinch.core.timeline import read_decision_date
from clinch.core.timeline.resolution import add
from tests.core.conftest import earliest, outcome, t

THURSDAY = "2026-05-21T14:30:00+02:00"

SPOKEN = [
    # Some day after a date, none to hold them to.
    ("We'll be in touch sometime after the board meets on the 28th.", "GB", None),
    ("We'll get back to you at some stage after the bank holiday.", "GB", None),
    ("We'll let you know after Whit Monday sometime.", "DE", None),
    ("Wir melden uns irgendwann nach Pfingsten.", "DE", None),
    # A date that glosses vague words says no more than they do; a deadline after them still counts.
    ("We'll decide early next week, after the holiday weekend.", "US", None),
    ("Entscheidung in ungefähr 8 bis 10 Tagen, also nach der Sitzung vom 2. Juni.", "DE", None),
    ("We'll decide soon, by Friday at the latest.", "US", date(2026, 5, 22)),
    ("We'll let you know after Whit Monday.", "GB", date(2026, 5, 26)),
    # A later alternative that is vague makes the whole vague.
    ("Wir melden uns Ende Mai oder Anfang Juni, je nachdem.", "DE", None),
    ("About a week or two, usually.", "US", None),
    ("We'll get back to you in a week or two.", "US", date(2026, 6, 4)),
    # A holiday dated by "tomorrow" informs; the decision's own words decide.
    ("Wir melden uns, sobald der Vorstand zugestimmt hat. Christi Himmelfahrt morgen ist eh frei.", "DE", None),
    # A remark on a day ("... is a holiday") in a part of its own, after a span said to be approximate.
    ("Le damos respuesta en unos 3 a 5 días hábiles, el 25 de mayo es feriado.", "AR", None),
    # Someone away until a date: the earliest, not the deadline.
    ("Der Chef ist bis nach Pfingsten auf Urlaub.", "DE", earliest(date(2026, 5, 26))),
    # An event's date that leads straight on to the decision carries it.
    ("Bis Ende Mai wollen wir alle Gespräche auswerten und Ihnen dann Bescheid geben.", "DE", date(2026, 5, 31)),
    ("We'll finish the interviews by the 29th and then let you know.", "US", date(2026, 5, 29)),
    # The decision's date beats a start date and a review's.
    ("Exec review on the 26th, and we'll get you a yes/no by the 28th. Start would be July 1.", "US",
     date(2026, 5, 28)),
    # A bare day takes the month named just before it; "may" is a verb as often.
    ("Réponse fin juin, au plus tard le 30.", "FR", date(2026, 6, 30)),
    ("Entscheidung Ende Juni, spätestens am 30.", "DE", date(2026, 6, 30)),
    ("We may decide by the 25th.", "US", date(2026, 5, 25)),
    # A holiday's name that begins with a weekday is the holiday, not that weekday.
    ("On te redit quelque chose mi-semaine prochaine, lundi de Pentecôte oblige.", "FR", date(2026, 5, 27)),
    ("Te llamamos justo después del lunes de Pentecostés.", "ES-CT", date(2026, 5, 26)),
    # Right after a holiday is its next working day; shortly after is no date.
    ("Nous vous recontactons juste après le lundi de Pentecôte.", "FR", date(2026, 5, 26)),
    ("Nous vous recontactons peu après le lundi de Pentecôte.", "FR", earliest(date(2026, 5, 28))),
    # Swiss German as it is written.
    ("Mir gänd Ihne innert drüne Arbeitstag Bscheid.", "CH-ZH", date(2026, 5, 27)),  # Whit Monday skipped
    ("Mir mälded üs Mitti nächscht Wuche.", "CH-ZH", date(2026, 5, 27)),
    # One working day, singular; genitive "eines Werktages".
    ("Nous vous répondons dans un jour ouvrable.", "FR", date(2026, 5, 22)),
    ("Wir melden uns innerhalb eines Werktages.", "DE", date(2026, 5, 22)),
    # A promise reported from before and then taken back; one reported and kept stands.
    ("Originally we said we'd decide by the 29th, but the role is on hold for now.", "US", None),
    ("Wir hatten Ihnen zwar den Freitag zugesagt, das können wir leider nicht halten.", "DE", None),
    ("Je vous avais dit vendredi, mais finalement le comité est reporté.", "FR", None),
    ("Le habíamos dicho el viernes, pero lamentablemente no vamos a llegar.", "ES", None),
    ("As I said, we'll decide by Friday, but feel free to call me before then.", "US", date(2026, 5, 22)),
    ("Originally we said Friday, but we'll now decide on Tuesday.", "US", date(2026, 5, 26)),
    # "About" a single span is approximate too; an event's date followed by ", then" the decision carries it.
    ("We'll revert in about 10 days.", "US", None),
    ("Wir melden uns in etwa zwei Wochen.", "DE", None),
    ("Bis Ende nächster Woche sind alle Gespräche durch, dann erhalten Sie unsere Entscheidung.", "DE",
     date(2026, 5, 29)),
    # A wish after a dash is a part of its own; a request for papers is no promise.
    ("We'll be back in touch within 2 business days - enjoy the long weekend.", "US", date(2026, 5, 26)),
    ("Start wäre der 1. Juli; bitte schick uns bis Freitag noch dein Zeugnis.", "DE", None),
    ("Cualquier consulta me escribes hasta el 29.", "ES", None),
    ("Sie erhalten innert Wochenfrist Bescheid.", "CH", date(2026, 5, 28)),
    # The month running out.
    ("Te decimos algo antes de que acabe el mes.", "ES", date(2026, 5, 31)),
    ("We'll let you know before the month is out.", "US", date(2026, 5, 31)),
    ("On vous répond avant que le mois se termine.", "FR", date(2026, 5, 31)),
    ("Wir melden uns, bevor der Monat vorbei ist.", "DE", date(2026, 5, 31)),
]


@pytest.mark.parametrize(("text", "country", "expected"), SPOKEN)
def test_a_date_and_its_company(text, country, expected):
    assert outcome(read_decision_date(text, after=t(THURSDAY), country=country)) == expected


def test_a_holiday_wished_for_tomorrow_is_no_promise():
    reading = read_decision_date("Feliz Sant Joan mañana. Le diremos algo cuando se reúna el comité.",
                                 after=t("2026-06-23T11:00:00+02:00"), country="ES-CT")
    assert reading.date is None


def test_a_battles_day_and_a_national_day_are_read_by_their_short_names():
    after_boqueron = read_decision_date("Después de Boquerón le decimos algo.", after=t("2026-09-25T15:00:00-03:00"),
                                        country="PY")
    assert after_boqueron.date == date(2026, 9, 30)  # the battle's day is Tuesday 29 September
    after_patriots = read_decision_date("On se reparle après la journée des Patriotes.",
                                        after=t("2026-05-15T10:00:00-04:00"), country="CA-QC")
    assert after_patriots.date == date(2026, 5, 19)  # the Patriots' day is Monday 18 May


def test_a_national_day_is_read_without_its_country():
    reading = read_decision_date("Le contestaremos después de la Fiesta Nacional.", after=t("2027-10-06T12:00:00+02:00"),
                                 country="ES-MD")
    assert reading.date == date(2027, 10, 13)  # Tuesday 12 October is the day


def test_chinese_new_year_is_not_the_new_year():
    reading = read_decision_date("We'll update you after the Chinese New Year break.",
                                 after=t("2026-02-13T10:00:00+08:00"), country="SG")
    assert reading.date == date(2026, 2, 19)  # after the two days off, 17 and 18 February


def test_before_christmas_in_german_is_christmas_eve_a_working_day():
    reading = read_decision_date("Wir möchten Ihnen noch vor Weihnachten Bescheid geben.",
                                 after=t("2026-12-16T10:00:00+01:00"), country="DE-NW")
    assert reading.date == date(2026, 12, 24)


def test_hours_elapse_from_the_moment_the_interview_ended():
    """48 hours from 23:30 on the Friday before the clocks go forward end at 00:30 on Monday; 36 hours
    from a morning end the next evening."""
    late = read_decision_date("Du hörst innerhalb von 48 Stunden von uns.", after=t("2026-03-27T23:30:00+01:00"),
                              tz="Europe/Berlin", country="DE")
    assert late.date == date(2026, 3, 30)
    morning = read_decision_date("You'll hear from us within 36 hours.", after=t("2026-05-21T09:00:00+01:00"),
                                 tz="Europe/London", country="GB")
    assert morning.date == date(2026, 5, 22)


def test_the_same_instant_in_two_zones_is_read_from_each_zones_day():
    instant = t("2026-05-22T03:00:00+00:00")
    assert read_decision_date("within 24 hours", after=instant, tz="America/Denver").date == date(2026, 5, 22)
    assert read_decision_date("within 24 hours", after=instant, tz="Europe/London").date == date(2026, 5, 23)


def test_a_word_that_is_no_unit_of_time_is_refused_not_read_as_months():
    with pytest.raises(ValueError):
        add(date(2026, 5, 21), 1, "jour ouvrables", "FR")


def test_the_words_shown_are_all_the_words_read_as_others():
    reading = read_decision_date("Te decimos algo antes de que acabe el mes, que en agosto esto se vacía.",
                                 after=t("2026-07-29T11:00:00+02:00"), country="ES")
    assert (reading.date, reading.matched) == (date(2026, 7, 31), "antes de que acabe el mes")


@pytest.mark.parametrize(("text", "said", "country", "expected"), [
    ("We aim to close this one out by end of wk 46.", "2027-11-08T15:00:00+00:00", "GB", date(2027, 11, 19)),
    ("Wir möchten Ihnen noch vor Ostern Bescheid geben.", "2027-03-22T09:00:00+01:00", "AT-9",
     date(2027, 3, 26)),  # Good Friday is worked in Austria
    ("Wir möchten Ihnen noch vor Ostern Bescheid geben.", "2027-03-22T09:00:00+01:00", "DE-BY",
     date(2027, 3, 25)),
    ("On te revient d'ici la fin de la semaine prochaine.", "2026-06-18T14:00:00-04:00", "CA-QC",
     date(2026, 6, 26)),  # "la fin de la semaine" is its Friday, "la fin de semaine" the weekend
    ("The committee won't reconvene until January, so expect to hear from us mid-January.",
     "2026-12-11T11:00:00-05:00", "US-NY", date(2027, 1, 15)),
    ("We won't decide until January.", "2026-12-11T11:00:00-05:00", "US-NY", earliest(date(2027, 1, 1))),
    ("We'll get back to you by end of next week before Jamhuri Day.", "2027-12-02T14:00:00+03:00", "KE",
     date(2027, 12, 10)),
    ("MLK Day on Monday so things will be slow. Usually we move within a week or so, no promises.",
     "2026-01-16T16:30:00-05:00", "US", None),
    ("Nous vous recontacterons après la Fête nationale.", "2026-06-17T12:00:00+02:00", "LU", date(2026, 6, 24)),
    ("We'll have a final answer for you the Monday after the bank holiday.", "2027-05-26T15:30:00+01:00", "GB",
     date(2027, 6, 7)),
    ("We'd hope to decide well before Christmas, realistically by the 18th.", "2026-12-01T12:00:00+00:00", "IE",
     date(2026, 12, 18)),
    ("I'd told you we'd decide by Thursday, but the manager has resigned, so it's on ice.",
     "2027-06-08T16:00:00-04:00", "CA-ON", None),
    ("Given the Diwali holidays we will connect sometime after Diwali.", "2026-10-20T14:00:00+05:30", "IN", None),
    ("Te llamamos el martes… uy no, el martes es festivo. Mejor el miércoles 13.", "2027-10-07T13:00:00+02:00",
     "ES-MD", date(2027, 10, 13)),
    ("El proceso cierra a finales de junio y ahí te confirmamos.", "2026-06-01T15:00:00-04:00", "CL",
     date(2026, 6, 30)),
    ("El director vuelve de viaje el 7 de enero y a partir de ahí decidimos.", "2026-12-15T10:00:00+01:00", "ES",
     None),  # "from then on" is no "then": the return only, no date by which they decide
    ("Shortlisted candidates will be contacted within ten working days.", "2026-09-28T14:00:00+01:00", "NG",
     date(2026, 10, 13)),  # 1 October, Independence Day, skipped
    ("Pls submit ur latest statement by 31 Aug.", "2026-08-26T16:00:00+08:00", "MY", None),
    ("We'll confirm next steps within five working days. Let me know re: notice period (you mentioned 4 weeks).",
     "2027-08-23T11:00:00+01:00", "GB", date(2027, 8, 31)),  # the late summer bank holiday skipped
])
def test_a_date_and_its_company_on_other_days(text, said, country, expected):
    assert outcome(read_decision_date(text, after=t(said), country=country)) == expected


@pytest.mark.parametrize(("text", "said", "country", "expected"), [
    ("Demain c'est la fête nationale, nous vous recontacterons donc dans les 2 jours ouvrables.",
     "2026-07-20T14:00:00+02:00", "BE", date(2026, 7, 23)),  # 21 July skipped; "donc" glosses nothing
    ("Te avisamos después de las fiestas, todavía no tenemos fecha.", "2026-12-11T10:00:00-04:00", "VE", None),
    ("On reviendra vers toi quelque part après la Toussaint, on n'a pas encore de date précise.",
     "2026-10-20T15:00:00+00:00", "CI", None),
    ("We'll get back to you by the 18th before the office closes for Christmas.", "2026-12-10T09:30:00+03:00", "KE",
     date(2026, 12, 18)),
    ("We're hoping to wrap all interviews by the 18th and make a call by the end of the month.",
     "2027-06-08T13:00:00-06:00", "CA-AB", date(2027, 6, 30)),
    ("Have a great Fourth. We'll reach out after the holiday weekend with next steps.", "2026-07-02T16:00:00-04:00",
     "US", date(2026, 7, 6)),
    ("Results will be communicated after the final round, which is tentatively scheduled on the 12th.",
     "2027-05-31T12:00:00+05:30", "IN", None),  # another round's date only
    ("Tomorrow is Araw ng Kagitingan so we're closed, but expect our email within 3 working days.",
     "2027-04-08T15:00:00+08:00", "PH", date(2027, 4, 14)),
    ("With Diwali this week, we'll confirm by the 3rd of November. Offer letters usually go out a week after that.",
     "2027-10-27T15:00:00+05:30", "IN-DL", date(2027, 11, 3)),
    ("La incorporación sería el 1 de marzo, y necesitamos los documentos antes del 20 de febrero.",
     "2027-01-20T10:00:00+01:00", "ES-CT", None),
    ("Te había dicho el viernes, pero se congeló la búsqueda.", "2026-04-08T16:00:00-03:00", "AR", None),
    ("Le deuxième tour aura lieu le 14 mai ; merci de nous confirmer votre présence d'ici le 30 avril.",
     "2027-04-20T14:00:00+02:00", "LU", None),
])
def test_a_date_and_its_company_in_a_second_development_batch(text, said, country, expected):
    assert outcome(read_decision_date(text, after=t(said), country=country)) == expected
