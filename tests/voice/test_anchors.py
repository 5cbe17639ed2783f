"""Where speech can begin (framing.voice.anchors): the fast finders agree with their definitions.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.voice.anchors import COMP_RE, comps, first_anchor, next_comp, plain_sentence_start
from framing.voice.marks import Marks
from framing.voice.reader import Reader

#: Characters an أنّ/إنّ is made of, and the ones around it.
LETTERS = [" ", "\t", "\u00a0", "ا", "أ", "إ", "و", "ف", "ب", "ن", "ه", "م", "ك", "ي", "ت",
           "\u064e", "\u0651", "\u0650", ".", ":", "«", "»", '"', "\n", "1"]


@pytest.mark.parametrize(("text", "found"), [
    ("قال إنّ الأنباء تفيد بأنه انتهى، وأن الناس عادوا", [" إنّ", " بأنه", " وأن"]),
    ("وقال أَنَّ القوات انسحبت", [" أَنَّ"]),  # diacritics between the letters
    ("الانتخابات أنظمة إنتاج", []),  # words that only begin like one
    ("أن في أول النص لا يسبقه فراغ", []),
    ("ذكر فإنهم وإنني أنكم", [" فإنهم", " وإنني", " أنكم"]),
])
def test_comps(text: str, found: list[str]) -> None:
    assert [text[a:b] for a, b in comps(text, 0, len(text))] == found


@settings(max_examples=200)
@given(st.lists(st.sampled_from(LETTERS), max_size=25), st.data())
def test_comps_are_the_matches_of_their_pattern(chars: list[str], data: st.DataObject) -> None:
    text = "".join(chars)
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    expected = [m.span() for m in COMP_RE.finditer(text, lo, hi)]
    assert comps(text, lo, hi) == expected
    assert next_comp(text, lo, hi) == (expected[0][0] if expected else hi)


@settings(max_examples=200)
@given(st.lists(st.sampled_from(LETTERS), max_size=25), st.data())
def test_first_anchor_is_the_first_mark_or_complementizer(chars: list[str], data: st.DataObject) -> None:
    text = "".join(chars)
    until = data.draw(st.integers(0, len(text)))
    marks = [k for k in range(until) if text[k] in '«»“”„":']
    spans = [m.span() for m in COMP_RE.finditer(text, 0, len(text))]
    candidates = [*marks[:1], *(start + 1 for start, _ in spans[:1])]
    assert first_anchor(text, 0, until, len(text)) == min([until, *candidates])


@pytest.mark.parametrize(("text", "start_word"), [
    ("ارتفع المؤشر 1.5 نقطة. وقال الوزير", "وقال"),
    ("هل عادت؟ نعم عادت", "نعم"),
    ("لا نهاية هنا", "لا"),
    ("الأول! الثاني؛ الثالث", "الثالث"),
])
def test_plain_sentence_start(text: str, start_word: str) -> None:
    start = plain_sentence_start(text, 0, len(text))
    assert text[start:].strip().startswith(start_word)


@settings(max_examples=150)
@given(st.lists(st.sampled_from([" ", "قال", "1.5", "1", ".", "!", "؟", "؛", ";", "و", ":"]), max_size=30))
def test_plain_sentence_start_agrees_with_pass_one(parts: list[str]) -> None:
    # without quotation marks, the sentence around a position begins where pass 1 says
    text = "".join(parts)
    m = Marks(Reader(text), 0, len(text))
    for pos in range(len(text)):
        assert plain_sentence_start(text, 0, pos) == m.sentence(pos)[1]
