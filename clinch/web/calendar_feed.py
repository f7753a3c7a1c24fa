"""The private calendar feed: interviews and due follow-ups as iCalendar (RFC 5545).

A calendar app (Google Calendar, Outlook, Apple Calendar) polls
``/calendar/<token>.ics`` without a session: the token is the credential. Only
its SHA-256 is stored, so the address is shown once, when made; making a new
one revokes the old, whose address then answers 404 like any unknown token.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import zoneinfo
from datetime import datetime, timedelta

import cachetools
import icalendar
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, Max, Min, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.views.decorators.http import require_GET, require_http_methods

from clinch.followups.models import FollowUp
from clinch.interviews.models import Interview, Participant
from clinch.owned import owned_by
from clinch.web.models import CalendarFeed, hash_token

SESSION_KEY = "calendar_feed_new_token"
# Past interviews older than this leave the feed: calendars keep what they already fetched.
HISTORY = timedelta(days=365)
FOLLOWUP_MINUTES = 15
DUE_STATUSES = (FollowUp.Status.PLANNED, FollowUp.Status.SCHEDULED)
# Writing last_fetched_at on every poll would be a write per poll; once in a while tells the same story.
FETCH_RECORD_EVERY = timedelta(minutes=15)
# Change it when the feed's text changes shape, so no calendar keeps an old version by its ETag.
FEED_FORMAT = 2
# Built feeds by (owner, ETag), at most this many bytes in all: a poll that changes nothing
# costs the fingerprint queries only. Per process; waitress serves from threads, hence the lock.
FEED_CACHE_BYTES = 32 * 1024 * 1024
_feeds = cachetools.LRUCache(maxsize=FEED_CACHE_BYTES, getsizeof=len)
_feeds_lock = threading.Lock()


# --- services -----------------------------------------------------------------------------

def create_feed(*, owner, now: datetime | None = None) -> tuple[CalendarFeed, str]:
    """Revoke ``owner``'s live feed, if any, and make a new one; returns it with its raw token.

    The raw token exists only in the return value. Revoke and create run in one
    transaction, and the partial unique constraint keeps one live feed per user
    even when two requests race (the loser gets an IntegrityError).
    """
    now = now or timezone.now()
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        revoke_feed(owner=owner, now=now)
        feed = CalendarFeed.objects.create(owner=owner, token_hash=hash_token(token))
    return feed, token


def revoke_feed(*, owner, now: datetime | None = None) -> int:
    """Stop ``owner``'s live feed; returns how many were revoked (0 or 1)."""
    return owned_by(CalendarFeed, owner).filter(revoked_at__isnull=True).update(revoked_at=now or timezone.now())


def live_feed_for_token(token: str) -> CalendarFeed | None:
    """The live feed whose token is ``token``, with its owner, or None.

    The lookup is by hash: timing can at most reveal a prefix of a hash, which
    tells nothing about any token.
    """
    if not token or len(token) > 100:
        return None
    return (
        CalendarFeed.objects.select_related("owner")
        .filter(token_hash=hash_token(token), revoked_at__isnull=True, owner__is_active=True)
        .first()
    )


def feed_url(token: str) -> str:
    return settings.SITE_URL + reverse("calendar_feed", kwargs={"token": token})


def build_calendar(*, owner, now: datetime) -> bytes:
    """``owner``'s interviews of the past year onwards and due follow-ups, as an iCalendar file.

    UIDs are ``<public_id>@clinch`` so re-fetching updates events instead of
    duplicating them; DTSTAMP is the row's last change (RFC 5545 3.8.7.2 for
    a feed without METHOD). Three queries whatever the data size.
    """
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Clinch//Clinch calendar feed//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("name", "Clinch")
    cal.add("x-wr-calname", "Clinch")
    cal.add("x-wr-caldesc", "Your interviews and the follow-ups due after them.")
    cal.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    for interview in _interviews(owner, now):
        cal.add_component(_interview_event(interview))
    user_zone = _zone(owner.timezone)
    for followup in _due_followups(owner):
        cal.add_component(_followup_event(followup, user_zone))
    cal.add_missing_timezones()
    return cal.to_ical()


def feed_etag(*, owner, now: datetime) -> str:
    """A strong ETag for ``owner``'s feed, from two aggregate queries, without building it.

    It changes whenever the feed's text can: a row in it added, removed or saved (every save
    stamps ``updated_at``), a scheduled note taken back, an interview leaving the year's window,
    a contact or company renamed, the user's zone, or the feed's format.
    """
    interviews = owned_by(Interview, owner).filter(starts_at__gte=now - HISTORY).aggregate(
        n=Count("id", distinct=True), first=Min("starts_at"), changed=Max("updated_at"),
        opportunity_changed=Max("opportunity__updated_at"), company_changed=Max("opportunity__company__updated_at"),
        people=Count("participants", distinct=True), contact_changed=Max("participants__contact__updated_at"),
    )
    followups = owned_by(FollowUp, owner).filter(status__in=DUE_STATUSES).aggregate(
        n=Count("id"), scheduled=Count("id", filter=Q(status=FollowUp.Status.SCHEDULED)),
        changed=Max("updated_at"), last=Max("send_at"), contact_changed=Max("contact__updated_at"),
        company_changed=Max("opportunity__company__updated_at"),
    )
    facts = (FEED_FORMAT, owner.pk, owner.timezone, sorted(interviews.items()), sorted(followups.items()))
    return '"' + hashlib.sha256(repr(facts).encode()).hexdigest()[:32] + '"'


def feed_body(*, owner, now: datetime, etag: str) -> bytes:
    """The feed's text for ``etag``: from the cache when it was built already, else built now."""
    key = (owner.pk, etag)
    with _feeds_lock:
        body = _feeds.get(key)
    if body is None:
        body = build_calendar(owner=owner, now=now)
        if len(body) <= FEED_CACHE_BYTES:
            with _feeds_lock:
                _feeds[key] = body
    return body


def _interviews(owner, now):
    participants = Participant.objects.select_related("contact").order_by("position", "id")
    return (
        owned_by(Interview, owner)
        .filter(starts_at__gte=now - HISTORY)
        .select_related("opportunity__company")
        .prefetch_related(Prefetch("participants", queryset=participants))
        .order_by("starts_at")
    )


def _due_followups(owner):
    return (
        owned_by(FollowUp, owner)
        .filter(status__in=DUE_STATUSES)
        .select_related("contact", "opportunity__company")
        .order_by("send_at")
    )


def _zone(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def _interview_event(interview: Interview) -> icalendar.Event:
    zone = _zone(interview.timezone)
    opportunity = interview.opportunity
    event = icalendar.Event()
    event.add("uid", f"{interview.public_id}@clinch")
    event.add("dtstamp", interview.updated_at)
    event.add("last-modified", interview.updated_at)
    event.add("dtstart", interview.starts_at.astimezone(zone))
    event.add("dtend", interview.ends_at.astimezone(zone))
    round_text = f", round {interview.round}" if interview.round > 1 else ""
    event.add("summary", f"Interview: {opportunity.role} at {opportunity.company.name}{round_text}")
    event.add("location", interview.get_format_display())
    event.add("categories", ["Interview"])
    lines = [f"{p.contact.name} ({p.get_role_display()})" for p in interview.participants.all()]
    description = ["With: " + ", ".join(lines)] if lines else []
    if interview.next_step:
        description.append(f"Next step, in their words: {interview.next_step}")
    if description:
        event.add("description", "\n".join(description))
    for participant in interview.participants.all():
        contact = participant.contact
        if contact.email:
            attendee = icalendar.vCalAddress(f"mailto:{contact.email}")
            attendee.params["cn"] = icalendar.vText(contact.name)
            attendee.params["role"] = icalendar.vText("REQ-PARTICIPANT")
            event.add("attendee", attendee, encode=0)
    return event


def _followup_event(followup: FollowUp, zone: zoneinfo.ZoneInfo) -> icalendar.Event:
    to = followup.contact.name if followup.contact else "the company"
    company = followup.opportunity.company.name
    start = followup.send_at.astimezone(zone)
    event = icalendar.Event()
    event.add("uid", f"{followup.public_id}@clinch")
    event.add("dtstamp", followup.updated_at)
    event.add("last-modified", followup.updated_at)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=FOLLOWUP_MINUTES))
    event.add("summary", f"{_summary(followup, to)} ({company})")
    event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: it does not make the user busy
    event.add("categories", ["Follow-up"])
    description = [f"{followup.get_kind_display()} to {to} at {company}, {followup.get_status_display().lower()}."]
    if followup.deadline:
        description.append(f"Send by {followup.deadline.astimezone(zone):%a %d %b %Y, %H:%M}.")
    if followup.why:
        description.append(f"Why: {followup.why}")
    event.add("description", "\n".join(description))
    return event


def _summary(followup: FollowUp, to: str) -> str:
    """What to do, in the words of its channel: "Review and send: thank-you note to Rafael Quiñones",
    "Connect on LinkedIn with Rafael Quiñones", "Post a handwritten card to ...", "Call ...: status check"."""
    kind = followup.get_kind_display().lower()
    if followup.channel == FollowUp.Channel.LINKEDIN:
        return f"Connect on LinkedIn with {to}"
    if followup.channel == FollowUp.Channel.MAIL:
        return f"Post a {kind} to {to}"
    if followup.channel == FollowUp.Channel.PHONE:
        return f"Call {to}: {kind}"
    action = "Clinch sends" if followup.status == FollowUp.Status.SCHEDULED else "Review and send"
    return f"{action}: {kind} to {to}"


# --- views --------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def calendar_settings(request):
    """Show whether a feed is live, the new address once, and the buttons to make or revoke one."""
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create":
            _, token = create_feed(owner=request.user)
            request.session[SESSION_KEY] = token
            messages.success(request, "Your calendar address is ready. Copy it now: it is shown only once.")
        elif action == "revoke":
            if revoke_feed(owner=request.user):
                messages.success(request, "Calendar address revoked. Calendars using it stop updating.")
        return redirect("calendar_settings")
    token = request.session.pop(SESSION_KEY, None)
    feed = owned_by(CalendarFeed, request.user).filter(revoked_at__isnull=True).first()
    context = {"feed": feed, "new_url": feed_url(token) if token and feed else None}
    return render(request, "calendar/settings.html", context)


@require_GET
def calendar_feed(request, token: str):
    """The .ics file for a live token; 404 for anything else (revoked, unknown, malformed).

    Conditional GET: the response carries an ETag, and a calendar that sends it back in
    If-None-Match gets 304 Not Modified while nothing in the feed changed.
    """
    feed = live_feed_for_token(token)
    if feed is None:
        raise Http404("No such calendar.")
    now = timezone.now()
    CalendarFeed.objects.filter(pk=feed.pk).filter(
        Q(last_fetched_at__isnull=True) | Q(last_fetched_at__lt=now - FETCH_RECORD_EVERY)
    ).update(last_fetched_at=now)
    etag = feed_etag(owner=feed.owner, now=now)
    response = get_conditional_response(request, etag=etag)
    if response is None:
        body = feed_body(owner=feed.owner, now=now, etag=etag)
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="clinch.ics"'
    response["ETag"] = etag
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    return response
