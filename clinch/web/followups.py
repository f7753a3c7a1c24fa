"""One follow-up: edit its draft with live checks, then send it (mail app, or Clinch's mail)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from clinch.followups import second_opinion as local_model
from clinch.followups import services
from clinch.followups.checking import check_draft
from clinch.followups.models import FollowUp
from clinch.mail import services as mail
from clinch.mail.models import Message
from clinch.owned import get_owned_or_404
from clinch.web.forms import DraftForm

EDITABLE = (FollowUp.Status.PLANNED, FollowUp.Status.PAUSED)


def _followup(user, public_id) -> FollowUp:
    queryset = FollowUp.objects.select_related("contact", "interview", "opportunity__company").prefetch_related(
        Prefetch("messages", queryset=Message.objects.filter(direction="out").order_by("-created_at"))
    )
    return get_owned_or_404(queryset, user, public_id)


def _context(request, followup, form, subject_text, body_text):
    subject, body = check_draft(followup=followup, subject=subject_text, body=body_text)
    now = timezone.now()
    healthy, last_seen = mail.worker_status(now)
    return {
        "followup": followup,
        "form": form,
        "subject": subject,
        "body": body,
        "errors": subject.errors + body.errors,
        "editable": followup.status in EDITABLE,
        "account": mail.account_for(request.user),
        "message": next(iter(followup.messages.all()), None),
        "worker_healthy": healthy,
        "worker_last_seen": last_seen,
        "local_model": local_model.enabled(),
    }


@login_required
def editor(request, public_id):
    """GET shows the draft and its findings; POST saves it and does what the pressed button says."""
    followup = _followup(request.user, public_id)
    if request.method != "POST":
        form = DraftForm(initial={"subject": followup.subject, "body": followup.body,
                                  "override": followup.checks_overridden})
        return render(request, "followups/editor.html", _context(request, followup, form, followup.subject, followup.body))
    form = DraftForm(request.POST)
    action = request.POST.get("action", "save")
    if not form.is_valid():
        return render(request, "followups/editor.html",
                      _context(request, followup, form, request.POST.get("subject", ""), request.POST.get("body", "")),
                      status=422)
    now = timezone.now()
    try:
        if followup.status in EDITABLE:
            services.save_draft(followup=followup, subject=form.cleaned_data["subject"],
                                body=form.cleaned_data["body"], override=form.cleaned_data["override"])
        done = _act(followup, action, now)
    except (ValidationError, ValueError) as error:
        text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, text)
        return render(request, "followups/editor.html",
                      _context(request, followup, form, followup.subject, followup.body), status=422)
    messages.success(request, done)
    return redirect("followup", followup.public_id)


def _act(followup: FollowUp, action: str, now) -> str:
    """Do one of the editor's buttons; the words say what happened."""
    if action == "schedule":
        services.schedule(followup=followup, now=now)
        return "Scheduled: Clinch sends it at the planned time."
    if action == "send_now":
        services.schedule(followup=followup, now=now, send_now=True)
        return "On its way: Clinch sends it within a minute."
    if action == "mark_sent":
        services.mark_sent(followup=followup, now=now)
        return "Marked as sent."
    return "Draft saved."


@login_required
@require_POST
def check(request, public_id):
    """htmx, as the user types: the findings and the highlighted text for what is in the editor now."""
    followup = _followup(request.user, public_id)
    subject_text, body_text = request.POST.get("subject", ""), request.POST.get("body", "")
    subject, body = check_draft(followup=followup, subject=subject_text, body=body_text)
    preview = FollowUp(subject=subject_text, body=body_text, contact=followup.contact)
    return render(request, "followups/_findings.html", {
        "followup": followup, "subject": subject, "body": body, "errors": subject.errors + body.errors,
        "preview": preview, "oob": True,
    })


@login_required
@require_POST
def second_opinion(request, public_id):
    """htmx, on demand: what the user's local model makes of the draft in the editor, shown beside the
    findings and never mixed into them (off unless LOCAL_MODEL_URL is set)."""
    from clinch.core.drafts import CHECK_KIND

    followup = _followup(request.user, public_id)
    body = request.POST.get("body", followup.body)
    opinion = local_model.ask(body, kind=CHECK_KIND.get(followup.kind, "thank_you"))
    return render(request, "followups/_second_opinion.html", {"opinion": opinion, "enabled": local_model.enabled()})


@login_required
@require_POST
def act(request, public_id, action):
    """The buttons outside the editor: cancel, put back in the plan, and the mail fixes (send again...)."""
    followup = _followup(request.user, public_id)
    now = timezone.now()
    message = next(iter(followup.messages.all()), None)
    try:
        if action == "cancel":
            services.cancel(followup, now=now)
            done = "Cancelled: it will not be sent."
        elif action == "restore":
            services.restore(followup=followup)
            done = "Back in the plan as a draft."
        elif action == "retry" and message is not None:
            mail.retry_message(message, now=now)
            done = "Sending again now, with the same Message-ID."
        elif action == "unschedule" and message is not None:
            mail.cancel_message(message, now=now)
            services.restore(followup=followup)
            done = "Taken back: it is a draft again."
        else:
            return redirect("followup", followup.public_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("followup", followup.public_id)
    messages.success(request, done)
    if request.POST.get("next"):
        return redirect(_safe_next(request.POST["next"]))
    return redirect("followup", followup.public_id)


def _safe_next(url: str) -> str:
    """Only our own pages: a relative path, never another site."""
    return url if url.startswith("/") and not url.startswith("//") else "/"
