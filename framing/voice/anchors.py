"""Where reported speech can begin: the complementizers أنّ/إنّ of a text, found fast.

A reported clause starts at a whole word أنّ/إنّ/بأنّ/فإنّه... after a space
(:data:`COMP_RE`). Python's regular expressions try a pattern that begins
with a class of characters (here: a space) at every position, so pass 1
(:mod:`framing.voice.marks`) looks instead for :data:`COMP_EVENT`: the
letter ن after an alef or a diacritic, and the end of the word. Then
:func:`comp_start` says where the word begins, reading back only from
those few ن; together they find exactly the matches of :data:`COMP_RE`
(``tests/voice/test_anchors.py`` checks this). :class:`Glance` tells,
before pass 1, the offsets that nothing before them can put in anyone
else's words.
"""

from __future__ import annotations

import re

from .reader import Reader
from .records import NONWORD, QUOTE_MARKS
from .words import Kind, fold, last_letters, last_pairs, word_kind

__all__ = ["COMP_EVENT", "COMP_RE", "DIACRITICS", "Glance", "after_not_before_an", "comp_at", "comp_start",
           "comps_before", "find_comps", "plain_sentence_end"]

_TAIL = '[\u064B-\u0652]*(?:ه|ها|هم|هما|هن|ني|نا|كم)?' f'(?={NONWORD}|$)'
#: A whole word أنّ/إنّ/بأنّ/فإنّه... after a space (the space is part of the match).
COMP_RE = re.compile('[ \t\u00a0][وفب]?[اأإ][\u064B-\u0652]*ن' + _TAIL)
#: The ن and the rest of every match of COMP_RE (and a few more): after a space and an alef,
#: or a space, و/ف/ب and an alef (then exactly a match of COMP_RE), or after a diacritic (then
#: one to check). A pattern, to join to others.
COMP_EVENT = "ن(?:(?<=[ \t\u00a0][اأإ]ن)|(?<=[ \t\u00a0][وفب][اأإ]ن)|(?<=[\u064B-\u0652]ن))" + _TAIL
#: The diacritics (harakat, tanwin, shadda, sukun) that may stand between letters.
DIACRITICS = frozenset(map(chr, range(0x064B, 0x0653)))
_COMP_EVENT_RE = re.compile(COMP_EVENT)
_ENDERS = ".!?؟؛;"
_ENDER_RE = re.compile(f"[{_ENDERS}]")
_QUOTE_RE = re.compile(f"[{QUOTE_MARKS}]")
_NOT_BEFORE_AN_ENDS = last_letters(Kind.NOT_BEFORE_AN)
_NOT_BEFORE_AN_PAIRS = last_pairs(Kind.NOT_BEFORE_AN)
_SPACES = frozenset(" \t\u00a0")
_ALEFS = frozenset("اأإ")


def comp_at(text: str, nun: int, lo: int, hi: int) -> tuple[int, int] | None:
    """The match of :data:`COMP_RE` in ``text[lo:hi]`` whose ن is at ``nun``, if any.

    Examples
    --------
    >>> text = "قال أَنَّ القوات انسحبت"
    >>> comp_at(text, text.index("ن"), 0, len(text))
    (3, 9)
    """
    k = nun - 1
    while k >= lo and text[k] in DIACRITICS:
        k -= 1
    if k < lo or text[k] not in _ALEFS:
        return None
    k -= 1
    if k >= lo and text[k] in "وفب":
        k -= 1
    if k < lo or text[k] not in _SPACES:
        return None
    m = COMP_RE.match(text, k, hi)
    return None if m is None else (k, m.end())


def comp_start(text: str, m: re.Match[str], lo: int, hi: int) -> int | None:
    """Where the match of :data:`COMP_RE` that a match ``m`` of :data:`COMP_EVENT` ends starts.

    ``m`` was found in ``text[lo:hi]``; ``None`` if it ends no match of
    COMP_RE there.

    Examples
    --------
    >>> text = "ذكر الوزير بأنه انتهى"
    >>> m = re.compile(COMP_EVENT).search(text)
    >>> comp_start(text, m, 0, len(text)), text[m.end() - 3:m.end()]
    (10, 'أنه')
    """
    nun = m.start()
    if text[nun - 1] in DIACRITICS:
        span = comp_at(text, nun, lo, hi)
        return None if span is None else span[0]
    start = nun - 2 if text[nun - 2] in _SPACES else nun - 3
    return start if start >= lo else None


def find_comps(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Every match of :data:`COMP_RE` in ``text[lo:hi]`` as ``(start, end)``, the fast way.

    :data:`COMP_EVENT` is searched for, and :func:`comp_start` applied.

    Examples
    --------
    >>> text = "قال إنّ الأنباء تفيد بأنه انتهى"
    >>> [text[a:b] for a, b in find_comps(text, 0, len(text))]
    [' إنّ', ' بأنه']
    """
    out = []
    for m in _COMP_EVENT_RE.finditer(text, lo, hi):
        nun = m.start()
        if text[nun - 1] in DIACRITICS:  # (as comp_start does, without the call)
            span = comp_at(text, nun, lo, hi)
            if span is not None:
                out.append((span[0], m.end()))
        else:
            start = nun - 2 if text[nun - 2] in _SPACES else nun - 3
            if start >= lo:
                out.append((start, m.end()))
    return out


def comps_before(text: str, lo: int, pos: int, hi: int) -> list[int]:
    """The starts of the matches of :data:`COMP_RE` in ``text[lo:hi]`` that start before ``pos - 1``.

    That is, the أنّ/إنّ whose word begins before ``pos``. Reads the text only
    up to ``pos + 2`` (further only through a run of diacritics, which may
    stand between the letters of one).

    Examples
    --------
    >>> text = "قال إن القوات انسحبت"
    >>> comps_before(text, 0, 5, len(text)), comps_before(text, 0, 4, len(text))
    ([3], [])
    """
    limit = min(hi, pos + 2)  # the ن of one that starts at pos - 2 is at pos + 1 at most
    while limit < hi and text[limit - 1] in DIACRITICS:
        limit += 1
    out: list[int] = []
    m = _COMP_EVENT_RE.search(text, lo, limit)
    while m is not None:
        start = comp_start(text, m, lo, hi)
        if start is not None:
            if start >= pos - 1:
                break
            if m.end() < limit or limit == hi or COMP_RE.match(text, start, hi) is not None:
                out.append(start)  # (unless the word goes on after limit, and is no أنّ/إنّ)
        m = _COMP_EVENT_RE.search(text, m.end(), limit)
    return out


def after_not_before_an(reader: Reader, start: int) -> bool:
    """Whether the أنّ/إنّ whose space is at ``start`` follows بعد/قبل/يجب... (so is not speech).

    Examples
    --------
    >>> reader = Reader("وانسحبت بعد أن قصفت. وقال إن")
    >>> [after_not_before_an(reader, reader.text.index(an)) for an in (" أن", " إن")]
    [True, False]
    """
    if start == 0:
        return False
    text = reader.text
    last = text[start - 1]
    if last.isalpha() and last not in _NOT_BEFORE_AN_ENDS:
        return False  # the usual case: the word before cannot be one of them
    if start > 1:
        pair = fold(text[start - 2:start])
        if len(pair) == 2 and pair.isalpha() and pair not in _NOT_BEFORE_AN_PAIRS:
            return False  # nor here («إلى أن»)
    return word_kind(reader.before(start + 1)[0]) == Kind.NOT_BEFORE_AN


def plain_sentence_end(text: str, pos: int, hi: int) -> int:
    """Where the sentence around ``pos`` ends, if ``text[pos:hi]`` has no quotation mark.

    The offset of the first sentence end (. ! ? ؟ ؛ ; but not a full stop
    between digits) in ``text[pos:hi]``, else ``hi``: the rule of
    :class:`framing.voice.marks.Marks` where no quotation is open.

    Examples
    --------
    >>> text = "ارتفع المؤشر 1.5 نقطة. وقال الوزير"
    >>> plain_sentence_end(text, 0, len(text)) == text.index("وقال") - 2
    True
    """
    m = _ENDER_RE.search(text, pos, hi)
    while m is not None:
        k = m.start()
        if not (text[k] == "." and text[k - 1:k].isdigit() and text[k + 1:k + 2].isdigit()):
            return k
        m = _ENDER_RE.search(text, k + 1, hi)
    return hi


class Glance:
    """Whether offsets of ``text[lo:hi]`` (a paragraph) are plainly the outlet's own words, before pass 1.

    :meth:`own` is true when no quotation mark precedes the offset in the
    paragraph (so no quotation is open and sentences end at plain sentence
    ends) and neither a colon nor an أنّ/إنّ that can open speech precedes it
    in its sentence (:func:`after_not_before_an` rules out those that
    cannot). That is: the last colon or such
    أنّ/إنّ before the offset, if any, is followed by a sentence end before
    it. Asked in text order, each look reads only the text since the
    previous one, and looks for a sentence end only after a colon or أنّ/إنّ.

    Examples
    --------
    >>> text = "قصفت القوات المدينة. وقال إن القوات انسحبت. ثم عادت"
    >>> glance = Glance(Reader(text), 0, len(text))
    >>> [glance.own(text.index(word)) for word in ("المدينة", "انسحبت", "عادت")]
    [True, False, True]
    """

    __slots__ = ("first_quote", "hi", "last", "last_end", "lo", "quote_to", "reader", "seen", "text")

    def __init__(self, reader: Reader, lo: int, hi: int) -> None:
        self.reader, self.text, self.lo, self.hi = reader, reader.text, lo, hi
        self.quote_to = lo  # text[lo:quote_to] holds no quotation mark
        self.first_quote = hi  # the first quotation mark, once found
        self.seen = lo  # the colons and أنّ/إنّ before this offset have been looked at:
        self.last = -1  # the offset of the last that can open speech (-1: none)
        self.last_end = -1  # the first sentence end after it (-1: not looked for yet)

    def own(self, pos: int) -> bool:
        """Whether ``pos`` is plainly in the outlet's own words (see the class)."""
        text = self.text
        if pos >= self.quote_to:
            if pos >= self.first_quote:
                return False
            m = _QUOTE_RE.search(text, self.quote_to, pos + 1)
            if m is not None:
                self.first_quote = self.quote_to = m.start()
                return False
            self.quote_to = pos + 1
        if pos > self.seen:
            # from the space before the word at seen: an أنّ/إنّ there was cut off by the last look
            seen, lo = self.seen, self.lo
            back = max(text.rfind(" ", lo, seen), text.rfind("\t", lo, seen), text.rfind("\u00a0", lo, seen))
            last = self.last_before(max(back, lo), pos)
            if last > self.last:
                self.last, self.last_end = last, -1
            self.seen = pos
            last = self.last
        elif pos < self.seen:  # (asked out of text order)
            last = self.last_before(self.lo, pos)
            if last < 0:
                return True
            return plain_sentence_end(text, last, self.hi) < pos
        else:
            last = self.last
        if last < 0:
            return True
        if self.last_end < 0:
            self.last_end = plain_sentence_end(text, last, self.hi)
        return self.last_end < pos

    def last_before(self, lo: int, pos: int) -> int:
        """The offset of the last colon or أنّ/إنّ that can open speech in ``text[lo:pos]`` (-1: none)."""
        last = self.text.rfind(":", lo, pos)
        comps = comps_before(self.text, lo, pos + 1, self.hi)
        for comp in reversed(comps):
            if comp <= last:
                break
            if not after_not_before_an(self.reader, comp):
                return comp
        return last
