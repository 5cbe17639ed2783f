"""Speech cues and speakers (framing.voice.cues), and the word lists behind them (framing.voice.words).

Every sentence here was written for these tests.
"""

from __future__ import annotations

import pytest

from framing.voice.cues import Cues
from framing.voice.marks import Marks
from framing.voice.reader import Reader
from framing.voice.words import CUE_KINDS, Kind, fold, word_kind


def cues(text: str) -> Cues:
    return Cues(Marks(Reader(text), 0, len(text)))


def cue_before(text: str, anchor: str, **kwargs: object):  # type: ignore[no-untyped-def]
    """The cue nearest before the last ``anchor`` word (the anchor's first letter)."""
    c = cues(text)
    return c, c.cue_in(0, text.rindex(" " + anchor) + 1, 12, **kwargs)  # type: ignore[arg-type]


SPEAKERS = [
    # (text, anchor, the cue found, the speaker it names)
    ("وقال المتحدث باسم القيادة المركزية الأميركية إن القوات انسحبت.", "إن",
     "وقال", "المتحدث باسم القيادة المركزية الأميركية"),
    # SVO: the phrase before the verb
    ("وزارة الصحة أعلنت أن عدد الشهداء تجاوز الألف.", "أن", "أعلنت", "وزارة الصحة"),
    # attributions: ل is dropped, ما and its verb skipped
    ("ووفقاً لوزارة الصحة، فإن عدد الشهداء ارتفع.", "فإن", "ووفقاً", "وزارة الصحة"),
    ("ونقلاً عن مصادر، أن القوات انسحبت.", "أن", "ونقلاً", "مصادر"),
    # relayed speech: the source after عن
    ("ونقلت وكالة رويترز عن مسؤول أميركي أن القوات ستبقى.", "أن", "ونقلت", "مسؤول أميركي"),
    # a statement speaks
    ("وأكد البيان أن القوات انسحبت.", "أن", "وأكد", "البيان"),
    # the phrase stops at «في بيان», time words and the medium
    ("وقال الجيش في بيان اليوم إن القوات انسحبت.", "إن", "وقال", "الجيش"),
    ("وقال لوكالة رويترز إن القوات انسحبت.", "إن", "وقال", ""),
    # quotation marks inside the phrase are dropped
    ('وذكرت صحيفة "هآرتس" الإسرائيلية أن الجيش انسحب.', "أن", "وذكرت", "صحيفة هآرتس الإسرائيلية"),
    # a participle takes the last speaker of its sentence
    ("وقال المتحدث إن الاحتلال قصف المستشفى، مشيراً إلى أن عدد الشهداء ارتفع.", "أن", "مشيراً", "المتحدث"),
    # a verb without a subject names nobody
    ("وأضاف أن القوات انسحبت.", "أن", "وأضاف", ""),
    # a cue naming nobody takes the one before it
    ("بيان صادر عن وزارة الدفاع أكد أن القوات انسحبت.", "أن", "أكد", "وزارة الدفاع"),
]


@pytest.mark.parametrize(("text", "anchor", "cue", "speaker"), SPEAKERS)
def test_cue_and_speaker(text: str, anchor: str, cue: str, speaker: str) -> None:
    c, tok = cue_before(text, anchor)
    assert tok is not None
    assert tok.word == cue
    assert text[tok.start:tok.end] == cue
    assert c.name(tok, 0) == speaker


@pytest.mark.parametrize(("text", "anchor"), [
    ("يذكر أن القوات انسحبت.", "أن"),  # يذكر is no cue: the outlet's own formula
    ("وانسحبت القوات بعد أن قصفت المدينة.", "أن"),
    ("قال الوزير كلاماً كثيراً عن الحرب والسلام والاقتصاد والتعليم والصحة والنقل والزراعة والصناعة إن", "إن"),
])
def test_no_cue(text: str, anchor: str) -> None:
    # the last one: قال is more than 12 words before إن
    assert cue_before(text, anchor)[1] is None


def test_cue_options() -> None:
    text = "وقال الوزير إن القوات انسحبت، وأضاف أن الجيش عاد"
    c = cues(text)
    at = text.rindex(" أن") + 1
    assert c.cue_in(0, at, 12).word == "وأضاف"
    # only a cue that starts a new clause (a و-verb, or a comma before it)
    assert c.cue_in(0, at, 12, breaking=True).word == "وأضاف"
    assert c.cue_in(0, at, 12, only=Kind.ATTRIBUTION) is None
    # a statement noun only when there is no other cue
    text = "وجاء في البيان أن القوات انسحبت"
    assert cue_before(text, "أن")[1].word == "البيان"


def test_own_reporter_and_description() -> None:
    c, tok = cue_before("وأفاد مراسلنا بأن القوات انسحبت.", "بأن")
    assert tok is not None and c.own_reporter(tok)
    c, tok = cue_before("وأفاد مصدر بأن القوات انسحبت.", "بأن")
    assert tok is not None and not c.own_reporter(tok)
    text = 'ووصف الوزير الهجوم بـ"الإرهابي".'
    c = cues(text)
    assert c.describes(None, text.index('"'), 0)
    assert not cues("وقال الوزير بـ").describes(None, 10, 0)


@pytest.mark.parametrize(("text", "cue"), [
    ("«القوات باقية لحماية الشركاء»، قال المسؤول.", "قال"),
    ("«القوات باقية لحماية الشركاء» - بحسب المسؤول.", "بحسب"),
    ("«القوات باقية لحماية الشركاء». قال المسؤول.", None),  # a sentence end between
    ("«القوات باقية لحماية الشركاء» والمسؤول قال.", None),
])
def test_attribution_after_a_quotation(text: str, cue: str | None) -> None:
    c = cues(text)
    tok = c.attribution_after(c.marks.quotes()[0])
    assert (tok.word if tok else None) == cue


@pytest.mark.parametrize(("word", "kind"), [
    ("قال", Kind.VERB), ("وقال", Kind.VERB | Kind.CONJ), ("فأكّدت", Kind.VERB | Kind.CONJ),
    ("مشيراً", Kind.PARTICIPLE), ("بحسب", Kind.ATTRIBUTION), ("ونقلت", Kind.RELAY | Kind.CONJ),
    ("البيان", Kind.STATEMENT), ("أنّ", Kind.COMP), ("فإنه", Kind.COMP), ("بعد", Kind.NOT_BEFORE_AN),
    ("فيما", Kind.CONNECTOR), ("اليوم", Kind.STOP), ("في", Kind.FI), ("فحسب", Kind.NONE),
    ("المقاومة", Kind.NONE), ("ذكرى", Kind.NONE),
])
def test_word_kinds(word: str, kind: int) -> None:
    assert word_kind(word) == kind
    assert (kind in CUE_KINDS) == (kind & Kind.BASE in Kind.CUES)


def test_fold() -> None:
    assert fold("وأكّدت") == fold("واكدت") == "واكدت"
    assert fold("مُشِيرَةً") == "مشيره"
