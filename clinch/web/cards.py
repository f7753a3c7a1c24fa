"""Scan business cards: photos in, each card's fields shown beside its photo to confirm, then the capture page.

Three steps, no state kept between them on the server:

1. ``scan`` (GET) asks for photos: the phone's camera, or photos already taken.
2. ``scan`` (POST) reads them (``clinch.cards``, outside any transaction) and
   shows one form per card with the photo of that card. The photo travels in the
   form itself (a small JPEG without metadata) and is stored only if the user
   ticks "keep the card photo".
3. ``confirm`` (POST) saves the people as contacts in one transaction and opens
   the capture page with them filled in (``prefill``), or, when scanning from a
   contact's page, updates that contact.
"""

from __future__ import annotations

import base64
import binascii
import re
import uuid
from collections import Counter

import phonenumbers
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clinch.cards import PhotoError, variants
from clinch.cards.photo import MAX_BYTES, open_photo, to_jpeg
from clinch.core.zonenames import is_iana
from clinch.interviews.card_contacts import CardPerson, existing_contact, save_card_people
from clinch.interviews.models import CardPhoto, Contact
from clinch.owned import get_owned_or_404, owned_by
from clinch.permissions_policy import allow_camera
from clinch.validators import validate_single_line

MAX_PHOTOS = 6
MAX_CARDS = 12  # as many people as the capture page takes
PREVIEW_SIDE = 720
BASE64 = re.compile(r"[A-Za-z0-9+/]+={0,2}")
MAX_PHOTO_FIELD = 4 * (CardPhoto.MAX_BYTES // 3) + 4


class CardForm(forms.Form):
    """One card as read, for the user to confirm or correct."""

    use = forms.BooleanField(required=False, initial=True, label="Add this person")
    name = forms.CharField(required=False, max_length=200, validators=[validate_single_line],
                           label="Name, exactly as on the card")
    title = forms.CharField(required=False, max_length=200, validators=[validate_single_line])
    company = forms.CharField(required=False, max_length=200, validators=[validate_single_line])
    email = forms.EmailField(required=False, max_length=254)
    phone = forms.CharField(required=False, max_length=40, validators=[validate_single_line],
                            help_text="With the country code, like +49 30 1234567.")
    other_phones = forms.CharField(required=False, max_length=200, validators=[validate_single_line],
                                   label="Other phones", help_text="Separated by commas.")
    website = forms.URLField(required=False, max_length=200, assume_scheme="https")
    linkedin = forms.URLField(required=False, max_length=200, assume_scheme="https", label="LinkedIn")
    address = forms.CharField(required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    timezone = forms.CharField(required=False, max_length=64, label="Time zone",
                               help_text="Where they work, like Europe/Berlin.")
    keep_photo = forms.BooleanField(required=False, label="Keep the card photo with the contact")
    photo = forms.CharField(required=False, max_length=MAX_PHOTO_FIELD, widget=forms.HiddenInput)

    def __init__(self, *args, region: str = "US", **kwargs):
        super().__init__(*args, **kwargs)
        self.region = region

    def clean_timezone(self) -> str:
        value = self.cleaned_data["timezone"].strip()
        if value and not is_iana(value):
            raise forms.ValidationError("Pick a time zone like America/Denver or Europe/Paris.")
        return value

    def clean_phone(self) -> str:
        return _e164(self.cleaned_data["phone"], self.region)

    def clean_other_phones(self) -> str:
        return ", ".join(_e164(p, self.region) for p in self.cleaned_data["other_phones"].split(",") if p.strip())

    def clean_photo(self) -> str:
        value = self.cleaned_data["photo"].strip()
        if value and not BASE64.fullmatch(value):
            return ""  # not a photo this page made: dropped, never shown
        return value

    def clean(self):
        data = super().clean()
        if data.get("use") and not (data.get("name") or "").strip() and not self.errors:
            self.add_error("name", "Type their name as it is on the card, or untick “Add this person”.")
        return data

    @property
    def photo_src(self) -> str:
        """The card photo as a data: URL for <img>, or "" (only base64 text is ever put in the page)."""
        value = (self["photo"].value() or "").strip()
        return f"data:image/jpeg;base64,{value}" if value and BASE64.fullmatch(value) else ""

    @property
    def name_checks(self) -> list[str]:
        return variants.marks(self["name"].value() or "")

    def as_person(self, *, contact_id=None) -> CardPerson:
        data = self.cleaned_data
        photo, size = (_kept_photo(data["photo"]) if data.get("keep_photo") else (None, (0, 0)))
        return CardPerson(
            name=data["name"], title=data["title"], company=data["company"], email=data["email"],
            phone=data["phone"], other_phones=tuple(p for p in data["other_phones"].split(", ") if p),
            website=data["website"], linkedin=data["linkedin"], address=data["address"],
            timezone=data["timezone"], photo=photo, photo_size=size, contact_id=contact_id,
        )


def _e164(text: str, region: str) -> str:
    text = text.strip()
    if not text:
        return ""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        raise forms.ValidationError(f"“{text[:40]}” is not a phone number.") from None
    if not phonenumbers.is_possible_number(number):
        raise forms.ValidationError(f"“{text[:40]}” is not a phone number: check the digits and the country code.")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _kept_photo(value: str) -> tuple[bytes | None, tuple[int, int]]:
    """The posted card photo decoded, checked and re-encoded without metadata; (None, ...) when it is no photo."""
    if not value:
        return None, (0, 0)
    try:
        image = open_photo(base64.b64decode(value, validate=True))
    except (binascii.Error, ValueError, PhotoError):
        return None, (0, 0)
    data = to_jpeg(image, side=PREVIEW_SIDE)
    if len(data) > CardPhoto.MAX_BYTES:
        return None, (0, 0)
    return data, image.size if max(image.size) <= PREVIEW_SIDE else _scaled(image.size)


def _scaled(size: tuple[int, int]) -> tuple[int, int]:
    scale = PREVIEW_SIDE / max(size)
    return round(size[0] * scale), round(size[1] * scale)


CardFormSet = forms.formset_factory(CardForm, extra=0, max_num=MAX_CARDS, absolute_max=MAX_CARDS,
                                    validate_max=True)


def _formset(user, data=None, initial=None):
    return CardFormSet(data, initial=initial, prefix="card", form_kwargs={"region": user.country[:2] or "US"})


def _scan_contact(request):
    """The contact a scan updates (``?contact=`` or the posted field), or None for a new interview's panel."""
    raw = request.GET.get("contact") or request.POST.get("contact")
    return get_owned_or_404(Contact.objects.select_related("company"), request.user, raw) if raw else None


def _initial(card, crop, user) -> dict:
    return {
        "use": True, "name": card.name, "title": card.title, "company": card.company,
        "email": card.emails[0] if card.emails else "", "phone": card.phones[0] if card.phones else "",
        "other_phones": ", ".join(card.phones[1:]), "website": card.website, "linkedin": card.linkedin,
        "address": card.address, "timezone": card.timezone or user.timezone,
        "photo": base64.b64encode(to_jpeg(crop, side=PREVIEW_SIDE, quality=80)).decode(),
    }


def read_card_photo(data: bytes, *, region: str):
    """``clinch.cards.read_photo``, imported on first use: the OCR libraries stay out of other pages' processes."""
    from clinch.cards import read_photo

    return read_photo(data, region=region)


def read_uploads(files, *, region: str):
    """(cards with their crops, problems) for the uploaded photos; every problem names its photo."""
    found, problems = [], []
    for number, upload in enumerate(files, start=1):
        label = f"Photo {number} ({upload.name[:60]})" if upload.name else f"Photo {number}"
        if upload.size > MAX_BYTES:
            problems.append(f"{label}: it is {upload.size / 1024 / 1024:.1f} MB; Clinch reads photos up to "
                            f"{MAX_BYTES // 1024 // 1024} MB. Take it again at a lower resolution.")
            continue
        try:
            reading = read_card_photo(upload.read(), region=region)
        except PhotoError as error:
            problems.append(f"{label}: {error}")
            continue
        found += list(zip(reading.cards, reading.crops))
    return found, problems


@login_required
@allow_camera  # the phone's camera takes the card photos here
@require_http_methods(["GET", "POST"])
def scan(request):
    """Ask for card photos; read them and show what was read, card by card, to confirm."""
    contact = _scan_contact(request)
    if request.method != "POST":
        return render(request, "cards/scan.html", {"contact": contact, "max_photos": MAX_PHOTOS})
    files = request.FILES.getlist("photos") + request.FILES.getlist("camera")
    if not files:
        return _scan_again(request, contact, ["Choose or take at least one photo of a card."])
    if len(files) > MAX_PHOTOS:
        return _scan_again(request, contact, [f"Send at most {MAX_PHOTOS} photos at a time."])
    found, problems = read_uploads(files, region=request.user.country[:2] or "US")
    if not found:
        return _scan_again(request, contact, problems)
    if contact is not None:
        found = [_best_for(contact, found)]
    elif len(found) > MAX_CARDS:
        problems.append(f"Only the first {MAX_CARDS} cards are shown: an interview takes at most {MAX_CARDS} people.")
        found = found[:MAX_CARDS]
    formset = _formset(request.user, initial=[_initial(card, crop, request.user) for card, crop in found])
    return _review(request, formset, contact=contact, problems=problems)


def _best_for(contact: Contact, found):
    """The card on the photos that is this contact's: same email, else same name, else the first."""
    for card, crop in found:
        if contact.email and contact.email.lower() in card.emails:
            return card, crop
    for card, crop in found:
        if card.name.casefold() == contact.name.casefold():
            return card, crop
    return found[0]


def _scan_again(request, contact, problems, status=422):
    return render(request, "cards/scan.html", {"contact": contact, "problems": problems, "max_photos": MAX_PHOTOS},
                  status=status)


def _review(request, formset, *, contact=None, problems=(), errors=(), status=200):
    matches = []
    for form in formset:
        email = (form["email"].value() or "").strip()
        match = None if contact else existing_contact(request.user, email)
        matches.append(match)
    return render(request, "cards/review.html", {
        "formset": formset, "rows": list(zip(formset, matches)), "contact": contact, "problems": problems,
        "errors": [*formset.non_form_errors(), *errors],
    }, status=status)


@login_required
@require_POST
def confirm(request):
    """Save the confirmed cards as contacts, then open the capture page with them (or the contact's page)."""
    contact = _scan_contact(request)
    formset = _formset(request.user, data=request.POST)
    if not formset.is_valid():
        return _review(request, formset, contact=contact, status=422)
    people = [form.as_person(contact_id=contact.public_id if contact else None)
              for form in formset if form.cleaned_data.get("use")]
    if not people:
        return _review(request, formset, contact=contact, status=422,
                       errors=["Tick “Add this person” on at least one card."])
    if contact is not None:
        people = people[:1]
    try:
        saved = save_card_people(owner=request.user, people=people)
    except ValidationError as error:
        return _review(request, formset, contact=contact, status=422, errors=error.messages)
    if contact is not None:
        messages.success(request, "Contact updated from the card.")
        return redirect("contact_detail", contact_id=contact.public_id)
    ids = ",".join(str(c.public_id) for c in saved)
    return redirect(f"{reverse('interview_new')}?cards={ids}")


@login_required
@require_GET
def card_photo(request, contact_id):
    """A contact's kept card photo, to its owner only."""
    contact = get_owned_or_404(Contact, request.user, contact_id)
    photo = owned_by(CardPhoto, request.user).filter(contact=contact).first()
    if photo is None:
        return HttpResponse("No card photo kept for this contact.", status=404, content_type="text/plain")
    response = HttpResponse(bytes(photo.image), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def prefill(user, raw_ids: str, *, initial: dict, people: list[dict]) -> tuple[dict, list[dict]]:
    """The capture page's initial values with the scanned contacts ``raw_ids`` (comma-separated public ids).

    People come in the capture page's shape (name, title, email, role, topics,
    contact, phone, timezone); the interview's company is the one most of the
    cards name, unless one is already filled in. Ids that are not the user's are ignored.
    """
    ids = []
    for raw in raw_ids.split(",")[:MAX_CARDS]:
        try:
            ids.append(uuid.UUID(raw.strip()))
        except ValueError:
            continue
    contacts = {c.public_id: c for c in owned_by(Contact, user).filter(public_id__in=ids).select_related("company")}
    scanned = [contacts[i] for i in dict.fromkeys(ids) if i in contacts]
    if not scanned:
        return initial, people
    companies = Counter(c.company.name for c in scanned if c.company_id)
    if companies and not initial.get("company"):
        initial = {**initial, "company": companies.most_common(1)[0][0]}
    people = [p for p in people if any((p.get(k) or "").strip() for k in ("name", "email"))] + [
        {"contact": str(c.public_id), "name": c.name, "title": c.title, "email": c.email, "role": "interviewer",
         "topics": "", "phone": c.phone, "timezone": c.timezone or user.timezone}
        for c in scanned
    ]
    return initial, people
