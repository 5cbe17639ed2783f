"""The scanner behind :mod:`framing.voice`: one paragraph's quotations, reported clauses, speakers.

:class:`Paragraph` analyses ``text[lo:hi]`` (a paragraph: quotation marks
never stay open across a newline, and sentences never cross one):

1. :meth:`~Paragraph.prepare`: one regular-expression pass over the
   paragraph finds quotation marks (nested with a stack), sentence ends and
   colons (:mod:`framing.voice.marks`);
2. :meth:`~Paragraph.sentence_result`, for a sentence asked about: each
   أنّ/إنّ or colon outside quotations looks back a few words for a speech
   cue (:mod:`framing.voice.words`, :mod:`framing.voice.cues`); a reported
   clause runs from أنّ to the end of the sentence, direct speech from the
   colon;
3. :meth:`~Paragraph.quote_result`, for a quotation asked about: a
   quotation of speech, or a one-to-three-word name or scare quote.

Speakers are read (forward from the cue, :mod:`framing.voice.cues`) only
when asked for. Words are read only around the anchors, mostly with
``str.split`` and cached lookups, so the cost grows with the number of
quotations and أنّ/إنّ near the hits, not with the length of the text. The
rules are documented in :mod:`framing.voice`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING, Any, NamedTuple

from . import words as speech
from .cues import _CUE_KINDS, ParagraphCues
from .marks import (
    _NEWLINES,
    _NONWORD,
    _PREFIXES,
    _QUOTE_MARKS,
    MAX_SPEAKER,  # noqa: F401  (re-exported with the other tuning constants)
    QUOTE_WINDOW,
    SHORT_QUOTE,
    WINDOW,
    _has_comma,
    _kind,
    _Quote,
    _Tok,
    _Who,
)
from .words import Kind, fold

if TYPE_CHECKING:
    from .map import VoiceMap

__all__ = ["Paragraph", "Span", "VoiceInfo"]

#: Quotation marks and colons: without one before it (nor أنّ/إنّ), a position is in the own voice.
_OPENERS_RE = re.compile('[«»“”„":]')
#: A whole word أنّ/إنّ/بأنّ/فإنّه... after a space (the space is part of the match).
_COMP_RE = re.compile('[ \t\u00a0][وفب]?[اأإ][\u064B-\u0652]*ن[\u064B-\u0652]*(?:ه|ها|هم|هما|هن|ني|نا|كم)?'
                      f'(?={_NONWORD}|$)')
_CONNECTOR_RE = re.compile(f"[،,]{_NONWORD}*(?:و?في[ \t]+حين|و?فيما|و?بينما)(?={_NONWORD}|$)")
_CLAUSE_END = frozenset(".!?؟؛;:،,»”“") | _NEWLINES

_PREPOSITIONS = frozenset(fold(w) for w in speech.PREPOSITIONS)
_NAME_HEADS = frozenset(fold(w) for w in speech.NAME_HEADS)


def _bare(word: str) -> str:
    """A folded word without و/ف, ب/ل/ك and the article: «لموقع» → «موقع»."""
    if word[:1] in "وف" and len(word) > 3:
        word = word[1:]
    if word[:1] in "بلك" and len(word) > 3:
        word = word[1:]
    if word.startswith("ال") and len(word) > 3:
        word = word[2:]
    return word


class VoiceInfo(NamedTuple):
    """Whose words a hit is: ``voice``, ``speaker`` (``""`` if unknown) and ``scare_quoted``."""

    voice: str
    speaker: str
    scare_quoted: bool


OWN = VoiceInfo("own", "", False)
_OWN_SCARE = VoiceInfo("own", "", True)


class Span(NamedTuple):
    """A stretch of text with a voice (for :meth:`VoiceMap.spans`)."""

    start: int
    end: int
    kind: str  # "quoted", "reported" or "scare"
    speaker: str


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


class Paragraph(ParagraphCues):
    """The voice of every stretch of ``text[lo:hi]``, worked out sentence by sentence on demand.

    :meth:`prepare` runs pass 1 over the paragraph; :meth:`sentence_result`
    runs passes 2 and 3 for one sentence (a sentence never depends on
    another), leaving in ``weak`` the quotations whose status depends on the
    rest of the document (a short quotation after a speech cue that the
    document also uses as a scare quote), which ``doc.scared`` settles.
    Speakers are read only when :meth:`at` or :meth:`spans` needs them.
    Pass 1 and the word lookups are inherited from
    :class:`~framing.voice.marks.ParagraphMarks`, the speech cues and
    speakers from :class:`~framing.voice.cues.ParagraphCues`.
    """

    def __init__(self, text: str, lo: int, hi: int, doc: VoiceMap) -> None:
        super().__init__(text, lo, hi, doc)
        self.structured = False
        self.done: dict[int, _Sentence] = {}
        self.colon_cues: dict[int, tuple[_Tok, int]] = {}  # colon offset -> (cue, sentence end)

    # -- passes 2 and 3, one sentence at a time ------------------------------------

    def prepare(self) -> None:
        """Pass 1, and the anchors and quotations of each sentence."""
        if self.structured:
            return
        self.structured = True
        self.structure()
        self.colons_in: dict[int, list[int]] = {}
        for pos in self.colons:
            self.colons_in.setdefault(bisect_left(self.boffs, pos), []).append(pos)
        self.opens = [q.open for q in self.quotes]
        self.quotes_in: dict[int, list[_Quote]] = {}
        for q in self.quotes:
            self.quotes_in.setdefault(bisect_left(self.boffs, q.open), []).append(q)

    def sentence_result(self, s: int) -> _Sentence:
        """Pass 2 for sentence ``s`` (cached)."""
        self.prepare()
        sent = self.done.get(s)
        if sent is None:
            sent = self.done[s] = _Sentence()
            s_start = self.boffs[s - 1] + 1 if s else self.lo
            s_end = self.boffs[s] if s < len(self.boffs) else self.hi
            # أنّ/إنّ outside quotations, not after «بعد/يجب...» (looked for only in the sentences asked about)
            anchors = [(m.start() + 1, m.end()) for m in _COMP_RE.finditer(self.text, s_start, s_end)
                       if self.top_quote(m.start() + 1) is None
                       and _kind(self.before(m.start() + 1)[0]) != Kind.NOT_BEFORE_AN]
            if s in self.colons_in:
                anchors = sorted([*anchors, *((pos, pos + 1) for pos in self.colons_in[s])])
            if anchors:
                self.clauses(s, sent, s_start, s_end, anchors)
        return sent

    def clauses(self, s: int, sent: _Sentence, s_start: int, s_end: int,
                anchors: list[tuple[int, int]]) -> None:
        """Pass 2: reported clauses after أنّ/إنّ and direct speech after a colon."""
        text = self.text
        current: list[Any] | None = None  # the open clause
        last_end = s_start
        for start, end in anchors:
            colon = text[start] == ":"
            inside = current is not None and current[0] <= start < current[1]
            lo = self.last_long_quote_end(start, last_end)
            last_end = end
            # inside a clause only a cue that starts a new one counts: «، وأضاف أن», «، مشيراً إلى أن»
            cue = self.cue_in(lo, start, WINDOW, breaking=inside)
            if cue is None and not colon and fold(text[start:end]).startswith("فان"):
                # «وبحسب التقرير ... [long], فإنّ ...»: an attribution reaches its فإنّ further away
                cue = self.cue_in(lo, start, 3 * WINDOW, only=Kind.ATTRIBUTION)
            if cue is None or self.own_reporter(cue):
                continue
            if current is not None and inside:
                current[1] = min(current[1], cue.start)
            connector = _CONNECTOR_RE.search(text, end, s_end)
            clause_end = connector.start() if connector is not None else s_end
            if not colon:
                current = [start, clause_end, cue]
                sent.reported.append(current)
            elif any(mark in self.after(end)[0] for mark in _QUOTE_MARKS):
                self.colon_cues[start] = (cue, s_end)  # decided with the quotation
                q = self.top_quote(end + len(self.after(end)[0]) - 1)
                if q is not None and q.open > start and self.is_scare(q):
                    # «يحذر: "إسرائيل" ستدفع الثمن»: direct speech that opens with a scare quote
                    current = [q.open, clause_end, cue]
                    sent.quoted.append(current)
            elif end < s_end:
                current = [end, clause_end, cue]
                sent.quoted.append(current)

    def quote_result(self, q: _Quote) -> tuple[str, _Who]:
        """Pass 3 for one top-level quotation: ``("quoted", who)``, ``("scare", None)`` or
        ``("weak", who)`` (a quotation or a scare quote, as the rest of the document says); cached.
        """
        if q.result is not None:
            return q.result
        words = self.quote_words(q)
        s, s_start, _ = self.sentence(q.open)
        sent = self.sentence_result(s)
        prev_word, gap = self.before(q.open)
        colon_at = q.open - len(gap) + gap.rindex(":") if ":" in gap else -1
        if colon_at < self.lo:
            colon_at = -1
        else:
            self.sentence_result(bisect_left(self.boffs, colon_at))  # fills colon_cues
        # who speaks before the quotation: an open clause, a colon after a cue, or a cue
        cue: _Tok | None = None
        before: _Who
        span = next((sp for sp in sent.quoted + sent.reported if sp[0] <= q.open < sp[1]), None)
        if span is not None:
            before, found = span[2], True
        elif colon_at in self.colon_cues:
            before, found = self.colon_cues[colon_at][0], True
        else:
            cue = self.cue_in(self.last_long_quote_end(q.open, s_start), q.open, QUOTE_WINDOW)
            before, found = cue, cue is not None
        after = self.attribution_after(q)
        quoted: tuple[str, _Who] = ("quoted", (before, after))
        q.result = quoted
        if len(words) > SHORT_QUOTE:
            return quoted
        rest = self.text[q.close:q.close + 40].lstrip(" \t")
        clause_final = not rest or rest[0] in _CLAUSE_END
        prev = "" if _has_comma(gap) else fold(prev_word)
        prev_kind = _kind(prev_word) if prev else Kind.NONE
        next_word = self.after(q.close)[1]
        next_kind = _kind(next_word) if next_word else Kind.NONE
        describes = prev == "ب" and self.describes(cue, q.open, s_start)
        # a name, not a quotation: «ذكرت "هآرتس" أن», «على "إسرائيل"», «حماس و"إسرائيل"»
        names = (next_kind == Kind.COMP or prev in _PREPOSITIONS
                 or (prev in _PREFIXES and not describes))
        if (after is not None or colon_at >= 0) and clause_final and not names:
            return quoted
        if found and clause_final and not names:
            if prev_kind == Kind.COMP:
                # «قال إنها «مجزرة».» is a quotation; «تقول إنّ "إسرائيل"، هدّمت» a name
                if not rest or rest[0] not in "،," or next_kind in _CUE_KINDS \
                        or next_kind in (Kind.COMP, Kind.CONNECTOR):
                    return quoted
            elif prev == "ب":
                return quoted
            elif _bare(prev) not in _NAME_HEADS:
                q.result = ("weak", quoted[1])
                return q.result
        q.result = ("scare", None)
        return q.result

    def settled(self, q: _Quote) -> tuple[str, _Who]:
        """:meth:`quote_result` with a ``weak`` quotation decided by the rest of the document."""
        kind, who = self.quote_result(q)
        if kind == "weak":
            words = self.quote_words(q)
            raw = " ".join(words)
            kind = "scare" if self.doc.scared(fold(raw), raw) else "quoted"
            q.result = (kind, who if kind == "quoted" else None)
        return q.result  # type: ignore[return-value]

    def is_scare(self, q: _Quote) -> bool:
        """Whether a top-level quotation is a scare quote without looking at the rest of the document."""
        return len(self.quote_words(q)) <= SHORT_QUOTE and self.quote_result(q)[0] == "scare"

    def nested_scare(self, q: _Quote, pos: int) -> bool:
        """Whether ``pos`` is inside a short quotation nested in ``q``."""
        i = bisect_left(self.opens, q.open) + 1
        while i < len(self.quotes) and self.quotes[i].open <= pos:
            inner = self.quotes[i]
            if inner.depth > 0 and pos < inner.close and 0 < len(self.quote_words(inner)) <= SHORT_QUOTE:
                return True
            i += 1
        return False

    # -- the result --------------------------------------------------------------

    def at(self, pos: int, *, speaker: bool = True) -> VoiceInfo:
        """The voice at offset ``pos`` (inside this paragraph); ``speaker=False`` skips the speaker."""
        if not self.structured and _OPENERS_RE.search(self.text, self.lo, pos + 1) is None:
            # no quotation mark or colon before pos in the paragraph, and no أنّ/إنّ up to it
            comp = _COMP_RE.search(self.text, self.lo, min(self.hi, pos + 20))
            if comp is None or comp.start() + 1 > pos:
                return OWN
        self.prepare()
        s = bisect_left(self.boffs, pos)
        q = self.top_quote(pos)
        if q is None and s not in self.done:
            # nothing before pos in its sentence can open a clause: no colon, no أنّ/إنّ
            s_start = self.boffs[s - 1] + 1 if s else self.lo
            s_end = self.boffs[s] if s < len(self.boffs) else self.hi
            comp = _COMP_RE.search(self.text, s_start, min(s_end, pos + 20))
            if (comp is None or comp.start() + 1 > pos) and \
                    not any(s_start <= c < pos for c in self.colons_in.get(s, ())):
                return OWN
        sent = self.sentence_result(s)
        kind, who = self.settled(q) if q is not None and self.quote_words(q) else ("", None)
        scare = kind == "scare" or (q is not None and self.nested_scare(q, pos))
        for start, end, span_who in sent.quoted:  # direct speech after a colon
            if start <= pos < end:
                return VoiceInfo("quoted", self.name(span_who, s) if speaker else "", scare)
        if kind == "quoted":
            return VoiceInfo("quoted", self.name(who, s) if speaker else "", scare)
        for start, end, span_who in sent.reported:
            if start <= pos < end:
                return VoiceInfo("reported", self.name(span_who, s) if speaker else "", scare)
        return _OWN_SCARE if scare else OWN

    def spans(self) -> list[Span]:
        """Every quoted, reported and scare-quoted span, in text order."""
        self.prepare()
        out: list[Span] = []
        for s in range(len(self.boffs) + 1):
            sent = self.sentence_result(s)
            quoted = [Span(a, b, "quoted", self.name(who, s)) for a, b, who in sent.quoted]
            scare: list[Span] = []
            for q in self.quotes_in.get(s, ()):
                words = self.quote_words(q)
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
                    quoted.append(Span(q.open, q.close, "quoted", self.name(who, s)))
            reported = [Span(a, b, "reported", self.name(who, s)) for a, b, who in sent.reported]
            out += _disjoint(quoted) + _disjoint(reported) + _disjoint(scare)
        return sorted(out)

