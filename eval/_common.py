"""Shared helpers of the evaluation scripts: data location, the reference model, tables.

The evaluation data are not part of the repository (their licences forbid
redistribution). They are read from ``../shared/data`` beside the checkout,
or from the folder named by ``$FRAMING_EVAL_DATA`` or ``--data``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def parser(description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--data", type=Path, default=Path(os.environ.get("FRAMING_EVAL_DATA", DEFAULT_DATA)),
                   help="Folder holding the evaluation data sets (default: ../shared/data).")
    p.add_argument("--lexicon", default="arabic-conflict",
                   help="Lexicon for the lexicon features (default: the bundled arabic-conflict).")
    p.add_argument("--cv", type=int, default=5, help="Folds (default 5).")
    p.add_argument("--seed", type=int, default=0, help="Seed of subsampling and folds (default 0).")
    return p


def require(path: Path) -> Path:
    """Exit with status 2 and a clear message when an evaluation file is absent."""
    if not path.exists():
        sys.exit(f"error: {path} is absent. The evaluation data are not shipped with framing; "
                 "point --data (or $FRAMING_EVAL_DATA) at the folder that holds them.")
    return path


def lexicon_or_exit(name: str) -> Any:
    from framing.errors import FramingError
    from framing.lexicon import load_lexicon

    try:
        return load_lexicon(name)
    except FramingError as exc:
        sys.exit(f"error: {exc}")


def reference_model(C: float) -> Any:
    """The plain reference: word 1-2-gram TF-IDF (scikit-learn defaults) + the same classifier."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import Pipeline

    from framing.learn.pipelines import make_classifier

    return Pipeline([("tfidf", TfidfVectorizer(ngram_range=(1, 2))), ("clf", make_classifier(C))])


def table(rows: list[dict[str, Any]], columns: list[str]) -> str:
    """A plain-text table (right-aligned numbers)."""
    cells = [[_fmt(r[c]) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.rjust(w) for c, w in zip(columns, widths, strict=True))]
    lines += ["  ".join(v.rjust(w) for v, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join(lines)


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def summarise(result: Any, *, positive: str | None = None) -> list[dict[str, Any]]:
    """One row per feature set: macro-F1 mean ± sd over folds (and F1 of ``positive``)."""
    from sklearn.metrics import f1_score

    rows = []
    for name, f1 in result.fold_macro_f1.items():
        row = {"features": name, "macro_f1": float(np.mean(f1)), "sd": float(np.std(f1)),
               "accuracy": float(np.mean(result.fold_accuracy[name]))}
        if positive is not None:
            per_fold = [f1_score(result.y[test], result.predictions[name][test], pos_label=positive,
                                 average="binary", zero_division=0)
                        for _, test in result.folds]
            row["f1_" + positive] = float(np.mean(per_fold))
        rows.append(row)
    return rows


class Timer:
    def __enter__(self) -> Timer:
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.start
