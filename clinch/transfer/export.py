"""``export_json``: everything a user owns as one versioned JSON document, written as it is read.

The document is described by ``clinch/transfer/clinch-export.schema.json``. It is written in
pieces (``iter_export`` yields strings), rows read in chunks, so memory stays bounded however
many interviews there are. ``id`` fields are this instance's public ids; an import gives new ones.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Iterator

from django.db.models import F
from django.utils import timezone

from clinch.interviews.models import Participant, Topic
from clinch.owned import owned_by
from clinch.transfer.fields import FORMAT, SECTIONS, VERSION

CHUNK = 200


def _value(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def _ref_attr(name: str) -> str:
    return f"exported_{name}_id"


def _row(obj, fields, refs) -> dict:
    row = {"id": str(obj.public_id)}
    for name in refs:
        related = getattr(obj, _ref_attr(name))
        row[name] = str(related) if related is not None else None
    row.update((name, _value(getattr(obj, name))) for name in fields)
    return row


def _people(interview_ids: list[int]) -> dict[int, list[dict]]:
    """The people at these interviews, with their topics, as plain dicts by interview id (two queries).

    Plain dicts, not prefetched rows: prefetched rows point back at their interview, cycles the
    collector frees only now and then, and the peak memory would grow with the rows.
    """
    topics: dict[int, list[dict]] = {}
    for t in (Topic.objects.filter(participant__interview_id__in=interview_ids).select_related("article")
              .order_by("position", "id")):
        topics.setdefault(t.participant_id, []).append(
            {"text": t.text, "article": str(t.article.public_id) if t.article else None, "position": t.position})
    people: dict[int, list[dict]] = {}
    for p in (Participant.objects.filter(interview_id__in=interview_ids).select_related("contact")
              .order_by("position", "id")):
        people.setdefault(p.interview_id, []).append(
            {"contact": str(p.contact.public_id), "role": p.role, "position": p.position,
             "topics": topics.get(p.pk, [])})
    return people


def rows(user, section: str):
    """The user's rows of ``section`` in id order (an import keeps it), read CHUNK at a time by id,
    so memory does not grow with the number of rows. Interviews carry ``exported_people``."""
    model, _fields, refs = SECTIONS[section]
    # The related rows' public ids only, joined in the same query: whole related objects would
    # cost a model instance each, most of the export's time for follow-ups and messages.
    queryset = (owned_by(model, user).order_by("pk")
                .annotate(**{_ref_attr(name): F(f"{name}__public_id") for name in refs}))
    last = 0
    while True:
        chunk = list(queryset.filter(pk__gt=last)[:CHUNK])
        if section == "interviews" and chunk:
            people = _people([i.pk for i in chunk])
            for interview in chunk:
                interview.exported_people = people.get(interview.pk, [])
        yield from chunk
        if len(chunk) < CHUNK:
            return
        last = chunk[-1].pk


def iter_export(user, *, now: datetime | None = None) -> Iterator[str]:
    """The export document for ``user``, piece by piece (join them for the whole)."""
    head = {"format": FORMAT, "version": VERSION, "exported_at": (now or timezone.now()).isoformat()}
    yield json.dumps(head)[:-1]
    for section, (_model, fields, refs) in SECTIONS.items():
        yield f', "{section}": ['
        first = True
        for obj in rows(user, section):
            row = _row(obj, fields, refs)
            if section == "interviews":
                row["participants"] = obj.exported_people
            yield ("" if first else ", ") + json.dumps(row, ensure_ascii=False)
            first = False
        yield "]"
    yield "}\n"


def export_json(user, out, *, now: datetime | None = None) -> None:
    for piece in iter_export(user, now=now):
        out.write(piece)

