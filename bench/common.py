"""What the benchmarks share: where the project's shared real corpora live (``../shared/data``,
next to the repository; never copied into it), and what to say when one is missing."""

from __future__ import annotations

import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
#: SaudiNewsNet: 31k articles of 14 Saudi outlets (2015), one .jsonl.gz file.
SAUDINEWSNET = DATA / "saudinewsnet" / "articles.jsonl.gz"


def missing(path: Path) -> bool:
    """Whether the corpus a benchmark needs is absent (saying so, and what to do, on stderr)."""
    if path.exists():
        return False
    print(f"{path} not found: this benchmark needs ../shared/data/saudinewsnet "
          "(see shared/README.md); pass --path to use another corpus.", file=sys.stderr)
    return True
