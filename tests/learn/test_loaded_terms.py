"""Loadedness: the ranking reads the model's weights (a planted separating term ranks first),
the counts and descriptions of each feature, and the full weight table.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
from sklearn.ensemble import RandomForestClassifier
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.pipeline import Pipeline

from framing.errors import FramingError
from framing.io import Document
from framing.learn import LOADEDNESS_COLUMNS, feature_weights, loadedness, make_model
from framing.text.boilerplate import strip_boilerplate
from tests.conftest import MINI
from tests.learn.constructed import EXPECTED_LABELS, EXPECTED_STEMS, make_corpus

WORDS = ["وصل", "الوفد", "إلى", "المدينة", "صباح", "اليوم", "بعد", "رحلة", "طويلة", "عقد", "المجلس",
         "اجتماعا", "لمناقشة", "الميزانية", "ارتفعت", "أسعار", "الخبز", "في", "الأسواق", "هذا", "العام"]
#: One planted word per class (its analysed form), found in every document of the class only.
PLANTED = {"a": ("الزيتون", "زيتون"), "b": ("البرتقال", "برتقال"), "c": ("بالقمح", "قمح")}


def planted_corpus(classes: str, n_per_class: int = 12, seed: int = 0) -> tuple[list[str], list[str]]:
    """Shared filler drawn at random, plus the class's planted word at a random place."""
    rng = random.Random(seed)
    texts, y = [], []
    for cls in classes:
        for _ in range(n_per_class):
            words = rng.sample(WORDS, 8)
            words.insert(rng.randrange(len(words) + 1), PLANTED[cls][0])
            texts.append(" ".join(words))
            y.append(cls)
    return texts, y


@pytest.mark.parametrize(("classes", "seed"), [("ab", 0), ("ab", 1), ("abc", 0), ("abc", 2)])
def test_a_planted_separating_term_ranks_first(classes: str, seed: int) -> None:
    texts, y = planted_corpus(classes, seed=seed)
    model = make_model("ngrams").fit(texts, y)
    table = loadedness(model, texts, y, top=5)
    assert list(table.columns) == LOADEDNESS_COLUMNS
    assert table["class"].unique().tolist() == list(classes)
    for cls in classes:
        first = table[table["class"] == cls].iloc[0]
        assert (first["rank"], first["feature"], first["kind"], first["term"]) == (
            1, f"ngrams__{PLANTED[cls][1]}", "ngram", PLANTED[cls][1])
        assert first["weight"] > 0
        assert (first["count_in_class"], first["count_other"]) == (12, 0)


@pytest.mark.parametrize("classes", ["ab", "abc"])
def test_weights_are_the_classifier_coefficients(classes: str) -> None:
    texts, y = planted_corpus(classes)
    model = make_model("ngrams").fit(texts, y)
    names = model[-2].get_feature_names_out()
    coef = model[-1].coef_
    rows = {cls: k for k, cls in enumerate(classes)}
    if len(classes) == 2:  # one row of weights: the second class's; the first's is its negation
        assert coef.shape[0] == 1
        coef = np.vstack([-coef[0], coef[0]])
    table = loadedness(model, texts, y, top=len(names))
    for cls, part in table.groupby("class"):
        k = rows[cls]
        expected = np.sort(coef[k])[::-1]
        np.testing.assert_allclose(part["weight"].to_numpy(), expected)  # ranked by weight
        index = {name: j for j, name in enumerate(names)}
        for row in part.itertuples():
            assert row.weight == coef[k, index[row.feature]]
        assert part["rank"].tolist() == list(range(1, len(names) + 1))


def test_counts_are_documents_with_the_feature() -> None:
    texts, y = planted_corpus("ab")
    texts[0] += " البرتقال"  # one «a» document also has «b»'s word
    model = make_model("ngrams").fit(texts, y)
    table = loadedness(model, texts, y, top=100).set_index(["class", "term"])
    assert tuple(table.loc[("b", "برتقال"), ["count_in_class", "count_other"]]) == (12, 1)
    assert tuple(table.loc[("a", "برتقال"), ["count_in_class", "count_other"]]) == (1, 12)


def test_feature_weights_agree_with_loadedness() -> None:
    texts, y = planted_corpus("abc")
    model = make_model("ngrams").fit(texts, y)
    weights = feature_weights(model)
    assert list(weights.columns) == ["a", "b", "c"] and weights.index.name == "feature"
    assert weights.shape == (len(model[-2].get_feature_names_out()), 3)
    table = loadedness(model, texts, y, top=3)
    for cls in "abc":
        top = weights[cls].sort_values(ascending=False, kind="stable").head(3)
        part = table[table["class"] == cls]
        assert part["feature"].tolist() == top.index.tolist()
        np.testing.assert_allclose(part["weight"], top.to_numpy())


@pytest.mark.parametrize("features", ["lexicon", "ngrams"])
def test_loaded_labels_rank_first_per_feature_set(features: str) -> None:
    # Without stripping the footers, n-grams would learn «جميع الحقوق محفوظة» instead.
    docs, _ = strip_boilerplate(Document(r["id"], r["outlet"], r["text"]) for r in make_corpus())
    texts, y = [d.text for d in docs], [d.outlet for d in docs]
    model = make_model(features, lexicon=str(MINI)).fit(texts, y)  # type: ignore[arg-type]
    table = loadedness(model, texts, y, top=3, lexicon=str(MINI))
    for cls in ("alpha", "beta"):
        top = table[table["class"] == cls]
        assert list(top["rank"]) == [1, 2, 3]
        if features == "lexicon":
            assert set(top["in_lexicon"]) <= EXPECTED_LABELS[cls]
            terms = top[top["kind"] == "term"]
            assert len(terms) and (terms["count_in_class"] > 0).all() and (terms["count_other"] == 0).all()
        else:
            assert all(set(t.split()) & EXPECTED_STEMS[cls] for t in top["term"])


def test_lexicon_features_are_described() -> None:
    texts = [r["text"] for r in make_corpus()]
    y = [r["outlet"] for r in make_corpus()]
    model = make_model("lexicon", lexicon=str(MINI)).fit(texts, y)
    table = loadedness(model, texts, y, top=200).drop_duplicates("feature").set_index("feature")
    described = {
        "lexicon__labels__armed_groups:resistance": ("label", "armed_groups:resistance",
                                                     "armed_groups:resistance"),
        "lexicon__labels__stance:armed_groups": ("stance", "stance:armed_groups", "armed_groups"),
        "lexicon__terms__armed_groups:militia:ميليشيا": ("term", "ميليشيا", "armed_groups:militia"),
    }
    for feature, (kind, term, in_lexicon) in described.items():
        assert tuple(table.loc[feature, ["kind", "term", "in_lexicon"]]) == (kind, term, in_lexicon)


def test_ngrams_that_are_lexicon_terms_are_marked() -> None:
    texts, y = planted_corpus("ab")
    texts = [t + " المقاومة" if cls == "a" else t for t, cls in zip(texts, y, strict=True)]
    model = make_model("ngrams").fit(texts, y)
    table = loadedness(model, texts, y, top=100, lexicon=str(MINI)).set_index(["class", "term"])
    assert table.loc[("a", "مقاومه"), "in_lexicon"] == "armed_groups:resistance"
    assert table.loc[("a", "زيتون"), "in_lexicon"] == ""
    without = loadedness(model, texts, y, top=100).set_index(["class", "term"])
    assert without.loc[("a", "مقاومه"), "in_lexicon"] == ""  # no lexicon given, none in the model


def test_a_model_without_weights_is_refused() -> None:
    texts, y = planted_corpus("ab")
    forest = Pipeline([("words", CountVectorizer()), ("clf", RandomForestClassifier(n_estimators=3))])
    forest.fit(texts, y)
    for call in (lambda: loadedness(forest, texts, y), lambda: feature_weights(forest)):
        with pytest.raises(FramingError, match=r"the model's last step \(RandomForestClassifier\) has no "
                                               r"coef_; loadedness needs a linear model"):
            call()
