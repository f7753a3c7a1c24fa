"""From a card's text lines to its fields: emails, phones, web and address here, then ``names``.

The contact fields have shapes (an @, a country code, a postcode) and are found
by them wherever they stand; the lines left over are the name, the title and the
company (``clinch.cards.names``). Nothing here knows a particular card layout.
"""

from __future__ import annotations

import re

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from clinch.cards import places
from clinch.cards.names import LEGAL, fix_suffix, job_words, people_fields
from clinch.cards.ocr import Line
from clinch.cards.text import DIGITS, Fields, clean

EMAIL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+'’-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}")
URL = re.compile(r"(?i)\b(?:https?://)?(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,24}(?:/[^\s|,;]*)?")
LINKEDIN = re.compile(r"(?i)\b(?:https?://)?(?:[a-z]{2,3}\.)?linked\s?in\.com\s*/\s*(in|company|pub)\s*/\s*([^\s|,;/]+)")
FAX = re.compile(r"(?i)\b(?:fax|telefax|f)\s*[.:|]?\s*$")
LABEL = re.compile(
    r"(?i)^\s*(?:t|tel|tél|telefon|telephone|phone|ph|p|m|mob|mobile|cell|c|o|office|d|direct|dir|w|work|"
    r"e|email|e-mail|mail|w|web|www|site|website|a|adr|address|fax|f|h)\s*[.:|]+\s*"
)


MAX_LINES = 60  # a card has a dozen; anything past this is not a card's text


# -- emails, web ------------------------------------------------------------------------------------------------


def _email_candidates(text: str) -> list[str]:
    # OCR puts spaces around the @ and the dots of an address, or reads (at) for @.
    text = re.sub(r"\s*[\(\[]at[\)\]]\s*", "@", text, flags=re.I)
    text = re.sub(r"\s*@\s*", "@", text)
    text = re.sub(r"(@[\w.-]*?)\s*\.\s*(?=[A-Za-z])", r"\1.", text)
    found = []
    for match in EMAIL.finditer(text):
        address = match.group().strip(".'’-").replace("’", "'")
        # A label run into the address: "EIjon@", "E|jon@", "Email:jon@" (local parts are rarely capitalised).
        address = re.sub(r"^(?:E[Il|:]|[Ee]-?[Mm]ail[:|I.]?|Mail[:|I.]?)(?=[a-z0-9])", "", address)
        try:
            normal = validate_email(address, check_deliverability=False).normalized
        except EmailNotValidError:
            continue
        found.append(normal.lower())
    return found


def _linkedin(text: str) -> str:
    match = LINKEDIN.search(text.replace(" /", "/").replace("/ ", "/"))
    if not match:
        return ""
    return f"https://www.linkedin.com/{match.group(1).lower()}/{match.group(2).strip('.')}"


SEPARATOR = re.compile(r"\s*[·•|]\s*|\s{3,}")


def _website(line: str, emails: list[str]) -> str:
    for text in SEPARATOR.split(line):  # "a.brandt@acme.de · www.acme.de" holds both
        found = _website_in(text, emails)
        if found:
            return found
    return ""


def _website_in(text: str, emails: list[str]) -> str:
    if "@" in text or LINKEDIN.search(text):
        return ""
    for match in URL.finditer(text):
        url = match.group().rstrip(".,;")
        host = re.sub(r"(?i)^https?://", "", url).split("/")[0].lower()
        bare = host.removeprefix("www.")
        email_domains = {e.split("@")[1] for e in emails}
        # A dotted word is a website when it says so (www., http) or is the email's domain.
        if url.lower().startswith(("www.", "http")) or bare in email_domains:
            if re.fullmatch(r"[\d.]+", bare):
                continue
            path = url[len(re.match(r"(?i)^(https?://)?", url).group()) + len(host):]
            return f"https://{host}{path}"
    return ""


# -- phones -----------------------------------------------------------------------------------------------------


def _phone_text(text: str) -> str:
    """OCR's letter-for-digit slips fixed where a run of digits is plainly a number."""
    text = re.sub(r"(?<=\d)[OoIl|S](?=\d)", lambda m: m.group().translate(str.maketrans("OoIl|S", "001115")), text)
    # A label run into the number ("M0412 349 272", "Tel+49 30...") hides it from the matcher.
    return re.sub(r"(?<=[A-Za-z.:|])(?=[+(]?\d)", " ", text)


def _phones(text: str, region: str) -> list[str]:
    found = []
    text = _phone_text(text)
    for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
        if FAX.search(text[max(0, match.start - 12):match.start]):
            continue
        found.append(phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164))
    return found


def _explicit_country(text: str) -> str | None:
    """The country of a number written with its country code, if the line has one."""
    for match in re.finditer(r"\+\s?\d[\d\s().-]{6,}", _phone_text(text)):
        try:
            number = phonenumbers.parse(match.group(), None)
        except phonenumbers.NumberParseException:
            continue
        region = phonenumbers.region_code_for_number(number)
        if region and region != "001":
            return region
    return None


# -- address ----------------------------------------------------------------------------------------------------

STREET = re.compile(
    r"(?i)(?:\b\d+[a-z]?\b.*\b(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|way|place|pl|square|sq|"
    r"terrace|court|ct|parkway|pkwy|highway|hwy|row|close|crescent|gardens|green|hill|park|walk|wharf|quay)\b\.?)|"
    r"(?:\w(?:straße|strasse|str\.|gasse|weg|allee|platz|ring|damm|ufer|gracht|plein|laan|straat|kade|gatan|vägen|"
    r"gade|vej|veien|gata|katu|tie)\s+\d)|"
    r"(?:\b(?:rue|avenue|boulevard|bd|place|chemin|allée|impasse|quai|via|viale|corso|piazza|calle|avda|avenida|"
    r"paseo|passeig|plaza|praça|rua|ul\.|ulica|al\.|aleja|suite|floor|fl\.|unit|level|building|p\.?o\.? box|"
    r"postfach|c/)\b)|(?:^\d{1,5}[a-z]?\s+[A-ZÀ-Ý][\w'.-]+(?:\s[A-ZÀ-Ý][\w'.-]+)*$)"
)
POSTCODE_CITY = re.compile(r"(?:\b\d{4,5}\s+[A-ZÀ-Ý][\wÀ-ÿ'-]+)|(?:\b[A-Z][\wÀ-ÿ .'-]+,?\s+[A-Z]{2}\s+\d{5}\b)")


def _address_like(text: str) -> bool:
    if job_words(text) and not DIGITS.search(text):
        return False
    if "@" in text or "www." in text.lower() or re.search(r"\+\s?\d", text):
        return False
    if STREET.search(text) or POSTCODE_CITY.search(text) or any(p.search(text) for _, p in places.POSTCODES):
        return True
    if len(DIGITS.findall(text)) > 9:  # a phone number without its country code
        return False
    return len(text.split()) <= 4 and _is_place_only(text)


def _is_place_only(text: str) -> bool:
    """A line that is only a country or city name ("Germany", "Dublin 2")."""
    return bool(places.country_from_address([text])) and not job_words(text) and not LEGAL.search(text)


def extract(lines: list[Line], *, default_region: str) -> Fields:
    """The fields of one card from its ``lines`` (upright, in the card's own coordinates)."""
    result = Fields()
    lines = lines[:MAX_LINES]
    texts = [fix_suffix(clean(l.text)) for l in lines]
    for i, text in enumerate(texts):
        emails = _email_candidates(text)
        if emails:
            result.used.add(i)
            result.emails += [e for e in emails if e not in result.emails]
            result.scores.setdefault("email", lines[i].score)
    for i, text in enumerate(texts):
        linkedin = _linkedin(text)
        if linkedin and not result.linkedin:
            result.linkedin = linkedin
            result.used.add(i)
        website = _website(text, result.emails)
        if website and not result.website:
            result.website = website
            result.used.add(i)
    address_lines = [i for i, t in enumerate(texts) if i not in result.used and _address_like(t)]
    result.country = _country(texts, address_lines, result, default_region)
    region = result.country or default_region
    for i, text in enumerate(texts):
        if i in result.used and "@" in text:
            continue
        if len(DIGITS.findall(text)) < 6 or i in address_lines and not re.search(r"\+\s?\d", text):
            continue
        phones = _phones(text, region)
        if phones:
            result.used.add(i)
            result.phones += [p for p in phones if p not in result.phones]
    address_lines = [i for i in address_lines if i not in result.used]
    if address_lines:
        parts = [SEPARATOR.sub(", ", LABEL.sub("", texts[i])) for i in _address_block(address_lines, lines)]
        result.address = ", ".join(parts)
        result.used.update(address_lines)
    people_fields(result, lines, texts)
    return result


def _country(texts, address_lines, result: Fields, default_region: str) -> str | None:
    for text in texts:
        code = _explicit_country(text)
        if code:
            return code
    votes = places.country_votes([texts[i] for i in address_lines])
    for domain in [e.split("@")[1] for e in result.emails] + ([result.website.split("/")[2]] if result.website else []):
        code = places.country_from_domain(domain)
        if code:
            votes[code] += 1.5
            break
    return votes.most_common(1)[0][0] if votes else None


def _address_block(indices: list[int], lines: list[Line]) -> list[int]:
    """The address lines in reading order (top to bottom, left to right)."""
    return sorted(indices, key=lambda i: reading_order(lines).index(lines[i]))


def reading_order(lines: list[Line]) -> list[Line]:
    """``lines`` top to bottom; lines side by side on one row (their middles within half a line) left to right."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda l: l.centre[1]):
        if rows and abs(line.centre[1] - rows[-1][0].centre[1]) < 0.5 * min(line.height, rows[-1][0].height):
            rows[-1].append(line)
        else:
            rows.append([line])
    return [line for row in rows for line in sorted(row, key=lambda l: l.box[0])]


