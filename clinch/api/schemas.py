"""The API's shapes: what goes out, and what comes in (unknown fields refused).

Shapes only: lengths and types so the schema says them, never a rule. Every rule
lives in the model (``full_clean``) or the service the route calls. The lengths are the
models' own (``clinch.core.limits``), so the schema promises exactly what is kept.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import AwareDatetime, ConfigDict, Field

from clinch.core.limits import (
    ARTICLE_SUMMARY_CHARS, INTERVIEWERS, NAME_CHARS, NEXT_STEP_CHARS, NOTE_BODY_CHARS, NOTES_CHARS,
    POSTAL_ADDRESS_CHARS, REPLY_BODY_CHARS, SUBJECT_CHARS, TITLE_CHARS, TOPIC_CHARS, TOPICS_PER_PERSON, URL_CHARS,
)


class In(Schema):
    model_config = ConfigDict(extra="forbid")


def related(name: str, attr: str = "public_id"):
    """A resolver for an out field read from the related object ``name`` (a dotted path): its ``attr``,
    by default its public id; None when there is none. A listed row, a dict from ``values()``, holds it
    already in the column ``resolve.column``. The one look-up every out shape uses."""

    def resolve(obj):
        if isinstance(obj, dict):
            return obj[resolve.column]
        for step in name.split("."):
            obj = getattr(obj, step) if obj is not None else None
        return getattr(obj, attr) if obj is not None else None

    resolve.column = f"{name.replace('.', '__')}__{attr}"  # what a listed row reads (``routes.listed_values``)
    return staticmethod(resolve)


# -- out ----------------------------------------------------------------------------------------


class CompanyOut(Schema):
    id: uuid.UUID = Field(alias="public_id")
    name: str
    website: str
    created_at: datetime
    updated_at: datetime


class ContactOut(Schema):
    id: uuid.UUID = Field(alias="public_id")
    company: uuid.UUID | None
    name: str
    preferred_name: str
    title: str
    email: str
    phone: str
    linkedin_url: str
    postal_address: str
    timezone: str
    notes: str
    created_at: datetime
    updated_at: datetime

    resolve_company = related("company")


class ArticleOut(Schema):
    id: uuid.UUID = Field(alias="public_id")
    title: str
    url: str
    summary: str
    in_reading_list: bool
    created_at: datetime
    updated_at: datetime


class OpportunityOut(Schema):
    id: uuid.UUID = Field(alias="public_id")
    company: uuid.UUID
    company_name: str
    role: str
    stage: str
    outcome: str
    outcome_at: datetime | None
    replied_at: datetime | None
    notes: str
    created_at: datetime
    updated_at: datetime

    resolve_company = related("company")
    resolve_company_name = related("company", "name")


class TopicOut(Schema):
    id: uuid.UUID = Field(alias="public_id")
    text: str
    article: uuid.UUID | None

    resolve_article = related("article")


class TopicRow(TopicOut):
    """A topic on its own (``/topics``): what was discussed, at which interview, with whom."""

    interview: uuid.UUID
    contact: uuid.UUID
    contact_name: str

    resolve_interview = related("participant.interview")
    resolve_contact = related("participant.contact")
    resolve_contact_name = related("participant.contact", "name")


class ParticipantOut(Schema):
    contact: uuid.UUID
    name: str
    role: str
    topics: list[TopicOut]

    resolve_contact = related("contact")
    resolve_name = related("contact", "name")


class InterviewOut(Schema):
    id: uuid.UUID = Field(alias="public_id")
    opportunity: uuid.UUID
    starts_at: datetime
    ends_at: datetime
    timezone: str
    format: str
    round: int
    next_step: str
    decision_date: date | None
    notes: str
    cancelled_at: datetime | None = Field(description="When its invitation was cancelled: nothing is planned for it.")
    participants: list[ParticipantOut]
    created_at: datetime
    updated_at: datetime

    resolve_opportunity = related("opportunity")


class FollowUpOut(Schema):
    id: uuid.UUID = Field(alias="public_id")
    opportunity: uuid.UUID
    interview: uuid.UUID | None
    contact: uuid.UUID | None
    kind: str
    channel: str
    status: str
    send_at: datetime
    deadline: datetime | None
    why: str
    subject: str
    body: str
    sent_at: datetime | None
    timing_choice: str
    timing_rules: str
    created_at: datetime
    updated_at: datetime

    resolve_opportunity = related("opportunity")
    resolve_interview = related("interview")

    resolve_contact = related("contact")


class MessageOut(Schema):
    id: uuid.UUID = Field(alias="public_id")
    followup: uuid.UUID | None
    opportunity: uuid.UUID | None
    direction: str
    state: str
    from_email: str
    to_email: str
    to_name: str
    subject: str
    body_text: str
    send_at: datetime | None
    sent_at: datetime | None
    received_at: datetime | None
    attempts: int
    last_smtp_code: int | None
    last_error: str
    created_at: datetime

    resolve_followup = related("followup")
    resolve_opportunity = related("opportunity")


class FindingOut(Schema):
    field: str
    code: str
    severity: str
    message: str
    start: int
    end: int
    fix: str | None


class CheckOut(Schema):
    findings: list[FindingOut]
    errors: int


# -- in -----------------------------------------------------------------------------------------


class CompanyIn(In):
    name: str = Field(min_length=1, max_length=NAME_CHARS)
    website: str = Field("", max_length=200)


class CompanyPatch(In):
    name: str | None = Field(None, min_length=1, max_length=NAME_CHARS)
    website: str | None = Field(None, max_length=200)


class ContactIn(In):
    company: uuid.UUID | None = None
    name: str = Field(min_length=1, max_length=NAME_CHARS)
    preferred_name: str = Field("", max_length=100)
    title: str = Field("", max_length=NAME_CHARS)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=40)
    linkedin_url: str = Field("", max_length=200)
    postal_address: str = Field("", max_length=POSTAL_ADDRESS_CHARS)
    timezone: str = Field("", max_length=64)
    notes: str = Field("", max_length=NOTES_CHARS)


class ContactPatch(In):
    company: uuid.UUID | None = None
    name: str | None = Field(None, min_length=1, max_length=NAME_CHARS)
    preferred_name: str | None = Field(None, max_length=100)
    title: str | None = Field(None, max_length=NAME_CHARS)
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=40)
    linkedin_url: str | None = Field(None, max_length=200)
    postal_address: str | None = Field(None, max_length=POSTAL_ADDRESS_CHARS)
    timezone: str | None = Field(None, max_length=64)
    notes: str | None = Field(None, max_length=NOTES_CHARS)


class ArticleIn(In):
    title: str = Field(min_length=1, max_length=TITLE_CHARS)
    url: str = Field(min_length=1, max_length=URL_CHARS)
    summary: str = Field("", max_length=ARTICLE_SUMMARY_CHARS)
    in_reading_list: bool = True


class ArticlePatch(In):
    title: str | None = Field(None, min_length=1, max_length=TITLE_CHARS)
    url: str | None = Field(None, min_length=1, max_length=URL_CHARS)
    summary: str | None = Field(None, max_length=ARTICLE_SUMMARY_CHARS)
    in_reading_list: bool | None = None


class OpportunityPatch(In):
    role: str | None = Field(None, min_length=1, max_length=NAME_CHARS)
    notes: str | None = Field(None, max_length=NOTES_CHARS)


class InterviewerIn(In):
    name: str = Field("", max_length=NAME_CHARS)
    title: str = Field("", max_length=NAME_CHARS)
    email: str = Field("", max_length=254)
    role: Literal["hiring_manager", "interviewer", "recruiter"] = "interviewer"
    topics: list[Annotated[str, Field(max_length=TOPIC_CHARS)]] = Field(default_factory=list, max_length=TOPICS_PER_PERSON)
    contact: uuid.UUID | None = None
    new_contact: bool = False


class InterviewIn(In):
    company: str = Field(min_length=1, max_length=NAME_CHARS)
    role: str = Field(min_length=1, max_length=NAME_CHARS)
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    timezone: str = Field(min_length=1, max_length=64)
    format: Literal["onsite", "video", "phone"] = "video"
    next_step: str = Field("", max_length=NEXT_STEP_CHARS)
    decision_date: date | None = None
    notes: str = Field("", max_length=NOTES_CHARS)
    interviewers: list[InterviewerIn] = Field(default_factory=list, max_length=INTERVIEWERS)


class InterviewPatch(In):
    """Any of an interview's facts; ``interviewers``, when given, replaces the people (and their topics)."""

    company: str | None = Field(None, min_length=1, max_length=NAME_CHARS)
    role: str | None = Field(None, min_length=1, max_length=NAME_CHARS)
    starts_at: AwareDatetime | None = None
    ends_at: AwareDatetime | None = None
    timezone: str | None = Field(None, min_length=1, max_length=64)
    format: Literal["onsite", "video", "phone"] | None = None
    next_step: str | None = Field(None, max_length=NEXT_STEP_CHARS)
    decision_date: date | None = None
    notes: str | None = Field(None, max_length=NOTES_CHARS)
    interviewers: list[InterviewerIn] | None = Field(None, max_length=INTERVIEWERS)


class TopicIn(In):
    interview: uuid.UUID
    contact: uuid.UUID = Field(description="One of the people at that interview.")
    text: str = Field(min_length=1, max_length=TOPIC_CHARS)
    article: uuid.UUID | None = None


class TopicPatch(In):
    text: str | None = Field(None, min_length=1, max_length=TOPIC_CHARS)
    article: uuid.UUID | None = Field(None, description="An article from the reading list; null detaches it.")


class FollowUpIn(In):
    """A follow-up of your own: planned, with your words; approve it with ``/schedule``."""

    opportunity: uuid.UUID
    interview: uuid.UUID | None = None
    contact: uuid.UUID | None = None
    kind: Literal["thank_you", "status_check", "linkedin_connect", "handwritten_card", "rejection_reply",
                  "keep_in_touch"]
    channel: Literal["email", "linkedin", "mail", "phone"] = "email"
    send_at: AwareDatetime
    subject: str = Field("", max_length=SUBJECT_CHARS)
    body: str = Field("", max_length=NOTE_BODY_CHARS)


class MessageIn(In):
    """A reply they sent you, recorded as the inbox would: status checks of the opportunity pause."""

    opportunity: uuid.UUID
    from_email: str = Field("", max_length=254)
    subject: str = Field("", max_length=SUBJECT_CHARS)
    body: str = Field("", max_length=REPLY_BODY_CHARS)
    message_id: str | None = Field(None, min_length=3, max_length=255,
                                   description="Its Message-ID header: the same one is recorded once.")


class DraftIn(In):
    subject: str = Field(max_length=SUBJECT_CHARS)
    body: str = Field(max_length=NOTE_BODY_CHARS)
    override: bool | None = None


class CheckIn(In):
    subject: str = Field("", max_length=SUBJECT_CHARS)
    body: str = Field(max_length=NOTE_BODY_CHARS)


class ScheduleIn(In):
    at: AwareDatetime | None = None
    timing: Literal["planned", "anyway"] | None = None


class SendNowIn(In):
    timing: Literal["planned", "anyway"] | None = None


class OutcomeIn(In):
    outcome: Literal["offer", "rejected", "withdrew", "no_answer"]
    by: uuid.UUID | None = None


class WebhookOut(Schema):
    id: uuid.UUID = Field(alias="public_id")
    url: str
    events: list[str]
    active: bool
    created_at: datetime


class WebhookCreated(WebhookOut):
    secret: str = Field(description="The signing secret: shown this once.")


class WebhookIn(In):
    url: str = Field(min_length=1, max_length=500)
    events: list[Literal["followup.sent", "followup.failed", "followup.uncertain", "reply.received",
                         "outcome.recorded"]] = Field(min_length=1, max_length=5)


class DeliveryOut(Schema):
    id: uuid.UUID = Field(alias="public_id")
    event: str
    state: str
    attempts: int
    next_attempt_at: datetime
    response_status: int | None
    response_body: str
    last_error: str
    delivered_at: datetime | None
    created_at: datetime


class DeliveryPage(Schema):
    items: list[DeliveryOut]
