"""French (France, Belgium, Switzerland, Canada): its words and its patterns.

Belgian and Swiss numbers ("septante", "huitante", "nonante", "endéans") and Canadian usage
("la fin de semaine" is the weekend in Canada, "on vous revient", "l'Action de grâce", "la
Saint-Jean") are part of the one lexicon; a holiday kept in only some countries says so.
"""

from __future__ import annotations

from clinch.core import calendar as cal
from clinch.core.timeline import resolution as r
from clinch.core.timeline.lexicon import Holiday, Lexicon, alt, month_regex, unaccented

MONTHS = {
    "janvier": 1, "janv": 1, "février": 2, "févr": 2, "fév": 2, "mars": 3, "avril": 4, "avr": 4, "mai": 5, "juin": 6,
    "juillet": 7, "juil": 7, "août": 8, "septembre": 9, "octobre": 10, "oct": 10, "novembre": 11, "nov": 11,
    "décembre": 12, "déc": 12,
}
WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}
WEEKDAYS_SHORT = {"lun": 0, "mer": 2, "jeu": 3, "ven": 4}
_BASE = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
         "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
         "dix-sept": 17, "dix-huit": 18, "dix-neuf": 19, "vingt": 20, "vingt et un": 21, "vingt-et-un": 21,
         "vingt-deux": 22, "vingt-cinq": 25, "trente": 30, "quarante": 40, "quarante-cinq": 45, "cinquante": 50,
         "soixante": 60, "soixante-dix": 70, "septante": 70, "quatre-vingts": 80, "huitante": 80, "octante": 80,
         "quatre-vingt-dix": 90, "nonante": 90, "quelques": 3, "plusieurs": 3, "une paire de": 2,
         "une dizaine de": 10, "une quinzaine de": 15, "une huitaine de": 8, "une vingtaine de": 20,
         "une trentaine de": 30}
NUMBERS = {**_BASE, **{k.replace("-", " "): v for k, v in _BASE.items()}}
VAGUE_NUMBERS = frozenset({"quelques", "plusieurs", "une paire de", "une dizaine de", "une quinzaine de",
                           "une huitaine de", "une vingtaine de", "une trentaine de"})
ORDINALS = {"premier": 1, "1er": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
            "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
            "vingt": 20, "trente": 30}

WORDS = {
    "d'ici": "by", "d'ici le": "by", "d'ici au": "by", "d'ici à": "by", "au plus tard": "by", "au plus tard le": "by",
    "pour le": "by", "jusqu'au": "by", "jusqu'à": "by", "avant": "before", "avant le": "before", "avant la": "before",
    "avant fin": "before", "après": "after", "après le": "after", "le": "on", "au": "on", "du": "on",
    "à partir du": "from", "à compter du": "from", "dès le": "from", "dès": "from", "au plus tôt le": "from",
    "pas avant le": "from", "vers le": "around", "aux alentours du": "around", "en": "in", "dans": "in",
    "courant": "in", "au cours de": "in", "au mois de": "in", "pendant": "during", "durant": "during",
    "sous": "within", "endéans": "within",
    "prochain": "next", "prochaine": "next", "prochains": "next", "prochaines": "next", "suivant": "following",
    "suivante": "following", "qui vient": "coming", "ce": "this", "cette": "this",
    "semaine": "week", "semaines": "weeks", "mois": "months", "an": "year", "ans": "years", "année": "year",
    "années": "years", "jour": "day", "jours": "days", "journée": "day", "heure": "hour", "heures": "hours",
    "h": "hours", "heures ouvrées": "business hours", "h ouvrées": "business hours", "heures ouvrables": "business hours",
    "h ouvrables": "business hours", "jours ouvrés": "business days", "jours ouvrables": "business days", "jour ouvré": "business day",
    "jour ouvrable": "business day", "jours de travail": "business days", "jours travaillés": "business days",
    "quinzaine": "fortnight", "huitaine": "week", "trimestre": "quarter", "lendemain": "day",
    "début": "early", "au début": "early", "en début": "early", "milieu": "mid", "au milieu": "mid", "mi": "mid",
    "à la mi": "mid", "fin": "end", "en fin": "end", "à la fin": "end", "courant de": "end", "dans le courant": "end",
    "la première semaine": "first week", "première semaine": "first week", "la deuxième semaine": "second week",
    "deuxième semaine": "second week", "la seconde semaine": "second week", "la troisième semaine": "third week",
    "la dernière semaine": "end", "la première quinzaine": "first half", "première quinzaine": "first half",
    "la deuxième quinzaine": "second half", "deuxième quinzaine": "second half", "la seconde quinzaine": "second half",
    "premier": "first", "deuxième": "second", "second": "second", "troisième": "third", "quatrième": "fourth",
    "1er": "first", "2e": "second", "3e": "third", "4e": "fourth", "2ème": "second", "3ème": "third",
    "4ème": "fourth", "t1": "q1", "t2": "q2", "t3": "q3", "t4": "q4",
    "la semaine prochaine": "next", "semaine prochaine": "next", "la semaine suivante": "next",
    "semaine suivante": "next", "la semaine d'après": "next", "la semaine qui vient": "next",
    "cette semaine": "this", "la semaine": "this", "la semaine en cours": "this", "semaine en cours": "this",
    "la semaine après la prochaine": "after next", "dans deux semaines": "after next",
    "de la semaine prochaine": "next week", "de la semaine suivante": "next week", "de cette semaine": "this week",
    "le mois prochain": "next month", "mois prochain": "next month", "du mois prochain": "next month",
    "ce mois-ci": "this month", "ce mois": "this month", "de ce mois": "this month", "du mois": "the month",
    "mois en cours": "this month", "du mois en cours": "this month",
    "le trimestre prochain": "next quarter", "prochain trimestre": "next quarter", "trimestre prochain": "next quarter",
    "ce trimestre": "this quarter", "du trimestre": "the quarter", "le trimestre": "the quarter",
    "aujourd'hui": "today", "demain": "tomorrow", "après-demain": "day after tomorrow",
    "après demain": "day after tomorrow", "demain ou après-demain": "tomorrow or the day after",
    "week-end": "weekend", "weekend": "weekend", "le week-end prochain": "next weekend",
    "le weekend prochain": "next weekend", "week-end prochain": "next weekend",
}

_FETES = {
    "pâques": Holiday(easter=0), "le week-end de pâques": Holiday(easter=-2, days=3),
    "lundi de pâques": Holiday(easter=1), "vendredi saint": Holiday(easter=-2), "jeudi saint": Holiday(easter=-3),
    "l'ascension": Holiday(easter=39), "ascension": Holiday(easter=39), "pont de l'ascension": Holiday(easter=39, days=4),
    "le pont de l'ascension": Holiday(easter=39, days=4), "pentecôte": Holiday(easter=49),
    "la pentecôte": Holiday(easter=49), "lundi de pentecôte": Holiday(easter=50), "la toussaint": Holiday(month=11, day=1),
    "toussaint": Holiday(month=11, day=1), "noël": Holiday(month=12, day=25), "réveillon": Holiday(month=12, day=24),
    "la saint-sylvestre": Holiday(month=12, day=31), "saint-sylvestre": Holiday(month=12, day=31),
    "jour de l'an": Holiday(month=1, day=1), "le jour de l'an": Holiday(month=1, day=1),
    "nouvel an": Holiday(month=1, day=1), "le nouvel an": Holiday(month=1, day=1),
    "nouvel an": Holiday(month=1, day=1), "l'épiphanie": Holiday(month=1, day=6),
    "l'assomption": Holiday(month=8, day=15), "assomption": Holiday(month=8, day=15),
    "l'armistice": Holiday(month=11, day=11), "armistice": Holiday(month=11, day=11),
    "fête du travail": (Holiday(month=9, weekday=0, n=1, countries=frozenset({"CA"})), Holiday(month=5, day=1)),
    "la fête du travail": (Holiday(month=9, weekday=0, n=1, countries=frozenset({"CA"})), Holiday(month=5, day=1)),
    "fête nationale": (Holiday(month=7, day=21, countries=frozenset({"BE"})),
                       Holiday(month=8, day=1, countries=frozenset({"CH"})),
                       Holiday(month=6, day=24, countries=frozenset({"CA"})),
                       Holiday(month=6, day=23, countries=frozenset({"LU"})),
                       Holiday(month=7, day=14, countries=frozenset({"FR"}))),  # elsewhere: the calendar's own
    "la fête nationale": (Holiday(month=7, day=21, countries=frozenset({"BE"})),
                          Holiday(month=8, day=1, countries=frozenset({"CH"})),
                          Holiday(month=6, day=24, countries=frozenset({"CA"})),
                       Holiday(month=6, day=23, countries=frozenset({"LU"})),
                       Holiday(month=7, day=14, countries=frozenset({"FR"}))),  # elsewhere: the calendar's own
    "saint-jean": Holiday(month=6, day=24), "la saint-jean": Holiday(month=6, day=24),
    "saint-jean-baptiste": Holiday(month=6, day=24), "la saint-jean-baptiste": Holiday(month=6, day=24),
    "fête du canada": Holiday(month=7, day=1), "la fête du canada": Holiday(month=7, day=1),
    "action de grâce": Holiday(month=10, weekday=0, n=2), "l'action de grâce": Holiday(month=10, weekday=0, n=2),
    "action de grâces": Holiday(month=10, weekday=0, n=2), "l'action de grâces": Holiday(month=10, weekday=0, n=2),
    "fête de la reine": Holiday(names=("victoria day",)), "journée nationale des patriotes": Holiday(names=("victoria day",)),
    "fête des patriotes": Holiday(names=("victoria day",)), "jeûne fédéral": Holiday(month=9, weekday=6, n=3, days=2),
    "halloween": Holiday(month=10, day=31), "la saint-valentin": Holiday(month=2, day=14),
    "jeûne genevois": Holiday(names=("genevan fast",)), "le jeûne genevois": Holiday(names=("genevan fast",)),
    "la restauration": Holiday(names=("restoration day",)), "restauration de la république": Holiday(names=("restoration day",)),
}
_TYPO_TARGETS = (*WEEKDAYS, "janvier", "février", "avril", "juillet", "septembre", "octobre", "novembre", "décembre",
                 "semaine", "semaines", "prochaine", "prochain", "demain", "aujourd'hui", "quinzaine", "ouvrés",
                 "ouvré", "ouvrables", "ouvrable", "trimestre")
_SHORTHAND = {"auj": "aujourd'hui", "ajd": "aujourd'hui", "dmain": "demain", "sem": "semaine", "proch": "prochaine",
              "pro": "prochaine", "prochaine.": "prochaine", "vendredie": "vendredi", "mercedi": "mercredi",
              "mecredi": "mercredi", "smaine": "semaine", "semianes": "semaines", "asap": "asap", "rdv": "rendez-vous",
              "wk": "week-end", "we": "week-end", "w-e": "week-end", "j+2": "après-demain"}

_FUTURE = (
    r"\b(?:allons|allez|va|vais|vont|sera|serez|serons|seront|aurez|aurons|aura|auront|devrions|devrait|devriez|"
    r"pensons|prévoyons|prévu|prévue|espérons|comptons|décid\w*|décision|reviendr\w*|revien\w*|revenir|répon\w*|"
    r"retour|nouvelles|confirm\w*|d'ici|avant|prochain\w*|bientôt|probablement|sans\s+doute|normalement|offre|"
    r"informer\w*|tiendr\w*|contacter\w*)\b|\b[\wà-ÿ]+(?:rons|rez|ront)\b"
)
_PAST = (
    r"\b(?:était|étaient|avons\s+(?:eu|parlé|discuté|rencontré|échangé)|avez\s+(?:eu|passé)|a\s+eu|ai\s+(?:eu|parlé)|"
    r"hier|avant-hier|dernier|dernière|passée?|il\s+y\s+a|parlé|rencontré|discuté|échangé|publiée?|commencé|"
    r"ouvert|eu\s+lieu)\b"
)
_DECISION = (
    r"\b(?:décid\w*|décision\w*|revien\w*|reviendr\w*|revenir|répon\w*|retour|nouvelles|confirm\w*|offre|"
    r"proposition|résultat\w*|informer\w*|(?:te|vous)\s+(?:re)?di(?:t|re|rons|ra|sons)|faire?\s+signe|fait\s+signe|tiendr\w*|tiens|tient|tenons|tenir|contacter\w*|recontacter\w*|rappel\w*|fixée?s?|feedback|verdict|choix|suite)\b"
)
_NOT_DECISION = (
    r"\b(?:entretiens?|tours?|rencontr\w*|candidat(?:e|s|es)?|"
    r"réunion\w*|comités?|se\s+réunit|visite\s+médicale|congés?|vacances|absente?|en\s+déplacement|budget\w*|exercice|"
    r"candidatures?|publication|fait\s+le\s+point|faire\s+le\s+point|en\s+équipe|fermée?s?|fermeture|"
    r"pourvoir|pourvu|avec\s+(?:le|la|les|l')\s*(?:pont|fêtes|vacances|férié|jour\s+férié)|à\s+cause|en\s+raison|oblige)\b"
)
_INVITATION = (  # ... and the job's start
    r"\b(?:prise\s+de\s+poste|date\s+de\s+début|début\s+(?:du|de)\s+(?:contrat|mission)|commencer|commence|"
    r"commencerez|démarr\w*|intégr\w*|embauche|premier\s+jour|onboarding|à\s+pourvoir|merci\s+de\s+(?:nous|me)\s+"
    r"(?:transmettre|envoyer|faire\s+parvenir|retourner|confirmer\s+votre\s+présence)|envoyez|transmettez|vos\s+(?:références|documents|pièces)|"
    r"tes\s+(?:références|documents)|n'hésitez\s+pas|n'hésite\s+pas|vous\s+pouvez\s+(?:me|nous)|tu\s+peux\s+(?:me|nous)|écrivez-moi|"
    r"écris-moi|appelez-moi|appelle-moi|contactez-moi|contacte-moi|joignable|bonnes?\s+(?:fêtes|vacances|"
    r"week-end|weekend|fin\s+de\s+semaine|journée|soirée|année|pâques|rentrée)|joyeux|joyeuses|bon\s+(?:week-end|"
    r"weekend|congé|dimanche|pont)|meilleurs\s+v(?:œ|oe)ux|excellente?s?\s+(?:fêtes|vacances|week-end))\b"
)

WEEKDAY = rf"(?:{alt(WEEKDAYS)})"
MONTH = month_regex(MONTHS)
NUM = rf"(?:\d+(?:[.,]\d+)?|{alt(NUMBERS)})"
ORD = r"(?:\d{1,2}(?:er|e|ème)?(?!\d)|premier)"
UNIT = (r"(?:jours?\s+(?:ouvrés|ouvrables|ouvré|ouvrable|de\s+travail|travaillés)|(?:heures|h)\s+(?:ouvrées|ouvrables)|"
        r"jours?|semaines?|mois|heures?|h|"
        r"ans|années?|quinzaines?|huitaine)")
_END = r"(?![\wà-ÿ])"

LEXICON = Lexicon(
    code="fr", name="French", months=MONTHS, weekdays=WEEKDAYS, weekdays_short=WEEKDAYS_SHORT, numbers=NUMBERS,
    ordinals=ORDINALS, vague_numbers=VAGUE_NUMBERS, words=WORDS, holidays=_FETES,
    accents_of=(*WORDS, *MONTHS, *_FETES, "après", "dès", "début", "fête", "fêtes", "rentrée", "été",
                             "à", "délais", "réponse", "décision", "décider", "décidé", "année", "prévu", "déjà",
                             "échangé", "intéressé", "dernière", "deuxième", "troisième", "première", "mi-décembre",
                             "mi-février", "mi-août", "écrivez-moi", "n'hésitez", "endéans", "vœux", "très", "élevé",
                             "ouvrés", "travaillés", "bientôt", "tôt", "reçu", "congés", "grâce", "grâces", "jeûne"), accents_keep=("a", "des", "du", "la", "ou", "sur", "mur", "mais", "ete", "apres-midi", "annee"),
    typo_targets=_TYPO_TARGETS, typo_keep=(), abbreviations={**_SHORTHAND},
    letters="çèêàùûîôœëï", eight_days_is_a_week=True,
    future=_FUTURE, past=_PAST,
    past_verb_before=r"\b(?:parlé|rencontré|discuté|échangé|vu|publié|ouvert|commencé|eu\s+lieu)\b(?:\W+[\w']+){0,5}\W*$",
    pleasantry_before=(r"\b(?:merci\s+pour\s+(?:l'entretien|notre\s+échange|votre\s+temps|la\s+rencontre|"
                       r"votre\s+venue)|ravie?\s+(?:d'avoir|de\s+vous\s+avoir)\s+(?:échangé|rencontré|parlé))\s+$"),
    ago_after=r"\s*(?:plus\s+tôt|auparavant|avant\s+cela)\b",
    ago_before=r"\b(?:il\s+y\s+a|voici|voilà|depuis|(?:ces|les|des)\s+(?:derniers|dernières)|(?P<perfect>pendant|durant))\s+$",
    perfect=r"\b(?:ai|as|avons|avez|ont|avait|avaient|été|travaillé|passé|suis|sommes|était)\b",
    frequency_before=r"\b(?:fois|par|chaque|tous\s+les|toutes\s+les)\s+$",
    frequency_after=r"\s+(?:par|chaque|toutes\s+les|tous\s+les)\s+(?:jour|semaine|mois|an)s?\b",
    lead_word=(r"(?:^|\s)(d'ici|avant|après|le|au|dans|sous|en|vers|pour|dès|jusqu'au|jusqu'à|courant|endéans|"
               r"d'ici\s+le|d'ici\s+la|avant\s+le|après\s+le|pour\s+le|au\s+plus\s+tard\s+le|au\s+plus\s+tard)\s+$"),
    short_weekday_lead=r"\b(?:d'ici|avant|après|le|pour|dès|jusqu'à|jusqu'au)\s+$",
    negated_before=r"\b(?:pas|jamais|guère|aucune?|rien|point)(?:\s+[\wà-ÿ']+){0,3}?\s+(?P<b>avant)\b",
    from_word="dès",
    copula_after=r"\s+(?:c'est|est|étant|sera|était)\b", falls_on_before=r"\b(?:étant|est|tombe|tombant|sera)\s+(?:le\s+|un\s+)?$",
    return_before=r"\b(?:dès\s+que|quand|lorsque)\s+(?:[\wàâçéèêëîïôûùüÿœ']+\s+){0,4}(?:rentre|revient|reviendra|rentrera|sera\s+de\s+retour)\b[^.!?]*$",
    copula_before=r"\b(?:c'est|ce\s+sera|ce\s+serait|c'était|arrive)\s+(?:déjà\s+|bientôt\s+)?(?:la\s+|le\s+|l')?$",
    greeting=r"\b(?:joyeux|joyeuses|bonnes?|bon|excellente?s?|heureuses?|heureux|belles?|passez\s+de\s+(?:bonnes|belles))\s+$",
    after_that=(r"[^.!?]*?\b(?:ensuite|après\s+(?:cela|ça|quoi)|dès\s+(?:son|leur|mon)\s+retour|à\s+(?:son|leur)\s+retour|"
                r"une\s+fois\s+(?:qu'(?:elle|il|ils|elles)\s+(?:sera|seront)\s+(?:de\s+retour|rentrée?s?|revenue?s?)|"
                r"de\s+retour)|quand\s+(?:elle|il)\s+(?:sera|reviendra)\s+(?:de\s+retour|rentrée?)?|peu\s+(?:de\s+temps\s+)?après"
                r"(?=\s*(?:[.,;!?]|$)))\b"),
    week_of=r"(?:la\s+)?semaine\s+(?:du\s+)?(?:lundi\s+)?$",
    week_after=r"(?:la\s+)?semaine\s+(?:après|suivant)\s+(?:le\s+)?$",
    following_weekday=rf"(?P<wd>{alt(WEEKDAYS)})\s+(?:suivant|d'après)\b",
    same_day=r"(?:le\s+)?(?:jour\s+même|même\s+jour)\b",
    following_day=r"(?:le\s+)?lendemain\b|(?:le\s+)?jour\s+(?:suivant|d'après)\b",
    following_week=r"(?:\w+\s+)?(?:la\s+)?semaine\s+(?:suivante|d'après)\b",
    week_narrowed_to=(r"\s*(?:[,;:]|-+|\.\.\.)?\s*(?:(?:peut-être|probablement|sans\s+doute|sûrement|disons|"
                      r"a\s+priori|normalement)\s*,?\s+)?(?:le\s+|d'ici\s+)?(?P<wd>lundi|mardi|mercredi|jeudi|vendredi)\b"),
    decision=_DECISION, not_decision=_NOT_DECISION, invitation=_INVITATION,
    cue_words={"withdrawn": ("promet", "garanti", "peut-être", "plus long", "je ne", "pas encore"),
               "consequent": ("si ", "tour", "entretien", "étape", "essai", "contrat", "embauche", "sinon", "défaut"),
               "sometime": ("courant", "au cours"), "because": ("avec", "cause", "raison", "vu")},
    shortly=r"\b(?:peu|peu\s+de\s+temps|rapidement)\s+(?:après\s+)?$",  # "juste après" is right after
    deadline=r"\bau\s+plus\s+tard\b|\bdernier\s+délai\b",
    lower_bound_before=(r"(?:\b(?:dès|à\s+partir\s+d[eu']|au\s+plus\s+tôt|pas\s+avant)|"
                        r"\b(?:pas|rien|jamais|aucune?)(?:\s+[\wà-ÿ']+){0,4}?\s+(?:avant|jusqu'(?:à|au)))"
                        r"(?:\s*(?:le|la|les|l'))?\s*$"),
    lower_bound_after=r"\s*,?\s*(?:au\s+plus\s+tôt|(?:mais\s+)?pas\s+avant)(?![\wà-ÿ])",
    hedge_after=r"\s*,?\s*(?:à\s+peu\s+près|environ)\b",
    approximate_before=r"\b(?:environ|à\s+peu\s+près|approximativement|grosso\s+modo|une\s+bonne|quelque)\s+",
    approximate_after=r"\s*,?\s*(?:plus\s+ou\s+moins|grosso\s+modo|à\s+peu\s+près|environ)\b",
    approximate_range=r"\b(?:généralement|habituellement|en\s+général|normalement|processus|prend|compter)\b",
    by_then=r"\b(?:d'ici\s+là|à\s+cette\s+date)\b",
    because=r"\b(?:avec|à\s+cause\s+d[eu']|en\s+raison\s+d[eu']|vu)\s*(?:le\s+|la\s+|les\s+|l')?$",
    sometime_after=r"\b(?:quelque\s+temps|quelque\s+part|à\s+un\s+moment\s+donné)\s+après\b",
    sometime_tail=r"\s*,?\s+à\s+un\s+moment\s+donné\b",
    sometime=r"\b(?:dans\s+le\s+courant\s+(?:de\s+la|du|de|d')|(?<!au\s)courant|au\s+cours\s+(?:de\s+la|du|de|d'))\s*$",
    negated_after=r"\b(?:rien|pas|aucune?|jamais)\b",
    promised_earlier=(r"\b(?:initialement|au\s+départ|à\s+l'origine)\b|\b(?:je|on|nous)\s+(?:vous|te)\s+(?:avais|avait|avions)\s+"
                      r"(?:dit|promis|annoncé|parlé\s+de)\b|\b(?:avais|avait|avions)\s+prévu\b"),
    taken_back=(r"\b(?:mais|cependant|finalement|malheureusement|or)\b[^.!?]{0,80}?\b(?:pas|plus|report\w*|retard\w*|"
                r"décal\w*|repouss\w*|changé|gelée?|suspendue?|annulée?|en\s+pause|en\s+suspens|nouvel\s+ordre)\b"),
    withdrawn=(r"\bpas\s+encore\s+de\s+date\b|\b(?:je\s+ne\s+peux|on\s+ne\s+peut|nous\s+ne\s+pouvons)\s+(?:rien\s+)?(?:vous\s+|te\s+)?(?:rien\s+)?"
               r"(?:promettre|garantir)|\bne\s+(?:vous\s+|te\s+)?promet?s?\s+rien\b|\bsans\s+garantie\b|\bpeut-être\s+(?:un\s+peu\s+)?plus(?:\s+longtemps)?\b|"
               r"\b(?:pourrait|peut)\s+(?:prendre|être)\s+(?:un\s+peu\s+)?plus\s+(?:long|longtemps)\b|"
               r"\bje\s+ne\s+(?:sais|peux)\s+pas\s+(?:encore\s+)?(?:vous\s+|te\s+)?(?:dire\s+)?(?:combien\s+de\s+temps|quand|exactement)\b"),
    correction=(r"\b(?:disons|plutôt|pardon|je\s+veux\s+dire|ah\s+non|non\s+attendez|mettons|enfin\s+non|"
                r"je\s+corrige|correction|donc\s+(?=d'ici\b|le\b|avant\b)|c'est-à-dire|soit\s+(?=le\b))\b"),
    consequent=(r"\bsi\s+(?:c'est|la\s+réponse\s+est|tout\s+va\s+bien)\s*(?:positi\w*|oui|bon)?|"
                r"\b(?:second|deuxième|troisième|prochain)\s+(?:tour|entretien|étape)|\bjournée\s+d'essai\b|"
                r"\bcontrat\b|\bpromesse\s+d'embauche\b|\bsinon\b|\bà\s+défaut\b"),
    phrases={"avant la fin": "d'ici la fin", "avant fin": "d'ici fin",
             "avant que le mois se termine": "d'ici la fin du mois", "avant que le mois ne se termine": "d'ici la fin du mois",
             "avant que le mois finisse": "d'ici la fin du mois", "avant que le mois soit fini": "d'ici la fin du mois",
             "avant que la semaine se termine": "d'ici la fin de la semaine"},
    after_words=frozenset({"après"}), before_words=frozenset({"avant"}),
    count_before_after=rf"\b(?P<n>{NUM})\s+(?P<unit>jours?\s+ouvrés|jours?\s+ouvrables|jours?|semaines?)\s+$",
    stop_words=frozenset({"d'ici", "jusqu'au", "jusqu'à", "sous", "mais", "probablement", "normalement"}),
    not_a_date_after=frozenset({"tour", "tours", "étage", "candidats", "candidat", "entretien", "entretiens", "rang",
                                "fois", "personnes", "étape", "choix", "jours", "jour", "semaines", "semaine", "mois",
                                "heures", "h", "ans", "%", "pour", "postes", "juillet", "août"}),
    week_words=frozenset({"semaine"}),
    detect={w: 1.0 for w in (
        "le", "la", "les", "des", "du", "nous", "vous", "on", "est", "et", "pour", "dans", "avec", "sur", "une",
        "semaine", "semaines", "prochaine", "prochain", "d'ici", "avant", "après", "jours", "mois", "fin", "début",
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "janvier", "février", "avril", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre", "reviendrons", "revenons", "reviens",
        "vers", "au", "aux", "plus", "tard", "ce", "cette", "demain", "aujourd'hui", "décision", "retour", "bientôt",
        "ouvrés", "ouvrables", "quinze", "huit", "merci", "bonne", "bonnes", "fêtes", "pas", "je", "tu", "te",
        "votre", "nos", "notre", "sera", "serons", "ici", "nouvelles", "sous", "quinzaine", "toussaint", "pâques",
        "noël", "entretien", "reviendrai", "revenir", "prochainement", "courant", "lendemain", "suivante",
        "d'après", "ou", "mais", "alors", "dès", "jusqu'au", "deux", "trois", "quelques", "mi", "trimestre",
        "bonjour", "madame", "monsieur", "cordialement", "salut", "revient", "fin", "vacances", "rentrée", "bon",
        "week-end", "réponse", "retour", "rep", "décision", "avons", "sommes", "été", "suis", "ai", "depuis",
        "il", "y", "qui", "vient", "peu", "sans", "faute", "tiens", "tenons", "courant")},
)
LEXICON.detect.update({k: 1.0 for k in unaccented(LEXICON.detect, keep=("des", "a", "ou", "la", "du"))})

SUBSTRINGS = True
FEATURES = {
    "unit": ("jour", "semaine", "mois", "heure", "an", "h", "quinzaine", "huitaine"),
    "week": ("semaine", "week", "sem"), "monthly": ("mois",), "year": ("année", "an"),
    "quarter": ("trimestre", "t1", "t2", "t3", "t4", "q1", "q2", "q3", "q4"), "month": tuple(MONTHS),
    "weekday": tuple(WEEKDAYS), "ordinal": ("premier", "1er"), "tomorrow": ("demain",),
    "today": ("aujourd", "soir", "après-midi", "journée"), "long": ("pont", "prolongé", "long", "congé"),
    "holiday": ("férié",), "season": ("fête", "vacances", "trêve", "nouvelle", "rentrée", "été", "congés", "pause"),
    "next day": ("lendemain", "jour"), "same": ("même",),
}


def fin_de_semaine(m, base, country):
    """"en fin de semaine": the Friday in France, Belgium and Switzerland; in Canada "la fin de semaine"
    is the weekend, and "la fin de la semaine" its Friday still."""
    canada = cal.split_country(country)[0] == "CA" and "de la semaine" not in " ".join(m.match.group().split())
    nxt = bool(m["next"])
    if canada:
        sunday = r.week_start(base) + r.timedelta(days=6 + (7 if nxt else 0))
        return sunday, 0.6, r.Span(sunday - r.DAY, sunday)
    return r.week_part(base, 4, next_week=nxt)


_PRE = r"(?:dans|d'ici|d'ici\s+à|sous|en|endéans|au\s+bout\s+de|après|environ|dans\s+environ|d'ici\s+environ)"

PATTERNS = [
    (rf"\b(?P<anchor>aujourd'hui|demain|{WEEKDAY})\s+en\s+(?P<n>huit|quinze)\b", r.anchored, None),
    (r"\b(?:la\s+)?(?:semaine|sem\.?)\s*(?:n°\s*|no\s*|numéro\s*)?(?P<w>\d{1,2})\b|\bs(?P<w2>\d{1,2})\b",
     r.calendar_week, None),
    (r"\baprès\s+(?:le|ce|la)\s+(?:long\s+)?(?:pont|week-end\s+prolongé|long\s+week-end|congé|longue\s+fin\s+de\s+semaine)\b(?:\s+de\s+(?:mai|juin|juillet|août|septembre|octobre|pâques))?(?!\s+(?:de|du|d')\b)", r.after_long_weekend, None),
    (r"\bavant\s+(?:le|ce|la)\s+(?:long\s+)?(?:pont|week-end\s+prolongé|long\s+week-end|longue\s+fin\s+de\s+semaine)\b(?:\s+de\s+(?:mai|juin|juillet|août|septembre|octobre|pâques))?(?!\s+(?:de|du|d')\b)", r.before_long_weekend, None),
    (r"\b(?:le\s+)?dernier\s+jour\s+(?:ouvrables?|ouvrés?|travaillés?)\s+(?:du\s+|de\s+l'|de\s+la\s+|de\s+l'\s*)(?P<which>mois|année|an|trimestre)\b",
     r.last_business_day, None),
    (r"\b(?:sous|dans\s+la|d'ici\s+la|sous\s+la)\s+(?P<unit>huitaine|quinzaine)\b", lambda m, b, c: (b + r.timedelta(days=7 if m["unit"] == "week" else 14), 0.7), None),
    (r"\baprès\s+(?:le|les)\s+(?:prochain\s+)?(?:jour\s+férié|jours\s+fériés|férié|fériés)\b", r.after_next_holiday, None),
    (r"\baprès\s+(?:les|la)\s+(?:fêtes|période\s+des\s+fêtes|trêve\s+des\s+confiseurs|vacances\s+de\s+(?:noël|fin\s+d'année)|"
     r"vacances\s+d'hiver|fêtes\s+de\s+fin\s+d'année|fêtes\s+de\s+noël)\b|\b(?:en|au)\s+(?:début\s+d'|début\s+de\s+l')?(?:nouvelle\s+année)\b"
     r"|\bà\s+la\s+rentrée\s+de\s+janvier\b", r.after_the_holidays, None),
    (r"\b(?:à\s+la|après\s+la|dès\s+la|pour\s+la)\s+rentrée\b|\baprès\s+(?:l'été|les\s+vacances(?:\s+d'été)?|les\s+congés(?:\s+d'été)?|la\s+pause\s+estivale)\b",
     r.back_to_work_season, None),
    (r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b", r.iso, None),
    (r"\b(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.(?:(?P<y>\d{4}|\d{2})\b|(?!\d))", r.numeric, None),
    (r"(?<![\d.,])\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})(?:/(?P<y>\d{4}|\d{2}))?\b(?![.,]?\d|\s*(?:h\b|heures|%))", r.numeric, None),
    (rf"(?:\b{WEEKDAY},?\s+)?(?:\b(?:le|du|au)\s+)?\b(?P<d>{ORD})\s+(?P<m>{MONTH}){_END}(?:\s+(?P<y>\d{{4}}))?", r.month_day, None),
    (r"\b(?:(?P<part>début|fin|milieu|mi)[\s-]*(?:du\s+|de\s+)?)?(?P<q>q[1-4]|t[1-4]|(?:premier|1er|deuxième|second|2e|2ème|troisième|3e|3ème|quatrième|4e|4ème)\s+trimestre"
     r"|(?:le\s+)?trimestre\s+prochain|(?:le\s+)?prochain\s+trimestre|ce\s+trimestre|du\s+trimestre)(?![\wà-ÿ])(?:\s+(?P<y>\d{4}))?", r.quarter, None),
    (r"\b(?:(?P<part>début|fin|milieu)\s+(?:de\s+l'|d')année(?:\s+(?P<n1>prochaine))?|(?P<part2>fin|début)\s+d'année)\b"
     r"|\b(?P<part3>fin|début)\s+(?:de\s+l'année\s+)?(?:prochaine|2\d\d\d)\b(?!\s+semaine)",
     r.year_end, None),
    (rf"\b(?:(?:en|à\s+la|au|vers\s+la|vers\s+le|dès\s+le)\s+)?(?P<part>début|fin|milieu|mi|la\s+première\s+semaine|première\s+semaine|la\s+deuxième\s+semaine|la\s+seconde\s+semaine|"
     rf"la\s+troisième\s+semaine|la\s+dernière\s+semaine|la\s+première\s+quinzaine|première\s+quinzaine|la\s+deuxième\s+quinzaine|deuxième\s+quinzaine|la\s+seconde\s+quinzaine)"
     rf"[\s-]*(?:de\s+|d'|du\s+|de\s+la\s+)?(?P<which>{MONTH}{_END}|mois\s+prochain|mois\s+en\s+cours|mois(?:-ci)?{_END}|ce\s+mois(?:-ci)?)", r.part_of_month, None),
    (rf"\b(?P<prep>en|d'ici|avant|après|courant|au\s+cours\s+du\s+mois\s+de|au\s+mois\s+de|pendant|durant|jusqu'en|dès)\s+(?P<m>{MONTH}){_END}(?!\s*\d)", r.bare_month, None),
    (rf"\b(?P<prep>d'ici\s+le|d'ici\s+au|avant\s+le|après\s+le|au\s+plus\s+tard\s+le|jusqu'au|à\s+partir\s+du|à\s+compter\s+du|dès\s+le|pour\s+le|vers\s+le|"
     rf"aux\s+alentours\s+du|au\s+plus\s+tôt\s+le|le|du|au)\s+(?:{WEEKDAY}\s+)?(?P<d>\d{{1,2}}(?:er)?|premier)(?![\d/:]|[.,]\d|\s*h\b|\s*%)"
     rf"(?:\s+(?:du\s+)?(?P<rel>mois\s+prochain|mois\s+en\s+cours|ce\s+mois|de\s+ce\s+mois))?", r.day_of_month, None),
    (r"\b(?:(?:la\s+)?fin\s+(?:du|de)\s+mois(?:\s+(?:prochain|en\s+cours))?|(?:le\s+)?mois\s+prochain|(?:dans\s+)?le\s+courant\s+du\s+mois(?:\s+prochain)?|"
     r"ce\s+mois(?:-ci)?|dans\s+le\s+mois|courant\s+du\s+mois)(?![\wà-ÿ])", r.month_relative, None),
    (r"(?<!ce\s)\b(?:après-demain|après\s+demain|demain(?:\s+ou\s+après-demain)?)\b", r.tomorrow, None),
    (r"\b(?:dans|au\s+cours\s+des|durant\s+les|pendant\s+les)\s+(?:les\s+)?(?:prochains|prochaines)\s+(?P<unit>jours|semaines|mois)(?:\s+à\s+venir)?\b"
     r"|\bdans\s+les\s+(?P<unit2>jours|semaines|mois)\s+(?:à\s+venir|qui\s+viennent)\b", r.coming, None),
    (r"\b(?:dans|sous|d'ici)\s+(?:la\s+)?(?P<this>)(?P<unit>quinzaine|huitaine)\b", r.the_unit, None),
    (r"\b(?:dans|au\s+cours\s+de|courant\s+de)\s+la\s+(?P<this>)(?P<unit>semaine)\b(?!\s+(?:prochaine|suivante|du|d'après|qui\s+vient|\d))", r.the_unit, None),
    (r"\b(?:en|la|à\s+la|d'ici\s+la|pour\s+la|cette|vers\s+la)\s+fin\s+de\s+(?:la\s+)?semaine(?P<next>\s+prochaine)?\b", fin_de_semaine, {"week"}),
    (r"\b(?:ce|le|cette|la)\s+(?:week-end|weekend|fin\s+de\s+semaine)(?:\s+prochain|\s+prochaine)?\b|\bweek-end\s+prochain\b", r.weekend, None),
    (rf"\b{WEEKDAY}\s+(?P<d>\d{{1,2}}(?:er)?)(?![\d/:]|[.,]\d|\s*h\b)(?!\s+{MONTH})", r.weekday_and_day, None),
    (rf"\b(?:(?P<mod>ce|cette)\s+)?(?P<wd>{WEEKDAY})\b(?:\s+(?P<mod2>prochain|qui\s+vient|suivant|d'après)|\s+(?P<post>de\s+la\s+semaine\s+prochaine|de\s+la\s+semaine\s+suivante|de\s+cette\s+semaine))?",
     r.weekday, None),
    (rf"\b(?P<wd>{alt(WEEKDAYS_SHORT)})\.?(?![\wà-ÿ])", r.weekday_short, None),
    (r"\b(?:(?:en|au|dès\s+le|d'ici\s+le|d'ici\s+la|à\s+la|vers\s+la|pour\s+la|vers\s+le|pour\s+le|au\s+cours\s+de\s+la)\s+)?(?:(?P<part>début|milieu|fin|courant|mi)\s*-?\s*(?:de\s+(?:la\s+)?)?)?"
     r"(?P<which>(?:la\s+)?semaine\s+prochaine|(?:la\s+)?semaine\s+suivante|la\s+semaine\s+d'après|cette\s+semaine|(?:la\s+)?semaine\s+en\s+cours|"
     r"la\s+semaine\s+qui\s+vient|la\s+semaine\s+après\s+la\s+prochaine)(?![\wà-ÿ])", r.week, None),
    (r"\b(?:en|au|à\s+la|vers\s+la|d'ici\s+la)\s+(?P<part>début|milieu|fin|mi)\s*-?\s*(?:de\s+)?(?P<which>)semaine\b(?!\s+(?:prochaine|suivante|d'après))", r.week, None),
    (rf"\b(?:(?P<pre>{_PRE})\s+)?(?:les\s+|la\s+)?(?:prochains\s+|prochaines\s+|environ\s+)?(?P<a>{NUM})\s*(?:-|à|ou|et)\s*(?P<b>{NUM})\s*(?:prochains\s+|prochaines\s+)?(?P<unit>{UNIT}){_END}", r.range_, None),
    (r"\b(?:le\s+)?(?:jour\s+même|même\s+jour)\b", r.same_day, None),
    (r"\b(?:le\s+)?lendemain\b|\b(?:le\s+)?jour\s+(?:suivant|d'après)\b", r.following_day, None),
    (rf"\b(?:(?P<pre>{_PRE})\s+)?(?:les\s+|la\s+)?(?:prochains\s+|prochaines\s+|environ\s+|à\s+peu\s+près\s+)?(?P<n>{NUM})\s*(?:prochains\s+|prochaines\s+)?"
     rf"(?P<unit>{UNIT})(?P<half>\s+et\s+demie?)?{_END}", r.duration, None),
    (r"\b(?:aujourd'hui|ce\s+soir|cet\s+après-midi|d'ici\s+ce\s+soir|en\s+fin\s+de\s+journée|d'ici\s+la\s+fin\s+de\s+(?:la\s+)?journée|dans\s+la\s+journée|avant\s+ce\s+soir)(?![\wà-ÿ])",
     r.today, None),
    "holidays",
    (r"\b(?:nous\s+reviendrons\s+vers\s+vous|on\s+revient\s+vers\s+(?:vous|toi)|je\s+reviens\s+vers\s+(?:vous|toi)|reviendr\w*\s+vers\s+(?:vous|toi)|revenir\s+vers\s+(?:vous|toi)|"
     r"(?:on|nous)\s+(?:vous|te)\s+revien\w*|prochainement|bientôt|sous\s+peu|rapidement|dans\s+les\s+meilleurs\s+délais|dès\s+que\s+possible|au\s+plus\s+vite|"
     r"dans\s+les\s+plus\s+brefs\s+délais|(?:vous|te)\s+tiendr\w*\s+(?:au\s+courant|informée?)|(?:vous|te)\s+tient\s+au\s+courant|(?:nous|on)\s+(?:vous|te)\s+recontacter\w*|"
     r"(?:nous|on)\s+(?:vous|te)\s+contacter\w*|de\s+nos\s+nouvelles|à\s+tantôt|en\s+temps\s+voulu)(?![\wà-ÿ])", r.vague, None),
]

AROUND = (rf"\b(?:le\s+|la\s+)?(?:(?P<rel>{WEEKDAY}|semaine|jour)\s+(?P<dir>après|avant|suivant)|(?P<rel2>lendemain)\s+(?P<dir2>de))"
          r"\s+(?:la\s+|le\s+|l')?")
