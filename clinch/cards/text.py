"""What the card reader's modules share: a card's fields as found, and text folded for comparing."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field


DIGITS = re.compile(r"\d")


@dataclass
class Fields:
    name: str = ""
    title: str = ""
    company: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    website: str = ""
    linkedin: str = ""
    address: str = ""
    country: str | None = None
    used: set[int] = field(default_factory=set)  # indices of the lines that became fields
    scores: dict[str, float] = field(default_factory=dict)  # the OCR score of each text field's line


def fold(text: str) -> str:
    """Lower case ASCII letters and digits only: ``Zoë O'Brien`` -> ``zoeobrien``."""
    text = text.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("Ø", "O").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if c.isascii() and c.isalnum()).lower()


def clean(text: str) -> str:
    """A line's text with OCR's stray separators trimmed and spaces collapsed."""
    text = unicodedata.normalize("NFC", text).replace("’", "'").replace("‘", "'").replace("`", "'")
    text = re.sub(r"\s+", " ", text)
    return text.strip(" |•·-–—_~*")
