"""Benchmark: `framing hits --voice all -o h.parquet` against `framing score`, whole processes.

A hit table costs the matching and the voice analysis that ``score`` does
(its default ``--voice own`` decides every hit's voice, as the ``voice``
column of ``hits`` does) plus writing one row per hit. This script times
``hits --voice all -o h.parquet``, ``score`` (default) and ``score --voice
all`` on ../shared/data/saudinewsnet/articles.jsonl.gz (not part of the
repository), in interleaved rounds, and the writing alone: a fresh process
reads the hit table back and times :func:`framing.io.write_table` writing it
again. It prints the medians, ranges, ``hits / (score + writing)`` and each
process's peak memory (the goal: at most 1).

Usage:  uv run python bench/hits_speed.py [--path FILE] [--repeat 5] [--framing PATH]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile

from common import command_parser, missing, run_process, summarize


def main() -> int:
    parser = command_parser(__doc__)
    args = parser.parse_args()
    if missing(args.path):
        return 2
    names = ("hits", "score", "score all", "writing")
    times: dict[str, list[float]] = {name: [] for name in names}
    peaks: dict[str, list[float]] = {name: [] for name in names}
    with tempfile.TemporaryDirectory() as folder:
        for r in range(1, args.repeat + 1):
            commands = (("hits", ["hits", str(args.path), "--voice", "all", "-o", f"{folder}/h.parquet"]),
                        ("score", ["score", str(args.path), "-o", f"{folder}/s"]),
                        ("score all", ["score", str(args.path), "--voice", "all", "-o", f"{folder}/a"]))
            for name, cmd in (commands if r % 2 else commands[::-1]):
                seconds, peak = run_process([args.framing, *cmd])
                times[name].append(seconds)
                peaks[name].append(peak)
            times["writing"].append(_writing(folder))
            print(f"round {r}: " + ", ".join(f"{name} {times[name][-1]:.2f} s" for name in names), flush=True)
    print(summarize("framing hits --voice all -o h.parquet", times["hits"]))
    print(summarize("framing score (--voice own)          ", times["score"]))
    print(summarize("framing score --voice all            ", times["score all"]))
    print(summarize("writing the hit table (write_table)  ", times["writing"]))
    ratios = [h / (s + w) for h, s, w in zip(times["hits"], times["score"], times["writing"], strict=True)]
    print(summarize("hits / (score + writing), per round  ", ratios, unit=""))
    print(f"peak memory (median): hits {statistics.median(peaks['hits']):.0f} MB, "
          f"score {statistics.median(peaks['score']):.0f} MB")
    return 0


WRITE = """
import sys, time
import pandas as pd
from framing.io import write_table
table = pd.read_parquet(sys.argv[1])
start = time.perf_counter()
write_table(table, sys.argv[2])
print(time.perf_counter() - start)
"""


def _writing(folder: str) -> float:
    """Seconds :func:`framing.io.write_table` takes to write the hit table ``hits`` wrote."""
    out = subprocess.run([sys.executable, "-c", WRITE, f"{folder}/h.parquet", f"{folder}/again.parquet"],
                         capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    sys.exit(main())
