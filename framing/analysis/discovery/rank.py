"""Scoring and ranking n-grams: log-odds with an informative Dirichlet prior, top rows per group."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np

from ...errors import FramingError
from ..stats import log_odds_dirichlet

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["check_settings", "compared_groups", "order_rows", "ranked_keys", "score_grams", "top_rows"]


def check_settings(top: int | None, min_count: int, max_n: int, window: int, alpha0: float | None) -> None:
    if top is not None and (not isinstance(top, (int, np.integer)) or top < 1):
        raise FramingError(f"The 'top' parameter must be a positive integer or None. Got {top!r} instead.")
    if not isinstance(min_count, (int, np.integer)) or min_count < 1:
        raise FramingError(f"The 'min_count' parameter must be an integer >= 1. Got {min_count!r} instead.")
    if max_n not in (1, 2, 3):
        raise FramingError(f"The 'max_n' parameter must be 1, 2 or 3. Got {max_n!r} instead.")
    if not isinstance(window, (int, np.integer)) or window < 0:
        raise FramingError(f"The 'window' parameter must be an integer >= 0. Got {window!r} instead.")
    if alpha0 is not None and not alpha0 > 0:
        raise FramingError(f"The 'alpha0' parameter must be > 0. Got {alpha0!r} instead.")


def compared_groups(seen: Iterable[str], pair: tuple[str, str] | None) -> list[str]:
    """The groups to compare (sorted), or an error for a bad ``pair`` or fewer than two groups."""
    names = sorted(set(seen))
    if pair is not None:
        for name in pair:
            if name not in names:
                raise FramingError(
                    f"--pair group {name!r} not found; groups are: {', '.join(names[:20])}."
                )
        if pair[0] == pair[1]:
            raise FramingError(f"--pair needs two different groups; got {pair[0]!r} twice.")
        names = sorted(pair)
    if len(names) < 2:
        raise FramingError(
            f"discover compares groups, but found only {names[0] if names else 'no'} group; "
            "group by another column (--by) or add documents of other groups."
            if names else "no documents to compare; check the input and its text column."
        )
    return names


def score_grams(grams: np.ndarray, table: np.ndarray, totals: np.ndarray, n_groups: int, *,
                 top: int | None, min_count: int, alpha0: float | None) -> list[Any]:
    """The ``top`` rows per group (every tie at the cut) of some n-grams of one length.

    ``totals`` are the group totals of every n-gram of that length, so any subset of the
    n-grams (a bucket of :mod:`framing.analysis.discovery.run`) gets the same z as in the
    whole table.
    """
    import pandas as pd

    all_total = float(totals.sum())
    frequent = table.sum(axis=1) >= min_count
    grams, table = grams[frequent], table[frequent]
    if not len(grams):
        return []
    corpus_count = table.sum(axis=1)
    a0 = all_total if alpha0 is None else float(alpha0)
    prior = a0 * corpus_count / all_total
    parts = []
    for gi in range(n_groups):
        y_i = table[:, gi]
        y_j = corpus_count - y_i
        n_i = float(totals[gi])
        # An n-gram that is every n-gram of its length in the compared documents (a toy corpus)
        # has no log-odds: its z is NaN, ranked last, without a warning.
        with np.errstate(divide="ignore", invalid="ignore"):
            _, z = log_odds_dirichlet(y_i, y_j, prior, n_i=n_i, n_j=all_total - n_i, a0=a0)
        rows = top_rows(z, top)
        parts.append(pd.DataFrame({
            "gi": gi, "gram": [tuple(g) for g in grams[rows].tolist()], "z": z[rows],
            "count_group": y_i[rows], "count_rest": y_j[rows],
        }))
    return parts


def order_rows(parts: list[Any], stem_names: list[str], top: int | None) -> pd.DataFrame:
    """Rows of :func:`score_grams` (in any order) sorted by group, decreasing z and stems; ``top``
    per group."""
    import pandas as pd

    table = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(
        columns=["gi", "gram", "z", "count_group", "count_rest"])
    # Order by the stems' text with Python's comparison (code points, as UTF-8 bytes would
    # order them), which also takes text that has no UTF-8 form (a lone surrogate).
    keys = [" ".join(stem_names[w] for w in g) for g in table["gram"]]
    rank = {key: r for r, key in enumerate(sorted(set(keys)))}
    key_rank = np.fromiter(map(rank.__getitem__, keys), dtype=np.int64, count=len(keys))
    order = np.lexsort([key_rank, -table["z"].to_numpy(dtype=float), table["gi"].to_numpy(dtype=np.int64)])
    table = table.iloc[order]
    if top is not None:
        table = table.groupby("gi", sort=False).head(top)
    return table


def ranked_keys(table: Any) -> list[tuple[int, tuple[int, ...]]]:
    return list(zip(table["gi"].tolist(), table["gram"], strict=True))


def top_rows(z: np.ndarray, top: int | None) -> np.ndarray:
    """Indices of the ``top`` largest z, with every tie at the cut (broken later by term)."""
    if top is None or top >= len(z):
        return np.arange(len(z))
    cut = np.partition(z, len(z) - top)[len(z) - top]
    return np.flatnonzero(z >= cut)
