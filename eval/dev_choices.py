"""Design checks on development data disjoint from everything ``eval/outlets.py`` reports.

The fixed choices of :mod:`framing.learn.pipelines` (the classifier's ``C`` and the
weight of the lexicon block in ``both``) were made here, on saudinewsnet
articles that the evaluation subsample of ``eval/outlets.py`` (at most 300
per outlet, seed 0) does not contain: at most ``--per-outlet`` of the
remaining articles per outlet (seed 1); the outlets with nothing left (the
two sports outlets) drop out. Nothing here reads the evaluation documents,
so choosing on this output does not tune on the reported folds.

Result (1,719 documents, 12 outlets, 3 folds, arabic-conflict 0.1.0,
newton-cg)::

         C   features  weight  macro_f1     sd
     1.000   majority             0.013  0.000
     1.000    lexicon             0.126  0.010
     1.000     ngrams             0.433  0.012
     1.000  reference             0.371  0.003
    10.000    lexicon             0.119  0.010
    10.000     ngrams             0.452  0.015
    10.000  reference             0.401  0.016
    10.000       both   1.000     0.392  0.001
    10.000       both   0.300     0.444  0.014
    10.000       both   0.100     0.454  0.016

Choices: ``C=10`` (better for n-grams and for the reference); lexicon
weight 0.3 in ``both``: weight 1 is clearly worse, and 0.3 is the largest
weight within one standard deviation of the best (0.1), which keeps the
lexicon features' weights visible in the loadedness table.

Usage::

    .venv/bin/python eval/dev_choices.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
from _common import Timer, lexicon_or_exit, parser, reference_model, require, summarise, table

from framing.io.corpus import Document
from framing.learn import cross_validate
from framing.text.boilerplate import strip_boilerplate


def development_set(data: Path, per_outlet: int, eval_per_outlet: int) -> pd.DataFrame:
    df = pd.read_json(require(data / "saudinewsnet" / "articles.jsonl.gz"), lines=True, dtype=False)
    df = df[df["text"].fillna("").str.strip() != ""]
    # The evaluation subsample, drawn exactly as eval/outlets.py draws it (seed 0) ...
    used = np.concatenate([g.sample(n=min(eval_per_outlet, len(g)), random_state=0).index
                           for _, g in df.groupby("outlet")])
    rest = df.drop(index=used)
    # ... and a development sample from what is left (seed 1).
    keep = [g.sample(n=min(per_outlet, len(g)), random_state=1).index for _, g in rest.groupby("outlet")]
    dev = rest.loc[np.concatenate(keep)]
    dev = dev.assign(text=dev["title"].fillna("").str.strip() + "\n\n" + dev["text"])
    return dev[["outlet", "text"]].reset_index(drop=True)


def main() -> None:
    p = parser(__doc__.split("\n\n")[0])
    p.add_argument("--per-outlet", type=int, default=150)
    p.add_argument("--C", type=float, nargs="+", default=[1.0, 10.0])
    p.add_argument("--weights", type=float, nargs="+", default=[1.0, 0.3, 0.1],
                   help="Weights of the lexicon block in 'both' (checked with the last C).")
    args = p.parse_args()
    dev = development_set(args.data, args.per_outlet, 300)
    docs, _ = strip_boilerplate(Document(str(i), o, t) for i, (o, t) in
                                     enumerate(zip(dev["outlet"], dev["text"], strict=True)))
    texts, y = [d.text for d in docs], [d.outlet for d in docs]
    print(f"development set: {len(texts):,} documents, {len(set(y))} outlets, 3 folds")
    lexicon = lexicon_or_exit(args.lexicon)
    rows = []
    for C in args.C:
        with Timer() as timer:
            result = cross_validate(texts, y, cv=3, lexicon=lexicon, C=C, random_state=args.seed,
                                    feature_sets=["majority", "lexicon", "ngrams", "reference"],
                                    extra={"reference": reference_model(C)})
        rows += [{"C": C, "weight": "", **row} for row in summarise(result)]
        print(f"C={C:g}: {timer.seconds:.0f} s", file=sys.stderr)
    for weight in args.weights:
        result = cross_validate(texts, y, cv=3, lexicon=lexicon, C=args.C[-1], lexicon_weight=weight,
                                random_state=args.seed, feature_sets=["both"])
        rows += [{"C": args.C[-1], "weight": weight, **row} for row in summarise(result)]
    print(table(rows, ["C", "features", "weight", "macro_f1", "sd", "accuracy"]))


if __name__ == "__main__":
    sys.exit(main())
