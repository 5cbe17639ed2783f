"""Controlled discovery: the stratified log-odds z on constructed stories (words written for
these tests)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from framing.analysis.stats import log_odds_dirichlet, log_odds_stratified
from framing.errors import FramingError

# Three constructed events, each with its own words; both outlets write with the same neutral words.
EVENTS = {
    "flood": ["سيول", "امطار", "الوادي", "اجلاء"],
    "vote": ["انتخابات", "صناديق", "مرشح", "اقتراع"],
    "match": ["مباراه", "هدف", "الملعب", "الفريق"],
}
NEUTRAL = ["قال", "مسؤول", "المدينه", "اليوم", "مصادر", "الحكومه"]
PLANTED = {"x": ["الشهداء", "الاحتلال"], "y": ["القتلي", "اسرائيل"]}


def counts(coverage: dict[str, dict[str, int]], planted: bool) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Per-event (stratum) word counts of outlets x and y: ``coverage[outlet][event]`` articles."""
    vocab = sorted({w for ws in EVENTS.values() for w in ws} | set(NEUTRAL)
                   | {w for ws in PLANTED.values() for w in ws})
    index = {w: i for i, w in enumerate(vocab)}
    out = {o: np.zeros((len(EVENTS), len(vocab))) for o in ("x", "y")}
    for s, (event, words) in enumerate(EVENTS.items()):
        for outlet in ("x", "y"):
            for _ in range(coverage[outlet][event]):
                article = words * 3 + NEUTRAL * 2 + (PLANTED[outlet] * 2 if planted else [])
                for w in article:
                    out[outlet][s, index[w]] += 1
    return out["x"], out["y"], vocab


def test_agenda_alone_is_not_distinctive_once_controlled() -> None:
    # x covers mostly floods, y mostly votes; within each event they write alike.
    coverage = {"x": {"flood": 8, "vote": 2, "match": 1}, "y": {"flood": 2, "vote": 8, "match": 1}}
    y_x, y_y, vocab = counts(coverage, planted=False)
    used_words = (y_x.sum(0) + y_y.sum(0)) > 0
    y_x, y_y = y_x[:, used_words], y_y[:, used_words]
    vocab = [w for w, u in zip(vocab, used_words, strict=True) if u]
    _, z_plain = log_odds_dirichlet(y_x.sum(0), y_y.sum(0), y_x.sum(0) + y_y.sum(0))
    delta, z_ctrl, used = log_odds_stratified(y_x, y_y)
    assert used == 3
    flagged = {vocab[i] for i in np.flatnonzero(np.abs(z_plain) > 1.96)}
    assert set(EVENTS["flood"]) | set(EVENTS["vote"]) <= flagged  # the agenda passes for wording
    np.testing.assert_allclose(z_ctrl, 0.0, atol=1e-9)  # controlled: nothing distinctive
    np.testing.assert_allclose(delta, 0.0, atol=1e-12)


def test_planted_word_choices_are_exactly_what_controlled_discovery_finds() -> None:
    coverage = {"x": {"flood": 16, "vote": 4, "match": 3}, "y": {"flood": 4, "vote": 16, "match": 3}}
    y_x, y_y, vocab = counts(coverage, planted=True)
    _, z, _ = log_odds_stratified(y_x, y_y)
    found = {vocab[i]: float(z[i]) for i in np.flatnonzero(np.abs(z) > 1.96)}
    assert set(found) == set(PLANTED["x"]) | set(PLANTED["y"])
    assert all(found[w] > 0 for w in PLANTED["x"]) and all(found[w] < 0 for w in PLANTED["y"])


def brute(y_i: np.ndarray, y_j: np.ndarray, prior: np.ndarray | None, scale: float = 1.0
          ) -> tuple[np.ndarray, np.ndarray]:
    """The formula of the docstring, stratum by stratum."""
    n_i, n_j = y_i.sum(1), y_j.sum(1)
    r = s = pr = qs = x = 0.0
    for k in np.flatnonzero((n_i > 0) & (n_j > 0)):
        c = scale * (n_i[k] + n_j[k])
        alpha = scale * (y_i[k] + y_j[k]) if prior is None else c * prior / prior.sum()
        a = y_i[k] + alpha
        b = n_i[k] + c - a
        cc = y_j[k] + alpha
        d = n_j[k] + c - cc
        n = a + b + cc + d
        rk, sk, p, q = a * d / n, b * cc / n, (a + d) / n, (b + cc) / n
        r, s, pr, qs, x = r + rk, s + sk, pr + p * rk, qs + q * sk, x + p * sk + q * rk
    delta = np.log(r / s)
    return delta, delta / np.sqrt(pr / (2 * r * r) + x / (2 * r * s) + qs / (2 * s * s))


counts_arrays = arrays(np.int64, (4, 6), elements=st.integers(0, 30))


@given(counts_arrays, counts_arrays, arrays(np.float64, 6, elements=st.floats(0.1, 10)),
       st.sampled_from([0.5, 1.0, 2.0]), st.booleans())
def test_matches_the_formula_and_swapping_negates(y_i, y_j, prior, scale, own) -> None:
    if not ((y_i.sum(1) > 0) & (y_j.sum(1) > 0)).any():
        return
    prior = None if own else prior
    delta, z, _ = log_odds_stratified(y_i, y_j, prior=prior, prior_scale=scale)
    d_ref, z_ref = brute(y_i.astype(float), y_j.astype(float), prior, scale)
    np.testing.assert_allclose(delta, d_ref, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(z, z_ref, rtol=1e-9, atol=1e-12)
    d_swap, z_swap, _ = log_odds_stratified(y_j, y_i, prior=prior, prior_scale=scale)
    np.testing.assert_allclose(d_swap, -delta, atol=1e-12)
    np.testing.assert_allclose(z_swap, -z, atol=1e-12)


def test_one_stratum_is_monroe_delta_and_sparse_input_is_the_same() -> None:
    from scipy import sparse

    y_i = np.array([[12.0, 0, 3, 40, 7]])
    y_j = np.array([[2.0, 9, 3, 35, 0]])
    prior = np.array([1.0, 2, 3, 4, 5])
    delta, z, used = log_odds_stratified(y_i, y_j, prior=prior)
    a = prior / prior.sum() * (y_i.sum() + y_j.sum())
    d_monroe, z_monroe = log_odds_dirichlet(y_i[0], y_j[0], a)
    np.testing.assert_allclose(delta, d_monroe, rtol=1e-12)
    assert used == 1 and np.all(np.abs(z) <= np.abs(z_monroe) + 1e-12)  # Woolf's variance is larger
    # The default prior, the stratum's own counts, is discover's default prior (corpus counts).
    d_own, _, _ = log_odds_stratified(y_i, y_j)
    d_disc, _ = log_odds_dirichlet(y_i[0], y_j[0], y_i[0] + y_j[0])
    np.testing.assert_allclose(d_own[np.isfinite(d_disc)], d_disc[np.isfinite(d_disc)], rtol=1e-12)
    d_sp, z_sp, _ = log_odds_stratified(sparse.csr_matrix(y_i), sparse.csr_matrix(y_j), prior=prior)
    np.testing.assert_allclose(d_sp, delta)
    np.testing.assert_allclose(z_sp, z)


def test_strata_with_one_group_only_are_left_out() -> None:
    y_i = np.array([[5.0, 5], [9, 0]])
    y_j = np.array([[5.0, 5], [0, 0]])
    delta, z, used = log_odds_stratified(y_i, y_j)
    assert used == 1 and np.allclose(delta, 0) and np.allclose(z, 0)
    none = log_odds_stratified(y_i[1:], y_j[1:])
    assert none[2] == 0 and np.isnan(none[0]).all()
    with pytest.raises(ValueError, match=r"y_i and y_j differ in shape: \(2, 2\) and \(1, 2\)"):
        log_odds_stratified(y_i, y_j[:1])


def test_within_stories_matches_the_strata_built_by_hand() -> None:
    import pandas as pd

    from framing.analysis.controlled import log_odds_within_stories, same_story_labels, story_strata

    rng = np.random.default_rng(2)
    counts = rng.poisson(1.0, size=(40, 7))
    story = rng.integers(0, 6, size=40)
    group = np.array(["x", "y", "z", "x"] * 10)
    out = log_odds_within_stories(counts, story, group)
    assert set(out) == {"x", "y", "z"}
    for name in out:
        first = group == name
        stories = [s for s in range(6) if first[story == s].any() and (~first[story == s]).any()]
        y_i = np.array([counts[(story == s) & first].sum(0) for s in stories])
        y_j = np.array([counts[(story == s) & ~first].sum(0) for s in stories])
        delta, z, used = log_odds_stratified(y_i, y_j)
        np.testing.assert_allclose(out[name][0], delta)
        np.testing.assert_allclose(out[name][1], z)
        assert out[name][2] == used == len(stories)
        assert story_strata(counts, story, first)[2].tolist() == stories
    with pytest.raises(FramingError, match=r"one row per document; got 40, 39 and 40 rows"):
        log_odds_within_stories(counts, story[:-1], group)
    stories_table = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "outlet": ["x", "y", "z", "x"],
                                  "story_id": [1, 1, 1, 2], "n_outlets": [3, 3, 3, 1],
                                  "story_size": [3, 3, 3, 1]})
    hits = pd.DataFrame({"doc_id": ["a", "a", "a", "b", "c", "d"],
                         "concept": ["fighters"] * 6,
                         "label": ["resistance", "militants", "resistance", "militants", "terrorists",
                                   "resistance"]})
    table = same_story_labels(stories_table, hits)
    assert table[["outlet", "labels", "hits"]].values.tolist() == [
        ["x", "resistance (2); militants (1)", 3], ["y", "militants (1)", 1], ["z", "terrorists (1)", 1]]
    with pytest.raises(FramingError, match=r"lacks column\(s\) 'label'; give the hits table"):
        same_story_labels(stories_table, hits.drop(columns="label"))
