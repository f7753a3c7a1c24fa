"""French next steps, as recruiters in France, Belgium, Switzerland and Quebec write them:
formal (vous), informal (tu) and in a hurry. Said on Thursday 21 May 2026 unless a phrase says
otherwise: the Monday after is Whit Monday, a public holiday in France."""

from __future__ import annotations

from datetime import date

import pytest

from clinch.core.timeline import read_decision_date
from tests.core.conftest import earliest, outcome, t

THURSDAY = "2026-05-21T14:30:00+02:00"


def read(text, said=THURSDAY, country="FR", language=None):
    return read_decision_date(text, after=t(said), country=country, language=language)


FORMAL = [
    ("Nous reviendrons vers vous d'ici vendredi.", date(2026, 5, 22)),
    ("Nous vous ferons part de notre décision en début de semaine prochaine.", None),
    ("Vous recevrez une réponse sous quinzaine.", date(2026, 6, 4)),  # "sous quinzaine" is a fortnight, as "quinze jours" is
    ("Nous vous répondrons sous huitaine.", date(2026, 5, 28)),  # "sous huitaine" a week, as "huit jours" is
    ("Notre décision vous sera communiquée au plus tard le 5 juin.", date(2026, 6, 5)),
    ("Nous vous recontacterons dans les 10 jours ouvrés.", date(2026, 6, 5)),  # Whit Monday does not count
    ("Le comité se réunit le 2 juin ; nous reviendrons vers vous le lendemain.", date(2026, 6, 3)),
    ("Nous ne prendrons pas de décision avant la mi-juin.", earliest(date(2026, 6, 15))),
    ("Une réponse vous sera apportée fin juin.", date(2026, 6, 30)),
    ("Nous reviendrons vers vous après la Pentecôte.", date(2026, 5, 26)),
    ("Le poste est à pourvoir au 1er septembre ; nous vous donnerons notre réponse d'ici la fin du mois.",
     date(2026, 5, 31)),
    ("Vous aurez de nos nouvelles la semaine du 8 juin.", date(2026, 6, 12)),
    ("Nous espérons pouvoir vous répondre d'ici deux à trois semaines.", date(2026, 6, 11)),
    ("La décision finale sera prise le mardi 2 juin.", date(2026, 6, 2)),
    ("Nous vous contacterons au cours de la semaine prochaine.", None),  # no day to hold them to, as "sometime next week"
    ("Nous reviendrons vers vous peu après le 10 juin.", earliest(date(2026, 6, 15))),  # three working days on
    ("Nous vous donnerons une réponse définitive courant juin.", None),  # no day to hold them to
    ("Le comité a lieu le 3 juin, nous reviendrons vers vous peu après.", earliest(date(2026, 6, 8))),
    ("Nous déciderons deux jours après le 20.", date(2026, 6, 22)),
    ("Le jury se réunit le 4 juin, vous aurez une réponse la semaine suivante.", date(2026, 6, 12)),
]

INFORMAL = [
    ("Je te redis ça demain !", date(2026, 5, 22)),
    ("On te tient au courant d'ici mardi.", date(2026, 5, 26)),
    ("Je reviens vers toi dans 2-3 semaines.", date(2026, 6, 11)),
    ("Je t'envoie la réponse lundi prochain.", date(2026, 5, 25)),
    ("Je te dis ça vendredi prochain, promis.", date(2026, 5, 29)),  # not tomorrow
    ("Dans huit jours max, je te dis.", date(2026, 5, 28)),
    ("On se rappelle après le week-end ?", date(2026, 5, 26)),  # Whit Monday
    ("Je te fais un retour jeudi en huit.", date(2026, 6, 4)),
]

HURRIED = [
    ("Réponse vendredi", date(2026, 5, 22)),
    ("retour S23", date(2026, 6, 5)),
    ("décision le 3/6", date(2026, 6, 3)),
    ("rep sous 48h", date(2026, 5, 23)),
    ("décision mi-juin", date(2026, 6, 15)),
    ("retour semaine pro", date(2026, 5, 29)),
    ("reponse apres le 15 juin", date(2026, 6, 16)),
    ("réponse vendredie", date(2026, 5, 22)),
]

ELSEWHERE = [
    # Belgium
    ("Nous vous donnerons une réponse endéans les quinze jours.", THURSDAY, "BE", date(2026, 6, 4)),
    ("Après la fête nationale, nous vous recontacterons.", "2026-07-10T10:00:00+02:00", "BE", date(2026, 7, 22)),
    ("Nous vous recontacterons dans nonante jours au plus tard.", THURSDAY, "BE", date(2026, 8, 19)),
    # Switzerland
    ("Nous vous répondrons d'ici la fin de la semaine prochaine.", THURSDAY, "CH", date(2026, 5, 29)),
    ("Nous reviendrons vers vous après le Jeûne fédéral.", "2026-09-10T10:00:00+02:00", "CH-VD", date(2026, 9, 22)),
    # Quebec
    ("Après l'Action de grâce, on vous revient avec une réponse.", "2026-10-01T10:00:00-04:00", "CA", date(2026, 10, 13)),
    ("On vous donne des nouvelles après la Saint-Jean.", "2026-06-15T10:00:00-04:00", "CA-QC", date(2026, 6, 25)),
    ("On vous revient d'ici deux semaines.", THURSDAY, "CA", date(2026, 6, 4)),
    ("On vous revient après la fête du Travail.", "2026-08-25T10:00:00-04:00", "CA-QC", date(2026, 9, 8)),
    ("On vous revient après les Fêtes.", "2026-12-10T10:00:00-05:00", "CA-QC", date(2027, 1, 4)),
    ("On vous revient après la longue fin de semaine.", "2026-05-12T10:00:00-04:00", "CA-QC", date(2026, 5, 19)),
    ("Nous reviendrons vers vous avant le pont de l'Ascension.", "2026-05-06T10:00:00+02:00", "FR", date(2026, 5, 13)),
]

NO_DATE = [
    "Nous reviendrons vers vous prochainement.",
    "Merci pour l'entretien de ce matin.",
    "Bonnes fêtes de fin d'année !",
    "N'hésitez pas à m'écrire ce week-end si vous avez des questions.",
    "La prise de poste est prévue le 1er septembre.",
    "Nous nous sommes rencontrés mardi dernier.",
    "Je travaille dans l'entreprise depuis trois ans.",
    "Le poste a été publié il y a deux semaines.",
    "On vous revient dès que possible.",
    "Bon week-end !",
    "Merci de nous envoyer vos documents d'ici lundi.",
    "Nous voyons encore trois candidats la semaine prochaine.",
    "Je suis absente jusqu'au 3 juin.",
]


@pytest.mark.parametrize(("text", "expected"), FORMAL + INFORMAL + HURRIED)
def test_it_reads_french_in_every_register(text, expected):
    reading = read(text)
    assert (outcome(reading), reading.language) == (expected, "fr")


@pytest.mark.parametrize(("text", "said", "country", "expected"), ELSEWHERE)
def test_it_reads_belgian_swiss_and_canadian_french(text, said, country, expected):
    assert outcome(read(text, said, country=country)) == expected


@pytest.mark.parametrize("text", NO_DATE)
def test_french_without_a_decision_date_gives_none(text):
    reading = read(text)
    assert reading.date is None and reading.language == "fr"


def test_the_weekend_is_la_fin_de_semaine_in_canada_and_the_friday_in_france():
    assert read("On vous revient en fin de semaine.", country="CA").date == date(2026, 5, 24)
    assert read("Nous vous répondrons en fin de semaine.", country="FR").date == date(2026, 5, 22)
