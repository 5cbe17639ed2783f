"""The voice of a document's hits, and the ``voice=`` filter every counting function shares.

:func:`voices_of` is the one way the rest of :mod:`framing` asks whose words
its hits are (:func:`framing.find_hits`, :func:`framing.score`,
:class:`framing.LexiconVectorizer`); :func:`keep_voice` keeps the hits of
one voice. The ``voice`` option means the same everywhere (:data:`Voice`):

``"own"``
    The outlet's own narration: neither quoted nor reported speech.
``"quoted"``
    Inside quotation marks that report someone's words, or direct speech
    after «قال:».
``"reported"``
    Indirect speech: the clause after «قال ... إنّ/أنّ».
``"all"``
    Every hit, whoever speaks (no voice analysis at all).

A scare-quoted hit («التحالف», "إسرائيل") keeps the voice around it. The
rules are in :mod:`framing.voice.map`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, TypeVar

from ..errors import check_option
from .map import VoiceMap
from .records import VoiceInfo

__all__ = ["VOICE_FILTERS", "Voice", "in_voice", "keep_voice", "voices_of"]

#: The ``voice=`` option: whose words to keep (see the module docstring).
Voice = Literal["own", "quoted", "reported", "all"]
#: Values of the ``voice=`` option of :func:`framing.score`, :func:`framing.find_hits` and others.
VOICE_FILTERS: tuple[str, ...] = ("own", "quoted", "reported", "all")

H = TypeVar("H", bound=tuple)


def voices_of(text: str, hits: Sequence[tuple[int, ...]], *, speaker: bool = True) -> list[VoiceInfo]:
    """Whose words each hit of ``text`` is.

    Parameters
    ----------
    text : str
        One document, as read (the offsets refer to it).
    hits : sequence of tuples
        Each hit as ``(start, end, ...)``: offsets into ``text``, such as the
        :class:`~framing.match.matcher.Match` records of a matcher. A hit's
        voice is decided by its first character; hits may come in any order.
    speaker : bool
        Name who speaks (``False`` leaves ``speaker`` empty and is faster
        when only the voice is wanted).

    Returns
    -------
    list of VoiceInfo
        One ``VoiceInfo(voice, speaker, scare_quoted)`` per hit, in the order
        of ``hits``: ``voice`` is ``"own"``, ``"quoted"`` or ``"reported"``.

    Examples
    --------
    >>> text = "وقال المتحدث إن «المقاومة ستواصل عملياتها في الجنوب». وقصف الاحتلال غزة."
    >>> hits = [(text.index("المقاومة"), text.index("المقاومة") + 8), (text.index("الاحتلال"), 0)]
    >>> quoted, own = voices_of(text, hits)
    >>> quoted
    VoiceInfo(voice='quoted', speaker='المتحدث', scare_quoted=False)
    >>> own
    VoiceInfo(voice='own', speaker='', scare_quoted=False)
    """
    if not hits:
        return []
    return VoiceMap(text).many([hit[0] for hit in hits], speaker=speaker)


def keep_voice(text: str, hits: Sequence[H], voice: Voice) -> list[H]:
    """The hits of ``text`` that are in ``voice`` (every hit for ``"all"``, without analysis).

    Parameters
    ----------
    text : str
        One document, as read.
    hits : sequence of tuples
        Each hit as ``(start, end, ...)``, as for :func:`voices_of`.
    voice : {"own", "quoted", "reported", "all"}
        Whose words to keep (:data:`Voice`).

    Returns
    -------
    list
        The hits kept, in their order.

    Raises
    ------
    FramingError
        If ``voice`` is not one of the four values.

    Examples
    --------
    >>> text = "وقال المتحدث إن المقاومة ستواصل. وقصف الاحتلال غزة."
    >>> hits = [(text.index(w), text.index(w) + len(w)) for w in ("المقاومة", "الاحتلال")]
    >>> [text[a:b] for a, b in keep_voice(text, hits, "own")]
    ['الاحتلال']
    >>> len(keep_voice(text, hits, "all"))
    2
    """
    check_option("voice", voice, VOICE_FILTERS)
    if voice == "all" or not hits:
        return list(hits)
    infos = voices_of(text, hits, speaker=False)
    return [hit for hit, info in zip(hits, infos, strict=True) if info.voice == voice]


def in_voice(info: VoiceInfo, voice: Voice) -> bool:
    """Whether a hit whose voice is ``info`` passes the ``voice`` filter.

    Examples
    --------
    >>> from framing.voice.records import OWN
    >>> in_voice(OWN, "own"), in_voice(OWN, "quoted"), in_voice(OWN, "all")
    (True, False, True)
    """
    return voice == "all" or info.voice == voice
