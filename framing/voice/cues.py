"""Speech cues and the speakers they name: what passes 2 and 3 of the scanner ask about words.

:class:`Cues` reads the words of one paragraph (its :class:`~framing.voice.marks.Marks`)
near an anchor: the speech cue (:mod:`framing.voice.words`) nearest before
an أنّ/إنّ, colon or quotation (:meth:`~Cues.cue_in`), the attribution after a
quotation (:meth:`~Cues.attribution_after`), and the phrase a cue names as
its speaker, read forward from the cue once and only when asked for
(:meth:`~Cues.speaker`, :meth:`~Cues.name`). Words are read only around the
anchors, mostly with ``str.rsplit`` and table lookups. The rules are
documented in :mod:`framing.voice.map` ("Speaker").
"""

from __future__ import annotations

from ..text.tokens import WORD_RE
from . import words as speech
from .marks import Marks
from .reader import Words
from .records import (
    MAX_SPEAKER,
    NEWLINES,
    QUOTE_MARKS,
    QUOTE_WINDOW,
    SHORT_QUOTE,
    WINDOW,
    Quote,
    Token,
    Who,
    has_comma,
)
from .words import CUE_KINDS, Kind, cue_spellings, fold, folded, word_kind

__all__ = ["Cues"]

_STRIP_QUOTES = str.maketrans(dict.fromkeys(QUOTE_MARKS))
_DESCRIBE = folded(speech.DESCRIBE_VERBS)
_OWN_REPORTERS = folded(speech.OWN_REPORTERS)
_PRONOUNS = frozenset(speech.ENCLITICS)
_BASE = Kind.BASE
_SPELLINGS = cue_spellings()

#: Whitespace-separated chunk -> the kind of its first word (cleared when it reaches a million).
_RAW_KINDS: dict[str, int] = {}


def _raw_kind(raw: str) -> int:
    """:func:`~framing.voice.words.word_kind` of the first word of a whitespace-separated chunk."""
    if len(_RAW_KINDS) >= 1_000_000:
        _RAW_KINDS.clear()
    if raw.isalpha():  # (letters are word characters: the chunk is one word)
        kind = _RAW_KINDS[raw] = word_kind(raw)
        return kind
    word = WORD_RE.search(raw)
    kind = _RAW_KINDS[raw] = word_kind(word.group()) if word is not None else 0
    return kind


def _clean(s: str) -> str:
    return " ".join(s.translate(_STRIP_QUOTES).split())


class Cues:
    """The speech cues of one paragraph (its :class:`~framing.voice.marks.Marks`) and the speakers they name.

    Examples
    --------
    >>> from framing.voice.reader import Reader
    >>> text = "وقال المتحدث باسم الجيش إن القوات انسحبت."
    >>> cues = Cues(Marks(Reader(text), 0, len(text)))
    >>> cue = cues.cue_in(0, text.index("إن"), 12)
    >>> cue.word, cues.speaker(cue)
    ('وقال', 'المتحدث باسم الجيش')
    """

    __slots__ = ("marks", "reader", "speakers", "text")

    def __init__(self, marks: Marks) -> None:
        self.marks = marks
        self.reader = marks.reader
        self.text = marks.text
        self.speakers: dict[int, str] = {}  # cue offset -> the phrase it names ("" if none)

    def cue_in(self, lo: int, hi: int, limit: int, *, only: int | None = None,
               breaking: bool = False) -> Token | None:
        """The speech cue nearest ``hi`` among the last ``limit`` words of ``text[lo:hi]``.

        A statement noun (بيان) only if there is no other cue; ``only`` keeps
        one kind; ``breaking`` keeps cues that start a new clause; ``limit``
        is at least 1. (Words are split on whitespace, each chunk read by its
        first word: this runs before every أنّ/إنّ and quotation, and
        ``str.rsplit`` is ten times faster than the word pattern. A chunk of
        letters is looked up in the small table of cue spellings,
        :func:`~framing.voice.words.cue_spellings`; others in a cache.)
        """
        if lo < hi - 10 * limit:
            lo = hi - 10 * limit
        chunk = self.text[lo:hi]
        raws = chunk.rsplit(None, limit)  # the last limit words, after the rest if there is more
        if len(raws) > limit:
            del raws[0]
        get = _RAW_KINDS.get
        fallback = None
        k = len(raws)
        for raw in reversed(raws):
            k -= 1
            kind = _SPELLINGS.get(raw)
            if kind is None:
                if raw.isalpha() and "ـ" not in raw:
                    continue  # (the usual case: a word of letters that is no cue)
                kind = get(raw)
                if kind is None:
                    kind = _raw_kind(raw)
                if kind not in CUE_KINDS:
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
    def locate(chunk: str, lo: int, raws: list[str], k: int, kind: int) -> Token:
        """The first word of ``raws[k]`` (one of the last whitespace-separated chunks) as a token."""
        raw = raws[k]
        later = raws[k + 1:].count(raw)
        pos = len(chunk)
        while True:
            pos = chunk.rfind(raw, 0, pos)
            if pos <= 0:  # the chunk's first word (-1 cannot happen: raw is one of its words)
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
        return Token(start, start + len(word.group()), word.group(), kind, "")

    def own_reporter(self, cue: Token) -> bool:
        """Whether the outlet's own correspondent speaks: «أفاد مراسلنا بأن», «ومراسلنا يؤكد أن»."""
        text = self.text
        if text.find("مراسل", cue.end, cue.end + 14) >= 0 \
                and fold(self.reader.after(cue.end)[1]) in _OWN_REPORTERS:
            return True
        if text.find("مراسل", max(0, cue.start - 14), cue.start) >= 0:
            word = fold(self.reader.before(cue.start)[0])
            return word in _OWN_REPORTERS or (word[:1] in "وف" and word[1:] in _OWN_REPORTERS)
        return False

    def breaks(self, tok: Token) -> bool:
        """Whether a cue starts a new clause: a comma or «فيما/بينما» before it, or a و-verb."""
        if tok.kind & Kind.CONJ:
            return True
        word, gap = self.reader.before(tok.start)
        return has_comma(gap) or word_kind(word) == Kind.CONNECTOR

    def phrase(self, words: Words, j: int) -> tuple[int, int]:
        """The speaker phrase starting at word ``j``: tokens ``[j, end)`` of ``words.toks``."""
        toks = words.toks
        t = j
        while t - j < MAX_SPEAKER and words.has(t):
            tok = toks[t]
            if t > j and (has_comma(tok.gap) or ":" in tok.gap):
                break
            k = tok.kind & _BASE
            nxt = toks[t + 1].kind & _BASE if words.has(t + 1) else Kind.NONE
            if k and k not in (Kind.FI, Kind.STATEMENT, Kind.STATEMENT_NOUN):
                break
            if k == Kind.FI and nxt in (Kind.STATEMENT_NOUN, Kind.STATEMENT):
                break
            if k == Kind.STATEMENT and t > j:
                break
            if nxt == Kind.COMP and fold(tok.word) in ("من", "على", "الي"):
                break  # «حذرت الأمم المتحدة من أن ...»
            q = self.marks.top_quote(tok.start)
            if q is not None:
                if len(self.marks.quote_words(q)) > SHORT_QUOTE:
                    break
                if t == j:  # «أعلن «التحالف» انتهاء العملية»: the quoted name is the phrase
                    while words.has(t) and toks[t].start < q.close:
                        t += 1
                    return j, t
            t += 1
        return j, t

    def phrase_text(self, toks: list[Token], j: int, end: int, strip_l: bool = False) -> str:
        """The text of tokens ``[j, end)`` without quotation marks (``strip_l``: without a leading ل)."""
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

    def speaker(self, cue: Token) -> str:
        """The phrase a cue names as its speaker (``""`` if none), read once per cue."""
        name = self.speakers.get(cue.start)
        if name is None:
            _, s_start, s_end = self.marks.sentence(cue.start)
            name = self.speakers[cue.start] = self._speaker(cue, s_start, s_end)
        return name

    def _speaker(self, cue: Token, s_start: int, s_end: int) -> str:
        kind = cue.kind
        base = kind & _BASE
        if base == Kind.PARTICIPLE:
            return ""
        # Up to MAX_SPEAKER + 4 words (and MAX_SPEAKER more after «عن»), read as far as needed;
        # if the first 72 characters hold fewer than six words, those words only.
        more = MAX_SPEAKER if base == Kind.RELAY else 0
        words = self.reader.words(cue.end, s_end, MAX_SPEAKER + 4 + more)
        if not words.has(5) or words.toks[5].start >= min(s_end, cue.end + 72):
            words = self.reader.words(cue.end, s_end, 6)
        toks = words.toks
        j = 0
        strip_l = False
        if base == Kind.ATTRIBUTION:
            # بحسب ما ذكرت X / وفقاً لما أعلنته X / حسبما أفادت X: skip ما and its verb
            glued = fold(cue.word).endswith("ما")
            if not glued and words.has(j) and fold(toks[j].word) in ("ما", "لما"):
                j, glued = j + 1, True
            if glued and words.has(j):
                j += 1
            if words.has(j) and fold(toks[j].word) in ("عن", "ل", "في"):
                j += 1  # نقلاً عن X, وفقاً لـ X, وفق ما جاء في X
            strip_l = True
        elif base == Kind.STATEMENT:
            first = fold(toks[0].word) if words.has(0) else ""
            if first in ("صادر", "صادره"):
                j += 1 + (words.has(1) and fold(toks[1].word) == "عن")
            elif first.startswith("ل"):
                strip_l = True
            else:
                return ""
        if words.has(j) and (has_comma(toks[j].gap) or ":" in toks[j].gap):
            end = j  # «وقال، ...», «وأضاف: ...»: no phrase after the cue
        else:
            j, end = self.phrase(words, j)
        if base == Kind.RELAY and words.has(end) and fold(toks[end].word) == "عن":
            j2, end2 = self.phrase(words, end + 1)
            if end2 > j2:
                j, end = j2, end2
        if end > j:
            return self.phrase_text(toks, j, end, strip_l)
        if base in (Kind.VERB, Kind.RELAY) and not kind & Kind.CONJ and cue.start - s_start < 120:
            back = self.reader.tokens(s_start, cue.start, 7)
            gap_before_cue = self.text[back[-1].end:cue.start] if back else ""
            if 0 < len(back) <= 6 and not any(has_comma(t.gap) or ":" in t.gap for t in back[1:]) \
                    and not has_comma(gap_before_cue) \
                    and not any(t.kind in CUE_KINDS or t.kind & _BASE in (Kind.COMP, Kind.CONNECTOR)
                                for t in back):
                text = self.phrase_text(back, 0, len(back))
                if fold(back[0].word).startswith(("وال", "وو", "فال")):
                    text = text[1:]
                return text
        return ""

    def name(self, who: Who, s: int) -> str:
        """The speaker ``who`` stands for; a cue naming nobody takes the last speaker named before it."""
        if who is None or isinstance(who, str):
            return who or ""
        if isinstance(who, tuple) and not isinstance(who, Token):
            return next((n for n in (self.name(w, s) for w in who) if n), "")
        cue: Token | None = who
        _, s_start, _ = self.marks.sentence(who.start)
        while cue is not None:
            # «وقال الوزير إن ...، مشيراً إلى أن ...», «وتابع حمدان قائلاً إنّ ...»: the cue before
            named = self.speaker(cue)
            if named:
                return named
            earlier = self.cue_in(s_start, cue.start, 3 * WINDOW)
            cue = earlier if earlier is not None and earlier.start < cue.start else None
        return ""

    def describes(self, cue: Token | None, pos: int, s_start: int) -> bool:
        """Whether a وصف-like verb is the cue before ``pos`` («وصف الهجوم بـ"الإرهابي"»)."""
        if cue is None:
            cue = self.cue_in(s_start, pos, QUOTE_WINDOW)
            if cue is None:
                return False
        word = fold(cue.word)
        return word in _DESCRIBE or (word[:1] in "وف" and word[1:] in _DESCRIBE)

    def attribution_after(self, q: Quote) -> Token | None:
        """The cue of «...»، قال المتحدث, or None if no attribution follows."""
        gap, word, start = self.reader.after(q.close)
        if not word or gap.strip(" \t،,-–") or any(ch in NEWLINES for ch in gap):
            return None
        kind = word_kind(word)
        if kind not in (Kind.VERB, Kind.RELAY, Kind.ATTRIBUTION):
            return None
        return Token(start, start + len(word), word, kind, gap)
