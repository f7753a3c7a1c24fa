"""vCards on the contacts pages and the command line: import without duplicates, export, round trip."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clinch.core.vcard import read_vcards
from clinch.interviews.models import Contact
from tests.web.flows import record

IMPORT = reverse("contacts_import")
EXPORT = reverse("contacts_export")

PANEL_VCF = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Brandt;Anna-Lena;;;\r\nFN:Anna-Lena Brandt\r\nORG:Fernwerk Robotics\r\n"
    "TITLE:Senior Robotics Engineer\r\nEMAIL;TYPE=INTERNET:anna-lena.brandt@fernwerk.de\r\n"
    "EMAIL;TYPE=INTERNET,HOME:alb@posteo.de\r\n"
    "TEL;TYPE=WORK:+49 30 1234567\r\nTEL;TYPE=CELL:+49 170 5550123\r\nTEL;TYPE=HOME:+49 30 7654321\r\n"
    "ADR;TYPE=WORK:;;Lindenstraße 21;Berlin;;10969;Germany\r\n"
    "ADR;TYPE=HOME:;Hinterhaus;Görlitzer Straße 3;Berlin;;10997;Germany\r\n"
    "URL:https://www.linkedin.com/in/anna-lena-brandt\r\nURL:https://brandt.example/blog\r\n"
    "NOTE:Met at the Robotics Summit\\; loves sailing.\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Ziegler-Özdemir;Jörg;;;\r\nFN:Jörg Ziegler-Özdemir\r\nORG:Fernwerk Robotics\r\n"
    "TITLE:Head of Motion Control\r\nEMAIL:joerg.ziegler-oezdemir@fernwerk.de\r\nTEL;TYPE=CELL:+49 171 2223344\r\n"
    "END:VCARD\r\n"
)


def vcf(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/vcard")


def contact_state(contact: Contact) -> dict:
    """Everything a contact holds that a vCard carries."""
    return {
        "name": contact.name, "preferred_name": contact.preferred_name, "title": contact.title,
        "company": contact.company.name if contact.company else "", "email": contact.email, "phone": contact.phone,
        "linkedin_url": contact.linkedin_url, "postal_address": contact.postal_address, "notes": contact.notes,
        "card": contact.card,
    }


def test_importing_a_file_with_two_cards_adds_two_contacts_with_everything_on_them(dana_client, dana):
    response = dana_client.post(IMPORT, {"files": [vcf("panel.vcf", PANEL_VCF)]})
    assert response.status_code == 302
    anna = Contact.objects.get(owner=dana, name="Anna-Lena Brandt")
    assert (anna.company.name, anna.title, anna.email, anna.phone) == (
        "Fernwerk Robotics", "Senior Robotics Engineer", "anna-lena.brandt@fernwerk.de", "+49 30 1234567")
    assert anna.postal_address == "Lindenstraße 21\n10969 Berlin\nGermany"
    assert anna.linkedin_url == "https://www.linkedin.com/in/anna-lena-brandt"
    assert anna.card["phones"] == [{"number": "+49 170 5550123", "kind": "cell"}, {"number": "+49 30 7654321", "kind": "home"}]
    assert Contact.objects.filter(owner=dana).count() == 2
    page = dana_client.get(response["Location"]).content.decode()
    assert "Imported 2 cards: 2 new, 0 already in your contacts" in page


def test_round_trip_import_export_import_loses_nothing(dana_client, dana, make_user):
    dana_client.post(IMPORT, {"files": [vcf("panel.vcf", PANEL_VCF)]})
    first = {c.name: contact_state(c) for c in Contact.objects.filter(owner=dana)}
    exported = dana_client.get(EXPORT)
    assert exported["Content-Type"] == "text/vcard; charset=utf-8"
    text = exported.content.decode()
    assert "N:Brandt;Anna-Lena;;;\r\n" in text and "N:Ziegler-Özdemir;Jörg;;;\r\n" in text

    erin = make_user("erin")
    dana_client.force_login(erin)
    dana_client.post(IMPORT, {"files": [vcf("export.vcf", text)]})
    second = {c.name: contact_state(c) for c in Contact.objects.filter(owner=erin)}
    assert second == first
    without_uid = lambda cards: [replace(c, uid="") for c in cards]  # noqa: E731  the uid names the contact row
    assert without_uid(read_vcards(dana_client.get(EXPORT).content)) == without_uid(read_vcards(text))


def test_importing_the_same_file_again_adds_nobody(dana_client, dana):
    dana_client.post(IMPORT, {"files": [vcf("panel.vcf", PANEL_VCF)]})
    response = dana_client.post(IMPORT, {"files": [vcf("panel.vcf", PANEL_VCF)]})
    assert Contact.objects.filter(owner=dana).count() == 2
    assert "2 already in your contacts" in dana_client.get(response["Location"]).content.decode()


def test_a_card_fills_the_gaps_of_the_contact_with_its_email_and_overwrites_nothing(dana_client, dana):
    record(dana)  # Rafael Quiñones, Director of Engineering, rquinones@larkspur.example
    card = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Rafael Quinones\r\nTITLE:VP Engineering\r\n"
            "EMAIL:RQuinones@larkspur.example\r\nTEL;TYPE=CELL:+1 720 555 0199\r\nEND:VCARD\r\n")
    dana_client.post(IMPORT, {"files": [vcf("rafael.vcf", card)]})
    rafael = Contact.objects.get(owner=dana, email="rquinones@larkspur.example")
    assert (rafael.name, rafael.title, rafael.phone) == ("Rafael Quiñones", "Director of Engineering", "+1 720 555 0199")
    assert Contact.objects.filter(owner=dana).count() == 3


def test_a_namesake_without_an_email_is_asked_about_before_anything_is_saved(dana_client, dana):
    record(dana)
    rafael = Contact.objects.get(owner=dana, name="Rafael Quiñones")
    card = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Rafael Quiñones\r\nORG:Larkspur Robotics, Inc.\r\n"
            "TEL;TYPE=CELL:+1 720 555 0199\r\nEND:VCARD\r\n")
    both = PANEL_VCF + card
    asked = dana_client.post(IMPORT, {"files": [vcf("two.vcf", both)]})
    page = asked.content.decode()
    assert asked.status_code == 200
    assert "Yes: the Rafael Quiñones you met on 5 March 2026" in page
    assert Contact.objects.filter(owner=dana).count() == 3  # nothing saved yet, not even the others

    carried = page.split('name="text" value="', 1)[1].split('"', 1)[0]
    import html

    answered = dana_client.post(IMPORT, {"text": html.unescape(carried), "same_as_2": str(rafael.public_id)})
    assert answered.status_code == 302
    rafael.refresh_from_db()
    assert rafael.phone == "+1 720 555 0199"
    assert Contact.objects.filter(owner=dana).count() == 5


def _cards(count: int) -> list:
    """``count`` cards: half by the address of a contact recorded with ``record`` (other case),
    half by the name of one at Larkspur Robotics, Inc. without an address."""
    lines = []
    for index in range(count):
        if index % 2:
            lines.append(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {index}\r\nEMAIL:RQuinones@Larkspur.example\r\nEND:VCARD\r\n")
        else:
            lines.append("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Rafael Quinones\r\nORG:Larkspur Robotics, Inc.\r\nEND:VCARD\r\n")
    return read_vcards("".join(lines))


@pytest.mark.parametrize("count", [20, 40])
def test_planning_an_import_asks_the_database_the_same_few_times_for_any_number_of_cards(
        dana, count, django_assert_max_num_queries):
    from clinch.interviews.contacts import plan_import

    record(dana)
    rafael = Contact.objects.get(owner=dana, name="Rafael Quiñones")
    cards = _cards(count)
    with django_assert_max_num_queries(2):
        plan = plan_import(dana, cards)
    assert plan.matches == tuple(rafael if index % 2 else None for index in range(count))
    assert sorted(plan.questions) == list(range(0, count, 2))
    assert all([n.contact for n in found] == [rafael] for found in plan.questions.values())


@pytest.mark.parametrize("content, message", [
    (b"name,email\nAnna,anna@x.example\n", "not a vCard"),
    (PANEL_VCF.replace("END:VCARD\r\nBEGIN:VCARD", "BEGIN:VCARD", 1).encode(), "damaged"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "not text"),
])
def test_a_bad_file_says_what_is_wrong_and_imports_nothing_from_any_file(dana_client, dana, content, message):
    response = dana_client.post(IMPORT, {"files": [vcf("good.vcf", PANEL_VCF), SimpleUploadedFile("bad.vcf", content)]})
    assert response.status_code == 422
    page = response.content.decode()
    assert message in page and "Nothing was imported." in page
    assert not Contact.objects.filter(owner=dana).exists()


def test_one_contact_exports_as_its_own_card(dana_client, dana):
    record(dana)
    rafael = Contact.objects.get(owner=dana, name="Rafael Quiñones")
    response = dana_client.get(reverse("contact_vcard", args=[rafael.public_id]))
    [card] = read_vcards(response.content)
    assert (card.name, card.given, card.family, card.emails) == (
        "Rafael Quiñones", "Rafael", "Quiñones", ("rquinones@larkspur.example",))


def test_export_all_holds_only_the_users_contacts(dana_client, dana, mallory):
    record(dana)
    record(mallory, company="Secret Co")
    cards = read_vcards(dana_client.get(EXPORT).content)
    assert len(cards) == 3 and {c.company for c in cards} == {"Larkspur Robotics, Inc."}


def test_the_contacts_page_offers_import_and_export(dana_client):
    page = dana_client.get(reverse("contact_list")).content.decode()
    assert f'href="{IMPORT}"' in page and f'href="{EXPORT}"' in page


# --- the command line ------------------------------------------------------------------------

@pytest.fixture
def clinch(capsys):
    from clinch.cli import main

    def run(*argv):
        status = main([str(a) for a in argv])
        out = capsys.readouterr()
        return status, out.out, out.err

    return run


def test_cli_import_and_export_for_a_user(clinch, dana, mallory, tmp_path):
    path = tmp_path / "panel.vcf"
    path.write_text(PANEL_VCF, encoding="utf-8")
    status, out, err = clinch("contacts", "import", path, "--user", "dana@example.org")
    assert (status, err) == (0, "") and "2 new contacts" in out
    status, out, _ = clinch("contacts", "export", "--all", "--user", "dana")
    assert status == 0 and [c.name for c in read_vcards(out)] == ["Anna-Lena Brandt", "Jörg Ziegler-Özdemir"]
    anna = Contact.objects.get(owner=dana, name="Anna-Lena Brandt")
    status, out, _ = clinch("contacts", "export", anna.public_id, "--user", "dana")
    assert status == 0 and [c.name for c in read_vcards(out)] == ["Anna-Lena Brandt"]
    status, _, err = clinch("contacts", "export", anna.public_id, "--user", "mallory")
    assert status == 1 and "no contact" in err


def test_cli_needs_a_user_when_there_are_several(clinch, dana, mallory, tmp_path):
    status, _, err = clinch("contacts", "export", "--all")
    assert status == 2 and "--user" in err


def test_cli_namesakes_stop_the_import_until_the_user_decides(clinch, dana, tmp_path):
    record(dana)
    path = tmp_path / "rafael.vcf"
    path.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Rafael Quiñones\r\nORG:Larkspur Robotics, Inc.\r\nEND:VCARD\r\n")
    status, _, err = clinch("contacts", "import", path, "--user", "dana")
    assert status == 1 and "Is this the Rafael Quiñones you met on 5 March 2026?" in err
    assert Contact.objects.filter(owner=dana).count() == 3
    assert clinch("contacts", "import", path, "--user", "dana", "--namesakes", "same")[0] == 0
    assert Contact.objects.filter(owner=dana).count() == 3
    assert clinch("contacts", "import", path, "--user", "dana", "--namesakes", "new")[0] == 0
    assert Contact.objects.filter(owner=dana).count() == 4


def test_cli_a_broken_file_imports_nothing(clinch, dana, tmp_path):
    path = tmp_path / "broken.vcf"
    path.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:nobody\r\nEND:VCARD\r\n")
    status, _, err = clinch("contacts", "import", path, "--user", "dana")
    assert status == 1 and "Card 1 has no name" in err and "Traceback" not in err


def test_a_card_with_a_field_too_long_for_a_contact_is_named_and_nothing_is_imported(dana_client, dana):
    long_title = "Senior " * 40 + "Engineer"
    card = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kai Lindqvist\r\nTITLE:{long_title}\r\nEND:VCARD\r\n"
    response = dana_client.post(IMPORT, {"files": [vcf("two.vcf", PANEL_VCF + card)]})
    assert response.status_code == 422
    assert "Card 3 (Kai Lindqvist)" in response.content.decode()
    assert not Contact.objects.filter(owner=dana).exists()
