"""Benchmark: throughput and peak memory of `score` and `discover` with --jobs 1 and --jobs 2.

Two corpora:

* ../shared/data/saudinewsnet/articles.jsonl.gz (31k articles, one file: the
  main process reads it and hands chunks of 1,000 documents to the workers);
* a synthetic corpus of ``--synthetic`` documents (default 1,000,000) made
  by resampling SaudiNewsNet's records with replacement (each given a new
  id), written as ``.jsonl.gz`` shards of ``--shard-size`` documents to a
  temporary folder under $TMPDIR, read by the workers themselves, and
  deleted at the end (never commit it).

Each measurement runs in a fresh subprocess: wall time, tokens per second
(word tokens of the corpus, from `score`), and peak resident memory of the
main process and of the largest worker (``ru_maxrss``; with --jobs 2 the
machine holds the main process plus two workers), CPU seconds of the main
process and of the workers, and the load average before the run (other
processes on the machine slow a run down: use --repeat and read the best). `score` writes
documents.csv and groups.csv to a temporary folder; `discover` runs with
its defaults (top 30, 1-3-grams).

Usage:  uv run python bench/scale.py [--synthetic 1000000] [--jobs 1 2] [--commands score discover]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import SAUDINEWSNET as DEFAULT
from common import missing


def child(command: str, path: str, jobs: int) -> dict:
    import framing
    from framing.engines import LocalEngine

    engine = LocalEngine(jobs)
    corpus = framing.read_corpus(path)
    t0 = time.perf_counter()
    out: dict = {}
    if command == "score":
        from framing.count.scoring import score_to_folder

        with tempfile.TemporaryDirectory() as folder:
            groups = score_to_folder(corpus, "arabic-conflict", outdir=folder, engine=engine)
            out["csv_mb"] = os.path.getsize(Path(folder) / "documents.csv") / 2**20
        out["tokens"] = int(groups.groupby("group")["n_tokens"].first().sum())
        out["hits"] = int(groups["hits"].sum())
    else:
        table = framing.discover(corpus, engine=engine)
        out["rows"] = len(table)
        out["first"] = f"{table['group'].iloc[0]}: {table['term'].iloc[0]} z={table['z'].iloc[0]:.2f}"
    out["seconds"] = time.perf_counter() - t0
    out["documents"] = corpus.report.documents
    me, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    out["rss_main_mb"] = me.ru_maxrss / 1024
    out["rss_worker_mb"] = workers.ru_maxrss / 1024
    out["cpu_main_s"] = me.ru_utime + me.ru_stime
    out["cpu_workers_s"] = workers.ru_utime + workers.ru_stime
    return out


def measure(command: str, path: Path, jobs: int) -> dict:
    """One run in a fresh subprocess, with the load average before it."""
    cmd = [sys.executable, __file__, "--child", command, "--path", str(path), "--jobs", str(jobs)]
    load = os.getloadavg()[0]
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return {**json.loads(done.stdout.strip().splitlines()[-1]), "load": load}


def synthesise(source: Path, n: int, shard_size: int, folder: Path, seed: int = 0) -> None:
    """Resample ``source``'s records into ``folder``/part-NNNNN.jsonl.gz (new ids ``syn-K``)."""
    with gzip.open(source, "rt", encoding="utf-8") as fh:
        lines = [line.rstrip("\n") for line in fh if line.strip()]
    rng = random.Random(seed)
    for shard, start in enumerate(range(0, n, shard_size)):
        with gzip.open(folder / f"part-{shard:05d}.jsonl.gz", "wt", encoding="utf-8", compresslevel=1) as out:
            for k in range(start, min(n, start + shard_size)):
                line = lines[rng.randrange(len(lines))]
                out.write(f'{{"id": "syn-{k}", {line[1:]}\n')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=DEFAULT)
    parser.add_argument("--synthetic", type=int, default=1_000_000,
                        help="Documents of the synthetic corpus (0: skip it).")
    parser.add_argument("--shard-size", type=int, default=20_000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--synthetic-jobs", type=int, nargs="+", default=None,
                        help="--jobs for the synthetic corpus (default: the same as --jobs).")
    parser.add_argument("--commands", nargs="+", default=["score", "discover"], choices=["score", "discover"])
    parser.add_argument("--repeat", type=int, default=1,
                        help="Rounds on SaudiNewsNet (each runs every --jobs once); the fastest is shown.")
    parser.add_argument("--child", choices=["score", "discover"])
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, str(args.path), args.jobs[0])))
        return 0
    if missing(args.path):
        return 2
    print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at start")
    tokens: dict[str, int] = {}
    corpora = [("saudinewsnet", args.path, args.jobs)]
    folder = None
    try:
        if args.synthetic:
            folder = Path(tempfile.mkdtemp(prefix="framing-synthetic-"))
            t0 = time.perf_counter()
            synthesise(args.path, args.synthetic, args.shard_size, folder)
            size = sum(p.stat().st_size for p in folder.iterdir()) / 2**20
            took = time.perf_counter() - t0
            print(f"synthetic corpus: {args.synthetic:,} documents resampled from {args.path.name} into "
                  f"{len(list(folder.iterdir()))} shards, {size:,.0f} MB gz, in {took:.0f} s")
            corpora.append((f"synthetic {args.synthetic:,}", folder, args.synthetic_jobs or args.jobs))
        for name, path, jobs_list in corpora:
            for command in args.commands:
                # Rounds interleave the --jobs settings, so that a machine whose speed drifts over
                # the run (a shared virtual machine's does) weighs on each alike; the fastest
                # run of each counts (other processes only ever slow a run down).
                runs: dict[int, list[dict]] = {jobs: [] for jobs in jobs_list}
                for r in range(args.repeat if name == "saudinewsnet" else 1):
                    for jobs in jobs_list:
                        runs[jobs].append(measure(command, path, jobs))
                    if len(jobs_list) > 1 and args.repeat > 1:
                        times = [runs[jobs][-1]["seconds"] for jobs in jobs_list]
                        each = ", ".join(f"--jobs {j} {runs[j][-1]['seconds']:.1f} s" for j in jobs_list)
                        print(f"{name:>20} {command:<8} round {r + 1}: {each}; {times[0] / times[-1]:.2f}x",
                              flush=True)
                base = None
                for jobs in jobs_list:
                    r = min(runs[jobs], key=lambda run: run["seconds"])
                    if command == "score":
                        tokens[name] = r["tokens"]
                    # tokens are counted by `score`: without it in --commands, no rate
                    rate = f", {tokens[name] / r['seconds']:,.0f} tokens/s" if name in tokens else ""
                    speed = f", {base / r['seconds']:.2f}x --jobs {jobs_list[0]}" if base else ""
                    base = base or r["seconds"]
                    print(f"{name:>20} {command:<8} --jobs {jobs}: {r['documents']:,} docs, "
                          f"{r['seconds']:7.1f} s{rate}{speed}; peak RSS main "
                          f"{r['rss_main_mb']:,.0f} MB, largest worker {r['rss_worker_mb']:,.0f} MB; CPU "
                          f"main {r['cpu_main_s']:.0f} s + workers {r['cpu_workers_s']:.0f} s; load "
                          f"{r['load']:.1f} before", flush=True)
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
