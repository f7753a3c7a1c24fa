"""The home page: what Clinch does for a visitor, Today for a signed-in candidate, the desk for staff."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

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
    # The "no sender running" warning matters only to someone Clinch sends for.
    account, healthy, last_seen = mail.account_and_worker_status(request.user, now)
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


@login_required
def more(request):
    """The destinations that do not get a tab of their own: reading list, calendar, mail, profile, desk."""
    return render(request, "web/more.html")


@require_GET
def service_worker(request):
    """The service worker, from the site root so that its scope is the whole site.

    It is a static file (clinch/static/clinch/sw.js); served through this view because a
    worker's scope cannot be wider than the path it is served from."""
    path = finders.find("clinch/sw.js")
    response = HttpResponse(Path(path).read_bytes(), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"  # browsers check for a new worker on every visit
    response["Service-Worker-Allowed"] = "/"
    return response


def healthz(request):
    """For load balancers: the app answers and the database does too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"ok": True})
