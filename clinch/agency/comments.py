"""Coach comments on drafts. A comment is the only thing a coach writes: never the draft itself."""

from __future__ import annotations

from clinch.agency.models import DraftComment, Membership


def add(*, membership: Membership, followup, body: str) -> DraftComment:
    """A comment by the coach of ``membership`` on ``followup`` (the caller checked the consent)."""
    return DraftComment.objects.create(owner_id=followup.owner_id, followup_public_id=followup.public_id, author=membership.user,
                                       author_name=membership.user.name_for_notes[:150], body=body)


def for_draft(followup):
    """What the candidate's editor shows under the draft."""
    return DraftComment.objects.filter(owner_id=followup.owner_id, followup_public_id=followup.public_id)
