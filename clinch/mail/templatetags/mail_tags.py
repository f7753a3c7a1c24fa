"""``{% worker_warning %}``: the "no worker has run recently" banner, for Today and the outbox."""

from __future__ import annotations

from django import template
from django.utils import timezone

from clinch.mail.services import worker_status

register = template.Library()


@register.inclusion_tag("mail/_worker_warning.html", takes_context=True)
def worker_warning(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return {"show": False}
    healthy, last_seen = worker_status(timezone.now())
    return {"show": not healthy, "last_seen": last_seen}
