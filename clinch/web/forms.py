"""The capture form (one interview and a repeating block per interviewer) and the draft editor."""

from __future__ import annotations

import uuid
import zoneinfo
from datetime import date, datetime, timedelta

from django import forms

from clinch.core.limits import (
    FIRST_YEAR, INTERVIEWERS, LAST_YEAR, NEXT_STEP_CHARS, NOTE_BODY_CHARS, SUBJECT_CHARS,
    TOPIC_CHARS, TOPICS_PER_PERSON, plausible_year,
)
from clinch.core.zonenames import is_iana
from clinch.interviews.models import Interview, Participant
from clinch.interviews.services import InterviewData, InterviewerData, decision_window
from clinch.validators import LANGUAGE_CHOICES, validate_single_line

MAX_INTERVIEWERS = INTERVIEWERS


class InterviewForm(forms.Form):
    company = forms.CharField(
        max_length=200, validators=[validate_single_line],
        help_text="Exactly as they write it. Pick one you have met before or type a new one.",
        widget=forms.TextInput(attrs={"list": "companies", "autocomplete": "off"}),
    )
    role = forms.CharField(max_length=200, validators=[validate_single_line], label="Role you interviewed for")
    day = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label="Started at", widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(
        label="Ended at", required=False, widget=forms.TimeInput(attrs={"type": "time"}),
        help_text="Leave empty for one hour.",
    )
    timezone = forms.CharField(
        max_length=64, label="Time zone of the interview",
        help_text="Where it took place, like America/Denver.",
    )
    format = forms.ChoiceField(choices=Interview.Format.choices, initial=Interview.Format.VIDEO)
    next_step = forms.CharField(
        required=False, label="What they said about next steps", max_length=NEXT_STEP_CHARS,
        help_text="In their words: “we'll decide by Friday”.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    language = forms.ChoiceField(
        required=False, label="Language of the interview", choices=[("", "My usual language"), *LANGUAGE_CHOICES],
        help_text="Clinch reads what they said in English, German, French or Spanish; this decides when the words do not say.",
    )
    decision_date = forms.DateField(
        required=False, label="Decision date", widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Clinch reads it from what they said; correct it if it read wrong.",
    )
    decision_date_read = forms.DateField(required=False, widget=forms.HiddenInput)
    decision_date_ok = forms.BooleanField(required=False, label="Yes, that is right")
    # Set when the form was filled from an invitation: an update of it moves this interview.
    calendar_uid = forms.CharField(required=False, max_length=255, widget=forms.HiddenInput)
    calendar_sequence = forms.IntegerField(required=False, min_value=0, max_value=999_999, widget=forms.HiddenInput)
    cancelled = forms.BooleanField(
        required=False, label="Cancelled: it did not take place",
        help_text="Nothing is planned for a cancelled interview; what was already sent stays sent.",
    )
    # The idempotency key: a capture sent twice (a double tap, a phone syncing) is saved once.
    capture_key = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def clean_timezone(self) -> str:
        value = self.cleaned_data["timezone"].strip()
        if not is_iana(value):
            raise forms.ValidationError("Pick a time zone like America/Denver or Europe/Paris.")
        return value

    def clean_day(self) -> date:
        day = self.cleaned_data["day"]
        if not plausible_year(day.year):
            raise forms.ValidationError(f"Pick the day of the interview: a date between {FIRST_YEAR} and {LAST_YEAR}.")
        return day

    def clean_decision_date_read(self) -> date | None:
        day = self.cleaned_data.get("decision_date_read")
        return day if day and plausible_year(day.year) else None  # a hidden echo: an odd value is no reading

    def clean(self):
        data = super().clean()
        self._check_decision_date(data)
        if all(data.get(name) for name in ("day", "start", "timezone")):
            zone = zoneinfo.ZoneInfo(data["timezone"])
            starts = datetime.combine(data["day"], data["start"], zone)
            ends = datetime.combine(data["day"], data["end"], zone) if data.get("end") else starts + timedelta(hours=1)
            if ends <= starts:
                self.add_error("end", "It ends after it starts.")
            data["starts_at"], data["ends_at"] = starts, ends
        return data

    def _check_decision_date(self, data) -> None:
        """The decision comes on or after the interview day, within ten years of it."""
        decision, day = data.get("decision_date"), data.get("day")
        if decision is None:
            return
        earliest, latest = decision_window(day or date(FIRST_YEAR, 1, 1))
        latest = min(latest, date(LAST_YEAR, 12, 31))
        if not earliest <= decision <= latest:
            del data["decision_date"]
            self.add_error("decision_date", f"Pick a decision date from {earliest:%-d %b %Y} to {latest:%-d %b %Y}, "
                           "or leave it empty.")

    def decision_confirmed(self) -> bool:
        """A date the user ticked as right, or typed over what Clinch read, is confirmed."""
        data = self.cleaned_data
        typed = data.get("decision_date")
        return bool(typed) and (typed != data.get("decision_date_read") or bool(data.get("decision_date_ok")))


class InterviewerForm(forms.Form):
    contact = forms.ChoiceField(
        required=False, label="Someone you have met",
        help_text="Or leave on “New person” and fill in the card below.",
    )
    name = forms.CharField(
        required=False, max_length=200, validators=[validate_single_line], label="Name, exactly as on the card",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "words"}),
    )
    title = forms.CharField(required=False, max_length=200, validators=[validate_single_line], label="Title")
    email = forms.EmailField(required=False, label="Email",
                             widget=forms.EmailInput(attrs={"autocomplete": "off"}))
    phone = forms.CharField(required=False, max_length=40, validators=[validate_single_line], label="Phone",
                            widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}))
    timezone = forms.CharField(
        required=False, max_length=64, label="Their time zone",
        help_text="Where they work, like Europe/Berlin: their notes go out in their morning.",
    )
    # Asked only when someone of the same name works at the company: is it them, or someone new?
    namesake = forms.ChoiceField(required=False, widget=forms.RadioSelect, label="Someone you have met?")
    role = forms.ChoiceField(choices=Participant.Role.choices, initial=Participant.Role.INTERVIEWER, label="Their part")
    topics = forms.CharField(
        required=False, label="What you discussed", help_text="One topic per line; their note cites them.",
        max_length=TOPICS_PER_PERSON * (TOPIC_CHARS + 2), widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, contact_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].choices = [("", "New person"), *contact_choices]
        self.fields["namesake"].choices = [("new", "No, someone new"), *contact_choices]
        self.namesakes = []  # set by the page when it must ask (clinch.interviews.contacts.Namesake)

    def ask_about(self, namesakes) -> None:
        """Show the question "Is this the Jon Petrakis you met on 4 March?" with one answer per namesake."""
        self.namesakes = namesakes
        self.fields["namesake"].choices = [
            *((str(n.contact.public_id), f"Yes: {n.label}") for n in namesakes),
            ("new", "No, someone new"),
        ]

    def clean_topics(self) -> str:
        value = self.cleaned_data["topics"]
        lines = [line.strip() for line in value.splitlines() if line.strip()]
        if len(lines) > TOPICS_PER_PERSON:
            raise forms.ValidationError(f"Keep to {TOPICS_PER_PERSON} topics (there are {len(lines)}).")
        long = next((line for line in lines if len(line) > TOPIC_CHARS), None)
        if long is not None:
            raise forms.ValidationError(
                f"Keep each topic to {TOPIC_CHARS} characters (one has {len(long)}): “{long[:40]}…”."
            )
        return value

    def is_blank(self) -> bool:
        return not any(
            (self[name].value() or "").strip() for name in ("contact", "name", "email", "title", "topics", "phone")
        )

    def clean_timezone(self) -> str:
        value = (self.cleaned_data.get("timezone") or "").strip()
        if value and not is_iana(value):
            raise forms.ValidationError("Pick a time zone like Europe/Berlin, or leave it empty for the interview's.")
        return value

    def clean(self):
        data = super().clean()
        if not data.get("contact") and not (data.get("name") or "").strip() and not self.errors:
            self.add_error("name", "Type their name as it is on the card, or pick someone you have met.")
        return data

    def as_data(self) -> InterviewerData:
        data = self.cleaned_data
        answer = data.get("namesake") or ""
        contact = data.get("contact") or (answer if answer not in ("", "new") else "")
        return InterviewerData(
            name=data["name"], title=data["title"], email=data["email"], role=data["role"],
            topics=tuple(line for line in data["topics"].splitlines() if line.strip()),
            contact_id=uuid.UUID(contact) if contact else None,
            phone=data.get("phone", ""), timezone=data.get("timezone", ""), new_contact=answer == "new",
        )


class Capture:
    """The interview form and its interviewer blocks, bound or not, as one thing to validate and render."""

    def __init__(self, data=None, *, initial=None, people=(), contact_choices=(), extra=0, person_zone=""):
        self.data = data
        self.contact_choices = list(contact_choices)
        self.person_zone = person_zone  # a new person's zone unless a card or invitation says another
        self.form = InterviewForm(data, initial=initial)
        if data is not None:
            count = _count(data.get("interviewer_count"))
            self.people = [self._person(data, i) for i in range(count)]
        else:
            self.people = [self._person(None, i, initial=_person_initial(p)) for i, p in enumerate(people)]
        for _ in range(extra or (0 if self.people else 1)):
            self.people.append(self._person(None, len(self.people)))

    def _person(self, data, index, initial=None):
        initial = {"timezone": self.person_zone, **(initial or {})}
        return InterviewerForm(data, prefix=f"p{index}", initial=initial, contact_choices=self.contact_choices)

    def with_one_more(self) -> Capture:
        """The same typed values, unvalidated, plus an empty interviewer block (no JavaScript needed)."""
        copy = Capture(initial=_values(self.form), people=[_values(p) for p in self.people],
                       contact_choices=self.contact_choices, extra=1, person_zone=self.person_zone)
        # Focus lands on the new block (htmx honours autofocus in swapped content too).
        copy.people[-1].fields["name"].widget.attrs["autofocus"] = True
        return copy

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        filled = [p for p in self.people if not p.is_blank()]
        for person in filled:
            valid = person.is_valid() and valid
        if not filled:
            self.people[0].is_valid()
            self.people[0].add_error("name", "Add at least one person you met.")
            valid = False
        return valid

    def as_data(self) -> InterviewData:
        data = self.form.cleaned_data
        return InterviewData(
            company=data["company"], role=data["role"], starts_at=data["starts_at"], ends_at=data["ends_at"],
            timezone=data["timezone"], format=data["format"], next_step=data["next_step"],
            language=data.get("language") or "", decision_date=data.get("decision_date"), decision_date_confirmed=self.form.decision_confirmed(),
            interviewers=tuple(p.as_data() for p in self.filled()),
            calendar_uid=data.get("calendar_uid") or "", calendar_sequence=data.get("calendar_sequence") or 0,
            cancelled=bool(data.get("cancelled")), capture_key=data.get("capture_key"),
        )

    def filled(self) -> list[InterviewerForm]:
        """The person blocks with something in them, in order (``as_data``'s interviewers)."""
        return [p for p in self.people if not p.is_blank()]


def _person_initial(person: dict) -> dict:
    """A person block's initial values from a plain dict (a card, an invitation, a stored round).

    Keys: name, title, email, role, topics (text or a list), contact (a contact's public id),
    phone, timezone; missing keys are empty.
    """
    initial = dict(person)
    topics = initial.get("topics")
    if isinstance(topics, (list, tuple)):
        initial["topics"] = "\n".join(str(t) for t in topics)
    if initial.get("contact") is not None:
        initial["contact"] = str(initial["contact"])
    return {key: value for key, value in initial.items() if value is not None}


def _count(raw) -> int:
    try:
        return max(1, min(int(raw), MAX_INTERVIEWERS))
    except (TypeError, ValueError):
        return 1


def _values(form) -> dict:
    """What was typed in ``form``, read without validating it (so no errors show)."""
    return {name: form[name].value() for name in form.fields}


def initial_from(interview, *, next_round: bool = False) -> tuple[dict, list[dict]]:
    """The capture form filled from a stored interview (to edit it, or to start its next round)."""
    zone = zoneinfo.ZoneInfo(interview.timezone)
    starts, ends = interview.starts_at.astimezone(zone), interview.ends_at.astimezone(zone)
    initial = {
        "company": interview.opportunity.company.name, "role": interview.opportunity.role,
        "timezone": interview.timezone, "format": interview.format,
    }
    if not next_round:
        initial.update(
            day=starts.date(), start=starts.time().replace(tzinfo=None), end=ends.time().replace(tzinfo=None),
            next_step=interview.next_step, language=interview.language, decision_date=interview.decision_date,
            decision_date_read=None if interview.decision_date_confirmed else interview.decision_date,
            cancelled=interview.cancelled,
        )
    people = [
        {
            "contact": str(p.contact.public_id), "name": p.contact.name, "title": p.contact.title,
            "email": p.contact.email, "role": p.role, "phone": p.contact.phone, "timezone": p.contact.timezone,
            "topics": "" if next_round else "\n".join(t.text for t in p.topics.all()),
        }
        for p in interview.participants.all()
    ]
    return initial, people




class DraftForm(forms.Form):
    subject = forms.CharField(max_length=SUBJECT_CHARS, required=False, validators=[validate_single_line])
    body = forms.CharField(required=False, max_length=NOTE_BODY_CHARS, widget=forms.Textarea(attrs={"rows": 14}))
    override = forms.BooleanField(
        required=False, label="Send anyway: I have read the errors and they are wrong here",
    )
    at = forms.DateTimeField(
        required=False, label="Or send at", help_text="Your time. Clinch tells you if it falls outside the rules.",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
    )
    timing = forms.ChoiceField(
        required=False, choices=[("", "Ask me"), ("planned", "Send at the planned time"), ("anyway", "Send now anyway")],
    )
