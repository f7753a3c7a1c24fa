"""The mail account form: passwords are write-only, blank keeps the stored one."""

from __future__ import annotations

from django import forms

from clinch.core.limits import PASSWORD_CHARS
from clinch.mail import crypto
from clinch.mail.models import MailAccount
from clinch.validators import validate_display_name, validate_imap_folder, validate_single_line

PORT = {"min_value": 1, "max_value": 65535}


class OAuthConnectForm(forms.Form):
    """Who the mail is from, asked before the browser goes to Google or Microsoft."""

    from_name = forms.CharField(label="Your name as recipients see it", max_length=150,
                                validators=[validate_single_line, validate_display_name])
    from_email = forms.EmailField(label="Your email address at that provider", max_length=254)


class MailAccountForm(forms.ModelForm):
    smtp_password = forms.CharField(
        label="SMTP password", required=False, strip=False, max_length=PASSWORD_CHARS,
        validators=[validate_single_line],
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text="Usually an app password (see below). Leave blank to keep the saved one.",
    )
    imap_password = forms.CharField(
        label="IMAP password", required=False, strip=False, max_length=PASSWORD_CHARS,
        validators=[validate_single_line],
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text="Often the same app password. Leave blank to keep the saved one.",
    )
    smtp_port = forms.IntegerField(label="SMTP port", initial=587, **PORT)
    # Reading replies is optional: none of its fields is required, and blank ones take the usual values.
    imap_port = forms.IntegerField(label="IMAP port", initial=993, required=False, **PORT)
    imap_security = forms.ChoiceField(
        label="IMAP security", required=False, initial=MailAccount.Security.SSL,
        choices=[(MailAccount.Security.SSL, "SSL/TLS (usually port 993)"),
                 (MailAccount.Security.STARTTLS, "STARTTLS (usually port 143)"),
                 (MailAccount.Security.NONE, "None (local servers only)")],
    )
    imap_folder = forms.CharField(label="IMAP folder", required=False, max_length=255, initial="INBOX",
                                  validators=[validate_imap_folder])
    imap_sent_folder = forms.CharField(
        label="Sent folder", required=False, max_length=255, initial="Sent", validators=[validate_imap_folder],
        help_text="Where your sent mail is: “Sent”, “Sent Items” (Microsoft), “[Gmail]/Sent Mail”. "
                  "Clinch looks there when it cannot tell whether a note went out.",
    )

    class Meta:
        model = MailAccount
        fields = [
            "from_name", "from_email", "smtp_host", "smtp_port", "smtp_security", "smtp_username",
            "smtp_password", "imap_host", "imap_port", "imap_security", "imap_username", "imap_password",
            "imap_folder", "imap_sent_folder", "imap_file_sent_copy",
        ]
        labels = {
            "from_name": "Your name as recipients see it",
            "from_email": "Your email address",
            "smtp_host": "SMTP server",
            "smtp_security": "SMTP security",
            "smtp_username": "SMTP user name",
            "imap_host": "IMAP server (optional, to notice replies)",
            "imap_security": "IMAP security",
            "imap_username": "IMAP user name",
            "imap_folder": "IMAP folder",
            "imap_file_sent_copy": "File a copy of each note in the Sent folder",
        }
        help_texts = {
            "smtp_host": "For example smtp.gmail.com.",
            "smtp_username": "Usually your full email address.",
            "imap_host": "For example imap.gmail.com. Leave blank to press “They replied” yourself.",
            "imap_file_sent_copy": "Tick it when notes Clinch sent do not appear in your Sent folder. "
                                   "Gmail and Microsoft 365 file them themselves: leave it off there.",
        }

    def clean(self):
        data = super().clean()
        data["imap_port"] = data.get("imap_port") or 993
        data["imap_security"] = data.get("imap_security") or MailAccount.Security.SSL
        data["imap_folder"] = (data.get("imap_folder") or "").strip() or "INBOX"
        data["imap_sent_folder"] = (data.get("imap_sent_folder") or "").strip() or "Sent"
        if data.get("imap_host") and not data.get("imap_username"):
            data["imap_username"] = data.get("smtp_username") or data.get("from_email") or ""
        return data

    def save(self, commit=True):
        account = super().save(commit=False)
        for field in ("smtp", "imap"):
            password = self.cleaned_data.get(f"{field}_password")
            if password:
                setattr(account, f"{field}_password_encrypted", crypto.encrypt(password))
        if not account.imap_host:
            account.imap_password_encrypted = ""
        if account.uses_oauth:  # saving this form switches a signed-in account to passwords
            account.auth_method = MailAccount.Auth.PASSWORD
            account.oauth_refresh_token_encrypted = account.oauth_access_token_encrypted = ""
            account.oauth_expires_at = None
            account.oauth_problem, account.oauth_problem_since = "", None
        if commit:
            account.save()
        return account
