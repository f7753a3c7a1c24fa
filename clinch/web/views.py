"""The home page: what Clinch does for a visitor, Today for a signed-in candidate, the desk for staff."""

from __future__ import annotations

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from clinch.followups import selectors
from clinch.mail import services as mail
from clinch.web.presenters import today_rows


def home(request):
    """Today: due, overdue (and how late), coming, and what needs a decision, across all interviews."""
    if not request.user.is_authenticated:
        return render(request, "web/landing.html")
    if request.user.role == request.user.Role.AGENCY_STAFF:
        return redirect("consult:desk")  # staff triage requests; they have no interviews of their own
    now = timezone.now()
    account = mail.account_for(request.user)
    # The "no sender running" warning matters only to someone Clinch sends for.
    healthy, last_seen = mail.worker_status(now) if account else (True, None)
    today = selectors.today(user=request.user, now=now)
    return render(request, "web/home.html", {
        "today": today,
        "overdue": today_rows(today.overdue, request.user, late=True),
        "due": today_rows(today.due, request.user),
        "coming": today_rows(today.coming, request.user),
        "now": now,
        "account": account,
        "worker_healthy": healthy,
        "worker_last_seen": last_seen,
    })


def healthz(request):
    """For load balancers: the app answers and the database does too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"ok": True})
