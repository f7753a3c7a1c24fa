"""Personalisation: a thank-you note cites something this interviewer discussed (T8, T10).

The note must share at least one meaningful word (stopwords and generic
interview words removed, crude stems compared) with one of the recipient's
topics, or mention their article (title words or link). Generic praise
("great conversation", "your team") does not count. A recipient with no topics
and no article cannot be checked, and is not.
"""

from __future__ import annotations

from clinch.core.bytecache import lru_bytes
from clinch.core.checks._context import Context
from clinch.core.checks._text import STOPWORDS, WORD, fold, stem_keys
from clinch.core.checks.finding import Finding
from clinch.core.model import Interviewer

# Words every note has, whatever was discussed.
_GENERIC = frozenset(
    key
    for w in """team teams role position job company interview interviews conversation conversations discussion talk
    talked talking chat time thank thanks work working opportunity meeting meet great good really enjoyed enjoy
    learning learn learned hear hearing project projects process today yesterday week engineer engineering
    manager hiring candidate day morning afternoon hope excited interest interested experience skills""".split()
    for key in stem_keys(w)
)


@lru_bytes(2 << 20)
def cues(recipient: Interviewer, common: str = "") -> frozenset[str]:
    """The stems that show the note is about this person's conversation.

    Words of ``common`` (the role and the company) never count: every note names them.
    """
    shared = {key for word in WORD.findall(fold(common)) for key in stem_keys(word)}
    texts = list(recipient.topics)
    if recipient.article:
        texts.append(recipient.article.title)
    out = set()
    for text in texts:
        for word in WORD.findall(fold(text)):
            if word.lower() in STOPWORDS or word.isdigit():
                continue
            keys = stem_keys(word)
            if not any(k in _GENERIC or k in shared for k in keys) and len(keys[0]) >= 3:
                out.update(keys)
    return frozenset(out)


def check_personal(ctx: Context) -> list[Finding]:
    recipient = ctx.recipient
    if ctx.kind != "thank_you" or recipient is None:
        return []
    wanted = cues(recipient, f"{ctx.interview.role} {ctx.interview.company}")
    if not wanted:
        return []
    if wanted & ctx.doc.stems:
        return []
    if recipient.article and recipient.article.url and recipient.article.url.split("://")[-1].rstrip("/") in ctx.doc.text:
        return []
    topic = recipient.topics[0] if recipient.topics else recipient.article.title
    end = len(ctx.doc.text.rstrip())
    return [Finding("not-personalized", "error", f'Cite something {recipient.name} discussed, for example: "I enjoyed our conversation about {topic}." A note that could go to anyone tells the reader nothing (T8, T10; S13, S16).', 0, end)]
