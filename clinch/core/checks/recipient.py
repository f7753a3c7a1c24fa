"""Recipient: the greeting names the person the note goes to (T7, T16, T17).

The greeting is the start of the first non-empty line: "Dear Rafael,", "Hi Dr.
Quiñones,", "Hello Meghan -", or a bare "Rafael,". Any of the recipient's name
parts or their preferred name is fine; another person of the interview, or a
name that is not theirs at all, is ``wrong-recipient``. A near miss of the
recipient's own name is left to the names check (it is a misspelling).
"""

from __future__ import annotations

import re

from clinch.core.checks._context import Context
from clinch.core.checks._text import COMMON_WORDS, GREETING_PHRASES, SALUTATIONS, WORD, fold
from clinch.core.checks.finding import Finding
from clinch.core.checks.names import is_near_miss, sounds_like

# One greeting or several ("Hello and good morning", "Namaste, dear"), at the start of the line.
_SALUTATION = re.compile(
    rf"^[ \t]*(?:(?:{'|'.join((*GREETING_PHRASES, *SALUTATIONS))}|and)\b[ \t,!]*)+",
    re.IGNORECASE,
)
_TITLE = re.compile(r"(?:mr|mrs|ms|mx|dr|prof|professor|miss|sir|madam|madame)\.?[ \t]+", re.IGNORECASE)
_NAMES = re.compile(r"[^\W\d_][\w'\-]*(?:[ \t]+(?:and|&|[^\W\d_][\w'\-]*))*", re.UNICODE)
_GENERIC = frozenset(
    "team all there everyone everybody hiring manager managers sir madam colleagues folks friends friend committee "
    "recruiter recruiting panel panelists interviewers interviewer search talent acquisition and hr people y'all you guys "
    "whom it may concern".split()
    # forms of address that are no name: "Rafael ji", "Tanaka-san", "Herr Wright", "Ma'am"
    + "ji san sama sahib saheb garu bhai didi sensei ma maam ma'am mam madam sir mate both herr frau senor senora "
    "monsieur madame signor signora pani pan mx".split()
)


_HONORIFIC_SUFFIX = re.compile(r"-(?:san|sama|kun|chan|sensei|ji|garu)$")  # "Rafael-san" is Rafael


def greeting(ctx: Context) -> tuple[list[tuple[str, int, int]], bool] | None:
    """The words of the greeting with their spans, and whether a salutation word opened it."""
    folded = ctx.doc.folded
    offset = len(folded) - len(folded.lstrip())
    line_end = folded.find("\n", offset)
    line = folded[offset: line_end if line_end != -1 else len(folded)]
    m = _SALUTATION.match(line)
    pos = m.end() if m else 0
    t = _TITLE.match(line, pos)
    if t:
        pos = t.end()
    names = _NAMES.match(line, pos)
    if not names:
        return None
    rest = line[names.end():].lstrip(" \t")
    if not m and not rest.startswith((",", ":")):
        return None  # "Thank you for ..." is not a greeting
    if not m and len(names.group().split()) > 3:
        return None
    words = [(w.group(), offset + names.start() + w.start(), offset + names.start() + w.end()) for w in WORD.finditer(names.group())]
    return words, bool(m)


def salutation_end(ctx: Context) -> int:
    """Where the greeting words that open the note end ("Kia ora Meghan" -> after "ora "), or -1."""
    folded = ctx.doc.folded
    offset = len(folded) - len(folded.lstrip())
    line_end = folded.find("\n", offset)
    m = _SALUTATION.match(folded[offset: line_end if line_end != -1 else len(folded)])
    return offset + m.end() if m else -1


def check_recipient(ctx: Context) -> list[Finding]:
    recipient = ctx.recipient
    if recipient is None:
        return []
    found = greeting(ctx)
    if not found:
        return []
    words, _ = found
    own = {key for key, known in ctx.facts.parts.items() if any(person.interviewer == recipient for _, person in known)}
    person = next((p for p in ctx.facts.people if p.interviewer == recipient), None)
    call_them = person.greeting_name if person else recipient.name.split()[0]
    company = {w.lower() for w in WORD.findall(fold(ctx.interview.company))}
    for word, start, end in words:
        key = _HONORIFIC_SUFFIX.sub("", word.lower().removesuffix("'s"))
        if key in own or key in _GENERIC or fold(key) in company:
            continue  # "Dear Rafael and Larkspur Robotics,": the company is no other person
        if not word[0].isupper():
            continue
        written = ctx.doc.text[start:end]
        known = ctx.facts.parts.get(key)
        if known is not None:
            return [Finding("wrong-recipient", "error", f'This note goes to {recipient.name}: greet them as "{call_them}", not "{written}" (one note per person, T7).', start, end, fix=call_them)]
        if any(is_near_miss(key, part) or sounds_like(key, part) for part in own):
            continue  # a misspelling of the recipient: the names check reports it
        if key in COMMON_WORDS and not word.isupper():
            continue  # "Hi there", "Good Morning"
        return [Finding("wrong-recipient", "error", f'This note goes to {recipient.name}: greet them as "{call_them}", not "{written}" (T16, T17).', start, end, fix=call_them)]
    return []

