"""Recording an interview: company, opportunity, interview, people and topics in one go.

The web capture form, the API and the importer build an ``InterviewData`` and
call ``record_interview`` or ``update_interview``; neither plans follow-ups
(``clinch.followups.services.replan`` does, right after). Both check the data
against ``clinch.core.limits`` first and read the decision date before their
transaction opens: the write lock is held for the writes alone.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from clinch.core import timeline
from clinch.core.limits import (
    DECISION_HORIZON_DAYS, INTERVIEWERS, NAME_CHARS, NEXT_STEP_CHARS, NOTES_CHARS, TOPIC_CHARS, TOPICS_PER_PERSON,
    plausible_year,
)
from clinch.interviews.contacts import Namesake, by_email, by_emails, namesakes_of
from clinch.interviews.models import Company, Contact, Interview, Opportunity, Participant, Topic
from clinch.owned import owned_by
from clinch.validators import validate_single_line, validate_timezone


@dataclass(frozen=True)
class InterviewerData:
    """One person at the interview: an existing contact (``contact_id``) or someone entered.

    Someone entered whose email is a contact's IS that contact. Without such an email, a
    contact of the same name at the same company must be picked (``contact_id``) or ruled
    out (``new_contact``) first: see ``NamesakeQuestion``. ``timezone`` blank means the
    interview's zone.
    """

    name: str = ""
    title: str = ""
    email: str = ""
    role: str = Participant.Role.INTERVIEWER
    topics: tuple[str, ...] = ()
    contact_id: uuid.UUID | None = None  # public_id of a contact the user already has
    phone: str = ""
    timezone: str = ""
    new_contact: bool = False  # the user said: not the namesake, someone new


class NamesakeQuestion(ValidationError):
    """People entered by name only who may be contacts the user has; nothing was saved.

    ``questions`` maps the person's position in ``interviewers`` to their namesakes.
    """

    def __init__(self, questions: dict[int, list[Namesake]]):
        self.questions = questions
        super().__init__([found[0].question for found in questions.values()])


@dataclass(frozen=True)
class InterviewData:
    company: str
    role: str
    starts_at: datetime
    ends_at: datetime
    timezone: str
    format: str = Interview.Format.VIDEO
    next_step: str = ""
    language: str = ""  # the interview's language ("en", "de", "fr", "es"); "": the owner's
    decision_date: date | None = None
    decision_date_confirmed: bool = False
    notes: str = ""
    interviewers: tuple[InterviewerData, ...] = field(default_factory=tuple)
    calendar_uid: str = ""  # the invitation's UID: an update of it moves the interview it made
    calendar_sequence: int = 0
    cancelled: bool | None = None  # the invitation was withdrawn (True), is on again (False); None: unchanged
    capture_key: uuid.UUID | None = None  # the capture's idempotency key: sent twice, saved once


def record_interview(*, owner, data: InterviewData, now: datetime, opportunity: Opportunity | None = None) -> Interview:
    """Store a new interview and everything in it, in one transaction.

    The company is found by its exact name (or created); ``opportunity`` given
    means a later round of that opportunity (its round number is one more than
    its latest), otherwise a new opportunity is opened. Contacts picked by
    ``contact_id`` must belong to ``owner``, and the data must keep within the
    limits (else ``ValidationError``, and nothing is stored).

    A capture already saved (same ``capture_key``) is returned as it is and nothing is created.
    An invitation already recorded (same ``calendar_uid``) is not recorded twice: a later
    update of it (a higher or equal ``calendar_sequence``) moves that interview instead
    (``update_interview``), or marks it cancelled when ``data.cancelled``; an older one
    raises ``ValidationError``.
    """
    saved = captured(owner=owner, capture_key=data.capture_key)
    if saved is not None:
        return saved
    check_limits(data)
    check_interview_data(data)
    moved = _same_invitation(owner, data)
    if moved is not None:
        return update_interview(interview=moved, data=data, now=now)
    try:
        return _record_new(owner=owner, data=data, now=now, opportunity=opportunity)
    except IntegrityError:
        # The same capture arrived twice at once: the other request saved it.
        saved = captured(owner=owner, capture_key=data.capture_key)
        if saved is None:
            raise
        return saved


def captured(*, owner, capture_key) -> Interview | None:
    """The interview that the capture with this idempotency key made, if it was saved already."""
    if capture_key is None:
        return None
    return Interview.objects.filter(owner=owner, capture_key=capture_key).select_related("opportunity").first()


def _record_new(*, owner, data: InterviewData, now: datetime, opportunity: Opportunity | None) -> Interview:
    decision = _decision_date(data, owner)
    with transaction.atomic():
        company = _company(owner, data.company)
        if opportunity is None:
            opportunity = Opportunity.objects.create(owner=owner, company=company, role=data.role)
            round_number = 1
        else:
            if opportunity.owner_id != owner.pk:
                raise ValidationError("That opportunity is not yours.")
            _update_opportunity(opportunity, company, data.role)
            latest = opportunity.interviews.order_by("-round").values_list("round", flat=True).first()
            round_number = (latest or 0) + 1
        interview = Interview(owner=owner, opportunity=opportunity, round=round_number, recorded_at=now,
                              capture_key=data.capture_key)
        _apply(interview, data, decision, now=now)
        interview.save()
        _replace_people(interview, company, data.interviewers)
    return interview


def check_interview_data(data: InterviewData) -> None:
    """The facts every caller must get right (forms check them too; the API and files rely on this).

    Raises ValidationError keyed by field: an end before the start, an unknown zone, a name over lines.
    """
    errors: dict[str, list[str]] = {}
    for name, check in (("company", validate_single_line), ("role", validate_single_line), ("timezone", validate_timezone)):
        try:
            check(getattr(data, name))
        except ValidationError as error:
            errors[name] = error.messages
    if data.ends_at <= data.starts_at:
        errors["ends_at"] = ["The interview ends after it starts."]
    if errors:
        raise ValidationError(errors)


def update_interview(*, interview: Interview, data: InterviewData, now: datetime) -> Interview:
    """Change an interview and its people; the caller re-plans what is not yet sent.

    ``ValidationError`` (and nothing changed) for data past the limits.
    """
    check_limits(data)
    check_interview_data(data)
    owner = interview.owner
    decision = _decision_date(data, owner)
    with transaction.atomic():
        company = _company(owner, data.company)
        _update_opportunity(interview.opportunity, company, data.role)
        _apply(interview, data, decision, now=now)
        interview.save()
        _replace_people(interview, company, data.interviewers)
    return interview


def unresolved_namesakes(*, owner, data: InterviewData) -> dict[int, list[Namesake]]:
    """The people of ``data`` who must be told apart from a contact of the same name first.

    Reads only; the capture page asks before saving, and saving checks again (``NamesakeQuestion``).
    """
    return _namesake_questions(owner, data.interviewers, data.company)


def _namesake_questions(owner, people: tuple[InterviewerData, ...], company_name: str) -> dict[int, list[Namesake]]:
    """Person index -> their namesakes, for those neither picked, nor said to be new, nor known by
    email; two queries however many people (it runs again inside the save's transaction)."""
    known = by_emails(owner, [person.email for person in people])
    undecided = [index for index, person in enumerate(people)
                 if not (person.contact_id or person.new_contact or person.email in known)]
    found = namesakes_of(owner, [(people[index].name, company_name) for index in undecided])
    return {index: people_found for index, people_found in zip(undecided, found) if people_found}


def _same_invitation(owner, data: InterviewData) -> Interview | None:
    if not data.calendar_uid:
        return None
    found = owned_by(Interview, owner).filter(calendar_uid=data.calendar_uid).first()
    if found is not None and data.calendar_sequence < found.calendar_sequence:
        raise ValidationError(
            f"This is an older version of the invitation (update {data.calendar_sequence}); the interview "
            f"already follows update {found.calendar_sequence}."
        )
    return found


def read_decision_date(*, next_step: str, ends_at: datetime, timezone: str, country: str,
                       language: str | None = None) -> timeline.Reading:
    """What the engine reads from the interviewer's words about next steps; ``language`` (the interview's,
    else the user's) decides only when the words do not say which language they are in."""
    return timeline.read_decision_date(next_step or "", after=ends_at, tz=timezone, country=country or "US",
                                       language=language or None)


def decision_window(interview_day: date) -> tuple[date, date]:
    """The first and last decision date that make sense for an interview on ``interview_day``:
    the decision comes on or after it, within DECISION_HORIZON_DAYS (ten years)."""
    return interview_day, interview_day + timedelta(days=DECISION_HORIZON_DAYS)


def confirm_decision_date(*, interview: Interview, decision_date: date | None) -> Interview:
    """The user confirmed (or corrected) the decision date; the caller re-plans.

    A date outside ``decision_window`` of the interview raises ValidationError and changes nothing.
    """
    if decision_date is not None:
        earliest, latest = decision_window(interview.starts_at.date())
        if not earliest <= decision_date <= latest:
            raise ValidationError(f"Pick a decision date from {earliest:%-d %b %Y} to {latest:%-d %b %Y}: "
                                  "on or after the interview, within ten years of it.")
    interview.decision_date = decision_date
    interview.decision_date_confirmed = decision_date is not None
    interview.save(update_fields=["decision_date", "decision_date_confirmed", "updated_at"])
    return interview


def _company(owner, name: str) -> Company:
    name = name.strip()
    company = owned_by(Company, owner).filter(name=name).first()
    return company or Company.objects.create(owner=owner, name=name)


def _update_opportunity(opportunity: Opportunity, company: Company, role: str) -> None:
    if opportunity.company_id != company.pk or opportunity.role != role:
        opportunity.company = company
        opportunity.role = role
        opportunity.save(update_fields=["company", "role", "updated_at"])


def check_limits(data: InterviewData) -> None:
    """``ValidationError`` naming every value past ``clinch.core.limits``: what the capture form
    checks field by field, checked again here for every other caller."""
    problems = []

    def within(label: str, text: str, limit: int) -> None:
        if len(text or "") > limit:
            problems.append(f"{label}: keep it to {limit:,} characters (it has {len(text):,}).")

    within("Company", data.company, NAME_CHARS)
    within("Role", data.role, NAME_CHARS)
    within("Next steps", data.next_step, NEXT_STEP_CHARS)
    within("Notes", data.notes, NOTES_CHARS)
    if len(data.interviewers) > INTERVIEWERS:
        problems.append(f"Keep to {INTERVIEWERS} people per interview (there are {len(data.interviewers)}).")
    for n, person in enumerate(data.interviewers, start=1):
        within(f"Person {n}'s name", person.name, NAME_CHARS)
        within(f"Person {n}'s title", person.title, NAME_CHARS)
        if len(person.topics) > TOPICS_PER_PERSON:
            problems.append(f"Person {n}: keep to {TOPICS_PER_PERSON} topics (there are {len(person.topics)}).")
        for topic in person.topics:
            within(f"Person {n}'s topic", topic.strip(), TOPIC_CHARS)
    for label, moment in (("Start", data.starts_at), ("End", data.ends_at)):
        if not plausible_year(moment.year):
            problems.append(f"{label}: {moment.year} is not a plausible interview year.")
    earliest, latest = decision_window(data.starts_at.date())
    if data.decision_date and not earliest <= data.decision_date <= latest:
        problems.append("Decision date: it comes on or after the interview, within ten years of it.")
    if problems:
        raise ValidationError(problems)


def _decision_date(data: InterviewData, owner) -> date | None:
    """The date to store: the user's when confirmed, else the engine's reading (for display), read
    here, before any transaction, so the write lock never waits for it."""
    if data.decision_date_confirmed and data.decision_date:
        return data.decision_date
    return read_decision_date(
        next_step=data.next_step, ends_at=data.ends_at, timezone=data.timezone, country=owner.country,
        language=data.language or owner.language,
    ).date


def _apply(interview: Interview, data: InterviewData, decision: date | None, *, now: datetime) -> None:
    """Copy the form's facts; an unconfirmed decision date is the engine's reading, for display.
    A cancellation keeps the moment it was first learnt."""
    interview.starts_at = data.starts_at
    interview.ends_at = data.ends_at
    interview.timezone = data.timezone
    interview.format = data.format
    interview.next_step = data.next_step
    interview.language = data.language
    interview.notes = data.notes
    if data.calendar_uid:
        interview.calendar_uid = data.calendar_uid[:255]
        interview.calendar_sequence = max(data.calendar_sequence, interview.calendar_sequence or 0)
    interview.decision_date_confirmed = bool(data.decision_date_confirmed and data.decision_date)
    interview.decision_date = decision
    if data.cancelled is not None:
        interview.cancelled_at = (interview.cancelled_at or now) if data.cancelled else None


def _replace_people(interview: Interview, company: Company, people: tuple[InterviewerData, ...]) -> None:
    """Participants and topics mirror ``people`` exactly; contacts are kept (other rounds use them).

    A person is the contact picked, else the contact with their email, else a new contact,
    unless a namesake at the company is still undecided (``NamesakeQuestion``).
    """
    owner = interview.owner
    picked_ids = [p.contact_id for p in people if p.contact_id]
    picked = {c.public_id: c for c in owned_by(Contact, owner).filter(public_id__in=picked_ids)}
    if len(picked) != len(set(picked_ids)):
        raise ValidationError("One of the picked contacts does not exist.")
    questions = _namesake_questions(owner, people, company.name)
    if questions:
        raise NamesakeQuestion(questions)
    # A topic whose words an edit keeps keeps its article (reading list) and its public id (API address).
    earlier = list(Topic.objects.filter(participant__interview=interview).select_related("participant")
                   .order_by("position", "id")) if interview.pk else []
    articles = {(t.participant.contact_id, t.text): t.article_id for t in earlier if t.article_id}
    ids: dict[tuple, list[uuid.UUID]] = {}
    for t in earlier:
        ids.setdefault((t.participant.contact_id, t.text), []).append(t.public_id)
    interview.participants.all().delete()
    seen: set[int] = set()
    for position, person in enumerate(people):
        contact = picked.get(person.contact_id) if person.contact_id else by_email(owner, person.email)
        if contact is None:
            contact = Contact(
                owner=owner, company=company, name=person.name.strip(), title=person.title.strip(),
                email=person.email.strip(), phone=person.phone.strip(), timezone=person.timezone.strip(),
            )
            contact.full_clean(exclude=["owner", "company"])
            contact.save()
        else:
            _refresh_contact(contact, person)
        if contact.pk in seen:
            continue  # the same person picked twice: one note, not two
        seen.add(contact.pk)
        participant = Participant.objects.create(
            interview=interview, contact=contact, role=person.role, position=position
        )
        Topic.objects.bulk_create(
            Topic(
                participant=participant, text=text, position=i,
                article_id=articles.get((contact.pk, text)),
                public_id=(ids.get((contact.pk, text)) or [uuid.uuid4()]).pop(0),
            )
            for i, text in enumerate(t.strip()[:500] for t in person.topics if t.strip())
        )


def _refresh_contact(contact: Contact, person: InterviewerData) -> None:
    """What the user typed next to a picked contact wins over what was stored (cards change)."""
    changed = []
    for attr in ("name", "title", "email", "phone", "timezone"):
        value = getattr(person, attr).strip()
        if value and value != getattr(contact, attr):
            setattr(contact, attr, value)
            changed.append(attr)
    if changed:
        contact.full_clean()
        contact.save(update_fields=[*changed, "updated_at"])


def interview_data(interview: Interview) -> InterviewData:
    """The stored interview as the ``InterviewData`` that would save it unchanged: the start of a
    partial change (the API's PATCH) that ``update_interview`` then saves whole."""
    people = tuple(
        InterviewerData(
            name=p.contact.name, title=p.contact.title, email=p.contact.email, role=p.role,
            topics=tuple(t.text for t in p.topics.all()), contact_id=p.contact.public_id,
        )
        for p in interview.participants.select_related("contact").prefetch_related("topics")
    )
    return InterviewData(
        company=interview.opportunity.company.name, role=interview.opportunity.role,
        starts_at=interview.starts_at, ends_at=interview.ends_at, timezone=interview.timezone,
        format=interview.format, next_step=interview.next_step, language=interview.language,
        decision_date=interview.decision_date, decision_date_confirmed=interview.decision_date_confirmed,
        notes=interview.notes, interviewers=people,
        calendar_uid=interview.calendar_uid or "", calendar_sequence=interview.calendar_sequence or 0,
    )


# -- topics, one at a time (the API; the capture form writes them with the interview) -------------


def _topic_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": ["Say what was discussed."]})
    if len(text) > TOPIC_CHARS:
        raise ValidationError({"text": [f"Keep it to {TOPIC_CHARS:,} characters (it has {len(text):,})."]})
    try:
        validate_single_line(text)
    except ValidationError as error:
        raise ValidationError({"text": error.messages}) from None
    return text


def add_topic(*, participant: Participant, text: str, article=None) -> Topic:
    """A new topic, last in the person's list. ValidationError past ``TOPICS_PER_PERSON`` or a bad text.
    The caller re-plans the interview (the notes cite topics)."""
    text = _topic_text(text)
    with transaction.atomic():
        count = Topic.objects.filter(participant=participant).count()
        if count >= TOPICS_PER_PERSON:
            raise ValidationError({"text": [f"Keep to {TOPICS_PER_PERSON} topics per person."]})
        last = Topic.objects.filter(participant=participant).order_by("-position").values_list("position", flat=True)
        return Topic.objects.create(participant=participant, text=text, article=article,
                                    position=(last.first() or 0) + (1 if count else 0))


def change_topic(*, topic: Topic, text: str) -> Topic:
    """New words for a topic (its article stays). The caller re-plans the interview."""
    topic.text = _topic_text(text)
    topic.save(update_fields=["text"])
    return topic
