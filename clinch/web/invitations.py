"""Fill the capture page from a calendar invitation: an uploaded .ics file or its pasted text.

Reading happens here, before anything is written, and nothing is saved: the page comes back
filled in (date, times in the invitation's zone, people, company) for the user to check and
save as usual. An update of an invitation already recorded fills the page from that
interview with the new times, and saving moves it (``record_interview`` matches the UID);
a cancellation fills it with "Cancelled" ticked, and saving stops the interview's plan.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_POST

from clinch.core.invitation import MAX_BYTES, Event, InvitationError, read_invitation
from clinch.core.textfile import decode
from clinch.interviews.contacts import by_emails
from clinch.interviews.models import Interview, Participant
from clinch.mail.models import MailAccount
from clinch.owned import owned_by
from clinch.web.forms import Capture, initial_from

RECRUITER_WORDS = ("recruit", "talent", "sourc", "people partner", "hr ")


class InvitationForm(forms.Form):
    file = forms.FileField(required=False, label="Invitation file (.ics)",
                           widget=forms.ClearableFileInput(attrs={"accept": ".ics,text/calendar"}))
    text = forms.CharField(
        required=False, max_length=MAX_BYTES, label="Or paste the invitation",
        help_text="The invitation email's text, with its date and guests.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    event = forms.IntegerField(required=False, min_value=0, max_value=99, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload and upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"The file is too large ({upload.size // 1024} KB; at most {MAX_BYTES // 1000} KB): "
                "an invitation is a few kilobytes."
            )
        if not upload and not (data.get("text") or "").strip() and not self.errors:
            raise forms.ValidationError("Choose the invitation's .ics file, or paste its text.")
        return data

    def raw(self) -> tuple[bytes | str, bool]:
        """The invitation as given, and whether it must be a calendar file."""
        upload = self.cleaned_data.get("file")
        if upload:
            return upload.read(MAX_BYTES + 1), True
        return self.cleaned_data["text"], False


def me(user) -> list[str]:
    """The user's addresses (the account's, the mail accounts') and names, left out of the people."""
    return [user.email, user.name_for_notes, user.get_full_name(),
            *owned_by(MailAccount, user).values_list("from_email", flat=True)]


@login_required
@require_POST
def interview_from_invitation(request):
    """The capture page filled from an invitation (status 422 with the reason when it cannot be read)."""
    return capture_from(request, InvitationForm(request.POST, request.FILES))


def capture_from(request, form: InvitationForm):
    """The capture page filled from the invitation in ``form`` (an upload, a paste or a share);
    reads only. Status 422 and the form's error naming the problem when it cannot be read."""
    from clinch.web.capture import _contact_choices, _defaults, _render

    choices = _contact_choices(request.user)
    blank = Capture(initial=_defaults(request.user), contact_choices=choices, person_zone=request.user.timezone)
    if not form.is_valid():
        return _render(request, blank, invitation_form=form, status=422)
    raw, calendar_only = form.raw()
    try:
        events = read_invitation(raw, me=me(request.user), default_zone=request.user.timezone,
                                 calendar_only=calendar_only)
    except InvitationError as error:
        form.add_error(None, str(error))
        return _render(request, blank, invitation_form=form, status=422)
    index = form.cleaned_data.get("event")
    if index is None or index >= len(events):
        index = next((i for i, e in enumerate(events) if not e.cancelled), 0)
    event = events[index]
    known = owned_by(Interview, request.user).filter(calendar_uid=event.uid).first() if event.uid else None
    initial, people = prefill(event, request.user, known)
    capture = Capture(initial=initial, people=people, contact_choices=choices, person_zone=request.user.timezone)
    context = {
        "event": event, "known": known, "events": events if len(events) > 1 else [], "chosen": index,
        "raw_text": raw if isinstance(raw, str) else decode(raw),
    }
    return _render(request, capture, invitation=context)


def prefill(event: Event, user, known: Interview | None) -> tuple[dict, list[dict]]:
    """The capture form's values from ``event``; ``known``: the interview an earlier version made."""
    zone = event.timezone or user.timezone
    starts, ends = event.starts_at, event.ends_at
    if not event.timezone:
        from zoneinfo import ZoneInfo

        starts, ends = starts.astimezone(ZoneInfo(zone)), ends.astimezone(ZoneInfo(zone))
    times = {
        "day": starts.date(), "start": starts.time().replace(tzinfo=None), "end": ends.time().replace(tzinfo=None),
        "timezone": zone, "calendar_uid": event.uid, "calendar_sequence": event.sequence,
        "cancelled": event.cancelled,
    }
    if known is not None:
        initial, people = initial_from(known)
        return {**initial, **times}, people
    initial = {
        **times, "company": event.company_guess or "",
        "format": "video" if event.meeting_url else ("onsite" if event.location else "video"),
    }
    contacts = by_emails(user, [person.email for person in event.people])
    return initial, [_person(person, event, user, contacts.get(person.email)) for person in event.people]


def _person(person, event: Event, user, known) -> dict:
    """A person block: ``known``, the contact the user has with their email, as stored, with its
    card spelling; else the invitation's name, title and address."""
    if known is not None:
        return {
            "contact": str(known.public_id), "name": known.name, "title": known.title or person.title or "",
            "email": known.email, "phone": known.phone, "timezone": known.timezone or event.timezone or user.timezone,
        }
    recruiter = any(word in f"{person.title or ''} ".lower() for word in RECRUITER_WORDS)
    return {
        "name": person.name, "title": person.title or "", "email": person.email or "",
        "timezone": event.timezone or user.timezone,
        "role": Participant.Role.RECRUITER if recruiter else Participant.Role.INTERVIEWER,
    }
