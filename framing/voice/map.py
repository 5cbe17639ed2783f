"""Whose words? Tell the outlet's own voice from quoted and reported speech.

Outlets quote their opponents: a hit inside «...» after «قال المتحدث» is the
speaker's word, not the outlet's choice. :func:`analyse_voice` returns a
:class:`VoiceMap` of a document; ``VoiceMap.at(start, end)`` gives a hit's
:class:`VoiceInfo` ``(voice, speaker, scare_quoted)``.

Voices
------
``quoted``
    Inside quotation marks («» “” „“ or straight ``"``) that report
    someone's words: a speech cue earlier in the same sentence («وقال
    المتحدث: «...»», «قال إن «...»»), a colon before the quotation, or an
    attribution right after it («...»، قال المتحدث). A quotation of four
    words or more counts as quoted even without a cue. Unquoted direct
    speech after a speech cue and a colon («وأضاف: الهجوم فشل.») is quoted
    up to the end of the sentence.
``reported``
    Indirect speech: a speech cue (verb such as قال/أكد/أعلن, participle
    such as مشيراً, attribution such as بحسب/وفقاً لـ/نقلاً عن, or بيان)
    followed within 12 words by أنّ/إنّ/بأنّ/فإنّ; the clause runs from the
    complementizer to the end of the sentence, or to «، فيما/بينما/في حين»
    or a new speech cue after a comma. Attributions without أن/إن («ارتفع
    عدد الشهداء، بحسب الوزارة») stay ``own``: the wording is the outlet's.
    أنّ after بعد/قبل/يجب/يمكن... is not speech.
``own``
    Everything else, including the speaker's own name («قالت القوات
    الأميركية إن ...»: «القوات الأميركية» is the outlet's wording) and what
    the outlet's own correspondent reports («أفاد مراسلنا بأن ...»).

Scare quotes
------------
A quotation of one to three words is *not* a quotation of speech unless a
colon precedes it, an attribution follows it, or a speech cue precedes it
in the same sentence and the quotation closes its clause («قال إنها
«مجزرة».», «وصف الهجوم بـ«الإرهابي»»). Otherwise it marks a name or
distances the outlet from a word («التحالف», "إسرائيل"): hits inside keep
the voice around them and get ``scare_quoted=True``. Refinements: a short
quotation followed by أن/إن is the speaker's name («ذكرت "هآرتس" أن»); one
right after a preposition, a glued و/ل/ب («الضغط على "إسرائيل".», «حماس
و"إسرائيل"», «لـ"إسرائيل"»; بـ after وصف excepted) or a noun that names
things (صحيفة، مستوطنة، عملية، عضو... :data:`framing.voice.words.NAME_HEADS`) is
a name; after إنّ/أنّ, one followed by a comma and more of the clause is the
clause's subject («تقول إنّ "إسرائيل"، هدمت»); and a short quotation that
the same document also uses as a scare quote is one everywhere unless a
colon, an attribution, إنّ/أنّ or بـ marks it as speech. A short quotation
inside a longer one gets ``scare_quoted=True`` too.

Speaker
-------
The noun phrase naming who speaks, when it is in the same sentence: after
the speech verb (VSO: «وقال المتحدث باسم القيادة المركزية الأميركية إن»),
before it when nothing follows the verb (SVO: «وزارة الصحة أعلنت أن»),
after بحسب/وفقاً لـ/نقلاً عن/على لسان (ل stripped: «وفقاً لوزارة الصحة» →
«وزارة الصحة»), after عن for relayed speech («نقلت وكالة عن مسؤول أميركي
أن» → «مسؤول أميركي»). The phrase runs up to the first comma, colon,
complementizer, speech cue, or circumstantial word (time: اليوم/أمس/a
weekday; medium: لـ/لوكالة/لقناة; «في بيان», «في تصريح»; prepositions
على/إلى/عن/خلال/عبر), at most 8 words; quotation marks inside it are
dropped («صحيفة "هآرتس" الإسرائيلية» → «صحيفة هآرتس الإسرائيلية»). A
participle («مشيراً») or a verb without a subject («وأضاف أن») takes the
last speaker of the same sentence. Otherwise ``speaker`` is ``""``.

Quotation marks
---------------
«» and „“ nest with a stack; “ ” pair with each other in either order (some
right-to-left text reverses them); a straight ``"`` closes an open straight
quote, else opens one. A » with no « open closes an open straight quote
(mixed marks, ``"...»``, as some outlets type them). Any other closing mark
with no opener is ignored, and every
quotation still open at the end of a paragraph (a newline) closes there.
A straight ``"`` is read as opening when a space or punctuation precedes it
and a letter follows (or it is glued to و/ل/ب), as closing in the mirror
case, and toggles otherwise; a closing ``"`` before a full stop also closes
an outer straight quotation it leaves open («... في "إسرائيل".»).
Sentences end at . ! ? ؟ ؛ ; (a full stop between digits excepted) and at
newlines, outside quotations only; a quotation whose text ends with one of
these also ends its sentence.

Cost
----
Nothing is computed until :meth:`VoiceMap.at` is asked about a position.
A position with no quotation mark before it in its paragraph, and no
colon or أنّ/إنّ before it in its sentence, is ``own`` at once; otherwise
the paragraph's quotation marks and sentences are found
(:mod:`framing.voice.scan`), then only the position's sentence is
analysed, with Python work only at quotation marks, colons and أنّ/إنّ.
Results do not depend on the order of the questions. (The one reach
beyond a sentence: a short quotation after a speech cue looks for the same
words scare-quoted elsewhere in the document.)
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from .reader import Reader
from .records import OWN, Span, VoiceInfo
from .scan import Paragraph
from .words import fold

__all__ = ["VoiceMap", "analyse_voice"]

_NEWLINE_RE = re.compile("[\n\r\u2028\u2029]")


class VoiceMap:
    """Whose words each stretch of one text is; see :func:`analyse_voice`.

    Paragraphs are analysed on demand and cached, so asking about a few hits
    costs only their paragraphs.
    """

    __slots__ = ("_breaks", "_last", "_paragraphs", "_scared", "reader", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.reader = Reader(text)
        self._breaks: list[int] | None = None  # every paragraph end, if a line ends otherwise than at \n
        self._paragraphs: dict[int, Paragraph] = {}  # by their start
        self._last: Paragraph | None = None  # the paragraph asked about last
        self._scared: dict[str, bool] = {}

    def at(self, start: int, end: int | None = None, *, speaker: bool = True) -> VoiceInfo:
        """The voice of the hit ``text[start:end]`` (decided by its first character).

        ``speaker=False`` leaves ``speaker`` empty and skips reading it (faster
        when only the voice is wanted, as in :func:`framing.score`).
        """
        paragraph = self._last
        if paragraph is None or not paragraph.lo <= start < paragraph.hi:
            if not 0 <= start < len(self.text):
                return OWN
            paragraph = self._last = self._paragraph(start)
        return paragraph.at(start, speaker=speaker)

    def many(self, starts: list[int], *, speaker: bool = True) -> list[VoiceInfo]:
        """``[self.at(start, speaker=speaker) for start in starts]``, asked in text order."""
        if starts == sorted(starts):  # the usual case: hits in text order
            order: Iterable[int] = range(len(starts))
        else:
            order = sorted(range(len(starts)), key=starts.__getitem__)
        out = [OWN] * len(starts)
        for k in order:
            out[k] = self.at(starts[k], speaker=speaker)
        return out

    def spans(self) -> list[Span]:
        """Every quoted, reported and scare-quoted span of the whole text, in text order."""
        n = len(self.text)
        breaks = self._breaks if self._breaks is not None else _newlines(self.text)
        out: list[Span] = []
        for lo, hi in zip([0, *(b + 1 for b in breaks)], [*breaks, n], strict=True):
            if lo < n:
                out.extend(self._paragraph_between(lo, hi).spans())
        return sorted(out)

    def __repr__(self) -> str:
        return f"VoiceMap({len(self.text)} characters, {len(self._paragraphs)} paragraphs analysed)"

    def scared(self, content: str, raw: str) -> bool:
        """Whether the document scare-quotes the words ``raw`` (folded: ``content``) anywhere.

        Looks at the sentences where ``raw`` occurs, without settling their
        own undecided quotations, so the answer does not depend on the order
        in which hits are asked about.
        """
        found = self._scared.get(content)
        if found is None:
            found = False
            pos = self.text.find(raw)
            while pos >= 0 and not found:
                paragraph = self._paragraph(pos)
                q = paragraph.marks.top_quote(pos)
                found = q is not None and paragraph.is_scare(q) and \
                    fold(" ".join(paragraph.marks.quote_words(q))) == content
                pos = self.text.find(raw, pos + 1)
            self._scared[content] = found
        return found

    # -- paragraphs ------------------------------------------------------------

    def _paragraph(self, pos: int) -> Paragraph:
        """The paragraph of ``pos`` (after it, if a newline is at ``pos``)."""
        text = self.text
        if self._breaks is None:  # the usual case: lines end at \n, found around pos with str.find
            lo = text.rfind("\n", 0, pos + 1) + 1
            paragraph = self._paragraphs.get(lo)
            if paragraph is not None:
                return paragraph
            hi = text.find("\n", lo)
            if hi < 0:
                hi = len(text)
            if text.find("\r", lo, hi) < 0 and text.find("\u2028", lo, hi) < 0 \
                    and text.find("\u2029", lo, hi) < 0:
                return self._paragraph_between(lo, hi)
            self._breaks = _newlines(text)
        breaks = self._breaks
        i = bisect_right(breaks, pos)
        lo = breaks[i - 1] + 1 if i else 0
        return self._paragraph_between(lo, breaks[i] if i < len(breaks) else len(text))

    def _paragraph_between(self, lo: int, hi: int) -> Paragraph:
        """The paragraph ``text[lo:hi]``, made when first asked for."""
        paragraph = self._paragraphs.get(lo)
        if paragraph is None:
            paragraph = self._paragraphs[lo] = Paragraph(self.reader, lo, hi, self.scared)
        return paragraph


def _newlines(text: str) -> list[int]:
    """Offsets of the characters that end paragraphs."""
    if "\r" in text or "\u2028" in text or "\u2029" in text:
        return [m.start() for m in _NEWLINE_RE.finditer(text)]
    breaks = []  # the usual case: str.find is much faster than a regular expression
    pos = text.find("\n")
    while pos >= 0:
        breaks.append(pos)
        pos = text.find("\n", pos + 1)
    return breaks


def analyse_voice(text: str) -> VoiceMap:
    """Find quoted, reported and scare-quoted stretches of ``text``.

    Parameters
    ----------
    text : str
        One document, as read (offsets refer to it).

    Returns
    -------
    VoiceMap
        ``.at(start, end)`` gives ``VoiceInfo(voice, speaker, scare_quoted)``
        for a hit; the rules are in the module docstring. The analysis
        itself runs lazily, paragraph by paragraph, when ``at`` asks.

    Examples
    --------
    >>> text = "وقال المتحدث باسم الجيش إن «قوات التحالف الدولي تواصل عملياتها»."
    >>> analyse_voice(text).at(text.index("قوات"))
    VoiceInfo(voice='quoted', speaker='المتحدث باسم الجيش', scare_quoted=False)
    >>> text = "وأعلنت إسرائيل أن المقاومة أطلقت صواريخ على «التحالف»."
    >>> vm = analyse_voice(text)
    >>> vm.at(text.index("المقاومة")), vm.at(text.index("إسرائيل")).voice
    (VoiceInfo(voice='reported', speaker='إسرائيل', scare_quoted=False), 'own')
    >>> text = 'وقصف "جيش" الاحتلال مواقع في غزة.'
    >>> analyse_voice(text).at(text.index("جيش"))
    VoiceInfo(voice='own', speaker='', scare_quoted=True)
    """
    return VoiceMap(text)
