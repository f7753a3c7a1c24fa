"""The plan, as rows: one FollowUp per planned step, kept in step with the engine.

A FollowUp is what the user sees and approves (kind, recipient, when, draft).
Sending it by email makes a ``clinch.mail.Message``; sending it any other way
(mail app, LinkedIn, a card) is recorded here with ``mark_sent``.
"""

from __future__ import annotations

from django.db import models

from clinch.core.limits import NOTE_BODY_CHARS, SUBJECT_CHARS
from clinch.owned import OwnedModel
from clinch.validators import MaxChars, validate_single_line


class FollowUp(OwnedModel):
    class Kind(models.TextChoices):
        THANK_YOU = "thank_you", "Thank-you note"
        STATUS_CHECK = "status_check", "Status check"
        LINKEDIN_CONNECT = "linkedin_connect", "LinkedIn connection"
        HANDWRITTEN_CARD = "handwritten_card", "Handwritten card"
        REJECTION_REPLY = "rejection_reply", "Reply to a rejection"
        KEEP_IN_TOUCH = "keep_in_touch", "Keep in touch"

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        LINKEDIN = "linkedin", "LinkedIn"
        MAIL = "mail", "Post"
        PHONE = "phone", "Phone"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"  # in the plan; the draft is not approved yet
        SCHEDULED = "scheduled", "Scheduled"  # approved: Clinch sends it at send_at
        SENT = "sent", "Sent"
        PAUSED = "paused", "Paused"  # they replied: waits for the user
        CANCELLED = "cancelled", "Cancelled"

    class TimingChoice(models.TextChoices):
        """What the user chose when the time they picked broke the policy's timing rules."""

        NOT_ASKED = "", "Not asked"  # the time was within the policy
        PLANNED = "planned", "Send at the planned time"
        ANYWAY = "anyway", "Send anyway"

    opportunity = models.ForeignKey(
        "interviews.Opportunity", on_delete=models.CASCADE, related_name="followups"
    )
    interview = models.ForeignKey(
        "interviews.Interview", on_delete=models.CASCADE, null=True, blank=True, related_name="followups"
    )
    contact = models.ForeignKey(
        "interviews.Contact", on_delete=models.SET_NULL, null=True, blank=True, related_name="followups"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    plan_key = models.CharField(
        max_length=300, help_text="The engine's stable key: re-planning updates this row, never adds a twin."
    )
    send_at = models.DateTimeField()
    deadline = models.DateTimeField(null=True, blank=True)
    why = models.TextField(blank=True, help_text="The rules (and their sources) behind the timing.")
    subject = models.CharField(max_length=SUBJECT_CHARS, blank=True, validators=[validate_single_line])
    body = models.TextField(blank=True, max_length=NOTE_BODY_CHARS, validators=[MaxChars(NOTE_BODY_CHARS)])
    draft_edited = models.BooleanField(default=False, help_text="The user changed the draft: re-planning keeps it.")
    checks_overridden = models.BooleanField(default=False)
    sent_at = models.DateTimeField(null=True, blank=True)
    timing_choice = models.CharField(
        max_length=10, choices=TimingChoice.choices, blank=True, default="",
        help_text="Asked when the chosen time broke the timing rules: keep the planned time, or send anyway.",
    )
    timing_rules = models.CharField(
        max_length=200, blank=True, help_text="The rule ids the chosen time broke, when the user was asked.",
    )

    class Meta:
        ordering = ["send_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "plan_key"], name="followup_plan_key_unique"),
            models.CheckConstraint(
                condition=models.Q(kind__in=[
                    "thank_you", "status_check", "linkedin_connect",
                    "handwritten_card", "rejection_reply", "keep_in_touch",
                ]),
                name="followup_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(channel__in=["email", "linkedin", "mail", "phone"]),
                name="followup_channel_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["planned", "scheduled", "sent", "paused", "cancelled"]),
                name="followup_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(timing_choice__in=["", "planned", "anyway"]),
                name="followup_timing_choice_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="followup_sent_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["owner", "status", "send_at"]),
            # The steps still waiting, by owner and day: the coach's board reads them for hundreds of
            # candidates at once, and most of a candidate's steps are done (sent or cancelled).
            models.Index(fields=["owner", "send_at"], name="followup_waiting_by_owner",
                         condition=models.Q(status__in=["planned", "scheduled"])),
        ]

    @property
    def state(self) -> str:
        """The one state every page shows (``clinch.followups.states``), from this row and its email.

        Uses a ``message_state`` annotation when the query made one (no extra query), else asks.
        """
        from clinch.followups import states

        if not hasattr(self, "message_state"):
            from clinch.mail.models import Message

            latest = (Message.objects.filter(followup_id=self.pk, direction=Message.Direction.OUTBOUND)
                      .order_by("-created_at", "-id").values_list("state", flat=True).first()) if self.pk else None
            self.message_state = latest
        return states.derive(self.status, self.message_state)

    @property
    def state_label(self) -> str:
        from clinch.followups import states

        return states.label(self.state)

    @property
    def state_badge(self) -> str:
        from clinch.followups import states

        return states.badge(self.state)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.contact or 'the company'}"
