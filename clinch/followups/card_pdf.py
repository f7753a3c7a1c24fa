"""A handwritten card on paper: a printable PDF of the card and its envelope (fpdf2).

Page 1 is an A6 card (148 x 105 mm, landscape) with the drafted text, set in the largest
size that fits inside the margins. Page 2 is a C6 envelope (162 x 114 mm), which takes the
A6 card, with the recipient's postal address and, in the stamp corner, the mail-by date
(the stamp covers it once the card is posted). The person copies the text by hand or
prints it on card stock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from fpdf import FPDF

CARD = (148.0, 105.0)      # A6, landscape, mm
ENVELOPE = (162.0, 114.0)  # C6, landscape, mm
MARGIN = 10.0
SIZES = (16, 15, 14, 13, 12, 11, 10.5, 10, 9.5, 9)  # points, largest first; smaller is hard to copy by hand
LINE = 1.35  # line height as a multiple of the font size
MAX_TEXT = 2000  # characters: a card holds far less; longer text is refused, not squeezed
# DejaVu (Debian: fonts-dejavu-core) covers every European name; without it, the PDF core font.
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


@dataclass(frozen=True)
class CardText:
    """What goes on paper. ``address`` is the recipient's postal address, one line per line."""

    body: str
    recipient: str
    address: str
    mail_by: date
    sender: str = ""


class CardTooLong(ValueError):
    """The text does not fit on the card even at the smallest readable size."""


def render(card: CardText) -> bytes:
    """The PDF (two pages: card, envelope). Raises CardTooLong when the text cannot fit."""
    if len(card.body) > MAX_TEXT:
        raise CardTooLong(f"A card holds at most {MAX_TEXT} characters; this text has {len(card.body)}.")
    pdf = FPDF(unit="mm")
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    family = _font(pdf)
    pdf.set_title(f"Card to {card.recipient}")
    _card_page(pdf, family, card)
    _envelope_page(pdf, family, card)
    return bytes(pdf.output())


def _font(pdf: FPDF) -> str:
    if (FONT_DIR / "DejaVuSerif.ttf").exists():
        pdf.add_font("CardSerif", "", str(FONT_DIR / "DejaVuSerif.ttf"))
        pdf.add_font("CardSerif", "I", str(FONT_DIR / "DejaVuSerif-Italic.ttf")
                     if (FONT_DIR / "DejaVuSerif-Italic.ttf").exists() else str(FONT_DIR / "DejaVuSerif.ttf"))
        return "CardSerif"
    return "Times"


def _plain(pdf: FPDF, text: str) -> str:
    """With the core font only Latin-1 prints: typographic quotes and dashes become plain ones."""
    if pdf.font_family != "times":
        return text
    swaps = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u2026": "..."}
    text = "".join(swaps.get(ch, ch) for ch in text)
    return text.encode("latin-1", "replace").decode("latin-1")


def fitting_size(pdf: FPDF, text: str, width: float, height: float) -> float:
    """The largest size in SIZES at which ``text``, wrapped to ``width`` mm, is at most ``height`` mm tall."""
    for size in SIZES:
        pdf.set_font_size(size)
        lines = pdf.multi_cell(width, size * LINE * 25.4 / 72, text, dry_run=True, output="LINES")
        if len(lines) * size * LINE * 25.4 / 72 <= height:
            return size
    raise CardTooLong("The text does not fit on the card: shorten it.")


def _card_page(pdf: FPDF, family: str, card: CardText) -> None:
    pdf.add_page(format=CARD)
    pdf.set_font(family, "", 12)
    text = _plain(pdf, card.body.strip())
    width, height = CARD[0] - 2 * MARGIN, CARD[1] - 2 * MARGIN
    size = fitting_size(pdf, text, width, height)
    pdf.set_font_size(size)
    pdf.set_xy(MARGIN, MARGIN)
    pdf.multi_cell(width, size * LINE * 25.4 / 72, text, align="L")


def _envelope_page(pdf: FPDF, family: str, card: CardText) -> None:
    pdf.add_page(format=ENVELOPE)
    pdf.set_font(family, "", 9)
    if card.sender:
        pdf.set_xy(MARGIN, MARGIN)
        pdf.multi_cell(60, 4.5, _plain(pdf, card.sender))
    # The stamp corner: a box the stamp covers, with the date it must be posted by.
    stamp_w, stamp_h = 26.0, 30.0
    x = ENVELOPE[0] - MARGIN - stamp_w
    pdf.set_draw_color(150, 150, 150)
    pdf.rect(x, MARGIN, stamp_w, stamp_h)
    pdf.set_font_size(7.5)
    pdf.set_xy(x, MARGIN + 8)
    pdf.multi_cell(stamp_w, 3.6, f"Stamp\nMail by\n{card.mail_by.strftime('%a %d %b %Y').replace(' 0', ' ')}",
                   align="C")
    # The recipient, right of centre, as post offices read it.
    lines = [card.recipient] + [line.strip() for line in card.address.splitlines() if line.strip()]
    pdf.set_font_size(12)
    pdf.set_xy(ENVELOPE[0] * 0.42, ENVELOPE[1] * 0.48)
    pdf.multi_cell(ENVELOPE[0] * 0.58 - MARGIN, 6, _plain(pdf, "\n".join(lines)))
