"""Precision and recall of ``clinch check`` per finding code, over the labelled corpus.

The corpus lives in ``tests/corpus``: ``interviews.yaml`` holds the interviews,
``notes_*.yaml`` the notes, each with the codes a careful reader would raise
(``labels``). A note counts once per code: predicted when any finding has that
code. ``python -m bench check_quality`` runs it with the other benchmarks
(results in ``bench/results/check_quality.json``).

The "heldout" split was written after the checks were tuned on "dev" and is
never used for tuning. Every ``notes_*.yaml`` file is a split of its own (found by
name); "heldout11" was written before the cue layer (``clinch/core/checks/cues.py``)
existed. ``CLINCH_OUTSIDE_NOTES=path.yaml`` adds a file of notes written elsewhere,
in the same format, as the split "outside".
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
SCORED = (
    "name-misspelled",
    "company-misspelled",
    "wrong-recipient",
    "placeholder",
    "not-personalized",
    "desperate",
    "pushy",
    "passive-aggressive",
    "negative",
    "salary",
    "too-long",
    "shouting",
)
DEFAULTS = {"interview": "larkspur", "kind": "thank_you", "to": "rquinones@larkspur.example"}


@dataclass(frozen=True)
class Note:
    id: str
    split: str
    interview: str
    kind: str
    to: str
    text: str
    labels: frozenset[str]


def load_interviews(path: Path = CORPUS / "interviews.yaml") -> dict:
    import yaml

    from clinch.core.interview_file import parse_interview

    data = yaml.safe_load(path.read_text("utf-8"))
    return {name: parse_interview(spec) for name, spec in data.items()}


def load_notes(corpus: Path = CORPUS) -> list[Note]:
    notes = []
    for path in sorted(corpus.glob("notes_*.yaml")):
        notes += load_split(path, path.stem.removeprefix("notes_"))
    return notes


def load_split(path: Path, split: str) -> list[Note]:
    """The notes of one YAML file (a list of ``id``, ``labels``, ``text`` and optionally ``kind``,
    ``to``, ``interview``: the corpus interviews' defaults fill the rest)."""
    import yaml

    notes = []
    for raw in yaml.safe_load(path.read_text("utf-8")):
        item = {**DEFAULTS, **raw}
        notes.append(Note(item["id"], split, item["interview"], item["kind"], item["to"], item["text"], frozenset(item.get("labels") or ())))
    return notes


def predict(note: Note, interviews: dict, policy) -> set[str]:
    from clinch.core.checks import check

    return {f.code for f in check(note.text, interview=interviews[note.interview], to=note.to, kind=note.kind, policy=policy)}


def score(notes: list[Note], predictions: dict[str, set[str]]) -> dict:
    """Per code: true and false positives, false negatives, precision, recall, and the ids of the misses."""
    out = {}
    for code in SCORED:
        tp = [n.id for n in notes if code in n.labels and code in predictions[n.id]]
        fp = [n.id for n in notes if code not in n.labels and code in predictions[n.id]]
        fn = [n.id for n in notes if code in n.labels and code not in predictions[n.id]]
        out[code] = {
            "support": len(tp) + len(fn),
            "tp": len(tp),
            "fp": len(fp),
            "fn": len(fn),
            "precision": round(len(tp) / (len(tp) + len(fp)), 3) if tp or fp else None,
            "recall": round(len(tp) / (len(tp) + len(fn)), 3) if tp or fn else None,
            "false_positives": fp,
            "false_negatives": fn,
        }
    return out


def main() -> dict:
    from clinch.core.policy import load_policy

    interviews = load_interviews()
    notes = load_notes()
    policy = load_policy()
    result = {"benchmark": "check_quality", "notes": len(notes)}
    # Notes written elsewhere are scored on their own ("outside"), never mixed into "all": their
    # labels may cover only some codes.
    outside = os.environ.get("CLINCH_OUTSIDE_NOTES")
    if outside:
        notes = notes + load_split(Path(outside), "outside")
    predictions = {n.id: predict(n, interviews, policy) for n in notes}
    result["all"] = score([n for n in notes if n.split != "outside"], predictions)
    for split in sorted({n.split for n in notes}):
        subset = [n for n in notes if n.split == split]
        result[split] = {"notes": len(subset), **score(subset, predictions)}
    return result


if __name__ == "__main__":
    json.dump(main(), sys.stdout, indent=2)
    print()
