"""``clinch export`` and ``clinch import``: everything a user owns, as one JSON document, and back."""

from __future__ import annotations

import argparse
import sys

from clinch.commands._inputs import user_named

EXPORT_EPILOG = """\
examples:
  clinch export --user dana@example.org > dana.json          everything, as one JSON document
  clinch export dana.json --user dana                        the same, into a new file
  clinch export --csv interviews --user dana > interviews.csv
  clinch export --csv followups --user dana > followups.csv

The document's shape is clinch/transfer/clinch-export.schema.json (JSON Schema, versioned).
--user may be left out when the database has a single user.
"""

IMPORT_EPILOG = """\
examples:
  clinch import dana.json --user dana@example.org

All or nothing: a document that does not match its schema, or holds an object Clinch refuses,
imports nothing and says where. Objects get new ids; importing the same document again creates
nothing twice. Follow-ups that were scheduled come in planned, so nothing is sent twice.
Exit status: 0 imported, 1 refused (the reasons are printed), 2 usage.
"""


def register(subparsers) -> None:
    export = subparsers.add_parser(
        "export", help="everything a user owns as one JSON document (or a CSV)",
        description="Write everything a user owns (companies, contacts, opportunities, interviews, follow-ups, "
        "messages, articles) as one versioned JSON document, or a CSV of interviews or follow-ups.",
        epilog=EXPORT_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument("destination", nargs="?", help="file to write (default: standard output)")
    export.add_argument("--user", help="the user's email or username (optional when there is one user)")
    export.add_argument("--csv", choices=("interviews", "followups"), help="a spreadsheet of these instead")
    export.set_defaults(run=run_export)
    imp = subparsers.add_parser(
        "import", help="bring a `clinch export` document into a user's account",
        description="Import a document made by `clinch export` (here or on another Clinch) into a user's account.",
        epilog=IMPORT_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    imp.add_argument("source", help="a file made by `clinch export`")
    imp.add_argument("--user", help="the user's email or username (optional when there is one user)")
    imp.set_defaults(run=run_import)


def run_export(args) -> int:
    from clinch.startup import django_ready

    with django_ready():
        user = user_named(args.user, "export")
        if user is None:
            return 2
        from clinch.transfer import export, tables

        pieces = export.iter_export(user) if not args.csv else getattr(tables, f"{args.csv}_csv")(user)
        if args.destination:
            try:
                out = open(args.destination, "x", encoding="utf-8", newline="")
            except OSError as error:  # it exists (never overwritten), or its folder does not
                print(f"clinch export: cannot write {args.destination}: {error.strerror}", file=sys.stderr)
                return 2
            with out:
                out.writelines(pieces)
        else:
            sys.stdout.writelines(pieces)
    return 0


def run_import(args) -> int:
    from clinch.startup import django_ready

    with django_ready():
        user = user_named(args.user, "import")
        if user is None:
            return 2
        from clinch.transfer.importer import MAX_BYTES, ImportRefused, import_document, parse

        try:
            with open(args.source, "rb") as source:
                raw = source.read(MAX_BYTES + 1)
            report = import_document(owner=user, data=parse(raw))
        except OSError as error:
            print(f"clinch import: {error}", file=sys.stderr)
            return 2
        except ImportRefused as refused:
            print(f"clinch import: {refused}", file=sys.stderr)
            return 1
        made = ", ".join(f"{n} {section}" for section, n in report.created.items()) or "nothing new"
        print(f"Imported {made}" + (f"; {sum(report.already.values())} already here." if report.already else "."))
    return 0
