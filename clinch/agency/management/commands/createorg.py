"""``clinch manage createorg``: an agency on this server, with an existing account as its owner."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from clinch.accounts.models import User
from clinch.agency import members
from clinch.agency.models import Organisation


class Command(BaseCommand):
    help = (
        "Make an organisation (an agency) with OWNER, an existing account, as its owner. The owner adds "
        "coaches and desk staff on the organisation's page (More -> the agency's name). Example: "
        'clinch manage createorg "Northwind Careers" --owner olivia'
    )

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--owner", required=True, help="the username of the owner's account")

    def handle(self, *args, name: str, owner: str, **options):
        name = name.strip()
        if not name or len(name) > Organisation._meta.get_field("name").max_length or "\n" in name:
            raise CommandError("Give a name of one line, at most 200 characters.")
        user = User.objects.filter(username=owner).first()
        if user is None:
            raise CommandError(f"No account is called {owner!r}: create it first (clinch manage createstaff).")
        org = members.create_organisation(name=name, owner=user)
        self.stdout.write(f"{org.name} created; {owner} owns it: /org/{org.public_id}/")
