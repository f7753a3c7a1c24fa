"""The trained tone model: its corpus, its weights, and what it changes in ``check``."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from collections import Counter
from pathlib import Path

import pytest

from bench.bench_check_quality import load_interviews
from bench.bench_tone_heldout import BATCHES
from clinch.core.checks import check
from clinch.core.checks._text import fold, lower_same_length
from clinch.core.checks.tone_model import CODES, WEIGHTS_PATH, ToneModel, block_scale, context_features, feature_ids, model, tokens

ROOT = Path(__file__).resolve().parents[2]
IV = load_interviews()
RAFAEL = "rquinones@larkspur.example"
TONE = set(CODES)


def _train_module():
    spec = importlib.util.spec_from_file_location("train_tone", ROOT / "scripts" / "train_tone.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("train_tone", module)
    spec.loader.exec_module(module)
    return module


TRAIN = _train_module()
SHIPPED = json.loads(Path(WEIGHTS_PATH).read_text("utf-8"))


def tone(text: str, kind: str = "thank_you") -> list[tuple[str, str]]:
    return [(f.code, text[f.start:f.end]) for f in check(text, interview=IV["larkspur"], to=RAFAEL, kind=kind) if f.code in TONE]


# -- the corpus ------------------------------------------------------------------------


def test_the_corpus_has_three_hundred_sentences_per_code_and_two_thousand_good_ones():
    rows = TRAIN.load_rows()
    counts = Counter(code for row in rows for code in row["code"].split("|"))
    assert all(counts[code] >= 300 for code in CODES), counts
    assert counts["none"] >= 2000


def test_every_sentence_has_its_kind_position_register_batch_and_author_in_many_voices():
    rows = TRAIN.load_rows()
    assert {row["kind"] for row in rows} == {"thank_you", "status_check", "rejection_reply", "keep_in_touch", "offer_reply"}
    assert {row["position"] for row in rows} == {"greeting", "body", "closing"}
    registers = Counter(row["register"] for row in rows)
    assert len(registers) >= 10 and all(registers[r] >= 80 for r in ("british", "indian", "german", "nonnative", "curt", "emoji"))
    assert len({row["batch"] for row in rows}) >= 30 and all(row["author"] for row in rows)


def test_a_row_with_an_unknown_code_kind_or_position_is_refused():
    good = {"sentence": "Thanks.", "code": "none", "kind": "thank_you", "position": "body"}
    assert TRAIN.row_problem(good) is None
    assert "code" in TRAIN.row_problem({**good, "code": "rude"})
    assert "kind" in TRAIN.row_problem({**good, "kind": "telegram"})
    assert "position" in TRAIN.row_problem({**good, "position": "footer"})


# -- the weights -----------------------------------------------------------------------


def test_the_shipped_weights_belong_to_this_corpus_these_rules_and_this_configuration():
    """After editing corpus/tone/, phrases.toml, tone_cues.toml or the training configuration, run `make train`."""
    assert SHIPPED["corpus_sha256"] == TRAIN.corpus_sha256()
    assert SHIPPED["rules_sha256"] == TRAIN.rules_sha256()
    assert SHIPPED["config_sha256"] == TRAIN.config_sha256()
    assert TRAIN.main(["--check"]) == 0


def test_the_weights_file_is_small_and_every_code_has_its_two_thresholds():
    assert os.path.getsize(WEIGHTS_PATH) < 400_000
    for code in CODES:
        assert 0 < SHIPPED["rule_thresholds"][code] <= SHIPPED["thresholds"][code] <= 1


@pytest.mark.slow
def test_retraining_from_the_corpus_gives_the_shipped_weights():
    """Run where scikit-learn is installed (`pip install -e '.[train]'`). Another machine's floating
    point may move a last digit, so weights may differ by one step of 127 in a few buckets."""
    pytest.importorskip("sklearn")
    retrained = TRAIN.train()
    assert {k: v for k, v in retrained.items() if k not in ("weights", "intercepts", "scale", "cv", "thresholds", "rule_thresholds")} == \
        {k: v for k, v in SHIPPED.items() if k not in ("weights", "intercepts", "scale", "cv", "thresholds", "rule_thresholds")}
    for key in ("thresholds", "rule_thresholds"):
        assert retrained[key] == pytest.approx(SHIPPED[key], abs=0.01)
    assert retrained["intercepts"] == pytest.approx(SHIPPED["intercepts"], abs=1e-3)
    new, old = ToneModel(retrained), ToneModel(SHIPPED)
    assert new.buckets == old.buckets
    differ = sum(a != b for bucket in old.buckets for a, b in zip(new.weights(bucket), old.weights(bucket)))
    assert differ <= 0.001 * len(old.buckets) * len(CODES)


def test_the_cross_validated_figure_without_the_fold_cannot_use_the_folds_own_labels_for_its_thresholds():
    """Fold 0 holds every problem sentence, fold 1 only good ones: thresholds picked on all of it
    find fold 0's problems, thresholds picked without fold 0 have nothing to go on and find none."""
    np = pytest.importorskip("numpy")
    config = {**TRAIN.CONFIG, "folds": 2}
    p = np.array([0.95, 0.95, 0.7, 0.7])
    y, good = np.array([1, 1, 0, 0]), np.array([False, False, True, True])
    rule, groups = np.zeros(4, dtype=bool), np.array([0, 0, 1, 1])
    t, t_rule = TRAIN.pick(p, rule, y, good, config)
    assert list((rule & (p >= t_rule)) | (p >= t)) == [True, True, False, False]
    assert list(TRAIN.fold_thresholded(p, rule, y, good, groups, config)) == [False, False, False, False]


def test_the_fast_scorer_adds_up_exactly_the_features_training_saw():
    m = model()
    for row in TRAIN.load_rows()[::97]:
        words = [w for w, _, _ in tokens(lower_same_length(fold(row["sentence"])))]
        rules = frozenset({"pushy|phrase:asap"}) if "asap" in words else frozenset()
        word_block, char_block, context = feature_ids(words, row["kind"], row["position"], m.mask, rules)
        expected = []
        for c in range(len(CODES)):
            total = m.intercepts[c]
            for block, scale in ((word_block, block_scale(len(word_block))), (char_block, block_scale(len(char_block)))):
                total += scale * sum(m.weights(f)[c] for f in block)
            total += 0.2 * sum(m.weights(f)[c] for f in context)
            expected.append(total)
        assert m.margins(words, row["kind"], row["position"], rules) == pytest.approx(expected, abs=1e-9)
    assert context_features("thank_you", "body", frozenset({"pushy|phrase:asap"}))[-2:] == ["r|pushy|any", "r|pushy|phrase:asap"]


def test_a_model_read_cold_after_clearing_its_caches_gives_the_same_margins():
    fresh = ToneModel(SHIPPED)
    words = [w for w, _, _ in tokens("i really need this job, please reply asap!")]
    warm = fresh.margins(words, "status_check", "body")
    assert fresh._words and fresh._pairs and fresh._contexts
    fresh.clear_caches()
    assert not (fresh._words or fresh._pairs or fresh._contexts)
    assert fresh.margins(words, "status_check", "body") == warm


def test_a_model_loads_from_its_file_with_the_standard_library_alone():
    loaded = ToneModel.load()
    assert loaded.codes == CODES and loaded.thresholds == SHIPPED["thresholds"] and len(loaded.buckets) > 10_000


# -- what it changes in check ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "carrier"),
    [
        ("I suppose everyone has been very busy since our interview.", "passive-aggressive", "I suppose everyone has been very busy"),
        ("Thanks for the update, which only took three weeks.", "passive-aggressive", "which only took three weeks"),
        ("Very generous of you to give me twenty minutes.", "passive-aggressive", "Very generous of you to give me twenty minutes"),
    ],
)
def test_the_model_finds_what_no_phrase_names_and_says_so_softly_over_the_clause_that_carries_it(text, code, carrier):
    [f] = [f for f in check(text, interview=IV["larkspur"], to=RAFAEL, kind="status_check") if f.code in TONE]
    assert (f.code, text[f.start:f.end], f.severity) == (code, carrier, "warning")
    assert "may read as passive-aggressive" in f.message and "Consider rewording" in f.message


def test_a_model_finding_never_blocks_sending_even_where_the_rules_would():
    found = [f for f in check("I hope whoever you picked is worth the three rounds.", interview=IV["larkspur"], to=RAFAEL, kind="rejection_reply") if f.code in TONE]
    assert [(f.code, f.severity) for f in found] == [("negative", "warning")]
    assert "may burn a bridge" in found[0].message


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("I'll send the code sample ASAP.", "thank_you"),  # the writer's own hurry
        ("I'm flying out on Friday, so I wanted to send my references ASAP.", "status_check"),
        ("Our redesign saved the client $2M a year.", "thank_you"),  # money as a business result
        ("Our last project cut scrap costs by about $200k a year.", "thank_you"),
        ("Thanks for the call yesterday.", "thank_you"),  # ordinary thanks for a call
        ("Thanks for being so generous with your time.", "thank_you"),
        ("I sent a note on the 3rd and wanted to follow up on it.", "status_check"),  # a polite second status check
        ("I wrote last week about timing and thought I'd follow up once more in case it slipped through.", "status_check"),
        ("No rush at all, I know how busy hiring weeks are.", "status_check"),
        ("Growers are desperate for a solution that handles ripe fruit without bruising.", "thank_you"),
        ("Please remove me from the recruiting mailing list.", "rejection_reply"),  # firmness in a rejection reply
        ("I'd prefer not to be kept in the talent pool, thanks.", "rejection_reply"),
        ("Is the signing bonus paid with the first paycheck?", "offer_reply"),  # pay where it belongs
        ("I was hoping we could discuss the base salary; something closer to 135k would be fair.", "offer_reply"),
    ],
)
def test_sentences_close_to_the_line_raise_no_tone_finding(text, kind):
    assert tone(text, kind) == []


def test_pay_is_a_finding_in_a_thank_you_but_not_in_a_reply_to_an_offer():
    question = "Could you tell me more about the bonus structure?"
    assert {code for code, _ in tone(question, "thank_you")} == {"salary"}
    assert tone(question, "offer_reply") == []


@pytest.mark.parametrize(
    ("text", "kind", "code"),
    [
        ("I can work the first month for free to prove myself.", "thank_you", "desperate"),
        ("I have loan EMIs to pay, so I need this job urgently.", "thank_you", "desperate"),
        ("Kindly release the offer letter by this week itself.", "status_check", "pushy"),
        ("I'll need your decision by Thursday, as I have other options.", "status_check", "pushy"),
        ("Your loss.", "rejection_reply", "negative"),
        ("What's the CTC for this role?", "thank_you", "salary"),
    ],
)
def test_the_rules_and_the_model_together_still_catch_the_plain_cases(text, kind, code):
    assert code in {c for c, _ in tone(text, kind)}


# -- bad input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "Dana Whitfield\ndana.whitfield@example.org\n+1 (555) 010-2233",
        "https://danawhitfield.dev/portfolio?ref=larkspur",
        "非常感谢您抽出时间与我面谈。我很期待加入贵公司。",
        "شكرا جزيلا على وقتك. أتطلع إلى سماع ردك.",
        "Большое спасибо за интервью. С нетерпением жду ответа.",
        "Vielen Dank für das nette Gespräch am Mittwoch.",
        "!!!???... 🙂🙂🙂",
    ],
)
def test_empty_foreign_signature_only_and_link_only_notes_raise_no_tone_finding(text):
    assert tone(text) == [] and tone(text, "status_check") == []


def test_a_note_of_fifty_thousand_characters_is_checked_without_error():
    paragraph = ("Thank you for the conversation about tuning the gripper's force controller. I really need this job, "
                 "and I'll send the code sample ASAP. ")
    text = (paragraph * (50_000 // len(paragraph) + 1))[:50_000]
    found = tone(text)
    assert {code for code, _ in found} == {"desperate"}
    one_line = "word " * 10_000  # one sentence with no break at all
    assert tone(one_line) == []


# -- where a sentence stands -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "positions"),
    [
        ("Hi Tomás,\n\nThird attempt at reaching you here.\n\nDana", ["greeting", "body", "closing"]),  # the only body line
        ("Hi Tomás,\n\nThanks again for Tuesday.\n\nLooking forward to hearing from you.\n\nDana",
         ["greeting", "body", "closing", "closing"]),  # a line standing alone before the sign-off
        ("hey tomas\nany news on the role\nthx\ndana", ["greeting", "body", "closing", "closing"]),  # texting, no marks
    ],
)
def test_a_short_notes_one_body_line_is_read_as_body_not_as_its_closing(text, positions):
    from clinch.core.checks.tone import _sentence_spans
    from clinch.core.checks.tone_learned import sentence_positions

    lower = lower_same_length(fold(text))
    spans = [s for s in _sentence_spans(lower) if lower[s[0]:s[1]].strip()]
    assert sentence_positions(lower, spans) == positions


# -- the spent held-out batches as corpus rows -----------------------------------------


def _spent_module():
    spec = importlib.util.spec_from_file_location("spent_heldout_to_corpus", ROOT / "scripts" / "spent_heldout_to_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_spent_notes_labelled_span_becomes_its_sentences_label_and_a_good_notes_sentences_become_none():
    spent = _spent_module()
    text = "Dear Zoë,\n\nThanks for Tuesday. I still haven't heard back, which is odd. I'm keen.\n\nBest,\nSamir"
    bad = {"text": text, "codes": ["passive-aggressive"], "spans": {"passive-aggressive": "still haven't heard back"}}
    assert spent.sentence_rows(bad) == [("I still haven't heard back, which is odd.", "passive-aggressive", "body")]
    good = {"text": text.replace(" I still haven't heard back, which is odd.", ""), "codes": [], "spans": {}}
    assert spent.sentence_rows(good) == [("Dear Zoë,", "none", "greeting"), ("Thanks for Tuesday.", "none", "body"),
                                         ("I'm keen.", "none", "body"), ("Best,", "none", "closing"), ("Samir", "none", "closing")]


def test_the_spent_batches_rows_in_the_corpus_are_what_the_script_makes_of_the_frozen_notes():
    spent = _spent_module()
    spent_batches = [(BATCHES[f"batch {n}"], f"s{n:02d}", f"heldout{n}") for n in range(1, 12)]
    development = [(ROOT / "corpus" / "notes" / f"dev{n}", f"n{n:02d}", f"notes{n}") for n in (1, 2)]
    for folder, batch, author in spent_batches + development:
        rows = spent.convert(folder, batch, author)
        shipped = (ROOT / "corpus" / "tone" / f"{batch}.tsv").read_text("utf-8").splitlines()[1:]
        assert ["\t".join(row[f] for f in spent.FIELDS) for row in rows] == shipped
