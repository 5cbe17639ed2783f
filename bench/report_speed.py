"""Benchmark: `framing report` against `framing compare` on the same corpus, whole commands.

Reads ../shared/data/saudinewsnet/articles.jsonl.gz (31k articles of 14 Saudi outlets,
2015; not part of the repository). Each round runs both commands as a user would (a fresh
``python -m framing`` process each, reading the compressed file, writing its outputs to a
temporary folder), in alternating order, so a slow spell of a shared machine hits both.
Reported: wall time and CPU time (user + system) of each command, per round and as median
and range, and the report/compare ratio of each round; then the page's size and the time
Debian's Chromium takes to open it (load event, and the explorer ready to use), over
several openings in fresh browser contexts.

Usage:  uv run python bench/report_speed.py [--path FILE] [--rounds 3] [--opens 5] [--no-same-story]
        [--date-col date_extracted] [--time week]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import SAUDINEWSNET as DEFAULT
from common import missing


def run(args: list[str]) -> dict[str, float]:
    """Run ``python -m framing ARGS``: wall seconds, CPU seconds, peak RSS (MB)."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "framing", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"framing {' '.join(args)} failed:\n{err}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024}


def spread(values: list[float]) -> str:
    return f"median {statistics.median(values):.1f} (range {min(values):.1f}-{max(values):.1f})"


def open_times(page: Path, opens: int) -> tuple[list[float], list[float]]:
    """Milliseconds to the load event and to the explorer's readiness, per opening."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    loads, ready = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        for _ in range(opens):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            tab = context.new_page()
            tab.goto(page.as_uri(), wait_until="load", timeout=120_000)
            tab.wait_for_function("document.documentElement.dataset.explorer", timeout=120_000)
            timing = tab.evaluate("""() => [performance.getEntriesByType('navigation')[0].loadEventEnd,
                (performance.getEntriesByName('framing-ready')[0] || {startTime: NaN}).startTime]""")
            loads.append(timing[0])
            ready.append(timing[1])
            context.close()
        browser.close()
    return loads, ready


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=DEFAULT)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--opens", type=int, default=5)
    parser.add_argument("--date-col", default="date_extracted")
    parser.add_argument("--time", default="week", choices=["week", "month", "year"])
    parser.add_argument("--no-same-story", action="store_true",
                        help="time the report without its same-story section (one reading less)")
    args = parser.parse_args()
    if missing(args.path):
        return 2
    common = [str(args.path), "--date-col", args.date_col]
    print(f"machine: {platform.platform(terse=True)}, Python {platform.python_version()}, "
          f"{os.cpu_count()} cores, load average at start {os.getloadavg()[0]:.1f}")
    print(f"compare: framing compare {' '.join(common)} -o DIR")
    print(f"report:  framing report {' '.join(common)} --time {args.time}"
          f"{' --no-same-story' if args.no_same_story else ''} -o DIR/report.html")
    work = Path(tempfile.mkdtemp(prefix="report_speed."))
    rows = []
    try:
        for k in range(args.rounds):
            out = work / f"round{k}"
            jobs = {"compare": ["compare", *common, "-o", str(out / "compare")],
                    "report": ["report", *common, "--time", args.time,
                               *(["--no-same-story"] if args.no_same_story else []),
                               "-o", str(out / "report.html")]}
            order = ["compare", "report"] if k % 2 == 0 else ["report", "compare"]
            result = {name: run(jobs[name]) for name in order}
            rows.append(result)
            c, r = result["compare"], result["report"]
            print(f"round {k + 1} ({' then '.join(order)}): compare {c['wall']:.1f} s wall / "
                  f"{c['cpu']:.1f} s CPU, report {r['wall']:.1f} s / {r['cpu']:.1f} s; ratio wall "
                  f"{r['wall'] / c['wall']:.2f}, CPU {r['cpu'] / c['cpu']:.2f}; peak RSS compare "
                  f"{c['rss']:.0f} MB, report {r['rss']:.0f} MB", flush=True)
        for name in ("compare", "report"):
            print(f"{name:>8}: wall {spread([x[name]['wall'] for x in rows])} s, "
                  f"CPU {spread([x[name]['cpu'] for x in rows])} s")
        ratios = [x["report"]["wall"] / x["compare"]["wall"] for x in rows]
        cpu = [x["report"]["cpu"] / x["compare"]["cpu"] for x in rows]
        print(f"report / compare: wall median {statistics.median(ratios):.2f} (range {min(ratios):.2f}-"
              f"{max(ratios):.2f}), CPU median {statistics.median(cpu):.2f} (range {min(cpu):.2f}-"
              f"{max(cpu):.2f}); target <= 2")
        page = work / "round0" / "report.html"
        folder = page.parent
        size = page.stat().st_size
        beside = sum(f.stat().st_size for d in ("report_tables", "report_figures")
                     for f in (folder / d).iterdir())
        print(f"page: {size / 1e6:.1f} MB (target <= 15 MB); tables and figures beside it: "
              f"{beside / 1e6:.1f} MB")
        loads, ready = open_times(page, args.opens)
        print(f"open in Chromium ({args.opens} fresh contexts): load event {spread(loads)} ms, explorer "
              f"ready {spread(ready)} ms (target < 3000 ms)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
