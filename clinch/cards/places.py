"""Which country a card is from, and the time zone that suggests.

Read in this order of trust: a phone number written with its country code; a
country's name, a postcode in that country's own shape or a large city in the
address; the email's or website's country domain. Country names and cities are
data (``places.toml``: names in English and in the country's own languages; the
cities are each country's largest, from public census lists), postcode shapes
follow each postal service's published format. The time zone comes from the
phone number (libphonenumber's area-code table) or, for a country with a single
zone, from the country.
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections import Counter
from importlib import resources

import phonenumbers
from phonenumbers import timezone as phone_timezone

# Postcode shapes distinctive enough to name a country on their own (with the city after or before them).
POSTCODES = [
    ("GB", re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b")),
    ("CA", re.compile(r"\b[A-CEGHJ-NPR-TVXY]\d[A-Z] ?\d[A-Z]\d\b")),
    ("NL", re.compile(r"\b[1-9]\d{3} ?[A-Z]{2}\b")),
    ("IE", re.compile(r"\b[AC-FHKNPRTV-Y]\d{2} ?[AC-FHKNPRTV-Y\d]{4}\b")),
    ("PL", re.compile(r"\b\d{2}-\d{3}\b")),
    ("US", re.compile(r"\b(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|"
                      r"S[CD]|T[NX]|UT|V[AT]|W[AIVY]),? \d{5}(?:-\d{4})?\b")),
    ("AU", re.compile(r"\b(?:NSW|VIC|QLD|WA|SA|TAS|ACT|NT) \d{4}\b")),
    ("SE", re.compile(r"\b[1-9]\d{2} \d{2}\b")),
    ("PT", re.compile(r"\b\d{4}-\d{3}\b")),
]
TLD_COUNTRY = {"uk": "GB", "co.uk": "GB", "com.au": "AU", "co.nz": "NZ", "co.jp": "JP", "com.br": "BR", "co.za": "ZA"}
GENERIC_TLDS = {"com", "org", "net", "io", "co", "ai", "app", "dev", "tech", "biz", "info", "eu", "me", "tv"}


@functools.cache
def _data() -> dict:
    with resources.files("clinch.cards").joinpath("places.toml").open("rb") as handle:
        return tomllib.load(handle)


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


@functools.cache
def _names() -> list[tuple[re.Pattern, str]]:
    """(pattern for a country name or city, country code), longest names first."""
    pairs = []
    for code, entry in _data()["countries"].items():
        pairs += [(_fold(name), code, 3) for name in entry.get("names", [])]
        pairs += [(_fold(name), code, 2) for name in entry.get("cities", [])]
    pairs.sort(key=lambda p: -len(p[0]))
    # A name followed by a house number is a street named after the place (Corso Buenos Aires 33).
    return [(re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])(?!\s+\d)"), code, weight)
            for name, code, weight in pairs]


def country_votes(lines: list[str]) -> Counter[str]:
    """Votes for the countries an address names: its country's name (3), a large city (2), a postcode (1).

    Later lines weigh a little more: the country and the city close an address.
    """
    votes: Counter[str] = Counter()
    for position, line in enumerate(lines):
        folded = _fold(line)
        bonus = 0.1 * position
        for pattern, code, weight in _names():
            if pattern.search(folded):
                votes[code] += weight + bonus
                break
        for code, pattern in POSTCODES:
            if pattern.search(line):
                votes[code] += 1 + bonus
                break
    return votes


def country_from_address(lines: list[str]) -> str | None:
    """The country an address names: its country name, a distinctive postcode or a large city."""
    votes = country_votes(lines)
    return votes.most_common(1)[0][0] if votes else None


def country_from_domain(domain: str) -> str | None:
    """``acme.co.uk`` -> GB, ``acme.de`` -> DE; None for .com and other generic domains."""
    domain = domain.lower().rstrip(".")
    for suffix, code in TLD_COUNTRY.items():
        if domain.endswith("." + suffix):
            return code
    tld = domain.rsplit(".", 1)[-1]
    if len(tld) == 2 and tld not in GENERIC_TLDS and tld.upper() in phonenumbers.SUPPORTED_REGIONS:
        return tld.upper()
    return None


def timezone_for(*, phones: list[str], country: str | None) -> str | None:
    """The IANA zone a card suggests: the first phone's, if its number names one zone; else the country's only zone."""
    for text in phones:
        try:
            zones = phone_timezone.time_zones_for_number(phonenumbers.parse(text))
        except phonenumbers.NumberParseException:
            continue
        real = [z for z in zones if z != "Etc/Unknown"]
        if len(real) == 1:
            return real[0]
    if country:
        return _data()["countries"].get(country, {}).get("zone")
    return None
