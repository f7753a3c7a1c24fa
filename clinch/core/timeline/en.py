"""English: its words and its patterns. The core's concept words are English, so most words
read as themselves; the lexicon lists the ones that do not (shorthand, slips, synonyms)."""

from __future__ import annotations

from clinch.core.timeline import named_days as nd
from clinch.core.timeline import resolution as r
from clinch.core.timeline.lexicon import Holiday, Lexicon, alt, month_regex

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "tues": 1, "wednesday": 2, "thursday": 3, "thurs": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}
WEEKDAYS_SHORT = {"mon": 0, "tue": 1, "wed": 2, "weds": 2, "thu": 3, "thur": 3, "fri": 4, "sat": 5, "sun": 6}
_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen", "twenty"]
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
VAGUE_NUMBERS = frozenset({"a couple of", "a couple", "couple of", "a few", "few", "several", "a handful of"})
NUMBERS = {word: n for n, word in enumerate(_UNITS)} | TENS | {
    "a": 1, "an": 1, "a couple of": 2, "a couple": 2, "couple of": 2, "a few": 3, "few": 3, "several": 3,
    "a handful of": 4}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}
for _n, _w in enumerate(("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"), start=1):
    ORDINALS[f"twenty-{_w}"] = ORDINALS[f"twenty {_w}"] = 20 + _n
ORDINALS["thirty-first"] = ORDINALS["thirty first"] = 31

# Shorthand and slips a recruiter's message holds, spelt out before the grammar reads it.
_SHORTHAND = {
    "tmrw": "tomorrow", "tmr": "tomorrow", "tmrow": "tomorrow", "tmw": "tomorrow", "2moro": "tomorrow",
    "2morrow": "tomorrow", "tomorow": "tomorrow", "tommorow": "tomorrow", "tommorrow": "tomorrow", "tomoz": "tomorrow",
    "nxt": "next", "wk": "week", "wks": "weeks", "wkend": "weekend", "fortnite": "fortnight", "mnth": "month",
    "mth": "month", "mths": "months", "mnths": "months", "hrs": "hours", "hr": "hour", "biz": "business",
    "tdy": "today", "2day": "today", "chrissy": "christmas", "chrissie": "christmas", "chrimbo": "christmas",
    "crimbo": "christmas", "xmas": "christmas", "x-mas": "christmas", "labour": "labor", "thru": "through",
    "til": "till", "wek": "week", "wekk": "week", "u": "you", "ur": "your", "pls": "please", "plz": "please", "bday": "business day", "bdays": "business days", "b-days": "business days",
}
# Words whose slip by two swapped letters ("fridya", "teh") or one dropped letter ("thurday") is read as the word.
_TYPO_TARGETS = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "june", "july", "august", "september", "october", "november", "december", "the", "next", "week",
    "weeks", "month", "months", "tomorrow", "business", "working", "fortnight", "days", "within", "until",
)
# Runs of words read as other words. "not before the 15th" and "on or after the 15th" name the
# earliest day, as "from the 15th" does (no deadline a day earlier); "mid of next week" is "mid next week".
_PHRASES = {"no sooner than": "from", "no earlier than": "from", "not earlier than": "from",
            "not sooner than": "from", "not any earlier than": "from", "any earlier than": "from", "on or after": "from", "mid of": "mid",
            # "before the end of the month" is by its end, not the day before it.
            "before the end of": "by the end of",
            "before the month is out": "by the end of the month", "before the month ends": "by the end of the month",
            "before the month is over": "by the end of the month", "before the week is out": "by the end of the week",
            "before the week is over": "by the end of the week", "before the year is out": "by the end of the year", "before end of": "by end of", "on or before": "by", "calendar month": "month"}

# Names people use for a country's holidays besides the calendar's own.
_MAY = Holiday(names=("may day", "may bank holiday"))
_SPRING = Holiday(names=("spring bank holiday",))
_SUMMER = Holiday(names=("late summer bank holiday", "summer bank holiday", "august bank holiday"))
_HOLIDAYS = {
    "paddy's day": Holiday(month=3, day=17), "st paddy's day": Holiday(month=3, day=17),
    "st. paddy's day": Holiday(month=3, day=17), "paddys day": Holiday(month=3, day=17),
    "gandhi jayanti": Holiday(month=10, day=2),
    "thanksgiving weekend": (Holiday(month=11, weekday=3, n=4, days=4, countries=frozenset({"US"})),
                             Holiday(names=("thanksgiving day", "thanksgiving"))),
    "may bank holiday": _MAY, "early may bank holiday": _MAY, "may day bank holiday": _MAY,
    "spring bank holiday": _SPRING, "whitsun bank holiday": _SPRING, "late may bank holiday": _SPRING,
    "summer bank holiday": _SUMMER, "august bank holiday": _SUMMER, "late summer bank holiday": _SUMMER,
}

# A count before "after": "three days after the 20th" (``Lexicon.number`` reads it).
_NUM = rf"(?:\d+|{alt(NUMBERS)})"

_FUTURE = (
    r"\b(?:will|shall|going\s+to|gonna|plan|planning|aim|aiming|hope|hoping|expect|expecting|should|decide|deciding|"
    r"decision|decisions|let\s+you\s+know|hear|back\s+to\s+you|get\s+back|update|news|answer|respond|confirm|finali[sz]e|"
    r"wrap|by|until|till|before|later|eod|cob|close|end|due|deadline|call|email|offer|hopefully|maybe|probably|likely)\b|'ll\b"
)
_PAST = (
    r"\b(?:was|were|had|did|spoke|met|talked|chatted|opened|posted|started|joined|already|ago|yesterday|"
    r"last\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month|year|time))\b"
)
_DECISION = (
    r"\b(?:decide|decides|deciding|decided|decision|decisions|hear[ds]?\s+back|hear[ds]?\s+from|revert|informed|notified|"
    r"let\s+(?:[a-z']+\s+){0,3}know|(?:you|u)(?:'ll|\s+will|\s+should|\s+would|'d)\s+hear\b|(?:we|you|i|they)(?:'ll|'d|\s+will|\s+should|\s+would|\s+shall)\s+know|"
    r"get\s+back|come\s+back\s+to\s+you|back\s+to\s+you|be\s+in\s+touch|update\s+you|feedback|answer|respond|response|"
    r"offer|offers|outcome|result|results|news|confirm|finali[sz]e|notify|inform|call\s+you|ring\s+you|contact\s+you|"
    r"reach\s+out\s+to\s+you|email\s+you|ping\s+you|touch\s+base|circle\s+back|communicate|verdict|next\s+steps?|"
    r"wrap\s+up|choose|pick|selection|yes\s*(?:/|or)\s*no|(?:be|been|get|are|is)\s+contacted|feed\s*back|make\s+(?:a|the|our|that)\s+(?:call|decision)|"
    r"expect\s+(?:our|an?|the)\s+(?:email|e-mail|call|message|letter|response|reply))\b"
)
_NOT_DECISION = (
    r"\b(?:interviews?|interviewing|panel|rounds?|candidates?|notice\s+period|scheduled|(?:is|are|be|being|'re|'s)\s+off\b|days?\s+off|"
    r"time\s+off|off\s+(?:until|till|for)|"
    r"on-?sites?|meetings?|meets|meet|assessment\s+centre|assessment\s+center|fiscal|financial\s+year|budget|headcount|"
    r"conference|offsite|off-site|travel(?:ling|ing)?|vacation|annual\s+leave|leave|out\s+of\s+(?:the\s+)?office|ooo|"
    r"away|closed|applications?\s+close|closing\s+date|posting|posted|deadline\s+for\s+applications|"
    r"shuts?|shutting|closes|closure|shutdown|winding\s+down|wind\s+down|conversations?|(?:'m|\bam)\s+off|stage|fill\s+(?:this|the)\s+(?:seat|role|position|req)|"
    r"(?:'s|\bis)\s+(?:a\s+)?(?:bank\s+|public\s+)?holiday|(?:everyone|everybody)(?:'s|\s+is)\s+(?:out|off|away)|"
    r"(?:we're|we\s+are|i'm|i\s+am|they're|they\s+are)\s+(?:all\s+)?(?:out|off|away)|because\s+of|due\s+to)\b"
)
_INVITATION = (  # ... and the job's start: a start date is no decision date
    r"\b(?:start\s+date|starting\s+date|start(?:s|ing)?\s+(?:on|from|in|at|work)|(?:would|will|could|can|to)\s+start|"
    r"start\s+(?:would|will|could|should|might)\s+be|"
    r"(?:would|will|could|can|to)\s+join|drop\s+me\s+(?:a\s+line|an\s+email|a\s+note)|give\s+me\s+a\s+(?:call|ring|shout|bell)|"
    r"if\s+(?:anything\s+comes\s+up|you\s+have\s+(?:any\s+)?questions|you\s+need\s+anything)|"
    r"(?:could|can|would)\s+you\s+(?:please\s+)?(?:send|submit|share|return|complete|fill)|please\s+(?:send|submit|share|"
    r"return|complete|fill)|send\s+(?:us|me|over|through)|(?:your|the)\s+references|"
    r"kick(?:s)?\s*-?\s*off|onboarding|orientation|first\s+day|join(?:s|ing)?\s+(?:us|the\s+team|on)|induction|"
    r"feel\s+free|don't\s+hesitate|do\s+not\s+hesitate|you\s+(?:can|may|could)\s+(?:always\s+)?(?:reach|email|call|"
    r"contact|write|text|message|ping)|(?:email|e-mail|write\s+to|call|ring|text|message|ping|reach|contact)\s+me|"
    r"reach\s+out\s+to\s+me|my\s+(?:door|inbox)\s+is|happy|merry|enjoy|have\s+a\s+(?:great|good|nice|lovely|wonderful|"
    r"restful|relaxing|safe|happy|fantastic|brilliant)|season'?s\s+greetings|best\s+wishes)\b"
)

LEXICON = Lexicon(
    code="en", name="English", months=MONTHS, weekdays=WEEKDAYS, weekdays_short=WEEKDAYS_SHORT, numbers=NUMBERS,
    ordinals=ORDINALS, tens=TENS, vague_numbers=VAGUE_NUMBERS,
    words={"post": "after"}, holidays=_HOLIDAYS,
    abbreviations=_SHORTHAND, typo_targets=_TYPO_TARGETS, typo_keep=("woking",),
    phrases=_PHRASES,
    future=_FUTURE, past=_PAST,
    past_verb_before=r"\b(?:spoke|met|talked|chatted|opened|posted|started|joined|interviewed|advertised|listed)\b(?:\W+[\w']+){0,5}\W*$",
    pleasantry_before=(
        r"\b(?:great|good|nice|lovely|wonderful|a\s+pleasure|thanks\s+for|thank\s+you\s+for|enjoyed)\s+"
        r"(?:chatting|talking|speaking|meeting|to\s+(?:meet|chat|talk|speak))(?:\s+(?:with|to)\s+(?:you|u|me|us))?\s+$"),
    ago_after=r"\s*(?:ago|back|earlier|before\s+(?:that|then|now))\b",
    ago_before=r"\b(?:(?:the\s+)?(?:past|last|previous|prior)|(?P<perfect>for|since))\s+(?:the\s+)?$",
    perfect=r"\b(?:been|was|were|had|have|has|'ve|spent|worked|lived|took|did)\b",
    frequency_before=r"\b(?:once|twice|thrice|times|days?|hours?|per|every|each)\s+$",
    frequency_after=r"\s+(?:a|per|each|every)\s+(?:day|week|month|year)\b",
    lead_word=r"(?:^|\s)(by|on|until|till|before|after|in|within|around|about|over|from|during|sometime|post)\s+$",
    short_weekday_lead=r"\b(?:by|on|until|till|before|after|from|due|this|next|eod|cob)\s+$",
    negated_before=(r"\b(?:not|never|nothing|no|can't|cannot|won't|don't|doesn't|isn't|aren't|wouldn't|unlikely)"
                    r"(?:\s+[a-z']+){0,4}?\s+(?P<b>before)\b"),
    copula_after=r"(?:'s|\s+is|\s+being|\s+was|\s+will\s+be)\b", falls_on_before=r"(?<!\bit)(?<!\bthat)(?<!\bit\s)(?<!\bthat\s)\b(?:'s|is|falls|fall|being|was)\s+(?:on\s+)?(?:a\s+)?$",
    return_before=r"\b(?:once|as\s+soon\s+as|when)\s+(?:[a-z']+\s+){0,3}(?:is|'s|are|'re|gets?|comes?)\s+back\b[^.!?]*$|\b(?:once|as\s+soon\s+as|when)\s+(?:[a-z']+\s+){0,3}returns?\b[^.!?]*$",
    copula_before=r"\b(?:it's|it\s+is|then\s+it's|there's|that's\s+when\s+it's)\s+(?:just\s+|already\s+)?(?:the\s+)?$",
    greeting=(r"\b(?:merry|happy|great|lovely|good|nice|wonderful|restful|relaxing|enjoy(?:\s+the|\s+your)?|have\s+a|over|"
              r"ripper|blessed|peaceful|joyful|joyous|cracking|fab|fabulous|awesome|safe|fantastic|brilliant|relaxed|almost)\s+$"),
    after_that=(r"[^.!?]*?\b(?:after\s+(?:that|which|then)|once\s+(?:that's|that\s+is|they're|they\s+are|she's|she\s+is|"
                r"he's|he\s+is|i'm|we're|we\s+are)\s+back|when\s+(?:she's|he's|they're|she\s+is|he\s+is|they\s+are|i'm|i\s+am|we're|"
                r"we\s+are|i\s+get|we\s+get|she\s+gets|he\s+gets)\s+back|(?:shortly|soon|not\s+long)\s+after(?:wards)?"
                r"(?=\s*(?:[.,;!?]|$|and\b)))\b"),
    week_of=r"(?:the\s+)?(?:week\s+(?:commencing|beginning|starting|of)|w/c|wc)\s+(?:(?:mon|monday),?\s+)?(?:the\s+)?$",
    week_after=r"(?:the\s+)?week\s+(?:after|following)\s+(?:the\s+)?$",
    following_weekday=rf"(?:the\s+)?following\s+(?P<wd>{alt(WEEKDAYS)})\b",
    same_day=r"(?:that|the)\s+(?:very\s+)?same\s+day\b",
    following_day=r"(?:the\s+)?(?:following|next)\s+day\b|the\s+day\s+after\b",
    following_week=r"(?:the\s+)?(?:following\s+week|week\s+after(?!\s+next))\b",
    week_narrowed_to=(
        r"\s*(?:[,;:]|-+|\.\.\.)?\s*(?:(?:maybe|probably|likely|most likely|perhaps|possibly|hopefully|ideally|say|i think|we think)\s*,?\s+)?"
        r"(?:on\s+|by\s+)?(?:the\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday)\b(?!'s|\s+is\b)"),
    decision=_DECISION, not_decision=_NOT_DECISION, invitation=_INVITATION,
    cue_words={"withdrawn": ("promis", "longer", "hold me", "say", "a bit", "a while", "a little", "know", "idea", "sure", "date"),
               "consequent": ("if ", "good news", "offer", "paperwork", "stage", "take", "otherwise", "failing"),
               "sometime": ("some",), "because": ("because", "due to", "with", "over", "around", "given", " for")},
    shortly=r"\b(?:shortly|soon|not\s+long)\s+(?:after(?:wards)?\s+)?$",
    deadline=r"\b(?:at\s+(?:the\s+)?(?:very\s+)?latest|no\s+later\s+than|latest\s+by)\b",
    lower_bound_before=(
        r"(?:\b(?:from|not|starting(?:\s+from)?|(?:the\s+)?earliest(?:\s+(?:would|will|could|might|is)\s+be)?(?:\s+(?:sometime|around|about))?|"
        r"(?:\bnot|out|off|away|gone|travel\w*|on\s+(?:leave|holiday|vacation)|(?:'s|\bis|\bare|'re)\s+in\s+[a-z]+)(?:\s+[a-z']+){0,2}?\s+(?:until|till|til))|"
        r"(?:\bnot|n't|\bnever|\bnothing|\bno\s+[a-z]+)(?:\s+[a-z']+){0,4}?\s+(?:until|till|til))"
        r"(?:\s+the)?\s*$"),
    lower_bound_after=r"\s*,?\s*(?:at\s+the\s+(?:very\s+)?earliest|earliest|(?:but\s+)?not\s+(?:before|sooner|earlier))\b",
    hedge_after=r"\s+or\s+so\b",
    approximate_before=(r"\b(?:approximately|approx\.?|roughly|circa|ca\.)\s+"
                        rf"|\b{_NUM}\s*,\s*(?={_NUM}\b)"),
    approximate_count=r"\b(?:about|around|some)\s+$",
    approximate_after=(r"\s*,?\s*(?:give\s+or\s+take(?:\s+(?:a\s+)?(?:few|couple(?:\s+of)?)?\s*(?:days?|weeks?))?|more\s+or\s+less|"
                       r"or\s+thereabouts|roughly)\b"),
    promised_earlier=(r"\b(?:originally|initially|previously)\b|\b(?:we|i)(?:'d|\s+had)?\s+(?:said|told\s+you|promised|"
                      r"planned|were\s+hoping|was\s+hoping|had\s+hoped|aimed)\b"),
    taken_back=(r"\b(?:but|however|though|unfortunately|now)\b[^.!?]{0,80}?\b(?:not|no|n't|on\s+hold|delay\w*|postpon\w*|"
                r"pushed|slipp\w*|longer|later|changed?|moved|on\s+ice|frozen|paused|cancell?ed|resigned|scrapped|pulled)\b"),
    withdrawn=(r"\b(?:can't|cannot|can\s+not|couldn't)\s+promise|\bno\s+promises\b|\bnot\s+promising\b|"
               r"\b(?:may|might|could)\s+(?:well\s+)?(?:take|be)\s+(?:a\s+(?:bit|little)\s+)?longer\b|"
               r"\bdon't\s+hold\s+me\s+to\s+(?:it|that)\b|"
               r"\bnot\s+(?:yet\s+|too\s+|entirely\s+)?sure\s+(?:on|about|of)\s+(?:the\s+)?(?:timings?|timelines?|dates?)\b|"
               r"\b(?:won't|will\s+not|can't|cannot)\s+(?:promise|give\s+you|commit\s+to)\s+(?:a|any)\s+(?:date|timeline|timeframe)\b|"
               r"\bdates?\s+(?:is\s+|are\s+)?(?:yet\s+to\s+be|still\s+to\s+be|not\s+yet)\s+(?:finali[sz]ed|fixed|confirmed|decided|set)\b|"
               r"\bno\s+(?:fixed\s+|firm\s+)?date\s+(?:yet|for\s+now)\b|\b(?:don't|do\s+not)\s+have\s+a\s+(?:firm\s+)?date\s+yet\b|"
               r"\b(?:don't|do\s+not|doesn't|does\s+not|no)\s+(?:really\s+|genuinely\s+|honestly\s+)?(?:know|idea)\s+"
               r"(?:yet\s+)?(?:how\s+long|when\s+(?:we|i|they|she|he)(?:'ll|\s+will|\s+can|\s+could)\s+(?:know|decide|have))\b|\b(?:can't|cannot|couldn't)\s+(?:really\s+)?say\s+(?:when|for\s+sure|exactly)\b|"
               r"\b(?:possibly|maybe|perhaps|could\s+be)\s+(?:quite\s+)?a\s+(?:bit|while|little)\s+(?:after|later|longer)\b"),
    correction=(r"\b(?:sorry|i\s+mean|make\s+(?:that|it)|or\s+rather|scratch\s+that|correction|let's\s+say|"
                r"no\s+wait|actually|(?:more\s+)?realistically|so\s+(?=by\b)|(?<=\()(?=by\b|on\b)|i\.e\.|that\s+is(?=\s*,)|in\s+other\s+words)\b"),
    consequent=(r"\bif\s+(?:it's|it\s+is|that's|that\s+is|the\s+(?:outcome|answer|news)\s+is|all\s+goes\s+well|"
                r"it\s+goes\s+well|you're\s+successful|successful|positive)\b(?:\s+(?:positive|good|well|a\s+yes|good\s+news))?|"
                r"(?<!the\s)\bgood\s+news\b(?!\s+is\b)|\boffer\s+(?:letter|pack|paperwork|would\s+go\s+out|will\s+go\s+out|goes\s+out)|"
                r"\bpaperwork\b|\b(?:second|next|final|third)\s+stage\b|\btake-?home\b|\bif\s+not\b|\botherwise\b|"
                r"\bfailing\s+that\b"),
    approximate_range=r"\b(?:usually|typically|normally|generally|process|about|around|roughly|some)\b",
    by_then=r"\b(?:by\s+then|by\s+that\s+(?:date|day|point|time))\b",
    because=(r"\b(?:because\s+of|due\s+to|what\s+with|given|(?:clos(?:es|ed|ing)|shut(?:s|ting)?(?:\s+down)?|off)\s+for|(?:though|but|although|and|plus)\s+with|(?:busy|mad|crazy|hectic|chaotic|swamped|slammed|manic)\s+"
             r"(?:with|over|around))\s+(?:the\s+)?(?:run-up\s+to\s+)?$"),
    sometime=r"\b(?:sometime|some\s+time|at\s+some\s+(?:point|stage))\s+(?:in\s+|during\s+|around\s+|after\s+)?(?:the\s+)?$",
    sometime_after=r"\b(?:sometime|some\s+time|at\s+some\s+(?:point|stage))\s+after\b",
    sometime_tail=r"\s+(?:sometime|at\s+some\s+(?:point|stage))\b",
    negated_after=r"\b(?:not|nothing|no|never|won't|can't|cannot|n't)\b",
    after_words=frozenset({"after", "post"}), before_words=frozenset({"before"}),
    count_before_after=rf"\b(?P<n>{_NUM})\s+(?P<unit>(?:business\s+|working\s+)?(?:days?|weeks?))\s+$",
    stop_words=frozenset({"by", "until", "till", "within", "through", "thru", "but", "aiming", "hoping", "probably", "likely"}),
    not_a_date_after=frozenset({"round", "rounds", "interview", "interviews", "time", "step", "stage", "candidate",
                                "person", "one", "floor", "quarter", "half", "week", "choice", "call", "meeting",
                                "place", "option", "thing", "panel", "conversation", "chat", "phase", "part"}),
    modal_may="may", week_words=frozenset({"week"}),
    detect={w: 1.0 for w in (
        "the", "we", "will", "we'll", "by", "next", "week", "weeks", "you", "your", "to", "of", "and", "be", "on", "end",
        "after", "before", "decide", "decision", "back", "let", "know", "hear", "within", "days", "business", "working",
        "month", "early", "late", "mid", "this", "that", "it", "is", "are", "should", "would", "with", "for", "our",
        "get", "touch", "soon", "tomorrow", "today", "monday", "tuesday", "wednesday", "thursday", "friday", "hope",
        "expect", "probably", "about", "around", "us", "from", "at", "or", "until", "till", "they", "she", "he",
        "i", "i'll", "hr", "team", "offer", "following", "couple", "few", "fortnight", "holidays", "christmas", "easter",
        "january", "february", "march", "april", "june", "july", "october", "december", "holiday", "bank", "wk",
        "tmrw", "eow", "eod", "asap", "ok", "thanks", "thank", "meeting", "panel", "round", "interview", "latest")},
)

ORD = rf"(?:\d{{1,2}}(?:st|nd|rd|th)?|{alt(ORDINALS)})"
MONTH = month_regex(MONTHS)
WEEKDAY = rf"(?:{alt(WEEKDAYS)})"
WEEKDAY_SHORT = rf"(?:{alt(WEEKDAYS_SHORT)})"
# "twenty-one", "forty five": a tens word and a unit, read by ``Lexicon.number``.
NUM = rf"(?:\d+(?:\.\d+)?|(?:{alt(TENS)})(?:[\s-]+(?:{alt(_UNITS[1:10])})\b)?|{alt(NUMBERS)})"
UNIT = r"(?:(?:business|working|work)\s+)?(?:days?|weeks?|fortnights?|months?|hours?|years?)"

# Which kinds of words a pattern needs (``reader.features``): most phrases name no month, no weekday,
# no number, and a pattern whose words are absent is not run.
FEATURES = {
    "unit": frozenset({"day", "days", "fortnight", "fortnights", "hour", "hours"}),
    "week": frozenset({"week", "weeks", "weekend", "weekends", "midweek"}),
    "monthly": frozenset({"month", "months"}),
    "year": frozenset({"year", "years"}),
    "quarter": frozenset({"quarter", "quarters", "q"}),
    "tomorrow": frozenset({"tomorrow"}),
    "eo": frozenset({"eow", "eom", "eoq", "eoy"}),
    "month": frozenset(name.rstrip(".") for name in MONTHS),
    "weekday": frozenset(WEEKDAYS) | frozenset(WEEKDAYS_SHORT),
    "ordinal": frozenset({"st", "nd", "rd", "th"} | {w for word in ORDINALS for w in word.replace("-", " ").split()}),
    "back": frozenset({"back"}),
    "season": frozenset({"summer", "holidays", "holiday", "break"}),
    "half": frozenset({"h1", "h2", "half"}),
    "same": frozenset({"same"}),
}
_W, _MO, _Y, _D = {"week"}, {"month", "monthly"}, {"year"}, {"digit"}

PATTERNS = [
    (r"\bthis\s+time\s+next\s+(?P<unit>week|month)\b", r.this_time_next, _W | {"monthly"}),
    (rf"\b(?P<n>{NUM})\s+(?P<unit>(?:business\s+|working\s+)?(?:days?|weeks?|fortnights?))\s+(?:from\s+|after\s+|on\s+)?(?P<anchor>today|tomorrow|{WEEKDAY})\b"
     rf"|\b(?P<anchor2>{WEEKDAY}|tomorrow)\s+week\b(?!\s*(?:after|or|end|of))", r.anchored, _W | {"unit"}),
    (rf"\b(?:week\s+(?:commencing|beginning|starting)|w/c|wc)\s+(?:(?:mon|monday),?\s+)?(?:the\s+)?(?P<d>\d{{1,2}}(?:st|nd|rd|th)?|{alt(ORDINALS)})\b(?!\s*(?:of\s+)?{MONTH}|/)", r.week_commencing, None),
    (r"\b(?:the\s+)?first\s+(?:full\s+)?week\s+back\b(?:\s+(?:in\s+january|after\s+(?:the\s+)?(?:holidays|break|new\s+year)))?", r.first_week_back, _W),
    (r"\b(?:good\s+friday|easter(?:\s+(?P<which>sunday|monday|weekend|break|holidays?|bank\s+holidays?))?)(?![a-z])", r.easter, None),
    (r"\b(?:after|past|following|over)\s+the\s+(?:long|holiday)\s+weekend\b", r.after_long_weekend, _W),
    (r"\bbefore\s+the\s+(?:long|holiday|bank\s+holiday)\s+weekend\b", r.before_long_weekend, _W),
    (r"\bthis\s+week\s+or\s+(?:the\s+)?next(?:\s+week|\s+one)?\b", r.end_of_next_week, _W),
    (rf"\b(?:(?:the\s+)?(?P<wd>{WEEKDAY})\s+)?(?:after|past|following|over)\s+the\s+(?:next\s+)?(?:bank|public|stat(?:utory)?)\s+holiday(?:\s+weekend)?\b",
     r.after_next_holiday, None),
    (r"\b(?:after|past|following|post)\s+the\s+(?:(?:christmas|winter|festive|holiday|end[\s-]of[\s-]year)\s+)?(?:holidays|holiday\s+season|festive\s+period|break|shutdown)\b(?<!the\sbreak)", r.after_the_holidays, None),
    (r"\bbefore\s+the\s+(?:(?:christmas|winter|festive|holiday|end[\s-]of[\s-]year)\s+)?(?:holidays|holiday\s+season|festive\s+period|break|shutdown)\b", r.before_the_holidays, None),
    (r"\b(?:after|past|following)\s+the\s+summer(?:\s+(?:holidays|break|vacation))?\b", r.back_to_work_season, None),
    (r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b", r.iso, _D),
    (r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})(?:/(?P<y>\d{4}|\d{2}))?\b(?!/\d)", r.numeric, _D),
    (r"\b(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.(?:(?P<y>\d{4})\b|(?!\d))", r.numeric, _D),
    (rf"(?:\b{WEEKDAY},?\s+)?\b(?:the\s+)?(?P<m>{MONTH})\s+(?:the\s+)?(?P<d>{ORD})\b(?:,?\s+(?P<y>\d{{4}}))?", r.month_day, {"month"}),
    (rf"(?:\b{WEEKDAY},?\s+)?\b(?:the\s+)?(?P<d>{ORD})\s+(?:of\s+)?(?P<m>{MONTH})(?![a-z])(?:,?\s+(?P<y>\d{{4}}))?", r.month_day, {"month"}),
    (r"\b(?:(?P<part>early|mid|middle\s+of|the\s+middle\s+of|late|end\s+of|the\s+end\s+of|beginning\s+of|the\s+beginning\s+of|start\s+of|the\s+start\s+of)[\s-]*)?"
     r"(?P<q>q[1-4]|the\s+(?:first|second|third|fourth)\s+quarter|(?:this|the|next|the\s+next|the\s+following)\s+quarter)(?![a-z])(?:\s+(?P<y>\d{4}))?", r.quarter, {"quarter"}),
    (r"\b(?P<part>early|late|later|end\s+of|the\s+end\s+of|beginning\s+of|the\s+beginning\s+of|start\s+of|the\s+start\s+of)\s+(?:the\s+|this\s+)?(?:next\s+)?year\b"
     r"|\b(?:the\s+|this\s+|next\s+)?year[\s-]end\b|\bend\s+of\s+year\b", r.year_end, _Y),
    # Not another calendar's new year: "Chinese New Year", "Lunar New Year" are named days of their own.
    (r"(?<!chinese\s)(?<!lunar\s)(?<!jewish\s)(?<!persian\s)(?<!islamic\s)(?<!hijri\s)(?<!tamil\s)(?<!sinhala\s)"
     r"(?<!thai\s)(?<!khmer\s)(?<!lao\s)(?<!hindu\s)(?<!nepali\s)(?<!vietnamese\s)(?<!korean\s)"
     r"\b(?:the\s+)?new\s+year(?:'s)?(?!\s+(?:'s\s+)?day)\b", r.new_year, _Y),
    (rf"\b(?P<part>early|mid|middle\s+of|the\s+middle\s+of|late|later|end\s+of|the\s+end\s+of|beginning\s+of|the\s+beginning\s+of|start\s+of|the\s+start\s+of|(?:the\s+)?(?:first|1st)\s+(?:full\s+|working\s+|business\s+)?week\s+of|(?:the\s+)?(?:second|2nd)\s+(?:full\s+|working\s+|business\s+)?week\s+of|(?:the\s+)?(?:third|3rd)\s+week\s+of|the\s+last\s+week\s+of|last\s+week\s+of|the\s+first\s+half\s+of|first\s+half\s+of|the\s+second\s+half\s+of|second\s+half\s+of)[\s-]*(?:in\s+)?"
     rf"(?P<which>{MONTH}(?![a-z])|(?:the\s+)?next\s+month|the\s+following\s+month|the\s+coming\s+month|this\s+month|the\s+month|month(?![a-z]))", r.part_of_month, {"month", "monthly"}),
    (rf"\b(?P<prep>in|by|during|until|till|before|after|around|early\s+in|later\s+in)\s+(?P<m>{MONTH})(?![a-z])", r.bare_month, {"month"}),
    (r"\b(?:(?:the\s+)?end\s+of\s+(?:the\s+)?(?:quarter|q)|quarter[\s-]end)(?![a-z0-9])", r.end_of_quarter, {"quarter"}),
    (rf"\b(?:(?P<prep>on|by|before|after|until|till|around|from)\s+)?(?:{WEEKDAY},?\s+)?the\s+(?P<d>{ORD})\b(?:\s+of\s+(?P<rel>this|next|the)\s+month)?", r.day_of_month, {"ordinal"}),
    (r"\b(?:(?:the\s+)?end\s+of\s+month|month[\s-]end|(?:later\s+)?this\s+month|(?:the\s+)?next\s+month|the\s+following\s+month|within\s+the\s+month)\b", r.month_relative, {"monthly"}),
    (r"\b(?:the\s+)?day\s+after\s+tomorrow\b|\btomorrow(?:\s+or\s+(?:the\s+)?day\s+after)?\b", r.tomorrow, {"tomorrow"}),
    (r"\b(?:kw|cw|calendar\s+week)\s*(?P<w>\d{1,2})\b", r.calendar_week, _D),
    # "by end of week 46", "in wk 12": a week's number after a word that dates it (not "week 2 of onboarding").
    (r"\b(?:by|in|during|end\s+of)\s+(?:the\s+)?(?:end\s+of\s+)?week\s*(?P<w>\d{1,2})\b(?!\s+of\b)", r.calendar_week, _D),
    (r"\b(?:eow|eom|eoq|eoy)\b", r.abbreviated_end, {"eo"}),
    (rf"\b(?:the\s+)?(?P<nth>last|first|second|third|fourth|1st|2nd|3rd|4th)\s+(?P<wd>{WEEKDAY})\s+of\s+(?:the\s+|this\s+)?month\b",
     r.last_weekday_of_month, {"weekday"}),
    (r"\b(?:(?:the\s+)?end\s+of\s+)?(?:(?P<h>h1|h2)\b|(?:the\s+)?(?P<h2>first|second)\s+half\s+of\s+(?:the\s+|this\s+)?year\b)",
     r.half_year, {"half", "digit"}),
    (r"\b(?:the\s+)?last\s+(?:business|working|work)\s+day\s+of\s+(?:the\s+|this\s+)?(?P<which>month|quarter|year)\b", r.last_business_day, {"unit"}),
    (r"\b(?:in|over|within)\s+the\s+(?:coming|next)\s+(?P<unit>days|weeks|months)\b", r.coming, {"unit"} | _W | {"monthly"}),
    (r"\b(?:(?:within|in|inside|inside\s+of|over)\s+(?:the\s+)?(?:next\s+)?|(?:by\s+)?the\s+end\s+of\s+the\s+)(?P<this>this\s+)?(?P<unit>fortnight)\b", r.the_unit, {"unit"}),
    (rf"\b(?P<prep>on|by|before|after|until|till|around|from|post)\s+(?P<d>\d{{1,2}}(?:st|nd|rd|th))\b(?!\s*(?:of\s+)?{MONTH}|\s+(?:floor|round|time|place))", r.day_of_month, {"digit"}),
    (r"\b(?:the\s+)?week\s+after\s+next\b", r.week_after_next, _W),
    (r"\bthe\s+week\s+after\b(?=\s*(?:[.,;:!?)]|$|and\b|or\b|at\b))", r.following_week, _W),
    (r"\b(?:this|over\s+the|the|next)\s+weekend\b", r.weekend, _W),
    (rf"\b{WEEKDAY},?\s+(?P<d>\d{{1,2}}(?:st|nd|rd|th))\b", r.weekday_and_day, {"weekday"}),
    (r"\bmid[\s-]?week\b", r.midweek, _W),
    (r"\bfirst\s+thing\s+next\s+week\b", r.first_thing_next_week, _W),
    (rf"\b(?:(?P<mod>this\s+coming|the\s+coming|coming|this|next|the\s+following|following)\s+)?(?P<wd>{WEEKDAY})\b"
     r"(?:\s+(?P<post>of\s+next\s+week|of\s+this\s+week|next\s+week|this\s+week|after\s+next))?", r.weekday, {"weekday"}),
    (rf"\b(?:(?P<mod>this\s+coming|the\s+coming|coming|this|next|the\s+following|following)\s+)?(?P<wd>{WEEKDAY_SHORT})\b\.?(?!')"
     r"(?:\s+(?P<post>of\s+next\s+week|of\s+this\s+week|next\s+week|this\s+week|after\s+next))?", r.weekday_short, {"weekday"}),
    (r"\b(?:(?P<part>beginning\s+of|the\s+beginning\s+of|start\s+of|the\s+start\s+of|early|earlier|mid|middle\s+of|the\s+middle\s+of|late|later|end\s+of|the\s+end\s+of)[\s-]*)?"
     r"(?:in\s+)?(?P<which>this|next|the\s+following|the\s+coming|the\s+next|the)\s+week\b(?!\s+(?:after|or))", r.week, _W),
    (rf"\b(?:(?P<pre>in|within|after|over|inside\s+of)\s+)?(?:the\s+next\s+|about\s+|around\s+|roughly\s+)?(?P<a>{NUM})\s*(?:-|to|or)\s*(?P<b>{NUM})\s+(?P<unit>{UNIT})\b", r.range_, {"unit", "week", "monthly", "year"}),
    (r"\b(?:(?P<pre>in|within|after|over)\s+)?(?:a|one|the\s+next)\s+(?P<unit>day|week|month)\s+or\s+(?P<b>two|three|2|3)\b", r.one_or_two, {"unit", "week", "monthly"}),
    (r"\b(?:that|the)\s+(?:very\s+)?same\s+day\b", r.same_day, {"same"}),
    (r"\b(?:the\s+)?(?:following|next)\s+day\b|\bthe\s+day\s+after\b(?!\s+(?:tomorrow|the|that|christmas|thanksgiving|new))", r.following_day, None),
    (rf"\b(?:(?P<pre>in|within|after|over|inside\s+of|inside|in\s+about|in\s+around|around|about|approximately|roughly)\s+)?(?:the\s+)?(?:next\s+|coming\s+)?(?:about\s+|around\s+|roughly\s+|approximately\s+)?"
     rf"(?P<n>{NUM})\s+(?:more\s+)?(?:(?P<half1>and\s+a\s+half)\s+)?(?P<unit>{UNIT})(?:'s|')?(?P<half>(?(half1)|\s+and\s+a\s+half))?(?:\s+time|\s+from\s+(?:now|today))?(?![a-z])", r.duration, {"unit", "week", "monthly", "year"}),
    (r"\b(?:today|tonight|this\s+(?:afternoon|evening)|end\s+of\s+(?:the\s+)?(?:business\s+)?day|eod|cob|close\s+of\s+business|end\s+of\s+business)\b", r.today, None),
    "holidays",
    (r"\b(?:soon|shortly|circle\s+back|be\s+in\s+touch|get\s+back\s+to\s+you|let\s+you\s+know|keep\s+you\s+posted|reach\s+out|"
     r"asap|as\s+soon\s+as\s+(?:possible|we\s+can)|in\s+due\s+course|at\s+some\s+point|down\s+the\s+road|no\s+(?:set\s+)?timeline|"
     r"not\s+sure\s+when|hear\s+from\s+us|follow\s+up\s+with\s+you|update\s+you|touch\s+base)\b", r.vague, None),
]

# Days around a named day: "the Monday after Thanksgiving", "the week after Christmas".
# Not "the end of next week before Jamhuri Day": a week already named is no week counted from the holiday.
AROUND = rf"(?<!\bnext\s)(?<!\bthis\s)(?<!\bof\s)\b(?:the\s+|a\s+)?(?P<rel>{WEEKDAY}|week|day)\s+(?P<dir>after|following|before)\s+(?:the\s+)?"
HOLIDAY_HANDLERS = (nd.around_holiday, nd.holiday)
