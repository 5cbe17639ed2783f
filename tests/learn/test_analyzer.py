"""arabic_analyzer: clitic stripping, n-grams, normaliser options, persistence.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import pickle

import numpy as np
import pytest
import skops.io as sio
from hypothesis import given
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer

from framing.errors import FramingError
from framing.learn import ArabicAnalyzer, arabic_analyzer
from framing.learn.analyzer import check_ngram_range
from framing.text.normalizer import Normalizer
from tests.conftest import DOCS

TEXTS = [text for _, _, _, text in DOCS]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وبالاحتلال", ["احتلال"]),  # و + ب + ال
        ("للمقاومة", ["مقاومه"]),  # لل
        ("والشهداء", ["شهداء"]),  # و + ال
        ("فالقوات", ["قوات"]),  # ف + ال
        ("كالميليشيات", ["ميليشيات"]),  # ك + ال
        ("وقصفت", ["قصفت"]),  # و before four letters
        ("فقالت", ["قالت"]),  # ف before four letters
        ("وزير", ["وزير"]),  # و + زير: three letters left, not read without evidence
        ("فيلم", ["فيلم"]),  # ف + يلم: likewise
        ("ال", ["ال"]),  # the article alone is a word, not an empty stem
        ("قوات", ["قوات"]),  # nothing to strip
    ],
)
def test_clitic_stripping(text: str, expected: list[str]) -> None:
    assert arabic_analyzer()(text) == expected


@pytest.mark.parametrize(
    ("text", "ngram_range", "expected"),
    [
        ("قوات الاحتلال هنا", (1, 1), ["قوات", "احتلال", "هنا"]),
        ("قوات الاحتلال هنا", (1, 2), ["قوات", "احتلال", "هنا", "قوات احتلال", "احتلال هنا"]),
        ("قوات الاحتلال هنا", (2, 2), ["قوات احتلال", "احتلال هنا"]),
        ("قوات الاحتلال هنا", (2, 3), ["قوات احتلال", "احتلال هنا", "قوات احتلال هنا"]),
        ("قوات الاحتلال هنا", (3, 3), ["قوات احتلال هنا"]),
        ("قوات الاحتلال هنا", (4, 5), []),  # longer than the text
        ("قوات. الاحتلال", (2, 2), ["قوات احتلال"]),  # n-grams cross sentence ends
        ("قوات ــ الاحتلال", (2, 2), ["قوات احتلال"]),  # a tatweel-only "word" is dropped
        ("", (1, 2), []),
    ],
)
def test_ngrams(text: str, ngram_range: tuple[int, int], expected: list[str]) -> None:
    assert arabic_analyzer(ngram_range=ngram_range)(text) == expected


@pytest.mark.parametrize(
    ("text", "kwargs", "expected"),
    [
        ("الأمريكيّة", {}, ["اميركيه"]),  # hamza, shadda and a spelling variant
        ("الأمريكيّة", {"normalizer": Normalizer(variants=())}, ["امريكيه"]),
        ("المقاومة", {"normalizer": Normalizer(teh_marbuta=False)}, ["مقاومة"]),
        # the variant rules are spelled in normalised form, so with hamza kept they do not apply
        ("الأمريكية", {"normalizer": Normalizer(alef=False)}, ["أمريكيه"]),
        ("الشُّهَداء", {"normalizer": Normalizer(diacritics=False)}, ["شُّهَداء"]),
        ("قتلى", {"normalizer": Normalizer(alef_maksura=False)}, ["قتلى"]),
        ("قتلى", {}, ["قتلي"]),
        ("شـهيد", {}, ["شهيد"]),  # tatweel
        ("٧ شهداء", {}, ["7", "شهداء"]),  # Arabic-Indic digits
        ("وبالاحتلال", {"stem": False}, ["وبالاحتلال"]),
        ("والمقاومة", {"stem": False, "normalizer": Normalizer(teh_marbuta=False)}, ["والمقاومة"]),
        ("CNN News", {}, ["cnn", "news"]),  # Latin letters lower-cased
        ("قال: «المقاومة»!", {}, ["قال", "مقاومه"]),  # punctuation and quotation marks dropped
    ],
)
def test_normaliser_options(text: str, kwargs: dict, expected: list[str]) -> None:
    assert arabic_analyzer(**kwargs)(text) == expected


def test_word_is_the_analysis_of_one_word_and_is_cached() -> None:
    analyzer = arabic_analyzer()
    assert analyzer.word("وبالاحتلال") == "احتلال"
    assert analyzer._cache == {"وبالاحتلال": "احتلال"}
    assert analyzer("وبالاحتلال قوات") == ["احتلال", "قوات"]
    assert set(analyzer._cache) == {"وبالاحتلال", "قوات"}


@given(st.lists(st.sampled_from(["قوات", "الاحتلال", "وبالمقاومة", "هنا", "ــ", "CNN", "،"]), max_size=8),
       st.integers(1, 3), st.integers(0, 2))
def test_ngrams_are_the_words_joined(words: list[str], low: int, extra: int) -> None:
    """Law: the n-grams are exactly the runs of n analysed words, n from low to high, in order."""
    high = low + extra
    text = " ".join(words)
    unigrams = arabic_analyzer()(text)
    expected = [" ".join(unigrams[i:i + n]) for n in range(low, high + 1)
                for i in range(len(unigrams) - n + 1)]
    assert arabic_analyzer(ngram_range=(low, high))(text) == expected


@pytest.mark.parametrize("bad", [(0, 1), (2, 1), (1,), "12", (1.0, 2.0), (True, True), None, (1, 2, 3)])
def test_analyzer_rejects_bad_ngram_range(bad: object) -> None:
    with pytest.raises(FramingError, match=r"The 'ngram_range' parameter must be two integers \(low, high\) "
                                           r"with 1 <= low <= high. Got .* instead"):
        arabic_analyzer(ngram_range=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(("given_range", "expected"), [((1, 2), (1, 2)), ([2, 3], (2, 3)),
                                                       ((np.int64(1), np.int64(1)), (1, 1))])
def test_check_ngram_range_returns_plain_integers(given_range: object, expected: tuple[int, int]) -> None:
    out = check_ngram_range(given_range)
    assert out == expected and all(type(n) is int for n in out)


def test_analyzer_pickles_without_cache_and_compares_equal() -> None:
    analyzer = arabic_analyzer((1, 2))
    analyzer(TEXTS[0])
    data = pickle.dumps(analyzer)
    assert "مواقع".encode() not in data  # the per-word cache is not saved
    loaded = pickle.loads(data)
    assert isinstance(loaded, ArabicAnalyzer) and loaded == analyzer and hash(loaded) == hash(analyzer)
    assert loaded(TEXTS[0]) == analyzer(TEXTS[0])
    assert repr(loaded) == "arabic_analyzer(ngram_range=(1, 2), stem=True)"
    assert loaded != arabic_analyzer((1, 2), stem=False)


def test_analyzer_in_tfidf_matches_the_matcher_view_and_saves_with_skops() -> None:
    tfidf = TfidfVectorizer(analyzer=arabic_analyzer()).fit(TEXTS)
    vocab = set(tfidf.get_feature_names_out())
    # «للمقاومة» and «المقاومة» are one feature, as they are one lexicon term.
    assert "مقاومه" in vocab and "للمقاومه" not in vocab
    data = sio.dumps(tfidf)
    assert sio.get_untrusted_types(data=data) == ["framing.learn.analyzer.ArabicAnalyzer"]
    loaded = sio.loads(data, trusted=["framing.learn.analyzer.ArabicAnalyzer"])
    np.testing.assert_allclose(loaded.transform(TEXTS).toarray(), tfidf.transform(TEXTS).toarray())
