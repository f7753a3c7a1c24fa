"""Template helpers for times in two zones and for lateness."""

from __future__ import annotations

import re
import zoneinfo
from datetime import timedelta
from urllib.parse import quote

from django import template
from django.utils.html import format_html

register = template.Library()


def _zone(name: str | None):
    try:
        return zoneinfo.ZoneInfo(name) if name else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def recipient_zone(followup) -> str:
    """Where the recipient reads it: their own zone, else where the interview took place."""
    contact, interview = followup.contact, followup.interview
    return (contact.timezone if contact else "") or (interview.timezone if interview else "") or ""


def _stamp(moment, zone) -> str:
    local = moment.astimezone(zone)
    return f"{local:%a} {local.day} {local:%b}, {local:%H:%M} {local.tzname()}"


@register.simple_tag
def when(followup, user):
    """"Tue 3 Mar, 09:40 PST for them · 10:40 MST for you" (one stamp when both zones agree)."""
    return two_zones(followup.sent_at or followup.send_at, recipient_zone(followup), user.timezone)


@register.simple_tag
def moment(at, followup, user):
    """Any moment about ``followup``, in the recipient's zone and the user's (as ``when``)."""
    return two_zones(at, recipient_zone(followup), user.timezone)


def two_zones(moment, their_zone: str | None, my_zone: str | None):
    """``moment`` where the recipient reads it and where the user is, as safe HTML."""
    mine = _zone(my_zone) or zoneinfo.ZoneInfo("UTC")
    theirs = _zone(their_zone) or mine
    there, here = _stamp(moment, theirs), _stamp(moment, mine)
    if there == here:
        return format_html('<time datetime="{}">{}</time>', moment.isoformat(), here)
    return format_html(
        '<time datetime="{}">{} for them</time> <span class="muted">· {} for you</span>',
        moment.isoformat(), there, here,
    )


@register.filter
def lateness(delta: timedelta) -> str:
    """"2 days late", "5 hours late", "just now"."""
    if delta is None:
        return ""
    days = delta.days
    if days >= 1:
        return f"{days} day{'s' if days != 1 else ''} late"
    hours = delta.seconds // 3600
    if hours >= 1:
        return f"{hours} hour{'s' if hours != 1 else ''} late"
    return "due a moment ago"


@register.simple_tag
def mailto(followup) -> str:
    """A mailto: link with the subject and body percent-encoded (spaces as %20, never +)."""
    to = followup.contact.email if followup.contact and followup.contact.email else ""
    return f"mailto:{quote(to, safe='@')}?subject={quote(followup.subject, safe='')}&body={quote(followup.body, safe='')}"


@register.filter
def reasons(why: str) -> list[str]:
    """The engine's "T4: ...; T2: ..." as one reason per line."""
    return [part.strip() for part in (why or "").split("; ") if part.strip()]


_ID = r"[A-Z]\d+[a-z]?"
# "... the card (N3, N5, T17)." / "(one note per person, T7)" / "(T8, T10; S13, S16)"
_TAIL_IDS = re.compile(rf"\s*\(([^()]*?[a-z]{{2}}[^()]*?,\s*)?((?:{_ID}(?:[,;]\s*)?)+)\)(\.?)\s*$")
# "... T9: at most 180 words (S18, S19)": the policy's own line, appended to the advice
_TAIL_RULE = re.compile(rf"\s*({_ID}: [^()]*\((?:{_ID}(?:,\s*)?)+\))\s*$")


@register.filter
def advice(message: str) -> dict:
    """A check's message split into plain advice (first) and its rule and source ids (last).

    ``{"plain": "Write \"Rafael\", not \"Rafel\": ...on the card.", "refs": "N3, N5, T17"}``.
    """
    text, refs = message or "", []
    rule = _TAIL_RULE.search(text)
    if rule:
        refs.append(rule.group(1))
        text = text[:rule.start()]
    ids = _TAIL_IDS.search(text)
    if ids:
        words = (ids.group(1) or "").rstrip(", ")
        refs.insert(0, ids.group(2).strip(" ,;"))
        text = text[:ids.start()] + (f" ({words})" if words else "") + (ids.group(3) or "")
    text = text.strip()
    if text and text[-1] not in ".!?":
        text += "."
    return {"plain": text, "refs": "; ".join(refs)}
