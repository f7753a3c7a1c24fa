"""What the words around a date say of it: told of the past, shifted by "after" or "before",
tied to the decision or to another event.

Every look around a date is bounded: at most ``CLAUSE_REACH`` characters either side, or a
few words. So the cost of reading grows in step with the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from datetime import date, timedelta

from clinch.core import calendar as cal
from clinch.core.timeline.lexicon import Lexicon
from clinch.core.timeline.resolution import DAY, Span, add, last_business_day_before, week_start

# A sentence longer than this is read as ending there: words further off do not qualify a date
# ("we met ...", "after ..."), and a sentence with no full stop costs no more than a short one.
CLAUSE_REACH = 400
_CLAUSE_END = re.compile(r"[.;!?](?:\s|$)")
# Within a sentence, a part ends at a comma, a colon, a dash or a conjunction ("and", "und", "et", "y").
_PART_END = re.compile(r"[,:;.!?()](?:\s|$)|\s-+\s|\s(?:and|but|then|while|whereas|und|aber|dann|sowie|"
                       r"et|mais|puis|ensuite|y|e|pero|luego|mientras)\s"
                       # "so" that begins a new statement: "Friday is a holiday so we'll answer by Thursday"
                       r"|\sso\s+(?=(?:we|we'll|we're|i|i'll|you|you'll|they|they'll|she|he|it's|that's|there)\b)")
# Punctuation alone: a comma, colon, semicolon, full stop, bracket or dash.
_PUNCTUATION_END = re.compile(r"[,:;.!?()](?:\s|$)|\s-+\s")


def clause_start(norm: str, at: int) -> int:
    """Where the sentence of ``norm`` holding position ``at`` begins (at most ``CLAUSE_REACH`` back)."""
    reach = max(0, at - CLAUSE_REACH)
    return max((e.end() for e in _CLAUSE_END.finditer(norm, reach, at)), default=reach)


def clause_end(norm: str, at: int, reach: int = CLAUSE_REACH) -> int:
    """Where the sentence of ``norm`` holding position ``at`` ends (at most ``reach`` on)."""
    stop = min(len(norm), at + reach)
    found = _CLAUSE_END.search(norm, at, stop)
    return found.start() if found else stop


def clause_around(norm: str, start: int, end: int) -> str:
    """The sentence of ``norm`` that holds ``start``..``end`` (at most ``CLAUSE_REACH`` either side)."""
    return norm[clause_start(norm, start):clause_end(norm, end)]


def part_bounds(norm: str, start: int, end: int) -> tuple[int, int]:
    """Where the part of the sentence holding ``start``..``end`` begins and ends: at the nearest comma
    or conjunction either side (at most ``CLAUSE_REACH`` characters away)."""
    reach = max(0, start - CLAUSE_REACH)
    left = max((e.end() for e in _PART_END.finditer(norm, reach, start)), default=reach)
    right = _PART_END.search(norm, end, min(len(norm), end + CLAUSE_REACH))
    return left, right.start() if right else min(len(norm), end + CLAUSE_REACH)


def _around(norm: str, start: int, end: int, left: int, right: int) -> str:
    """The words from ``left`` to ``right`` without the date's own (``start``..``end``)."""
    return norm[left:start] + " ~ " + norm[end:right]


def said_of_the_past(lex: Lexicon, norm: str, start: int, end: int) -> bool:
    """Whether a date tells of what happened: its sentence speaks only of the past ("we spoke on
    Monday", "the role was opened in January"), or a past verb stands just before it ("we met with the
    committee on Monday and will decide by Friday")."""
    cues = lex.compiled
    clause = clause_around(norm, start, end)
    if cues.past.search(clause) is not None and cues.future.search(clause) is None:
        return True
    if cues.pleasantry_before.search(norm, max(0, start - 60), start):
        return True
    left, right = part_bounds(norm, start, end)
    if cues.past_verb_after.match(norm, end, right) and not cues.future.search(norm, left, right):
        return True  # "wir haben am Montag ... gesprochen", not "wird bis Freitag getroffen"
    return cues.past_verb_before.search(norm, max(left, start - 60), start) is not None


def told_of_the_past(m) -> bool:
    """"two weeks ago", "the last three days", "I've been there for 3 years", "vor zwei Wochen": a
    span of time gone by."""
    cues, text = m.lex.compiled, m.string
    if cues.ago_after.match(text, m.end()):
        return True
    lead = cues.ago_before.search(text, max(0, m.start() - 24), m.start())
    if lead is None:
        return False
    if lead.lastgroup != "perfect":
        return True
    return cues.perfect.search(clause_around(text, m.start(), m.end())) is not None


def apply_week_of(lex: Lexicon, norm: str, start: int, end: int, day: date, country: str) -> tuple[int, date]:
    """Weeks named by a day: "the week commencing the 16th", "w/c 23rd March", "the week of May 4th" ->
    that week's Friday; "the week after the Fourth of July" -> the next week's Friday. A later "after
    that" or "once she's back" ("out until July 8, so expect to hear after that") moves the day to
    the next working day."""
    cues = lex.compiled
    later = cues.after_that.match(norm, end, end + CLAUSE_REACH)
    if later is not None and _decision_follows(lex, norm, end, later.end()):
        if cues.shortly.search(later.group() + " "):  # "... on the 3rd, and we'll reach out shortly after"
            day = cal.add_business_days(day, _SHORTLY_AFTER_DAYS, country)
        else:
            day = cal.next_business_day(day, country, include=False)
    lead = cues.week_of.search(norm, max(0, start - 40), start)
    if lead is not None:
        return lead.start(), week_start(day) + timedelta(days=4)
    lead = cues.week_after.search(norm, max(0, start - 40), start)
    if lead is not None:
        return lead.start(), week_start(day) + timedelta(days=11)
    return start, day


_WORDS = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_SHORTLY_AFTER_DAYS = 3  # "shortly after the 20th": a few working days after it, the range's later end


def apply_preposition(lex: Lexicon, norm: str, start: int, day: date, base: date, country: str,
                      span: Span | None) -> tuple[int, date]:
    """Shift ``day`` for an "after"/"before" up to eight words back in the same clause and not beyond
    a comma, colon or dash ("after the new year, we reopen on the 5th" is the 5th; "before the Christmas
    break - so by the 23rd" is the 23rd). After a day it is the next day,
    before it the day before; after a stretch of days (a holiday, a week) it is the first working
    day after the stretch, before it the last working day before. "Shortly after" gives a few working
    days on, which the reader keeps only as the earliest day (``is_lower_bound``): no date to hold them to."""
    clause = max((e.end() for e in _PUNCTUATION_END.finditer(norm, clause_start(norm, start), start)),
                 default=clause_start(norm, start))
    words = list(_WORDS.finditer(norm, clause, start))[-8:]
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        token = word.group()
        if token in lex.stop_words:
            break
        if token in lex.after_words:
            last = span.last if span else day
            if lex.compiled.shortly.search(norm, max(clause, word.start() - 16), word.start()):
                return word.start(), cal.add_business_days(last, _SHORTLY_AFTER_DAYS, country)
            count = lex.compiled.count_before_after.search(norm, max(clause, word.start() - 40), word.start())
            if count is not None:  # "three days after the 20th", "zwei Wochen nach Ostern"
                unit = lex.canon(count["unit"])
                return count.start(), add(last, lex.number(count["n"]), unit, country)
            if span is not None or cal.is_holiday(day, country):  # "après le 15 août" is after a holiday
                return word.start(), cal.next_business_day(last, country, include=False)
            return word.start(), day + DAY
        if token in lex.before_words or (token == "to" and norm[clause:start].endswith("prior to ")):
            if span is not None:
                return word.start(), max(base, last_business_day_before(_first_day_off(span, country), country))
            return word.start(), max(base, day - DAY)
    return start, day


def _first_day_off(span: Span, country: str) -> date:
    """The first day of ``span`` that is no working day here: "vor Ostern" in Austria, where Good Friday is
    worked, is before Easter Sunday; in Germany, before Good Friday."""
    day = span.first
    while day < span.last and cal.is_business_day(day, country):
        day += DAY
    return day


def tied_elsewhere(lex: Lexicon, norm: str, start: int, end: int) -> bool:
    """Whether the date belongs to something other than the decision: its part of the sentence names
    another event (a start date, an interview round, an invitation to write) and not the decision."""
    cues = lex.compiled
    remarked = _remarked_on(cues, norm, start, end)
    if remarked and not _names_the_decision(cues, _around(norm, start, end, *part_bounds(norm, start, end))):
        return True  # "..., el 6 de agosto es feriado": the remark is the date's whole part
    part = _part_about(lex, norm, start, end, cues.not_decision)
    if _names_the_decision(cues, part):
        return False
    if remarked:
        return True  # "Saturday is the inauguration", "Anzac Day's on Sunday so Monday's off"
    return cues.not_decision.search(part) is not None and not _then_the_decision(lex, norm, end)


# The next part of the sentence goes straight on to the decision: "bis Mitte März alle Gespräche auswerten und
# Ihnen dann Bescheid geben", "bis Ende nächster Woche sind alle Gespräche durch, dann erhalten Sie unsere
# Entscheidung", "finish the interviews by Friday and then let you know".
_AND_THEN = re.compile(r"\s*,?\s*(?:(?:and|und|et|y|e)\s+(?:[\w']+\s+){0,3}?)?(?:then|straight\s+after|dann|gleich\s+danach|(?<!de\s)(?:ahí|entonces|allí)|là|"
                       r"direkt\s+danach|puis|ensuite|aussitôt|luego|enseguida|inmediatamente)\b")


def _then_the_decision(lex: Lexicon, norm: str, end: int) -> bool:
    right = part_bounds(norm, end, end)[1]
    then = _AND_THEN.match(norm, right)
    return then is not None and lex.compiled.decision.search(norm, then.end(), clause_end(norm, then.end())) is not None


def _names_the_decision(cues, words: str) -> bool:
    return cues.decision.search(words) is not None or _DEADLINE_NOUN.search(words) is not None


def _remarked_on(cues, norm: str, start: int, end: int) -> bool:
    """Whether the date is the subject of a remark ("Saturday is ...") or the day something falls on."""
    return bool(cues.copula_after.match(norm, end) or cues.falls_on_before.search(norm, max(0, start - 24), start))


# Words that make a remarked-on day the deadline: "Friday is the deadline", "der Stichtag ist Freitag".
_DEADLINE_NOUN = re.compile(r"\b(?:deadline|latest|target|cut-?off|stichtag|frist|spätestens|date\s+limite|"
                            r"au\s+plus\s+tard|fecha\s+límite|plazo|a\s+más\s+tardar)\b")


def tied_to_the_decision(lex: Lexicon, norm: str, start: int, end: int, found_starts: list[int]) -> bool:
    """Whether the date's words name the decision: its part of the sentence does ("we'll let you know
    within two working days"), or its sentence does and holds nothing else found (``found_starts``, sorted)
    ("you'll hear from us, Friday at the latest"). Of several dates, those tied to the decision win over dates that only
    inform ("Saturday is a holiday", "am Dienstag ist Maria Empfängnis")."""
    decision, elsewhere = lex.compiled.decision, lex.compiled.not_decision
    part = _around(norm, start, end, *part_bounds(norm, start, end))
    if elsewhere.search(part):  # "next step is a panel on March 12": both, so neither
        return False
    if decision.search(part):
        return True
    left, right = clause_start(norm, start), clause_end(norm, end)
    if _holds_another(found_starts, left, right, start):
        return False
    return decision.search(_around(norm, start, end, left, right)) is not None


def _holds_another(starts: list[int], left: int, right: int, own: int | None = None) -> bool:
    """Whether a position of the sorted ``starts``, ``own`` aside, lies in ``left``..``right`` (two bisections,
    not a pass over every date found)."""
    inside = bisect_left(starts, right) - bisect_left(starts, left)
    if own is not None and left <= own < right:
        inside -= bisect_right(starts, own) - bisect_left(starts, own)
    return inside > 0


def decision_goes_with(lex: Lexicon, norm: str, start: int, end: int, dated_starts: list[int]) -> bool:
    """Whether vague words ("sometime in the new year", "irgendwann Anfang Januar") share their stretch of the
    sentence, up to punctuation, with the decision's words, in a sentence with no date: the decision is promised
    for no day. Words that are themselves the decision's ("wir melden uns") do not count. ``dated_starts`` is
    sorted."""
    decision = lex.compiled.decision
    if decision.search(norm, start, end):
        return False
    left, right = _punctuation_part(norm, start, end)
    return (decision.search(norm, left, right) is not None
            and not _holds_another(dated_starts, clause_start(norm, start), clause_end(norm, end)))


def follows_the_decision(lex: Lexicon, norm: str, start: int, end: int) -> bool:
    """Whether the date is of what comes after the decision, or instead of it: "if it's positive, the second
    stage would be on the 18th", "the offer letter would go out by the 20th", "falls nicht, dann nach dem 6.
    Januar". Even beside decision words, and even counted from a day ("after"), it is no decision date."""
    consequent = lex.cue("consequent", norm)
    return consequent is not None and consequent.search(_part_about(lex, norm, start, end, consequent)) is not None


_APPOSITION_WORDS = 4  # a part with no more words than this besides the date is about what the part before names


def _part_about(lex: Lexicon, norm: str, start: int, end: int, event: re.Pattern) -> str:
    """The words that say what the date at ``start``..``end`` is about: its part of the sentence; when that
    names neither the decision nor ``event``, its comma-free stretch ("der zweite Termin wäre dann am 14."); when
    that is a few words only, the stretch before it too: "the start date we talked about, the 4th of January,
    still stands", "poco después del comité, que es el 9"."""
    decision = lex.compiled.decision
    part = _around(norm, start, end, *part_bounds(norm, start, end))
    if decision.search(part) or event.search(part):
        return part
    left, right = _punctuation_part(norm, start, end)
    part = _around(norm, start, end, left, right)
    if (decision.search(part) or event.search(part) or len(_WORDS.findall(part)) > _APPOSITION_WORDS or left < 2
            or lex.compiled.correction.search(part)):  # "..., let's say by Monday 4th": a date of its own
        return part
    before, _ = _punctuation_part(norm, left - 2, left - 2)
    return norm[max(before, clause_start(norm, start)):left] + part


def _punctuation_part(norm: str, start: int, end: int) -> tuple[int, int]:
    """Like ``part_bounds``, ended only by punctuation, not by conjunctions."""
    reach = max(0, start - CLAUSE_REACH)
    left = max((e.end() for e in _PUNCTUATION_END.finditer(norm, reach, start)), default=reach)
    right = _PUNCTUATION_END.search(norm, end, min(len(norm), end + CLAUSE_REACH))
    return left, right.start() if right else min(len(norm), end + CLAUSE_REACH)


def is_deadline(lex: Lexicon, norm: str, start: int, end: int) -> bool:
    """Whether the date is said to be the latest ("at the latest", "spätestens", "au plus tard", "a más
    tardar"): of several dates, that one is the deadline."""
    left, right = part_bounds(norm, start, end)
    # The word may stand just before the part's first word: "spätestens aber Ende April".
    left = max(clause_start(norm, start), min(left, start - _DEADLINE_LEAD))
    return lex.compiled.deadline.search(norm, max(0, left), right) is not None


_DEADLINE_LEAD = 32  # characters before a date a deadline word may stand across a conjunction


# "right after", "direkt nach", "juste après", "justo después": the first working day after, no bound.
_RIGHT_BEFORE = re.compile(r"\b(?:right|directly|immediately|straight|just|direkt|gleich|unmittelbar|sofort|"
                           r"juste|aussitôt|immédiatement|justo|inmediatamente|enseguida)\s+$")
# "danach melden wir uns umgehend", "after that we'll call you straight away": at once after it.
_AT_ONCE = re.compile(r"[^.!?]{0,40}?\b(?:umgehend|sofort|unverzüglich|right\s+away|straight\s+away|immediately|"
                      r"at\s+once|aussitôt|immédiatement|tout\s+de\s+suite|de\s+inmediato|inmediatamente|enseguida)\b")
_AFTER_THAT_REACH = 60  # how far after "after that" the decision's words may stand
_DAY_NUMBER = re.compile(r"\b\d{1,2}(?:st|nd|rd|th|\.|er|º|°)?\b")  # another date between a date and its "after that"
_RETURN_REACH = 80  # how far before a date "once she is back" may stand
_BOUND_REACH = 48  # how far before a date a lower bound's words may stand ("not until the", "hasta después de")


def is_lower_bound(lex: Lexicon, norm: str, start: int, end: int) -> bool:
    """Whether the date is only the earliest day ("not before the 15th", which reads as "from the 15th";
    "out until the 12th"; "frühestens Mitte Mai"; "the 3rd at the earliest"): it says when the decision
    cannot come, not when it will. A hedged span ("a week or so") holds no more. "After" a day or a
    holiday is not one: it names the first working day after it (``shift``), as the plan needs a day
    to wait for."""
    cues = lex.compiled
    first = _WORDS.match(norm, start)
    if first is not None and first.group() == lex.from_word:
        return True
    if first is not None and first.group() in lex.after_words and cues.shortly.search(norm, max(0, start - 16), start):
        return True  # "shortly after the 20th": some days after it, none to hold them to
    if (first is not None and first.group() in lex.before_words
            and cues.negated_after.search(norm, end, part_bounds(norm, start, end)[1])):
        return True  # "vor Fronleichnam wird das nix", "before the 20th, nothing": not before it
    later = cues.after_that.match(norm, end, min(len(norm), end + _BOUND_REACH))
    if (later is not None and _decision_follows(lex, norm, end, later.end())
            and _RIGHT_BEFORE.search(later.group() + " ") is None
            and _AT_ONCE.match(norm, later.end()) is None):
        return True  # "the board meets on the 28th, after that we'll be in touch": some time after the 28th
    if cues.return_before.search(norm, max(clause_start(norm, start), start - _RETURN_REACH), start):
        return True  # "we'll reply once the director is back from leave, on the 2nd"
    # The words before the date, and with its first word: "out until" when the date's words begin at "until".
    for stop in (start, first.end() if first is not None else start):
        if cues.lower_bound_before.search(norm, max(0, start - _BOUND_REACH), stop) is not None:
            return True
    return (cues.lower_bound_after.match(norm, end) is not None or cues.hedge_after.match(norm, end) is not None
            or _hedge_closes_the_sentence(cues, norm, end))


def _hedge_closes_the_sentence(cues, norm: str, end: int) -> bool:
    """"the back end of next month, give or take", "después de Semana Santa le estaremos contando, más o menos":
    the sentence that holds the date ends on "give or take", "more or less": no date to hold them to."""
    right = clause_end(norm, end)
    hedge = cues.approximate_after.search(norm, end, right)
    return hedge is not None and not norm[hedge.end():right].strip(" ,")


def _decision_follows(lex: Lexicon, norm: str, end: int, after_that_end: int) -> bool:
    """Whether the words from the date to a little past its "after that" name the decision or what is to come, with
    no other day of the month between them (then "after that" is that day's):
    "the board meets on the 28th, after that we'll be in touch" does; "by Thursday, after that it's Easter" and
    "before Christmas, the team scatters after that" tell only what follows a deadline."""
    if _DAY_NUMBER.search(norm, end, after_that_end):
        return False  # "a panel on the 12th and a second one on the 19th, we'll see after that": after the 19th
    stop = clause_end(norm, after_that_end, _AFTER_THAT_REACH)
    return any(cue.search(norm, end, stop) is not None for cue in (lex.compiled.decision, lex.compiled.future))


def starts_with_after_or_before(lex: Lexicon, norm: str, start: int) -> bool:
    """Whether the date's own words begin with "after" or "before" ("after the 20th", "nach dem 20.")."""
    first = _WORDS.match(norm, start)
    return first is not None and (first.group() in lex.after_words or first.group() in lex.before_words)


def is_invitation_or_wish(lex: Lexicon, norm: str, start: int, end: int) -> bool:
    """A date that only says when the candidate may write, wishes them well, or is the job's start
    ("email me over the weekend", "have a great weekend", "the role starts on the 1st"): no decision
    date, even alone. Its part of the sentence says so, or its sentence does and names no decision."""
    cues = lex.compiled
    if cues.greeting.search(norm, max(0, start - 24), start):  # "have a great weekend", "¡Buen fin de semana!"
        return True
    part = _part_about(lex, norm, start, end, cues.invitation)  # "der Arbeitsbeginn wäre dann der 1. April"
    if _invites(cues, part):
        return True
    sentence = _around(norm, start, end, *_dash_part(norm, start, end))
    if _DAY_NUMBER.search(sentence.replace(" ~ ", " ")):
        return False  # another date in the sentence is the start's: "the JO by Friday, then your start date on the 21st"
    return _invites(cues, sentence)


def _invites(cues, words: str) -> bool:
    """Whether ``words`` invite or wish and name no decision besides ("merci de nous confirmer votre présence"
    asks the candidate to confirm: its "confirmer" is not theirs)."""
    invitation = cues.invitation.search(words)
    return invitation is not None and cues.decision.search(words[:invitation.start()] + " " + words[invitation.end():]) is None


_DASH_OR_SEMICOLON = re.compile(r"\s-+\s|;(?:\s|$)")


def _dash_part(norm: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the date's sentence, cut at a dash or a semicolon: "within 2 business days - enjoy the
    holiday" wishes in a part of its own."""
    left, right = clause_start(norm, start), clause_end(norm, end)
    left = max((m.end() for m in _DASH_OR_SEMICOLON.finditer(norm, left, start)), default=left)
    cut = _DASH_OR_SEMICOLON.search(norm, end, right)
    return left, cut.start() if cut else right


def is_withdrawn(lex: Lexicon, norm: str, start: int, end: int) -> bool:
    """Whether the date's sentence takes the promise back ("by the end of the month, can't promise", "bis in 10
    Tagen, kann aber nix versprechen", "d'ici dix jours, peut-être un peu plus"): no date to hold them to. A
    date after the words and a "but" stands: "can't promise X, but you'll have an answer by Y"."""
    if _promised_then_taken_back(lex, norm, start, end):
        return True
    withdrawn = lex.cue("withdrawn", norm)
    if withdrawn is None:
        return False
    left = clause_start(norm, start)
    for m in withdrawn.finditer(clause_around(norm, start, end)):
        at = left + m.start()
        if at >= end or _CONTRAST.search(norm, at + len(m.group()), start) is None:
            return True
    return False


_TAKEN_BACK_REACH = 200


def _promised_then_taken_back(lex: Lexicon, norm: str, start: int, end: int) -> bool:
    """"Originally we said we'd decide by the 30th, but the req's on hold", "Je vous avais dit vendredi, mais
    finalement on reporte le comité": a promise reported from before, then taken back."""
    cues = lex.compiled
    if cues.promised_earlier.search(norm, clause_start(norm, start), clause_end(norm, end)) is None:
        return False
    return cues.taken_back.search(norm, end, min(len(norm), end + _TAKEN_BACK_REACH)) is not None


_CONTRAST = re.compile(r"\b(?:but|however|though|aber|jedoch|doch|mais|cependant|pero|sin\s+embargo)\b")


def is_sometime(lex: Lexicon, norm: str, start: int, end: int) -> bool:
    """"Sometime in Q1", "courant mars", "en el transcurso de la próxima semana", "at some stage after the June
    bank holiday", "after Anzac Day sometime": a period with no day to hold them to. "Avec le pont de l'Ascension", "because of the
    bank holiday": a day that explains, not a deadline."""
    left = max(0, start - 32)
    stops = {start, *(w.start() for w in list(_WORDS.finditer(norm, start, end))[1:4])}  # "im Laufe der nächsten Woche"
    cues = [cue for cue in (lex.cue("sometime", norm), lex.cue("because", norm)) if cue is not None]
    if any(cue.search(norm, left, stop) is not None for cue in cues for stop in stops):
        return True
    compiled = lex.compiled
    return (compiled.sometime_tail.match(norm, end) is not None
            or compiled.sometime_after.search(norm, part_bounds(norm, start, end)[0], start) is not None)


def named_again(lex: Lexicon, norm: str, end: int) -> bool:
    """Whether the date's sentence goes on to tie the decision to it: "we want the role filled by KW 42 and
    will give you an answer by then" ("bis dahin", "d'ici là", "para entonces")."""
    return lex.compiled.by_then.search(norm, end, clause_end(norm, end)) is not None


def is_approximate(m, *, a_range: bool = False) -> bool:
    """Whether a span is said to be approximate ("ca. 3 Wochen", "environ trois à quatre semaines", "in the next
    10 days, give or take", "zwei, drei Wochen"), or, for ``a_range``, is how long things usually take ("usually
    4 to 6 weeks"): not a deadline."""
    cues, text = m.lex.compiled, m.string
    left = max(0, m.start() - 40)
    count = _count_start(m)
    return (cues.approximate_before.search(text, left, m.end()) is not None
            or count is not None and cues.approximate_count.search(text, max(0, count - 12), count) is not None
            or cues.approximate_after.match(text, m.end()) is not None
            or _approximate_alternative(cues, text, m.end())
            or a_range and cues.approximate_range.search(text, left, m.end()) is not None)


def _count_start(m) -> int | None:
    """Where the span's count begins ("two" in "in about two weeks"), or None when it has no count group."""
    names = m.match.re.groupindex
    for group in ("n", "a"):
        if group in names and m.match.start(group) >= 0:
            return m.match.start(group)
    return None


# "in a week or ten days, give or take": an alternative joined by "or" (oder, ou, o) whose end is said to be
# approximate makes the first approximate too.
_OR = re.compile(r"\s+(?:or|oder|ou|o|u)\s")
_ALTERNATIVE_REACH = 40


def _approximate_alternative(cues, text: str, end: int) -> bool:
    if _OR.match(text, end) is None:
        return False
    return cues.approximate_after.search(text, end + 3, clause_end(text, end, _ALTERNATIVE_REACH)) is not None


_LEAD_REACH = 16


def matched_words(lex: Lexicon, text: str, norm: str, start: int, end: int) -> str:
    """The original words of the match, with a preposition right before it."""
    before = norm[max(0, start - _LEAD_REACH):start]
    lead = lex.compiled.lead_word.search(before)
    if lead:
        start = start - (len(before) - lead.start(1))
    return " ".join(text[start:end].split()).strip(" ,.;:!?")
