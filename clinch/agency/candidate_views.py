"""The candidate's pages: accept an invitation, see and change who coaches them, read the access log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from clinch.agency import consent, invitations
from clinch.agency.forms import ConsentForm
from clinch.agency.models import Coaching
from clinch.owned import get_owned_or_404

PENDING_KEY = "agency_invitation"


def invitation(request, token):
    """GET: who invites you and the choice of what they see. POST: accept with that choice.

    A visitor is asked to sign up or log in first; the link waits in their session.
    """
    try:
        found = invitations.find(token)
    except invitations.InvitationError as error:
        return render(request, "agency/invitation_invalid.html", {"reason": str(error)}, status=404)
    if not request.user.is_authenticated:
        request.session[PENDING_KEY] = token
        return render(request, "agency/invitation_signin.html", {"invitation": found, "token": token})
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitations.accept(token=token, candidate=request.user, level=form.cleaned_data["level"])
        except invitations.InvitationError as error:
            return render(request, "agency/invitation_invalid.html", {"reason": str(error)}, status=404)
        request.session.pop(PENDING_KEY, None)
        messages.success(request, f"{found.membership.user.name_for_notes} can now follow your progress. "
                                  "You can change or withdraw this here at any time.")
        return redirect("agency:coaching")
    return render(request, "agency/invitation.html", {"invitation": found, "form": form})


def pending_invitation(request) -> str:
    """The invitation link a visitor opened before signing up, to go back to afterwards ("" if none)."""
    from django.urls import reverse

    token = request.session.get(PENDING_KEY, "")
    return reverse("agency:invitation", args=[token]) if token else ""


@login_required
def coaching(request):
    """Your coaches, what each sees, and every time one of them looked."""
    return render(request, "agency/coaching.html", {
        "coachings": consent.coachings_of(request.user),
        "log": consent.access_log(request.user),
        "levels": Coaching.Level.choices,
    })


@login_required
@require_POST
def coaching_change(request, coaching_id):
    """Change the level, or withdraw (``level=withdraw``): the coach's next request already sees the change."""
    coaching = get_owned_or_404(Coaching.objects.select_related("membership__user"), request.user, coaching_id)
    level = request.POST.get("level", "")[:20]
    if level == "withdraw":
        consent.withdraw(coaching=coaching)
        messages.success(request, f"{coaching.membership.user.name_for_notes} no longer sees anything of yours.")
    else:
        try:
            consent.change_level(coaching=coaching, level=level)
            messages.success(request, f"{coaching.membership.user.name_for_notes} now sees: "
                                      f"{coaching.get_level_display().lower()}.")
        except ValueError as error:
            messages.error(request, str(error))
    return redirect("agency:coaching")


def digest_unsubscribe(request, token):
    """The digest's unsubscribe link: one button (mail scanners open links; only a person presses it)."""
    from clinch.agency import digest

    coach = digest.membership_for_token(token)
    if coach is None:
        return render(request, "agency/digest_unsubscribe.html", {"coach": None}, status=404)
    if request.method == "POST":
        digest.unsubscribe(coach)
        return render(request, "agency/digest_unsubscribe.html", {"coach": coach, "done": True})
    return render(request, "agency/digest_unsubscribe.html", {"coach": coach})


@login_required
@require_POST
def coaching_policy(request, coaching_id):
    """Agree (``answer=agree``) to the agency's values for the plans of interviews recorded from now on, or stop."""
    from clinch.agency import policy

    coaching = get_owned_or_404(Coaching.objects.select_related("membership__organisation"), request.user,
                                coaching_id)
    if coaching.withdrawn_at is not None:
        messages.error(request, "This consent was withdrawn.")
    elif request.POST.get("answer") == "agree":
        policy.agree(coaching=coaching)
        messages.success(request, "Agreed: interviews you record from now on are planned with these values.")
    else:
        policy.decline(coaching=coaching)
        messages.success(request, "Your plans use Clinch's own values again.")
    return redirect("agency:coaching")
