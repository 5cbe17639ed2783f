"""A paragraph's quotation marks, sentences and words: pass 1 of :mod:`framing.voice.scan`.

:class:`ParagraphMarks` holds ``text[lo:hi]`` (a paragraph: quotation marks
never stay open across a newline, and sentences never cross one).
:meth:`~ParagraphMarks.structure` finds, in one regular-expression pass, its
quotation marks (nested with a stack), sentence ends and colons; the other
methods look things up in what it found (the sentence or top-level
quotation around an offset) or read a few words around an offset
(:meth:`~ParagraphMarks.before`, :meth:`~ParagraphMarks.after`,
:meth:`~ParagraphMarks.tokens`).

The records here (quotation, token) and the tuning constants are
shared by :mod:`framing.voice.cues` (speech cues and speakers) and
:mod:`framing.voice.scan` (the voice of each stretch), whose classes build
on :class:`ParagraphMarks`. The rules are documented in :mod:`framing.voice`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, Any, NamedTuple

from ..text.tokens import WORD_RE
from . import words as speech
from .words import fold, word_kind

if TYPE_CHECKING:
    from .map import VoiceMap

__all__ = ["MAX_SPEAKER", "QUOTE_WINDOW", "SHORT_QUOTE", "WINDOW", "ParagraphMarks"]

#: A quotation of at most this many words may be a scare quote.
SHORT_QUOTE = 3
#: Words between a speech cue and its أنّ/إنّ.
WINDOW = 12
#: Longest speaker phrase, in words.
MAX_SPEAKER = 8
#: Words before a quotation searched for its speech cue.
QUOTE_WINDOW = 25

_WORD_BODY = WORD_RE.pattern[2:-2]  # WORD_RE is "[^<non-word characters>]+"
assert WORD_RE.pattern == f"[^{_WORD_BODY}]+"
_NONWORD = f"[{_WORD_BODY}]"
#: Quotation marks, sentence ends, colons, newlines.
_EVENT_RE = re.compile('[«»“”„":.!?؟؛;\n\r\u2028\u2029]')
#: Matched on the reversed text: the gap before a position, then the word before it (both reversed).
_BACK_RE = re.compile(f"({_NONWORD}*)({WORD_RE.pattern})?")
_HEAD_RE = re.compile(f"({_NONWORD}*)({WORD_RE.pattern})?")
_ENDERS = frozenset(".!?؟؛;")
_NEWLINES = frozenset("\n\r\u2029\u2028")
_QUOTE_MARKS = '«»“”„"'
_OPEN_CONTEXT = frozenset("([{«“„:؛;،,.!?؟-–—/")
_CLOSE_CONTEXT = frozenset(")]}»”.,،؛;:!?؟-–—/")

_PREFIXES = frozenset(fold(w) for w in speech.GLUED_PREFIXES)

_CACHE = speech.KIND_CACHE
_kind = word_kind


def _has_comma(gap: str) -> bool:
    return "،" in gap or "," in gap


class _Quote:
    __slots__ = ("close", "depth", "open", "result", "words")

    def __init__(self, open_: int, close: int, depth: int) -> None:
        self.open, self.close, self.depth = open_, close, depth
        self.words: list[str] | None = None
        self.result: tuple[str, Any] | None = None


class _Tok(NamedTuple):
    start: int
    end: int
    word: str
    kind: int
    gap: str  # the characters between the previous word (or the window start) and this one


#: Who speaks in a span: a name, the cue whose speaker it is, candidates in order, or nobody.
_Who = str | _Tok | tuple | None


class ParagraphMarks:
    """Quotation marks, sentence ends and colons of ``text[lo:hi]``, and the words around an offset.

    ``doc`` is the :class:`~framing.voice.map.VoiceMap` of the whole text (its
    ``reversed`` text is read by :meth:`before`).
    """

    def __init__(self, text: str, lo: int, hi: int, doc: VoiceMap) -> None:
        self.text, self.lo, self.hi, self.doc = text, lo, hi, doc
        self.n = len(text)

    # -- pass 1: quotations, sentences, colons, complementizers ---------------

    def structure(self) -> None:
        text = self.text
        stack: list[tuple[str, int]] = []  # (mark, offset)
        quotes: list[_Quote] = []
        boffs: list[int] = []  # offsets of the characters that end sentences
        colons: list[int] = []

        def close(pos: int, end: int) -> None:
            _, opened = stack.pop()
            quotes.append(_Quote(opened, end, len(stack)))
            if not stack and text[max(opened + 1, pos - 6):pos].rstrip()[-1:] in _ENDERS:
                boffs.append(pos)

        def close_through(mark: str, pos: int) -> None:
            while stack[-1][0] != mark:
                close(pos, pos)
            close(pos, pos + 1)

        for m in _EVENT_RE.finditer(text, self.lo, self.hi):
            pos = m.start()
            ch = text[pos]
            if ch == "«" or ch == "„":
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
                            and (text[pos + 1:pos + 3].strip()[:1] or ".") in _ENDERS):
                        close_through('"', pos)
            elif ch in _NEWLINES:
                while stack:
                    close(pos, pos)
                boffs.append(pos)
            elif stack:
                continue
            elif ch in _ENDERS:
                if ch == "." and text[pos - 1:pos].isdigit() and text[pos + 1:pos + 2].isdigit():
                    continue
                boffs.append(pos)
            elif ch == ":":
                colons.append(pos)
        while stack:
            close(self.hi, self.hi)
        quotes.sort(key=lambda q: q.open)
        self.quotes = quotes
        self.top = [q for q in quotes if q.depth == 0]
        self.top_opens = [q.open for q in self.top]
        self.boffs = sorted(set(boffs))
        self.colons = colons

    def straight_side(self, pos: int) -> int:
        """Whether the ``"`` at ``pos`` looks like an opening (1) or closing (-1) mark, or either (0)."""
        text = self.text
        before = text[pos - 1] if pos else " "
        after = text[pos + 1] if pos + 1 < self.n else " "
        open_before = before.isspace() or before in _OPEN_CONTEXT
        close_after = after.isspace() or after in _CLOSE_CONTEXT
        if open_before and not close_after:
            return 1
        if close_after and not open_before:
            return -1
        if not open_before and not close_after:
            word, gap = self.before(pos)
            if not gap and fold(word) in _PREFIXES:
                return 1  # و"إسرائيل", لـ"الكنيست"
        return 0

    # -- lookups ------------------------------------------------------------

    def sentence(self, pos: int) -> tuple[int, int, int]:
        """(index, start offset, end offset) of the sentence around ``pos``."""
        boffs = self.boffs
        s = bisect_left(boffs, pos)
        return s, boffs[s - 1] + 1 if s else self.lo, boffs[s] if s < len(boffs) else self.hi

    def top_quote(self, pos: int) -> _Quote | None:
        """The top-level quotation around ``pos``, if any."""
        i = bisect_right(self.top_opens, pos) - 1
        if i >= 0 and pos < self.top[i].close:
            return self.top[i]
        return None

    def quote_words(self, q: _Quote) -> list[str]:
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

    def before(self, pos: int) -> tuple[str, str]:
        """The word before ``pos`` (``""`` if none) and the characters between."""
        back = _BACK_RE.match(self.doc.reversed, self.n - pos)
        assert back is not None  # the pattern matches the empty string
        return (back.group(2) or "")[::-1], back.group(1)[::-1]

    def after(self, pos: int) -> tuple[str, str, int]:
        """The characters after ``pos`` up to the next word, that word and its start."""
        head = _HEAD_RE.match(self.text, pos, min(self.n, pos + 60))
        assert head is not None  # the pattern matches the empty string
        return head.group(1), head.group(2) or "", head.start(2)

    def tokens(self, lo: int, hi: int, limit: int) -> list[_Tok]:
        """The first ``limit`` words of ``text[lo:hi]``, with their gaps."""
        text = self.text
        out: list[_Tok] = []
        prev = lo
        for m in WORD_RE.finditer(text, lo, min(hi, lo + 12 * limit)):
            word = m.group()
            kind = _CACHE.get(word)
            out.append(_Tok(m.start(), m.end(), word, _kind(word) if kind is None else kind,
                            text[prev:m.start()]))
            prev = m.end()
            if len(out) >= limit:
                break
        return out
