"""Benchmark: reading .gz corpora (zlib against ISA-L), and the matcher's batch size against memory.

1. Decompressing ../shared/data/saudinewsnet/articles.jsonl.gz line by line
   with Python's gzip (zlib) and with ISA-L's igzip (what framing uses when
   the ``isal`` package is installed); the best of ``--repeat`` runs each.
2. Peak resident memory and time of ``score`` in one process
   (``LocalEngine(1)``, the lexicon ``arabic-conflict``) on a synthetic corpus
   of two 20,000-document shards resampled from SaudiNewsNet (written to a
   temporary folder and deleted), for each ``--batch-chars`` bound of the
   matcher (``framing.match.batches.BATCH_CHARS``), each run in a fresh process.

Usage:  uv run python bench/reading.py [--repeat 3] [--batch-chars 8000000 2000000]
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import SAUDINEWSNET as DEFAULT
from common import missing
from scale import synthesise


def child(folder: str, batch_chars: int) -> dict:
    import framing.match.batches
    from framing import read_corpus
    from framing.count.scoring import score_to_folder
    from framing.engines import LocalEngine

    framing.match.batches.BATCH_CHARS = batch_chars
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as out:
        score_to_folder(read_corpus(folder), "arabic-conflict", outdir=out, engine=LocalEngine(1))
    return {"seconds": time.perf_counter() - t0,
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def time_lines(opener: object, path: Path, repeat: int) -> tuple[float, int]:
    best, lines = float("inf"), 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        with opener.open(path, "rb") as fh:  # type: ignore[attr-defined]
            lines = sum(1 for _ in fh)
        best = min(best, time.perf_counter() - t0)
    return best, lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--batch-chars", type=int, nargs="+", default=[8_000_000, 2_000_000])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.batch_chars[0])))
        return 0
    if missing(args.path):
        return 2

    seconds, lines = time_lines(gzip, args.path, args.repeat)
    print(f"gzip (zlib):    {lines:,} lines in {seconds:.2f} s (best of {args.repeat})", flush=True)
    try:
        from isal import igzip
    except ImportError:
        print("igzip (ISA-L): not installed here")
    else:
        fast, _ = time_lines(igzip, args.path, args.repeat)
        print(f"igzip (ISA-L):  {lines:,} lines in {fast:.2f} s: {seconds / fast:.1f}x faster", flush=True)

    folder = Path(tempfile.mkdtemp(prefix="framing-reading-"))
    try:
        synthesise(args.path, 40_000, 20_000, folder)
        for chars in args.batch_chars:
            for _ in range(args.repeat):
                done = subprocess.run([sys.executable, __file__, "--child", str(folder),
                                       "--batch-chars", str(chars)],
                                      check=True, capture_output=True, text=True)
                r = json.loads(done.stdout.strip().splitlines()[-1])
                print(f"score --jobs 1, 2 shards of 20,000, batches of {chars:,} characters: "
                      f"peak RSS {r['rss_mb']:,.0f} MB, {r['seconds']:.1f} s", flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
