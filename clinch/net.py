"""Who is asking: the client address, behind a trusted proxy when configured."""

from __future__ import annotations

from django.conf import settings


def client_ip(request) -> str:
    """The client's address; X-Forwarded-For is only believed when TRUST_PROXY is set."""
    if getattr(settings, "TRUST_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")
