"""Score each spent held-out batch's whole notes with a model trained without that batch.

Since held-out batches 1 and 2 joined the corpus (``s01``, ``s02``), ``bench tone_heldout``
scores them with a model that has read them: a development figure that flatters. This script
gives the honest note-level figure: for each batch, it trains the model as ``make train`` does
(same configuration, thresholds picked on the same writer-grouped folds) on every sentence but
that batch's writer's, and scores the batch's notes through the same code path as
``bench tone_heldout``. Development only (needs scikit-learn, like ``make train``); it writes
nothing.

    OMP_NUM_THREADS=1 python scripts/score_spent_batches.py
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import bench_tone_heldout as heldout  # noqa: E402
from clinch.core.checks import tone_model as tm  # noqa: E402

SPENT = {"heldout1": heldout.HELDOUT, "heldout2": heldout.HELDOUT.with_name("tone2")}  # the corpus's author id -> its frozen notes


def _train_module():
    spec = importlib.util.spec_from_file_location("train_tone", ROOT / "scripts" / "train_tone.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_without(author: str, folder: Path) -> dict:
    """The batch's figures (as ``bench tone_heldout`` gives them) for a model that never read ``author``."""
    train = _train_module()
    every_row = train.load_rows
    train.load_rows = lambda: [row for row in every_row() if row["author"] != author]
    shipped = tm._MODEL
    try:
        tm._MODEL = tm.ToneModel(train.train())
        return heldout.scored(folder)
    finally:
        tm._MODEL = shipped


def main() -> dict:
    out = {}
    for author, folder in SPENT.items():
        result = score_without(author, folder)
        out[author] = {"overall": result["overall"], "good_notes": result["good_notes"],
                       "codes": {c: {k: v for k, v in result["codes"][c].items()} for c in heldout.TONE}}
    return out


if __name__ == "__main__":
    json.dump(main(), sys.stdout, indent=2)
    print()
