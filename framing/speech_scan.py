"""The scanner behind :mod:`framing.voice`: one paragraph's quotations, reported clauses, speakers.

:class:`Paragraph` analyses ``text[lo:hi]`` (a paragraph: quotation marks
never stay open across a newline, and sentences never cross one):

1. :meth:`~Paragraph.prepare`: one regular-expression pass over the
   paragraph finds quotation marks (nested with a stack), sentence ends and
   colons;
2. :meth:`~Paragraph.sentence_result`, for a sentence asked about: each
   أنّ/إنّ or colon outside quotations looks back a few words for a speech
   cue (:mod:`framing.speech`); a reported clause runs from أنّ to the end
   of the sentence, direct speech from the colon;
3. :meth:`~Paragraph.quote_result`, for a quotation asked about: a
   quotation of speech, or a one-to-three-word name or scare quote.

Speakers are read (forward from the cue) only when asked for. Words are
read only around the anchors, mostly with ``str.split`` and cached
lookups, so the cost grows with the number of quotations and أنّ/إنّ near
the hits, not with the length of the text. The rules are documented in
:mod:`framing.voice`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, Any, NamedTuple

from . import speech
from .speech import Kind, fold, word_kind
from .tokenize import WORD_RE

if TYPE_CHECKING:
    from .voice import VoiceMap

__all__ = ["Paragraph", "Span", "VoiceInfo"]

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
#: Quotation marks and colons: without one before it (nor أنّ/إنّ), a position is in the own voice.
_OPENERS_RE = re.compile('[«»“”„":]')
#: Quotation marks, sentence ends, colons, newlines.
_EVENT_RE = re.compile('[«»“”„":.!?؟؛;\n\r\u2028\u2029]')
#: A whole word أنّ/إنّ/بأنّ/فإنّه... after a space (the space is part of the match).
_COMP_RE = re.compile('[ \t\u00a0][وفب]?[اأإ][\u064B-\u0652]*ن[\u064B-\u0652]*(?:ه|ها|هم|هما|هن|ني|نا|كم)?'
                      f'(?={_NONWORD}|$)')
#: Matched on the reversed text: the gap before a position, then the word before it (both reversed).
_BACK_RE = re.compile(f"({_NONWORD}*)({WORD_RE.pattern})?")
_HEAD_RE = re.compile(f"({_NONWORD}*)({WORD_RE.pattern})?")
_CONNECTOR_RE = re.compile(f"[،,]{_NONWORD}*(?:و?في[ \t]+حين|و?فيما|و?بينما)(?={_NONWORD}|$)")
_ENDERS = frozenset(".!?؟؛;")
_NEWLINES = frozenset("\n\r\u2029\u2028")
_QUOTE_MARKS = '«»“”„"'
_STRIP_QUOTES = str.maketrans(dict.fromkeys(_QUOTE_MARKS))
_CLAUSE_END = frozenset(".!?؟؛;:،,»”“") | _NEWLINES
_OPEN_CONTEXT = frozenset("([{«“„:؛;،,.!?؟-–—/")
_CLOSE_CONTEXT = frozenset(")]}»”.,،؛;:!?؟-–—/")

_PREFIXES = frozenset(fold(w) for w in speech.GLUED_PREFIXES)
_PREPOSITIONS = frozenset(fold(w) for w in speech.PREPOSITIONS)
_DESCRIBE = frozenset(fold(w) for w in speech.DESCRIBE_VERBS)
_NAME_HEADS = frozenset(fold(w) for w in speech.NAME_HEADS)
_OWN_REPORTERS = frozenset(fold(w) for w in speech.OWN_REPORTERS)
_PRONOUNS = frozenset(speech.ENCLITICS)

_CUE_KINDS = frozenset(k | c for k in Kind.CUES for c in (0, Kind.CONJ))
_BASE = Kind.CONJ - 1

_CACHE = speech.KIND_CACHE
_kind = word_kind
_RAW_CACHE: dict[str, int] = {}


def _raw_kind(raw: str) -> int:
    """:func:`~framing.speech.word_kind` of the first word in a whitespace-separated chunk."""
    if len(_RAW_CACHE) >= 1_000_000:
        _RAW_CACHE.clear()
    word = WORD_RE.search(raw)
    kind = _RAW_CACHE[raw] = word_kind(word.group()) if word is not None else 0
    return kind


def _bare(word: str) -> str:
    """A folded word without و/ف, ب/ل/ك and the article: «لموقع» → «موقع»."""
    if word[:1] in "وف" and len(word) > 3:
        word = word[1:]
    if word[:1] in "بلك" and len(word) > 3:
        word = word[1:]
    if word.startswith("ال") and len(word) > 3:
        word = word[2:]
    return word


def _has_comma(gap: str) -> bool:
    return "،" in gap or "," in gap


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


class _Sentence:
    """One sentence's ``[start, end, who]`` spans: direct speech after a colon, reported clauses."""

    __slots__ = ("quoted", "reported")

    def __init__(self) -> None:
        self.quoted: list[list[Any]] = []
        self.reported: list[list[Any]] = []


class Paragraph:
    """The voice of every stretch of ``text[lo:hi]``, worked out sentence by sentence on demand.

    :meth:`prepare` runs pass 1 over the paragraph; :meth:`sentence_result`
    runs passes 2 and 3 for one sentence (a sentence never depends on
    another), leaving in ``weak`` the quotations whose status depends on the
    rest of the document (a short quotation after a speech cue that the
    document also uses as a scare quote), which ``doc.scared`` settles.
    Speakers are read only when :meth:`at` or :meth:`spans` needs them.
    """

    def __init__(self, text: str, lo: int, hi: int, doc: VoiceMap) -> None:
        self.text, self.lo, self.hi, self.doc = text, lo, hi, doc
        self.n = len(text)
        self.structured = False
        self.done: dict[int, _Sentence] = {}
        self.speakers: dict[int, str] = {}  # cue offset -> the phrase it names ("" if none)
        self.colon_cues: dict[int, tuple[_Tok, int]] = {}  # colon offset -> (cue, sentence end)

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

    # -- cues and speakers ---------------------------------------------------

    def cue_in(self, lo: int, hi: int, limit: int, *, only: int | None = None,
               breaking: bool = False) -> _Tok | None:
        """The speech cue nearest ``hi`` among the last ``limit`` words of ``text[lo:hi]``.

        A statement noun (بيان) only if there is no other cue; ``only`` keeps
        one kind; ``breaking`` keeps cues that start a new clause. (Words are
        split on whitespace, each chunk read by its first word: this runs
        before every أنّ/إنّ and quotation, and ``str.split`` is ten times
        faster than the word pattern.)
        """
        lo = max(lo, hi - 10 * limit)
        chunk = self.text[lo:hi]
        raws = chunk.split()[-limit:]
        kinds = list(map(_RAW_CACHE.get, raws))
        fallback = None
        for k in range(len(raws) - 1, -1, -1):
            kind = kinds[k]
            if kind is None:
                kind = _raw_kind(raws[k])
            if kind not in _CUE_KINDS:
                continue
            base = kind & _BASE
            if only is not None and base != only:
                continue
            tok = self.locate(chunk, lo, raws, k, kind)
            if breaking:
                if self.breaks(tok):
                    return tok
            elif base != Kind.STATEMENT:
                return tok
            elif fallback is None:
                fallback = tok
        return fallback

    @staticmethod
    def locate(chunk: str, lo: int, raws: list[str], k: int, kind: int) -> _Tok:
        """The first word of ``raws[k]`` (one of the last whitespace-separated chunks) as a token."""
        raw = raws[k]
        later = raws[k + 1:].count(raw)
        pos = len(chunk)
        while True:
            pos = chunk.rfind(raw, 0, pos)
            if pos <= 0:  # (cannot happen: raw is one of chunk's own words)
                pos = max(pos, 0)
                break
            if (chunk[pos - 1].isspace()
                    and (pos + len(raw) == len(chunk) or chunk[pos + len(raw)].isspace())):
                if not later:
                    break
                later -= 1
        word = WORD_RE.search(raw)
        assert word is not None  # a cue has a word
        start = lo + pos + word.start()
        return _Tok(start, start + len(word.group()), word.group(), kind, "")

    def own_reporter(self, cue: _Tok) -> bool:
        """Whether the outlet's own correspondent speaks: «أفاد مراسلنا بأن», «ومراسلنا يؤكد أن»."""
        text = self.text
        if "مراسل" in text[cue.end:cue.end + 14] and fold(self.after(cue.end)[1]) in _OWN_REPORTERS:
            return True
        if "مراسل" in text[max(0, cue.start - 14):cue.start]:
            word = fold(self.before(cue.start)[0])
            return word in _OWN_REPORTERS or (word[:1] in "وف" and word[1:] in _OWN_REPORTERS)
        return False

    def breaks(self, tok: _Tok) -> bool:
        """Whether a cue starts a new clause: a comma or «فيما/بينما» before it, or a و-verb."""
        if tok.kind & Kind.CONJ:
            return True
        word, gap = self.before(tok.start)
        return _has_comma(gap) or _kind(word) == Kind.CONNECTOR

    def phrase(self, toks: list[_Tok], j: int) -> tuple[int, int]:
        """The speaker phrase starting at ``toks[j]``: tokens ``[j, end)``."""
        t = j
        n = len(toks)
        while t < n and t - j < MAX_SPEAKER:
            tok = toks[t]
            if t > j and (_has_comma(tok.gap) or ":" in tok.gap):
                break
            k = tok.kind & _BASE
            nxt = toks[t + 1].kind & _BASE if t + 1 < n else Kind.NONE
            if k and k not in (Kind.FI, Kind.STATEMENT, Kind.STATEMENT_NOUN):
                break
            if k == Kind.FI and nxt in (Kind.STATEMENT_NOUN, Kind.STATEMENT):
                break
            if k == Kind.STATEMENT and t > j:
                break
            if nxt == Kind.COMP and fold(tok.word) in ("من", "على", "الي"):
                break  # «حذرت الأمم المتحدة من أن ...»
            q = self.top_quote(tok.start)
            if q is not None:
                if len(self.quote_words(q)) > SHORT_QUOTE:
                    break
                if t == j:  # «أعلن «التحالف» انتهاء العملية»: the quoted name is the phrase
                    while t < n and toks[t].start < q.close:
                        t += 1
                    return j, t
            t += 1
        return j, t

    def phrase_text(self, toks: list[_Tok], j: int, end: int, strip_l: bool = False) -> str:
        if end <= j:
            return ""
        start, stop = toks[j].start, toks[end - 1].end
        if strip_l:
            first = fold(toks[j].word)
            if end - j == 1 and first[1:] in _PRONOUNS:
                return ""  # «ووفقاً لها»: a pronoun names nobody here
            if first.startswith("لل") and len(first) > 3:
                return _clean("ال" + self.text[start + 2:stop])
            if first.startswith("ل") and len(first) > 2:
                start += 1
        return _clean(self.text[start:stop])

    def speaker(self, cue: _Tok) -> str:
        """The phrase a cue names as its speaker (``""`` if none), read once per cue."""
        name = self.speakers.get(cue.start)
        if name is None:
            _, s_start, s_end = self.sentence(cue.start)
            name = self.speakers[cue.start] = self._speaker(cue, s_start, s_end)
        return name

    def _speaker(self, cue: _Tok, s_start: int, s_end: int) -> str:
        kind = cue.kind
        base = kind & _BASE
        if base == Kind.PARTICIPLE:
            return ""
        toks = self.tokens(cue.end, s_end, 6)
        if len(toks) == 6:  # most phrases are short: read more words only when needed
            toks = self.tokens(cue.end, s_end, MAX_SPEAKER + 4 + (MAX_SPEAKER if base == Kind.RELAY else 0))
        n = len(toks)
        j = 0
        strip_l = False
        if base == Kind.ATTRIBUTION:
            # بحسب ما ذكرت X / وفقاً لما أعلنته X / حسبما أفادت X: skip ما and its verb
            glued = fold(cue.word).endswith("ما")
            if not glued and j < n and fold(toks[j].word) in ("ما", "لما"):
                j, glued = j + 1, True
            if glued and j < n:
                j += 1
            if j < n and fold(toks[j].word) in ("عن", "ل", "في"):
                j += 1  # نقلاً عن X, وفقاً لـ X, وفق ما جاء في X
            strip_l = True
        elif base == Kind.STATEMENT:
            first = fold(toks[0].word) if n else ""
            if first in ("صادر", "صادره"):
                j += 1 + (n > 1 and fold(toks[1].word) == "عن")
            elif first.startswith("ل"):
                strip_l = True
            else:
                return ""
        if j < n and (_has_comma(toks[j].gap) or ":" in toks[j].gap):
            end = j  # «وقال، ...», «وأضاف: ...»: no phrase after the cue
        else:
            j, end = self.phrase(toks, j)
        if base == Kind.RELAY and end < n and fold(toks[end].word) == "عن":
            j2, end2 = self.phrase(toks, end + 1)
            if end2 > j2:
                j, end = j2, end2
        if end > j:
            return self.phrase_text(toks, j, end, strip_l)
        if base in (Kind.VERB, Kind.RELAY) and not kind & Kind.CONJ and cue.start - s_start < 120:
            back = self.tokens(s_start, cue.start, 7)
            gap_before_cue = self.text[back[-1].end:cue.start] if back else ""
            if 0 < len(back) <= 6 and not any(_has_comma(t.gap) or ":" in t.gap for t in back[1:]) \
                    and not _has_comma(gap_before_cue) \
                    and not any(t.kind in _CUE_KINDS or t.kind & _BASE in (Kind.COMP, Kind.CONNECTOR)
                                for t in back):
                text = self.phrase_text(back, 0, len(back))
                if fold(back[0].word).startswith(("وال", "وو", "فال")):
                    text = text[1:]
                return text
        return ""

    def name(self, who: _Who, s: int) -> str:
        """The speaker ``who`` stands for; a cue naming nobody takes the last speaker named before it."""
        if who is None or isinstance(who, str):
            return who or ""
        if isinstance(who, tuple) and not isinstance(who, _Tok):
            return next((n for n in (self.name(w, s) for w in who) if n), "")
        cue: _Tok | None = who
        _, s_start, _ = self.sentence(who.start)
        while cue is not None:
            # «وقال الوزير إن ...، مشيراً إلى أن ...», «وتابع حمدان قائلاً إنّ ...»: the cue before
            named = self.speaker(cue)
            if named:
                return named
            earlier = self.cue_in(s_start, cue.start, 3 * WINDOW)
            cue = earlier if earlier is not None and earlier.start < cue.start else None
        return ""

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

    def describes(self, cue: _Tok | None, pos: int, s_start: int) -> bool:
        """Whether a وصف-like verb is the cue before ``pos`` («وصف الهجوم بـ"الإرهابي"»)."""
        if cue is None:
            cue = self.cue_in(s_start, pos, QUOTE_WINDOW)
            if cue is None:
                return False
        word = fold(cue.word)
        return word in _DESCRIBE or (word[:1] in "وف" and word[1:] in _DESCRIBE)

    def attribution_after(self, q: _Quote) -> _Tok | None:
        """The cue of «...»، قال المتحدث, or None if no attribution follows."""
        gap, word, start = self.after(q.close)
        if not word or gap.strip(" \t،,-–") or any(ch in _NEWLINES for ch in gap):
            return None
        kind = _kind(word)
        if kind not in (Kind.VERB, Kind.RELAY, Kind.ATTRIBUTION):
            return None
        return _Tok(start, start + len(word), word, kind, gap)


def _clean(s: str) -> str:
    return " ".join(s.translate(_STRIP_QUOTES).split())
