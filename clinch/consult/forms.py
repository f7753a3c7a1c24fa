"""The public request form and the small forms of the staff desk."""

from __future__ import annotations

from django import forms
from django.conf import settings

from clinch.accounts.models import User
from clinch.consult.models import ConsultationRequest
from clinch.core.limits import CONSULT_MESSAGE_CHARS
from clinch.validators import MaxChars, validate_single_line


def recruiters(organisation=None):
    """Who a request can be assigned to: for an organisation's request its active members, else (the
    server-wide form) active agency staff accounts and superusers (who see the desk too). The desk's
    own rule (``clinch.agency.desk.assignable``) for a desk covering just that request's side."""
    from clinch.agency.desk import DeskScope, assignable

    if organisation is not None:
        return assignable(DeskScope(organisation_ids=(organisation.pk,), server_wide=False))
    return assignable(DeskScope(organisation_ids=(), server_wide=True))


def recruiter_name(user) -> str:
    return user.display_name or user.get_full_name() or user.username


class ConsultationForm(forms.ModelForm):
    consent = forms.BooleanField(
        required=True,
        label="I agree to be contacted about this request",
        error_messages={"required": "We need your agreement before we can contact you."},
    )

    class Meta:
        model = ConsultationRequest
        fields = ("first_name", "last_name", "email", "phone", "role", "how_can_we_help", "heard_from", "consent")
        labels = {
            "first_name": "First name",
            "last_name": "Last name",
            "email": "Email",
            "phone": "Phone",
            "role": "Current or desired role",
            "how_can_we_help": "How can we help?",
            "heard_from": "How did you hear of us?",
        }
        help_texts = {
            "email": "We send a confirmation here, and reply from our own address.",
            "how_can_we_help": "The kind of position you are after, where you are in your search, anything we should know.",
        }
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "role": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "how_can_we_help": forms.Textarea(attrs={"rows": 5}),
        }
        error_messages = {
            "first_name": {"required": "Tell us your first name."},
            "last_name": {"required": "Tell us your last name."},
            "email": {"required": "We need an email address to reply to.", "invalid": "This does not look like an email address."},
            "how_can_we_help": {"required": "Tell us a little about what you need."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        days = settings.CONSULT_RETENTION_DAYS
        self.fields["consent"].help_text = (
            f"We use these details only to answer your request. Once it is closed we delete it after {days} days."
        )


    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        # RFC 5322 allows a quoted local part ("any text"@example.org); no person needs
        # one, and it would let markup and spaces into an address.
        if '"' in email or " " in email:
            raise forms.ValidationError("Use a plain address, like name@example.org.")
        return email


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="Move to", choices=ConsultationRequest.Status.choices)


class AssignForm(forms.Form):
    assigned_to = forms.ModelChoiceField(queryset=User.objects.none(), required=False, empty_label="Nobody", label="Assign to")

    def __init__(self, *args, staff=None, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["assigned_to"]
        field.queryset = recruiters(organisation)
        if staff is not None:
            # Reuse the list the page already fetched: one query, not two.
            field.choices = [("", "Nobody"), *((user.pk, recruiter_name(user)) for user in staff)]


class NoteForm(forms.Form):
    body = forms.CharField(label="Add a note", max_length=CONSULT_MESSAGE_CHARS,
                           validators=[MaxChars(CONSULT_MESSAGE_CHARS)], widget=forms.Textarea(attrs={"rows": 3}))


class ExportForm(forms.Form):
    email = forms.EmailField(label="Their email address", validators=[validate_single_line])


class ListFilterForm(forms.Form):
    """Search and filters of a list page (GET): what is invalid is dropped, the rest still applies."""

    def filters(self) -> dict:
        """The cleaned filters, with anything invalid dropped."""
        if self.is_valid():
            return self.cleaned_data
        return {name: self.cleaned_data.get(name, "") for name in self.fields}


class DeskFilterForm(ListFilterForm):
    """Search and filters of the desk list; unknown values are ignored, never an error page."""

    q = forms.CharField(required=False, label="Search", max_length=200)
    status = forms.ChoiceField(required=False, choices=[("", "Any status"), *ConsultationRequest.Status.choices])
    assignee = forms.ChoiceField(required=False, label="Recruiter")

    def __init__(self, *args, staff=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [
            ("", "Anyone"), ("none", "Nobody yet"), *((str(user.pk), recruiter_name(user)) for user in staff)
        ]
