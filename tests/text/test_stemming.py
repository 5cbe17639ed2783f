"""framing.text.stemming: the light stemmer equals its definition over clitic readings."""

from __future__ import annotations

from collections.abc import Container

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.text.clitics import Reading, segment
from framing.text.normalizer import Normalizer
from framing.text.stemming import light_stem, light_stems
from framing.utils import _PYARROW


def reference(word: str, vocabulary: Container[str] | None = None, *, teh_marbuta: str = "ه",
              min_stem: int = 3) -> str:
    """The definition: among the readings of ``segment`` with evidence, the first that strips the
    most clitics (an article reading needs none; others need the stem in the vocabulary, or,
    without one, only و/ف before four letters or more)."""

    def weight(r: Reading) -> int:
        return int(r.conj) + int(r.prep) + int(r.article) + int(r.enclitic)

    best, best_weight = word, 0
    for r in segment(word, teh_marbuta):
        if weight(r) <= best_weight or len(r.stem) < min_stem:
            continue
        if r.article and not r.enclitic:
            ok = True
        elif vocabulary is not None:
            ok = r.stem in vocabulary
        else:
            ok = r.conj and not r.prep and not r.enclitic and len(r.stem) >= 4
        if ok:
            best, best_weight = r.stem, weight(r)
    return best


_ARABIC = st.text(alphabet="وفبكلاهيمنتةعسرقد", min_size=1, max_size=9)


@pytest.mark.parametrize(("word", "vocabulary", "stem"), [
    ("وبالاحتلال", None, "احتلال"),
    ("للمقاومه", None, "مقاومه"),
    ("الاحتلال", None, "احتلال"),
    ("وقواتها", {"قوات"}, "قوات"),
    ("وقواتها", None, "قواتها"),
    ("وزير", None, "وزير"),
    ("وصواريخ", None, "صواريخ"),
    ("كمال", {"مال"}, "مال"),
    ("قاعدتها", {"قاعده"}, "قاعده"),
])
def test_examples(word: str, vocabulary: set[str] | None, stem: str) -> None:
    assert light_stem(word, vocabulary) == reference(word, vocabulary) == stem


@settings(max_examples=400, deadline=None)
@given(word=_ARABIC, vocabulary=st.one_of(st.none(), st.sets(_ARABIC, max_size=30)))
def test_equals_the_definition(word: str, vocabulary: set[str] | None) -> None:
    for teh in ("ه", "ة"):
        assert light_stem(word, vocabulary, teh_marbuta=teh) == reference(word, vocabulary, teh_marbuta=teh)


@settings(max_examples=200, deadline=None)
@given(forms=st.lists(_ARABIC, max_size=40, unique=True), extra=st.sets(_ARABIC, max_size=20),
       arrow=st.booleans())
def test_many_at_once_equal_one_by_one(forms: list[str], extra: set[str], arrow: bool) -> None:
    vocabulary = set(forms) | extra
    saved = _PYARROW[:]
    _PYARROW[:] = [] if arrow else [None]
    try:
        for teh in ("ه", "ة"):
            expected = [light_stem(w, vocabulary, teh_marbuta=teh) for w in forms]
            assert light_stems(forms, vocabulary, teh_marbuta=teh) == expected
        assert light_stems(forms) == [light_stem(w, set(forms)) for w in forms]
    finally:
        _PYARROW[:] = saved


def test_on_news_words() -> None:
    norm = Normalizer()
    text = ("أعلنت المقاومة الإسلامية استهداف الموقع، وقالت المقاومة إن العملية نجحت وإن قواتها "
            "ستواصل عملياتها. وأكدت فصائل المقاومة أن الرد قادم وأشاد البيان بالمقاومة.")
    words = sorted({norm(w.strip("،.")) for w in text.split()} | {"وقواتها", "فبالقوات", "لفصائلهم"})
    vocabulary = set(words) | {"قوات", "فصائل", "بيان", "عمليه"}
    stems = light_stems(words, vocabulary)
    assert stems == [reference(w, vocabulary) for w in words]
    assert {"قوات", "فصائل", "مقاومه"} <= set(stems)
