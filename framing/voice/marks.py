"""Pass 1 of the scanner: a paragraph's quotation marks, sentences, colons and أنّ/إنّ.

:class:`Marks` reads ``text[lo:hi]`` (a paragraph: quotation marks never
stay open across a newline, and sentences never cross one) once, when it is
made, with two regular expressions: one stops at every quotation mark,
sentence end and colon, the other at every أنّ/إنّ
(:mod:`framing.voice.anchors`). Quotation marks are nested with a stack,
sentence ends count outside quotations. The lookups
(:meth:`Marks.sentence`, :meth:`Marks.top_quote`, :meth:`Marks.plain_at`,
...) are then binary searches. The rules for quotation marks and sentence
ends are documented in :mod:`framing.voice.map` ("Quotation marks").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..text.tokens import WORD_RE
from . import words as speech
from .anchors import after_not_before_an, find_comps
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


def _open_of(q: Quote) -> int:
    return q.open


class Marks:
    """Quotation marks, sentence ends, colons and أنّ/إنّ of ``text[lo:hi]``, read when made.

    Attributes
    ----------
    top : list of Quote
        The top-level quotations, in order; ``top_opens`` their openings.
    boffs : list of int
        Offsets of the characters that end sentences; sentence ``s`` runs
        from ``boffs[s - 1] + 1`` (or ``lo``) to ``boffs[s]`` (or ``hi``).
    colons : list of int
        Offsets of the colons outside quotations.
    comps : list of (int, int)
        The matches of :data:`framing.voice.anchors.COMP_RE` (in quotations
        too); ``comp_starts`` their starts.

    Examples
    --------
    >>> m = Marks(Reader("قال: «نعم». وقال إن الأمر انتهى."), 0, 32)
    >>> m.sentence(12)
    (1, 11, 31)
    >>> m.top, m.boffs, m.colons, m.comps
    ([Quote(5, 10, depth=0)], [10, 31], [3], [(16, 19)])
    >>> m.quote_words(m.top_quote(7))
    ['نعم']
    """

    __slots__ = ("_open", "_opened", "_quotes", "boffs", "colons", "comp_starts", "comps", "hi", "lo",
                 "reader", "text", "top", "top_opens")

    def __init__(self, reader: Reader, lo: int, hi: int) -> None:
        self.reader, self.text, self.lo, self.hi = reader, reader.text, lo, hi
        self._open: list[str] = []  # the marks of the open quotations, outermost first...
        self._opened: list[int] = []  # ...and their offsets
        self._quotes: list[Quote] = []  # every quotation, in order of closing, then of opening
        self.top: list[Quote] = []
        self.top_opens: list[int] = []
        self.boffs: list[int] = []
        self.colons: list[int] = []
        self._read()
        self._quotes.sort(key=_open_of)
        self.comps = find_comps(self.text, lo, hi)
        self.comp_starts = [start for start, _ in self.comps]

    # -- reading ------------------------------------------------------------

    def _read(self) -> None:
        """Read every quotation mark, sentence end and colon, in text order."""
        text, open_, boffs, colons = self.text, self._open, self.boffs, self.colons
        for m in _EVENT_RE.finditer(text, self.lo, self.hi):
            pos = m.start()
            ch = text[pos]
            if ch in _PLAIN_ENDERS:  # the usual event
                if not open_ and not (ch == "." and text[pos - 1:pos].isdigit()
                                      and text[pos + 1:pos + 2].isdigit()):
                    boffs.append(pos)
            elif ch == ":":
                if not open_:
                    colons.append(pos)
            else:
                self._mark(ch, pos)
        while open_:
            self._close(self.hi, self.hi)

    def _close(self, pos: int, end: int) -> None:
        """Close the innermost open quotation, at ``pos``; it ends at ``end``."""
        self._open.pop()
        opened = self._opened.pop()
        depth = len(self._open)
        q = Quote(opened, end, depth)
        self._quotes.append(q)
        if not depth:
            self.top.append(q)
            self.top_opens.append(opened)
            if self.text[max(opened + 1, pos - 6):pos].rstrip()[-1:] in ENDERS and (
                    not self.boffs or self.boffs[-1] < pos):
                self.boffs.append(pos)

    def _close_through(self, mark: str, pos: int) -> None:
        open_ = self._open
        while open_[-1] != mark:
            self._close(pos, pos)
        self._close(pos, pos + 1)

    def _mark(self, ch: str, pos: int) -> None:
        """Read the quotation mark (or newline) ``ch`` at ``pos``."""
        open_ = self._open
        last = open_[-1] if open_ else ""
        if ch == "«" or ch == "„":
            open_.append(ch)
            self._opened.append(pos)
        elif ch == "»":
            if "«" in open_:
                self._close_through("«", pos)
            elif last == '"':  # mixed marks: "...» closes at »
                self._close(pos, pos + 1)
        elif ch == "“" or ch == "”":
            if last and last in "“”„":
                self._close(pos, pos + 1)
            else:
                open_.append(ch)
                self._opened.append(pos)
        elif ch == '"':
            side = self.straight_side(pos)
            if side > 0 or (side == 0 and not (last and last in '"„')):
                open_.append(ch)
                self._opened.append(pos)
            elif side == 0:
                self._close(pos, pos + 1)
            elif '"' in open_:
                self._close_through('"', pos)
                # «... في "إسرائيل".»: one mark closes a nested and the outer quotation
                if '"' in open_ and (self.text[pos + 1:pos + 3].strip()[:1] or ".") in ENDERS:
                    self._close_through('"', pos)
        else:  # a newline (paragraphs end there, so only in a text cut otherwise)
            while open_:
                self._close(pos, pos)
            if not self.boffs or self.boffs[-1] < pos:
                self.boffs.append(pos)

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

    # -- at a glance --------------------------------------------------------

    def plain_at(self, pos: int) -> bool:
        """Whether nothing before ``pos`` can make it anything but the outlet's own words.

        True when ``pos`` is in no quotation and neither a colon nor an
        أنّ/إنّ outside quotations that can open speech
        (:func:`~framing.voice.anchors.after_not_before_an`) precedes it in
        its sentence.
        """
        top, top_opens = self.top, self.top_opens
        i = bisect_right(top_opens, pos) - 1
        if i >= 0 and pos < top[i].close:
            return False  # in a quotation
        boffs = self.boffs
        s = bisect_left(boffs, pos)
        start = boffs[s - 1] + 1 if s else self.lo
        colons = self.colons
        k = bisect_left(colons, start)
        if k < len(colons) and colons[k] < pos:
            return False
        starts = self.comp_starts
        for k in range(bisect_left(starts, start), len(starts)):
            comp = starts[k]
            if comp >= pos:
                break
            i = bisect_right(top_opens, comp + 1) - 1
            if (i < 0 or comp + 1 >= top[i].close) and not after_not_before_an(self.reader, comp):
                return False
        return True

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

    def sentence_count(self) -> int:
        """The number of sentences."""
        return len(self.boffs) + 1

    def colons_in(self, start: int, end: int) -> list[int]:
        """The colons outside quotations in ``text[start:end]``."""
        colons = self.colons
        return colons[bisect_left(colons, start):bisect_left(colons, end)]

    def comps_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """The أنّ/إنّ that start in ``text[start:end]``."""
        starts = self.comp_starts
        return self.comps[bisect_left(starts, start):bisect_left(starts, end)]

    def quotes(self) -> list[Quote]:
        """Every quotation, in order of opening."""
        return self._quotes

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
        quotes = self._quotes
        i = bisect_left(quotes, q.open, key=_open_of) + 1
        while i < len(quotes) and quotes[i].open <= pos:
            inner = quotes[i]
            if inner.depth > 0 and pos < inner.close and 0 < len(self.quote_words(inner)) <= SHORT_QUOTE:
                return True
            i += 1
        return False
