"""One contact per person: finding who someone already is, and vCards in and out.

Whatever brings a person in (a card, an invitation, the capture form, a vCard file) goes
through here, so every path agrees on who is the same person:

* the same email address (any case) as a contact of the user IS that contact;
* otherwise a contact with the same name (accents and case aside) at the same company is a
  *namesake*: the user is asked ("Is this the Jon Petrakis you met on 4 March?") and nothing
  new is stored until they answer.

Parsing (``clinch.core.vcard``) happens before any transaction; ``import_cards`` writes all
cards or none.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.db.models.functions import Lower

from clinch.core.vcard import Address, Card, Phone, split_name
from clinch.interviews.models import Company, Contact
from clinch.owned import owned_by

MAX_EXTRA = 20  # more phones, addresses, emails or links than this on one card are not kept


def name_key(name: str) -> str:
    """A name compared the way people mean it: no accents, no case, single spaces."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().replace("’", "'").split())


def by_email(owner, email: str) -> Contact | None:
    """The user's contact with ``email`` (case aside), the oldest if two share it."""
    email = (email or "").strip()
    if not email:
        return None
    return owned_by(Contact, owner).filter(email__iexact=email).order_by("created_at", "pk").first()


@dataclass(frozen=True)
class Namesake:
    """A contact who may be the person being entered, and when the user last met them."""

    contact: Contact
    last_met: datetime | None

    @property
    def label(self) -> str:
        """"the Jon Petrakis you met on 4 March 2026"."""
        when = f"you met on {self.last_met.day} {self.last_met:%B %Y}" if self.last_met else "already in your contacts"
        return f"the {self.contact.name} {when}"

    @property
    def question(self) -> str:
        return f"Is this {self.label}?"


def namesakes(owner, *, name: str, company_name: str) -> list[Namesake]:
    """Contacts of ``owner`` named like ``name`` at the company called ``company_name``."""
    return namesakes_of(owner, [(name, company_name)])[0]


def namesakes_of(owner, people: list[tuple[str, str]]) -> list[list[Namesake]]:
    """``namesakes`` for each (name, company name) in ``people``, in order, in one query in all."""
    keys = [(name_key(name), (company_name or "").strip()) for name, company_name in people]
    wanted = {company for key, company in keys if key}
    found: dict[tuple[str, str], list[Namesake]] = {}
    if wanted:
        rows = (
            owned_by(Contact, owner).filter(company__in=owned_by(Company, owner).filter(name__in=wanted))
            .annotate(last_met=Max("participations__interview__starts_at"))
            .select_related("company").order_by("created_at", "pk")
        )
        for contact in rows:
            found.setdefault((name_key(contact.name), contact.company.name), []).append(
                Namesake(contact=contact, last_met=contact.last_met))
    return [list(found.get(key, [])) if key[0] else [] for key in keys]


# --- vCards ------------------------------------------------------------------------------------

def card_of(contact: Contact) -> Card:
    """``contact`` as a vCard: its own fields first, then what an imported card added."""
    extra = contact.card or {}
    n = extra.get("n") or {}
    if not n or name_key(" ".join(filter(None, [n.get("given"), n.get("additional"), n.get("family")]))) != name_key(contact.name):
        prefix, given, additional, family, suffix = split_name(contact.name)  # renamed since: split the name now
        n = {"prefix": prefix, "given": given, "additional": additional, "family": family, "suffix": suffix}
    phones = [Phone(contact.phone, extra.get("phone_kind", "work"))] if contact.phone else []
    phones += [Phone(p["number"], p.get("kind", "work")) for p in extra.get("phones", []) if p.get("number") != contact.phone]
    addresses = [Address(**a) for a in extra.get("addresses", [])]
    if contact.postal_address and (not addresses or addresses[0].lines() != contact.postal_address):
        addresses = [Address(street=contact.postal_address, kind=addresses[0].kind if addresses else "work"), *addresses[1:]]
    urls = [contact.linkedin_url] if contact.linkedin_url else []
    return Card(
        name=contact.name, given=n.get("given", ""), family=n.get("family", ""), additional=n.get("additional", ""),
        prefix=n.get("prefix", ""), suffix=n.get("suffix", ""), nickname=contact.preferred_name,
        title=contact.title, company=contact.company.name if contact.company_id else "",
        emails=tuple(filter(None, [contact.email, *[e for e in extra.get("emails", []) if e != contact.email]])),
        phones=tuple(phones), addresses=tuple(addresses),
        urls=tuple(urls + [u for u in extra.get("urls", []) if u not in urls]),
        note=contact.notes, uid=f"urn:uuid:{contact.public_id}",
    )


def _fields_from(card: Card) -> tuple[dict, dict]:
    """The contact's own fields and its ``card`` extras, from a vCard."""
    linkedin = next((u for u in card.urls if "linkedin.com/" in u.lower()), "")
    first_address = card.addresses[0] if card.addresses else None
    fields = {
        "name": card.name, "preferred_name": card.nickname, "title": card.title,
        "email": card.emails[0] if card.emails else "", "phone": card.phones[0].number if card.phones else "",
        "linkedin_url": linkedin, "postal_address": first_address.lines() if first_address else "",
        "notes": card.note,
    }
    extra = {
        "n": {"given": card.given, "family": card.family, "additional": card.additional,
              "prefix": card.prefix, "suffix": card.suffix} if (card.given or card.family) else {},
        "phone_kind": card.phones[0].kind if card.phones else "work",
        "phones": [{"number": p.number, "kind": p.kind} for p in card.phones[1:MAX_EXTRA]],
        "addresses": [vars(a) for a in card.addresses[:MAX_EXTRA]],
        "emails": list(card.emails[1:MAX_EXTRA]),
        "urls": [u for u in card.urls[:MAX_EXTRA] if u != linkedin],
    }
    return fields, {k: v for k, v in extra.items() if v}


@dataclass(frozen=True)
class ImportPlan:
    """What importing cards will do: per card, the contact it updates (same email) or None (new),
    and the namesakes the user must decide about first (card index -> namesakes)."""

    cards: tuple[Card, ...]
    matches: tuple[Contact | None, ...]
    questions: dict


def plan_import(owner, cards: list[Card]) -> ImportPlan:
    """Match each card to a contact by email; list the namesakes of the others. Reads only, in
    two queries however many cards there are."""
    known = by_emails(owner, [email for card in cards for email in card.emails])
    matches = [next((known[e] for e in card.emails if e in known), None) for card in cards]
    unmatched = [index for index, match in enumerate(matches) if match is None]
    found = namesakes_of(owner, [(cards[index].name, cards[index].company) for index in unmatched])
    questions = {index: people for index, people in zip(unmatched, found) if people}
    return ImportPlan(cards=tuple(cards), matches=tuple(matches), questions=questions)


def by_emails(owner, emails) -> dict[str, Contact]:
    """``by_email`` for many addresses in one query: each address given (as given) -> its contact,
    for those that have one."""
    def key(email: str) -> str:
        return email.strip().lower()

    stripped = {email.strip() for email in emails if email and email.strip()}
    if not stripped:
        return {}
    rows = (
        owned_by(Contact, owner).annotate(email_key=Lower("email"))
        .filter(Q(email_key__in={key(e) for e in stripped}) | Q(email__in=stripped))
        .order_by("created_at", "pk")
    )
    oldest: dict[str, Contact] = {}
    for contact in rows:
        oldest.setdefault(key(contact.email), contact)
    return {email: oldest[key(email)] for email in emails if email and key(email) in oldest}


def import_cards(owner, plan: ImportPlan, *, same_as: dict[int, Contact | None]) -> tuple[int, int]:
    """Store ``plan``: update matched contacts, create the rest; all or nothing. Returns (created, updated).

    ``same_as`` answers every question of the plan: card index -> the namesake it is, or None for
    someone new. An unanswered question raises ValidationError and nothing is saved.
    """
    unanswered = [plan.cards[i].name for i in plan.questions if i not in same_as]
    if unanswered:
        raise ValidationError(f"Say whether {', '.join(unanswered)} is someone you already have, then import again.")
    created = updated = 0
    with transaction.atomic():
        for index, card in enumerate(plan.cards):
            existing = plan.matches[index] or same_as.get(index)
            fields, extra = _fields_from(card)
            try:
                if existing is not None:
                    merge_into(existing, fields, extra, company_name=card.company)
                    updated += 1
                else:
                    contact = Contact(owner=owner, company=_company(owner, card.company), card=extra, **fields)
                    contact.full_clean(exclude=["owner", "company"])
                    contact.save()
                    created += 1
            except ValidationError as error:  # the transaction is rolled back: nothing half-imported
                raise ValidationError(f"Card {index + 1} ({card.name[:40]}): {' '.join(error.messages)}") from None
    return created, updated


def merge_into(contact: Contact, fields: dict, extra: dict | None = None, *, company_name: str = "") -> Contact:
    """Fill ``contact``'s empty fields from ``fields``; numbers, addresses and links it lacks are added.

    What the user already stored wins: a card fills gaps, it does not overwrite.
    """
    for name, value in fields.items():
        if value and not getattr(contact, name):
            setattr(contact, name, value)
    if company_name and contact.company_id is None:
        contact.company = _company(contact.owner, company_name)
    card = dict(contact.card or {})
    for key, value in (extra or {}).items():
        if isinstance(value, list):
            known = card.get(key, [])
            card[key] = (known + [v for v in value if v not in known])[:MAX_EXTRA]
        else:
            card.setdefault(key, value)
    contact.card = card
    contact.full_clean(exclude=["owner", "company"])
    contact.save()
    return contact


def _company(owner, name: str) -> Company | None:
    name = (name or "").strip()[:200]
    if not name:
        return None
    company, _ = owned_by(Company, owner).get_or_create(owner=owner, name=name)
    return company
