"""Candidate terms for every concept of a lexicon, from the shared news corpora, for reading.

Reads Al Mayadeen (full text), Al Jazeera (titles and ledes) and SaudiNewsNet
(titles and text) from ``../shared/data`` (not part of the repository), builds
one word space over the three (:func:`framing.lexicon.build_word_space`,
grouped by outlet) and writes the ``--top`` candidates of each concept into one
CSV for a scholar to fill (``decision``) and merge with ``framing lexicon merge``.
The output holds corpus text: write it outside the repository.

Usage::

    uv run python eval/suggest_candidates.py -o /tmp/candidates.csv [--top 12]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from _common import DEFAULT_DATA, require

CORPORA = [  # path under the data folder, text column
    ("mayadeen_aljazeera/almayadeen_articles.jsonl.gz", "text"),
    ("mayadeen_aljazeera/aljazeera_palestine_ledes.jsonl.gz", "excerpt"),
    ("saudinewsnet/articles.jsonl.gz", "text"),
]


def documents(data: Path) -> Iterator:
    import framing

    for rel, text_col in CORPORA:
        yield from framing.read_corpus(require(data / rel), text_col=text_col, id_col="url",
                                       title_col="title")


def main() -> int:
    import pandas as pd

    from framing.lexicon import build_word_space, load_lexicon, suggest_terms

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", type=Path, default=DEFAULT_DATA)
    p.add_argument("--lexicon", default="arabic-conflict")
    p.add_argument("--top", type=int, default=12, help="Candidates per concept (default 12).")
    p.add_argument("--min-count", type=int, default=20)
    p.add_argument("-o", "--output", type=Path, required=True)
    args = p.parse_args()
    lexicon = load_lexicon(args.lexicon)
    t0 = time.perf_counter()
    space = build_word_space(list(documents(args.data)), min_count=args.min_count)
    print(f"word space: {len(space.doc_starts) - 1:,} documents, {len(space.tokens):,} words, "
          f"{len(space.targets):,} with vectors ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    tables = []
    for concept in lexicon.concepts:
        table = suggest_terms(space, lexicon, concept=concept.id, top=args.top)
        tables.append(table)
        print(f"{concept.id}: {' '.join(table['term'])}", file=sys.stderr)
    pd.concat(tables, ignore_index=True).to_csv(args.output, index=False)
    print(f"candidates written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
