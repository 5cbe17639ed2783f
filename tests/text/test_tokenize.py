from __future__ import annotations

from camel_tools.tokenizers.word import simple_word_tokenize
from camel_tools.utils.charsets import UNICODE_PUNCT_SYMBOL_CHARSET
from hypothesis import given
from hypothesis import strategies as st

from framing.text.tokens import tokenize

TEXT = st.text(alphabet=st.sampled_from(list("ابتلمنهويةأ «»،.:؛؟!\"()-\n\u064e\u0651\u0640٣")),
               max_size=60)


def test_offsets_point_into_the_original() -> None:
    text = "قالَ المتحدث: «وبالاحتلالِ» ـ ٢٠٢٤!"
    tokens = tokenize(text)
    assert [t.text for t in tokens] == ["قالَ", "المتحدث", "وبالاحتلالِ", "ـ", "٢٠٢٤"]
    assert all(text[t.start:t.end] == t.text for t in tokens)


@given(TEXT)
def test_same_words_as_camel_tools(text: str) -> None:
    camel = [t for t in simple_word_tokenize(text) if t not in UNICODE_PUNCT_SYMBOL_CHARSET]
    ours = tokenize(text)
    assert [t.text for t in ours] == camel
    assert all(text[t.start:t.end] == t.text for t in ours)


def test_punctuation_class_is_camel_tools_set_within_the_bmp() -> None:
    from camel_tools.utils.charsets import UNICODE_PUNCT_SYMBOL_CHARSET

    from framing.text.tokens import punct_symbol_bmp

    assert punct_symbol_bmp() == {c for c in UNICODE_PUNCT_SYMBOL_CHARSET if ord(c) <= 0xFFFF}


def test_re2_nonword_class_is_what_word_re_leaves_out() -> None:
    """The RE2 class pyarrow splits at matches exactly the non-space characters WORD_RE excludes."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from framing.text.tokens import WORD_RE, nonword_run_re2

    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF and not chr(c).isspace()]
    found = pc.match_substring_regex(pa.array(chars), f"^{nonword_run_re2()}$").to_pylist()
    expected = [WORD_RE.fullmatch(c) is None for c in chars]
    assert sum(expected) > 5000 and found == expected
