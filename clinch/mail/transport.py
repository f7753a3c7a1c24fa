"""One message over SMTP, and an honest answer about what happened to it.

Django's SMTP backend does the talking; the subclasses here only note whether
the message body has been handed to the server. That one bit decides what a
failure means: before the hand-over nothing can have been delivered (retry is
safe); after it, without the server's answer, it may have been (``uncertain``).
"""

from __future__ import annotations

import functools
import smtplib
import socket
from dataclasses import dataclass
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.smtp import EmailBackend

from clinch.mail import crypto, oauth, outbound
from clinch.mail.addresses import mail_address

# Outcome kinds of one attempt.
SENT = "sent"
RETRY = "retry"  # nothing delivered, the server or the network may recover
FAILED = "failed"  # the server said no for good (5xx)
UNCERTAIN = "uncertain"  # handed over, answer never heard


@dataclass(frozen=True)
class Outcome:
    kind: str
    code: int | None = None
    text: str = ""


class _HandOverMixin:
    """Remembers whether the end-of-data marker went out (the point of no return)."""

    handed_over = False

    def send(self, s):
        super().send(s)
        # smtplib sends the whole body, terminator included, in one call; commands are str.
        if isinstance(s, bytes) and s.endswith(b"\r\n.\r\n"):
            self.handed_over = True


class _CheckedSocket(smtplib.SMTP):
    """Opens its socket through ``outbound.connect`` (SMTP_SSL wraps that socket in TLS)."""

    def _get_socket(self, host, port, timeout):
        return outbound.connect(host, port, timeout, self.source_address)


class _SMTP(_HandOverMixin, smtplib.SMTP):
    pass


class _SMTPSSL(_HandOverMixin, smtplib.SMTP_SSL):
    pass


class _CheckedSMTP(_HandOverMixin, _CheckedSocket):
    pass


class _CheckedSMTPSSL(_HandOverMixin, smtplib.SMTP_SSL, _CheckedSocket):
    pass


class _XOAuth2Mixin:
    """SMTP AUTH XOAUTH2 in place of a password login; the "password" is the access token."""

    def login(self, user, password, *, initial_response_ok=True):
        self.ehlo_or_helo_if_needed()
        if not self.has_extn("auth"):
            raise smtplib.SMTPNotSupportedError("SMTP AUTH extension not supported by server.")
        asked = []

        def respond(challenge=None):
            # First the initial response; if the server answers 334 with its error details
            # instead of 235, an empty line ends the exchange and it then says 535.
            asked.append(challenge)
            return oauth.xoauth2_string(user, password) if len(asked) == 1 else ""

        return self.auth("XOAUTH2", respond, initial_response_ok=True)


@functools.cache
def _with_xoauth2(connection_class: type) -> type:
    return type(f"{connection_class.__name__}XOAuth2", (_XOAuth2Mixin, connection_class), {})


class AccountBackend(EmailBackend):
    """Django's SMTP backend with hand-over tracking; build it with ``backend_for``.

    ``check_addresses``: connect only to public addresses (a user's own server).
    ``xoauth2``: sign in with XOAUTH2, the password being an OAuth access token.
    """

    check_addresses = False
    xoauth2 = False

    @property
    def connection_class(self):
        if self.check_addresses:
            chosen = _CheckedSMTPSSL if self.use_ssl else _CheckedSMTP
        else:
            chosen = _SMTPSSL if self.use_ssl else _SMTP
        return _with_xoauth2(chosen) if self.xoauth2 else chosen


def timeout_seconds() -> float:
    return float(getattr(settings, "MAIL_TIMEOUT_SECONDS", 20))


def server_wide_options() -> dict | None:
    """The SMTP options of the server-wide account (MAIL_URL), when it is SMTP and offered to users."""
    if not getattr(settings, "MAIL_SERVER_ACCOUNT_FOR_USERS", False):
        return None
    config = settings.MAILERS.get("default", {})
    if not config.get("BACKEND", "").endswith("smtp.EmailBackend"):
        return None
    return dict(config.get("OPTIONS", {}))


def backend_for(account, *, timeout: float | None = None) -> AccountBackend:
    """A connection for ``account`` (a MailAccount, or the server-wide one), always with a timeout.

    A user's own server is reached only at public addresses (``clinch.mail.outbound``).
    An account signed in with OAuth uses the access token the caller put in ``account.bearer_token``
    (``clinch.mail.oauth.access_token``: it may touch the database, this never does).
    """
    if getattr(account, "server_wide", False):
        options = server_wide_options() or {}
        options["timeout"] = timeout or options.get("timeout") or timeout_seconds()
        return AccountBackend(alias="clinch-server-account", **options)
    backend = AccountBackend(
        alias=f"clinch-account-{account.pk}",
        host=account.smtp_host,
        port=account.smtp_port,
        username=account.smtp_username or None,
        password=(getattr(account, "bearer_token", "") if account.uses_oauth
                  else crypto.decrypt(account.smtp_password_encrypted)) or None,
        use_tls=account.smtp_security == "starttls",
        use_ssl=account.smtp_security == "ssl",
        timeout=timeout or timeout_seconds(),
    )
    backend.check_addresses = True
    backend.xoauth2 = account.uses_oauth
    return backend


def new_message_id(from_email: str) -> str:
    """A globally unique Message-ID in the sender's domain, angle brackets included."""
    domain = from_email.rpartition("@")[2] or "clinch.localhost"
    return make_msgid(idstring="clinch", domain=domain)


def email_for(message) -> EmailMessage:
    """The EmailMessage for a Message row; threading headers exactly as stored."""
    headers = {"Message-ID": message.message_id}
    if message.in_reply_to:
        headers["In-Reply-To"] = message.in_reply_to
    if message.references:
        headers["References"] = message.references
    return EmailMessage(
        subject=message.subject,
        body=message.body_text,
        from_email=mail_address(message.from_name, message.from_email),
        to=[mail_address(message.to_name, message.to_email)],
        reply_to=[message.reply_to] if message.reply_to else None,
        headers=headers,
    )


def _answer(error: smtplib.SMTPException) -> tuple[int | None, str]:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, text = next(iter(error.recipients.values()))
        return code, _text(text)
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code, _text(error.smtp_error)
    return None, str(error)


def _text(value) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def classify(error: Exception, *, handed_over: bool) -> Outcome:
    """What a failed attempt means: the server's own answer wins, then the hand-over bit."""
    if isinstance(error, (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused)):
        code, text = _answer(error)
        if code is not None and 400 <= code < 500:
            return Outcome(RETRY, code, text)
        return Outcome(FAILED, code, text)
    if isinstance(error, outbound.RefusedAddress):
        return Outcome(FAILED, None, f"Clinch does not connect there: {error}")
    if handed_over:
        return Outcome(UNCERTAIN, None, f"no answer after the message was handed over: {error!r}")
    if isinstance(error, smtplib.SMTPNotSupportedError):
        return Outcome(FAILED, None, str(error))
    if isinstance(error, (OSError, smtplib.SMTPException, socket.timeout)):
        return Outcome(RETRY, None, f"{type(error).__name__}: {error}")
    return Outcome(FAILED, None, f"{type(error).__name__}: {error}")


def deliver(message, account, *, pool: "ConnectionPool | None" = None) -> Outcome:
    """Send one Message row through ``account``. Network only: touches no database.

    Every network call has the account timeout. Never raises for mail problems:
    the outcome says what happened. With a ``pool``, an open connection to the
    same account is reused; if a reused connection fails before the hand-over
    (the server dropped it while idle) the message goes once more on a fresh
    one, which is safe because nothing was delivered.
    """
    try:
        email = email_for(message)
        backend, reused = pool.take(account) if pool else (backend_for(account), False)
    except Exception as error:  # noqa: BLE001 - a row that cannot become an email fails visibly
        return Outcome(FAILED, None, f"Could not build the message: {error}")
    outcome = _attempt(backend, email)
    if reused and outcome.kind == RETRY and outcome.code is None:
        _close_quietly(backend)
        backend = backend_for(account)
        outcome = _attempt(backend, email)
    if pool and outcome.kind == SENT:
        pool.give_back(account, backend)
    else:
        _close_quietly(backend)
    return outcome


def _attempt(backend, email) -> Outcome:
    if backend.connection is not None:
        backend.connection.handed_over = False
    try:
        backend.open()
        backend.send_messages([email])
    except Exception as error:  # noqa: BLE001 - every failure must become an outcome
        connection = backend.connection or backend._partial_connection
        handed_over = bool(connection and getattr(connection, "handed_over", False))
        return classify(error, handed_over=handed_over)
    return Outcome(SENT, 250, "")


class ConnectionPool:
    """At most one open SMTP connection per account, kept for ``idle_seconds`` between sends.

    Belongs to one worker thread. An account edited on the Mail page gets a new
    connection (the key includes ``updated_at``).
    """

    def __init__(self, idle_seconds: float = 10.0) -> None:
        self.idle_seconds = idle_seconds
        self.open: dict[tuple, tuple[float, AccountBackend]] = {}

    @staticmethod
    def key(account) -> tuple:
        return ("server",) if getattr(account, "server_wide", False) else (account.pk, account.updated_at)

    def take(self, account) -> tuple[AccountBackend, bool]:
        import time

        entry = self.open.pop(self.key(account), None)
        if entry and time.monotonic() - entry[0] < self.idle_seconds and entry[1].connection is not None:
            return entry[1], True
        if entry:
            _close_quietly(entry[1])
        return backend_for(account), False

    def give_back(self, account, backend: AccountBackend) -> None:
        import time

        self.open[self.key(account)] = (time.monotonic(), backend)

    def close_idle(self) -> None:
        import time

        for key, (last_used, backend) in list(self.open.items()):
            if time.monotonic() - last_used >= self.idle_seconds:
                _close_quietly(backend)
                del self.open[key]

    def close_all(self) -> None:
        for _, backend in self.open.values():
            _close_quietly(backend)
        self.open.clear()


def _close_quietly(backend) -> None:
    """QUIT after the answer is heard changes nothing about the message."""
    try:
        backend.close()
    except Exception:  # noqa: BLE001
        backend.connection = None
        backend._partial_connection = None


def send_test(account, *, to_email: str, timeout: float) -> tuple[bool, str]:
    """Send a short test message to ``to_email``: (True, "") or (False, what went wrong, for the user).

    A server that answered gets its answer quoted ("535 5.7.8 ..."). Anything that
    kept Clinch from talking to a server at all is one sentence, "could not
    connect", the same for a closed port, a silent one and a refused address, so
    the button tells nothing about what else listens on a network.
    """
    backend = backend_for(account, timeout=timeout)
    email = EmailMessage(
        subject="Clinch test message",
        body="This is a test from Clinch. Your mail account works: follow-ups will go out from it.\n",
        from_email=mail_address(account.from_name, account.from_email),
        to=[to_email],
        headers={"Message-ID": new_message_id(account.from_email)},
    )
    try:
        backend.open()
        backend.send_messages([email])
    except Exception as error:  # noqa: BLE001 - the user sees whatever went wrong
        _close_quietly(backend)
        if isinstance(error, (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused)):
            code, text = _answer(error)
            return False, f"The server answered: {code} {text}"
        if isinstance(error, (OSError, smtplib.SMTPException)):
            return False, _could_not_connect(account, error)
        return False, f"{type(error).__name__}: {error}"
    _close_quietly(backend)
    return True, ""


def _could_not_connect(account, error: Exception) -> str:
    where = "the server-wide mail server" if getattr(account, "server_wide", False) else (
        f"{account.smtp_host} port {account.smtp_port}")
    if isinstance(error, outbound.RefusedAddress):
        return (f"Could not connect to {where}: it leads to this machine or a private network, which "
                "Clinch does not connect to for users (the administrator can allow it with MAIL_ALLOW_PRIVATE_HOSTS).")
    return f"Could not connect to {where}. Check the server name, the port and the security setting."
