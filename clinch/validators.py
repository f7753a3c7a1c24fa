"""Validators shared by models and forms."""

from __future__ import annotations

import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.deconstruct import deconstructible

from clinch.mail.addresses import NAME_IN_HEADER_MAX, control_positions


@deconstructible
class MaxChars(MaxLengthValidator):
    """A text field's length limit (from ``clinch.core.limits``), enforced on the model as well as
    the form: a ``TextField``'s ``max_length`` alone is only a hint to the form."""

    message = "Keep this to %(limit_value)s characters or fewer (it has %(show_value)s)."


# The languages the decision-date reader reads (clinch.core.timeline.LANGUAGE_NAMES), for a select.
LANGUAGE_CHOICES = [("en", "English"), ("de", "German (Deutsch)"), ("fr", "French (français)"),
                    ("es", "Spanish (español)")]


def validate_timezone(value: str) -> None:
    """An IANA zone name such as ``America/Denver``."""
    if not value:
        return
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(f"{value!r} is not a time zone; use a name like America/Denver.")


def validate_single_line(value: str) -> None:
    """No CR or LF: names, subjects and addresses end up in mail headers."""
    if value and ("\r" in value or "\n" in value):
        raise ValidationError("Line breaks are not allowed here.")


def validate_imap_folder(value: str) -> None:
    """A mailbox name IMAP can take as one quoted string: printable ASCII, so no CR/LF to add a command."""
    if value and not all(" " <= char <= "~" for char in value):
        raise ValidationError("Use the folder's name as your mail program shows it, like INBOX or Sent Items: "
                              "plain letters, digits and punctuation, on one line.")


# The longest name a header takes whole on any Python: one number, where the reason is written.
DISPLAY_NAME_MAX = NAME_IN_HEADER_MAX


def validate_display_name(value: str) -> None:
    """A person's name that ends up in a mail header: one line, no <>" and at most 64 characters."""
    if not value:
        return
    if control_positions(value):
        raise ValidationError("Use a plain name on one line.")
    if any(char in value for char in '<>"'):
        raise ValidationError('A name cannot hold <, > or ": they would change the address it is sent with.')
    if len(value) > DISPLAY_NAME_MAX:
        raise ValidationError(f"At most {DISPLAY_NAME_MAX} characters: the name goes into email headers.")


def validate_country(value: str) -> None:
    """A country code the holidays package knows, optionally with a region: "US", "GB-ENG"."""
    if not value:
        return
    from clinch.core.calendar import UnknownCountry, check_country

    try:
        check_country(value)
    except UnknownCountry as exc:
        raise ValidationError(f"{value!r}: {exc} (try US, GB, GB-ENG, DE-BY).") from None
