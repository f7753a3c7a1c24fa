"""Length: words over the policy's limit for the kind, or characters for a LinkedIn note."""

from __future__ import annotations

from clinch.core.checks._context import Context
from clinch.core.checks.finding import Finding

_WORD_KEYS = {
    "thank_you": "thank_you.max_words",
    "status_check": "status_check.max_words",
    "rejection_reply": "rejection_reply.max_words",
    "keep_in_touch": "keep_in_touch.max_words",
}
_ADVICE = {
    "thank_you": "keep your thanks, one specific point, one line on fit and your interest",
    "status_check": "keep the thanks, your interest and one easy question about the timeline",
    "rejection_reply": "keep the thanks, one thing you valued and your good wishes",
    "keep_in_touch": "keep the one piece of news or the link, and one line of warmth",
}


def word_limit(policy, kind: str) -> int | None:
    key = _WORD_KEYS.get(kind)
    return int(policy.value(key)) if key else None


def check_length(ctx: Context) -> list[Finding]:
    doc, policy = ctx.doc, ctx.policy
    if ctx.kind == "linkedin_note":
        limit = int(policy.linkedin_note_chars())
        text = doc.text.rstrip()
        if len(text) > limit:
            return [Finding("too-long", "error", f"Cut to {limit} characters or fewer (now {len(text)}): LinkedIn will not send a longer note. Keep how you know them and one line of interest. {_why(policy, 'linkedin.tier')}", limit, len(text))]
        return []
    limit = word_limit(policy, ctx.kind)
    if limit is None or doc.word_count <= limit:
        return []
    start = doc.tokens[limit][1]
    key = _WORD_KEYS[ctx.kind]
    return [Finding("too-long", "warning", f"Cut to {limit} words or fewer (now {doc.word_count}): {_ADVICE[ctx.kind]}. {_why(policy, key)}", start, len(doc.text))]


def _why(policy, key: str) -> str:
    try:
        return policy.why(key)
    except (KeyError, AttributeError):
        return ""
