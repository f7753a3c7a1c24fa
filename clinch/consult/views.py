"""The public consultation form: anyone may ask the agency for help finding a position.

The server has one form, and each organisation its own (``consultation/<org id>``): the same
form, traps and rate limit; a request sent through an organisation's form belongs to it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from clinch.agency.models import Organisation
from clinch.consult import guard, services
from clinch.consult.forms import ConsultationForm
from clinch.consult.models import SpamCount
from clinch.net import client_ip


def consultation(request, org_id=None):
    organisation = _organisation_or_404(org_id)
    if request.method == "POST":
        return _submit(request, organisation)
    return _form_page(request, ConsultationForm(), token=guard.issue_token(), organisation=organisation)


def _organisation_or_404(org_id) -> Organisation | None:
    """The organisation whose form this is (None for the server's own form), or 404."""
    if org_id is None:
        return None
    try:
        return Organisation.objects.get(public_id=org_id)
    except (Organisation.DoesNotExist, ValidationError, ValueError):
        raise Http404("No such form.") from None


def thanks(request):
    return render(request, "consult/thanks.html")


def _submit(request, organisation):
    if guard.over_rate_limit(client_ip(request)):
        guard.record_blocked(SpamCount.Reason.RATE_LIMITED, organisation=organisation)
        minutes = max(settings.CONSULT_RATE_WINDOW_SECONDS // 60, 1)
        return render(request, "consult/rate_limited.html", {"minutes": minutes}, status=429)
    # A trapped bot sees exactly what a person sees, so it learns nothing.
    if guard.honeypot_filled(request.POST):
        guard.record_blocked(SpamCount.Reason.HONEYPOT, organisation=organisation)
        return redirect("consult:thanks")
    form = ConsultationForm(request.POST)
    valid = form.is_valid()
    token = request.POST.get(guard.TOKEN_FIELD, "")
    verdict = guard.check_token(token)
    if verdict in (guard.Token.EXPIRED, guard.Token.INVALID):
        fresh = guard.issue_token(again=verdict is guard.Token.EXPIRED)
        return _form_page(request, form, token=fresh, resubmit=True, organisation=organisation)
    # Errors first: a person who presses Send at once on an empty form must see them,
    # and nothing is stored from an invalid form anyway.
    if not valid:
        return _form_page(request, form, token=token, organisation=organisation)
    if verdict is guard.Token.TOO_FAST:
        # Faster than typing: a script, or a person whose browser filled the form in. Nothing is
        # stored yet; the form comes back as it was and one more click sends it.
        guard.record_blocked(SpamCount.Reason.TOO_FAST, organisation=organisation)
        return _form_page(request, form, token=guard.issue_token(again=True), confirm=True, organisation=organisation)
    services.submit_request(data=form.cleaned_data, organisation=organisation)
    return redirect("consult:thanks")


def _form_page(request, form, *, token: str, organisation=None, resubmit: bool = False, confirm: bool = False):
    context = {
        "organisation": organisation,
        "form": form,
        "token": token,
        "token_field": guard.TOKEN_FIELD,
        "honeypot_field": guard.HONEYPOT_FIELD,
        "resubmit": resubmit,
        "confirm": confirm,
    }
    return render(request, "consult/form.html", context)
