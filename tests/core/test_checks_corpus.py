"""The labelled corpus (``tests/corpus``): every note as labelled, and the prefilter loses nothing.

The tone rules alone give every dev note exactly its labels; the trained model may clear a rule's
finding it judges a false alarm, so the whole check is held to a floor per code instead."""

from __future__ import annotations

import pytest

from bench.bench_check_quality import SCORED, load_interviews, load_notes, score
from clinch.core.checks import check
from clinch.core.checks._context import Context, facts_for, find_recipient
from clinch.core.checks._text import Doc
from clinch.core.checks.tone import check_tone, rule_findings
from clinch.core.checks.tone_model import CODES as TONE_CODES

INTERVIEWS = load_interviews()
NOTES = load_notes()


def predicted(note) -> set[str]:
    return {f.code for f in check(note.text, interview=INTERVIEWS[note.interview], to=note.to, kind=note.kind)}


def test_the_corpus_is_large_varied_and_labelled():
    assert len(NOTES) >= 150
    assert len({n.id for n in NOTES}) == len(NOTES)
    assert sum(not n.labels for n in NOTES) >= 40, "good notes as well as bad"
    assert {n.kind for n in NOTES} == {"thank_you", "status_check", "rejection_reply", "linkedin_note", "keep_in_touch"}
    assert {n.split for n in NOTES} == {"dev", "dev2", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10", "heldout11"}
    for code in SCORED:
        assert sum(code in n.labels for n in NOTES) >= 3, code


@pytest.mark.parametrize("split", ["dev", "dev2", "heldout"])
def test_precision_and_recall_per_code(split):
    """Precision at least 0.9 and recall at least 0.85 on the notes tuned on; held-out (every "heldout*"
    split pooled) only guards against collapse.

    The recall floor leaves room for the trained model to clear a borderline rule finding: in "dev" it
    clears one pushy note (a status check the day after the interview, worded politely) and one
    passive-aggressive note (a second note that mentions the first). Held-out batches have one to
    six notes per code, so their figures swing widely; ``python -m bench check_quality`` reports
    each batch.
    """
    notes = [n for n in NOTES if n.split.startswith(split) and (split != "dev" or n.split == "dev")]
    result = score(notes, {n.id: predicted(n) for n in notes})
    precision_floor, recall_floor = (0.5, 0.5) if split == "heldout" else (0.9, 0.85)
    low = {code: (r["precision"], r["recall"]) for code, r in result.items()
           if (r["precision"] or 1) < precision_floor or (r["recall"] or 1) < recall_floor}
    assert not low, low


def by_the_rules(note) -> set[str]:
    """The codes of the whole check, with the tone codes as the rules alone raise them."""
    interview = INTERVIEWS[note.interview]
    ctx = Context(Doc(note.text), interview, facts_for(interview), find_recipient(interview, note.to), note.kind, None)
    return predicted(note) - set(TONE_CODES) | {f.code for f in rule_findings(ctx)} & set(TONE_CODES)


@pytest.mark.parametrize("note", [n for n in NOTES if not n.split.startswith("heldout")], ids=lambda n: n.id)
def test_each_dev_note_gets_exactly_its_labels_from_the_rules(note):
    assert by_the_rules(note) & set(SCORED) == set(note.labels)


@pytest.mark.parametrize("note", NOTES, ids=lambda n: n.id)
def test_the_prefilter_never_hides_a_tone_finding(note):
    interview = INTERVIEWS[note.interview]
    ctx = Context(Doc(note.text), interview, facts_for(interview), find_recipient(interview, note.to), note.kind, None)
    assert rule_findings(ctx, prefilter=True) == rule_findings(ctx, prefilter=False)
    assert check_tone(ctx, prefilter=True) == check_tone(ctx, prefilter=False)


@pytest.mark.parametrize("note", NOTES, ids=lambda n: n.id)
def test_split_alternatives_find_what_the_whole_pattern_finds(note):
    import re

    from clinch.core.checks.tone import FAMILIES

    interview = INTERVIEWS[note.interview]
    ctx = Context(Doc(note.text), interview, facts_for(interview), find_recipient(interview, note.to), note.kind, None)
    found = [(f.code, f.start, f.end) for f in rule_findings(ctx)]
    for family in FAMILIES:
        if family.kinds is not None and note.kind not in family.kinds:
            continue
        for entry in family.entries:
            if entry.kinds is not None and note.kind not in entry.kinds:
                continue
            for m in re.finditer(entry.pattern, ctx.doc.lower):
                if _cleared_by_context(entry.code, m, ctx.doc.lower):
                    continue  # e.g. a third party's deadline, reported truthfully
                assert any(code == entry.code and s <= m.start() < e for code, s, e in found), (entry.id, m.group())


def _cleared_by_context(code: str, m, lower: str) -> bool:
    from clinch.core.checks.finding import Finding
    from clinch.core.checks.tone import _cleared_by_context, _sentence_spans

    return not _cleared_by_context([Finding(code, "warning", "", m.start(), m.end())], lower, _sentence_spans(lower))
