"""What the benchmarks share: where the project's shared real corpora live (``../shared/data``,
next to the repository; never copied into it), and what to say when one is missing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
#: SaudiNewsNet: 31k articles of 14 Saudi outlets (2015), one .jsonl.gz file.
SAUDINEWSNET = DATA / "saudinewsnet" / "articles.jsonl.gz"


def command_parser(doc: str, *, repeat: int = 5) -> argparse.ArgumentParser:
    """The options every benchmark of ``framing`` commands takes: ``--path`` (the corpus,
    default SaudiNewsNet), ``--repeat`` (rounds) and ``--framing`` (the executable timed)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--path", type=Path, default=SAUDINEWSNET)
    parser.add_argument("--repeat", type=int, default=repeat)
    parser.add_argument("--framing", default=str(Path(sys.executable).with_name("framing")),
                        help="the framing executable to time (default: this environment's)")
    return parser


def missing(path: Path) -> bool:
    """Whether the corpus a benchmark needs is absent (saying so, and what to do, on stderr)."""
    if path.exists():
        return False
    print(f"{path} not found: this benchmark needs ../shared/data/saudinewsnet "
          "(see shared/README.md); pass --path to use another corpus.", file=sys.stderr)
    return True


def run_process(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Run ``cmd`` to its end: ``(wall seconds, peak RSS of that process in MB)``, as a user waits
    for it (imports, reading and writing included). The process's output is discarded; ``env``
    replaces the environment."""
    import os
    import subprocess
    import time

    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def summarize(label: str, values: list[float], unit: str = "s") -> str:
    """``label: median M unit (range A-B, N rounds)``."""
    import statistics

    return (f"{label}: median {statistics.median(values):.2f} {unit} "
            f"(range {min(values):.2f}-{max(values):.2f}, {len(values)} rounds)")
