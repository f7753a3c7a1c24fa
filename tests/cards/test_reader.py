"""The card reader on generated card photos: every field exact, QR preferred, several cards per photo."""

from __future__ import annotations

import pytest

from tests.cards.conftest import photo, reading


def truth(index: int, card: int = 0) -> dict:
    return photo(index)[1]["cards"][card]


def card_for(index: int, email: str):
    return next(c for c in reading(index).cards if email in c.emails)


@pytest.mark.parametrize("index", [5, 22])
def test_a_photographed_card_gives_every_field_exactly(index):
    want = truth(index)
    (card,) = reading(index).cards
    assert card.name == want["name"]  # accents and apostrophes kept: Müller, O'Brien
    assert card.title.casefold() == want["title"].casefold()  # printed in capitals on some cards
    assert card.company.casefold() == want["company"].casefold()
    assert list(card.emails) == want["emails"]
    assert list(card.phones) == want["phones"]  # E.164
    assert card.source == "ocr" and 0.5 < card.confidence <= 1


def test_website_linkedin_and_address_are_read_from_a_two_column_card():
    want = truth(22)
    (card,) = reading(22).cards
    assert card.website == f"https://{want['website']}"
    assert card.linkedin == f"https://www.{want['linkedin']}"
    assert card.address == want["address"]


def test_a_card_photographed_upside_down_is_read_the_right_way_up():
    want = truth(6)
    (card,) = reading(6).cards
    assert (card.name, list(card.emails), list(card.phones)) == (want["name"], want["emails"], want["phones"])
    assert card.lines[0] == want["name"]  # the name is at the top of the turned card


def test_a_photo_with_two_cards_gives_two_people():
    cards = reading(10).cards
    assert len(cards) == 2
    first, second = truth(10, 0), truth(10, 1)
    assert card_for(10, first["emails"][0]).name == first["name"]
    assert card_for(10, second["emails"][0]).name == second["name"]


def test_a_vcard_qr_code_is_preferred_and_gives_full_confidence():
    want = truth(8)
    assert want["qr"] == "vcard"
    (card,) = reading(8).cards
    assert card.source == "qr" and card.confidence == 1.0
    assert (card.name, card.company, card.title) == (want["name"], want["company"], want["title"])
    assert list(card.phones) == want["phones"] and list(card.emails) == want["emails"]


def test_a_mecard_qr_code_is_read_too():
    want = truth(33)
    assert want["qr"] == "mecard"
    (card,) = reading(33).cards
    assert card.source == "qr"
    assert (card.name, list(card.emails), list(card.phones)) == (want["name"], want["emails"], want["phones"])


def test_the_cards_country_suggests_the_time_zone():
    (card,) = reading(5).cards  # a German card
    assert (card.country, card.timezone) == ("DE", "Europe/Berlin")


def test_the_json_shape_is_the_documented_one():
    (card,) = reading(22).cards
    data = card.as_json()
    assert list(data) == ["name", "title", "company", "emails", "phones", "website", "linkedin", "address",
                          "source", "confidence"]
    assert data["source"] == "ocr" and isinstance(data["emails"], list)


def test_the_generator_is_deterministic():
    from bench.cards.generate import make_photo

    assert make_photo(3) == make_photo(3)
    assert make_photo(3)[0] != make_photo(4)[0]
