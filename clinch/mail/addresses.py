"""Names in mail headers: short enough that no Python's header folding can split their quotes.

Python's email package before 3.12.9 / 3.13.2 (CPython gh-80222) drops the quotes
around a display name when it has to fold that name across lines, so
``"Eve <eve@evil.example>, Longname..." <visitor@example.org>`` goes out as two
addresses. A quoted name folds only when it cannot fit on one line, so Clinch
keeps every name it writes into a header to NAME_IN_HEADER_MAX characters, without
control characters, double quotes or backslashes: quoted, it always fits, on any
Python. Forms refuse longer names and ``<>"`` outright (``validate_display_name``);
this is the last word for names that arrive some other way (contacts, old rows).
"""

from __future__ import annotations

import unicodedata
from email.errors import HeaderParseError
from email.headerregistry import Address

NAME_IN_HEADER_MAX = 64
# Zero-width joiner and non-joiner: part of how names are spelt in Persian, Hindi, Malayalam and
# other scripts, so they are kept inside a word; anywhere else they only hide what a name says.
JOINERS = "\u200c\u200d"


def control_positions(name: str) -> list[int]:
    """Where ``name`` holds an invisible or line-breaking character: controls, format characters (bidi
    overrides, zero-width spaces) and line separators, except a joiner between two letters of a word."""
    return [index for index, char in enumerate(name)
            if unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp"} and not _joins_a_word(name, index)]


def _joins_a_word(name: str, index: int) -> bool:
    if name[index] not in JOINERS or index == 0 or index == len(name) - 1:
        return False
    return all(unicodedata.category(name[i])[0] in "LM" for i in (index - 1, index + 1))


def header_name(name: str) -> str:
    """``name`` as it may appear in a header: one line, no quotes to escape, at most NAME_IN_HEADER_MAX characters."""
    name = name or ""
    controls = set(control_positions(name))
    printable = "".join(" " if index in controls else char for index, char in enumerate(name))
    plain = " ".join(printable.replace('"', "'").replace("\\", "/").split())
    if len(plain) <= NAME_IN_HEADER_MAX:
        return plain
    cut = plain[:NAME_IN_HEADER_MAX]
    return (cut.rsplit(" ", 1)[0] if " " in cut[NAME_IN_HEADER_MAX // 2:] else cut).rstrip(" ,;:")


def mail_address(name: str, email: str) -> str:
    """``"Name" <email>`` (quoted when needed) for From, To and Reply-To; just the address without a name.

    ValueError naming the address when it is not one (a row written around the validators).
    """
    try:
        return str(Address(display_name=header_name(name), addr_spec=email))
    except (ValueError, HeaderParseError) as error:
        raise ValueError(f"{email!r} is not a usable address ({error})") from None
