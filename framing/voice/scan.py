"""The voice of each stretch of one paragraph: passes 2 and 3 of the scanner.

:class:`Paragraph` analyses ``text[lo:hi]`` (a paragraph: quotation marks
never stay open across a newline, and sentences never cross one):

1. :attr:`~Paragraph.marks`: pass 1 finds quotation marks, sentence ends,
   colons and أنّ/إنّ (:class:`~framing.voice.marks.Marks`), once a
   position asked about is not plainly the outlet's own words at a glance
   (:class:`~framing.voice.anchors.Glance`);
2. :meth:`~Paragraph.sentence_result`, for a sentence asked about: each
   أنّ/إنّ or colon outside quotations looks back a few words for a speech
   cue (:class:`~framing.voice.cues.Cues`); a reported clause runs from أنّ
   to the end of the sentence, direct speech from the colon;
3. :meth:`~Paragraph.quote_result`, for a quotation asked about: a
   quotation of speech, or a one-to-three-word name or scare quote.

Speakers are read (forward from the cue) only when asked for. Words are
read only around the anchors, so the cost grows with the number of
quotations and أنّ/إنّ near the hits, not with the length of the text. The
rules are documented in :mod:`framing.voice.map`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from typing import Any

from . import words as speech
from .anchors import Glance, after_not_before_an
from .cues import Cues
from .marks import Marks
from .reader import Reader
from .records import (
    NEWLINES,
    NONWORD,
    OWN,
    OWN_SCARE,
    QUOTE_MARKS,
    QUOTE_WINDOW,
    SHORT_QUOTE,
    WINDOW,
    Quote,
    Span,
    Token,
    VoiceInfo,
    Who,
    has_comma,
)
from .words import CUE_KINDS, Kind, fold, folded, word_kind

__all__ = ["Paragraph"]

_CONNECTOR_RE = re.compile(f"[،,]{NONWORD}*(?:و?في[ \t]+حين|و?فيما|و?بينما)(?={NONWORD}|$)")
_CLAUSE_END = frozenset(".!?؟؛;:،,»”“") | NEWLINES

_PREPOSITIONS = folded(speech.PREPOSITIONS)
_NAME_HEADS = folded(speech.NAME_HEADS)
_GLUED = folded(speech.GLUED_PREFIXES)


def _connector(text: str, lo: int, hi: int) -> int:
    """Where the first «، فيما/بينما/في حين» of ``text[lo:hi]`` starts (``hi`` if none)."""
    comma = text.find("،", lo, hi)
    latin = text.find(",", lo, hi)
    while comma >= 0 or latin >= 0:
        at = comma if latin < 0 or 0 <= comma < latin else latin
        if _CONNECTOR_RE.match(text, at, hi) is not None:
            return at
        if at == comma:
            comma = text.find("،", at + 1, hi)
        else:
            latin = text.find(",", at + 1, hi)
    return hi


def _bare(word: str) -> str:
    """A folded word without و/ف, ب/ل/ك and the article: «لموقع» → «موقع»."""
    if word[:1] in "وف" and len(word) > 3:
        word = word[1:]
    if word[:1] in "بلك" and len(word) > 3:
        word = word[1:]
    if word.startswith("ال") and len(word) > 3:
        word = word[2:]
    return word


def _disjoint(spans: list[Span]) -> list[Span]:
    """Sort spans; drop those inside an earlier one and clip partial overlaps."""
    out: list[Span] = []
    for span in sorted(spans):
        if span.end <= span.start:
            continue
        if out and span.start < out[-1].end:
            if span.end <= out[-1].end:
                continue
            span = span._replace(start=out[-1].end)
        out.append(span)
    return out


class _Sentence:
    """One sentence's ``[start, end, who]`` spans: direct speech after a colon, reported clauses."""

    __slots__ = ("quoted", "reported")

    def __init__(self) -> None:
        self.quoted: list[list[Any]] = []
        self.reported: list[list[Any]] = []


class Paragraph(Glance):
    """The voice of every stretch of ``text[lo:hi]``, worked out sentence by sentence on demand.

    A :class:`~framing.voice.anchors.Glance` first: pass 1
    (:class:`~framing.voice.marks.Marks`) reads the paragraph once a
    position is not plainly the outlet's own words at a glance;
    :meth:`sentence_result` runs passes 2 and 3 for one sentence (a sentence
    never depends on another), leaving in ``weak`` the quotations whose
    status depends on the rest of the document (a short quotation after a
    speech cue that the document also uses as a scare quote), which
    ``scared`` settles: it tells whether the document scare-quotes given
    words anywhere (:meth:`framing.voice.map.VoiceMap.scared`). Speakers
    are read only when :meth:`at` or :meth:`spans` needs them.

    Examples
    --------
    >>> from framing.voice.reader import Reader
    >>> text = "وقال المتحدث إن القوات انسحبت."
    >>> p = Paragraph(Reader(text), 0, len(text), lambda content, raw: False)
    >>> p.at(text.index("القوات"))
    VoiceInfo(voice='reported', speaker='المتحدث', scare_quoted=False)
    """

    __slots__ = ("_marks", "colon_cues", "cues", "done", "scared")

    def __init__(self, reader: Reader, lo: int, hi: int, scared: Callable[[str, str], bool]) -> None:
        super().__init__(reader, lo, hi)
        self.scared = scared
        # made when first needed (most paragraphs are answered at a glance):
        self._marks: Marks | None = None
        self.cues: Cues = None  # type: ignore[assignment]
        self.done: dict[int, _Sentence] = {}
        self.colon_cues: dict[int, tuple[Token, int]] = {}  # colon offset -> (cue, sentence end)

    @property
    def marks(self) -> Marks:
        """Pass 1 over the paragraph (read when first needed)."""
        if self._marks is None:
            self._marks = Marks(self.reader, self.lo, self.hi)
        return self._marks

    # -- passes 2 and 3, one sentence at a time ------------------------------------

    def sentence_result(self, s: int) -> _Sentence:
        """Pass 2 for sentence ``s`` (one that :meth:`Marks.sentence` has read; cached)."""
        sent = self.done.get(s)
        if sent is None:
            marks = self.marks
            if self.cues is None:
                self.cues = Cues(marks)
            sent = self.done[s] = _Sentence()
            s_start, s_end = marks.bounds(s)
            # أنّ/إنّ outside quotations, not after «بعد/يجب...»
            comps = marks.comps_in(s_start, s_end)
            if marks.top:
                comps = [comp for comp in comps if marks.top_quote(comp[0] + 1) is None]
            reader = self.reader
            anchors = [(start + 1, end) for start, end in comps if not after_not_before_an(reader, start)]
            colons = marks.colons_in(s_start, s_end)
            if colons:
                anchors = sorted([*anchors, *((pos, pos + 1) for pos in colons)])
            if anchors:
                self.clauses(s, sent, s_start, s_end, anchors)
        return sent

    def clauses(self, s: int, sent: _Sentence, s_start: int, s_end: int,
                anchors: list[tuple[int, int]]) -> None:
        """Pass 2: reported clauses after أنّ/إنّ and direct speech after a colon."""
        text, marks, cues = self.text, self.marks, self.cues
        current: list[Any] | None = None  # the open clause
        last_end = s_start
        for start, end in anchors:
            colon = text[start] == ":"
            inside = current is not None and current[0] <= start < current[1]
            lo = marks.last_long_quote_end(start, last_end) if marks.top else last_end
            last_end = end
            # inside a clause only a cue that starts a new one counts: «، وأضاف أن», «، مشيراً إلى أن»
            cue = cues.cue_in(lo, start, WINDOW, breaking=inside)
            if cue is None and text[start] == "ف" and fold(text[start:end]).startswith("فان"):
                # «وبحسب التقرير ... [long], فإنّ ...»: an attribution reaches its فإنّ further away
                cue = cues.cue_in(lo, start, 3 * WINDOW, only=Kind.ATTRIBUTION)
            if cue is None or cues.own_reporter(cue):
                continue
            if current is not None and inside:
                current[1] = min(current[1], cue.start)
            clause_end = _connector(text, end, s_end)
            if not colon:
                current = [start, clause_end, cue]
                sent.reported.append(current)
            elif any(mark in self.reader.after(end)[0] for mark in QUOTE_MARKS):
                self.colon_cues[start] = (cue, s_end)  # decided with the quotation
                q = self.marks.top_quote(end + len(self.reader.after(end)[0]) - 1)
                if q is not None and q.open > start and self.is_scare(q):
                    # «يحذر: "إسرائيل" ستدفع الثمن»: direct speech that opens with a scare quote
                    current = [q.open, clause_end, cue]
                    sent.quoted.append(current)
            elif end < s_end:
                current = [end, clause_end, cue]
                sent.quoted.append(current)

    def quote_result(self, q: Quote) -> tuple[str, Who]:
        """Pass 3 for one top-level quotation: ``("quoted", who)``, ``("scare", None)`` or
        ``("weak", who)`` (a quotation or a scare quote, as the rest of the document says); cached.
        """
        if q.result is not None:
            return q.result
        words = self.marks.quote_words(q)
        s, s_start, _ = self.marks.sentence(q.open)
        sent = self.sentence_result(s)
        prev_word, gap = self.reader.before(q.open)
        colon_at = q.open - len(gap) + gap.rindex(":") if ":" in gap else -1
        if colon_at < self.lo:
            colon_at = -1
        else:
            self.sentence_result(self.marks.sentence(colon_at)[0])  # fills colon_cues
        # who speaks before the quotation: an open clause, a colon after a cue, or a cue
        cue: Token | None = None
        before: Who
        span = next((sp for sp in sent.quoted + sent.reported if sp[0] <= q.open < sp[1]), None)
        if span is not None:
            before, found = span[2], True
        elif colon_at in self.colon_cues:
            before, found = self.colon_cues[colon_at][0], True
        else:
            cue = self.cues.cue_in(self.marks.last_long_quote_end(q.open, s_start), q.open, QUOTE_WINDOW)
            before, found = cue, cue is not None
        after = self.cues.attribution_after(q)
        quoted: tuple[str, Who] = ("quoted", (before, after))
        q.result = quoted
        if len(words) > SHORT_QUOTE:
            return quoted
        rest = self.text[q.close:q.close + 40].lstrip(" \t")
        clause_final = not rest or rest[0] in _CLAUSE_END
        prev = "" if has_comma(gap) else fold(prev_word)
        prev_kind = word_kind(prev_word) if prev else Kind.NONE
        next_word = self.reader.after(q.close)[1]
        next_kind = word_kind(next_word) if next_word else Kind.NONE
        describes = prev == "ب" and self.cues.describes(cue, q.open, s_start)
        # a name, not a quotation: «ذكرت "هآرتس" أن», «على "إسرائيل"», «حماس و"إسرائيل"»
        names = (next_kind == Kind.COMP or prev in _PREPOSITIONS
                 or (prev in _GLUED and not describes))
        if (after is not None or colon_at >= 0) and clause_final and not names:
            return quoted
        if found and clause_final and not names:
            if prev_kind == Kind.COMP:
                # «قال إنها «مجزرة».» is a quotation; «تقول إنّ "إسرائيل"، هدّمت» a name
                if not rest or rest[0] not in "،," or next_kind in CUE_KINDS \
                        or next_kind in (Kind.COMP, Kind.CONNECTOR):
                    return quoted
            elif prev == "ب":
                return quoted
            elif _bare(prev) not in _NAME_HEADS:
                q.result = ("weak", quoted[1])
                return q.result
        q.result = ("scare", None)
        return q.result

    def settled(self, q: Quote) -> tuple[str, Who]:
        """:meth:`quote_result` with a ``weak`` quotation decided by the rest of the document."""
        kind, who = self.quote_result(q)
        if kind == "weak":
            words = self.marks.quote_words(q)
            raw = " ".join(words)
            kind = "scare" if self.scared(fold(raw), raw) else "quoted"
            q.result = (kind, who if kind == "quoted" else None)
        return q.result  # type: ignore[return-value]

    def is_scare(self, q: Quote) -> bool:
        """Whether a top-level quotation is a scare quote without looking at the rest of the document."""
        return len(self.marks.quote_words(q)) <= SHORT_QUOTE and self.quote_result(q)[0] == "scare"

    # -- the result --------------------------------------------------------------

    def at(self, pos: int, *, speaker: bool = True) -> VoiceInfo:
        """The voice at offset ``pos`` (inside this paragraph); ``speaker=False`` skips the speaker."""
        if pos < self.lo:
            return OWN
        marks = self._marks
        if marks is None:  # (the usual case) at a glance, before pass 1
            if pos < self.first_quote and self.own(pos):
                return OWN
            marks = self.marks
            if pos >= self.first_quote and marks.plain_at(pos):
                return OWN
        elif marks.plain_at(pos):
            return OWN
        s, _, _ = marks.sentence(pos)
        q = marks.top_quote(pos)
        if q is not None and not speaker and len(marks.quote_words(q)) > SHORT_QUOTE:
            # a long quotation is a quotation, whatever else its sentence holds
            return VoiceInfo("quoted", "", marks.nested_short(q, pos))
        sent = self.sentence_result(s)
        kind, who = self.settled(q) if q is not None and marks.quote_words(q) else ("", None)
        scare = kind == "scare" or (q is not None and marks.nested_short(q, pos))
        for start, end, span_who in sent.quoted:  # direct speech after a colon
            if start <= pos < end:
                return VoiceInfo("quoted", self.cues.name(span_who, s) if speaker else "", scare)
        if kind == "quoted":
            return VoiceInfo("quoted", self.cues.name(who, s) if speaker else "", scare)
        for start, end, span_who in sent.reported:
            if start <= pos < end:
                return VoiceInfo("reported", self.cues.name(span_who, s) if speaker else "", scare)
        return OWN_SCARE if scare else OWN

    def spans(self) -> list[Span]:
        """Every quoted, reported and scare-quoted span, in text order."""
        marks = self.marks
        quotes = marks.quotes()
        opens = [q.open for q in quotes]
        out: list[Span] = []
        for s in range(marks.sentence_count()):
            sent = self.sentence_result(s)
            s_start, s_end = marks.bounds(s)
            quoted = [Span(a, b, "quoted", self.cues.name(who, s)) for a, b, who in sent.quoted]
            scare: list[Span] = []
            for q in quotes[bisect_left(opens, s_start):bisect_left(opens, s_end)]:
                words = self.marks.quote_words(q)
                if not words:
                    continue
                if q.depth > 0:
                    if len(words) <= SHORT_QUOTE:
                        scare.append(Span(q.open, q.close, "scare", ""))
                    continue
                kind, who = self.settled(q)
                if kind == "scare":
                    scare.append(Span(q.open, q.close, "scare", ""))
                else:
                    quoted.append(Span(q.open, q.close, "quoted", self.cues.name(who, s)))
            reported = [Span(a, b, "reported", self.cues.name(who, s)) for a, b, who in sent.reported]
            out += _disjoint(quoted) + _disjoint(reported) + _disjoint(scare)
        return sorted(out)

