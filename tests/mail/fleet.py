"""Real worker processes against a real database of their own, for the fault tests and the bench.

``Fleet`` makes a fresh database (a SQLite file, or a uniquely named PostgreSQL
database when the session runs on PostgreSQL), migrates it with the real
``clinch manage migrate``, seeds due messages, starts ``clinch worker``
processes and reads the rows back. Seeding and reading run in a subprocess
too (``python -m tests.mail.fleet seed|report|write``), so the test process
never shares its own Django connection with the fleet.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


class Fleet:
    def __init__(self, workdir: Path, *, smtp_port: int, postgres: str | None = None, **env) -> None:
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.smtp_port = smtp_port
        self.postgres = postgres
        self.db_name = None
        if postgres:
            self.db_name = f"clinch_fleet_{uuid.uuid4().hex[:10]}"
            self._admin(f'CREATE DATABASE "{self.db_name}"')
            base = postgres.rsplit("/", 1)[0]
            database_url = f"{base}/{self.db_name}"
        else:
            database_url = f"sqlite:///{self.workdir / 'fleet.sqlite3'}"
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "CLINCH_DATA_DIR": str(self.workdir),
            "SECRET_KEY": "fleet-secret-key-" + "x" * 40,
            "FIELD_ENCRYPTION_KEY": "fleet-field-key",
            "LOG_LEVEL": "WARNING",
            "MAIL_TIMEOUT_SECONDS": "5",
            "MAIL_ALLOW_PRIVATE_HOSTS": "true",
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "clinch.settings",
            **{key: str(value) for key, value in env.items()},
        }
        self.workers: list[subprocess.Popen] = []

    def _admin(self, sql: str) -> None:
        import psycopg

        # The maintenance database always exists; the session's own may not.
        with psycopg.connect(self.postgres.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            conn.execute(sql)

    def close(self) -> None:
        for worker in self.workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait()
        if self.db_name:
            self._admin(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')

    def run(self, *args: str, timeout: float = 300) -> str:
        done = subprocess.run(
            [sys.executable, *args], env=self.env, cwd=ROOT, capture_output=True, text=True, timeout=timeout
        )
        if done.returncode != 0:
            raise RuntimeError(f"{args} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def migrate(self) -> None:
        self.run("-m", "clinch.cli", "manage", "migrate", "--verbosity", "0")

    def seed(self, count: int, *, spread_seconds: float = 0.0, start_in: float = 0.0) -> None:
        self.run("-m", "tests.mail.fleet", "seed", str(count), str(self.smtp_port), str(spread_seconds), str(start_in))

    def report(self) -> dict:
        return json.loads(self.run("-m", "tests.mail.fleet", "report"))

    def start_worker(self, name: str, *, once: bool = False, poll: float = 0.2, log=None) -> subprocess.Popen:
        args = [sys.executable, "-m", "clinch.cli", "worker", "--name", name, "--poll", str(poll)]
        if once:
            args.append("--once")
        worker = subprocess.Popen(
            args, env=self.env, cwd=ROOT, stdout=subprocess.DEVNULL,
            stderr=log if log is not None else subprocess.DEVNULL,
        )
        self.workers.append(worker)
        return worker

    def kill_randomly(self, sink, *, kills: int, total: int, rng) -> int:
        """Start a worker, SIGKILL it at a random moment once it is sending, ``kills`` times
        (or until all ``total`` messages arrived); returns how many kills were made."""
        import signal
        import time

        done = 0
        while done < kills:
            before = sum(sink.message_ids().values())
            worker = self.start_worker(f"k{done}", poll=0.1)
            deadline = time.monotonic() + 30
            while sum(sink.message_ids().values()) == before and time.monotonic() < deadline:
                if worker.poll() is not None:
                    break
                time.sleep(0.01)
            if before >= total or worker.poll() is not None:
                break
            time.sleep(rng.uniform(0.0, 0.25))
            os.kill(worker.pid, signal.SIGKILL)
            worker.wait()
            done += 1
        return done


# --- the subprocess side -----------------------------------------------------------------------


def _setup() -> None:
    import django

    django.setup()


def seed(count: int, port: int, spread_seconds: float, start_in: float) -> None:
    """``count`` due messages from one user with an account on 127.0.0.1:``port``."""
    from datetime import timedelta

    from django.utils import timezone

    from clinch.accounts.models import User
    from clinch.mail.models import MailAccount, Message

    user, _ = User.objects.get_or_create(username="fleet", defaults={"email": "fleet@example.org"})
    MailAccount.objects.get_or_create(
        owner=user, defaults={"from_name": "Fleet Sender", "from_email": "fleet@example.org",
                              "smtp_host": "127.0.0.1", "smtp_port": port, "smtp_security": "none"},
    )
    start = timezone.now() + timedelta(seconds=start_in)
    step = spread_seconds / count if count else 0
    rows = []
    for number in range(count):
        send_at = start + timedelta(seconds=step * number)
        rows.append(Message(
            owner=user, message_id=f"<fleet-{uuid.uuid4().hex}@example.org>", from_email="fleet@example.org",
            from_name="Fleet Sender", to_email=f"person{number}@example.net", to_name=f"Person {number}",
            subject=f"Thank you ({number})", body_text="Thank you for your time today.\n",
            send_at=send_at, next_attempt_at=send_at,
        ))
    Message.objects.bulk_create(rows, batch_size=500)
    from clinch.mail import wakeup

    wakeup.notify_on_commit()  # as scheduling does: a waiting worker on PostgreSQL wakes now


def report() -> dict:
    from clinch.mail.models import Message

    rows = Message.objects.values_list("message_id", "state", "attempts", "send_at", "sent_at", "lease_expires_at")
    return {
        "messages": [
            {"message_id": mid, "state": state, "attempts": attempts,
             "lateness": (sent - due).total_seconds() if sent and due else None,
             "sent_at": sent.timestamp() if sent else None,
             "lease_expires_at": lease.isoformat() if lease else None}
            for mid, state, attempts, due, sent, lease in rows
        ]
    }


def write(rounds: int) -> dict:
    """What the web app does while workers send: plan, edit, schedule, cancel, re-plan. Counts lock errors."""
    from datetime import timedelta

    from django.db import OperationalError
    from django.utils import timezone

    from clinch.accounts.models import User
    from clinch.followups.models import FollowUp
    from clinch.interviews.models import Company, Contact, Opportunity
    from clinch.mail import services

    user = User.objects.get(username="fleet")
    tag = uuid.uuid4().hex[:6]
    company, _ = Company.objects.get_or_create(owner=user, name=f"Company {tag}")
    opportunity = Opportunity.objects.create(owner=user, company=company, role="Engineer")
    locked = other = 0
    for number in range(rounds):
        try:
            now = timezone.now()
            contact = Contact.objects.create(owner=user, company=company, name=f"Contact {number}",
                                             email=f"c{tag}{number}@example.net")
            followup = FollowUp.objects.create(
                owner=user, opportunity=opportunity, contact=contact, kind="thank_you", channel="email",
                plan_key=f"{tag}:{number}", send_at=now + timedelta(hours=1), subject="Thank you", body="Thanks.",
            )
            message = services.schedule_followup(followup, now=now)
            FollowUp.objects.filter(pk=followup.pk).update(why="re-planned", send_at=now + timedelta(hours=2))
            if number % 3 == 0:
                services.cancel_message(message, now=now)
        except OperationalError as error:
            if "locked" in str(error):
                locked += 1
            else:
                other += 1
    return {"locked": locked, "other": other}


if __name__ == "__main__":
    _setup()
    command, *rest = sys.argv[1:]
    if command == "seed":
        seed(int(rest[0]), int(rest[1]), float(rest[2]), float(rest[3]))
    elif command == "report":
        print(json.dumps(report()))
    elif command == "write":
        print(json.dumps(write(int(rest[0]))))
