"""Matched comparison: two groups' stance difference over the stories both covered.

:func:`framing.compare` compares each group's stance over all its documents,
so an outlet that covers other events than its rival (its **agenda**) can
show a different stance without naming any one event differently. Here the
comparison is made **within stories** (:func:`framing.analysis.find_stories`)
and pooled, so only how the two groups name the same events counts.

Definitions (for one concept and one pair of groups *a*, *b*)
    A document's ``num`` is its pole-weighted hits of the concept and ``den``
    its hits (as in :mod:`framing.analysis.comparison`: the stance of a set of
    documents is ``sum(num) / sum(den)``). In story *s*, let ``N_as``,
    ``H_as`` be the sums of ``num`` and ``den`` over *a*'s documents (``N_bs``,
    ``H_bs`` for *b*), ``T_s = H_as + H_bs`` and ``M_s = N_as + N_bs``. The
    **matched stance difference** is the Mantel–Haenszel weighted mean of the
    within-story differences of stance::

        d_s = N_as / H_as - N_bs / H_bs,     w_s = H_as H_bs / T_s
        D   = sum_s w_s d_s / sum_s w_s
            = sum_s (N_as - M_s H_as / T_s) / sum_s H_as H_bs / T_s

    (Mantel & Haenszel 1959; Greenland & Robins 1985 for the weights of a
    pooled difference). Stories where either group has no hit of the concept
    weigh 0; a story seen by one group only is not a stratum at all. ``D``
    lies in [-2, 2] like a difference of stances; swapping the groups negates
    it exactly.

Interval: cluster bootstrap of stories
    The strata (stories covered by both groups) are resampled with
    replacement ``n_boot`` times and ``D`` recomputed (Field & Welsh 2007:
    the story is the cluster; documents of a story stay together);
    percentile interval (Efron & Tibshirani 1993, ch. 13).

Test: permutation within stories
    Under the null that, within a story, the group label does not change
    the naming, the labels of each story's documents are exchangeable within
    that story. Each permutation reassigns, in every story, the same number
    of documents to *a* at random (a stratified permutation, Good 2005;
    the randomisation counterpart of the Cochran–Mantel–Haenszel test)
    and recomputes ``D``; ``p = (1 + #{|D*| >= |D|}) / (1 + n_perm)``
    (Phipson & Smyth 2010).

References
----------
Mantel, N. & Haenszel, W. (1959). *JNCI* 22(4), 719–748. Greenland, S. &
Robins, J. M. (1985). Estimation of a common effect parameter from sparse
follow-up data. *Biometrics* 41(1), 55–68. Field, C. A. & Welsh, A. H.
(2007). Bootstrapping clustered data. *JRSS B* 69(3), 369–390. Good, P. I.
(2005). *Permutation, Parametric and Bootstrap Tests of Hypotheses*, 3rd ed.
Springer. Phipson, B. & Smyth, G. K. (2010). *SAGMB* 9(1), 39. Efron, B. &
Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from typing import Any

import numpy as np

from ..errors import FramingError
from .stats import bh_adjust, bootstrap_sums, percentile_interval, rng_for

__all__ = ["MATCHED_COLUMNS", "concept_matrices", "matched_comparison", "matched_difference",
           "matched_pairwise", "matched_tests", "story_of"]

MATCHED_COLUMNS = ["concept", "group_a", "group_b", "stories", "stance_a", "stance_b", "difference",
                   "ci_low", "ci_high", "p_value", "q_value", "hits_a", "hits_b", "too_few_stories"]

#: Upper bound on the cells of one permutation block (permutations x documents).
_BLOCK_CELLS = 1 << 21


def _strata_sums(num: np.ndarray, den: np.ndarray, strata: np.ndarray, first: np.ndarray,
                 n_strata: int) -> tuple[np.ndarray, ...]:
    def sums(values: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return np.bincount(strata[mask], weights=values[mask], minlength=n_strata)

    return sums(num, first), sums(den, first), sums(num, ~first), sums(den, ~first)


def _pooled(n_a: np.ndarray, h_a: np.ndarray, m: np.ndarray, t: np.ndarray) -> np.ndarray:
    """``D`` from per-stratum sums along the last axis (group *a*'s ``N``, ``H``; totals ``M``, ``T``)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        tt = np.where(t > 0, t, 1.0)
        top = np.where(t > 0, n_a - m * h_a / tt, 0.0).sum(axis=-1)
        weight = np.where(t > 0, h_a * (t - h_a) / tt, 0.0).sum(axis=-1)
        return np.where(weight > 0, top / np.where(weight > 0, weight, 1.0), np.nan)


def matched_difference(num: Any, den: Any, story: Any, first: Any) -> tuple[float, int]:
    """The matched stance difference ``D`` of group *a* (``first``) minus group *b*.

    Parameters
    ----------
    num, den : arrays of shape (n,)
        Per-document pole-weighted hits and hits of one concept, documents of
        both groups.
    story : array of shape (n,)
        Each document's story (any labels).
    first : bool array of shape (n,)
        True for the documents of group *a*.

    Returns
    -------
    (D, n_strata)
        ``D`` as defined in :mod:`framing.analysis.matched` (NaN when no
        story has hits of both groups), and the number of stories with
        positive weight.

    Examples
    --------
    Story 1: *a* always says the +1 label, *b* the -1 label; story 2 (only *a*) does not count:

    >>> d, n = matched_difference([1, 1, -1, 1], [1, 1, 1, 1], ["s1", "s1", "s1", "s2"],
    ...                           [True, True, False, True])
    >>> round(d, 9), n
    (2.0, 1)
    """
    num, den, first = (np.asarray(num, dtype=float), np.asarray(den, dtype=float),
                       np.asarray(first, dtype=bool))
    strata, n_strata = _both(np.asarray(story), first)
    inside = strata >= 0
    n_a, h_a, n_b, h_b = _strata_sums(num[inside], den[inside], strata[inside], first[inside], n_strata)
    t = h_a + h_b
    return float(_pooled(n_a, h_a, n_a + n_b, t)), int(((h_a > 0) & (h_b > 0)).sum())


def _both(story: np.ndarray, first: np.ndarray) -> tuple[np.ndarray, int]:
    """Stratum index of each document (-1 for a story only one group covered), and their number."""
    import pandas as pd

    codes, _ = pd.factorize(pd.Series(story).astype(str), sort=True)
    n = int(codes.max()) + 1 if len(codes) else 0
    has_a = np.bincount(codes[first], minlength=n) > 0
    has_b = np.bincount(codes[~first], minlength=n) > 0
    both = has_a & has_b
    index = np.full(n, -1, dtype=np.int64)
    index[both] = np.arange(int(both.sum()))
    return index[codes], int(both.sum())


def matched_tests(num: Any, den: Any, story: Any, first: Any, *, n_boot: int = 2000,
                  n_perm: int = 5000, seed: int = 0, level: float = 0.95,
                  names: Sequence[str] = ()) -> dict[str, np.ndarray]:
    """``D``, its story-bootstrap interval and its within-story permutation p-value, per concept.

    Parameters
    ----------
    num, den : arrays of shape (n, k)
        Per-document pole-weighted hits and hits of ``k`` concepts.
    story : array of shape (n,)
    first : bool array of shape (n,)
        True for group *a*'s documents.
    n_boot, n_perm, seed, level
        As in :func:`framing.compare`. ``names`` (e.g. the two groups) pick
        the random streams, so a pair's result does not depend on the others.

    Returns
    -------
    dict of arrays of shape (k,)
        ``difference``, ``ci_low``, ``ci_high``, ``p_value``, ``stories``
        (strata with positive weight), ``hits_a``, ``hits_b``, ``stance_a``,
        ``stance_b`` (ratio stances over those strata).
    """
    num = np.asarray(num, dtype=float)
    den = np.asarray(den, dtype=float)
    if num.ndim == 1:
        num, den = num[:, None], den[:, None]
    first = np.asarray(first, dtype=bool)
    strata, n_strata = _both(np.asarray(story), first)
    inside = strata >= 0
    num, den, strata, first = num[inside], den[inside], strata[inside], first[inside]
    order = np.argsort(strata, kind="stable")
    num, den, strata, first = num[order], den[order], strata[order], first[order]
    k = num.shape[1]
    out = {name: np.full(k, np.nan) for name in
           ("difference", "ci_low", "ci_high", "p_value", "stance_a", "stance_b")}
    out.update(stories=np.zeros(k, dtype=np.int64), hits_a=np.zeros(k), hits_b=np.zeros(k))
    if n_strata == 0:
        return out
    per = [_strata_sums(num[:, j], den[:, j], strata, first, n_strata) for j in range(k)]
    for j, (n_a, h_a, n_b, h_b) in enumerate(per):
        t, m = h_a + h_b, n_a + n_b
        out["difference"][j] = _pooled(n_a, h_a, m, t)
        matched = (h_a > 0) & (h_b > 0)
        out["stories"][j] = int(matched.sum())
        out["hits_a"][j], out["hits_b"][j] = h_a[matched].sum(), h_b[matched].sum()
        if matched.any():
            out["stance_a"][j] = n_a[matched].sum() / h_a[matched].sum()
            out["stance_b"][j] = n_b[matched].sum() / h_b[matched].sum()
        # Bootstrap of strata: D is a ratio of sums over strata.
        with np.errstate(invalid="ignore", divide="ignore"):
            tt = np.where(t > 0, t, 1.0)
            parts = np.column_stack([np.where(t > 0, n_a - m * h_a / tt, 0.0),
                                     np.where(t > 0, h_a * (t - h_a) / tt, 0.0)])
        sums = bootstrap_sums(parts, n_boot, rng_for(seed, "matched-boot", *names, str(j)))
        with np.errstate(invalid="ignore", divide="ignore"):
            boot = np.where(sums[:, 1] > 0, sums[:, 0] / np.where(sums[:, 1] > 0, sums[:, 1], 1), np.nan)
        low, high = percentile_interval(boot[:, None], level)
        out["ci_low"][j], out["ci_high"][j] = low[0], high[0]
    out["p_value"] = _permutation_p(num, den, strata, first, n_strata, out["difference"], n_perm,
                                    rng_for(seed, "matched-perm", *names))
    return out


def _permutation_p(num: np.ndarray, den: np.ndarray, strata: np.ndarray, first: np.ndarray,
                   n_strata: int, observed: np.ndarray, n_perm: int, rng: np.random.Generator
                   ) -> np.ndarray:
    """Two-sided p-values of ``D`` for every concept, labels permuted within strata.

    Rows are sorted by stratum.
    """
    n, k = num.shape
    starts = np.searchsorted(strata, np.arange(n_strata))
    n_first = np.bincount(strata[first], minlength=n_strata)
    extreme = np.zeros(k)
    defined = np.zeros(k)
    tot_num = [np.bincount(strata, weights=num[:, j], minlength=n_strata) for j in range(k)]
    tot_den = [np.bincount(strata, weights=den[:, j], minlength=n_strata) for j in range(k)]
    block = max(1, _BLOCK_CELLS // max(n, 1))
    for start in range(0, n_perm, block):
        size = min(block, n_perm - start)
        # A random order within each stratum: sort uniform keys offset by the stratum.
        keys = rng.random((size, n)) + strata
        ranks = np.empty((size, n), dtype=np.int64)
        np.put_along_axis(ranks, np.argsort(keys, axis=1, kind="stable"),
                          np.broadcast_to(np.arange(n), (size, n)), axis=1)
        member = (ranks - starts[strata]) < n_first[strata]
        for j in range(k):
            n_a = np.add.reduceat(member * num[:, j], starts, axis=1)
            h_a = np.add.reduceat(member * den[:, j], starts, axis=1)
            stats = _pooled(n_a, h_a, tot_num[j], tot_den[j])
            ok = np.isfinite(stats)
            defined[j] += ok.sum()
            tol = 1e-12 * max(1.0, abs(observed[j])) if np.isfinite(observed[j]) else 0.0
            extreme[j] += (np.abs(stats[ok]) >= abs(observed[j]) - tol).sum()
    with np.errstate(invalid="ignore", divide="ignore"):
        p = (1.0 + extreme) / (1.0 + defined)
    p[~np.isfinite(observed)] = np.nan
    return p


def matched_pairwise(num: Any, den: Any, story: Any, group: Any, *, concepts: Sequence[str],
                     n_boot: int = 2000, n_perm: int = 5000, seed: int = 0, level: float = 0.95,
                     min_stories: int = 5) -> Any:
    """The matched comparison of every pair of groups on every concept (``compare --matched``).

    Parameters
    ----------
    num, den : arrays of shape (n, k)
        Per-document pole-weighted hits and hits of each concept (in
        :mod:`framing.analysis.comparison`: ``counts @ poles`` and
        ``counts @ member``).
    story : array of shape (n,)
        Each document's story (``story_id`` of :func:`framing.analysis.find_stories`).
    group : array of shape (n,)
        Each document's group.
    concepts : sequence of str
        The names of the ``k`` concepts.
    n_boot, n_perm, seed, level
        As in :func:`framing.compare`.
    min_stories : int
        A pair × concept with fewer matched stories (both groups with a hit)
        is kept with its point estimate and ``too_few_stories = True``; no
        interval or test.

    Returns
    -------
    DataFrame
        :data:`MATCHED_COLUMNS`, one row per concept × pair of groups (in
        sorted order); ``q_value`` is the Benjamini–Hochberg adjustment over
        the table.

    Raises
    ------
    FramingError
        Arrays of different lengths.

    Examples
    --------
    >>> import numpy as np
    >>> num = np.array([[1.], [1.], [-1.], [-1.]]); den = np.ones((4, 1))
    >>> table = matched_pairwise(num, den, [1, 1, 1, 1], ["a", "a", "b", "b"], concepts=["c"],
    ...                          n_boot=50, n_perm=50, min_stories=1)
    >>> table[["group_a", "group_b", "difference", "stories"]].values.tolist()
    [['a', 'b', 2.0, 1]]
    """
    import pandas as pd

    num = np.asarray(num, dtype=float)
    den = np.asarray(den, dtype=float)
    if num.ndim == 1:
        num, den = num[:, None], den[:, None]
    story, group = np.asarray(story), np.asarray(group).astype(str)
    if not len(num) == len(den) == len(story) == len(group):
        raise FramingError(f"num, den, story and group must have one row per document; got "
                           f"{len(num)}, {len(den)}, {len(story)} and {len(group)} rows.")
    if num.shape[1] != len(concepts):
        raise FramingError(f"{num.shape[1]} concept columns but {len(concepts)} concept names.")
    rows = []
    for a, b in combinations(sorted(set(group.tolist())), 2):
        pick = (group == a) | (group == b)
        res = matched_tests(num[pick], den[pick], story[pick], group[pick] == a, n_boot=n_boot,
                            n_perm=n_perm, seed=seed, level=level, names=(a, b))
        for j, concept in enumerate(concepts):
            few = bool(res["stories"][j] < min_stories)
            nan = float("nan")
            rows.append((concept, a, b, int(res["stories"][j]), res["stance_a"][j], res["stance_b"][j],
                         res["difference"][j], nan if few else res["ci_low"][j],
                         nan if few else res["ci_high"][j], nan if few else res["p_value"][j], nan,
                         int(res["hits_a"][j]), int(res["hits_b"][j]), few))
    table = pd.DataFrame(rows, columns=MATCHED_COLUMNS)
    table["q_value"] = bh_adjust(table["p_value"].to_numpy(dtype=float))
    return table


def concept_matrices(lexicon: Any) -> tuple[list[str], np.ndarray, np.ndarray]:
    """``(concepts, poles, member)``: labels × concepts matrices, so that per-document label counts
    ``@ poles`` are the pole-weighted hits of each concept and ``@ member`` its hits."""
    concepts = [c.id for c in lexicon.concepts]
    index = {c: k for k, c in enumerate(concepts)}
    labels = list(lexicon.labels)
    poles = np.zeros((len(labels), len(concepts)))
    member = np.zeros((len(labels), len(concepts)))
    for i, lab in enumerate(labels):
        member[i, index[lab.concept]] = 1.0
        poles[i, index[lab.concept]] = lab.pole
    return concepts, poles, member


def story_of(doc_ids: Sequence[str], stories: Any) -> tuple[np.ndarray, int]:
    """Each document's ``story_id`` in a stories table (``doc_id``, ``story_id``), and how many
    documents the table does not list (each is then a story of its own, which matches nothing)."""
    known = dict(zip(stories["doc_id"].astype(str), stories["story_id"].astype(str), strict=True))
    out = np.array([known.get(d, f"\x00{d}") for d in doc_ids], dtype=object)
    return out, sum(1 for d in doc_ids if d not in known)


def matched_comparison(doc_ids: Sequence[str], groups: Sequence[str], counts: Any, lexicon: Any,
                       stories: Any, *, n_boot: int = 2000, n_perm: int = 5000, seed: int = 0,
                       level: float = 0.95, min_stories: int = 5) -> Any:
    """:func:`matched_pairwise` from per-document label counts and a stories table (``compare --matched``).

    Parameters
    ----------
    doc_ids, groups : sequences of str
        Each counted document's id and group.
    counts : array of shape (documents, labels)
        Label counts in the order of ``lexicon.labels``.
    lexicon : Lexicon
    stories : DataFrame
        The table of :func:`framing.analysis.find_stories` for the same corpus.

    Returns
    -------
    DataFrame
        :data:`MATCHED_COLUMNS`; ``table.attrs["unlisted"]`` counts the
        documents the stories table does not list.
    """
    concepts, poles, member = concept_matrices(lexicon)
    counts = np.asarray(counts, dtype=float)
    story, unlisted = story_of(doc_ids, stories)
    table = matched_pairwise(counts @ poles, counts @ member, story, np.asarray(groups, dtype=object),
                             concepts=concepts, n_boot=n_boot, n_perm=n_perm, seed=seed, level=level,
                             min_stories=min_stories)
    table.attrs["unlisted"] = unlisted
    return table
