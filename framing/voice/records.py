"""The records and constants every module of :mod:`framing.voice` shares.

Results (:class:`VoiceInfo`, :class:`Span`), the scanner's own records
(:class:`Quote`, :class:`Token`, :data:`Who`), the tuning constants and the
character sets. Nothing here computes; the rules are documented in
:mod:`framing.voice.map`.
"""

from __future__ import annotations

from typing import Any, Literal, NamedTuple

from ..text.tokens import WORD_RE

__all__ = [
    "ENDERS",
    "MAX_SPEAKER",
    "NEWLINES",
    "NONWORD",
    "OWN",
    "OWN_SCARE",
    "QUOTE_MARKS",
    "QUOTE_WINDOW",
    "SHORT_QUOTE",
    "VOICES",
    "WINDOW",
    "HitVoice",
    "Quote",
    "Span",
    "Token",
    "VoiceInfo",
    "Who",
    "has_comma",
]

# -- results ------------------------------------------------------------------

#: The voice of one hit: the outlet's own words, a quotation, or reported speech.
HitVoice = Literal["own", "quoted", "reported"]

#: The voices a hit can have.
VOICES: tuple[str, ...] = ("own", "quoted", "reported")


class VoiceInfo(NamedTuple):
    """Whose words a hit is: ``voice``, ``speaker`` (``""`` if unknown) and ``scare_quoted``."""

    voice: str
    speaker: str
    scare_quoted: bool


#: The outlet's own voice, no speaker, not scare-quoted.
OWN = VoiceInfo("own", "", False)
#: The outlet's own voice inside a scare quote.
OWN_SCARE = VoiceInfo("own", "", True)


class Span(NamedTuple):
    """A stretch of text with a voice (for :meth:`framing.voice.map.VoiceMap.spans`)."""

    start: int
    end: int
    kind: str  # "quoted", "reported" or "scare"
    speaker: str


# -- tuning constants ---------------------------------------------------------

#: A quotation of at most this many words may be a scare quote.
SHORT_QUOTE = 3
#: Words between a speech cue and its أنّ/إنّ.
WINDOW = 12
#: Longest speaker phrase, in words.
MAX_SPEAKER = 8
#: Words before a quotation searched for its speech cue.
QUOTE_WINDOW = 25

# -- characters ---------------------------------------------------------------

_WORD_BODY = WORD_RE.pattern[2:-2]  # WORD_RE is "[^<non-word characters>]+"
assert WORD_RE.pattern == f"[^{_WORD_BODY}]+"
#: A regular-expression class matching one character that is not part of a word.
NONWORD = f"[{_WORD_BODY}]"
#: Characters that end a sentence (outside quotations).
ENDERS = frozenset(".!?؟؛;")
#: Characters that end a paragraph.
NEWLINES = frozenset("\n\r\u2029\u2028")
#: Quotation marks, opening and closing.
QUOTE_MARKS = '«»“”„"'


def has_comma(gap: str) -> bool:
    """Whether the characters between two words hold a comma (Arabic or Latin)."""
    return "،" in gap or "," in gap


# -- the scanner's records ----------------------------------------------------

class Quote:
    """A quotation: offsets of its opening mark and of its end, nesting depth.

    ``words`` and ``result`` are filled when first asked for (by
    :meth:`framing.voice.marks.Marks.quote_words` and
    :meth:`framing.voice.scan.Paragraph.quote_result`).
    """

    __slots__ = ("close", "depth", "open", "result", "words")

    def __init__(self, open_: int, close: int, depth: int) -> None:
        self.open, self.close, self.depth = open_, close, depth
        self.words: list[str] | None = None
        self.result: tuple[str, Any] | None = None

    def __repr__(self) -> str:
        return f"Quote({self.open}, {self.close}, depth={self.depth})"


class Token(NamedTuple):
    """A word with its offsets, its :class:`~framing.voice.words.Kind`, and the characters before it."""

    start: int
    end: int
    word: str
    kind: int
    gap: str  # the characters between the previous word (or the window start) and this one


#: Who speaks in a span: a name, the cue whose speaker it is, candidates in order, or nobody.
Who = str | Token | tuple | None
