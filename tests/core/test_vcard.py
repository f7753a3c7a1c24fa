"""vCards: many cards per file, every version phones write, names split for sorting, clear errors."""

from __future__ import annotations

import pytest

from clinch.core.vcard import MAX_BYTES, Address, Card, Phone, VCardError, read_vcards, split_name, write_vcard

THREE = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Brandt;Anna-Lena;;;\r\nFN:Anna-Lena Brandt\r\nORG:Fernwerk Robotics GmbH;R&D\r\n"
    "TITLE:Senior Robotics Engineer\r\nEMAIL;TYPE=INTERNET,WORK:anna-lena.brandt@fernwerk.de\r\n"
    "TEL;TYPE=WORK,VOICE:+49 30 1234567\r\nTEL;TYPE=CELL:+49 170 5550123\r\n"
    "ADR;TYPE=WORK:;;Lindenstraße 21;Berlin;;10969;Germany\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=96zt=C3=BCrk;Ay=C5=9Fe;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Ay=C5=9Fe =C3=96zt=C3=BCrk\r\nTEL;CELL:+90 532 555 0101\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Siobhán O'Connor\r\nN:O'Connor;Siobhán;;;\r\n"
    "TEL;VALUE=uri;TYPE=\"work,voice\":tel:+1-206-555-0100\r\nEMAIL:siobhan@cascadia.example\r\nEND:VCARD\r\n"
)


def test_one_file_holds_many_cards_in_every_version():
    brandt, oztürk, oconnor = read_vcards(THREE.encode())
    assert (brandt.name, brandt.given, brandt.family, brandt.company) == (
        "Anna-Lena Brandt", "Anna-Lena", "Brandt", "Fernwerk Robotics GmbH")
    assert brandt.phones == (Phone("+49 30 1234567", "work"), Phone("+49 170 5550123", "cell"))
    assert brandt.addresses == (Address(street="Lindenstraße 21", locality="Berlin", postal_code="10969",
                                        country="Germany", kind="work"),)
    assert (oztürk.name, oztürk.family, oztürk.phones) == ("Ayşe Öztürk", "Öztürk", (Phone("+90 532 555 0101", "cell"),))
    assert (oconnor.name, oconnor.phones[0].number, oconnor.emails) == (
        "Siobhán O'Connor", "+1-206-555-0100", ("siobhan@cascadia.example",))


def test_writing_and_reading_back_loses_nothing():
    for card in read_vcards(THREE):
        assert read_vcards(write_vcard(card)) == [card]


def test_written_cards_are_vcard_3_with_n_for_sorting():
    text = write_vcard(Card(name="Ana de la Cruz", company="Larkspur Robotics, Inc."))
    assert text.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n") and text.endswith("END:VCARD\r\n")
    assert "N:de la Cruz;Ana;;;\r\n" in text
    assert "ORG:Larkspur Robotics\\, Inc.\r\n" in text


@pytest.mark.parametrize("name, parts", [
    ("Anna-Lena Brandt", ("", "Anna-Lena", "", "Brandt", "")),
    ("Jon Q. Petrakis Jr.", ("", "Jon", "Q.", "Petrakis", "Jr.")),
    ("Dr. Ana de la Cruz", ("Dr.", "Ana", "", "de la Cruz", "")),
    ("Nguyễn Văn An", ("", "Văn An", "", "Nguyễn", "")),
    ("Cher", ("", "Cher", "", "", "")),
])
def test_names_split_into_given_and_family(name, parts):
    assert split_name(name) == parts


def test_not_a_vcard_says_so():
    with pytest.raises(VCardError, match="not a vCard"):
        read_vcards(b"name,email\nAnna,anna@x.example\n")


def test_a_damaged_card_is_named_and_nothing_is_returned():
    broken = THREE.replace("END:VCARD\r\nBEGIN:VCARD\r\nVERSION:2.1", "BEGIN:VCARD\r\nVERSION:2.1", 1)
    with pytest.raises(VCardError, match="damaged at card"):
        read_vcards(broken)


def test_a_card_with_nobody_on_it_is_refused():
    with pytest.raises(VCardError, match="Card 1 has no name"):
        read_vcards("BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:just a note\r\nEND:VCARD\r\n")


def test_too_large_and_binary_files_are_refused():
    with pytest.raises(VCardError, match="too large"):
        read_vcards(b"BEGIN:VCARD\r\n" + b"X" * MAX_BYTES)
    with pytest.raises(VCardError, match="not text"):
        read_vcards(b"\xff\xd8\xff\xe0\x00\x10JFIF")
