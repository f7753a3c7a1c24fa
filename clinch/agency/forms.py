"""Forms of the agency pages. Every text input is bounded."""

from __future__ import annotations

from django import forms

from clinch.agency.board import ATTENTION, SEARCH_CHARS
from clinch.agency.models import COMMENT_CHARS, Coaching, Membership
from clinch.consult.forms import ListFilterForm
from clinch.validators import MaxChars


class BoardFilterForm(ListFilterForm):
    """The board's search and attention filter: an oversized search is dropped with its error shown."""

    q = forms.CharField(label="Search names and emails", required=False, max_length=SEARCH_CHARS)
    attention = forms.ChoiceField(label="Needs", required=False, choices=[("", "Anything")] + list(ATTENTION.items()))


class InviteForm(forms.Form):
    email = forms.EmailField(label="Candidate's email (optional, for your own records)", required=False,
                             max_length=254)


class MemberForm(forms.Form):
    username = forms.CharField(label="Username of an existing account", max_length=150)
    role = forms.ChoiceField(choices=Membership.Role.choices, initial=Membership.Role.COACH)


class ConsentForm(forms.Form):
    level = forms.ChoiceField(
        label="What may your coach see?", widget=forms.RadioSelect, choices=Coaching.Level.choices,
        initial=Coaching.Level.PROGRESS,
        help_text="Progress: your interviews and the state of each follow-up (planned, due, late, sent, replied, "
                  "the outcome). With drafts, your coach can also read your drafts and comment on them; "
                  "your coach can never edit or send anything.",
    )


class CommentForm(forms.Form):
    body = forms.CharField(label="Your comment", max_length=COMMENT_CHARS, validators=[MaxChars(COMMENT_CHARS)],
                           widget=forms.Textarea(attrs={"rows": 4}))


class PolicyForm(forms.Form):
    """One optional whole number per rule an agency may set; blank keeps the default."""

    def __init__(self, *args, defaults: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for key, (value, unit, why) in defaults.items():
            self.fields[key.replace(".", "__")] = forms.IntegerField(
                label=f"{key.replace('.', ': ').replace('_', ' ').capitalize()} ({unit})", required=False,
                min_value=0, max_value=365,
                help_text=f"Default {value}: {why}",
            )

    def overrides(self) -> dict:
        return {name.replace("__", "."): value for name, value in self.cleaned_data.items() if value is not None}
