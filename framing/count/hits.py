"""One row per hit: where each loaded term occurs, with its context and whose words it is."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..engines import Engine
from ..errors import check_option
from ..io import Document
from ..io.units import unit_rows
from ..lexicon import Lexicon
from ..match import Matcher
from ..voice import VOICE_FILTERS, analyse_voice
from .segments import scan_documents

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["DEFAULT_WINDOW", "HIT_COLUMNS", "HitsSetup", "context", "find_hits", "hit_rows",
           "iter_hit_records", "iter_hits"]

#: Characters of context on each side of a hit or a concordance line (``left``/``right``).
DEFAULT_WINDOW = 60

#: Columns of :func:`find_hits`, in order.
HIT_COLUMNS = [
    "doc_id", "outlet", "start", "end", "match", "concept", "label", "pole", "frame", "term",
    "left", "right", "voice", "speaker", "scare_quoted", "rule",
]


def context(text: str, start: int, end: int, window: int) -> tuple[str, str]:
    """The ``window`` characters before and after ``text[start:end]``, whitespace collapsed.

    >>> context("قصفت  قوات\\nالاحتلال المدينة\\u00a0ليلاً", 11, 19, 20)
    ('قصفت قوات', 'المدينة ليلاً')
    """
    return _collapsed(text[max(0, start - window):start]), _collapsed(text[end:end + window])


def _collapsed(s: str) -> str:
    """``" ".join(s.split())``; faster for the usual stretch, whose only whitespace is single
    spaces (every other whitespace character is unprintable)."""
    return s.strip(" ") if s.isprintable() and "  " not in s else " ".join(s.split())


@dataclass(frozen=True)
class HitsSetup:
    """What :func:`hit_rows` needs (sent once per worker)."""

    matcher: Matcher
    window: int = DEFAULT_WINDOW
    voice: str = "all"


def hit_rows(docs: Iterable[Document], setup: HitsSetup) -> list[tuple[Any, ...]]:
    """The hits of some documents, one tuple of the :data:`HIT_COLUMNS` per hit (the per-unit
    stage of :func:`iter_hit_records`)."""
    matcher, window, voice = setup.matcher, setup.window, setup.voice
    terms = matcher.terms
    rows: list[tuple[Any, ...]] = []
    for doc, _, matches in scan_documents(matcher, docs):
        if not matches:
            continue
        text = doc.text
        voices = analyse_voice(text)
        for m in matches:
            who = voices.at(m.start, m.end)
            if voice != "all" and who.voice != voice:
                continue
            info = terms[m.term]
            left, right = context(text, m.start, m.end, window)
            rows.append((doc.doc_id, doc.outlet, m.start, m.end, text[m.start:m.end], info.concept,
                         info.label, info.pole, info.frame, info.term, left, right, who.voice,
                         who.speaker, who.scare_quoted, info.rule))
    return rows


def iter_hit_records(corpus: Any, lexicon: Lexicon | str | Matcher = "arabic-conflict", *,
                     window: int = DEFAULT_WINDOW, voice: str = "all", show_progress: bool | None = None,
                     jobs: int = 1, engine: Engine | None = None) -> Iterator[tuple[Any, ...]]:
    """:func:`iter_hits` as tuples of the :data:`HIT_COLUMNS`, in that order (faster to write)."""
    check_option("voice", voice, VOICE_FILTERS)
    setup = HitsSetup(lexicon if isinstance(lexicon, Matcher) else Matcher(lexicon), window, voice)
    return unit_rows(hit_rows, corpus, setup, desc="matching", show_progress=show_progress, jobs=jobs,
                     engine=engine)


def iter_hits(corpus: Any, lexicon: Lexicon | str | Matcher = "arabic-conflict", *,
              window: int = DEFAULT_WINDOW, voice: str = "all", show_progress: bool | None = None,
              jobs: int = 1, engine: Engine | None = None) -> Iterator[dict[str, Any]]:
    """Stream hits as dicts with the columns of :data:`HIT_COLUMNS`.

    Memory stays flat whatever the size of the corpus: the corpus is matched
    one unit at a time (on ``jobs`` processes or ``engine``, see
    :func:`find_hits`) and the rows come back in input order.
    """
    records = iter_hit_records(corpus, lexicon, window=window, voice=voice, show_progress=show_progress,
                               jobs=jobs, engine=engine)  # (a wrong option is refused here, at the call)
    return (dict(zip(HIT_COLUMNS, record, strict=True)) for record in records)


def find_hits(corpus: Any, lexicon: Lexicon | str | Matcher = "arabic-conflict", *,
              window: int = DEFAULT_WINDOW, voice: str = "all", show_progress: bool | None = None,
              jobs: int = 1, engine: Engine | None = None) -> pd.DataFrame:
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
        scare_quoted, rule``. ``start``/``end`` are offsets into the document text
        and ``text[start:end] == match``. ``voice`` is ``own`` (the outlet's
        narration), ``quoted`` (inside a quotation of someone's words) or
        ``reported`` (indirect speech after قال ... أنّ); ``speaker`` names
        who speaks when the same sentence says so (else ``""``);
        ``scare_quoted`` is true for a hit inside a one-to-three-word
        quotation that quotes no speech («التحالف», "إسرائيل"). The rules
        are in :mod:`framing.voice`. ``rule`` is the context rule that
        admitted the hit (:mod:`framing.lexicon.rules`; ``""``: the term has
        none); ``framing kwic --rejected`` lists what the rules rejected.

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

    records = list(iter_hit_records(corpus, lexicon, window=window, voice=voice,
                                    show_progress=show_progress, jobs=jobs, engine=engine))
    return pd.DataFrame.from_records(records, columns=HIT_COLUMNS)
