"""Pass 1 of the scanner: a paragraph's quotation marks, sentences and colons.

:class:`Marks` reads ``text[lo:hi]`` (a paragraph: quotation marks never
stay open across a newline, and sentences never cross one) in one
regular-expression pass: quotation marks nested with a stack, sentence ends
and colons. Its methods look things up in what it found: the sentence or
the top-level quotation around an offset, the words of a quotation. The
rules for quotation marks and sentence ends are documented in
:mod:`framing.voice.map` ("Quotation marks").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..text.tokens import WORD_RE
from . import words as speech
from .reader import Reader
from .records import ENDERS, SHORT_QUOTE, Quote
from .words import fold, folded

__all__ = ["Marks"]

#: Quotation marks, sentence ends, colons, newlines.
_EVENT_RE = re.compile('[«»“”„":.!?؟؛;\n\r\u2028\u2029]')
_OPEN_CONTEXT = frozenset("([{«“„:؛;،,.!?؟-–—/")
_CLOSE_CONTEXT = frozenset(")]}»”.,،؛;:!?؟-–—/")
_GLUED = folded(speech.GLUED_PREFIXES)
_PLAIN_ENDERS = ".!?؟؛;"


def _OPEN(q: Quote) -> int:
    return q.open


class Marks:
    """Quotation marks, sentence ends and colons of ``text[lo:hi]``, found when made.

    Attributes
    ----------
    quotes : list of Quote
        Every quotation, in order of opening.
    top : list of Quote
        The top-level ones (``depth == 0``); ``top_opens`` their openings.
    boffs : list of int
        Offsets of the characters that end sentences; sentence ``s`` runs
        from ``boffs[s - 1] + 1`` (or ``lo``) to ``boffs[s]`` (or ``hi``).
    colons : list of int
        Offsets of the colons outside quotations; ``colons_in[s]`` those of
        sentence ``s``.
    quotes_in : dict of int to list of Quote
        The quotations that open in each sentence.

    Examples
    --------
    >>> m = Marks(Reader("قال: «نعم». وانتهى."), 0, 19)
    >>> m.quotes, m.boffs, m.colons
    ([Quote(5, 10, depth=0)], [10, 18], [3])
    >>> m.sentence(12), m.quote_words(m.top_quote(7))
    ((1, 11, 18), ['نعم'])
    """

    __slots__ = ("_quotes_in", "boffs", "colons", "colons_in", "hi", "lo", "opens", "quotes",
                 "reader", "text", "top", "top_opens")

    def __init__(self, reader: Reader, lo: int, hi: int) -> None:
        self.reader, self.text, self.lo, self.hi = reader, reader.text, lo, hi
        self._structure()
        colons_in: dict[int, list[int]] = {}
        if self.colons:
            boffs = self.boffs
            for pos in self.colons:
                colons_in.setdefault(bisect_left(boffs, pos), []).append(pos)
        self.colons_in = colons_in
        self._quotes_in: dict[int, list[Quote]] | None = None

    @property
    def quotes_in(self) -> dict[int, list[Quote]]:
        """The quotations that open in each sentence."""
        if self._quotes_in is None:
            self._quotes_in = {}
            for q in self.quotes:
                self._quotes_in.setdefault(bisect_left(self.boffs, q.open), []).append(q)
        return self._quotes_in

    def _structure(self) -> None:
        text = self.text
        stack: list[tuple[str, int]] = []  # (mark, offset)
        quotes: list[Quote] = []
        boffs: list[int] = []  # offsets of the characters that end sentences
        colons: list[int] = []

        def close(pos: int, end: int) -> None:
            _, opened = stack.pop()
            quotes.append(Quote(opened, end, len(stack)))
            if not stack and text[max(opened + 1, pos - 6):pos].rstrip()[-1:] in ENDERS:
                boffs.append(pos)

        def close_through(mark: str, pos: int) -> None:
            while stack[-1][0] != mark:
                close(pos, pos)
            close(pos, pos + 1)

        for m in _EVENT_RE.finditer(text, self.lo, self.hi):
            pos = m.start()
            ch = text[pos]
            if ch in _PLAIN_ENDERS:  # the usual event
                if stack or (ch == "." and text[pos - 1:pos].isdigit() and text[pos + 1:pos + 2].isdigit()):
                    continue
                boffs.append(pos)
            elif ch == ":":
                if not stack:
                    colons.append(pos)
            elif ch == "«" or ch == "„":
                stack.append((ch, pos))
            elif ch == "»":
                if any(mark == "«" for mark, _ in stack):
                    close_through("«", pos)
                elif stack and stack[-1][0] == '"':  # mixed marks: "...» closes at »
                    close(pos, pos + 1)
            elif ch == "“" or ch == "”":
                if stack and stack[-1][0] in "“”„":
                    close(pos, pos + 1)
                else:
                    stack.append((ch, pos))
            elif ch == '"':
                side = self.straight_side(pos)
                if side > 0 or (side == 0 and not (stack and stack[-1][0] in '"„')):
                    stack.append((ch, pos))
                elif side == 0:
                    close(pos, pos + 1)
                elif any(mark == '"' for mark, _ in stack):
                    close_through('"', pos)
                    # «... في "إسرائيل".»: one mark closes a nested and the outer quotation
                    if (any(mark == '"' for mark, _ in stack)
                            and (text[pos + 1:pos + 3].strip()[:1] or ".") in ENDERS):
                        close_through('"', pos)
            else:  # a newline (paragraphs end there, so only in a text cut otherwise)
                while stack:
                    close(pos, pos)
                boffs.append(pos)
        while stack:
            close(self.hi, self.hi)
        if len(quotes) > 1:
            quotes.sort(key=_OPEN)
            self.top = [q for q in quotes if q.depth == 0]
        else:
            self.top = quotes
        self.quotes = quotes
        self.opens = [q.open for q in quotes]
        self.top_opens = self.opens if self.top is quotes else [q.open for q in self.top]
        self.boffs = boffs if not quotes else sorted(set(boffs))
        self.colons = colons

    def straight_side(self, pos: int) -> int:
        """Whether the ``"`` at ``pos`` looks like an opening (1) or closing (-1) mark, or either (0)."""
        text = self.text
        before = text[pos - 1] if pos else " "
        after = text[pos + 1] if pos + 1 < len(text) else " "
        open_before = before.isspace() or before in _OPEN_CONTEXT
        close_after = after.isspace() or after in _CLOSE_CONTEXT
        if open_before and not close_after:
            return 1
        if close_after and not open_before:
            return -1
        if not open_before and not close_after:
            word, gap = self.reader.before(pos)
            if not gap and fold(word) in _GLUED:
                return 1  # و"إسرائيل", لـ"الكنيست"
        return 0

    # -- lookups ------------------------------------------------------------

    def sentence(self, pos: int) -> tuple[int, int, int]:
        """(index, start offset, end offset) of the sentence around ``pos``."""
        boffs = self.boffs
        s = bisect_left(boffs, pos)
        return s, boffs[s - 1] + 1 if s else self.lo, boffs[s] if s < len(boffs) else self.hi

    def bounds(self, s: int) -> tuple[int, int]:
        """Start and end offsets of sentence ``s``."""
        boffs = self.boffs
        return boffs[s - 1] + 1 if s else self.lo, boffs[s] if s < len(boffs) else self.hi

    def top_quote(self, pos: int) -> Quote | None:
        """The top-level quotation around ``pos``, if any."""
        i = bisect_right(self.top_opens, pos) - 1
        if i >= 0 and pos < self.top[i].close:
            return self.top[i]
        return None

    def quote_words(self, q: Quote) -> list[str]:
        """The words of a quotation, or five dummies if it is obviously long."""
        if q.words is None:
            q.words = ([""] * (SHORT_QUOTE + 2) if q.close - q.open > 120
                       else WORD_RE.findall(self.text, q.open, q.close))
        return q.words

    def last_long_quote_end(self, pos: int, lo: int) -> int:
        """End of the last long top-level quotation that closes in ``[lo, pos)`` (else ``lo``)."""
        i = bisect_right(self.top_opens, pos) - 1
        while i >= 0 and self.top[i].open >= lo:
            q = self.top[i]
            if q.close <= pos and len(self.quote_words(q)) > SHORT_QUOTE:
                return q.close
            i -= 1
        return lo

    def nested_short(self, q: Quote, pos: int) -> bool:
        """Whether ``pos`` is inside a short quotation nested in ``q``."""
        i = bisect_left(self.opens, q.open) + 1
        quotes = self.quotes
        while i < len(quotes) and quotes[i].open <= pos:
            inner = quotes[i]
            if inner.depth > 0 and pos < inner.close and 0 < len(self.quote_words(inner)) <= SHORT_QUOTE:
                return True
            i += 1
        return False
