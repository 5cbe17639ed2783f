"""Outlet classification: which feature set tells outlets apart, next to a plain reference.

Two tasks, one protocol (fixed here; nothing is tuned on the folds reported):

``saudinewsnet``
    14 Saudi outlets, July-August 2015 (``saudinewsnet/articles.jsonl.gz``).
    Articles with an empty body are left out (counted). A stratified
    subsample of at most ``--per-outlet`` articles per outlet (default 300,
    seeded) keeps the run within minutes on two cores; the two sports
    outlets and the Saudi Press Agency have fewer and are kept whole. Text =
    title + body.
``mayadeen``
    Al Mayadeen vs Al Jazeera on the Gaza war, made as fair as these two
    scrapes allow (``mayadeen_aljazeera/``): the same text type on both
    sides (title + lede: Al Mayadeen's ``description``, Al Jazeera's
    ``excerpt``; Al Mayadeen's full text is not used because Al Jazeera has
    none), the same period (2023-10-07 to 2024-08-16, where both exist),
    the same topic (Al Mayadeen items of the «طوفان الأقصى» dossier or
    country «فلسطين المحتلة»; Al Jazeera's set is its Palestine tag), and
    the same number of items per outlet in every month (the smaller count,
    seeded), so that neither the calendar nor the share of each outlet
    carries the label. Items with an empty lede are left out (counted).
    Caveats: Al Jazeera's ledes before July 2024 are mostly video ledes;
    punctuation (Al Mayadeen's scare quotes around "إسرائيل") is dropped
    by both tokenisers, so that house mark is not available to any model.

Both: recurring lines are removed with :func:`framing.text.boilerplate.strip_boilerplate`
(``--keep-boilerplate`` skips it); near-duplicate articles (same first 200
normalised characters) form one group, and folds are
``StratifiedGroupKFold(5, shuffle, seed)``. Feature sets: the majority
class, ``lexicon``, ``ngrams``, ``both`` (:mod:`framing.learn.cv`) and the
reference (``TfidfVectorizer(ngram_range=(1, 2))`` with scikit-learn's
defaults + the same logistic regression), all on the same folds.

Usage::

    .venv/bin/python eval/outlets.py --task saudinewsnet
    .venv/bin/python eval/outlets.py --task mayadeen
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from _common import Timer, lexicon_or_exit, parser, reference_model, require, summarise, table

from framing.io.corpus import Document
from framing.learn import DEFAULT_C, FEATURE_SETS, cross_validate
from framing.text.boilerplate import strip_boilerplate
from framing.text.normalizer import normalize


def saudinewsnet(data: Path, per_outlet: int, seed: int) -> pd.DataFrame:
    path = require(data / "saudinewsnet" / "articles.jsonl.gz")
    df = pd.read_json(path, lines=True, dtype=False)
    empty = df["text"].fillna("").str.strip() == ""
    print(f"saudinewsnet: {len(df):,} articles; left out {int(empty.sum()):,} with an empty body")
    df = df[~empty]
    keep = [g.sample(n=min(per_outlet, len(g)), random_state=seed).index for _, g in df.groupby("outlet")]
    df = df.loc[np.concatenate(keep)]
    df = df.assign(text=df["title"].fillna("").str.strip() + "\n\n" + df["text"])
    return df[["outlet", "text"]].reset_index(drop=True)


def mayadeen(data: Path, seed: int) -> pd.DataFrame:
    folder = data / "mayadeen_aljazeera"
    may = pd.read_json(require(folder / "almayadeen_articles.jsonl.gz"), lines=True, dtype=False)
    aj = pd.read_json(require(folder / "aljazeera_palestine_ledes.jsonl.gz"), lines=True, dtype=False)
    may = may.assign(date=may["published_time"].str[:10], lede=may["description"])
    may = may[(may["coverage"] == "طوفان الأقصى") | (may["country"] == "فلسطين المحتلة")]
    aj = aj.assign(lede=aj["excerpt"])
    frames = []
    for name, df in (("almayadeen", may), ("aljazeera", aj)):
        df = df[(df["date"] >= "2023-10-07") & (df["date"] <= "2024-08-16")]
        empty = df["lede"].fillna("").str.strip() == ""
        print(f"{name}: {len(df):,} items in the common period and topic; left out "
              f"{int(empty.sum()):,} with an empty lede")
        df = df[~empty]
        frames.append(pd.DataFrame({"outlet": name, "month": df["date"].str[:7],
                                    "text": df["title"].fillna("").str.strip() + "\n\n" + df["lede"]}))
    both = pd.concat(frames, ignore_index=True)
    parts = []
    for _month, g in both.groupby("month"):
        n = g["outlet"].value_counts().reindex(["almayadeen", "aljazeera"], fill_value=0).min()
        if n:
            parts += [g[g["outlet"] == o].sample(n=n, random_state=seed) for o in ("almayadeen", "aljazeera")]
    balanced = pd.concat(parts, ignore_index=True)
    print("balanced per month:", balanced.groupby("month").size().div(2).astype(int).to_dict())
    return balanced[["outlet", "text"]]


def near_duplicate_groups(texts: list[str]) -> list[str]:
    """Documents whose first 200 normalised word characters agree share a group."""
    out = []
    for text in texts:
        key = "".join(ch for ch in normalize(text[:400]) if ch.isalnum())[:200]
        out.append(hashlib.sha1(key.encode("utf-8")).hexdigest()[:16])
    return out


def evaluate(df: pd.DataFrame, args: Any) -> list[dict[str, Any]]:
    docs = [Document(str(i), o, t) for i, (o, t) in enumerate(zip(df["outlet"], df["text"], strict=True))]
    if not args.keep_boilerplate:
        docs, report = strip_boilerplate(docs)
        print(report.summary())
    texts = [d.text for d in docs]
    y = [d.outlet for d in docs]
    groups = near_duplicate_groups(texts)
    n_groups = len(set(groups))
    print(f"{len(texts):,} documents, {len(set(y))} outlets, {n_groups:,} groups "
          f"({len(texts) - n_groups:,} near-duplicates share a group)")
    print("documents per outlet:", dict(sorted(pd.Series(y).value_counts().items())))
    lexicon = lexicon_or_exit(args.lexicon)
    with Timer() as timer:
        result = cross_validate(texts, y, groups=groups, cv=args.cv, lexicon=lexicon,
                                feature_sets=["majority", *FEATURE_SETS, "reference"],
                                extra={"reference": reference_model(DEFAULT_C)},
                                random_state=args.seed, show_progress=True)
    print(f"cross-validation: {timer.seconds:.0f} s")
    return summarise(result)


def main() -> None:
    p = parser(__doc__.split("\n\n")[0])
    p.add_argument("--task", choices=["saudinewsnet", "mayadeen"], required=True)
    p.add_argument("--per-outlet", type=int, default=300,
                   help="saudinewsnet: at most this many articles per outlet (default 300).")
    p.add_argument("--keep-boilerplate", action="store_true", help="Do not strip recurring lines.")
    args = p.parse_args()
    if args.task == "saudinewsnet":
        df = saudinewsnet(args.data, args.per_outlet, args.seed)
    else:
        df = mayadeen(args.data, args.seed)
    rows = evaluate(df, args)
    print(f"\n{args.task}: macro-F1 over {args.cv} grouped stratified folds (seed {args.seed}), "
          f"lexicon {args.lexicon}, boilerplate {'kept' if args.keep_boilerplate else 'stripped'}")
    print(table(rows, ["features", "macro_f1", "sd", "accuracy"]))
    scores = {r["features"]: r["macro_f1"] for r in rows}
    print(f"\nboth - reference: {scores['both'] - scores['reference']:+.3f}; "
          f"lexicon - majority: {scores['lexicon'] - scores['majority']:+.3f}")


if __name__ == "__main__":
    sys.exit(main())
