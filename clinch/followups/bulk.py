"""Scheduling every note of one kind at once ("Schedule all thank-you notes"), checks first.

``review`` runs the checks on each note and says which need a look; ``schedule_all`` queues
them only when none has an error the user has not overridden for that note, and then queues
all of them in one transaction: all or nothing. Each goes at its planned time, through the
same ``services.schedule`` (so the timing guard applies; a planned time that has passed
becomes the first moment the rules allow).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction

from clinch.followups.checking import check_draft
from clinch.followups.models import FollowUp
from clinch.interviews.models import Opportunity
from clinch.mail import services as mail


@dataclass
class Review:
    """One note and what stands in its way: ``errors`` block it unless overridden, ``warnings`` do not."""

    followup: FollowUp
    errors: list = field(default_factory=list)  # findings, or plain sentences (no address, no account)
    warnings: list = field(default_factory=list)

    @property
    def needs_look(self) -> bool:
        return bool(self.errors or self.warnings)

    @property
    def overridable(self) -> bool:
        """Only the checks' findings can be overridden; a missing address or account cannot."""
        return bool(self.errors) and all(not isinstance(error, str) for error in self.errors)

    @property
    def blocked(self) -> bool:
        return bool(self.errors) and not self.followup.checks_overridden


def pending_notes(*, opportunity: Opportunity, kind: str) -> list[FollowUp]:
    """The notes of ``kind`` still waiting for approval, soonest first."""
    return list(
        opportunity.followups.filter(kind=kind, status=FollowUp.Status.PLANNED, channel=FollowUp.Channel.EMAIL)
        .select_related("contact", "owner").order_by("send_at", "id")
    )


def review(*, opportunity: Opportunity, kind: str) -> list[Review]:
    """Each pending note of ``kind`` with its errors and warnings (nothing is changed)."""
    account = mail.account_for(opportunity.owner)
    reviews = []
    for followup in pending_notes(opportunity=opportunity, kind=kind):
        subject, body = check_draft(followup=followup, subject=followup.subject, body=followup.body)
        item = Review(followup=followup, errors=subject.errors + body.errors,
                      warnings=[f for f in subject.findings + body.findings if f.severity == "warning"])
        if followup.contact is None or not followup.contact.email:
            item.errors.append("Add their email address first.")
        if account is None:
            item.errors.append("Set up your mail account first (Mail in the menu).")
        reviews.append(item)
    return reviews


def schedule_all(*, opportunity: Opportunity, kind: str, now: datetime, overrides=(),
                 reviews: list[Review] | None = None) -> tuple[list, list[Review]]:
    """Queue every pending note of ``kind``, or none.

    ``overrides`` holds the public ids of notes whose check errors the user chose to send
    anyway (recorded on each as ``checks_overridden``); ``reviews``, the caller's ``review``
    of the same notes just made, saves running the checks twice. Returns ``(messages,
    reviews)``: the messages queued, and every note's review. Nothing is queued while any
    note is blocked (an error not overridden, no address, no mail account).
    """
    from clinch.followups import services

    wanted = {str(public_id) for public_id in overrides}
    if reviews is None:
        reviews = review(opportunity=opportunity, kind=kind)
    for item in reviews:
        if str(item.followup.public_id) in wanted and item.overridable:
            item.followup.checks_overridden = True
    if not reviews or any(item.blocked for item in reviews):
        return [], reviews
    messages = []
    # One transaction: if one note cannot be queued after all (ValidationError, ValueError),
    # none is, and the error reaches the caller.
    with transaction.atomic():
        for item in reviews:
            if item.followup.checks_overridden:
                FollowUp.objects.filter(pk=item.followup.pk).update(checks_overridden=True)
            messages.append(services.schedule(followup=item.followup, now=now, timing="planned"))
    return messages, reviews
