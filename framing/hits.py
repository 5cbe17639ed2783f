"""One row per hit: where each loaded term occurs, with its context."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .corpus import as_corpus
from .lexicon import Lexicon
from .matching import Matcher
from .progress import progress

__all__ = ["HIT_COLUMNS", "find_hits", "iter_hits"]

#: Columns of :func:`find_hits`, in order.
HIT_COLUMNS = [
    "doc_id", "outlet", "start", "end", "match", "concept", "label", "pole", "frame", "term",
    "left", "right",
]


def _context(text: str, start: int, end: int, window: int) -> tuple[str, str]:
    left = text[max(0, start - window):start]
    right = text[end:end + window]
    return " ".join(left.split()) if left.strip() else "", " ".join(right.split()) if right.strip() else ""


def iter_hits(corpus: Any, lexicon: Lexicon | str | Matcher = "arabic-conflict", *,
              window: int = 40, show_progress: bool | None = None) -> Iterator[dict[str, Any]]:
    """Stream hits as dicts with the columns of :data:`HIT_COLUMNS`.

    Memory stays flat whatever the size of the corpus.
    """
    matcher = lexicon if isinstance(lexicon, Matcher) else Matcher(lexicon)
    terms = matcher.terms
    for doc in progress(as_corpus(corpus), desc="matching", enable=show_progress):
        text = doc.text
        for m in matcher.find(text):
            info = terms[m.term]
            left, right = _context(text, m.start, m.end, window)
            yield {
                "doc_id": doc.doc_id, "outlet": doc.outlet, "start": m.start, "end": m.end,
                "match": text[m.start:m.end], "concept": info.concept, "label": info.label,
                "pole": info.pole, "frame": info.frame, "term": info.term,
                "left": left, "right": right,
            }


def find_hits(corpus: Any, lexicon: Lexicon | str | Matcher = "arabic-conflict", *,
              window: int = 40, show_progress: bool | None = None) -> Any:
    """Find every lexicon term in a corpus.

    Parameters
    ----------
    corpus : Corpus, DataFrame, path(s) or list of str
        See :func:`framing.read_corpus`.
    lexicon : Lexicon, str or Matcher
        A lexicon, the name of a bundled one, or a path (default: the bundled
        ``arabic-conflict`` lexicon).
    window : int
        Characters of context in ``left`` and ``right`` (whitespace collapsed).

    Returns
    -------
    pandas.DataFrame
        One row per hit with columns ``doc_id, outlet, start, end, match,
        concept, label, pole, frame, term, left, right``. ``start``/``end``
        are offsets into the document text and ``text[start:end] == match``.

    Examples
    --------
    >>> hits = find_hits(["قصفت قوات الاحتلال الأميركي مواقع للمقاومة"])
    >>> hits[["match", "concept", "label", "pole"]].values.tolist()[1]
    ['للمقاومة', 'armed_groups', 'resistance', 1]
    """
    import pandas as pd

    rows = list(iter_hits(corpus, lexicon, window=window, show_progress=show_progress))
    return pd.DataFrame(rows, columns=HIT_COLUMNS)
