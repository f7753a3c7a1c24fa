"""The facts the engine reasons about, as frozen dataclasses.

These are the only types that cross the boundary between the engine and its
callers (the CLI's interview file reader, the Django services). Every datetime
is zone-aware; every zone is an IANA name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

ROLES = ("hiring_manager", "interviewer", "recruiter")
ACTION_KINDS = (
    "thank_you",
    "status_check",
    "linkedin_connect",
    "handwritten_card",
    "rejection_reply",
    "keep_in_touch",
)
CHANNELS = ("email", "linkedin", "mail", "phone")
OUTCOMES = ("rejected", "offer", "next_round", "withdrew", "no_answer")


@dataclass(frozen=True)
class Article:
    title: str
    url: str


@dataclass(frozen=True)
class Interviewer:
    """One person on the panel, spelt exactly as on their card."""

    name: str
    email: str | None = None
    title: str | None = None
    role: str = "interviewer"
    timezone: str | None = None  # None: the candidate's zone
    topics: tuple[str, ...] = ()
    article: Article | None = None
    preferred_name: str | None = None  # what they go by ("Jen" for Jennifer)
    linkedin_url: str | None = None


@dataclass(frozen=True)
class Candidate:
    name: str
    email: str | None
    timezone: str
    country: str = "US"
    signature: str | None = None
    language: str | None = None  # the language the candidate's interviews are usually held in


@dataclass(frozen=True)
class Outcome:
    """What the company decided; ``received_at`` is when the candidate heard."""

    kind: str
    received_at: datetime
    by: str | None = None  # who sent it (an email, or a name): a rejection is answered to them


@dataclass(frozen=True)
class Interview:
    candidate: Candidate
    company: str
    role: str
    starts_at: datetime
    ends_at: datetime
    interviewers: tuple[Interviewer, ...]
    next_step: str | None = None
    decision_date: date | None = None  # set when the user confirmed or corrected it
    language: str | None = None  # the interview's language; None: the candidate's
    outcome: Outcome | None = None
    replied_at: datetime | None = None  # a reply from the company stops status checks
    captured_at: datetime | None = None  # when the user recorded it (None: right after it ended)
    cancelled: bool = False  # the invitation was withdrawn: it did not take place, nothing is planned


@dataclass(frozen=True)
class Action:
    """One planned step. ``key`` is stable across re-planning (same facts, same key)."""

    kind: str
    to: str  # email, or the name when there is no email
    channel: str
    send_at: datetime
    deadline: datetime | None
    why: str  # the rule id(s) and source id(s) behind it
    recipient: Interviewer | None = None
    key: str = ""


@dataclass(frozen=True)
class Plan:
    """The follow-ups for one interview, sorted by ``send_at`` then ``key``.

    ``decision_source`` says where ``decision_date`` came from: ``"file"`` (the
    user gave it), ``"next_step"`` (read from what the interviewer said) or ``""``
    (no date); ``decision_matched`` holds the words read.
    """

    decision_date: date | None
    actions: tuple[Action, ...] = field(default_factory=tuple)
    decision_source: str = ""
    decision_matched: str = ""
