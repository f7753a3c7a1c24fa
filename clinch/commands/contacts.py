"""``clinch contacts``: import vCard files into a user's contacts, export contacts as vCards."""

from __future__ import annotations

import argparse
import sys

from clinch.commands._inputs import user_named

EPILOG = """\
examples:
  clinch contacts import cards.vcf --user dana@example.org          one file, one card or many
  clinch contacts import a.vcf b.vcf --user dana --namesakes new    namesakes are new people
  clinch contacts export --all --user dana@example.org > contacts.vcf
  clinch contacts export 6f1c...-uuid --user dana                   one contact (its id from the page's URL)

The command acts for one user: --user takes their email or username, and may be left out when
the database has a single user (Clinch on a laptop). A card with the address of a contact the
user has IS that contact: empty fields are filled, nothing they typed is overwritten. A card
without such an address but with the name of a contact at the same company is a namesake: say
with --namesakes same (it is them) or --namesakes new (someone else); until then nothing is
imported. Exit status: 0 done, 1 nothing imported (the reason is printed), 2 usage.
"""


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "contacts", help="import or export contacts as vCards (.vcf)",
        description="Import vCard files into a user's contacts without duplicates, or export contacts as vCard 3.0.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("action", choices=("import", "export"))
    parser.add_argument("items", nargs="*", metavar="FILE_OR_ID",
                        help="import: .vcf files; export: a contact's id (or --all)")
    parser.add_argument("--user", help="the user's email or username (optional when there is one user)")
    parser.add_argument("--all", action="store_true", help="export: every contact of the user")
    parser.add_argument("--namesakes", choices=("same", "new"),
                        help="import: a card named like a contact at the same company is that contact (same) or not (new)")
    parser.set_defaults(run=run)


def run(args) -> int:
    from clinch.startup import django_ready

    with django_ready():
        user = user_named(args.user, "contacts")
        if user is None:
            return 2
        if args.action == "import":
            return import_files(user, args.items, namesakes=args.namesakes)
        return export(user, args.items, every=args.all)


def import_files(user, paths: list[str], *, namesakes: str | None) -> int:
    from django.core.exceptions import ValidationError

    from clinch.core.vcard import MAX_BYTES, VCardError, read_vcards
    from clinch.interviews.contacts import import_cards, plan_import

    if not paths:
        print("clinch contacts: import needs at least one .vcf file", file=sys.stderr)
        return 2
    cards = []
    for path in paths:
        try:
            with open(path, "rb") as handle:
                cards += read_vcards(handle.read(MAX_BYTES + 1))
        except OSError as exc:
            print(f"clinch contacts: cannot read {path!r}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        except VCardError as exc:
            print(f"clinch contacts: {path}: {exc} Nothing was imported.", file=sys.stderr)
            return 1
    plan = plan_import(user, cards)
    if plan.questions and not namesakes:
        for index, found in plan.questions.items():
            print(f"clinch contacts: {plan.cards[index].name}: {found[0].question}", file=sys.stderr)
        print("clinch contacts: nothing imported; run again with --namesakes same or --namesakes new", file=sys.stderr)
        return 1
    same_as = {i: (found[0].contact if namesakes == "same" else None) for i, found in plan.questions.items()}
    try:
        created, updated = import_cards(user, plan, same_as=same_as)
    except ValidationError as exc:
        print(f"clinch contacts: {' '.join(exc.messages)} Nothing was imported.", file=sys.stderr)
        return 1
    print(f"Imported {len(cards)} card{'s' if len(cards) != 1 else ''}: {created} new contact"
          f"{'s' if created != 1 else ''}, {updated} already known.")
    return 0


def export(user, ids: list[str], *, every: bool) -> int:
    from clinch.core.vcard import write_vcard
    from clinch.interviews.contacts import card_of
    from clinch.interviews.models import Contact
    from clinch.owned import owned_by

    contacts = owned_by(Contact, user).select_related("company").order_by("name", "pk")
    if not every:
        if len(ids) != 1:
            print("clinch contacts: export takes one contact id, or --all", file=sys.stderr)
            return 2
        from django.core.exceptions import ValidationError

        try:
            contacts = [contacts.get(public_id=ids[0])]
        except (Contact.DoesNotExist, ValidationError, ValueError):
            print(f"clinch contacts: no contact {ids[0]} for this user", file=sys.stderr)
            return 1
    for contact in contacts:
        sys.stdout.write(write_vcard(card_of(contact)))
    return 0
