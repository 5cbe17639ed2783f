from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.match.matcher import Matcher


def found(matcher: Matcher, text: str) -> list[tuple[str, str]]:
    out = []
    for m in matcher.find(text):
        info = matcher.terms[m.term]
        out.append((text[m.start:m.end], f"{info.concept}/{info.label}"))
    return out


# Every proclitic combination on a term written with the article.
PROCLITIC_CASES = [
    ("المقاومة", "المقاومة"),
    ("والمقاومة", "والمقاومة"),
    ("فالمقاومة", "فالمقاومة"),
    ("بالمقاومة", "بالمقاومة"),
    ("كالمقاومة", "كالمقاومة"),
    ("للمقاومة", "للمقاومة"),            # ل + ال fused
    ("وللمقاومة", "وللمقاومة"),
    ("فللمقاومة", "فللمقاومة"),
    ("وبالمقاومة", "وبالمقاومة"),
    ("فبالمقاومة", "فبالمقاومة"),
    ("وكالمقاومة", "وكالمقاومة"),
    ("المُقاوَمةُ", "المُقاوَمةُ"),        # diacritics kept in the match
    ("المقـــاومة", "المقـــاومة"),        # tatweel kept in the match
]


@pytest.mark.parametrize(("text", "match"), PROCLITIC_CASES)
def test_proclitics_on_article_term(mini_matcher: Matcher, text: str, match: str) -> None:
    assert found(mini_matcher, f"قالت {text} اليوم") == [(match, "armed_groups/resistance")]


# A term written without the article: matches bare, with the article, with
# any proclitics and with pronoun suffixes (teh marbuta written ت).
BARE_CASES = [
    "ميليشيا", "الميليشيا", "والميليشيا", "للميليشيا", "بميليشيا", "لميليشيا", "كميليشيا",
    "وبميليشيا", "فلميليشيا", "ميليشياته", "ميليشياتها", "ميليشياتهم", "وميليشياتهم",
    "ميليشياتهن", "ميليشياتهما", "ميليشياتكم", "ميليشياتكن", "ميليشياتكما", "ميليشياتنا",
    "ميليشياتي", "ميليشياتك", "بميليشياتها", "مليشيات", "والمليشيات",
]


@pytest.mark.parametrize("word", BARE_CASES)
def test_bare_term_with_clitics(mini_matcher: Matcher, word: str) -> None:
    assert found(mini_matcher, f"هاجمت {word} المدينة") == [(word, "armed_groups/militia")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # teh marbuta before a pronoun suffix
        ("قاعدتها الأميركية", [("قاعدتها الأميركية", "foreign_troops/neutral")]),
        ("قاعدة احتلال", [("قاعدة احتلال", "foreign_troops/occupation")]),
        # a word written with the article needs it: قواتها is not القوات
        ("قواتها الأميركية", []),
        # broken plural as an explicit form
        ("للقواعد الأميركية", [("للقواعد الأميركية", "foreign_troops/neutral")]),
        ("سقط شهداء", [("شهداء", "the_dead/martyrs")]),
        ("والشهداء", [("والشهداء", "the_dead/martyrs")]),
        ("ثلاثة قتلى", [("قتلى", "the_dead/killed")]),
        # multi-word terms with clitics on each word
        ("للقواعد الأميركية غير الشرعية", [("للقواعد الأميركية غير الشرعية",
                                            "foreign_troops/neutral")]),
        ("وقوات الاحتلال", [("وقوات الاحتلال", "foreign_troops/occupation")]),
        ("وبقوات الاحتلال الأمريكي", [("وبقوات الاحتلال الأمريكي", "foreign_troops/occupation")]),
        ("قواتُ الاحتلالِ الأميركيِّ", [("قواتُ الاحتلالِ الأميركيِّ", "foreign_troops/occupation")]),
        ("الميليشيات المدعومة من إيران", [("الميليشيات المدعومة من إيران",
                                           "armed_groups/militia")]),
        # longest match wins, no double counting
        ("قوات التحالف الدولي", [("قوات التحالف الدولي", "foreign_troops/coalition")]),
        ("التحالف", [("التحالف", "foreign_troops/coalition")]),
        # punctuation breaks a multi-word term
        ("قوات، الاحتلال", [("الاحتلال", "israel/occupation")]),
        ("قوات  الاحتلال", [("قوات  الاحتلال", "foreign_troops/occupation")]),
        # spelling variants
        ("القوات الأمريكية", [("القوات الأمريكية", "foreign_troops/neutral")]),
        ("اسرائيل", [("اسرائيل", "israel/neutral")]),
        # the article rule: الكيان needs the article; كيان alone is not the entity
        ("كيان سياسي", []),
        ("للكيان", [("للكيان", "israel/occupation")]),
        # impossible: article + pronoun suffix
        ("الكيانه", []),
        # short stems are guarded
        ("كمال", []),
        ("الأمني", []),
        ("أمني", []),
        ("بمال", []),
        ("والمال", [("والمال", "short_words/short")]),
        ("فالأمن", [("فالأمن", "short_words/short")]),
        ("وأمن", [("وأمن", "short_words/short")]),
        # explicit verb forms
        ("وزعمت الوزارة", [("وزعمت", "claims/alleged")]),
        ("يزعم", [("يزعم", "claims/alleged")]),
        # not a clitic: ال inside a word
        ("تالمقاومة", []),
    ],
)
def test_matching_table(mini_matcher: Matcher, text: str, expected: list) -> None:
    assert found(mini_matcher, text) == expected


def test_offsets_and_surface(mini_matcher: Matcher) -> None:
    text = "«وبالاحتلالِ» قالَ: إنّ قواتِ الاحتلالِ الأميركيِّ قصفت.\nشـهداء"
    for m in mini_matcher.find(text):
        assert text[m.start:m.end].strip() == text[m.start:m.end]
    got = found(mini_matcher, text)
    assert got == [
        ("وبالاحتلالِ", "israel/occupation"),
        ("قواتِ الاحتلالِ الأميركيِّ", "foreign_troops/occupation"),
        ("شـهداء", "the_dead/martyrs"),
    ]


def test_count_matches_find(mini_matcher: Matcher) -> None:
    text = "قوات الاحتلال والمقاومة والمقاومة شهيد"
    n_tokens, counts = mini_matcher.count(text)
    assert n_tokens == 5
    assert sum(counts.values()) == len(mini_matcher.find(text)) == 4


# --- property test -----------------------------------------------------------

FILLER = ["قال", "مصدر", "في", "المدينة", "صباح", "اليوم", "عن", "وصول", "وفد", "جديد", "إلى",
          "العاصمة", "بعد", "ساعات"]
DIACRITICS = ["\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u064b", "\u0640"]
TERMS = [  # (term as written in text, needs the article, label)
    ("مقاومة", True, "armed_groups/resistance"),
    ("ميليشيات", False, "armed_groups/militia"),
    ("شهداء", False, "the_dead/martyrs"),
    ("كيان", True, "israel/occupation"),
    ("إسرائيل", False, "israel/neutral"),
]


@st.composite
def wrapped(draw: st.DrawFn) -> tuple[str, str, str]:
    stem, needs_article, label = draw(st.sampled_from(TERMS))
    conj = draw(st.sampled_from(["", "و", "ف"]))
    prep = draw(st.sampled_from(["", "ب", "ك", "ل"]))
    article = needs_article or draw(st.booleans())
    if article:
        pro = conj + ("لل" if prep == "ل" else prep + "ال")
        suffix = ""
    else:
        pro = conj + prep
        suffix = draw(st.sampled_from(["", "ه", "ها", "هم", "هن", "هما", "كم", "نا", "ي", "ك"]))
        if suffix and stem.endswith("ة"):
            stem = stem[:-1] + "ت"
    word = pro + stem + suffix
    # sprinkle diacritics/tatweel after letters (never before the first one)
    chars = [word[0]]
    for ch in word[1:]:
        if draw(st.integers(0, 4)) == 0:
            chars.append(draw(st.sampled_from(DIACRITICS)))
        chars.append(ch)
    word = "".join(chars)
    before = draw(st.lists(st.sampled_from(FILLER), max_size=6))
    after = draw(st.lists(st.sampled_from(FILLER), max_size=6))
    sep = draw(st.sampled_from([" ", " «", "، ", "\n", " ("]))
    text = " ".join(before) + sep + word + draw(st.sampled_from([" ", "» ", ". ", "،"])) + " ".join(after)
    return text, word, label


@settings(max_examples=300, deadline=None)
@given(wrapped())
def test_term_found_whatever_clitics_wrap_it(case: tuple[str, str, str]) -> None:
    text, word, label = case
    matcher = _MATCHER
    hits = found(matcher, text)
    assert (word, label) in hits
    for m in matcher.find(text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == text[m.start:m.end].strip()


_MATCHER = Matcher(str(__import__("tests.conftest", fromlist=["MINI"]).MINI))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a written ة is never the pronoun ـه: ميليشيا + ه would otherwise read «ميليشياة»
        ("شهيدة", []),                                   # شهيد + ة is not شهيد + ه
        ("شهيده", [("شهيده", "the_dead/martyrs")]),       # his martyr: شهيد + ه
        ("شهيدَةٌ", []),                                  # diacritics after the ة
    ],
)
def test_written_teh_marbuta_is_not_a_pronoun(mini_matcher: Matcher, text: str, expected: list) -> None:
    assert found(mini_matcher, text) == expected


# -- the chunked scanner against a plain reference ---------------------------------

def reference_find(matcher: Matcher, text: str) -> list[tuple[int, int, int]]:
    """The matching rules written plainly: word tokens, per-word analysis, longest match."""
    from framing.text.tokens import tokenize

    tokens = list(tokenize(text))
    ids = [matcher._analyse(t.text) for t in tokens]
    out, i = [], 0
    while i < len(tokens):
        best = None  # (last token, term)
        paths = [(w,) for w in ids[i]]
        j = i
        while paths:
            for p in paths:
                t = matcher._patterns.get(p, -1)
                if t >= 0 and (best is None or j > best[0] or (j == best[0] and t < best[1])):
                    best = (j, t)
            j += 1
            if j >= len(tokens) or not text[tokens[j - 1].end:tokens[j].start].isspace():
                break
            paths = [p + (w,) for p in paths for w in ids[j] if p + (w,) in matcher._patterns]
        if best is None:
            i += 1
        else:
            start, end, term = tokens[i].start, tokens[best[0]].end, best[1]
            if not _rejected(matcher, text, start, end, term):
                out.append((start, end, term))
            i = best[0] + 1
    return out


def _rejected(matcher: Matcher, text: str, start: int, end: int, term: int) -> bool:
    """Whether the term's context rule rejects this occurrence (checked one by one)."""
    if term not in matcher.rules:
        return False
    from framing.match.chunks import BatchChunks, DocumentState

    chunks = text.split()
    doc = DocumentState(text, 0, BatchChunks([text], chunks, None, np.array([len(chunks)]),
                                             np.array([len(chunks)])))
    return bool(matcher._context.check(doc, start, end, term))


PIECES = ["قوات", "الاحتلال", "وقوات", "الأميركي", "الأمريكية", "للمقاومة", "المقاومة", "شهيد",
          "الشهداء", "قتلى", "مجزرة", "في", "غزة", "قال", "إن", "جيش", "الجيش", "الإسرائيلي",
          "التحالف", "الدولي", "قوات التحالف الدولي", "تنظيم", "الدولة", "كمال", "مال"]
GAPS = [" ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2003", "، ", ". ", " «", "» ", " (", ") ",
        "،", ":", "\"", "-", "/"]


@st.composite
def news_text(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=14))
    out = [draw(st.sampled_from(["", " ", "\n", "«"]))]
    for w in words:
        out += [w, draw(st.sampled_from(GAPS))]
    return "".join(out)


@settings(max_examples=400, deadline=None)
@given(news_text())
def test_chunked_scan_equals_reference(text: str) -> None:
    m = _bundled()
    expected = reference_find(m, text)
    assert [tuple(h) for h in m.find(text)] == expected
    assert m.count(text) == (len(_words(text)), Counter(t for _, _, t in expected))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.just(""), news_text()), min_size=1, max_size=6), st.booleans())
def test_batched_scan_equals_reference_per_document(texts: list[str], arrow: bool) -> None:
    # a batch is scanned as one run of chunks: no term may run across two documents;
    # with pyarrow the batch's distinct chunks are looked up once, without it every chunk
    from framing.utils import _PYARROW

    m = _bundled()
    saved = _PYARROW[:]
    _PYARROW[:] = [] if arrow else [None]
    try:
        _check_batch(m, texts)
    finally:
        _PYARROW[:] = saved


def _check_batch(m: Matcher, texts: list[str]) -> None:
    for text, (n_tokens, found), (_, counted) in zip(
            texts, m.scan_many(texts), m.scan_many(texts, offsets=False), strict=True):
        expected = reference_find(m, text)
        assert [tuple(h) for h in found] == expected
        assert n_tokens == len(_words(text))
        assert [h.term for h in counted] == [t for _, _, t in expected]


def test_arrow_split_is_str_split_at_every_code_point() -> None:
    pytest.importorskip("pyarrow")
    from framing.match import split_chunks

    points = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    texts = [f" a{chr(c)}b{chr(c)} " for c in points] + ["", " ", "x"]
    chunks, codes, lengths = split_chunks(texts)
    assert codes is not None  # the pyarrow path
    flat = [chunks[k] for k in codes.tolist()]
    assert flat == [w for t in texts for w in t.split()]
    assert lengths.tolist() == [len(t.split()) for t in texts]


@pytest.mark.parametrize("limit", [0x10000, 0x110000])  # beyond the BMP, chunk_starts takes its other path
def test_chunk_starts_are_where_str_split_chunks_begin_at_every_code_point(limit: int) -> None:
    from framing.match.batches import chunk_starts

    points = [c for c in range(limit) if not 0xD800 <= c <= 0xDFFF]
    text = "".join(f" a{chr(c)}b{chr(c)}" for c in points) + " \ud800 x\udfff"
    expected = [i for i, ch in enumerate(text) if not ch.isspace() and (i == 0 or text[i - 1].isspace())]
    assert chunk_starts(text).tolist() == expected
    assert len(expected) == len(text.split())


def test_tiny_cache_gives_the_same_hits() -> None:
    text = "قوات الاحتلال الأميركي في غزة، وقوات التحالف الدولي «الشهداء» قتلى مجزرة."
    big, tiny = _bundled(), Matcher("arabic-conflict", cache_size=3)
    for _ in range(3):  # the tiny cache is cleared on every document
        assert tiny.find(text) == big.find(text)
        assert tiny.count(text) == big.count(text)
        assert tiny.scan_many([text, "", text]) == big.scan_many([text, "", text])


_BUNDLED: list[Matcher] = []


def _bundled() -> Matcher:
    if not _BUNDLED:
        _BUNDLED.append(Matcher("arabic-conflict"))
    return _BUNDLED[0]


def _words(text: str) -> list[str]:
    from framing.text.tokens import tokenize

    return [t.text for t in tokenize(text)]


def test_document_batches_keep_order_and_both_bounds(monkeypatch) -> None:
    from types import SimpleNamespace

    from framing.match import batches as matching


    monkeypatch.setattr(matching, "BATCH_DOCS", 3)
    monkeypatch.setattr(matching, "BATCH_CHARS", 10)
    docs = [SimpleNamespace(text=t) for t in ["ab", "cd", "ef", "gh", "0123456789", "x", ""]]
    batches = list(matching.document_batches(docs))
    assert [[d.text for d in b] for b in batches] == [["ab", "cd", "ef"], ["gh", "0123456789"], ["x", ""]]
    assert list(matching.document_batches([])) == []


def test_batch_with_text_pyarrow_cannot_encode_falls_back_to_str_split() -> None:
    # a lone surrogate (from a mis-decoded file) has no UTF-8: the batch is split in Python
    m = _bundled()
    texts = ["قوات الاحتلال \udc80 هنا", "للمقاومة"]
    assert m.scan_many(texts) == [m.scan_many([t])[0] for t in texts]
    assert [len(h) for _, h in m.scan_many(texts)] == [1, 1]


# -- invisible marks, hamza-initial words, whole words ----------------------------------

INVISIBLE_MARKS = ["\u200f", "\u200e", "\u061c", "\u200c", "\u200d", "\u200b", "\ufeff",
                   "\u00ad", "\u202b", "\u202c", "\u2067", "\u2069"]


@pytest.mark.parametrize("mark", INVISIBLE_MARKS)
@pytest.mark.parametrize(("before", "word", "after"), [
    ("{m}", "المقاومة", ""),          # before the word
    ("", "المقاومة", "{m}"),          # after it
    ("", "المقا{m}ومة", ""),          # inside it
    ("{m}", "وللمقاومة", "{m}"),      # around a word with clitics
])
def test_invisible_marks_do_not_hide_a_term(mini_matcher: Matcher, mark: str, before: str,
                                            word: str, after: str) -> None:
    text = f"قال {before}{word}{after} اليوم".format(m=mark)
    surface = word.format(m=mark)
    assert found(mini_matcher, text) == [(surface, "armed_groups/resistance")]


def test_invisible_marks_inside_a_multiword_term(mini_matcher: Matcher) -> None:
    text = "قصفت \u200fقوات\u200f \u200fالاحتلال\u200f المدينة"
    assert found(mini_matcher, text) == [("قوات\u200f \u200fالاحتلال", "foreign_troops/occupation")]


def test_issue_example_rlm_before_a_term() -> None:
    text = "قال \u200fالمقاومة"
    hits = _bundled().find(text)
    assert [text[h.start:h.end] for h in hits] == ["قال", "المقاومة"]
    assert hits[1].start == 5  # after the mark: offsets into the original text


HAMZA = """name: hamza
concepts:
  c:
    axis: {negative: a, positive: b}
    labels:
      mines: {pole: 0, terms: [ألغام]}
      mines_def: {pole: 0, terms: [الألغام البحرية]}
      vehicles: {pole: 0, terms: [آليات]}
      cancel: {pole: 0, terms: [إلغاء]}
      god: {pole: 0, terms: [الإله]}
"""


@pytest.mark.parametrize(("text", "expected"), [
    ("زرعوا الألغام", [("الألغام", "c/mines")]),
    ("نزع ألغامهم", [("ألغامهم", "c/mines")]),
    ("وبالألغام", [("وبالألغام", "c/mines")]),
    ("الألغام البحرية", [("الألغام البحرية", "c/mines_def")]),
    ("دمرت الآليات", [("الآليات", "c/vehicles")]),
    ("آلياتها", [("آلياتها", "c/vehicles")]),
    ("طالبوا بالإلغاء", [("بالإلغاء", "c/cancel")]),
    ("إلغاء القرار", [("إلغاء", "c/cancel")]),
    ("غام", []),                      # not ال + a stem
    ("الإله", [("الإله", "c/god")]),   # a word written with the article keeps it
])
def test_words_beginning_with_hamza_alef_and_lam(tmp_path, text: str, expected: list) -> None:
    path = tmp_path / "hamza.yaml"
    path.write_text(HAMZA, encoding="utf-8")
    assert found(Matcher(str(path)), text) == expected


def test_a_whole_word_term_wins_over_a_clitic_reading() -> None:
    m = _bundled()
    assert found(m, "نفذ استشهادي العملية")[0] == ("استشهادي", "violent_acts/martyrdom_operation")
    assert found(m, "ارتقى شهيدي")[1] == ("شهيدي", "the_dead/martyr")   # my martyr: شهيد + ي
    # a word of a longer term read whole does not hide a one-word term read with a pronoun
    assert found(m, "لقي خمسة أشخاص مصرعهم") == [("مصرعهم", "the_dead/killed")]
    assert found(m, "لقوا مصرعهم") == [("لقوا مصرعهم", "the_dead/killed")]


CLITIC_WRAPS = [("", ""), ("و", ""), ("ف", ""), ("وب", ""), ("ل", ""), ("", "ها"), ("و", "هم")]


@st.composite
def marked(draw: st.DrawFn) -> tuple[str, str, str]:
    """A term with clitics, invisible marks sprinkled before, after and inside it."""
    stem, label = draw(st.sampled_from([("ميليشيات", "armed_groups/militia"),
                                        ("شهداء", "the_dead/martyrs")]))
    pro, suffix = draw(st.sampled_from(CLITIC_WRAPS))
    word = pro + stem + suffix
    chars = []
    for ch in word:
        chars.append(ch)
        if draw(st.integers(0, 5)) == 0:
            chars.append(draw(st.sampled_from(INVISIBLE_MARKS)))
    if chars[-1] in INVISIBLE_MARKS:
        chars.pop()  # a mark at the end is drawn below
    body = "".join(chars)
    lead = "".join(draw(st.lists(st.sampled_from(INVISIBLE_MARKS), max_size=2)))
    tail = "".join(draw(st.lists(st.sampled_from(INVISIBLE_MARKS), max_size=2)))
    before = draw(st.lists(st.sampled_from(FILLER), max_size=4))
    after = draw(st.lists(st.sampled_from(FILLER), max_size=4))
    text = " ".join([*before, lead + body + tail, *after])
    return text, body, label


@settings(max_examples=300, deadline=None)
@given(marked())
def test_term_found_whatever_clitics_and_invisible_marks_wrap_it(case: tuple[str, str, str]) -> None:
    text, body, label = case
    assert (body, label) in found(_MATCHER, text)
    start = text.index(body)
    assert any(h.start == start and h.end == start + len(body) for h in _MATCHER.find(text))
