"""The reader's parts on their own: photo checks, QR payloads, fields from text, name checks, zones."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from clinch.cards import NoCardError, PhotoError, read_photo
from clinch.cards import fields as F
from clinch.cards import names as N
from clinch.cards import places, qr, variants
from clinch.cards.ocr import Line
from clinch.cards.photo import MAX_BYTES, open_photo, to_jpeg
from tests.cards.conftest import panel


def jpeg(image: Image.Image, **params) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", **params)
    return out.getvalue()


def with_gps(image: Image.Image) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0112] = 6  # Orientation: turn 90 degrees
    exif.get_ifd(0x8825)[2] = (52.0, 31.0, 12.0)  # GPS latitude
    return jpeg(image, exif=exif)


# -- the photo --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("data, words", [
    (b"", "empty"),
    (b"%PDF-1.7\n...", "PDF"),
    (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "HEIC photo is damaged"),
    (b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "not a photo"),
    (jpeg(Image.new("RGB", (800, 500)))[:600], "damaged"),
])
def test_files_that_are_not_readable_photos_are_refused_with_the_reason(data, words):
    with pytest.raises(PhotoError, match=words):
        open_photo(data)


def heic(image: Image.Image, **params) -> bytes:
    import pillow_heif

    out = io.BytesIO()
    pillow_heif.from_pillow(image).save(out, **params)
    return out.getvalue()


def test_a_heic_photo_opens_as_an_upright_rgb_picture_without_metadata():
    image = Image.new("RGB", (800, 400), "white")
    image.paste((20, 40, 200), (0, 0, 400, 400))
    data = heic(image, quality=90)
    assert data[4:12] == b"ftypheic"
    opened = open_photo(data)
    assert opened.mode == "RGB" and opened.size == (800, 400)
    assert opened.getpixel((100, 100))[2] > 150 and opened.getpixel((700, 100)) > (230, 230, 230)
    assert not opened.getexif() and "exif" not in opened.info


def test_a_heic_photo_with_a_location_loses_it():
    image = Image.new("RGB", (800, 400), "white")
    exif = Image.Exif()
    exif.get_ifd(0x8825)[2] = (52.0, 31.0, 12.0)  # GPS latitude
    opened = open_photo(heic(image, exif=exif.tobytes()))
    assert not opened.getexif() and "exif" not in opened.info
    kept = Image.open(io.BytesIO(to_jpeg(opened)))
    assert not kept.getexif()


def test_a_huge_heic_is_refused_by_its_pixel_count():
    data = heic(Image.new("L", (9000, 5000)), quality=10)
    with pytest.raises(PhotoError, match="9000×5000 pixels"):
        open_photo(data)


def test_a_huge_file_is_refused_before_it_is_decoded_and_the_limit_is_named():
    with pytest.raises(PhotoError, match="up to 15 MB"):
        open_photo(b"\xff\xd8" + b"\x00" * MAX_BYTES)


def test_a_photo_of_too_many_pixels_is_refused_and_the_limit_is_named():
    big = io.BytesIO()
    Image.new("L", (9000, 5000)).save(big, "PNG")  # small file, 45 megapixels
    with pytest.raises(PhotoError, match="9000×5000 pixels.*40 megapixels"):
        open_photo(big.getvalue())


def test_exif_is_dropped_after_turning_the_photo_upright():
    image = open_photo(with_gps(Image.new("RGB", (800, 400), "white")))
    assert image.size == (400, 800)  # the orientation tag was applied...
    assert not image.getexif() and "exif" not in image.info  # ...and then dropped, location included
    kept = Image.open(io.BytesIO(to_jpeg(image)))
    assert not kept.getexif() and "exif" not in kept.info


def test_a_large_photo_is_shrunk_before_any_work():
    image = open_photo(jpeg(Image.new("RGB", (4000, 3000), "white")))
    assert max(image.size) == 2000


def test_a_photo_without_a_card_says_so():
    import random

    import numpy as np

    from bench.cards.generate import table

    empty_table = table(random.Random(1), np.random.default_rng(1)).astype("uint8")
    for picture in (Image.fromarray(empty_table), Image.new("RGB", (1600, 1000), (120, 84, 52))):
        with pytest.raises(NoCardError, match="No business card found"):
            read_photo(jpeg(picture))


def test_a_blurred_card_says_it_is_blurred():
    from PIL import ImageFilter

    sharp = Image.open(io.BytesIO(panel()[1][0]))  # a light card on a darker table
    with pytest.raises(NoCardError, match="too blurred"):
        read_photo(jpeg(sharp.filter(ImageFilter.GaussianBlur(12))))


# -- QR payloads ------------------------------------------------------------------------------------------------


def test_a_vcard_payload_gives_its_fields_with_escapes_undone():
    fields = qr.parse("BEGIN:VCARD\r\nVERSION:3.0\r\nN:O'Brien;Zoë;;Dr.;\r\nFN:Dr. Zoë O'Brien\r\n"
                      "ORG:Acme\\, Inc.;Robotics\r\nTITLE:Head of People\r\nTEL;TYPE=CELL:+49 151 23456789\r\n"
                      "EMAIL:zoe@acme.example\r\nADR;TYPE=WORK:;;Friedrichstraße 1;Berlin;;10117;Germany\r\n"
                      "END:VCARD")
    assert (fields.kind, fields.name, fields.company, fields.title) == (
        "vcard", "Dr. Zoë O'Brien", "Acme, Inc. Robotics", "Head of People")
    assert fields.phones == ["+49 151 23456789"] and fields.emails == ["zoe@acme.example"]
    assert fields.address == "Friedrichstraße 1, Berlin, 10117, Germany"


def test_a_vcard_without_fn_builds_the_name_from_n():
    assert qr.parse("BEGIN:VCARD\nN:Petrakis;Jon;;;\nEND:VCARD").name == "Jon Petrakis"


def test_a_mecard_payload_gives_its_fields():
    fields = qr.parse("MECARD:N:Petrakis,Jon;TEL:+302101234567;EMAIL:jon@example.gr;URL:https\\://example.gr;;")
    assert (fields.kind, fields.name, fields.phones, fields.emails, fields.urls) == (
        "mecard", "Jon Petrakis", ["+302101234567"], ["jon@example.gr"], ["https://example.gr"])


def test_a_url_qr_is_kept_and_other_payloads_ignored():
    assert qr.parse("https://www.linkedin.com/in/jon").urls == ["https://www.linkedin.com/in/jon"]
    assert qr.parse("WIFI:S:guest;T:WPA;P:secret;;") is None


# -- fields from lines ------------------------------------------------------------------------------------------


def lines(*texts: str, heights=None) -> list[Line]:
    heights = heights or [30] * len(texts)
    out, top = [], 0.0
    for text, height in zip(texts, heights):
        out.append(Line(text, 0.99, (50.0, top, 50.0 + 14 * len(text), top + height)))
        top += height * 1.5
    return out


def test_fields_come_from_their_shapes_whatever_the_order():
    found = F.extract(lines(
        "M | 0151 2345 6789", "Fax +49 30 1234 5679", "Nordlicht Software GmbH", "Leiterin Personal",
        "Zoë Müller", "E: zoe.mueller@nordlicht.de", "Friedrichstraße 123", "10117 Berlin",
        heights=[24, 24, 30, 26, 44, 24, 24, 24]), default_region="US")
    assert found.name == "Zoë Müller" and found.title == "Leiterin Personal"
    assert found.company == "Nordlicht Software GmbH"
    assert found.emails == ["zoe.mueller@nordlicht.de"]
    assert found.phones == ["+4915123456789"]  # national number read as German from the address; fax left out
    assert found.address == "Friedrichstraße 123, 10117 Berlin" and found.country == "DE"


def test_ocr_slips_in_an_email_are_undone_only_when_the_printed_name_shows_them():
    assert N._repair_email("francois_garcla@zephyr.example", "François García") == "francois_garcia@zephyr.example"
    assert N._repair_email("aftzgerald@basalt.example", "Ana Fitzgerald") == "afitzgerald@basalt.example"
    assert N._repair_email("meghan.os@larkspur.example", "Meghan Oyelaran-Schmidt") == "meghan.os@larkspur.example"
    assert N._repair_email("hr@acme.example", "Jon Petrakis") == "hr@acme.example"


def test_words_run_together_by_ocr_are_split_but_mc_and_mac_names_are_not():
    assert N._split_run_together("SørenKowalczyk") == "Søren Kowalczyk"
    assert N._split_run_together("OscarO'Brien") == "Oscar O'Brien"
    assert N._split_run_together("Kai McAllister") == "Kai McAllister"
    assert N._split_run_together("Ewan MacLeod") == "Ewan MacLeod"


def test_a_name_printed_in_capitals_gets_ordinary_capitals():
    assert N._nice_name("KAI MCALLISTER") == "Kai McAllister"
    assert N._nice_name("Siobhán O'Connor") == "Siobhán O'Connor"


# -- names, places ----------------------------------------------------------------------------------------------


def test_names_with_common_spelling_variants_or_accents_are_marked():
    assert variants.marks("Jon Smyth") == [
        "Jon: also spelt John, Jonathan, Johnathan, Jonathon", "Smyth: also spelt Smith, Smithe, Smythe"]
    assert variants.marks("Zoë Okafor") == ["Zoë: also spelt Zoe, Zoey, Zoie"]
    assert variants.marks("Łukasz Brennan") == ["Łukasz: keep the accents exactly"]
    assert variants.marks("Priya Raman") == []


@pytest.mark.parametrize("address, country", [
    (["Stationsplein 45", "1015 CJ Amsterdam"], "NL"),
    (["Corso Buenos Aires 33", "20121 Milano"], "IT"),
    (["1200 Market Street", "San Francisco, CA 94103"], "US"),
    (["1 Grand Canal Square", "Dublin 2, D02 P820"], "IE"),
])
def test_the_country_is_read_from_the_address(address, country):
    assert places.country_from_address(address) == country


def test_the_time_zone_comes_from_the_phone_then_the_country():
    assert places.timezone_for(phones=["+12125550123"], country="US") == "America/New_York"
    assert places.timezone_for(phones=[], country="FR") == "Europe/Paris"
    assert places.timezone_for(phones=[], country="US") is None  # several zones: no guess


def test_a_qr_code_alone_gives_the_card():
    import numpy as np
    import zxingcpp

    vcard = "BEGIN:VCARD\nVERSION:3.0\nFN:Zoë O'Brien\nORG:Acme GmbH\nTEL:+49 30 1234567\nEMAIL:zoe@acme.example\nEND:VCARD"
    code = Image.fromarray(np.array(zxingcpp.create_barcode(vcard, zxingcpp.BarcodeFormat.QRCode).to_image(scale=8)))
    picture = Image.new("RGB", (1200, 900), "white")
    picture.paste(code.convert("RGB"), (300, 150))
    (card,) = read_photo(jpeg(picture, quality=95)).cards
    assert (card.source, card.name, card.company) == ("qr", "Zoë O'Brien", "Acme GmbH")
    assert list(card.phones) == ["+49301234567"] and list(card.emails) == ["zoe@acme.example"]
    assert card.timezone == "Europe/Berlin"
