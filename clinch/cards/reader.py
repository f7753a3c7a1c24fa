"""Read the business cards on one photo: bytes in, ``Card``s out.

The steps, each bounded: check and shrink the photo (``photo``); find the card
outlines and flatten each (``regions``); per card, read its QR code (preferred
where it holds a contact) and its text lines (``ocr``); split a region that
turns out to hold two cards; turn the lines into fields (``fields``). A photo
where nothing card-like is read raises ``NoCardError``, with a message that
tells a blurred card from a photo without one.

Pure and stateless apart from the OCR engine (models loaded once per process);
runs in about a second per card on one core (docs/benchmarks.md). Call it
outside any database transaction.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import asdict, dataclass, field

import cv2
import numpy as np
import phonenumbers
from nameparser import HumanName

from clinch.cards import fields as F
from clinch.cards import places, qr, regions, variants
from clinch.cards.ocr import Line, RapidEngine
from clinch.cards.photo import PhotoError, open_photo
from clinch.cards.text import Fields, clean

BLUR_LIMIT = 60.0  # variance of the Laplacian of a 1000-px-wide card below which text is smeared


class NoCardError(PhotoError):
    """The photo opened, but no card could be read from it."""


@dataclass(frozen=True)
class Card:
    """One card as read. Strings are empty, lists empty, where the card says nothing."""

    name: str = ""
    title: str = ""
    company: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()  # E.164
    website: str = ""
    linkedin: str = ""
    address: str = ""
    source: str = "ocr"  # "qr" when a QR code gave the contact fields
    confidence: float = 0.0
    country: str = ""  # ISO 3166 code the card points to, if any
    timezone: str = ""  # IANA zone the card suggests, if any
    name_checks: tuple[str, ...] = ()  # spellings worth a second look ("Jon: also spelt John")
    given_name: str = ""
    family_name: str = ""
    lines: tuple[str, ...] = ()  # everything read, top to bottom, for the user to copy from
    box: tuple[int, int, int, int] = (0, 0, 0, 0)  # where the card is in the (shrunk) photo

    def as_json(self) -> dict:
        """The card in the shape ``clinch cards read --json`` prints: missing fields are null or empty."""
        data = asdict(self)
        out = {key: (data[key] or None) for key in ("name", "title", "company", "website", "linkedin", "address")}
        out["emails"], out["phones"] = list(self.emails), list(self.phones)
        out["source"], out["confidence"] = self.source, round(self.confidence, 2)
        order = ["name", "title", "company", "emails", "phones", "website", "linkedin", "address", "source",
                 "confidence"]
        return {key: out[key] for key in order}


@dataclass
class Reading:
    """What one photo gave: its cards, and the photo itself (shrunk, without metadata) for display."""

    cards: list[Card]
    image: object = field(repr=False, default=None)  # PIL.Image.Image
    crops: list[object] = field(repr=False, default_factory=list)  # one PIL image per card


_ENGINE = None
_ENGINE_LOCK = threading.Lock()
log = logging.getLogger(__name__)


def engine():
    """The process's OCR engine (one thread; models load on first use)."""
    global _ENGINE
    with _ENGINE_LOCK:
        if _ENGINE is None:
            _ENGINE = RapidEngine()
    return _ENGINE


def read_photo(data: bytes, *, region: str = "US", ocr=None) -> Reading:
    """The cards on the photo ``data``; ``region`` (ISO code) reads phone numbers written without a country code.

    Raises ``PhotoError`` (a subclass: ``NoCardError``) with a message for the user.
    """
    picture = open_photo(data)
    try:
        return _read(picture, region=region, ocr=ocr or engine())
    except PhotoError:
        raise
    except (cv2.error, ValueError, IndexError, ZeroDivisionError) as error:
        # A picture no test had: say so plainly rather than fail the page, and keep the trace for us.
        log.exception("card photo could not be read: %s", error)
        raise PhotoError("Clinch could not read a card on this photo. Take it again, closer and straight on, "
                         "or type the fields by hand.") from None


def _read(picture, *, region: str, ocr) -> Reading:
    from PIL import Image

    image = np.asarray(picture)
    found = regions.find_cards(image)
    pieces = [(r, regions.warp(image, r)) for r in found] or [(None, _whole(image))]
    if found and regions.covered(found, image.shape) < 0.6:
        # A card whose outline was not seen (dark on dark) may lie beside the ones that were.
        pieces.append((None, regions.masked(image, found)))
    cards, crops = [], []
    sharpness, seen_text = [], False
    for region_, crop in pieces:
        sharpness.append(_sharpness(crop))
        codes = qr.find(crop)
        lines = ocr.read(crop)
        if region_ is not None or not found:  # text on a card (or the whole photo), not beside the cards
            seen_text |= bool(lines)
        if region_ is None and found and len(lines) < 3:
            continue
        groups = split_cards(lines, crop.shape[1], crop.shape[0])
        if not groups and codes:
            groups = [[]]  # no text read, but a QR code holds the card
        boxes = [_group_box(group, crop) for group in groups]
        for group, box in zip(groups, boxes):
            mine = [c for c in codes if _nearest(c.centre, boxes) is box]
            card = build_card(group, mine, region=region, box=_photo_box(region_, image, box, len(groups)))
            if card is not None and region_ is None and found and not _complete(card):
                card = None  # beside the outlined cards only a whole card counts, not stray text
            if card is not None:
                cards.append(card)
                crops.append(Image.fromarray(np.ascontiguousarray(crop[box[1]:box[3], box[0]:box[2]])))
    if not cards:
        codes = qr.find(image)
        for code in codes:
            card = build_card([], [code], region=region, box=(0, 0, image.shape[1], image.shape[0]))
            if card is not None:
                cards.append(card)
                crops.append(picture)
    if not cards:
        if (seen_text or found) and max(sharpness) < BLUR_LIMIT:  # a card or text is there, but smeared
            raise NoCardError("The card is too blurred to read. Hold the phone steady, tap the card to focus, "
                              "and take the photo again.")
        raise NoCardError("No business card found in this photo. Lay the card on a plain, darker surface, "
                          "fill most of the photo with it, and take it again.")
    return Reading(cards=cards, image=picture, crops=crops)


def _whole(image: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(image)


def _sharpness(crop: np.ndarray) -> float:
    gray = cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY)
    scale = 1000 / max(gray.shape)
    gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return float(cv2.Laplacian(gray, cv2.CV_64F).var())


def _complete(card: Card) -> bool:
    return bool(card.name or card.company) and bool(card.emails or card.phones)


def _nearest(point, boxes):
    """The box closest to ``point`` (a QR code belongs to the card whose text is nearest)."""
    def gap(box):
        dx = max(box[0] - point[0], 0, point[0] - box[2])
        dy = max(box[1] - point[1], 0, point[1] - box[3])
        return dx * dx + dy * dy
    return min(boxes, key=gap) if boxes else None


def _group_box(group: list[Line], crop: np.ndarray) -> tuple[int, int, int, int]:
    height, width = crop.shape[:2]
    if not group:
        return 0, 0, width, height
    pad = max(l.height for l in group)
    left = max(0, int(min(l.box[0] for l in group) - pad))
    top = max(0, int(min(l.box[1] for l in group) - pad))
    right = min(width, int(max(l.box[2] for l in group) + pad))
    bottom = min(height, int(max(l.box[3] for l in group) + pad))
    return left, top, right, bottom


def _photo_box(region_, image, box, groups: int) -> tuple[int, int, int, int]:
    if region_ is None:
        return box if groups > 1 else (0, 0, image.shape[1], image.shape[0])
    xs, ys = zip(*region_.corners)
    return int(min(xs)), int(min(ys)), int(max(xs)), int(max(ys))


def split_cards(lines: list[Line], width: int, height: int) -> list[list[Line]]:
    """``lines`` as one group per card: a region with two email addresses on either side of a wide
    empty band (two cards side by side or one above the other, read as one) is split along that band."""
    emails = [l for l in lines if "@" in l.text]
    if len(emails) < 2:
        return [lines] if lines else []
    for axis in (0, 1):
        cut = _widest_gap(lines, axis, width if axis == 0 else height)
        if cut is None:
            continue
        first = [l for l in lines if l.centre[axis] < cut]
        second = [l for l in lines if l.centre[axis] >= cut]
        if any("@" in l.text for l in first) and any("@" in l.text for l in second):
            return split_cards(first, width, height) + split_cards(second, width, height)
    return [lines]


def _widest_gap(lines: list[Line], axis: int, extent: int) -> float | None:
    """The middle of the widest empty band across ``axis``, if it is wide for the text size."""
    spans = sorted((l.box[axis], l.box[axis + 2]) for l in lines)
    typical = float(np.median([l.height for l in lines]))
    best, best_width, reach = None, 0.0, spans[0][1]
    for start, end in spans[1:]:
        if start - reach > best_width:
            best, best_width = (reach + start) / 2, start - reach
        reach = max(reach, end)
    return best if best_width >= 2.5 * typical else None


def build_card(lines: list[Line], codes: list[qr.QRFields], *, region: str, box) -> Card | None:
    """A card from its text lines and QR codes; None when neither says anything about a person."""
    ordered = F.reading_order(lines)
    found = F.extract(ordered, default_region=region)
    contact = next((c for c in codes if c.kind in ("vcard", "mecard")), None)
    source = "ocr"
    if contact is not None:
        source = "qr"
        _merge_qr(found, contact, region)
    for code in codes:
        for url in code.urls:
            if "linkedin.com" in url.lower() and not found.linkedin:
                found.linkedin = F._linkedin(url) or url
            elif not found.website and "linkedin.com" not in url.lower():
                found.website = url if url.lower().startswith("http") else f"https://{url}"
    if not (found.name or found.emails or found.phones or found.company):
        return None
    zone = places.timezone_for(phones=found.phones, country=found.country)
    parsed = HumanName(found.name) if found.name else None
    return Card(
        name=found.name, title=found.title, company=found.company, emails=tuple(found.emails),
        phones=tuple(found.phones), website=found.website, linkedin=found.linkedin, address=found.address,
        source=source, confidence=1.0 if source == "qr" else _confidence(found),
        country=found.country or "", timezone=zone or "", name_checks=tuple(variants.marks(found.name)),
        given_name=parsed.first if parsed else "", family_name=parsed.last if parsed else "",
        lines=tuple(clean(l.text) for l in ordered), box=tuple(int(v) for v in box),
    )


def _merge_qr(found: Fields, code: qr.QRFields, region: str) -> None:
    """The QR code's fields win; the printed ones fill what it leaves out."""
    found.name = code.name.strip() or found.name
    found.title = code.title.strip() or found.title
    found.company = code.company.strip() or found.company
    emails = [e for e in (F._email_candidates(x) for x in code.emails) for e in e]
    found.emails = emails + [e for e in found.emails if e not in emails] if emails else found.emails
    phones = []
    for text in code.phones:
        try:
            number = phonenumbers.parse(text, found.country or region)
        except phonenumbers.NumberParseException:
            continue
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        if phonenumbers.is_possible_number(number) and e164 not in phones:
            phones.append(e164)
    if phones:
        found.phones = phones
        found.country = phonenumbers.region_code_for_number(phonenumbers.parse(phones[0])) or found.country
    found.address = re.sub(r"\s*\n\s*", ", ", code.address).strip(", ") or found.address


def _confidence(found: Fields) -> float:
    """0 to 1: how many of the key fields were found, weighed by how sure OCR was of their lines."""
    parts = [("name", found.name), ("email", found.emails), ("company", found.company)]
    have = [found.scores.get(key, 0.9) for key, value in parts if value]
    completeness = (len(have) + bool(found.phones)) / (len(parts) + 1)
    sureness = sum(have) / len(have) if have else 0.5
    return round(max(0.05, min(1.0, completeness * sureness)), 2)
