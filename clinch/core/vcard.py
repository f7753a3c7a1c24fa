"""vCards in and out: one file holds one card or many; Clinch writes vCard 3.0, which phones,
Google, Outlook and Apple's address books all import.

``read_vcards(data)`` turns a .vcf file (vCard 2.1, 3.0 or 4.0) into plain ``Card``s;
``write_vcard(card)`` writes one back, with N split into family and given name so address
books sort it. Reading and writing with vobject; nothing here knows about Django.

A file that is not a vCard, too large, or has a card that cannot be read raises
``VCardError`` naming the card and the problem: the caller saves nothing then.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clinch.core.textfile import decode, is_binary, short

MAX_BYTES = 2_000_000  # thousands of cards; an address book export with photos is refused, not truncated
MAX_CARDS = 2000
MAX_FIELD = 1000
KINDS = ("work", "home", "cell", "fax", "pager", "other")
SUFFIXES = frozenset("jr jr. sr sr. ii iii iv phd ph.d. md mba esq esq.".split())
PREFIXES = frozenset("dr dr. mr mr. mrs mrs. ms ms. mx mx. prof prof.".split())
PARTICLES = frozenset("von van der den de da di del della la le du dos das do bin ibn al el ter ten zu".split())


class VCardError(ValueError):
    """The file cannot be imported; the message names the card and the problem, for the user."""


@dataclass(frozen=True)
class Phone:
    number: str
    kind: str = "work"


@dataclass(frozen=True)
class Address:
    street: str = ""
    locality: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    po_box: str = ""
    extended: str = ""
    kind: str = "work"

    def lines(self) -> str:
        """The address as people write it: street, then town with region and code, then country."""
        town = " ".join(filter(None, [self.postal_code, self.locality])) if self.country and not self.region \
            else ", ".join(filter(None, [self.locality, " ".join(filter(None, [self.region, self.postal_code]))]))
        return "\n".join(filter(None, [self.po_box, self.extended, self.street, town, self.country]))


@dataclass(frozen=True)
class Card:
    """One person's card. ``name`` is exactly as the card writes it (FN); the N parts sort it."""

    name: str
    given: str = ""
    family: str = ""
    additional: str = ""
    prefix: str = ""
    suffix: str = ""
    nickname: str = ""
    title: str = ""
    company: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[Phone, ...] = ()
    addresses: tuple[Address, ...] = ()
    urls: tuple[str, ...] = ()
    note: str = ""
    uid: str = ""


def read_vcards(data: bytes | str) -> list[Card]:
    """Every card in ``data``, in file order. Raises ``VCardError``."""
    text = _text(data)
    if "BEGIN:VCARD" not in text.upper():
        raise VCardError("This file is not a vCard: a .vcf file starts with BEGIN:VCARD.")
    import vobject

    cards = []
    try:
        for number, component in enumerate(vobject.readComponents(text, ignoreUnreadable=True), start=1):
            if number > MAX_CARDS:
                raise VCardError(f"The file holds more than {MAX_CARDS} cards: split it and import the parts.")
            if component.name.upper() != "VCARD":
                continue
            cards.append(_card(component, number))
    except VCardError:
        raise
    except Exception as exc:  # vobject raises its own ParseError and plain ValueErrors alike
        where = f"card {len(cards) + 1}"
        raise VCardError(f"The vCard file is damaged at {where} and cannot be read ({short(exc)}).") from None
    if not cards:
        raise VCardError("The file has no card in it.")
    return cards


def _text(data: bytes | str) -> str:
    size = len(data.encode() if isinstance(data, str) else data)
    if size > MAX_BYTES:
        raise VCardError(f"The file is too large ({size // 1024} KB; at most {MAX_BYTES // 1_000_000} MB). "
                         "Export the contacts without photos, or in parts.")
    if isinstance(data, str):
        return data
    if is_binary(data):
        raise VCardError("This file is not text (an image or a document?): a vCard is a .vcf file.")
    return decode(data)


def _lines(component, name: str) -> list[tuple[object, str]]:
    """Each ``name`` line of the card with its value as text, the empty ones left out."""
    found = ((line, _flat(line.value)) for line in component.contents.get(name, []))
    return [(line, text) for line, text in found if text]


def _first(component, name: str):
    """The first ``name`` line's raw value (a string, a list, or a vobject Name/Address); None if none."""
    lines = component.contents.get(name, [])
    return lines[0].value if lines else None


def _flat(value, sep: str = " ") -> str:
    """A value as one string: vobject gives a string, or a list of parts (comma-separated in
    the file) that are joined with ``sep``, the empty ones left out."""
    if isinstance(value, (list, tuple)):
        return sep.join(str(part) for part in value if part).strip()
    return str(value or "").strip()


def _kind(line, default: str) -> str:
    types = [t.lower() for value in line.params.get("TYPE", []) for t in str(value).split(",")]
    types += [str(value).lower() for value in getattr(line, "singletonparams", [])]  # vCard 2.1: "TEL;CELL:"
    for kind in KINDS:
        if kind in types or (kind == "cell" and "mobile" in types):
            return kind
    return default


def _card(component, number: int) -> Card:
    parts = _first(component, "n")
    part = lambda attr: _flat(getattr(parts, attr, ""))  # noqa: E731
    text = lambda name: _flat(_first(component, name), ", ")  # noqa: E731
    name = text("fn") or " ".join(filter(None, [part("given"), part("additional"), part("family")]))
    company = _organisation(_first(component, "org"))
    emails = tuple(value for _, value in _lines(component, "email"))
    if not name:
        if not (company or emails):
            raise VCardError(f"Card {number} has no name, company or email: there is nobody to add.")
        name = company or emails[0]
    card = Card(
        name=name, given=part("given"), family=part("family"), additional=part("additional"),
        prefix=part("prefix"), suffix=part("suffix"),
        nickname=text("nickname"), title=text("title") or text("role"), company=company, emails=emails,
        phones=tuple(Phone(number=re.sub(r"^tel:", "", value, flags=re.I), kind=_kind(line, "work"))
                     for line, value in _lines(component, "tel")),
        addresses=tuple(_address(line) for line in component.contents.get("adr", [])),
        urls=tuple(value for _, value in _lines(component, "url")),
        note=text("note"), uid=text("uid"),
    )
    _check_lengths(card, number)
    return card


def _organisation(value) -> str:
    """The company of ORG (its first part; departments follow). An unescaped comma, as many
    writers leave in "Larkspur Robotics, Inc.", is part of the name."""
    first = value[0] if isinstance(value, list) and value else value
    return _flat(first, ",")


def _address(line) -> Address:
    part = lambda attr: _flat(getattr(line.value, attr, ""))  # noqa: E731
    return Address(
        street=part("street"), locality=part("city"), region=part("region"), postal_code=part("code"),
        country=part("country"), po_box=part("box"), extended=part("extended"), kind=_kind(line, "work"),
    )


def _check_lengths(card: Card, number: int) -> None:
    texts = [card.name, card.title, card.company, card.nickname, *card.emails, *card.urls,
             *(p.number for p in card.phones), *(part for a in card.addresses for part in vars(a).values())]
    if any(len(text) > MAX_FIELD for text in texts) or len(card.note) > 10 * MAX_FIELD:
        raise VCardError(f"Card {number} ({card.name[:40]}) has a field longer than Clinch keeps: shorten it first.")


# --- writing -----------------------------------------------------------------------------------

def split_name(name: str) -> tuple[str, str, str, str, str]:
    """(prefix, given, additional, family, suffix) for N, from a name written whole.

    Particles belong to the family name ("Ana de la Cruz": de la Cruz); a name written family
    name first (Vietnamese, some Chinese and Korean names, as the greeting rules read them)
    keeps its first word as the family name.
    """
    from clinch.core.checks._context import given_name, name_parts

    words = name.replace(",", " ").split()
    prefix = [w for w in words[:1] if w.lower() in PREFIXES]
    words = words[len(prefix):]
    suffix = []
    while len(words) > 1 and words[-1].lower() in SUFFIXES:
        suffix.insert(0, words.pop())
    if len(words) <= 1:
        return " ".join(prefix), " ".join(words), "", "", " ".join(suffix)
    parts = name_parts(" ".join(words))
    given = given_name(parts)
    if given and given != words[0] and " ".join(words).endswith(given):
        family, rest = words[0], " ".join(words[1:])
        return " ".join(prefix), rest, "", family, " ".join(suffix)
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in PARTICLES:
        start -= 1
    return " ".join(prefix), words[0], " ".join(words[1:start]), " ".join(words[start:]), " ".join(suffix)


def write_vcard(card: Card) -> str:
    """``card`` as vCard 3.0 text (CRLF lines, folded at 75 octets without splitting a character)."""
    import vobject

    out = vobject.vCard()
    out.add("fn").value = card.name
    if card.family or card.given:
        prefix, given, additional, family, suffix = card.prefix, card.given, card.additional, card.family, card.suffix
    else:
        prefix, given, additional, family, suffix = split_name(card.name)
    out.add("n").value = vobject.vcard.Name(
        family=family, given=given, additional=additional, prefix=prefix, suffix=suffix
    )
    simple = (("nickname", card.nickname), ("title", card.title), ("note", card.note), ("uid", card.uid))
    for name, value in simple:
        if value:
            out.add(name).value = value
    if card.company:
        out.add("org").value = [card.company]
    for email in card.emails:
        line = out.add("email")
        line.value, line.type_param = email, "INTERNET"
    for phone in card.phones:
        line = out.add("tel")
        line.value, line.type_param = phone.number, phone.kind.upper()
    for address in card.addresses:
        line = out.add("adr")
        line.value = vobject.vcard.Address(
            street=address.street, city=address.locality, region=address.region, code=address.postal_code,
            country=address.country, box=address.po_box, extended=address.extended,
        )
        line.type_param = address.kind.upper()
    for url in card.urls:
        out.add("url").value = url
    return out.serialize()
