"""Shared facts for the web flow tests: one realistic onsite with three people."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from clinch.interviews.services import InterviewData, InterviewerData, record_interview

DENVER = ZoneInfo("America/Denver")
# A Thursday: the onsite ended at 14:30 Denver time.
STARTS = datetime(2026, 3, 5, 13, 0, tzinfo=DENVER)
ENDS = datetime(2026, 3, 5, 14, 30, tzinfo=DENVER)
JUST_AFTER = datetime(2026, 3, 5, 14, 45, tzinfo=DENVER)

PANEL = (
    InterviewerData(
        name="Rafael Quiñones", title="Director of Engineering", email="rquinones@larkspur.example",
        role="hiring_manager", topics=("tuning the gripper's force controller for soft fruit",),
    ),
    InterviewerData(
        name="Meghan Oyelaran-Schmidt", title="Senior Controls Engineer", email="meghan.os@larkspur.example",
        topics=("her migration of the motion stack from ROS 1 to ROS 2",),
    ),
    InterviewerData(
        name="Tomás Wright", title="Technical Recruiter", email="twright@larkspur.example", role="recruiter",
    ),
)


def interview_data(**changes) -> InterviewData:
    fields = dict(
        company="Larkspur Robotics, Inc.", role="Controls Engineer", starts_at=STARTS, ends_at=ENDS,
        timezone="America/Denver", format="onsite",
        next_step="We'll decide by Friday next week.", interviewers=PANEL,
    )
    fields.update(changes)
    return InterviewData(**fields)


def record(owner, *, now=JUST_AFTER, replan=True, **changes):
    """Record the Larkspur onsite for ``owner`` and plan it, as the capture page does."""
    from clinch.followups.services import replan as plan_it

    interview = record_interview(owner=owner, data=interview_data(**changes), now=now)
    if replan:
        plan_it(interview=interview, now=now)
    return interview


def add_mail_account(owner):
    """A mail account, so Clinch itself can send ``owner``'s notes."""
    from clinch.mail.models import MailAccount

    return MailAccount.objects.create(owner=owner, from_name="Dana Whitfield", from_email="dana@example.org",
                                      smtp_host="smtp.example.org")


def recorded_with_mail(owner):
    """The Larkspur onsite recorded and planned from the lobby, with a mail account: its opportunity."""
    import time_machine

    with time_machine.travel(JUST_AFTER, tick=False):
        interview = record(owner)
    add_mail_account(owner)
    return interview.opportunity
