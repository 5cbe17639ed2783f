"""Reading a few words around an offset of one text, for the scanner of :mod:`framing.voice`.

:class:`Reader` wraps one document's text. It reads the word just before or
just after an offset, and the first words of a stretch with their
:class:`~framing.voice.words.Kind` (:class:`~framing.voice.records.Token`).
The scanner reads words only around its anchors (quotation marks, colons,
أنّ/إنّ), so these reads are short.
"""

from __future__ import annotations

import re

from ..text.tokens import WORD_RE
from .records import NONWORD, Token
from .words import KIND_CACHE, word_kind

__all__ = ["Reader", "Words"]

#: Matched on reversed text: the gap before a position, then the word before it (both reversed).
_BACK_RE = re.compile(f"({NONWORD}*)({WORD_RE.pattern})?")
#: The gap after a position, then the word after it.
_HEAD_RE = re.compile(f"({NONWORD}*)({WORD_RE.pattern})?")
#: Characters read backwards at first by :meth:`Reader.before` (more only when the word runs on).
_BACK_SPAN = 48


class Reader:
    """The words around offsets of ``text``.

    Examples
    --------
    >>> r = Reader("وقال المتحدث: «نعم»")
    >>> r.before(5), r.before(12), r.after(12)
    (('وقال', ' '), ('المتحدث', ''), (': «', 'نعم', 15))
    >>> [t.word for t in r.tokens(0, 12, 5)]
    ['وقال', 'المتحدث']
    """

    __slots__ = ("n", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.n = len(text)

    def before(self, pos: int) -> tuple[str, str]:
        """The word before ``pos`` (``""`` if none) and the characters between."""
        lo = pos - _BACK_SPAN
        while True:
            lo = max(lo, 0)
            back = self.text[lo:pos][::-1]
            m = _BACK_RE.match(back)
            assert m is not None  # the pattern matches the empty string
            if m.end() < len(back) or lo == 0:
                return (m.group(2) or "")[::-1], m.group(1)[::-1]
            lo -= 8 * _BACK_SPAN  # the gap or the word may run on: read further back

    def after(self, pos: int) -> tuple[str, str, int]:
        """The characters after ``pos`` up to the next word, that word and its start.

        Reads at most 60 characters (a longer gap or word is cut there).
        """
        head = _HEAD_RE.match(self.text, pos, min(self.n, pos + 60))
        assert head is not None  # the pattern matches the empty string
        return head.group(1), head.group(2) or "", head.start(2)

    def tokens(self, lo: int, hi: int, limit: int) -> list[Token]:
        """The first ``limit`` words of ``text[lo:hi]``, with their kinds and gaps.

        Reads at most ``12 * limit`` characters.
        """
        words = self.words(lo, hi, limit)
        words.has(limit - 1)
        return words.toks

    def words(self, lo: int, hi: int, limit: int) -> Words:
        """:meth:`tokens`, read only as far as they are asked for (:class:`Words`)."""
        return Words(self.text, lo, hi, limit)


class Words:
    """The first ``limit`` words of ``text[lo:hi]`` (at most ``12 * limit`` characters), with their
    kinds and gaps, read only as far as they are asked for: ``has(i)`` reads up to word ``i``
    and tells whether there is one; ``toks`` holds the words read.

    Examples
    --------
    >>> words = Words("وقال المتحدث باسم الجيش", 0, 23, 3)
    >>> words.has(1), [t.word for t in words.toks], words.has(3), len(words.toks)
    (True, ['وقال', 'المتحدث'], False, 3)
    """

    __slots__ = ("_found", "_prev", "limit", "text", "toks")

    def __init__(self, text: str, lo: int, hi: int, limit: int) -> None:
        self.text = text
        self.limit = limit
        self.toks: list[Token] = []
        self._found = WORD_RE.finditer(text, lo, min(hi, lo + 12 * limit))
        self._prev = lo

    def has(self, i: int) -> bool:
        """Whether there is a word ``i`` (read up to it)."""
        toks = self.toks
        while len(toks) <= i:
            m = next(self._found, None) if len(toks) < self.limit else None
            if m is None:
                return False
            word = m.group()
            kind = KIND_CACHE.get(word)
            toks.append(Token(m.start(), m.end(), word, word_kind(word) if kind is None else kind,
                              self.text[self._prev:m.start()]))
            self._prev = m.end()
        return True
