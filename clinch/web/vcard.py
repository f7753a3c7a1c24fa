"""One contact as a vCard 3.0 (RFC 2426), for the phone's address book.

Hand-written: a dozen properties do not earn a dependency. Text is escaped
(backslash, comma, semicolon, newline) and lines are folded at 75 octets
without splitting a UTF-8 character.
"""

from __future__ import annotations


def escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        .replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    )


def fold(line: str, limit: int = 75) -> str:
    """``line`` folded into CRLF-joined pieces of at most ``limit`` octets (continuations start with a space)."""
    pieces, current, size = [], "", 0
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            pieces.append(current)
            current, size = " ", 1
        current += char
        size += width
    pieces.append(current)
    return "\r\n".join(pieces)


def contact_vcard(contact) -> str:
    """The vCard text of ``contact`` (a ``clinch.interviews.models.Contact``, company loaded)."""
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"FN:{escape(contact.name)}",
        # The name is kept whole: which part is the family name is not ours to guess.
        f"N:;{escape(contact.name)};;;",
    ]
    optional = [
        ("NICKNAME", contact.preferred_name),
        ("ORG", contact.company.name if contact.company_id else ""),
        ("TITLE", contact.title),
        ("EMAIL;TYPE=INTERNET", contact.email),
        ("TEL;TYPE=WORK", contact.phone),
        ("URL", contact.linkedin_url),
        ("NOTE", contact.notes),
    ]
    lines += [f"{name}:{escape(value)}" for name, value in optional if value]
    if contact.postal_address:
        lines.append(f"ADR;TYPE=WORK:;;{escape(contact.postal_address)};;;;")
    lines += [f"UID:urn:uuid:{contact.public_id}", "END:VCARD"]
    return "".join(fold(line) + "\r\n" for line in lines)
