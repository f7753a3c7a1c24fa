"""Checks for a follow-up message: names, company, recipient, placeholders, tone, length.

    from clinch.core.checks import check
    findings = check(text, interview=interview, to="rquinones@larkspur.example", kind="thank_you")

``check`` returns ``Finding``s sorted by position. It is pure and fast enough to
run on every keystroke: everything that depends only on the interview is cached,
every pattern is compiled at import. Each family lives in its own module and is
a function ``(Context) -> list[Finding]``.
"""

from __future__ import annotations

from clinch.core.checks._context import Context, facts_for, find_recipient
from clinch.core.checks._text import Doc
from clinch.core.checks.company import check_company
from clinch.core.checks.finding import SEVERITIES, Finding
from clinch.core.checks.length import check_length
from clinch.core.checks.names import check_names
from clinch.core.checks.personal import check_personal
from clinch.core.checks.placeholders import check_placeholders
from clinch.core.checks.recipient import check_recipient
from clinch.core.checks.shouting import check_shouting
from clinch.core.checks.tone import check_tone
from clinch.core.limits import CHECK_CHARS, cut
from clinch.core.model import Interview

__all__ = ["KINDS", "SEVERITIES", "Finding", "UnknownRecipient", "check", "has_errors"]

# The kinds of message that can be checked (a LinkedIn connection note is "linkedin_note"; a reply to
# an offer, where pay and benefits belong, is "offer_reply").
KINDS = ("thank_you", "status_check", "rejection_reply", "linkedin_note", "keep_in_touch", "offer_reply")

FAMILIES = (
    check_placeholders,
    check_recipient,
    check_names,
    check_company,
    check_personal,
    check_tone,
    check_shouting,
    check_length,
)


class UnknownRecipient(ValueError):
    """``to`` is neither the email nor the name of anyone on the panel."""


_default_policy = None


def _policy(policy):
    global _default_policy
    if policy is not None:
        return policy
    if _default_policy is None:
        from clinch.core.policy import load_policy

        _default_policy = load_policy()
    return _default_policy


def check(text: str, *, interview: Interview, to: str, kind: str = "thank_you", policy=None) -> list[Finding]:
    """Every finding in ``text``, a message of ``kind`` to ``to`` (an email, or a name without one).

    Raises ``ValueError`` for an unknown kind and ``UnknownRecipient`` when ``to``
    is not on the panel. Findings are sorted by start, then end, then code.
    Only the first ``CHECK_CHARS`` characters are read; a longer text gets a
    ``too-long`` error for the rest (the web app never stores one that long).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    recipient = find_recipient(interview, to)
    if recipient is None:
        known = ", ".join(p.email or p.name for p in interview.interviewers)
        raise UnknownRecipient(f"{to!r} is not on the panel; expected one of: {known}")
    read = cut(text, CHECK_CHARS)
    ctx = Context(Doc(read), interview, facts_for(interview), recipient, kind, _policy(policy))
    findings: list[Finding] = []
    for family in FAMILIES:
        findings.extend(family(ctx))
    if len(read) < len(text):
        findings.append(Finding(
            "too-long", "error", f"Only the first {CHECK_CHARS:,} characters were checked: no follow-up should be "
            f"near that long (this one has {len(text):,}). Cut it to a few short paragraphs.", len(read), len(text),
        ))
    return sorted(set(findings), key=lambda f: (f.start, f.end, f.code, f.message))


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)
