"""Who is asking, and where to send them back: the client address behind a trusted proxy, safe ``next`` links."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def client_ip(request) -> str:
    """The client's address.

    With TRUST_PROXY, the proxy in front of Clinch appends the address it saw to
    X-Forwarded-For, so the last entry is the one to believe: anything to its left
    came from the client and may be made up. (``clinch serve`` lets waitress do the
    same and leaves that one entry.) Without TRUST_PROXY the header is ignored.
    """
    if getattr(settings, "TRUST_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1].strip("[]")
    return request.META.get("REMOTE_ADDR", "")


def safe_next(request, default: str) -> str:
    """The posted ``next`` when it is a page of this site, else the URL named ``default``.

    Django's own check, so ``//host``, ``/\\host`` and ``https://elsewhere`` all fall back.
    """
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(default)
