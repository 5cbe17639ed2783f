"""``discover --control stories``: n-grams ranked by their log-odds *within* stories.

The counting pass is the one of :func:`framing.discover`, with one change:
the group of a document is its **cell**, the pair (story, group), and only the
documents of stories that two or more of the compared groups covered are
counted (a story one group covered alone compares nothing). Each bucket of
n-grams is then ranked from the cells' counts (:func:`rank_cells`): for each
group *g* and n-gram *w*, one stratum per story *s* that *g* shares with
another group, with *g*'s count of *w* in *s* (``y_iws``), the other groups'
count in *s* (``y_jws``) and the totals of the n-grams of that length
(``n_is``, ``n_js``); the stratified log-odds of
:func:`framing.analysis.stats.log_odds_stratified` pools the strata
(Mantel–Haenszel, each stratum smoothed toward its own counts), and z ranks
the n-grams. ``count_group`` and ``count_rest`` are the two sides' counts
summed over those stories.

So an n-gram that only marks which stories a group covers (its agenda)
scores about 0, and one it prefers within the same stories keeps a large z.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ...engines import load
from ...errors import FramingError
from ..stats import log_odds_stratified
from .ngrams import MergedCounts, keys_fit
from .rank import top_rows

__all__ = ["CellSetup", "cells_of", "compact_stems", "rank_cells"]


def cells_of(doc_ids: list[str], doc_groups: list[str], stories: Any, names: list[str]
             ) -> tuple[dict[str, int], np.ndarray, np.ndarray, int]:
    """Number the (story, group) cells of the stories two or more compared groups covered.

    Returns ``(cell of each doc_id counted, story of each cell, group index of each cell,
    documents the stories table does not list)``.
    """
    import pandas as pd

    known = dict(zip(stories["doc_id"].astype(str), stories["story_id"].astype(str), strict=True))
    gindex = {g: i for i, g in enumerate(names)}
    frame = pd.DataFrame({"doc": doc_ids, "group": doc_groups})
    frame = frame[frame["group"].isin(gindex)]
    frame["story"] = frame["doc"].map(known)
    unlisted = int(frame["story"].isna().sum())
    frame = frame.dropna(subset=["story"])
    shared = frame.groupby("story")["group"].nunique()
    frame = frame[frame["story"].isin(shared.index[shared >= 2])]
    cell_keys = frame[["story", "group"]].drop_duplicates().sort_values(["story", "group"])
    cell_index = {k: i for i, k in enumerate(zip(cell_keys["story"], cell_keys["group"], strict=True))}
    doc_cell = {d: cell_index[(s, g)] for d, s, g in zip(frame["doc"], frame["story"], frame["group"],
                                                           strict=True)}
    story_codes = pd.factorize(cell_keys["story"])[0].astype(np.int64)
    group_codes = cell_keys["group"].map(gindex).to_numpy(dtype=np.int64)
    return doc_cell, story_codes, group_codes, unlisted


def compact_stems(form_stem: np.ndarray, stop: np.ndarray, kept: np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The stems renumbered so that only the kept ones (frequent enough) have ids of their own.

    Returns ``(form → new stem id, stop, kept, new id → old stem id)``; every stem not kept
    becomes the one id ``K`` (never counted), which keeps the n-gram keys of many cells small.
    """
    old = np.flatnonzero(kept)
    k = len(old)
    new_of = np.full(len(kept), k, dtype=np.int32)
    new_of[old] = np.arange(k, dtype=np.int32)
    new_form = np.where(form_stem >= 0, new_of[np.maximum(form_stem, 0)], -1).astype(np.int32)
    new_stop = np.append(stop[old], False)
    new_kept = np.append(np.ones(k, dtype=bool), False)
    return new_form, new_stop, new_kept, old


@dataclass
class CellSetup:
    """What ranking a bucket by cells needs (sent once per worker)."""

    n_stems: int
    n_cells: int
    cell_story: np.ndarray
    cell_group: np.ndarray
    n_groups: int
    totals: list[np.ndarray]  # n-grams of each length per cell, over the whole corpus
    top: int | None
    min_count: int
    old_stem: np.ndarray  # compact stem id -> stem id


def check_cells(n_stems: int, max_n: int, n_cells: int) -> None:
    """Refuse a key space that does not fit in 64 bits (too many cells and words)."""
    if n_cells and not keys_fit(n_stems, max_n, n_cells):
        raise FramingError(f"--control stories: {n_stems:,} frequent words and {n_cells:,} story cells "
                           "are too many to count 3-grams; use --max-n 2 or a higher --min-count.")


def rank_cells(handles: list[Any], setup: CellSetup) -> list[Any]:
    """Sum one bucket's cell counts over every unit and keep each group's top rows (stratified z)."""
    import pandas as pd
    from scipy import sparse

    merged = [MergedCounts(n, setup.n_stems, setup.n_cells) for n in range(1, len(setup.totals) + 1)]
    none = np.zeros(setup.n_cells, dtype=np.int64)
    for handle in handles:
        for acc, (keys, counts, picked) in zip(merged, load(handle), strict=True):
            acc.add(keys, counts, none, picked)
    parts = []
    n_stories = int(setup.cell_story.max()) + 1 if len(setup.cell_story) else 0
    to_story = sparse.csr_matrix((np.ones(setup.n_cells), (setup.cell_story, np.arange(setup.n_cells))),
                                 shape=(n_stories, setup.n_cells))
    for acc, totals in zip(merged, setup.totals, strict=True):
        grams, row, cell, count = acc.sparse(setup.min_count)
        if not len(grams):
            continue
        matrix = sparse.csr_matrix((count.astype(np.float64), (cell, row)), shape=(setup.n_cells, len(grams)))
        story_counts = (to_story @ matrix).tocsr()
        story_totals = to_story @ totals.astype(np.float64)
        for gi in range(setup.n_groups):
            mine = np.flatnonzero(setup.cell_group == gi)
            if not len(mine):
                continue
            y_i = matrix[mine]
            y_j = story_counts[setup.cell_story[mine]] - y_i
            n_i = totals[mine].astype(np.float64)
            n_j = story_totals[setup.cell_story[mine]] - n_i
            with np.errstate(divide="ignore", invalid="ignore"):
                _, z, _ = log_odds_stratified(y_i, y_j, n_i=n_i, n_j=n_j)
            z = np.where(np.isfinite(z), z, -np.inf)
            rows = top_rows(z, setup.top)
            counts_i = np.asarray(y_i.sum(axis=0)).ravel()
            counts_j = np.asarray(y_j.sum(axis=0)).ravel()
            used = counts_i[rows] + counts_j[rows] > 0
            rows = rows[used]
            parts.append(pd.DataFrame({
                "gi": gi, "gram": [tuple(setup.old_stem[g]) for g in grams[rows].tolist()],
                "z": np.where(np.isfinite(z[rows]), z[rows], np.nan),
                "count_group": counts_i[rows].astype(np.int64),
                "count_rest": counts_j[rows].astype(np.int64)}))
    return parts
