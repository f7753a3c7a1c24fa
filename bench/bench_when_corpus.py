"""The decision-date readers on their own phrases (``corpus/when/``): ``python -m bench when_corpus``.

These phrases were read while the readers' conventions were set, so their figures say how well the
readers fit the material they were made with, not how they carry to new wording; the held-out
batches do that (``bench_when_heldout``). Scored as the held-out batches are, per language and per
batch file, so a newly added batch can be scored once before anything is changed for it.
"""

from __future__ import annotations

import json
from pathlib import Path

from bench.bench_when_heldout import score

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "when"


def batches() -> dict[str, list[dict]]:
    """Every ``pNN.jsonl`` of the corpus: file name -> its phrases."""
    return {path.stem: [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            for path in sorted(CORPUS.glob("*.jsonl"))}


def _summary(items: list[dict]) -> dict:
    per = score(items, with_setting=True)
    given = sum(s["no_date_given"] for s in per.values())
    return {
        "phrases": len(items),
        "accuracy": {lang: s["accuracy"] for lang, s in sorted(per.items())},
        "no_date_recall_all": round(sum(s["no_date_read_right"] for s in per.values()) / given, 3) if given else None,
        "misses": {lang: s["misses"] for lang, s in sorted(per.items())},
    }


def main() -> dict:
    found = batches()
    everything = [item for items in found.values() for item in items]
    result = {"all": _summary(everything)}
    result["per_batch"] = {name: {k: v for k, v in _summary(items).items() if k != "misses"} for name, items in found.items()}
    return result


if __name__ == "__main__":
    print(json.dumps(main(), indent=2, ensure_ascii=False))
