"""Mail account passwords and OAuth tokens, encrypted at rest with a key from the environment.

The key is ``settings.FIELD_ENCRYPTION_KEY`` (env ``FIELD_ENCRYPTION_KEY``, or
the file ``var/field_encryption_key`` made on first start). Fernet needs 32
bytes, so the key is stretched with SHA-256: any string works.

Losing the key means losing the stored passwords, nothing else: users type
them again on the Mail page (``decrypt`` answers "" for a token it cannot
read, and the page says so). To rotate, set ``FIELD_ENCRYPTION_KEY`` to the new
key and ``FIELD_ENCRYPTION_OLD_KEYS`` to the old ones (comma separated), then run
``clinch manage shell -c "from clinch.mail.crypto import reencrypt_all; reencrypt_all()"``.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


# Every secret a MailAccount holds: passwords, and the OAuth tokens of a signed-in account.
ENCRYPTED_FIELDS = ["smtp_password_encrypted", "imap_password_encrypted",
                    "oauth_refresh_token_encrypted", "oauth_access_token_encrypted"]


def _fernet(key: str) -> Fernet:
    digest = hashlib.sha256(("clinch-mail-password:" + key).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def _keys() -> MultiFernet:
    old = [key for key in getattr(settings, "FIELD_ENCRYPTION_OLD_KEYS", []) if key]
    return MultiFernet([_fernet(settings.FIELD_ENCRYPTION_KEY)] + [_fernet(key) for key in old])


def encrypt(plain: str) -> str:
    """A token for ``plain`` ("" stays ""), readable only with the current key."""
    if not plain:
        return ""
    return _keys().encrypt(plain.encode()).decode()


def decrypt(token: str) -> str:
    """The password in ``token``, or "" when it is empty or no known key opens it."""
    if not token:
        return ""
    try:
        return _keys().decrypt(token.encode()).decode()
    except InvalidToken:
        return ""


def reencrypt_all() -> int:
    """Re-encrypt every stored password and token with the current key; returns the accounts changed."""
    from clinch.mail.models import MailAccount

    changed = 0
    for account in MailAccount.objects.all():
        for field in ENCRYPTED_FIELDS:
            token = getattr(account, field)
            if token:
                setattr(account, field, _keys().rotate(token.encode()).decode())
        account.save(update_fields=ENCRYPTED_FIELDS)
        changed += 1
    return changed
