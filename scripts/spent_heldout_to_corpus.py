"""Turn a spent held-out batch of whole notes into sentence rows of the tone corpus.

A held-out batch (``tests/heldout/tone*/notes.jsonl``) stops measuring once it has been scored
and read; its notes, written by outside writers, are then training material. This script reads
one batch, without changing it, and writes one corpus batch file (``corpus/tone/sNN.tsv``,
format of ``docs/tone-corpus.md``):

* every sentence that overlaps a labelled span gets that span's code (two codes in one
  sentence: ``a|b``); sentences are split as the checker splits them (``tone._sentence_spans``)
  and placed (greeting, body, closing) as the checker places them
  (``tone_learned.sentence_positions``);
* every sentence of a note labelled good becomes a ``none`` row;
* the other sentences of a note with a problem are left out: the labels name one span per code,
  so a second sentence with the same tone may be there unmarked;
* a sentence written twice for one kind and position is kept once, and a sentence that would get
  two labels (or a label the existing corpus gives it otherwise) is left out.

    python scripts/spent_heldout_to_corpus.py tests/heldout/tone  s01 heldout1
    python scripts/spent_heldout_to_corpus.py tests/heldout/tone2 s02 heldout2
    python scripts/spent_heldout_to_corpus.py corpus/notes/dev1  n01 notes1   # a development batch of notes

Because a sentence already in another batch file is left out, a new batch can take rows out of
an earlier conversion: after adding one, run every conversion again until none changes (the
test in ``tests/core/test_tone_model.py`` says when they are stale).
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clinch.core.checks._text import Doc  # noqa: E402
from clinch.core.checks.tone import _sentence_spans  # noqa: E402
from clinch.core.checks.tone_learned import sentence_positions  # noqa: E402

FIELDS = ("sentence", "code", "kind", "position", "register", "batch", "author")
# The batch's free-text register -> the corpus's register names (first match wins).
REGISTERS = (
    ("emoji", "emoji"), ("lowercase", "casual"), ("one-liner", "curt"), ("short", "curt"), ("curt", "curt"),
    ("indian", "indian"), ("german", "german"), ("nigerian", "nigerian"), ("australian", "australian"),
    ("british", "british"), ("scottish", "british"), ("irish", "irish"), ("us", "us"),
    ("-english", "nonnative"), ("non-native", "nonnative"), ("kenyan", "nonnative"), ("south african", "nonnative"),
    ("filipino", "nonnative"), ("formal", "formal"), ("casual", "casual"),
)


def register_of(free_text: str) -> str:
    words = free_text.lower()
    for needle, register in REGISTERS:
        if needle == "us" and not (words == "us" or words.startswith("us,") or words.startswith("us ")):
            continue
        if needle in words:
            return register
    return "us"


def sentence_rows(note: dict) -> list[tuple[str, str, str]]:
    """The note's (sentence, code, position) rows, by the rules of the module doc."""
    text = note["text"]
    lower = Doc(text).lower
    spans = [(lo, hi) for lo, hi in _sentence_spans(lower) if any(c.isalpha() for c in text[lo:hi])]
    positions = sentence_positions(lower, spans)
    marked = []
    for code, span in sorted(note["spans"].items()):
        at = text.find(span)
        marked.append((code, at, at + len(span)))
    rows = []
    for (lo, hi), position in zip(spans, positions):
        sentence = " ".join(text[lo:hi].split())
        codes = sorted({code for code, a, b in marked if a < hi and lo < b})
        if codes:
            rows.append((sentence, "|".join(codes), position))
        elif not note["codes"]:
            rows.append((sentence, "none", position))
    return rows


def existing_labels(out: Path) -> dict:
    """(sentence, kind, position) -> code, for the corpus's other batch files."""
    seen = {}
    for path in sorted((ROOT / "corpus" / "tone").glob("*.tsv")):
        if path == out:
            continue
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                seen.setdefault((row["sentence"], row["kind"], row["position"]), row["code"])
    return seen


def convert(folder: Path, batch: str, author: str) -> list[dict]:
    out = ROOT / "corpus" / "tone" / f"{batch}.tsv"
    before = existing_labels(out)
    found: dict[tuple, list[dict]] = {}
    for line in (folder / "notes.jsonl").read_text("utf-8").splitlines():
        if not line.strip():
            continue
        note = json.loads(line)
        for sentence, code, position in sentence_rows(note):
            key = (sentence, note["kind"], position)
            found.setdefault(key, []).append({"sentence": sentence, "code": code, "kind": note["kind"], "position": position,
                                              "register": register_of(note["register"]), "batch": batch, "author": author})
    rows = []
    for key, same in found.items():
        codes = {r["code"] for r in same} | ({before[key]} if key in before else set())
        if len(codes) == 1 and key not in before:
            rows.append(same[0])
    return rows


def main(argv: list[str]) -> int:
    folder, batch, author = Path(argv[0]), argv[1], argv[2]
    rows = convert(folder, batch, author)
    out = ROOT / "corpus" / "tone" / f"{batch}.tsv"
    with open(out, "w", encoding="utf-8", newline="") as fh:
        fh.write("\t".join(FIELDS) + "\n")
        for row in rows:
            fh.write("\t".join(row[f] for f in FIELDS) + "\n")
    print(f"{out.name}: {len(rows)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
