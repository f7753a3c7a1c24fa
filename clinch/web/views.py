"""The home page: what Clinch does for a visitor, what is due for a signed-in user."""

from __future__ import annotations

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone

from clinch.followups.models import FollowUp
from clinch.owned import owned_by


def home(request):
    if not request.user.is_authenticated:
        return render(request, "web/landing.html")
    upcoming = (
        owned_by(FollowUp, request.user)
        .filter(status__in=[FollowUp.Status.PLANNED, FollowUp.Status.SCHEDULED])
        .select_related("contact", "opportunity__company")
        .order_by("send_at")[:50]
    )
    return render(request, "web/home.html", {"upcoming": upcoming, "now": timezone.now()})


def healthz(request):
    """For load balancers: the app answers and the database does too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"ok": True})
