"""The decision-date readers on the held-out batches: phrases in four languages written by people who
never saw the readers, each frozen (``tests/heldout/when/`` to ``when10/``, hashes in
their SHA256SUMS) before they were scored. Each batch is scored on its own.

Each line of ``phrases.jsonl`` holds ``lang``, ``text``, ``after`` (ISO 8601), ``tz``, ``country``,
``region`` and ``expected`` (a date, or null for a phrase that names no decision date). A phrase
is read as the app reads it: the interview's language given as the setting (it decides only when
the text does not say), the country with its region. Per language: accuracy (the date read is
the one expected, no date counting as a date), and on the phrases that name no date the share
read as no date ("no date where none was given", the goal) and, the other way round, the share
of "no date" readings that were right (precision). The same batch is also read without the
language setting, to show what detection alone does.

Goals: English at least 95%, German, French and Spanish at least 90% each; no date where none
was given in at least 95% of such phrases.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from bench.bench_tone_heldout import changed_files

HELD_OUT = Path(__file__).resolve().parent.parent / "tests" / "heldout" / "when"
# Batch 1 is tests/heldout/when, batch N tests/heldout/whenN.
BATCHES = {f"batch {n}": HELD_OUT.with_name("when" if n == 1 else f"when{n}") for n in range(1, 11)}
GOALS = {"en": 0.95, "de": 0.90, "fr": 0.90, "es": 0.90}
GOAL_NO_DATE = 0.95


def verified_lines(folder: Path = HELD_OUT) -> list[dict]:
    """The batch's phrases, after checking every file against SHA256SUMS (a changed batch is refused)."""
    changed = changed_files(folder)
    if changed:
        raise SystemExit(f"held-out files changed since they were frozen: {', '.join(changed)}")
    lines = (folder / "phrases.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def read(item: dict, *, with_setting: bool):
    from clinch.core.timeline import read_decision_date

    country, region = item["country"], item.get("region")
    if region:
        country = region if region.upper().startswith(f"{country.upper()}-") else f"{country}-{region}"
    return read_decision_date(item["text"], after=datetime.fromisoformat(item["after"]), tz=item.get("tz"),
                              country=country, language=item["lang"] if with_setting else None)


def score(items: list[dict], *, with_setting: bool) -> dict:
    per: dict[str, dict] = {}
    for item in items:
        expected = date.fromisoformat(item["expected"]) if item.get("expected") else None
        try:
            reading = read(item, with_setting=with_setting)
            got, matched, language = reading.date, reading.matched, reading.language
        except ValueError as exc:  # a country or zone the engine refuses: scored as a miss
            got, matched, language = "error", str(exc), None
        s = per.setdefault(item["lang"], {"phrases": 0, "right": 0, "no_date_given": 0, "no_date_read_right": 0,
                                          "no_date_read": 0, "language_right": 0, "misses": []})
        s["phrases"] += 1
        s["right"] += got == expected
        s["language_right"] += language == item["lang"]
        if expected is None:
            s["no_date_given"] += 1
            s["no_date_read_right"] += got is None
        if got is None:
            s["no_date_read"] += 1
        if got != expected:
            s["misses"].append({"text": item["text"], "after": item["after"], "country": item["country"],
                                "region": item.get("region"), "expected": item.get("expected"),
                                "read": got.isoformat() if isinstance(got, date) else got, "matched": matched,
                                "language": language})
    for s in per.values():
        s["accuracy"] = round(s["right"] / s["phrases"], 3)
        s["no_date_recall"] = round(s["no_date_read_right"] / s["no_date_given"], 3) if s["no_date_given"] else None
        s["no_date_precision"] = round(s["no_date_read_right"] / s["no_date_read"], 3) if s["no_date_read"] else None
        s["language_detected"] = round(s["language_right"] / s["phrases"], 3)
    return per


def scored(items: list[dict]) -> dict:
    """A batch's figures: per language with the language setting and by detection alone, and whether
    the goals are met."""
    result = {"phrases": len(items), "with_language_setting": score(items, with_setting=True),
              "detection_alone": score(items, with_setting=False)}
    main_run = result["with_language_setting"]
    given = sum(s["no_date_given"] for s in main_run.values())
    result["no_date_recall_all"] = round(sum(s["no_date_read_right"] for s in main_run.values()) / given, 3) if given else None
    result["goals"] = {"accuracy": GOALS, "no_date_recall": GOAL_NO_DATE}
    result["ok"] = (all(main_run[code]["accuracy"] >= goal for code, goal in GOALS.items() if code in main_run)
                    and (result["no_date_recall_all"] is None or result["no_date_recall_all"] >= GOAL_NO_DATE))
    return result


def main() -> dict:
    result = {name: scored(verified_lines(folder)) for name, folder in BATCHES.items()
              if (folder / "SHA256SUMS").is_file()}
    result["ok"] = all(batch["ok"] for batch in result.values())
    return result


if __name__ == "__main__":
    print(json.dumps(main(), indent=2, ensure_ascii=False))
