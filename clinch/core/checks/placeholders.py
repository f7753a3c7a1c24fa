"""Unfilled template slots, in any bracket style: [Name], {name}, {{name}}, <Company>, XXX, TODO, ____."""

from __future__ import annotations

import re

from clinch.core.checks._context import Context
from clinch.core.checks.finding import Finding

_HTML_TAGS = r"(?:br|p|b|i|u|a|em|strong|div|span|hr|li|ul|ol)"
# "Your Name", "Company Name", "Interviewer's Name": capitalised, so "your name" in a sentence is not a slot.
_SLOT_WORDS = r"(?:First|Last|Full|Company|Interviewer'?s?|Hiring Manager'?s?|Recruiter'?s?|Your|My|Job|Position|Candidate'?s?|Contact|Person'?s?|Team|Role)"
# Slots that open with a bracket or sigil: the regex engine skips straight to those characters.
_BRACKETED = re.compile(
    "|".join(
        [
            r"\{\{[^{}\n]{0,60}\}\}",  # {{name}}
            r"\{[^{}\n]{1,60}\}",  # {name}
            r"\$\{[^{}\n]{1,60}\}",  # ${name}
            r"\[\[[^\]\n]{0,60}\]\]",  # [[name]]
            r"\[(?!\d+\])(?![xX ]\])[^\]\n]{1,60}\](?!\()",  # [Name], not [1] or a markdown link
            r"<<[^<>\n]{0,60}>>",  # <<name>>
            r"<(?!/?" + _HTML_TAGS + r"\s*/?>)(?![^<>\n]*(?:@|://))[A-Za-z][^<>\n]{0,60}>",  # <Company>, not <a@b.c>
            r"%[A-Za-z_][A-Za-z0-9_ ]{0,30}%",  # %NAME%
            r"\$[A-Za-z_][A-Za-z0-9_]*\b",  # $name, $X
            r"_{3,}",  # ____
            r"\((?:insert|name of|enter|add (?:link|name|company|title|details?|topic))\b[^)\n]{0,60}\)",  # (insert company)
        ]
    )
)
# Slots that are words; only looked for when one of their letters-in-a-row is present.
_WORDS = re.compile(
    "|".join(
        [
            r"\b[Xx]{3,}\b|\bX{2}\b",  # XXX
            r"\b(?:TODO|TBD|FIXME|TK|INSERT)\b",
            r"\b" + _SLOT_WORDS + r"\s+(?:Name|Title)\b",
            r"(?i:\binsert\s+(?:\w+\s+){0,3}(?:here|name|title|company|role|topic|detail))",
        ]
    )
)
_WORDS_GATE = re.compile(r"XX|xxx|TODO|TBD|FIXME|TK|INSERT|[Ii]nsert|Name|Title")


def check_placeholders(ctx: Context) -> list[Finding]:
    findings = []
    text = ctx.doc.text
    matches = list(_BRACKETED.finditer(text))
    if _WORDS_GATE.search(text):
        matches.extend(_WORDS.finditer(text))
    for m in matches:
        slot = m.group()
        if slot.startswith("$") and slot[1:].lower() in {"k", "m", "b"}:
            continue
        findings.append(
            Finding("placeholder", "error", f'Replace the unfilled slot "{slot}" with the real words (the name, company or detail it stands for) before sending.', m.start(), m.end())
        )
    return findings

