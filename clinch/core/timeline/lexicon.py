"""What a language brings to the reader: its words, and the cues around a date.

A ``Lexicon`` maps a language's words to the core's concepts, and the core names its
concepts in plain English words: German "nächste", French "prochaine" and Spanish "que
viene" all read as "next"; "Werktage", "jours ouvrés" and "días hábiles" as "business
days". The resolution core (``resolution.py``) only ever sees those concept words, so one
set of rules turns every language's phrase into a date. Weekdays, months, numbers and
ordinals are looked up by value instead (``weekday``, ``month``, ``number``, ``ordinal``).

The cues (what tells of the past, of the future, of a decision) are regular expressions
over the lower-cased text; each is applied to a bounded stretch of text around a date,
so reading stays linear in the length of the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property


def alt(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first (so "sept" is not read as "sep"), spaces
    matching any run of white space."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def month_regex(months: Mapping[str, int]) -> str:
    """A month's name, with a dot only after an abbreviation ("Nov.", "sept."): "by the 3rd of November. Offer
    letters ..." ends its sentence at the dot."""
    short = [m for m in months if any(o != m and o.startswith(m) and months[o] == months[m] for o in months)]
    full = [m for m in months if m not in short]
    return rf"(?:{alt(full)}|(?:{alt(short)})\.?)" if short else rf"(?:{alt(full)})"


def slips(targets: Iterable[str], *, keep: Iterable[str] = ()) -> dict[str, str]:
    """Slips of ``targets`` read as the word: two letters swapped ("fridya"), or, in words of six
    letters or more, one letter dropped ("thurday"). A slip that is itself a target, or one of
    ``keep`` (real words: "woking" is a town), stays as written."""
    targets = tuple(targets)
    found: dict[str, str] = {}
    for w in targets:
        for i in range(len(w) - 1):
            if w[i] != w[i + 1]:
                found.setdefault(w[:i] + w[i + 1] + w[i] + w[i + 2:], w)
        if len(w) >= 6:
            for i in range(len(w)):
                found.setdefault(w[:i] + w[i + 1:], w)
    for word in (*targets, *keep):
        found.pop(word, None)
    return found


_FOLD = {"ä": ("a", "ae"), "ö": ("o", "oe"), "ü": ("u", "ue"), "ß": ("ss",)}


def unaccented(texts: Iterable[str], *, keep: Iterable[str] = ()) -> dict[str, str]:
    """The words of ``texts`` as people type them without accents ("proxima", "naechste", "fevrier",
    "anschliessend") -> the word. A spelling that is another word of its own (French "des" for
    "dès", Spanish "esta" for "está") is listed in ``keep`` and stays as written."""
    import unicodedata

    found: dict[str, str] = {}
    keep = set(keep)
    for text in texts:
        for word in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text.lower()):
            if word.isascii():
                continue
            forms = {""}
            for ch in word:
                options = _FOLD.get(ch) or (unicodedata.normalize("NFD", ch)[0],)
                forms = {f + o for f in forms for o in options}
            for form in forms:
                if form != word and form not in keep and len(form) > 1:
                    found.setdefault(form, word)
    return found


@dataclass(frozen=True, eq=False)
class Holiday:
    """A day people name, as a rule: ``easter`` days from Easter Sunday, or a fixed ``month`` and
    ``day``, or the ``n``-th ``weekday`` of ``month`` (``n = -1``: the last), or any of ``names``
    (the holidays package's English names in the country's calendar). ``days`` is how long it
    lasts ("Semana Santa" runs from Maundy Thursday to Easter Sunday)."""

    easter: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    n: int | None = None
    names: tuple[str, ...] = ()
    days: int = 1
    countries: frozenset[str] | None = None  # only where it is kept (None: anywhere)


@dataclass(frozen=True, eq=False)
class Lexicon:
    """One language's words and cues (see the module doc). Every regex field is source text,
    compiled once on first use."""

    code: str
    name: str
    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    numbers: Mapping[str, float]
    ordinals: Mapping[str, int]
    words: Mapping[str, str]  # the language's word (or words) -> the core's concept words
    weekdays_short: Mapping[str, int] = field(default_factory=dict)
    tens: Mapping[str, int] = field(default_factory=dict)  # "twenty" in "twenty-one"
    vague_numbers: frozenset[str] = frozenset()
    abbreviations: Mapping[str, str] = field(default_factory=dict)  # shorthand -> words ("tmrw", "nxt")
    typo_targets: tuple[str, ...] = ()  # words whose slips are read as them (``slips``)
    typo_keep: tuple[str, ...] = ()  # slips that are real words of their own
    accents_of: tuple[str, ...] = ()  # words typed without their accents are read as them (``unaccented``)
    accents_keep: tuple[str, ...] = ()  # accent-less spellings that are other words
    phrases: Mapping[str, str] = field(default_factory=dict)  # runs of words read as other words
    holidays: Mapping[str, Holiday | tuple[Holiday, ...]] = field(default_factory=dict)  # local names of days off
    detect: Mapping[str, float] = field(default_factory=dict)  # words that mark the language
    letters: str = ""  # letters that mark the language (ß, ñ, ç)
    # -- cues (regex source) ---------------------------------------------------------------
    future: str = r"(?!)"  # the clause speaks of what is to come
    past: str = r"(?!)"  # ... of what happened
    past_verb_before: str = r"(?!)"  # a past verb a few words before a date ("we met ... on Monday")
    past_verb_after: str = r"(?!)"  # ... or after it, in its part of the sentence ("am Montag gesprochen")
    pleasantry_before: str = r"(?!)"  # thanks for the meeting itself ("great chatting today")
    ago_after: str = r"(?!)"  # right after a span: it is time gone by ("two weeks ago")
    ago_before: str = r"(?!)"  # right before a span ("the last three days", "vor zwei Wochen")
    perfect: str = r"(?!)"  # "for three years" is time gone by only with a perfect tense
    frequency_before: str = r"(?!)"  # "twice a week"
    frequency_after: str = r"(?!)"  # "three days a week"
    lead_word: str = r"(?!)"  # a preposition kept with the matched words
    short_weekday_lead: str = r"(?!)"  # a short weekday ("Fri") is read only after one of these
    negated_before: str = r"(?!)"  # a negation governing a "before": group ``b`` is the "before"
    greeting: str = r"(?!)"  # words before a holiday that wish, not date ("Merry")
    copula_before: str = r"(?!)"  # words before a holiday that say it comes, not that it is a deadline ("then it's")
    # A day that is the subject of a remark ("Saturday is the inauguration", "el lunes es festivo") or the day a
    # holiday falls on ("Anzac Day's on Sunday", "la fête nationale étant mardi"): it informs, it is no deadline.
    copula_after: str = r"(?!)"
    falls_on_before: str = r"(?!)"
    # Before a date, in its sentence: the decision waits for someone's return ("once the director is back from
    # leave, on the 2nd"): the date is the earliest.
    return_before: str = r"(?!)"
    after_that: str = r"(?!)"  # after a date: "after that", "once she's back"
    week_of: str = r"(?!)"  # before a day: "the week of", "w/c"
    week_after: str = r"(?!)"  # before a day: "the week after"
    following_weekday: str = r"(?!)"  # at a weekday's start: "the following Monday" (group ``wd``)
    following_day: str = r"(?!)"  # "the following day"
    same_day: str = r"(?!)"  # "that same day", "am selben Tag", "le jour même", "ese mismo día"
    following_week: str = r"(?!)"  # "the week after", "the following week": after another date, its next week
    week_narrowed_to: str = r"(?!)"  # after a week: ", probably Tuesday" (group ``wd``)
    decision: str = r"(?!)"  # the clause is about the decision or hearing back
    not_decision: str = r"(?!)"  # ... about another event: a start date, an interview round
    invitation: str = r"(?!)"  # ... invites the candidate to write, or wishes them well: no decision date
    shortly: str = r"(?!)"  # right before "after X": "shortly", "soon" (a range after X)
    deadline: str = r"(?!)"  # in a date's part of the sentence: "at the latest" (that date is the deadline)
    # A lower bound only: right before a date ("from", "not until", "out until", "frühestens") or right after
    # it ("at the earliest"). A phrase whose every date is a lower bound names no decision date.
    lower_bound_before: str = r"(?!)"
    lower_bound_after: str = r"(?!)"
    hedge_after: str = r"(?!)"  # right after a date: "or so", "más o menos" (no date to hold them to either)
    # A span said to be approximate: right before it ("ca.", "environ", "unas", "usually", "zwei, drei") or right
    # after it ("give or take", "más o menos"). "4 to 6 weeks, usually" is how long things take, not a deadline.
    approximate_before: str = r"(?!)"
    approximate_after: str = r"(?!)"
    approximate_count: str = r"(?!)"  # right before a span's count: "about", "etwa" ("in about two weeks")
    approximate_range: str = r"(?!)"  # before a range only: "usually 4 to 6 weeks", "the process takes 4-6 weeks"
    withdrawn: str = r"(?!)"  # in a date's sentence: the promise is taken back ("can't promise", "kann nix versprechen")
    # An earlier promise, reported in the date's sentence ("originally we said", "wir haben Ihnen den Freitag
    # zugesagt"), and after the date its retraction ("but the req's on hold", "das können wir leider nicht halten").
    promised_earlier: str = r"(?!)"
    taken_back: str = r"(?!)"
    correction: str = r"(?!)"  # the speaker corrects a date: "sagen wir", "I mean", "disons", "mejor dicho"
    # In a date's part of the sentence: an event that follows the decision ("the second stage", "the offer letter",
    # "if it's positive"): its date is not the decision's, even beside decision words.
    consequent: str = r"(?!)"
    by_then: str = r"(?!)"  # later in a date's sentence: "by then", "bis dahin": the decision is tied to that date
    because: str = r"(?!)"  # right before a day: "because of", "avec", "wegen" (a reason, not a deadline)
    sometime: str = r"(?!)"  # right before a period: "sometime in", "courant", "en el transcurso de" (no deadline)
    # In a date's part, before it: "sometime after" ("sometime after the board meets on the 20th"); or right
    # after the date: "after Anzac Day sometime". Some day after it, none to hold them to.
    sometime_after: str = r"(?!)"
    sometime_tail: str = r"(?!)"
    negated_after: str = r"(?!)"  # after a "before" date, in its part: "vor Fronleichnam wird das nix" (a lower bound)
    count_before_after: str = r"(?!)"  # right before "after X": "three days" (groups ``n``, ``unit``)
    after_words: frozenset[str] = frozenset()  # "after": the day after the date
    before_words: frozenset[str] = frozenset()  # "before": the day before
    stop_words: frozenset[str] = frozenset()  # the search back for after/before stops here
    not_a_date_after: frozenset[str] = frozenset()  # "the 2nd floor", "the first round"
    week_words: frozenset[str] = frozenset()  # words that name a week (a weekday after it narrows it)
    from_word: str = "from"  # what a negated "before" reads as: a word that shifts nothing
    eight_days_is_a_week: bool = False  # "in acht Tagen", "dans quinze jours"
    modal_may: str | None = None  # a month name that is also a verb ("may")
    feature_words: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # cue -> words one of which occurs (as part of a word) wherever the cue can match: a cue whose words are
    # all absent is neither compiled nor searched (a command reads one phrase; compiling costs more than reading).
    cue_words: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    # -- look-ups -----------------------------------------------------------------------------

    def canon(self, text: str) -> str:
        """``text`` in the core's concept words: the whole run if the lexicon knows it, else word by word."""
        plain = " ".join(text.split())
        if plain in self.words:
            return self.words[plain]
        return " ".join(self.words.get(w, w) for w in plain.split())

    def weekday(self, word: str) -> int:
        word = " ".join(word.split()).rstrip(".")
        return self.weekdays[word] if word in self.weekdays else self.weekdays_short[word]

    def month(self, word: str) -> int:
        return self.months[" ".join(word.split()).rstrip(".")]

    def number(self, word: str) -> float:
        word = " ".join(word.replace("-", " ").split())
        if word[0].isdigit():
            return float(word.replace(",", "."))
        if word in self.numbers:
            return float(self.numbers[word])
        tens, _, unit = word.partition(" ")
        return float(self.tens[tens] + self.numbers[unit])

    def ordinal(self, word: str) -> int:
        word = " ".join(word.split())
        if word in self.ordinals:
            return self.ordinals[word]
        return int(re.match(r"\d+", word).group())

    # -- built forms (on first use: a command reads one language) -------------------------------

    @cached_property
    def shorthand(self) -> dict[str, str]:
        """Every spelling read as another word: accent-less ones, slips, then abbreviations."""
        return {**unaccented(self.accents_of, keep=self.accents_keep), **slips(self.typo_targets, keep=self.typo_keep),
                **self.abbreviations}

    @cached_property
    def compiled(self) -> _Cues:
        return _Cues(self)

    def cue(self, name: str, text: str) -> re.Pattern | None:
        """Cue ``name`` compiled, or None when none of its ``cue_words`` occurs in ``text`` (it cannot match)."""
        words = self.cue_words.get(name)
        if words is not None and not any(word in text for word in words):
            return None
        return getattr(self.compiled, name)

    @cached_property
    def token(self) -> re.Pattern:
        """A word, or one of the runs of words the lexicon reads as others."""
        if self.phrases:
            return re.compile(rf"\b(?:{alt(self.phrases)})(?![^\W_])|{_WORD}")
        return re.compile(_WORD)


_WORD = r"(?:[^\W_]|-)+"


class _Cues:
    """A lexicon's cue regexes, each compiled when first asked for."""

    def __init__(self, lex: Lexicon):
        self._lex = lex

    def __getattr__(self, name: str) -> re.Pattern:
        compiled = re.compile(getattr(self._lex, name))
        setattr(self, name, compiled)
        return compiled
