"""Rule 2 on paper: a handwritten card as a printable PDF, an A6 card and its C6 envelope.

The PDF is rendered to PNG (pdftoppm) and read back (pdftotext): the drafted text, the
recipient's postal address and the mail-by date are there, every word lies inside the
printable area of its page, and nothing is drawn outside it."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import datetime

import pytest
import time_machine
from django.urls import reverse
from PIL import Image

from clinch.followups import card_pdf
from clinch.followups.models import FollowUp
from tests.web.flows import DENVER, JUST_AFTER, record

pytestmark = [pytest.mark.django_db,
              pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils: run scripts/system-deps.sh")]

MM = 72 / 25.4  # PDF points per millimetre
ADDRESS = "Attn. Rafael Quiñones\n2200 Larkspur Way, Suite 400\nBoulder, CO 80301"


@pytest.fixture
def card(dana):
    """The Larkspur onsite with a decision three weeks away: the plan proposes a card to Rafael."""
    with time_machine.travel(JUST_AFTER, tick=False):
        interview = record(dana, next_step="We'll decide by March 27.")
    followup = FollowUp.objects.get(opportunity=interview.opportunity, kind="handwritten_card")
    followup.contact.postal_address = ADDRESS
    followup.contact.save()
    return followup


def words_with_boxes(pdf_path) -> list[list[dict]]:
    """Per page: its size and every word with its box, in points (pdftotext -bbox)."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf_path), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S):
        words = [dict(x0=float(a), y0=float(b), x1=float(c), y1=float(d), text=t) for a, b, c, d, t in
                 re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page[2])]
        pages.append({"width": float(page[0]), "height": float(page[1]), "words": words})
    return pages


def ink_box(png) -> tuple[int, int, int, int]:
    """The box around every pixel that is not white."""
    image = Image.open(png).convert("L").point(lambda v: 255 if v > 245 else 0)
    return Image.eval(image, lambda v: 255 - v).getbbox()


def fetch(client, followup, tmp_path):
    with time_machine.travel(JUST_AFTER, tick=False):
        response = client.get(reverse("followup_card_pdf", args=[followup.public_id]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "card.pdf"
    path.write_bytes(response.content)
    return path


def test_the_card_pdf_holds_the_text_the_address_and_the_mail_by_date_inside_the_card(dana_client, card, tmp_path):
    path = fetch(dana_client, card, tmp_path)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    for word in card.body.split():
        assert word in flat, word
    for line in ["Rafael Quiñones", "Larkspur Robotics", "2200 Larkspur Way, Suite 400", "Boulder, CO 80301"]:
        assert line in flat
    mail_by = (card.deadline or card.send_at).astimezone(DENVER)
    assert f"Mail by {mail_by:%a} {mail_by.day} {mail_by:%b %Y}" in flat

    card_page, envelope = words_with_boxes(path)
    assert (round(card_page["width"] / MM), round(card_page["height"] / MM)) == (148, 105)  # A6
    assert (round(envelope["width"] / MM), round(envelope["height"] / MM)) == (162, 114)  # C6 takes A6
    margin = card_pdf.MARGIN * MM - 1
    for page in (card_page, envelope):
        for word in page["words"]:
            assert word["x0"] >= margin and word["y0"] >= margin, word
            assert word["x1"] <= page["width"] - margin and word["y1"] <= page["height"] - margin, word

    subprocess.run(["pdftoppm", "-r", "100", "-png", str(path), str(tmp_path / "page")], check=True)
    pngs = sorted(tmp_path.glob("page-*.png"))
    assert len(pngs) == 2
    for png in pngs:
        width, height = Image.open(png).size
        left, top, right, bottom = ink_box(png)
        edge = card_pdf.MARGIN * 100 / 25.4 - 2  # the margin in pixels at 100 dpi
        assert left >= edge and top >= edge and right <= width - edge and bottom <= height - edge, (png.name, (left, top, right, bottom))


def test_a_long_card_is_set_smaller_and_still_fits(dana_client, card, tmp_path):
    card.body = ("Dear Rafael,\n\n" + "Thank you for the tour of the lab and for the time on the gripper. " * 6
                 + "\n\nWith thanks,\nDana")
    card.save()
    path = fetch(dana_client, card, tmp_path)
    card_page = words_with_boxes(path)[0]
    heights = {round(w["y1"] - w["y0"], 1) for w in card_page["words"]}
    assert max(heights) < 14 * 1.2  # smaller than the first size tried
    assert all(w["y1"] <= card_page["height"] - card_pdf.MARGIN * MM + 1 for w in card_page["words"])
    assert " ".join(w["text"] for w in card_page["words"]).count("gripper") == 6


def test_a_text_too_long_for_any_card_is_refused_with_a_message(dana_client, card):
    card.body = "Thank you for a wonderful afternoon at the lab. " * 40
    card.save()
    response = dana_client.get(reverse("followup_card_pdf", args=[card.public_id]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("followup", args=[card.public_id])
    assert "does not fit on the card" in response.content.decode()


def test_someone_elses_card_is_not_found(card, mallory, client):
    client.force_login(mallory)
    assert client.get(reverse("followup_card_pdf", args=[card.public_id])).status_code == 404


def test_the_plan_and_the_editor_offer_the_printable_card(dana_client, card):
    with time_machine.travel(JUST_AFTER, tick=False):
        plan = dana_client.get(reverse("opportunity", args=[card.opportunity.public_id])).content.decode()
        editor = dana_client.get(reverse("followup", args=[card.public_id])).content.decode()
    url = reverse("followup_card_pdf", args=[card.public_id])
    assert url in plan and url in editor and "Print the card and envelope (PDF)" in editor


def test_only_a_handwritten_card_has_a_pdf(dana_client, card):
    thank_you = FollowUp.objects.filter(opportunity=card.opportunity, kind="thank_you").first()
    response = dana_client.get(reverse("followup_card_pdf", args=[thank_you.public_id]))
    assert response.status_code == 302


def test_layout_never_overflows_for_any_length_that_fits():
    """Directly on the renderer: every length either fits inside the card or is refused."""
    for repeat in (1, 5, 10, 15, 20, 30):
        text = "Thank you for the afternoon with the team. " * repeat
        try:
            pdf = card_pdf.render(card_pdf.CardText(body=text, recipient="R", address="", mail_by=datetime(2026, 3, 9).date()))
        except card_pdf.CardTooLong:
            assert repeat >= 15
            continue
        assert pdf.startswith(b"%PDF")
