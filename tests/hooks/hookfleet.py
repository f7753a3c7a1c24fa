"""The subprocess side of the webhook kill test: seed one endpoint with due deliveries in the fleet's
database, and read the deliveries back (``python -m tests.hooks.hookfleet seed|report``), so the test
process never shares a connection with the workers."""

from __future__ import annotations

import json
import sys


def seed(count: int, url: str) -> dict:
    """A user, an endpoint at ``url`` and ``count`` due deliveries; returns the endpoint's secret."""
    from django.utils import timezone

    from clinch.accounts.models import User
    from clinch.hooks.services import create_webhook, emit

    user, _ = User.objects.get_or_create(username="hookfleet", defaults={"email": "hookfleet@example.org"})
    hook, secret = create_webhook(owner=user, url=url, events=["outcome.recorded"])
    now = timezone.now()
    for number in range(count):
        emit(owner_id=user.pk, event="outcome.recorded", key=f"fleet:{number}", data={"number": number}, now=now)
    return {"secret": secret}


def report() -> dict:
    from clinch.hooks.models import Delivery

    return {"deliveries": [{"id": str(pid), "state": state, "attempts": attempts}
                           for pid, state, attempts in Delivery.objects.values_list("public_id", "state", "attempts")]}


if __name__ == "__main__":
    import django

    django.setup()
    command, *rest = sys.argv[1:]
    print(json.dumps(seed(int(rest[0]), rest[1]) if command == "seed" else report()))
