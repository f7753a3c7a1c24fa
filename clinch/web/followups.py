"""One follow-up: edit its draft with live checks, then send it (mail app, or Clinch's mail)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from clinch.followups import services
from clinch.followups.checking import LISTED, check_draft, marked
from clinch.followups.models import FollowUp
from clinch.mail import services as mail
from clinch.mail.models import Message
from clinch.owned import get_owned_or_404
from clinch.web import live
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
    """htmx, as the user types: the findings for what is in the editor now, and where they are.

    The answer lists the findings (each with the few words it is about) and their
    positions, for editor.js to mark in the text on the page; it never repeats the
    note. Within the user's budget of live calls (``clinch.web.live``), else 429; a
    subject or body past its length limit gets the limit named instead of findings.
    """
    followup = _followup(request.user, public_id)
    if not live.allow(request.user, "check"):
        return HttpResponse("Checking paused: too many checks at once; it goes on in a few seconds.",
                            status=429, content_type="text/plain; charset=utf-8")
    form = DraftForm(request.POST)
    if not form.is_valid():
        problems = [f"{'Subject' if name == 'subject' else 'Note'}: {error}"
                    for name in ("subject", "body") for error in form.errors.get(name, [])]
        return render(request, "followups/_findings.html", {"followup": followup, "live": True, "problems": problems})
    # As the page's text box holds them (line breaks as LF), so the positions match its words.
    subject_text, body_text = (_lf(request.POST.get(name, "")) for name in ("subject", "body"))
    subject, body = check_draft(followup=followup, subject=subject_text, body=body_text)
    return render(request, "followups/_findings.html", {
        "followup": followup, "subject": subject, "body": body, "errors": subject.errors + body.errors,
        "live": True, "marks": json.dumps(_marks(subject) + _marks(body), ensure_ascii=False),
    })


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _marks(checked) -> list[list]:
    """[field, start, end, severity, message, words] per finding to mark, positions counted as the
    browser counts (UTF-16 code units), for the first ``LISTED`` findings."""
    text = checked.text
    wide = not text.isascii() and any(ord(c) > 0xFFFF for c in text)

    def unit(i: int) -> int:
        return len(text[:i].encode("utf-16-le")) // 2 if wide else i

    return [
        [checked.name, unit(f.start), unit(f.end), f.severity, f.message, text[f.start:f.end]]
        for f in marked(text, checked.findings[:LISTED])
    ]


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
