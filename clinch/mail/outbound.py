"""Connections to mail servers a user names: never into this machine or its private network.

A user types any host and port into the Mail page. Without a check, "Send a test
message" and IMAP polling would let them reach the server's own loopback services
and the private network around it, and tell open ports from closed ones. Every
SMTP and IMAP connection to a user's server goes through ``connect``, which
resolves the name once, refuses loopback, private, link-local, shared, multicast
and reserved addresses (unless MAIL_ALLOW_PRIVATE_HOSTS, on with DEBUG, for a
local relay), and connects to the very addresses it checked, so a name cannot
resolve to a public address for the check and a private one for the connection.

The server-wide account (MAIL_URL) is the administrator's and is not checked.
"""

from __future__ import annotations

import imaplib
import ipaddress
import socket

from django.conf import settings

MAX_ADDRESSES_TRIED = 3  # each try may take the whole timeout


class RefusedAddress(OSError):
    """The server's name leads to an address Clinch does not connect to for users."""


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def private_hosts_allowed() -> bool:
    return bool(getattr(settings, "MAIL_ALLOW_PRIVATE_HOSTS", False))


def connect(host: str, port: int, timeout: float | None, source_address=None) -> socket.socket:
    """A TCP connection to ``host:port`` after checking every address the name resolves to.

    Raises RefusedAddress (an OSError) when any of them is not public and private
    hosts are not allowed; OSError when no address answers.
    """
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise OSError(f"cannot resolve {host!r}: {error}") from None
    addresses = list(dict.fromkeys(info[4][0] for info in found))
    if not private_hosts_allowed():
        refused = [address for address in addresses if not is_public(address)]
        if refused:
            raise RefusedAddress(f"{host} leads to {refused[0]}, on this machine or a private network")
    last_error: OSError = OSError(f"no address for {host!r}")
    for address in addresses[:MAX_ADDRESSES_TRIED]:
        try:
            return socket.create_connection((address, port), timeout, source_address)
        except OSError as error:
            last_error = error
    raise last_error


class CheckedIMAP4(imaplib.IMAP4):
    """imaplib's plain IMAP connection, opened through ``connect``."""

    def _create_socket(self, timeout):
        return connect(self.host, self.port, timeout)


class CheckedIMAP4_SSL(imaplib.IMAP4_SSL):
    """imaplib's IMAP over TLS, opened through ``connect``; the certificate is still checked against the name."""

    def _create_socket(self, timeout):
        return self.ssl_context.wrap_socket(connect(self.host, self.port, timeout), server_hostname=self.host)
