"""Benchmark: what the bundled lexicon's context rules cost in `framing score`, whole processes.

Writes the bundled ``arabic-conflict`` lexicon with every context rule removed
(otherwise the same terms, forms and labels) to a temporary YAML file, then
times ``framing score FILE --voice V -o DIR`` with the bundled lexicon and with
that copy (``-l``), for ``--voice own`` (the default) and ``--voice all``, in
interleaved rounds (in reverse order every other round, so that no side always runs first),
and prints the medians, ranges and each round's ratio.
The corpus defaults to ../shared/data/saudinewsnet/articles.jsonl.gz (not
part of the repository).

Usage:  uv run python bench/rules_cost.py [--path FILE] [--repeat 5]
"""

from __future__ import annotations

import dataclasses
import statistics
import tempfile
from pathlib import Path

from common import command_parser, missing, run_process, summarize


def main() -> int:
    parser = command_parser(__doc__)
    args = parser.parse_args()
    if missing(args.path):
        return 2
    from framing.lexicon import load_lexicon, write_lexicon

    lexicon = load_lexicon("arabic-conflict")
    plain = dataclasses.replace(lexicon, concepts=tuple(
        dataclasses.replace(c, labels=tuple(
            dataclasses.replace(lab, terms=tuple(dataclasses.replace(t, rule=None) for t in lab.terms))
            for lab in c.labels))
        for c in lexicon.concepts))
    times: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        stripped = Path(folder) / "no_rules.yaml"
        write_lexicon(plain, stripped)
        sides = {f"{voice} {name}": (voice, extra) for voice in ("own", "all")
                 for name, extra in (("rules", []), ("no rules", ["-l", str(stripped)]))}
        times = {name: [] for name in sides}
        for r in range(1, args.repeat + 1):
            order = list(sides) if r % 2 else list(sides)[::-1]  # no side always runs first
            for name in order:
                voice, extra = sides[name]
                seconds, _ = run_process([args.framing, "score", str(args.path), "--voice", voice, *extra,
                                          "-o", f"{folder}/{name.replace(' ', '-')}"])
                times[name].append(seconds)
            print(f"round {r}: " + ", ".join(f"{n} {times[n][-1]:.2f} s" for n in sides), flush=True)
    for name in sides:
        print(summarize(f"framing score --voice {name:<12}", times[name]))
    for voice in ("own", "all"):
        ratios = [a / b for a, b in zip(times[f"{voice} rules"], times[f"{voice} no rules"], strict=True)]
        print(summarize(f"--voice {voice}: with rules / without, per round", ratios, unit=""))
        share = (statistics.median(times[f"{voice} rules"]) - statistics.median(times[f"{voice} no rules"])) \
            / statistics.median(times[f"{voice} no rules"])
        print(f"--voice {voice}: the rules add {100 * share:.1f} % (medians; target <= 5 %)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
