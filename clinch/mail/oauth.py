"""Sign in to Google or Microsoft mail with OAuth 2.0, and keep the grant usable.

The flow (RFC 6749 authorization code, RFC 7636 PKCE with S256):

1. ``start``: a random ``state`` and code verifier are kept in the user's session;
   the browser goes to the provider with the verifier's S256 challenge.
2. ``finish``: the provider sends the browser back with ``code`` and ``state``. A
   ``state`` that is not the one kept is refused before anything else; the code is
   exchanged together with the verifier, so a code taken on the way is useless.
3. ``access_token``: before each SMTP or IMAP session. A token with less than
   ``EARLY`` left is refreshed first; a refresh token the provider rotates is stored
   in place of the old one. A refused refresh (``invalid_grant``: revoked, expired,
   password changed; or a refused client secret) sets ``oauth_problem``: the account's mail waits (the claim skips
   it, ``clinch.mail.worker``) and every mail page asks the user to connect again.

Tokens are stored encrypted with ``clinch.mail.crypto`` (the passwords' key). The
endpoints are the administrator's settings, never user input; every request has
MAIL_TIMEOUT_SECONDS and reads at most ``MAX_RESPONSE_BYTES``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import urllib.error
import urllib.parse
import urllib.request
import dataclasses
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction

from clinch.mail import crypto, wakeup
from clinch.mail.models import MailAccount

# The client itself refused (a wrong or expired client secret): no retry can mend that, so the
# mail waits, like a refused grant, until the administrator fixes it and the user connects again.
CLIENT_REFUSED = ("invalid_client", "unauthorized_client")
EARLY = timedelta(seconds=120)  # refresh this long before the expiry the provider gave
PENDING_MAX_AGE = timedelta(minutes=15)  # a sign-in left open longer is started again
MAX_RESPONSE_BYTES = 64 * 1024
DEFAULT_LIFETIME = 3600  # seconds, when a token answer has no expires_in

# What each provider needs. Sources: Google's "OAuth 2.0 for web server applications" and
# "IMAP, POP and SMTP: XOAUTH2" pages; Microsoft's "Authenticate an IMAP, POP or SMTP
# connection using OAuth" page. Any key can be overridden in settings.MAIL_OAUTH.
PROVIDERS = {
    "google": {
        "label": "Google",
        "authorize_url": "https://accounts.google.com/o/oauth2/v2/auth",
        "token_url": "https://oauth2.googleapis.com/token",
        "revoke_url": "https://oauth2.googleapis.com/revoke",
        "scopes": ["https://mail.google.com/"],
        # offline + consent: Google gives a refresh token only when asked this way.
        "authorize_params": {"access_type": "offline", "prompt": "consent"},
        "smtp": ["smtp.gmail.com", 587, "starttls"],
        "imap": ["imap.gmail.com", 993, "ssl"],
        "sent_folder": "[Gmail]/Sent Mail",
        "manage_url": "https://myaccount.google.com/permissions",
    },
    "microsoft": {
        "label": "Microsoft",
        "authorize_url": "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize",
        "token_url": "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token",
        "revoke_url": "",  # Microsoft has no token revocation endpoint: the user removes the app
        "scopes": ["https://outlook.office.com/SMTP.Send", "https://outlook.office.com/IMAP.AccessAsUser.All",
                   "offline_access"],
        "authorize_params": {},
        "smtp": ["smtp.office365.com", 587, "starttls"],
        "imap": ["outlook.office365.com", 993, "ssl"],
        "sent_folder": "Sent Items",
        "manage_url": "https://myapps.microsoft.com/",
    },
}


class OAuthProblem(Exception):
    """Base of the failures below; the message is a sentence for the user."""


class NeedsReconnect(OAuthProblem):
    """The grant is gone (refused refresh, disconnect): only the user can mend it."""


class ProviderUnavailable(OAuthProblem):
    """The provider did not answer, or answered something other than a refusal: try later."""


class Refused(OAuthProblem):
    """The provider refused a request; ``error`` is its OAuth error code."""

    def __init__(self, error: str, description: str = "") -> None:
        super().__init__(f"{error}: {description}" if description else error)
        self.error = error


@dataclass(frozen=True)
class Pending:
    """What the session keeps between ``start`` and ``finish``."""

    provider: str
    state: str
    verifier: str
    from_name: str
    from_email: str
    started_at: str  # ISO 8601

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


def provider(name: str) -> dict:
    """The provider's settings: PROVIDERS overlaid with settings.MAIL_OAUTH[name]; KeyError if unknown."""
    merged = dict(PROVIDERS[name])
    merged.update(settings.MAIL_OAUTH.get(name, {}))
    tenant = merged.get("tenant") or "common"
    for key in ("authorize_url", "token_url"):
        merged[key] = merged[key].replace("{tenant}", tenant)
    return merged


def configured() -> list[str]:
    """The providers the administrator registered a client for, in a fixed order."""
    return [name for name in PROVIDERS if provider(name).get("client_id")]


def authorize_origins() -> list[str]:
    """The origins of the configured providers' sign-in pages (for the Mail page's form-action)."""
    origins = []
    for name in configured():
        url = urllib.parse.urlsplit(provider(name)["authorize_url"])
        origins.append(f"{url.scheme}://{url.netloc}")
    return list(dict.fromkeys(origins))


def redirect_uri() -> str:
    """The one callback URL to register with every provider."""
    return f"{settings.SITE_URL}/mail/oauth/callback/"


def code_challenge(verifier: str) -> str:
    """RFC 7636 S256: BASE64URL(SHA256(verifier)) without padding."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def xoauth2_string(user: str, token: str) -> str:
    """The XOAUTH2 initial client response before base64: user=...^Aauth=Bearer ...^A^A."""
    return f"user={user}\x01auth=Bearer {token}\x01\x01"


def start(name: str, *, from_name: str, from_email: str, now: datetime) -> tuple[str, Pending]:
    """The provider's authorization URL to send the browser to, and what to keep in the session."""
    config = provider(name)
    pending = Pending(provider=name, state=secrets.token_urlsafe(32), verifier=secrets.token_urlsafe(64),
                      from_name=from_name, from_email=from_email, started_at=now.isoformat())
    params = {
        "response_type": "code",
        "client_id": config["client_id"],
        "redirect_uri": redirect_uri(),
        "scope": " ".join(config["scopes"]),
        "state": pending.state,
        "code_challenge": code_challenge(pending.verifier),
        "code_challenge_method": "S256",
        "login_hint": from_email,
        **config["authorize_params"],
    }
    return f"{config['authorize_url']}?{urllib.parse.urlencode(params)}", pending


def finish(pending: dict | None, query: dict, *, now: datetime) -> tuple[Pending, dict]:
    """Check the provider's answer against the session and exchange the code for tokens.

    Raises ``Refused`` (with a sentence for the user) when there was no sign-in under
    way, it is too old, the ``state`` differs, the provider reports an error, or the
    token endpoint refuses the code (a wrong PKCE verifier included).
    """
    if not pending:
        raise Refused("no_sign_in", "no sign-in was under way here; start again from the Mail page")
    started = Pending(**pending)
    if not hmac.compare_digest(str(query.get("state", "")), started.state):
        raise Refused("state_mismatch", "this answer does not belong to the sign-in started here; start again")
    if now - datetime.fromisoformat(started.started_at) > PENDING_MAX_AGE:
        raise Refused("expired", "the sign-in took too long; start again")
    if query.get("error"):
        raise Refused(str(query["error"])[:100], str(query.get("error_description", ""))[:200])
    code = str(query.get("code", ""))
    if not code:
        raise Refused("no_code", "the provider sent no authorization code")
    tokens = token_request(started.provider, {
        "grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri(),
        "code_verifier": started.verifier,
    })
    if not tokens.get("refresh_token"):
        raise Refused("no_refresh_token", "the provider gave no refresh token, so Clinch could not send later")
    return started, tokens


def token_request(name: str, fields: dict) -> dict:
    """POST ``fields`` (plus the client's id and secret) to the token endpoint; its JSON answer.

    Raises ``Refused`` for an OAuth error answer, ``ProviderUnavailable`` for anything else.
    """
    config = provider(name)
    body = {**fields, "client_id": config["client_id"]}
    if config.get("client_secret"):
        body["client_secret"] = config["client_secret"]
    answer = _post(config["token_url"], body)
    if "error" in answer:
        raise Refused(str(answer["error"])[:100], str(answer.get("error_description", ""))[:200])
    if not answer.get("access_token"):
        raise ProviderUnavailable("The sign-in service answered without a token.")
    return answer


def _post(url: str, fields: dict) -> dict:
    request = urllib.request.Request(url, data=urllib.parse.urlencode(fields).encode(), method="POST",
                                     headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=settings.MAIL_TIMEOUT_SECONDS) as response:  # noqa: S310
            raw = response.read(MAX_RESPONSE_BYTES)
    except urllib.error.HTTPError as error:
        raw = error.read(MAX_RESPONSE_BYTES)
        if error.code >= 500 or not raw:
            raise ProviderUnavailable(f"The sign-in service answered {error.code}.") from error
    except (OSError, ValueError) as error:
        raise ProviderUnavailable(f"The sign-in service did not answer: {error}") from error
    try:
        answer = json.loads(raw or b"{}")
    except ValueError as error:
        raise ProviderUnavailable("The sign-in service answered something that is not JSON.") from error
    return answer if isinstance(answer, dict) else {}


def token_fields(tokens: dict, *, now: datetime) -> dict:
    """The account's columns for a token answer. A refresh token is stored only when one came:
    a provider that does not rotate keeps the one from the sign-in."""
    fields = {
        "oauth_access_token_encrypted": crypto.encrypt(str(tokens["access_token"])),
        "oauth_expires_at": now + timedelta(seconds=_lifetime(tokens)),
    }
    if tokens.get("refresh_token"):
        fields["oauth_refresh_token_encrypted"] = crypto.encrypt(str(tokens["refresh_token"]))
    return fields


def _lifetime(tokens: dict) -> int:
    try:
        return max(int(tokens.get("expires_in", DEFAULT_LIFETIME)), 0)
    except (TypeError, ValueError):
        return DEFAULT_LIFETIME


def connect_account(owner, started: Pending, tokens: dict, *, now: datetime) -> MailAccount:
    """Create or turn the user's account into one signed in with ``started.provider``.

    The provider's SMTP and IMAP servers replace what was there, passwords are dropped,
    and a problem or an open breaker from before is cleared: waiting mail goes again.
    """
    config = provider(started.provider)
    smtp_host, smtp_port, smtp_security = config["smtp"]
    imap_host, imap_port, imap_security = config["imap"]
    account = MailAccount.objects.filter(owner=owner).first() or MailAccount(owner=owner)
    account.from_name, account.from_email = started.from_name, started.from_email
    account.auth_method = started.provider
    account.smtp_host, account.smtp_port, account.smtp_security = smtp_host, smtp_port, smtp_security
    account.smtp_username = account.imap_username = started.from_email
    account.imap_host, account.imap_port, account.imap_security = imap_host, imap_port, imap_security
    account.smtp_password_encrypted = account.imap_password_encrypted = ""
    if account.imap_sent_folder in ("", "Sent"):
        account.imap_sent_folder = config["sent_folder"]
    account.imap_file_sent_copy = False  # both providers file what they send in Sent themselves
    for field, value in token_fields(tokens, now=now).items():
        setattr(account, field, value)
    account.oauth_problem, account.oauth_problem_since = "", None
    account.breaker_failures, account.not_answering_since, account.paused_until = 0, None, None
    account.full_clean(exclude=["owner"])
    with transaction.atomic():
        account.save()
        wakeup.notify_on_commit()
    return account


def access_token(account: MailAccount, *, now: datetime, force: bool = False) -> str:
    """A usable access token for ``account``, refreshed first when it is close to expiry
    (or ``force``: the server refused the one we had).

    Raises ``NeedsReconnect`` when the account already waits for the user or the provider
    refuses the refresh (then ``oauth_problem`` is set), ``ProviderUnavailable`` when the
    provider cannot be reached (nothing changes; the caller retries later).

    Two workers may refresh at once. The new tokens are stored only if the refresh token
    used is still the stored one; a refusal right after another worker rotated the refresh
    token is that rotation, not a revoked grant, so the other worker's token is used.
    """
    if account.oauth_problem:
        raise NeedsReconnect(account.oauth_problem)
    current = crypto.decrypt(account.oauth_access_token_encrypted)
    if current and not force and account.oauth_expires_at and account.oauth_expires_at - EARLY > now:
        return current
    used = account.oauth_refresh_token_encrypted
    refresh_token = crypto.decrypt(used)
    if not refresh_token:
        raise needs_reconnect(account, "Clinch can no longer read the saved sign-in (the server's key changed).",
                              now=now)
    try:
        tokens = token_request(account.auth_method, {"grant_type": "refresh_token", "refresh_token": refresh_token})
    except Refused as refusal:
        if refusal.error in CLIENT_REFUSED:
            raise needs_reconnect(account, f"{provider(account.auth_method)['label']} refused this server's sign-in "
                                           f"settings ({refusal}): tell the administrator.", now=now) from refusal
        if refusal.error != "invalid_grant":
            raise ProviderUnavailable(f"The sign-in service refused to renew access: {refusal}") from refusal
        stored = MailAccount.objects.get(pk=account.pk)
        if stored.oauth_refresh_token_encrypted != used and stored.oauth_access_token_encrypted and not stored.oauth_problem:
            _copy_tokens(stored, account)
            return crypto.decrypt(stored.oauth_access_token_encrypted)
        raise needs_reconnect(account, f"{provider(account.auth_method)['label']} refused to renew Clinch's access "
                                       f"({refusal}).", now=now) from refusal
    fields = token_fields(tokens, now=now)
    if MailAccount.objects.filter(pk=account.pk, oauth_refresh_token_encrypted=used).update(**fields):
        for field, value in fields.items():
            setattr(account, field, value)
    return str(tokens["access_token"])


def _copy_tokens(source: MailAccount, target: MailAccount) -> None:
    for field in ("oauth_access_token_encrypted", "oauth_refresh_token_encrypted", "oauth_expires_at"):
        setattr(target, field, getattr(source, field))


def needs_reconnect(account: MailAccount, reason: str, *, now: datetime) -> NeedsReconnect:
    """Hold the account's mail until the user connects again; the returned error says why."""
    sentence = reason.strip()[:300]
    MailAccount.objects.filter(pk=account.pk).update(oauth_problem=sentence, oauth_problem_since=now)
    account.oauth_problem, account.oauth_problem_since = sentence, now
    return NeedsReconnect(sentence)


def disconnect(account: MailAccount, *, now: datetime) -> bool:
    """Revoke the grant at the provider (where it has an endpoint), then forget the tokens.

    The account stays, with its mail waiting until the user connects again or switches to
    a password. True when the provider confirmed the revocation.
    """
    config = provider(account.auth_method)
    refresh_token = crypto.decrypt(account.oauth_refresh_token_encrypted)
    revoked = False
    if config.get("revoke_url") and refresh_token:
        try:
            answer = _post(config["revoke_url"], {"token": refresh_token})
            revoked = "error" not in answer
        except ProviderUnavailable:
            revoked = False  # the tokens are forgotten here anyway; the user can remove the app there
    MailAccount.objects.filter(pk=account.pk).update(
        oauth_refresh_token_encrypted="", oauth_access_token_encrypted="", oauth_expires_at=None)
    needs_reconnect(account, f"You disconnected {config['label']}.", now=now)
    return revoked
