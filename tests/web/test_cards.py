"""Scanning business cards: upload, check each field beside its photo, confirm, and the capture page is filled in."""

from __future__ import annotations

import base64
import functools
import io
import re

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from bench.cards.generate import panel_photos
from clinch.interviews.models import CardPhoto, Company, Contact
from tests.web.flows import JUST_AFTER

SCAN, CONFIRM = reverse("cards_scan"), reverse("cards_confirm")


@functools.cache
def panel() -> list[tuple[bytes, dict]]:
    return panel_photos()


def upload(index: int, name: str = "card.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, panel()[index][0], content_type="image/jpeg")


def review_form(page: str) -> dict:
    """The review page's form as the browser would send it unchanged (inputs, checked boxes, textareas)."""
    data = {}
    for tag in re.findall(r"<input[^>]*>", page):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or 'type="submit"' in tag:
            continue
        if 'type="checkbox"' in tag:
            if "checked" in tag:
                data[name.group(1)] = "on"
            continue
        value = re.search(r'value="([^"]*)"', tag)
        data[name.group(1)] = value.group(1) if value else ""
    for name, text in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>\s*(.*?)</textarea>', page, re.S):
        data[name] = text
    for name, options in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', options) or re.search(r'<option value="([^"]*)"', options)
        data[name] = chosen.group(1) if chosen else ""
    return {k: v.replace("&#x27;", "'").replace("&amp;", "&").replace("&quot;", '"') for k, v in data.items()}


@pytest.fixture
def at_the_lobby():
    with time_machine.travel(JUST_AFTER, tick=False):
        yield


def test_the_capture_page_and_a_contact_offer_to_scan_cards(dana_client, dana):
    assert f'href="{SCAN}"' in dana_client.get(reverse("interview_new")).content.decode()
    contact = Contact.objects.create(owner=dana, name="Jon Petrakis")
    page = dana_client.get(reverse("contact_detail", args=[contact.public_id])).content.decode()
    assert f'href="{SCAN}?contact={contact.public_id}"' in page
    scan = dana_client.get(SCAN).content.decode()
    assert 'capture="environment"' in scan and 'name="photos"' in scan and "multiple" in scan


def test_scanned_cards_are_shown_field_by_field_beside_their_photos_and_nothing_is_saved_yet(dana_client, dana):
    response = dana_client.post(SCAN, {"photos": [upload(0), upload(1), upload(2)]})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Check 3 cards" in page
    for name in ("Rafael Quiñones", "Meghan Oyelaran-Schmidt", "Tomás Wright"):
        assert f'value="{name}"' in page
    assert 'value="rquinones@larkspur.example"' in page and 'value="Larkspur Robotics, Inc."' in page
    assert page.count('src="data:image/jpeg;base64,') == 3
    assert "Tomás: keep the accents exactly" in page
    assert not Contact.objects.filter(owner=dana).exists() and not CardPhoto.objects.exists()


def test_confirming_saves_the_people_and_opens_the_capture_page_filled_in(dana_client, dana, at_the_lobby):
    page = dana_client.post(SCAN, {"photos": [upload(0), upload(1), upload(2)]}).content.decode()
    data = review_form(page)
    data["card-1-name"] = "Meghan Oyelaran-Schmidt"  # a correction the user made is what is saved
    response = dana_client.post(CONFIRM, data)
    assert response.status_code == 302 and response["Location"].startswith(reverse("interview_new") + "?cards=")
    contacts = list(Contact.objects.filter(owner=dana).order_by("name"))
    assert [c.name for c in contacts] == ["Meghan Oyelaran-Schmidt", "Rafael Quiñones", "Tomás Wright"]
    rafael = contacts[1]
    assert rafael.company.name == "Larkspur Robotics, Inc." and rafael.company.website == "https://www.larkspur.example"
    assert rafael.phone.startswith("+1") and rafael.postal_address.endswith("San Francisco, CA 94103")
    assert not CardPhoto.objects.exists()  # not asked to keep the photos
    capture = dana_client.get(response["Location"]).content.decode()
    assert 'value="Larkspur Robotics, Inc."' in capture
    for index, contact in enumerate([contacts[1], contacts[0], contacts[2]]):
        assert f'name="p{index}-name"' in capture
        assert f'value="{contact.email}"' in capture
        assert f'<option value="{contact.public_id}" selected>' in capture


def test_saving_the_filled_in_capture_plans_a_thank_you_per_scanned_person(dana_client, dana, at_the_lobby):
    from clinch.followups.models import FollowUp

    page = dana_client.post(SCAN, {"photos": [upload(0), upload(1), upload(2)]}).content.decode()
    location = dana_client.post(CONFIRM, review_form(page))["Location"]
    form = review_form(dana_client.get(location).content.decode())
    form.update({"role": "Controls Engineer", "p0-topics": "gripper force control", "p1-topics": "ROS 2",
                 "p2-topics": "relocation", "day": "2026-03-05", "start": "13:00", "end": "14:30"})
    response = dana_client.post(reverse("interview_new"), form)
    assert response.status_code == 302, re.findall(r'role="alert">(.*?)</div>', response.content.decode(), re.S)
    assert Contact.objects.filter(owner=dana).count() == 3  # the scanned contacts, not new copies
    assert FollowUp.objects.filter(owner=dana, kind="thank_you").count() == 3


def test_a_card_whose_email_is_already_a_contact_updates_that_contact(dana_client, dana):
    old = Contact.objects.create(owner=dana, name="Rafael Quinones", email="RQuinones@larkspur.example")
    page = dana_client.post(SCAN, {"photos": [upload(0)]}).content.decode()
    assert "Already in your contacts" in page and "Rafael Quinones" in page
    dana_client.post(CONFIRM, review_form(page))
    assert Contact.objects.filter(owner=dana).count() == 1
    old.refresh_from_db()
    assert old.name == "Rafael Quiñones" and old.title == "Director of Engineering"


def test_the_card_photo_is_kept_only_when_asked_without_exif_and_only_for_its_owner(dana_client, dana, client,
                                                                                   mallory):
    page = dana_client.post(SCAN, {"photos": [upload(2)]}).content.decode()
    data = review_form(page)
    data["card-0-keep_photo"] = "on"
    dana_client.post(CONFIRM, data)
    photo = CardPhoto.objects.get(owner=dana)
    assert photo.contact.name == "Tomás Wright"
    stored = Image.open(io.BytesIO(bytes(photo.image)))
    assert stored.format == "JPEG" and not stored.getexif()
    url = reverse("contact_card_photo", args=[photo.contact.public_id])
    assert url in dana_client.get(reverse("contact_detail", args=[photo.contact.public_id])).content.decode()
    mine = dana_client.get(url)
    assert mine.status_code == 200 and mine["Content-Type"] == "image/jpeg"
    client.force_login(mallory)
    assert client.get(url).status_code == 404


def test_a_kept_photo_sent_with_exif_is_stored_without_it(dana_client, dana):
    exif = Image.Exif()
    exif.get_ifd(0x8825)[2] = (52.0, 31.0, 12.0)  # a GPS latitude
    raw = io.BytesIO()
    Image.new("RGB", (600, 340), "white").save(raw, "JPEG", exif=exif)
    data = {"card-TOTAL_FORMS": "1", "card-INITIAL_FORMS": "0", "card-0-use": "on", "card-0-name": "Ana Brandt",
            "card-0-keep_photo": "on", "card-0-photo": base64.b64encode(raw.getvalue()).decode()}
    assert dana_client.post(CONFIRM, data).status_code == 302
    stored = Image.open(io.BytesIO(bytes(CardPhoto.objects.get(owner=dana).image)))
    assert not stored.getexif() and "exif" not in stored.info


def test_scanning_from_a_contact_changes_nothing_until_confirmed(dana_client, dana):
    contact = Contact.objects.create(owner=dana, name="Tomas Wright", email="old@example.org")
    page = dana_client.post(SCAN, {"contact": str(contact.public_id), "photos": [upload(2)]}).content.decode()
    assert "Now on the contact: Tomas Wright" in page and "Save to Tomas Wright" in page
    contact.refresh_from_db()
    assert contact.name == "Tomas Wright"
    response = dana_client.post(CONFIRM, review_form(page))
    assert response["Location"] == reverse("contact_detail", args=[contact.public_id])
    contact.refresh_from_db()
    assert (contact.name, contact.email) == ("Tomás Wright", "twright@larkspur.example")
    assert Contact.objects.filter(owner=dana).count() == 1


def test_another_users_contact_cannot_be_scanned_into(dana_client, mallory):
    theirs = Contact.objects.create(owner=mallory, name="Mallory's contact")
    assert dana_client.get(SCAN + f"?contact={theirs.public_id}").status_code == 404
    data = {"contact": str(theirs.public_id), "card-TOTAL_FORMS": "1", "card-INITIAL_FORMS": "0",
            "card-0-use": "on", "card-0-name": "Overwritten"}
    assert dana_client.post(CONFIRM, data).status_code == 404
    theirs.refresh_from_db()
    assert theirs.name == "Mallory's contact"


def as_heic(jpeg: bytes) -> bytes:
    """The photo as an iPhone sends it by default: HEIC, written by pillow-heif itself."""
    import pillow_heif

    out = io.BytesIO()
    pillow_heif.from_pillow(Image.open(io.BytesIO(jpeg))).save(out, quality=90)
    return out.getvalue()


def test_an_iphone_heic_photo_is_read_like_a_jpeg(dana_client, dana):
    photo = SimpleUploadedFile("IMG_0042.HEIC", as_heic(panel()[0][0]), content_type="image/heic")
    response = dana_client.post(SCAN, {"photos": [photo]})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Rafael Quiñones"' in page and 'value="rquinones@larkspur.example"' in page
    assert page.count('src="data:image/jpeg;base64,') == 1  # shown back as a JPEG the browser can draw
    assert not Contact.objects.filter(owner=dana).exists()


def pdf():
    return SimpleUploadedFile("scan.pdf", b"%PDF-1.7\n1 0 obj\n", content_type="application/pdf")


def heic():
    return SimpleUploadedFile("IMG_0001.HEIC", b"\x00\x00\x00\x18ftypheic" + b"\x00" * 64, content_type="image/heic")


def no_card():
    out = io.BytesIO()
    Image.new("RGB", (1200, 800), (120, 84, 52)).save(out, "JPEG")
    return SimpleUploadedFile("floor.jpg", out.getvalue(), content_type="image/jpeg")


def blurred():
    from PIL import ImageFilter

    out = io.BytesIO()
    Image.open(io.BytesIO(panel()[1][0])).filter(ImageFilter.GaussianBlur(12)).save(out, "JPEG")
    return SimpleUploadedFile("shaky.jpg", out.getvalue(), content_type="image/jpeg")


@pytest.mark.parametrize("make, words", [
    (pdf, "This is a PDF, not a photo"),
    (heic, "The HEIC photo is damaged"),
    (no_card, "No business card found"),
    (blurred, "too blurred"),
    (lambda: SimpleUploadedFile("notes.txt", b"Jon Petrakis, Head of People", content_type="text/plain"),
     "not a photo Clinch can read"),
])
def test_bad_photos_get_a_message_naming_the_problem_and_nothing_is_saved(dana_client, dana, make, words):
    response = dana_client.post(SCAN, {"photos": [make()]})
    page = response.content.decode()
    assert response.status_code == 422 and words in page
    assert "type the people in by hand" in page
    assert not Contact.objects.filter(owner=dana).exists()


def test_a_photo_over_the_size_limit_is_refused_without_reading_it(dana_client, monkeypatch):
    monkeypatch.setattr("clinch.web.cards.MAX_BYTES", 1000)
    page = dana_client.post(SCAN, {"photos": [upload(0, "huge.jpg")]}).content.decode()
    assert "Photo 1 (huge.jpg): it is" in page and "Clinch reads photos up to" in page


def test_one_bad_photo_among_good_ones_is_reported_beside_the_cards_read(dana_client):
    response = dana_client.post(SCAN, {"photos": [upload(0), pdf()]})
    page = response.content.decode()
    assert response.status_code == 200 and 'value="Rafael Quiñones"' in page
    assert "Photo 2 (scan.pdf): This is a PDF" in page


def test_no_photo_or_too_many_photos_are_refused(dana_client):
    assert "Choose or take at least one photo" in dana_client.post(SCAN, {}).content.decode()
    many = [SimpleUploadedFile(f"{i}.jpg", b"x") for i in range(7)]
    assert "at most 6 photos" in dana_client.post(SCAN, {"photos": many}).content.decode()


def test_a_wrong_field_on_confirm_shows_the_cards_again_and_saves_nothing(dana_client, dana):
    page = dana_client.post(SCAN, {"photos": [upload(0), upload(1)]}).content.decode()
    data = review_form(page)
    data["card-1-email"] = "not an email"
    data["card-0-phone"] = "12"
    response = dana_client.post(CONFIRM, data)
    page = response.content.decode()
    assert response.status_code == 422
    assert "Enter a valid email address." in page and "is not a phone number" in page
    assert page.count('src="data:image/jpeg;base64,') == 2  # the photos are still beside the fields
    assert not Contact.objects.filter(owner=dana).exists()


def test_a_card_left_out_is_not_saved(dana_client, dana):
    data = review_form(dana_client.post(SCAN, {"photos": [upload(0), upload(1)]}).content.decode())
    del data["card-1-use"]
    dana_client.post(CONFIRM, data)
    assert list(Contact.objects.filter(owner=dana).values_list("name", flat=True)) == ["Rafael Quiñones"]


def test_a_photo_field_that_is_not_base64_is_never_put_in_the_page(dana_client):
    data = {"card-TOTAL_FORMS": "1", "card-INITIAL_FORMS": "0", "card-0-use": "on", "card-0-name": "",
            "card-0-photo": '"><script>alert(1)</script>'}
    page = dana_client.post(CONFIRM, data).content.decode()
    assert "<script>alert(1)" not in page and "data:image/jpeg" not in page


def test_the_capture_page_ignores_card_ids_that_are_not_the_users(dana_client, mallory):
    theirs = Contact.objects.create(owner=mallory, name="Secret Person", email="secret@example.org")
    page = dana_client.get(reverse("interview_new") + f"?cards={theirs.public_id},not-an-id").content.decode()
    assert "Secret Person" not in page and "secret@example.org" not in page
    assert Company.objects.count() == 0


def test_each_person_gets_the_time_zone_their_card_suggests_or_the_users(dana_client, dana):
    from clinch.web.cards import prefill

    data = review_form(dana_client.post(SCAN, {"photos": [upload(0), upload(1)]}).content.decode())
    assert data["card-0-timezone"] == "America/New_York"  # the card's +1 201 number
    data["card-1-timezone"] = "America/Denver"  # the user's own zone, chosen on the review page
    ids = dana_client.post(CONFIRM, data)["Location"].split("cards=")[1]
    rafael, meghan = (Contact.objects.get(owner=dana, public_id=i) for i in ids.split(","))
    assert (rafael.timezone, meghan.timezone) == ("America/New_York", "")  # blank: the same as the user's
    _, people = prefill(dana, ids, initial={}, people=[])
    assert [p["timezone"] for p in people] == ["America/New_York", "America/Denver"]
    assert set(people[0]) >= {"name", "title", "email", "role", "topics", "contact", "phone", "timezone"}


def test_confirming_with_every_card_left_out_asks_for_one(dana_client, dana):
    data = review_form(dana_client.post(SCAN, {"photos": [upload(0)]}).content.decode())
    del data["card-0-use"]
    response = dana_client.post(CONFIRM, data)
    assert response.status_code == 422 and "on at least one card" in response.content.decode()
    assert not Contact.objects.filter(owner=dana).exists()
