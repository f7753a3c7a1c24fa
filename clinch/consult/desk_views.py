"""The staff triage desk. Agency staff only: a candidate gets 404, a visitor the login page.

Each staff member sees only the requests of their own organisations (and server-wide staff those of
the server-wide form): ``clinch.agency.desk.visible_requests`` is where every read starts, so another
organisation's request is 404.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from clinch.agency import desk as agency_desk
from clinch.consult import selectors, services
from clinch.consult.forms import AssignForm, DeskFilterForm, ExportForm, NoteForm, StatusForm, recruiters
from clinch.consult.models import ConsultationRequest

PAGE_SIZE = 50


def staff_required(view):
    """Log in first; then agency staff only, everyone else gets a 404 (the desk does not exist for them)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        request.desk_scope = agency_desk.scope_of(request.user)
        if not request.desk_scope.opens_desk:
            raise Http404("No such page.")
        return view(request, *args, **kwargs)

    return wrapper


def _get_request(request, public_id) -> ConsultationRequest:
    """The request ``public_id`` when the signed-in staff member may see it, else 404."""
    visible = agency_desk.visible_requests(request.desk_scope).select_related("assigned_to", "organisation")
    return get_object_or_404(visible, public_id=public_id)


def _back(request, consultation: ConsultationRequest):
    """Back to the page the form came from when it is a desk page, else to the request."""
    target = request.POST.get("next", "")
    if target.startswith("/desk/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("consult:desk_detail", public_id=consultation.public_id)


@staff_required
def desk(request):
    staff = list(agency_desk.assignable(request.desk_scope))
    filter_form = DeskFilterForm(request.GET, staff=staff)
    filters = filter_form.filters()
    everything = selectors.desk_requests(agency_desk.visible_requests(request.desk_scope), q=filters.get("q") or "",
                                         assignee=filters.get("assignee") or "")
    status = filters.get("status") or ""
    page = Paginator(everything.filter(status=status) if status else everything, PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "filter_form": filter_form,
        "page": page,
        "counts": selectors.status_counts(everything),
        "status": status,
        "query_without_status": _query_without(request, "status", "page"),
        "query_without_page": _query_without(request, "page"),
        "spam_blocked": selectors.spam_blocked_last_week(
            today=timezone.now().date(), counts=agency_desk.visible_spam_counts(request.desk_scope)),
        "accepted": agency_desk.accepted_ids(page.object_list),
        "filtered": any(filters.get(name) for name in ("q", "status", "assignee")),
    }
    return render(request, "consult/desk.html", context)


def _query_without(request, *names) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@staff_required
def desk_detail(request, public_id):
    return _detail_page(request, _get_request(request, public_id))


def _detail_page(request, consultation, **bound_forms):
    staff = list(recruiters(consultation.organisation))
    forms = {
        "status_form": StatusForm(initial={"status": consultation.status}),
        "assign_form": AssignForm(initial={"assigned_to": consultation.assigned_to_id}, staff=staff,
                                  organisation=consultation.organisation),
        "note_form": NoteForm(),
        **bound_forms,
    }
    context = {
        "req": consultation,
        "notes": consultation.notes.select_related("author"),
        "invitation_link": services.invitation_link(consultation) if consultation.invited_at else "",
        "coach_invitation": agency_desk.latest_invitation(consultation),
        "new_link": request.session.pop("desk_new_link", ""),
        **forms,
    }
    return render(request, "consult/desk_detail.html", context)


def _desk_form(request, public_id, form_class, form_name, act, *, form_kwargs=None):
    """Bind ``form_class`` to the POST; invalid: the detail page again, valid: ``act`` it, say so, go back.

    ``act(consultation, cleaned_data)`` calls the service and returns the success message;
    ``form_kwargs(consultation)``, when given, the form's further arguments.
    """
    consultation = _get_request(request, public_id)
    form = form_class(request.POST, **(form_kwargs(consultation) if form_kwargs else {}))
    if not form.is_valid():
        return _detail_page(request, consultation, **{form_name: form})
    messages.success(request, act(consultation, form.cleaned_data))
    return _back(request, consultation)


@staff_required
@require_POST
def desk_status(request, public_id):
    def act(consultation, data):
        services.change_status(request=consultation, status=data["status"])
        return f"{consultation.full_name}: {consultation.get_status_display()}."

    return _desk_form(request, public_id, StatusForm, "status_form", act)


@staff_required
@require_POST
def desk_assign(request, public_id):
    def act(consultation, data):
        recruiter = data["assigned_to"]
        services.assign(request=consultation, recruiter=recruiter)
        who = recruiter.name_for_notes if recruiter else "nobody"
        return f"{consultation.full_name} is now assigned to {who}."

    return _desk_form(request, public_id, AssignForm, "assign_form", act,
                      form_kwargs=lambda consultation: {"organisation": consultation.organisation})


@staff_required
@require_POST
def desk_note(request, public_id):
    def act(consultation, data):
        services.add_note(request=consultation, author=request.user, body=data["body"])
        return "Note added."

    return _desk_form(request, public_id, NoteForm, "note_form", act)


@staff_required
@require_POST
def desk_invite(request, public_id):
    consultation = _get_request(request, public_id)
    seen = _parse_instant(request.POST.get("seen_invited_at", ""))
    invitation = services.invite(request=consultation, staff=request.user, seen_invited_at=seen)
    if invitation is None:
        messages.warning(request, "Someone invited this person a moment ago: nothing was sent twice.")
    elif invitation.sent:
        request.session["desk_new_link"] = invitation.link
        messages.success(request, f"Invitation sent to {consultation.email}. The link is below.")
    else:
        request.session["desk_new_link"] = invitation.link
        messages.error(
            request, "Marked as invited, but the email could not be sent. Copy the link below and send it yourself."
        )
    return redirect("consult:desk_detail", public_id=consultation.public_id)


def _parse_instant(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return timezone.now()  # matches no row: the claim fails safely


@staff_required
def desk_export(request):
    """GET: the form. POST: download everything stored for one email address, as JSON."""
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        visible = agency_desk.visible_requests(request.desk_scope)
        if services.requests_of(email, among=visible).exists():
            data = services.export_person(email=email, among=visible)
            response = HttpResponse(
                json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json; charset=utf-8"
            )
            stamp = timezone.now().strftime("%Y%m%d")
            response["Content-Disposition"] = f'attachment; filename="consultation-data-{stamp}.json"'
            response["Cache-Control"] = "no-store"
            return response
        form.add_error("email", "Nothing is stored for this address.")
    return render(request, "consult/desk_export.html", {"form": form})
