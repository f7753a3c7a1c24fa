"""An opportunity: its rounds, its follow-up plan as a timeline, and the outcome buttons."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from clinch.followups import bulk, selectors, services
from clinch.followups.models import FollowUp
from clinch.interviews import services as interviews
from clinch.interviews.models import Interview, Opportunity
from clinch.mail import services as mail
from clinch.owned import get_owned_or_404
from clinch.web.presenters import explain_steps, late_capture

OUTCOME_MESSAGES = {
    Opportunity.Outcome.REJECTED: "Recorded. A gracious reply is drafted for you, and a keep-in-touch note later on.",
    Opportunity.Outcome.OFFER: "Congratulations! Status checks are off.",
    Opportunity.Outcome.WITHDREW: "Recorded: you withdrew. Nothing more goes out unless you send it.",
    Opportunity.Outcome.NO_ANSWER: "Closed politely: no more status checks for this one.",
}


@login_required
def opportunity(request, public_id):
    """The plan: what goes to whom, when (their zone and yours), and why."""
    opp = selectors.opportunity_page(user=request.user, public_id=public_id)
    rounds = list(opp.interviews.all())
    latest = rounds[-1] if rounds else None
    followups = list(opp.followups.all())
    explain_steps(followups, owner=request.user, opportunity=opp)
    pending = [f for f in followups if f.status in services.ACTIVE]
    done = [f for f in followups if f.status not in services.ACTIVE]
    checks = [f for f in followups if f.kind == FollowUp.Kind.STATUS_CHECK]
    # Every status check went out and none is left: time to close it politely.
    checks_exhausted = (
        opp.outcome == Opportunity.Outcome.PENDING and opp.replied_at is None and bool(checks)
        and all(f.status in (FollowUp.Status.SENT, FollowUp.Status.CANCELLED) for f in checks)
        and any(f.status == FollowUp.Status.SENT for f in checks)
    )
    thank_yous = [f for f in pending if f.kind == FollowUp.Kind.THANK_YOU and f.status == FollowUp.Status.PLANNED
                  and f.channel == FollowUp.Channel.EMAIL]
    return render(request, "interviews/opportunity.html", {
        "opportunity": opp, "rounds": rounds, "latest": latest, "pending": pending, "done": done,
        "thank_yous_to_schedule": len(thank_yous),
        "late_capture": late_capture(latest),
        "checks_exhausted": checks_exhausted,
        "account": mail.account_for(request.user),
        "outcome_choices": [(v, label) for v, label in Opportunity.Outcome.choices if v in services.FINAL_OUTCOMES],
    })


@login_required
def opportunity_list(request):
    """Every opportunity, newest first, 50 a page."""
    page = Paginator(selectors.opportunities(user=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "interviews/opportunity_list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def outcome(request, public_id):
    """GET: what recording the outcome would stop and start, and (for a rejection) who sent it;
    POST: record it. Without a sender the reply goes to the hiring manager."""
    opp = get_owned_or_404(Opportunity.objects.select_related("company"), request.user, public_id)
    data = request.POST if request.method == "POST" else request.GET
    kind = data.get("outcome", "")
    now = timezone.now()
    senders = services.outcome_senders(opp) if kind == Opportunity.Outcome.REJECTED else []
    by = next((c for c in senders if str(c.public_id) == data.get("by")), None)
    if request.method == "GET":
        if kind not in services.FINAL_OUTCOMES or opp.outcome != Opportunity.Outcome.PENDING:
            return redirect("opportunity", opp.public_id)
        return render(request, "interviews/outcome_confirm.html", {
            "opportunity": opp, "outcome": kind, "label": Opportunity.Outcome(kind).label,
            "senders": senders, "by": by or (senders[0] if senders else None),
            "preview": _preview_lines(services.outcome_preview(opportunity=opp, outcome=kind, now=now, by=by)),
        })
    if kind == "reopen":
        services.reopen(opportunity=opp, now=now)
        messages.success(request, "Back to waiting for a decision; the plan is up to date.")
    elif kind in services.FINAL_OUTCOMES:
        services.record_outcome(opportunity=opp, outcome=kind, now=now, by=by)
        messages.success(request, OUTCOME_MESSAGES[kind])
    return redirect("opportunity", opp.public_id)


def _preview_lines(preview: dict) -> dict:
    """"2 scheduled thank-you notes will not be sent", one line per kind and state."""
    groups: dict = {}
    for followup in preview["stopped"]:
        groups.setdefault((followup.status, followup.kind), []).append(followup)
    stopped = []
    for (status, kind), rows in sorted(groups.items()):
        label = FollowUp.Kind(kind).label
        label = label if label.startswith("LinkedIn") else label[0].lower() + label[1:]  # a name keeps its capitals
        plural = "s" if len(rows) != 1 else ""
        state = {"scheduled": "scheduled ", "paused": "paused ", "planned": "planned "}.get(status, "")
        stopped.append(f"{len(rows)} {state}{label}{plural} will not be sent")
    return {"stopped": stopped, "added": preview["added"]}


@login_required
@require_POST
def replied(request, public_id):
    """"They replied": status checks pause; the user then records what they said."""
    opp = get_owned_or_404(Opportunity, request.user, public_id)
    services.record_reply(opportunity=opp, now=timezone.now())
    messages.success(request, "Noted: status checks are paused. What did they say?")
    return redirect("opportunity", opp.public_id)


@login_required
@require_POST
def reply_seen(request, public_id):
    opp = get_owned_or_404(Opportunity, request.user, public_id)
    services.mark_reply_seen(opportunity=opp, now=timezone.now())
    return redirect("opportunity", opp.public_id)


@login_required
@require_POST
def decision_date(request, public_id):
    """Confirm or correct the decision date read from the interviewer's words; re-plans."""
    interview = get_owned_or_404(Interview.objects.select_related("opportunity"), request.user, public_id)
    field = forms.DateField(required=False)
    try:
        day = field.clean(request.POST.get("decision_date", ""))
    except forms.ValidationError:
        messages.error(request, "That is not a date; use the date picker or YYYY-MM-DD.")
        return redirect("opportunity", interview.opportunity.public_id)
    try:
        interviews.confirm_decision_date(interview=interview, decision_date=day)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("opportunity", interview.opportunity.public_id)
    now = timezone.now()
    services.replan_opportunity(opportunity=interview.opportunity, now=now)
    messages.success(request, "Decision date saved; status checks follow it." if day else "Decision date cleared.")
    return redirect("opportunity", interview.opportunity.public_id)


@login_required
@require_POST
def schedule_all(request, public_id):
    """"Schedule all thank-you notes": queued at once when every note is clean; otherwise the
    notes that need a look are listed first, and nothing is queued until the user confirms
    (with "send anyway" ticked on each note whose errors they accept)."""
    opp = get_owned_or_404(Opportunity.objects.select_related("company", "owner"), request.user, public_id)
    kind = FollowUp.Kind.THANK_YOU
    confirmed = request.POST.get("confirm") == "1"
    reviews = bulk.review(opportunity=opp, kind=kind)
    if not reviews:
        messages.info(request, "No thank-you notes are waiting to be scheduled.")
        return redirect("opportunity", opp.public_id)
    if confirmed or not any(item.needs_look for item in reviews):
        try:
            queued, reviews = bulk.schedule_all(opportunity=opp, kind=kind, now=timezone.now(), reviews=reviews,
                                                overrides=request.POST.getlist("override")[:100])
        except (ValidationError, ValueError) as error:
            messages.error(request, " ".join(error.messages) if isinstance(error, ValidationError) else str(error))
            return redirect("opportunity", opp.public_id)
        if queued:
            messages.success(request, f"Scheduled {len(queued)} thank-you note{'s' if len(queued) != 1 else ''}: "
                             "each goes at its planned time.")
            return redirect("opportunity", opp.public_id)
    return render(request, "interviews/schedule_all.html", {
        "opportunity": opp, "reviews": reviews, "blocked": [r for r in reviews if r.blocked],
    }, status=422 if confirmed else 200)
