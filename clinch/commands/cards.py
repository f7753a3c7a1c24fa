"""``clinch cards read``: the people on business-card photos, read locally (OCR and QR codes)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HELP = "read business cards from photos"
EPILOG = """\
examples:
  clinch cards read card.jpg
  clinch cards read panel-1.jpg panel-2.jpg --json
  clinch cards read card.jpg --country DE        numbers without +49 are German

Reads JPEG, PNG, WebP and HEIC photos (up to 15 MB and 40 megapixels); a photo may hold
several cards. A QR code on the card (vCard, MeCard) is preferred over the
printed text. Phones are printed in E.164 (+4930...), read with --country for
numbers written without a country code (default US). Nothing leaves this
machine and no photo is kept.

--json prints one line per photo:
  {"cards": [{"name", "title", "company", "emails": [...], "phones": ["+E.164", ...],
              "website", "linkedin", "address", "source": "qr" | "ocr", "confidence": 0..1}]}
missing fields are null or empty; a photo that cannot be read gives
{"cards": [], "error": "why"}. Exit status 1 when a photo could not be read,
2 on bad arguments.
"""
TEXT_FIELDS = ("title", "company", "emails", "phones", "website", "linkedin", "address", "timezone")


def register(subparsers) -> None:
    parser = subparsers.add_parser("cards", help=HELP, description=HELP + ".", epilog=EPILOG,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    read = actions.add_parser("read", help="print the cards on each photo", description=HELP + ".", epilog=EPILOG,
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    read.add_argument("photos", nargs="+", metavar="PHOTO", type=Path, help="a photo of one or more cards")
    read.add_argument("--json", action="store_true", help="print JSON, one line per photo")
    read.add_argument("--country", default="US", metavar="CC",
                      help="country of numbers written without a country code (default US)")
    read.set_defaults(run=run)


def run(args) -> int:
    import phonenumbers

    country = args.country.strip().upper()
    if country not in phonenumbers.SUPPORTED_REGIONS:
        print(f"clinch cards read: --country {args.country!r} is not a country code like US, GB or DE", file=sys.stderr)
        return 2
    failed = False
    for path in args.photos:
        cards, error = read_one(path, country)
        failed |= error is not None
        if args.json:
            out = {"cards": [card.as_json() for card in cards]}
            if error:
                out["error"] = error
            print(json.dumps(out, ensure_ascii=False))
        else:
            print_text(path, cards, error)
    return 1 if failed else 0


def read_one(path: Path, country: str):
    """(cards, None) or ([], the reason) for one photo file."""
    from clinch.cards import PhotoError, read_photo
    from clinch.cards.photo import MAX_BYTES

    try:
        if path.stat().st_size > MAX_BYTES:
            return [], f"{path.stat().st_size / 1024 / 1024:.1f} MB is too large: photos up to {MAX_BYTES // 1024 // 1024} MB"
        data = path.read_bytes()
    except OSError as exc:
        return [], f"cannot read {path}: {exc.strerror or exc}"
    try:
        return read_photo(data, region=country).cards, None
    except PhotoError as exc:
        return [], str(exc)


def print_text(path: Path, cards, error) -> None:
    if error:
        print(f"{path}: {error}", file=sys.stderr)
        return
    print(f"{path}: {len(cards)} card{'s' if len(cards) != 1 else ''}")
    for card in cards:
        print(f"  {card.name or '(no name read)'}  [{card.source}, confidence {card.confidence:.2f}]")
        for field in TEXT_FIELDS:
            value = getattr(card, field)
            if isinstance(value, tuple):
                value = ", ".join(value)
            if value:
                print(f"    {field:<9} {value}")
        for note in card.name_checks:
            print(f"    check     {note}")
