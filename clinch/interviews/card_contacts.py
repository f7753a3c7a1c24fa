"""Confirmed business cards become contacts: one function, one transaction, nothing half-saved.

The pages call ``save_card_people`` after the user has checked every field of
each card (the reading itself, slow, happened before and outside any
transaction). A card whose email is already one of the user's contacts updates
that contact rather than adding a second one; a card scanned from a contact's
page updates that contact.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from clinch.interviews.models import CardPhoto, Company, Contact
from clinch.owned import owned_by


@dataclass(frozen=True)
class CardPerson:
    """One confirmed card, every field as the user left it (empty = the card did not say)."""

    name: str
    title: str = ""
    company: str = ""
    email: str = ""
    phone: str = ""
    other_phones: tuple[str, ...] = ()
    website: str = ""
    linkedin: str = ""
    address: str = ""
    timezone: str = ""
    photo: bytes | None = None  # JPEG without metadata, only when the user chose to keep it
    photo_size: tuple[int, int] = (0, 0)
    contact_id: uuid.UUID | None = None  # update this contact of the user's


def existing_contact(owner, email: str) -> Contact | None:
    """The user's contact with this email (any case), the oldest if several."""
    if not email:
        return None
    return owned_by(Contact, owner).filter(email__iexact=email.strip()).order_by("created_at", "id").first()


def save_card_people(*, owner, people: list[CardPerson]) -> list[Contact]:
    """Store ``people`` as ``owner``'s contacts (added, or updated where they exist), in one transaction.

    Raises ``ValidationError`` (and stores nothing) when a field does not fit a contact.
    """
    with transaction.atomic():
        return [_save_one(owner, person) for person in people]


def _save_one(owner, person: CardPerson) -> Contact:
    if person.contact_id:
        contact = owned_by(Contact, owner).filter(public_id=person.contact_id).first()
        if contact is None:
            raise ValidationError("That contact does not exist.")
    else:
        contact = existing_contact(owner, person.email) or Contact(owner=owner)
    contact.name = person.name.strip()
    for attr, value in (("title", person.title), ("email", person.email), ("phone", person.phone),
                        ("linkedin_url", person.linkedin), ("postal_address", person.address)):
        if value.strip():
            setattr(contact, attr, value.strip())
    if person.timezone.strip():
        # The user's own zone is stored as blank ("same as yours"), so it follows them if they move.
        contact.timezone = "" if person.timezone.strip() == owner.timezone else person.timezone.strip()
    if person.company.strip():
        contact.company = _company(owner, person.company.strip(), person.website)
    others = [p for p in person.other_phones if p and p != contact.phone and p not in contact.notes]
    if others:
        line = "Other phones on the card: " + ", ".join(others)
        contact.notes = f"{contact.notes}\n{line}".strip()
    contact.full_clean()
    contact.save()
    if person.photo:
        CardPhoto.objects.update_or_create(
            contact=contact,
            defaults={"owner": owner, "image": person.photo, "width": person.photo_size[0],
                      "height": person.photo_size[1]},
        )
    return contact


def _company(owner, name: str, website: str) -> Company:
    company = owned_by(Company, owner).filter(name=name).first()
    if company is None:
        company = Company(owner=owner, name=name, website=website)
        company.full_clean()
        company.save()
    elif website and not company.website:
        company.website = website
        company.full_clean()
        company.save(update_fields=["website", "updated_at"])
    return company
