from __future__ import annotations

from django import forms
from django.contrib.auth.forms import PasswordResetForm, UserCreationForm

from clinch import background
from clinch.accounts.models import User
from clinch.core.zonenames import is_iana


class _CountryCode:
    """Stores the holiday country as the calendar writes it: "gb-eng" -> "GB-ENG"."""

    def clean_country(self) -> str:
        return (self.cleaned_data.get("country") or "").strip().upper()


class SignupForm(_CountryCode, UserCreationForm):
    email = forms.EmailField(help_text="Where Clinch sends password resets.")
    timezone = forms.CharField(
        initial="UTC", max_length=64,
        help_text="Your IANA time zone, like America/Denver. The page fills it in from your browser.",
    )

    class Meta:
        model = User
        fields = ("username", "display_name", "email", "timezone", "country")
        labels = {"display_name": "Your name, as you sign notes"}

    def clean_timezone(self) -> str:
        value = self.cleaned_data["timezone"].strip()
        if not is_iana(value):
            raise forms.ValidationError("Pick a time zone like America/Denver or Europe/Paris.")
        return value


class ProfileForm(_CountryCode, forms.ModelForm):
    class Meta:
        model = User
        fields = ("display_name", "email", "timezone", "country", "language", "signature")
        labels = {"display_name": "Your name, as you sign notes", "language": "Language of your interviews"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].required = False  # left out, it stays as it was

    def clean_language(self) -> str:
        return self.cleaned_data.get("language") or self.instance.language or "en"


class ResetForm(PasswordResetForm):
    """Django's reset form, mailing confirmed addresses only, after the response.

    The page does the same look-up for a known address and an unknown one; the
    mail is rendered and sent on the background pool, so the response time does
    not tell whether an account has that address.
    """

    def get_users(self, email):
        return (user for user in super().get_users(email) if user.email_verified_at is not None)

    def send_mail(self, *args, **kwargs):
        background.submit(super().send_mail, *args, **kwargs)
