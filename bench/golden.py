"""Golden outputs: every command's output on the real corpora, saved once and checked later.

``save`` runs each command below (as a user runs it: the installed ``framing``
executable, in a subprocess) on slices of the shared real corpora
(``../shared/data``, never copied into the repository) and keeps its output
files in a folder outside the repository; ``check`` runs them again and
compares each file with the saved one: byte for byte, or, where the only
difference is how floats are written, as DataFrames equal to 1e-9.

Refactoring that must not change behaviour is proven with::

    uv run python bench/golden.py save      # before
    uv run python bench/golden.py check     # after: every line says 'identical' or 'equal'

The outputs hold text of the corpora, so they stay outside the repository
(``--dir``, default ``$XDG_CACHE_HOME/framing-golden`` or ``~/.cache/framing-golden``).
"""

from __future__ import annotations

import argparse
import filecmp
import gzip
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from common import DATA, SAUDINEWSNET

MAYADEEN = DATA / "mayadeen_aljazeera" / "almayadeen_articles.jsonl.gz"
JAZEERA = DATA / "mayadeen_aljazeera" / "aljazeera_palestine_ledes.jsonl.gz"
ARMPRO = DATA / "armpro_dev" / "ArMPro_span_dev_V2.jsonl"

#: (name, arguments after ``framing``); ``{war}`` is the two-outlet slice, ``{saudi}`` SaudiNewsNet,
#: ``{armpro}`` the ArMPro paragraphs (a CSV made from them), ``{out}`` the output folder.
COMMANDS: list[tuple[str, list[str]]] = [
    ("hits-all", ["hits", "{war}", "--window", "40", "-o", "{out}/hits-all.csv"]),
    ("hits-own", ["hits", "{war}", "--voice", "own", "--window", "40", "-o", "{out}/hits-own.csv"]),
    ("hits-jobs2", ["hits", "{war}", "--jobs", "2", "--window", "40", "-o", "{out}/hits-jobs2.parquet"]),
    ("score", ["score", "{war}", "-o", "{out}/score"]),
    ("score-all", ["score", "{war}", "--voice", "all", "--by", "month", "-o", "{out}/score-all"]),
    ("score-saudi-jobs2", ["score", "{saudi}", "--jobs", "2", "-o", "{out}/score-saudi"]),
    ("compare", ["compare", "{war}", "--n-boot", "300", "--n-perm", "500", "-o", "{out}/compare"]),
    ("compare-month", ["compare", "{war}", "--by", "month", "--voice", "all", "--n-boot", "200",
                       "--n-perm", "200", "-o", "{out}/compare-month"]),
    ("discover-saudi", ["discover", "{saudi}", "-o", "{out}/discover-saudi.csv"]),
    ("discover-saudi-jobs2", ["discover", "{saudi}", "--jobs", "2", "-o", "{out}/discover-saudi-jobs2.csv"]),
    ("discover-war", ["discover", "{war}", "--max-n", "2", "--top", "50", "-o", "{out}/discover-war.csv"]),
    ("kwic", ["kwic", "{war}", "المقاومة", "الاحتلال", "إرهاب*", "-o", "{out}/kwic.csv"]),
    ("sample-hits", ["sample-hits", "{war}", "--per-label", "5", "-o", "{out}/sample.csv"]),
    ("train", ["train", "{armpro}", "--target", "technique", "--cv", "3", "-o", "{out}/train"]),
    ("lexicon-terms", ["lexicon", "show", "arabic-conflict", "--terms"]),
]

#: Files whose content changes from run to run by design (a model file's bytes).
VOLATILE = {"model.skops"}


def default_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "framing-golden"


def make_inputs(folder: Path, war_docs: int) -> dict[str, str]:
    """The inputs: a two-outlet slice of the war corpora (the first ``war_docs`` articles of each
    outlet from October 2023 on), SaudiNewsNet whole, and the ArMPro paragraphs as a CSV."""
    folder.mkdir(parents=True, exist_ok=True)
    war = folder / "war.jsonl"
    if not war.exists():
        with open(war, "w", encoding="utf-8") as out:
            for path, date_key in ((MAYADEEN, "published_time"), (JAZEERA, "date")):
                kept = 0
                with gzip.open(path, "rt", encoding="utf-8") as fh:
                    for line in fh:
                        row = json.loads(line)
                        if str(row.get(date_key, "")) < "2023-10" or kept >= war_docs:
                            continue
                        row["date"] = str(row.get(date_key))[:10]
                        row["text"] = row.get("text") or row.get("excerpt") or ""
                        out.write(json.dumps(row, ensure_ascii=False) + "\n")
                        kept += 1
    armpro = folder / "armpro.jsonl"
    if not armpro.exists():
        with open(ARMPRO, encoding="utf-8") as fh, open(armpro, "w", encoding="utf-8") as out:
            for line in fh:
                row = json.loads(line)
                techniques = {lab["technique"] for lab in row.get("labels", [])}
                loaded = "loaded" if techniques & {"Loaded_Language", "Name_Calling-Labeling"} else "other"
                out.write(json.dumps({"id": f"{row['page_id']}-{row['paragraph_id']}",
                                      "outlet": row.get("page_domain") or "unknown",
                                      "text": row["paragraph"], "technique": loaded},
                                     ensure_ascii=False) + "\n")
    return {"war": str(war), "saudi": str(SAUDINEWSNET), "armpro": str(armpro)}


def run_all(folder: Path, inputs: dict[str, str], only: set[str] | None) -> dict[str, float]:
    exe = Path(sys.executable).with_name("framing")
    folder.mkdir(parents=True, exist_ok=True)
    seconds = {}
    for name, args in COMMANDS:
        if only and name not in only:
            continue
        argv = [a.format(out=folder, **inputs) for a in args]
        t0 = time.perf_counter()
        done = subprocess.run([str(exe), *argv], capture_output=True, text=True)
        seconds[name] = time.perf_counter() - t0
        if done.returncode != 0:
            raise SystemExit(f"{name}: framing {' '.join(argv)} failed:\n{done.stderr}")
        (folder / f"{name}.stdout").write_text(done.stdout, encoding="utf-8")
        print(f"  {name:<22} {seconds[name]:6.1f} s", file=sys.stderr)
    return seconds


def _files(folder: Path) -> list[Path]:
    return sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file() and p.name not in VOLATILE)


def _as_frame(path: Path):
    import pandas as pd

    if path.suffix == ".parquet":
        return pd.read_parquet(path)
    if path.suffix == ".json":
        return pd.json_normalize(json.loads(path.read_text(encoding="utf-8")))
    return pd.read_csv(path, keep_default_na=False)


def compare(saved: Path, new: Path) -> bool:
    import pandas as pd

    ok = True
    want, got = _files(saved), _files(new)
    for rel in sorted(set(want) | set(got)):
        a, b = saved / rel, new / rel
        if rel not in got or rel not in want:
            print(f"MISSING  {rel} ({'only saved' if rel in want else 'only new'})")
            ok = False
        elif filecmp.cmp(a, b, shallow=False):
            print(f"identical {rel}")
        elif rel.suffix in (".csv", ".parquet", ".json"):
            try:
                pd.testing.assert_frame_equal(_as_frame(a), _as_frame(b), check_exact=False, rtol=1e-9,
                                              atol=1e-12)
                print(f"equal     {rel} (as tables; float formatting differs)")
            except AssertionError as exc:
                print(f"DIFFERENT {rel}: {str(exc).splitlines()[0]}")
                ok = False
        else:
            print(f"DIFFERENT {rel}")
            ok = False
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["save", "check"])
    parser.add_argument("--dir", type=Path, default=default_dir(), help="where golden outputs live")
    parser.add_argument("--war-docs", type=int, default=1500, help="articles per outlet in the war slice")
    parser.add_argument("--only", nargs="*", help="run only these commands (names in COMMANDS)")
    args = parser.parse_args()
    for path in (MAYADEEN, JAZEERA, SAUDINEWSNET, ARMPRO):
        if not path.exists():
            print(f"{path} not found: golden outputs need ../shared/data (see shared/README.md).",
                  file=sys.stderr)
            return 2
    inputs = make_inputs(args.dir / "inputs", args.war_docs)
    only = set(args.only) if args.only else None
    if args.action == "save":
        target = args.dir / "saved"
        if target.exists() and not only:
            shutil.rmtree(target)
        run_all(target, inputs, only)
        print(f"saved under {target}")
        return 0
    target = args.dir / "new"
    if target.exists():
        shutil.rmtree(target)
    run_all(target, inputs, only)
    saved = args.dir / "saved"
    if only:  # compare only what was run
        ok = True
        for name in only:
            ok &= compare_some(saved, target, name)
        return 0 if ok else 1
    return 0 if compare(saved, target) else 1


def compare_some(saved: Path, new: Path, name: str) -> bool:
    args = dict(COMMANDS)[name]
    outs = [a.split("/", 1)[1] for a in args if a.startswith("{out}/")] + [f"{name}.stdout"]
    ok = True
    for out in outs:
        a, b = saved / out, new / out
        if a.is_dir():
            ok &= compare(a, b)
        else:
            tmp_a, tmp_b = saved / ".one" / out, new / ".one" / out
            for src, dst in ((a, tmp_a), (b, tmp_b)):
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(src, dst)
            ok &= compare(saved / ".one", new / ".one")
            shutil.rmtree(saved / ".one")
            shutil.rmtree(new / ".one")
    return ok


if __name__ == "__main__":
    raise SystemExit(main())
