"""``/api/v1/``: the JSON API, described by OpenAPI 3.1 at ``/api/v1/openapi.json``.

django-ninja builds the schema from the route signatures and serves Swagger UI from
its own package (``/api/v1/docs``, no CDN, no inline script). Authentication is a
personal access token (``Authorization: Bearer clinch_...``); a read-only token may
only use GET. Errors are problem details (``clinch.api.problems``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError
from django.http import Http404
from django.utils import timezone
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer

from clinch.api import problems, tokens

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        found = tokens.authenticate(token, now=timezone.now())
        if found.scope != found.Scope.READ_WRITE and request.method not in SAFE_METHODS:
            raise tokens.TokenRefused("This token is read-only.", status=403)
        request.user = found.owner
        return found


api = NinjaAPI(
    title="Clinch API",
    version="1",
    description="Everything a Clinch user owns, and the same actions as the pages. "
    "Authenticate with a personal access token from Settings: `Authorization: Bearer clinch_...`. "
    "Errors are RFC 9457 problem details with field paths.",
    auth=TokenAuth(),
    urls_namespace="api-v1",
    docs_url="/docs",
)


@api.exception_handler(tokens.TokenRefused)
def _refused(request, error):
    headers = {"Retry-After": str(error.retry_after)} if error.retry_after else {}
    if error.status == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="clinch"'
    return problems.problem(error.status, error.detail, headers=headers)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, error):
    return problems.problem(401, "Send a personal access token: Authorization: Bearer clinch_...",
                            headers={"WWW-Authenticate": 'Bearer realm="clinch"'})


@api.exception_handler(ValidationError)
def _invalid(request, error):
    found = problems.from_pydantic(error.errors)
    if any(e.get("type") == "json_invalid" or "JSON" in str(e.get("msg", "")) for e in error.errors):
        return problems.problem(400, "The request body is not valid JSON.", errors=found)
    return problems.problem(422, "Some fields are not valid.", errors=found)


@api.exception_handler(DjangoValidationError)
def _model_invalid(request, error):
    return problems.problem(422, "Some fields are not valid.", errors=problems.from_django(error))


@api.exception_handler(Http404)
def _missing(request, error):
    return problems.problem(404, "No such object.")


@api.exception_handler(ProtectedError)
def _protected(request, error):
    return problems.problem(409, "Other objects still use this one; delete or change them first.")


@api.exception_handler(problems.ProblemRaised)
def _raised(request, error):
    return problems.problem(error.status, error.detail, errors=error.errors)


@api.exception_handler(HttpError)
def _http(request, error):
    if error.status_code == 400 and str(error) == "Cannot parse request body":  # ninja's words for bad JSON
        return problems.problem(400, "The request body is not valid JSON.")
    return problems.problem(error.status_code, str(error))


from clinch.api import routes  # noqa: E402,F401 - registers the routes on ``api``
