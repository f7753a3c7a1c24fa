"""Read and validate an interview file (YAML) into an ``Interview``.

``load_interview(path)`` reads a file; ``parse_interview(data)`` checks a mapping
that is already loaded (values may be strings or PyYAML's ``datetime``/``date``
objects). Both raise ``InterviewFileError`` whose ``.problems`` lists every
problem found, each as ``"field.path: message"``, never only the first one.
Files larger than ``INTERVIEW_FILE_BYTES`` and texts, lists of people and of
topics past ``clinch.core.limits`` are problems too.

The file format is documented by ``docs/interview-file.md`` (example: ``docs/examples/interview.yaml``):
times are ISO 8601 with an offset, zones are IANA names.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from clinch.core import calendar as cal
from clinch.core.limits import (
    INTERVIEW_FILE_BYTES, INTERVIEWERS, NAME_CHARS, NEXT_STEP_CHARS, SIGNATURE_CHARS, TITLE_CHARS, TOPIC_CHARS,
    TOPICS_PER_PERSON, URL_CHARS,
)
from clinch.core.model import OUTCOMES, ROLES, Article, Candidate, Interview, Interviewer, Outcome

TOP_FIELDS = {"candidate", "company", "role", "starts_at", "ends_at", "next_step", "interviewers",
              "decision_date", "outcome", "replied_at", "language"}
CANDIDATE_FIELDS = {"name", "email", "timezone", "country", "signature", "language"}
INTERVIEWER_FIELDS = {"name", "title", "email", "role", "timezone", "topics", "article",
                      "preferred_name", "linkedin"}
OUTCOME_FIELDS = {"kind", "received_at"}
ARTICLE_FIELDS = {"title", "url"}
EXAMPLE_TIME = "2026-05-20T13:00:00-06:00"
LINKEDIN_EXAMPLE = "https://www.linkedin.com/in/..."


class InterviewFileError(ValueError):
    """The file cannot become an Interview; ``problems`` holds one line per problem."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


def load_interview(path) -> Interview:
    """Read, parse and validate the YAML interview file at ``path``."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(INTERVIEW_FILE_BYTES + 1)
    except OSError as exc:
        raise InterviewFileError([f"file: cannot read {str(path)!r}: {exc.strerror or exc}"]) from None
    if len(raw) > INTERVIEW_FILE_BYTES:
        raise InterviewFileError([f"file: is larger than {INTERVIEW_FILE_BYTES:,} bytes; an interview file is a page or two"])
    data, duplicates = _parse_yaml(raw)
    try:
        interview = parse_interview(data)
    except InterviewFileError as exc:
        raise InterviewFileError(duplicates + exc.problems) from None
    if duplicates:
        raise InterviewFileError(duplicates)
    return interview


def parse_interview(data: Any) -> Interview:
    """Validate a loaded mapping and build the Interview (see the module doc)."""
    if not isinstance(data, dict):
        raise InterviewFileError([f"file: expected a mapping of fields at the top, got {_kind(data)}"])
    p = _Problems()
    p.unknown(data, TOP_FIELDS, "")
    candidate = _candidate(data.get("candidate"), p)
    company = p.text(data, "company", "company", required=True)
    role = p.text(data, "role", "role", required=True)
    starts_at = p.moment(data.get("starts_at"), "starts_at", required=True)
    ends_at = p.moment(data.get("ends_at"), "ends_at", required=False)
    if starts_at and ends_at and ends_at <= starts_at:
        p.add("ends_at", f"{ends_at.isoformat()} is not after starts_at {starts_at.isoformat()}")
    if starts_at and ends_at is None and data.get("ends_at") is None:
        ends_at = starts_at + timedelta(hours=1)
    next_step = p.text(data, "next_step", "next_step", required=False, limit=NEXT_STEP_CHARS)
    language = p.language(data.get("language"), "language")
    decision_date = p.day(data.get("decision_date"), "decision_date")
    if decision_date and starts_at and decision_date < starts_at.date():
        p.add("decision_date", f"{decision_date} is before the interview ({starts_at.date()})")
    replied_at = p.moment(data.get("replied_at"), "replied_at", required=False)
    if replied_at and starts_at and replied_at < starts_at:
        p.add("replied_at", "is before the interview starts")
    outcome = _outcome(data.get("outcome"), starts_at, p)
    interviewers = _interviewers(data.get("interviewers"), p)
    if p.problems:
        raise InterviewFileError(p.problems)
    return Interview(
        candidate=candidate,
        company=company,
        role=role,
        starts_at=starts_at,
        ends_at=ends_at,
        interviewers=interviewers,
        next_step=next_step,
        decision_date=decision_date,
        language=language,
        outcome=outcome,
        replied_at=replied_at,
    )


# -- YAML --------------------------------------------------------------------------------

def _parse_yaml(raw: bytes) -> tuple[Any, list[str]]:
    """The loaded document and a problem for each key given twice in one mapping."""
    if is_utf16(raw):
        raise InterviewFileError(["file: is saved as UTF-16; save it as UTF-8 and try again"])
    if b"\x00" in raw:
        raise InterviewFileError(["file: is binary, not a YAML text file"])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InterviewFileError([f"file: is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})"]) from None
    # Judged after decoding, so a file holding only a UTF-8 BOM is empty too.
    if not text.strip():
        raise InterviewFileError(["file: is empty"])
    if _flow_depth(text) > MAX_FLOW_DEPTH:
        raise InterviewFileError(["yaml: nested too deeply for an interview file"])
    import yaml

    try:
        loader = _loader_class()(text)  # reads the whole text first: refuses control characters here
    except yaml.reader.ReaderError as exc:
        raise InterviewFileError([f"file: a control character (#x{exc.character:02x}) at character {exc.position}; "
                                  "an interview file holds printable text only"]) from None
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "somewhere"
        raise InterviewFileError([f"yaml: {where}: {exc.problem or exc.context or 'malformed YAML'}"]) from None
    except yaml.YAMLError as exc:
        raise InterviewFileError([f"yaml: {exc}"]) from None
    except RecursionError:  # "[[[[..." thousands deep: PyYAML's parser recurses once per level
        raise InterviewFileError(["yaml: nested too deeply for an interview file"]) from None
    finally:
        loader.dispose()
    if data is None:
        raise InterviewFileError(["file: is empty (only comments)"])
    return data, loader.duplicates


# An interview file nests three levels at most; PyYAML's parser recurses once per "[" or "{", and
# thousands of them cost a second of CPU before its RecursionError, so they are refused first.
MAX_FLOW_DEPTH = 64
_BRACKETS = re.compile(r"[\[\]{}]")


def _flow_depth(text: str) -> int:
    """How deep "[" and "{" nest in ``text`` at most (brackets inside quotes count too: an
    over-estimate, harmless at this limit). Linear in the text."""
    depth = deepest = 0
    for bracket in _BRACKETS.finditer(text):
        depth = depth + 1 if bracket.group() in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return deepest


def is_utf16(raw: bytes) -> bool:
    """True when ``raw`` looks like UTF-16 text: it starts with a UTF-16 byte-order
    mark, or (without one) every other byte of its start is NUL, as plain Latin
    text has in UTF-16. Editors on Windows save "Unicode" this way."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    start = raw[:1000]
    even, odd = start[0::2], start[1::2]
    return any(b"\x00" not in text and nuls.count(0) * 2 >= len(nuls) > 0
               for nuls, text in ((even, odd), (odd, even)))


_LOADER = None


def _loader_class():
    """A SafeLoader that keeps timestamps as text (so "2026-02-30" is reported with its
    field, not as a YAML crash) and reads only true/false as booleans ("NO" is Norway)."""
    global _LOADER
    if _LOADER is None:
        import re

        import yaml

        class Loader(yaml.SafeLoader):
            def __init__(self, stream):
                super().__init__(stream)
                self.duplicates: list[str] = []

            def construct_mapping(self, node, deep=False):
                # PyYAML keeps the last of two equal keys without a word; a typo'd
                # second "email:" would silently replace the first.
                seen = set()
                for key_node, _ in node.value:
                    key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                    if key in seen:
                        mark = key_node.start_mark
                        self.duplicates.append(
                            f"yaml: line {mark.line + 1}, column {mark.column + 1}: {key!r} is given twice")
                    seen.add(key)
                return super().construct_mapping(node, deep=deep)

        Loader.yaml_implicit_resolvers = {
            first: [(tag, rx) for tag, rx in resolvers
                    if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
            for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
        }
        Loader.add_implicit_resolver(
            "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
        )
        _LOADER = Loader
    return _LOADER


# -- sections ----------------------------------------------------------------------------

def _candidate(value: Any, p: _Problems) -> Candidate | None:
    if value is None:
        p.add("candidate", "is required (name and timezone)")
        return None
    if not isinstance(value, dict):
        p.add("candidate", f"expected a mapping, got {_kind(value)}")
        return None
    p.unknown(value, CANDIDATE_FIELDS, "candidate.")
    name = p.text(value, "name", "candidate.name", required=True)
    email = p.email(value.get("email"), "candidate.email")
    tz = p.zone(value.get("timezone"), "candidate.timezone", required=True)
    country = p.country(value.get("country", "US"), "candidate.country")
    signature = p.text(value, "signature", "candidate.signature", required=False, limit=SIGNATURE_CHARS)
    language = p.language(value.get("language"), "candidate.language")
    return Candidate(name=name, email=email, timezone=tz, country=country or "US", signature=signature,
                     language=language)


def _interviewers(value: Any, p: _Problems) -> tuple[Interviewer, ...]:
    if value is None:
        p.add("interviewers", "is required: a list with at least one person")
        return ()
    if not isinstance(value, list) or not value:
        p.add("interviewers", f"expected a list with at least one person, got {_kind(value)}")
        return ()
    if len(value) > INTERVIEWERS:
        p.add("interviewers", f"at most {INTERVIEWERS} people, got {len(value)}")
        return ()
    people, seen = [], {}
    for i, item in enumerate(value):
        path = f"interviewers[{i}]"
        if not isinstance(item, dict):
            p.add(path, f"expected a mapping with at least a name, got {_kind(item)}")
            continue
        p.unknown(item, INTERVIEWER_FIELDS, f"{path}.")
        email = p.email(item.get("email"), f"{path}.email")
        if email and email.lower() in seen:
            p.add(f"{path}.email", f"same address as interviewers[{seen[email.lower()]}]")
        elif email:
            seen[email.lower()] = i
        role = p.text(item, "role", f"{path}.role", required=False) or "interviewer"
        if role not in ROLES:
            p.add(f"{path}.role", f"unknown role {role!r} (expected one of {', '.join(ROLES)})")
        people.append(Interviewer(
            name=p.text(item, "name", f"{path}.name", required=True),
            email=email,
            title=p.text(item, "title", f"{path}.title", required=False),
            role=role if role in ROLES else "interviewer",
            timezone=p.zone(item.get("timezone"), f"{path}.timezone", required=False),
            topics=p.topics(item.get("topics"), f"{path}.topics"),
            article=_article(item.get("article"), f"{path}.article", p),
            preferred_name=p.text(item, "preferred_name", f"{path}.preferred_name", required=False),
            linkedin_url=p.linkedin(item, f"{path}.linkedin"),
        ))
    return tuple(people)


def _article(value: Any, path: str, p: _Problems) -> Article | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        p.add(path, f"expected a mapping with title and url, got {_kind(value)}")
        return None
    p.unknown(value, ARTICLE_FIELDS, f"{path}.")
    title = p.text(value, "title", f"{path}.title", required=True, limit=TITLE_CHARS)
    url = p.text(value, "url", f"{path}.url", required=True, limit=URL_CHARS)
    if url and not url.startswith(("http://", "https://")):
        p.add(f"{path}.url", f"expected an http(s) address, got {url!r}")
    return Article(title=title, url=url) if title and url else None


def _outcome(value: Any, starts_at: datetime | None, p: _Problems) -> Outcome | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        p.add("outcome", f"expected a mapping with kind and received_at, got {_kind(value)}")
        return None
    p.unknown(value, OUTCOME_FIELDS, "outcome.")
    kind = value.get("kind")
    if kind is None:
        p.add("outcome.kind", f"is required (one of {', '.join(OUTCOMES)})")
    elif kind not in OUTCOMES:
        p.add("outcome.kind", f"unknown outcome {kind!r} (expected one of {', '.join(OUTCOMES)})")
    received_at = p.moment(value.get("received_at"), "outcome.received_at", required=True)
    if received_at and starts_at and received_at < starts_at:
        p.add("outcome.received_at", "is before the interview starts")
    if kind in OUTCOMES and received_at:
        return Outcome(kind=kind, received_at=received_at)
    return None


# -- field checks -------------------------------------------------------------------------

class _Problems:
    """Collects "path: message" lines; each check returns the clean value or None."""

    def __init__(self):
        self.problems: list[str] = []

    def add(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def unknown(self, data: dict, allowed: set[str], prefix: str) -> None:
        for key in data:
            if key not in allowed:
                self.add(f"{prefix}{key}", f"unknown field (expected {', '.join(sorted(allowed))})")

    def text(self, data: dict, key: str, path: str, *, required: bool, limit: int = NAME_CHARS) -> str | None:
        """The stripped string at ``key``, at most ``limit`` characters. Numbers are refused,
        not turned into text: ``name: 42`` is a mistake, and a real name that YAML reads as
        a number can be quoted."""
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.add(path, "is required")
            return None
        if not isinstance(value, str):
            self.add(path, f"expected text, got {_kind(value)}")
            return None
        if len(value.strip()) > limit:
            self.add(path, f"at most {limit:,} characters, got {len(value.strip()):,}")
            return None
        return value.strip()

    def moment(self, value: Any, path: str, *, required: bool) -> datetime | None:
        if value is None:
            if required:
                self.add(path, f"is required (ISO 8601 with an offset, like {EXAMPLE_TIME})")
            return None
        if isinstance(value, date) and not isinstance(value, datetime):
            self.add(path, f"needs a time and an offset, like {EXAMPLE_TIME}")
            return None
        if isinstance(value, str):
            text = value.strip()
            try:
                value = datetime.fromisoformat(text)
            except ValueError as exc:
                offset = _offset_out_of_range(text, exc)
                if offset:
                    self.add(path, f"the UTC offset {offset} is out of range (-23:59 to +23:59)")
                else:
                    self.add(path, f"not a real date and time: {text!r} ({_reason(exc)})")
                return None
            if len(text) <= 10:
                self.add(path, f"needs a time and an offset, like {EXAMPLE_TIME}")
                return None
        if not isinstance(value, datetime):
            self.add(path, f"expected a date and time, got {_kind(value)}")
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            self.add(path, f"needs an offset (like {EXAMPLE_TIME}): {value.isoformat()!r} is ambiguous")
            return None
        if not 1970 <= value.year <= 2200:
            self.add(path, f"year {value.year} is not a plausible interview year")
            return None
        return value

    def day(self, value: Any, path: str) -> date | None:
        if value is None:
            return None
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value.strip())
            except ValueError as exc:
                self.add(path, f"not a real date: {value!r} ({_reason(exc)}; expected YYYY-MM-DD)")
                return None
        if isinstance(value, date):
            if not 1970 <= value.year <= 2200:
                self.add(path, f"year {value.year} is not a plausible decision year")
                return None
            return value
        self.add(path, f"expected a date (YYYY-MM-DD), got {_kind(value)}")
        return None

    def zone(self, value: Any, path: str, *, required: bool) -> str | None:
        if value is None:
            if required:
                self.add(path, "is required (an IANA zone, like America/Denver)")
            return None
        if not isinstance(value, str) or not value.strip():
            self.add(path, f"expected an IANA zone name, got {_kind(value)}")
            return None
        try:
            cal.zone(value.strip())
        except ValueError:
            suggestion = _zone_suggestion(value.strip())
            hint = f'; did you mean "{suggestion}"?' if suggestion else ""
            self.add(path, f"unknown time zone {value!r}{hint}")
            return None
        return value.strip()

    def email(self, value: Any, path: str) -> str | None:
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            self.add(path, f"expected an email address, got {_kind(value)}")
            return None
        plain = plain_email(value.strip())
        if plain is not None:
            return plain
        from email_validator import EmailNotValidError, validate_email

        try:
            return validate_email(value.strip(), check_deliverability=False).normalized
        except EmailNotValidError as exc:
            self.add(path, f"not a valid email address {value!r}: {exc}")
            return None

    def language(self, value: Any, path: str) -> str | None:
        """en, de, fr or es (any case), or None when not given."""
        if value is None:
            return None
        from clinch.core.timeline import LANGUAGE_NAMES

        code = value.strip().lower() if isinstance(value, str) else None
        if code not in LANGUAGE_NAMES:
            self.add(path, f"expected one of {', '.join(LANGUAGE_NAMES)}, got {value!r}")
            return None
        return code

    def country(self, value: Any, path: str) -> str | None:
        if value is False:  # YAML 1.1 reads a bare NO as false
            self.add(path, "expected a country code like US (write 'NO' in quotes for Norway)")
            return None
        if not isinstance(value, str) or not value.strip():
            self.add(path, f"expected a country code like US or a country's name, got {_kind(value)}")
            return None
        try:
            return cal.check_country(value.strip())
        except cal.UnknownCountry as exc:
            self.add(path, str(exc))
            return None

    def topics(self, value: Any, path: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            # A bare string is most often a list written without its dashes.
            self.add(path, "expected a list of topics (one per line, each starting with \"- \")")
            return ()
        if not isinstance(value, list):
            self.add(path, f"expected a list of topics, got {_kind(value)}")
            return ()
        if len(value) > TOPICS_PER_PERSON:
            self.add(path, f"at most {TOPICS_PER_PERSON} topics, got {len(value)}")
            return ()
        topics = []
        for i, item in enumerate(value):
            if not isinstance(item, str):
                self.add(f"{path}[{i}]", f"expected text, got {_kind(item)}")
            elif len(item.strip()) > TOPIC_CHARS:
                self.add(f"{path}[{i}]", f"at most {TOPIC_CHARS} characters, got {len(item.strip()):,}")
            elif item.strip():
                topics.append(item.strip())
        return tuple(topics)

    def linkedin(self, data: dict, path: str) -> str | None:
        url = self.text(data, "linkedin", path, required=False)
        if url and not _is_linkedin(url):
            self.add(path, f"expected a LinkedIn profile URL ({LINKEDIN_EXAMPLE}), got {url!r}")
            return None
        return url


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, (list, tuple)):
        return "a list" if value else "an empty list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return "a number"
    return f"{value!r}"


def _is_linkedin(url: str) -> bool:
    """True for an http(s) address on linkedin.com or a subdomain of it (www, de, ...)."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:  # a malformed port or IPv6 address
        return False
    return parts.scheme in ("http", "https") and (host == "linkedin.com" or host.endswith(".linkedin.com"))


def _offset_out_of_range(text: str, exc: ValueError) -> str | None:
    """The offset written at the end of ``text`` (``+25:00``) when ``exc`` is Python
    refusing it as out of range; None for any other problem."""
    if not str(exc).startswith("offset must be a timedelta"):
        return None
    import re

    match = re.search(r"[+-]\d\d:?\d\d(?::?\d\d(?:\.\d+)?)?$", text)
    return match.group(0) if match else "given"


def _zone_suggestion(name: str) -> str | None:
    """The IANA zone ``name`` most likely meant: the same name in other case
    (``europe/berlin``), else a close spelling (``America/Denvr``); None if none is close."""
    from zoneinfo import available_timezones

    by_lower = {zone.lower(): zone for zone in available_timezones()}
    if name.lower() in by_lower:
        return by_lower[name.lower()]
    from rapidfuzz import fuzz, process

    # 85 keeps typos (Denvr, Kolkatta) and drops made-up places (Mars/Base).
    best = process.extractOne(name.lower(), list(by_lower), scorer=fuzz.ratio, score_cutoff=85)
    return by_lower[best[0]] if best else None


def _reason(exc: Exception) -> str:
    text = str(exc)
    return "not ISO 8601" if text.startswith("Invalid isoformat") else text


# Plain ASCII addresses, a strict subset of what email-validator accepts: "dana.w+jobs@mail.example.org".
_PLAIN_EMAIL = re.compile(r"([A-Za-z0-9_%+-]{1,64}(?:\.[A-Za-z0-9_%+-]+)*)@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})")
# Domains email-validator refuses (its SPECIAL_USE_DOMAIN_NAMES): such an address takes the long road.
_SPECIAL_USE = ("arpa", "invalid", "local", "localhost", "onion", "test")


def plain_email(value: str) -> str | None:
    """The normalised form of a plain ASCII address (the domain in lower case), or None when the
    address needs the full validator.

    Nearly every address is plain, and importing email-validator costs a command a tenth of its
    start-up; anything this does not accept is left to email-validator, which gives the same answer
    for what it does (a test compares the two).
    """
    m = _PLAIN_EMAIL.fullmatch(value)
    if m is None or len(m[1]) > 64 or len(value) > 254 or len(m[2]) > 253:
        return None
    domain = m[2].lower()
    if any(domain == name or domain.endswith("." + name) for name in _SPECIAL_USE):
        return None
    return f"{m[1]}@{domain}"
