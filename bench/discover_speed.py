"""Benchmark: `framing discover` against scattertext, same texts, same run.

Reads ../shared/data/saudinewsnet/articles.jsonl.gz (31k articles, 14
outlets, ~9 M word tokens; not part of the repository) once into memory; the
reading is not timed for either side. Then, in the same process:

* framing: ``framing.discover(docs, by="outlet", jobs=J)`` for each ``--jobs`` J (documents
  in memory run in J threads of one process): 1–3-grams over
  normalised, clitic-stripped words, log-odds with an informative Dirichlet
  prior for every outlet against the rest, top 30 per outlet with their
  concordance lines (no lexicon, which scattertext has no counterpart for);
* scattertext: ``CorpusFromPandas(df, "outlet", "text",
  nlp=whitespace_nlp_with_sentences).build()`` (its language-independent
  tokeniser; unigrams and bigrams), then
  ``LogOddsRatioInformativeDirichletPrior`` (prior = corpus counts) for every
  outlet against the rest.

With ``--whole`` both sides are timed as a user waits for them: whole
processes, reading and imports included. framing: the command
``framing discover FILE --jobs J -o OUT.csv`` (each ``--jobs`` J); scattertext:
a Python process that reads the same file with pandas
(``read_json(lines=True)``), builds the corpus as above, computes
``get_term_freq_df()`` once and the scores for every outlet.

``--repeat`` rounds each time every side once (interleaved, so that a
machine whose speed drifts over the run weighs on both alike); the median
and the range of each side's times are printed, and each round's ratio.
The target is a ratio of at least 20.

scattertext pins scipy < 1.14, which the project's own environment cannot
take, so run this from a separate environment::

    uv venv /tmp/stbench && uv pip install --python /tmp/stbench/bin/python -e . scattertext
    /tmp/stbench/bin/python bench/discover_speed.py

Usage:  python bench/discover_speed.py [--path FILE] [--repeat 3] [--limit N] [--whole]
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

from common import SAUDINEWSNET as DEFAULT
from common import missing


def time_framing(docs: list, jobs: int = 1) -> tuple[float, object]:
    import framing

    gc.collect()  # the other side's garbage is not this side's time
    t0 = time.perf_counter()
    table = framing.discover(docs, by="outlet", top=30, lexicon=None, show_progress=False, jobs=jobs)
    return time.perf_counter() - t0, table


def time_scattertext(df: object) -> tuple[float, int]:
    import scattertext as st

    gc.collect()
    t0 = time.perf_counter()
    corpus = st.CorpusFromPandas(df, category_col="outlet", text_col="text",
                                 nlp=st.whitespace_nlp_with_sentences).build()
    freq = corpus.get_term_freq_df()
    total = freq.sum(axis=1)
    scorer = st.LogOddsRatioInformativeDirichletPrior(total)
    for category in corpus.get_categories():
        y_i = freq[f"{category} freq"]
        scorer.get_zeta_i_j_given_separate_counts(y_i, total - y_i)
    return time.perf_counter() - t0, len(freq)


SCATTERTEXT_WHOLE = """
import sys
import pandas as pd
import scattertext as st
df = pd.read_json(sys.argv[1], lines=True)
df = df[df["text"].fillna("").str.strip() != ""]
corpus = st.CorpusFromPandas(df, category_col="outlet", text_col="text",
                             nlp=st.whitespace_nlp_with_sentences).build()
freq = corpus.get_term_freq_df()
total = freq.sum(axis=1)
scorer = st.LogOddsRatioInformativeDirichletPrior(total)
for category in corpus.get_categories():
    y_i = freq[f"{category} freq"]
    scorer.get_zeta_i_j_given_separate_counts(y_i, total - y_i)
print(len(freq))
"""


def whole(args: argparse.Namespace) -> int:
    """Whole processes on both sides, interleaved rounds; median and range."""
    import statistics
    import subprocess
    import tempfile

    exe = Path(sys.executable).with_name("framing")
    times: dict[str, list[float]] = {f"framing --jobs {j}": [] for j in args.jobs}
    times["scattertext"] = []
    with tempfile.TemporaryDirectory() as folder:
        for r in range(1, args.repeat + 1):
            line = []
            for jobs in args.jobs:
                t0 = time.perf_counter()
                subprocess.run([str(exe), "discover", str(args.path), "--jobs", str(jobs), "-o",
                                f"{folder}/out.csv"], check=True, capture_output=True)
                times[f"framing --jobs {jobs}"].append(time.perf_counter() - t0)
                line.append(f"framing --jobs {jobs} {times[f'framing --jobs {jobs}'][-1]:.2f} s")
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", SCATTERTEXT_WHOLE, str(args.path)], check=True,
                           capture_output=True)
            st_time = time.perf_counter() - t0
            times["scattertext"].append(st_time)
            ratios = ", ".join(f"{st_time / times[f'framing --jobs {j}'][-1]:.1f}x (--jobs {j})"
                               for j in args.jobs)
            print(f"round {r}: {'; '.join(line)}; scattertext {st_time:.2f} s; ratio {ratios}", flush=True)
    for side, values in times.items():
        print(f"{side:<18} median {statistics.median(values):6.2f} s, "
              f"range {min(values):.2f}-{max(values):.2f} s ({len(values)} rounds, whole process)")
    s_med = statistics.median(times["scattertext"])
    for jobs in args.jobs:
        ratio = s_med / statistics.median(times[f"framing --jobs {jobs}"])
        print(f"speed ratio scattertext / framing --jobs {jobs} (medians, whole process): {ratio:.1f}x "
              f"(target >= 20x): {'PASS' if ratio >= 20 else 'FAIL'}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--limit", type=int, help="Use only the first N documents.")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2],
                        help="Time framing with each of these --jobs (documents in memory: threads).")
    parser.add_argument("--whole", action="store_true",
                        help="Time whole processes (reading and imports included) on both sides.")
    args = parser.parse_args()
    if missing(args.path):
        return 2
    try:
        import scattertext  # noqa: F401
    except ImportError:
        print("scattertext is not installed in this environment; see this script's docstring "
              "for a separate environment that has it.", file=sys.stderr)
        return 3
    if args.whole:
        return whole(args)
    import framing
    from framing.text.tokens import WORD_RE

    try:
        import pyarrow
        print(f"pyarrow {pyarrow.__version__}: framing's compiled path", flush=True)
    except ImportError:  # an environment made before pyarrow was a dependency
        print("pyarrow is NOT installed here: framing falls back to its pure-Python path "
              "(reinstall with the command in this script's docstring)", flush=True)

    t0 = time.perf_counter()
    docs = list(framing.read_corpus(args.path))
    if args.limit:
        docs = docs[:args.limit]
    tokens = sum(len(WORD_RE.findall(d.text)) for d in docs)
    outlets = len({d.outlet for d in docs})
    print(f"read {len(docs):,} documents, {outlets} outlets, {tokens:,} word tokens "
          f"in {time.perf_counter() - t0:.1f} s (not timed below)", flush=True)

    import pandas as pd

    df = pd.DataFrame({"outlet": [d.outlet for d in docs], "text": [d.text for d in docs]})
    # Rounds interleave the two sides, so that a machine that slows down or speeds up over the
    # run (a shared virtual machine does) weighs on both alike; the best of each side counts.
    times: dict[object, list[float]] = {jobs: [] for jobs in args.jobs}
    times["scattertext"] = []
    rows = n_terms = 0
    for r in range(1, args.repeat + 1):
        line = []
        for jobs in args.jobs:
            seconds, table = time_framing(docs, jobs)
            times[jobs].append(seconds)
            rows = len(table)
            line.append(f"framing --jobs {jobs} {seconds:.2f} s")
        seconds, n_terms = time_scattertext(df)
        times["scattertext"].append(seconds)
        ratios = ", ".join(f"{seconds / times[jobs][-1]:.1f}x (--jobs {jobs})" for jobs in args.jobs)
        print(f"round {r}: {'; '.join(line)}; scattertext {seconds:.2f} s; ratio {ratios}", flush=True)
    best = {side: min(values) for side, values in times.items()}  # in memory: the best of each side
    for jobs in args.jobs:
        print(f"framing discover --jobs {jobs}:  best of {args.repeat}: {best[jobs]:6.2f} s "
              f"({tokens / best[jobs]:,.0f} tokens/s; {rows:,} rows)")
    s_time = best["scattertext"]
    print(f"scattertext build + scores: best of {args.repeat}: {s_time:6.2f} s "
          f"({tokens / s_time:,.0f} tokens/s; {n_terms:,} terms; one process)")
    for jobs in args.jobs:
        ratio = s_time / best[jobs]
        print(f"speed ratio scattertext / framing --jobs {jobs}: {ratio:.1f}x (target >= 20x): "
              f"{'PASS' if ratio >= 20 else 'FAIL'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
