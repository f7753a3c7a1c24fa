"""Names in mail headers cannot add an address, whichever Python folds the header.

The reproduction: the consultation form's first name ``Eve <attacker@evil.example>,``
with a last name long enough to make Reply-To wrap. Python's email package before
3.12.9 / 3.13.2 dropped the quotes around a name it had to fold, and the staff's
reply went to the attacker too.
"""

from __future__ import annotations

import email
import email.policy

import pytest
from django.core import mail
from django.urls import reverse
from hypothesis import given, strategies as st

from clinch.consult.emails import send_staff_notification
from clinch.consult.models import ConsultationRequest
from clinch.mail.addresses import NAME_IN_HEADER_MAX, header_name, mail_address
from clinch.mail.worker import send_one_due
from clinch.mail import services
from tests.consult.conftest import form_data
from tests.mail.conftest import NOW, make_account

EVE = "Eve <attacker@evil.example>,"
LONG_LAST = "Longfellow-Wadsworth-Montgomery-Featherstonehaugh-Cholmondeley"


def addresses_on_the_wire(message, header: str) -> list[str]:
    """What a mail server would read: the message as Django's SMTP backend writes it, parsed back."""
    raw = message.message(policy=email.policy.SMTP).as_bytes()
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    return [address.addr_spec for address in parsed[header].addresses]


def test_the_consultation_form_refuses_the_reproduction(client, settings, db):
    settings.STAFF_NOTIFY_EMAILS = ["desk@agency.example"]
    response = client.post("/consultation", form_data(first_name=EVE, last_name=LONG_LAST))
    assert response.status_code == 200
    assert "A name cannot hold &lt;, &gt; or &quot;" in response.content.decode()
    assert not ConsultationRequest.objects.exists() and mail.outbox == []


@pytest.mark.django_db
def test_a_stored_name_like_the_reproduction_still_gives_staff_one_reply_address(settings):
    settings.STAFF_NOTIFY_EMAILS = ["desk@agency.example"]
    request = ConsultationRequest.objects.create(
        first_name=EVE, last_name=LONG_LAST, email="visitor@example.org", how_can_we_help="Help", consent=True,
    )
    assert send_staff_notification(request)
    [notice] = mail.outbox
    assert addresses_on_the_wire(notice, "Reply-To") == ["visitor@example.org"]


@pytest.mark.django_db
def test_a_contact_with_a_long_awkward_name_is_one_recipient(dana, sink, interview, settings):
    settings.MAIL_ALLOW_PRIVATE_HOSTS = True
    from clinch.interviews.models import Contact
    from tests.mail.conftest import make_followup

    make_account(dana, sink.port)
    Contact.objects.filter(owner=dana).update(name=f"{EVE} {LONG_LAST} {LONG_LAST}")
    services.schedule_followup(make_followup(interview), now=NOW)
    assert send_one_due(now=NOW, worker_name="test")
    [received] = sink.messages
    assert [a.addr_spec for a in received["To"].addresses] == ["rquinones@larkspur.example"]


NAMES = st.one_of(st.text(max_size=300), st.text(alphabet='Eve <a@evil.example>,;:"\\() Longname', max_size=300))


@given(NAMES)
def test_any_name_gives_exactly_one_address(name):
    from django.core.mail import EmailMessage

    message = EmailMessage("Hi", "Body", "clinch@example.org", [mail_address(name, "rosa@larkspur.example")],
                           reply_to=[mail_address(name, "dana@example.org")])
    assert addresses_on_the_wire(message, "To") == ["rosa@larkspur.example"]
    assert addresses_on_the_wire(message, "Reply-To") == ["dana@example.org"]


def test_header_names_are_one_short_line_without_quotes():
    assert header_name('Rosa "Ro" Quiñones\r\nBcc: x@evil.example') == "Rosa 'Ro' Quiñones Bcc: x@evil.example"
    assert header_name("Ana\u2028Lima\x00") == "Ana Lima"
    assert header_name("Dana\u202eWhitfield\u200d") == "Dana Whitfield"


@pytest.mark.parametrize("name", ["می\u200cخواهم Rahimi", "Lakshmi Sre\u200cenivasan", "ശ്രീ\u200dകുമാർ"])
def test_a_joiner_inside_a_word_is_part_of_the_name(name):
    """Persian, Indic and other scripts spell some names with zero-width joiners: kept, and accepted."""
    from clinch.validators import validate_display_name

    validate_display_name(name)
    assert header_name(name) == name
    long = "Maximiliana " * 10
    assert len(header_name(long)) <= NAME_IN_HEADER_MAX and header_name(long).startswith("Maximiliana Maximiliana")


@pytest.mark.django_db
@pytest.mark.parametrize("name", [EVE, 'Dana "the boss"', "D" * 65, "Dana\u200bWhitfield",
                                  "Dana\u200d Whitfield", "\u200cDana"])
def test_the_senders_own_name_is_refused_where_it_is_typed(dana_client, dana, name):
    from clinch.mail.models import MailAccount

    said = ("Use a plain name on one line.", "A name cannot hold &lt;, &gt; or &quot;", "At most 64 characters")
    form = {
        "from_name": name, "from_email": "dana@example.org", "smtp_host": "smtp.example.org", "smtp_port": "587",
        "smtp_security": "starttls", "smtp_username": "dana", "smtp_password": "pw", "imap_host": "",
        "imap_port": "993", "imap_security": "ssl", "imap_username": "", "imap_password": "", "imap_folder": "INBOX",
    }
    response = dana_client.post(reverse("mail:settings"), form)
    assert response.status_code == 200 and any(words in response.content.decode() for words in said)
    assert not MailAccount.objects.filter(owner=dana).exists()
    profile = {"display_name": name, "email": "dana@example.org", "timezone": "UTC", "country": "US"}
    response = dana_client.post(reverse("profile"), profile)
    assert response.status_code == 200 and any(words in response.content.decode() for words in said)
    dana.refresh_from_db()
    assert dana.display_name != name

