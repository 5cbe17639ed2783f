"""Choosing the rows of ``framing discover``: rank the buckets, mark each row's kind, keep the content.

By default (``kinds="content"``) the table shows each group's top n-grams of
kind ``content`` only (:mod:`framing.analysis.kinds`): the buckets are ranked
for more rows than ``top`` and, when the rows set aside leave a group short,
ranked again for more. :class:`Chosen` says how many rows of each kind were
set aside above the rows shown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .house import gram_kinds
from .rank import order_rows, ranked_keys

__all__ = ["Chosen", "choose_rows"]


@dataclass
class Chosen:
    """The rows to show (``order_rows`` order), their kinds, and the kinds set aside above them."""

    table: Any
    kinds: list[str]
    set_aside: Counter[str] = field(default_factory=Counter)


def choose_rows(rank: Callable[[int | None], list[Any]], stem_names: list[str], names: list[str],
                top: int | None, kinds: str, self_names: dict[str, set[str]],
                variants: dict[str, dict[str, int]]) -> Chosen:
    """Rank (``rank(k)``: each group's top ``k`` rows of every bucket), mark kinds, filter.

    With ``kinds="all"`` or ``top=None`` one ranking suffices; otherwise the
    ranking asks for ``4 × top + 10`` rows and for four times more until every
    group has ``top`` rows of content or has no more rows.
    """
    k = top if (kinds == "all" or top is None) else 4 * top + 10
    while True:
        table = order_rows(rank(k), stem_names, k)
        keys = ranked_keys(table)
        row_kinds = gram_kinds([names[gi] for gi, _ in keys], [g for _, g in keys], stem_names, self_names,
                               variants)
        if kinds == "all" or top is None:
            if kinds != "all":
                shown = np.array([kind == "content" for kind in row_kinds], dtype=bool)
                aside = Counter(kind for kind in row_kinds if kind != "content")
                return Chosen(table[shown], [kd for kd in row_kinds if kd == "content"], aside)
            return Chosen(table, row_kinds)
        groups = table["gi"].to_numpy()
        content = np.array([kind == "content" for kind in row_kinds], dtype=bool)
        short = [gi for gi in range(len(names))
                 if content[groups == gi].sum() < top and (groups == gi).sum() >= k]
        if not short:
            break
        k = 4 * (k or 1)
    keep = np.zeros(len(table), dtype=bool)
    set_aside: Counter[str] = Counter()
    for gi in range(len(names)):
        rows = np.flatnonzero(groups == gi)
        shown = rows[content[rows]][:top]
        keep[shown] = True
        if len(shown):
            above = rows[rows < shown[-1]]
            set_aside.update(row_kinds[r] for r in above if not content[r])
    return Chosen(table[keep], [kd for kd, kp in zip(row_kinds, keep, strict=True) if kp], set_aside)
