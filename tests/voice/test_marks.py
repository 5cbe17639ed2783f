"""Pass 1 of the voice scanner (framing.voice.marks): quotation marks, nesting, sentences, colons.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.voice.marks import Marks
from framing.voice.reader import Reader


def marks(text: str) -> Marks:
    return Marks(Reader(text), 0, len(text))


def quotes(text: str) -> list[tuple[str, int]]:
    """Each quotation as written (marks included) with its depth."""
    return [(text[q.open:q.close], q.depth) for q in marks(text).quotes()]


def sentences(text: str) -> list[str]:
    """Each sentence with the character that ends it."""
    m = marks(text)
    return [text[a:b + 1].strip() for a, b in (m.bounds(s) for s in range(m.sentence_count()))]


QUOTES = [
    # (text, quotations with their depth)
    ("قال المتحدث: «نعم». وانتهى.", [("«نعم»", 0)]),
    # «» nest with a stack
    ("قال «هذا «ذاك» هنا» ثم انصرف.", [("«هذا «ذاك» هنا»", 0), ("«ذاك»", 1)]),
    ("وقال: «ما تسميه „الحكومة“ إصلاحاً فشل».", [("«ما تسميه „الحكومة“ إصلاحاً فشل»", 0), ("„الحكومة“", 1)]),
    # “ ” pair with each other in either order
    ("قال “الأمر” و”الآخر“.", [("“الأمر”", 0), ("”الآخر“", 0)]),
    ("„نعم“ قال الوزير.", [("„نعم“", 0)]),
    # straight quotes: opening after a space, closing before punctuation; glued to و/ل/ب
    ('وصفه بـ"الإرهابي" أمس.', [('"الإرهابي"', 0)]),
    ('حماس و"إسرائيل" هنا.', [('"إسرائيل"', 0)]),
    ('وأرسلت أسلحة لـ"إسرائيل" أمس.', [('"إسرائيل"', 0)]),
    # a » with no « open closes an open straight quote (mixed marks)
    ('قال "المقاومة لم تستسلم». ثم عاد.', [('"المقاومة لم تستسلم»', 0)]),
    # a closing " before a full stop closes the straight quote it is nested in too
    ('قال "الضغط على "إسرائيل". ثم', [('"الضغط على "إسرائيل"', 0), ('"إسرائيل"', 1)]),
    # a closing mark with no opener is ignored; a quotation left open closes at the end
    ("سقط شهيد» في القصف.", []),
    ("قال المتحدث: «الاحتلال يقصف المدارس", [("«الاحتلال يقصف المدارس", 0)]),
]


@pytest.mark.parametrize(("text", "expected"), QUOTES)
def test_quotation_marks(text: str, expected: list[tuple[str, int]]) -> None:
    assert quotes(text) == expected


SENTENCES = [
    ("قصفت القوات المدينة. وانسحبت أمس! هل عادت؟ نعم؛ عادت", ["قصفت القوات المدينة.", "وانسحبت أمس!",
                                                          "هل عادت؟", "نعم؛", "عادت"]),
    # a full stop between digits ends nothing
    ("ارتفع المؤشر 1.5 نقطة. ثم هبط", ["ارتفع المؤشر 1.5 نقطة.", "ثم هبط"]),
    # sentence ends inside a quotation do not count...
    ("قال: «قصفنا القاعدة. وسنعود» ثم غادر. وانتهى", ["قال: «قصفنا القاعدة. وسنعود» ثم غادر.", "وانتهى"]),
    # ...but a quotation whose text ends with one ends its sentence
    ("قال: «انتهى الأمر.» ثم عاد.", ["قال: «انتهى الأمر.»", "ثم عاد."]),
    ("لا علامات هنا", ["لا علامات هنا"]),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_sentences(text: str, expected: list[str]) -> None:
    got = [s for s in sentences(text) if s]
    assert got == expected


@pytest.mark.parametrize(("text", "colons"), [
    ("قال الوزير: الهجوم فشل.", 1),
    ("قال: «نعم: لا» ثم", 1),  # a colon inside a quotation is not an anchor
    ("الساعة 10:30 مساء: انتهى", 2),
])
def test_colons_outside_quotations(text: str, colons: int) -> None:
    m = marks(text)
    m.sentence_count()
    found = m.colons
    assert len(found) == colons
    assert all(text[c] == ":" for c in found)


def test_lookups() -> None:
    text = "قال المتحدث: «قصفنا القاعدة مرتين هذا الأسبوع». وقال إن «التحالف» فشل."
    m = marks(text)
    long_quote = m.top_quote(text.index("قصفنا"))
    assert long_quote is not None
    assert m.quote_words(long_quote) == ["قصفنا", "القاعدة", "مرتين", "هذا", "الأسبوع"]
    short = m.top_quote(text.index("التحالف"))
    assert short is not None and m.quote_words(short) == ["التحالف"]
    assert m.top_quote(text.index("وقال")) is None
    # the end of the last long quotation before a position, for the cue window after it
    assert m.last_long_quote_end(text.index("وقال"), 0) == long_quote.close
    assert m.last_long_quote_end(text.index("قصفنا"), 0) == 0
    s, start, end = m.sentence(text.index("وقال"))
    assert (start, end) == m.bounds(s) and text[start:end].strip().startswith("وقال")


def test_nested_short_quotation() -> None:
    text = 'وقال المتحدث: «ما تسميه "إسرائيل" دفاعاً عن النفس هو قتل».'
    m = marks(text)
    outer = m.top_quote(text.index("ما"))
    assert outer is not None
    assert m.nested_short(outer, text.index("إسرائيل"))
    assert not m.nested_short(outer, text.index("دفاعاً"))


PIECES = st.sampled_from(["«", "»", "“", "”", "„", '"', ":", ".", "!", "؟", "؛", "1.5", " ", "قال", "و",
                          "المقاومة", "لـ", "بـ", "\u00a0"])


@settings(max_examples=150)
@given(st.lists(PIECES, max_size=30))
def test_any_marks_make_well_formed_quotations_and_sentences(parts: list[str]) -> None:
    text = " ".join(parts)
    m = marks(text)
    quotes = m.quotes()
    for q in quotes:
        assert 0 <= q.open < q.close <= len(text)
        assert text[q.open] in "«“”„\""
    opens = [q.open for q in quotes]
    assert opens == sorted(opens)
    # top-level quotations do not overlap; nested ones lie inside a top-level one
    for a, b in zip(m.top, m.top[1:], strict=False):
        assert a.close <= b.open
    for q in quotes:
        if q.depth:
            top = m.top_quote(q.open)
            assert top is not None and top.open < q.open and q.close <= top.close
    # sentence ends and colons lie outside quotations
    assert m.boffs == sorted(set(m.boffs))
    for c in m.colons:
        assert m.top_quote(c) is None
