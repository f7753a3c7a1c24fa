"""Running the engine's checks on a draft, and cutting the text into highlighted pieces.

The checks are pure (``clinch.core.checks``); this module only finds the facts
they need (the interview, the recipient) and maps findings back to the text.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from clinch.followups.models import FollowUp

ERROR = "error"
LISTED = 50  # findings listed (and marked) per field at most; a note full of slips shows the first ones


@dataclass(frozen=True)
class Piece:
    """A run of the text; ``finding`` is set when a check flagged exactly this run."""

    text: str
    finding: object | None = None
    number: int = 0  # the finding's number in the list, for "see 2"


@dataclass(frozen=True)
class Flag:
    """A finding and the words it is about (empty when it is about the whole text)."""

    finding: object
    quote: str

    @property
    def severity(self) -> str:
        return self.finding.severity


@dataclass(frozen=True)
class Checked:
    """Findings for one text field, in text order, and the text cut at their spans."""

    name: str
    text: str = ""
    findings: tuple = ()
    pieces: tuple[Piece, ...] = field(default_factory=tuple)

    @property
    def flags(self) -> list[Flag]:
        """The first ``LISTED`` findings with the words each is about."""
        return [
            Flag(f, self.text[max(f.start, 0):max(f.end, 0)] if is_local(f, self.text) else "")
            for f in self.findings[:LISTED]
        ]

    @property
    def unlisted(self) -> int:
        """How many findings ``flags`` leaves out."""
        return max(0, len(self.findings) - LISTED)

    @property
    def errors(self) -> list:
        return [f for f in self.findings if f.severity == ERROR]


# Checks about a note as a whole (greeting, length, personal touch) make no sense on a subject line.
NOTE_ONLY_CODES = frozenset({"not-personalized", "too-long", "too-short", "wrong-recipient"})


def check_draft(*, followup: FollowUp, subject: str, body: str) -> tuple[Checked, Checked]:
    """The findings for ``subject`` and ``body`` as a note of ``followup``'s kind to its recipient.

    The body is checked as the note; the subject on its own, keeping only what is
    about its words (a misspelt name or company, a placeholder, shouting).
    """
    from clinch.core import checks, drafts
    from clinch.followups.services import core_interview, load_interview, policy

    facts, to = _facts(followup, core_interview, load_interview)
    if facts is None or not to:
        return _checked("subject", subject, []), _checked("body", body, [])
    kind = drafts.CHECK_KIND.get(followup.kind, "thank_you")
    in_body = checks.check(body, interview=facts, to=to, kind=kind, policy=policy())
    in_subject = [
        f for f in (checks.check(subject, interview=facts, to=to, kind=kind, policy=policy()) if subject else [])
        if f.code not in NOTE_ONLY_CODES and is_local(f, subject)
    ]
    return _checked("subject", subject, in_subject), _checked("body", body, in_body)


def _checked(name: str, text: str, findings: list) -> Checked:
    findings = sorted(findings, key=lambda f: (f.start, f.end))
    return Checked(name=name, text=text, findings=tuple(findings), pieces=tuple(pieces(text, findings[:LISTED])))


def blocking_findings(followup: FollowUp) -> list:
    """The errors in the saved draft: while any remain (and are not overridden) it is not scheduled."""
    subject, body = check_draft(followup=followup, subject=followup.subject, body=followup.body)
    return subject.errors + body.errors


def _facts(followup, core_interview, load_interview):
    """The engine's interview and the recipient's address (or name), or (None, None) without one."""
    if followup.interview_id is None or followup.contact_id is None:
        return None, None
    interview = load_interview(followup.interview_id)
    facts = core_interview(interview)
    for person, participant in zip(facts.interviewers, interview.participants.all()):
        if participant.contact_id == followup.contact_id:
            return facts, person.email or person.name
    return None, None


WHOLE_NOTE_CHARS = 120  # a longer span is about the whole note, not words to mark


def is_local(finding, text: str) -> bool:
    """A finding about a few words (a name, a phrase), not about the note as a whole."""
    length = min(finding.end, len(text)) - max(finding.start, 0)
    return 0 < length <= WHOLE_NOTE_CHARS and length < max(len(text), 1)


def marked(text: str, findings) -> list:
    """The findings to mark in ``text``, by position: no two overlap, the shorter span wins, and
    findings about the whole note are left out (they are listed, not marked). Each finding is
    set against its neighbours only, so a note with thousands of findings costs n log n."""
    chosen: list = []  # by start, never overlapping
    starts: list[int] = []
    for finding in sorted((f for f in findings if is_local(f, text)), key=lambda f: f.end - f.start):
        i = bisect_left(starts, finding.start)
        if i > 0 and chosen[i - 1].end > finding.start or i < len(chosen) and chosen[i].start < finding.end:
            continue
        chosen.insert(i, finding)
        starts.insert(i, finding.start)
    return chosen


def pieces(text: str, findings) -> list[Piece]:
    """``text`` cut at the findings' spans; shorter spans win where spans overlap.

    Findings about the whole note are listed but not marked.
    """
    chosen = marked(text, findings)
    numbers = {id(f): n for n, f in enumerate(findings, start=1)}
    out: list[Piece] = []
    at = 0
    for finding in chosen:
        start, end = max(finding.start, 0), min(finding.end, len(text))
        if start > at:
            out.append(Piece(text[at:start]))
        out.append(Piece(text[start:end], finding, numbers[id(finding)]))
        at = end
    if at < len(text):
        out.append(Piece(text[at:]))
    return out


def apply_fix(*, followup: FollowUp, subject: str, body: str, field: str, start: int, end: int) -> tuple[str, str]:
    """``(subject, body)`` with the suggested fix of the finding at ``field[start:end]`` put in.

    The finding is found again by checking the text as it is now, so only a fix the checks
    themselves suggest is ever applied; ValueError when there is none there (the text changed).
    """
    checked = dict(zip(("subject", "body"), check_draft(followup=followup, subject=subject, body=body)))
    if field not in checked:
        raise ValueError("There is no such field to fix.")
    for finding in checked[field].findings:
        if (finding.start, finding.end) == (start, end) and getattr(finding, "fix", None) is not None:
            text = checked[field].text
            fixed = text[:start] + finding.fix + text[end:]
            return (fixed, body) if field == "subject" else (subject, fixed)
    raise ValueError("That suggestion no longer fits the text; look at the findings again.")


def counts(followup: FollowUp, body: str) -> dict:
    """Words and characters in ``body`` against the limit for ``followup``'s kind.

    ``{"words": 112, "chars": 640, "limit": 180, "unit": "words", "over": False}``; a LinkedIn
    note is limited in characters, a card in words that fit on it.
    """
    from clinch.core import drafts
    from clinch.core.checks._text import Doc
    from clinch.core.checks.length import word_limit
    from clinch.followups.services import policy

    words, chars = Doc(body).word_count, len(body.rstrip())
    kind = drafts.CHECK_KIND.get(followup.kind, "thank_you")
    if kind == "linkedin_note":
        limit, unit, used = policy().linkedin_note_chars(), "characters", chars
    else:
        limit = drafts.CARD_MAX_WORDS if followup.kind == FollowUp.Kind.HANDWRITTEN_CARD else word_limit(policy(), kind)
        unit, used = "words", words
    return {"words": words, "chars": chars, "limit": limit, "unit": unit, "over": bool(limit) and used > limit}
