"""German next steps, as recruiters in Germany, Austria and Switzerland write them: formal (Sie),
informal (du) and in a hurry. Said on Thursday 21 May 2026 unless a phrase says otherwise: the
Monday after is Whit Monday, and 4 June is Corpus Christi in North Rhine-Westphalia (DE alone)."""

from __future__ import annotations

from datetime import date

import pytest

from clinch.core.timeline import read_decision_date
from tests.core.conftest import earliest, outcome, t

THURSDAY = "2026-05-21T14:30:00+02:00"


def read(text, said=THURSDAY, country="DE", language=None):
    return read_decision_date(text, after=t(said), tz="Europe/Berlin", country=country, language=language)


FORMAL = [
    ("Wir werden uns bis spätestens Freitag bei Ihnen melden.", date(2026, 5, 22)),
    ("Sie erhalten unsere Rückmeldung voraussichtlich Anfang nächster Woche.", None),
    ("Wir melden uns innerhalb der nächsten zwei Wochen bei Ihnen.", date(2026, 6, 4)),
    ("Eine Entscheidung fällt voraussichtlich Mitte Juni.", date(2026, 6, 15)),
    ("Mit einer Rückmeldung können Sie bis Ende des Monats rechnen.", date(2026, 5, 31)),
    ("Wir geben Ihnen bis zum 12. Juni Bescheid.", date(2026, 6, 12)),
    ("Die Entscheidung treffen wir in der KW 24.", date(2026, 6, 12)),
    ("Bitte rechnen Sie mit einer Antwort innerhalb von 10 Werktagen.", date(2026, 6, 8)),  # Whit Monday, Corpus Christi
    ("Wir melden uns nach Pfingsten bei Ihnen.", date(2026, 5, 26)),
    ("Wir melden uns am Dienstag nach Pfingsten.", date(2026, 5, 26)),
    ("Sie hören bis Ende Juni von uns.", date(2026, 6, 30)),
    ("Wir entscheiden nicht vor dem 15. Juni.", earliest(date(2026, 6, 15))),
    ("Frühestens Mitte nächster Woche können wir Ihnen etwas sagen.", earliest(date(2026, 5, 27))),
    ("Die Gespräche laufen noch bis zum 29. Mai, danach melden wir uns umgehend.", date(2026, 6, 1)),
    ("Wir haben am Montag mit dem Team gesprochen und entscheiden bis Mittwoch.", date(2026, 5, 27)),
    ("Der Arbeitsbeginn wäre der 1. September; die Entscheidung fällt bis Ende Mai.", date(2026, 5, 31)),
    ("Wir möchten Ihnen spätestens am Freitag, den 29. Mai, eine Rückmeldung geben.", date(2026, 5, 29)),
    ("Die finale Entscheidung erwarten wir in etwa drei Wochen.", None),  # "etwa": approximate, no date to hold them to
    ("Die Entscheidung wird bis Ende des nächsten Monats getroffen.", date(2026, 6, 30)),
    ("Wir melden uns im Laufe der nächsten Woche.", None),  # no day to hold them to, as "sometime next week"
    ("Eine Zusage oder Absage erhalten Sie bis zum 05.06.2026.", date(2026, 6, 5)),
    ("Wir melden uns kurz nach Fronleichnam.", earliest(date(2026, 6, 9))),  # three working days after the holiday
    ("Unsere Entscheidung teilen wir Ihnen in der ersten Juniwoche mit.", date(2026, 6, 5)),
    ("Wir werden Ihnen voraussichtlich in der zweiten Junihälfte Bescheid geben.", date(2026, 6, 30)),
    ("Die Sitzung ist am 3. Juni, kurz danach melden wir uns.", earliest(date(2026, 6, 9))),  # Corpus Christi on the 4th
    ("Die Rückmeldung kommt übernächsten Freitag.", date(2026, 6, 5)),
    ("Wir entscheiden zwei Tage nach dem 20. Juni.", date(2026, 6, 22)),
    ("Wir melden uns diese oder nächste Woche.", date(2026, 5, 29)),
    ("Bis zum 29. Mai spätestens, eher aber nach Pfingsten.", date(2026, 5, 29)),
]

INFORMAL = [
    ("Ich melde mich nächste Woche bei dir!", date(2026, 5, 29)),
    ("Wir sagen dir bis Mittwoch Bescheid.", date(2026, 5, 27)),
    ("Du hörst spätestens übermorgen von mir.", date(2026, 5, 23)),
    ("Gib mir noch ein paar Tage, dann weiß ich mehr.", None),
    ("Meld mich morgen oder übermorgen.", date(2026, 5, 23)),
    ("Ich ruf dich Freitag nächster Woche an.", date(2026, 5, 29)),
    ("In zwei bis drei Wochen sollten wir durch sein.", date(2026, 6, 11)),
    ("Ich schreib dir übernächste Woche, versprochen.", date(2026, 6, 5)),
    ("Sag dir am Wochenende Bescheid.", date(2026, 5, 24)),
    ("Melde mich nächste Woche Mittwoch.", date(2026, 5, 27)),
]

HURRIED = [
    ("Rückmeldung bis Mi.", date(2026, 5, 27)),
    ("Entscheidung KW23", date(2026, 6, 5)),
    ("Rückmeldung bis Mitte KW 23", date(2026, 6, 3)),
    ("bis 5.6.", date(2026, 6, 5)),
    ("naechste woche", date(2026, 5, 29)),
    ("Feedback Anfang Juni", None),
    ("in 14 Tagen", date(2026, 6, 4)),
    ("in 8 Tagen", date(2026, 5, 28)),
    ("Entscheidung Ende naechster Woche", date(2026, 5, 29)),
    ("Feedback bis Freitga", date(2026, 5, 22)),
    ("Antwort bis spaetestens 12.6.", date(2026, 6, 12)),
]

AUSTRIA = [
    ("Wir melden uns Mitte Jänner.", "2026-12-10T10:00:00+01:00", date(2027, 1, 15)),
    ("Nach dem Nationalfeiertag bekommen Sie Bescheid.", "2026-10-20T10:00:00+02:00", date(2026, 10, 27)),
    ("Bis Ende Feber wissen wir mehr.", "2026-12-10T10:00:00+01:00", date(2027, 2, 28)),
    ("Heuer wird das nichts mehr, wir melden uns im Jänner.", "2026-12-10T10:00:00+01:00", date(2027, 1, 31)),
    ("Wir entscheiden nach Maria Empfängnis.", "2026-12-01T10:00:00+01:00", date(2026, 12, 9)),
    # Christmas Eve is no public holiday: the last working day before Christmas.
    ("Vor Weihnachten geben wir Ihnen noch Bescheid.", "2026-12-10T10:00:00+01:00", date(2026, 12, 24)),
    ("Wir melden uns direkt nach Ostern.", "2026-03-31T10:00:00+02:00", date(2026, 4, 7)),
    ("Wir melden uns nach den Feiertagen.", "2026-12-15T10:00:00+01:00", date(2027, 1, 4)),
]

SWITZERLAND = [
    ("Wir geben Ihnen bis Ende Woche Bescheid.", THURSDAY, date(2026, 5, 22)),
    ("Nach Auffahrt melden wir uns.", "2026-05-08T10:00:00+02:00", date(2026, 5, 15)),
    ("Anfangs nächster Woche erhalten Sie unseren Entscheid.", THURSDAY, None),
    ("Wir melden uns bis am Freitag.", THURSDAY, date(2026, 5, 22)),
    ("Bis Ende Monat haben Sie einen Bescheid.", THURSDAY, date(2026, 5, 31)),
    ("Nach dem Bundesfeiertag melden wir uns wieder.", "2026-07-20T10:00:00+02:00", date(2026, 8, 3)),
    ("Die Entscheidung fällt anschliessend an die Sitzung vom 2. Juni.", THURSDAY, date(2026, 6, 2)),
]

NO_DATE = [
    "Wir melden uns zeitnah bei Ihnen.",
    "Vielen Dank für das nette Gespräch heute!",
    "Frohe Ostern und bis bald!",
    "Melden Sie sich gerne jederzeit, auch am Wochenende.",
    "Der Start wäre am 1. Oktober.",
    "Wir haben uns letzte Woche am Dienstag getroffen.",
    "Ich bin seit drei Jahren im Unternehmen.",
    "Das Team arbeitet zwei Tage pro Woche im Büro.",
    "Die Stelle wurde vor zwei Wochen ausgeschrieben.",
    "Schönes Wochenende!",
    "Die Vorstellungsgespräche mit den anderen Kandidaten finden nächste Woche statt.",
    "Bitte schicken Sie uns Ihre Unterlagen bis Freitag.",
    "Ich bin bis zum 10. Juni im Urlaub.",
]


@pytest.mark.parametrize(("text", "expected"), FORMAL + INFORMAL + HURRIED)
def test_it_reads_german_in_every_register(text, expected):
    reading = read(text)
    assert (outcome(reading), reading.language) == (expected, "de")


@pytest.mark.parametrize(("text", "said", "expected"), AUSTRIA)
def test_it_reads_austrian_german_with_austrias_holidays(text, said, expected):
    assert outcome(read(text, said, country="AT")) == expected


@pytest.mark.parametrize(("text", "said", "expected"), SWITZERLAND)
def test_it_reads_swiss_german_with_zurichs_holidays(text, said, expected):
    assert outcome(read(text, said, country="CH")) == expected


@pytest.mark.parametrize("text", NO_DATE)
def test_german_without_a_decision_date_gives_none(text):
    reading = read(text)
    assert reading.date is None and reading.language == "de"


def test_the_regions_calendar_decides_the_working_days():
    # Corpus Christi (4 June) is a holiday in Bavaria and North Rhine-Westphalia, not in Berlin.
    assert read("Antwort innerhalb von 10 Werktagen.", country="DE-BE").date == date(2026, 6, 5)
    assert read("Antwort innerhalb von 10 Werktagen.", country="DE-BY").date == date(2026, 6, 8)


def test_the_matched_words_are_the_originals():
    reading = read("Wir melden uns spätestens Ende nächster Woche bei Ihnen.")
    assert reading.matched == "spätestens Ende nächster Woche"
