"""``clinch when``: the decision date that what the interviewer said implies."""

from __future__ import annotations

import argparse
import json
import sys

HELP = "read a decision date from what the interviewer said"
EPILOG = """\
examples:
  clinch when "we'll decide by Friday" --after 2026-05-21T14:30:00-06:00
  clinch when "in 2-3 weeks" --after 2026-05-21T14:30:00-06:00 --json
  clinch when "within 10 business days" --after 2026-12-18T11:00:00+00:00 --country GB
  clinch when "Wir melden uns nach Pfingsten" --after 2026-05-12T16:00:00+02:00 --country DE-BY
  clinch when "d'ici vendredi" --after 2026-05-21T14:30:00-04:00 --country CA-QC --language fr

TEXT may be English, German, French or Spanish: the language is read from the
text itself; --language (the interview's language) decides only when the text
does not say. Relative phrases count from the interview's local date (--after
seen in --tz, else in its own offset). Business days skip weekends and the
public holidays of the country and region (a country alone: its most populous
region's, GB is England). Prints the date, or "no date" when nothing in TEXT
names one.
A lower bound alone ("not before the 15th", "after Easter") is no date; it
prints the earliest day it names.
--json prints {"date": "YYYY-MM-DD" or null, "matched": "...", "confidence": 0..1,
"language": "en", "de", "fr" or "es", "earliest": "YYYY-MM-DD" or null}.
Exit status 2 on bad input.
"""

LANGUAGES = ("de", "en", "es", "fr")  # as clinch.core.timeline.LANGUAGE_NAMES, without importing the engine


def register(subparsers) -> None:
    parser = subparsers.add_parser("when", help=HELP, description=HELP + ".", epilog=EPILOG,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("text", metavar="TEXT", help="what they said, e.g. \"by the end of next week\"")
    parser.add_argument("--after", required=True, metavar="ISO8601",
                        help="when the interview ended, with an offset (2026-05-21T14:30:00-06:00)")
    parser.add_argument("--tz", metavar="ZONE", help="IANA zone the phrase is relative to (default: --after's offset)")
    parser.add_argument("--country", default="US", metavar="CC",
                        help="whose public holidays count: a country (US, GB) or a region (DE-BY); default US")
    parser.add_argument("--language", choices=LANGUAGES, metavar="LANG",
                        help="the interview's language (en, de, fr, es), used when TEXT does not say")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def run(args) -> int:
    from datetime import datetime

    from clinch.core import calendar as cal

    problems = []
    after = None
    try:
        after = datetime.fromisoformat(args.after.strip())
        if after.tzinfo is None:
            problems.append(f"--after: needs an offset, like 2026-05-21T14:30:00-06:00 (got {args.after!r})")
        elif not 1970 <= after.year <= 2200:
            problems.append(f"--after: year {after.year} is not a plausible interview year")
    except ValueError as exc:
        problems.append(f"--after: not a real date and time {args.after!r} ({exc})")
    if args.tz:
        try:
            cal.zone(args.tz)
        except ValueError:
            problems.append(f"--tz: unknown time zone {args.tz!r}")
    try:
        cal.check_country(args.country)
    except cal.UnknownCountry as exc:
        problems.append(f"--country: {exc}")
    if problems:
        for problem in problems:
            print(f"clinch when: {problem}", file=sys.stderr)
        return 2

    from clinch.core.timeline import LANGUAGE_NAMES, read_decision_date

    reading = read_decision_date(args.text, after=after, tz=args.tz, country=args.country, language=args.language)
    day = reading.date.isoformat() if reading.date else None
    if args.json:
        print(json.dumps({"date": day, "matched": reading.matched, "confidence": reading.confidence,
                          "language": reading.language,
                          "earliest": reading.earliest.isoformat() if reading.earliest else None}, ensure_ascii=False))
    elif reading.date:
        print(f"{reading.date:%a %d %b %Y}  ({day})  from \"{reading.matched}\" read as "
              f"{LANGUAGE_NAMES[reading.language]}, confidence {reading.confidence:.2f}")
    else:
        said = f" (\"{reading.matched}\" names no date)" if reading.matched else ""
        if reading.earliest:
            said = f" (\"{reading.matched}\" is only a lower bound: not before {reading.earliest:%a %d %b %Y})"
        print(f"no date{said}, read as {LANGUAGE_NAMES[reading.language]}, confidence {reading.confidence:.2f}")
    return 0
