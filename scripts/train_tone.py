"""Train the tone model from the labelled sentences in ``corpus/tone/`` (``make train``).

Development only: it needs scikit-learn (``pip install -e '.[train]'``); the product reads the
weights it writes (``clinch/core/checks/tone_model.json``) with the standard library alone
(``clinch/core/checks/tone_model.py``).

What it does, deterministically (same corpus and configuration, same file):

1. reads every ``corpus/tone/*.tsv`` (see ``docs/tone-corpus.md``), checks each row and drops
   repeated sentences;
2. builds the hashed features of ``tone_model.feature_ids`` for every sentence;
3. runs the phrase rules and cue codes on every sentence: which of them fired is a feature too;
4. for each tone code, scores every sentence with a model trained without the sentence's fold
   (``fold_of``: every outside writer is a fold of their own, so a sentence is scored by a model
   that never read its writer; author A's batches are spread over four folds, whole batches, so
   paraphrases stay together), on the kinds of note where the code can be raised, and picks two thresholds (where
   the model speaks alone, and where a rule's finding stands) with the best cross-validated F-score
   weighted towards precision (a false alarm on a good sentence counts ``good_weight`` times: real
   notes hold far more good sentences than the corpus). The cross-validated figures of step 5
   come twice: with those thresholds (picked on the same predictions, so they flatter), and with
   thresholds picked again for each fold without it ("thresholds picked without the fold");
5. trains each code's model on the whole corpus, rounds its weights to 8 bits, and writes them
   with the thresholds, the cross-validation results, and the SHA-256 of the corpus, of the rules
   and of the configuration, so a test can tell that the shipped weights belong to them.

    python scripts/train_tone.py            # train and write the weights
    python scripts/train_tone.py --check    # exit 1 when the shipped weights are not this corpus's
"""

from __future__ import annotations

import argparse
import base64
import csv
import hashlib
import json
import sys
import zlib
from array import array
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clinch.core.checks import tone_model as tm  # noqa: E402
from clinch.core.checks._text import fold, lower_same_length  # noqa: E402

CORPUS = ROOT / "corpus" / "tone"
RULES = (ROOT / "clinch" / "policy" / "phrases.toml", ROOT / "clinch" / "policy" / "tone_cues.toml")
EXAMPLE = ROOT / "docs" / "examples" / "interview.yaml"
FIELDS = ("sentence", "code", "kind", "position", "register", "batch", "author")
CONFIG = {
    "bits": 18,
    "ngrams": list(tm.NGRAMS),
    "C": {"desperate": 64.0, "pushy": 64.0, "passive-aggressive": 64.0, "negative": 64.0, "salary": 64.0},
    # Naive-Bayes scaling of the features, for the codes where it carried better to notes no model had
    # read (the second development batch of notes; docs/benchmarks.md, "Batches 10 to 13").
    "nb_alpha": {"passive-aggressive": 1.0, "negative": 1.0},
    "class_weight": None,
    "solver": "liblinear",
    "beta": 0.5,
    "good_weight": 4,
    "threshold_floor": 0.5,
    "rule_thresholds": [0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5],  # a rule stands unless the model finds it more likely wrong than right
    "folds": 4,  # author A's batches are split into this many folds; every other writer is a fold of their own
    "split_author": "A",  # the team's writer, who wrote the rules and most of the corpus
    "min_weight": 1,  # of 127: smaller rounded weights are dropped
}


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.tsv"))


def corpus_sha256() -> str:
    """One hash over every corpus file's name and bytes, in name order."""
    digest = hashlib.sha256()
    for path in corpus_files():
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def rules_sha256() -> str:
    """The phrase and cue files the thresholds were chosen beside."""
    digest = hashlib.sha256()
    for path in RULES:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def config_sha256(config: dict = CONFIG) -> str:
    return hashlib.sha256(json.dumps(config, sort_keys=True).encode()).hexdigest()


def load_rows() -> list[dict]:
    """Every row of the corpus, checked; a sentence written twice for one kind and position is kept once."""
    rows, seen = [], {}
    for path in corpus_files():
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            if tuple(reader.fieldnames or ()) != FIELDS:
                raise SystemExit(f"{path.name}: the header must be {' '.join(FIELDS)}")
            for n, row in enumerate(reader, 2):
                problem = row_problem(row)
                if problem:
                    raise SystemExit(f"{path.name}:{n}: {problem}")
                key = (row["sentence"], row["kind"], row["position"])
                if key in seen:
                    if seen[key] != row["code"]:
                        raise SystemExit(f"{path.name}:{n}: labelled {row['code']} here and {seen[key]} elsewhere")
                    continue
                seen[key] = row["code"]
                rows.append(row)
    return rows


def row_problem(row: dict) -> str | None:
    codes = row["code"].split("|")
    if row["code"] != "none" and not set(codes) <= set(tm.CODES):
        return f"unknown code {row['code']!r}"
    if row["kind"] not in tm.MODEL_KINDS:
        return f"unknown kind {row['kind']!r}"
    if row["position"] not in tm.POSITIONS:
        return f"unknown position {row['position']!r}"
    if not row["sentence"].strip():
        return "empty sentence"
    return None


def words_of(sentence: str) -> list[str]:
    lower = lower_same_length(fold(sentence))
    return [w for w, _, _ in tm.tokens(lower)]


def matrix(rows: list[dict], fired: list[frozenset[str]], bits: int):
    """The sentences' features as a sparse matrix, each block scaled as ``tone_model`` scales it;
    ``fired`` holds each sentence's rules ("code|rule")."""
    from scipy.sparse import csr_matrix

    mask = (1 << bits) - 1
    data, indices, indptr = [], [], [0]
    for row, rules in zip(rows, fired):
        words = words_of(row["sentence"])
        word_block, char_block, context = tm.feature_ids(words, row["kind"], row["position"], mask, rules)
        values: dict[int, float] = {}
        for block, scale in ((word_block, tm.block_scale(len(word_block))), (char_block, tm.block_scale(len(char_block))), (context, tm.CONTEXT_SCALE)):
            for f in block:
                values[f] = values.get(f, 0.0) + scale
        for f in sorted(values):
            indices.append(f)
            data.append(values[f])
        indptr.append(len(indices))
    return csr_matrix((data, indices, indptr), shape=(len(rows), 1 << bits))


def labels(rows: list[dict], code: str):
    import numpy as np

    return np.array([code in row["code"].split("|") for row in rows], dtype=int)


def fit(X, y, code: str, config: dict = CONFIG):
    """The code's logistic regression of ``y`` on ``X``. Where ``nb_alpha`` names the code, each
    feature is first scaled by its naive-Bayes log-count ratio (how much more often it appears with
    the code than without, counts smoothed by that alpha) and the learnt weights are scaled back,
    so the model stays one weight per feature and reads unscaled features as before."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=config["C"][code], solver=config["solver"], class_weight=config["class_weight"], max_iter=1000, random_state=0)
    alpha = config["nb_alpha"].get(code)
    if not alpha:
        return model.fit(X, y)
    r = nb_ratio(X, y, alpha)
    model.fit(X.multiply(r).tocsr(), y)
    model.coef_ = model.coef_ * r
    return model


def nb_ratio(X, y, alpha: float):
    """Per feature, log of its smoothed share among the code's sentences over its share among the others."""
    import numpy as np

    present = (X > 0).astype(np.float64)
    pos = alpha + np.asarray(present[y == 1].sum(axis=0)).ravel()
    neg = alpha + np.asarray(present[y == 0].sum(axis=0)).ravel()
    return np.log((pos / pos.sum()) / (neg / neg.sum()))


def out_of_fold(rows: list[dict], X, config: dict = CONFIG) -> dict:
    """Per code, every sentence's probability from a model trained without its batch's fold, on the
kinds of note where the code can be raised."""
    import numpy as np

    groups = fold_of(rows, config)
    out = {}
    for code in tm.CODES:
        y, on = labels(rows, code), speaks(code, rows)
        p = np.zeros(len(rows))
        for g in np.unique(groups):
            train = (groups != g) & on
            p[groups == g] = fit(X[train], y[train], code, config).predict_proba(X[groups == g])[:, 1]
        out[code] = p
    return out


def fold_of(rows: list[dict], config: dict = CONFIG):
    """Each sentence's fold, grouped by writer: every writer's sentences are one fold (a model is
    read on a voice it never saw), except those of ``split_author``, who wrote the rules and most
    of the corpus, whose batches are spread over ``folds`` folds (a batch's paraphrases stay
    together). Folds are numbered 0, 1, ... ; author A's come first."""
    import numpy as np

    batches = sorted({row["batch"] for row in rows if row["author"] == config["split_author"]})
    others = sorted({row["author"] for row in rows} - {config["split_author"]})
    return np.array([batches.index(row["batch"]) % config["folds"] if row["author"] == config["split_author"]
                     else config["folds"] + others.index(row["author"]) for row in rows])


def fold_thresholded(p, rule, y, good, groups, config: dict = CONFIG):
    """What each sentence's fold would report were the thresholds picked on the other folds only
    (``pick`` on their out-of-fold probabilities): a figure the thresholds were not tuned on."""
    import numpy as np

    predicted = np.zeros(len(p), dtype=bool)
    for g in np.unique(groups):
        test = groups == g
        t, t_rule = pick(p[~test], rule[~test], y[~test], good[~test], config)
        predicted[test] = (rule[test] & (p[test] >= t_rule)) | (p[test] >= t)
    return predicted


def rules_fired(rows: list[dict]) -> list[frozenset[str]]:
    """The tone rules ("code|rule") that fire on each sentence alone, as a note of the row's kind
    to the example interview's hiring manager."""
    from clinch.core.checks._context import Context, facts_for
    from clinch.core.checks._text import Doc
    from clinch.core.checks.tone import rule_hits
    from clinch.core.interview_file import load_interview

    interview = load_interview(EXAMPLE)
    facts, to = facts_for(interview), interview.interviewers[0]
    out = []
    for row in rows:
        hits = rule_hits(Context(Doc(row["sentence"]), interview, facts, to, row["kind"], None))
        out.append(frozenset(f"{f.code}|{rule}" for f, rule in hits if f.code in tm.CODES))
    return out


def speaks(code: str, rows: list[dict]):
    """Whether the code's family reads each row's kind (salary is no finding in an offer reply)."""
    import numpy as np

    from clinch.core.checks.tone import FAMILIES

    family = next(f for f in FAMILIES if f.code == code)
    return np.array([family.kinds is None or row["kind"] in family.kinds for row in rows])


def pick(p, rule, y, good, config: dict) -> tuple[float, float]:
    """The two thresholds of a code: where the model speaks alone, and where a sentence in which a
    rule of the code fired keeps the rule's finding (never higher). The pair with the best F-score
    (``beta`` below 1 weighs precision more), a false alarm on a good sentence counting
    ``good_weight`` times (real notes hold far more good sentences than the corpus); among equals,
    the higher thresholds."""
    beta2 = config["beta"] ** 2
    best = (-1.0, 1.0, 1.0)
    alone = sorted({round(float(x), 4) for x in p[(p >= config["threshold_floor"]) & (y == 1)]} | {1.0}, reverse=True)
    for t_rule in sorted(config["rule_thresholds"], reverse=True):
        for t in alone:
            predicted = (rule & (p >= min(t_rule, t))) | (p >= t)
            tp = int((predicted & (y == 1)).sum())
            fp = int((predicted & (y == 0) & ~good).sum()) + config["good_weight"] * int((predicted & good).sum())
            fn = int((~predicted & (y == 1)).sum())
            score = (1 + beta2) * tp / ((1 + beta2) * tp + beta2 * fn + fp) if tp else 0.0
            if score > best[0] + 1e-9:
                best = (score, t, min(t_rule, t))
    return best[1], best[2]


def figures(predicted, y) -> dict:
    tp = int((predicted & (y == 1)).sum())
    fp = int((predicted & (y == 0)).sum())
    fn = int((~predicted & (y == 1)).sum())
    return {
        "support": int(y.sum()),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(tp / (tp + fp), 3) if tp + fp else None,
        "recall": round(tp / (tp + fn), 3) if tp + fn else None,
    }


def export(models: dict, config: dict) -> dict:
    """The codes' weights rounded to 8 bits (per code scale), kept only for buckets where one is non-zero."""
    import numpy as np

    codes = list(tm.CODES)
    W = np.vstack([models[c].coef_[0] for c in codes])  # codes x buckets
    scale = [float(np.abs(W[i]).max() / 127) or 1.0 for i in range(len(codes))]
    Q = np.vstack([np.round(W[i] / scale[i]) for i in range(len(codes))]).astype(np.int8)
    keep = np.nonzero((np.abs(Q) >= config["min_weight"]).any(axis=0))[0]
    weights = array("b", Q[:, keep].T.reshape(-1).tolist())
    index = array("i", keep.tolist())
    return {
        "scale": [round(s, 9) for s in scale],
        "intercepts": [round(float(models[c].intercept_[0]), 6) for c in codes],
        "weights": base64.b64encode(zlib.compress(weights.tobytes(), 9)).decode(),
        "index": base64.b64encode(zlib.compress(index.tobytes(), 9)).decode(),
        "buckets_kept": len(keep),
    }


def train(config: dict = CONFIG) -> dict:
    """The weights file's content. One thread: the solver's sums come out in another order, and
    another last digit, on more."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        return _train(config)


def _train(config: dict) -> dict:
    import numpy as np

    rows = load_rows()
    fired = rules_fired(rows)
    X = matrix(rows, fired, config["bits"])
    oof = out_of_fold(rows, X, config)
    good = np.array([row["code"] == "none" for row in rows])
    authors = sorted({row["author"] for row in rows})
    groups = fold_of(rows, config)
    thresholds, rule_thresholds, cv = {}, {}, {}
    for code in tm.CODES:
        y, on = labels(rows, code), speaks(code, rows)
        p = np.where(on, oof[code], 0.0)  # no finding of the code where its family is silent
        rule = np.array([any(r.startswith(code + "|") for r in f) for f in fired]) & on
        thresholds[code], rule_thresholds[code] = pick(p, rule, y, good, config)
        with_model = (rule & (p >= rule_thresholds[code])) | (p >= thresholds[code])
        # The thresholds above were picked on these very predictions, so the figures of
        # ``with_model`` flatter it; ``unseen`` picks them again without each fold and reads the fold.
        unseen = fold_thresholded(p, rule, y, good, groups, config)
        cv[code] = {"rules": figures(rule, y), "with the model": figures(with_model, y),
                    "with the model, thresholds picked without the fold": figures(unseen, y)}
        for author in authors:  # each writer's sentences alone: how the model carries to a voice it was not tuned on
            mine = np.array([row["author"] == author for row in rows])
            cv[code][f"with the model, author {author}"] = figures(with_model[mine], y[mine])
            cv[code][f"with the model, thresholds picked without the fold, author {author}"] = figures(unseen[mine], y[mine])
    models = {}
    for code in tm.CODES:
        on = speaks(code, rows)  # a code learns only from the kinds of note where it can be raised
        models[code] = fit(X[on], labels(rows, code)[on], code, config)
    counts = {code: int(labels(rows, code).sum()) for code in tm.CODES}
    counts["none"] = sum(row["code"] == "none" for row in rows)
    return {
        "format": 1,
        "codes": list(tm.CODES),
        "bits": config["bits"],
        "thresholds": thresholds,
        "rule_thresholds": rule_thresholds,
        "corpus_sha256": corpus_sha256(),
        "rules_sha256": rules_sha256(),
        "config": config,
        "config_sha256": config_sha256(config),
        "trained_on": {"sentences": len(rows), "batches": len({r["batch"] for r in rows}), **counts},
        "cv": cv,
        **export(models, config),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Train the tone model from corpus/tone/.")
    parser.add_argument("--check", action="store_true", help="only check that the shipped weights match the corpus and configuration")
    parser.add_argument("--out", default=tm.WEIGHTS_PATH, help="where to write the weights")
    args = parser.parse_args(argv)
    if args.check:
        shipped = json.loads(Path(tm.WEIGHTS_PATH).read_text("utf-8"))
        stale = (shipped.get("corpus_sha256"), shipped.get("rules_sha256"), shipped.get("config_sha256")) != (corpus_sha256(), rules_sha256(), config_sha256())
        print("the weights are stale: run make train" if stale else "the weights match the corpus")
        return 1 if stale else 0
    result = train()
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump(result, fh, indent=1, sort_keys=True)
        fh.write("\n")
    for code, r in result["cv"].items():
        line = "  ".join(f"{k} {v['precision']}/{v['recall']}" for k, v in r.items() if k != "rules")
        print(f"{code:19} threshold {result['thresholds'][code]:.3f} with a rule {result['rule_thresholds'][code]:.3f}  {line}")
    print(f"{args.out}: {Path(args.out).stat().st_size // 1024} KB, {result['buckets_kept']} buckets")
    return 0


if __name__ == "__main__":
    sys.exit(main())
