"""Companies, opportunities, interviews and the people met at them.

Names are stored exactly as the person or company writes them (from the card):
the checks compare every note against these rows.
"""

from __future__ import annotations

import uuid

from django.db import models

from clinch.core.limits import (
    ARTICLE_SUMMARY_CHARS, NEXT_STEP_CHARS, NOTES_CHARS, POSTAL_ADDRESS_CHARS, TOPIC_CHARS, URL_CHARS,
)
from clinch.owned import OwnedModel
from clinch.validators import LANGUAGE_CHOICES, MaxChars, validate_single_line, validate_timezone


class Company(OwnedModel):
    name = models.CharField(
        max_length=200, validators=[validate_single_line],
        help_text="Exactly as the company writes it, legal suffix included only if they use it.",
    )
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "companies"
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="company_name_unique_per_owner")
        ]

    def __str__(self) -> str:
        return self.name


class Opportunity(OwnedModel):
    """A role at a company, followed from the first interview to an outcome."""

    class Stage(models.TextChoices):
        INTERVIEWING = "interviewing", "Interviewing"
        CLOSED = "closed", "Closed"

    class Outcome(models.TextChoices):
        PENDING = "pending", "Waiting for a decision"
        OFFER = "offer", "Offer"
        REJECTED = "rejected", "Rejected"
        WITHDREW = "withdrew", "Withdrew"
        NO_ANSWER = "no_answer", "No answer"

    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="opportunities")
    role = models.CharField(max_length=200, validators=[validate_single_line])
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.INTERVIEWING)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.PENDING)
    outcome_at = models.DateTimeField(null=True, blank=True)
    outcome_by = models.ForeignKey(
        "Contact", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        help_text="Who sent the decision: a rejection is answered to them.",
    )
    replied_at = models.DateTimeField(
        null=True, blank=True, help_text="When the company last replied: status checks pause."
    )
    reply_seen_at = models.DateTimeField(
        null=True, blank=True, help_text="When the user dealt with the last reply: it leaves Needs a decision."
    )
    notes = models.TextField(blank=True, max_length=NOTES_CHARS, validators=[MaxChars(NOTES_CHARS)])

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "opportunities"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stage__in=["interviewing", "closed"]), name="opportunity_stage_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(outcome__in=["pending", "offer", "rejected", "withdrew", "no_answer"]),
                name="opportunity_outcome_valid",
            ),
        ]
        # The few opportunities with news (a rejection, an offer), by owner: the coach's board asks
        # for them across all its candidates, and nearly every opportunity is still pending.
        indexes = [models.Index(fields=["owner"], name="opportunity_news_by_owner",
                                condition=models.Q(outcome__in=["rejected", "offer"]))]

    def __str__(self) -> str:
        return f"{self.role} at {self.company}"

    @property
    def reply_unseen(self) -> bool:
        """A reply came in and the user has not dealt with it yet."""
        return self.replied_at is not None and (self.reply_seen_at is None or self.reply_seen_at < self.replied_at)


class Interview(OwnedModel):
    class Format(models.TextChoices):
        ONSITE = "onsite", "On site"
        VIDEO = "video", "Video"
        PHONE = "phone", "Phone"

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="interviews")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    timezone = models.CharField(
        max_length=64, validators=[validate_timezone], help_text="Where the interview took place."
    )
    format = models.CharField(max_length=10, choices=Format.choices, default=Format.VIDEO)
    round = models.PositiveSmallIntegerField(default=1)
    next_step = models.TextField(
        blank=True, max_length=NEXT_STEP_CHARS, validators=[MaxChars(NEXT_STEP_CHARS)],
        help_text="What they said about next steps, in their words.",
    )
    language = models.CharField(
        max_length=2, choices=LANGUAGE_CHOICES, blank=True,
        help_text="The language the interview was held in; blank: the user's usual language.",
    )
    decision_date = models.DateField(null=True, blank=True)
    decision_date_confirmed = models.BooleanField(
        default=False, help_text="The user confirmed or corrected the date read from next_step."
    )
    notes = models.TextField(blank=True, max_length=NOTES_CHARS, validators=[MaxChars(NOTES_CHARS)])
    calendar_uid = models.CharField(
        max_length=255, blank=True,
        help_text="The invitation's UID: a later update of the same invitation moves this interview.",
    )
    calendar_sequence = models.PositiveIntegerField(default=0, help_text="The invitation's update number (SEQUENCE).")
    cancelled_at = models.DateTimeField(
        null=True, blank=True,
        help_text="When Clinch learnt it was cancelled (the invitation was withdrawn): nothing more is planned for it.",
    )
    recorded_at = models.DateTimeField(
        null=True, blank=True,
        help_text="When it was captured: one recorded after its thank-you window gets a plan from that day on.",
    )
    capture_key = models.UUIDField(
        null=True, blank=True, editable=False,
        help_text="The idempotency key of the capture that made it: the same capture sent again (a phone "
        "syncing what it kept offline) returns this interview and creates nothing.",
    )

    class Meta:
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="interview_ends_after_start"),
            models.CheckConstraint(
                condition=models.Q(format__in=["onsite", "video", "phone"]), name="interview_format_valid"
            ),
            models.CheckConstraint(condition=models.Q(round__gte=1), name="interview_round_positive"),
            models.UniqueConstraint(
                fields=["owner", "calendar_uid"], condition=~models.Q(calendar_uid=""),
                name="interview_calendar_uid_once_per_owner",
            ),
            models.UniqueConstraint(fields=["owner", "capture_key"], name="interview_capture_key_once_per_owner"),
            models.CheckConstraint(
                condition=models.Q(language__in=["", "en", "de", "fr", "es"]), name="interview_language_valid"
            ),
        ]
        indexes = [models.Index(fields=["owner", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.opportunity} (round {self.round})"

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None


class Contact(OwnedModel):
    """Someone the user met, spelt exactly as on their card."""

    company = models.ForeignKey(
        Company, on_delete=models.SET_NULL, null=True, blank=True, related_name="contacts"
    )
    name = models.CharField(max_length=200, validators=[validate_single_line], help_text="Exactly as on the card.")
    preferred_name = models.CharField(
        max_length=100, blank=True, validators=[validate_single_line], help_text="What they go by (Jen for Jennifer)."
    )
    title = models.CharField(max_length=200, blank=True, validators=[validate_single_line])
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True, validators=[validate_single_line])
    linkedin_url = models.URLField(blank=True)
    postal_address = models.TextField(
        blank=True, max_length=POSTAL_ADDRESS_CHARS, validators=[MaxChars(POSTAL_ADDRESS_CHARS)]
    )
    timezone = models.CharField(max_length=64, blank=True, validators=[validate_timezone])
    notes = models.TextField(blank=True, max_length=NOTES_CHARS, validators=[MaxChars(NOTES_CHARS)])
    card = models.JSONField(
        default=dict, blank=True,
        help_text="What an imported vCard said beyond the fields above (more phones, addresses, the name's "
        "parts), so exporting the contact gives it back. See clinch.interviews.contacts.",
    )

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["owner", "email"])]

    def __str__(self) -> str:
        return self.name


class Article(OwnedModel):
    """Something worth sending: attached to a topic, or saved in the reading list."""

    title = models.CharField(max_length=300, validators=[validate_single_line])
    url = models.URLField(max_length=URL_CHARS)
    summary = models.TextField(
        blank=True, max_length=ARTICLE_SUMMARY_CHARS, validators=[MaxChars(ARTICLE_SUMMARY_CHARS)],
        help_text="A few words on what it is about (used to suggest it).",
    )
    in_reading_list = models.BooleanField(default=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class Participant(models.Model):
    """A contact at one interview, with their part in it."""

    class Role(models.TextChoices):
        HIRING_MANAGER = "hiring_manager", "Hiring manager"
        INTERVIEWER = "interviewer", "Interviewer"
        RECRUITER = "recruiter", "Recruiter"

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="participants")
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.INTERVIEWER)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["interview", "contact"], name="participant_once_per_interview"),
            models.CheckConstraint(
                condition=models.Q(role__in=["hiring_manager", "interviewer", "recruiter"]),
                name="participant_role_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contact} ({self.get_role_display()})"


class Topic(models.Model):
    """Something discussed with one participant; what their note will cite."""

    OWNER_PATH = "participant__interview__owner"  # for ``clinch.owned.owned_by``

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False, help_text="Its address in the API.")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="topics")
    text = models.CharField(max_length=TOPIC_CHARS)
    article = models.ForeignKey(Article, on_delete=models.SET_NULL, null=True, blank=True, related_name="topics")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class CardPhoto(OwnedModel):
    """The photo of a contact's business card, kept only when the user asked for it.

    Stored re-encoded as JPEG without EXIF (no location), at most ``MAX_BYTES``,
    and served only to its owner. One per contact: a new scan replaces it.
    """

    MAX_BYTES = 1024 * 1024

    contact = models.OneToOneField(Contact, on_delete=models.CASCADE, related_name="card_photo")
    image = models.BinaryField(max_length=MAX_BYTES)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(width__gt=0, height__gt=0), name="card_photo_has_size"),
        ]

    def __str__(self) -> str:
        return f"Card photo of {self.contact}"
