"""Spanish (Spain, Mexico, Argentina and the rest of Latin America): its words and its patterns.

Mexican usage ("la semana entrante", "ahorita", "le marcamos", el Día de Muertos) and the
River Plate's ("setiembre", "el feriado", "el finde largo", voseo: "escribime") are part of
the one lexicon; a holiday kept in only some countries says so.
"""

from __future__ import annotations

from clinch.core.timeline import resolution as r
from clinch.core.timeline.lexicon import Holiday, Lexicon, alt, month_regex, unaccented

MONTHS = {
    "enero": 1, "ene": 1, "febrero": 2, "feb": 2, "marzo": 3, "abril": 4, "abr": 4, "mayo": 5, "junio": 6, "jun": 6,
    "julio": 7, "jul": 7, "agosto": 8, "septiembre": 9, "setiembre": 9, "sept": 9, "sep": 9, "set": 9, "octubre": 10,
    "oct": 10, "noviembre": 11, "nov": 11, "diciembre": 12, "dic": 12,
}
WEEKDAYS = {"lunes": 0, "martes": 1, "miércoles": 2, "jueves": 3, "viernes": 4, "sábado": 5, "domingo": 6}
WEEKDAYS_SHORT = {"lun": 0, "mié": 2, "jue": 3, "vie": 4}
NUMBERS = {
    "un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "dieciséis": 16,
    "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiuno": 21, "veintiún": 21,
    "veintidós": 22, "veinticinco": 25, "treinta": 30, "cuarenta": 40, "cuarenta y cinco": 45, "cincuenta": 50,
    "sesenta": 60, "noventa": 90, "un par de": 2, "par de": 2, "unos": 3, "unas": 3, "unos pocos": 3,
    "unas pocas": 3, "pocos": 3, "pocas": 3, "algunos": 3, "algunas": 3, "varios": 3, "varias": 3,
    "una quincena de": 15,
}
VAGUE_NUMBERS = frozenset({"un par de", "par de", "unos", "unas", "unos pocos", "unas pocas", "pocos", "pocas",
                           "algunos", "algunas", "varios", "varias"})
ORDINALS = {"primero": 1, "1°": 1, "1º": 1, "1ro": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
            "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "quince": 15, "veinte": 20, "treinta": 30}

WORDS = {
    "para": "by", "para el": "by", "antes": "before", "a más tardar": "by", "a más tardar el": "by", "antes de": "before",
    "antes del": "before", "antes de la": "before", "después de": "after", "después del": "after",
    "después de la": "after", "tras": "after", "tras el": "after", "luego de": "after", "luego del": "after",
    "hasta": "until", "hasta el": "until", "a partir del": "from", "a partir de": "from", "desde": "from",
    "desde el": "from", "el": "on", "en": "in", "dentro de": "in", "durante": "during", "en el transcurso de": "in",
    "a lo largo de": "in", "hacia": "around", "hacia el": "around", "en el mes de": "in", "para el mes de": "by",
    "próximo": "next", "próxima": "next", "próximos": "next", "próximas": "next", "que viene": "next",
    "entrante": "next", "que entra": "next", "siguiente": "following", "pasando el": "after", "pasando": "after", "este": "this", "esta": "this", "el próximo": "next",
    "el siguiente": "following",
    "semana": "week", "semanas": "weeks", "mes": "month", "meses": "months", "año": "year", "años": "years",
    "día": "day", "días": "days", "hora": "hour", "horas": "hours", "horas hábiles": "business hours",
    "horas laborables": "business hours", "hs": "hours", "h": "hours",
    "días hábiles": "business days", "días laborables": "business days", "días laborales": "business days",
    "día hábil": "business day", "día laborable": "business day", "días útiles": "business days",
    "quincena": "fortnight", "quincenas": "fortnights", "trimestre": "quarter",
    "principios": "early", "comienzos": "early", "inicios": "early", "principio": "early", "comienzo": "early",
    "inicio": "early", "mediados": "mid", "mitad": "mid", "finales": "end", "fines": "end", "fin": "end",
    "final": "end", "la primera semana": "first week", "primera semana": "first week",
    "la segunda semana": "second week", "segunda semana": "second week", "la tercera semana": "third week",
    "la última semana": "end", "última semana": "end", "la primera quincena": "first half",
    "primera quincena": "first half", "la segunda quincena": "second half", "segunda quincena": "second half",
    "primer": "first", "primero": "first", "segundo": "second", "tercer": "third", "tercero": "third",
    "cuarto": "fourth", "1er": "first", "2do": "second", "3er": "third", "4to": "fourth", "t1": "q1", "t2": "q2",
    "t3": "q3", "t4": "q4",
    "la semana que viene": "next", "semana que viene": "next", "la próxima semana": "next", "próxima semana": "next",
    "la semana próxima": "next", "semana próxima": "next", "la semana entrante": "next", "semana entrante": "next",
    "la semana siguiente": "next", "semana siguiente": "next", "la semana que entra": "next",
    "semana que entra": "next", "de la semana que entra": "next week", "esta semana": "this", "esta misma semana": "this",
    "la semana": "this", "la otra semana": "next",
    "de la semana que viene": "next week", "de la próxima semana": "next week", "de la semana próxima": "next week",
    "de la semana entrante": "next week", "de la semana siguiente": "next week", "de esta semana": "this week",
    "el mes que viene": "next month", "mes que viene": "next month", "el próximo mes": "next month",
    "próximo mes": "next month", "del mes que viene": "next month", "del próximo mes": "next month",
    "el mes entrante": "next month", "del mes entrante": "next month", "de este mes": "this month",
    "este mes": "this month", "del mes": "the month", "de mes": "month", "mes en curso": "this month",
    "del mes en curso": "this month",
    "el próximo trimestre": "next quarter", "próximo trimestre": "next quarter", "este trimestre": "this quarter",
    "del trimestre": "the quarter", "de trimestre": "quarter", "el trimestre": "the quarter",
    "hoy": "today", "mañana": "tomorrow", "pasado mañana": "day after tomorrow",
    "mañana o pasado": "tomorrow or the day after", "mañana o pasado mañana": "tomorrow or the day after",
    "fin de semana": "weekend", "finde": "weekend",
}

_FIESTAS = {
    "semana santa": Holiday(easter=-3, days=4), "pascua": Holiday(easter=0), "pascuas": Holiday(easter=0),
    "jueves santo": Holiday(easter=-3), "viernes santo": Holiday(easter=-2), "lunes de pascua": Holiday(easter=1),
    "domingo de resurrección": Holiday(easter=0), "corpus": Holiday(easter=60), "corpus christi": Holiday(easter=60),
    "carnaval": Holiday(easter=-48, days=2), "carnavales": Holiday(easter=-48, days=2),
    "navidad": Holiday(month=12, day=25), "nochebuena": Holiday(month=12, day=24),
    "nochevieja": Holiday(month=12, day=31), "año nuevo": Holiday(month=1, day=1),
    "reyes": Holiday(month=1, day=6), "día de reyes": Holiday(month=1, day=6), "los reyes": Holiday(month=1, day=6),
    "los reyes magos": Holiday(month=1, day=6), "el día de reyes": Holiday(month=1, day=6),
    "el puente de mayo": Holiday(month=5, day=1), "puente de mayo": Holiday(month=5, day=1),
    "el puente de diciembre": Holiday(month=12, day=6, days=3), "puente de diciembre": Holiday(month=12, day=6, days=3),
    "el puente de la constitución": Holiday(month=12, day=6, days=3),
    "puente de la inmaculada": Holiday(month=12, day=6, days=3), "día de la constitución": Holiday(month=12, day=6),
    "la constitución": Holiday(month=12, day=6), "la inmaculada": Holiday(month=12, day=8),
    "la hispanidad": Holiday(month=10, day=12), "día de la hispanidad": Holiday(month=10, day=12),
    "el pilar": Holiday(month=10, day=12), "todos los santos": Holiday(month=11, day=1),
    "día de todos los santos": Holiday(month=11, day=1), "la asunción": Holiday(month=8, day=15),
    "día del trabajo": Holiday(month=5, day=1), "día del trabajador": Holiday(month=5, day=1),
    "primero de mayo": Holiday(month=5, day=1), "san juan": Holiday(month=6, day=24),
    "sant joan": Holiday(month=6, day=24), "la diada": Holiday(month=9, day=11), "san isidro": Holiday(month=5, day=15),
    "día de muertos": Holiday(month=11, day=2), "día de los muertos": Holiday(month=11, day=2),
    "las fiestas patrias": (Holiday(month=9, day=16, countries=frozenset({"MX"})),
                            Holiday(month=9, day=18, days=2, countries=frozenset({"CL"})),
                            Holiday(month=7, day=28, days=2, countries=frozenset({"PE"}))),
    "fiestas patrias": (Holiday(month=9, day=16, countries=frozenset({"MX"})),
                        Holiday(month=9, day=18, days=2, countries=frozenset({"CL"})),
                        Holiday(month=7, day=28, days=2, countries=frozenset({"PE"}))),
    "día de la independencia": (Holiday(month=9, day=16, countries=frozenset({"MX"})),
                                Holiday(month=7, day=9, countries=frozenset({"AR"})),
                                Holiday(month=7, day=20, countries=frozenset({"CO"}))),
    "el grito": Holiday(month=9, day=15), "día de la revolución": Holiday(names=("revolution day",)),
    "día de la bandera": Holiday(month=6, day=20), "día de la virgen": Holiday(month=12, day=12),
    "la guadalupana": Holiday(month=12, day=12), "día de la virgen de guadalupe": Holiday(month=12, day=12),
    "halloween": Holiday(month=10, day=31), "san valentín": Holiday(month=2, day=14),
    "el puente del pilar": Holiday(month=10, day=12), "puente del pilar": Holiday(month=10, day=12),
    "el puente de la hispanidad": Holiday(month=10, day=12), "puente de la hispanidad": Holiday(month=10, day=12),
    "el puente de todos los santos": Holiday(month=11, day=1), "puente de todos los santos": Holiday(month=11, day=1),
    "el puente de san josé": Holiday(month=3, day=19), "puente de san josé": Holiday(month=3, day=19),
}
_TYPO_TARGETS = (*WEEKDAYS, "enero", "febrero", "marzo", "abril", "junio", "julio", "agosto", "septiembre",
                 "octubre", "noviembre", "diciembre", "semana", "semanas", "próxima", "próximo", "mañana", "hábiles",
                 "quincena", "trimestre", "después")
_SHORTHAND = {"prox": "próxima", "próx": "próxima", "sem": "semana", "q": "que", "pq": "porque", "xq": "porque",
              "d": "de", "hs": "horas", "hrs": "horas", "mñn": "mañana", "mñna": "mañana", "mnn": "mañana",
              "finde": "finde", "pa": "para", "x": "por", "tb": "también"}

_FUTURE = (
    r"\b(?:vamos\s+a|va\s+a|van\s+a|voy\s+a|será|serán|tendremos|tendrá|tendrás|tendrás|esperamos|pensamos|"
    r"planeamos|prevemos|calculamos|decid\w*|decisión|avis\w*|respuesta|responder\w*|confirm\w*|para|antes|"
    r"a\s+más\s+tardar|próxim\w*|que\s+viene|pronto|probablemente|seguramente|quizás|quizá|tal\s+vez|oferta|"
    r"comunicar\w*|contactar\w*|informar\w*|escribir\w*|llamar\w*)\b|\b[\wáéíóúñ]+(?:remos|réis|rán|ré)\b"
)
_PAST = (
    r"\b(?:fue|fueron|era|eran|tuvimos|tuvo|hubo|ayer|"
    r"anteayer|antier|(?<!mañana\so\s)pasado(?!\s+mañana)(?!\s+(?:el|la)\s)|pasada(?!\s+(?:el|la)\s)|hace|publicamos|publicó|empezó|comenzó|abrió|estuvo|hicimos|hizo|"
    r"entrevistamos)\b"
)
_DECISION = (
    r"\b(?:decid\w*|decisión|decisiones|respuesta\w*|respond\w*|avis\w*|confirm\w*|oferta|propuesta|resultado\w*|"
    r"comunicar\w*|comunicaremos|contactar\w*|informar\w*|noticias|feedback|retroalimentación|devolución|novedades|"
    r"veredicto|elegir|selección|contest\w*|(?:te|le|les|os)\s+(?:escrib|llam|marc)\w*)\b"
)
_NOT_DECISION = (
    r"\b(?:entrevistas?|rondas?|"
    r"reuniones|reunión|se\s+reúne|comité|vacaciones|de\s+viaje|se\s+vac[ií]a|se\s+para|(?:está|queda)\s+(?:todo\s+)?(?:vac[ií]o|parado)|cierra|cerramos|fuera\s+de\s+la\s+oficina|ausente|presupuesto|"
    r"candidat[oa]s?|entrevistamos|"
    r"año\s+fiscal|convocatoria|postulaciones|firma\s+del\s+contrato|cerrad[oa]s?|cubrir\s+(?:el|la)\s+\w+|debido\s+a|(?:por|con)\s+(?:el|los)\s+(?:puente|feriado|festivo)s?)\b"
)
_INVITATION = (  # ... and the job's start
    r"\b(?:fecha\s+de\s+(?:inicio|incorporación|ingreso)|incorporación|incorporarte|incorporarse|incorporaría|"
    r"empezar\w*|empiez\w*|comenzar\w*|comienza|comenzaría|iniciar\w*|primer\s+día|onboarding|envíenos|envíeme|"
    r"envíanos|envíame|mándanos|mandanos|enviarnos|sus\s+referencias|tus\s+referencias|su\s+documentación|no\s+dudes|no\s+dude|no\s+dudéis|puedes\s+(?:escribirme|llamarme|contactarme|escribir|llamar)|"
    r"puede\s+(?:escribirme|llamarme|contactarme)|podés\s+(?:escribirme|llamarme)|escríbeme|escribime|"
    r"me\s+(?:escribes|escribís|escribe|llamas|llamás|llama)|cualquier\s+(?:consulta|duda|pregunta|cosa)|"
    r"por\s+favor\s+(?:manda|mande|mandá|envía|envia|envíe|enviá|adjunta|adjunte)|manda(?:me|nos)?\s+(?:tu|su)|"
    r"(?:los|tus|sus)\s+(?:documentos|papeles|certificados)|documentación|"
    r"llámame|llamame|contáctame|contactame|mándame|estoy\s+disponible|felices?|buen\s+(?:fin\s+de\s+semana|finde|"
    r"puente|descanso|feriado)|que\s+(?:tengas|tenga|pases|pase)\s+(?:un\s+|una\s+)?(?:buen|buena|lindo|linda|"
    r"bonito|excelente|feliz)|disfruta|disfrute|disfrutá|próspero)\b"
)

WEEKDAY = rf"(?:{alt(WEEKDAYS)})"
MONTH = month_regex(MONTHS)
NUM = rf"(?:\d+(?:[.,]\d+)?|{alt(NUMBERS)})"
ORD = r"(?:\d{1,2}(?:°|º|ro)?(?!\d)|primero)"
UNIT = (r"(?:días?\s+(?:hábiles|laborables|laborales|útiles|hábil|laborable)|horas\s+(?:hábiles|laborables)|días?|semanas?|meses|mes|horas?|hs|"
        r"años?|quincenas?)")
_END = r"(?![\wáéíóúñü])"

LEXICON = Lexicon(
    code="es", name="Spanish", months=MONTHS, weekdays=WEEKDAYS, weekdays_short=WEEKDAYS_SHORT, numbers=NUMBERS,
    ordinals=ORDINALS, vague_numbers=VAGUE_NUMBERS, words=WORDS, holidays=_FIESTAS,
    accents_of=(*WORDS, *MONTHS, *WEEKDAYS, *NUMBERS, *_FIESTAS, "después", "más", "últimos",
                             "últimas", "última", "decisión", "comunicación", "información", "también", "podés",
                             "escríbeme", "llámame", "contáctame", "mándame", "reunión", "sábado", "miércoles",
                             "hábiles", "útiles", "días", "próximas", "próximos", "resolución", "selección",
                             "retroalimentación", "devolución", "incorporación", "quizás", "quizá", "está",
                             "disfrutá", "valentín", "resurrección", "mié"), accents_keep=("el", "tu", "si", "se", "mas", "que", "esta", "este", "solo", "como", "cuando",
                                  "mi", "te", "de", "aun", "esta", "ano", "anos", "mes", "papa", "como"),
    typo_targets=_TYPO_TARGETS, typo_keep=("semanal",), abbreviations={**_SHORTHAND,
               "ano": "año", "anos": "años"},
    letters="ñ¿¡", eight_days_is_a_week=True,
    future=_FUTURE, past=_PAST,
    past_verb_before=(r"\b(?:tuvimos|entrevistamos|publicamos|abrimos|empezamos|comenzamos|conocimos|hablamos\s+ayer)\b"
                      r"(?:\W+[\w']+){0,5}\W*$"),
    pleasantry_before=(r"\b(?:gracias\s+por|un\s+placer|fue\s+un\s+gusto|encantad[oa]\s+de)\s+(?:la\s+entrevista|conversar|"
                       r"hablar|la\s+charla|conocerte|conocerle|conocerlo|conocerla|platicar|charlar)(?:\s+contigo|"
                       r"\s+con\s+usted)?\s+$"),
    ago_after=r"\s*(?:atrás|antes)\b",
    ago_before=(r"\b(?:hace|desde\s+hace|(?:en\s+)?(?:los|las)\s+(?:últimos|últimas|pasados|pasadas)|"
                r"(?P<perfect>durante|por))\s+$"),
    perfect=r"\b(?:he|has|ha|hemos|han|había|habíamos|estuve|estuvo|trabajé|trabajó|fue|fueron|llevo|lleva)\b",
    frequency_before=r"\b(?:veces|vez|cada|por)\s+$",
    frequency_after=r"\s+(?:a\s+la|al|por|cada)\s+(?:día|semana|mes|año)\b",
    lead_word=r"(?:^|\s)(para|antes\s+del?|después\s+del?|tras|el|en|dentro\s+de|hasta|desde|durante|hacia|a)\s+$",
    short_weekday_lead=r"\b(?:para\s+el|el|antes\s+del|hasta\s+el|desde\s+el)\s+$",
    negated_before=r"\b(?:no|nunca|ni|tampoco|jamás|nada|ningun[oa]?)(?:\s+[\wáéíóúñü]+){0,4}?\s+(?P<b>antes)\b",
    from_word="desde",
    copula_after=r"\s+(?:es|será|era|siendo|cae)\b", falls_on_before=r"\b(?:es|cae|caen|cayendo|siendo|será)\s+(?:el\s+|en\s+|un\s+)?$",
    return_before=r"\b(?:en\s+cuanto|cuando|apenas|ni\s+bien)\s+(?:[\wáéíóúñ]+\s+){0,4}(?:vuelva|vuelvan|regrese|regresen|retorne|esté\s+de\s+vuelta)\b[^.!?]*$",
    copula_before=r"\b(?:luego|después|entonces|ya|que)\s+(?:es|será|sería|son|viene|llega)\s+(?:ya\s+)?(?:el\s+|la\s+|los\s+)?$",
    greeting=(r"\b(?:feliz|felices|buen|buena|buenas|linda|lindo|lindas|próspero|disfruta(?:\s+de)?(?:\s+la|\s+el)?|"
              r"que\s+(?:tengas|tenga|pases|pase)\s+(?:un\s+|una\s+|unas\s+)?(?:buen|buena|buenas|feliz|felices|linda|lindo|lindas)?)\s+$"),
    after_that=(r"[^.!?]*?\b(?:después\s+de\s+eso|luego\s+de\s+eso|tras\s+eso|a\s+su\s+(?:regreso|vuelta)|"
                r"cuando\s+(?:vuelva|regrese|esté\s+de\s+vuelta|vuelvan|regresen)|en\s+cuanto\s+(?:vuelva|regrese|"
                r"vuelvan|regresen)|una\s+vez\s+que\s+(?:vuelva|regrese|esté\s+de\s+vuelta)|poco\s+después"
                r"(?=\s*(?:[.,;!?]|$)))\b"),
    week_of=r"(?:la\s+)?semana\s+(?:del\s+)?(?:lunes\s+)?$",
    week_after=r"(?:la\s+)?semana\s+(?:después|posterior|siguiente)\s+(?:al|a\s+la|del|de\s+la|de)\s+$",
    following_weekday=rf"(?P<wd>{alt(WEEKDAYS)})\s+siguiente\b",
    same_day=r"(?:ese|el)\s+(?:mismo\s+día|día\s+mismo)\b",
    following_day=r"(?:al|el)\s+(?:día\s+siguiente|otro\s+día)\b|(?:al|el)\s+día\s+después\b",
    following_week=r"(?:\w+\s+)?(?:la\s+)?semana\s+(?:siguiente|después|posterior)\b",
    week_narrowed_to=(r"\s*(?:[,;:]|-+|\.\.\.)?\s*(?:(?:quizás|quizá|tal\s+vez|probablemente|seguramente|posiblemente|"
                      r"digamos|supongo\s+que)\s*,?\s+)?(?:el\s+|para\s+el\s+)?"
                      r"(?P<wd>lunes|martes|miércoles|jueves|viernes)\b"),
    decision=_DECISION, not_decision=_NOT_DECISION, invitation=_INVITATION,
    cue_words={"withdrawn": ("no ", "garant", "más", "sin fecha", "vemos"),
               "consequent": ("si ", "caso", "etapa", "fase", "entrevista", "ronda", "contrato", "oficina", "contrario"),
               "sometime": ("transcurso", "correr", "largo", "algún"), "because": ("con ", "por ", "debido", "causa")},
    shortly=r"\b(?:poco)\s+(?:después\s+)?$",  # "justo después" is right after: the first working day
    deadline=r"\ba\s+más\s+tardar\b|\bcomo\s+(?:muy\s+)?tarde\b|\bcomo\s+(?:máximo|mucho)\b",
    lower_bound_before=(r"(?:\b(?:desde(?:\s+del?)?|a\s+partir\s+del?|como\s+(?:muy\s+)?pronto|no\s+antes\s+del?|"
                        r"hasta\s+después(?:\s+del?)?)|"
                        r"\b(?:no|nada|nunca)(?:\s+[\wáéíóúñü]+){0,4}?\s+(?:antes\s+del?|hasta))"
                        r"(?:\s+(?:el|la|los|las))?\s*$"),
    lower_bound_after=r"\s*,?\s*(?:como\s+(?:muy\s+)?pronto|(?:pero\s+)?no\s+antes)(?![\wáéíóúñ])",
    hedge_after=r"\s*,?\s*(?:más\s+o\s+menos|aproximadamente)\b",
    approximate_before=r"\b(?:unos|unas|aproximadamente|alrededor\s+de|cerca\s+de|más\s+o\s+menos)\s+",
    approximate_after=r"\s*,?\s*(?:más\s+o\s+menos|aproximadamente|aprox\.?)(?![\wáéíóúñ])",
    approximate_range=r"\b(?:normalmente|generalmente|habitualmente|por\s+lo\s+general|suele|proceso|tarda\w*)\b",
    by_then=r"\b(?:para\s+entonces|para\s+esa\s+fecha|a\s+esa\s+altura)\b",
    because=r"\b(?:con|por|debido\s+a|a\s+causa\s+de)\s+(?:el\s+|la\s+|los\s+|las\s+)?$",
    sometime_after=r"\b(?:en\s+algún\s+momento|algún\s+tiempo)\s+(?:después|luego)\b",
    sometime_tail=r"\s*,?\s+en\s+algún\s+momento\b",
    sometime=r"\b(?:en\s+el\s+transcurso\s+de|en\s+el\s+correr\s+de|a\s+lo\s+largo\s+de|en\s+algún\s+momento\s+de)\s+(?:la\s+|el\s+)?$",
    negated_after=r"\b(?:no|nada|ningun\w*|nunca)\b",
    promised_earlier=(r"\b(?:inicialmente|originalmente|en\s+principio|al\s+principio)\b|\b(?:le|te|les)\s+(?:habíamos|había|"
                      r"habia|habiamos)\s+(?:dicho|prometido)\b|\b(?:le|te|les)\s+(?:dijimos|dije|prometimos|prometí)\b"),
    taken_back=(r"\b(?:pero|sin\s+embargo|al\s+final|lamentablemente|ahora)\b[^.!?]{0,80}?\b(?:no|pospu\w*|posterg\w*|"
                r"retras\w*|aplaz\w*|cambi\w*|más\s+tarde|congel\w*|suspend\w*|cancel\w*|en\s+pausa|fren\w*)\b"),
    withdrawn=(r"\b(?:todavía|aún|aun)\s+no\s+(?:tenemos|hay)\s+(?:una\s+)?fecha\b|\bno\s+(?:te|le|les|os)?\s*(?:puedo|podemos)\s+(?:prometer|garantizar|asegurar)\w*|"
               r"\bsin\s+fecha(?:\s+(?:fija|exacta|definida|cerrada))?\b|\bno\s+sé\s+(?:bien\s+|todavía\s+|aún\s+)?cuándo\b|"
               r"\b(?:ya\s+)?veremos\b|(?<=\s)vemos(?=\s*[,.;!?]|$)|"
               r"\bsin\s+garantías?\b|\b(?:quizás|quizá|tal\s+vez)\s+(?:un\s+poco\s+)?más\b|"
               r"\b(?:puede|podría)\s+(?:tardar|demorar|llevar)\s+(?:un\s+poco\s+)?más\b|"
               r"\bno\s+(?:te|le|les|os)\s+(?:puedo|podemos|sé|sabemos)\s+(?:dar|decir)\s+(?:el\s+día|la\s+fecha|una\s+fecha|cuándo)\b"),
    correction=(r"\b(?:mejor\s+dicho|digo|perdón|perdon|o\s+sea|es\s+decir|digamos|no,?\s+espera|corrijo|no,?\s+mejor|"
                r"o\s+mejor|uy\s+no|(?<=[.!?]\s)mejor(?=\s+(?:el|la|los|las|para)\b))(?![\wáéíóúñ])"),
    consequent=(r"\bsi\s+(?:es|sale|resulta)\s+(?:positiv\w*|bien|que\s+sí)|\ben\s+caso\s+(?:positivo|afirmativo)\b|"
                r"\b(?:segunda|tercera|próxima|siguiente)\s+(?:etapa|fase|entrevista|ronda)\b|\bcontrato\b|"
                r"\bno\s+hay\s+oficina\b|\boficina\s+(?:está\s+)?cerrada\b|\bsi\s+no,|\bde\s+lo\s+contrario\b"),
    phrases={"en lo que queda de mes": "para fin de mes", "en lo que queda del mes": "para fin de mes",
             "antes de que acabe el año": "para fin de año", "antes de que termine el año": "para fin de año",
             "antes de que acabe el mes": "para fin de mes", "antes de que termine el mes": "para fin de mes",
             "antes de fin": "para fin", "antes de finales": "para finales", "antes del final": "para el final",
             "antes de final": "para final", "antes de que acabe": "para finales de",
             "antes de que termine": "para finales de", "antes de que finalice": "para finales de",
             "antes de terminar": "para finales de", "antes de acabar": "para finales de",
             "antes de finalizar": "para finales de"},
    after_words=frozenset({"después", "tras", "luego", "pasando", "pasada", "pasado", "pasadas", "pasados"}), before_words=frozenset({"antes"}),
    count_before_after=rf"\b(?P<n>{NUM})\s+(?P<unit>días?\s+hábiles|días?|semanas?)\s+$",
    stop_words=frozenset({"para", "hasta", "dentro", "pero", "probablemente", "seguramente"}),
    not_a_date_after=frozenset({"ronda", "rondas", "piso", "candidatos", "candidato", "entrevista", "entrevistas",
                                "vez", "veces", "personas", "paso", "etapa", "días", "día", "semanas", "semana",
                                "meses", "mes", "horas", "años", "%", "por", "puestos", "de"}),
    week_words=frozenset({"semana"}),
    detect={w: 1.0 for w in (
        "el", "los", "las", "del", "y", "para", "con", "una", "semana", "semanas", "próxima", "próximo", "que",
        "viene", "antes", "después", "días", "mes", "nos", "te", "le", "su", "usted", "lunes", "martes", "miércoles",
        "jueves", "viernes", "sábado", "domingo", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
        "agosto", "septiembre", "setiembre", "octubre", "noviembre", "diciembre", "mañana", "hoy", "hábiles",
        "laborables", "finales", "principios", "mediados", "avisamos", "avisaremos", "pondremos", "contacto",
        "respuesta", "decisión", "gracias", "pronto", "breve", "hasta", "desde", "tardar", "más", "dentro", "esta",
        "este", "estamos", "vamos", "muy", "también", "pero", "por", "quincena", "feriado", "puente", "navidad",
        "pascua", "santa", "hola", "saludos", "estimado", "estimada", "le", "les", "vos", "tenemos", "entrevista",
        "fin", "semana", "año", "ahorita", "avisamos", "escribimos", "comunicaremos", "estaremos", "unos", "dos",
        "tres", "quince", "ocho", "finde", "felices", "feliz", "fiestas", "buen", "buena", "tienes", "tengas", "dudas",
        "gracias", "hace", "publicamos", "vacante", "equipo", "oficina", "trabajo", "empresa", "resp", "decisión")},
)
LEXICON.detect.update({k: 1.0 for k in unaccented(LEXICON.detect, keep=("el", "si", "se", "te", "tu", "mas", "esta", "este", "que"))})

SUBSTRINGS = True
FEATURES = {
    "unit": ("día", "semana", "mes", "hora", "hs", "año", "quincena"), "week": ("semana", "finde"),
    "monthly": ("mes",), "year": ("año",), "quarter": ("trimestre", "t1", "t2", "t3", "t4", "q1", "q2", "q3", "q4"),
    "month": tuple(MONTHS), "weekday": tuple(WEEKDAYS), "ordinal": ("primero",), "tomorrow": ("mañana",),
    "today": ("hoy", "tarde", "noche", "día"), "long": ("puente", "largo"), "holiday": ("feriado", "festivo"),
    "season": ("fiesta", "navidad", "vacaciones", "verano", "año", "receso", "principios"), "next day": ("día",),
    "same": ("mismo",),
}

_PRE = (r"(?:en|dentro\s+de|durante|en\s+un\s+plazo\s+(?:máximo\s+)?de|en\s+el\s+plazo\s+de|en\s+menos\s+de|"
        r"después\s+de|luego\s+de|tras|aproximadamente|cerca\s+de|alrededor\s+de|en\s+aproximadamente)")

PATTERNS = [
    (rf"\b(?:de\s+|del\s+|el\s+)?(?P<anchor>hoy|mañana|{WEEKDAY})\s+en\s+(?P<n>ocho|quince)\b", r.anchored, None),
    (r"\b(?:la\s+)?(?:semana|sem\.?)\s*(?:n°\s*|nº\s*|número\s*)?(?P<w>\d{1,2})\b(?!\s*(?:de|del)\s)", r.calendar_week, None),
    (r"\b(?:después|luego|pasado|pasando|tras)\s+(?:de\s+)?(?:el|del)\s+(?:puente|fin\s+de\s+semana\s+largo|finde\s+largo|feriado\s+largo)\b(?!\s+(?:de|del)\s)", r.after_long_weekend, None),
    (r"\bantes\s+(?:de\s+)?(?:el|del)\s+(?:puente|fin\s+de\s+semana\s+largo|finde\s+largo|feriado\s+largo)\b(?!\s+(?:de|del)\s)", r.before_long_weekend, None),
    (r"\besta\s+semana\s+o\s+(?:la\s+)?(?:que\s+viene|próxima|siguiente|que\s+entra)(?:\s+semana)?\b", r.end_of_next_week, None),
    (r"\b(?:después|luego|pasado|tras)\s+(?:de\s+)?(?:el|del|los)\s+(?:próximo\s+)?(?:feriado|festivo|día\s+festivo|feriados|festivos)\b", r.after_next_holiday, None),
    (r"\b(?:después|luego|pasado|pasadas|tras)\s+(?:de\s+)?(?:las|los)\s+(?:fiestas|navidades|vacaciones\s+de\s+navidad|fiestas\s+navideñas|fiestas\s+de\s+fin\s+de\s+año|"
     r"festividades|fiestas\s+decembrinas)\b|\b(?:a\s+la\s+vuelta|al\s+regreso)\s+de\s+(?:las\s+)?(?:fiestas|navidades|vacaciones\s+de\s+navidad)\b"
     r"|\b(?:a\s+)?principios\s+(?:del\s+)?(?:año\s+)?(?:que\s+viene|próximo\s+año|año\s+nuevo)\b", r.after_the_holidays, None),
    (r"\b(?:después|luego|a\s+la\s+vuelta)\s+(?:de\s+)?(?:el\s+|del\s+|las\s+)?(?:verano|vacaciones\s+de\s+verano|receso\s+de\s+verano)\b", r.back_to_work_season, None),
    (r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b", r.iso, None),
    (r"\b(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.(?:(?P<y>\d{4}|\d{2})\b|(?!\d))", r.numeric, None),
    (r"(?<![\d.,])\b(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})(?:[/-](?P<y>\d{4}|\d{2}))?\b(?![.,]?\d|\s*(?:h\b|hs\b|horas|%))", r.numeric, None),
    (rf"(?:\b{WEEKDAY},?\s+)?(?:\b(?:el|del|al)\s+)?(?:\bdía\s+)?\b(?P<d>{ORD})\s+(?:de\s+)?(?P<m>{MONTH}){_END}(?:\s+(?:de\s+|del\s+)?(?P<y>\d{{4}}))?", r.month_day, None),
    (rf"\b(?P<m>{MONTH})\s+(?P<d>\d{{1,2}})\b(?!\s*(?:de|del)\s)", r.month_day, None),
    (r"\b(?:(?:a\s+)?(?P<part>principios|comienzos|inicios|mediados|finales|fines|fin|final)\s+(?:de\s+|del\s+))?(?P<q>q[1-4]|t[1-4]|(?:el\s+)?(?:primer|segundo|tercer|cuarto|1er|2do|3er|4to)\s+trimestre"
     r"|(?:el\s+)?próximo\s+trimestre|este\s+trimestre|(?:el\s+)?trimestre)(?![\wáéíóúñ])(?:\s+(?:de\s+|del\s+)?(?P<y>\d{4}))?", r.quarter, None),
    (r"\b(?:a\s+)?(?P<part>principios|comienzos|inicios|mediados|finales|fines|fin|final)\s+(?:de|del)\s+(?:este\s+|el\s+)?año(?:\s+que\s+viene|\s+próximo|\s+entrante)?\b"
     r"|\b(?:a\s+)?(?P<part2>principios|finales|fines|fin|final)\s+del\s+(?:próximo|siguiente)\s+año\b|\bcierre\s+(?:de|del)\s+año\b", r.year_end, None),
    (rf"\b(?:a\s+|para\s+|hacia\s+|en\s+)?(?P<part>principios|comienzos|inicios|mediados|finales|fines|fin|final|la\s+primera\s+semana|primera\s+semana|la\s+segunda\s+semana|"
     rf"segunda\s+semana|la\s+tercera\s+semana|la\s+última\s+semana|última\s+semana|la\s+primera\s+quincena|primera\s+quincena|la\s+segunda\s+quincena|segunda\s+quincena)"
     rf"\s+(?:de\s+|del\s+)(?P<which>{MONTH}{_END}|(?:el\s+)?mes\s+que\s+viene|(?:el\s+)?próximo\s+mes|(?:el\s+)?mes\s+entrante|este\s+mes|mes\s+en\s+curso|mes{_END})", r.part_of_month, None),
    (rf"\b(?P<prep>en|para|antes\s+de|después\s+de|durante|hacia|hasta|en\s+el\s+mes\s+de|para\s+el\s+mes\s+de|a\s+lo\s+largo\s+de|desde)\s+(?P<m>{MONTH}){_END}(?!\s*\d)", r.bare_month, None),
    (rf"\b(?:(?P<prep>para\s+el|a\s+más\s+tardar\s+el|antes\s+del|después\s+del|luego\s+del|tras\s+el|pasando\s+el|hasta\s+el|a\s+partir\s+del|desde\s+el|hacia\s+el|el|al|del)\s+)"
     rf"(?:{WEEKDAY}\s+)?(?:día\s+)?(?P<d>\d{{1,2}}(?:°|º|ro)?|primero)(?![\d/:]|[.,]\d|\s*(?:h\b|hs\b|%|horas))(?:\s+(?:del\s+|de\s+)?(?P<rel>mes\s+que\s+viene|próximo\s+mes|mes\s+entrante|este\s+mes|mes\s+en\s+curso))?",
     r.day_of_month, None),
    (r"\b(?:(?:el|del)\s+)?mes\s+que\s+viene\b|\b(?:el|del)\s+próximo\s+mes\b|\b(?:el|del)\s+mes\s+entrante\b|\beste\s+(?:mismo\s+)?mes\b|\bdentro\s+del\s+mes\b"
     r"|\ben\s+el\s+transcurso\s+del\s+mes\b", r.month_relative, None),
    (r"(?<!esta\s)(?<!la\s)(?<!por\s)(?<!de\s)\b(?:pasado\s+mañana|mañana(?:\s+o\s+pasado(?:\s+mañana)?)?)\b", r.tomorrow, None),
    (r"\b(?:en|durante|dentro\s+de)\s+(?:los|las)\s+(?:próximos|próximas|siguientes)\s+(?P<unit>días|semanas|meses)\b|\ben\s+los\s+(?P<unit2>días|meses)\s+que\s+vienen\b"
     r"|\ben\s+las\s+(?P<unit3>semanas)\s+que\s+vienen\b", r.coming, None),
    (r"\b(?:dentro\s+de|en|durante)\s+(?:la|esta)\s+(?:misma\s+)?(?P<this>)(?P<unit>semana)\b(?!\s+(?:que|próxima|entrante|siguiente|del|\d))", r.the_unit, None),
    (r"\b(?:dentro\s+de|en)\s+la\s+(?P<this>)(?P<unit>quincena)\b", r.the_unit, None),
    (r"\b(?:(?:este|el|próximo|el\s+próximo|este\s+próximo)\s+)?(?:fin\s+de\s+semana|finde)(?:\s+que\s+viene|\s+próximo|\s+entrante)?\b(?!\s+largo)", r.weekend, None),
    (rf"\b{WEEKDAY}\s+(?P<d>\d{{1,2}})(?![\d/:]|[.,]\d|\s*(?:h\b|hs\b))(?!\s+(?:de|del)\s)", r.weekday_and_day, None),
    (rf"\b(?:(?P<mod>este|el\s+próximo|próximo|el\s+siguiente|este\s+próximo)\s+)?(?P<wd>{WEEKDAY})(?![\wáéíóúñ])"
     rf"(?:\s+(?P<mod2>próximo|que\s+viene|que\s+entra|siguiente|entrante)|\s+(?P<post>de\s+la\s+(?:semana\s+que\s+(?:viene|entra)|próxima\s+semana|semana\s+próxima|semana\s+entrante|semana\s+siguiente)|de\s+esta\s+semana))?",
     r.weekday, None),
    (rf"\b(?P<wd>{alt(WEEKDAYS_SHORT)})\.?(?![\wáéíóúñ])", r.weekday_short, None),
    (r"\b(?:el\s+)?último\s+día\s+(?:hábil|laborable)\s+(?:del|de\s+este|de\s+la)\s+(?P<which>mes|año|trimestre)\b",
     r.last_business_day, None),
    (r"\b(?:(?:a|para|hacia|durante|en)\s+)?(?:(?P<part>principios|comienzos|inicios|mediados|finales|fines|final|principio|comienzo|inicio|mitad)\s+de\s+(?:la\s+)?)?"
     r"(?P<which>(?:la\s+)?semana\s+que\s+(?:viene|entra)|(?:la\s+)?próxima\s+semana|(?:la\s+)?semana\s+próxima|(?:la\s+)?semana\s+entrante|(?:la\s+)?semana\s+siguiente|"
     r"esta\s+(?:misma\s+)?semana|la\s+otra\s+semana)(?![\wáéíóúñ])", r.week, None),
    (r"\b(?:a|para|hacia)\s+(?P<part>principios|comienzos|inicios|mediados|finales|fines|final|mitad)\s+de\s+(?P<which>la\s+semana|semana)\b(?!\s+(?:que|próxima|entrante|siguiente))", r.week, None),
    (rf"\b(?:(?P<pre>{_PRE})\s+)?(?:los\s+|las\s+)?(?:próximos\s+|próximas\s+|unos\s+|unas\s+)?(?:entre\s+|de\s+)?(?P<a>{NUM})\s*(?:-|a|o|y|u)\s*(?P<b>{NUM})\s+(?:próximos\s+|próximas\s+)?(?P<unit>{UNIT}){_END}",
     r.range_, None),
    (r"\b(?:ese|el)\s+(?:mismo\s+día|día\s+mismo)\b", r.same_day, None),
    (r"\b(?:al|el)\s+(?:día\s+siguiente|otro\s+día|día\s+después)\b", r.following_day, None),
    (rf"\b(?:(?P<pre>{_PRE})\s+)?(?:los\s+|las\s+)?(?:próximos\s+|próximas\s+|siguientes\s+)?(?:unos\s+|unas\s+|aproximadamente\s+|cerca\s+de\s+|alrededor\s+de\s+)?"
     rf"(?P<n>{NUM})\s*(?:próximos\s+|próximas\s+)?(?P<unit>{UNIT})(?P<half>\s+y\s+media)?{_END}", r.duration, None),
    (r"\b(?:hoy(?:\s+mismo)?|esta\s+(?:tarde|noche)|al\s+final\s+del\s+día|antes\s+del\s+cierre\s+del\s+día|antes\s+de\s+que\s+termine\s+el\s+día|durante\s+el\s+día)\b", r.today, None),
    "holidays",
    (r"\b(?:nos\s+pondremos\s+en\s+contacto|nos\s+comunicaremos|(?:te|le|les)\s+avis(?:amos|aremos|aré|o)|(?:te|le|les)\s+(?:contactaremos|contactamos|escribimos|escribiremos|llamamos|llamaremos|marcamos|marcaremos)|"
     r"(?:te|le|les)\s+(?:informaremos|informamos|haremos\s+saber|hacemos\s+saber|damos\s+respuesta|daremos\s+respuesta)|(?:te|le|los|las)\s+mantendremos\s+informad[oa]s?|"
     r"en\s+breve|pronto|a\s+la\s+brevedad|lo\s+antes\s+posible|cuanto\s+antes|próximamente|ahorita|en\s+cuanto\s+sepamos|estaremos\s+en\s+contacto|"
     r"quedamos\s+en\s+contacto|en\s+su\s+momento|más\s+adelante)(?![\wáéíóúñ])", r.vague, None),
]

AROUND = rf"\b(?:el\s+|la\s+)?(?P<rel>{WEEKDAY}|semana|día)\s+(?P<dir>después|antes|siguiente|posterior)\s+(?:de\s+|a\s+)?(?:la\s+|el\s+|los\s+|las\s+)?"
