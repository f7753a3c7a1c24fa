"""Every language's reader takes time in step with the text (doubling the text about doubles the
time), and reads no more than the engine's limit: the same bounds as the English reader's
(tests/core/test_bounds.py, whose measuring this reuses)."""

from __future__ import annotations

from datetime import date

import pytest

from clinch.core import limits, timeline
from tests.core.test_bounds import AFTER, _cpu_seconds, assert_linear, unlimited  # noqa: F401 (a fixture)

# What an attacker would repeat, per language: each unit makes one of the reader's steps look around.
UNITS = {
    "de": ["Wir melden uns bis Freitag, spätestens Ende nächster Woche nach Pfingsten am 12. ", "am 15. ",
           "nächste Woche, Dienstag ", "vor zwei Wochen ", "in 2-3 Wochen ", "nicht vor dem 3. "],
    "fr": ["Nous reviendrons vers vous d'ici vendredi, au plus tard fin de semaine prochaine après la Toussaint le 12 ",
           "le 12 ", "dans 2-3 semaines ", "il y a deux semaines ", "la semaine prochaine, mardi ", "pas avant le 3 "],
    "es": ["Te avisamos el viernes, a más tardar a finales de la semana que viene después de Semana Santa el 12 ",
           "el 12 ", "hace dos semanas ", "en 2-3 semanas ", "la semana que viene, el martes ", "no antes del 3 "],
    "mixed": ["bis Freitag d'ici vendredi el viernes by Friday ", "Wir melden uns. Nous reviendrons. Te avisamos. "],
}
CASES = [(language, unit) for language, units in UNITS.items() for unit in units]


def read(text: str):
    return timeline.read_decision_date(text, after=AFTER, country="DE")


@pytest.mark.parametrize(("language", "unit"), CASES)
def test_reading_any_language_takes_time_in_step_with_the_text(language, unit, unlimited):
    assert_linear(read, unit, 8_000)


@pytest.mark.parametrize("language", ["de", "fr", "es"])
def test_each_reader_reads_only_the_first_characters_of_a_long_text(language):
    unit = UNITS[language][0]
    at_limit = min(_cpu_seconds(read, unit, limits.READ_DATE_CHARS) for _ in range(3))
    far_past = min(_cpu_seconds(read, unit, 100 * limits.READ_DATE_CHARS) for _ in range(3))
    assert far_past < 3 * at_limit + 0.05
    tail = {"de": "Wir melden uns bis Freitag.", "fr": "Réponse d'ici vendredi.", "es": "Te avisamos el viernes."}
    assert read("x " * limits.READ_DATE_CHARS + tail[language]).date is None  # past the limit: not read
    assert read(tail[language] + " x" * limits.READ_DATE_CHARS).date == date(2026, 5, 22)
