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

__all__ = ["Reader"]

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
        text = self.text
        cache = KIND_CACHE
        out: list[Token] = []
        prev = lo
        for m in WORD_RE.finditer(text, lo, min(hi, lo + 12 * limit)):
            word = m.group()
            kind = cache.get(word)
            out.append(Token(m.start(), m.end(), word, word_kind(word) if kind is None else kind,
                             text[prev:m.start()]))
            prev = m.end()
            if len(out) >= limit:
                break
        return out
