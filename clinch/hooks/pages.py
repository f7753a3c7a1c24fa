"""The settings pages for webhooks: register an endpoint (its secret shown once), see each one's
deliveries and their answers, give it a new secret (shown once), delete it."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from clinch.hooks import services
from clinch.hooks.models import EVENTS, Webhook
from clinch.owned import get_owned_or_404, owned_by

DELIVERIES_SHOWN = 50
EVENT_WORDS = {
    "followup.sent": "A follow-up was sent", "followup.failed": "A send failed",
    "followup.uncertain": "A send may have gone out", "reply.received": "A reply arrived",
    "outcome.recorded": "An outcome was recorded",
}


class WebhookForm(forms.Form):
    url = forms.URLField(max_length=500, label="Address", assume_scheme="https",
                         help_text="Clinch POSTs each event here, signed with the secret it shows you once.")
    events = forms.MultipleChoiceField(choices=[(e, EVENT_WORDS[e]) for e in EVENTS],
                                       widget=forms.CheckboxSelectMultiple, initial=list(EVENTS))


@login_required
def webhooks(request):
    form = WebhookForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            _hook, secret = services.create_webhook(owner=request.user, url=form.cleaned_data["url"],
                                                    events=form.cleaned_data["events"])
            form = WebhookForm()
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        except ValueError as error:
            form.add_error(None, str(error))
    rows = owned_by(Webhook, request.user).order_by("created_at")
    return render(request, "hooks/webhooks.html", {"form": form, "secret": secret, "webhooks": rows},
                  status=422 if form.errors else 200)


@login_required
def webhook(request, webhook_id):
    hook = get_owned_or_404(Webhook, request.user, webhook_id)
    deliveries = hook.deliveries.order_by("-created_at", "-pk")[:DELIVERIES_SHOWN]
    return render(request, "hooks/webhook.html", {"webhook": hook, "deliveries": deliveries,
                                                  "secret": request.session.pop("webhook_secret", None)})


@login_required
@require_POST
def rotate(request, webhook_id):
    hook = get_owned_or_404(Webhook, request.user, webhook_id)
    # Shown on the next page once, then gone from the session.
    request.session["webhook_secret"] = services.rotate_secret(hook)
    messages.success(request, "New secret made: the old one no longer signs anything.")
    return redirect("webhook", hook.public_id)


@login_required
@require_POST
def delete(request, webhook_id):
    hook = get_owned_or_404(Webhook, request.user, webhook_id)
    hook.delete()
    messages.success(request, f"Webhook to {hook.url} deleted: nothing more is sent there.")
    return redirect("webhooks")
