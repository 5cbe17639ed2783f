"""Pass 1 of the scanner: a paragraph's quotation marks, sentences, colons and أنّ/إنّ, read as needed.

:class:`Marks` reads ``text[lo:hi]`` (a paragraph: quotation marks never
stay open across a newline, and sentences never cross one) with one
regular expression that stops at every quotation mark, sentence end, colon
and أنّ/إنّ (:mod:`framing.voice.anchors`), from the start of the paragraph
and only as far as a question needs: quotation marks are nested with a
stack, sentence ends count outside quotations. :meth:`Marks.read` reads up
to an offset (enough to tell whether anything before it can open speech,
:meth:`Marks.plain_at`); the lookups (:meth:`Marks.sentence`,
:meth:`Marks.top_quote`, ...) read on to the end of the sentence they are
about. The rules for quotation marks and sentence ends are documented in
:mod:`framing.voice.map` ("Quotation marks").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable

from ..text.tokens import WORD_RE
from . import words as speech
from .anchors import COMP_EVENT, DIACRITICS, comp_start
from .reader import Reader
from .records import ENDERS, SHORT_QUOTE, Quote
from .words import fold, folded

__all__ = ["Marks"]

#: Quotation marks, sentence ends, colons, newlines.
_EVENT_RE = re.compile('[«»“”„":.!?؟؛;\n\r\u2028\u2029]')
#: The ن of an أنّ/إنّ (a second search: joined to the first, neither would run at full speed).
_COMP_RE = re.compile(COMP_EVENT)
_OPEN_CONTEXT = frozenset("([{«“„:؛;،,.!?؟-–—/")
_CLOSE_CONTEXT = frozenset(")]}»”.,،؛;:!?؟-–—/")
_GLUED = folded(speech.GLUED_PREFIXES)
_PLAIN_ENDERS = ".!?؟؛;"


def _open_of(q: Quote) -> int:
    return q.open


class Marks:
    """Quotation marks, sentence ends, colons and أنّ/إنّ of ``text[lo:hi]``, read up to where asked.

    Attributes
    ----------
    top : list of Quote
        The top-level quotations closed so far, in order; ``top_opens`` their openings.
    boffs : list of int
        Offsets of the characters that end sentences, so far; sentence ``s``
        runs from ``boffs[s - 1] + 1`` (or ``lo``) to ``boffs[s]`` (or ``hi``).
    colons : list of int
        Offsets of the colons outside quotations, so far.
    comps : list of (int, int)
        The matches of :data:`framing.voice.anchors.COMP_RE` (in quotations
        too), so far; ``comp_starts`` their starts.

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

    __slots__ = ("_comp_next", "_comps", "_events", "_next", "_quotes", "_sorted", "_stack",
                 "boffs", "colons", "comp_starts", "comps", "hi", "lo", "read_to", "reader", "text", "top",
                 "top_opens")

    def __init__(self, reader: Reader, lo: int, hi: int) -> None:
        self.reader, self.text, self.lo, self.hi = reader, reader.text, lo, hi
        self._events = _EVENT_RE.finditer(self.text, lo, hi)
        self._next: re.Match[str] | None = None  # an event found but not read yet
        self._comps = _COMP_RE.finditer(self.text, lo, hi)
        self._comp_next: re.Match[str] | None = None
        self._stack: list[tuple[str, int]] = []  # (mark, offset) of the open quotations
        self._quotes: list[Quote] = []  # every quotation closed so far, in order of closing
        self._sorted: list[Quote] | None = []  # the same in order of opening (None: to sort)
        self.top: list[Quote] = []
        self.top_opens: list[int] = []
        self.boffs: list[int] = []
        self.colons: list[int] = []
        self.comps: list[tuple[int, int]] = []
        self.comp_starts: list[int] = []
        self.read_to = lo  # every event before this offset has been read

    # -- reading ------------------------------------------------------------

    def read(self, to: int) -> None:
        """Read every event before offset ``to``."""
        if to <= self.read_to:
            return
        text, stack, boffs, events = self.text, self._stack, self.boffs, self._events
        m = self._next
        while True:
            if m is None:
                m = next(events, None)
                if m is None:
                    self._finish()
                    return
            pos = m.start()
            if pos >= to:
                self._next = m
                self.read_to = to
                self._read_comps(to)
                return
            ch = text[pos]
            if ch in _PLAIN_ENDERS:  # the usual event, read here
                if not stack and not (ch == "." and text[pos - 1:pos].isdigit()
                                      and text[pos + 1:pos + 2].isdigit()):
                    boffs.append(pos)
            else:
                self._event(m)
            m = None

    def _read_comps(self, to: int) -> None:
        """Record the أنّ/إنّ whose ن lies before ``to``."""
        text, lo, hi = self.text, self.lo, self.hi
        while True:
            m = self._comp_next
            if m is None:
                m = next(self._comps, None)
                if m is None:
                    return
            if m.start() >= to:
                self._comp_next = m
                return
            self._comp_next = None
            start = comp_start(text, m, lo, hi)
            if start is not None:
                self.comps.append((start, m.end()))
                self.comp_starts.append(start)

    def read_sentence(self, pos: int) -> None:
        """Read on to the end of the sentence around ``pos`` (every quotation open there is closed)."""
        self.read(pos + 1)
        boffs = self.boffs
        while self.read_to <= self.hi and (not boffs or boffs[-1] < pos):
            m = self._next
            if m is None:
                m = next(self._events, None)
                if m is None:
                    self._finish()
                    return
            self._next = None
            self.read_to = m.start() + 1
            self._event(m)
        self._read_comps(self.read_to)

    def _finish(self) -> None:
        while self._stack:
            self._close(self.hi, self.hi)
        self._next = None
        self.read_to = self.hi + 1
        self._read_comps(self.read_to)

    def _close(self, pos: int, end: int) -> None:
        stack = self._stack
        _, opened = stack.pop()
        q = Quote(opened, end, len(stack))
        self._quotes.append(q)
        self._sorted = None
        if not stack:
            self.top.append(q)
            self.top_opens.append(opened)
            text = self.text
            if text[max(opened + 1, pos - 6):pos].rstrip()[-1:] in ENDERS and (
                    not self.boffs or self.boffs[-1] < pos):
                self.boffs.append(pos)

    def _close_through(self, mark: str, pos: int) -> None:
        stack = self._stack
        while stack[-1][0] != mark:
            self._close(pos, pos)
        self._close(pos, pos + 1)

    def _event(self, m: re.Match[str]) -> None:
        text = self.text
        stack = self._stack
        pos = m.start()
        ch = text[pos]
        if ch in _PLAIN_ENDERS:  # the usual event
            if not stack and not (ch == "." and text[pos - 1:pos].isdigit()
                                  and text[pos + 1:pos + 2].isdigit()):
                self.boffs.append(pos)
        elif ch == ":":
            if not stack:
                self.colons.append(pos)
        elif ch == "«" or ch == "„":
            stack.append((ch, pos))
        elif ch == "»":
            if any(mark == "«" for mark, _ in stack):
                self._close_through("«", pos)
            elif stack and stack[-1][0] == '"':  # mixed marks: "...» closes at »
                self._close(pos, pos + 1)
        elif ch == "“" or ch == "”":
            if stack and stack[-1][0] in "“”„":
                self._close(pos, pos + 1)
            else:
                stack.append((ch, pos))
        elif ch == '"':
            side = self.straight_side(pos)
            if side > 0 or (side == 0 and not (stack and stack[-1][0] in '"„')):
                stack.append((ch, pos))
            elif side == 0:
                self._close(pos, pos + 1)
            elif any(mark == '"' for mark, _ in stack):
                self._close_through('"', pos)
                # «... في "إسرائيل".»: one mark closes a nested and the outer quotation
                if (any(mark == '"' for mark, _ in stack)
                        and (text[pos + 1:pos + 3].strip()[:1] or ".") in ENDERS):
                    self._close_through('"', pos)
        else:  # a newline (paragraphs end there, so only in a text cut otherwise)
            while stack:
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

    def plain_at(self, pos: int, not_speech: Callable[[int], bool]) -> bool:
        """Whether nothing before ``pos`` can make it anything but the outlet's own words.

        True when ``pos`` is in no quotation and neither a colon nor an
        أنّ/إنّ outside quotations precedes it in its sentence, except those
        that ``not_speech`` (given the offset of the space before one) rules
        out. Reads the paragraph only up to just after ``pos`` (an أنّ/إنّ that
        begins before it may end after it).
        """
        to = pos + 3
        text = self.text
        while to < self.hi and text[to - 1] in DIACRITICS:
            to += 1  # (diacritics may stand between the letters of an أنّ)
        self.read(to)
        stack = self._stack
        if stack and stack[0][1] <= pos:
            return False  # in a quotation still open
        i = bisect_right(self.top_opens, pos) - 1
        if i >= 0 and pos < self.top[i].close:
            return False  # in a closed quotation
        boffs = self.boffs
        s = bisect_left(boffs, pos)
        start = boffs[s - 1] + 1 if s else self.lo
        colons = self.colons
        k = bisect_left(colons, start)
        if k < len(colons) and colons[k] < pos:
            return False
        starts = self.comp_starts
        top, top_opens = self.top, self.top_opens
        for k in range(bisect_left(starts, start), len(starts)):
            comp = starts[k]
            if comp >= pos:
                break
            i = bisect_right(top_opens, comp + 1) - 1  # (no quotation open before pos is still open)
            if (i < 0 or comp + 1 >= top[i].close) and not not_speech(comp):
                return False
        return True

    # -- lookups ------------------------------------------------------------

    def sentence(self, pos: int) -> tuple[int, int, int]:
        """(index, start offset, end offset) of the sentence around ``pos``."""
        self.read_sentence(pos)
        boffs = self.boffs
        s = bisect_left(boffs, pos)
        return s, boffs[s - 1] + 1 if s else self.lo, boffs[s] if s < len(boffs) else self.hi

    def bounds(self, s: int) -> tuple[int, int]:
        """Start and end offsets of sentence ``s`` (one :meth:`sentence` has returned)."""
        boffs = self.boffs
        return boffs[s - 1] + 1 if s else self.lo, boffs[s] if s < len(boffs) else self.hi

    def sentence_count(self) -> int:
        """The number of sentences (reads the whole paragraph)."""
        self.read(self.hi + 1)
        return len(self.boffs) + 1

    def colons_in(self, start: int, end: int) -> list[int]:
        """The colons outside quotations in ``text[start:end]`` (a sentence read to its end)."""
        colons = self.colons
        return colons[bisect_left(colons, start):bisect_left(colons, end)]

    def comps_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """The أنّ/إنّ that start in ``text[start:end]`` (a sentence read to its end)."""
        starts = self.comp_starts
        return self.comps[bisect_left(starts, start):bisect_left(starts, end)]

    def quotes(self) -> list[Quote]:
        """Every quotation, in order of opening (reads the whole paragraph)."""
        self.read(self.hi + 1)
        return self._in_order()

    def _in_order(self) -> list[Quote]:
        if self._sorted is None:
            self._sorted = sorted(self._quotes, key=_open_of)
        return self._sorted

    def top_quote(self, pos: int) -> Quote | None:
        """The top-level quotation around ``pos``, if any."""
        self.read_sentence(pos)
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
        self.read_sentence(pos)
        i = bisect_right(self.top_opens, pos) - 1
        while i >= 0 and self.top[i].open >= lo:
            q = self.top[i]
            if q.close <= pos and len(self.quote_words(q)) > SHORT_QUOTE:
                return q.close
            i -= 1
        return lo

    def nested_short(self, q: Quote, pos: int) -> bool:
        """Whether ``pos`` is inside a short quotation nested in ``q`` (a quotation read to its end)."""
        quotes = self._in_order()
        i = bisect_left(quotes, q.open, key=_open_of) + 1
        while i < len(quotes) and quotes[i].open <= pos:
            inner = quotes[i]
            if inner.depth > 0 and pos < inner.close and 0 < len(self.quote_words(inner)) <= SHORT_QUOTE:
                return True
            i += 1
        return False
