"""Evaluate ``framing stories`` and controlled discovery on the shared real corpora.

Reads (never copies) ``../shared/data``:

* SaudiNewsNet (31k articles of 14 Saudi outlets, Jul–Aug 2015, which share
  Saudi Press Agency copy): full texts;
* Al Mayadeen and Al Jazeera, 7 Oct 2023 – 16 Aug 2024 (the months both
  scrapes cover): title + lede of each (Al Jazeera's scrape holds no more).

and reports:

1. **Precision of story matching**: a random sample (seeded) of 50 pairs of
   articles from different outlets that :func:`framing.analysis.find_stories`
   put in one story, each read and judged by a person: ``same`` (the same
   event, announcement, meeting or visit), ``related`` (the same running
   topic, another event: two days' weather, two soldiers' deaths announced
   alike) or ``different``. The verdicts are kept in
   ``eval/stories_judgements.csv`` (corpus, the two doc ids as 12-hex
   BLAKE2b keys, since SaudiNewsNet's ids are URLs that hold headline words,
   and the verdict; no text). Precision (``same``; and ``same`` or
   ``related``) with a Wilson 95 % interval. ``--show-sample`` prints the
   sampled pairs (titles and the first lines) for judging; nothing is written.
2. **Wire copies per pair of outlets** (:func:`copies_by_outlet_pair`) and per
   outlet (share of its articles that are near-copies of an earlier article).
3. **Top terms with and without control** (SaudiNewsNet): for some outlets,
   the top content words of the outlet against all others by the
   informative-Dirichlet log-odds z (Monroe et al. 2008; prior = corpus
   counts, as ``framing discover``) over all documents, side by side with the
   stratified z (:func:`framing.analysis.controlled.log_odds_within_stories`)
   over the stories covered by the outlet and at least one other, with each term's
   house-style kind (:func:`framing.analysis.style.term_kinds`).

Usage::

    uv run python eval/stories.py [--data DIR] [--show-sample snn|mayadeen] [--top 12]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parents[1] / "shared" / "data"
JUDGEMENTS = HERE / "stories_judgements.csv"
N_PAIRS = 50
SEED = 17
SHOWN_OUTLETS = ("aawsat", "okaz", "alriyadh", "sabq", "almadina")


def require(path: Path) -> Path:
    if not path.exists():
        sys.exit(f"error: {path} is absent. The evaluation data are not shipped with framing; "
                 "point --data (or $FRAMING_EVAL_DATA) at the folder that holds them.")
    return path


def saudinewsnet(data: Path) -> list:
    import framing

    return list(framing.read_corpus(require(data / "saudinewsnet" / "articles.jsonl.gz")))


def mayadeen_aljazeera(data: Path) -> list:
    from framing.io import Document

    folder = data / "mayadeen_aljazeera"
    docs = []
    for name, date_key, lede_key in (("almayadeen_articles.jsonl.gz", "published_time", "description"),
                                     ("aljazeera_palestine_ledes.jsonl.gz", "date", "excerpt")):
        with gzip.open(require(folder / name), "rt", encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                day = (row.get(date_key) or "")[:10]
                if not "2023-10-07" <= day <= "2024-08-16":
                    continue
                text = f"{row.get('title') or ''}\n\n{row.get(lede_key) or ''}".strip()
                if text:
                    docs.append(Document(row["url"], row["outlet"], text, row.get(date_key)))
    return docs


def matched_pairs(table: pd.DataFrame) -> pd.DataFrame:
    """Every pair of documents of different outlets in one story."""
    multi = table[table["n_outlets"] > 1][["doc_id", "outlet", "story_id"]]
    pairs = multi.merge(multi, on="story_id", suffixes=("_a", "_b"))
    pairs = pairs[(pairs["outlet_a"] != pairs["outlet_b"]) & (pairs["doc_id_a"] < pairs["doc_id_b"])]
    return pairs.sort_values(["story_id", "doc_id_a", "doc_id_b"]).reset_index(drop=True)


def sample_pairs(table: pd.DataFrame, n: int = N_PAIRS) -> pd.DataFrame:
    pairs = matched_pairs(table)
    rng = np.random.default_rng(SEED)
    return pairs.iloc[np.sort(rng.choice(len(pairs), size=min(n, len(pairs)), replace=False))]


def show(sample: pd.DataFrame, docs: list) -> None:
    texts = {d.doc_id: d.text for d in docs}
    for k, row in enumerate(sample.itertuples(index=False), 1):
        print(f"--- {k} story {row.story_id}")
        for side in ("a", "b"):
            doc = getattr(row, f"doc_id_{side}")
            print(f"[{getattr(row, f'outlet_{side}')}] {texts[doc][:420]!r}")


def key(doc_id: str) -> str:
    """The doc id as stored in the judgements file: 12 hex digits of its BLAKE2b digest."""
    import hashlib

    return hashlib.blake2b(doc_id.encode("utf-8"), digest_size=6).hexdigest()


def precision(corpus: str, sample: pd.DataFrame) -> list[dict]:
    from framing.analysis.stats import wilson_interval

    if not JUDGEMENTS.exists():
        return []
    judged = pd.read_csv(JUDGEMENTS, dtype=str)
    judged = judged[judged["corpus"] == corpus]
    keys = sample.assign(key_a=sample["doc_id_a"].map(key), key_b=sample["doc_id_b"].map(key))
    merged = keys.merge(judged, on=["key_a", "key_b"], how="left")
    done = int(merged["verdict"].notna().sum())
    out = []
    for name, accepted in (("same event", {"same"}), ("same event or topic", {"same", "related"})):
        hits = int(merged["verdict"].isin(accepted).sum())
        low, high = wilson_interval(hits, done)
        out.append({"criterion": name, "judged": done, "pairs": len(sample), "yes": hits,
                    "precision": hits / max(done, 1), "ci_low": float(low), "ci_high": float(high)})
    return out


def copy_summary(table: pd.DataFrame) -> pd.DataFrame:
    per = table.groupby("outlet").agg(docs=("doc_id", "size"),
                                      copies=("duplicate_of", lambda s: int((s != "").sum())))
    per["copy_rate"] = per["copies"] / per["docs"]
    return per.sort_values("copy_rate", ascending=False)


def counts_matrix(docs: list):
    """Documents × content words (clitic-stripped stems) counts, and the word names."""
    from scipy import sparse

    from framing.analysis.similarity import content_features, encode_documents, merge_encoded

    parts = [encode_documents(iter(docs[k:k + 2000])) for k in range(0, len(docs), 2000)]
    enc = merge_encoded(parts)
    feature, names = content_features(enc.types)
    cols = feature[enc.codes]
    rows = np.repeat(np.arange(len(enc.doc_ids)), enc.lengths)
    keep = cols >= 0
    matrix = sparse.csr_matrix((np.ones(int(keep.sum())), (rows[keep], cols[keep])),
                               shape=(len(enc.doc_ids), len(names)))
    matrix.sum_duplicates()
    return matrix, names, enc.doc_ids


def top_terms(docs: list, table: pd.DataFrame, outlets: tuple[str, ...], top: int) -> dict:
    from framing.analysis.controlled import log_odds_within_stories
    from framing.analysis.stats import log_odds_dirichlet
    from framing.analysis.style import hamza_variants, learn_self_names, term_kinds

    matrix, names, ids = counts_matrix(docs)
    info = table.set_index("doc_id").loc[ids]
    outlet = info["outlet"].to_numpy()
    total = np.asarray(matrix.sum(axis=0)).ravel()
    frequent = total >= 20
    multi = (info["n_outlets"] > 1).to_numpy()
    controlled = log_odds_within_stories(matrix[multi], info["story_id"].to_numpy()[multi], outlet[multi])
    self_names = learn_self_names(docs)
    variants = hamza_variants(docs)
    out = {}
    for g in outlets:
        y_g = np.asarray(matrix[outlet == g].sum(axis=0)).ravel()
        _, z_plain = log_odds_dirichlet(y_g, total - y_g, total)
        _, z_ctrl, used = controlled[g]
        rows = {}
        for label, z in (("plain", z_plain), ("controlled", z_ctrl)):
            z = np.where(frequent & np.isfinite(z), z, -np.inf)
            best = np.argsort(-z, kind="stable")[:top]
            terms = [names[i] for i in best]
            kinds = term_kinds([g] * len(terms), terms, self_names=self_names, variants=variants)
            rows[label] = [(t, float(z[i]), k) for t, i, k in zip(terms, best, kinds, strict=True)]
        out[g] = (rows, used)
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=Path, default=Path(os.environ.get("FRAMING_EVAL_DATA", DEFAULT_DATA)))
    p.add_argument("--show-sample", choices=["snn", "mayadeen"], default=None,
                   help="Print the sampled pairs of one corpus for judging, and stop.")
    p.add_argument("--top", type=int, default=12, help="Top terms per outlet (default 12).")
    args = p.parse_args()

    from framing.analysis import copies_by_outlet_pair, find_stories

    corpora = {"snn": saudinewsnet, "mayadeen": mayadeen_aljazeera}
    results = {}
    for name, load in corpora.items():
        if args.show_sample and name != args.show_sample:
            continue
        docs = load(args.data)
        t0 = time.perf_counter()
        table = find_stories(docs)
        seconds = time.perf_counter() - t0
        sample = sample_pairs(table)
        if args.show_sample:
            show(sample, docs)
            return
        results[name] = (docs, table, sample, seconds)

    print("== Story matching: precision on a random sample of matched pairs (different outlets)")
    for name, (_, table, sample, seconds) in results.items():
        rep = table.attrs["report"]
        print(f"{name}: {rep.summary()} [{seconds:.1f} s]")
        print(f"  matched pairs of different outlets: {len(matched_pairs(table)):,}")
        rows = [r for r in precision(name, sample) if r["judged"]]
        for r in rows:
            print(f"  precision ({r['criterion']}): {r['yes']}/{r['judged']} = {r['precision']:.2f} "
                  f"(Wilson 95% CI {r['ci_low']:.2f}-{r['ci_high']:.2f})")
        if not rows:
            print(f"  no verdicts in {JUDGEMENTS.name} for this corpus yet")

    for name, (_, table, _, _) in results.items():
        print(f"\n== Wire copies: {name}")
        print(copy_summary(table).to_string(float_format=lambda x: f"{x:.3f}"))
        pairs = copies_by_outlet_pair(table)
        print("\nshare of an outlet's articles in a copy set with another outlet's (top 15 pairs):")
        print(pairs[pairs["outlet"] != pairs["other"]].head(15).to_string(
            index=False, float_format=lambda x: f"{x:.3f}"))

    if "snn" in results:
        docs, table, _, _ = results["snn"]
        print("\n== SaudiNewsNet: top content words of each outlet against the others, "
              "without control (all articles) and controlled (within stories)")
        for g, (rows, used) in top_terms(docs, table, SHOWN_OUTLETS, args.top).items():
            print(f"\n{g} ({used:,} stories shared with another outlet)")
            print(f"{'without control':<34}{'controlled (within stories)':<34}")
            for (t1, z1, k1), (t2, z2, k2) in zip(rows["plain"], rows["controlled"], strict=True):
                left = f"{t1} {z1:.1f} {k1 if k1 != 'content' else ''}"
                right = f"{t2} {z2:.1f} {k2 if k2 != 'content' else ''}"
                print(f"{left:<34}{right:<34}")


if __name__ == "__main__":
    main()
