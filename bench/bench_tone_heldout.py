"""The tone checks on the frozen held-out batches (``tests/heldout/tone/`` to ``tone13/``,
each scored on its own): ``python -m bench tone_heldout``.

Each batch was written by someone who had not seen the rules, the model's features or the
training corpus, and frozen (``SHA256SUMS``) before it was first scored. Batches 1 to 11 are
spent: they were scored and read, and their sentences are now in the training corpus
(``corpus/tone/s01.tsv`` to ``s11.tsv``), so their figures here are a development score that
flatters; ``scripts/score_spent_batches.py`` scores each with a model trained without it. A new
frozen batch is scored once per model version, and its figures go to ``docs/benchmarks.md``
beside the cross-validated ones.

Each line of ``notes.jsonl`` is one note: its text, the codes a careful reader would raise, its
kind, its recipient and its interview (one of the interview files beside it, by file name). A note counts once per code: predicted when any finding has that code. Scored codes: the
five tone codes and every other code the batch uses in its labels.

Goals (issue 14): overall precision >= 0.95 and >= 0.9 for every tone code; recall >= 0.9 for
desperate, pushy and salary and >= 0.75 for passive-aggressive and negative; no false alarm on
>= 97% of the good notes.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "tests" / "heldout" / "tone"
# Batch 1 is tests/heldout/tone, batch N tests/heldout/toneN; scored when present.
BATCHES = {f"batch {n}": HELDOUT.with_name("tone" if n == 1 else f"tone{n}") for n in range(1, 14)}
TONE = ("desperate", "pushy", "passive-aggressive", "negative", "salary")
RECALL_GOAL = {"desperate": 0.9, "pushy": 0.9, "salary": 0.9, "passive-aggressive": 0.75, "negative": 0.75}


def frozen_files(folder: Path | None = None) -> dict[str, str]:
    """file name -> the SHA-256 that ``SHA256SUMS`` records for it."""
    folder = folder or HELDOUT
    sums = {}
    for line in (folder / "SHA256SUMS").read_text("utf-8").splitlines():
        if line.strip():
            digest, name = line.split(maxsplit=1)
            sums[name.lstrip("*").strip()] = digest.lower()
    return sums


def changed_files(folder: Path | None = None) -> list[str]:
    """The recorded files whose bytes no longer hash to what ``SHA256SUMS`` says (missing ones too)."""
    folder = folder or HELDOUT
    out = []
    for name, digest in frozen_files(folder).items():
        path = folder / name
        if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            out.append(name)
    return out


def load_interviews(folder: Path | None = None) -> dict:
    """Every interview file of the batch (``*.yaml``), by file name with and without ``.yaml``: the
    notes name them either way."""
    from clinch.core.interview_file import load_interview

    folder = folder or HELDOUT
    found = {}
    for path in sorted(folder.glob("*.yaml")):
        found[path.name] = found[path.stem] = load_interview(path)
    return found


def load_notes(folder: Path | None = None) -> list[dict]:
    """The batch's notes, in the format its README fixes: ``id``, ``interview``, ``to``, ``kind``,
    ``text`` and ``codes`` (a list, empty for a good note) on every line."""
    folder = folder or HELDOUT
    notes = []
    for line in (folder / "notes.jsonl").read_text("utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            notes.append({"id": item["id"], "text": item["text"], "kind": item["kind"], "to": item["to"],
                          "interview": item["interview"], "labels": frozenset(item["codes"])})
    return notes


def predict(note: dict, interviews: dict, policy) -> set[str]:
    from clinch.core.checks import check

    interview = interviews[note["interview"]]
    return {f.code for f in check(note["text"], interview=interview, to=note["to"], kind=note["kind"], policy=policy)}


def rate(hits: int, others: int) -> float | None:
    """``hits / (hits + others)`` to three places (precision with false positives, recall with
    misses); None when both are 0."""
    return round(hits / (hits + others), 3) if hits + others else None


def score(notes: list[dict], predictions: dict[str, set[str]], codes: tuple[str, ...]) -> dict:
    out: dict = {"notes": len(notes), "codes": {}}
    tp = fp = fn = 0
    for code in codes:
        t = [n["id"] for n in notes if code in n["labels"] and code in predictions[n["id"]]]
        f = [n["id"] for n in notes if code not in n["labels"] and code in predictions[n["id"]]]
        m = [n["id"] for n in notes if code in n["labels"] and code not in predictions[n["id"]]]
        tp, fp, fn = tp + len(t), fp + len(f), fn + len(m)
        out["codes"][code] = {
            "support": len(t) + len(m), "tp": len(t), "fp": len(f), "fn": len(m),
            "precision": rate(len(t), len(f)), "recall": rate(len(t), len(m)),
            "false_positives": f, "false_negatives": m,
        }
    out["overall"] = {"tp": tp, "fp": fp, "fn": fn, "precision": rate(tp, fp), "recall": rate(tp, fn)}
    good = [n for n in notes if not n["labels"] & set(codes)]
    alarmed = [n["id"] for n in good if predictions[n["id"]] & set(codes)]
    out["good_notes"] = {"notes": len(good), "with_a_false_alarm": alarmed,
                         "without_false_alarm": round(1 - len(alarmed) / len(good), 3) if good else None}
    return out


def goals_met(result: dict) -> bool:
    codes = result["codes"]
    return bool(
        (result["overall"]["precision"] or 0) >= 0.95
        and all((codes[c]["precision"] or 0) >= 0.9 and (codes[c]["recall"] or 0) >= RECALL_GOAL[c] for c in TONE if codes[c]["support"])
        and (result["good_notes"]["without_false_alarm"] or 0) >= 0.97
    )


def scored(folder: Path) -> dict:
    """One frozen batch's figures (or why it cannot be scored)."""
    from clinch.core.policy import load_policy

    changed = changed_files(folder)
    if changed:
        return {"ok": False, "error": f"the frozen batch changed: {', '.join(changed)}"}
    interviews, notes, policy = load_interviews(folder), load_notes(folder), load_policy()
    codes = TONE + tuple(sorted({c for n in notes for c in n["labels"]} - set(TONE)))
    predictions = {n["id"]: predict(n, interviews, policy) for n in notes}
    result = score(notes, predictions, codes)
    result.update({
        "frozen": frozen_files(folder),
        "goals_met": goals_met(result),
        "ok": goals_met(result),
        "predictions": {n["id"]: sorted(predictions[n["id"]] & set(codes)) for n in notes},
    })
    return result


def main() -> dict:
    from clinch.core.checks.tone_model import model

    present = {name: folder for name, folder in BATCHES.items() if (folder / "SHA256SUMS").is_file()}
    if not present:
        return {"benchmark": "tone_heldout", "ok": False, "error": f"{HELDOUT} holds no frozen batch"}
    meta = model().meta
    result: dict = {name: scored(folder) for name, folder in present.items()}
    result.update({
        "benchmark": "tone_heldout",
        "model": {"corpus_sha256": meta["corpus_sha256"], "rules_sha256": meta["rules_sha256"], "config_sha256": meta["config_sha256"]},
        "ok": all(result[name]["ok"] for name in present),
    })
    return result


if __name__ == "__main__":
    json.dump(main(), sys.stdout, indent=2)
    print()
