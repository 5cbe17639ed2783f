"""Statistics used to compare outlets: resampling, multiple testing, agreement, keyness.

Every function here works on plain numpy arrays and knows nothing about
corpora or lexicons; :mod:`framing.analysis.comparison`, :mod:`framing.analysis.discovery` and
:mod:`framing.analysis.validation` build their tables on top of them.

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
.. [8] Monroe, B. L., Colaresi, M. P. & Quinn, K. M. (2008). Fightin' words:
   lexical feature selection and evaluation for identifying the content of
   political conflict. *Political Analysis*, 16(4), 372–403.
.. [9] Mantel, N. & Haenszel, W. (1959). Statistical aspects of the analysis
   of data from retrospective studies of disease. *Journal of the National
   Cancer Institute*, 22(4), 719–748.
.. [10] Robins, J., Breslow, N. & Greenland, S. (1986). Estimators of the
   Mantel-Haenszel variance consistent in both sparse data and large-strata
   limiting models. *Biometrics*, 42(2), 311–323.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

import numpy as np

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


def log_odds_dirichlet(
    y_i: np.ndarray, y_j: np.ndarray, prior: np.ndarray, *, n_i: float | None = None,
    n_j: float | None = None, a0: float | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Log-odds ratio with an informative Dirichlet prior, and its z-score [8]_.

    For each word *w*, with counts ``y_i``, ``y_j`` in the two groups, totals
    ``n_i``, ``n_j`` and prior pseudo-counts ``a_w`` (``a_0 = sum a_w``)::

        delta_w = log((y_i + a_w) / (n_i + a_0 - y_i - a_w))
                - log((y_j + a_w) / (n_j + a_0 - y_j - a_w))
        var_w   ≈ 1 / (y_i + a_w) + 1 / (y_j + a_w)
        z_w     = delta_w / sqrt(var_w)

    (Monroe et al. 2008, eqs. 16, 18–20; the variance omits two terms of
    order ``1/n``.) Positive ``z`` means the word is more typical of group
    *i*; swapping the groups negates ``delta`` and ``z`` exactly. A word
    absent from one group keeps a finite score because ``a_w > 0``.

    Parameters
    ----------
    y_i, y_j : arrays of counts
    prior : array of pseudo-counts ``a_w`` (all > 0)
    n_i, n_j, a0 : float, optional
        Group totals and total prior mass; default ``y_i.sum()``,
        ``y_j.sum()`` and ``prior.sum()`` (pass them when the arrays hold only
        part of the vocabulary, e.g. after dropping rare words).

    Returns
    -------
    (delta, z) : arrays

    Examples
    --------
    >>> d, z = log_odds_dirichlet(np.array([5, 0]), np.array([0, 5]), np.array([1.0, 1.0]))
    >>> bool(z[0] > 0 > z[1]) and bool(np.isfinite(z).all())
    True
    """
    y_i = np.asarray(y_i, dtype=float)
    y_j = np.asarray(y_j, dtype=float)
    a = np.asarray(prior, dtype=float)
    a0 = float(a.sum()) if a0 is None else float(a0)
    n_i = float(y_i.sum()) if n_i is None else float(n_i)
    n_j = float(y_j.sum()) if n_j is None else float(n_j)
    delta = (np.log(y_i + a) - np.log(n_i + a0 - y_i - a)
             - np.log(y_j + a) + np.log(n_j + a0 - y_j - a))
    var = 1.0 / (y_i + a) + 1.0 / (y_j + a)
    return delta, delta / np.sqrt(var)


def log_odds_stratified(
    y_i: Any, y_j: Any, *, prior: np.ndarray | None = None, n_i: np.ndarray | None = None,
    n_j: np.ndarray | None = None, prior_scale: float = 1.0,
) -> tuple[np.ndarray, np.ndarray, int]:
    """Log-odds ratio with a Dirichlet prior *within* strata, pooled by Mantel–Haenszel, and its z.

    The stratified version of :func:`log_odds_dirichlet`: each stratum *s*
    (a story covered by both groups) gives, for word *w*, a 2×2 table of the
    word's count and the other words' count in group *i* and group *j*,
    smoothed by the stratum's prior pseudo-count ``a_ws``::

        a_ws = prior_scale * (y_iws + y_jws)                     (default; a0_s = sum_w a_ws)
        a_ws = prior_scale * (n_is + n_js) * prior_w / sum(prior)      (with ``prior``)
        A = y_iws + a_ws    B = n_is + a0_s - A     (group i: the word, other words)
        C = y_jws + a_ws    D = n_js + a0_s - C     (group j)
        N = A + B + C + D

    The tables are pooled with the Mantel–Haenszel odds ratio [9]_ and its
    variance by Robins, Breslow & Greenland [10]_::

        R_s = A D / N,  S_s = B C / N,  P_s = (A + D) / N,  Q_s = (B + C) / N
        delta_w = log(sum_s R_s / sum_s S_s)
        var_w   = sum P R / (2 (sum R)^2) + sum (P S + Q R) / (2 sum R sum S)
                  + sum Q S / (2 (sum S)^2)
        z_w     = delta_w / sqrt(var_w)

    By default each stratum's prior is its own pooled counts (as
    ``framing discover``'s default prior is the compared documents' counts),
    so each stratum shrinks both groups toward the story's own rate: two
    groups that write alike within every story get ``delta = 0`` exactly,
    whatever their shares of the stories. Only strata in which both groups
    have words are used. A word that one
    group uses more *within the same stories* gets a large ``|z|``; a word
    that only marks which stories a group covers gets none, because each
    stratum compares the two groups on the same story. With a single stratum
    ``delta`` equals :func:`log_odds_dirichlet`'s with prior ``a_w`` exactly,
    and ``var`` is Woolf's ``1/A + 1/B + 1/C + 1/D`` (Monroe et al.'s variance
    plus the two terms of order ``1/n`` it omits). Swapping the groups negates
    ``delta`` and ``z``.

    Parameters
    ----------
    y_i, y_j : arrays or scipy sparse matrices of shape (strata, words)
        Word counts of each group in each stratum.
    prior : array of shape (words,), optional
        Background counts (all > 0, any scale, e.g. the corpus counts) to
        shrink every stratum toward instead; only ``prior_w / sum(prior)``
        matters.
    n_i, n_j : arrays of shape (strata,), optional
        Each group's total words per stratum; default the row sums (pass them
        when the arrays hold part of the vocabulary).
    prior_scale : float
        Prior mass per stratum as a multiple of the stratum's words (default
        1: the prior weighs as much as the stratum's data, as
        ``framing discover``'s default prior does for the whole corpus).
        Must be > 0.

    Returns
    -------
    (delta, z, n_strata)
        Arrays of shape (words,), and the number of strata used. With no
        usable stratum both arrays are NaN.

    Examples
    --------
    Group *i* says word 0 where group *j* says word 1, in two stories of
    different sizes; word 2 is shared:

    >>> y_i = np.array([[30, 2, 60], [12, 0, 30]])
    >>> y_j = np.array([[2, 30, 60], [0, 12, 30]])
    >>> delta, z, used = log_odds_stratified(y_i, y_j)
    >>> z.round(2).tolist(), used
    ([3.76, -3.76, 0.0], 2)
    """
    from scipy import sparse

    def as_csr(y: Any) -> Any:
        return sparse.csr_matrix(y, dtype=np.float64)

    yi, yj = as_csr(y_i), as_csr(y_j)
    if yi.shape != yj.shape:
        raise ValueError(f"y_i and y_j differ in shape: {yi.shape} and {yj.shape}")
    _, n_words = yi.shape
    own = prior is None
    pi = np.zeros(n_words)
    if prior is not None:
        pi = np.asarray(prior, dtype=np.float64)
        pi = pi / pi.sum()
    ni = np.asarray(yi.sum(axis=1)).ravel() if n_i is None else np.asarray(n_i, dtype=np.float64)
    nj = np.asarray(yj.sum(axis=1)).ravel() if n_j is None else np.asarray(n_j, dtype=np.float64)
    used = (ni > 0) & (nj > 0)
    if not used.any():
        nan = np.full(n_words, np.nan)
        return nan, nan.copy(), 0
    c = prior_scale * (ni + nj)  # prior mass per stratum
    big_b, big_d = ni + c, nj + c  # B and D of a word the stratum never uses: minus a_ws
    total = np.where(used, ni + nj + 2 * c, 1.0)  # strata not used weigh 0 below
    # With a background prior, the sums over strata with y = 0 everywhere are polynomials in pi_w
    # (P, Q constant per stratum); with the strata's own prior they are 0 (pi = 0 here).
    u = used.astype(np.float64)
    k = {name: u * v for name, v in {
        "R1": c * big_d / total, "S1": c * big_b / total, "2": c * c / total,
        "PR1": c * big_d ** 2 / total ** 2, "PR2": c * c * big_d / total ** 2,
        "QS1": c * big_b ** 2 / total ** 2, "QS2": c * c * big_b / total ** 2,
        "X1": 2 * c * big_b * big_d / total ** 2, "X2": c * c * (big_b + big_d) / total ** 2}.items()}
    sums = {name: float(v.sum()) for name, v in k.items()}
    sum_r = pi * sums["R1"] - pi ** 2 * sums["2"]
    sum_s = pi * sums["S1"] - pi ** 2 * sums["2"]
    sum_pr = pi * sums["PR1"] - pi ** 2 * sums["PR2"]
    sum_qs = pi * sums["QS1"] - pi ** 2 * sums["QS2"]
    sum_x = pi * sums["X1"] - pi ** 2 * sums["X2"]
    # Corrections where a group used the word: the exact terms minus the y = 0 terms.
    pattern = (abs(yi) + abs(yj)).tocoo()
    rows, cols = pattern.row, pattern.col
    keep = used[rows]
    rows, cols = rows[keep], cols[keep]
    if len(rows):
        vi = np.asarray(yi[rows, cols]).ravel()
        vj = np.asarray(yj[rows, cols]).ravel()
        alpha = prior_scale * (vi + vj) if own else c[rows] * pi[cols]
        n_s, bb, dd = total[rows], big_b[rows], big_d[rows]

        def terms(a_: np.ndarray, b_: np.ndarray, c_: np.ndarray, d_: np.ndarray
                  ) -> tuple[np.ndarray, ...]:
            r, s_ = a_ * d_ / n_s, b_ * c_ / n_s
            p, q = (a_ + d_) / n_s, (b_ + c_) / n_s
            return r, s_, p * r, q * s_, p * s_ + q * r

        exact = terms(vi + alpha, bb - vi - alpha, vj + alpha, dd - vj - alpha)
        # With the stratum's own prior a word it never uses adds nothing (A = C = 0).
        zero = terms(alpha, bb - alpha, alpha, dd - alpha) if not own else (0.0,) * 5
        for target, e, z0 in zip((sum_r, sum_s, sum_pr, sum_qs, sum_x), exact, zero, strict=True):
            target += np.bincount(cols, weights=e - z0, minlength=n_words)
    with np.errstate(invalid="ignore", divide="ignore"):
        delta = np.log(sum_r) - np.log(sum_s)
        var = (sum_pr / (2 * sum_r ** 2) + sum_x / (2 * sum_r * sum_s) + sum_qs / (2 * sum_s ** 2))
        z = delta / np.sqrt(var)
    return delta, z, int(used.sum())
