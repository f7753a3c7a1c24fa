"""Email as rows: the outbox the worker drains, the replies it reads, the accounts it uses.

The rows are the queue (see docs/architecture.md): a Message in state
``scheduled`` with ``send_at`` in the past is due; a worker claims it with a
conditional update, sends outside any transaction, then records the outcome.
"""

from __future__ import annotations

from django.db import models

from clinch.owned import OwnedModel
from clinch.validators import validate_display_name, validate_imap_folder, validate_single_line


class MailAccount(OwnedModel):
    """A user's own mailbox: SMTP to send, optionally IMAP to notice replies.

    Passwords are stored encrypted (``clinch.mail.crypto``), never in clear.
    """

    class Security(models.TextChoices):
        STARTTLS = "starttls", "STARTTLS (usually port 587)"
        SSL = "ssl", "SSL/TLS (usually port 465)"
        NONE = "none", "None (local servers only)"

    class Auth(models.TextChoices):
        PASSWORD = "password", "Password"
        GOOGLE = "google", "Google"
        MICROSOFT = "microsoft", "Microsoft"

    from_name = models.CharField(max_length=150, validators=[validate_single_line, validate_display_name])
    from_email = models.EmailField()
    smtp_host = models.CharField(max_length=255, validators=[validate_single_line])
    smtp_port = models.PositiveIntegerField(default=587)
    smtp_security = models.CharField(max_length=10, choices=Security.choices, default=Security.STARTTLS)
    smtp_username = models.CharField(max_length=255, blank=True, validators=[validate_single_line])
    smtp_password_encrypted = models.TextField(blank=True)
    imap_host = models.CharField(max_length=255, blank=True, validators=[validate_single_line])
    imap_port = models.PositiveIntegerField(default=993)
    imap_security = models.CharField(max_length=10, choices=Security.choices, default=Security.SSL)
    imap_username = models.CharField(max_length=255, blank=True, validators=[validate_single_line])
    imap_password_encrypted = models.TextField(blank=True)
    imap_folder = models.CharField(max_length=255, default="INBOX", validators=[validate_imap_folder])
    imap_last_uid = models.BigIntegerField(default=0)
    imap_checked_at = models.DateTimeField(null=True, blank=True)
    imap_sent_folder = models.CharField(
        max_length=255, default="Sent", validators=[validate_imap_folder],
        help_text="Where sent mail is kept (\"Sent\", \"Sent Items\", \"[Gmail]/Sent Mail\").",
    )
    imap_file_sent_copy = models.BooleanField(
        default=False,
        help_text="Clinch files a copy of each sent note there (for servers that do not do it themselves).",
    )
    # Signed in with OAuth 2.0 (``clinch.mail.oauth``): tokens encrypted like the passwords. A
    # non-empty ``oauth_problem`` (a refused refresh, a disconnect) holds the account's mail
    # until the user connects again; it is the sentence the pages show.
    auth_method = models.CharField(max_length=10, choices=Auth.choices, default=Auth.PASSWORD)
    oauth_refresh_token_encrypted = models.TextField(blank=True)
    oauth_access_token_encrypted = models.TextField(blank=True)
    oauth_expires_at = models.DateTimeField(null=True, blank=True)
    oauth_problem = models.CharField(max_length=300, blank=True)
    oauth_problem_since = models.DateTimeField(null=True, blank=True)
    # The circuit breaker: consecutive connection failures or timeouts, and the pause they caused.
    breaker_failures = models.PositiveIntegerField(default=0)
    not_answering_since = models.DateTimeField(null=True, blank=True)
    paused_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner"], name="one_mail_account_per_user"),
            models.CheckConstraint(
                condition=models.Q(smtp_security__in=["starttls", "ssl", "none"])
                & models.Q(imap_security__in=["starttls", "ssl", "none"]),
                name="mail_account_security_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(auth_method__in=["password", "google", "microsoft"]),
                name="mail_account_auth_method_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_name} <{self.from_email}>"

    @property
    def uses_oauth(self) -> bool:
        return self.auth_method != self.Auth.PASSWORD


class Message(OwnedModel):
    """One email, sent or received.

    Outbound states: scheduled -> sending -> sent | failed | uncertain, and
    paused / cancelled. ``message_id`` is made once, before the first attempt,
    and reused by every retry.
    """

    class Direction(models.TextChoices):
        OUTBOUND = "out", "Sent by the user"
        INBOUND = "in", "Received"

    class State(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        UNCERTAIN = "uncertain", "Uncertain: check your Sent folder"
        PAUSED = "paused", "Paused"
        CANCELLED = "cancelled", "Cancelled"
        RECEIVED = "received", "Received"

    followup = models.ForeignKey(
        "followups.FollowUp", on_delete=models.SET_NULL, null=True, blank=True, related_name="messages"
    )
    opportunity = models.ForeignKey(
        "interviews.Opportunity", on_delete=models.CASCADE, null=True, blank=True, related_name="messages"
    )
    direction = models.CharField(max_length=3, choices=Direction.choices, default=Direction.OUTBOUND)
    state = models.CharField(max_length=10, choices=State.choices, default=State.SCHEDULED)
    message_id = models.CharField(max_length=255, unique=True)
    in_reply_to = models.CharField(max_length=255, blank=True)
    references = models.TextField(blank=True)
    from_email = models.EmailField()
    from_name = models.CharField(max_length=150, blank=True, validators=[validate_single_line])
    reply_to = models.EmailField(blank=True, help_text="Set when the server-wide account sends for the user.")
    to_email = models.EmailField()
    to_name = models.CharField(max_length=200, blank=True, validators=[validate_single_line])
    subject = models.CharField(max_length=300, validators=[validate_single_line])
    body_text = models.TextField()
    send_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=100, blank=True)
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0, help_text="Tries in the current budget.")
    budget = models.PositiveIntegerField(default=1, help_text="1, then one more at each Send again or new time.")
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(null=True, blank=True)
    last_smtp_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=[
                    "scheduled", "sending", "sent", "failed", "uncertain", "paused", "cancelled", "received",
                ]),
                name="message_state_valid",
            ),
            models.CheckConstraint(condition=models.Q(direction__in=["out", "in"]), name="message_direction_valid"),
            models.CheckConstraint(
                condition=~models.Q(state="sending") | models.Q(lease_expires_at__isnull=False),
                name="message_sending_has_lease",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="message_due_idx"),
            models.Index(fields=["state", "lease_expires_at"], name="message_lease_idx"),
            # The claim's exact order over due rows only: claimed rows leave it, so a
            # long queue does not make each claim walk past everything already sent.
            models.Index(
                fields=["next_attempt_at", "id"], name="message_claim_idx",
                condition=models.Q(state="scheduled", direction="out"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} -> {self.to_email} ({self.state})"


class Attempt(models.Model):
    """One try at sending a Message, kept after "Send again" or a new time starts a fresh budget."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attempt_rows")
    budget = models.PositiveIntegerField(help_text="Which budget it belongs to: 1, then one more per Send again.")
    number = models.PositiveIntegerField(help_text="Its number within that budget.")
    worker = models.CharField(max_length=100, blank=True)
    finished_at = models.DateTimeField()
    outcome = models.CharField(max_length=10)
    smtp_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["finished_at", "id"]
        indexes = [models.Index(fields=["message", "finished_at"])]

    def __str__(self) -> str:
        return f"{self.message_id} #{self.budget}.{self.number}: {self.outcome}"


class WorkerHeartbeat(models.Model):
    """The last sign of life of each worker process, for the "no worker running" warning."""

    name = models.CharField(max_length=100, unique=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.name


class DailyChore(models.Model):
    """When a once-a-day job last ran, so many workers run it once between them.

    A worker claims the day's run with a conditional update of ``last_run_at``.
    """

    name = models.CharField(max_length=100, unique=True)
    last_run_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.name
