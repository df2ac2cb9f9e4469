#!/usr/bin/env python3
"""folds.py: cross-validation view of an extractor's score (issue 21).

Usage: folds.py SCORE_PY GROUND_TRUTH PREDICTIONS [--pages FOLD,...]

The 91 pages are split into 5 fixed folds: pages sorted by id (the ids are
sha256 hex digests, so the order is unrelated to site or language), page i
of that order goes to fold i mod 5. For each fold it prints F1, precision
and recall computed exactly as SCORE_PY does over the whole set (its own
item_counts; precision averaged over pages that predicted anything, recall
over pages whose truth has anything), then the mean and the spread
(population standard deviation, min-max) of the fold F1s, and the F1 over
all pages.

--pages FOLD,... also prints each page of those folds with its F1, worst
first: the pages one may look at while developing. Fold 4 is held out: it
is never listed by the bench, only scored.
"""
import importlib.util
import json
import statistics
import sys

FOLDS = 5
HELD_OUT = 4


def load_scorer(path):
    spec = importlib.util.spec_from_file_location("score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def fold_of(ids):
    return {key: i % FOLDS for i, key in enumerate(sorted(ids))}


def page_scores(scorer, truth, pred):
    """{id: (precision or None, recall or None)} as score.py counts them."""
    out = {}
    for key, item in truth.items():
        tp, fp, fn = scorer.item_counts(item.get("articleBody", ""),
                                        pred[key].get("articleBody", ""))
        if fp == fn == 0 and tp > 0:
            out[key] = (1.0, 1.0)
        else:
            out[key] = (scorer.ratio(tp, fp) if tp + fp > 0 else None,
                        scorer.ratio(tp, fn) if tp + fn > 0 else None)
    return out


def f1_of(pairs):
    ps = [p for p, _ in pairs if p is not None]
    rs = [r for _, r in pairs if r is not None]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def main(argv):
    if len(argv) not in (4, 6) or (len(argv) == 6 and argv[4] != "--pages"):
        sys.exit(__doc__)
    scorer = load_scorer(argv[1])
    truth = json.load(open(argv[2], encoding="utf-8"))
    pred = json.load(open(argv[3], encoding="utf-8"))
    folds = fold_of(truth)
    scores = page_scores(scorer, truth, pred)
    print("fold  pages  F1     precision  recall")
    f1s = []
    for f in range(FOLDS):
        pairs = [scores[k] for k in truth if folds[k] == f]
        f1, p, r = f1_of(pairs)
        f1s.append(f1)
        mark = "  (held out)" if f == HELD_OUT else ""
        print(f"{f:>4}  {len(pairs):>5}  {f1:.3f}  {p:.3f}      {r:.3f}{mark}")
    print(f"folds: mean F1={statistics.mean(f1s):.3f} sd={statistics.pstdev(f1s):.3f} "
          f"min={min(f1s):.3f} max={max(f1s):.3f}")
    dev = [f1s[f] for f in range(FOLDS) if f != HELD_OUT]
    print(f"folds 0-{FOLDS - 2} (looked at): mean F1={statistics.mean(dev):.3f}; "
          f"fold {HELD_OUT} (held out): F1={f1s[HELD_OUT]:.3f}")
    if len(argv) == 6:
        wanted = {int(x) for x in argv[5].split(",")} - {HELD_OUT}
        rows = []
        for k in truth:
            if folds[k] in wanted:
                f1, p, r = f1_of([scores[k]])
                rows.append((f1, p, r, folds[k], k))
        for f1, p, r, f, k in sorted(rows):
            print(f"  {f1:.3f} p={p:.3f} r={r:.3f} fold {f} {k[:16]} {truth[k].get('url', '')}")


if __name__ == "__main__":
    main(sys.argv)
