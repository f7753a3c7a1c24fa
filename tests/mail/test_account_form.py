"""The mail account form: reading replies (IMAP) is optional, and its choices speak of IMAP ports."""

from __future__ import annotations

import pytest
from django.urls import reverse

from clinch.mail.models import MailAccount

pytestmark = pytest.mark.django_db

SMTP_ONLY = {
    "from_name": "Dana Whitfield", "from_email": "dana@example.org", "smtp_host": "127.0.0.1",
    "smtp_port": "2525", "smtp_security": "none", "smtp_username": "dana", "smtp_password": "app pass 1",
}


def test_an_account_without_imap_saves_with_the_imap_fields_left_out(dana_client, dana):
    response = dana_client.post(reverse("mail:settings"), SMTP_ONLY)
    assert response.status_code == 302
    account = MailAccount.objects.get(owner=dana)
    assert (account.imap_host, account.imap_port, account.imap_security, account.imap_folder) == ("", 993, "ssl", "INBOX")


def test_blank_imap_fields_take_the_usual_values(dana_client, dana):
    form = {**SMTP_ONLY, "imap_host": "imap.example.org", "imap_port": "", "imap_security": "", "imap_folder": ""}
    assert dana_client.post(reverse("mail:settings"), form).status_code == 302
    account = MailAccount.objects.get(owner=dana)
    assert (account.imap_port, account.imap_security, account.imap_folder, account.imap_username) == (993, "ssl", "INBOX", "dana")


def test_the_imap_security_choices_name_imap_ports(dana_client):
    page = dana_client.get(reverse("mail:settings")).content.decode()
    imap = page[page.index('name="imap_security"'):]
    imap = imap[:imap.index("</select>")]
    assert "port 993" in imap and "port 143" in imap
    assert "587" not in imap and "465" not in imap
