"""Where speech can begin: the complementizers (أنّ/إنّ) of a text, found fast.

A reported clause starts at a whole word أنّ/إنّ/بأنّ/فإنّه... after a space
(:data:`COMP_RE`); the scanner asks for them in every paragraph that has a
hit. Python's regular expressions try a pattern that begins with a class of
characters at every position, so :func:`comps` first looks for the letter
ن with a literal search (fast) and reads back only from the few ن that
follow an alef or a diacritic; it finds exactly the matches of
:data:`COMP_RE` (``tests/voice/test_anchors.py`` checks this).

:func:`plain_sentence_start` finds where a sentence begins in a stretch
without quotation marks, where sentence ends need no pass over the paragraph.
"""

from __future__ import annotations

import re

from .records import NONWORD

__all__ = ["COMP_RE", "comp_at", "comps", "first_anchor", "next_comp", "plain_sentence_start"]

_TAIL = '[\u064B-\u0652]*(?:ه|ها|هم|هما|هن|ني|نا|كم)?' f'(?={NONWORD}|$)'
#: A whole word أنّ/إنّ/بأنّ/فإنّه... after a space (the space is part of the match).
COMP_RE = re.compile('[ \t\u00a0][وفب]?[اأإ][\u064B-\u0652]*ن' + _TAIL)
#: The ن and the rest of every match of COMP_RE (and a few more), found by a literal search
#: for ن: after a space and an alef, after a space, و/ف/ب and an alef (then exactly a match of
#: COMP_RE), or after a diacritic (then one to check).
_NUN_RE = re.compile("ن(?:(?<=[ \t\u00a0][اأإ]ن)|(?<=[ \t\u00a0][وفب][اأإ]ن)|(?<=[\u064B-\u0652]ن))" + _TAIL)
_DIACRITICS = frozenset(map(chr, range(0x064B, 0x0653)))
_SPACES = frozenset(" \t\u00a0")
_ALEFS = frozenset("اأإ")
_ENDERS = ".!?؟؛;"
_OPENERS_RE = re.compile('[«»“”„":]')


def comp_at(text: str, nun: int, lo: int, hi: int) -> tuple[int, int] | None:
    """The match of :data:`COMP_RE` in ``text[lo:hi]`` whose ن is at ``nun``, if any."""
    k = nun - 1
    while k >= lo and text[k] in _DIACRITICS:
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


def comps(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The spans of ``COMP_RE.finditer(text, lo, hi)``, found fast.

    Examples
    --------
    >>> text = "قال إنّ الأنباء تفيد بأنه انتهى، وأن الناس عادوا"
    >>> [text[a:b] for a, b in comps(text, 0, len(text))]
    [' إنّ', ' بأنه', ' وأن']
    """
    out = []
    for m in _NUN_RE.finditer(text, lo, hi):
        nun = m.start()
        if text[nun - 1] in _DIACRITICS:
            span = comp_at(text, nun, lo, hi)
            if span is not None:
                out.append(span)
            continue
        start = nun - 2 if text[nun - 2] in _SPACES else nun - 3
        if start >= lo:
            out.append((start, m.end()))
    return out


def next_comp(text: str, lo: int, hi: int) -> int:
    """The start of the first match of :data:`COMP_RE` in ``text[lo:hi]``, or ``hi`` if none.

    ``hi`` must end a paragraph or a sentence or be a quotation mark or colon: the match
    of a word cut at ``hi`` would be wrong.
    """
    search = _NUN_RE.search
    m = search(text, lo, hi)
    while m is not None:
        nun = m.start()
        if text[nun - 1] in _DIACRITICS:
            span = comp_at(text, nun, lo, hi)
            if span is not None:
                return span[0]
        else:
            start = nun - 2 if text[nun - 2] in _SPACES else nun - 3
            if start >= lo:
                return start
        m = search(text, m.end(), hi)
    return hi


def first_anchor(text: str, lo: int, until: int, hi: int) -> int:
    """The first offset in ``[lo, until)`` from which speech could be open, else ``until``.

    That is the first quotation mark or colon, or the word after the space
    of the first أنّ/إنّ (:data:`COMP_RE`), in the paragraph ``text[lo:hi]``.
    Every position before it is in the outlet's own voice.

    Examples
    --------
    >>> text = "وقصف الجيش المدينة وقال إن القوات انسحبت"
    >>> first_anchor(text, 0, len(text), len(text)) == text.index("إن")
    True
    >>> first_anchor(text, 0, 10, len(text))
    10
    """
    m = _OPENERS_RE.search(text, lo, until)
    if m is not None:  # an أنّ/إنّ that starts before the mark ends before it
        end = m.start()
        return min(end, next_comp(text, lo, end) + 1)
    search = _NUN_RE.search
    m = search(text, lo, hi)
    while m is not None:
        nun = m.start()
        if text[nun - 1] in _DIACRITICS:
            span = comp_at(text, nun, lo, hi)
            if span is not None:
                return min(until, span[0] + 1)
        else:
            start = nun - 2 if text[nun - 2] in _SPACES else nun - 3
            if start >= lo:
                return min(until, start + 1)
        m = search(text, m.end(), hi)
    return until


def plain_sentence_start(text: str, lo: int, pos: int) -> int:
    """Where the sentence around ``pos`` begins, if ``text[lo:pos]`` has no quotation mark.

    The offset after the last sentence end (. ! ? ؟ ؛ ; but not a full stop
    between digits) in ``text[lo:pos]``, else ``lo``: the rule of
    :class:`framing.voice.marks.Marks` where no quotation is open.

    Examples
    --------
    >>> text = "ارتفع المؤشر 1.5 نقطة. وقال الوزير"
    >>> plain_sentence_start(text, 0, len(text)) == text.index("وقال") - 1
    True
    """
    start = lo
    for ch in _ENDERS:
        k = text.rfind(ch, start, pos)
        if ch == ".":
            while k >= 0 and text[k - 1:k].isdigit() and text[k + 1:k + 2].isdigit():
                k = text.rfind(ch, start, k)
        if k >= start:
            start = k + 1
    return start
