"""Strict readers for settings taken from the environment.

A value that cannot be read is a clear ``ImproperlyConfigured`` naming the
variable, never a silent default.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def secret_from_file(path: Path, *, length: int = 50) -> str:
    """Return the secret stored at ``path``, creating it (mode 600, in a 700 folder) on first use."""
    from clinch.datadir import PRIVATE_FILE, make_private, private_dir

    if path.exists():
        make_private(path, PRIVATE_FILE)
        return path.read_text().strip()
    private_dir(path.parent)
    value = secrets.token_urlsafe(length)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(value)
    return value


def mailer_from_url(url: str, *, timeout: int) -> dict:
    """Turn ``MAIL_URL`` into a Django 6.1 ``MAILERS`` entry.

    ``console:``, ``file:///path``, ``memory:``, ``smtp://user:pass@host:587?tls=starttls``
    (``tls`` is ``starttls``, ``ssl`` or ``none``). SMTP always gets a timeout: a
    server that never answers must not hold a worker forever.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "console":
        return {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if scheme == "memory":
        return {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if scheme == "file":
        return {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": unquote(parts.path)},
        }
    if scheme in {"smtp", "smtps"}:
        query = parse_qs(parts.query)
        tls = query.get("tls", ["ssl" if scheme == "smtps" else "starttls"])[0]
        if tls not in {"starttls", "ssl", "none"}:
            raise ImproperlyConfigured(f"MAIL_URL tls must be starttls, ssl or none, not {tls!r}")
        if not parts.hostname:
            raise ImproperlyConfigured("MAIL_URL needs a host: smtp://user:password@host:587")
        return {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": parts.hostname,
                "port": parts.port or (465 if tls == "ssl" else 587),
                "username": unquote(parts.username or ""),
                "password": unquote(parts.password or ""),
                "use_tls": tls == "starttls",
                "use_ssl": tls == "ssl",
                "timeout": timeout,
            },
        }
    raise ImproperlyConfigured(
        f"MAIL_URL scheme {scheme!r} is not known: use smtp://, smtps://, console:, file:// or memory:"
    )
