"""Benchmark: what voice analysis costs in `framing score`, as whole commands, side by side.

Runs ``framing score FILE --voice own -o DIR`` (the default: voice analysis
decides which hits count) and ``framing score FILE --voice all -o DIR`` (no
voice analysis) as separate processes, in interleaved rounds, and reports for
each the median and range of the wall time (what a user waits for) and of
the CPU time (user + system; steadier on a shared machine). The voice share
of a round is ``own - all``; the ratio ``voice / score`` is that share over
the ``own`` time (the goal is at most 0.2).

``--before EXE`` times a second installation of ``framing`` (another
checkout's ``.venv/bin/framing``) in the same rounds, interleaved with this
one, and checks that both write the same tables. The corpus defaults to
../shared/data/saudinewsnet/articles.jsonl.gz (31k articles of 14 Saudi
outlets; not part of the repository).

Usage::

    uv run python bench/voice_speed.py [--path FILE] [--rounds 5] [--before /path/to/framing]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import SAUDINEWSNET as DEFAULT
from common import missing

VOICES = ("own", "all")


def run(exe: str, path: Path, voice: str, outdir: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one ``framing score`` process."""
    before = os.times()
    t0 = time.perf_counter()
    subprocess.run([exe, "score", str(path), "--voice", voice, "-o", str(outdir)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):6.2f}  ({min(values):.2f}-{max(values):.2f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=DEFAULT)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--framing", default=None,
                        help="The framing executable to time (default: the one next to this Python).")
    parser.add_argument("--before", default=None,
                        help="Another framing executable to time in the same rounds (e.g. main's).")
    args = parser.parse_args()
    if missing(args.path):
        return 2
    here = args.framing or str(Path(sys.executable).with_name("framing"))
    if not Path(here).exists():
        here = shutil.which("framing") or here
    sides = {"this": here} if args.before is None else {"before": args.before, "this": here}
    times: dict[tuple[str, str], list[tuple[float, float]]] = {(s, v): [] for s in sides for v in VOICES}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for r in range(args.rounds):
            # rounds alternate the order, so that neither side always runs first
            order = list(sides.items()) if r % 2 == 0 else list(sides.items())[::-1]
            for side, exe in order:
                for voice in VOICES:
                    times[(side, voice)].append(run(exe, args.path, voice, out / f"{side}-{voice}"))
            print(f"round {r + 1}: " + "  ".join(
                f"{s} {v} {times[(s, v)][-1][0]:.2f} s" for s in sides for v in VOICES), flush=True)
        same = None
        if len(sides) == 2:
            same = all((out / f"before-{v}" / name).read_bytes() == (out / f"this-{v}" / name).read_bytes()
                       for v in VOICES for name in ("documents.csv", "groups.csv"))
    print(f"\n{args.path.name}, {args.rounds} rounds; median (range) in seconds")
    for side, exe in sides.items():
        print(f"\n{side}: {exe}")
        for k, label in ((0, "wall"), (1, "cpu")):
            own = [t[k] for t in times[(side, "own")]]
            every = [t[k] for t in times[(side, "all")]]
            share = [o - a for o, a in zip(own, every, strict=True)]
            ratio = [s / o for s, o in zip(share, own, strict=True)]
            print(f"  {label:>4}  score --voice own {spread(own)}   --voice all {spread(every)}   "
                  f"voice share {spread(share)}   voice/score {statistics.median(ratio):.2f} "
                  f"({min(ratio):.2f}-{max(ratio):.2f})")
    if same is not None:
        print(f"\nsame documents.csv and groups.csv on both sides: {'yes' if same else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
