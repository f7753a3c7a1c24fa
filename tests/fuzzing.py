"""What the fuzz tests feed to every parser of user input, and how each may refuse it.

Two lists; a new parser is one more entry (no test to write):

* ``PARSERS``: pure functions (no database). ``Parser(name, inputs, call, refusals, max_seconds)``:
  hypothesis draws from ``inputs`` and passes the drawn value to ``call``; ``call`` may raise
  only one of ``refusals`` (the parser's documented answer to bad input), must return within
  ``max_seconds`` of CPU, and may assert what its answer promises.
  tests/core/test_fuzz_parsers.py runs them.
* ``form_targets()``: pages that take a form. ``FormTarget(name, url, fields, who, base, files, max_seconds)``:
  hypothesis posts any mix of ``fields`` (names, filled with ``field_values``, over the valid post
  ``base``; the names in ``files`` as uploaded files filled with ``file_values``) to ``url(world)``,
  signed in as ``world[who]`` (anonymous when ``who`` is None); the answer must never be a server
  error, and must come within ``max_seconds`` of CPU. tests/web/test_fuzz_forms.py runs them.

The values lean on what broke parsers before: control characters, far-out dates, texts at and
past the limits, and phrases repeated to great length.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from clinch.core import limits

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "interview.yaml"

# -- values -------------------------------------------------------------------------------------

EDGE_TEXTS = [
    "", " ", "\x00", "\r\n", "\n\n\n", "\t", "\u200b", "\ufeff", "İ", "ß", "👍🏽", "\u202e", "Ωμέγα",
    "'; DROP TABLE x; --", "<script>alert(1)</script>", "{{ name }}", "%s%s%s", "../../etc/passwd",
    "9999-12-31", "0001-01-01", "24/7", "31/02/2027", "2027-02-30", "in 9999 years", "by 12/31/9999",
    "on the 32nd", "Q5", "KW 99", "the 0th", "-1", "1e309", "NaN", "inf", "0x7fffffff",
    "We'll decide by Friday.", "Dear Rafel,", "Thank you SO MUCH!!!", "[Name]",
]
# Repeated to great length, each made some reader scan its whole text once per word.
REPEATED_UNITS = [
    "the 12th ", "today ", "next week, tuesday ", "we met on Monday and ", "2026-05-01 ", "in 2-3 weeks ",
    "Hello ", "Rafel ", "x@y.z ", "need I ", "!", "A", " ", "\n", "after ", "12 ",
]


def texts(max_repeat: int = 3_000) -> st.SearchStrategy[str]:
    """Short random text, edge cases, and phrases repeated up to ``max_repeat`` times."""
    return st.one_of(
        st.text(max_size=300),
        st.sampled_from(EDGE_TEXTS),
        st.builds(lambda unit, n: unit * n, st.sampled_from(REPEATED_UNITS), st.integers(1, max_repeat)),
        st.lists(st.sampled_from(EDGE_TEXTS + REPEATED_UNITS), max_size=30).map(" ".join),
    )


ZONES = ["UTC", "America/Denver", "Asia/Kolkata", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/London"]
COUNTRIES = ["US", "GB", "IN", "DE", "NZ", "GB-ENG", "DE-BY"]
moments = st.datetimes(
    min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30),
    timezones=st.sampled_from([UTC, timezone(timedelta(hours=14)), timezone(timedelta(hours=-12))]),
)
plausible_moments = st.datetimes(
    min_value=datetime(1970, 1, 2), max_value=datetime(2200, 12, 30), timezones=st.sampled_from([UTC]),
)


def field_values(limit: int = limits.NOTE_BODY_CHARS) -> st.SearchStrategy[str]:
    """What a form field may be sent: any text, edge cases, and text just past a limit."""
    past = sorted({n + 1 for n in (limits.NAME_CHARS, limits.SUBJECT_CHARS, limits.NEXT_STEP_CHARS,
                                   limits.TOPIC_CHARS, limit)})
    return st.one_of(
        st.text(max_size=60),
        st.sampled_from(EDGE_TEXTS + ["2026-03-05", "13:00", "America/Denver", "on", "1", "12", "-5", "99999"]),
        st.sampled_from(past).map(lambda n: "x" * n),
    )


# Uploads that get past a parser's first look: the start of each kind of file a page takes.
FILE_STARTS = [
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Rafael Quiñones\r\nEMAIL:r@larkspur.example\r\nEND:VCARD\r\n",
    "BEGIN:VCARD\r\nVERSION:4.0\r\nN:;;;;\r\nBDAY:99991231\r\n",
    "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:99991231T120000Z\r\nSUMMARY:Interview\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n",
    "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;TZID=Nowhere/Else:20260305T130000\r\n",
    '{"format": "clinch-export", "version": 1, "opportunities": [{"company": null}]}',
    '{"format": "clinch-export", "version": 99}', "[" * 2_000, "\xff\xfe\x00",
]


def file_values() -> st.SearchStrategy[str]:
    """What an uploaded file may hold: any form value, or the start of a real file, whole or cut short."""
    starts = st.sampled_from(FILE_STARTS)
    return st.one_of(field_values(), starts, st.tuples(starts, st.integers(0, 200)).map(lambda cut: cut[0][: cut[1]]))


# -- pure parsers --------------------------------------------------------------------------------

@dataclass(frozen=True, repr=False)
class Parser:
    name: str
    inputs: st.SearchStrategy
    call: Callable[[Any], Any]
    refusals: tuple[type[Exception], ...] = ()
    max_seconds: float = 2.0

    def __repr__(self) -> str:  # what a failing example is reported with
        return f"Parser({self.name!r})"


def _read_date(args) -> None:
    from clinch.core.timeline import read_decision_date

    text, after, tz, country = args
    reading = read_decision_date(text, after=after, tz=tz, country=country)
    if reading.date is not None:  # never before the interview, never past the horizon
        assert after.year - 1 <= reading.date.year <= after.year + 11, reading


def _when_command(argv) -> None:
    from clinch.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as exc:  # argparse's own refusals
            status = exc.code
    assert status in (0, 2), (status, err.getvalue()[-500:])
    assert "Traceback" not in err.getvalue()


def _check(args) -> None:
    from clinch.core.checks import check

    text, kind = args
    for finding in check(text, interview=_example(), to="rquinones@larkspur.example", kind=kind):
        assert 0 <= finding.start <= finding.end <= len(text), finding


_EXAMPLE = []


def _example():
    if not _EXAMPLE:
        from clinch.core.interview_file import load_interview

        _EXAMPLE.append(load_interview(EXAMPLE))
    return _EXAMPLE[0]


def _interview_file(raw: bytes) -> None:
    from clinch.core.interview_file import load_interview

    with tempfile.NamedTemporaryFile(suffix=".yaml") as fh:
        fh.write(raw)
        fh.flush()
        load_interview(fh.name)


def _interview_mapping(data) -> None:
    from clinch.core.interview_file import parse_interview

    parse_interview(data)


def _refusal(name: str) -> type[Exception]:
    from clinch.core.interview_file import InterviewFileError
    from clinch.core.invitation import InvitationError
    from clinch.core.vcard import VCardError

    return {"interview": InterviewFileError, "vcard": VCardError, "invitation": InvitationError}[name]


def _check_kinds() -> tuple[str, ...]:
    from clinch.core.checks import KINDS

    return KINDS


_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), texts(200), moments,
                     st.dates(), st.sampled_from(ZONES + COUNTRIES + ["hiring_manager", "rejected"]))
_values = st.recursive(_scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                         st.dictionaries(st.text(max_size=12), inner, max_size=4)),
                       max_leaves=20)
_EXAMPLE_DATA = yaml.safe_load(EXAMPLE.read_text())


def _mutated_example(changes: list[tuple[str, Any]]) -> dict:
    """The example interview with some fields replaced, nested ones included ("interviewers.0.topics")."""
    data = yaml.safe_load(EXAMPLE.read_text())
    for path, value in changes:
        *parents, last = path.split(".")
        node = data
        try:
            for key in parents:
                node = node[int(key)] if isinstance(node, list) else node[key]
            node[int(last) if isinstance(node, list) else last] = value
        except (LookupError, TypeError, ValueError):
            continue  # an earlier change took that branch away
    return data


_PATHS = ["company", "role", "starts_at", "ends_at", "next_step", "decision_date", "replied_at", "outcome",
          "candidate", "candidate.name", "candidate.timezone", "candidate.country", "candidate.email",
          "candidate.signature", "interviewers", "interviewers.0", "interviewers.0.name", "interviewers.0.email",
          "interviewers.0.topics", "interviewers.0.article", "interviewers.0.role", "interviewers.1.timezone",
          "interviewers.1.linkedin", "unknown_field"]
_big_lists = st.builds(lambda item, n: [item] * n, _scalars, st.integers(0, 200))
interview_mappings = st.one_of(
    _values,
    st.lists(st.tuples(st.sampled_from(_PATHS), st.one_of(_values, _big_lists)), min_size=1, max_size=4)
    .map(_mutated_example),
)


def _dump(data) -> bytes:
    try:
        return yaml.safe_dump(data, allow_unicode=True).encode("utf-8")
    except yaml.YAMLError:
        return b"company: [unclosed"


def _lines_dropped(indexes: list[int]) -> bytes:
    lines = EXAMPLE.read_bytes().splitlines(keepends=True)
    return b"".join(line for i, line in enumerate(lines) if i not in set(indexes))


interview_files = st.one_of(
    st.binary(max_size=2_000),
    interview_mappings.map(_dump),
    st.lists(st.integers(0, 40), max_size=6).map(_lines_dropped),
    st.sampled_from([
        b"\xff\xfe" + "company: x".encode("utf-16-le"), b"a: &a [x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n",
        b"company: !!python/object:os.system x\n", b"{" * 5_000, b"- " * 50_000, b"x" * (limits.INTERVIEW_FILE_BYTES + 1),
    ]),
)

INVITATIONS = sorted((Path(__file__).resolve().parent / "fixtures" / "invitations").glob("*.ics"))
A_VCARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Brandt;Anna-Lena;;;\r\nFN:Anna-Lena Brandt\r\nORG:Fernwerk Robotics GmbH\r\n"
    "EMAIL;TYPE=INTERNET:anna-lena.brandt@fernwerk.de\r\nTEL;TYPE=CELL:+49 170 5550123\r\n"
    "ADR;TYPE=WORK:;;Lindenstraße 21;Berlin;;10969;Germany\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=96zt=C3=BCrk;Ay=C5=9Fe;;;\r\n"
    "TEL;CELL:+90 532 555 0101\r\nEND:VCARD\r\n"
).encode()


def _edited(original: bytes, changes: list[tuple[int, str]]) -> bytes:
    """A real file with some of its lines replaced by other text (or by nothing)."""
    lines = original.splitlines(keepends=True)
    for index, text in changes:
        if lines:
            lines[index % len(lines)] = text.encode("utf-8", "surrogatepass") + b"\r\n" if text else b""
    return b"".join(lines)


def real_files_edited(originals: list[bytes]) -> st.SearchStrategy[bytes]:
    """Any bytes, any text, and real files with lines replaced: the parser gets past its first line."""
    return st.one_of(
        st.binary(max_size=2_000),
        texts(500).map(lambda text: text.encode("utf-8", "surrogatepass")),
        st.builds(_edited, st.sampled_from(originals),
                  st.lists(st.tuples(st.integers(0, 200), st.one_of(texts(200), st.just(""))), max_size=6)),
    )


def _vcards(raw: bytes) -> None:
    from clinch.core.vcard import read_vcards

    read_vcards(raw)


def _invitation(raw: bytes) -> None:
    from clinch.core.invitation import read_invitation

    read_invitation(raw, me=("dana@example.org",), default_zone="America/Denver")


PARSERS = [
    Parser(
        "decision date", st.tuples(texts(), st.one_of(plausible_moments, moments),
                                   st.one_of(st.none(), st.sampled_from(ZONES)), st.sampled_from(COUNTRIES)),
        _read_date, refusals=(ValueError,),
    ),
    Parser(
        "clinch when", st.builds(
            lambda text, after, extra: ["when", text, "--after", after, *extra],
            texts(400),
            st.one_of(moments.map(datetime.isoformat), st.sampled_from(EDGE_TEXTS + ["2026-05-21T14:30:00"])),
            st.lists(st.sampled_from(["--json", "--tz", "--country", "--language", *ZONES, *COUNTRIES, "XX",
                                      "Mars/Base", "de", "fr", "es", "xx"]), max_size=4),
        ),
        _when_command,
    ),
    Parser("note checks", st.tuples(texts(), st.sampled_from(_check_kinds())), _check),
    Parser("interview file", interview_files, _interview_file, refusals=(_refusal("interview"),)),
    Parser("interview mapping", interview_mappings, _interview_mapping, refusals=(_refusal("interview"),)),
    Parser("vCards", real_files_edited([A_VCARD]), _vcards, refusals=(_refusal("vcard"),)),
    Parser("calendar invitation", real_files_edited([path.read_bytes() for path in INVITATIONS]), _invitation,
           refusals=(_refusal("invitation"),)),
]


def timed(parser: Parser, value) -> float:
    """Run one parser on one value; the CPU seconds it took (a refusal counts as an answer)."""
    started = time.process_time()
    try:
        parser.call(value)
    except parser.refusals:
        pass
    return time.process_time() - started


# -- pages with forms ----------------------------------------------------------------------------

@dataclass(frozen=True, repr=False)
class FormTarget:
    name: str
    url: Callable[[dict], str]  # world (the objects of tests/web/test_fuzz_forms.py's fixture) -> URL
    fields: tuple[str, ...]
    who: str | None = "dana"  # whose session posts: a key of the world; None for a visitor
    base: dict | None = None  # a valid post the drawn fields change, so the deeper paths run too
    files: tuple[str, ...] = ()  # fields posted as uploaded files
    max_seconds: float = 3.0  # CPU for one post, the whole request in the test's process

    def __repr__(self) -> str:
        return f"FormTarget({self.name!r})"


def _names(form_class, prefix: str = "") -> tuple[str, ...]:
    return tuple(f"{prefix}{name}" for name in form_class.base_fields)


def form_targets() -> list[FormTarget]:
    """Built when asked: the form classes need Django set up."""
    from django.urls import reverse

    from clinch.accounts.forms import ProfileForm, SignupForm
    from clinch.api.pages import TokenForm
    from clinch.consult.forms import ConsultationForm
    from clinch.mail.forms import MailAccountForm
    from clinch.web.articles import ArticleForm
    from clinch.web.contacts import ContactForm
    from clinch.web.forms import DraftForm, InterviewerForm, InterviewForm

    capture = (*_names(InterviewForm), "interviewer_count", "add_interviewer", "after",
               *(name for i in range(3) for name in _names(InterviewerForm, f"p{i}-")))
    draft = (*_names(DraftForm), "action")
    a_capture = {
        "company": "Larkspur Robotics, Inc.", "role": "Controls Engineer", "day": "2026-03-05", "start": "13:00",
        "end": "14:30", "timezone": "America/Denver", "format": "onsite", "next_step": "We'll decide by Friday.",
        "interviewer_count": "2", "p0-name": "Rafael Quiñones", "p0-email": "rquinones@larkspur.example",
        "p0-role": "hiring_manager", "p0-topics": "force control\nsoft fruit", "p1-name": "Tomás Wright",
        "p1-role": "recruiter",
    }
    a_draft = {"subject": "Thank you", "body": "Dear Rafael,\n\nThank you for the talk on force control.",
               "action": "save"}
    a_contact = {"name": "Siobhán O'Connor", "email": "s@larkspur.example", "company_name": "Larkspur"}
    return [
        FormTarget("capture", lambda w: reverse("interview_new"), capture, base=a_capture),
        FormTarget("edit an interview", lambda w: reverse("interview_edit", args=[w["interview"].public_id]), capture,
                   base=a_capture),
        FormTarget("read the date live", lambda w: reverse("read_decision_date"), capture, base=a_capture),
        FormTarget("correct the decision date",
                   lambda w: reverse("decision_date", args=[w["interview"].public_id]), ("decision_date",)),
        FormTarget("draft editor", lambda w: reverse("followup", args=[w["followup"].public_id]), draft, base=a_draft),
        FormTarget("live check", lambda w: reverse("followup_check", args=[w["followup"].public_id]), draft,
                   base=a_draft),
        FormTarget("outcome", lambda w: reverse("opportunity_outcome", args=[w["opportunity"].public_id]),
                   ("outcome",)),
        FormTarget("new contact", lambda w: reverse("contact_new"), _names(ContactForm), base=a_contact),
        FormTarget("edit a contact", lambda w: reverse("contact_edit", args=[w["contact"].public_id]),
                   _names(ContactForm), base=a_contact),
        FormTarget("reading list", lambda w: reverse("reading_list"), _names(ArticleForm)),
        FormTarget("article for a topic",
                   lambda w: reverse("topic_article", args=[w["interview"].public_id]),
                   ("topic", "action", "article", *_names(ArticleForm, "t{topic}-")),
                   base={"action": "add", "t{topic}-title": "Soft grippers for fruit",
                         "t{topic}-url": "https://robotics.example/soft-grippers"}),
        FormTarget("profile", lambda w: reverse("profile"), _names(ProfileForm)),
        FormTarget("API tokens", lambda w: reverse("api_tokens"), _names(TokenForm),
                   base={"name": "calendar script", "scope": "read", "expires_in": "90"}),
        FormTarget("mail settings", lambda w: reverse("mail:settings"), _names(MailAccountForm)),
        FormTarget("sign-up", lambda w: reverse("signup"), _names(SignupForm), who=None),
        FormTarget("consultation", lambda w: reverse("consult:form"), (*_names(ConsultationForm), "website",
                                                                       "started"), who=None),
        *_upload_targets(),
        *_agency_targets(),
    ]


def _upload_targets() -> list[FormTarget]:
    """Pages that take files: an interview's invitation, shared files, vCards, a card read, an export, webhooks."""
    from django.urls import reverse

    from clinch.hooks.pages import WebhookForm
    from clinch.web.cards import CardForm

    card = tuple(f"card-0-{name}" for name in CardForm.base_fields)
    management = {"card-TOTAL_FORMS": "1", "card-INITIAL_FORMS": "0"}
    a_card = {**management, "card-0-use": "on", "card-0-name": "Rafael Quiñones",
              "card-0-email": "rquinones@larkspur.example", "card-0-company": "Larkspur Robotics"}
    return [
        FormTarget("invitation", lambda w: reverse("interview_from_invitation"), ("file", "text", "event"),
                   files=("file",)),
        FormTarget("shared from the phone", lambda w: reverse("share"), ("file", "title", "text", "url"),
                   files=("file",)),
        FormTarget("vCard import", lambda w: reverse("contacts_import"), ("files", "text"), files=("files",)),
        FormTarget("cards read", lambda w: reverse("cards_confirm"), (*card, *management, "contact"), base=a_card),
        FormTarget("import an export", lambda w: reverse("transfer_data"), ("document",), files=("document",)),
        FormTarget("webhooks", lambda w: reverse("webhooks"), _names(WebhookForm),
                   base={"url": "https://hooks.example/clinch", "events": "reply.received"}),
    ]


def _agency_targets() -> list[FormTarget]:
    """The agency's forms, each posted by the member or candidate it is for."""
    from django.urls import reverse

    from clinch.agency.forms import CommentForm, ConsentForm, InviteForm, MemberForm
    from clinch.agency.policy import AGENCY_KEYS
    from clinch.consult.forms import AssignForm, ExportForm, NoteForm, StatusForm

    def org(name, *more):
        return lambda w: reverse(f"agency:{name}", args=[w["organisation"].public_id, *(w[key].public_id for key in more)])

    def desk(name):
        return lambda w: reverse(f"consult:{name}", args=[w["consultation"].public_id])

    return [
        FormTarget("invite a candidate", org("invite"), _names(InviteForm), who="owner"),
        FormTarget("add a member", org("member_add"), _names(MemberForm), who="owner"),
        FormTarget("agency policy", org("policy"), tuple(key.replace(".", "__") for key in AGENCY_KEYS),
                   who="owner"),
        FormTarget("comment on a step", org("step", "coaching", "followup"), _names(CommentForm), who="coach"),
        FormTarget("comment on a draft", org("draft", "coaching", "followup"), _names(CommentForm), who="coach"),
        FormTarget("accept an invitation", lambda w: reverse("agency:invitation", args=[w["invitation_token"]]),
                   _names(ConsentForm), who="candidate"),
        FormTarget("change consent", lambda w: reverse("agency:coaching_change", args=[w["coaching"].public_id]),
                   ("level",)),
        FormTarget("agree to the agency's policy",
                   lambda w: reverse("agency:coaching_policy", args=[w["coaching"].public_id]), ("answer",)),
        FormTarget("desk status", desk("desk_status"), (*_names(StatusForm), "next"), who="desk"),
        FormTarget("desk assign", desk("desk_assign"), (*_names(AssignForm), "next"), who="desk"),
        FormTarget("desk note", desk("desk_note"), (*_names(NoteForm), "next"), who="desk"),
        FormTarget("desk invite", desk("desk_invite"), ("seen_invited_at", "next"), who="desk"),
        FormTarget("desk export", lambda w: reverse("consult:desk_export"), _names(ExportForm), who="desk"),
    ]
