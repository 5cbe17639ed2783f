"""Keyword in context: every occurrence of any word or phrase, clitic-aware: ``framing kwic``.

The query terms become a throw-away lexicon (:func:`framing.lexicon.lexicon_from_terms`)
matched like any lexicon (:class:`framing.match.matcher.Matcher`): normalised,
with clitics («الاحتلال» finds «والاحتلال» and «للاحتلال»), longest match
first. Lexicon terms or not, any word or phrase can be looked up.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..engines import Engine
from ..errors import LexiconError
from ..io import Document
from ..io.units import unit_rows
from ..lexicon import Lexicon, lexicon_from_terms
from ..match import Matcher, document_batches
from ..text import Normalizer
from .hits import DEFAULT_WINDOW, context
from .segments import scan_documents

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["KWIC_COLUMNS", "REJECTED_COLUMNS", "format_kwic", "iter_kwic", "iter_rejected", "kwic",
           "rejected_contexts"]

#: Columns of :func:`kwic`, in order.
KWIC_COLUMNS = ["doc_id", "outlet", "start", "end", "left", "match", "right"]
#: Columns of :func:`rejected_contexts`, in order.
REJECTED_COLUMNS = [*KWIC_COLUMNS, "concept", "label", "term", "rule", "reason"]

_RLI, _PDI = "\u2067", "\u2069"  # right-to-left isolate ... pop directional isolate


def _matcher(terms: str | Iterable[str], normalizer: Normalizer | None) -> Matcher:
    terms = [terms] if isinstance(terms, str) else list(terms)
    return Matcher(lexicon_from_terms(terms), normalizer=normalizer)


def kwic_rows(docs: Iterable[Document], setup: tuple[Matcher, int]) -> list[dict[str, Any]]:
    """The concordance rows of some documents (the per-unit stage of :func:`iter_kwic`)."""
    matcher, window = setup
    rows = []
    for doc, _, matches in scan_documents(matcher, docs):
        text = doc.text
        for m in matches:
            left, right = context(text, m.start, m.end, window)
            rows.append({"doc_id": doc.doc_id, "outlet": doc.outlet, "start": m.start, "end": m.end,
                         "left": left, "match": text[m.start:m.end], "right": right})
    return rows


def rejected_rows(docs: Iterable[Document], setup: tuple[Matcher, int, frozenset[str]]
                  ) -> list[dict[str, Any]]:
    """The rejected occurrences of some documents (the per-unit stage of :func:`iter_rejected`)."""
    matcher, window, wanted = setup
    rows = []
    for batch in document_batches(docs):
        for doc, rejections in zip(batch, matcher.scan_rejected([d.text for d in batch]), strict=True):
            text = doc.text
            for r in rejections:
                info = matcher.terms[r.term]
                if wanted and info.term not in wanted:
                    continue
                left, right = context(text, r.start, r.end, window)
                rows.append({"doc_id": doc.doc_id, "outlet": doc.outlet, "start": r.start, "end": r.end,
                             "left": left, "match": text[r.start:r.end], "right": right,
                             "concept": info.concept, "label": info.label, "term": info.term,
                             "rule": info.rule, "reason": r.reason})
    return rows


def _rejected_setup(lexicon: Lexicon | str, terms: Iterable[str], window: int
                    ) -> tuple[Matcher, int, frozenset[str]]:
    matcher = Matcher(lexicon)
    ruled = {info.term for info in matcher.terms if info.rule}
    if not ruled:
        raise LexiconError(f"lexicon {matcher.lexicon.name!r} has no term with a context rule, so "
                           "nothing is rejected; see 'Context rules' in docs/lexicons.md.")
    norm = matcher.normalizer
    by_form = {norm(t): t for t in ruled}
    wanted = set()
    for term in terms:
        found = by_form.get(norm(term))
        if found is None:
            raise LexiconError(f"{term!r} is not a term with a context rule in {matcher.lexicon.name!r}; "
                               f"those are: {', '.join(sorted(ruled))}.")
        wanted.add(found)
    return matcher, window, frozenset(wanted)


def iter_rejected(corpus: Any, lexicon: Lexicon | str = "arabic-conflict", terms: Iterable[str] = (), *,
                  window: int = DEFAULT_WINDOW, show_progress: bool | None = None, jobs: int = 1,
                  engine: Engine | None = None) -> Iterator[dict[str, Any]]:
    """Stream the rows of :func:`rejected_contexts` (dicts with :data:`REJECTED_COLUMNS`), in input order."""
    return unit_rows(rejected_rows, corpus, _rejected_setup(lexicon, terms, window), desc="checking rules",
                     show_progress=show_progress, jobs=jobs, engine=engine)


def rejected_contexts(corpus: Any, lexicon: Lexicon | str = "arabic-conflict", terms: Iterable[str] = (),
                      *, window: int = DEFAULT_WINDOW, show_progress: bool | None = None, jobs: int = 1,
                      engine: Engine | None = None) -> pd.DataFrame:
    """The occurrences of lexicon terms that their context rule rejected, with the reason.

    The audit of a context rule (:mod:`framing.lexicon.rules`): read these
    next to the hits the rule admitted (``framing hits``, whose ``rule``
    column names it). ``terms`` restricts the rows to some ruled terms
    (written as in the lexicon; any spelling that normalises alike).

    Returns
    -------
    pandas.DataFrame
        One row per rejected occurrence: ``doc_id, outlet, start, end, left,
        match, right, concept, label, term, rule, reason``; ``text[start:end]
        == match``.

    Raises
    ------
    LexiconError
        The lexicon has no ruled term, or a term of ``terms`` is not one.

    Examples
    --------
    >>> table = rejected_contexts(["فاز التحالف الوطني بالانتخابات"])
    >>> table[["match", "term", "reason"]].values.tolist()
    [['التحالف', 'التحالف', 'followed by الوطني']]
    """
    import pandas as pd

    rows = list(iter_rejected(corpus, lexicon, terms, window=window, show_progress=show_progress,
                              jobs=jobs, engine=engine))
    return pd.DataFrame(rows, columns=REJECTED_COLUMNS)


def iter_kwic(corpus: Any, terms: str | Iterable[str], *, window: int = DEFAULT_WINDOW,
              normalizer: Normalizer | None = None, show_progress: bool | None = None, jobs: int = 1,
              engine: Engine | None = None) -> Iterator[dict[str, Any]]:
    """Stream concordance rows as dicts with the columns of :data:`KWIC_COLUMNS`, in input order."""
    return unit_rows(kwic_rows, corpus, (_matcher(terms, normalizer), window), desc="searching",
                     show_progress=show_progress, jobs=jobs, engine=engine)


def kwic(corpus: Any, terms: str | Iterable[str], *, window: int = DEFAULT_WINDOW,
         normalizer: Normalizer | None = None, show_progress: bool | None = None, jobs: int = 1,
         engine: Engine | None = None) -> pd.DataFrame:
    """Every occurrence of the query terms, with its context.

    Parameters
    ----------
    corpus : Corpus, DataFrame, path(s) or list of str
        See :func:`framing.read_corpus`.
    terms : str or iterable of str
        Words or phrases; a trailing ``*`` makes the last word a prefix
        (``ارهاب*``).
    window : int
        Characters of context on each side (whitespace collapsed).
    normalizer : Normalizer, optional
    jobs : int
        Worker processes (``0``: every core); the same rows in the same order.
    engine : Engine, optional
        Run on this engine instead (see :func:`framing.find_hits`).

    Returns
    -------
    pandas.DataFrame
        One row per occurrence: ``doc_id, outlet, start, end, left, match,
        right``; ``text[start:end] == match``.

    Raises
    ------
    LexiconError
        No usable term was given.

    Examples
    --------
    >>> kwic(["قصفت قوات الاحتلال مواقع للمقاومة"], "المقاومة")[["match", "left"]].values.tolist()
    [['للمقاومة', 'قصفت قوات الاحتلال مواقع']]
    """
    import pandas as pd

    rows = list(iter_kwic(corpus, terms, window=window, normalizer=normalizer,
                          show_progress=show_progress, jobs=jobs, engine=engine))
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)


def _width(text: str) -> int:
    """Display width: combining marks (harakat) take no column."""
    return sum(1 for c in text if not unicodedata.combining(c) and unicodedata.category(c) != "Cf")


def _fit(text: str, width: int, *, keep_end: bool) -> str:
    """Cut ``text`` to ``width`` columns, keeping its end (left context) or start (right)."""
    while _width(text) > width:
        text = text[1:] if keep_end else text[:-1]
    pad = " " * (width - _width(text))
    return pad + text if keep_end else text + pad


def format_kwic(rows: Any, *, window: int = 40, id_width: int = 16) -> str:
    """Aligned concordance lines for the terminal, right to left.

    Each line is ``doc_id`` then the context wrapped in Unicode bidi isolates
    (U+2067 … U+2069), so a bidi-aware terminal lays the Arabic out right to
    left; the left context is padded to a fixed width, so the matches line up
    in one column.
    """
    lines = []
    for row in (rows.to_dict("records") if hasattr(rows, "to_dict") else rows):
        doc_id = str(row["doc_id"])
        doc_id = doc_id if len(doc_id) <= id_width else "…" + doc_id[-(id_width - 1):]
        left = _fit(str(row["left"]), window, keep_end=True)
        right = _fit(str(row["right"]), window, keep_end=False)
        lines.append(f"{doc_id:<{id_width}}  {_RLI}{left}  [{row['match']}]  {right}{_PDI}")
    return "\n".join(lines)
