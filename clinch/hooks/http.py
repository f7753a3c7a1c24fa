"""One HTTP POST to a user's endpoint, through the same outbound rules as their mail servers.

The name is resolved once and every address checked (``clinch.mail.outbound.connect``): no
loopback, private or reserved addresses unless MAIL_ALLOW_PRIVATE_HOSTS. Redirects are not
followed (a redirect could lead inside). The answer is read up to a bound.
"""

from __future__ import annotations

import http.client
import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit

from clinch.mail.outbound import RefusedAddress, connect

MAX_ANSWER = 64 * 1024


@dataclass(frozen=True)
class Answer:
    status: int | None  # None: no answer (refused address, timeout, connection error)
    body: str = ""
    error: str = ""
    refused: bool = False  # the address is not one Clinch connects to: trying again cannot help


class _Checked(http.client.HTTPConnection):
    def connect(self):
        self.sock = connect(self.host, self.port, self.timeout)


class _CheckedTLS(http.client.HTTPSConnection):
    def connect(self):
        sock = connect(self.host, self.port, self.timeout)
        self.sock = ssl.create_default_context().wrap_socket(sock, server_hostname=self.host)


def post(url: str, *, body: bytes, headers: dict, timeout: float) -> Answer:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return Answer(None, error=f"not an http(s) address: {url[:200]}", refused=True)
    kind = _CheckedTLS if parts.scheme == "https" else _Checked
    conn = kind(parts.hostname, parts.port, timeout=timeout)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        conn.request("POST", path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read(MAX_ANSWER).decode("utf-8", "replace")
        return Answer(response.status, text)
    except RefusedAddress as error:
        return Answer(None, error=str(error)[:2000], refused=True)
    except (OSError, http.client.HTTPException) as error:
        return Answer(None, error=f"{type(error).__name__}: {error}"[:2000])
    finally:
        conn.close()
