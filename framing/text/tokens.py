"""Word tokenisation with character offsets into the original text.

camel-tools' ``simple_word_tokenize`` splits on whitespace and separates every
Unicode punctuation or symbol character, but returns bare strings. We use the
same definition (a word is a maximal run of characters that are neither
whitespace nor in camel-tools' ``UNICODE_PUNCT_SYMBOL_CHARSET``) as one
compiled regular expression, so each token also carries its ``start`` and
``end`` in the text it came from. Diacritics and tatweel are letters of the
word, so ``text[start:end]`` is the surface form exactly as written.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import NamedTuple

__all__ = ["ASTRAL_SYMBOL_RANGES", "SENTENCE_END_RE", "WORD_RE", "Token", "nonword_run_re2",
           "punct_symbol_bmp", "tokenize", "word_spans"]


def _ranges(points: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted code points as inclusive ranges of consecutive ones."""
    ranges: list[list[int]] = []
    for cp in sorted(points):
        if ranges and cp == ranges[-1][1] + 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return [(a, b) for a, b in ranges]


def _char_class(chars: frozenset[str]) -> str:
    """A regex class body for the Basic Multilingual Plane part of ``chars``, as ranges."""
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in _ranges(ord(c) for c in chars if ord(c) <= 0xFFFF)
    )


@functools.cache
def punct_symbol_bmp() -> frozenset[str]:
    """camel-tools' ``UNICODE_PUNCT_SYMBOL_CHARSET`` within the Basic Multilingual Plane.

    camel-tools defines the set as every character of a Unicode category P
    (punctuation) or S (symbol), computed at import over all 1.1 M code
    points (half a second, on every start of a command). The expression
    below needs only its BMP part, computed here the same way
    (``tests/test_tokenize.py`` checks that the two agree).
    """
    return frozenset(c for c in map(chr, range(0x10000)) if unicodedata.category(c)[0] in "PS")


# Python's re matches a class of BMP characters with a bitmap; listing the
# ~130 astral punctuation/symbol ranges individually makes every character
# test linear (7x slower on news text). Astral symbols are therefore excluded
# by block: emoji and pictographs, mathematical and musical symbols.
_ASTRAL_RANGES = ((0x1D000, 0x1D37F), (0x1F000, 0x1FAFF))
_ASTRAL = "".join(f"{chr(a)}-{chr(b)}" for a, b in _ASTRAL_RANGES)
#: The blocks of symbols outside the Basic Multilingual Plane that words never contain.
ASTRAL_SYMBOL_RANGES: tuple[tuple[int, int], ...] = _ASTRAL_RANGES

#: A word: one or more characters that are not whitespace, punctuation or symbols.
WORD_RE: re.Pattern[str] = re.compile(
    r"[^\s" + _char_class(punct_symbol_bmp()) + _ASTRAL + r"]+"
)


#: A character that ends a sentence: . ! ? ؟ ؛ ; (a full stop between two digits does not)
#: or a line break. The same marks end sentences in :mod:`framing.voice`.
SENTENCE_END_RE: re.Pattern[str] = re.compile(r"[!?؟؛;\n\r\u2028\u2029]|\.(?!\d)|(?<!\d)\.")


def nonword_run_re2() -> str:
    """A run of the characters :data:`WORD_RE` leaves out, other than whitespace, in RE2 syntax.

    pyarrow's regular expressions (RE2) read ``\\w`` and ``\\s`` as ASCII, so
    the class is spelled out as code point ranges, from the same sets as
    :data:`WORD_RE` (``tests/test_tokenize.py`` checks every code point).
    """
    ranges = [*_ranges(map(ord, punct_symbol_bmp())), *_ASTRAL_RANGES]
    body = "".join(f"\\x{{{a:X}}}" if a == b else f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in ranges)
    return f"[{body}]+"


class Token(NamedTuple):
    """A word token.

    Attributes
    ----------
    text : str
        The surface form, ``original[start:end]``.
    start, end : int
        Character offsets into the original text.
    """

    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into word tokens with offsets.

    Examples
    --------
    >>> tokenize("قال: «وبالاحتلال»!")
    [Token(text='قال', start=0, end=3), Token(text='وبالاحتلال', start=6, end=16)]
    """
    return [Token(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(text)]


def word_spans(text: str) -> Iterator[re.Match[str]]:
    """Iterate over the regex matches of the words of ``text`` (fast path)."""
    return WORD_RE.finditer(text)
