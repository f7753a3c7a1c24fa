"""Agencies on the server: organisations, their members, invitations, and the candidates' consent.

Several organisations share one server and never see each other: every organisation-scoped
read starts from the reader's own ``Membership`` (``clinch.agency.access``). A candidate
belongs to no organisation until they accept an ``Invitation``; what a coach may then see
is the ``Coaching`` row the candidate owns and can change or withdraw at any time. The
candidate's own data (interviews, follow-ups) never points at an organisation, so deleting
one leaves it untouched.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from clinch.owned import OwnedModel
from clinch.validators import MaxChars, validate_single_line

COMMENT_CHARS = 2_000  # a coach's comment on a draft: a few sentences


class Organisation(models.Model):
    """An agency. Its policy overrides apply to its candidates' new plans once they agree."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200, validators=[validate_single_line])
    policy_overrides = models.JSONField(
        default=dict, blank=True,
        help_text="Values for a few rules (clinch.agency.policy.AGENCY_KEYS), validated against the rules' bounds.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's role in one organisation. Deleting the row (removing a coach) ends their access at once."""

    class Role(models.TextChoices):
        OWNER = "owner", "Owner"
        COACH = "coach", "Recruiter / coach"
        STAFF = "staff", "Desk staff"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.COACH)
    digest = models.BooleanField(default=True, help_text="Send the weekly digest (one click in it turns it off).")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="membership_one_per_user_and_org"),
            models.CheckConstraint(condition=models.Q(role__in=["owner", "coach", "staff"]), name="membership_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.role}) in {self.organisation}"

    @property
    def coaches(self) -> bool:
        """Whether this member coaches candidates (``COACHING_ROLES``)."""
        return self.role in COACHING_ROLES


# The roles that coach candidates. Owners coach too: a one-person agency is its own coach.
COACHING_ROLES = (Membership.Role.OWNER, Membership.Role.COACH)


class Invitation(models.Model):
    """A coach's link for one candidate: single-use, expiring. Only the hash of its secret is stored."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="invitations")
    secret_hash = models.CharField(max_length=64, unique=True)
    email = models.EmailField(blank=True, help_text="Who it was meant for, when known (the desk fills it).")
    consultation = models.ForeignKey(
        "consult.ConsultationRequest", on_delete=models.SET_NULL, null=True, blank=True, related_name="invitations"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]


class Coaching(OwnedModel):
    """The candidate's consent (the candidate is ``owner``): which coach sees what, until withdrawn.

    A withdrawn row stays, so the candidate's history of who could see what stays readable;
    access checks only count rows with ``withdrawn_at`` empty whose membership still exists.
    """

    class Level(models.TextChoices):
        PROGRESS = "progress", "Progress only"
        DRAFTS = "drafts", "Progress and drafts"

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="coachings")
    level = models.CharField(max_length=10, choices=Level.choices, default=Level.PROGRESS)
    invitation = models.OneToOneField(Invitation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    policy_agreed_at = models.DateTimeField(
        null=True, blank=True, help_text="The candidate agreed that the agency's policy shapes their new plans."
    )
    agreed_policy = models.JSONField(default=dict, blank=True, help_text="The overrides the candidate agreed to.")

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(level__in=["progress", "drafts"]), name="coaching_level_valid"),
            models.UniqueConstraint(
                fields=["owner", "membership"], condition=models.Q(withdrawn_at__isnull=True),
                name="coaching_one_active_per_coach",
            ),
        ]
        indexes = [models.Index(fields=["membership", "withdrawn_at"], name="coaching_membership_active")]

    @property
    def shows_drafts(self) -> bool:
        return self.level == self.Level.DRAFTS


class AccessLog(models.Model):
    """One coach access to a candidate's data. Names are copied so the log outlives the membership."""

    candidate = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    coach = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    coach_name = models.CharField(max_length=150)
    organisation_name = models.CharField(max_length=200)
    what = models.CharField(max_length=200)
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["candidate", "-at"], name="accesslog_candidate_at")]


class DraftComment(OwnedModel):
    """A coach's comment on one of the candidate's drafts (the candidate is ``owner``). Read-only to both."""

    # The draft by its public id, not a foreign key: re-planning deletes and rewrites steps on the
    # candidate's hottest paths, and must not pay a query per step for comments. A comment on a step
    # that re-planning removed is simply never shown (public ids are never reused).
    followup_public_id = models.UUIDField(db_index=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    author_name = models.CharField(max_length=150)
    body = models.TextField(max_length=COMMENT_CHARS, validators=[MaxChars(COMMENT_CHARS)])

    class Meta:
        ordering = ["created_at", "id"]


class Digest(models.Model):
    """One coach's weekly digest: a row first, then the worker claims it and sends it once."""

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        UNCERTAIN = "uncertain", "Uncertain"

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="digests")
    week = models.DateField(help_text="The Monday of the week it covers.")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    claimed_by = models.CharField(max_length=200, blank=True)
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["membership", "week"], name="digest_one_per_coach_and_week"),
            models.CheckConstraint(
                condition=models.Q(state__in=["pending", "sending", "sent", "failed", "uncertain"]),
                name="digest_state_valid",
            ),
        ]
        indexes = [models.Index(fields=["state", "week"], name="digest_state_week")]
