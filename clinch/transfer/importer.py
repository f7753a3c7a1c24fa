"""``import_document``: an export made here or elsewhere, into one user's account.

All or nothing: the document is checked first (its format, version, the JSON Schema, that every
reference points at an object in it), then written in one transaction; any object the models
refuse rolls everything back and is named by its path. Each object gets a new id; what it came
from is remembered (``ImportedObject``), so importing the same document again creates nothing.
A company with the same name as one the user has is that company.

Nothing is sent twice because of an import: a follow-up that was scheduled comes in planned,
and a message waiting to be sent comes in cancelled.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models, transaction

from clinch.interviews.models import Company, Participant, Topic
from clinch.mail.models import Message
from clinch.owned import owned_by
from clinch.transfer.fields import FORMAT, SECTIONS, VERSION
from clinch.transfer.models import ImportedObject

SCHEMA_PATH = Path(__file__).with_name("clinch-export.schema.json")
MAX_BYTES = 200 * 1024 * 1024
MAX_ERRORS = 20
# version -> function turning a document of that version into one of the next. Version 1 is the first.
UPGRADES: dict = {}
WAITING_STATES = (Message.State.SCHEDULED, Message.State.SENDING, Message.State.PAUSED)


class ImportRefused(Exception):
    """Nothing was imported; ``problems`` are ``(path, what is wrong)`` pairs."""

    def __init__(self, detail: str, problems: list[tuple[str, str]] | None = None):
        super().__init__(detail)
        self.detail, self.problems = detail, problems or []

    def __str__(self) -> str:
        return "\n".join([self.detail, *(f"  {path}: {what}" for path, what in self.problems)])


@dataclass
class ImportReport:
    created: Counter = field(default_factory=Counter)
    already: Counter = field(default_factory=Counter)


@lru_cache(maxsize=1)
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text())


def parse(raw: bytes) -> dict:
    """The document in ``raw`` bytes, or ImportRefused saying why it is not one."""
    if len(raw) > MAX_BYTES:
        raise ImportRefused(f"The file is larger than {MAX_BYTES // 1024 // 1024} MB.")
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise ImportRefused(f"The file is not JSON: {error}.") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportRefused("This is not a Clinch export (its \"format\" is not \"clinch-export\").")
    return data


def upgrade(data: dict) -> dict:
    """The document in the current version, or ImportRefused for one this Clinch cannot read."""
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ImportRefused("The export has no version number.")
    if version > VERSION:
        raise ImportRefused(f"This export is version {version}, made by a newer Clinch; this one reads up to "
                            f"version {VERSION}. Update Clinch, then import it.")
    while version < VERSION:
        if version not in UPGRADES:
            raise ImportRefused(f"This export is version {version}, older than any this Clinch can upgrade "
                                f"(it reads version {VERSION}).")
        data = UPGRADES[version](data)
        version = data["version"]
    return data


def check(data: dict) -> None:
    """ImportRefused naming every place (up to MAX_ERRORS) where the document breaks the schema or its references."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)
    problems = [("/" + "/".join(str(p) for p in e.absolute_path), e.message[:300])
                for _, e in zip(range(MAX_ERRORS), validator.iter_errors(data))]
    if problems:
        raise ImportRefused("The export does not match its schema; nothing was imported.", problems)
    ids = {section: {row["id"] for row in data[section]} for section in SECTIONS}
    for section, (_model, _fields, refs) in SECTIONS.items():
        for index, row in enumerate(data[section]):
            for name, target in refs.items():
                if row[name] is not None and row[name] not in ids[target]:
                    problems.append((f"/{section}/{index}/{name}", f"no {target[:-1]} with id {row[name]} in the export"))
            for p, person in enumerate(row.get("participants", ())):
                where = f"/{section}/{index}/participants/{p}"
                if person["contact"] not in ids["contacts"]:
                    problems.append((f"{where}/contact", "no such contact in the export"))
                for t, topic in enumerate(person["topics"]):
                    if topic["article"] is not None and topic["article"] not in ids["articles"]:
                        problems.append((f"{where}/topics/{t}/article", "no such article in the export"))
    if problems:
        raise ImportRefused("The export refers to objects it does not hold; nothing was imported.", problems[:MAX_ERRORS])


def import_document(*, owner, data: dict) -> ImportReport:
    """Import ``data`` (as ``parse`` returns it) for ``owner``, all or nothing."""
    data = upgrade(data)
    check(data)
    report = ImportReport()
    with transaction.atomic():
        made: dict[tuple[str, str], models.Model] = {}
        for section, (model, fields, refs) in SECTIONS.items():
            existing = _existing(owner, section, model)
            for index, row in enumerate(data[section]):
                obj = existing.get(row["id"]) or (existing.get(("name", row["name"])) if section == "companies" else None)
                if obj is not None:
                    report.already[section] += 1
                else:
                    obj = _create(owner, section, model, fields, refs, row, made, path=f"/{section}/{index}")
                    report.created[section] += 1
                made[section, row["id"]] = obj
                existing[row["id"]] = obj  # the same object twice in a document is made once
                if section == "companies":
                    existing["name", obj.name] = obj
    return report


def _existing(owner, section, model) -> dict:
    """What earlier imports of ``section`` made for ``owner`` and still exists, by source id (as the
    export writes it), in one query for the whole section; companies also by ``("name", name)``."""
    links = ImportedObject.objects.filter(owner=owner, kind=section)
    made = owned_by(model, owner).filter(public_id__in=links.values("target_id")).in_bulk(field_name="public_id")
    found = {str(source): made[target] for source, target in links.values_list("source_id", "target_id")
             if target in made}
    if section == "companies":
        found.update((("name", company.name), company) for company in owned_by(Company, owner))
    return found


def _create(owner, section, model, fields, refs, row, made, *, path):
    # A field the schema does not require (added later, such as cancelled_at) may be absent: its default.
    values = {name: _python(model, name, row[name], path=f"{path}/{name}") for name in fields if name in row}
    values.update({name: made[target, row[name]] if row[name] else None for name, target in refs.items()})
    obj = model(owner=owner, **values)
    if section == "followups" and obj.status == obj.Status.SCHEDULED:
        obj.status = obj.Status.PLANNED  # approved again by the user here, never sent twice
    if section == "messages":
        if obj.state in WAITING_STATES:
            obj.state, obj.lease_expires_at = Message.State.CANCELLED, None
        if Message.objects.filter(message_id=obj.message_id).exists():
            obj.message_id = f"<imported.{uuid.uuid4()}@clinch>"
    try:
        obj.full_clean(exclude=["owner", *refs])
    except ValidationError as error:
        problems = [(f"{path}/{name}" if name != "__all__" else path, message)
                    for name, messages in error.message_dict.items() for message in messages]
        raise ImportRefused("Some objects cannot be imported; nothing was imported.", problems) from None
    obj.save()
    ImportedObject.objects.create(owner=owner, kind=section, source_id=row["id"], target_id=obj.public_id)
    if section == "interviews":
        _people(obj, row["participants"], made)
    return obj


def _python(model, name, value, *, path):
    """A JSON value as the model field wants it (times with their zone and dates, from ISO 8601)."""
    if value is None:
        return None
    kind = model._meta.get_field(name)
    try:
        if isinstance(kind, models.DateTimeField):
            parsed = datetime.fromisoformat(value)
            if parsed.tzinfo is None:
                raise ValueError("a time without its zone")
            return parsed
        if isinstance(kind, models.DateField):
            return date.fromisoformat(value)
    except ValueError as error:
        raise ImportRefused("Some values cannot be read; nothing was imported.", [(path, str(error))]) from None
    return value


def _people(interview, participants, made) -> None:
    for person in participants:
        participant = Participant.objects.create(
            interview=interview, contact=made["contacts", person["contact"]], role=person["role"],
            position=person["position"],
        )
        Topic.objects.bulk_create(
            Topic(participant=participant, text=t["text"], position=t["position"],
                  article=made["articles", t["article"]] if t["article"] else None)
            for t in person["topics"]
        )
