"""Benchmark: `framing score` against reading + scikit-learn's CountVectorizer, whole processes.

Reads ../shared/data/saudinewsnet/articles.jsonl.gz (31k articles, ~7 M
tokens; not part of the repository). Both sides are timed as a user waits
for them, in fresh processes, imports and reading included:

* ``framing score FILE -o DIR`` with the default ``--voice own`` and with
  ``--voice all`` (reading, tokenising, normalising, clitic-aware matching of
  the bundled lexicon, counting per outlet, writing ``documents.csv`` and
  ``groups.csv``);
* the reference: a Python process that reads the same texts with
  ``framing.read_corpus`` and runs ``CountVectorizer().fit_transform``.

Rounds interleave the three (a shared machine's speed drifts over a run);
each side's median and range are printed, with each round's ratios and the
peak memory of each process.

With ``--before EXE`` another installation of framing (e.g. a checkout of an
earlier commit with its own ``.venv``) is timed in the same rounds, and the
ratio of each round is printed.

Usage:  uv run python bench/score_speed.py [--path FILE] [--repeat 5] [--framing PATH] [--before EXE]
"""

from __future__ import annotations

import sys
import tempfile

from common import command_parser, missing, run_process, summarize

REFERENCE = """
import sys
import framing
from sklearn.feature_extraction.text import CountVectorizer
texts = [d.text for d in framing.read_corpus(sys.argv[1])]
CountVectorizer().fit_transform(texts)
"""


def main() -> int:
    parser = command_parser(__doc__)
    parser.add_argument("--before", default=None, metavar="EXE",
                        help="another installation's framing executable (e.g. a checkout of an earlier "
                             "commit), timed in the same rounds")
    args = parser.parse_args()
    if missing(args.path):
        return 2
    sides = {"own": (args.framing, "own"), "all": (args.framing, "all")}
    if args.before:
        sides |= {"before own": (args.before, "own"), "before all": (args.before, "all")}
    times: dict[str, list[float]] = {**{key: [] for key in sides}, "reference": []}
    peaks: dict[str, list[float]] = {key: [] for key in times}
    with tempfile.TemporaryDirectory() as folder:
        for r in range(1, args.repeat + 1):
            for key, (exe, voice) in sides.items():
                seconds, peak = run_process([exe, "score", str(args.path), "--voice", voice,
                                             "-o", f"{folder}/{key.replace(' ', '-')}"])
                times[key].append(seconds)
                peaks[key].append(peak)
            seconds, peak = run_process([sys.executable, "-c", REFERENCE, str(args.path)])
            times["reference"].append(seconds)
            peaks["reference"].append(peak)
            ref = times["reference"][-1]
            print(f"round {r}: score --voice own {times['own'][-1]:.2f} s, "
                  f"--voice all {times['all'][-1]:.2f} s, reference {ref:.2f} s; "
                  f"ratios {times['own'][-1] / ref:.2f} (own), "
                  f"{times['all'][-1] / ref:.2f} (all)", flush=True)
    import statistics

    ref = statistics.median(times["reference"])
    print(summarize("framing score --voice own (default)", times["own"]))
    print(summarize("framing score --voice all          ", times["all"]))
    print(summarize("read + CountVectorizer             ", times["reference"]))
    for voice in ("own", "all"):
        print(f"time ratio score --voice {voice} / reference (medians): "
              f"{statistics.median(times[voice]) / ref:.2f} (target <= 1.0)")
    voice_share = [(o - a) / o for o, a in zip(times["own"], times["all"], strict=True)]
    print(summarize("voice share of score, (own - all) / own", voice_share, unit=""))
    if args.before:
        for voice in ("own", "all"):
            print(summarize(f"framing score --voice {voice}, --before", times[f"before {voice}"]))
            ratios = [x / y for x, y in zip(times[voice], times[f"before {voice}"], strict=True)]
            print(summarize(f"time ratio --voice {voice} / --before, per round", ratios, unit=""))
    print("peak memory (median): "
          + ", ".join(f"{key} {statistics.median(v):.0f} MB" for key, v in peaks.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
