"""Which language a phrase is in, from the phrase itself: no network, no model.

What an interviewer says of next steps is a sentence or two, often less ("bis Freitag",
"d'ici vendredi"): too short for detectors trained on general text, which guess from
letter statistics. Here each language's lexicon lists the words that mark it (articles,
pronouns, prepositions, and its words for days, weeks and months) and the letters only it
uses (ß, ñ, ç); a word several languages share counts for each of them a part. The
language with the clearly highest score wins; when none does (no marking word, or a tie
within ``MARGIN``), the caller's setting decides: the interview's language, else the
user's, else English.

One pass over the words of the text: linear in its length.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from clinch.core.timeline.lexicon import Lexicon, slips, unaccented

MARGIN = 0.5  # the winner's score must exceed the runner-up's by more than this
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


@lru_cache(maxsize=8)
def _weights(lexicons: tuple[Lexicon, ...]) -> dict[str, tuple[tuple[str, float], ...]]:
    """word -> ((language, weight), ...): a word several languages mark is shared between them."""
    owners: dict[str, list[tuple[str, float]]] = {}
    for lex in lexicons:
        for word, weight in _marks(lex).items():
            owners.setdefault(word, []).append((lex.code, weight))
    return {word: tuple((code, weight / len(found)) for code, weight in found) for word, found in owners.items()}


def _marks(lex: Lexicon) -> dict[str, float]:
    """The words that mark ``lex``'s language: its list, its weekdays and months (but short ones, which
    other languages share: "mar", "set"), and the slips and accent-less spellings of all of them."""
    marks = dict(lex.detect)
    names = [word for word in (*lex.weekdays, *lex.months) if len(word) > 3]
    for word in names:
        marks.setdefault(word, 1.0)
    for slip in (*slips(names), *unaccented(names, keep=lex.accents_keep)):
        marks.setdefault(slip, 1.0)
    return marks


def scores(text: str, lexicons: Sequence[Lexicon]) -> dict[str, float]:
    """Each language's score for ``text`` (lower-cased)."""
    weights = _weights(tuple(lexicons))
    total = {lex.code: 0.0 for lex in lexicons}
    for m in _WORD.finditer(text):
        for code, weight in weights.get(m.group().replace("’", "'"), ()):
            total[code] += weight
    present = set(text)
    for lex in lexicons:  # a letter only one language uses: once per word that has it, "¿" and "¡" too
        for letter in present.intersection(lex.letters):
            total[lex.code] += text.count(letter)
    return total


def detect(text: str, lexicons: Sequence[Lexicon], setting: str | None = None) -> tuple[str, Mapping[str, float]]:
    """The language ``text`` is read in, and the scores: the clear winner, else ``setting`` (when it
    is one of the lexicons' codes), else the first of the tied, else English."""
    found = scores(text, lexicons)
    ranked = sorted(found.items(), key=lambda item: -item[1])
    (best, top), second = ranked[0], ranked[1][1] if len(ranked) > 1 else 0.0
    if top > 0 and top - second > MARGIN:
        return best, found
    if setting in found and (top == 0 or found[setting] >= second):
        return setting, found
    if top > 0:
        return best, found
    return "en", found
