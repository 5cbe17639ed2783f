"""Score, compare and discover a sharded corpus on a SLURM cluster with Dask.

    pip install 'framing[dask]' dask-jobqueue
    python examples/slurm_dask.py /scratch/news/shards -o results/ --workers 40 \\
        --queue normal --account my-project --memory 8GB

The script starts a dask-jobqueue ``SLURMCluster`` (one single-threaded
worker per SLURM job), asks for ``--workers`` jobs, runs ``framing score``,
``compare`` and ``discover`` on that cluster and writes every table to
``-o``. Start it on a login node (or in a small SLURM job of its own): it is
the Dask client; the work runs in the worker jobs.

``--scheduler tcp://HOST:8786`` joins a cluster that is already running
instead, and ``--local`` uses a LocalCluster on this machine: the same code
path without SLURM, used to test this script (``tests/test_dask.py``).

Shards: a folder of ``.jsonl.gz`` or ``.parquet`` files, ideally 10,000 to
100,000 documents each (one shard is one task; see docs/cluster.md), on a
file system that every node can read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shards", type=Path, help="Folder of .jsonl.gz / .parquet shards.")
    parser.add_argument("-o", "--output", type=Path, required=True, help="Folder for the tables.")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--scheduler", help="Join this running scheduler (tcp://HOST:8786).")
    where.add_argument("--local", action="store_true", help="A LocalCluster on this machine.")
    parser.add_argument("--workers", type=int, default=4, help="Workers (SLURM jobs).")
    parser.add_argument("--queue", default=None, help="SLURM partition.")
    parser.add_argument("--account", default=None, help="SLURM account.")
    parser.add_argument("--memory", default="8GB", help="Memory per worker job.")
    parser.add_argument("--walltime", default="04:00:00", help="Walltime per worker job.")
    parser.add_argument("--lexicon", default="arabic-conflict")
    parser.add_argument("--by", default="outlet")
    parser.add_argument("--n-boot", type=int, default=2000)
    parser.add_argument("--n-perm", type=int, default=5000)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--skip-bad-shards", action="store_true")
    return parser.parse_args(argv)


def start_cluster(args: argparse.Namespace) -> tuple[Any, str | None]:
    """``(cluster to close at the end or None, scheduler address or None)``."""
    if args.scheduler:
        return None, args.scheduler
    if args.local:
        from distributed import LocalCluster

        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               dashboard_address=":0")
        return cluster, cluster.scheduler_address
    from dask_jobqueue import SLURMCluster  # pip install dask-jobqueue

    cluster = SLURMCluster(
        cores=1, processes=1, memory=args.memory, walltime=args.walltime, queue=args.queue,
        account=args.account,
        # Each worker job spills to node-local scratch, not the shared file system.
        local_directory="$TMPDIR",
    )
    cluster.scale(jobs=args.workers)
    return cluster, cluster.scheduler_address


def main(argv: list[str] | None = None) -> int:
    import framing
    from framing.count.scoring import score_to_folder
    from framing.engines import DaskEngine
    from framing.io.write import write_table, write_tables

    args = parse(argv)
    cluster, address = start_cluster(args)
    try:
        engine = DaskEngine(address, skip_bad_shards=args.skip_bad_shards)
        with engine:
            corpus = framing.read_corpus(args.shards)
            score_to_folder(corpus, args.lexicon, by=args.by, outdir=args.output, engine=engine)
            print(corpus.report.summary(), file=sys.stderr)
            result = framing.compare(corpus, args.lexicon, by=args.by, n_boot=args.n_boot,
                                     n_perm=args.n_perm, engine=engine)
            write_tables({f"{name}.csv": table for name, table in result.tables.items()}, args.output)
            table = framing.discover(corpus, by=args.by, top=args.top, lexicon=args.lexicon, engine=engine)
            write_table(table, args.output / "discover.csv")
    finally:
        if cluster is not None:
            cluster.close()
    print(f"wrote documents, groups, copies, stance, shares, rates, pairwise and discover tables to "
          f"{args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
