"""Count lexicon labels per document and per group: ``framing score``.

Definitions (per group *g*, concept *c*, label *l*):

``hits``
    occurrences of the label's terms in the group's documents;
``docs_with_hit``
    documents of *g* with at least one hit of *l*;
``rate_per_1k_tokens``
    ``1000 * hits / n_tokens`` where ``n_tokens`` counts the group's word
    tokens (:mod:`framing.text.tokens`);
``share_within_concept``
    ``hits / (hits of every label of c in g)``: the share of the concept's
    mentions that used this label (empty when the group never mentions *c*).

Voice (see :mod:`framing.voice`): ``hits`` and everything computed from it
count only the hits of the chosen voice, by default ``own`` (the outlet's
narration, not quoted or reported speech). The last three columns are
computed over **all** voices whatever that choice, and are empty when
``voice="all"`` (which skips voice analysis):

``attributed_share``
    of all the hits of *l* in *g*, the share that were ``quoted`` or
    ``reported``: how much of the label's use is someone else's words
    (empty when *l* has no hit in *g*);
``scare_quoted_share``
    of all the hits of *l* in *g*, the share inside scare quotes («التحالف»,
    "إسرائيل") (empty when *l* has no hit in *g*);
``scare_quote_rate``
    scare-quoted hits of every label in *g* per 1,000 tokens of *g* (the same
    on every row of the group).

Near-copies (``dedup``, :mod:`framing.count.dedup`): by default (``"flag"``)
every document is counted and the near-copies are found in the same pass
and reported (``copies``); ``"keep-first"`` and ``"drop"`` find them in a
pass of their own first and leave them out of every table.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..engines import Engine, resolve
from ..errors import check_option
from ..io import Document, ReadReport, as_corpus
from ..io.units import run_units
from ..io.write import Outputs, write_table
from ..lexicon import Lexicon
from ..match import Matcher
from ..voice import VOICE_FILTERS
from .dedup import (
    CopyCollector,
    DedupMode,
    NearCopies,
    check_dedup,
    find_copies,
    leaves_out,
    sketch_in_pass,
)
from .stages import ScoreSetup, score_stage, score_stream
from .totals import GROUP_COLUMNS, GroupTotals, label_columns

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "GROUP_COLUMNS",
    "DocumentCounts",
    "ScoreResult",
    "count_documents",
    "label_columns",
    "score",
    "score_documents",
    "score_to_folder",
]


@dataclass
class ScoreResult:
    """The two tables of :func:`score`, plus the reading report and the near-copies.

    Unpacks as ``documents, groups = score(...)``. ``copies`` is a
    :class:`~framing.count.dedup.NearCopies` (``copies.by_outlet_pair()``:
    the table ``copies.csv``; ``copies.summary()``: one line).
    """

    documents: pd.DataFrame
    groups: pd.DataFrame
    report: ReadReport | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    copies: NearCopies | None = None

    def __iter__(self) -> Iterator[pd.DataFrame]:
        return iter((self.documents, self.groups))


@dataclass
class DocumentCounts:
    """Per-document counts as arrays (for :func:`framing.compare` and the report).

    ``counts`` is a documents × labels matrix, columns in the order of
    :func:`~framing.count.totals.label_columns`; ``int32`` by default (4 bytes
    per label per document: 0.4 GB for a million documents and 100 labels).
    """

    doc_ids: list[str]
    outlets: list[str]
    groups: list[str]
    n_tokens: np.ndarray
    counts: np.ndarray
    totals: GroupTotals
    copies: NearCopies | None = None


def _matcher(lexicon: Lexicon | str | Matcher) -> Matcher:
    return lexicon if isinstance(lexicon, Matcher) else Matcher(lexicon)


def score_documents(
    corpus: Any, matcher: Matcher, key: Callable[[Document], str], *,
    voice: str = "own", show_progress: bool | None = None,
) -> Iterator[tuple[Document, str, int, np.ndarray]]:
    """Stream ``(document, group, n_tokens, label_counts)`` for each document, in this process.

    ``label_counts`` counts the hits of one ``voice`` (``"own"``, ``"quoted"``,
    ``"reported"``) or of all of them (``"all"``); see :mod:`framing.voice`.
    """
    for doc, group, n_tokens, vec, _ in score_stream(as_corpus(corpus), matcher, key, voice=voice,
                                                     show_progress=show_progress):
        yield doc, group, n_tokens, vec


def count_documents(corpus: Any, lexicon: Lexicon | str | Matcher = "arabic-conflict", *,
                    by: str = "outlet", groups: Mapping[str, str] | None = None, voice: str = "own",
                    dtype: str = "int32", dedup: DedupMode = "flag", copies: NearCopies | None = None,
                    show_progress: bool | None = None, jobs: int = 1, engine: Engine | None = None,
                    desc: str = "counting") -> DocumentCounts:
    """Count each label in each document (on an engine), as arrays; see :class:`DocumentCounts`.

    ``dedup`` is as in :func:`score`; ``copies`` (e.g. from a stories table)
    replaces the near-copy detection.
    """
    check_option("voice", voice, VOICE_FILTERS)
    check_dedup(dedup)
    corpus = as_corpus(corpus)
    matcher = _matcher(lexicon)
    n_labels = len(label_columns(matcher))
    totals = GroupTotals(n_labels)
    ids: list[str] = []
    outlets: list[str] = []
    group_of: list[str] = []
    tokens, counts = [], []
    runner = resolve(jobs, engine)
    with runner:
        copies, skip = _before(corpus, dedup, copies, runner, show_progress)
        setup = ScoreSetup(matcher, by, groups, voice, mode="arrays", dtype=dtype,
                           sketch=sketch_in_pass(dedup, copies), skip=skip)
        collector = CopyCollector()
        left_out = 0
        for result in run_units(runner, score_stage, corpus, setup, desc=desc, show_progress=show_progress):
            part = result.value
            if part is None:
                continue
            totals.merge(part.totals)
            ids.extend(part.doc_ids)
            outlets.extend(part.outlets)
            group_of.extend(part.groups)
            tokens.append(part.n_tokens)
            counts.append(part.counts)
            collector.add(part.sketches)
            left_out += part.left_out
    return DocumentCounts(
        ids, outlets, group_of,
        np.concatenate(tokens) if tokens else np.zeros(0, dtype=np.int64),
        np.vstack(counts) if counts else np.zeros((0, n_labels), dtype=dtype),
        totals, collector.settle(copies, dedup, left_out),
    )


def _before(corpus: Any, dedup: str, copies: NearCopies | None, runner: Engine,
            show_progress: bool | None) -> tuple[NearCopies | None, frozenset[str]]:
    """The near-copies known before counting (``drop``/``keep-first``: a pass of their own) and the
    documents to leave out; ``(None, ∅)`` when the counting pass finds them (``flag``) or nothing
    looks for them (``off``)."""
    if copies is None and leaves_out(dedup):
        copies = find_copies(corpus, engine=runner, show_progress=show_progress)
    return copies, (copies.left_out_ids(dedup) if copies is not None else frozenset())  # type: ignore[arg-type]


def score(
    corpus: Any,
    lexicon: Lexicon | str | Matcher = "arabic-conflict",
    *,
    by: str = "outlet",
    groups: Mapping[str, str] | None = None,
    voice: str = "own",
    dedup: DedupMode = "flag",
    show_progress: bool | None = None,
    jobs: int = 1,
    engine: Engine | None = None,
) -> ScoreResult:
    """Count each label per document and per group.

    Parameters
    ----------
    corpus : Corpus, DataFrame, path(s) or list of str
        See :func:`framing.read_corpus`.
    lexicon : Lexicon, str or Matcher
        Default: the bundled ``arabic-conflict`` lexicon.
    by : str
        Grouping: ``"outlet"``, ``"month"``, ``"year"`` or any input column.
    groups : mapping, optional
        Map from the ``by`` value to a group (e.g. outlet → outlet family).
    voice : {"own", "quoted", "reported", "all"}
        Count only the hits in this voice (:mod:`framing.voice`). Default
        ``"own"``: the outlet's narration, leaving out the words it quotes or
        reports from others. ``"all"`` counts every hit and is faster (no
        voice analysis), but leaves the voice columns of ``groups`` empty.
    dedup : {"flag", "drop", "keep-first", "off"}
        Near-copies (the same dispatch printed again with edits,
        :mod:`framing.count.copies`): ``"flag"`` (default) counts every
        document and reports the near-copies (``copies``); ``"keep-first"``
        leaves the near-copies out and keeps each original; ``"drop"`` leaves
        out every document of a copy set; ``"off"`` counts every document and
        does not look for near-copies (``copies`` is None; about a tenth
        faster). See :mod:`framing.count.dedup`.
    jobs : int
        Worker processes for the per-document work (``0``: every core); the
        tables are identical to ``jobs=1`` (see ``docs/cluster.md``).
    engine : Engine, optional
        Run on this engine instead: :class:`framing.engines.LocalEngine` or
        :class:`framing.engines.DaskEngine`.

    Returns
    -------
    ScoreResult
        Unpacks to ``(documents, groups)``. ``documents`` has one row per
        document counted: ``doc_id, outlet, [group,] n_tokens`` then one
        count column per label named ``concept:label``. ``groups`` has one
        row per group × concept × label with the columns of
        :data:`GROUP_COLUMNS` (defined in the module docstring). ``report``
        is the corpus :class:`~framing.io.ReadReport`; ``copies`` the
        :class:`~framing.count.dedup.NearCopies` (``copies.left_out``: the
        documents ``dedup`` left out).

    Raises
    ------
    FramingError
        If ``voice`` or ``dedup`` is not one of its values, or ``by`` names no column.

    Examples
    --------
    >>> documents, groups = score(["قصفت قوات الاحتلال الأميركي مواقع للمقاومة"])
    >>> documents[["n_tokens", "foreign_troops:occupation", "armed_groups:resistance"]].values.tolist()
    [[6, 1, 1]]
    """
    import pandas as pd

    corpus = as_corpus(corpus)
    matcher = _matcher(lexicon)
    names = [f"{c}:{lab}" for c, lab in label_columns(matcher)]
    counted = count_documents(corpus, matcher, by=by, groups=groups, voice=voice, dtype="int64",
                              dedup=dedup, show_progress=show_progress, jobs=jobs, engine=engine,
                              desc="scoring")
    head = pd.DataFrame({"doc_id": counted.doc_ids, "outlet": counted.outlets, "group": counted.groups,
                         "n_tokens": counted.n_tokens},
                        columns=["doc_id", "outlet", "group", "n_tokens"])
    documents = pd.concat([head, pd.DataFrame(counted.counts, columns=names)], axis=1)
    if by == "outlet" and groups is None:
        documents = documents.drop(columns="group")
    return ScoreResult(documents, counted.totals.frame(matcher), corpus.report, copies=counted.copies)


def score_to_folder(
    corpus: Any,
    lexicon: Lexicon | str | Matcher = "arabic-conflict",
    *,
    by: str = "outlet",
    groups: Mapping[str, str] | None = None,
    outdir: str | Path | None = None,
    voice: str = "own",
    dedup: DedupMode = "flag",
    show_progress: bool | None = None,
    jobs: int = 1,
    engine: Engine | None = None,
) -> pd.DataFrame:
    """Like :func:`score`, but stream ``documents.csv`` to ``outdir`` (memory stays flat).

    Returns the groups table (also written as ``outdir/groups.csv``); with
    ``outdir=None`` only the groups table is computed. The rows of
    ``documents.csv`` are counted unit by unit (on the engine, see
    :func:`score`) and written in input order; the files are written under
    temporary names and renamed together only when all are complete
    (:class:`~framing.io.write.Outputs`), so an interrupted run writes none. ``copies.csv``
    (:meth:`NearCopies.by_outlet_pair <framing.count.dedup.NearCopies.by_outlet_pair>`)
    is written beside them; ``frame.attrs["near_copies"]`` says what
    :meth:`~framing.count.dedup.NearCopies.to_attrs` gives (:func:`score`
    returns the :class:`~framing.count.dedup.NearCopies` themselves).
    """
    check_option("voice", voice, VOICE_FILTERS)
    check_dedup(dedup)
    corpus = as_corpus(corpus)
    matcher = _matcher(lexicon)
    labels = label_columns(matcher)
    totals = GroupTotals(len(labels))
    with_group = not (by == "outlet" and groups is None)
    runner = resolve(jobs, engine)
    collector = CopyCollector()
    left_out = 0

    def counted(fh: Any = None) -> NearCopies | None:
        nonlocal left_out
        copies, skip = _before(corpus, dedup, None, runner, show_progress)
        setup = ScoreSetup(matcher, by, groups, voice, mode="totals" if fh is None else "csv",
                           with_group=with_group, sketch=sketch_in_pass(dedup, copies), skip=skip)
        for result in runner.while_working(  # pandas, for the group table at the end
                run_units(runner, score_stage, corpus, setup, desc="scoring", show_progress=show_progress),
                _import_pandas):
            if result.value is not None:
                totals.merge(result.value.totals)
                collector.add(result.value.sketches)
                left_out += result.value.left_out
                if fh is not None:
                    fh.write(result.value.csv)
        return collector.settle(copies, dedup, left_out)

    if outdir is None:
        with runner:
            copies = counted()
        frame = totals.frame(matcher)
        frame.attrs["near_copies"] = copies.to_attrs() if copies is not None else None
        return frame
    outdir = Path(outdir)
    header = ["doc_id", "outlet", *(["group"] if with_group else []), "n_tokens",
              *(f"{c}:{lab}" for c, lab in labels)]
    with Outputs() as out:
        with runner, out.open(outdir / "documents.csv") as fh:
            csv.writer(fh, lineterminator="\n").writerow(header)
            copies = counted(fh)
        frame = totals.frame(matcher)
        write_table(frame, out.part(outdir / "groups.csv"))
        if copies is not None:
            write_table(copies.by_outlet_pair(), out.part(outdir / "copies.csv"))
    frame.attrs["near_copies"] = copies.to_attrs() if copies is not None else None
    return frame


def _import_pandas() -> None:
    import pandas  # noqa: F401
