"""Keyness: which words set one group of documents apart from another, with a Dirichlet prior.

References
----------
.. [1] Monroe, B. L., Colaresi, M. P. & Quinn, K. M. (2008). Fightin' words:
   lexical feature selection and evaluation for identifying the content of
   political conflict. *Political Analysis*, 16(4), 372–403.
.. [2] Mantel, N. & Haenszel, W. (1959). Statistical aspects of the analysis
   of data from retrospective studies of disease. *Journal of the National
   Cancer Institute*, 22(4), 719–748.
.. [3] Robins, J., Breslow, N. & Greenland, S. (1986). Estimators of the
   Mantel-Haenszel variance consistent in both sparse data and large-strata
   limiting models. *Biometrics*, 42(2), 311–323.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["log_odds_dirichlet", "log_odds_stratified"]


def log_odds_dirichlet(
    y_i: np.ndarray, y_j: np.ndarray, prior: np.ndarray, *, n_i: float | None = None,
    n_j: float | None = None, a0: float | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Log-odds ratio with an informative Dirichlet prior, and its z-score [1]_.

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

    The tables are pooled with the Mantel–Haenszel odds ratio [2]_ and its
    variance by Robins, Breslow & Greenland [3]_::

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
