"""Every API error is one JSON shape: RFC 9457 problem details, with field paths.

``{"type", "title", "status", "detail", "errors": [{"path": "/interviewers/0/email", "detail": ...}]}``
served as ``application/problem+json``. ``path`` is a JSON Pointer into the request
body, or ``query.limit`` / ``path.id`` for parameters.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import JsonResponse
from ninja import Schema

TITLES = {
    400: "Bad request", 401: "Not authenticated", 403: "Not allowed", 404: "Not found",
    405: "Method not allowed", 409: "Conflict", 413: "Too large", 422: "Invalid input",
    429: "Too many requests", 500: "Server error",
}
ERROR_STATUSES = (400, 401, 403, 404, 409, 422, 429)


class FieldError(Schema):
    path: str
    detail: str


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError] = []


class ProblemRaised(Exception):
    """Raised in a route to answer with this problem document (``errors`` as ``problem`` takes them)."""

    def __init__(self, status: int, detail: str, errors: list[dict]):
        super().__init__(detail)
        self.status, self.detail, self.errors = status, detail, errors


def problem(status: int, detail: str, *, errors: list[dict] | None = None, headers: dict | None = None,
            **extra) -> JsonResponse:
    body = {"type": "about:blank", "title": TITLES.get(status, "Error"), "status": status, "detail": detail,
            "errors": errors or [], **extra}
    response = JsonResponse(body, status=status, content_type="application/problem+json")
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def pointer(location) -> str:
    """ninja/pydantic's ``loc`` as a path: ``("body", "data", "interviewers", 0, "email")`` -> ``/interviewers/0/email``."""
    parts = [str(p) for p in location]
    if parts and parts[0] in ("query", "path", "header"):
        return ".".join(parts)
    parts = parts[1:] if parts and parts[0] == "body" else parts
    parts = parts[1:] if parts and parts[0] in ("data", "payload") else parts
    return "/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


def from_pydantic(errors: list[dict]) -> list[dict]:
    return [{"path": pointer(e.get("loc", ())), "detail": str(e.get("msg", "invalid"))} for e in errors]


def from_django(error: DjangoValidationError, *, prefix: str = "") -> list[dict]:
    """A model's ValidationError as field errors (``__all__`` becomes the object itself)."""
    if hasattr(error, "error_dict"):
        return [
            {"path": prefix + ("" if field == "__all__" else "/" + field) or "/", "detail": message}
            for field, messages in error.message_dict.items() for message in messages
        ]
    return [{"path": prefix or "/", "detail": message} for message in error.messages]
