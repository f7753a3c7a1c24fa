"""The API's routes: owned objects listed, read, created, changed and deleted, and the actions.

Every read goes through ``clinch.owned`` (another user's id is a 404, as a missing one);
every change through the model's ``full_clean`` or the same service the pages call.
Lists are cursor-paginated in id order: ``next_cursor`` is signed, so it cannot be forged.
"""

import dataclasses
import uuid
from datetime import datetime

from django.conf import settings
from django.core import signing
from django.core.exceptions import FieldDoesNotExist, ValidationError as DjangoValidationError
from django.db import transaction
from django.http import JsonResponse
from django.utils import timezone
from ninja import Query, Router, Status
from ninja.errors import HttpError
from pydantic import AwareDatetime, Field, create_model

from clinch.api import schemas as s
from clinch.api.api import api
from clinch.api.problems import ERROR_STATUSES, Problem, ProblemRaised
from clinch.followups import services as followups
from clinch.followups.checking import check_draft
from clinch.followups.models import FollowUp
from clinch.hooks import services as hooks
from clinch.hooks.models import Webhook
from clinch.interviews import services as interviews
from clinch.interviews.models import Article, Company, Contact, Interview, Opportunity, Participant, Topic
from clinch.mail import services as mail
from clinch.mail.models import Message
from clinch.owned import get_owned_or_404, owned_by
from clinch.web.articles import attach_article

ERRORS = {status: Problem for status in ERROR_STATUSES}
CURSOR_SALT = "clinch.api.cursor"


def ok(schema, status=200):
    return {status: schema, **ERRORS}


class ListQuery(s.Schema):
    cursor: str | None = Field(None, max_length=200, description="next_cursor of the previous page")
    limit: int = Field(50, ge=1, le=settings.API_MAX_PAGE, description="items a page")
    status: str | None = Field(None, max_length=20, description="status, state or outcome, where the object has one")
    since: AwareDatetime | None = Field(None, description="on or after (the object's date: see each route)")
    until: AwareDatetime | None = Field(None, description="before")


def listed_values(model, out) -> dict[str, str] | None:
    """``{field name: values() column}`` giving each listed row as the plain dict ``out`` describes (one
    query, no model instances: a page of 1,000 costs a tenth), or None when ``out`` nests other rows.
    A field read through ``schemas.related`` names its column itself."""
    columns = {}
    for name in out.model_fields:
        resolver = out._ninja_resolvers.get(name)
        column = getattr(getattr(resolver, "_func", None), "column", None)
        if name == "id":
            column = "public_id"
        elif column is None:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                return None
            if field.is_relation and not field.concrete or field.many_to_many:
                return None
            column = f"{name}__public_id" if field.is_relation else name
        columns[name] = column
    return columns


def _page(request, queryset, q: ListQuery, *, date_field: str, status_field: str | None, values=None):
    rows = owned_by(queryset, request.user)
    if q.cursor:
        try:
            after = signing.loads(q.cursor, salt=CURSOR_SALT)
        except signing.BadSignature:
            raise HttpError(400, "This cursor was not given by this API.") from None
        rows = rows.filter(pk__gt=after)
    if q.status is not None:
        if status_field is None:
            raise DjangoValidationError({"status": ["These objects have no status to filter by."]})
        rows = rows.filter(**{status_field: q.status})
    if q.since is not None:
        rows = rows.filter(**{f"{date_field}__gte": q.since})
    if q.until is not None:
        rows = rows.filter(**{f"{date_field}__lt": q.until})
    rows = rows.order_by("pk")
    if values is not None:
        rows = rows.values("pk", *values.values())
    items, cursor = list(rows[: q.limit + 1]), None
    if len(items) > q.limit:
        items = items[: q.limit]
        last = items[-1]["pk"] if values is not None else items[-1].pk
        cursor = signing.dumps(last, salt=CURSOR_SALT)
    if values is None:
        return {"items": items, "next_cursor": cursor}
    # Plain rows already in the documented shape (the schemathesis test holds them to it):
    # validating a thousand of them again would cost more than reading them.
    shaped = [{name: row[column] for name, column in values.items()} for row in items]
    return JsonResponse({"items": shaped, "next_cursor": cursor})


def page_of(out):
    return create_model(f"{out.__name__.removesuffix('Out')}Page", __base__=s.Schema,
                        items=(list[out], ...), next_cursor=(str | None, ...))


def _owned_ref(user, model, public_id, field):
    """An object named in a request body: the user's own, else a 422 at that field."""
    if public_id is None:
        return None
    found = owned_by(model, user).filter(public_id=public_id).first()
    if found is None:
        raise DjangoValidationError({field: [f"No such {model._meta.verbose_name}."]})
    return found


def _refuse_nulls(changes: dict, *, nullable=()) -> None:
    """A change may set to null only the fields in ``nullable``; any other null is a 422 at that field."""
    nulls = [name for name, value in changes.items() if value is None and name not in nullable]
    if nulls:
        raise DjangoValidationError({name: ["May not be null."] for name in nulls})


def _save(obj):
    with transaction.atomic():
        obj.full_clean()
        obj.save()
    return obj


def _apply(obj, changes: dict):
    for name, value in changes.items():
        setattr(obj, name, value)
    return _save(obj)


def crud(path, model, out, *, tag, queryset=None, date_field="created_at", status_field=None,
         create_in=None, patch_in=None, refs=None, editable=True):
    """List, read, and (when given their shapes) create, change and delete ``model`` at ``path``."""
    router = Router(tags=[tag])
    base = queryset if queryset is not None else model.objects.all()
    refs = refs or {}
    name = path.strip("/").replace("-", "_")
    values = listed_values(model, out)

    def resolve(user, data: dict) -> dict:
        for field, ref_model in refs.items():
            if field in data:
                data[field] = _owned_ref(user, ref_model, data[field], field)
        return data

    @router.get("", response=ok(page_of(out)), operation_id=f"list_{name}",
                summary=f"List {tag.lower()} (filter by {date_field}" + (f" and {status_field})" if status_field else ")"))
    def listing(request, q: Query[ListQuery]):
        return _page(request, base, q, date_field=date_field, status_field=status_field, values=values)

    @router.get("/{uuid:id}", response=ok(out), operation_id=f"get_{name}")
    def read(request, id: uuid.UUID):
        return get_owned_or_404(base, request.user, id)

    if create_in is not None:
        @router.post("", response=ok(out, 201), operation_id=f"create_{name}")
        def create(request, payload: create_in):
            data = resolve(request.user, payload.dict())
            return Status(201, _save(model(owner=request.user, **data)))

    if patch_in is not None:
        @router.patch("/{uuid:id}", response=ok(out), operation_id=f"update_{name}")
        def update(request, id: uuid.UUID, payload: patch_in):
            obj = get_owned_or_404(base, request.user, id)
            changes = payload.dict(exclude_unset=True)
            _refuse_nulls(changes, nullable=refs)
            return _apply(obj, resolve(request.user, changes))

    if editable:
        @router.delete("/{uuid:id}", response=ok(None, 204), operation_id=f"delete_{name}")
        def delete(request, id: uuid.UUID):
            get_owned_or_404(base, request.user, id).delete()
            return Status(204, None)

    api.add_router(path, router)
    return router


crud("/companies", Company, s.CompanyOut, tag="Companies", create_in=s.CompanyIn, patch_in=s.CompanyPatch)
crud("/contacts", Contact, s.ContactOut, tag="Contacts", queryset=Contact.objects.select_related("company"),
     create_in=s.ContactIn, patch_in=s.ContactPatch, refs={"company": Company})
crud("/articles", Article, s.ArticleOut, tag="Articles", create_in=s.ArticleIn, patch_in=s.ArticlePatch)
opportunities = crud(
    "/opportunities", Opportunity, s.OpportunityOut, tag="Opportunities",
    queryset=Opportunity.objects.select_related("company"), status_field="outcome", patch_in=s.OpportunityPatch,
)
interview_rows = Interview.objects.select_related("opportunity").prefetch_related(
    "participants__contact", "participants__topics__article"
)
interview_routes = crud("/interviews", Interview, s.InterviewOut, tag="Interviews", queryset=interview_rows,
                        date_field="starts_at")
followup_rows = FollowUp.objects.select_related("opportunity", "interview", "contact")
followup_routes = crud("/followups", FollowUp, s.FollowUpOut, tag="Follow-ups", queryset=followup_rows,
                       date_field="send_at", status_field="status", editable=False)
message_routes = crud("/messages", Message, s.MessageOut, tag="Messages",
                      queryset=Message.objects.select_related("followup", "opportunity"), status_field="state",
                      editable=False)
topic_rows = Topic.objects.select_related("participant__interview", "participant__contact", "article")
topic_routes = crud("/topics", Topic, s.TopicRow, tag="Topics", queryset=topic_rows,
                    date_field="participant__interview__starts_at", editable=False)


# -- actions -----------------------------------------------------------------------------------


def _refused(error: ValueError):
    raise HttpError(409, str(error)) from None


def _people(interviewers) -> tuple[interviews.InterviewerData, ...]:
    return tuple(
        interviews.InterviewerData(name=p.name, title=p.title, email=p.email, role=p.role, topics=tuple(p.topics),
                                   contact_id=p.contact, new_contact=p.new_contact)
        for p in interviewers
    )


def _save_interview(request, save) -> Interview:
    """``save()`` an interview through its service, then re-plan its opportunity, as the capture page does.
    People who may be contacts the user has are a 409 naming each (nothing saved)."""
    try:
        interview = save()
    except interviews.NamesakeQuestion as question:
        errors = [{"path": f"/interviewers/{i}", "detail": found[0].question} for i, found in question.questions.items()]
        raise ProblemRaised(409, "Some people may be contacts you have: name them by `contact`, or set `new_contact`.",
                       errors) from None
    followups.replan_opportunity(opportunity=interview.opportunity, now=timezone.now())
    return get_owned_or_404(interview_rows, request.user, interview.public_id)


@interview_routes.post("", response=ok(s.InterviewOut, 201), operation_id="record_interview",
                       summary="Record an interview (its company, role and people); plans its follow-ups")
def record_interview(request, payload: s.InterviewIn):
    data = interviews.InterviewData(
        company=payload.company, role=payload.role, starts_at=payload.starts_at, ends_at=payload.ends_at,
        timezone=payload.timezone, format=payload.format, next_step=payload.next_step,
        decision_date=payload.decision_date, decision_date_confirmed=payload.decision_date is not None,
        notes=payload.notes, interviewers=_people(payload.interviewers),
    )
    return Status(201, _save_interview(
        request, lambda: interviews.record_interview(owner=request.user, data=data, now=timezone.now())))


@interview_routes.patch("/{uuid:id}", response=ok(s.InterviewOut), operation_id="update_interviews",
                        summary="Change an interview; what is not yet sent is planned again")
def update_interview(request, id: uuid.UUID, payload: s.InterviewPatch):
    interview = get_owned_or_404(Interview.objects.select_related("opportunity__company"), request.user, id)
    changes = payload.dict(exclude_unset=True)
    _refuse_nulls(changes, nullable=("decision_date",))
    if "interviewers" in changes:
        changes["interviewers"] = _people(payload.interviewers)
    if "decision_date" in changes:
        changes["decision_date_confirmed"] = changes["decision_date"] is not None
    data = dataclasses.replace(interviews.interview_data(interview), **changes)
    return _save_interview(request, lambda: interviews.update_interview(interview=interview, data=data,
                                                                        now=timezone.now()))


@interview_routes.post("/{uuid:id}/plan", response=ok(list[s.FollowUpOut]), operation_id="plan_interview",
                       summary="Plan (or re-plan) the interview's follow-ups")
def plan_interview(request, id: uuid.UUID):
    interview = get_owned_or_404(Interview, request.user, id)
    followups.replan(interview=interview, now=timezone.now())
    return list(owned_by(followup_rows, request.user).filter(interview=interview).order_by("send_at", "pk"))


def _followup(request, id):
    return get_owned_or_404(followup_rows, request.user, id)


@followup_routes.put("/{uuid:id}/draft", response=ok(s.FollowUpOut), operation_id="save_draft",
                     summary="Save the draft's words (only before it is scheduled)")
def save_draft(request, id: uuid.UUID, payload: s.DraftIn):
    followup = _followup(request, id)
    try:
        return followups.save_draft(followup=followup, subject=payload.subject, body=payload.body,
                                    override=payload.override)
    except ValueError as error:
        _refused(error)


@followup_routes.post("/{uuid:id}/check", response=ok(s.CheckOut), operation_id="check_text",
                      summary="Check a text as this follow-up's note (nothing is saved)")
def check_text(request, id: uuid.UUID, payload: s.CheckIn):
    followup = _followup(request, id)
    checked = check_draft(followup=followup, subject=payload.subject, body=payload.body)
    found = [{"field": c.name, **{k: getattr(f, k) for k in ("code", "severity", "message", "start", "end", "fix")}}
             for c in checked for f in c.findings]
    return {"findings": found, "errors": sum(len(c.errors) for c in checked)}


def _schedule(request, id, *, send_now: bool, at=None, timing=None):
    followup = _followup(request, id)
    try:
        followups.schedule(followup=followup, now=timezone.now(), send_now=send_now, at=at, timing=timing)
    except followups.TimingConflict as conflict:
        raise ProblemRaised(409, str(conflict), [{"path": "/timing", "detail": p.says} for p in conflict.problems]) from None
    except ValueError as error:
        _refused(error)
    return _followup(request, id)


@followup_routes.post("/{uuid:id}/schedule", response=ok(s.FollowUpOut), operation_id="schedule_followup",
                      summary="Approve: send at its planned time or `at`, under the timing rules")
def schedule(request, id: uuid.UUID, payload: s.ScheduleIn):
    return _schedule(request, id, send_now=False, at=payload.at, timing=payload.timing)


@followup_routes.post("/{uuid:id}/send-now", response=ok(s.FollowUpOut), operation_id="send_followup_now",
                      summary="Send at once, under the timing rules")
def send_now(request, id: uuid.UUID, payload: s.SendNowIn):
    return _schedule(request, id, send_now=True, timing=payload.timing)


@followup_routes.post("/{uuid:id}/cancel", response=ok(s.FollowUpOut), operation_id="cancel_followup",
                      summary="Never send it (a queued email is withdrawn)")
def cancel(request, id: uuid.UUID):
    followups.cancel(_followup(request, id), now=timezone.now())
    return _followup(request, id)


def _opportunity(request, id):
    return get_owned_or_404(Opportunity.objects.select_related("company"), request.user, id)


@opportunities.post("/{uuid:id}/outcome", response=ok(s.OpportunityOut), operation_id="record_outcome",
                    summary="Record the company's decision; re-plans what follows")
def record_outcome(request, id: uuid.UUID, payload: s.OutcomeIn):
    opportunity = _opportunity(request, id)
    by = _owned_ref(request.user, Contact, payload.by, "by")
    try:
        followups.record_outcome(opportunity=opportunity, outcome=payload.outcome, now=timezone.now(), by=by)
    except ValueError as error:
        _refused(error)
    return _opportunity(request, id)


@opportunities.post("/{uuid:id}/reply", response=ok(s.OpportunityOut), operation_id="record_reply",
                    summary="They replied: status checks pause until you decide")
def record_reply(request, id: uuid.UUID):
    followups.record_reply(opportunity=_opportunity(request, id), now=timezone.now())
    return _opportunity(request, id)


# -- webhooks ----------------------------------------------------------------------------------

webhook_routes = crud("/webhooks", Webhook, s.WebhookOut, tag="Webhooks")


@webhook_routes.post("", response=ok(s.WebhookCreated, 201), operation_id="create_webhooks",
                     summary="Register an endpoint for events; its signing secret is in this answer only")
def create_webhook(request, payload: s.WebhookIn):
    try:
        hook, secret = hooks.create_webhook(owner=request.user, url=payload.url, events=list(payload.events))
    except ValueError as error:  # the schema admits only known events: this is the limit of endpoints
        _refused(error)
    hook.secret = secret
    return Status(201, hook)


@webhook_routes.get("/{uuid:id}/deliveries", response=ok(s.DeliveryPage), operation_id="list_webhook_deliveries",
                    summary="The endpoint's latest 100 deliveries, newest first, with the answers recorded")
def deliveries(request, id: uuid.UUID):
    hook = get_owned_or_404(Webhook, request.user, id)
    return {"items": list(hook.deliveries.order_by("-created_at", "-pk")[:100])}


# -- follow-ups and messages of your own ---------------------------------------------------------


def _refusal_is_conflict(error: DjangoValidationError):
    """A service's refusal in the object's present state (no field named) is a 409; field errors stay 422."""
    if hasattr(error, "error_dict"):
        raise error
    raise HttpError(409, " ".join(error.messages)) from None


@followup_routes.post("", response=ok(s.FollowUpOut, 201), operation_id="create_followups",
                      summary="Add a follow-up of your own (planned; approve it with /schedule)")
def create_followup(request, payload: s.FollowUpIn):
    opportunity = _owned_ref(request.user, Opportunity, payload.opportunity, "opportunity")
    followup = followups.add_followup(
        opportunity=opportunity, interview=_owned_ref(request.user, Interview, payload.interview, "interview"),
        contact=_owned_ref(request.user, Contact, payload.contact, "contact"), kind=payload.kind,
        channel=payload.channel, send_at=payload.send_at, subject=payload.subject, body=payload.body,
    )
    return Status(201, _followup(request, followup.public_id))


@followup_routes.delete("/{uuid:id}", response=ok(None, 204), operation_id="delete_followups",
                        summary="Delete a follow-up you added, while it is planned or cancelled")
def delete_followup(request, id: uuid.UUID):
    try:
        followups.delete_followup(followup=_followup(request, id))
    except DjangoValidationError as error:
        _refusal_is_conflict(error)
    return Status(204, None)


@message_routes.post("", response=ok(s.MessageOut, 201), operation_id="create_messages",
                     summary="Record a reply they sent you (as the inbox does): status checks pause")
def create_message(request, payload: s.MessageIn):
    opportunity = _owned_ref(request.user, Opportunity, payload.opportunity, "opportunity")
    if payload.message_id and Message.objects.filter(message_id=payload.message_id).exclude(owner=request.user).exists():
        raise DjangoValidationError({"message_id": ["This Message-ID is already recorded."]})
    reply = mail.record_reply(opportunity=opportunity, now=timezone.now(), from_email=payload.from_email,
                              subject=payload.subject, body=payload.body, message_id=payload.message_id)
    return Status(201, get_owned_or_404(Message.objects.select_related("followup", "opportunity"), request.user,
                                        reply.public_id))


@message_routes.delete("/{uuid:id}", response=ok(None, 204), operation_id="delete_messages",
                       summary="Forget a received message, or a sent or cancelled one")
def delete_message(request, id: uuid.UUID):
    try:
        mail.delete_message(get_owned_or_404(Message, request.user, id))
    except DjangoValidationError as error:
        _refusal_is_conflict(error)
    return Status(204, None)


# -- topics --------------------------------------------------------------------------------------


def _topic(request, id) -> Topic:
    return get_owned_or_404(topic_rows, request.user, id)


def _replan_after_topics(interview: Interview) -> None:
    """The notes cite the topics: plan the interview again, as after an edit on the page."""
    followups.replan(interview=interview, now=timezone.now())


@topic_routes.post("", response=ok(s.TopicRow, 201), operation_id="create_topics",
                   summary="Add what was discussed with one person at an interview")
def create_topic(request, payload: s.TopicIn):
    interview = _owned_ref(request.user, Interview, payload.interview, "interview")
    contact = _owned_ref(request.user, Contact, payload.contact, "contact")
    participant = Participant.objects.filter(interview=interview, contact=contact).first()
    if participant is None:
        raise DjangoValidationError({"contact": ["Not one of the people at that interview."]})
    topic = interviews.add_topic(participant=participant, text=payload.text,
                                 article=_owned_ref(request.user, Article, payload.article, "article"))
    _replan_after_topics(interview)
    return Status(201, _topic(request, topic.public_id))


@topic_routes.patch("/{uuid:id}", response=ok(s.TopicRow), operation_id="update_topics",
                    summary="Change a topic's words, or the article it cites")
def update_topic(request, id: uuid.UUID, payload: s.TopicPatch):
    topic = _topic(request, id)
    changes = payload.dict(exclude_unset=True)
    _refuse_nulls(changes, nullable=("article",))
    with transaction.atomic():
        if "text" in changes:
            interviews.change_topic(topic=topic, text=changes["text"])
        if "article" in changes:
            attach_article(topic=topic, article=_owned_ref(request.user, Article, changes["article"], "article"))
    if "text" in changes:
        _replan_after_topics(topic.participant.interview)
    return _topic(request, id)


@topic_routes.delete("/{uuid:id}", response=ok(None, 204), operation_id="delete_topics")
def delete_topic(request, id: uuid.UUID):
    topic = _topic(request, id)
    topic.delete()
    _replan_after_topics(topic.participant.interview)
    return Status(204, None)
