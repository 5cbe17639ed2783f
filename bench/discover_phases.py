"""Benchmark: where the time of `discover` on an engine goes, pass by pass, for --jobs 1 and 2.

bench/scale.py gives the totals; this script explains them. Each run (a fresh
subprocess, as bench/scale.py runs them) logs the start, end and CPU time of
every task of every pass (encode, stem slices, count, rank, locate, quote),
wherever it runs, and prints per pass the tasks, the pass's wall span and
the tasks' CPU, then

* **busy**: the wall time during which at least one task runs;
* **serial**: the rest of the run, when only the main process works
  (imports, numbering the vocabulary, stemming when it is not sliced,
  ordering the table, the gaps between passes, the final table);
* **bound**: the speed-up Amdahl's law allows ``--jobs 2`` over the
  ``--jobs 1`` run with this serial time, if every task were perfectly
  parallel: ``T1 / (S + (T1 - S) / 2)``.

The stage functions are wrapped in the child process before any worker
starts, so forked workers log too (Linux; on spawn platforms only ``--jobs 1``
is logged).

Usage:  uv run python bench/discover_phases.py [--path FILE] [--jobs 1 2] [--repeat 2]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import SAUDINEWSNET as DEFAULT
from common import missing

#: The stage functions, by the module that looks them up when it runs them.
STAGES = {"run": ["encode_unit", "stem_slice", "count_stage", "rank_bucket"],
          "quoting": ["locate_stage", "quote_stage"]}


class Logged:
    """A stage function that appends its start, end and CPU time to the log (picklable: the
    workers, forked from the child, find the original function in ORIGINAL)."""

    def __init__(self, name: str, log: str) -> None:
        self.name, self.log = name, log

    def __call__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        start, cpu = time.time(), time.process_time()
        result = ORIGINAL[self.name](*args, **kwargs)
        line = json.dumps([self.name, os.getpid(), start, time.time(), time.process_time() - cpu])
        with open(self.log, "a", encoding="utf-8") as fh:  # one short append per task
            fh.write(line + "\n")
        return result


ORIGINAL: dict = {}


def child(path: str, jobs: int, log: str) -> dict:
    import importlib

    import framing
    from framing.engines import LocalEngine

    for module, names in STAGES.items():
        caller = importlib.import_module(f"framing.analysis.discovery.{module}")
        for name in names:
            ORIGINAL[name] = getattr(caller, name)
            setattr(caller, name, Logged(name, log))
    start = time.time()
    corpus = framing.read_corpus(path)
    table = framing.discover(corpus, engine=LocalEngine(jobs), show_progress=False)
    return {"start": start, "end": time.time(), "rows": len(table)}


def measure(path: Path, jobs: int) -> tuple[dict, list[list]]:
    with tempfile.TemporaryDirectory() as folder:
        log = str(Path(folder) / "tasks.jsonl")
        cmd = [sys.executable, __file__, "--child", "--path", str(path), "--jobs", str(jobs), "--log", log]
        done = subprocess.run(cmd, check=True, capture_output=True, text=True)
        run = json.loads(done.stdout.strip().splitlines()[-1])
        tasks = [json.loads(line) for line in Path(log).read_text(encoding="utf-8").splitlines()]
    return run, tasks


def busy_time(intervals: list[tuple[float, float]]) -> float:
    """Length of the union of the intervals."""
    total, end = 0.0, float("-inf")
    for a, b in sorted(intervals):
        if b > end:
            total += b - max(a, end)
            end = b
    return total


def report(jobs: int, run: dict, tasks: list[list]) -> tuple[float, float]:
    t0, wall = run["start"], run["end"] - run["start"]
    print(f"--jobs {jobs}: {wall:.2f} s, {run['rows']} rows")
    for name in (name for names in STAGES.values() for name in names):
        mine = [t for t in tasks if t[0] == name]
        if not mine:
            continue
        span = (min(t[2] for t in mine) - t0, max(t[3] for t in mine) - t0)
        print(f"  {name.strip('_'):<13} {len(mine):3d} tasks in {len({t[1] for t in mine})} process(es), "
              f"{span[0]:6.2f} -> {span[1]:6.2f} s, task CPU {sum(t[4] for t in mine):5.2f} s")
    busy = busy_time([(t[2], t[3]) for t in tasks])
    print(f"  busy {busy:.2f} s, serial {wall - busy:.2f} s")
    return wall, wall - busy


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=DEFAULT)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1, help="Rounds (each runs every --jobs once).")
    parser.add_argument("--child", action="store_true")
    parser.add_argument("--log")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(str(args.path), args.jobs[0], args.log)))
        return 0
    if missing(args.path):
        return 2
    print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at start")
    for r in range(args.repeat):
        print(f"round {r + 1}")
        results = {jobs: report(jobs, *measure(args.path, jobs)) for jobs in args.jobs}
        if 1 in results and len(results) > 1:
            t1 = results[1][0]
            for jobs, (t, s) in results.items():
                if jobs > 1:
                    bound = t1 / (s + (t1 - s) / jobs)
                    print(f"  --jobs {jobs}: {t1 / t:.2f}x --jobs 1; with its {s:.2f} s serial, "
                          f"Amdahl's bound is {bound:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
