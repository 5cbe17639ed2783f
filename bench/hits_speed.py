"""Benchmark: `framing hits --voice all -o h.parquet` against `framing score --voice all`, whole processes.

A hit table costs the matching that ``score`` does plus writing one row per
hit; this script times both commands on
../shared/data/saudinewsnet/articles.jsonl.gz (not part of the repository),
in interleaved rounds, and prints the medians, ranges, the ratio and each
process's peak memory.

Usage:  uv run python bench/hits_speed.py [--path FILE] [--repeat 5] [--framing PATH]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from common import SAUDINEWSNET as DEFAULT
from common import missing, run_process, summarize


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--framing", default=str(Path(sys.executable).with_name("framing")))
    args = parser.parse_args()
    if missing(args.path):
        return 2
    times: dict[str, list[float]] = {"hits": [], "score": []}
    peaks: dict[str, list[float]] = {"hits": [], "score": []}
    with tempfile.TemporaryDirectory() as folder:
        for r in range(1, args.repeat + 1):
            commands = (("hits", ["hits", str(args.path), "--voice", "all", "-o", f"{folder}/h.parquet"]),
                        ("score", ["score", str(args.path), "--voice", "all", "-o", f"{folder}/s"]))
            for name, cmd in commands:
                seconds, peak = run_process([args.framing, *cmd])
                times[name].append(seconds)
                peaks[name].append(peak)
            print(f"round {r}: hits {times['hits'][-1]:.2f} s ({peaks['hits'][-1]:.0f} MB), "
                  f"score {times['score'][-1]:.2f} s ({peaks['score'][-1]:.0f} MB)", flush=True)
    print(summarize("framing hits --voice all -o h.parquet", times["hits"]))
    print(summarize("framing score --voice all            ", times["score"]))
    print(f"time ratio hits / score (medians): "
          f"{statistics.median(times['hits']) / statistics.median(times['score']):.2f}")
    print(f"peak memory (median): hits {statistics.median(peaks['hits']):.0f} MB, "
          f"score {statistics.median(peaks['score']):.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
