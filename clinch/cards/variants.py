"""Names on a card worth a second look: ones with common spelling variants, and ones with diacritics.

The variant groups are data (``name_variants.toml``, with a note on where they
come from). A diacritic is marked without a table: it is the first thing lost when
a name is retyped (Zoë becomes Zoe).
"""

from __future__ import annotations

import functools
import tomllib
import unicodedata
from importlib import resources


@functools.cache
def _groups() -> dict[str, tuple[str, ...]]:
    """Each spelling (lower case) -> every spelling of its group."""
    with resources.files("clinch.cards").joinpath("name_variants.toml").open("rb") as handle:
        groups = tomllib.load(handle)["groups"]
    index: dict[str, tuple[str, ...]] = {}
    for group in groups:
        for spelling in group:
            index[spelling.lower()] = tuple(group)
    return index


def _has_diacritic(word: str) -> bool:
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", word)) or any(
        c in "łŁøØßæÆđĐıœŒ" for c in word)


def marks(name: str) -> list[str]:
    """Plain-language notes on the words of ``name`` to check against the card, e.g.

    ``marks("Jon Smyth")`` -> ``["Jon: also spelt John, Jonathan, ...", "Smyth: also spelt Smith, ..."]``.
    """
    notes = []
    for word in name.replace(",", " ").split():
        word = word.strip(".")
        others = [s for s in _groups().get(word.lower(), ()) if s.lower() != word.lower()]
        if others:
            notes.append(f"{word}: also spelt {', '.join(others)}")
        elif _has_diacritic(word):
            notes.append(f"{word}: keep the accents exactly")
    return notes
