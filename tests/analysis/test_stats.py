"""Statistics on arrays: known answers, laws, and behaviour under a true null (all seeded)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats as sps

from framing.analysis.stats import (
    bh_adjust,
    bootstrap_sums,
    cohens_h,
    krippendorff_alpha_nominal,
    log_odds_dirichlet,
    percentile_interval,
    permutation_test_ratio,
    rng_for,
    wilson_interval,
)


def test_rng_for_depends_on_seed_and_names_only() -> None:
    a = rng_for(0, "alpha", "beta").integers(10**9, size=3)
    assert (a == rng_for(0, "alpha", "beta").integers(10**9, size=3)).all()
    assert not (a == rng_for(1, "alpha", "beta").integers(10**9, size=3)).all()
    assert not (a == rng_for(0, "beta", "alpha").integers(10**9, size=3)).all()


def test_bootstrap_sums_resample_rows() -> None:
    values = np.array([[1.0, 0.0], [0.0, 1.0], [2.0, 2.0]])
    sums = bootstrap_sums(values, 4000, np.random.default_rng(0))
    assert sums.shape == (4000, 2)
    # every resample has n rows: sums of column 0 are combinations of 0, 1, 2 over 3 draws
    assert set(np.unique(sums[:, 0])) <= {0, 1, 2, 3, 4, 5, 6}
    assert sums.mean(axis=0) == pytest.approx(values.sum(axis=0), rel=0.05)
    assert bootstrap_sums(np.zeros((0, 2)), 5, np.random.default_rng(0)).shape == (5, 2)


def test_percentile_interval_ignores_undefined_resamples() -> None:
    samples = np.array([[1.0, np.nan], [2.0, np.nan], [3.0, np.nan], [np.nan, np.nan]])
    low, high = percentile_interval(samples, 0.5)
    assert low[0] == pytest.approx(1.5) and high[0] == pytest.approx(2.5)
    assert np.isnan(low[1]) and np.isnan(high[1])


def test_bh_adjust_matches_hand_computation() -> None:
    p = [0.01, 0.04, 0.03, 0.005, float("nan")]
    # sorted: 0.005, 0.01, 0.03, 0.04 (m = 4): 0.02, 0.02, 0.04, 0.04
    assert bh_adjust(p)[:4] == pytest.approx([0.02, 0.04, 0.04, 0.02])
    assert np.isnan(bh_adjust(p)[4])
    assert bh_adjust([0.9, 0.95]) == pytest.approx([0.95, 0.95])
    assert np.isnan(bh_adjust([float("nan")])).all()


def test_cohens_h_is_bounded_and_antisymmetric() -> None:
    assert float(cohens_h(1.0, 0.0)) == pytest.approx(np.pi)
    assert float(cohens_h(0.3, 0.7)) == pytest.approx(-float(cohens_h(0.7, 0.3)))


@pytest.mark.parametrize(
    ("k", "n", "low", "high"),
    [(8, 10, 0.4902, 0.9433), (0, 10, 0.0, 0.2775), (10, 10, 0.7225, 1.0), (50, 100, 0.4038, 0.5962)],
)
def test_wilson_interval_known_values(k: int, n: int, low: float, high: float) -> None:
    lo, hi = wilson_interval(k, n)
    assert float(lo) == pytest.approx(low, abs=1e-4) and float(hi) == pytest.approx(high, abs=1e-4)


def test_wilson_interval_no_trials_is_nan() -> None:
    assert np.isnan(wilson_interval(0, 0)).all()


def test_krippendorff_binary_two_coders() -> None:
    # Krippendorff (2011), section A: alpha = 0.095 (computed by hand: 1 - 19 * 4 / (14 * 6))
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert krippendorff_alpha_nominal(list(zip(a, b, strict=True))) == pytest.approx(1 - 76 / 84)


def test_krippendorff_four_coders_with_missing_values() -> None:
    # Krippendorff (2011), section C (nominal data, missing values): alpha = 0.743
    n = None
    coders = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3],
        [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n],
    ]
    assert krippendorff_alpha_nominal(list(zip(*coders, strict=True))) == pytest.approx(0.743, abs=5e-4)


def test_krippendorff_undefined_without_variation() -> None:
    assert np.isnan(krippendorff_alpha_nominal([(1, 1), (1, 1)]))
    assert np.isnan(krippendorff_alpha_nominal([(1, None), (0, None)]))
    assert krippendorff_alpha_nominal([(1, 1), (0, 0), (1, 1)]) == pytest.approx(1.0)


def test_log_odds_swap_negates_and_absent_terms_are_finite() -> None:
    y_i = np.array([30, 0, 5, 12])
    y_j = np.array([2, 25, 5, 0])
    prior = (y_i + y_j).astype(float)
    d1, z1 = log_odds_dirichlet(y_i, y_j, prior)
    d2, z2 = log_odds_dirichlet(y_j, y_i, prior)
    assert z1 == pytest.approx(-z2) and d1 == pytest.approx(-d2)
    assert np.isfinite(z1).all()
    assert z1[0] > 0 > z1[1]


def _null_dataset(rng: np.random.Generator, n: int = 40) -> tuple[np.ndarray, np.ndarray]:
    """Documents of two groups from one process: 0-6 hits, each +1 with probability 0.6."""
    hits = rng.integers(0, 7, size=2 * n)
    positive = rng.binomial(hits, 0.6)
    return (2 * positive - hits).astype(float), hits.astype(float)


def test_permutation_p_values_are_uniform_under_the_null() -> None:
    rng = np.random.default_rng(20240301)
    first = np.arange(80) < 40
    ps = []
    for i in range(200):
        num, den = _null_dataset(rng)
        _, p, n_defined = permutation_test_ratio(num, den, first, n_perm=300,
                                                 rng=np.random.default_rng(i))
        assert n_defined == 300
        ps.append(p)
    ps = np.array(ps)
    assert sps.kstest(ps, "uniform").pvalue > 0.01
    assert 0.01 <= (ps < 0.05).mean() <= 0.10


def test_permutation_shuffle_and_profile_branches_agree() -> None:
    # Many distinct (num, den) profiles force the direct shuffle; few force the hypergeometric draw.
    rng = np.random.default_rng(5)
    first = np.arange(200) < 100
    many_den = rng.integers(1, 60, size=200).astype(float)
    many_num = rng.binomial(many_den.astype(int), np.where(first, 0.5, 0.5)).astype(float) * 2 - many_den
    few_num, few_den = _null_dataset(np.random.default_rng(6), n=100)
    for num, den in ((many_num, many_den), (few_num, few_den)):
        obs, p, _ = permutation_test_ratio(num, den, first, n_perm=2000, rng=np.random.default_rng(1))
        assert 0.0 < p <= 1.0 and np.isfinite(obs)


def test_permutation_detects_a_real_difference_and_never_returns_zero() -> None:
    first = np.arange(80) < 40
    den = np.full(80, 3.0)
    num = np.where(first, 3.0, -3.0)  # A always +1, B always -1
    obs, p, _ = permutation_test_ratio(num, den, first, n_perm=999, rng=np.random.default_rng(0))
    assert obs == pytest.approx(2.0)
    assert p == pytest.approx(1 / 1000)


def test_permutation_undefined_statistic() -> None:
    first = np.array([True, True, False, False])
    obs, p, n = permutation_test_ratio(np.zeros(4), np.array([0.0, 0, 1, 1]), first, n_perm=10,
                                       rng=np.random.default_rng(0))
    assert np.isnan(obs) and np.isnan(p) and n == 0
