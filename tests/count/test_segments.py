"""Huge documents scanned in segments: the same word counts and matches, offset for offset.

The documents are constructed: sentences of ``tests/conftest.py`` and multi-word terms of the
bundled lexicon, joined by spaces, line breaks and punctuation in every order, so that terms
sit on both sides of every possible cut.
"""

from __future__ import annotations

import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
import framing.count.segments as segments
from framing.count.segments import cut_points, scan_documents, scan_documents_each
from framing.io import Document
from framing.lexicon import lexicon_from_terms
from framing.match import Matcher
from tests.conftest import DOCS, EXTRA

SENTENCES = [t for *_, t in DOCS] + EXTRA
#: Multi-word terms (and their words alone), so that a cut between their words would show.
PIECES = ["قوات الاحتلال الأميركي", "قوات الاحتلال", "الاحتلال", "قوات التحالف الدولي", "قوات",
          "المقاومة", "الميليشيات المدعومة من إيران", "«المقاومة»", "(الاحتلال)،"]
GLUE = [" ", "  ", "\n", "\n\n", ". ", "، ", " - ", "\t", " « ", "» "]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher("arabic-conflict")


texts = st.lists(st.tuples(st.sampled_from(SENTENCES + PIECES), st.sampled_from(GLUE)),
                 min_size=1, max_size=60).map(lambda parts: "".join(a + b for a, b in parts))


@settings(max_examples=150)
@given(text=texts, size=st.integers(min_value=1, max_value=400), prefix=st.sampled_from(["", " ", "\n"]))
def test_segments_give_the_whole_texts_counts_and_offsets(text: str, size: int, prefix: str,
                                                          matcher: Matcher) -> None:
    text = prefix + text
    whole = matcher.scan_many([text])[0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a tiny size can leave no punctuation near a cut
        starts, hard = cut_points(text, size)
        (_, n_tokens, matches), = scan_documents(matcher, [Document("d", "x", text)], size=size)
    if not hard:
        assert (n_tokens, matches) == whole
    else:  # cut at a bare space: offsets still point at the matched words (rules aside: their
        # context is not in the matched words alone)
        assert n_tokens == whole[0]
        assert all(matcher.scan_segments([text[m.start:m.end]])[0][1] for m in matches)
    assert starts[0] == 0 and starts == sorted(set(starts))
    assert all(text[s].isspace() for s in starts[1:])


def test_cuts_fall_next_to_punctuation() -> None:
    text = "قصفت قوات الاحتلال مواقع للمقاومة. " * 200
    starts, hard = cut_points(text, 500)
    assert hard == 0 and len(starts) == len(text) // 500
    assert all(text[s - 1] == "." and text[s] == " " for s in starts[1:])


def test_a_text_without_punctuation_is_cut_at_a_space_with_a_warning(matcher: Matcher) -> None:
    text = " ".join(["قوات الاحتلال الأميركي"] * 300)
    starts, hard = cut_points(text, 500, hard_limit=200)
    assert hard == len(starts) - 1 > 0
    with pytest.warns(UserWarning, match=r"^document 'd': scanned in segments cut \d+ time\(s\) at a "
                                         r"space with no punctuation"):
        (_, n_tokens, matches), = scan_documents(matcher, [Document("d", "x", text)], size=500)
    assert n_tokens == 900 and all(text[m.start:m.end] == "قوات الاحتلال الأميركي" for m in matches)


def test_documents_around_a_long_one_keep_their_order_and_counts(matcher: Matcher) -> None:
    long = "، ".join(SENTENCES * 40)
    docs = [Document(str(i), "x", t) for i, t in enumerate([SENTENCES[0], long, SENTENCES[1], long])]
    got = [(d.doc_id, n, m) for d, n, m in scan_documents(matcher, docs, size=300)]
    assert [g[0] for g in got] == ["0", "1", "2", "3"]
    assert [(n, m) for _, n, m in got] == matcher.scan_many([d.text for d in docs])


@pytest.mark.parametrize("offsets", [True, False])
def test_several_matchers_in_one_pass_find_what_each_finds_alone(matcher: Matcher, offsets: bool) -> None:
    """Whole documents and documents in segments, a lexicon with context rules and a word list."""
    long = "، ".join(SENTENCES * 40)
    docs = [Document(str(i), "x", t) for i, t in enumerate([*SENTENCES[:5], long, SENTENCES[5], long])]
    words = Matcher(lexicon_from_terms(["قوات", "المقاومة", "التحالف", "الاحتلال"]))
    alone = [list(scan_documents(m, docs, offsets=offsets, size=300)) for m in (matcher, words)]
    together = list(scan_documents_each([matcher, words], docs, offsets=offsets, size=300))
    assert [(d.doc_id, n) for d, n, _ in together] == [(d.doc_id, n) for d, n, _ in alone[0]]
    for k in range(2):
        assert [found[k] for _, _, found in together] == [m for _, _, m in alone[k]]
    assert sum(len(found[1]) for _, _, found in together) > 50
    assert any(found[0] for _, _, found in together)


@pytest.mark.parametrize("function", ["find_hits", "score", "kwic"])
def test_every_output_is_the_same_with_segments(function: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """find_hits (voice and context too), score and kwic on long documents: identical tables."""
    long = [" ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(150)) for i in range(3)]
    call = {"find_hits": lambda: framing.find_hits(long),
            "score": lambda: framing.score(long).documents,
            "kwic": lambda: framing.kwic(long, ["قوات الاحتلال", "المقاومة"])}[function]
    whole = call()
    monkeypatch.setattr(segments, "SEGMENT_CHARS", 700)
    assert max(map(len, long)) > 10 * 700
    cut = call()
    found = int(whole.iloc[:, 3:].to_numpy().sum()) if function == "score" else len(whole)
    assert cut.equals(whole) and found > 100


def test_a_document_has_word_in_another_segment_counts(matcher: Matcher) -> None:
    # «الكيان» counts only in a document that names Israel, the occupation, Gaza or Palestine
    calm = "وعاد الهدوء إلى المدينة. " * 40
    text = "وقال المتحدث إن الكيان سيدفع الثمن. " + calm + "وقصفت قوات الاحتلال غزة."
    whole = matcher.scan_many([text])[0]
    assert any(matcher.terms[m.term].term == "الكيان" for m in whole[1])
    (_, n_tokens, matches), = scan_documents(matcher, [Document("d", "x", text)], size=200)
    assert len(cut_points(text, 200)[0]) > 2
    assert (n_tokens, matches) == whole
    alone = "وقال المتحدث إن الكيان سيدفع الثمن. " + "وعاد الهدوء إلى المدينة. " * 40
    (_, _, kept), = scan_documents(matcher, [Document("d", "x", alone)], size=200)
    assert not any(matcher.terms[m.term].term == "الكيان" for m in kept)
