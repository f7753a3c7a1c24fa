"""Connecting a Google or Microsoft mailbox with OAuth 2.0, and mail that keeps its promises with it.

Against real servers on loopback: an authorization server (authorization code with PKCE,
refresh with rotation, revocation) and SMTP and IMAP servers that accept only XOAUTH2 with
that server's tokens (tests/mail/oauth_servers.py).
"""

from __future__ import annotations

import http.client
import urllib.parse
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from clinch.mail import crypto, imap, oauth
from clinch.mail import services as mail
from clinch.mail.models import Attempt, MailAccount, Message
from tests.mail.conftest import NOW, drain, make_followup, reply_mail
from tests.mail.oauth_servers import CLIENT_ID, CLIENT_SECRET, AuthorizationServer, XOAuth2SmtpSink, s256
from tests.mail.servers import ImapMailbox, ImapServer

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
ADDRESS = "dana@example.org"
SCOPES = {
    "google": "https://mail.google.com/",
    "microsoft": "https://outlook.office.com/SMTP.Send https://outlook.office.com/IMAP.AccessAsUser.All offline_access",
}


@pytest.fixture
def authority():
    server = AuthorizationServer(user=ADDRESS).start()
    yield server
    server.stop()


@pytest.fixture
def oauth_smtp(authority):
    server = XOAuth2SmtpSink(authority).start()
    yield server
    server.stop()


@pytest.fixture
def oauth_imap(authority):
    box = ImapMailbox(ADDRESS, "no password works here")
    box.authority = authority
    server = ImapServer(box).start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def providers_at_loopback(settings, authority, oauth_smtp, oauth_imap):
    def at_loopback(revoke_url):
        return {
            "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET,
            "authorize_url": authority.url("/authorize"), "token_url": authority.url("/token"),
            "revoke_url": revoke_url,
            "smtp": ["127.0.0.1", oauth_smtp.port, "none"], "imap": ["127.0.0.1", oauth_imap.port, "none"],
        }

    settings.MAIL_OAUTH = {"google": at_loopback(authority.url("/revoke")), "microsoft": at_loopback("")}


def start(client, provider="google"):
    """Press "Connect with ...": the redirect to the provider's authorization page."""
    response = client.post(reverse("mail:oauth_start", args=[provider]),
                           {"connect-from_name": "Dana Whitfield", "connect-from_email": ADDRESS})
    assert response.status_code == 302
    return response["Location"]


def approve(authorize_url):
    """The provider's page, approved: where it sends the browser back (path and query)."""
    url = urllib.parse.urlsplit(authorize_url)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=5)
    connection.request("GET", f"{url.path}?{url.query}")
    response = connection.getresponse()
    assert response.status == 302, response.read()
    back = urllib.parse.urlsplit(response.getheader("Location"))
    connection.close()
    return back.path, dict(urllib.parse.parse_qsl(back.query))


def connect(client, provider="google"):
    """The whole sign-in, as a browser goes through it; the page it ends on."""
    path, query = approve(start(client, provider))
    return client.get(path, query, follow=True)


def contacts(interview, n):
    from clinch.interviews.models import Contact

    return [Contact.objects.create(owner=interview.owner, company=interview.opportunity.company, name=f"Person {i}",
                                   email=f"person{i}@larkspur.example") for i in range(n)]


def account():
    return MailAccount.objects.get()


@pytest.mark.django_db
@pytest.mark.parametrize("provider", ["google", "microsoft"])
def test_connecting_stores_encrypted_tokens_and_mail_goes_out_and_replies_come_in_by_xoauth2(
        provider, dana_client, interview, authority, oauth_smtp, oauth_imap):
    with time_machine.travel(NOW, tick=False):
        page = connect(dana_client, provider).content.decode()
    assert f"Connected with {oauth.provider(provider)['label']}" in page
    asked = authority.authorize_requests[0]
    assert asked["code_challenge_method"] == "S256" and asked["scope"] == SCOPES[provider]
    assert asked["redirect_uri"] == "http://127.0.0.1:8000/mail/oauth/callback/" and len(asked["state"]) >= 32
    saved = account()
    assert (saved.auth_method, saved.from_email, saved.smtp_port) == (provider, ADDRESS, oauth_smtp.port)
    assert saved.smtp_password_encrypted == "" and saved.oauth_expires_at == NOW + timedelta(hours=1)
    [refresh_token] = authority.refresh_tokens
    assert refresh_token not in saved.oauth_refresh_token_encrypted  # encrypted at rest
    assert crypto.decrypt(saved.oauth_refresh_token_encrypted) == refresh_token

    message = mail.send_now(make_followup(interview), now=NOW)
    drain(NOW)
    message.refresh_from_db()
    assert message.state == "sent"
    assert list(oauth_smtp.message_ids()) == [message.message_id]
    assert oauth_smtp.logins == [(ADDRESS, True)]

    oauth_imap.mailbox.add(reply_mail(in_reply_to=message.message_id))
    with time_machine.travel(NOW, tick=False):
        assert imap.poll_account(account(), now=NOW) == 1
    assert f"XOAUTH2 {ADDRESS} ok" in oauth_imap.commands
    assert not any(command.startswith("LOGIN") for command in oauth_imap.commands)
    assert authority.token_requests == ["authorization_code"]  # the token was still fresh: no refresh


@pytest.mark.django_db
def test_a_wrong_pkce_verifier_is_refused_and_nothing_is_stored(dana_client, authority):
    authorize_url = start(dana_client)
    session = dana_client.session
    pending = session["mail_oauth_pending"]
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(authorize_url).query)["code_challenge"] == [
        s256(pending["verifier"])]
    session["mail_oauth_pending"] = {**pending, "verifier": "x" * 86}  # not the one the challenge came from
    session.save()
    path, query = approve(authorize_url)
    page = dana_client.get(path, query, follow=True).content.decode()
    assert "Your mailbox was not connected" in page and "PKCE verification failed" in page
    assert authority.token_requests == ["authorization_code"] and authority.refresh_tokens == {}
    assert not MailAccount.objects.exists()


@pytest.mark.django_db
def test_a_state_that_does_not_match_is_refused_before_the_code_is_used(dana_client, authority):
    path, query = approve(start(dana_client))
    page = dana_client.get(path, {**query, "state": query["state"][:-2] + "xx"}, follow=True).content.decode()
    assert "does not belong to the sign-in started here" in page
    assert authority.token_requests == [] and not MailAccount.objects.exists()
    # The sign-in is used once, right or wrong: the same answer, now with the right state, is refused too.
    page = dana_client.get(path, query, follow=True).content.decode()
    assert "no sign-in was under way here" in page and not MailAccount.objects.exists()


@pytest.mark.django_db
def test_another_users_answer_cannot_finish_a_sign_in(dana_client, mallory, authority):
    from django.test import Client

    path, query = approve(start(dana_client))
    other = Client()
    other.force_login(mallory)
    other.get(path, query)
    assert authority.token_requests == [] and not MailAccount.objects.exists()
    assert Client().get(path, query).status_code == 302  # a visitor is sent to sign in
    assert authority.token_requests == []


@pytest.mark.django_db
def test_an_expired_token_is_refreshed_once_and_the_rotated_refresh_token_kept(dana_client, interview, authority,
                                                                                 oauth_smtp):
    with time_machine.travel(NOW, tick=False):
        connect(dana_client)
    [first_refresh] = authority.refresh_tokens
    later = NOW + timedelta(hours=2)  # past the hour the access token lasts
    authority.expire_access_tokens()
    notes = [mail.send_now(make_followup(interview, contact=contact), now=later) for contact in contacts(interview, 3)]
    drain(later)
    assert [m.state for m in Message.objects.filter(pk__in=[n.pk for n in notes])] == ["sent"] * 3
    assert authority.token_requests == ["authorization_code", "refresh_token"]  # one refresh for three sends
    saved = account()
    [rotated] = authority.refresh_tokens
    assert rotated != first_refresh and crypto.decrypt(saved.oauth_refresh_token_encrypted) == rotated
    assert saved.oauth_expires_at == later + timedelta(hours=1)
    assert all(ok for _, ok in oauth_smtp.logins)


@pytest.mark.django_db
def test_a_token_the_server_refuses_before_its_time_is_refreshed_once_and_the_note_sent(
        dana_client, interview, authority, oauth_smtp):
    with time_machine.travel(NOW, tick=False):
        connect(dana_client)
    authority.expire_access_tokens()  # withdrawn at the provider although Clinch thinks it has 59 minutes
    message = mail.send_now(make_followup(interview), now=NOW + timedelta(minutes=1))
    drain(NOW + timedelta(minutes=1))
    message.refresh_from_db()
    assert message.state == "sent" and list(oauth_smtp.message_ids()) == [message.message_id]
    assert [ok for _, ok in oauth_smtp.logins] == [False, True]
    assert authority.token_requests == ["authorization_code", "refresh_token"]


@pytest.mark.django_db
def test_a_refused_refresh_holds_the_mail_says_why_and_sends_it_once_after_reconnecting(
        dana_client, interview, authority, oauth_smtp):
    with time_machine.travel(NOW, tick=False):
        connect(dana_client)
    authority.refuse_refresh = True  # the user revoked access at Google, or changed their password
    later = NOW + timedelta(hours=2)
    message = mail.send_now(make_followup(interview), now=later)
    drain(later)
    message.refresh_from_db()
    assert (message.state, message.attempts, message.claimed_by) == ("scheduled", 0, "")
    assert "refused to renew" in message.last_error
    assert not Attempt.objects.exists() and oauth_smtp.logins == [] and oauth_smtp.messages == []
    saved = account()
    assert "Google refused to renew Clinch's access (invalid_grant" in saved.oauth_problem
    assert saved.oauth_problem_since == later
    drain(later + timedelta(minutes=5))  # the queue waits: the message is not even claimed
    assert authority.token_requests == ["authorization_code", "refresh_token"]
    with time_machine.travel(later, tick=False):
        today = dana_client.get("/").content.decode()
        settings_page = dana_client.get(reverse("mail:settings")).content.decode()
        outbox = dana_client.get(reverse("mail:outbox")).content.decode()
        note_page = dana_client.get(reverse("followup", args=[message.followup.public_id])).content.decode()
    for page in (today, settings_page, outbox, note_page):
        assert "Clinch cannot send from dana@example.org until you connect again." in page
        assert "Google refused to renew" in page

    authority.refuse_refresh = False
    with time_machine.travel(later + timedelta(minutes=10), tick=False):
        connect(dana_client)
    assert account().oauth_problem == ""
    drain(later + timedelta(minutes=10))
    message.refresh_from_db()
    assert message.state == "sent" and oauth_smtp.message_ids()[message.message_id] == 1


@pytest.mark.django_db
def test_disconnecting_revokes_the_grant_and_mail_waits(dana_client, interview, authority, oauth_smtp):
    with time_machine.travel(NOW, tick=False):
        connect(dana_client)
        page = dana_client.post(reverse("mail:oauth_disconnect"), follow=True).content.decode()
    assert "Google has withdrawn Clinch&#x27;s access" in page
    assert authority.refresh_tokens == {} and authority.access_tokens == {}  # revoked at the provider
    saved = account()
    assert (saved.oauth_refresh_token_encrypted, saved.oauth_access_token_encrypted) == ("", "")
    assert saved.oauth_problem.startswith("You disconnected Google.")
    message = mail.send_now(make_followup(interview), now=NOW)
    drain(NOW)
    message.refresh_from_db()
    assert message.state == "scheduled" and oauth_smtp.messages == [] and oauth_smtp.logins == []


@pytest.mark.django_db
def test_microsoft_has_no_revocation_endpoint_so_the_page_says_where_to_remove_clinch(dana_client, authority):
    with time_machine.travel(NOW, tick=False):
        connect(dana_client, "microsoft")
        page = dana_client.post(reverse("mail:oauth_disconnect"), follow=True).content.decode()
    assert "remove Clinch at https://myapps.microsoft.com/" in page
    assert account().oauth_refresh_token_encrypted == ""


@pytest.mark.django_db
def test_saving_a_password_switches_a_connected_account_back(dana_client, authority):
    with time_machine.travel(NOW, tick=False):
        connect(dana_client)
        dana_client.post(reverse("mail:settings"), {
            "from_name": "Dana Whitfield", "from_email": ADDRESS, "smtp_host": "smtp.example.org", "smtp_port": 587,
            "smtp_security": "starttls", "smtp_username": ADDRESS, "smtp_password": "app-password",
        })
    saved = account()
    assert saved.auth_method == "password" and saved.oauth_refresh_token_encrypted == ""
    assert crypto.decrypt(saved.smtp_password_encrypted) == "app-password"


@pytest.mark.django_db
def test_the_mail_page_offers_only_the_providers_the_server_registered(dana_client, settings, authority):
    response = dana_client.get(reverse("mail:settings"))
    page = response.content.decode()
    assert "Connect with Google" in page and "Connect with Microsoft" in page
    # The form is redirected to the provider: this page, and only it, lets the browser go there.
    assert f"form-action 'self' http://127.0.0.1:{authority.port};" in response["Content-Security-Policy"]
    assert "form-action 'self';" in dana_client.get(reverse("mail:outbox"))["Content-Security-Policy"]
    settings.MAIL_OAUTH = {"google": {"client_id": ""}, "microsoft": {"client_id": "registered"}}
    page = dana_client.get(reverse("mail:settings")).content.decode()
    assert "Connect with Google" not in page and "Connect with Microsoft" in page
    assert dana_client.post(reverse("mail:oauth_start", args=["google"])).status_code == 404
    settings.MAIL_OAUTH = {"google": {"client_id": ""}, "microsoft": {"client_id": ""}}
    response = dana_client.get(reverse("mail:settings"))
    assert "Connect with" not in response.content.decode()
    assert "form-action 'self';" in response["Content-Security-Policy"]


def test_the_xoauth2_initial_response_is_the_documented_string():
    assert oauth.xoauth2_string("someuser@example.com", "ya29.token") == (
        "user=someuser@example.com\x01auth=Bearer ya29.token\x01\x01")


@pytest.mark.django_db
def test_a_key_rotation_re_encrypts_the_tokens_too(dana_client, authority, settings):
    with time_machine.travel(NOW, tick=False):
        connect(dana_client)
    [refresh_token] = authority.refresh_tokens
    old_key = settings.FIELD_ENCRYPTION_KEY
    settings.FIELD_ENCRYPTION_KEY, settings.FIELD_ENCRYPTION_OLD_KEYS = "a new key", [old_key]
    assert crypto.reencrypt_all() == 1
    settings.FIELD_ENCRYPTION_OLD_KEYS = []
    assert crypto.decrypt(account().oauth_refresh_token_encrypted) == refresh_token


@pytest.mark.django_db
def test_a_client_secret_the_provider_refuses_holds_the_mail_for_the_administrator(
        dana_client, interview, authority, oauth_smtp, settings):
    with time_machine.travel(NOW, tick=False):
        connect(dana_client)
    settings.MAIL_OAUTH["google"]["client_secret"] = "an expired secret"
    later = NOW + timedelta(hours=2)
    message = mail.send_now(make_followup(interview), now=later)
    drain(later)
    message.refresh_from_db()
    assert (message.state, message.attempts) == ("scheduled", 0) and oauth_smtp.messages == []
    assert "tell the administrator" in account().oauth_problem


@pytest.mark.django_db
def test_two_workers_refreshing_at_once_keep_the_rotation_that_landed_first(dana_client, authority):
    with time_machine.travel(NOW, tick=False):
        connect(dana_client)
    first, second = account(), account()  # two workers, each with the account as it was
    later = NOW + timedelta(hours=2)
    token = oauth.access_token(first, now=later)  # rotates the refresh token
    assert oauth.access_token(second, now=later) == token  # its old refresh token is refused: not a revoked grant
    assert account().oauth_problem == "" and authority.valid(ADDRESS, token)
    assert authority.token_requests == ["authorization_code", "refresh_token", "refresh_token"]
