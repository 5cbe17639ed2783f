"""Benchmark: interrupt ``framing hits|score|discover --jobs 2`` at random moments, many times.

Each round starts one command on ../shared/data/saudinewsnet/articles.jsonl.gz (the
installed ``framing`` of this environment, in its own process group, as a shell
starts it), waits a random time, and sends a signal the way users and schedulers
do: SIGINT to the whole group (Ctrl-C in a terminal), SIGTERM to the main process
(``kill PID``), or SIGINT twice (an impatient second Ctrl-C, 0-1.5 s later). It
then records:

* **hang**: the command had not ended 30 s after the signal (it is then killed);
* **orphans**: processes of the run (the workers) still alive 2 s after it ended;
* **leftovers**: any file in the output folder (a finished output, a ``.part``
  file, an empty folder) of a run that did not finish;
* the exit status (130 for SIGINT, 143 for SIGTERM), the last line on stderr, and
  the time from the signal to the end of the command.

A round whose command finished before the signal is counted apart (its outputs
must then be complete). Prints one line per round, then a summary.

Usage:  uv run python bench/interrupt.py [--rounds 30] [--max-delay 8] [--seed 0]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
from common import SAUDINEWSNET, missing

COMMANDS = {
    "hits": ["hits", "{corpus}", "--jobs", "2", "-o", "{out}/h.parquet"],
    "score": ["score", "{corpus}", "--jobs", "2", "-o", "{out}/score"],
    "discover": ["discover", "{corpus}", "--jobs", "2", "-o", "{out}/d.csv"],
}
EXPECTED = {"hits": ["h.parquet"], "score": ["score"], "discover": ["d.csv"]}
WAYS = ("SIGINT to the group", "SIGTERM to the process", "SIGINT twice")


def framing_command() -> list[str]:
    exe = Path(sys.executable).with_name("framing")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "framing"]


def family(proc: psutil.Process) -> list[psutil.Process]:
    try:
        return proc.children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def alive(processes: list[psutil.Process]) -> list[psutil.Process]:
    out = []
    for p in processes:
        try:
            if p.is_running() and p.status() != psutil.STATUS_ZOMBIE:
                out.append(p)
        except psutil.NoSuchProcess:
            pass
    return out


def one_round(name: str, corpus: Path, delay: float, way: str, rng: random.Random) -> dict:
    out = Path(tempfile.mkdtemp(prefix="framing-interrupt-"))
    args = [a.format(corpus=corpus, out=out) for a in COMMANDS[name]]
    proc = subprocess.Popen([*framing_command(), *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)
    main = psutil.Process(proc.pid)
    seen: dict[int, psutil.Process] = {}
    deadline = time.monotonic() + delay
    while time.monotonic() < deadline and proc.poll() is None:
        for p in family(main):
            seen.setdefault(p.pid, p)
        time.sleep(0.02)
    row = {"command": name, "delay": delay, "way": way, "finished_first": proc.poll() is not None}
    sent = time.monotonic()
    if not row["finished_first"]:
        for p in family(main):
            seen.setdefault(p.pid, p)
        if way == "SIGTERM to the process":
            proc.send_signal(signal.SIGTERM)
        else:
            os.killpg(proc.pid, signal.SIGINT)
            if way == "SIGINT twice":
                time.sleep(rng.uniform(0, 1.5))
                try:
                    os.killpg(proc.pid, signal.SIGINT)
                except ProcessLookupError:
                    pass
    try:
        status = proc.wait(timeout=30)
        row["hang"] = False
    except subprocess.TimeoutExpired:
        row["hang"] = True
        os.killpg(proc.pid, signal.SIGKILL)
        status = proc.wait()
    row["stop_s"] = time.monotonic() - sent
    row["status"] = status
    stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    row["last_line"] = (stderr.strip().splitlines() or [""])[-1][:70]
    time.sleep(2)
    row["orphans"] = len(alive(list(seen.values())))
    left = sorted(p.name for p in out.iterdir())
    row["leftovers"] = [] if row["finished_first"] and left == EXPECTED[name] else left
    shutil.rmtree(out, ignore_errors=True)
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=SAUDINEWSNET)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--max-delay", type=float, default=8.0,
                        help="Longest wait before the signal (seconds; the shortest is 0.2).")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if missing(args.path):
        return 1
    rng = random.Random(args.seed)
    rows = []
    print(f"{'round':>5} {'command':<9} {'delay':>6} {'way':<23} {'status':>6} {'stop s':>7} "
          f"{'hang':>5} {'orphans':>8}  leftovers / last line")
    for k in range(args.rounds):
        name = rng.choice(list(COMMANDS))
        way = rng.choice(WAYS)
        row = one_round(name, args.path, rng.uniform(0.2, args.max_delay), way, rng)
        rows.append(row)
        print(f"{k + 1:>5} {name:<9} {row['delay']:>6.2f} {way:<23} {row['status']:>6} "
              f"{row['stop_s']:>7.2f} {row['hang']!s:>5} {row['orphans']:>8}  "
              f"{row['leftovers'] or row['last_line']}", flush=True)
    stopped = [r for r in rows if not r["finished_first"]]
    times = [r["stop_s"] for r in stopped]
    print(f"\n{len(rows)} rounds ({len(rows) - len(stopped)} finished before the signal); "
          f"hangs: {sum(r['hang'] for r in rows)}; rounds with orphaned processes: "
          f"{sum(r['orphans'] > 0 for r in rows)}; rounds with leftover outputs: "
          f"{sum(bool(r['leftovers']) for r in rows)}")
    if times:
        print(f"signal to exit: median {statistics.median(times):.2f} s, range "
              f"{min(times):.2f}-{max(times):.2f} s")
    statuses: dict[str, int] = {}
    for r in stopped:
        key = f"{r['way']}: {r['status']}"
        statuses[key] = statuses.get(key, 0) + 1
    print("exit statuses: " + ", ".join(f"{k} ({n})" for k, n in sorted(statuses.items())))
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, {sys.platform}")
    bad = sum(r["hang"] or r["orphans"] or bool(r["leftovers"]) for r in rows)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
