"""Benchmark: the whole ``framing stories`` command on SaudiNewsNet, beside ``framing discover``.

Reads ../shared/data/saudinewsnet/articles.jsonl.gz (31k articles of 14
outlets, ~9 M word tokens; not part of the repository). Each round runs, as a
user would, ``framing stories FILE -o OUT.csv`` and ``framing discover FILE
-o OUT.csv`` (default settings, one process each unless ``--jobs``), one
after the other, alternating which goes first so that a machine whose speed
drifts weighs on both alike. For each command it reports the median and the
range of the wall-clock times over the rounds, and its peak resident memory
(the child process's ``ru_maxrss`` from ``wait4``; with ``--jobs`` above 1,
the workers' own peaks are not included).

Targets: ``framing stories`` under 60 s on 2 cores, with a peak memory below
``framing discover``'s.

Usage:  python bench/stories_speed.py [--path FILE] [--rounds 3] [--jobs 1]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import SAUDINEWSNET as DEFAULT
from common import missing


def run(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one command."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)} failed:\n{err}")
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--path", type=Path, default=DEFAULT)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--jobs", type=int, default=1)
    args = p.parse_args()
    if missing(args.path):
        sys.exit(2)
    exe = str(Path(sys.executable).with_name("framing"))
    out = Path(tempfile.mkdtemp(prefix="stories-bench-"))
    commands = {
        "stories": [exe, "stories", str(args.path), "-o", str(out / "stories.csv"), "--jobs", str(args.jobs)],
        "discover": [exe, "discover", str(args.path), "-o", str(out / "discover.csv"), "--jobs",
                     str(args.jobs)],
    }
    times: dict[str, list[float]] = {k: [] for k in commands}
    peaks: dict[str, list[float]] = {k: [] for k in commands}
    for r in range(args.rounds):
        order = list(commands) if r % 2 == 0 else list(commands)[::-1]
        for name in order:
            seconds, peak = run(commands[name])
            times[name].append(seconds)
            peaks[name].append(peak)
            print(f"round {r + 1}: {name:<8} {seconds:6.1f} s  peak {peak:6.0f} MB", flush=True)
    print(f"\n{args.path.name}, --jobs {args.jobs}, {args.rounds} rounds, {os.cpu_count()} cores")
    for name in commands:
        t, m = times[name], peaks[name]
        print(f"framing {name:<8} median {statistics.median(t):5.1f} s (range {min(t):.1f}-{max(t):.1f}), "
              f"peak memory median {statistics.median(m):.0f} MB (range {min(m):.0f}-{max(m):.0f})")


if __name__ == "__main__":
    main()
