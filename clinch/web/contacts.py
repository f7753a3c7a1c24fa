"""Contacts: everyone the user has met, when they last met, and the next touch planned.

A contact's name is the spelling every check compares notes against (the
engine reads people from these rows), so editing it here is how a user fixes
a misspelt card.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import OuterRef, Q, Subquery
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_http_methods

from clinch.followups.models import FollowUp
from clinch.followups.states import latest_message_state
from clinch.followups.services import replan
from clinch.interviews.contacts import by_email, merge_into, namesakes
from clinch.interviews.models import Company, Contact, Interview, Participant
from clinch.owned import get_owned_or_404, owned_by
from clinch.validators import validate_single_line

PAGE_SIZE = 50
OPEN_STATUSES = (FollowUp.Status.PLANNED, FollowUp.Status.SCHEDULED)


class ContactForm(forms.ModelForm):
    """A contact's card, with the company typed as text (found or added by exact name)."""

    company_name = forms.CharField(
        label="Company", required=False, max_length=200, validators=[validate_single_line],
        help_text="Exactly as the company writes it. A new name adds the company.",
    )

    class Meta:
        model = Contact
        fields = (
            "name", "preferred_name", "title", "email", "phone", "linkedin_url", "postal_address", "timezone", "notes",
        )
        labels = {"linkedin_url": "LinkedIn profile", "timezone": "Time zone", "preferred_name": "Goes by"}
        help_texts = {
            "name": "Exactly as on their card: Clinch checks every note against this spelling.",
            "timezone": "IANA name like Europe/Berlin, if they live elsewhere; blank means yours.",
        }
        widgets = {"postal_address": forms.Textarea(attrs={"rows": 3}), "notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        if self.instance.company_id:
            self.fields["company_name"].initial = self.instance.company.name
        self.order_fields(["name", "preferred_name", "title", "company_name"])

    def save(self, commit: bool = True) -> Contact:
        contact = super().save(commit=False)
        contact.owner = self.owner
        name = self.cleaned_data["company_name"].strip()
        if not name:
            contact.company = None
        elif not (contact.company_id and contact.company.name == name):
            contact.company, _ = owned_by(Company, self.owner).get_or_create(owner=self.owner, name=name)
        if commit:
            contact.save()
        return contact


def contacts_with_touches(user, *, now):
    """``user``'s contacts with ``last_met`` (latest past interview) and ``next_touch`` (earliest open follow-up).

    One query: both are correlated subqueries, so neither multiplies rows.
    """
    met = (
        Participant.objects.filter(contact=OuterRef("pk"), interview__starts_at__lte=now)
        .order_by("-interview__starts_at").values("interview__starts_at")[:1]
    )
    upcoming = FollowUp.objects.filter(contact=OuterRef("pk"), status__in=OPEN_STATUSES).order_by("send_at")
    return (
        owned_by(Contact, user).select_related("company")
        .annotate(
            last_met=Subquery(met),
            next_touch=Subquery(upcoming.values("send_at")[:1]),
            next_touch_kind=Subquery(upcoming.values("kind")[:1]),
        )
    )


def redraft_for_contact(*, contact: Contact, now) -> int:
    """Re-plan the interviews where ``contact`` still has open follow-ups, so drafts use the card as it is now.

    Drafts the user edited keep their words (``replan`` promises it); the
    checks then flag any old spelling left in them. Returns the interviews re-planned.
    """
    interviews = list(
        owned_by(Interview, contact.owner)
        .filter(participants__contact=contact, followups__contact=contact, followups__status__in=OPEN_STATUSES)
        .distinct()
    )
    for interview in interviews:
        replan(interview=interview, now=now)
    return len(interviews)


@login_required
@require_GET
def contact_list(request):
    query = request.GET.get("q", "").strip()[:100]
    contacts = contacts_with_touches(request.user, now=timezone.now()).order_by("name", "id")
    if query:
        contacts = contacts.filter(
            Q(name__icontains=query) | Q(preferred_name__icontains=query)
            | Q(email__icontains=query) | Q(company__name__icontains=query) | Q(title__icontains=query)
        )
    page = Paginator(contacts, PAGE_SIZE).get_page(request.GET.get("page"))
    kinds = dict(FollowUp.Kind.choices)
    for contact in page:
        contact.next_touch_label = kinds.get(contact.next_touch_kind, "")
    context = {"page": page, "query": query}
    # A history restore asks for the whole page even though it comes from htmx.
    partial = request.htmx and not request.htmx.history_restore_request
    response = render(request, "contacts/_results.html" if partial else "contacts/list.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_GET
def contact_detail(request, contact_id):
    contacts = Contact.objects.select_related("company", "card_photo").defer("card_photo__image")
    contact = get_owned_or_404(contacts, request.user, contact_id)
    meetings = (
        Participant.objects.filter(contact=contact)
        .select_related("interview__opportunity__company")
        .order_by("-interview__starts_at")
    )
    followups = (
        owned_by(FollowUp, request.user).filter(contact=contact)
        .select_related("opportunity__company")
        .annotate(message_state=latest_message_state())
        .order_by("-send_at")
    )
    return render(request, "contacts/detail.html", {"contact": contact, "meetings": meetings, "followups": followups})


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request, contact_id):
    contact = get_owned_or_404(Contact.objects.select_related("company"), request.user, contact_id)
    form = ContactForm(request.POST or None, instance=contact, owner=request.user)
    if request.method == "POST" and form.is_valid():
        renamed = {"name", "preferred_name"} & set(form.changed_data)
        form.save()
        if renamed:
            redraft_for_contact(contact=contact, now=timezone.now())
        messages.success(request, "Contact saved. Drafts and checks now use this spelling.")
        return redirect("contact_detail", contact_id=contact.public_id)
    return render(request, "contacts/form.html", {"form": form, "contact": contact})


@login_required
@require_http_methods(["GET", "POST"])
def contact_new(request):
    """Add someone by hand: their email already in the contacts is them; a namesake at the company is asked about."""
    form = ContactForm(request.POST or None, owner=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        known = by_email(request.user, data["email"])
        if known is not None:
            merge_into(known, {f: data[f] for f in ContactForm.Meta.fields}, company_name=data["company_name"])
            messages.success(request, f"{known.name} was already in your contacts: empty fields are filled in.")
            return redirect("contact_detail", contact_id=known.public_id)
        found = [] if request.POST.get("someone_new") else namesakes(
            request.user, name=data["name"], company_name=data["company_name"])
        if found:
            return render(request, "contacts/form.html", {"form": form, "contact": None, "namesakes": found}, status=422)
        contact = form.save()
        messages.success(request, f"{contact.name} added.")
        return redirect("contact_detail", contact_id=contact.public_id)
    return render(request, "contacts/form.html", {"form": form, "contact": None})
