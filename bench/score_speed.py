"""Benchmark: `framing score` against scikit-learn's CountVectorizer, same texts, same run.

Reads ../shared/data/saudinewsnet/articles.jsonl.gz (31k articles, ~7 M
tokens; not part of the repository). Both sides are timed end to end from the
compressed file: framing reads, tokenises, normalises, matches the bundled
lexicon clitic-aware and counts per outlet; the reference reads the same
texts with the same reader and runs ``CountVectorizer().fit_transform``.
Each measurement runs in a fresh subprocess so its peak memory (max RSS) is
its own. Peak memory of framing is also measured on 1/4, 1/2 and all of the
corpus to show it stays flat.

With ``--reference DIR`` (another checkout of framing with its own ``.venv``,
e.g. the main branch before a change), the same measurements run with that
checkout's code and its bundled lexicon too, interleaved with this one's in
every round, and the ratio of the medians is printed: how a change moves the
time a user waits for ``framing score``.

Usage:  uv run python bench/score_speed.py [--path FILE] [--repeat 3] [--reference DIR]
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import SAUDINEWSNET as DEFAULT
from common import missing


def run_one(mode: str, path: str, limit: int | None) -> dict:
    import framing
    from framing.count.scoring import score_to_folder

    t0 = time.perf_counter()
    corpus = framing.read_corpus(path)
    docs = itertools.islice(corpus, limit) if limit else corpus
    if mode.startswith("framing"):
        voice = "own" if mode == "framing-own" else "all"
        groups = score_to_folder(docs, "arabic-conflict", voice=voice, show_progress=False)
        hits = int(groups["hits"].sum())
        tokens = int(groups.groupby("group")["n_tokens"].first().sum())
        out = {"hits": hits, "tokens": tokens}
    else:
        from sklearn.feature_extraction.text import CountVectorizer

        texts = [d.text for d in docs]
        matrix = CountVectorizer().fit_transform(texts)
        out = {"tokens": int(matrix.sum()), "vocabulary": matrix.shape[1]}
    out["seconds"] = time.perf_counter() - t0
    usage = resource.getrusage(resource.RUSAGE_SELF)
    out["cpu_seconds"] = usage.ru_utime + usage.ru_stime  # the process's own work, whole run
    out["max_rss_mb"] = usage.ru_maxrss / 1024
    return out


def measure(mode: str, path: Path, limit: int | None = None, reference: Path | None = None) -> dict:
    python = sys.executable
    if mode.startswith("reference-"):  # the same child, run by the reference checkout's Python
        python = str(reference / ".venv" / "bin" / "python")
        mode = mode.removeprefix("reference-")
    cmd = [python, __file__, "--child", mode, "--path", str(path)]
    if limit:
        cmd += ["--limit", str(limit)]
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", choices=["framing", "framing-own", "countvectorizer"])
    parser.add_argument("--limit", type=int)
    parser.add_argument("--reference", type=Path, default=None, metavar="DIR",
                        help="Another framing checkout (with its .venv) to time in the same rounds.")
    parser.add_argument("--no-memory", action="store_true",
                        help="Skip the peak-memory runs on 1/4, 1/2 and all of the corpus.")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.child, str(args.path), args.limit)))
        return 0
    if missing(args.path):
        return 2
    modes: tuple[str, ...] = ("framing", "framing-own", "countvectorizer")
    if args.reference:  # this checkout against the reference; CountVectorizer is not needed
        modes = ("framing", "reference-framing", "framing-own", "reference-framing-own")
    # Rounds interleave the modes, so a slow spell of a shared machine hits all of them.
    runs: dict[str, list[dict]] = {mode: [] for mode in modes}
    for _ in range(args.repeat):
        for mode in modes:
            runs[mode].append(measure(mode, args.path, reference=args.reference))
    best = {}
    for mode in modes:
        seconds = [r["seconds"] for r in runs[mode]]
        best[mode] = sorted(runs[mode], key=lambda r: r["seconds"])[len(seconds) // 2]
        cpu = [r["cpu_seconds"] for r in runs[mode]]
        extra = f", hits {best[mode]['hits']:,}" if "hits" in best[mode] else ""
        print(f"{mode:>22}: median of {args.repeat}: {statistics.median(seconds):.2f} s "
              f"(range {min(seconds):.2f}-{max(seconds):.2f}); CPU {statistics.median(cpu):.2f} s "
              f"(range {min(cpu):.2f}-{max(cpu):.2f}); peak RSS {best[mode]['max_rss_mb']:.0f} MB, "
              f"tokens {best[mode]['tokens']:,}{extra}")
    if args.reference:
        for mode in ("framing", "framing-own"):
            for key, what in (("seconds", "wall"), ("cpu_seconds", "CPU")):
                ours = statistics.median(r[key] for r in runs[mode])
                theirs = statistics.median(r[key] for r in runs[f"reference-{mode}"])
                print(f"{mode}: this checkout / reference = {ours / theirs:.3f} ({what} time, medians)")
        return 0
    f, o, c = best["framing"], best["framing-own"], best["countvectorizer"]
    print(f"framing tokens/s: {f['tokens'] / f['seconds']:,.0f}  (hits, all voices: {f['hits']:,}; "
          f"own voice: {o['hits']:,})")
    print(f"time ratio framing score --voice all / CountVectorizer: {f['seconds'] / c['seconds']:.2f} "
          "(target <= 1.0)")
    print(f"time ratio framing score --voice own (default, adds quotation analysis) / CountVectorizer: "
          f"{o['seconds'] / c['seconds']:.2f}")
    if args.no_memory:
        return 0
    total = 31030
    print("peak memory of framing score by corpus size (flat = streaming):")
    for frac in (4, 2, 1):
        r = measure("framing", args.path, total // frac)
        print(f"  {total // frac:>6} docs: {r['max_rss_mb']:.0f} MB ({r['seconds']:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
