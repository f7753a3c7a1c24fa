"""The API's shapes: what goes out, and what comes in (unknown fields refused).

Shapes only: lengths and types so the schema says them, never a rule. Every rule
lives in the model (``full_clean``) or the service the route calls.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from ninja import Schema
from pydantic import AwareDatetime, ConfigDict, Field


class In(Schema):
    model_config = ConfigDict(extra="forbid")


def _id(obj, name):
    """The public id of ``obj``'s related ``name``; a listed row (a dict from ``values``) holds it already."""
    if isinstance(obj, dict):
        return obj[f"{name}__public_id"]
    related = getattr(obj, name)
    return related.public_id if related is not None else None


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

    @staticmethod
    def resolve_company(obj):
        return _id(obj, "company")


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

    @staticmethod
    def resolve_company(obj):
        return _id(obj, "company")

    @staticmethod
    def resolve_company_name(obj):
        return obj["company__name"] if isinstance(obj, dict) else obj.company.name


class TopicOut(Schema):
    text: str
    article: uuid.UUID | None

    @staticmethod
    def resolve_article(obj):
        return _id(obj, "article")


class ParticipantOut(Schema):
    contact: uuid.UUID
    name: str
    role: str
    topics: list[TopicOut]

    @staticmethod
    def resolve_contact(obj):
        return obj.contact.public_id

    @staticmethod
    def resolve_name(obj):
        return obj.contact.name

    @staticmethod
    def resolve_topics(obj):
        return list(obj.topics.all())


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

    @staticmethod
    def resolve_opportunity(obj):
        return _id(obj, "opportunity")

    @staticmethod
    def resolve_participants(obj):
        return list(obj.participants.all())


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

    @staticmethod
    def resolve_opportunity(obj):
        return _id(obj, "opportunity")

    @staticmethod
    def resolve_interview(obj):
        return _id(obj, "interview")

    @staticmethod
    def resolve_contact(obj):
        return _id(obj, "contact")


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

    @staticmethod
    def resolve_followup(obj):
        return _id(obj, "followup")

    @staticmethod
    def resolve_opportunity(obj):
        return _id(obj, "opportunity")


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
    name: str = Field(min_length=1, max_length=200)
    website: str = Field("", max_length=200)


class CompanyPatch(In):
    name: str | None = Field(None, min_length=1, max_length=200)
    website: str | None = Field(None, max_length=200)


class ContactFields(In):
    company: uuid.UUID | None = None
    preferred_name: str = Field("", max_length=100)
    title: str = Field("", max_length=200)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=40)
    linkedin_url: str = Field("", max_length=200)
    postal_address: str = Field("", max_length=2000)
    timezone: str = Field("", max_length=64)
    notes: str = Field("", max_length=20000)


class ContactIn(ContactFields):
    name: str = Field(min_length=1, max_length=200)


class ContactPatch(In):
    company: uuid.UUID | None = None
    name: str | None = Field(None, min_length=1, max_length=200)
    preferred_name: str | None = Field(None, max_length=100)
    title: str | None = Field(None, max_length=200)
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=40)
    linkedin_url: str | None = Field(None, max_length=200)
    postal_address: str | None = Field(None, max_length=2000)
    timezone: str | None = Field(None, max_length=64)
    notes: str | None = Field(None, max_length=20000)


class ArticleIn(In):
    title: str = Field(min_length=1, max_length=300)
    url: str = Field(min_length=1, max_length=1000)
    summary: str = Field("", max_length=5000)
    in_reading_list: bool = True


class ArticlePatch(In):
    title: str | None = Field(None, min_length=1, max_length=300)
    url: str | None = Field(None, min_length=1, max_length=1000)
    summary: str | None = Field(None, max_length=5000)
    in_reading_list: bool | None = None


class OpportunityPatch(In):
    role: str | None = Field(None, min_length=1, max_length=200)
    notes: str | None = Field(None, max_length=20000)


class InterviewerIn(In):
    name: str = Field("", max_length=200)
    title: str = Field("", max_length=200)
    email: str = Field("", max_length=254)
    role: Literal["hiring_manager", "interviewer", "recruiter"] = "interviewer"
    topics: list[str] = Field(default_factory=list, max_length=20)
    contact: uuid.UUID | None = None
    new_contact: bool = False


class InterviewIn(In):
    company: str = Field(min_length=1, max_length=200)
    role: str = Field(min_length=1, max_length=200)
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    timezone: str = Field(min_length=1, max_length=64)
    format: Literal["onsite", "video", "phone"] = "video"
    next_step: str = Field("", max_length=5000)
    decision_date: date | None = None
    notes: str = Field("", max_length=20000)
    interviewers: list[InterviewerIn] = Field(default_factory=list, max_length=20)


class DraftIn(In):
    subject: str = Field(max_length=300)
    body: str = Field(max_length=20000)
    override: bool | None = None


class CheckIn(In):
    subject: str = Field("", max_length=300)
    body: str = Field(max_length=20000)


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
