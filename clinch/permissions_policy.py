"""The Permissions-Policy header: powerful browser features off everywhere, on only where a page needs them.

PERMISSIONS_POLICY (settings) is the site-wide policy: each feature with the
origins allowed to use it, an empty list for none. A view that needs more says so
with ``@permissions_policy(camera=["self"])`` (or ``@allow_camera`` for the pages
where cards are photographed); only that view's responses carry the wider policy.
"""

from __future__ import annotations

import functools

from django.conf import settings

HEADER = "Permissions-Policy"


def header_value(policy: dict[str, list[str]]) -> str:
    """``camera=(self), microphone=()``: "self" and "*" bare, other origins quoted."""

    def origin(value: str) -> str:
        return value if value in {"self", "*"} else f'"{value}"'

    return ", ".join(f"{feature}=({' '.join(origin(v) for v in allowed)})" for feature, allowed in policy.items())


def permissions_policy(**features: list[str]):
    """Widen (or narrow) the site's policy for one view: ``@permissions_policy(camera=["self"])``."""
    features = {name.replace("_", "-"): list(allowed) for name, allowed in features.items()}

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            response._permissions_policy = features
            return response

        return wrapped

    return decorate


allow_camera = permissions_policy(camera=["self"])
allow_camera.__doc__ = "For pages that photograph business cards: the camera, from this site only."


class PermissionsPolicyMiddleware:
    """Sets the header on every response that has none: the site policy with the view's changes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if HEADER not in response:
            policy = {**settings.PERMISSIONS_POLICY, **getattr(response, "_permissions_policy", {})}
            response[HEADER] = header_value(policy)
        return response
