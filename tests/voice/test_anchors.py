"""Where reported speech can begin (framing.voice.anchors): أنّ/إنّ found fast, exactly as defined.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.voice.anchors import COMP_EVENT, COMP_RE, Glance, comp_start
from framing.voice.marks import Marks
from framing.voice.reader import Reader

#: Characters an أنّ/إنّ is made of, and the ones around it.
LETTERS = [" ", "\t", "\u00a0", "ا", "أ", "إ", "و", "ف", "ب", "ن", "ه", "م", "ك", "ي", "ت",
           "\u064e", "\u0651", "\u0650", ".", ":", "«", "»", '"', "1"]

EVENT = re.compile(COMP_EVENT)


def fast_comps(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The matches of COMP_RE found the fast way: an event, then where its word starts."""
    out = []
    for m in EVENT.finditer(text, lo, hi):
        start = comp_start(text, m, lo, hi)
        if start is not None:
            out.append((start, m.end()))
    return out


@pytest.mark.parametrize(("text", "found"), [
    ("قال إنّ الأنباء تفيد بأنه انتهى، وأن الناس عادوا", [" إنّ", " بأنه", " وأن"]),
    ("وقال أَنَّ القوات انسحبت", [" أَنَّ"]),  # diacritics between the letters
    ("الانتخابات أنظمة إنتاج", []),  # words that only begin like one
    ("أن في أول النص لا يسبقه فراغ", []),
    ("ذكر فإنهم وإنني أنكم", [" فإنهم", " وإنني", " أنكم"]),
])
def test_comps(text: str, found: list[str]) -> None:
    assert [text[a:b] for a, b in fast_comps(text, 0, len(text))] == found
    assert [m.group() for m in COMP_RE.finditer(text)] == found


@settings(max_examples=300)
@given(st.lists(st.sampled_from(LETTERS), max_size=25), st.data())
def test_fast_comps_are_the_matches_of_their_pattern(chars: list[str], data: st.DataObject) -> None:
    text = "".join(chars)
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    assert fast_comps(text, lo, hi) == [m.span() for m in COMP_RE.finditer(text, lo, hi)]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(LETTERS), max_size=25))
def test_pass_one_records_every_comp(chars: list[str]) -> None:
    # pass 1 reads أنّ/إنّ with the quotation marks and sentence ends, in quotations too
    text = "".join(chars)
    hi = text.find("\n") if "\n" in text else len(text)
    m = Marks(Reader(text), 0, hi)
    m.sentence_count()
    assert m.comps == [s.span() for s in COMP_RE.finditer(text, 0, hi)]


GLANCE_LETTERS = [*LETTERS, "ق", "ل", "ب", "ع", "د", "،", "؛", " "]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(GLANCE_LETTERS), max_size=40), st.data())
def test_a_glance_asked_in_text_order_answers_as_a_fresh_one(chars: list[str], data: st.DataObject) -> None:
    # the glance reads only the text since its last look: an أنّ/إنّ cut off by one look is read by the next
    text = "".join(chars).replace("\n", " ")
    positions = sorted(set(data.draw(st.lists(st.integers(0, max(len(text) - 1, 0)), max_size=12))))
    glance = Glance(Reader(text), 0, len(text))
    assert [glance.own(pos) for pos in positions] == [Glance(Reader(text), 0, len(text)).own(pos)
                                                      for pos in positions]


def test_a_glance_reads_an_an_that_one_look_cut_off() -> None:
    text = "ثم قال المتحدث أنّنا سنعود"
    glance = Glance(Reader(text), 0, len(text))
    glance.own(text.index("أنّنا") + 1)  # a look that stops inside the word
    assert not glance.own(text.index("سنعود"))
