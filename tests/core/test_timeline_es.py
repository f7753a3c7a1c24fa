"""Spanish next steps, as recruiters in Spain, Mexico and Argentina write them: formal (usted),
informal (tú, vos) and in a hurry. Said on Thursday 21 May 2026 unless a phrase says otherwise
(in Argentina, Monday 25 May is a public holiday)."""

from __future__ import annotations

from datetime import date

import pytest

from clinch.core.timeline import read_decision_date
from tests.core.conftest import earliest, outcome, t

THURSDAY = "2026-05-21T14:30:00+02:00"


def read(text, said=THURSDAY, country="ES", language=None):
    return read_decision_date(text, after=t(said), country=country, language=language)


FORMAL = [
    ("Le comunicaremos nuestra decisión el próximo viernes.", date(2026, 5, 29)),  # not tomorrow
    ("Nos pondremos en contacto con usted antes del 5 de junio.", date(2026, 6, 4)),
    ("Recibirá una respuesta en un plazo máximo de diez días hábiles.", date(2026, 6, 4)),
    ("Le daremos una respuesta a mediados de junio.", date(2026, 6, 15)),
    ("Le informaremos a finales de la semana que viene.", date(2026, 5, 29)),
    ("No tomaremos una decisión antes del día 10.", earliest(date(2026, 6, 10))),
    ("La incorporación sería el 1 de septiembre; la decisión la tendremos a finales de mes.", date(2026, 5, 31)),
    ("Le contestaremos en la semana 24.", date(2026, 6, 12)),
    ("Esperamos tener una respuesta para usted en dos o tres semanas.", date(2026, 6, 11)),
    ("Le confirmaremos la decisión a principios del mes que viene.", None),
    ("Le escribiremos el lunes 1 de junio con la respuesta.", date(2026, 6, 1)),
    ("La decisión se tomará en la primera quincena de junio.", date(2026, 6, 15)),
    ("Le avisaremos poco después del 10 de junio.", earliest(date(2026, 6, 15))),
    ("El comité se reúne el 3 de junio y te avisamos poco después.", earliest(date(2026, 6, 8))),
    ("El proceso se cierra el 30 de mayo y decidimos la semana siguiente.", date(2026, 6, 5)),
    ("En una semana y media te aviso.", date(2026, 6, 1)),
    ("Decidiremos dos días después del 20.", date(2026, 6, 22)),
    ("Esta semana o la próxima te digo.", date(2026, 5, 29)),
]

INFORMAL = [
    ("Te digo algo mañana.", date(2026, 5, 22)),
    ("Te escribo la semana que viene.", date(2026, 5, 29)),
    ("Te avisamos en un par de semanas.", None),
    ("Te contesto el lunes.", date(2026, 5, 25)),
    ("Hablamos el martes de la semana que viene.", date(2026, 5, 26)),
    ("Mañana o pasado te confirmo.", date(2026, 5, 23)),
    ("Te cuento a principios de la semana que viene, ¿vale?", None),
    ("Dame unos días y te digo.", None),
    ("Te escribo el viernes que viene sin falta.", date(2026, 5, 29)),
]

HURRIED = [
    ("resp. el vie", date(2026, 5, 22)),
    ("decisión 5/6", date(2026, 6, 5)),
    ("en 15 días", date(2026, 6, 4)),
    ("prox semana te aviso", date(2026, 5, 29)),
    ("para el 12", date(2026, 6, 12)),
    ("respuesta el miercoles", date(2026, 5, 27)),
    ("decision despues del 15 de junio", date(2026, 6, 16)),
    ("feedback en 8 días", date(2026, 5, 28)),
]

SPAIN = [
    ("Después de Semana Santa le daremos una respuesta.", "2026-03-20T10:00:00+01:00", "ES", date(2026, 4, 6)),
    ("Antes de Semana Santa le decimos algo.", "2026-03-20T10:00:00+01:00", "ES", date(2026, 4, 1)),
    ("Después de Reyes te contamos.", "2026-12-15T10:00:00+01:00", "ES", date(2027, 1, 7)),
    ("Pasadas las fiestas os damos una respuesta.", "2026-12-15T10:00:00+01:00", "ES", date(2027, 1, 7)),
    ("Después del puente de diciembre le llamamos.", "2026-11-30T10:00:00+01:00", "ES-MD", date(2026, 12, 9)),
    ("Le respondemos antes de fin de año.", "2026-11-30T10:00:00+01:00", "ES", date(2026, 12, 31)),
    ("Antes del puente de mayo te confirmo.", "2026-04-20T10:00:00+02:00", "ES", date(2026, 4, 30)),
    ("Te confirmo a más tardar el 18, antes de las fiestas.", "2026-12-10T10:00:00+01:00", "ES", date(2026, 12, 18)),
]

MEXICO = [
    ("Le marcamos la semana entrante.", THURSDAY, date(2026, 5, 29)),
    ("Le respondemos la semana que entra.", THURSDAY, date(2026, 5, 29)),
    ("Le confirmamos después del 16 de septiembre.", "2026-09-01T10:00:00-06:00", date(2026, 9, 17)),
    ("Te aviso el lunes 25.", THURSDAY, date(2026, 5, 25)),
    ("Nos comunicamos con usted a más tardar el viernes 29.", THURSDAY, date(2026, 5, 29)),
    ("Después del puente te digo.", "2026-11-10T10:00:00-06:00", date(2026, 11, 17)),
    ("Le damos respuesta después del Día de Muertos.", "2026-10-20T10:00:00-06:00", date(2026, 11, 3)),
]

ARGENTINA = [
    ("Te escribimos la semana que viene, después del feriado.", THURSDAY, date(2026, 5, 29)),
    ("Te contestamos a fin de mes.", THURSDAY, date(2026, 5, 31)),
    ("Te confirmo el 2 de setiembre.", THURSDAY, date(2026, 9, 2)),
    ("Después del finde largo te aviso.", THURSDAY, date(2026, 5, 26)),
    ("Te avisamos el martes, así que quedate tranquilo.", THURSDAY, date(2026, 5, 26)),
    ("Te aviso pasando el puente.", "2026-05-19T10:00:00-03:00", date(2026, 5, 26)),
]

NO_DATE = [
    "Nos pondremos en contacto con usted a la brevedad.",
    "Gracias por la entrevista de hoy.",
    "¡Felices fiestas!",
    "Escríbeme el fin de semana si tienes dudas.",
    "La fecha de incorporación sería el 1 de julio.",
    "Ahorita no sé, te aviso.",
    "Hace dos semanas publicamos la vacante.",
    "Trabajo en la empresa desde hace tres años.",
    "El equipo va a la oficina dos días a la semana.",
    "¡Buen fin de semana!",
    "Envíanos tu CV actualizado antes del lunes.",
    "Esta semana entrevistamos a otros dos candidatos.",
    "Estoy fuera de la oficina hasta el 2 de junio.",
]


@pytest.mark.parametrize(("text", "expected"), FORMAL + INFORMAL + HURRIED)
def test_it_reads_spanish_in_every_register(text, expected):
    reading = read(text)
    assert (outcome(reading), reading.language) == (expected, "es")


@pytest.mark.parametrize(("text", "said", "country", "expected"), SPAIN)
def test_it_reads_spains_holidays(text, said, country, expected):
    assert outcome(read(text, said, country=country)) == expected


@pytest.mark.parametrize(("text", "said", "expected"), MEXICO)
def test_it_reads_mexican_spanish(text, said, expected):
    assert outcome(read(text, said, country="MX")) == expected


@pytest.mark.parametrize(("text", "said", "expected"), ARGENTINA)
def test_it_reads_argentine_spanish(text, said, expected):
    assert outcome(read(text, said, country="AR")) == expected


@pytest.mark.parametrize("text", NO_DATE)
def test_spanish_without_a_decision_date_gives_none(text):
    reading = read(text)
    assert reading.date is None and reading.language == "es"
