"""The trained tone model beside the rules: which findings a note gets.

For every sentence of the note, the model (``tone_model``) gives each tone code a probability,
knowing the words, the kind of note, where the sentence stands (greeting, body, closing) and
which phrase rules and cue codes fired in it. Each code has two thresholds, chosen by
cross-validation on the training corpus, for precision (``scripts/train_tone.py``):

* where rules of the code fired and the sentence reaches the lower one (``rule_thresholds``),
  the rules' findings stand: exact spans and "write this instead";
* below it they are dropped: the model has learnt from the corpus where a rule cries wolf
  ("I'll send the code sample ASAP", "our redesign saved $2M a year");
* where no rule fired and the sentence reaches the higher one (``thresholds``), the model's own
  finding, worded softly ("may read as pushy"), covers the clause that carries it when one
  clause does, else the sentence.

Findings of other codes (filler, self-undermining, off-limits) pass through untouched.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from clinch.core.checks._context import Context
from clinch.core.checks._text import clause_spans
from clinch.core.checks.finding import Finding
from clinch.core.checks.tone_model import CODES, model, tokens

SOFT = {
    "desperate": "may read as needy",
    "pushy": "may read as pushy",
    "passive-aggressive": "may read as passive-aggressive",
    "negative": "may burn a bridge",
    "salary": "may raise pay too early",
}
ADVICE = {
    "desperate": "restate your interest once and tie it to what you would bring, not to what you need.",
    "pushy": "leave the timing to them; you can ask: \"Do you have a timeline in place for your decision?\"",
    "passive-aggressive": "ask your question plainly, without remarks about their silence, delays or earlier mail.",
    "negative": "keep it gracious: thank them, name one thing you valued, and leave the door open.",
    "salary": "leave pay out of this note and raise it when an offer is on the table.",
}
_CLAUSE_MIN_WORDS = 3  # a shorter clause is not read on its own
_MIN_WORDS = 3  # the model speaks alone about sentences, not fragments ("your name")
_MAX_WORDS = 40  # a longer sentence is read in pieces of this many words (the corpus's longest has 23)
_TAIL_WORDS = 6  # short lines at the end of a note are its sign-off, name and contact lines
_GREETING_WORDS = 6


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    position: str
    words: tuple[str, ...]
    rules: frozenset[str]  # "code|rule" of the rules that fired in it
    probs: dict


def combine(ctx: Context, spans: list[tuple[int, int]], hits: list[tuple[Finding, str]]) -> list[Finding]:
    """The findings of the note from the rules' ``hits`` (finding, rule) and the model; see the module doc."""
    from clinch.core.checks.tone import FAMILIES, _one_per_span

    m = model()
    sentences = read_sentences(ctx.doc.lower, spans, ctx.kind, hits)
    starts = [s.start for s in sentences]
    kept, flagged = [], set()
    for f, _ in hits:
        s = _sentence_at(sentences, starts, f.start)
        if f.code in m.rule_thresholds and s is not None:
            if s.probs[f.code] < m.rule_thresholds[f.code]:
                continue
            flagged.add((f.code, s.start))
        kept.append(f)
    speaking = {fam.code: fam for fam in FAMILIES if fam.code in CODES and (fam.kinds is None or ctx.kind in fam.kinds)}
    for s in sentences:
        for code, family in speaking.items():
            if s.probs[code] >= m.thresholds[code] and (code, s.start) not in flagged and len(s.words) >= _MIN_WORDS:
                kept.append(_finding(ctx, s, code, family.severity_by_kind.get(ctx.kind, family.severity)))
    return _one_per_span(kept)


def read_sentences(lower: str, spans: list[tuple[int, int]], kind: str, hits: list[tuple[Finding, str]] = ()) -> list[Sentence]:
    """Every sentence of the note that holds a word, with its position, the rules that fired in it,
    and the model's probabilities."""
    m = model()
    positions = sentence_positions(lower, spans)
    # The rules' hits by where they start, so each sentence finds its own in log time, not by a
    # scan of every hit (a long note has thousands of sentences and of hits).
    fired = sorted((f.start, f"{f.code}|{rule}") for f, rule in hits if f.code in CODES)
    fired_starts = [start for start, _ in fired]
    out = []
    for (lo, hi), position in zip(spans, positions):
        found = tokens(lower, lo, hi)
        for k in range(0, len(found), _MAX_WORDS):  # a run-on "sentence" is read in pieces
            piece = found[k:k + _MAX_WORDS]
            words = [w for w, _, _ in piece]
            if not any(w[0].isalpha() for w in words):
                continue  # a blank line, a number, a row of marks
            start, end = (lo, hi) if len(found) <= _MAX_WORDS else (piece[0][1], piece[-1][2])
            rules = frozenset(name for _, name in fired[bisect_left(fired_starts, start):bisect_left(fired_starts, end)])
            out.append(Sentence(start, end, position, tuple(words), rules, m.scores(words, kind, position, rules)))
    return out


_LINE_END = re.compile(r"[,:!\-\u2013\u2014]\s*$")


def sentence_positions(lower: str, spans: list[tuple[int, int]]) -> list[str]:
    """Each span's place in the note: "greeting" for a short first line that opens it ("dear rafael,"),
    "closing" for the short lines at the end (sign-off, name, contact) and the line just before them
    when it stands alone ("looking forward to hearing from you."), "body" for the rest."""
    out = ["body"] * len(spans)
    filled = [k for k, (lo, hi) in enumerate(spans) if lower[lo:hi].strip()]
    if not filled:
        return out
    first = filled[0]
    lo, hi = spans[first]
    line = lower[lo:hi].strip()
    if "\n" not in lower[:lo].strip() and len(line.split()) <= _GREETING_WORDS and (_LINE_END.search(line) or len(line.split()) <= 3):
        out[first] = "greeting"
    rest = [k for k in filled if out[k] != "greeting"]
    end = _tail_start(lower, spans, rest, _TAIL_WORDS)
    if end == 0:  # every line is short: only names and sign-offs close it
        end = _tail_start(lower, spans, rest, 3)
    for k in rest[end:]:
        out[k] = "closing"
    if 1 < end < len(rest) and _whole_line(lower, spans[rest[end - 1]]) and _words(lower, spans[rest[end - 1]]) <= 12:
        out[rest[end - 1]] = "closing"
    return out


def _tail_start(lower: str, spans: list[tuple[int, int]], ks: list[int], most: int) -> int:
    """Where the run of short whole lines at the end of ``ks`` starts (``len(ks)``: there is none)."""
    end = len(ks)
    while end > 0 and _whole_line(lower, spans[ks[end - 1]]) and _words(lower, spans[ks[end - 1]]) <= most:
        end -= 1
    return end


def _words(lower: str, span: tuple[int, int]) -> int:
    return len(lower[span[0]:span[1]].split())


def _whole_line(lower: str, span: tuple[int, int]) -> bool:
    lo, hi = span
    before = lower[:lo].rstrip(" \t")
    return (not before or before.endswith("\n")) and (hi >= len(lower) or lower[hi:hi + 1] == "\n" or not lower[hi:].strip())


def _sentence_at(sentences: list[Sentence], starts: list[int], i: int) -> Sentence | None:
    k = bisect_right(starts, i) - 1
    return sentences[k] if k >= 0 and i < sentences[k].end else None


def _finding(ctx: Context, s: Sentence, code: str, severity: str) -> Finding:
    start, end = carrying_clause(ctx.doc.lower, s, code, ctx.kind)
    while end > start and not ctx.doc.lower[end - 1].isalnum():
        end -= 1
    severity = "warning" if severity == "error" else severity  # a reading, not a rule: it never blocks sending
    quote = " ".join(ctx.doc.text[start:end].split())
    message = f'"{quote}" {SOFT[code]}. Consider rewording: {ADVICE[code]} (the tone model\'s reading of this sentence; no fixed phrase named it)'
    return Finding(code, severity, message, start, end)


def carrying_clause(lower: str, s: Sentence, code: str, kind: str) -> tuple[int, int]:
    """The clause of ``s`` that alone reads as ``code`` when exactly one does, else the whole sentence."""
    m = model()
    parts = [p for p in clause_spans(lower, s.start, s.end) if len(tokens(lower, *p)) >= _CLAUSE_MIN_WORDS]
    if len(parts) < 2:
        return s.start, s.end
    carrying = [p for p in parts if m.scores([w for w, _, _ in tokens(lower, *p)], kind, s.position, s.rules)[code] >= m.thresholds[code]]
    return carrying[0] if len(carrying) == 1 else (s.start, s.end)
