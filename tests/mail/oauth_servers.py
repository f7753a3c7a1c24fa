"""An OAuth 2.0 authorization server, and SMTP and IMAP servers that accept only its tokens by XOAUTH2.

``AuthorizationServer`` runs on loopback in a thread: ``/authorize`` approves at once and
sends the browser back with a code; ``/token`` exchanges a code (checking the PKCE
verifier against the S256 challenge, the client and the redirect URL) or a refresh token
(rotating it: the old one stops working); ``/revoke`` withdraws a grant. Its tokens are
random and checked by ``valid``, which the mail servers call.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import secrets
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from tests.mail.servers import SmtpSink

CLIENT_ID, CLIENT_SECRET = "clinch-test-client", "clinch-test-secret"


def s256(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *_args) -> None:  # quiet
        pass

    def _answer(self, status: int, body: dict | None = None, location: str | None = None) -> None:
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        payload = json.dumps(body or {}).encode()
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/authorize":
            return self._answer(404)
        query = dict(urllib.parse.parse_qsl(url.query))
        server: AuthorizationServer = self.server
        server.authorize_requests.append(query)
        if (query.get("client_id") != CLIENT_ID or query.get("response_type") != "code"
                or query.get("code_challenge_method") != "S256" or not query.get("code_challenge")):
            return self._answer(400, {"error": "invalid_request"})
        code = secrets.token_urlsafe(16)
        with server.lock:
            server.codes[code] = (query["code_challenge"], query["redirect_uri"], server.user)
        back = urllib.parse.urlencode({"code": code, "state": query.get("state", "")})
        self._answer(302, location=f"{query['redirect_uri']}?{back}")

    def do_POST(self) -> None:
        length = min(int(self.headers.get("Content-Length", 0)), 64 * 1024)
        form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
        server: AuthorizationServer = self.server
        path = urllib.parse.urlsplit(self.path).path
        if path == "/revoke":
            server.revoke(form.get("token", ""))
            return self._answer(200)
        if path != "/token":
            return self._answer(404)
        server.token_requests.append(form.get("grant_type", ""))
        if (form.get("client_id"), form.get("client_secret")) != (CLIENT_ID, CLIENT_SECRET):
            return self._answer(401, {"error": "invalid_client"})
        if form.get("grant_type") == "authorization_code":
            return self._answer(*server.exchange(form))
        if form.get("grant_type") == "refresh_token":
            return self._answer(*server.refresh(form.get("refresh_token", "")))
        self._answer(400, {"error": "unsupported_grant_type"})


class AuthorizationServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, user: str = "dana@example.org") -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.user = user
        self.lock = threading.Lock()
        self.codes: dict[str, tuple[str, str, str]] = {}
        self.refresh_tokens: dict[str, str] = {}  # refresh token -> user
        self.access_tokens: dict[str, tuple[str, str]] = {}  # access token -> (user, its refresh token)
        self.refuse_refresh = False
        self.authorize_requests: list[dict] = []
        self.token_requests: list[str] = []
        self.port = self.server_address[1]
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self) -> "AuthorizationServer":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()

    def _issue(self, user: str) -> dict:
        refresh, access = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
        self.refresh_tokens[refresh] = user
        self.access_tokens[access] = (user, refresh)
        return {"access_token": access, "refresh_token": refresh, "expires_in": 3600, "token_type": "Bearer"}

    def exchange(self, form: dict) -> tuple[int, dict]:
        with self.lock:
            found = self.codes.pop(form.get("code", ""), None)  # a code works once
            if found is None:
                return 400, {"error": "invalid_grant", "error_description": "unknown or used code"}
            challenge, redirect_uri, user = found
            if form.get("redirect_uri") != redirect_uri:
                return 400, {"error": "invalid_grant", "error_description": "redirect_uri differs"}
            if s256(form.get("code_verifier", "")) != challenge:
                return 400, {"error": "invalid_grant", "error_description": "PKCE verification failed"}
            return 200, self._issue(user)

    def refresh(self, token: str) -> tuple[int, dict]:
        with self.lock:
            user = self.refresh_tokens.pop(token, None)  # rotated: the old refresh token stops working
            if user is None or self.refuse_refresh:
                return 400, {"error": "invalid_grant", "error_description": "Token has been expired or revoked."}
            self._drop_access(token)
            return 200, self._issue(user)

    def revoke(self, token: str) -> None:
        with self.lock:
            self.refresh_tokens.pop(token, None)
            self._drop_access(token)

    def _drop_access(self, refresh: str) -> None:
        for access, (_, issued_with) in list(self.access_tokens.items()):
            if issued_with == refresh:
                del self.access_tokens[access]

    def expire_access_tokens(self) -> None:
        """Every access token given so far stops working (they ran out at the provider)."""
        with self.lock:
            self.access_tokens.clear()

    def valid(self, user: str, token: str) -> bool:
        with self.lock:
            return self.access_tokens.get(token, ("", ""))[0] == user


def parse_xoauth2(raw: bytes) -> tuple[str, str]:
    """(user, token) from ``user=...^Aauth=Bearer ...^A^A``; ("", "") when malformed."""
    parts = raw.decode("utf-8", "replace").split("\x01")
    if len(parts) != 4 or parts[2:] != ["", ""] or not parts[0].startswith("user=") \
            or not parts[1].startswith("auth=Bearer "):
        return "", ""
    return parts[0][len("user="):], parts[1][len("auth=Bearer "):]


ERROR_CHALLENGE = base64.b64encode(json.dumps(
    {"status": "401", "schemes": "bearer", "scope": "https://mail.google.com/"}).encode())


class XOAuth2SmtpSink(SmtpSink):
    """The recording SMTP server, offering only AUTH XOAUTH2 and requiring it before MAIL FROM."""

    def __init__(self, authority: AuthorizationServer) -> None:
        super().__init__()
        self.authority = authority
        self.logins: list[tuple[str, bool]] = []

    def start(self) -> "XOAuth2SmtpSink":
        # On loopback without TLS on purpose: aiosmtpd's warning about it is silenced (logged here,
        # filtered in the tests).
        logging.getLogger("mail.log").setLevel(logging.ERROR)
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port, ready_timeout=10,
                                     auth_require_tls=False, auth_required=True,
                                     auth_exclude_mechanism=["LOGIN", "PLAIN"])
        self.controller.start()
        return self

    async def auth_XOAUTH2(self, server, args):
        if len(args) == 2:
            raw = base64.b64decode(args[1])
        else:
            raw = await server.challenge_auth("")
            if not isinstance(raw, bytes):
                return AuthResult(success=False)
        user, token = parse_xoauth2(raw)
        ok = bool(user) and self.authority.valid(user, token)
        self.logins.append((user, ok))
        if ok:
            return AuthResult(success=True, auth_data=user)
        await server.challenge_auth(ERROR_CHALLENGE, encode_to_b64=False)  # the client answers with an empty line
        return AuthResult(success=False, handled=False, message="535 5.7.8 Username and Password not accepted.")
