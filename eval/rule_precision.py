"""Precision of the bundled lexicon's context rules, judged by reading random hits.

For each term with a context rule (or the terms named with ``--terms``), every
occurrence in the shared real corpora is found with the lexicon's matcher:
Al Mayadeen (full text), Al Jazeera (title + lede) and SaudiNewsNet (title +
text), read from ``../shared/data`` (not part of the repository). Then:

``sample``
    draws ``--n`` admitted hits per term at random (``--seed``), prints them
    as concordance lines and writes a sheet (``--sheet``, outside the
    repository: it holds corpus text) with an empty ``correct`` column: 1 when
    the hit names the referent its label says, 0 otherwise. ``--rejected``
    draws the occurrences the rule rejected instead (to see what it costs).
``score``
    reads judgements (``--judgements``, default ``eval/rule_judgements.csv``:
    term, corpus, doc_id, start, end, sample, correct; no corpus text) and
    prints, per rule, how many occurrences it admitted and rejected in the
    corpora, its precision on the admitted sample with a Wilson 95 % interval
    (``correct`` = 1: the hit names the referent of its label in its sense),
    and how many of the rejected sample had that sense after all (``correct``
    = 1 there: a wrong rejection), after checking that every judged hit is
    still produced by the current lexicon.

Usage::

    uv run python eval/rule_precision.py sample --sheet /tmp/rules.csv
    uv run python eval/rule_precision.py score
"""

from __future__ import annotations

import csv
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from _common import DEFAULT_DATA, require

JUDGEMENTS = Path(__file__).with_name("rule_judgements.csv")
CORPORA = {  # name: (path under the data folder, text column)
    "almayadeen": ("mayadeen_aljazeera/almayadeen_articles.jsonl.gz", "text"),
    "aljazeera": ("mayadeen_aljazeera/aljazeera_palestine_ledes.jsonl.gz", "excerpt"),
    "saudinewsnet": ("saudinewsnet/articles.jsonl.gz", "text"),
}
WINDOW = 80


def collect(data: Path, lexicon: Any, terms: set[str], rejected: bool) -> list[dict[str, Any]]:
    """Every admitted (or rejected) occurrence of ``terms`` in the corpora, with its context."""
    import framing
    from framing.match import Matcher, document_batches

    matcher = Matcher(lexicon)
    wanted = {i for i, info in enumerate(matcher.terms) if info.term in terms}
    rows: list[dict[str, Any]] = []
    for name, (rel, text_col) in CORPORA.items():
        corpus = framing.read_corpus(require(data / rel), text_col=text_col, id_col="url",
                                     title_col="title")
        for batch in document_batches(corpus):
            texts = [d.text for d in batch]
            if rejected:
                found = [[(r.start, r.end, r.term, r.reason) for r in rs]
                         for rs in matcher.scan_rejected(texts)]
            else:
                found = [[(m.start, m.end, m.term, "") for m in ms]
                         for _, ms in matcher.scan_many(texts)]
            for doc, hits in zip(batch, found, strict=True):
                for start, end, t, reason in hits:
                    if t not in wanted:
                        continue
                    info = matcher.terms[t]
                    text = doc.text
                    rows.append({
                        "term": info.term, "label": f"{info.concept}/{info.label}",
                        "rule": info.rule, "corpus": name, "doc_id": doc.doc_id,
                        "start": start, "end": end, "reason": reason,
                        "left": " ".join(text[max(0, start - WINDOW):start].split()),
                        "match": text[start:end],
                        "right": " ".join(text[end:end + WINDOW].split()),
                    })
    return rows


def ruled_terms(lexicon: Any) -> list[str]:
    return [t.text for t in lexicon.terms if t.rule]


def sample(args: Any) -> int:
    from framing.lexicon import load_lexicon

    lexicon = load_lexicon(args.lexicon)
    terms = args.terms or ruled_terms(lexicon)
    rows = collect(args.data, lexicon, set(terms), args.rejected)
    by_term: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_term.setdefault(row["term"], []).append(row)
    drawn = []
    for term in terms:
        found = by_term.get(term, [])
        per_corpus = Counter(r["corpus"] for r in found)
        kind = "rejected" if args.rejected else "admitted"
        print(f"\n## {term}  ({len(found)} {kind}: "
              f"{', '.join(f'{c} {n}' for c, n in per_corpus.items())})")
        if found:
            print(f"rule: {found[0]['rule']}")
        rng = random.Random(f"{args.seed}:{term}:{kind}")
        chosen = rng.sample(found, min(args.n, len(found)))
        for k, row in enumerate(chosen, 1):
            row["sample"] = kind
            drawn.append(row)
            reason = f"  ({row['reason']})" if row["reason"] else ""
            print(f"{k:>3} {row['corpus'][:5]}  {row['left'][-60:]} [{row['match']}] "
                  f"{row['right'][:60]}{reason}")
    if args.sheet:
        columns = ["term", "label", "rule", "corpus", "doc_id", "start", "end", "sample", "reason",
                   "left", "match", "right", "correct"]
        with open(args.sheet, "w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, columns, extrasaction="ignore")
            writer.writeheader()
            for row in drawn:
                writer.writerow({**row, "correct": ""})
        print(f"\nsheet for judging written to {args.sheet}", file=sys.stderr)
    return 0


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if n == 0:
        return float("nan"), float("nan")
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def score(args: Any) -> int:
    from framing.lexicon import load_lexicon

    lexicon = load_lexicon(args.lexicon)
    with open(args.judgements, encoding="utf-8") as fh:
        judged = list(csv.DictReader(fh))
    order = [t.text for t in lexicon.terms]
    terms = sorted({r["term"] for r in judged}, key=order.index)
    current: dict[tuple[str, ...], dict[str, Any]] = {}
    totals: Counter[tuple[str, str]] = Counter()
    for kind in ("admitted", "rejected"):
        for row in collect(args.data, lexicon, set(terms), kind == "rejected"):
            current[(kind, row["corpus"], row["doc_id"], str(row["start"]), str(row["end"]))] = row
            totals[(row["term"], kind)] += 1
    stale = [r for r in judged if (r["sample"], r["corpus"], r["doc_id"], r["start"], r["end"])
             not in current]
    by_text = {t.text: t for t in lexicon.terms}
    print(f"lexicon {lexicon.name} {lexicon.version}, content hash {lexicon.content_hash()}")
    print("| term | label | hits admitted | rejected | precision (admitted sample) | 95 % interval "
          "| intended sense among rejected (sample) |")
    print("|---|---|---|---|---|---|---|")
    for term in terms:
        t = by_text[term]
        cells = []
        for kind in ("admitted", "rejected"):
            rows = [r for r in judged if r["term"] == term and r["sample"] == kind]
            k = sum(int(r["correct"]) for r in rows)
            lo, hi = wilson(k, len(rows))
            cells.append((k, len(rows), lo, hi))
        (k, n, lo, hi), (kr, nr, _, _) = cells
        print(f"| «{term}» | {t.concept}/{t.label} | {totals[(term, 'admitted')]:,} | "
              f"{totals[(term, 'rejected')]:,} | {k}/{n} = {k / n:.2f} | {lo:.2f}–{hi:.2f} | "
              f"{kr}/{nr} |")
    print()
    for term in terms:
        print(f"- «{term}»: `{by_text[term].rule}`")
    if stale:
        print(f"\n{len(stale)} judged hits are no longer produced by this lexicon "
              "(re-draw with 'sample').", file=sys.stderr)
        return 1
    return 0


def main() -> int:
    import argparse

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("action", choices=["sample", "score"])
    p.add_argument("--data", type=Path, default=DEFAULT_DATA)
    p.add_argument("--lexicon", default="arabic-conflict")
    p.add_argument("--terms", nargs="*", help="Terms to sample (default: every ruled term).")
    p.add_argument("--n", type=int, default=50, help="Hits drawn per term (default 50).")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--rejected", action="store_true", help="Draw rejected occurrences instead.")
    p.add_argument("--sheet", type=Path, help="Write the drawn hits here for judging (CSV).")
    p.add_argument("--judgements", type=Path, default=JUDGEMENTS)
    args = p.parse_args()
    return sample(args) if args.action == "sample" else score(args)


if __name__ == "__main__":
    sys.exit(main())
