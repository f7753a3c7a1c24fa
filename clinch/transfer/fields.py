"""Which fields of which model go into the export, in order; shared by export and import.

``REFS`` name the fields that point at another exported object (written as its id).
Sections come in dependency order: an import creates them in this order.
"""

from __future__ import annotations

from clinch.followups.models import FollowUp
from clinch.interviews.models import Article, Company, Contact, Interview, Opportunity
from clinch.mail.models import Message

FORMAT = "clinch-export"
VERSION = 1

SECTIONS = {
    "companies": (Company, ["name", "website"], {}),
    "articles": (Article, ["title", "url", "summary", "in_reading_list"], {}),
    "contacts": (Contact, ["name", "preferred_name", "title", "email", "phone", "linkedin_url", "postal_address",
                           "timezone", "notes", "card"], {"company": "companies"}),
    "opportunities": (Opportunity, ["role", "stage", "outcome", "outcome_at", "replied_at", "reply_seen_at", "notes"],
                      {"company": "companies", "outcome_by": "contacts"}),
    "interviews": (Interview, ["starts_at", "ends_at", "timezone", "format", "round", "next_step", "decision_date",
                               "decision_date_confirmed", "notes", "calendar_uid", "calendar_sequence", "recorded_at",
                               "cancelled_at"],
                   {"opportunity": "opportunities"}),
    "followups": (FollowUp, ["kind", "channel", "status", "plan_key", "send_at", "deadline", "why", "subject", "body",
                             "draft_edited", "checks_overridden", "sent_at", "timing_choice", "timing_rules"],
                  {"opportunity": "opportunities", "interview": "interviews", "contact": "contacts"}),
    "messages": (Message, ["direction", "state", "message_id", "in_reply_to", "references", "from_email", "from_name",
                           "reply_to", "to_email", "to_name", "subject", "body_text", "send_at", "sent_at",
                           "received_at", "attempts", "last_smtp_code", "last_error"],
                 {"followup": "followups", "opportunity": "opportunities"}),
}
