"""What signing in with OAuth costs a sender: XOAUTH2 against a password login, and the token's upkeep.

A child process with a temporary SQLite database, the loopback authorization server and the
XOAUTH2-only SMTP server of the tests (tests/mail/oauth_servers.py), and a password SMTP sink:

* the same ``BENCH_OAUTH_COUNT`` messages sent by ``send_one_due`` (one worker, connection
  pool on) through each account: messages per second; the OAuth run starts with an expired
  access token, so it must refresh exactly once;
* ``access_token`` while the token is fresh (decrypt only): median microseconds;
* a refresh (loopback HTTP to the token endpoint, then the conditional UPDATE): median ms.

Targets: 0 duplicates and 0 missing on both sinks, exactly one refresh, the fresh-token path
under 1 ms, and the OAuth rate at least 80% of the password rate.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path
from unittest.mock import patch

from bench.child import run_child

ROOT = Path(__file__).resolve().parent.parent
COUNT = int(os.environ.get("BENCH_OAUTH_COUNT", "500"))
FAST_CALLS, REFRESHES = 2000, 50
TARGET_FAST_US = 1000.0
MIN_RATE_RATIO = 0.8


def main() -> dict:
    # The child inherits this environment: its loopback mail servers are private addresses.
    with patch.dict(os.environ, {"MAIL_ALLOW_PRIVATE_HOSTS": "true"}):
        result = run_child("oauth", "")
    result["load_average_at_start"] = os.getloadavg()[0]
    password, signed_in = result["password"], result["oauth"]
    result["rate_ratio_oauth_to_password"] = round(signed_in["messages_per_second"] / password["messages_per_second"], 2)
    result["ok"] = (
        all(run["duplicates"] == 0 and run["missing"] == 0 for run in (password, signed_in))
        and signed_in["refreshes"] == 1
        and result["access_token_fresh_median_us"] < TARGET_FAST_US
        and result["rate_ratio_oauth_to_password"] >= MIN_RATE_RATIO
    )
    result["targets"] = {"fresh_token_us": TARGET_FAST_US, "rate_ratio": MIN_RATE_RATIO}
    return result


def child() -> dict:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from tests.mail.oauth_servers import CLIENT_ID, CLIENT_SECRET, AuthorizationServer, XOAuth2SmtpSink
    from tests.mail.servers import SmtpSink

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    authority = AuthorizationServer(user="bench@example.org").start()
    oauth_sink, password_sink = XOAuth2SmtpSink(authority).start(), SmtpSink().start()
    settings.MAIL_OAUTH = {"google": {
        "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET,
        "token_url": f"http://127.0.0.1:{authority.port}/token", "revoke_url": "",
    }}
    try:
        password = _send_run("pw", password_sink, oauth=None)
        signed_in = _send_run("oa", oauth_sink, oauth=authority)
        fast, refresh = _token_timings(authority)
    finally:
        for server in (oauth_sink, password_sink):
            server.stop()
        authority.stop()
    return {"count": COUNT, "password": password, "oauth": signed_in,
            "access_token_fresh_median_us": fast, "refresh_median_ms": refresh}


def _account(name: str, sink, *, oauth):
    from datetime import timedelta

    from django.utils import timezone

    from clinch.accounts.models import User
    from clinch.mail import crypto
    from clinch.mail.models import MailAccount

    user = User.objects.create_user(username=name, email="bench@example.org", password="x" * 20)
    fields = {"owner": user, "from_name": "Bench", "from_email": "bench@example.org", "smtp_host": "127.0.0.1",
              "smtp_port": sink.port, "smtp_security": "none"}
    if oauth is not None:
        tokens = oauth._issue("bench@example.org")
        fields.update(auth_method="google", smtp_username="bench@example.org",
                      oauth_refresh_token_encrypted=crypto.encrypt(tokens["refresh_token"]),
                      oauth_access_token_encrypted=crypto.encrypt("expired"),
                      oauth_expires_at=timezone.now() - timedelta(minutes=1))
    return MailAccount.objects.create(**fields)


def _send_run(name: str, sink, *, oauth) -> dict:
    from datetime import timedelta

    from django.utils import timezone

    from clinch.mail import transport
    from clinch.mail.models import Message
    from clinch.mail.worker import AccountCache, send_one_due

    account = _account(name, sink, oauth=oauth)
    due = timezone.now() - timedelta(minutes=1)
    Message.objects.bulk_create([
        Message(owner=account.owner, message_id=f"<{name}-{n}@bench.example>", from_email=account.from_email,
                to_email=f"to{n}@bench.example", subject=f"Note {n}", body_text="Thank you.\n",
                send_at=due, next_attempt_at=due)
        for n in range(COUNT)
    ])
    before = len(oauth.token_requests) if oauth else 0
    accounts, pool = AccountCache(), transport.ConnectionPool()
    started = time.perf_counter()
    while send_one_due(worker_name=f"bench-{name}", accounts=accounts, pool=pool):
        pass
    seconds = time.perf_counter() - started
    pool.close_all()
    arrived = sink.message_ids()
    wanted = set(Message.objects.filter(owner=account.owner).values_list("message_id", flat=True))
    return {
        "seconds": round(seconds, 2), "messages_per_second": round(COUNT / seconds, 1),
        "duplicates": sum(1 for count in arrived.values() if count > 1),
        "missing": len(wanted - set(arrived)),
        "refreshes": (len(oauth.token_requests) - before) if oauth else 0,
        "smtp_logins": len(getattr(sink, "logins", [])) if oauth else None,
    }


def _token_timings(authority) -> tuple[float, float]:
    from django.utils import timezone

    from clinch.mail import oauth
    from clinch.mail.models import MailAccount

    account = MailAccount.objects.get(auth_method="google")
    oauth.access_token(account, now=timezone.now())  # fresh from here on
    fast = []
    for _ in range(FAST_CALLS):
        started = time.perf_counter()
        oauth.access_token(account, now=timezone.now())
        fast.append((time.perf_counter() - started) * 1e6)
    slow = []
    for _ in range(REFRESHES):
        started = time.perf_counter()
        oauth.access_token(account, now=timezone.now(), force=True)
        slow.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(fast), 1), round(statistics.median(slow), 2)


if __name__ == "__main__" and sys.argv[1:] == ["child"]:
    sys.path.insert(0, str(ROOT))
    print(json.dumps(child()))
