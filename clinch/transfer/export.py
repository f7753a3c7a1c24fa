"""``export_json``: everything a user owns as one versioned JSON document, written as it is read.

The document is described by ``clinch/transfer/clinch-export.schema.json``. It is written in
pieces (``iter_export`` yields strings), rows read in chunks, so memory stays bounded however
many interviews there are. ``id`` fields are this instance's public ids; an import gives new ones.
"""

from __future__ import annotations

import gc
import json
from datetime import date, datetime
from typing import Iterator

from django.utils import timezone

from clinch.transfer.fields import FORMAT, SECTIONS, VERSION

CHUNK = 200


def _value(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def _row(obj, fields, refs) -> dict:
    row = {"id": str(obj.public_id)}
    for name in refs:
        related = getattr(obj, name)
        row[name] = str(related.public_id) if related is not None else None
    row.update((name, _value(getattr(obj, name))) for name in fields)
    return row


def _participants(interview) -> list[dict]:
    return [
        {"contact": str(p.contact.public_id), "role": p.role, "position": p.position,
         "topics": [{"text": t.text, "article": str(t.article.public_id) if t.article else None, "position": t.position}
                    for t in p.topics.all()]}
        for p in interview.participants.all()
    ]


def rows(user, section: str):
    """The user's rows of ``section`` in id order (an import keeps it), read CHUNK at a time by id,
    each chunk with its related rows, so memory does not grow with the number of rows."""
    model, _fields, refs = SECTIONS[section]
    queryset = model.objects.filter(owner=user).select_related(*refs).order_by("pk")
    if section == "interviews":
        queryset = queryset.prefetch_related("participants__contact", "participants__topics__article")
    last = 0
    while True:
        chunk = list(queryset.filter(pk__gt=last)[:CHUNK])
        yield from chunk
        if len(chunk) < CHUNK:
            return
        last = chunk[-1].pk
        # Prefetched rows point back at their interview: cycles the collector frees only now and
        # then. Freeing each chunk's at once keeps the peak at one chunk's worth.
        del chunk
        if section == "interviews":
            gc.collect(1)


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
                row["participants"] = _participants(obj)
            yield ("" if first else ", ") + json.dumps(row, ensure_ascii=False)
            first = False
        yield "]"
    yield "}\n"


def export_json(user, out, *, now: datetime | None = None) -> None:
    for piece in iter_export(user, now=now):
        out.write(piece)

