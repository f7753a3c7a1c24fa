"""Synthetic business-card photos with ground truth, for the card reader's tests and benchmark.

``python -m bench.cards.generate OUT_DIR [--count 120] [--seed 12]`` writes
``card-000.jpg`` ... and ``card-000.json`` (the truth: the cards on the photo,
each with the fields exactly as printed and the phones in E.164).

Every photo is a pure function of (seed, index): ``make_photo(index, seed)``
rebuilds one without building the others, so a test can use photo 7 alone.
Cards are drawn with fonts from Debian packages (fonts-dejavu-core,
fonts-liberation2, fonts-noto-core, fonts-open-sans, fonts-lato,
fonts-crosextra-carlito, fonts-urw-base35) in several layouts (left, centred,
two columns, a coloured band, company at the foot, light on dark), some with a QR
code (vCard, MeCard or a URL), some in small print; then photographed: put on a
table, rotated, seen in perspective, with glare, shadow, noise, blur and JPEG
loss. About one photo in eight holds two cards.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import random
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import phonenumbers
import zxingcpp
from PIL import Image, ImageDraw, ImageFont

from bench.cards.people import COMPANY_KINDS, COMPANY_WORDS, COUNTRIES, FIRST_NAMES, LAST_NAMES, PREFIXES, TITLES

CARD_W, CARD_H = 1050, 600  # 3.5 x 2 inches at 300 dpi
PHOTO_W, PHOTO_H = 1600, 1000
FONT_DIRS = [Path("/usr/share/fonts/truetype"), Path("/usr/share/fonts/opentype")]
# (regular, bold) pairs; the families a card is likely to be printed in.
FONT_PAIRS = [
    ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
    ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf"),
    ("liberation2/LiberationSans-Regular.ttf", "liberation2/LiberationSans-Bold.ttf"),
    ("liberation2/LiberationSerif-Regular.ttf", "liberation2/LiberationSerif-Bold.ttf"),
    ("noto/NotoSans-Regular.ttf", "noto/NotoSans-Bold.ttf"),
    ("noto/NotoSerif-Regular.ttf", "noto/NotoSerif-Bold.ttf"),
    ("open-sans/OpenSans-Regular.ttf", "open-sans/OpenSans-Bold.ttf"),
    ("lato/Lato-Regular.ttf", "lato/Lato-Bold.ttf"),
    ("lato/Lato-Light.ttf", "lato/Lato-Semibold.ttf"),
    ("crosextra/Carlito-Regular.ttf", "crosextra/Carlito-Bold.ttf"),
    ("urw-base35/NimbusSans-Regular.otf", "urw-base35/NimbusSans-Bold.otf"),
    ("urw-base35/URWGothic-Book.otf", "urw-base35/URWGothic-Demi.otf"),
]
LAYOUTS = ["left", "centred", "two_column", "band", "company_foot"]
PHONE_LABELS = ["T", "Tel.", "Phone", "P", "Office", "Direct", ""]
MOBILE_LABELS = ["M", "Mobile", "Mob.", "Cell", ""]


@dataclass
class Truth:
    """One card as printed: what a perfect reader returns."""

    name: str
    title: str
    company: str
    emails: list[str]
    phones: list[str]  # E.164
    website: str
    linkedin: str
    address: str
    country: str
    qr: str | None = None  # "vcard", "mecard", "url" or None
    layout: str = ""
    effects: list[str] = field(default_factory=list)


def font_path(relative: str) -> str:
    for base in FONT_DIRS:
        if (base / relative).exists():
            return str(base / relative)
    raise FileNotFoundError(f"font {relative} missing: run scripts/system-deps.sh (Debian font packages)")


_FONTS: dict[tuple[str, int], ImageFont.FreeTypeFont] = {}


def font(relative: str, size: int) -> ImageFont.FreeTypeFont:
    key = (relative, size)
    if key not in _FONTS:
        _FONTS[key] = ImageFont.truetype(font_path(relative), size)
    return _FONTS[key]


def ascii_fold(text: str) -> str:
    """Zoë O'Brien -> zoeobrien: what goes into an email address."""
    text = text.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("Ø", "O").replace("ß", "ss")
    text = text.replace("æ", "ae").replace("Æ", "AE").replace("ı", "i")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if c.isascii() and (c.isalnum() or c in "-")).lower()


def random_phone(rng: random.Random, region: str, kind) -> phonenumbers.PhoneNumber:
    example = phonenumbers.example_number_for_type(region, kind)
    national = str(example.national_number)
    for _ in range(50):
        tail = "".join(rng.choice("0123456789") for _ in range(4))
        number = phonenumbers.parse(f"+{example.country_code}{national[:-4]}{tail}")
        if phonenumbers.is_valid_number(number):
            return number
    return example


def phone_text(rng: random.Random, number, region: str) -> str:
    style = rng.random()
    if region == "US" and style < 0.45:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    if region == "US" and style < 0.6:
        digits = str(number.national_number)
        return f"+1.{digits[:3]}.{digits[3:6]}.{digits[6:]}"
    if region in ("DE", "AT", "CH", "GB") and style < 0.25:
        national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
        return f"+{number.country_code} (0){national.lstrip('0')}"
    if style < 0.8:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def make_person(rng: random.Random) -> tuple[Truth, dict]:
    """A person and how their card prints each field (labels, order, QR kind)."""
    country = rng.choice(list(COUNTRIES))
    info = COUNTRIES[country]
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    middle = f" {rng.choice('ABCDEJKLMPRS')}." if rng.random() < 0.1 else ""
    name = f"{first}{middle} {last}"
    if rng.random() < 0.06:
        name = f"{rng.choice(PREFIXES)} {name}"
    core = f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_KINDS)}"
    suffix = rng.choice(info["suffixes"])
    company = f"{core} {suffix}".strip()
    domain_core = ascii_fold(core.split()[0]) if rng.random() < 0.5 else ascii_fold(core.replace(" ", "-"))
    domain = f"{domain_core}.{info['tld'] if rng.random() < 0.7 else 'com'}"
    f, l = ascii_fold(first), ascii_fold(last)
    local = rng.choice([f"{f}.{l}", f"{f[0]}{l}", f, f"{f}{l[0]}", f"{f}_{l}"])
    emails = [f"{local}@{domain}"]
    phones = [random_phone(rng, country, phonenumbers.PhoneNumberType.FIXED_LINE)]
    if rng.random() < 0.6:
        phones.append(random_phone(rng, country, phonenumbers.PhoneNumberType.MOBILE))
    street, city = rng.choice(info["streets"]), rng.choice(info["cities"])
    address_lines = [street, city] + ([info["name"]] if rng.random() < 0.6 else [])
    has_address = rng.random() < 0.75
    website = f"www.{domain}" if rng.random() < 0.75 else ""
    linkedin = f"linkedin.com/in/{f}-{l}" if rng.random() < 0.35 else ""
    qr = rng.choices([None, "vcard", "mecard", "url"], weights=[70, 15, 8, 7])[0]
    truth = Truth(
        name=name, title=rng.choice(TITLES), company=company, emails=emails,
        phones=[phonenumbers.format_number(p, phonenumbers.PhoneNumberFormat.E164) for p in phones],
        website=website, linkedin=linkedin, address=", ".join(address_lines) if has_address else "",
        country=country, qr=qr,
    )
    printed = {
        "phones": [phone_text(rng, p, country) for p in phones],
        "phone_labels": [rng.choice(PHONE_LABELS), rng.choice(MOBILE_LABELS)],
        "email_label": rng.choice(["E", "Email", "e-mail", "", "", ""]),
        "label_sep": rng.choice([": ", " ", "  |  ", ". "]),
        "address_lines": address_lines if has_address else [],
        "address_one_line": rng.random() < 0.4,
        "upper_title": rng.random() < 0.15,
        "upper_company": rng.random() < 0.3,
        "website_first": rng.random() < 0.3,
    }
    return truth, printed


def qr_payload(truth: Truth, printed: dict) -> str:
    """What the card's QR code holds: a vCard 3.0, a MeCard or the LinkedIn/website URL."""
    first, _, last = truth.name.rpartition(" ")
    if truth.qr == "vcard":
        lines = ["BEGIN:VCARD", "VERSION:3.0", f"N:{last};{first};;;", f"FN:{truth.name}", f"ORG:{truth.company}",
                 f"TITLE:{truth.title}"]
        lines += [f"TEL;TYPE={'WORK' if i == 0 else 'CELL'}:{p}" for i, p in enumerate(truth.phones)]
        lines += [f"EMAIL;TYPE=INTERNET:{e}" for e in truth.emails]
        if truth.website:
            lines.append(f"URL:https://{truth.website}")
        if truth.address:
            lines.append("ADR;TYPE=WORK:;;" + truth.address.replace(",", "\\,") + ";;;;")
        return "\n".join(lines + ["END:VCARD"])
    if truth.qr == "mecard":
        tels = "".join(f"TEL:{p};" for p in truth.phones)
        url = f"URL:https\\://{truth.website};" if truth.website else ""
        return f"MECARD:N:{last},{first};ORG:{truth.company};TITLE:{truth.title};{tels}EMAIL:{truth.emails[0]};{url};"
    return f"https://{truth.linkedin or truth.website or 'www.example.com'}"


def fit(draw, text: str, relative: str, size: int, width: int) -> ImageFont.FreeTypeFont:
    """The font at ``size`` or smaller, so that ``text`` fits in ``width`` pixels."""
    while size > 12:
        face = font(relative, size)
        if draw.textlength(text, font=face) <= width:
            return face
        size -= 2
    return font(relative, size)


def render_card(truth: Truth, printed: dict, rng: random.Random) -> Image.Image:
    """The card as printed, CARD_W x CARD_H, with its layout and colours picked by ``rng``."""
    regular, bold = rng.choice(FONT_PAIRS)
    dark = rng.random() < 0.12
    paper = rng.choice([(255, 255, 255), (250, 247, 238), (240, 240, 236), (236, 242, 248), (252, 250, 245)])
    ink = (28, 28, 30) if not dark else (245, 245, 240)
    if dark:
        paper = rng.choice([(24, 36, 64), (38, 38, 42), (16, 70, 60)])
    accent = rng.choice([ink, ink, (20, 70, 140), (150, 30, 40), (10, 110, 90)]) if not dark else ink
    card = Image.new("RGB", (CARD_W, CARD_H), paper)
    draw = ImageDraw.Draw(card)
    layout = rng.choice(LAYOUTS)
    if truth.qr and layout in ("centred", "two_column"):
        layout = "left"
    truth.layout = layout
    scale = 0.72 if rng.random() < 0.15 else 1.0  # small print
    if scale < 1:
        truth.effects.append("small_print")
    margin = 60
    qr_size = 0
    if truth.qr:
        qr_size = rng.randint(190, 240)
        barcode = zxingcpp.create_barcode(qr_payload(truth, printed), zxingcpp.BarcodeFormat.QRCode)
        qr_img = Image.fromarray(np.array(barcode.to_image(scale=8))).convert("RGB").resize(
            (qr_size, qr_size), Image.NEAREST)
        card.paste(qr_img, (CARD_W - margin - qr_size, (CARD_H - qr_size) // 2 + rng.randint(-60, 60)))
    company = truth.company.upper() if printed["upper_company"] else truth.company
    title = truth.title.upper() if printed["upper_title"] else truth.title
    contact = contact_lines(truth, printed)
    sizes = {k: int(v * scale) for k, v in {"name": rng.randint(44, 58), "title": rng.randint(26, 32),
                                             "company": rng.randint(32, 42), "contact": rng.randint(23, 27)}.items()}
    usable = CARD_W - 2 * margin - (qr_size + 30 if qr_size else 0)

    def put(text, relative, size, x, y, colour=ink, align="left", width=usable):
        face = fit(draw, text, relative, size, width)
        length = draw.textlength(text, font=face)
        left = x if align == "left" else (x - length / 2 if align == "centre" else x - length)
        draw.text((left, y), text, font=face, fill=colour)
        return y + int(face.size * 1.35)

    def stack(lines, x, y, align="left", width=usable):
        for line in lines:
            y = put(line, regular, sizes["contact"], x, y, align=align, width=width)
        return y

    contact_height = int(sizes["contact"] * 1.35) * len(contact)
    if layout == "left":
        put(company, bold, sizes["company"], margin, margin, colour=accent)
        y = put(truth.name, bold, sizes["name"], margin, 150)
        put(title, regular, sizes["title"], margin, y)
        stack(contact, margin, CARD_H - margin - contact_height)
    elif layout == "centred":
        centre = CARD_W // 2
        put(company, bold, sizes["company"], centre, margin - 10, colour=accent, align="centre")
        y = put(truth.name, bold, sizes["name"], centre, 140, align="centre")
        put(title, regular, sizes["title"], centre, y, align="centre")
        stack(contact, centre, CARD_H - margin + 10 - contact_height, align="centre")
    elif layout == "two_column":
        half = CARD_W // 2
        y = put(truth.name, bold, sizes["name"], margin, margin + 40, width=half - margin - 20)
        y = put(title, regular, sizes["title"], margin, y, width=half - margin - 20)
        put(company, bold, sizes["company"], margin, CARD_H - margin - sizes["company"] - 10, colour=accent,
            width=half - margin - 20)
        right = rng.random() < 0.5
        x = CARD_W - margin if right else half + 20
        stack(contact, x, (CARD_H - contact_height) // 2, align="right" if right else "left", width=half - margin - 20)
    elif layout == "band":
        band = rng.choice([(20, 70, 140), (150, 30, 40), (10, 110, 90), (40, 40, 44)])
        draw.rectangle((0, 0, CARD_W, 120), fill=band)
        put(company, bold, sizes["company"], margin, 60 - sizes["company"] // 2 - 6, colour=(250, 250, 250))
        y = put(truth.name, bold, sizes["name"], margin, 160)
        put(title, regular, sizes["title"], margin, y)
        stack(contact, margin, CARD_H - margin + 20 - contact_height)
    else:  # company_foot
        y = put(truth.name, bold, sizes["name"], margin, margin)
        y = put(title, regular, sizes["title"], margin, y)
        stack(contact, margin, y + 25)
        put(company, bold, sizes["company"], CARD_W - margin - (qr_size + 30 if qr_size else 0),
            CARD_H - margin - sizes["company"], colour=accent, align="right")
    return card


def contact_lines(truth: Truth, printed: dict) -> list[str]:
    sep = printed["label_sep"]
    lines = []
    for i, text in enumerate(printed["phones"]):
        label = printed["phone_labels"][min(i, 1)]
        lines.append(f"{label}{sep}{text}" if label else text)
    email = truth.emails[0]
    lines.append(f"{printed['email_label']}{sep}{email}" if printed["email_label"] else email)
    web = [x for x in (truth.website, truth.linkedin) if x]
    lines = web + lines if printed["website_first"] else lines + web
    address = printed["address_lines"]
    if address:
        lines += [", ".join(address)] if printed["address_one_line"] else address
    return lines


def table(rng: random.Random, nrng: np.random.Generator) -> np.ndarray:
    """A table top: a plain colour, a wood-like grain or a cloth-like noise."""
    base = np.array(rng.choice([(120, 84, 52), (60, 60, 64), (200, 200, 196), (150, 160, 170), (30, 30, 32),
                                (176, 140, 100), (225, 225, 220)]), dtype=np.float32)
    img = np.ones((PHOTO_H, PHOTO_W, 3), np.float32) * base
    kind = rng.random()
    if kind < 0.4:
        ys = np.arange(PHOTO_H)[:, None]
        grain = np.sin(ys / rng.uniform(6, 20) + np.sin(np.arange(PHOTO_W)[None, :] / 90) * 3) * 12
        img += grain[..., None]
    elif kind < 0.7:
        img += nrng.normal(0, 10, (PHOTO_H, PHOTO_W, 1))
    # Light falls off towards one side.
    ramp = np.linspace(rng.uniform(0.8, 1.0), rng.uniform(0.9, 1.1), PHOTO_W)[None, :, None]
    return np.clip(img * ramp, 0, 255)


def place(photo: np.ndarray, card: Image.Image, centre, width: float, angle: float, skew: float,
          rng: random.Random) -> None:
    """Draw ``card`` onto ``photo`` rotated by ``angle`` degrees and seen in perspective (``skew``)."""
    import cv2

    height = width * CARD_H / CARD_W
    corners = np.array([[-width / 2, -height / 2], [width / 2, -height / 2], [width / 2, height / 2],
                        [-width / 2, height / 2]], np.float32)
    corners += np.array([[rng.uniform(-skew, skew) * width, rng.uniform(-skew, skew) * height]
                         for _ in range(4)], np.float32)
    theta = math.radians(angle)
    rotation = np.array([[math.cos(theta), -math.sin(theta)], [math.sin(theta), math.cos(theta)]], np.float32)
    target = corners @ rotation.T + np.array(centre, np.float32)
    source = np.array([[0, 0], [CARD_W, 0], [CARD_W, CARD_H], [0, CARD_H]], np.float32)
    matrix = cv2.getPerspectiveTransform(source, target.astype(np.float32))
    warped = cv2.warpPerspective(np.asarray(card, np.float32), matrix, (PHOTO_W, PHOTO_H), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.ones((CARD_H, CARD_W), np.float32), matrix, (PHOTO_W, PHOTO_H))
    shadow = cv2.GaussianBlur(np.roll(mask, (12, 10), axis=(0, 1)), (0, 0), 9)
    photo *= (1 - 0.35 * shadow)[..., None]
    photo[:] = photo * (1 - mask[..., None]) + warped * mask[..., None]


def degrade(photo: np.ndarray, rng: random.Random, nrng: np.random.Generator, effects: list[str]) -> np.ndarray:
    import cv2

    if rng.random() < 0.3:
        effects.append("glare")
        cx, cy = rng.uniform(0.2, 0.8) * PHOTO_W, rng.uniform(0.2, 0.8) * PHOTO_H
        ys, xs = np.mgrid[0:PHOTO_H, 0:PHOTO_W]
        radius = rng.uniform(120, 300)
        blob = np.exp(-(((xs - cx) / (radius * 1.6)) ** 2 + ((ys - cy) / radius) ** 2))
        photo = photo + blob[..., None] * rng.uniform(60, 130)
    if rng.random() < 0.5:
        effects.append("noise")
        photo = photo + nrng.normal(0, rng.uniform(3, 9), photo.shape)
    photo = np.clip(photo, 0, 255).astype(np.uint8)
    if rng.random() < 0.35:
        effects.append("blur")
        photo = cv2.GaussianBlur(photo, (0, 0), rng.uniform(0.6, 1.5))
    return photo


def make_photo(index: int, seed: int = 12) -> tuple[bytes, dict]:
    """Photo ``index`` of the set made with ``seed``: JPEG bytes and its truth ``{"cards": [...]}``."""
    rng = random.Random(f"{seed}:{index}")
    nrng = np.random.default_rng(rng.getrandbits(32))
    photo = table(rng, nrng)
    two = rng.random() < 0.125
    truths = []
    if two:
        side_by_side = rng.random() < 0.6
        for slot in range(2):
            truth, printed = make_person(rng)
            card = render_card(truth, printed, rng)
            if side_by_side:
                centre = (PHOTO_W * (0.26 + 0.48 * slot) + rng.uniform(-15, 15), PHOTO_H / 2 + rng.uniform(-60, 60))
                width = PHOTO_W * rng.uniform(0.42, 0.45)
            else:
                centre = (PHOTO_W / 2 + rng.uniform(-60, 60), PHOTO_H * (0.27 + 0.46 * slot))
                width = PHOTO_H * 0.42 * CARD_W / CARD_H * rng.uniform(0.9, 0.98)
            place(photo, card, centre, width, rng.uniform(-6, 6), 0.02, rng)
            truth.effects.append("two_cards")
            truths.append(truth)
    else:
        truth, printed = make_person(rng)
        card = render_card(truth, printed, rng)
        angle = rng.uniform(-12, 12)
        turn = rng.random()
        if turn < 0.05:
            angle += 180
            truth.effects.append("upside_down")
        elif turn < 0.1:
            angle += rng.choice([90, -90])
            truth.effects.append("sideways")
        elif abs(angle) > 6:
            truth.effects.append("rotated")
        skew = rng.choice([0.0, 0.03, 0.06])
        if skew >= 0.06:
            truth.effects.append("perspective")
        sideways = "sideways" in truth.effects
        width = rng.uniform(0.5, 0.85) * (PHOTO_H * CARD_W / CARD_H * 0.95 if sideways else PHOTO_W)
        if sideways:
            width = min(width, PHOTO_H * 0.92)
        centre = (PHOTO_W / 2 + rng.uniform(-80, 80), PHOTO_H / 2 + rng.uniform(-40, 40))
        place(photo, card, centre, width, angle, skew, rng)
        truths.append(truth)
    effects: list[str] = []
    image = degrade(photo, rng, nrng, effects)
    for truth in truths:
        truth.effects += effects
    out = io.BytesIO()
    Image.fromarray(image).save(out, "JPEG", quality=rng.randint(70, 92))
    return out.getvalue(), {"cards": [asdict(t) for t in truths]}


def generate(out_dir: Path, *, count: int = 120, seed: int = 12) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        data, truth = make_photo(index, seed)
        path = out_dir / f"card-{index:03d}.jpg"
        path.write_bytes(data)
        path.with_suffix(".json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--count", type=int, default=120)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args(argv)
    paths = generate(args.out_dir, count=args.count, seed=args.seed)
    print(f"{len(paths)} photos in {args.out_dir}")


if __name__ == "__main__":
    main()


def panel_photos(company: str = "Larkspur Robotics, Inc.", domain: str = "larkspur.example", *,
                 seed: int = 3) -> list[tuple[bytes, dict]]:
    """Three photos of three cards from one company's interview panel, plainly photographed: for tests."""
    people = [("Rafael Quiñones", "Director of Engineering", "rquinones"),
              ("Meghan Oyelaran-Schmidt", "Senior Controls Engineer", "meghan.os"),
              ("Tomás Wright", "Technical Recruiter", "twright")]
    photos = []
    for slot, (name, title, local) in enumerate(people):
        rng = random.Random(f"panel:{seed}:{slot}")
        nrng = np.random.default_rng(seed * 10 + slot)
        truth, printed = make_person(rng)
        truth.name, truth.title, truth.company, truth.qr = name, title, company, None
        truth.emails, truth.country = [f"{local}@{domain}"], "US"
        number = random_phone(rng, "US", phonenumbers.PhoneNumberType.FIXED_LINE)
        truth.phones = [phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)]
        printed.update(phones=[phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)],
                       address_lines=["1200 Market Street, Suite 400", "San Francisco, CA 94103"], upper_company=False,
                       upper_title=False)
        truth.website, truth.linkedin = f"www.{domain}", ""
        truth.address = "1200 Market Street, Suite 400, San Francisco, CA 94103"
        card = render_card(truth, printed, rng)
        photo = table(rng, nrng)
        place(photo, card, (PHOTO_W / 2, PHOTO_H / 2), PHOTO_W * 0.8, rng.uniform(-4, 4), 0.02, rng)
        out = io.BytesIO()
        Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8)).save(out, "JPEG", quality=88)
        photos.append((out.getvalue(), {"cards": [asdict(truth)]}))
    return photos
