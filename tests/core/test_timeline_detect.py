"""Which language a phrase is read in: from the text itself, else the interview's or user's setting."""

from __future__ import annotations

from datetime import date

import pytest

from clinch.core.timeline import read_decision_date
from tests.core.conftest import t

THURSDAY = t("2026-05-21T14:30:00+02:00")


def read(text, language=None, country="DE"):
    return read_decision_date(text, after=THURSDAY, country=country, language=language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("We'll get back to you by Friday.", "en"),
        ("Wir melden uns bis Freitag.", "de"),
        ("bis Freitag", "de"),
        ("Nous reviendrons vers vous d'ici vendredi.", "fr"),
        ("d'ici vendredi", "fr"),
        ("Te avisamos el viernes.", "es"),
        ("el viernes", "es"),
        ("Rückmeldung KW 23", "de"),
        ("réponse sous 48h", "fr"),
        ("¿Te parece el lunes?", "es"),
        ("naechste woche", "de"),
        ("proxima semana", "es"),
    ],
)
def test_the_language_is_read_from_the_text(text, language):
    assert read(text).language == language


@pytest.mark.parametrize("setting", ["en", "de", "fr", "es"])
def test_the_text_outweighs_the_setting(setting):
    assert read("Nous reviendrons vers vous d'ici vendredi.", language=setting).language == "fr"


def test_a_text_that_does_not_say_is_read_in_the_settings_language():
    assert read("15.06.", language="de").language == "de"
    assert read("15.06.", language="es").language == "es"
    assert read("15.06.", language="fr").date == date(2026, 6, 15)
    assert read("Mai", language="fr").language == "fr"  # German and French share the word
    assert read("15.06.").language == "en"  # no setting: English


def test_the_candidates_english_notes_on_a_german_interview_are_read_as_english():
    reading = read("They said they'd decide by the end of next week.", language="de")
    assert (reading.language, reading.date) == ("en", date(2026, 5, 29))


def test_a_german_quote_inside_english_notes_is_still_read():
    reading = read('HR said: "Wir melden uns bis Ende nächster Woche."', language="en")
    assert (reading.date, reading.language) == (date(2026, 5, 29), "de")


def test_an_unknown_language_setting_is_refused():
    with pytest.raises(ValueError, match="language"):
        read("by Friday", language="it")
