"""Cross-validation: folds (grouped folds keep groups together), the majority baseline,
every feature set on the same folds, and the checks on classes and groups."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from framing.errors import FramingError
from framing.learn import cross_validate, labelled_documents, make_model
from framing.learn.cv import check_classes, make_folds
from tests.conftest import MINI
from tests.learn.constructed import make_corpus

# ----------------------------------------------------------------------------
# Folds
# ----------------------------------------------------------------------------


def test_grouped_folds_keep_each_story_on_one_side() -> None:
    rows = make_corpus()
    data = labelled_documents(pd.DataFrame(rows), target="outlet", group_col="story")
    assert data.groups is not None
    for train_idx, test_idx in make_folds(data.y, data.groups, 4, 0):
        assert not set(data.groups[train_idx]) & set(data.groups[test_idx])
        assert set(data.y[test_idx]) == {"alpha", "beta"}  # stratified


def _assert_partition_keeping_groups(folds: list, groups: np.ndarray) -> None:
    tested = np.concatenate([test for _, test in folds])
    assert sorted(tested.tolist()) == list(range(len(groups)))  # every document tested exactly once
    for train_idx, test_idx in folds:
        assert not set(train_idx.tolist()) & set(test_idx.tolist())
        assert not set(groups[train_idx]) & set(groups[test_idx])  # no group on both sides


@pytest.mark.parametrize(("cv", "seed"), [(2, 0), (3, 0), (4, 0), (4, 1), (5, 7)])
def test_folds_from_group_col_keep_groups_together(cv: int, seed: int) -> None:
    rows = make_corpus(20)
    data = labelled_documents(pd.DataFrame(rows), target="outlet", group_col="story")
    assert data.groups is not None and len(set(data.groups)) == 8
    folds = make_folds(data.y, data.groups, cv, seed)
    assert len(folds) == cv
    _assert_partition_keeping_groups(folds, data.groups)


@given(st.lists(st.tuples(st.sampled_from("ab"), st.integers(0, 11)), min_size=12, max_size=60),
       st.integers(2, 4), st.integers(0, 3))
def test_grouped_folds_law(docs: list[tuple[str, int]], cv: int, seed: int) -> None:
    """Law: whatever the groups, each document is tested once and no group straddles a split."""
    y = np.asarray([c for c, _ in docs], dtype=object)
    groups = np.asarray([f"g{g}" for _, g in docs], dtype=object)
    assume(len(set(groups.tolist())) >= cv and len(set(y.tolist())) == 2)
    assume(min(Counter(y.tolist()).values()) >= cv)
    _assert_partition_keeping_groups(make_folds(y, groups, cv, seed), groups)


def test_cross_validate_uses_grouped_folds() -> None:
    rows = make_corpus()
    texts, y = [r["text"] for r in rows], [r["outlet"] for r in rows]
    groups = np.asarray([r["story"] for r in rows], dtype=object)
    result = cross_validate(texts, y, groups=groups, cv=4, feature_sets=["majority"])
    _assert_partition_keeping_groups(result.folds, groups)
    ungrouped = cross_validate(texts, y, cv=4, feature_sets=["majority"])
    assert any(set(groups[tr]) & set(groups[te]) for tr, te in ungrouped.folds)  # the option matters


def test_folds_are_stratified() -> None:
    y = np.asarray(["a"] * 12 + ["b"] * 6 + ["c"] * 3, dtype=object)
    for _, test_idx in make_folds(y, None, 3, 0):
        assert Counter(y[test_idx].tolist()) == {"a": 4, "b": 2, "c": 1}


# ----------------------------------------------------------------------------
# The majority baseline
# ----------------------------------------------------------------------------


def test_majority_baseline_predicts_the_training_majority() -> None:
    texts = [f"نص رقم {i}" for i in range(20)]
    y = ["a"] * 10 + ["b"] * 6 + ["c"] * 4
    result = cross_validate(texts, y, cv=2, feature_sets=["majority"])
    assert result.classes == ["a", "b", "c"]
    assert result.predictions["majority"].tolist() == ["a"] * 20
    labels = np.asarray(y, dtype=object)
    for (_, test_idx), f1, acc in zip(result.folds, result.fold_macro_f1["majority"],
                                      result.fold_accuracy["majority"], strict=True):
        share = float(np.mean(labels[test_idx] == "a"))  # precision of «a»; its recall is 1
        assert acc == pytest.approx(share)
        assert f1 == pytest.approx(2 * share / (share + 1) / 3)  # b and c score 0
    ablation = result.ablation().set_index("features")
    mean = np.mean(result.fold_macro_f1["majority"])
    assert ablation.loc["majority", "macro_f1_mean"] == pytest.approx(mean)
    assert ablation.loc["majority", "folds"] == 2


def test_majority_baseline_follows_each_training_part() -> None:
    # Grouped folds can leave a different majority in each training part.
    y = ["a", "a", "a", "b", "b", "a", "b", "b", "b", "b"]
    groups = ["g1", "g1", "g1", "g1", "g1", "g2", "g2", "g2", "g3", "g4"]
    result = cross_validate(["نص"] * 10, y, groups=groups, cv=2, feature_sets=["majority"])
    labels = np.asarray(y, dtype=object)
    for train_idx, test_idx in result.folds:
        counts = Counter(labels[train_idx].tolist())
        majority = max(sorted(counts), key=counts.__getitem__)
        assert set(result.predictions["majority"][test_idx].tolist()) == {majority}


# ----------------------------------------------------------------------------
# Checks
# ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("y", "groups", "cv", "message"),
    [
        (["a", "b"] * 3, None, 1, r"The 'cv' parameter must be an integer >= 2. Got 1 instead"),
        (["a", "b"] * 3, None, "3", r"The 'cv' parameter must be an integer >= 2. Got '3' instead"),
        (["a", "b"] * 3, None, True, r"The 'cv' parameter must be an integer >= 2. Got True instead"),
        (["a"] * 6, None, 2, r"the target has 1 class\(es\) \('a'\); a classifier needs at least two"),
        ([], None, 2, r"the target has 0 class\(es\) \(none\)"),
        (["a"] * 5 + ["b", "c"], None, 2,
         r"class\(es\) with fewer documents than folds \(--cv 2\): 'b' \(1\), 'c' \(1\); lower --cv"),
        (["a", "b"] * 3, ["g1", "g2"] * 3, 3, r"only 2 distinct group\(s\) for 3 folds; lower --cv or"),
    ],
)
def test_check_classes_refuses(y: list, groups: list | None, cv: object, message: str) -> None:
    with pytest.raises(FramingError, match=message):
        check_classes(np.asarray(y, dtype=object),
                      None if groups is None else np.asarray(groups, dtype=object), cv)  # type: ignore[arg-type]


def test_cross_validate_refuses_an_unknown_feature_set() -> None:
    with pytest.raises(FramingError, match=r"The 'feature_sets' parameter must be one of 'majority', "
                                           r"'lexicon', 'ngrams', 'both'. Got 'words' instead"):
        cross_validate(["نص"] * 4, ["a", "b"] * 2, cv=2, feature_sets=["words"])


# ----------------------------------------------------------------------------
# Every feature set on the same folds
# ----------------------------------------------------------------------------


def test_cross_validate_scores_a_reference_on_the_same_folds() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    rows = make_corpus()
    texts, y = [r["text"] for r in rows], [r["outlet"] for r in rows]
    reference = make_pipeline(TfidfVectorizer(), LogisticRegression())
    result = cross_validate(texts, y, cv=4, lexicon=str(MINI), extra={"reference": reference},
                            feature_sets=["majority", "lexicon", "reference"])
    assert list(result.ablation()["features"]) == ["majority", "lexicon", "reference"]
    assert all(p is not None for p in result.predictions["reference"])


def test_manual_folds_equal_pipeline_folds() -> None:
    """The shortcut of computing lexicon counts once gives what per-fold pipelines give."""
    from sklearn.base import clone
    from sklearn.metrics import f1_score

    rows = make_corpus(12, seed=3)
    texts = np.asarray([r["text"] for r in rows], dtype=object)
    y = np.asarray([r["loaded"] for r in rows], dtype=object)
    result = cross_validate(texts, y, cv=3, lexicon=str(MINI), feature_sets=["both"])
    model = make_model("both", lexicon=str(MINI))
    for (train_idx, test_idx), f1 in zip(result.folds, result.fold_macro_f1["both"], strict=True):
        pred = clone(model).fit(texts[train_idx], y[train_idx]).predict(texts[test_idx])
        assert f1_score(y[test_idx], pred, average="macro", zero_division=0) == pytest.approx(f1)


