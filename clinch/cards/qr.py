"""QR codes on cards: find them (zxing-cpp) and read what they hold (vCard, MeCard or a URL).

A QR code is what the card's owner typed into a tool, so its fields are exact
where OCR guesses; the reader prefers them. Payloads are parsed by hand: vCard
and MeCard are a few lines of ``KEY:value`` and only a handful of keys matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import zxingcpp

MAX_PAYLOAD = 4096  # a QR code holds at most ~3 KB; anything longer is not one


@dataclass
class QRFields:
    """What a QR code says about a person; empty strings where it says nothing."""

    kind: str  # "vcard", "mecard" or "url"
    name: str = ""
    title: str = ""
    company: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)  # as written; normalised by the caller
    urls: list[str] = field(default_factory=list)
    address: str = ""
    centre: tuple[float, float] = (0.0, 0.0)  # where it is in the photo, in pixels


def find(image: np.ndarray) -> list[QRFields]:
    """Every QR code in ``image`` (RGB array) that holds a contact or a URL."""
    found = []
    for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
        fields = parse(code.text[:MAX_PAYLOAD])
        if fields is None:
            continue
        points = [code.position.top_left, code.position.top_right, code.position.bottom_right,
                  code.position.bottom_left]
        fields.centre = (sum(p.x for p in points) / 4, sum(p.y for p in points) / 4)
        found.append(fields)
    return found


def parse(text: str) -> QRFields | None:
    """The fields of a vCard, MeCard or URL payload; None for anything else (Wi-Fi, plain text...)."""
    stripped = text.strip()
    upper = stripped.upper()
    if upper.startswith("BEGIN:VCARD"):
        return _vcard(stripped)
    if upper.startswith("MECARD:"):
        return _mecard(stripped[7:])
    if re.match(r"(?i)^(https?://|www\.)\S+$", stripped):
        return QRFields(kind="url", urls=[stripped])
    return None


def _unescape(value: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _split_escaped(value: str, sep: str) -> list[str]:
    """``value`` split at ``sep`` where it is not escaped with a backslash."""
    return [_unescape(part) for part in re.split(rf"(?<!\\){re.escape(sep)}", value)]


def _vcard(text: str) -> QRFields:
    fields = QRFields(kind="vcard")
    # Unfold continuation lines (RFC 6350 3.2) before reading.
    text = re.sub(r"\r?\n[ \t]", "", text)
    given_family = ""
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if not sep:
            continue
        name = key.split(";")[0].split(".")[-1].upper()
        if name == "FN":
            fields.name = _unescape(value).strip()
        elif name == "N":
            parts = _split_escaped(value, ";") + [""] * 5
            given_family = " ".join(p for p in (parts[3], parts[1], parts[2], parts[0], parts[4]) if p.strip())
        elif name == "ORG":
            fields.company = " ".join(p for p in _split_escaped(value, ";") if p.strip()).strip()
        elif name == "TITLE":
            fields.title = _unescape(value).strip()
        elif name == "EMAIL":
            fields.emails.append(_unescape(value).strip())
        elif name == "TEL":
            fields.phones.append(re.sub(r"^tel:", "", _unescape(value).strip(), flags=re.I))
        elif name == "URL":
            fields.urls.append(_unescape(value).strip())
        elif name == "ADR" and not fields.address:
            parts = [p.strip() for p in _split_escaped(value, ";")]
            fields.address = ", ".join(p for p in parts if p)
    fields.name = fields.name or given_family
    return fields


def _mecard(body: str) -> QRFields:
    fields = QRFields(kind="mecard")
    for item in _split_escaped(body, ";"):
        key, sep, value = item.partition(":")
        if not sep:
            continue
        key, value = key.strip().upper(), value.strip()
        if key == "N":
            family, _, given = value.partition(",")
            fields.name = f"{given.strip()} {family.strip()}".strip()
        elif key == "ORG":
            fields.company = value
        elif key == "TITLE":
            fields.title = value
        elif key == "EMAIL":
            fields.emails.append(value)
        elif key == "TEL":
            fields.phones.append(value)
        elif key == "URL":
            fields.urls.append(value)
        elif key == "ADR":
            fields.address = value
    return fields
