"""A follow-up's one state, derived from its email, with the words and actions every page shows.

The FollowUp row says what the user decided (planned, scheduled, sent by hand,
cancelled, paused); its latest outbound Message says what the sender did with
it. ``derive`` joins the two into one of ``STATES``, so Today, the opportunity,
the contact and the editor cannot disagree. ``ACTIONS`` says which user actions
each state allows; ``require`` refuses the others with a sentence for the user.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery

PLANNED, SCHEDULED, SENDING, SENT = "planned", "scheduled", "sending", "sent"
FAILED, UNCERTAIN, CANCELLED, PAUSED = "failed", "uncertain", "cancelled", "paused"

# state -> (the word on every page, the badge's class)
STATES = {
    PLANNED: ("Planned", ""),
    SCHEDULED: ("Scheduled", "badge-ok"),
    SENDING: ("Sending", "badge-ok"),
    SENT: ("Sent", "badge-ok"),
    FAILED: ("Not sent", "badge-warn"),
    UNCERTAIN: ("May have gone out", "badge-warn"),
    CANCELLED: ("Cancelled", ""),
    PAUSED: ("Paused: they replied", "badge-warn"),
}

# action -> the states it is allowed in
ACTIONS = {
    "edit": {PLANNED, PAUSED},
    "schedule": {PLANNED, PAUSED},
    "reschedule": {SCHEDULED},
    "take_back": {SCHEDULED, PAUSED},
    "cancel": {PLANNED, SCHEDULED, PAUSED, FAILED, UNCERTAIN},
    "restore": {CANCELLED},
    "send_again": {FAILED, UNCERTAIN},
    "mark_sent": {PLANNED, SCHEDULED, PAUSED, FAILED, UNCERTAIN},
}

REFUSALS = {
    SENDING: "Clinch is sending it right now; wait a minute and look again.",
    SENT: "It was already sent.",
    UNCERTAIN: "It may already have gone out: settle that first (send again, or mark it sent).",
    FAILED: "It was not sent: send it again or cancel it.",
    SCHEDULED: "It is scheduled: take it back first.",
    CANCELLED: "It is cancelled: put it back in the plan first.",
}

# FollowUp.status -> state, when no message speaks for it
_BY_STATUS = {"planned": PLANNED, "scheduled": SCHEDULED, "sent": SENT, "cancelled": CANCELLED, "paused": PAUSED}
# Message.state -> state, for a follow-up handed to the sender
_BY_MESSAGE = {"scheduled": SCHEDULED, "sending": SENDING, "sent": SENT, "failed": FAILED,
               "uncertain": UNCERTAIN, "paused": PAUSED}


def derive(status: str, message_state: str | None) -> str:
    """The state from the FollowUp's ``status`` and its latest outbound message's state (or None).

    The user's own decisions (sent by hand, cancelled, back to planned) win; while the
    follow-up is handed to the sender, the message says where it is.
    """
    if status in ("planned", "sent", "cancelled") or message_state in (None, "cancelled"):
        return _BY_STATUS.get(status, PLANNED)
    return _BY_MESSAGE.get(message_state, _BY_STATUS.get(status, PLANNED))


def label(state: str) -> str:
    return STATES[state][0]


def badge(state: str) -> str:
    return STATES[state][1]


def allowed(state: str, action: str) -> bool:
    return state in ACTIONS[action]


def require(state: str, action: str) -> None:
    """ValidationError, with what to do instead, when ``action`` is not allowed in ``state``."""
    if not allowed(state, action):
        raise ValidationError(REFUSALS.get(state, f"This cannot be done while it is {label(state).lower()}."))


def latest_message_state():
    """A subquery for ``.annotate(message_state=...)``: the latest outbound message's state."""
    from clinch.mail.models import Message

    return Subquery(
        Message.objects.filter(followup=OuterRef("pk"), direction=Message.Direction.OUTBOUND)
        .order_by("-created_at", "-id").values("state")[:1]
    )
