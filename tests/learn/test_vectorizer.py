"""LexiconVectorizer: values, the scikit-learn contract, persistence; its layout and lexicon data."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import skops.io as sio
from sklearn.base import clone
from sklearn.compose import ColumnTransformer
from sklearn.exceptions import NotFittedError
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.utils import estimator_checks

from framing.errors import FramingError
from framing.learn import LexiconVectorizer, arabic_analyzer
from framing.lexicon import load_lexicon
from framing.text.normalizer import Normalizer
from tests.conftest import DOCS, MINI

TEXTS = [text for _, _, _, text in DOCS]
# قوات الاحتلال (occupation, -1), المقاومة (resistance, +1), ميليشيا (militia, -1):
# 7 word tokens.
ONE = "قصفت قوات الاحتلال مواقع المقاومة والميليشيات أمس"


def frame(vec: LexiconVectorizer, texts: list[str]) -> pd.DataFrame:
    X = vec.fit_transform(texts)
    return pd.DataFrame(X.toarray(), columns=vec.get_feature_names_out())


# ----------------------------------------------------------------------------
# Values
# ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "value", "feature", "expected"),
    [
        ("label", "count", "foreign_troops:occupation", 1.0),
        ("label", "count", "armed_groups:resistance", 1.0),
        ("label", "count", "armed_groups:militia", 1.0),
        ("label", "count", "israel:occupation", 0.0),
        ("label", "rate", "armed_groups:militia", 1000 / 7),
        ("label", "share", "armed_groups:resistance", 0.5),
        ("label", "share", "foreign_troops:occupation", 1.0),
        ("label", "share", "the_dead:martyrs", 0.0),  # concept not mentioned: 0, not NaN
        ("term", "count", "foreign_troops:occupation:قوات الاحتلال", 1.0),
        ("term", "count", "armed_groups:militia:ميليشيا", 1.0),  # the form ميليشيات counts for its term
        ("term", "share", "armed_groups:militia:ميليشيا", 0.5),
        ("concept", "count", "armed_groups", 2.0),
        ("concept", "rate", "armed_groups", 2000 / 7),
        ("concept", "share", "armed_groups", 2 / 3),  # share of all the document's hits
        ("label", "count", "stance:armed_groups", 0.0),  # mean of +1 and -1
        ("label", "count", "stance:foreign_troops", -1.0),
        ("label", "count", "stance:the_dead", 0.0),  # no hits
    ],
)
def test_feature_values(level: str, value: str, feature: str, expected: float) -> None:
    out = frame(LexiconVectorizer(str(MINI), level=level, value=value), [ONE])  # type: ignore[arg-type]
    assert out.loc[0, feature] == pytest.approx(expected)


@pytest.mark.parametrize("level", ["term", "label", "concept"])
def test_feature_names_and_shape(level: str) -> None:
    lex = load_lexicon(str(MINI))
    vec = LexiconVectorizer(str(MINI), level=level)  # type: ignore[arg-type]
    X = vec.fit_transform(TEXTS)
    names = vec.get_feature_names_out()
    n_base = {"term": len(lex.terms), "label": len(lex.labels), "concept": len(lex.concepts)}[level]
    assert X.shape == (len(TEXTS), n_base + len(lex.concepts)) == (len(TEXTS), len(names))
    assert list(names[-len(lex.concepts):]) == [f"stance:{c.id}" for c in lex.concepts]
    assert X.format == "csr" and X.dtype == np.float64
    no_stance = LexiconVectorizer(str(MINI), level=level, stance=False).fit(TEXTS)  # type: ignore[arg-type]
    assert len(no_stance.get_feature_names_out()) == n_base


def test_label_counts_agree_with_the_matcher(mini_matcher) -> None:  # type: ignore[no-untyped-def]
    out = frame(LexiconVectorizer(str(MINI), value="count", stance=False), TEXTS)
    for i, text in enumerate(TEXTS):
        expected: dict[str, int] = {}
        for term, n in mini_matcher.count(text)[1].items():
            info = mini_matcher.terms[term]
            expected[f"{info.concept}:{info.label}"] = expected.get(f"{info.concept}:{info.label}", 0) + n
        assert {k: v for k, v in out.iloc[i].items() if v} == expected


def test_rows_are_independent_of_order() -> None:
    vec = LexiconVectorizer(str(MINI)).fit(TEXTS)
    forward = vec.transform(TEXTS).toarray()
    backward = vec.transform(TEXTS[::-1]).toarray()
    np.testing.assert_array_equal(forward, backward[::-1])


def test_fit_transform_reads_a_generator_once() -> None:
    X = LexiconVectorizer(str(MINI)).fit_transform(text for text in TEXTS)
    assert X.shape[0] == len(TEXTS) and X.nnz > 0


def test_empty_text_gives_zeros() -> None:
    X = LexiconVectorizer(str(MINI), value="rate").fit_transform(["", "...", ONE])
    assert X[0].nnz == 0 and X[1].nnz == 0 and X[2].nnz > 0


def test_feature_info_lists_every_feature() -> None:
    vec = LexiconVectorizer(str(MINI)).fit(TEXTS)
    info = vec.feature_info()
    assert list(info["feature"]) == list(vec.get_feature_names_out())
    assert set(info["kind"]) == {"label", "stance"}
    row = info.set_index("feature").loc["armed_groups:resistance"]
    assert (row.kind, row.concept, row.label, row.pole) == ("label", "armed_groups", "resistance", 1)
    terms = LexiconVectorizer(str(MINI), level="term").fit(TEXTS).feature_info().set_index("feature")
    assert terms.loc["armed_groups:militia:ميليشيا", "term"] == "ميليشيا"


# ----------------------------------------------------------------------------
# Errors
# ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "X", "message"),
    [
        ({"level": "word"}, TEXTS, r"The 'level' parameter must be one of 'term', 'label', 'concept'. "
                                   r"Got 'word' instead"),
        ({"value": "tfidf"}, TEXTS, r"The 'value' parameter must be one of 'count', 'rate', 'share'"),
        ({}, ONE, r"raw text documents expected, string object received; wrap a single text in a list"),
        ({}, [ONE, None], r"document 1 is NoneType \(None\), not text; fill or drop missing texts"),
        ({}, np.array([[ONE]]), r"got an array of shape \(1, 1\); pass one text column"),
        ({"lexicon": "no-such-lexicon"}, TEXTS, r"no bundled lexicon or file named 'no-such-lexicon'"),
    ],
)
def test_errors(kwargs: dict, X: object, message: str) -> None:
    kwargs = {"lexicon": str(MINI), **kwargs}
    with pytest.raises(FramingError, match=message):
        LexiconVectorizer(**kwargs).fit(X)  # type: ignore[arg-type]


def test_transform_before_fit_raises() -> None:
    vec = LexiconVectorizer(str(MINI))
    with pytest.raises(NotFittedError, match="not fitted yet"):
        vec.transform(TEXTS)
    with pytest.raises(NotFittedError, match="not fitted yet"):
        vec.get_feature_names_out()


# ----------------------------------------------------------------------------
# The scikit-learn contract
# ----------------------------------------------------------------------------


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.SkipTestWarning")
def test_check_estimator_passes() -> None:
    # Declared string input: scikit-learn itself skips the checks that feed numbers.
    results = estimator_checks.check_estimator(LexiconVectorizer(str(MINI)), on_fail=None, on_skip=None)
    assert results and all(r["status"] == "passed" for r in results)


GENERIC_CHECKS = [
    "check_parameters_default_constructible",
    "check_no_attributes_set_in_init",
    "check_get_params_invariance",
    "check_set_params",
    "check_estimator_repr",
    "check_do_not_raise_errors_in_init_or_set_params",
    "check_estimator_cloneable",
    "check_estimator_tags_renamed",
    "check_valid_tag_types",
    "check_mixin_order",
]


@pytest.mark.parametrize("check", GENERIC_CHECKS)
def test_generic_sklearn_checks(check: str) -> None:
    getattr(estimator_checks, check)("LexiconVectorizer", LexiconVectorizer(str(MINI)))


def test_fit_returns_self_keeps_params_and_is_idempotent() -> None:
    vec = LexiconVectorizer(str(MINI), level="term", value="share")
    params = vec.get_params()
    assert vec.fit(TEXTS) is vec
    assert vec.get_params() == params
    first = vec.transform(TEXTS).toarray()
    np.testing.assert_array_equal(vec.fit(TEXTS[:1]).transform(TEXTS).toarray(), first)


def test_clone_gives_unfitted_copy_with_same_params() -> None:
    lex = load_lexicon(str(MINI))
    vec = LexiconVectorizer(lex, level="concept").fit(TEXTS)
    copy = clone(vec)
    assert copy.get_params()["level"] == "concept" and not hasattr(copy, "vocabulary_")
    np.testing.assert_array_equal(copy.fit_transform(TEXTS).toarray(), vec.transform(TEXTS).toarray())


def _roundtrip_pickle(obj: object) -> object:
    return pickle.loads(pickle.dumps(obj))


def _roundtrip_skops(obj: object) -> object:
    data = sio.dumps(obj)
    untrusted = sio.get_untrusted_types(data=data)
    assert set(untrusted) <= {"framing.learn.vectorizer.LexiconVectorizer",
                              "framing.learn.analyzer.ArabicAnalyzer", "framing.text.normalizer.Normalizer"}
    return sio.loads(data, trusted=untrusted)


@pytest.mark.parametrize("roundtrip", [_roundtrip_pickle, _roundtrip_skops])
def test_persisted_vectorizer_needs_no_lexicon_file(tmp_path: Path, roundtrip) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "lexicon.yaml"
    shutil.copy(MINI, path)
    vec = LexiconVectorizer(str(path), level="term", normalizer=Normalizer(variants=())).fit(TEXTS)
    expected = vec.transform(TEXTS).toarray()
    path.unlink()
    loaded = roundtrip(vec)
    assert "_matcher" not in loaded.__dict__  # the matcher and its cache are not saved
    np.testing.assert_array_equal(loaded.transform(TEXTS).toarray(), expected)
    assert list(loaded.get_feature_names_out()) == list(vec.get_feature_names_out())


def test_lexicon_object_parameter_pickles() -> None:
    vec = LexiconVectorizer(load_lexicon(str(MINI))).fit(TEXTS)
    loaded = _roundtrip_pickle(vec)
    assert loaded.get_params()["lexicon"].name == "mini"
    np.testing.assert_array_equal(loaded.transform(TEXTS).toarray(), vec.transform(TEXTS).toarray())


def test_in_pipeline_feature_union_and_grid_search() -> None:
    texts = [ONE, "قالت القوات الأميركية إن الميليشيات هاجمت"] * 6
    y = ["a", "b"] * 6
    union = FeatureUnion([
        ("labels", LexiconVectorizer(str(MINI))),
        ("words", CountVectorizer(analyzer=arabic_analyzer())),
    ])
    pipe = Pipeline([("features", union), ("clf", LogisticRegression())])
    grid = GridSearchCV(pipe, {"features__labels__level": ["label", "concept"],
                               "features__labels__value": ["count", "share"]}, cv=2)
    grid.fit(texts, y)
    assert grid.best_estimator_.predict([ONE]).tolist() == ["a"]
    names = grid.best_estimator_[:-1].get_feature_names_out()
    assert any(n.startswith("labels__stance:") for n in names) and "words__مقاومه" in names


def test_in_column_transformer() -> None:
    df = pd.DataFrame({"text": TEXTS, "outlet": [o for _, o, _, _ in DOCS]})
    ct = ColumnTransformer([("lex", LexiconVectorizer(str(MINI), stance=False), "text")])
    X = ct.fit_transform(df)
    assert X.shape == (len(DOCS), len(load_lexicon(str(MINI)).labels))
    assert ct.get_feature_names_out()[0] == "lex__foreign_troops:occupation"


def test_lexicon_vectorizer_voice_keeps_only_that_voice() -> None:
    from framing.learn.vectorizer import LexiconVectorizer as LV

    texts = ["قال المتحدث: «قصفت المقاومة مواقع قوات الاحتلال»، ثم رفض التعليق.",
             "أطلقت المقاومة صواريخ على مواقع قوات الاحتلال."]
    kwargs = {"level": "label", "value": "count", "stance": False}
    every = LV("tests/data/mini.yaml", voice="all", **kwargs).fit(texts)
    own = LV("tests/data/mini.yaml", voice="own", **kwargs).fit(texts)
    quoted = LV("tests/data/mini.yaml", voice="quoted", **kwargs).fit(texts)
    col = list(every.get_feature_names_out()).index("armed_groups:resistance")
    assert every.transform(texts).toarray()[:, col].tolist() == [1, 1]
    assert own.transform(texts).toarray()[:, col].tolist() == [0, 1]
    assert quoted.transform(texts).toarray()[:, col].tolist() == [1, 0]
    with pytest.raises(FramingError, match="The 'voice' parameter must be one of"):
        LV("tests/data/mini.yaml", voice="mine").fit(texts).transform(texts)


# ----------------------------------------------------------------------------
# The lexicon as plain data, the column layout
# ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", [str(MINI), "arabic-conflict"])
def test_lexicon_data_round_trip_keeps_what_matching_needs(name: str) -> None:
    import json

    from framing.learn.lexicon_data import is_lexicon_data, lexicon_from_data, lexicon_to_data

    lexicon = load_lexicon(name)
    data = json.loads(json.dumps(lexicon_to_data(lexicon)))  # JSON-safe
    assert is_lexicon_data(data)
    back = lexicon_from_data(data)
    assert (back.name, back.version, back.language, back.source) == (
        lexicon.name, lexicon.version, lexicon.language, lexicon.source)

    def fields(lex):  # type: ignore[no-untyped-def]
        return [(c.id, c.negative, c.positive, lab.id, lab.pole, lab.frame, lab.definition,
                 [(t.text, t.forms, t.clitics) for t in lab.terms])
                for c in lex.concepts for lab in c.labels]
    assert fields(back) == fields(lexicon)
    X = LexiconVectorizer(back, level="term").fit_transform(TEXTS).toarray()
    np.testing.assert_array_equal(X, LexiconVectorizer(lexicon, level="term").fit_transform(TEXTS).toarray())


@pytest.mark.parametrize("value", [{"format": "framing-lexicon/0"}, {}, "framing-lexicon/1", None])
def test_other_values_are_not_lexicon_data(value: object) -> None:
    from framing.learn.lexicon_data import is_lexicon_data

    assert not is_lexicon_data(value)


@pytest.mark.parametrize("level", ["term", "label", "concept"])
def test_layout_maps_every_term_pattern_to_its_column(level: str) -> None:
    vec = LexiconVectorizer(str(MINI), level=level).fit(TEXTS)  # type: ignore[arg-type]
    layout = vec._get_layout()
    names = vec.get_feature_names_out()
    concepts = [c.id for c in vec.lexicon_.concepts]
    for t, info in enumerate(vec.matcher_.terms):
        (col,) = layout.to_feature[t].indices
        expected = {"term": f"{info.concept}:{info.label}:{info.term}",
                    "label": f"{info.concept}:{info.label}", "concept": info.concept}[level]
        assert names[col] == expected
        assert concepts[layout.feature_concept[col]] == info.concept
        assert layout.to_concept_poles[t].toarray().ravel()[concepts.index(info.concept)] == info.pole
