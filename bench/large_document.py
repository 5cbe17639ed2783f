"""Benchmark: one 50 MB document on one line: time and peak memory, scanned whole or in segments.

The document is the articles of ../shared/data/saudinewsnet/articles.jsonl.gz,
whitespace collapsed, joined by spaces until ``--mb`` megabytes (UTF-8), written as one
JSON Lines row to a temporary folder (deleted afterwards). Each command runs as a user
runs it (the ``framing`` command line, in a fresh process) twice per round:

* ``segments``: as installed (documents longer than
  ``framing.count.segments.SEGMENT_CHARS`` characters are matched in segments);
* ``whole``: the same code with ``SEGMENT_CHARS`` set past the document's length, so
  the matcher scans the whole text at once (what framing did before segments).

Rounds are interleaved (segments, whole, segments, whole, ...); the table gives the median
and the range of the wall time and of the peak resident memory (the largest of the
command's processes, from ``wait4``), and whether the outputs of both are identical.

Usage:  uv run python bench/large_document.py [--mb 50] [--rounds 3] [--commands score-all hits kwic]
"""

from __future__ import annotations

import argparse
import filecmp
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import SAUDINEWSNET, missing

#: name -> arguments after ``framing`` ({doc}: the input, {out}: an output path without extension).
COMMANDS = {
    "score-all": ["score", "{doc}", "--voice", "all", "-o", "{out}"],
    "score": ["score", "{doc}", "-o", "{out}"],
    "hits": ["hits", "{doc}", "-o", "{out}.csv"],
    "kwic": ["kwic", "{doc}", "المقاومة", "الاحتلال", "-o", "{out}.csv"],
}

RUNNER = """
import sys
import framing.count.segments as segments
if sys.argv[1] == "whole":
    segments.SEGMENT_CHARS = 10 ** 12
from framing.cli import main
sys.argv = ["framing", *sys.argv[2:]]
main()
"""


def make_document(source: Path, target: Path, megabytes: int) -> int:
    """Write the one-line document; return its length in characters."""
    limit = megabytes * 1_000_000
    parts: list[str] = []
    size = 0
    while size < limit:
        with gzip.open(source, "rt", encoding="utf-8") as fh:
            for line in fh:
                text = " ".join(str(json.loads(line).get("text") or "").split())
                parts.append(text)
                size += len(text.encode("utf-8")) + 1
                if size >= limit:
                    break
    text = " ".join(parts)
    with open(target, "w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "all", "outlet": "saudinewsnet", "text": text}, ensure_ascii=False))
        fh.write("\n")
    return len(text)


def run(variant: str, args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of the command (its largest process)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", RUNNER, variant, *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{variant} {' '.join(args)} failed:\n{stderr}")
    return seconds, usage.ru_maxrss / 1024


def same(a: Path, b: Path) -> bool:
    if a.is_dir():
        return all(filecmp.cmp(a / name, b / name, shallow=False) for name in sorted(os.listdir(a)))
    return filecmp.cmp(a, b, shallow=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=SAUDINEWSNET)
    parser.add_argument("--mb", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--commands", nargs="+", default=["score-all", "hits", "kwic"],
                        choices=list(COMMANDS))
    args = parser.parse_args()
    if missing(args.path):
        return 1
    with tempfile.TemporaryDirectory(prefix="framing-large-") as tmp:
        folder = Path(tmp)
        doc = folder / "one.jsonl"
        chars = make_document(args.path, doc, args.mb)
        print(f"one document: {doc.stat().st_size / 1e6:.1f} MB, {chars:,} characters, one line")
        print(f"{'command':<10} {'variant':<9} {'time s (median, range)':<26} "
              f"{'peak RSS MB (median, range)':<30} identical")
        for name in args.commands:
            results: dict[str, list[tuple[float, float]]] = {"segments": [], "whole": []}
            outs = {}
            for k in range(args.rounds):
                for variant in ("segments", "whole"):
                    out = folder / f"{name}-{variant}-{k}"
                    cmd = [a.format(doc=doc, out=out) for a in COMMANDS[name]]
                    results[variant].append(run(variant, cmd))
                    outs[variant] = out if out.exists() else out.with_suffix(".csv")
            identical = same(outs["segments"], outs["whole"])
            for variant, values in results.items():
                secs = [v[0] for v in values]
                rss = [v[1] for v in values]
                print(f"{name:<10} {variant:<9} "
                      f"{statistics.median(secs):>7.1f} ({min(secs):.1f}-{max(secs):.1f}){'':<10} "
                      f"{statistics.median(rss):>7.0f} ({min(rss):.0f}-{max(rss):.0f}){'':<14} "
                      f"{identical}", flush=True)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, {sys.platform}; "
          f"SEGMENT_CHARS as installed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
