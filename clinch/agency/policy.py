"""Agency policy overrides: an organisation's own values for a few rules (say, how long a
handwritten card takes to arrive in its country), applied to a candidate's plans only after
the candidate agreed to exactly those values, and only to interviews recorded after that.

The values pass through ``clinch.core.policy.load_policy``: a key outside ``AGENCY_KEYS`` or a
value outside a rule's bounds is refused with the rule's own message.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from clinch.agency.models import Coaching, Organisation

# The rules an agency may set: the ones that depend on its country and trade, not on etiquette.
AGENCY_KEYS = (
    "handwritten.delivery_days",
    "handwritten.mailroom_days",
    "handwritten.min_business_days_to_decision",
    "status_check.default_after_days",
)


def validate(overrides: dict) -> dict:
    """The overrides with blanks dropped; ValueError naming every unknown key or bad value."""
    unknown = sorted(set(overrides) - set(AGENCY_KEYS))
    if unknown:
        raise ValueError(f"an agency cannot set {', '.join(unknown)}")
    cleaned = {key: value for key, value in overrides.items() if value is not None}
    _policy(tuple(sorted(cleaned.items())))  # raises ValueError with the rules' own bounds
    return cleaned


@lru_cache(maxsize=64)  # keyed on a handful of small ints per agency: bounded in bytes too
def _policy(items: tuple):
    from clinch.core.policy import load_policy

    nested: dict = {}
    for key, value in items:
        section, name = key.split(".", 1)
        nested.setdefault(section, {})[name] = value
    return load_policy(path=settings.CLINCH_POLICY_FILE or None, overrides=nested)


def set_overrides(*, organisation: Organisation, overrides: dict) -> None:
    organisation.policy_overrides = validate(overrides)
    organisation.save(update_fields=["policy_overrides"])


def agree(*, coaching: Coaching, now=None) -> None:
    """The candidate agrees to the organisation's current overrides (a copy: later changes need a new yes)."""
    coaching.agreed_policy = dict(coaching.membership.organisation.policy_overrides)
    coaching.policy_agreed_at = now or timezone.now()
    coaching.save(update_fields=["agreed_policy", "policy_agreed_at"])


def decline(*, coaching: Coaching) -> None:
    coaching.agreed_policy, coaching.policy_agreed_at = {}, None
    coaching.save(update_fields=["agreed_policy", "policy_agreed_at"])


def agreed_policy() -> Subquery:
    """For ``Interview.objects.annotate(agency_policy=...)``: the overrides its owner agreed to before it
    was recorded, while the consent stands (the latest agreement), else None. No extra query."""
    agreed = (Coaching.objects.filter(owner_id=OuterRef("owner_id"), withdrawn_at__isnull=True,
                                      policy_agreed_at__lte=OuterRef("created_at"))
              .exclude(agreed_policy={}).order_by("-policy_agreed_at").values("agreed_policy")[:1])
    return Subquery(agreed)


def policy_from(agreed: dict | None):
    """The policy for agreed overrides, or None (plan with the server's) when there are none."""
    if not agreed:
        return None
    try:
        return _policy(tuple(sorted(agreed.items())))
    except ValueError:
        return None  # the server's own policy file changed the bounds meanwhile: plan with the server's
