"""Statistics used to compare outlets: resampling, multiple testing, effect sizes, agreement.

Every function here works on plain numpy arrays and knows nothing about
corpora or lexicons; :mod:`framing.analysis.comparison`, :mod:`framing.analysis.discovery` and
:mod:`framing.analysis.validation` build their tables on top of them. The keyness statistics
(log-odds with a Dirichlet prior, plain and stratified) are in :mod:`framing.analysis.keyness`
and re-exported here.

References
----------
.. [1] Efron, B. & Tibshirani, R. J. (1993). *An Introduction to the
   Bootstrap*. Chapman & Hall. (percentile intervals, ch. 13; BCa, ch. 14)
.. [2] Field, C. A. & Welsh, A. H. (2007). Bootstrapping clustered data.
   *Journal of the Royal Statistical Society B*, 69(3), 369–390.
.. [3] Phipson, B. & Smyth, G. K. (2010). Permutation p-values should never
   be zero. *Statistical Applications in Genetics and Molecular Biology*,
   9(1), article 39.
.. [4] Benjamini, Y. & Hochberg, Y. (1995). Controlling the false discovery
   rate. *Journal of the Royal Statistical Society B*, 57(1), 289–300.
.. [5] Cohen, J. (1988). *Statistical Power Analysis for the Behavioral
   Sciences*, 2nd ed., §6.2 (the effect size *h* for proportions).
.. [6] Wilson, E. B. (1927). Probable inference, the law of succession, and
   statistical inference. *JASA*, 22(158), 209–212.
.. [7] Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability.
   Annenberg School for Communication, University of Pennsylvania;
   Krippendorff, K. (2004). *Content Analysis*, 2nd ed., ch. 11.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

import numpy as np

from .keyness import log_odds_dirichlet, log_odds_stratified

__all__ = [
    "bh_adjust",
    "bootstrap_sums",
    "cohens_h",
    "krippendorff_alpha_nominal",
    "log_odds_dirichlet",
    "log_odds_stratified",
    "percentile_interval",
    "permutation_test_ratio",
    "rng_for",
    "wilson_interval",
]

#: Upper bound on the cells of one resampling block (rows x columns), which
#: keeps memory flat whatever the number of documents or resamples.
_BLOCK_CELLS = 1 << 22


def rng_for(seed: int, *names: str) -> np.random.Generator:
    """A random generator determined by ``seed`` and ``names`` only.

    Each group, pair or concept gets its own stream, so a result does not
    change when other groups are added, removed or reordered.

    Examples
    --------
    >>> a = rng_for(0, "alpha").integers(1000)
    >>> b = rng_for(0, "alpha").integers(1000)
    >>> bool(a == b)
    True
    """
    digest = hashlib.blake2b("\x1f".join(names).encode("utf-8"), digest_size=16).digest()
    words = np.frombuffer(digest, dtype=np.uint32).tolist()
    return np.random.default_rng(np.random.SeedSequence([int(seed), *words]))


def bootstrap_sums(values: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Column sums of ``values`` over ``n_boot`` resamples of its rows (with replacement).

    Rows are the resampling units (documents, i.e. clusters of hits: the
    *cluster bootstrap* [2]_); any statistic that is a function of column
    sums (a ratio of hits, a rate per token) is then computed per resample.

    Parameters
    ----------
    values : array of shape (n, k)
        One row per document.
    n_boot : int
        Number of resamples.
    rng : numpy.random.Generator

    Returns
    -------
    array of shape (n_boot, k)
        Row *b* holds the column sums of the *b*-th resample of ``n`` rows.

    Notes
    -----
    Each resample is drawn as ``n`` row indices uniformly with replacement
    and turned into a weight matrix (how many times each row was drawn), so
    a block of resamples costs one ``bincount`` and one matrix product.

    References
    ----------
    .. [1] Efron & Tibshirani (1993), ch. 6.
    .. [2] Field & Welsh (2007).
    """
    values = np.asarray(values, dtype=float)
    n, k = values.shape
    out = np.zeros((n_boot, k))
    if n == 0:
        return out
    block = max(1, _BLOCK_CELLS // n)
    for start in range(0, n_boot, block):
        size = min(block, n_boot - start)
        idx = rng.integers(0, n, size=(size, n))
        idx += (np.arange(size) * n)[:, None]
        weights = np.bincount(idx.ravel(), minlength=size * n).reshape(size, n)
        out[start:start + size] = weights @ values
    return out


def percentile_interval(samples: np.ndarray, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bootstrap interval along axis 0, ignoring NaN resamples.

    A resample in which a ratio is undefined (no hit of the concept was
    drawn) is left out; a column with no defined resample gets NaN.

    References
    ----------
    .. [1] Efron & Tibshirani (1993), ch. 13. The BCa interval (ch. 14)
       corrects bias and skew at the cost of a jackknife over documents.
    """
    samples = np.asarray(samples, dtype=float)
    alpha = (1.0 - level) / 2.0
    defined = np.isfinite(samples).any(axis=0)
    low = np.full(samples.shape[1:], np.nan)
    high = np.full(samples.shape[1:], np.nan)
    if defined.any():
        q = np.nanquantile(samples[:, defined], [alpha, 1.0 - alpha], axis=0)
        low[defined], high[defined] = q[0], q[1]
    return low, high


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)


def permutation_test_ratio(
    num: np.ndarray, den: np.ndarray, first: np.ndarray, *, n_perm: int, rng: np.random.Generator,
) -> tuple[float, float, int]:
    """Two-sided permutation test of a difference of two ratio estimators.

    The statistic is ``sum(num[A]) / sum(den[A]) - sum(num[B]) / sum(den[B])``
    (e.g. the stance index of group A minus that of group B, with ``num`` =
    pole-weighted hits and ``den`` = hits per document). Under the null the
    group labels are exchangeable over *documents*, so the labels of the two
    groups' documents are shuffled ``n_perm`` times.

    Parameters
    ----------
    num, den : arrays of shape (n,)
        Per-document numerator and denominator, documents of both groups.
    first : bool array of shape (n,)
        True for the documents of group A.
    n_perm : int
    rng : numpy.random.Generator

    Returns
    -------
    (observed, p_value, n_defined)
        ``p = (1 + #{|T*| >= |T|}) / (1 + n_defined)`` over the permutations
        in which both ratios are defined [3]_ (never 0). NaN when the
        observed statistic is undefined.

    Notes
    -----
    The statistic depends only on how many documents of each distinct
    ``(num, den)`` profile fall in group A, so when profiles are few the
    permutation distribution is drawn exactly as a multivariate
    hypergeometric over profiles; otherwise the documents that have a hit
    are shuffled directly. Both draw from the same distribution.
    """
    num = np.asarray(num, dtype=float)
    den = np.asarray(den, dtype=float)
    first = np.asarray(first, dtype=bool)
    n, n_a = len(num), int(first.sum())
    observed = float(_ratio(num[first].sum(), den[first].sum())
                     - _ratio(num[~first].sum(), den[~first].sum()))
    if not np.isfinite(observed):
        return observed, float("nan"), 0
    active = (den != 0) | (num != 0)
    prof, counts = np.unique(np.column_stack([num[active], den[active]]), axis=0, return_counts=True)
    m = int(active.sum())
    total_num, total_den = num.sum(), den.sum()
    stats = np.empty(n_perm)
    if 6 * (len(prof) + 1) < m:
        colors = np.append(counts, n - m).astype(np.int64)
        pn, pd_ = np.append(prof[:, 0], 0.0), np.append(prof[:, 1], 0.0)
        block = max(1, _BLOCK_CELLS // len(colors))
        for start in range(0, n_perm, block):
            size = min(block, n_perm - start)
            draws = rng.multivariate_hypergeometric(colors, n_a, size=size)
            a_num, a_den = draws @ pn, draws @ pd_
            stats[start:start + size] = (_ratio(a_num, a_den)
                                         - _ratio(total_num - a_num, total_den - a_den))
    else:
        # The labels of the m active documents under a random relabelling of
        # all n: k ~ hypergeometric of them go to A, a uniform k-subset.
        an, ad = num[active], den[active]
        block = max(1, _BLOCK_CELLS // max(m, 1))
        base = np.arange(m)
        for start in range(0, n_perm, block):
            size = min(block, n_perm - start)
            k = rng.hypergeometric(n_a, n - n_a, m, size=size) if m else np.zeros(size, int)
            ranks = rng.permuted(np.broadcast_to(base, (size, m)), axis=1)
            member = ranks < k[:, None]
            a_num, a_den = member @ an, member @ ad
            stats[start:start + size] = (_ratio(a_num, a_den)
                                         - _ratio(total_num - a_num, total_den - a_den))
    defined = np.isfinite(stats)
    n_defined = int(defined.sum())
    tol = 1e-12 * max(1.0, abs(observed))
    extreme = int((np.abs(stats[defined]) >= abs(observed) - tol).sum())
    return observed, (1 + extreme) / (1 + n_defined), n_defined


def bh_adjust(p_values: Sequence[float] | np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (q-values); NaN stays NaN and is not counted.

    ``q_(i) = min_{j >= i} m p_(j) / j`` over the *m* defined p-values,
    capped at 1 [4]_. Rejecting every test with ``q <= 0.05`` controls the
    false discovery rate at 5 % for independent or positively dependent tests.

    Examples
    --------
    >>> bh_adjust([0.01, 0.04, 0.03, float("nan")]).round(3).tolist()
    [0.03, 0.04, 0.04, nan]
    """
    p = np.asarray(p_values, dtype=float)
    q = np.full(p.shape, np.nan)
    ok = np.isfinite(p)
    m = int(ok.sum())
    if m == 0:
        return q
    order = np.argsort(p[ok], kind="stable")
    ranked = p[ok][order] * m / np.arange(1, m + 1)
    ranked = np.minimum.accumulate(ranked[::-1])[::-1]
    out = np.empty(m)
    out[order] = np.minimum(ranked, 1.0)
    q[ok] = out
    return q


def cohens_h(p1: Any, p2: Any) -> Any:
    """Cohen's *h*: ``2 asin(sqrt(p1)) - 2 asin(sqrt(p2))`` for proportions [5]_.

    Conventional benchmarks: 0.2 small, 0.5 medium, 0.8 large. It is finite
    for proportions of 0 and 1, unlike a standardised mean difference.

    Examples
    --------
    >>> round(float(cohens_h(0.5, 0.5)), 3), round(float(cohens_h(1.0, 0.0)), 3)
    (0.0, 3.142)
    """
    p1 = np.clip(np.asarray(p1, dtype=float), 0.0, 1.0)
    p2 = np.clip(np.asarray(p2, dtype=float), 0.0, 1.0)
    return 2.0 * np.arcsin(np.sqrt(p1)) - 2.0 * np.arcsin(np.sqrt(p2))


def wilson_interval(successes: Any, trials: Any, level: float = 0.95) -> tuple[Any, Any]:
    """Wilson score interval for a binomial proportion [6]_; NaN where ``trials == 0``.

    Examples
    --------
    >>> low, high = wilson_interval(8, 10)
    >>> round(float(low), 3), round(float(high), 3)
    (0.49, 0.943)
    """
    from scipy.stats import norm

    k = np.asarray(successes, dtype=float)
    n = np.asarray(trials, dtype=float)
    z = norm.ppf(0.5 + level / 2.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        denom = 1.0 + z * z / n
        centre = (p + z * z / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    low = np.where(n > 0, np.clip(centre - half, 0.0, 1.0), np.nan)
    high = np.where(n > 0, np.clip(centre + half, 0.0, 1.0), np.nan)
    return low, high


def krippendorff_alpha_nominal(data: Any) -> float:
    """Krippendorff's alpha for nominal codes [7]_.

    Parameters
    ----------
    data : array-like of shape (units, coders)
        One row per coded unit, one column per coder; ``None`` or NaN marks
        a missing code. Units coded by fewer than two coders are not
        pairable and are ignored.

    Returns
    -------
    float
        ``1 - D_o / D_e`` from the coincidence matrix: ``D_o`` is the observed
        and ``D_e`` the expected disagreement. NaN when there are no pairable
        values or every pairable value is the same (``D_e = 0``: agreement is
        then not measurable).

    Examples
    --------
    Krippendorff's (2011) binary example, two coders and ten units:

    >>> a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    >>> b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    >>> round(krippendorff_alpha_nominal(list(zip(a, b))), 3)
    0.095
    """
    rows = [[v for v in row if v is not None and v == v] for row in data]
    values = sorted({v for row in rows if len(row) >= 2 for v in row}, key=str)
    index = {v: i for i, v in enumerate(values)}
    coincidence = np.zeros((len(values), len(values)))
    for row in rows:
        m = len(row)
        if m < 2:
            continue
        counts = np.zeros(len(values))
        for v in row:
            counts[index[v]] += 1
        coincidence += (np.outer(counts, counts) - np.diag(counts)) / (m - 1)
    n_c = coincidence.sum(axis=1)
    n = n_c.sum()
    if n <= 1:
        return float("nan")
    observed = coincidence.sum() - np.trace(coincidence)
    expected = (n * n - (n_c * n_c).sum()) / (n - 1)
    if expected == 0:
        return float("nan")
    return float(1.0 - observed / expected)
