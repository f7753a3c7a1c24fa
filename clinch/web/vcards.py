"""vCards on the contacts pages: import one or many .vcf files, export one contact or all.

Import reads every file first (nothing is written while parsing); a card whose address is a
contact's fills that contact's gaps; a card named like a contact at the same company waits for
the user's answer, and the files' text rides along in the form so nothing is uploaded twice.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from clinch.core.vcard import MAX_BYTES, VCardError, read_vcards, write_vcard
from clinch.interviews.contacts import card_of, import_cards, plan_import
from clinch.interviews.models import Contact
from clinch.owned import get_owned_or_404, owned_by

MAX_FILES = 20


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field: ``cleaned_data`` holds their list (empty when none)."""

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        return [super(MultipleFileField, self).clean(one, initial) for one in files]


class ImportForm(forms.Form):
    files = MultipleFileField(
        required=False, label="vCard files (.vcf)", help_text="One or several; a file may hold many cards.",
        widget=MultipleFileInput(attrs={"accept": ".vcf,text/vcard,text/x-vcard"}),
    )
    text = forms.CharField(required=False, max_length=MAX_BYTES, widget=forms.HiddenInput)

    def texts(self, files) -> list[bytes | str]:
        """The uploaded files' bytes, or the text carried over from the question page."""
        if len(files) > MAX_FILES:
            raise VCardError(f"At most {MAX_FILES} files at once: import the rest afterwards.")
        if sum(f.size for f in files) > MAX_BYTES:
            raise VCardError(f"The files are too large together (at most {MAX_BYTES // 1_000_000} MB).")
        if files:
            return [f.read(MAX_BYTES + 1) for f in files]
        if self.cleaned_data.get("text"):
            return [self.cleaned_data["text"]]
        raise VCardError("Choose one or more .vcf files to import.")


@login_required
@require_http_methods(["GET", "POST"])
def contacts_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "contacts/import.html", {"form": form}, status=422 if form.errors else 200)
    try:
        raws = form.texts(form.cleaned_data["files"])
        cards = [card for raw in raws for card in read_vcards(raw)]
    except VCardError as error:
        form.add_error(None, f"{error} Nothing was imported.")
        return render(request, "contacts/import.html", {"form": form}, status=422)
    plan = plan_import(request.user, cards)
    answers = _answers(request.POST, plan)
    if plan.questions and answers is None:
        carried = "".join(write_vcard(card) for card in cards)
        return render(request, "contacts/import.html", {
            "form": ImportForm(initial={"text": carried}), "questions": _question_rows(plan), "count": len(cards),
        })
    try:
        created, updated = import_cards(request.user, plan, same_as=answers or {})
    except ValidationError as error:
        form.add_error(None, f"{' '.join(error.messages)} Nothing was imported.")
        return render(request, "contacts/import.html", {"form": form}, status=422)
    messages.success(request, f"Imported {len(cards)} card{'s' if len(cards) != 1 else ''}: {created} new, "
                              f"{updated} already in your contacts (their empty fields filled in).")
    return redirect("contact_list")


def review_shared(request, files):
    """Cards shared from the phone (see ``clinch.web.share``): listed for the user to import with
    one tap, their text carried in the form; nothing is written here. 422 with the reason when
    they cannot be read."""
    form = ImportForm({})
    form.is_valid()  # bound and cleaned, so a reading error can be added to it
    try:
        cards = [card for raw in form.texts(files) for card in read_vcards(raw)]
    except VCardError as error:
        form.add_error(None, f"{error} Nothing was imported.")
        return render(request, "contacts/import.html", {"form": form}, status=422)
    carried = ImportForm(initial={"text": "".join(write_vcard(card) for card in cards)})
    return render(request, "contacts/import.html", {"form": carried, "shared": cards})


def _question_rows(plan) -> list[dict]:
    return [
        {"index": index, "card": plan.cards[index], "namesakes": found}
        for index, found in plan.questions.items()
    ]


def _answers(post, plan) -> dict | None:
    """Card index -> the namesake chosen (or None: someone new); None while any is unanswered."""
    answers = {}
    for index, found in plan.questions.items():
        value = post.get(f"same_as_{index}")
        if value == "new":
            answers[index] = None
        else:
            match = next((n.contact for n in found if str(n.contact.public_id) == value), None)
            if match is None:
                return None
            answers[index] = match
    return answers


@login_required
@require_GET
def contact_vcard(request, contact_id):
    """The card as a .vcf file: opening it on a phone offers to add the person to the address book."""
    contact = get_owned_or_404(Contact.objects.select_related("company"), request.user, contact_id)
    return _vcf(write_vcard(card_of(contact)), f"contact-{contact.public_id}.vcf")


@login_required
@require_GET
def contacts_export(request):
    """Every contact in one .vcf file, for a phone or another address book."""
    contacts = owned_by(Contact, request.user).select_related("company").order_by("name", "pk")
    return _vcf("".join(write_vcard(card_of(c)) for c in contacts), "clinch-contacts.vcf")


def _vcf(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
