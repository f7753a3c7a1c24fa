"""Real mail servers on loopback for the tests and the benchmark.

``SmtpSink``: an aiosmtpd server told what to do: accept, answer 4xx or 5xx,
drop the connection after DATA. ``SilentServer``: accepts TCP, never says a
word. ``ImapServer``: a small IMAP4rev1 server on a real socket, faithful for
what Clinch uses (CAPABILITY, LOGIN, SELECT/EXAMINE, UID SEARCH, UID FETCH
BODY.PEEK[], LOGOUT).
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import logging
import re
import socket
import socketserver
import threading
from collections import Counter

from aiosmtpd.controller import Controller

# aiosmtpd logs every command at INFO: thousands of lines a second slow the sink down.
logging.getLogger("mail.log").setLevel(logging.WARNING)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpSink:
    """Records every accepted message; ``mode`` decides the answer to DATA.

    modes: "accept", "4xx" (451), "421", "454", "5xx" (550), "drop" (take the
    message, then hang up without answering), "reject-rcpt" (550 at RCPT).
    """

    def __init__(self) -> None:
        self.mode = "accept"
        self.delay = 0.0  # seconds to wait before answering DATA (a slow server)
        self.data_started = threading.Event()
        self.messages: list = []
        self.attempts = 0
        self.lock = threading.Lock()
        self.port = free_port()
        self.controller = None

    def start(self) -> "SmtpSink":
        """Listen (again) on the same port."""
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port, ready_timeout=10)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.mode == "reject-rcpt":
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.attempts += 1
        self.data_started.set()
        if self.delay:
            await asyncio.sleep(self.delay)
        mode = self.mode
        if mode in ("4xx", "451"):
            return "451 4.3.0 Temporary local problem, try again later"
        if mode == "421":
            return "421 4.7.0 Too many connections, slow down"
        if mode == "454":
            return "454 4.7.1 Relay access temporarily denied"
        if mode == "5xx":
            return "550 5.7.1 Message rejected as spam"
        parsed = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(parsed)
        if mode == "drop":
            server.transport.abort()
            return "250 OK (never heard)"
        return "250 2.0.0 OK queued"

    # What arrived.
    def message_ids(self) -> Counter:
        with self.lock:
            return Counter(str(message["Message-ID"]).strip() for message in self.messages)

    def by_id(self, message_id: str):
        with self.lock:
            return [m for m in self.messages if str(m["Message-ID"]).strip() == message_id]


class SilentServer:
    """Accepts connections and never answers: the hung SMTP server."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(50)
        self.port = self.sock.getsockname()[1]

    def stop(self) -> None:
        self.sock.close()


class ImapMailbox:
    """An account's folders: INBOX (``mails``) and "Sent", each a list of (uid, raw)."""

    def __init__(self, username: str, password: str) -> None:
        self.username, self.password = username, password
        self.mails: list[tuple[int, bytes]] = []
        self.folders: dict[str, list[tuple[int, bytes]]] = {"INBOX": self.mails, "Sent": []}
        self.next_uid = 1
        self.lock = threading.Lock()
        # With an authorization server (tests/mail/oauth_servers.py): LOGIN is refused, only
        # AUTHENTICATE XOAUTH2 with one of its tokens for ``username`` gets in.
        self.authority = None

    def add(self, raw: bytes, folder: str = "INBOX") -> int:
        with self.lock:
            uid = self.next_uid
            self.next_uid += 1
            self.folders[folder].append((uid, raw))
            return uid

    def message_ids(self, folder: str) -> list[str]:
        found = []
        with self.lock:
            for _, raw in self.folders[folder]:
                mail = email.message_from_bytes(raw, policy=email.policy.default)
                found.append(str(mail.get("Message-ID", "")).strip())
        return found


class _ImapHandler(socketserver.StreamRequestHandler):
    timeout = 10
    max_commands = 1000  # a client still talking after this many is stuck in a loop: hang up on it

    def send(self, line: str | bytes) -> None:
        self.wfile.write(line if isinstance(line, bytes) else line.encode() + b"\r\n")

    def handle(self) -> None:
        box: ImapMailbox = self.server.mailbox
        self.server.commands.append("CONNECT")
        self.send("* OK [CAPABILITY IMAP4rev1] test server ready")
        logged_in = False
        for _ in range(self.max_commands):
            line = self.rfile.readline()
            if not line:
                return
            tag, _, rest = line.decode().rstrip("\r\n").partition(" ")
            command, _, args = rest.partition(" ")
            command = command.upper()
            self.server.commands.append(f"{command} {args}".strip())
            if command == "CAPABILITY":
                self.send("* CAPABILITY IMAP4rev1 AUTH=XOAUTH2 LOGINDISABLED" if box.authority else "* CAPABILITY IMAP4rev1")
                self.send(f"{tag} OK CAPABILITY completed")
            elif command == "AUTHENTICATE" and box.authority and args.strip().upper() == "XOAUTH2":
                logged_in = self.xoauth2(tag, box)
            elif command == "LOGIN" and box.authority:
                self.send(f"{tag} NO [PRIVACYREQUIRED] LOGIN is disabled: use AUTHENTICATE XOAUTH2")
            elif command == "LOGIN":
                user, password = [a.strip('"') for a in args.split(" ", 1)]
                if (user, password) == (box.username, box.password):
                    logged_in = True
                    self.send(f"{tag} OK LOGIN completed")
                else:
                    self.send(f"{tag} NO [AUTHENTICATIONFAILED] Invalid credentials")
            elif command in ("SELECT", "EXAMINE") and logged_in:
                name = args.strip().strip('"')
                if name not in box.folders:
                    self.send(f"{tag} NO [NONEXISTENT] no such folder")
                    continue
                self.folder = name
                with box.lock:
                    count, next_uid = len(box.folders[name]), box.next_uid
                self.send(f"* {count} EXISTS")
                self.send("* 0 RECENT")
                self.send("* OK [UIDVALIDITY 1] UIDs valid")
                self.send(f"* OK [UIDNEXT {next_uid}] next")
                self.send(f"{tag} OK [READ-ONLY] {command} completed")
            elif command == "UID" and logged_in:
                self.uid_command(tag, args, box)
            elif command == "APPEND" and logged_in:
                match = re.match(r'"?([^"]+?)"? .*\{(\d+)\}$', args)
                if not match or match.group(1) not in box.folders:
                    self.send(f"{tag} NO [TRYCREATE] no such folder")
                    continue
                self.send("+ Ready for literal data")
                raw = self.rfile.read(int(match.group(2)))
                self.rfile.readline()
                box.add(raw, match.group(1))
                self.send(f"{tag} OK APPEND completed")
            elif command == "LOGOUT":
                self.send("* BYE logging out")
                self.send(f"{tag} OK LOGOUT completed")
                return
            elif command == "NOOP":
                self.send(f"{tag} OK NOOP completed")
            else:
                self.send(f"{tag} BAD unknown or not allowed: {command}")

    def xoauth2(self, tag: str, box: ImapMailbox) -> bool:
        """AUTHENTICATE XOAUTH2: an empty "+", the client's response, and on a bad token the
        error challenge, its empty answer, then NO."""
        import base64

        from tests.mail.oauth_servers import ERROR_CHALLENGE, parse_xoauth2

        self.send("+ ")
        try:
            user, token = parse_xoauth2(base64.b64decode(self.rfile.readline().strip()))
        except ValueError:
            user, token = "", ""
        ok = user == box.username and box.authority.valid(user, token)
        self.server.commands.append(f"XOAUTH2 {user} {'ok' if ok else 'refused'}")
        if ok:
            self.send(f"{tag} OK AUTHENTICATE completed")
            return True
        self.send(b"+ " + ERROR_CHALLENGE + b"\r\n")
        self.rfile.readline()
        self.send(f"{tag} NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)")
        return False

    def uid_command(self, tag: str, args: str, box: ImapMailbox) -> None:
        sub, _, rest = args.partition(" ")
        with box.lock:
            mails = list(box.folders[getattr(self, "folder", "INBOX")])
        header = re.search(r'HEADER Message-ID "(.+)"', rest, re.IGNORECASE)
        if sub.upper() == "SEARCH" and header:
            wanted = header.group(1).encode()
            hits = [uid for uid, raw in mails if re.search(rb"(?im)^Message-ID:\s*" + re.escape(wanted), raw)]
            self.send("* SEARCH " + " ".join(str(uid) for uid in hits) if hits else "* SEARCH")
            self.send(f"{tag} OK SEARCH completed")
        elif sub.upper() == "SEARCH":
            match = re.search(r"UID (\d+):\*", rest, re.IGNORECASE)
            low = int(match.group(1)) if match else 1
            hits = [uid for uid, _ in mails if uid >= low]
            if not hits and mails:
                hits = [mails[-1][0]]  # RFC 3501: n:* always includes the highest UID
            self.send("* SEARCH " + " ".join(str(uid) for uid in hits) if hits else "* SEARCH")
            self.send(f"{tag} OK SEARCH completed")
        elif sub.upper() == "FETCH":
            wanted = int(rest.split(" ", 1)[0])
            for seq, (uid, raw) in enumerate(mails, start=1):
                if uid == wanted:
                    self.send(f"* {seq} FETCH (UID {uid} BODY[] {{{len(raw)}}}".encode() + b"\r\n" + raw + b")\r\n")
            self.send(f"{tag} OK FETCH completed")
        else:
            self.send(f"{tag} BAD unknown UID command")


class ImapServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, mailbox: ImapMailbox) -> None:
        super().__init__(("127.0.0.1", 0), _ImapHandler)
        self.mailbox = mailbox
        self.commands: list[str] = []
        self.port = self.server_address[1]
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    def start(self) -> "ImapServer":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
