"""One follow-up: edit its draft with live checks, then send it (mail app, or Clinch's mail)."""

from __future__ import annotations

import json
import zoneinfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from clinch.agency import comments as coach_comments
from clinch.followups import card_pdf as cards
from clinch.followups import second_opinion as local_model
from clinch.followups import services, states
from clinch.followups.checking import LISTED, apply_fix, check_draft, counts, marked
from clinch.followups.models import FollowUp
from clinch.mail import sent_copy
from clinch.mail import services as mail
from clinch.mail.models import Message
from clinch.net import safe_next
from clinch.owned import get_owned_or_404
from clinch.web import live
from clinch.web.forms import DraftForm
from clinch.web.presenters import explain_steps

def _followup(user, public_id) -> FollowUp:
    queryset = FollowUp.objects.select_related("contact", "interview", "opportunity__company").prefetch_related(
        Prefetch("messages", queryset=Message.objects.filter(direction="out").order_by("-created_at", "-id"))
    )
    followup = get_owned_or_404(queryset, user, public_id)
    latest = next(iter(followup.messages.all()), None)
    followup.message_state = latest.state if latest else None
    return followup


def _editable(followup: FollowUp) -> bool:
    return states.allowed(followup.state, "edit")


def _context(request, followup, form, subject_text, body_text):
    subject, body = check_draft(followup=followup, subject=subject_text, body=body_text)
    explain_steps(_earlier_checks(followup) + [followup], owner=request.user, opportunity=followup.opportunity)
    now = timezone.now()
    healthy, last_seen = mail.worker_status(now)
    account = mail.account_for(request.user)
    message = next(iter(followup.messages.all()), None)
    return {
        "followup": followup,
        "form": form,
        "subject": subject,
        "body": body,
        "errors": subject.errors + body.errors,
        "editable": _editable(followup),
        "counts": counts(followup, body_text),
        "account": account,
        "message": message,
        "uncertain_why": sent_copy.explanation(message, account) if message else "",
        "worker_healthy": healthy,
        "worker_last_seen": last_seen,
        "local_model": local_model.enabled(),
        "coach_comments": list(coach_comments.for_draft(followup)),
    }


def _earlier_checks(followup: FollowUp) -> list[FollowUp]:
    """The status checks before this one (the next one is explained from the last of them)."""
    if followup.kind != FollowUp.Kind.STATUS_CHECK or followup.interview_id is None:
        return []
    return list(FollowUp.objects.filter(interview_id=followup.interview_id, kind=followup.kind,
                                        send_at__lt=followup.send_at).select_related("interview", "contact"))


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
    subject, body = form.cleaned_data["subject"], form.cleaned_data["body"]
    try:
        if _editable(followup):
            services.save_draft(followup=followup, subject=subject, body=body,
                                override=form.cleaned_data["override"])
            if action.startswith("fix:"):  # the writer's words are kept first, then the fix goes in
                subject, body = _fixed(followup, action, subject, body)
                services.save_draft(followup=followup, subject=subject, body=body)
                action = "fixed"
        done = _act(followup, action, now, at=_user_time(request.user, form.cleaned_data.get("at")),
                    timing=form.cleaned_data.get("timing") or None)
    except services.TimingConflict as conflict:
        context = _context(request, followup, form, followup.subject, followup.body)
        context.update(conflict=conflict, conflict_action=action)
        return render(request, "followups/editor.html", context, status=409)
    except (ValidationError, ValueError) as error:
        text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, text)
        return render(request, "followups/editor.html",
                      _context(request, followup, form, followup.subject, followup.body), status=422)
    messages.success(request, done)
    return redirect("followup", followup.public_id)


def _fixed(followup, action: str, subject: str, body: str) -> tuple[str, str]:
    """The text with the fix named by a "fix:FIELD:START:END" button put in (the page without JS)."""
    try:
        _, field, start, end = action.split(":")
        start, end = int(start), int(end)
    except ValueError:
        raise ValueError("That fix is not one Clinch suggested.") from None
    return apply_fix(followup=followup, subject=subject, body=body, field=field, start=start, end=end)


def _user_time(user, moment):
    """A time typed into the page is wall-clock time where the user is."""
    if moment is None:
        return None
    zone = zoneinfo.ZoneInfo(user.timezone or "UTC")
    return moment.replace(tzinfo=None).replace(tzinfo=zone)


def _act(followup: FollowUp, action: str, now, *, at=None, timing=None) -> str:
    """Do one of the editor's buttons; the words say what happened.

    Sending now or at a typed time goes through the timing guard: without a ``timing`` choice a
    time outside the rules raises ``services.TimingConflict`` (the page then asks)."""
    if action == "schedule":
        services.schedule(followup=followup, now=now, timing=timing)
        return "Scheduled: Clinch sends it at the planned time."
    if action == "schedule_at":
        if at is None:
            raise ValueError("Choose the day and time to send it.")
        message = services.schedule(followup=followup, now=now, at=at, timing=timing)
        return _scheduled_words(followup, message, now)
    if action == "send_now":
        message = services.schedule(followup=followup, now=now, send_now=True, timing=timing)
        return _scheduled_words(followup, message, now)
    if action == "fixed":
        return "Fixed. Have a look at the findings that are left."
    if action == "mark_sent":
        services.mark_sent(followup=followup, now=now)
        return "Marked as sent."
    return "Draft saved."


def _scheduled_words(followup: FollowUp, message, now) -> str:
    if message.send_at <= now:
        return "On its way: Clinch sends it within a minute."
    if followup.timing_choice == FollowUp.TimingChoice.PLANNED:
        return "Kept to the plan: Clinch sends it at the planned time."
    return "Scheduled: Clinch sends it at the time you chose."


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
        return live.paused("Checking paused: too many checks at once; it goes on in a few seconds.")
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
        "editable": _editable(followup), "counts": counts(followup, body_text), "oob": True,
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
def second_opinion(request, public_id):
    """htmx, on demand: what the user's local model makes of the draft in the editor, shown beside the
    findings and never mixed into them (off unless LOCAL_MODEL_URL is set).

    Each call holds a server thread until the model answers (up to LOCAL_MODEL_TIMEOUT_SECONDS),
    so it is within the user's budget of live calls (``clinch.web.live``), else 429.
    """
    from clinch.core.drafts import CHECK_KIND

    followup = _followup(request.user, public_id)
    if not live.allow(request.user, "second_opinion"):
        return live.paused("Your local model is asked too often; ask again in a few seconds.")
    body = request.POST.get("body", followup.body)
    opinion = local_model.ask(body, kind=CHECK_KIND.get(followup.kind, "thank_you"))
    return render(request, "followups/_second_opinion.html", {"opinion": opinion, "enabled": local_model.enabled()})


@login_required
@require_POST
def act(request, public_id, action):
    """The buttons outside the editor: cancel, put back in the plan, and the mail fixes (send again...)."""
    followup = _followup(request.user, public_id)
    now = timezone.now()
    try:
        if action == "cancel":
            services.cancel(followup, now=now)
            done = "Cancelled: it will not be sent."
        elif action == "restore":
            services.restore(followup=followup)
            done = "Back in the plan as a draft."
        elif action == "retry":
            services.send_again(followup=followup, now=now)
            done = "Sending again now, with the same Message-ID."
        elif action == "unschedule":
            services.take_back(followup=followup, now=now)
            done = "Taken back: it is a draft again."
        else:
            return redirect("followup", followup.public_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("followup", followup.public_id)
    messages.success(request, done)
    if request.POST.get("next"):
        return redirect(safe_next(request, "home"))
    return redirect("followup", followup.public_id)


@login_required
def card_pdf(request, public_id):
    """A handwritten card on paper: the saved text on an A6 card and its envelope, as a PDF."""
    followup = _followup(request.user, public_id)
    if followup.kind != FollowUp.Kind.HANDWRITTEN_CARD:
        messages.error(request, "Only a handwritten card has a printable card.")
        return redirect("followup", followup.public_id)
    zone = zoneinfo.ZoneInfo(request.user.timezone)
    contact = followup.contact
    card = cards.CardText(
        body=followup.body,
        recipient=contact.name if contact else followup.opportunity.company.name,
        address=_envelope_address(contact, followup.opportunity.company.name),
        mail_by=(followup.deadline or followup.send_at).astimezone(zone).date(),
        sender=request.user.display_name,
    )
    try:
        pdf = cards.render(card)
    except cards.CardTooLong as error:
        messages.error(request, str(error))
        return redirect("followup", followup.public_id)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="card-{followup.public_id}.pdf"'
    return response


def _envelope_address(contact, company: str) -> str:
    """The company line, then the postal address as the contact has it (empty lines dropped)."""
    lines = [company] if company else []
    if contact is not None and contact.postal_address:
        lines += [line for line in contact.postal_address.splitlines() if line.strip()]
    return "\n".join(lines)
