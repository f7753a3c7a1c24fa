"""``clinch cards read``: the documented JSON per photo, readable text, clear errors and exit codes."""

from __future__ import annotations

import json

from tests.cards.conftest import panel, photo


def test_cards_read_json_prints_one_line_per_photo_in_the_documented_shape(clinch, tmp_path):
    first, second = tmp_path / "rafael.jpg", tmp_path / "two.jpg"
    first.write_bytes(panel()[0][0])
    second.write_bytes(photo(10)[0])
    status, out, err = clinch("cards", "read", first, second, "--json")
    assert status == 0 and err == ""
    one, two = (json.loads(line) for line in out.splitlines())
    assert one == {"cards": [{
        "name": "Rafael Quiñones", "title": "Director of Engineering", "company": "Larkspur Robotics, Inc.",
        "emails": ["rquinones@larkspur.example"], "phones": panel()[0][1]["cards"][0]["phones"],
        "website": "https://www.larkspur.example", "linkedin": None,
        "address": "1200 Market Street, Suite 400, San Francisco, CA 94103", "source": "ocr",
        "confidence": one["cards"][0]["confidence"],
    }]}
    assert 0.5 < one["cards"][0]["confidence"] <= 1
    assert len(two["cards"]) == 2 and {c["source"] for c in two["cards"]} == {"ocr", "qr"}


def test_cards_read_prints_a_readable_summary(clinch, tmp_path):
    path = tmp_path / "card.jpg"
    path.write_bytes(panel()[2][0])
    status, out, _ = clinch("cards", "read", path)
    assert status == 0
    assert "1 card" in out and "Tomás Wright" in out and "twright@larkspur.example" in out
    assert "check     Tomás: keep the accents exactly" in out


def test_a_photo_that_cannot_be_read_gives_its_reason_and_exit_status_1(clinch, tmp_path):
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%...")
    status, out, _ = clinch("cards", "read", pdf, "--json")
    assert status == 1
    data = json.loads(out)
    assert data["cards"] == [] and "PDF" in data["error"]
    status, _, err = clinch("cards", "read", tmp_path / "missing.jpg")
    assert status == 1 and "cannot read" in err


def test_an_unknown_country_is_a_usage_error(clinch, tmp_path):
    status, _, err = clinch("cards", "read", tmp_path / "x.jpg", "--country", "XX")
    assert status == 2 and "--country" in err
