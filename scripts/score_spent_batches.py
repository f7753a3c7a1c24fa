"""Score each spent held-out batch's whole notes with a model trained without that batch.

Spent held-out batches are in the corpus (``s01``, ``s02``, ...), so ``bench tone_heldout``
scores them with a model that has read them: a development figure that flatters. This script
gives the honest note-level figure: for each batch, it trains the model as ``make train`` does
(same configuration, thresholds picked on the same writer-grouped folds) on every sentence but
that batch's writer's, and scores the batch's notes through the same code path as
``bench tone_heldout``. The development batches of notes (``corpus/notes/dev1``, ``dev2``) are
scored the same way. It ends with the figures of every batch's notes pooled, the steadiest
development measure there is (2,620 notes by thirteen writers). Development only (needs
scikit-learn, like ``make train``); it writes nothing.

    OMP_NUM_THREADS=1 python scripts/score_spent_batches.py              # every spent batch
    OMP_NUM_THREADS=1 python scripts/score_spent_batches.py heldout9     # some of them
    OMP_NUM_THREADS=1 python scripts/score_spent_batches.py --config '{"good_weight": 6}'   # another configuration
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import bench_tone_heldout as heldout  # noqa: E402
from clinch.core.checks import tone_model as tm  # noqa: E402

# The corpus's author id -> its frozen notes: heldoutN is held-out batch N (spent: batches 1 to 11).
SPENT = {f"heldout{n}": heldout.BATCHES[f"batch {n}"] for n in range(1, 12)}
SPENT.update({f"notes{n}": ROOT / "corpus" / "notes" / f"dev{n}" for n in (1, 2)})  # development batches of notes, never held out


def _train_module():
    spec = importlib.util.spec_from_file_location("train_tone", ROOT / "scripts" / "train_tone.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_without(author: str, changes: dict | None = None) -> dict:
    """The batch's figures (as ``bench tone_heldout`` gives them) for a model that never read
    ``author``, trained with ``changes`` made to the training configuration."""
    import django

    django.setup()
    train = _train_module()
    train.CONFIG.update(changes or {})
    every_row = train.load_rows
    train.load_rows = lambda: [row for row in every_row() if row["author"] != author]
    shipped = tm._MODEL
    try:
        tm._MODEL = tm.ToneModel(train.train())
        return heldout.scored(SPENT[author])
    finally:
        tm._MODEL = shipped


def pooled(results: dict) -> dict:
    """Every batch's note counts added up, per code and overall."""
    out: dict = {"codes": {}}
    for code in heldout.TONE:
        tp, fp, fn = (sum(r["codes"][code][k] for r in results.values()) for k in ("tp", "fp", "fn"))
        out["codes"][code] = {"tp": tp, "fp": fp, "fn": fn, "precision": heldout.rate(tp, fp), "recall": heldout.rate(tp, fn)}
    tp, fp, fn = (sum(c[k] for c in out["codes"].values()) for k in ("tp", "fp", "fn"))
    out["overall"] = {"tp": tp, "fp": fp, "fn": fn, "precision": heldout.rate(tp, fp), "recall": heldout.rate(tp, fn)}
    good = sum(r["good_notes"]["notes"] for r in results.values())
    alarmed = sum(len(r["good_notes"]["with_a_false_alarm"]) for r in results.values())
    out["good_notes"] = {"notes": good, "with_a_false_alarm": alarmed, "without_false_alarm": round(1 - alarmed / good, 3)}
    return out


def main(authors: list[str], changes: dict | None = None) -> dict:
    with ProcessPoolExecutor(max_workers=2) as pool:
        results = dict(zip(authors, pool.map(score_without, authors, [changes] * len(authors))))
    out = {author: {"overall": r["overall"], "good_notes": r["good_notes"],
                    "codes": {c: r["codes"][c] for c in heldout.TONE}} for author, r in results.items()}
    out["pooled"] = pooled(results)
    return out


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinch.settings")
    parser = argparse.ArgumentParser(description="Score each spent batch with a model trained without it.")
    parser.add_argument("authors", nargs="*", default=list(SPENT), help="heldout1 ... heldout11, notes1, notes2 (default: all)")
    parser.add_argument("--config", type=json.loads, default={}, help='changes to the training configuration, as JSON; a top-level key replaces its whole value: \'{"good_weight": 6}\'')
    args = parser.parse_args()
    json.dump(main(args.authors, args.config), sys.stdout, indent=2)
    print()
