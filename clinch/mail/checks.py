"""``manage.py check`` for the sender: a lease shorter than a send would make live sends `uncertain`."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Warning, register


@register()
def lease_outlasts_a_send(app_configs, **kwargs):
    # One send makes several network calls (connect, EHLO, TLS, login, MAIL, RCPT, DATA), each with the timeout.
    if settings.WORKER_LEASE_SECONDS < 3 * settings.MAIL_TIMEOUT_SECONDS:
        return [Warning(
            f"WORKER_LEASE_SECONDS ({settings.WORKER_LEASE_SECONDS}) is under three times "
            f"MAIL_TIMEOUT_SECONDS ({settings.MAIL_TIMEOUT_SECONDS}): a slow but successful send may be "
            "shown as uncertain.",
            hint="Raise WORKER_LEASE_SECONDS or lower MAIL_TIMEOUT_SECONDS.",
            id="clinch.mail.W001",
        )]
    return []
