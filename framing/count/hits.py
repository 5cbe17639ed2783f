"""One row per hit: where each loaded term occurs, with its context and whose words it is."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..engines import Engine, resolve
from ..errors import check_option
from ..io.corpus import as_corpus
from ..lexicon.model import Lexicon
from ..match import Matcher, document_batches
from ..progress import progress
from ..voice.map import VOICE_FILTERS, analyse_voice

__all__ = ["HIT_COLUMNS", "find_hits", "iter_hits"]

#: Columns of :func:`find_hits`, in order.
HIT_COLUMNS = [
    "doc_id", "outlet", "start", "end", "match", "concept", "label", "pole", "frame", "term",
    "left", "right", "voice", "speaker", "scare_quoted",
]


def _context(text: str, start: int, end: int, window: int) -> tuple[str, str]:
    left = text[max(0, start - window):start]
    right = text[end:end + window]
    return " ".join(left.split()) if left.strip() else "", " ".join(right.split()) if right.strip() else ""


def iter_hits(corpus: Any, lexicon: Lexicon | str | Matcher = "arabic-conflict", *,
              window: int = 40, voice: str = "all", show_progress: bool | None = None,
              jobs: int = 1, engine: Engine | None = None) -> Iterator[dict[str, Any]]:
    """Stream hits as dicts with the columns of :data:`HIT_COLUMNS`.

    Memory stays flat whatever the size of the corpus. ``voice`` keeps only
    the hits of one voice (see :func:`find_hits`). ``jobs`` and ``engine``
    are those of :func:`find_hits`.
    """
    check_option("voice", voice, VOICE_FILTERS)
    runner = resolve(jobs, engine)
    if runner is not None:
        from .stages import iter_hits_parallel

        yield from iter_hits_parallel(corpus, lexicon, window=window, voice=voice, engine=runner,
                                      show_progress=show_progress)
        return
    matcher = lexicon if isinstance(lexicon, Matcher) else Matcher(lexicon)
    terms = matcher.terms
    docs = progress(as_corpus(corpus), desc="matching", enable=show_progress)
    for batch in document_batches(docs):
        scans = matcher.scan_many([doc.text for doc in batch])
        for doc, (_, matches) in zip(batch, scans, strict=True):
            if not matches:
                continue
            text = doc.text
            voices = analyse_voice(text)
            for m in matches:
                who = voices.at(m.start, m.end)
                if voice != "all" and who.voice != voice:
                    continue
                info = terms[m.term]
                left, right = _context(text, m.start, m.end, window)
                yield {
                    "doc_id": doc.doc_id, "outlet": doc.outlet, "start": m.start, "end": m.end,
                    "match": text[m.start:m.end], "concept": info.concept, "label": info.label,
                    "pole": info.pole, "frame": info.frame, "term": info.term,
                    "left": left, "right": right,
                    "voice": who.voice, "speaker": who.speaker, "scare_quoted": who.scare_quoted,
                }


def find_hits(corpus: Any, lexicon: Lexicon | str | Matcher = "arabic-conflict", *,
              window: int = 40, voice: str = "all", show_progress: bool | None = None,
              jobs: int = 1, engine: Engine | None = None) -> Any:
    """Find every lexicon term in a corpus, with whose words each hit is.

    Parameters
    ----------
    corpus : Corpus, DataFrame, path(s) or list of str
        See :func:`framing.read_corpus`.
    lexicon : Lexicon, str or Matcher
        A lexicon, the name of a bundled one, or a path (default: the bundled
        ``arabic-conflict`` lexicon).
    window : int
        Characters of context in ``left`` and ``right`` (whitespace collapsed).
    voice : {"all", "own", "quoted", "reported"}
        Keep only the hits of this voice. Default ``"all"``: every hit, with
        its voice in the ``voice`` column (unlike :func:`framing.score`,
        whose default is ``"own"``).
    jobs : int
        Worker processes for matching (``0``: every core); the same rows in
        the same order as ``jobs=1`` (see ``docs/cluster.md``).
    engine : Engine, optional
        Run on this engine instead: :class:`framing.engines.LocalEngine` or
        :class:`framing.engines.DaskEngine`.

    Returns
    -------
    pandas.DataFrame
        One row per hit with columns ``doc_id, outlet, start, end, match,
        concept, label, pole, frame, term, left, right, voice, speaker,
        scare_quoted``. ``start``/``end`` are offsets into the document text
        and ``text[start:end] == match``. ``voice`` is ``own`` (the outlet's
        narration), ``quoted`` (inside a quotation of someone's words) or
        ``reported`` (indirect speech after قال ... أنّ); ``speaker`` names
        who speaks when the same sentence says so (else ``""``);
        ``scare_quoted`` is true for a hit inside a one-to-three-word
        quotation that quotes no speech («التحالف», "إسرائيل"). The rules
        are in :mod:`framing.voice`.

    Raises
    ------
    FramingError
        If ``voice`` is not one of the four values.

    Examples
    --------
    >>> hits = find_hits(["قصفت قوات الاحتلال الأميركي مواقع للمقاومة"])
    >>> hits[["match", "concept", "label", "pole"]].values.tolist()[-1]
    ['للمقاومة', 'armed_groups', 'resistance', 1]
    >>> hits = find_hits(["قال المتحدث إن «المقاومة ستواصل عملياتها»."])
    >>> hits[["match", "voice", "speaker"]].values.tolist()  # قال is a hit too (claims: neutral)
    [['قال', 'own', ''], ['المقاومة', 'quoted', 'المتحدث']]
    """
    import pandas as pd

    rows = list(iter_hits(corpus, lexicon, window=window, voice=voice, show_progress=show_progress,
                          jobs=jobs, engine=engine))
    return pd.DataFrame(rows, columns=HIT_COLUMNS)
