"""Capture an interview on a phone: record it, edit it, start its next round; read the decision date live."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from clinch.core.timeline import LANGUAGE_NAMES
from clinch.followups import services as followups
from clinch.interviews import services as interviews
from clinch.interviews.models import Company, Contact, Interview
from clinch.owned import get_owned_or_404, owned_by
from clinch.permissions_policy import allow_camera
from clinch.web import live
from clinch.web import cards
from clinch.web.forms import Capture, InterviewForm, initial_from
from clinch.web.presenters import late_capture


def _contact_choices(user) -> list[tuple[str, str]]:
    """Everyone the user has met, one query, labelled so two namesakes can be told apart."""
    rows = owned_by(Contact, user).select_related("company").order_by("name")
    return [
        (str(c.public_id), " · ".join(filter(None, [c.name, c.title, c.company.name if c.company else ""])))
        for c in rows
    ]


def _interview(user, public_id) -> Interview:
    queryset = Interview.objects.select_related("opportunity__company").prefetch_related(
        "participants__contact", "participants__topics"
    )
    return get_owned_or_404(queryset, user, public_id)


def _render(request, capture, *, interview=None, previous=None, status=200, invitation_form=None,
                 invitation=None):
    """The capture page; ``invitation`` describes the invitation it was filled from, if any."""
    from clinch.web.invitations import InvitationForm

    context = {
        "capture": capture,
        "interview": interview,
        "previous": previous,
        "companies": owned_by(Company, request.user).values_list("name", flat=True),
        "invitation_form": invitation_form or InvitationForm(),
        "invitation": invitation,
    }
    return render(request, "interviews/capture.html", context, status=status)


def _defaults(user, now: datetime | None = None) -> dict:
    """Most people capture right after leaving: today, an hour that just ended, in their zone."""
    local = timezone.localtime(now or timezone.now())
    end = local.replace(minute=(local.minute // 15) * 15, second=0, microsecond=0)
    start = end - timedelta(hours=1)
    return {"timezone": user.timezone, "day": start.date(), "start": start.time(), "end": end.time()}


def _save(request, capture, *, now, save, message, **page):
    """Validate ``capture``, ``save(data)`` it, re-plan its opportunity and go there.

    ``save`` returns the interview; an invalid capture or a ValidationError from it shows the page
    again (``page`` is passed on to ``_render``) with status 422.
    """
    if not capture.is_valid():
        return _render(request, capture, status=422, **page)
    data = capture.as_data()
    questions = interviews.unresolved_namesakes(owner=request.user, data=data)
    if questions:
        return _ask_namesakes(request, capture, questions, page)
    try:
        interview = save(data)
    except interviews.NamesakeQuestion as question:  # someone added a namesake meanwhile
        return _ask_namesakes(request, capture, question.questions, page)
    except ValidationError as error:
        capture.form.add_error(None, error)
        return _render(request, capture, status=422, **page)
    followups.replan_opportunity(opportunity=interview.opportunity, now=now)
    messages.success(request, message)
    late = late_capture(interview)
    if late:
        messages.warning(request, late)
    return redirect("opportunity", interview.opportunity.public_id)


def _ask_namesakes(request, capture, questions, page):
    """Show, next to each person entered by name only, the contacts they may be; nothing is saved."""
    filled = capture.filled()
    for index, found in questions.items():
        filled[index].ask_about(found)
    capture.form.add_error(None, "Someone you entered may be a contact you already have: answer below, then save.")
    return _render(request, capture, status=422, **page)


def _already_captured(request):
    """The interview saved earlier from this capture's idempotency key, if any (a bad key is no key)."""
    try:
        key = uuid.UUID(request.POST.get("capture_key", ""))
    except ValueError:
        return None
    return interviews.captured(owner=request.user, capture_key=key)


@login_required
@allow_camera  # the people met are captured here, business cards included
def interview_new(request):
    """A new interview; ``?after=<interview>`` starts that opportunity's next round with its people."""
    now = timezone.now()
    after = request.GET.get("after") or request.POST.get("after")
    previous = _interview(request.user, after) if after else None
    choices = _contact_choices(request.user)
    if request.method != "POST":
        initial, people = initial_from(previous, next_round=True) if previous else ({}, [])
        if request.GET.get("cards"):  # back from scanning business cards: their people, filled in
            initial, people = cards.prefill(request.user, request.GET["cards"], initial=initial, people=people)
        initial = {**_defaults(request.user, now), "capture_key": uuid.uuid4(), **initial}
        capture = Capture(initial=initial, people=people, contact_choices=choices, person_zone=request.user.timezone)
        return _render(request, capture, previous=previous)
    saved = _already_captured(request)
    if saved is not None:  # the same capture again (a double tap, a phone syncing): nothing new
        messages.info(request, "Already saved.")
        return redirect("opportunity", saved.opportunity.public_id)
    capture = Capture(request.POST, contact_choices=choices, person_zone=request.user.timezone)
    if "add_interviewer" in request.POST:
        return _render(request, capture.with_one_more(), previous=previous)
    return _save(
        request, capture, now=now, message="Saved. Here is your follow-up plan.", previous=previous,
        save=lambda data: interviews.record_interview(
            owner=request.user, data=data, now=now, opportunity=previous.opportunity if previous else None,
        ),
    )


@login_required
@allow_camera
def interview_edit(request, public_id):
    """Change an interview: what is not yet sent is planned again."""
    now = timezone.now()
    interview = _interview(request.user, public_id)
    choices = _contact_choices(request.user)
    if request.method != "POST":
        initial, people = initial_from(interview)
        capture = Capture(initial=initial, people=people, contact_choices=choices, person_zone=request.user.timezone)
        return _render(request, capture, interview=interview)
    capture = Capture(request.POST, contact_choices=choices, person_zone=request.user.timezone)
    if "add_interviewer" in request.POST:
        return _render(request, capture.with_one_more(), interview=interview)
    return _save(
        request, capture, now=now, message="Saved. The plan follows the changes; what was sent stays sent.",
        interview=interview,
        save=lambda data: interviews.update_interview(interview=interview, data=data, now=now),
    )


@login_required
@require_POST
def read_date(request):
    """htmx: "We read: decision by Fri 6 Mar. Right?" for the next-step words typed so far.

    Within the user's budget of live calls (``clinch.web.live``), else 429.
    """
    if not live.allow(request.user, "read_date"):
        return live.paused("Reading paused: too many at once; it goes on in a few seconds.")
    form = InterviewForm(request.POST)
    form.is_valid()  # only the fields that parse are used: the rest of the form may be half typed
    data = form.cleaned_data
    reading = None
    if data.get("next_step") and data.get("ends_at"):
        reading = interviews.read_decision_date(
            next_step=data["next_step"], ends_at=data["ends_at"], timezone=data["timezone"],
            country=request.user.country, language=data.get("language") or request.user.language,
        )
    typed, read = data.get("decision_date"), data.get("decision_date_read")
    corrected = typed is not None and typed != read
    shown = typed if corrected else (reading.date if reading else None)
    read = reading.date if reading else None
    return render(request, "interviews/_decision.html", {
        "reading": reading, "corrected": corrected,
        "language_read": LANGUAGE_NAMES[reading.language] if reading else "",
        "decision_value": shown.isoformat() if shown else "",
        "read_value": read.isoformat() if read else "",
        "reading_errors": form.errors.get("next_step", []),
        "decision_errors": form.errors.get("decision_date", []),
    })
