"""Keeping the FollowUp rows in step with the engine, and the user's decisions on them.

``replan`` is the one bridge from rows to ``clinch.core``: it builds the
engine's ``Interview`` from the database, asks the planner and the drafter,
and upserts one FollowUp per planned action, keyed by (opportunity, plan_key).
A function that depends on the time takes ``now``; each that writes more than
one row does so in one transaction. Sending is left to ``clinch.mail.services``.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from clinch.core import model as core
from clinch.followups import states
from clinch.followups.models import FollowUp
from clinch.interviews.models import Interview, Opportunity, Participant
from clinch.mail import services as mail
from clinch.mail.models import Message

ACTIVE = (FollowUp.Status.PLANNED, FollowUp.Status.SCHEDULED, FollowUp.Status.PAUSED)
OWN_KEY = "own/"  # the plan key of a follow-up the user added: re-planning leaves it alone
FINAL_OUTCOMES = (
    Opportunity.Outcome.OFFER, Opportunity.Outcome.REJECTED,
    Opportunity.Outcome.WITHDREW, Opportunity.Outcome.NO_ANSWER,
)


@lru_cache(maxsize=1)
def policy():
    """The server's follow-up policy: the defaults, overridden by the CLINCH_POLICY file.

    Read once per process (a changed file takes effect at the next start); a bad
    file raises ``ValueError`` naming every problem.
    """
    from clinch.core.policy import load_policy

    return load_policy(path=settings.CLINCH_POLICY_FILE or None)


# -- rows -> engine -----------------------------------------------------------------------


def load_interview(interview_id) -> Interview:
    """The interview with everything ``core_interview`` reads, in a fixed number of queries, and the
    agency policy its owner agreed to (``agency_policy``, read in the same query)."""
    from clinch.agency.policy import agreed_policy

    return (
        Interview.objects.select_related("owner", "opportunity__company", "opportunity__outcome_by")
        .annotate(agency_policy=agreed_policy())
        .prefetch_related("participants__contact", "participants__topics__article")
        .get(pk=interview_id)
    )


def core_interview(interview: Interview, *, later_round: Interview | None = None) -> core.Interview:
    """The engine's view of ``interview`` (load it with ``load_interview`` to avoid extra queries).

    An unconfirmed decision date is left out: the planner reads ``next_step``
    itself. An interview followed by a later round counts as decided
    ("next_round"), so its own status checks stop. A cancelled one plans nothing.
    """
    owner = interview.owner
    opportunity = interview.opportunity
    candidate = core.Candidate(
        name=owner.name_for_notes, email=owner.email or None, timezone=owner.timezone or "UTC",
        country=owner.country or "US", signature=owner.signature or None, language=owner.language or None,
    )
    interviewers = tuple(_interviewer(p, interview) for p in interview.participants.all())
    outcome = None
    if later_round is not None:
        outcome = core.Outcome("next_round", later_round.created_at)
    elif opportunity.outcome != Opportunity.Outcome.PENDING:
        by = opportunity.outcome_by
        outcome = core.Outcome(opportunity.outcome, opportunity.outcome_at or opportunity.updated_at,
                               by=(by.email or by.name) if by is not None else None)
    return core.Interview(
        candidate=candidate,
        company=opportunity.company.name,
        role=opportunity.role,
        starts_at=interview.starts_at,
        ends_at=interview.ends_at,
        interviewers=interviewers,
        next_step=interview.next_step or None,
        decision_date=interview.decision_date if interview.decision_date_confirmed else None,
        language=interview.language or None,
        outcome=outcome,
        replied_at=opportunity.replied_at,
        captured_at=interview.recorded_at,
        cancelled=interview.cancelled_at is not None,
    )


def _interviewer(participant: Participant, interview: Interview) -> core.Interviewer:
    contact = participant.contact
    topics = list(participant.topics.all())
    article = next((t.article for t in topics if t.article is not None), None)
    return core.Interviewer(
        name=contact.name,
        email=contact.email or None,
        title=contact.title or None,
        role=participant.role,
        # Without a zone of their own, the interviewer is where the interview took place.
        timezone=contact.timezone or interview.timezone or None,
        topics=tuple(t.text for t in topics),
        article=core.Article(article.title, article.url) if article else None,
        preferred_name=contact.preferred_name or None,
        linkedin_url=contact.linkedin_url or None,
    )


def later_round_of(interview: Interview) -> Interview | None:
    return (
        Interview.objects.filter(opportunity_id=interview.opportunity_id, round__gt=interview.round)
        .order_by("round").first()
    )


# -- re-planning --------------------------------------------------------------------------


def plan_key(interview: Interview, key: str) -> str:
    """Keys are per interview: the same interviewer in round 2 gets a second thank-you."""
    return f"{interview.public_id.hex[:12]}/{key}"[:300]


def replan(*, interview: Interview, now: datetime) -> list[FollowUp]:
    """Bring the interview's FollowUps in line with what the engine plans now.

    Upserts by (opportunity, plan_key). Sent and cancelled rows are never
    touched; a draft the user edited keeps its words; planned rows move to
    their new time; a step that is no longer planned is deleted when it was
    only planned, cancelled when it was scheduled, paused or edited. Running it
    twice changes nothing. The interview's row is locked while it runs (on
    SQLite the IMMEDIATE transaction does the same), so two concurrent
    re-plans serialise instead of adding twins. The plan and its drafts are
    made before the lock is taken and made again under it only when the facts
    changed meanwhile: the write lock waits for the writes alone.
    Returns the interview's follow-ups that are still pending, by send_at.
    """
    prepared = _prepare(interview.pk)
    with transaction.atomic():
        return _write_plan(interview.pk, prepared, now=now)


def _prepare(interview_id) -> tuple[core.Interview, list]:
    """The engine's work for an interview as it is now: its facts, and each planned action with
    its draft. Reads only; run before a transaction, so no write lock waits for the engine."""
    interview = load_interview(interview_id)
    return _planned(core_interview(interview, later_round=later_round_of(interview)), plan_policy(interview))


def plan_policy(interview: Interview):
    """The policy that applies to ``interview`` (from ``load_interview``): the server's, or an agency's
    overrides the candidate agreed to before recording it (``clinch.agency.policy``).

    The one answer to "which policy for this user's follow-ups": the planner plans with it and the
    timing guard judges a chosen moment with it, so the guard never objects to the plan's own time."""
    from clinch.agency.policy import policy_from

    return policy_from(interview.agency_policy) or policy()


def _planned(facts: core.Interview, rules) -> tuple[core.Interview, list]:
    from clinch.core import drafts, planner

    plan = planner.plan(facts, rules)
    return facts, [(action, drafts.draft(facts, action, rules)) for action in plan.actions]


def _write_plan(interview_id, prepared: tuple[core.Interview, list], *, now: datetime) -> list[FollowUp]:
    """``replan``'s writes, inside the caller's transaction; plans again only if the facts changed
    since ``prepared`` was made."""
    # The interview's row is the lock: a second re-plan of it waits here instead of adding twins.
    list(Interview.objects.select_for_update().filter(pk=interview_id).values_list("pk"))
    interview = load_interview(interview_id)
    facts = core_interview(interview, later_round=later_round_of(interview))
    if facts != prepared[0]:
        prepared = _planned(facts, plan_policy(interview))  # changed meanwhile: plan again, now under the lock
    existing = {
        f.plan_key: f
        for f in FollowUp.objects.filter(interview=interview).exclude(plan_key__startswith=OWN_KEY)
    }
    contacts = _contacts_by_interviewer(interview, facts)
    wanted: set[str] = set()
    for action, draft in prepared[1]:
        key = plan_key(interview, action.key or f"{action.kind}:{action.to}")
        wanted.add(key)
        row = existing.get(key)
        if row is not None and row.status in (FollowUp.Status.SENT, FollowUp.Status.CANCELLED):
            continue
        _upsert(row, interview=interview, key=key, action=action, draft=draft,
                contact=_contact_for(action, contacts))
    for key, row in existing.items():
        if key not in wanted:
            _retire(row, now=now)
    return list(
        FollowUp.objects.filter(interview=interview, status__in=ACTIVE).order_by("send_at", "id")
    )


def replan_opportunity(*, opportunity: Opportunity, now: datetime) -> list[FollowUp]:
    """Re-plan every round of ``opportunity`` (a new round ends the earlier rounds' status checks),
    in one transaction; the plans are made before it opens."""
    rounds = opportunity.interviews.order_by("round", "starts_at").values_list("pk", flat=True)
    prepared = [(pk, _prepare(pk)) for pk in rounds]
    pending: list[FollowUp] = []
    with transaction.atomic():
        for pk, plan in prepared:
            pending += _write_plan(pk, plan, now=now)
    return pending


def _contacts_by_interviewer(interview: Interview, facts: core.Interview) -> dict:
    people = list(interview.participants.all())
    return {person: participant.contact for person, participant in zip(facts.interviewers, people)}


def _contact_for(action, contacts: dict):
    """The contact an action is addressed to: the same interviewer, else the same address or name."""
    if action.recipient is not None and action.recipient in contacts:
        return contacts[action.recipient]
    for person, contact in contacts.items():
        if action.to and action.to in (person.email, person.name):
            return contact
    return None


def _upsert(row, *, interview, key, action, draft, contact) -> FollowUp:
    fields = {
        "kind": action.kind,
        "channel": action.channel,
        "deadline": action.deadline,
        "why": action.why or "",
        "contact": contact,
    }
    if row is None:
        return FollowUp.objects.create(
            owner=interview.owner, opportunity=interview.opportunity, interview=interview,
            plan_key=key, send_at=action.send_at, subject=draft.subject[:300], body=draft.body, **fields,
        )
    if row.status == FollowUp.Status.PLANNED:
        fields["send_at"] = action.send_at
        if not row.draft_edited:
            fields["subject"] = draft.subject[:300]
            fields["body"] = draft.body
    changed = [name for name, value in fields.items() if getattr(row, name) != value]
    if changed:
        for name in changed:
            setattr(row, name, fields[name])
        row.save(update_fields=[*changed, "updated_at"])
    return row


def _retire(row: FollowUp, *, now: datetime) -> None:
    if row.status in (FollowUp.Status.SENT, FollowUp.Status.CANCELLED):
        return
    if row.status == FollowUp.Status.PLANNED and not row.draft_edited:
        row.delete()
        return
    if states.allowed(row.state, "cancel"):
        cancel(row, now=now)  # one the sender has in hand, or that may have gone out, is left to show that


# -- the user's decisions on one follow-up -----------------------------------------------------


def save_draft(*, followup: FollowUp, subject: str, body: str, override: bool | None = None) -> FollowUp:
    """Keep the user's words; an edited draft survives re-planning. Only unsent drafts change
    (``states.ACTIONS["edit"]``: a queued, sending or sent note is refused with ValidationError)."""
    states.require(followup.state, "edit")
    changed = []
    if subject != followup.subject or body != followup.body:
        followup.subject, followup.body, followup.draft_edited = subject, body, True
        changed += ["subject", "body", "draft_edited"]
    if override is not None and override != followup.checks_overridden:
        followup.checks_overridden = override
        changed.append("checks_overridden")
    if changed:
        followup.full_clean(exclude=["owner", "opportunity", "interview", "contact"])
        followup.save(update_fields=[*changed, "updated_at"])
    return followup


def mark_sent(*, followup: FollowUp, now: datetime) -> FollowUp:
    """The user sent it themselves (mail app, LinkedIn, a card), or found it in their Sent folder.

    A queued email is withdrawn first (so Clinch never sends it a second time);
    an uncertain one is recorded as sent. Refused while it is scheduled or sending
    (take it back first) and once sent.
    """
    with transaction.atomic():
        states.require(_locked(followup).state, "mark_sent")
        for message in followup.messages.filter(direction=Message.Direction.OUTBOUND):
            if message.state == Message.State.UNCERTAIN:
                mail.mark_message_sent(message, now=now)
            elif message.state in (Message.State.SCHEDULED, Message.State.PAUSED, Message.State.FAILED):
                mail.cancel_message(message, now=now)
        FollowUp.objects.filter(pk=followup.pk).exclude(status=FollowUp.Status.SENT).update(
            status=FollowUp.Status.SENT, sent_at=now, updated_at=now
        )
    return _fresh(followup)


def cancel(followup: FollowUp, *, now: datetime) -> FollowUp:
    """Never send it; a queued, failed or uncertain email is withdrawn too.

    Refused (ValidationError) while the sender has it in hand and once it is sent:
    a cancelled follow-up never has a message that may still go out.
    """
    with transaction.atomic():
        states.require(_locked(followup).state, "cancel")
        for message in followup.messages.filter(
            direction=Message.Direction.OUTBOUND,
            state__in=[Message.State.SCHEDULED, Message.State.PAUSED, Message.State.FAILED, Message.State.UNCERTAIN],
        ):
            mail.cancel_message(message, now=now)
        FollowUp.objects.filter(pk=followup.pk).exclude(status=FollowUp.Status.SENT).update(
            status=FollowUp.Status.CANCELLED, updated_at=now
        )
    return _fresh(followup)


def restore(*, followup: FollowUp) -> FollowUp:
    """A cancelled note is a draft in the plan again. Anything else is refused (ValidationError)."""
    with transaction.atomic():
        states.require(_locked(followup).state, "restore")
        FollowUp.objects.filter(pk=followup.pk, status=FollowUp.Status.CANCELLED).update(
            status=FollowUp.Status.PLANNED)
    return _fresh(followup)


def take_back(*, followup: FollowUp, now: datetime) -> FollowUp:
    """A scheduled note becomes a draft again, its email withdrawn, unless the sender has already
    claimed it (ValidationError: it is sending, or was sent)."""
    with transaction.atomic():
        states.require(_locked(followup).state, "take_back")
        for message in followup.messages.filter(
            direction=Message.Direction.OUTBOUND, state__in=[Message.State.SCHEDULED, Message.State.PAUSED]
        ):
            mail.cancel_message(message, now=now, keep_followup=True)
        FollowUp.objects.filter(pk=followup.pk).update(status=FollowUp.Status.PLANNED, updated_at=now)
    return _fresh(followup)


def send_again(*, followup: FollowUp, now: datetime) -> Message:
    """A failed or uncertain note goes again at once: same Message-ID, a fresh attempt budget,
    the earlier attempts kept. Refused in any other state (ValidationError)."""
    with transaction.atomic():
        states.require(_locked(followup).state, "send_again")
        message = followup.messages.filter(direction=Message.Direction.OUTBOUND).order_by("-created_at", "-id").first()
        mail.retry_message(message, now=now)
    _fresh(followup)
    return message


def add_followup(*, opportunity: Opportunity, kind: str, channel: str, send_at: datetime, subject: str = "",
                 body: str = "", interview: Interview | None = None, contact=None) -> FollowUp:
    """A follow-up the user adds themselves: planned, with their words, never touched by re-planning
    (its plan key starts with ``OWN_KEY``). Approving it is ``schedule``, under the timing guard and
    the checks, as for any other. ValidationError for an interview of another opportunity, a naive
    time or fields past their limits; nothing is stored then."""
    import uuid

    if interview is not None and interview.opportunity_id != opportunity.pk:
        raise ValidationError({"interview": ["That interview is not of this opportunity."]})
    if send_at.tzinfo is None:
        raise ValidationError({"send_at": ["Give the time with its zone."]})
    followup = FollowUp(
        owner=opportunity.owner, opportunity=opportunity, interview=interview, contact=contact, kind=kind,
        channel=channel, send_at=send_at, subject=subject, body=body, draft_edited=True,
        plan_key=f"{OWN_KEY}{uuid.uuid4().hex}",
    )
    followup.full_clean(exclude=["owner"])
    followup.save()
    return followup


def delete_followup(*, followup: FollowUp) -> None:
    """Remove a follow-up the user added, while nothing of it is with the sender (planned or cancelled).

    Refused (ValidationError) for a step of the plan (re-planning would bring it back: cancel it
    instead) and in any other state (a queued, sending or sent note keeps its history)."""
    if not followup.plan_key.startswith(OWN_KEY):
        raise ValidationError("It is a step of the plan: cancel it instead, so re-planning leaves it out.")
    with transaction.atomic():
        state = _locked(followup).state
        if state not in (states.PLANNED, states.CANCELLED):
            raise ValidationError(states.REFUSALS.get(state, "It cannot be deleted now.") + " Cancel it instead.")
        FollowUp.objects.filter(pk=followup.pk).delete()


def _locked(followup: FollowUp) -> FollowUp:
    """The follow-up read again inside the caller's transaction, its row locked (PostgreSQL; SQLite's
    IMMEDIATE transaction serialises writers), so a state check and the change it allows are one step."""
    fresh = FollowUp.objects.select_for_update().get(pk=followup.pk)
    fresh.__dict__.pop("message_state", None)
    return fresh


def _fresh(followup: FollowUp) -> FollowUp:
    followup.refresh_from_db()
    followup.__dict__.pop("message_state", None)
    return followup


class TimingConflict(ValueError):
    """The chosen time breaks the policy's timing rules and the user has not chosen yet.

    ``problems`` are the rules broken (``clinch.core.timing.TimingProblem``), ``planned`` the
    moment "send at the planned time" would use, ``asked`` the moment that was asked for.
    """

    def __init__(self, problems, *, asked: datetime, planned: datetime):
        super().__init__(" ".join(p.says for p in problems))
        self.problems, self.asked, self.planned = problems, asked, planned


def schedule(*, followup: FollowUp, now: datetime, send_now: bool = False, at: datetime | None = None,
             timing: str | None = None) -> Message:
    """Approve the draft: Clinch sends it at its planned time, at once (``send_now``) or at ``at``.

    Whatever the caller (page, CLI, API), the moment is compared with the policy's timing rules
    (``clinch.core.timing``). When it breaks any, ``timing`` decides: None raises
    ``TimingConflict`` and nothing is stored; ``"planned"`` sends at the planned time (or the
    first allowed moment, when that has passed); ``"anyway"`` keeps the asked-for moment. The
    choice and the rules broken are recorded on the follow-up.
    Refuses (ValueError) while the checks find errors the user has not overridden; the mail
    service raises ValidationError for what it cannot send.
    """
    from clinch.followups.checking import blocking_findings

    if timing not in (None, FollowUp.TimingChoice.PLANNED, FollowUp.TimingChoice.ANYWAY):
        raise ValueError(f"{timing!r} is not a timing choice")
    state = followup.state
    states.require(state, "reschedule" if state == states.SCHEDULED else "schedule")
    if not followup.checks_overridden and blocking_findings(followup):
        raise ValueError("Fix the errors the checks found, or tick \"send anyway\".")
    asked = now if send_now else max(at or followup.send_at, now)
    found = timing_problems(followup=followup, at=asked)
    if found and timing is None:
        raise TimingConflict(found, asked=asked, planned=planned_time(followup=followup, now=now))
    send_at = asked
    if found and timing == FollowUp.TimingChoice.PLANNED:
        send_at = planned_time(followup=followup, now=now)
    choice, rules = (timing, ", ".join(dict.fromkeys(p.why.split(":")[0] for p in found))) if found else ("", "")
    with transaction.atomic():
        message = mail.schedule_followup(followup, send_at=send_at, now=now)
        FollowUp.objects.filter(pk=followup.pk).update(timing_choice=choice, timing_rules=rules)
    followup.timing_choice, followup.timing_rules = choice, rules
    return message


def _timing_facts(followup: FollowUp):
    """The engine's interview, the follow-up's recipient in it (None without a contact) and the policy
    its plan was made with (``plan_policy``); all None for a follow-up without an interview."""
    if followup.interview_id is None:
        return None, None, None
    interview = load_interview(followup.interview_id)
    facts = core_interview(interview, later_round=later_round_of(interview))
    rules = plan_policy(interview)
    for person, participant in zip(facts.interviewers, interview.participants.all()):
        if participant.contact_id == followup.contact_id:
            return facts, person, rules
    return facts, None, rules


def timing_problems(*, followup: FollowUp, at: datetime) -> list:
    """The policy's timing rules that sending ``followup`` at ``at`` breaks (empty: fine)."""
    from clinch.core import timing

    facts, recipient, rules = _timing_facts(followup)
    if facts is None:
        return []
    return timing.problems(facts, kind=followup.kind, recipient=recipient, at=at, policy=rules)


def planned_time(*, followup: FollowUp, now: datetime) -> datetime:
    """What "send at the planned time" means now: the planned moment while it is ahead, else the
    first moment from now that the timing rules allow."""
    from clinch.core import timing

    facts, recipient, rules = _timing_facts(followup)
    if facts is None:
        return max(followup.send_at, now)
    start = max(followup.send_at, now)
    return timing.earliest_allowed(facts, kind=followup.kind, recipient=recipient, after=start, policy=rules)


# -- the opportunity's outcome ------------------------------------------------------------------


def latest_interview(opportunity: Opportunity) -> Interview | None:
    return opportunity.interviews.order_by("-round", "-starts_at").first()


def record_outcome(*, opportunity: Opportunity, outcome: str, now: datetime, by=None) -> list[FollowUp]:
    """What the company (or the user) decided; re-plans the latest interview.

    A decision ends every status check of the opportunity (a rejection brings
    the gracious reply and a keep-in-touch note instead, as the engine plans).
    ``by`` is the Contact who sent it (the user's own, on the latest interview's panel,
    else ValueError): the reply to a rejection goes to them.
    """
    if outcome not in FINAL_OUTCOMES:
        raise ValueError(f"{outcome!r} is not an outcome")
    if by is not None and by not in outcome_senders(opportunity):
        raise ValueError("Choose someone from the interview.")
    with transaction.atomic():
        opportunity.outcome = outcome
        opportunity.outcome_at = now
        opportunity.outcome_by = by
        opportunity.stage = Opportunity.Stage.CLOSED
        opportunity.reply_seen_at = now
        opportunity.save(update_fields=["outcome", "outcome_at", "outcome_by", "stage", "reply_seen_at", "updated_at"])
        interview = latest_interview(opportunity)
        pending = replan(interview=interview, now=now) if interview else []
        for followup in FollowUp.objects.filter(
            opportunity=opportunity, kind=FollowUp.Kind.STATUS_CHECK, status__in=ACTIVE
        ):
            if states.allowed(followup.state, "cancel"):
                cancel(followup, now=now)
        from clinch.hooks.services import emit

        emit(owner_id=opportunity.owner_id, event="outcome.recorded", now=now,
             key=f"outcome.recorded:{opportunity.public_id}:{outcome}:{now.isoformat()}",
             data={"opportunity": str(opportunity.public_id), "outcome": outcome, "recorded_at": now.isoformat()})
    return [f for f in pending if f.kind != FollowUp.Kind.STATUS_CHECK]


def outcome_senders(opportunity: Opportunity) -> list:
    """Who can have sent the decision: the contacts on the latest interview's panel, lead first."""
    interview = latest_interview(opportunity)
    if interview is None:
        return []
    participants = interview.participants.select_related("contact").order_by("id")
    people = [p.contact for p in participants if p.role == "hiring_manager"]
    return people + [p.contact for p in participants if p.contact not in people]


class _DryRun(Exception):
    """Raised to roll back a trial run of a service."""


def outcome_preview(*, opportunity: Opportunity, outcome: str, now: datetime, by=None) -> dict:
    """What recording ``outcome`` would change, without changing anything.

    ``{"stopped": [FollowUp, ...], "added": [FollowUp, ...]}``: the pending follow-ups that
    would no longer be sent, and the new ones it plans (unsaved copies). It runs
    ``record_outcome`` itself in a transaction that is rolled back, so the preview and the
    real thing cannot differ.
    """
    before = {f.pk: f for f in FollowUp.objects.filter(opportunity=opportunity, status__in=ACTIVE)
              .select_related("contact")}
    result = {"stopped": [], "added": []}
    try:
        with transaction.atomic():
            trial = Opportunity.objects.get(pk=opportunity.pk)
            record_outcome(opportunity=trial, outcome=outcome, now=now, by=by)
            after = FollowUp.objects.filter(opportunity=opportunity, status__in=ACTIVE).select_related("contact")
            after = {f.pk: f for f in after}
            result["stopped"] = [f for pk, f in before.items() if pk not in after]
            result["added"] = [f for pk, f in after.items() if pk not in before]
            raise _DryRun
    except _DryRun:
        pass
    return result


def reopen(*, opportunity: Opportunity, now: datetime) -> None:
    """Undo an outcome recorded by mistake: back to waiting, and the plan as it would be."""
    with transaction.atomic():
        opportunity.outcome = Opportunity.Outcome.PENDING
        opportunity.outcome_at = None
        opportunity.outcome_by = None
        opportunity.stage = Opportunity.Stage.INTERVIEWING
        opportunity.save(update_fields=["outcome", "outcome_at", "outcome_by", "stage", "updated_at"])
        interview = latest_interview(opportunity)
        if interview:
            replan(interview=interview, now=now)


def record_reply(*, opportunity: Opportunity, now: datetime) -> None:
    """They replied (the one-click button): status checks pause until the user decides."""
    mail.record_reply(opportunity=opportunity, now=now)


def mark_reply_seen(*, opportunity: Opportunity, now: datetime) -> None:
    """The user read the reply and needs no outcome yet: it leaves Needs a decision."""
    Opportunity.objects.filter(pk=opportunity.pk).update(reply_seen_at=now, updated_at=now)
