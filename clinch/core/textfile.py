"""Uploaded text files (invitations, vCards): decoded whatever their encoding, binaries told apart."""

from __future__ import annotations


def is_binary(data: bytes) -> bool:
    """A NUL byte near the start: an image, a PDF's body or another document, not text."""
    return b"\x00" in data[:4096]


def decode(data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), else Windows-1252 as Outlook writes, else Latin-1."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def short(exc: Exception) -> str:
    """A library's error message on one line, short enough to show a user."""
    return " ".join(str(exc).split())[:120]
