"""Drafts: the subject and body of each planned message, ready for the user to edit.

One note per interviewer (T7), each built from that person's topics and article
(T8, T11), with the role, the company exactly as written (N4), the candidate's
name and signature, within the policy's length for its kind (T9, F12, R3, L1).

Wording varies by recipient without randomness: each slot (opening, topic,
article, fit, next steps, sign-off) has several phrasings, and the panel member
at rank *r* (panel sorted by email) takes phrasing ``(r + offset) % n`` where
the offset comes from a hash of the recipient's email. With at least as many
phrasings as people on the panel, no two notes share a sentence built from the
same template; every sentence that names a topic differs anyway.

Every draft is checked with ``clinch.core.checks.check``; a topic or article
title that would itself trip a check (a placeholder, a pay word) is left out.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from clinch.core.checks import check, has_errors
from clinch.core.checks._context import facts_for
from clinch.core.model import Action, Interview, Interviewer, Plan

# Action kind -> the kind of message ``check`` knows.
CHECK_KIND = {
    "thank_you": "thank_you",
    "status_check": "status_check",
    "rejection_reply": "rejection_reply",
    "keep_in_touch": "keep_in_touch",
    "linkedin_connect": "linkedin_note",
    "handwritten_card": "thank_you",
}
CARD_MAX_WORDS = 70  # a card is read in one glance


@dataclass(frozen=True)
class Draft:
    subject: str  # "" for a LinkedIn note or a card
    body: str


# -- phrasings ------------------------------------------------------------------------
# {role} {company} {day} {topic} {title} {url} are filled in; every phrasing is one sentence.

OPENINGS = (
    "Thank you for taking the time to speak with me on {day} about the {role} position at {company}.",
    "Thank you for meeting with me on {day} to talk about the {role} role.",
    "I appreciated the time you spent with me on {day} discussing the {role} opening at {company}.",
    "Many thanks for your time on {day} and for the candid look at the {role} role.",
    "Thank you for our conversation on {day}; I came away with a much clearer picture of the {role} role at {company}.",
    "I'm grateful for the time you gave me during my {role} interview on {day}.",
    "Thank you for welcoming me on {day} and for walking me through the {role} role.",
)
TOPIC_FIRST = (
    "I especially enjoyed our conversation about {topic}.",
    "Our discussion of {topic} has stayed with me since.",
    "I keep thinking about what you shared on {topic}.",
    "Hearing your perspective on {topic} was a highlight of the day for me.",
    "I was glad we had time to dig into {topic}.",
    "Your account of {topic} gave me a real sense of the problems the team is solving.",
    "The part of our talk I found most useful was {topic}.",
)
TOPIC_SECOND = (
    "I also appreciated hearing about {topic}.",
    "It was also useful to learn about {topic}.",
    "Thank you as well for explaining {topic}.",
    "The way you described {topic} made the day-to-day work easy to picture.",
    "I also valued our exchange about {topic}.",
    "Learning about {topic} rounded out the picture nicely.",
    "I'm still turning over what you said about {topic}.",
)
ARTICLE = (
    'I thought of our talk when I read "{title}" ({url}).',
    'After we spoke I read "{title}" ({url}), and it gave me a few more ideas on the subject.',
    'I have since read "{title}" ({url}), which filled in the background to our conversation.',
    'Reading "{title}" ({url}) afterwards made our discussion even more concrete for me.',
    '"{title}" ({url}) was a good follow-on read after our conversation.',
    'I found "{title}" ({url}) and enjoyed connecting it to what we covered.',
    'Our conversation sent me to "{title}" ({url}), which I enjoyed.',
)
# With no topic recorded, claim nothing specific: an invented detail is worse than none.
NO_TOPIC = {
    "recruiter": (
        "Thank you as well for coordinating the interviews and keeping the day running smoothly.",
        "I appreciated your help in arranging everything so smoothly.",
        "Thank you for guiding me through each step of the process.",
        "Your help with the arrangements made the day easy for me.",
        "I appreciated how well organised every part of the day was.",
        "Thank you for looking after the scheduling and the logistics.",
        "Thank you for making the process so easy to follow.",
    ),
    "hiring_manager": (
        "I appreciated the time you set aside for our conversation.",
        "It was a pleasure to meet you and to hear your perspective.",
        "Thank you for the thought you put into our conversation.",
        "I came away from our conversation with plenty to think about.",
        "Our conversation gave me a clearer sense of the role.",
        "I appreciated how welcoming you made the conversation.",
        "I enjoyed the chance to learn from you directly.",
    ),
    "interviewer": (
        "I enjoyed our conversation and the chance to learn from you.",
        "I appreciated the thoughtful questions you asked.",
        "It was good to meet you and to hear your point of view.",
        "Thank you for making the conversation feel so easy.",
        "I came away with a better feel for the work after talking with you.",
        "Our conversation was one of the highlights of the day for me.",
        "I valued the chance to talk with someone who does the work.",
    ),
}
FIT = (
    "The conversation confirmed how much I would like to contribute to the team's work as a {role}.",
    "It left me even more interested in joining {company} as a {role}.",
    "I'm excited about the prospect of bringing my experience to the {role} role.",
    "Everything I heard made the {role} role more appealing to me.",
    "I came away convinced that the {role} role is a strong match for the work I do best.",
    "I would welcome the chance to put my experience to work on your team.",
    "It reinforced my interest in the {role} position and in where the team is heading.",
)
NEXT = (
    "Please let me know if there is anything else I can provide to help with your decision.",
    "If any further information would be useful, I'd be glad to send it.",
    "Please feel free to reach out if I can answer any other questions.",
    "I look forward to hearing about the next steps.",
    "If it would help, I'm happy to share more detail on any of my projects.",
    "I look forward to your thoughts on next steps.",
    "I'm happy to follow up with anything that would be useful as you decide.",
)
# Added when a note would fall short of the policy's soft minimum (T9: about 100 words).
# They speak of the candidate's own interest only: nothing here may claim what was said.
INTEREST = (
    "I left the conversation keen to bring my experience to the team.",
    "I came away more certain that this is the kind of work I want to do next.",
    "Talking with you made it easy to picture myself in the role.",
    "I enjoyed the conversation and the chance to ask my own questions.",
    "I would be glad to learn from the team as much as I would contribute to it.",
    "The conversation made the opportunity feel even more worth pursuing.",
    "I appreciated the chance to learn more about the work and the people behind it.",
)
SIGN_OFFS = ("Best regards,", "With thanks,", "Kind regards,", "Warm regards,", "All the best,", "Thank you again,", "Sincerely,")


# -- public API -------------------------------------------------------------------------


def draft(interview: Interview, action: Action, policy) -> Draft:
    """The draft for one planned action (subject "" for LinkedIn notes and cards)."""
    person = _recipient(interview, action)
    builder = _BUILDERS.get(action.kind)
    if builder is None:
        raise ValueError(f"no draft for action kind {action.kind!r}")
    return builder(_Slots(interview, person, policy))


def draft_all(interview: Interview, plan: Plan, policy, kind: str | None = None) -> list[tuple[Action, Draft]]:
    """A draft for every action of ``plan`` (only those of ``kind`` if given), in plan order."""
    return [(a, draft(interview, a, policy)) for a in plan.actions if kind is None or a.kind == kind]


def check_kind(action_kind: str) -> str:
    """The ``check`` kind for a planned action's kind."""
    return CHECK_KIND[action_kind]


# -- building blocks --------------------------------------------------------------------


def _recipient(interview: Interview, action: Action) -> Interviewer | None:
    if action.recipient is not None:
        return action.recipient
    key = (action.to or "").lower()
    for person in interview.interviewers:
        if (person.email or "").lower() == key or person.name.lower() == key:
            return person
    return None


class _Slots:
    """Everything a builder needs for one recipient, with the phrasing rank chosen."""

    def __init__(self, interview: Interview, person: Interviewer | None, policy):
        self.interview = interview
        self.person = person
        self.policy = policy
        self.rank = _rank(interview, person)
        self.day = interview.starts_at.strftime("%A")
        self.company = interview.company
        self.role = interview.role
        self.topics = [t for t in (_second_person(t) for t in (person.topics if person else ())) if _safe(interview, person, t)]
        article = person.article if person else None
        self.article = article if article and _safe(interview, person, article.title) else None

    def pick(self, options: tuple[str, ...], slot: int) -> str:
        return options[(self.rank + slot) % len(options)]

    def fill(self, template: str, **extra) -> str:
        values = {"role": self.role, "company": self.company, "day": self.day, **extra}
        text = template.format(**values)
        return text.replace("..", ".").replace(".;", ";").replace(".,", ",")

    def greeting(self, formal: bool = False) -> str:
        if self.person is None:
            return "Hello,"
        name = _greeting_name(self.interview, self.person, self.policy)
        word = ("Dear", "Hi", "Hello")[self.rank % 3] if not formal else "Dear"
        return f"{word} {name},"

    def signature(self, sign_off: str) -> str:
        """The sign-off, then the candidate's name and contact details on one line.

        One line, so the signature counts as the single sentence notes on a panel may share.
        """
        cand = self.interview.candidate
        lines = [line.strip() for line in (cand.signature or "").splitlines() if line.strip()]
        if not lines:
            lines = [cand.name] + ([cand.email] if cand.email else [])
        elif cand.name not in lines[0]:
            lines.insert(0, cand.name)
        return f"{sign_off}\n{' · '.join(lines)}"


def _rank(interview: Interview, person: Interviewer | None) -> int:
    """The phrasing rank: position in the panel sorted by email, plus an offset seeded by the panel's emails."""
    if person is None:
        return 0
    panel = sorted(interview.interviewers, key=lambda p: ((p.email or "").lower(), p.name))
    position = next((i for i, p in enumerate(panel) if p == person), 0)
    seed = "|".join((p.email or p.name).lower() for p in panel)
    return position + int(hashlib.sha256(seed.encode()).hexdigest(), 16) % 7


def _greeting_name(interview: Interview, person: Interviewer, policy) -> str:
    style = _value(policy, "thank_you.salutation", "preferred_name")
    facts = facts_for(interview)
    parts = next((p for p in facts.people if p.interviewer == person), None)
    first = parts.parts[0] if parts and parts.parts else person.name.split()[0]
    if style == "full_name":
        return person.name
    if style == "preferred_name" and person.preferred_name:
        return person.preferred_name
    return first


def _value(policy, key: str, default):
    try:
        return policy.value(key)
    except (KeyError, AttributeError):
        return default


_POSSESSIVE = re.compile(r"\b(?:her|his|their)\b", re.IGNORECASE)
_SUBJECT = re.compile(r"^(?:she|he|they) ", re.IGNORECASE)


def _second_person(topic: str) -> str:
    """A topic as said to its person: "the dashboard her team built" -> "the dashboard your team built"."""
    text = " ".join(topic.split()).rstrip(".;:,")
    text = _POSSESSIVE.sub(lambda m: "Your" if m.group()[0].isupper() else "your", text)
    return _SUBJECT.sub("you ", text)


def _safe(interview: Interview, person: Interviewer | None, words: str) -> bool:
    """False when the words alone would trip a check (a placeholder, pay, a shouted word)."""
    if person is None:
        return True
    probe = f"{words}."
    to = person.email or person.name
    return not any(f.code not in ("not-personalized", "too-long") and f.severity in ("error", "warning") for f in check(probe, interview=interview, to=to, kind="status_check"))


def _paragraphs(*blocks: str) -> str:
    return "\n\n".join(b for b in blocks if b)


def _thank_you(s: _Slots) -> Draft:
    name = s.interview.candidate.name
    subject = _subject(s.policy, s.role, name)
    middle = _specific_sentences(s)
    closing = [s.fill(s.pick(FIT, 3)), s.fill(s.pick(NEXT, 4))]
    body = _thank_you_body(s, middle, closing)
    if len(body.split()) < int(_value(s.policy, "thank_you.min_words", 100)):
        closing.insert(0, s.pick(INTEREST, 7))
        body = _thank_you_body(s, middle, closing)
    return _fit_words(Draft(subject, body), s, "thank_you.max_words", 180)


def _thank_you_body(s: _Slots, middle: list[str], closing: list[str]) -> str:
    return _paragraphs(
        s.greeting(),
        " ".join([s.fill(s.pick(OPENINGS, 0)), *middle]),
        " ".join(closing),
        s.signature(s.pick(SIGN_OFFS, 5)),
    )


def _specific_sentences(s: _Slots) -> list[str]:
    out = []
    if s.topics:
        out.append(s.fill(s.pick(TOPIC_FIRST, 1), topic=s.topics[0]))
        if len(s.topics) > 1:
            out.append(s.fill(s.pick(TOPIC_SECOND, 2), topic=s.topics[1]))
    elif s.person is not None:
        options = NO_TOPIC.get(s.person.role, NO_TOPIC["interviewer"])
        out.append(s.pick(options, 1))
    if s.article:
        out.append(s.fill(s.pick(ARTICLE, 6), title=s.article.title, url=s.article.url))
    return out


def _subject(policy, role: str, name: str) -> str:
    template = _value(policy, "thank_you.subject_template", "Thank you – {role} interview – {name}")
    limit = int(_value(policy, "thank_you.subject_max_chars", 40))
    subject = template.format(role=role, name=name)
    # T13: at most the limit, or at least the role within the first 30 characters.
    if len(subject) <= limit or subject.find(role) + len(role) <= 30:
        return subject
    for shorter in (f"{role} interview – {name}", f"Thank you – {role}", f"{role} – {name}"):
        if len(shorter) <= limit:
            return shorter
    return f"{role} interview"[:limit].rstrip()


def _status_check(s: _Slots) -> Draft:
    topic = s.topics[0] if s.topics else None
    # A week or more later "on Wednesday" is ambiguous: name the date.
    when = f"{s.interview.starts_at:%B} {s.interview.starts_at.day}"
    recall = f"I enjoyed our conversation on {when} about {topic}" if topic else f"I enjoyed our conversation on {when}"
    body = _paragraphs(
        s.greeting(),
        f"{recall}, and I remain very interested in the {s.role} role at {s.company}.".replace("..", "."),
        "I know these decisions take time. Is there an updated timeline for next steps, or anything else I can send that would help?",
        s.signature(s.pick(SIGN_OFFS, 5)),
    )
    subject = "Re: " + _subject(s.policy, s.role, s.interview.candidate.name)
    return _fit_words(Draft(subject, body), s, "status_check.max_words", 125)


def _rejection_reply(s: _Slots) -> Draft:
    topic = s.topics[0] if s.topics else None
    positive = f"I especially valued our conversation about {topic}." if topic else "I especially valued learning how the team works."
    ask = ""
    if int(_value(s.policy, "rejection_reply.feedback_asks", 1)) > 0:
        ask = "If you ever have a moment, I'd welcome a sentence on what would strengthen a future application, though I understand if that isn't possible."
    body = _paragraphs(
        s.greeting(),
        f"Thank you for letting me know, and for the time you and the team spent with me. {positive}",
        f"I remain very interested in {s.company} and would be glad to be considered for future roles. {ask}".strip().replace("..", "."),
        "I wish you and the team all the best.",
        s.signature(s.pick(SIGN_OFFS, 5)),
    )
    subject = "Re: " + _subject(s.policy, s.role, s.interview.candidate.name)
    return _fit_words(Draft(subject, body), s, "rejection_reply.max_words", 120)


def _keep_in_touch(s: _Slots) -> Draft:
    lines = [f"It has been a little while since we spoke about the {s.role} role at {s.company}, and I wanted to stay in touch."]
    if s.article:
        lines.append(s.fill('I came across "{title}" ({url}) again recently and thought of you.', title=s.article.title, url=s.article.url))
    if s.topics:
        lines.append(f"I hope the work on {s.topics[0]} is going well.")
    lines.append("If a role opens on your team that fits my background, I'd be glad to hear about it.")
    body = _paragraphs(s.greeting(), " ".join(lines).replace("..", "."), s.signature(s.pick(SIGN_OFFS, 5)))
    return _fit_words(Draft(f"Keeping in touch – {s.interview.candidate.name}", body), s, "keep_in_touch.max_words", 150)


def _linkedin_note(s: _Slots) -> Draft:
    limit = int(s.policy.linkedin_note_chars()) if hasattr(s.policy, "linkedin_note_chars") else 200
    name = s.person and _greeting_name(s.interview, s.person, s.policy)
    me = s.interview.candidate.name.split()[0]
    hello = f"Hi {name}, " if name else "Hello, "
    topic = s.topics[0] if s.topics else None
    candidates = []
    if topic:
        candidates.append(f"{hello}thank you for my {s.role} interview at {s.company} and our talk about {topic}. I'd be glad to stay in touch. {me}")
        candidates.append(f"{hello}thank you for our talk about {topic} during my {s.role} interview. I'd be glad to stay in touch. {me}")
    candidates.append(f"{hello}thank you for my {s.role} interview at {s.company}. I'd be glad to stay in touch. {me}")
    candidates.append(f"{hello}thank you for my {s.role} interview. I'd be glad to stay in touch. {me}")
    candidates.append(f"{hello}thank you for the interview. Glad to stay in touch. {me}")
    for text in candidates:
        text = text.replace("..", ".")
        if len(text) <= limit:
            return Draft("", text)
    return Draft("", candidates[-1][:limit])


def _handwritten_card(s: _Slots) -> Draft:
    topic = s.topics[0] if s.topics else None
    about = f" and for our conversation about {topic}" if topic else ""
    body = _paragraphs(
        s.greeting(formal=True),
        f"Thank you for your time on {s.day}{about}. I enjoyed meeting you and remain very interested in the {s.role} role.",
        f"{s.pick(SIGN_OFFS, 5)}\n{s.interview.candidate.name}",
    )
    return Draft("", body)


def _fit_words(d: Draft, s: _Slots, key: str, default: int) -> Draft:
    """Drop sentences from the longest paragraph until the body is within the policy's words."""
    limit = int(_value(s.policy, key, default))
    body = d.body
    while len(body.split()) > limit:
        paras = body.split("\n\n")
        inner = paras[1:-1]
        if not inner:
            break
        i = 1 + max(range(len(inner)), key=lambda k: len(inner[k]))
        sentences = paras[i].split(". ")
        if len(sentences) <= 1:
            paras.pop(i)
        else:
            paras[i] = ". ".join(sentences[:-1]).rstrip(".") + "."
        body = "\n\n".join(paras)
    return Draft(d.subject, body)


_BUILDERS = {
    "thank_you": _thank_you,
    "status_check": _status_check,
    "rejection_reply": _rejection_reply,
    "keep_in_touch": _keep_in_touch,
    "linkedin_connect": _linkedin_note,
    "handwritten_card": _handwritten_card,
}


def check_draft(interview: Interview, action: Action, d: Draft, policy) -> list:
    """The findings of ``check`` on a draft, or [] when the action has no known recipient."""
    person = _recipient(interview, action)
    if person is None:
        return []
    return check(d.body, interview=interview, to=person.email or person.name, kind=CHECK_KIND[action.kind], policy=policy)


__all__ = ["CHECK_KIND", "Draft", "check_draft", "check_kind", "draft", "draft_all", "has_errors"]
