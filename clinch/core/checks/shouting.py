"""Formatting that reads as shouting: runs of '!', many '!', ALL-CAPS words, emoji.

Research rows 48-50 (S53, S61, S61c, S58, S17). Acronyms are not shouting: a
capitalised word counts only when it is an ordinary English word, or a long
word that is not in the interview's own vocabulary (company, role, topics).
"""

from __future__ import annotations

import re

from clinch.core.checks._context import Context
from clinch.core.checks._text import COMMON_WORDS
from clinch.core.checks.finding import Finding

# Patterns open with a character class so the regex engine can skip ahead to candidates.
_PUNCT_RUN = re.compile("[!?\u203c\u2049]{2,}|[\u203c\u2049]")
_MAX_BANGS = 2  # a third '!' anywhere in one note reads as breathless (S61, S61c)
# Upper-case words that are ordinary in writing.
_ALLOWED_CAPS = frozenset(
    "I A OK AM PM US USA UK EU IT TV ID HR AI ML PTO CEO CTO CFO COO CIO VP SVP EVP QA UX UI PR PS PPS FAQ "
    "PHD MBA MS BS BA MA MD JD RSVP ETA FYI NB RE FW FWD CC BCC DM PDF URL API SDK SQL AWS GCP ROS RAM CPU GPU".split()
)
_VOWELS = set("AEIOUY")
_SLOT_MARKS = frozenset("%_{}[]<>$")
# Candidate shouted words: two or more capitals in a row, as a whole word.
_CAPS = re.compile(r"[A-Z](?<![\w'-][A-Z])[A-Z']+(?![\w'-])")
_EMOJI = re.compile(
    "[\U0001f300-\U0001faff\U0001f000-\U0001f2ff\u2600-\u26ff\u2700-\u27bf\u2b50\u2b55\u2764\u2728]+[\ufe0f\u200d]*"
    r"|[:;=](?<![\w:/][:;=])-?[)(DPp](?![\w(])|<(?<!\w<)3(?!\d)|x(?<!\wx)D\b"
)


def _is_shouted(word: str, ctx: Context) -> bool:
    if len(word) < 2 or not word.isupper() or not word.replace("'", "").isalpha() or word in _ALLOWED_CAPS:
        return False
    low = word.lower()
    if low in ctx.facts.parts or low in ctx.facts.vocabulary:
        return False
    if low in COMMON_WORDS:
        return True
    return len(word) >= 7 and sum(c in _VOWELS for c in word) >= 2


def check_shouting(ctx: Context) -> list[Finding]:
    doc = ctx.doc
    findings: list[Finding] = []
    for m in _PUNCT_RUN.finditer(doc.text):
        if m.group().count("!") < 2 and "\u203c" not in m.group() and "\u2049" not in m.group():
            continue  # "?!" or "??" is not a run of bangs
        findings.append(Finding("shouting", "warning", "Use one full stop instead of a run of '!': exclamation marks read as less competent (S53, S61c).", m.start(), m.end()))
    if not findings:
        count = doc.text.count("!")
        if count > _MAX_BANGS:
            at = -1
            for _ in range(_MAX_BANGS + 1):
                at = doc.text.index("!", at + 1)
            findings.append(Finding("shouting", "warning", f"Keep at most one or two '!' in a note (this one has {count}); end the other sentences with a full stop (S61, S61c).", at, at + 1))
    text = doc.text
    for m in _CAPS.finditer(doc.folded):
        word, start, end = m.group(), m.start(), m.end()
        if text[start - 1:start] in _SLOT_MARKS or text[end:end + 1] in _SLOT_MARKS:
            continue  # %FIRST_NAME%, {NAME}: a placeholder, reported as such
        if _is_shouted(word, ctx):
            findings.append(Finding("shouting", "warning", f'Write "{word.capitalize() if word.lower() != "i" else "I"}" in normal case, or use italics sparingly: ALL CAPS reads as shouting (S58).', start, end))
    emoji_severity = "info" if ctx.kind in ("keep_in_touch", "linkedin_note") else "warning"
    for m in _EMOJI.finditer(doc.text):
        findings.append(Finding("emoji", emoji_severity, "Leave the emoji out and let the words carry the warmth: emoji read as unprofessional in a follow-up (S17).", m.start(), m.end()))
    return findings
