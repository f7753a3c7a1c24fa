"""``clinch manage createstaff``: an agency staff account, who triages consultation requests on the desk."""

from __future__ import annotations

import getpass
import os

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from clinch.accounts.models import User

PASSWORD_ENV = "CLINCH_STAFF_PASSWORD"


class Command(BaseCommand):
    help = (
        "Make an agency staff account (or turn an existing account into one). Staff land on the desk "
        "of consultation requests. The password is asked for twice, or read from "
        f"${PASSWORD_ENV} with --noinput. Example: clinch manage createstaff priya --email priya@agency.example "
        '--name "Priya Raman"'
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="", help="where staff notices go")
        parser.add_argument("--name", default="", help="the name shown on the desk")
        parser.add_argument("--noinput", "--no-input", action="store_true",
                            help=f"take the password from ${PASSWORD_ENV} instead of asking")

    def handle(self, *args, username: str, email: str, name: str, noinput: bool, **options):
        user = User.objects.filter(username=username).first()
        if user is not None:
            User.objects.filter(pk=user.pk).update(role=User.Role.AGENCY_STAFF)
            self.stdout.write(f"{username} is agency staff now; their password is unchanged.")
            return
        candidate = User(username=username, email=email, display_name=name, role=User.Role.AGENCY_STAFF)
        password = self._password(candidate, noinput)
        try:
            candidate.full_clean(exclude=["password"])
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        with transaction.atomic():
            candidate.set_password(password)
            candidate.save()
        self.stdout.write(f"Agency staff account {username} created: log in and you land on the desk.")

    def _password(self, user: User, noinput: bool) -> str:
        if noinput:
            password = os.environ.get(PASSWORD_ENV, "")
            if not password:
                raise CommandError(f"--noinput needs the password in ${PASSWORD_ENV}.")
        else:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The two passwords differ; nothing was created.")
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        return password
