"""Benchmark: the same framing command from two installations, interleaved, as a user waits for it.

Times ``EXE ARGS...`` for each installation's ``framing`` executable (e.g. this
checkout's ``.venv/bin/framing`` and that of a checkout of an earlier commit),
whole processes (imports, reading and writing included), one run of each per
round in alternating order, and prints each side's median and range and the
ratio of each round. ``{out}`` in the arguments becomes a fresh output path
for each run.

Usage::

    uv run python bench/versions.py --exe new=.venv/bin/framing --exe old=../old/.venv/bin/framing \\
        --rounds 5 -- discover ../shared/data/saudinewsnet/articles.jsonl.gz -o {out}.csv

``--extra NAME=ARG`` adds an argument to one side only. The same work on both sides, against a
checkout from before near-copy detection and context rules (the old checkout's lexicon on
both sides, near-copies not looked for on the new one)::

    uv run python bench/versions.py --exe new=.venv/bin/framing --exe old=../old/.venv/bin/framing \\
        --extra new=--dedup --extra new=off --rounds 5 -- score FILE -l OLD_LEXICON.yaml -o {out}
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from common import run_process, summarize


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exe", action="append", required=True, metavar="NAME=PATH",
                        help="a labelled framing executable (give two or more)")
    parser.add_argument("--extra", action="append", default=[], metavar="NAME=ARG",
                        help="an argument added to the command of one installation only (repeat for "
                             "several), e.g. an option the other one does not have")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("args", nargs=argparse.REMAINDER, help="the command's arguments, after --")
    args = parser.parse_args()
    sides = dict(item.split("=", 1) for item in args.exe)
    command = [a for a in args.args if a != "--"]
    extra: dict[str, list[str]] = {name: [] for name in sides}
    for item in args.extra:
        name, _, arg = item.partition("=")
        if name not in extra:
            parser.error(f"--extra {item}: no --exe is named {name!r}")
        extra[name].append(arg)
    times: dict[str, list[float]] = {name: [] for name in sides}
    peaks: dict[str, list[float]] = {name: [] for name in sides}
    names = list(sides)
    with tempfile.TemporaryDirectory() as folder:
        for r in range(1, args.rounds + 1):
            order = names if r % 2 else names[::-1]
            for name in order:
                out = str(Path(folder) / f"{name}-{r}")
                seconds, peak = run_process([sides[name], *(a.replace("{out}", out) for a in command),
                                             *extra[name]])
                times[name].append(seconds)
                peaks[name].append(peak)
            first = times[names[0]][-1]
            print(f"round {r}: " + ", ".join(f"{n} {times[n][-1]:.2f} s" for n in names)
                  + "; " + ", ".join(f"{n}/{names[0]} {times[n][-1] / first:.3f}" for n in names[1:]),
                  flush=True)
    print(f"framing {' '.join(command)}")
    for name, added in extra.items():
        if added:
            print(f"  {name} adds: {' '.join(added)}")
    for name in names:
        peak = statistics.median(peaks[name])
        print("  " + summarize(name, times[name]) + f"; peak memory median {peak:.0f} MB")
    for name in names[1:]:
        ratios = [b / a for a, b in zip(times[names[0]], times[name], strict=True)]
        print("  " + summarize(f"{name} / {names[0]} per round", ratios, unit=""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
