"""Matched comparison within stories: constructed per-document counts."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.analysis.matched import MATCHED_COLUMNS, matched_difference, matched_pairwise, matched_tests
from framing.errors import FramingError


def agenda_corpus(planted: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """20 stories; a covers 'negative' stories more, b 'positive' ones; within a story both name
    the concept alike, except that a's stance is shifted by ``planted``."""
    rng = np.random.default_rng(5)
    num, den, story, group = [], [], [], []
    for s in range(20):
        base = -0.6 if s % 2 else 0.6
        for g, n_docs in (("a", 6 if s % 2 else 2), ("b", 2 if s % 2 else 6)):
            for _ in range(n_docs):
                hits = int(rng.integers(2, 6))
                stance = np.clip(base + (planted if g == "a" else 0.0), -1, 1)
                plus = rng.binomial(hits, (stance + 1) / 2)
                num.append(plus - (hits - plus))
                den.append(hits)
                story.append(f"s{s}")
                group.append(g)
    return np.array(num, float), np.array(den, float), np.array(story), np.array(group)


def test_agenda_does_not_pass_for_stance_when_matched() -> None:
    num, den, story, group = agenda_corpus(planted=0.0)
    first = group == "a"
    plain = num[first].sum() / den[first].sum() - num[~first].sum() / den[~first].sum()
    d, n = matched_difference(num, den, story, first)
    assert plain < -0.3  # unmatched: a looks far more negative, because of what it covers
    assert n == 20 and abs(d) < 0.15
    res = matched_tests(num, den, story, first, n_boot=500, n_perm=500)
    assert res["ci_low"][0] < 0 < res["ci_high"][0] and res["p_value"][0] > 0.05


def test_a_planted_difference_is_found() -> None:
    num, den, story, group = agenda_corpus(planted=-0.5)
    res = matched_tests(num, den, story, group == "a", n_boot=500, n_perm=999)
    assert -0.8 < res["difference"][0] < -0.3
    assert res["ci_high"][0] < 0 and res["p_value"][0] < 0.01


@settings(max_examples=25)
@given(st.integers(0, 10_000))
def test_swapping_groups_negates(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = 30
    num = rng.integers(-3, 4, size=(n, 2)).astype(float)
    den = np.abs(num) + rng.integers(0, 3, size=(n, 2))
    story = rng.integers(0, 5, size=n)
    first = rng.random(n) < 0.5
    d1, n1 = matched_difference(num[:, 0], den[:, 0], story, first)
    d2, n2 = matched_difference(num[:, 0], den[:, 0], story, ~first)
    assert n1 == n2
    if np.isfinite(d1):
        assert d2 == pytest.approx(-d1, abs=1e-12)
    else:
        assert np.isnan(d2)


def test_pairwise_table_and_row_order() -> None:
    num, den, story, group = agenda_corpus(planted=-0.5)
    table = matched_pairwise(np.column_stack([num, num]), np.column_stack([den, den]), story, group,
                             concepts=["c1", "c2"], n_boot=200, n_perm=200)
    assert list(table.columns) == MATCHED_COLUMNS
    assert table["group_a"].tolist() == ["a", "a"] and table["stories"].tolist() == [20, 20]
    assert table.loc[0, "difference"] == pytest.approx(table.loc[1, "difference"])
    order = np.random.default_rng(1).permutation(len(num))
    again = matched_pairwise(np.column_stack([num, num])[order], np.column_stack([den, den])[order],
                             story[order], group[order], concepts=["c1", "c2"], n_boot=200, n_perm=200)
    assert again["difference"].tolist() == pytest.approx(table["difference"].tolist())


def test_too_few_stories_and_errors() -> None:
    num, den, story, group = agenda_corpus(planted=0.0)
    table = matched_pairwise(num, den, story, group, concepts=["c"], n_boot=50, n_perm=50, min_stories=50)
    assert table.loc[0, "too_few_stories"] and np.isnan(table.loc[0, "p_value"])
    with pytest.raises(FramingError, match=r"one row per document; got 3, 3, 2 and 3 rows"):
        matched_pairwise(np.ones(3), np.ones(3), [1, 2], ["a", "b", "a"], concepts=["c"])
    with pytest.raises(FramingError, match=r"1 concept columns but 2 concept names"):
        matched_pairwise(np.ones(3), np.ones(3), [1, 1, 2], ["a", "b", "a"], concepts=["c", "d"])
