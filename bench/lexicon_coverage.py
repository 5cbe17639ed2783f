"""Coverage of the bundled lexicon on the real news in ../shared/data (not distributed).

For every term of ``arabic-conflict`` (with its forms), count the documents
of each corpus in which the matcher finds it (all voices), then print a
per-concept table, the terms that never occur, and (with ``--write-card``)
replace the "Coverage on shared data" section of the lexicon's data card.

Usage:  uv run python bench/lexicon_coverage.py [--write-card]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
CORPORA = {
    "Al Mayadeen (full text)": (DATA / "mayadeen_aljazeera" / "almayadeen_articles.jsonl.gz", {}),
    "Al Jazeera (title + lede)": (DATA / "mayadeen_aljazeera" / "aljazeera_palestine_ledes.jsonl.gz",
                                  {"text_col": "excerpt"}),
    "SaudiNewsNet (full text)": (DATA / "saudinewsnet" / "articles.jsonl.gz", {}),
}
CARD = ROOT / "framing" / "lexicons" / "arabic_conflict.md"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-card", action="store_true")
    args = parser.parse_args()
    missing = [str(p) for p, _ in CORPORA.values() if not p.exists()]
    if missing:
        print(f"missing data: {', '.join(missing)}; this script needs ../shared/data.", file=sys.stderr)
        return 2
    import framing
    from framing.match.matcher import Matcher

    matcher = Matcher("arabic-conflict")
    lexicon = matcher.lexicon
    docs_with: dict[str, Counter[tuple[str, str, str]]] = {}
    n_docs: dict[str, int] = {}
    for name, (path, options) in CORPORA.items():
        counter: Counter[tuple[str, str, str]] = Counter()
        corpus = framing.read_corpus(path, **options)
        n = 0
        for doc in corpus:
            n += 1
            seen = {(matcher.terms[m.term].concept, matcher.terms[m.term].label, matcher.terms[m.term].term)
                    for m in matcher.find(doc.text)}
            counter.update(seen)
        docs_with[name], n_docs[name] = counter, n
        print(f"{name}: {n:,} documents, {len(counter):,} distinct terms found", file=sys.stderr)

    per_concept: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    never = []
    for term in lexicon.terms:
        key = (term.concept, term.label, term.text)
        total = sum(c[key] for c in docs_with.values())
        per_concept[term.concept][0] += 1
        per_concept[term.concept][1] += total > 0
        if total == 0:
            never.append(f"{term.concept}/{term.label}: «{term.text}»")
    names = list(CORPORA)
    lines = [
        f"Measured with `uv run python bench/lexicon_coverage.py` (framing {framing.__version__}, "
        f"lexicon {lexicon.version}): documents containing each term (any voice), matched by the "
        "toolkit's own clitic-aware matcher. \"term-documents\" sums, over the concept's terms, the "
        "documents containing each term.",
        "",
        "| corpus | documents | terms found |",
        "|---|---|---|",
    ]
    for name in names:
        lines.append(f"| {name} | {n_docs[name]:,} | {len(docs_with[name]):,} of {len(lexicon.terms)} |")
    lines += ["", "| concept | terms | found in at least one corpus | "
              + " | ".join(f"term-documents: {n.split(' (')[0]}" for n in names) + " |",
              "|---|---|---|" + "---|" * len(names)]
    for concept in lexicon.concepts:
        total, found = per_concept[concept.id]
        docs = [sum(v for (c, _, _), v in docs_with[n].items() if c == concept.id) for n in names]
        lines.append(f"| {concept.id} | {total} | {found} | " + " | ".join(f"{d:,}" for d in docs) + " |")
    lines += ["", f"Terms found in none of the three corpora ({len(never)}): "
              + ("; ".join(never) if never else "none") + "."]
    text = "\n".join(lines)
    print(text)
    if args.write_card:
        card = CARD.read_text(encoding="utf-8")
        head, _, rest = card.partition("## Coverage on shared data")
        _, _, tail = rest.partition("\n## ")
        CARD.write_text(f"{head}## Coverage on shared data\n\n{text}\n\n## {tail}", encoding="utf-8")
        print(f"updated {CARD}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
