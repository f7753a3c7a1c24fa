"""The settings page for API tokens: make one (its secret shown once), see when each was last used, revoke."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from clinch.api import tokens
from clinch.api.models import ApiToken
from clinch.owned import get_owned_or_404, owned_by

LIFETIMES = [("30", "30 days"), ("90", "90 days"), ("365", "A year"), ("", "Never")]


class TokenForm(forms.Form):
    name = forms.CharField(max_length=100, help_text="What uses it, e.g. “calendar script”.")
    scope = forms.ChoiceField(choices=ApiToken.Scope.choices, initial=ApiToken.Scope.READ)
    expires_in = forms.ChoiceField(choices=LIFETIMES, initial="90", required=False, label="Expires after")


@login_required
def api_tokens(request):
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        now = timezone.now()
        days = form.cleaned_data["expires_in"]
        try:
            _token, secret = tokens.create_token(
                owner=request.user, name=form.cleaned_data["name"], scope=form.cleaned_data["scope"],
                expires_at=now + timedelta(days=int(days)) if days else None, now=now,
            )
            form = TokenForm()
        except ValueError as error:
            form.add_error(None, str(error))
    rows = owned_by(ApiToken, request.user).filter(revoked_at__isnull=True)
    return render(request, "api/tokens.html", {"form": form, "secret": secret, "tokens": rows, "now": timezone.now()})


@login_required
@require_POST
def revoke(request, token_id):
    token = get_owned_or_404(ApiToken, request.user, token_id)
    tokens.revoke_token(token=token, now=timezone.now())
    messages.success(request, f"Token “{token.name}” revoked: it no longer works.")
    return redirect("api_tokens")
