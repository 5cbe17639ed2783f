"""The four tables of :func:`framing.compare`, computed from a documents × labels count matrix.

The statistics are defined in :mod:`framing.analysis.comparison`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import FramingError
from ..io import ReadReport
from ..lexicon import Lexicon
from .matched import concept_matrices
from .stats import (
    bh_adjust,
    bootstrap_sums,
    cohens_h,
    percentile_interval,
    permutation_test_ratio,
    rng_for,
)

if TYPE_CHECKING:
    import pandas as pd

    from ..count.dedup import NearCopies

__all__ = ["PAIRWISE_COLUMNS", "RATE_COLUMNS", "SHARE_COLUMNS", "STANCE_COLUMNS", "CompareResult",
           "compare_counts"]

STANCE_COLUMNS = ["group", "concept", "stance", "ci_low", "ci_high", "hits", "docs", "tokens",
                  "too_few_hits"]
SHARE_COLUMNS = ["group", "concept", "label", "pole", "share", "ci_low", "ci_high", "hits",
                 "concept_hits", "too_few_hits"]
RATE_COLUMNS = ["group", "concept", "label", "pole", "rate_per_1k_tokens", "ci_low", "ci_high", "hits",
                "tokens", "too_few_hits"]
PAIRWISE_COLUMNS = ["concept", "group_a", "group_b", "stance_a", "stance_b", "difference",
                    "ci_low", "ci_high", "p_value", "q_value", "cohens_h", "hits_a", "hits_b",
                    "too_few_hits"]


@dataclass
class CompareResult:
    """The four tables of :func:`compare`, and what ``dedup`` and ``matched`` add.

    Unpacks as ``stance, shares, rates, pairwise = compare(...)``; ``tables``
    maps the file names used by ``framing compare`` to the tables: the four,
    ``copies`` (near-copies per pair of outlets) when near-copies were
    looked for, ``matched`` with ``matched=True``.
    """

    stance: pd.DataFrame
    shares: pd.DataFrame
    rates: pd.DataFrame
    pairwise: pd.DataFrame
    report: ReadReport | None = None
    settings: dict[str, Any] = field(default_factory=dict)
    copies: NearCopies | None = None
    matched: pd.DataFrame | None = None

    def __iter__(self) -> Iterator[pd.DataFrame]:
        return iter((self.stance, self.shares, self.rates, self.pairwise))

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """``{"stance": ..., "shares": ..., "rates": ..., "pairwise": ...}`` (and ``copies``, ``matched``)."""
        out = {"stance": self.stance, "shares": self.shares, "rates": self.rates, "pairwise": self.pairwise}
        if self.copies is not None:
            out["copies"] = self.copies.by_outlet_pair()
        if self.matched is not None:
            out["matched"] = self.matched
        return out


# ----------------------------------------------------------------------------
# The computation, on arrays
# ----------------------------------------------------------------------------


@dataclass
class _Group:
    name: str
    counts: np.ndarray  # (n_docs, n_labels), rows in canonical order
    tokens: np.ndarray  # (n_docs,)
    stance: np.ndarray = field(default_factory=lambda: np.zeros(0))  # point estimates (K,)
    boot: np.ndarray = field(default_factory=lambda: np.zeros(0))  # stance resamples (B, K)
    few: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))  # (K,)


def _canonical_order(doc_ids: list[str], tokens: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Row order by doc_id, ties broken by the counts, so input order never matters."""
    keys = [counts[:, j] for j in range(counts.shape[1] - 1, -1, -1)]
    ids = np.asarray(doc_ids, dtype=object).astype(str)
    return np.lexsort([*keys, tokens, ids])


def compare_counts(doc_ids: list[str], group_of: list[str], tokens: np.ndarray, counts: np.ndarray,
             lexicon: Lexicon, *, n_boot: int, n_perm: int, seed: int, min_hits: int,
             level: float) -> CompareResult:
    """The four tables from per-document label counts (see :mod:`framing.analysis.comparison`)."""
    import pandas as pd

    if len(doc_ids) == 0:
        raise FramingError("no documents to compare; check the input and its text column.")
    labels = list(lexicon.labels)
    concepts, poles, member = concept_matrices(lexicon)
    concept_index = {c: k for k, c in enumerate(concepts)}
    n_labels = len(labels)
    label_concept = np.array([concept_index[lab.concept] for lab in labels], dtype=np.intp)

    order = _canonical_order(doc_ids, tokens, counts)
    group_arr = np.asarray(group_of, dtype=object)[order]
    counts, tokens = counts[order], tokens[order]
    names = sorted(set(group_arr.tolist()))
    groups = []
    stance_rows, share_rows, rate_rows = [], [], []
    for name in names:
        rows = group_arr == name
        g = _Group(name, counts[rows], tokens[rows])
        groups.append(g)
        hits = g.counts.sum(axis=0).astype(float)
        n_tok = float(g.tokens.sum())
        num, den = hits @ poles, hits @ member
        docs_with = (g.counts @ member > 0).sum(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            g.stance = np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)
            share = np.where(den[label_concept] > 0, hits / np.where(den > 0, den, 1)[label_concept],
                             np.nan)
            rate = 1000.0 * hits / n_tok if n_tok else np.full(n_labels, np.nan)
        g.few = (den < min_hits) | (docs_with < 2)
        label_docs = (g.counts > 0).sum(axis=0)
        label_few = (hits < min_hits) | (label_docs < 2)

        sums = bootstrap_sums(np.column_stack([g.counts, g.tokens]), n_boot, rng_for(seed, "boot", name))
        b_hits, b_tok = sums[:, :n_labels], sums[:, n_labels]
        b_num, b_den = b_hits @ poles, b_hits @ member
        with np.errstate(invalid="ignore", divide="ignore"):
            g.boot = np.where(b_den > 0, b_num / np.where(b_den > 0, b_den, 1), np.nan)
            b_share = np.where(b_den[:, label_concept] > 0,
                               b_hits / np.where(b_den > 0, b_den, 1)[:, label_concept], np.nan)
            b_rate = np.where(b_tok[:, None] > 0, 1000.0 * b_hits / np.where(b_tok > 0, b_tok, 1)[:, None],
                              np.nan)
        s_low, s_high = _masked_interval(g.boot, g.few, level)
        sh_low, sh_high = _masked_interval(b_share, g.few[label_concept], level)
        r_low, r_high = _masked_interval(b_rate, label_few, level)

        for k, concept in enumerate(concepts):
            stance_rows.append((name, concept, g.stance[k], s_low[k], s_high[k], int(den[k]),
                                len(g.tokens), int(n_tok), bool(g.few[k])))
        for i, lab in enumerate(labels):
            share_rows.append((name, lab.concept, lab.id, lab.pole, share[i], sh_low[i], sh_high[i],
                               int(hits[i]), int(den[label_concept[i]]), bool(g.few[label_concept[i]])))
            rate_rows.append((name, lab.concept, lab.id, lab.pole, rate[i], r_low[i], r_high[i],
                              int(hits[i]), int(n_tok), bool(label_few[i])))

    pair_rows = []
    for a, b in combinations(groups, 2):
        both = np.concatenate([a.counts, b.counts])
        first = np.arange(len(both)) < len(a.counts)
        doc_num, doc_den = both @ poles, both @ member
        diff_low, diff_high = percentile_interval(a.boot - b.boot, level)
        for k, concept in enumerate(concepts):
            few = bool(a.few[k] or b.few[k])
            p = h = low = high = float("nan")
            if not few:
                _, p, _ = permutation_test_ratio(doc_num[:, k], doc_den[:, k], first, n_perm=n_perm,
                                                 rng=rng_for(seed, "perm", a.name, b.name, concept))
                h = float(cohens_h((a.stance[k] + 1) / 2, (b.stance[k] + 1) / 2))
                low, high = diff_low[k], diff_high[k]
            pair_rows.append((concept, a.name, b.name, a.stance[k], b.stance[k],
                              a.stance[k] - b.stance[k], low, high, p, float("nan"), h,
                              int(doc_den[first, k].sum()), int(doc_den[~first, k].sum()), few))
    pairwise = pd.DataFrame(pair_rows, columns=PAIRWISE_COLUMNS)
    pairwise["q_value"] = bh_adjust(pairwise["p_value"].to_numpy(dtype=float))
    settings = {"n_boot": n_boot, "n_perm": n_perm, "seed": seed, "min_hits": min_hits,
                "level": level}
    return CompareResult(
        pd.DataFrame(stance_rows, columns=STANCE_COLUMNS),
        pd.DataFrame(share_rows, columns=SHARE_COLUMNS),
        pd.DataFrame(rate_rows, columns=RATE_COLUMNS),
        pairwise,
        settings=settings,
    )


def _masked_interval(samples: np.ndarray, few: np.ndarray, level: float
                     ) -> tuple[np.ndarray, np.ndarray]:
    low, high = percentile_interval(samples, level)
    low[few] = np.nan
    high[few] = np.nan
    return low, high
