"""German (Germany, Austria, Switzerland): its words and its patterns.

Austrian words ("Jänner", "Feber", "heuer", "Stefanitag") and Swiss ones ("Auffahrt", "Ende
Woche", "Berchtoldstag", "ss" for "ß") are part of the one lexicon; a holiday kept in only
some countries says so.
"""

from __future__ import annotations

from clinch.core.timeline import resolution as r
from clinch.core.timeline.lexicon import Holiday, Lexicon, alt, month_regex, unaccented

MONTHS = {
    "januar": 1, "jänner": 1, "jan": 1, "jän": 1, "februar": 2, "feber": 2, "feb": 2, "märz": 3, "mär": 3, "mrz": 3,
    "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "dezember": 12, "dez": 12,
}
WEEKDAYS = {"montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5, "sonnabend": 5,
            "sonntag": 6}
WEEKDAYS_SHORT = {"mo": 0, "di": 1, "mi": 2, "do": 3, "fr": 4, "sa": 5}
_UNITS = ["null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf",
          "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn", "neunzehn", "zwanzig"]
NUMBERS = {word: n for n, word in enumerate(_UNITS)} | {
    "ein": 1, "eine": 1, "einer": 1, "einem": 1, "einen": 1, "eines": 1, "zwo": 2, "dreißig": 30, "vierzig": 40, "fünfzig": 50,
    "sechzig": 60, "neunzig": 90, "anderthalb": 1.5, "eineinhalb": 1.5, "ein paar": 3, "paar": 3, "einige": 3,
    "einigen": 3, "wenigen": 3, "wenige": 3, "mehrere": 3, "mehreren": 3}
for _n, _w in enumerate(("ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"), start=1):
    NUMBERS[f"{_w}undzwanzig"] = 20 + _n
    NUMBERS[f"{_w}unddreißig"] = 30 + _n
VAGUE_NUMBERS = frozenset({"ein paar", "paar", "einige", "einigen", "wenigen", "wenige", "mehrere", "mehreren"})
_ORDINAL_STEMS = {1: "erst", 2: "zweit", 3: "dritt", 4: "viert", 5: "fünft", 6: "sechst", 7: "siebt", 8: "acht",
                  9: "neunt", 10: "zehnt", 11: "elft", 12: "zwölft", 13: "dreizehnt", 14: "vierzehnt", 15: "fünfzehnt",
                  16: "sechzehnt", 17: "siebzehnt", 18: "achtzehnt", 19: "neunzehnt", 20: "zwanzigst",
                  30: "dreißigst"}
for _n, _w in enumerate(("ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"), start=1):
    _ORDINAL_STEMS[20 + _n] = f"{_w}undzwanzigst"
_ORDINAL_STEMS[31] = "einunddreißigst"
ORDINALS = {stem + ending: n for n, stem in _ORDINAL_STEMS.items() for ending in ("en", "e", "er")}

# The core's concept words for German ones: prepositions, week and month words, parts of a period.
WORDS = {
    "bis": "by", "bis zum": "by", "bis zur": "by", "bis spätestens": "by", "bis spätestens zum": "by",
    "bis spätestens am": "by", "spätestens": "by", "spätestens am": "by", "spätestens zum": "by", "zum": "by",
    "noch vor": "before", "vor": "before", "vor dem": "before", "vor der": "before", "noch vor dem": "before",
    "nach": "after", "nach dem": "after", "nach der": "after", "am": "on", "an": "on", "den": "on", "dem": "on",
    "im": "in", "in": "in", "während": "during", "im laufe des": "in", "gegen": "around",
    "um": "around", "ab": "from", "ab dem": "from", "neuen": "next", "neue": "next", "ab dem frühestens": "from", "frühestens": "from",
    "frühestens am": "from", "frühestens ab": "from", "frühestens ab dem": "from", "erst am": "from",
    "innerhalb": "within", "binnen": "within",
    "nächste": "next", "nächsten": "next", "nächster": "next", "nächstes": "next", "kommende": "next",
    "kommenden": "next", "kommender": "next", "kommendes": "next", "folgende": "following", "folgenden": "following",
    "darauffolgenden": "following", "diese": "this", "diesen": "this", "dieser": "this", "dieses": "this",
    "diesem": "this", "am kommenden": "coming", "diesen kommenden": "coming", "am nächsten": "next",
    "am folgenden": "following", "am darauffolgenden": "following",
    "woche": "week", "wochen": "weeks", "monat": "month", "monate": "months", "monaten": "months", "monats": "month",
    "jahr": "year", "jahres": "year", "jahre": "years", "jahren": "years", "quartal": "quarter", "quartals": "quarter",
    "tag": "day", "tage": "days", "tagen": "days", "tages": "day", "stunde": "hour", "stunden": "hours",
    "werktag": "business day", "werktages": "business day", "arbeitstages": "business day",
    "geschäftstages": "business day", "werktage": "business days", "werktagen": "business days",
    "arbeitstag": "business day", "arbeitstage": "business days", "arbeitstagen": "business days",
    "geschäftstag": "business day", "geschäftstage": "business days", "geschäftstagen": "business days",
    "anfang": "early", "anfangs": "early", "zu beginn": "beginning", "beginn": "beginning", "mitte": "mid",
    "ende": "end", "gegen ende": "end", "spätestens ende": "end", "im laufe": "end", "im verlauf": "end",
    "in der ersten hälfte": "first half", "in der zweiten hälfte": "second half", "erste hälfte": "first half",
    "zweite hälfte": "second half", "in der ersten woche": "first week", "in der zweiten woche": "second week",
    "in der dritten woche": "third week", "in der letzten woche": "end", "erste woche": "first week",
    "zweite woche": "second week", "dritte woche": "third week", "letzte woche": "end", "ersten woche": "first week",
    "zweiten woche": "second week", "dritten woche": "third week", "letzten woche": "end",
    "ersten": "first", "zweiten": "second", "dritten": "third", "vierten": "fourth", "erste": "first",
    "zweite": "second", "dritte": "third", "vierte": "fourth", "q1": "q1", "q2": "q2", "q3": "q3", "q4": "q4",
    "nächster woche": "next week", "nächsten woche": "next week", "der nächsten woche": "next week",
    "in der nächsten woche": "next week", "kommender woche": "next week", "der kommenden woche": "next week",
    "kommenden woche": "next week", "in der kommenden woche": "next week", "übernächsten woche": "after next",
    "in der kommenden woche": "next week", "dieser woche": "this week", "in dieser woche": "this week",
    "diese woche": "this week", "der woche": "this week", "übernächster woche": "after next",
    "der übernächsten woche": "after next", "in der übernächsten woche": "after next",
    "nächster": "next", "kommender": "next", "dieser": "this", "der nächsten": "next", "der kommenden": "next",
    "in der nächsten": "next", "in der kommenden": "next", "in dieser": "this", "in der": "the", "der": "the",
    "der folgenden": "following", "übernächste": "after next", "übernächsten": "after next",
    "übernächster": "after next", "der übernächsten": "after next", "in der übernächsten": "after next",
    "nächsten monats": "next month", "kommenden monats": "next month", "folgenden monats": "next month",
    "des nächsten monats": "next month", "des kommenden monats": "next month", "nächsten monat": "next month",
    "kommenden monat": "next month", "im nächsten monat": "next month", "im kommenden monat": "next month",
    "dieses monats": "this month", "diesen monats": "this month", "des monats": "the month", "monats": "month",
    "diesen monat": "this month", "in diesem monat": "this month",
    "nächstes quartal": "next quarter", "nächsten quartal": "next quarter", "nächsten quartals": "next quarter",
    "kommenden quartal": "next quarter", "kommenden quartals": "next quarter", "kommendes quartal": "next quarter",
    "dieses quartal": "this quarter", "diesem quartal": "this quarter", "dieses quartals": "this quarter",
    "des quartals": "the quarter", "quartals": "quarter",
    "heute": "today", "morgen": "tomorrow", "übermorgen": "day after tomorrow",
    "morgen oder übermorgen": "tomorrow or the day after", "wochenende": "weekend", "nächstes wochenende": "next weekend",
    "kommendes wochenende": "next weekend", "am nächsten wochenende": "next weekend",
}

_FEIERTAGE = {
    "ostern": Holiday(easter=-2, days=3), "osterwochenende": Holiday(easter=-2, days=3),
    "osterfeiertage": Holiday(easter=-2, days=4), "osterferien": Holiday(easter=-2, days=4),
    "karfreitag": Holiday(easter=-2), "gründonnerstag": Holiday(easter=-3), "ostersonntag": Holiday(easter=0),
    "ostermontag": Holiday(easter=1), "pfingsten": Holiday(easter=49), "pfingstwochenende": Holiday(easter=48, days=2),
    "pfingstmontag": Holiday(easter=50), "pfingstferien": Holiday(easter=49, days=2),
    "christi himmelfahrt": Holiday(easter=39), "himmelfahrt": Holiday(easter=39), "auffahrt": Holiday(easter=39),
    "fronleichnam": Holiday(easter=60), "rosenmontag": Holiday(easter=-48), "weiberfastnacht": Holiday(easter=-52),
    "tag der deutschen einheit": Holiday(month=10, day=3), "tag der einheit": Holiday(month=10, day=3),
    "tag der arbeit": Holiday(month=5, day=1), "maifeiertag": Holiday(month=5, day=1),
    "weihnachten": Holiday(month=12, day=25, days=2), "weihnachtsfeiertage": Holiday(month=12, day=25, days=2),
    "den weihnachtsfeiertagen": Holiday(month=12, day=25, days=2), "heiligabend": Holiday(month=12, day=24),
    "heiligen abend": Holiday(month=12, day=24), "silvester": Holiday(month=12, day=31),
    "neujahr": Holiday(month=1, day=1), "jahreswechsel": Holiday(month=12, day=31, days=2),
    "dem jahreswechsel": Holiday(month=12, day=31, days=2), "zwischen den jahren": Holiday(month=12, day=31),
    "allerheiligen": Holiday(month=11, day=1), "reformationstag": Holiday(month=10, day=31),
    "mariä himmelfahrt": Holiday(month=8, day=15), "maria himmelfahrt": Holiday(month=8, day=15),
    "heilige drei könige": Holiday(month=1, day=6), "dreikönigstag": Holiday(month=1, day=6), "dreikönig": Holiday(month=1, day=6),
    "mariä empfängnis": Holiday(month=12, day=8), "maria empfängnis": Holiday(month=12, day=8),
    "stefanitag": Holiday(month=12, day=26), "stephanstag": Holiday(month=12, day=26),
    "berchtoldstag": Holiday(month=1, day=2), "bundesfeiertag": Holiday(month=8, day=1),
    "nationalfeiertag": (Holiday(month=10, day=26, countries=frozenset({"AT"})),
                         Holiday(month=8, day=1, countries=frozenset({"CH"})),
                         Holiday(month=10, day=3)),
    "halloween": Holiday(month=10, day=31), "valentinstag": Holiday(month=2, day=14),
    "frauentag": Holiday(month=3, day=8), "internationalen frauentag": Holiday(month=3, day=8),
    "weltfrauentag": Holiday(month=3, day=8), "weltkindertag": Holiday(month=9, day=20),
}
_TYPO_TARGETS = (*WEEKDAYS, "januar", "februar", "april", "juni", "juli", "august", "september", "oktober",
                 "november", "dezember", "woche", "wochen", "nächste", "nächsten", "nächster", "kommenden", "monats",
                 "spätestens", "werktagen", "arbeitstagen", "übermorgen", "innerhalb", "anfang")
_SHORTHAND = {"wochenend": "wochenende", "evtl": "eventuell", "vllt": "vielleicht", "vlt": "vielleicht",
              "morgn": "morgen", "heut": "heute", "nxt": "nächste", "nächste-woche": "nächste woche",
              # Swiss German as it is written in messages: spelt into the standard words.
              "innert": "innerhalb", "wuche": "woche", "wuchä": "woche", "nächscht": "nächste", "nächschti": "nächste",
              "nächschte": "nächste", "nöchscht": "nächste", "mitti": "mitte", "ändi": "ende", "morn": "morgen",
              "übermorn": "übermorgen", "hüt": "heute", "zwöi": "zwei", "zwee": "zwei", "drü": "drei", "drüne": "drei",
              "föif": "fünf", "füf": "fünf", "sächs": "sechs", "sibe": "sieben", "zäh": "zehn", "bscheid": "bescheid",
              "mäntig": "montag", "ziischtig": "dienstag", "zischtig": "dienstag", "mittwuch": "mittwoch",
              "dunschtig": "donnerstag", "donnschtig": "donnerstag", "friitig": "freitag", "fritig": "freitag",
              "samschtig": "samstag", "spötischtens": "spätestens", "spötestens": "spätestens", "monet": "monat", "uffahrt": "auffahrt", "wuchenänd": "wochenende", "wuchenend": "wochenende"}

_FUTURE = (
    r"\b(?:werden|wird|werde|wirst|werdet|melden|melde|meldet|entscheid\w*|rückmeldung\w*|bescheid|voraussichtlich|"
    r"planen|geplant|hoffentlich|sollte|sollten|soll|bis|spätestens|vielleicht|wahrscheinlich|erwarten|rechnen|"
    r"hören|informier\w*|zusage|absage|angebot|kommen|gehen|ergebnis|feedback)\b"
)
_PAST = (
    r"\b(?:war|waren|hatte|hatten|gestern|vorgestern|gesprochen|getroffen|geführt|telefoniert|stattgefunden|"
    r"kennengelernt|gehabt|ausgeschrieben|veröffentlicht|begonnen|angefangen|letzte[nrs]?\s+(?:woche|monat|jahr|"
    r"montag|dienstag|mittwoch|donnerstag|freitag)|vergangene[nrs]?|sprachen|trafen)\b"
)
_DECISION = (
    r"\b(?:entscheid\w*|rückmeld\w*|bescheid|melden\s+uns|melde\s+mich|melden\s+wir|meldet\s+sich|zusage|absage|antwort\w*|feedback|ergebnis\w*|"
    r"informier\w*|mitteil\w*|benachrichtig\w*|hören|hörst|kontaktier\w*|angebot|vertragsangebot|auswahl|zurück)\b"
)
_NOT_DECISION = (
    r"\b(?:[a-zäöüß]*gespräch\w*|[a-zäöüß]*runde|start|arbeitsbeginn|eintritt\w*|"
    r"gespräch\w*|interviews?|runde|runden|termine?|treffen|trifft|meeting\w*|sitzung\w*|tagt|urlaub\w*|abwesend|"
    r"kandidat\w*|bewerber\w*|findet\s+statt|stattfinden|assessment\w*|"
    r"nicht\s+im\s+büro|dienstreise|ausschreibung|bewerbungsschluss|bewerbungsfrist|budget|geschäftsjahr\w*|"
    r"nicht\s+da|gar\s+nicht\s+da|nicht\s+im\s+haus|geschlossen|betriebsferien|besetzen|wegen|aufgrund|"
    r"(?:ist|sind)\s+(?:bei\s+uns\s+)?(?:allerdings\s+|aber\s+|ja\s+)?(?:ein\s+)?feiertag)\b"
)
_INVITATION = (  # ... and the job's start
    r"\b(?:zu\s+besetzen|besetzt\s+werden|schicken\s+sie|senden\s+sie|reichen\s+sie|bitte\s+(?:schick\w*|send\w*|reich\w*)|"
    r"schick\s+(?:mir|uns)|ihre\s+(?:unterlagen|zeugnisse|referenzen)|deine\s+(?:unterlagen|zeugnisse|referenzen)|"
    r"start|start(?:termin|datum)|starten|startet|arbeitsbeginn|eintritt\w*|einstieg|stellenantritt|antritt|"
    r"anfangen|fängt|beginnt|beginnen|ersten?\s+arbeitstag|onboarding|einarbeitung|melden\s+sie\s+sich\s+gerne|melde\s+dich\s+gerne|gerne\s+(?:können\s+sie|kannst\s+du)|sie\s+können\s+"
    r"(?:mich|uns)|du\s+kannst\s+(?:mich|uns)|schreiben\s+sie\s+mir|schreib\s+mir|rufen\s+sie\s+(?:mich|uns)|"
    r"ruf\s+(?:mich|uns)|erreichen\s+sie\s+mich|erreichst\s+du\s+mich|bei\s+fragen|zögern\s+sie\s+nicht|"
    r"zögere\s+nicht|frohe|frohes|fröhliche|schöne[ns]?|gesegnete[ns]?|guten\s+rutsch|erholsame[ns]?|viel\s+spaß|"
    r"gute\s+erholung|genießen\s+sie|genieß)\b"
)

WEEKDAY = rf"(?:{alt(WEEKDAYS)})"
MONTH = month_regex(MONTHS)
NUM = rf"(?:\d+(?:[.,]\d+)?|{alt(NUMBERS)})"
ORD = rf"(?:\d{{1,2}}(?:\.|ten|te)?(?!\d)|{alt(ORDINALS)})"
UNIT = (r"(?:werktag(?:en?|es)?|arbeitstag(?:en?|es)?|geschäftstag(?:en?|es)?|tag(?:en?|es)?|wochen?|monat(?:en?|s)?|"
        r"stunden?|std\.?|jahr(?:en?|es)?)")
_END = r"(?![\wäöüß])"

LEXICON = Lexicon(
    code="de", name="German", months=MONTHS, weekdays=WEEKDAYS, weekdays_short=WEEKDAYS_SHORT, numbers=NUMBERS,
    ordinals=ORDINALS, vague_numbers=VAGUE_NUMBERS, words=WORDS, holidays=_FEIERTAGE,
    accents_of=(*WORDS, *MONTHS, *NUMBERS, *ORDINALS, *_FEIERTAGE, "übernächste", "übernächsten",
                             "übernächster", "nächste", "später", "spätestens", "frühestens", "anschließend",
                             "rückmeldung", "rückkehr", "zurück", "können", "hören", "für", "über", "gespräch",
                             "geschäftstagen", "dreißig", "schließlich", "feiertagen", "festtagen", "sommerferien",
                             "wöchentlich", "fünf", "zwölf", "während", "übers", "kürze", "möglich", "schnellstmöglich",
                             "baldmöglichst", "voraussichtlich", "weihnachtsfeiertagen", "hälfte", "märzwoche",
                             "juniwoche"), accents_keep=("uber", "fur", "mar", "hore", "ware", "konnen"),
    typo_targets=_TYPO_TARGETS, typo_keep=(), abbreviations={**_SHORTHAND},
    letters="äöüß", eight_days_is_a_week=True,
    future=_FUTURE, past=_PAST,
    past_verb_before=(r"\b(?:gesprochen|getroffen|geführt|telefoniert|sprachen|trafen|ausgeschrieben|veröffentlicht|"
                      r"begonnen)\b(?:\W+[\w']+){0,5}\W*$"),
    past_verb_after=(r"[^,.;!?]{0,80}?\b(?:gesprochen|getroffen|geführt|telefoniert|stattgefunden|kennengelernt|"
                     r"ausgeschrieben|veröffentlicht|begonnen|angefangen|gehabt|gesehen)\b"),
    pleasantry_before=(r"\b(?:danke|vielen\s+dank|herzlichen\s+dank)\s+für\s+(?:das|ihr|dein|unser)\s+(?:nette|"
                       r"angenehme|gute)?\s*(?:gespräch|kommen|treffen)\s+$"),
    ago_after=r"\s*(?:zuvor|davor|vorher)\b",
    ago_before=(r"\b(?:vor|seit|(?:in\s+)?(?:den|der)\s+(?:letzten|vergangenen)|letzten|vergangenen|"
                r"(?P<perfect>für|über))\s+(?:über\s+|etwa\s+|rund\s+)?$"),
    perfect=r"\b(?:habe|hast|hat|haben|hatte|hatten|war|waren|bin|bist|gearbeitet|gewesen|verbracht)\b",
    frequency_before=r"\b(?:einmal|zweimal|dreimal|mal|pro|jede|jeden|jeder|alle)\s+$",
    frequency_after=r"\s+(?:pro|die|in\s+der|im|je|jede|jeden)\s+(?:tag|woche|monat|jahr)\b",
    lead_word=(r"(?:^|\s)(bis|am|vor|nach|ab|im|innerhalb|binnen|spätestens|zum|gegen|frühestens|noch|"
               r"in)\s+$"),
    short_weekday_lead=r"\b(?:bis|am|ab|vor|nach|spätestens|nächsten|kommenden|diesen)\s+$",
    negated_before=(r"\b(?:nicht|nie|kaum|keinesfalls|keine|kein|keinen|nichts)(?:\s+[a-zäöüß]+){0,3}?\s+"
                    r"(?P<b>vor)\b"),
    from_word="ab",
    copula_after=r"\s+(?:ist|wäre|war)\b", falls_on_before=r"\b(?:ist|fällt|fallen|liegt)\s+(?:auf\s+(?:einen|den|einem)\s+|am\s+)?$",
    return_before=r"\bsobald\s+(?:[\wäöüß]+\s+){0,4}(?:zurück|wieder\s+da)\b[^.!?]*$|\bnach\s+(?:ihrer|seiner|deren)\s+rückkehr\b[^.!?]*$",
    copula_before=(r"\b(?:(?:danach|dann|da|es|anschließend)\s+(?:ist|wäre|kommt)|(?:ist|kommt)\s+(?:ja|doch|schon|eh))"
                   r"\s+(?:ja\s+|doch\s+|schon\s+|eh\s+|dann\s+|auch\s+)*$"),
    greeting=(r"\b(?:frohe|frohes|fröhliche|schöne|schönes|schönen|gesegnete|gesegnetes|erholsame|erholsames|"
              r"erholsamen|angenehme|angenehmes|guten|genießen\s+sie)\s+(?:die\s+|das\s+|den\s+)?$"),
    after_that=(r"[^.!?]*?\b(?:danach|anschließend|im\s+anschluss|sobald\s+(?:sie|er|ich|wir|die\s+\w+|der\s+\w+)\s+"
                r"(?:wieder\s+)?(?:zurück|da|im\s+büro)|wenn\s+(?:sie|er)\s+(?:wieder\s+)?(?:zurück|da)\s+ist|"
                r"nach\s+(?:ihrer|seiner|deren)\s+rückkehr|kurz\s+(?:danach|darauf)|bald\s+danach)\b"),
    week_of=r"(?:in\s+)?(?:der\s+)?woche\s+(?:vom|ab\s+dem|ab|des)\s+(?:montag,?\s+)?(?:dem\s+|den\s+)?$",
    week_after=r"(?:in\s+)?(?:der\s+)?woche\s+nach\s+(?:dem\s+|den\s+)?$",
    following_weekday=rf"(?:am\s+)?(?:darauffolgenden|folgenden)\s+(?P<wd>{alt(WEEKDAYS)})\b",
    same_day=r"(?:noch\s+)?(?:am\s+)?(?:selben|gleichen)\s+tag\b",
    following_day=r"(?:am\s+)?(?:nächsten|folgenden|darauffolgenden)\s+tag\b|(?:am\s+)?tag\s+danach\b",
    following_week=r"(?:in\s+)?(?:der\s+|die\s+)?(?:darauffolgenden|folgenden)\s+woche\b|(?:in\s+)?(?:der|die)\s+woche\s+(?:darauf|danach)\b",
    week_narrowed_to=(r"\s*(?:[,;:]|-+|\.\.\.)?\s*(?:(?:vielleicht|wahrscheinlich|voraussichtlich|eventuell|"
                      r"vermutlich|sagen\s+wir|evtl\.?)\s*,?\s+)?(?:am\s+|bis\s+)?"
                      r"(?P<wd>montag|dienstag|mittwoch|donnerstag|freitag)\b"),
    decision=_DECISION, not_decision=_NOT_DECISION, invitation=_INVITATION,
    cue_words={"withdrawn": ("versprech", "garant", "zusagen", "gewähr", "länger", "sagen", "schauen", "sehen"),
               "consequent": ("falls", "wenn", "probe", "runde", "stufe", "phase", "vertrag", "sonst"),
               "sometime": ("irgendwann", "laufe"), "because": ("wegen", "aufgrund")},
    shortly=r"\b(?:kurz|bald)\s+(?:danach\s+|darauf\s+)?$",
    deadline=r"\bspätestens\b|\bnicht\s+später\s+als\b",
    lower_bound_before=(r"(?:\b(?:ab|frühestens|erst\s+ab|nicht\s+vor)|"
                        r"\b(?:nicht|nichts|kein\w*)(?:\s+[a-zäöüß]+){0,4}?\s+(?:bis|vor))"
                        r"(?:\s+(?:dem|den|der|zum|zur))?\s*$"),
    lower_bound_after=(r"\s*,?\s*(?:frühestens|am\s+frühesten|(?:aber\s+)?nicht\s+(?:vorher|früher|davor))\b"
                       # "der Chef ist bis nach Maria Himmelfahrt auf Urlaub": away until then
                       r"|\s+(?:noch\s+)?(?:auf|im|in\s+den)\s+urlaub\b|\s+(?:noch\s+)?(?:weg|abwesend|verreist|krank)\b"),
    hedge_after=r"\s+oder\s+so\b",
    approximate_before=(r"\b(?:ca\.?|circa|zirka|ungefähr|schätzungsweise)\s+"
                        rf"|\b{NUM}\s*,\s*(?={NUM}\b)"),
    approximate_count=r"\b(?:etwa|rund)\s+$",
    approximate_after=r"\s*,?\s*(?:mehr\s+oder\s+weniger|plus\s+minus|ungefähr|circa)\b",
    approximate_range=r"\b(?:normalerweise|erfahrungsgemäß|üblicherweise|in\s+der\s+regel|meistens|dauert|prozess|kommenden|etwa|rund)\b",
    by_then=r"\b(?:bis\s+dahin|bis\s+zu\s+diesem\s+(?:zeitpunkt|termin)|dann\s+wissen\s+sie)\b",
    because=r"\b(?:wegen|aufgrund)\s+(?:de[mnrs]?\s+|die\s+|das\s+)?$",
    sometime_after=r"\birgendwann\s+(?:\w+\s+){0,2}nach\b", sometime_tail=r"\s+irgendwann\b",
    sometime=r"\b(?:irgendwann|im\s+laufe)\s+(?:im\s+|in\s+der\s+|des\s+|der\s+|im\s+laufe\s+|nach\s+(?:dem\s+|der\s+|den\s+)?)?$",
    negated_after=r"\b(?:nicht|nichts|nix|kein\w*)\b",
    promised_earlier=(r"\b(?:ursprünglich|eigentlich|zunächst)\b|\b(?:haben|hatten|hab|hatte)\s+(?:ihnen|dir|euch)\s+"
                      r"(?:[a-zäöüß.]+\s+){0,5}?(?:zugesagt|gesagt|versprochen|angekündigt|genannt|in\s+aussicht\s+gestellt)\b"),
    taken_back=(r"\b(?:aber|jedoch|doch|leider|nun|jetzt|zwar)\b[^.!?]{0,80}?\b(?:nicht|kein\w*|verschoben|verzögert|"
                r"später|länger|halten|gestoppt|gestrichen|eingefroren|auf\s+eis|pausiert|abgesagt)\b"),
    withdrawn=(r"\b(?:kann|können|könnte)\s+(?:aber\s+|ich\s+|wir\s+|es\s+)*(?:nix|nichts|keine\w*)\s+"
               r"(?:versprechen|garantieren|zusagen)|\bohne\s+gewähr\b|\bkeine\s+garantie\b|"
               # "versprechen kann ich nix", "nichts versprechen", "kein Versprechen"
               r"\b(?:versprechen|garantieren|zusagen)\s+(?:kann|können|könnte)\s+(?:ich|wir|man)\s+(?:es\s+|das\s+|aber\s+)*"
               r"(?:nix|nichts|nicht)\b|\b(?:nix|nichts)\s+(?:versprechen|garantieren|zusagen)\b|\bkein\s+versprechen\b|"
               r"\b(?:schauen|sehen)\s+wir\s+(?:mal\s+)?weiter\b|\bmal\s+schauen\b|"
               r"\b(?:kann|könnte)\s+(?:aber\s+)?(?:auch\s+)?(?:etwas\s+)?länger\s+dauern\b|"
               r"\bkann(?:'s|\s+es)?\s+(?:ihnen\s+|dir\s+|euch\s+)?(?:ehrlich\s+gesagt\s+|leider\s+|noch\s+)*nicht\s+(?:genau\s+)?sagen\b"),
    correction=(r"\b(?:sagen\s+wir|ich\s+meine|besser\s+gesagt|nein|moment|korrektur|quatsch|oder\s+besser|"
                r"pardon|sorry|äh|ähm|also\s+(?=bis\b)|d\.\s?h\.|das\s+heißt)\b"),
    consequent=(r"\b(?:falls|wenn)\s+(?:es\s+)?(?:positiv|klappt|passt)|\bprobetag\w*|\bprobearbeit\w*|"
                r"\b(?:zweite|nächste|dritte)[nr]?\s+(?:runde|stufe|phase)\b|\bvertragsunterlagen\b|\b(?:falls|wenn)\s+nicht\b|"
                r"\bansonsten\b|\bsonst\b"),
    phrases={"vor ende": "bis ende", "vor dem ende": "bis zum ende", "vor monatsende": "bis monatsende",
             "wochenfrist": "einer woche", "vor jahresende": "bis jahresende", "vor dem monatsende": "bis monatsende",
             "bevor der monat zu ende ist": "bis monatsende", "bevor der monat vorbei ist": "bis monatsende",
             "bevor der monat rum ist": "bis monatsende", "bevor die woche vorbei ist": "bis ende der woche"},
    after_words=frozenset({"nach"}), before_words=frozenset({"vor"}),
    count_before_after=rf"\b(?P<n>{NUM})\s+(?P<unit>werktagen?|werktage|arbeitstagen?|arbeitstage|tagen?|tage|wochen?)\s+$",
    stop_words=frozenset({"bis", "spätestens", "innerhalb", "binnen", "aber", "jedoch", "voraussichtlich",
                          "wahrscheinlich", "hoffentlich"}),
    not_a_date_after=frozenset({"runde", "runden", "stock", "etage", "platz", "kandidat", "kandidaten", "gespräch",
                                "termin", "mal", "schritt", "stufe", "tag", "tage", "tagen", "woche", "wochen",
                                "monat", "monate", "jahr", "jahre", "person", "personen", "uhr", "grad", "prozent"}),
    week_words=frozenset({"woche"}),
    detect={w: 1.0 for w in (
        "wir", "sie", "ihnen", "uns", "ihr", "dich", "dir", "du", "bis", "der", "die", "das", "dem", "den", "des",
        "und", "nicht", "nächste", "nächsten", "nächster", "naechste", "naechsten", "woche", "wochen", "tage", "tagen",
        "werktagen", "arbeitstagen", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
        "januar", "jänner", "februar", "märz", "maerz", "juni", "juli", "oktober", "dezember", "ende", "anfang",
        "mitte", "melden", "entscheidung", "ist", "sind", "wird", "werden", "noch", "im", "zum", "zur", "auf", "mit",
        "von", "für", "ein", "eine", "einer", "einem", "spätestens", "morgen", "heute", "übermorgen", "danke",
        "gerne", "bescheid", "rückmeldung", "vor", "nach", "ab", "dann", "ich", "es", "auch", "kw", "feiertag",
        "feiertagen", "feiertage", "ostern", "pfingsten", "weihnachten", "monats", "monat", "kommenden",
        "übernächste", "uebernaechste", "voraussichtlich", "zeitnah", "wochenende", "am", "frühestens", "innerhalb",
        "melde", "mich", "dass", "hallo", "liebe", "lieber", "grüße", "gruss", "quartal", "jahresende", "heuer",
        "zwei", "drei", "vier", "fünf", "zehn", "vierzehn", "acht", "einigen", "paar", "nächstes", "kommende",
        "diese", "diesen", "dieser", "hören", "entscheiden", "wochen", "gespräch", "vielen", "dank", "leider",
        "bald", "kurz", "gleich", "erst", "schon", "wieder", "zurück", "urlaub", "frohe", "schöne")},
)
LEXICON.detect.update({k: 1.0 for k in unaccented(LEXICON.detect)})

# The kinds of words a pattern needs (``resolution.triggers``), found as parts of words: compounds.
SUBSTRINGS = True
FEATURES = {
    "unit": ("tag", "woche", "monat", "stund", "std", "jahr"), "week": ("woche", "kw"), "monthly": ("monat",),
    "year": ("jahr", "heuer"), "quarter": ("quartal", "q1", "q2", "q3", "q4"), "month": tuple(MONTHS),
    "weekday": tuple(WEEKDAYS), "ordinal": tuple(_ORDINAL_STEMS.values()), "tomorrow": ("morgen",),
    "today": ("heute", "feierabend", "dienstschluss", "geschäftsschluss", "laufe des tages"),
    "long": ("lange", "brückentag", "verlängert"), "holiday": ("feiertag",),
    "season": ("feiertag", "festtag", "ferien", "neue", "sommer", "urlaub", "pause"), "next day": ("tag",),
    "same": ("selben", "gleichen"),
}

_PRE = r"(?:in|innerhalb\s+von|innerhalb|binnen|nach|in\s+etwa|in\s+ca\.?|in\s+circa|etwa|ca\.?|circa|ungefähr|rund|bis\s+in)"
_PART_OF_MONTH = (r"anfang|anfangs|mitte|ende|gegen\s+ende|zu\s+beginn|beginn|spätestens\s+ende|"
                  r"in\s+der\s+(?:ersten|zweiten|dritten|letzten)\s+(?:woche|hälfte)|(?:erste|zweite|dritte|letzte)\s+"
                  r"(?:woche|hälfte)|(?:ersten|zweiten|dritten|letzten)\s+woche")

PATTERNS = [
    (rf"\b(?P<anchor>heute|morgen|{WEEKDAY})\s+in\s+(?P<n>{NUM})\s+(?P<unit>wochen?|tagen)\b", r.anchored, None),
    (r"\b(?:(?P<part>anfang|mitte|ende)\s+(?:der\s+)?)?(?:in\s+)?(?:der\s+)?(?:kw|kalenderwoche)\s*\.?\s*(?P<w>\d{1,2})\b|\b(?P<w2>\d{1,2})\.\s*(?:kw|kalenderwoche)\b",
     r.calendar_week, None),
    (r"\b(?:nach|über)\s+(?:dem|das)\s+(?:langen\s+wochenende|verlängerten\s+wochenende)\b", r.after_long_weekend, None),
    (r"\b(?:dem|den|am)\s+(?:nächsten\s+)?brückentag\b", r.bridge_day, {"long"}),
    (r"\b(?:nach|über)\s+dem\s+(?:nächsten\s+)?feiertag\b", r.after_next_holiday, None),
    (r"\bnach\s+den\s+(?:nächsten\s+)?feiertagen\b", r.after_holidays_or_next, {"holiday"}),
    (r"\bvor\s+dem\s+(?:langen\s+wochenende|verlängerten\s+wochenende)\b", r.before_long_weekend, {"long"}),
    (r"\bdiese\s+oder\s+(?:die\s+)?nächste\s+woche\b|\b(?:in\s+)?dieser\s+oder\s+(?:der\s+)?nächsten\s+woche\b", r.end_of_next_week, {"week"}),
    (r"\b(?:nach|über)\s+(?:den|die)\s+(?:weihnachts|fest|)(?:feiertage[n]?|festtage[n]?|ferien)(?:\s+zum\s+jahreswechsel)?\b"
     r"|\bnach\s+(?:den\s+)?(?:weihnachtsferien|winterferien)\b", r.after_the_holidays, None),
    (r"\b(?:im|ins)\s+neue[n]?\s+jahr\b", r.in_the_new_year, {"season"}),
    (r"\bnach\s+(?:der\s+sommerpause|den\s+sommerferien|dem\s+sommer|den\s+ferien|der\s+urlaubszeit)\b", r.back_to_work_season, None),
    (r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b", r.iso, None),
    (r"\b(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.(?:(?P<y>\d{4}|\d{2})\b|(?!\d))", r.numeric, None),
    (r"(?<![\d.,])\b(?P<a>\d{1,2})[./](?P<b>\d{1,2})(?:/(?P<y>\d{4}|\d{2}))?\b(?![.,]?\d|\s*(?:uhr|h\b|%|prozent))", r.numeric, None),
    (rf"(?:\b{WEEKDAY},?\s+)?(?:\b(?:den|dem|am)\s+)?\b(?P<d>{ORD})\s*(?P<m>{MONTH}){_END}(?:\s+(?P<y>\d{{4}}))?", r.month_day, None),
    (r"\b(?:(?P<part>anfang|mitte|ende)\s+(?:des\s+)?)?(?P<q>q[1-4]|(?:[1-4]\.|ersten|zweiten|dritten|vierten|erste|zweite|dritte|vierte)\s+quartals?"
     r"|(?:nächsten|nächstes|kommenden|kommendes|diesem|dieses)\s+quartals?|des\s+quartals)(?:\s+(?P<y>\d{4}))?", r.quarter, None),
    (r"\b(?:zum\s+|bis\s+zum\s+)?quartalsende\b", r.end_of_quarter, None),
    (r"\b(?P<part>anfang|ende|mitte)\s+(?:des\s+|dieses\s+|diesen\s+)?(?:nächsten\s+|kommenden\s+|neuen\s+)?jahr(?:es|s)?\b"
     r"|\b(?:jahresende|ende\s+heuer|ende\s+jahr)\b", r.year_end, None),
    (rf"\b(?P<part>{_PART_OF_MONTH})\s+(?:des\s+|dieses\s+|im\s+|von\s+|vom\s+)?"
     rf"(?P<which>{MONTH}{_END}|(?:des\s+)?(?:nächsten|kommenden|folgenden)\s+monats|dieses\s+monats|diesen\s+monats|des\s+monats|monat(?:s)?\b)", r.part_of_month, None),
    (r"\bmonats(?P<part>ende|mitte|anfang|beginn)\b(?P<which>)", r.part_of_month, None),
    (rf"\b(?:in\s+der\s+)?(?P<part>ersten|zweiten)\s+(?P<which>{alt(MONTHS)})hälfte\b", r.half_of_month, None),
    (r"\b(?:in\s+der\s+)?(?P<part>ersten|zweiten|dritten|letzten)\s+(?P<which>januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember)woche\b",
     r.part_of_month, None),
    (rf"\b(?P<prep>im|in|bis|bis\s+zum|vor|nach|ab|während|im\s+laufe\s+des|gegen)\s+(?:monat\s+)?(?P<m>{MONTH}){_END}(?!\s*\d)", r.bare_month, None),
    (rf"\b(?:(?P<prep>bis\s+spätestens\s+zum|bis\s+spätestens\s+am|bis\s+spätestens|spätestens\s+am|spätestens\s+zum|bis\s+zum|noch\s+vor\s+dem|vor\s+dem|nach\s+dem|ab\s+dem|frühestens\s+am|frühestens\s+ab\s+dem|erst\s+am|spätestens|bis|am|zum|ab|vor|nach)\s+(?:{WEEKDAY},?\s+)?(?:den\s+|dem\s+)?"
     rf"|\b{WEEKDAY},?\s+(?:den\s+)?|\b(?:den|dem)\s+)(?P<d>\d{{1,2}}\.|{alt(ORDINALS)})(?!\d)(?:\s+(?:des\s+)?(?P<rel>nächsten|kommenden|diesen|dieses)\s+monats)?", r.day_of_month, None),
    (r"\b(?:(?:zum|bis\s+zum|bis)\s+)?(?:monatsende|(?:am\s+)?monatsletzten)\b|\b(?:im\s+|in\s+)?(?:nächsten|kommenden)\s+monat\b|\b(?:noch\s+)?(?:in\s+)?(?:diesem|diesen)\s+monat\b"
     r"|\binnerhalb\s+des\s+monats\b|\bim\s+laufe\s+des\s+(?:nächsten\s+|kommenden\s+)?monats\b", r.month_relative, None),
    (r"(?<!heute\s)(?<!am\s)(?<!guten\s)(?<!jeden\s)(?<!diesen\s)\b(?:übermorgen|morgen(?:\s+oder\s+übermorgen)?)\b(?!\s*früh\s+um)", r.tomorrow, None),
    (r"\b(?:in|innerhalb|während|im\s+laufe)\s+(?:den|der)\s+(?:nächsten|kommenden)\s+(?P<unit>tage|tagen|wochen|monate|monaten)\b", r.coming, None),
    (r"\b(?:innerhalb|im\s+laufe|in\s+laufe)\s+(?:der|dieser)\s+(?P<this>)(?P<unit>woche)\b", r.the_unit, None),
    (r"\b(?:(?:dieses|nächstes|kommendes|nächsten|kommenden|diesem)\s+)?wochenende\b", r.weekend, None),
    (rf"\b{WEEKDAY},?\s+(?:den\s+)?(?P<d>\d{{1,2}}\.)(?!\s*\d)", r.weekday_and_day, None),
    (rf"\b(?:(?P<mod>am\s+kommenden|am\s+nächsten|am\s+folgenden|am\s+darauffolgenden|diesen\s+kommenden|nächsten|kommenden|diesen|folgenden|darauffolgenden|übernächsten|am\s+übernächsten)\s+)?(?P<wd>{WEEKDAY})\b"
     r"(?:\s+(?P<post>(?:in\s+der\s+|der\s+)?(?:nächsten|kommenden|übernächsten)\s+woche|nächster\s+woche|kommender\s+woche|übernächster\s+woche|(?:in\s+)?dieser\s+woche|diese\s+woche))?", r.weekday, None),
    (rf"\b(?:(?P<mod>nächsten|kommenden|diesen)\s+)?(?P<wd>{alt(WEEKDAYS_SHORT)})\b\.?(?![\wäöüß])(?:\s+(?P<post>nächster\s+woche|dieser\s+woche))?", r.weekday_short, None),
    (r"\b(?:(?P<part>anfang|anfangs|mitte|ende|gegen\s+ende|im\s+laufe|im\s+verlauf|zu\s+beginn|beginn|spätestens\s+ende)\s+)?"
     r"(?P<which>der\s+nächsten|der\s+kommenden|in\s+der\s+nächsten|in\s+der\s+kommenden|in\s+dieser|nächster|kommender|dieser|nächste|kommende|diese|"
     r"übernächster|übernächste|der\s+übernächsten|in\s+der\s+übernächsten|der\s+folgenden|in\s+der|der)\s+woche\b", r.week, None),
    (r"\b(?P<part>anfang|anfangs|mitte|ende)\s+(?P<which>)woche\b", r.week, None),
    (r"\bmitte\s+der\s+woche\b", r.midweek, None),
    (r"\b(?:in\s+)?(?:der|die)\s+(?:darauffolgenden\s+woche|woche\s+(?:darauf|danach))\b", r.following_week, None),
    (rf"\b(?:(?P<pre>{_PRE})\s+)?(?:den\s+nächsten\s+|der\s+nächsten\s+|etwa\s+|ca\.?\s+|circa\s+|rund\s+)?(?P<a>{NUM})\s*(?:-|bis|oder)\s*(?P<b>{NUM})\s+(?:weiteren\s+)?(?P<unit>{UNIT}){_END}", r.range_, None),
    (r"\b(?:noch\s+)?(?:am\s+)?(?:selben|gleichen)\s+tag\b", r.same_day, None),
    (r"\b(?:am\s+)?(?:nächsten|folgenden|darauffolgenden)\s+tag\b|\bam\s+tag\s+danach\b", r.following_day, None),
    (rf"\b(?:(?P<pre>{_PRE})\s+)?(?:den\s+nächsten\s+|der\s+nächsten\s+|den\s+kommenden\s+|der\s+kommenden\s+|etwa\s+|ca\.?\s+|circa\s+|ungefähr\s+|rund\s+)?"
     rf"(?P<n>{NUM})\s*(?:weiteren\s+)?(?P<unit>{UNIT}){_END}(?P<half>)", r.duration, None),
    (r"\b(?:noch\s+)?heute(?:\s+(?:noch|abend|nachmittag))?\b|\bbis\s+(?:zum\s+)?(?:feierabend|dienstschluss|geschäftsschluss)\b|\bim\s+laufe\s+des\s+tages\b", r.today, None),
    "holidays",
    (r"\b(?:wir\s+melden\s+uns|melden\s+uns|melde\s+mich|melden\s+wir\s+uns|bald|zeitnah|in\s+kürze|demnächst|so\s+bald\s+wie\s+möglich|"
     r"sobald\s+wie\s+möglich|schnellstmöglich|baldmöglichst|asap|von\s+uns\s+hören|von\s+mir\s+hören|kommen\s+auf\s+(?:sie|dich)\s+zu|"
     r"geben\s+(?:ihnen|dir)\s+bescheid|auf\s+dem\s+laufenden|sobald\s+wir|noch\s+offen|irgendwann|rückmeldung)\b", r.vague, None),
]

AROUND = rf"\b(?:am\s+|in\s+der\s+|die\s+|der\s+)?(?P<rel>{WEEKDAY}|woche|tag)\s+(?P<dir>nach|vor)\s+(?:dem\s+|der\s+|den\s+)?"
