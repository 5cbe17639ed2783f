"""Benchmark: what near-copy detection (``--dedup``) costs ``framing score``, and how its copies agree.

Reads ../shared/data/saudinewsnet/articles.jsonl.gz (31k articles of 14 outlets; not part of
the repository).

Speed, whole processes as a user waits for them (imports, reading and writing included),
rounds interleaved, median and range of each side, and each round's ratio:

* ``framing score FILE -o DIR`` of this working tree: the default ``--dedup flag`` sketches
  every document in the counting pass and finds the near-copies at the end;
* the same command of ``--reference`` (default ``b06aa39``, the last commit without near-copy
  detection), run from a ``git archive`` of that commit with this environment's packages;
* ``--dedup keep-first``, which reads the corpus once more to find the copies first.

With ``--discover``, the same for ``framing discover FILE -o terms.csv`` (this tree's default:
near-copies flagged in the reading pass, house-style kinds gathered there too and the ranking
asked for content terms) against the reference's.

Agreement: the near-copies ``framing score`` reports (``copies.csv``, and per document through
the Python API) against ``framing stories`` (``duplicate_of``, ``--copies``) on the same corpus;
and the sampled rule (one 4-gram in four) against the same rule on every 4-gram, the cost of
sampling.

Usage:  uv run python bench/dedup_speed.py [--path FILE] [--repeat 5] [--reference REF] [--voice own]
        uv run python bench/dedup_speed.py --discover --skip-agreement
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from common import SAUDINEWSNET as DEFAULT
from common import missing, run_process, summarize

ROOT = Path(__file__).resolve().parents[1]


def export(ref: str, folder: Path) -> Path:
    """The package of commit ``ref``, extracted under ``folder`` (for ``PYTHONPATH``)."""
    archive = folder / "ref.tar"
    subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", "-o", str(archive), ref, "framing"],
                   check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(folder / "ref", filter="data")
    return folder / "ref"


def speed(args: argparse.Namespace, folder: Path) -> None:
    reference = export(args.reference, folder)
    here = [sys.executable, "-c", "from framing.cli import main; main()"]
    env_ref = {**os.environ, "PYTHONPATH": str(reference)}
    env_here = {**os.environ, "PYTHONPATH": str(ROOT)}
    if args.discover:
        common = ["discover", str(args.path)]
        sides = {
            f"reference {args.reference}": (here + common + ["-o", f"{folder}/ref.csv"], env_ref),
            "--dedup flag (default)": (here + common + ["-o", f"{folder}/flag.csv"], env_here),
            "--dedup keep-first": (here + common + ["--dedup", "keep-first", "-o", f"{folder}/kf.csv"],
                                   env_here),
        }
    else:
        common = ["score", str(args.path), "--voice", args.voice]
        sides = {
            f"reference {args.reference}": (here + common + ["-o", f"{folder}/ref-out"], env_ref),
            "--dedup flag (default)": (here + common + ["-o", f"{folder}/flag-out"], env_here),
            "--dedup keep-first": (here + common + ["--dedup", "keep-first", "-o", f"{folder}/kf-out"],
                                   env_here),
        }
    times: dict[str, list[float]] = {name: [] for name in sides}
    peaks: dict[str, list[float]] = {name: [] for name in sides}
    for r in range(1, args.repeat + 1):
        for name, (cmd, env) in sides.items():
            seconds, peak = run_process(cmd, env=env)
            times[name].append(seconds)
            peaks[name].append(peak)
        ref, flag, kf = (times[name][-1] for name in sides)
        print(f"round {r}: reference {ref:.2f} s, flag {flag:.2f} s ({flag / ref:.3f}x), "
              f"keep-first {kf:.2f} s ({kf / ref:.3f}x)", flush=True)
    what = "discover" if args.discover else f"score {args.path.name} --voice {args.voice}"
    print(f"\nframing {what} -o OUT, {args.repeat} interleaved rounds:")
    for name in sides:
        print("  " + summarize(name, times[name]) + f"; peak memory median "
              f"{sorted(peaks[name])[len(peaks[name]) // 2]:.0f} MB")
    ratios = [f / r for f, r in zip(times["--dedup flag (default)"], times[f"reference {args.reference}"],
                                    strict=True)]
    print("  " + summarize("flag / reference, per round", ratios, unit="x"))


def agreement(args: argparse.Namespace, folder: Path) -> None:
    import numpy as np
    import pandas as pd

    import framing
    from framing.count.copies import DocumentSketches, sort_pairs
    from framing.count.dedup import CopyCollector
    from framing.text.shingles import sketch_texts

    exe = [sys.executable, "-c", "from framing.cli import main; main()"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    t0 = time.perf_counter()
    subprocess.run(exe + ["stories", str(args.path), "-o", f"{folder}/stories.csv", "--copies",
                          f"{folder}/stories-pairs.csv"], check=True, env=env, capture_output=True)
    print(f"\nframing stories: {time.perf_counter() - t0:.1f} s")
    subprocess.run(exe + ["score", str(args.path), "--voice", "all", "-o", f"{folder}/score"], check=True,
                   env=env, capture_output=True)
    pairs_stories = pd.read_csv(f"{folder}/stories-pairs.csv")
    pairs_score = pd.read_csv(f"{folder}/score/copies.csv")
    same = pairs_stories.equals(pairs_score)
    print(f"copies per pair of outlets: 'framing score' copies.csv {'equals' if same else 'DIFFERS FROM'} "
          f"'framing stories --copies' ({len(pairs_score)} rows)")
    stories = pd.read_csv(f"{folder}/stories.csv", keep_default_na=False, dtype={"doc_id": str,
                                                                                  "duplicate_of": str})
    copies = framing.score(str(args.path), voice="all").copies.table()
    merged = stories.merge(copies, on="doc_id", suffixes=("_stories", "_score"))
    agree = (merged["duplicate_of_stories"] == merged["duplicate_of_score"]).mean()
    n_copies = int((copies["duplicate_of"] != "").sum())
    print(f"per document: {len(merged):,} documents, {n_copies:,} near-copies; duplicate_of equal in "
          f"{agree:.2%} of documents")

    # The sampled rule against the same rule on every 4-gram (min_shingles scaled by the sample rate).
    docs = list(framing.read_corpus(str(args.path)))
    results = {}
    for rate in (4, 1):
        collector = CopyCollector()
        for start in range(0, len(docs), 1000):
            unit = docs[start:start + 1000]
            sketch = sketch_texts([d.text for d in unit], sample=rate)
            hashes, owners = sort_pairs(sketch.hashes >> np.uint64(24), sketch.text, len(unit))
            collector.add(DocumentSketches([d.doc_id for d in unit], [d.outlet for d in unit],
                                           [d.date for d in unit], hashes, owners))
        results[rate] = collector.find(min_shingles=8 * 4 // rate).table()
    sampled, exact = (results[r].set_index("doc_id")["duplicate_of"] for r in (4, 1))
    both = ((sampled != "") & (exact != "")).sum()
    print(f"sampled rule (1 in 4) against every 4-gram: {int((sampled != '').sum()):,} and "
          f"{int((exact != '').sum()):,} near-copies; {both:,} in both "
          f"({both / max(int((exact != '').sum()), 1):.1%} of the exact ones), same original for "
          f"{int(((sampled == exact) & (exact != '')).sum()):,}; documents with the same verdict: "
          f"{((sampled != '') == (exact != '')).mean():.2%}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--reference", default="b06aa39", help="a commit without near-copy detection")
    parser.add_argument("--voice", default="own", choices=["own", "all"])
    parser.add_argument("--discover", action="store_true", help="time framing discover instead of score")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-agreement", action="store_true")
    args = parser.parse_args()
    if missing(args.path):
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        if not args.skip_speed:
            speed(args, Path(tmp))
        if not args.skip_agreement:
            agreement(args, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
