"""Drafts: the subject and body of each planned message, ready for the user to edit.

One note per interviewer (T7), each built from that person's topics and article
(T8, T11), with the role, the company exactly as written (N4), the candidate's
name and signature, within the policy's length for its kind (T9, F12, R3, L1).

Wording varies by recipient without randomness: each slot (opening, topic,
article, fit, next steps, sign-off) has several phrasings, and the panel member
at rank *r* (panel sorted by email) takes phrasing ``(r + offset) % n`` where
the offset comes from a hash of the panel's emails. Every slot has at least
``PANEL_MAX`` (12) phrasings, so on a panel of up to 12 no two notes share a
sentence built from the same template; every sentence that names a topic
differs anyway. The signature line is the one sentence notes may share.

Status checks to one person differ by their number in the plan (F7): the
first asks about the timeline, the second is briefer and adds one new thing,
the third is a short, gracious last note. They share no sentence.

Every draft is checked with ``clinch.core.checks.check``; a topic or article
title that would itself trip a check (a placeholder, a pay word) is left out.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime

from clinch.core.checks import check, has_errors
from clinch.core.checks._context import facts_for, given_name
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
PANEL_MAX = 12  # every slot has at least this many phrasings: see the module docstring


@dataclass(frozen=True)
class Draft:
    subject: str  # "" for a LinkedIn note or a card
    body: str


# -- phrasings ------------------------------------------------------------------------
# {role} {a_role} {company} {on_day} {topic} {title} {url} are filled in; every phrasing is one sentence.
# {on_day} is "on Tuesday", or "today" / "this morning" in a note sent the day of the interview;
# {company} is the company's short name (no "Inc.", "Ltd", "GmbH"): the legal name is for formal use.
# Write "{a_role}" ("an SRE", "a Data Scientist"), never "a {role}": the article depends on the role.

OPENINGS = (
    "Thank you for taking the time to speak with me {on_day} about the {role} position at {company}.",
    "Thank you for meeting with me {on_day} to talk about the {role} role.",
    "I appreciated the time you spent with me {on_day} discussing the {role} opening at {company}.",
    "Many thanks for your time {on_day} and for the candid look at the {role} role.",
    "Thank you for our conversation {on_day}; I came away with a much clearer picture of the {role} role at {company}.",
    "I'm grateful for the time you gave me during my {role} interview {on_day}.",
    "Thank you for welcoming me {on_day} and for walking me through the {role} role.",
    "Thank you for speaking with me {on_day} about the {role} position.",
    "It was a pleasure to meet you {on_day} during my interview for the {role} role at {company}.",
    "Thank you for the time you set aside {on_day} to talk about the {role} opening.",
    "I enjoyed meeting you {on_day} and learning more about the {role} position at {company}.",
    "Thank you for a thoughtful conversation {on_day} about the {role} role and the team behind it.",
)
TOPIC_FIRST = (
    "I especially enjoyed our conversation about {topic}.",
    "Our discussion of {topic} has stayed with me since.",
    "I keep thinking about what you shared on {topic}.",
    "Hearing your perspective on {topic} was a highlight of the day for me.",
    "I was glad we had time to dig into {topic}.",
    "Your account of {topic} gave me a real sense of the problems the team is solving.",
    "The part of our talk I found most useful was {topic}.",
    "What you said about {topic} is the part I have thought about most.",
    "I found our exchange about {topic} especially interesting.",
    "Talking through {topic} with you was the most useful part of the day for me.",
    "It was a real pleasure to talk about {topic} with you.",
    "Your insight into {topic} was one of the things I valued most.",
)
TOPIC_SECOND = (
    "I also appreciated hearing about {topic}.",
    "It was also useful to learn about {topic}.",
    "Thank you as well for explaining {topic}.",
    "The way you described {topic} made the day-to-day work easy to picture.",
    "I also valued our exchange about {topic}.",
    "Learning about {topic} rounded out the picture nicely.",
    "I'm still turning over what you said about {topic}.",
    "Your comments on {topic} were helpful too.",
    "I was also interested to hear about {topic}.",
    "Thank you, too, for the time you spent on {topic}.",
    "Hearing about {topic} also gave me a clearer view of the work.",
    "It was good to cover {topic} as well.",
)
ARTICLE = (
    'I thought of our talk when I read "{title}" ({url}).',
    'After we spoke I read "{title}" ({url}), and it gave me a few more ideas on the subject.',
    'I have since read "{title}" ({url}), which filled in the background to our conversation.',
    'Reading "{title}" ({url}) afterwards made our discussion even more concrete for me.',
    '"{title}" ({url}) was a good follow-on read after our conversation.',
    'I found "{title}" ({url}) and enjoyed connecting it to what we covered.',
    'Our conversation sent me to "{title}" ({url}), which I enjoyed.',
    'Since we spoke I have been reading "{title}" ({url}), which brought our conversation back to mind.',
    '"{title}" ({url}) gave me more context on what we discussed.',
    'I enjoyed reading "{title}" ({url}) after our meeting.',
    'Our discussion made "{title}" ({url}) all the more interesting to read.',
    'I read "{title}" ({url}) with our conversation in mind.',
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
        "Thank you for keeping me informed at every stage.",
        "I appreciated your clear and friendly communication.",
        "Your care with the details was much appreciated.",
        "Thank you for your help in getting everything ready for the day.",
        "It was a pleasure working with you to set up the interviews.",
    ),
    "hiring_manager": (
        "I appreciated the time you set aside for our conversation.",
        "It was a pleasure to meet you and to hear your perspective.",
        "Thank you for the thought you put into our conversation.",
        "I came away from our conversation with plenty to think about.",
        "Our conversation gave me a clearer sense of the role.",
        "I appreciated how welcoming you made the conversation.",
        "I enjoyed the chance to learn from you directly.",
        "Thank you for making time to meet with me.",
        "It was a pleasure to talk with you about the team.",
        "I valued the chance to hear your views firsthand.",
        "Meeting you gave me a better sense of the team I would join.",
        "I appreciated your openness during our conversation.",
    ),
    "interviewer": (
        "I enjoyed our conversation and the chance to learn from you.",
        "I appreciated the thoughtful questions you asked.",
        "It was good to meet you and to hear your point of view.",
        "Thank you for making the conversation feel so easy.",
        "I came away with a better feel for the work after talking with you.",
        "Our conversation was one of the highlights of the day for me.",
        "I valued the chance to talk with someone who does the work.",
        "Thank you for a friendly and engaging conversation.",
        "I appreciated the chance to hear about the work from your side.",
        "It was a pleasure to speak with you.",
        "Your questions gave me plenty to reflect on.",
        "I enjoyed meeting you and getting a sense of the work.",
    ),
}
FIT = (
    "The conversation confirmed how much I would like to contribute to the team's work as {a_role}.",
    "It left me even more interested in joining {company} as {a_role}.",
    "I'm excited about the prospect of bringing my experience to the {role} role.",
    "Everything I heard made the {role} role more appealing to me.",
    "I came away convinced that the {role} role is a strong match for the work I do best.",
    "I would welcome the chance to put my experience to work on your team.",
    "It reinforced my interest in the {role} position and in where the team is heading.",
    "I would be delighted to join the team as {a_role}.",
    "Our conversation strengthened my wish to work at {company}.",
    "I'm confident I could make a real contribution in the {role} role.",
    "The more I learn about the {role} role, the more I want to be part of it.",
    "I'd welcome the chance to join {company} as {a_role} and to learn from the team.",
)
NEXT = (
    "Please let me know if there is anything else I can provide to help with your decision.",
    "If any further information would be useful, I'd be glad to send it.",
    "Please feel free to reach out if I can answer any other questions.",
    "I look forward to hearing about the next steps.",
    "If it would help, I'm happy to share more detail on any of my projects.",
    "I look forward to your thoughts on next steps.",
    "I'm happy to follow up with anything that would be useful as you decide.",
    "Do let me know if there is anything more you need from me.",
    "I would be glad to provide references or examples of my work.",
    "I look forward to hearing from you when the time is right.",
    "If questions come up as you decide, I'm happy to answer them.",
    "Thank you again for considering me for the role.",
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
    "I'm eager to bring what I have learned so far to a team like yours.",
    "The role feels like a natural next step for me.",
    "I would enjoy taking on the kind of problems the team is working on.",
    "I'd like to keep the conversation going as the process moves forward.",
    "I am keen to keep learning about the role as the process continues.",
)
SIGN_OFFS = (
    "Best regards,", "With thanks,", "Kind regards,", "Warm regards,", "All the best,", "Thank you again,", "Sincerely,",
    "Best wishes,", "Many thanks,", "With appreciation,", "Regards,", "Warmly,",
)


# -- public API -------------------------------------------------------------------------


def draft(interview: Interview, action: Action, policy) -> Draft:
    """The draft for one planned action (subject "" for LinkedIn notes and cards).

    A status check's number comes from its plan key ("status_check:2:...");
    a key without one is taken as the first.
    """
    person = _recipient(interview, action)
    builder = _BUILDERS.get(action.kind)
    if builder is None:
        raise ValueError(f"no draft for action kind {action.kind!r}")
    d = builder(_Slots(interview, person, policy, nth=_nth(action), send_at=action.send_at))
    if action.kind in SHORT_NOTES:
        d = Draft(d.subject, vary_repeats(d.body, keep=_own_words(interview, person)))
    return d


def draft_all(interview: Interview, plan: Plan, policy, kind: str | None = None) -> list[tuple[Action, Draft]]:
    """A draft for every action of ``plan`` (only those of ``kind`` if given), in plan order."""
    return [(a, draft(interview, a, policy)) for a in plan.actions if kind is None or a.kind == kind]


def check_kind(action_kind: str) -> str:
    """The ``check`` kind for a planned action's kind."""
    return CHECK_KIND[action_kind]


# Letters whose spoken name starts with a vowel sound: "an F", "an M", "an S".
_VOWEL_NAMED_LETTERS = frozenset("AEFHILMNORSX")
# Acronyms said as a word rather than letter by letter.
_SAID_AS_WORDS = frozenset({"NASA", "SCADA"})
# Vowel letters said with a "y" or "w" sound: "a user", "a unit", "a European", "a one-person team".
_CONSONANT_SOUND_PREFIXES = ("unic", "unif", "unio", "uniq", "unit", "univ", "unix", "usa", "use", "usu", "uti", "uro", "eu")
_CONSONANT_SOUND_WORDS = frozenset({"one", "once"})
# A silent h: "an hour", "an honest".
_SILENT_H_PREFIXES = ("hour", "honest", "honor", "honour", "heir")


def a_or_an(phrase: str) -> str:
    """ "a" or "an" for ``phrase``, by the sound of its first word.

    The rules, in order:

    * a number takes "an" when said with a vowel first: 8, 80, 800 ... and 11, 18 ("an 8-person team"), else "a";
    * an acronym (all capitals: "SRE", "ML", "UX") is read letter by letter, so it takes "an"
      when its first letter's name starts with a vowel sound (A E F H I L M N O R S X):
      "an SRE", "an FPGA engineer", "a UX designer"; the few said as words ("NASA") are words;
    * a silent h takes "an": "an hour", "an honest";
    * a vowel said like "y" or "w" takes "a": "a user", "a unit", "a European", "a one";
    * otherwise "an" before a vowel letter and "a" before anything else.
    """
    match = re.search(r"[^\W_]+", phrase)
    if match is None:
        return "a"
    word = match.group()
    if word[0].isdigit():
        return "an" if re.match(r"8|1[18](?!\d)", word) else "a"
    if word.isupper() and word not in _SAID_AS_WORDS:
        return "an" if word[0] in _VOWEL_NAMED_LETTERS else "a"
    lower = word.lower()
    if lower.startswith(_SILENT_H_PREFIXES):
        return "an"
    if lower in _CONSONANT_SOUND_WORDS or lower.startswith(_CONSONANT_SOUND_PREFIXES):
        return "a"
    return "an" if lower[0] in "aeiou" else "a"


# The last sentence of a LinkedIn connection note: short, since the whole note may have 200 characters.
LINKEDIN_CLOSINGS = (
    "I'd be glad to stay in touch.",
    "I'd like to keep in touch.",
    "I hope we can stay connected.",
    "I'd welcome staying connected.",
    "It was good to meet you.",
    "It would be good to stay connected.",
    "I enjoyed meeting you.",
    "I'd value keeping in touch.",
    "Hope to stay in touch.",
    "Happy to stay connected.",
    "I'd be pleased to connect here.",
    "Let's keep in touch.",
)


# -- wording --------------------------------------------------------------------------------

# The notes short enough that a word used three times stands out.
SHORT_NOTES = frozenset({"thank_you", "status_check", "rejection_reply", "keep_in_touch", "handwritten_card"})
REPEAT_LIMIT = 2  # a content word may appear at most this often in a short note
# Words the templates use that have a plain stand-in; a third use takes the next one free.
SYNONYMS = {
    "role": ("position", "job"),
    "position": ("role", "job"),
    "opening": ("role", "position"),
    "conversation": ("talk", "discussion"),
    "talk": ("conversation", "discussion"),
    "discussion": ("conversation", "talk"),
    "team": ("group",),
    "enjoyed": ("liked", "valued"),
    "appreciated": ("valued",),
}
_STOP = frozenset(
    "a an the and or but to of in on for with at by from as about into over after before than then so if "
    "i i'm i'd i've i'll me my mine you you're your yours we our us they them their it it's its this that these "
    "those is am are was were be been being have has had do did does would could will can should may might "
    "not no yes any more most much very also too all each what which who whom how when where there here".split()
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def short_company(name: str) -> str:
    """The company's name for running prose: without its legal suffix ("Inc.", "Ltd", "GmbH", "LLC", "S.A.")."""
    from clinch.core.checks.company import parse_company

    return parse_company(name).core or name


def on_day(starts_at: datetime, send_at: datetime | None) -> str:
    """How a note refers to the interview's day: "on Tuesday", or on the day itself "today",
    "this morning" (a morning interview, a note from the afternoon on). Wall time where it took place."""
    if send_at is None:
        return f"on {starts_at:%A}"
    sent = send_at.astimezone(starts_at.tzinfo)
    if sent.date() != starts_at.date():
        return f"on {starts_at:%A}"
    return "this morning" if starts_at.hour < 12 <= sent.hour else "today"


def _own_words(interview: Interview, person: Interviewer | None) -> frozenset[str]:
    """Words that belong to the facts (names, company, role, topics, article): never swapped."""
    texts = [interview.company, interview.role, interview.candidate.name, *(p.name for p in interview.interviewers)]
    if person is not None:
        texts += list(person.topics) + ([person.article.title] if person.article else [])
    return frozenset(w.lower() for text in texts for w in _WORD.findall(text))


def vary_repeats(body: str, *, keep: frozenset[str] = frozenset()) -> str:
    """``body`` with each content word used at most ``REPEAT_LIMIT`` times where the templates allow.

    Only the paragraphs between the greeting and the signature are counted. A third (or later)
    use of a template word is swapped for a stand-in from ``SYNONYMS`` that is itself not used
    up yet; words in ``keep`` (the facts: names, the company, topics) are never swapped. Linear
    in the length of the body.
    """
    paras = body.split("\n\n")
    if len(paras) < 3:
        return body
    middle = "\n\n".join(paras[1:-1])
    counts: dict[str, int] = {}
    for word in _WORD.findall(middle):
        counts[word.lower()] = counts.get(word.lower(), 0) + 1
    seen: dict[str, int] = {}

    def swap(match: re.Match) -> str:
        word = match.group()
        low = word.lower()
        seen[low] = seen.get(low, 0) + 1
        if seen[low] <= REPEAT_LIMIT or low in _STOP or low in keep or low not in SYNONYMS:
            return word
        for other in SYNONYMS[low]:
            if counts.get(other, 0) < REPEAT_LIMIT and other not in keep:
                counts[other] = counts.get(other, 0) + 1
                counts[low] -= 1
                return other[0].upper() + other[1:] if word[0].isupper() else other
        return word

    middle = _WORD.sub(swap, middle)
    return "\n\n".join([paras[0], middle, paras[-1]])


# -- building blocks --------------------------------------------------------------------


def _nth(action: Action) -> int:
    """Which status check of the plan this is: 2 for "status_check:2:...", else 1."""
    match = re.match(r"status_check:(\d+):", action.key or "")
    return max(1, int(match.group(1))) if match else 1


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

    def __init__(self, interview: Interview, person: Interviewer | None, policy, nth: int = 1,
                 send_at: datetime | None = None):
        self.interview = interview
        self.person = person
        self.policy = policy
        self.nth = nth  # the status check's number in the plan; 1 for every other kind
        self.rank = _rank(interview, person)
        self.on_day = on_day(interview.starts_at, send_at)
        self.company = short_company(interview.company)
        self.role = interview.role
        self.a_role = f"{a_or_an(interview.role)} {interview.role}"
        self.topics = [t for t in (_second_person(t) for t in (person.topics if person else ())) if _safe(interview, person, t)]
        article = person.article if person else None
        self.article = article if article and _safe(interview, person, article.title) else None

    def pick(self, options: tuple[str, ...], slot: int) -> str:
        return options[(self.rank + slot) % len(options)]

    def fill(self, template: str, **extra) -> str:
        values = {"role": self.role, "a_role": self.a_role, "company": self.company, "on_day": self.on_day, **extra}
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
    return position + int(hashlib.sha256(seed.encode()).hexdigest(), 16) % PANEL_MAX


def _greeting_name(interview: Interview, person: Interviewer, policy) -> str:
    style = _value(policy, "thank_you.salutation", "preferred_name")
    if style == "full_name":
        return person.name
    known = next((p for p in facts_for(interview).people if p.interviewer == person), None)
    if known is None:
        return person.name.split()[0]
    return known.greeting_name if style == "preferred_name" else given_name(known.parts) or person.name


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
    """The status check numbered ``s.nth`` in the plan, in the thank-you thread.

    F7: each later check adds something new and is lighter than the one before,
    so no two checks to one person share a sentence; none mentions the earlier
    ones or the wait ("following up again", "as I said").
    """
    middle = _first_status(s) if s.nth == 1 else _second_status(s) if s.nth == 2 else _last_status(s)
    # A different sign-off each time, so that only the greeting and the signature repeat.
    body = _paragraphs(s.greeting(), *middle, s.signature(s.pick(SIGN_OFFS, 4 + s.nth)))
    subject = "Re: " + _subject(s.policy, s.role, s.interview.candidate.name)
    return _fit_words(Draft(subject, body), s, "status_check.max_words", 125)


def _first_status(s: _Slots) -> list[str]:
    """Recall the conversation (the first topic), restate interest, ask one easy question."""
    topic = s.topics[0] if s.topics else None
    # A week or more later "on Wednesday" is ambiguous: name the date.
    when = f"{s.interview.starts_at:%B} {s.interview.starts_at.day}"
    recall = f"I enjoyed our conversation on {when} about {topic}" if topic else f"I enjoyed our conversation on {when}"
    return [
        f"{recall}, and I remain very interested in the {s.role} role at {s.company}.".replace("..", "."),
        "I know these decisions take time. Is there an updated timeline for next steps, or anything else I can send that would help?",
    ]


def _second_status(s: _Slots) -> list[str]:
    """Briefer than the first: one new thing, interest restated once, a shorter question.

    The new thing is the first that keeps the note shorter than the first check:
    a topic the first did not use, else the article, else an offer of work samples.
    """
    interest = f"I remain keen on the {s.role} role at {s.company}"
    question = "Could you let me know where the timeline stands?"
    options = []
    if len(s.topics) > 1:
        options.append([f"Since we spoke I have kept thinking about {s.topics[1]}, and {interest}.", question])
    if s.article:
        options.append([s.fill('Since we spoke I have read "{title}" ({url}), and {interest}.', title=s.article.title, url=s.article.url, interest=interest), question])
    options.append([f"{interest}, and I'd be happy to send work samples or references if that would help.", question])
    return _shorter_than(_first_status(s), options)


def _last_status(s: _Slots) -> list[str]:
    """A short, gracious last note: thanks and good wishes, no question, shorter than the second."""
    options = [
        [f"Thank you for considering me for the {s.role} role. I'd be glad to hear whenever there is news, and I wish you all the best with the search."],
        ["Thank you for considering me. I wish you all the best with the search."],
    ]
    return _shorter_than(_second_status(s), options)


def _shorter_than(earlier: list[str], options: list[list[str]]) -> list[str]:
    """The first of ``options`` with fewer words than ``earlier``; the last option when none is."""
    limit = len(" ".join(earlier).split())
    for paragraphs in options:
        if len(" ".join(paragraphs).split()) < limit:
            return [p.replace("..", ".") for p in paragraphs]
    return [p.replace("..", ".") for p in options[-1]]


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
    """A connection note within the plan's character limit, its closing ranked like every slot.

    The longest wording that fits wins: with the company and the topic, then without the
    company, then without the topic; the shortest closing is the last resort before cutting.
    """
    limit = int(s.policy.linkedin_note_chars()) if hasattr(s.policy, "linkedin_note_chars") else 200
    name = s.person and _greeting_name(s.interview, s.person, s.policy)
    me = s.interview.candidate.name.split()[0]
    hello = f"Hi {name}, " if name else "Hello, "
    topic = s.topics[0] if s.topics else None
    thanks = []
    if topic:
        thanks.append(f"thank you for my {s.role} interview at {s.company} and our talk about {topic}.")
        thanks.append(f"thank you for our talk about {topic} during my {s.role} interview.")
    thanks += [f"thank you for my {s.role} interview at {s.company}.", f"thank you for my {s.role} interview.",
               "thank you for the interview."]
    shortest = min(LINKEDIN_CLOSINGS, key=len)
    for closing in (s.pick(LINKEDIN_CLOSINGS, 8), shortest):
        for sentence in thanks:
            text = f"{hello}{sentence} {closing} {me}".replace("..", ".")
            if len(text) <= limit:
                return Draft("", text)
    return Draft("", f"{hello}{thanks[-1]} {shortest} {me}"[:limit])


def _handwritten_card(s: _Slots) -> Draft:
    topic = s.topics[0] if s.topics else None
    about = f" and for our conversation about {topic}" if topic else ""
    body = _paragraphs(
        s.greeting(formal=True),
        f"Thank you for your time {s.on_day}{about}. I enjoyed meeting you and remain very interested in the {s.role} role.",
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
