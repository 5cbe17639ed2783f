"""Paragraph-level loaded-language detection on ArMPro (dev split), cross-validated.

Task: does a news paragraph contain at least one span that ArMPro's
annotators marked ``Loaded_Language``? (``armpro_dev/ArMPro_span_dev_V2.jsonl``,
672 paragraphs from 496 pages.)

Protocol (fixed here; nothing is tuned on the folds reported):

* folds: ``StratifiedGroupKFold(5, shuffle)`` grouped by page, so paragraphs
  of one article never sit on both sides of a split; repeated with seeds
  0-4 (25 folds) because the set is small; mean and standard deviation over
  all folds;
* feature sets: majority class, ``lexicon``, ``ngrams``, ``both``
  (:mod:`framing.learn.pipelines`, default ``C`` and lexicon weight) and the plain
  reference (``TfidfVectorizer(ngram_range=(1, 2))`` + the same logistic
  regression), all on the same folds;
* also an untrained rule for context: "yes" when the paragraph has any hit
  of the lexicon;
* reported: F1 of the positive class ("yes") and macro-F1.

ArMPro's Loaded_Language is broader than conflict framing (e.g. «نقلة
نوعية»), so a conflict lexicon is expected to cover only part of it.

Usage::

    .venv/bin/python eval/armpro.py
"""

from __future__ import annotations

import json
import sys

import numpy as np
from _common import Timer, lexicon_or_exit, parser, reference_model, require, table

from framing.learn import DEFAULT_C, FEATURE_SETS, LexiconVectorizer, cross_validate


def main() -> None:
    p = parser(__doc__.split("\n\n")[0])
    p.add_argument("--repeats", type=int, default=5, help="Repetitions of the K-fold split (seeds 0..R-1).")
    args = p.parse_args()
    path = require(args.data / "armpro_dev" / "ArMPro_span_dev_V2.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [r["paragraph"] for r in rows]
    y = np.array(["yes" if any(lab["technique"] == "Loaded_Language" for lab in r["labels"]) else "no"
                  for r in rows], dtype=object)
    groups = [r["page_id"] for r in rows]
    print(f"{len(texts)} paragraphs from {len(set(groups))} pages; {int((y == 'yes').sum())} with "
          "Loaded_Language")
    lexicon = lexicon_or_exit(args.lexicon)

    from sklearn.metrics import f1_score

    names = ["majority", *FEATURE_SETS, "reference"]
    f1_yes: dict[str, list[float]] = {n: [] for n in names}
    macro: dict[str, list[float]] = {n: [] for n in names}
    with Timer() as timer:
        for seed in range(args.repeats):
            result = cross_validate(texts, y, groups=groups, cv=args.cv, lexicon=lexicon,
                                    feature_sets=names, extra={"reference": reference_model(DEFAULT_C)},
                                    random_state=args.seed + seed)
            for name in names:
                macro[name] += result.fold_macro_f1[name]
                f1_yes[name] += [f1_score(y[test], result.predictions[name][test], pos_label="yes",
                                          zero_division=0) for _, test in result.folds]
    hits = LexiconVectorizer(lexicon, level="concept", value="count", stance=False).fit_transform(texts)
    rule = np.where(np.asarray(hits.sum(axis=1)).ravel() > 0, "yes", "no")
    print(f"cross-validation: {timer.seconds:.0f} s")
    out = [{"features": n, "f1_yes": float(np.mean(f1_yes[n])), "sd": float(np.std(f1_yes[n])),
            "macro_f1": float(np.mean(macro[n])), "macro_sd": float(np.std(macro[n]))} for n in names]
    out.append({"features": "any-hit rule", "f1_yes": float(f1_score(y, rule, pos_label="yes")), "sd": "",
                "macro_f1": float(f1_score(y, rule, average="macro")), "macro_sd": ""})
    print(f"\nArMPro dev, paragraph has Loaded_Language: {args.repeats} x {args.cv}-fold grouped by page, "
          f"lexicon {args.lexicon}")
    print(table(out, ["features", "f1_yes", "sd", "macro_f1", "macro_sd"]))


if __name__ == "__main__":
    sys.exit(main())
