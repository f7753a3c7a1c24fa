"""Privacy: closed consultation requests are deleted once they are old enough.

The worker calls ``delete_expired_requests`` once a day.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings

from clinch.consult.models import CLOSED_STATUSES, ConsultationRequest


def delete_expired_requests(*, now: datetime) -> int:
    """Delete requests closed (spam or not a fit) more than CONSULT_RETENTION_DAYS before ``now``.

    Returns how many requests were deleted (their notes go with them). Open and
    converted requests are kept. Safe to run concurrently or twice: it is one
    DELETE by date, and a second run finds nothing left.
    """
    cutoff = now - timedelta(days=max(settings.CONSULT_RETENTION_DAYS, 0))
    expired = ConsultationRequest.objects.filter(status__in=CLOSED_STATUSES, closed_at__lt=cutoff)
    _, per_model = expired.delete()
    return per_model.get(ConsultationRequest._meta.label, 0)
