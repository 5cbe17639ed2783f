"""``--dedup flag|drop|keep-first``: what the commands do with near-copies.

``flag`` (the default)
    every document is counted; the near-copies (:mod:`framing.count.copies`)
    are counted and reported: how many, and a table of copies per pair of
    outlets (``copies.csv``). The output tables are those of a run without
    near-copy detection.
``keep-first``
    the near-copies are left out; each original is kept (a dispatch counts
    once, for the outlet that printed it first).
``drop``
    every document of a copy set (an original and its near-copies) is left
    out: agency copy is then nobody's own wording.

``flag`` sketches the documents in the counting pass itself; ``drop`` and
``keep-first`` read the corpus once more first (:func:`find_copies`), then
count without the documents left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from ..engines import Engine, resolve
from ..errors import FramingError, check_option
from ..io.units import run_units
from ..text import Normalizer
from ..text.dates import NO_DAY, day_numbers, format_day
from .copies import (
    COPY_THRESHOLD,
    DOC_BITS,
    MAX_DF,
    MIN_SHINGLES,
    WINDOW_DAYS,
    DocumentSketches,
    SketchSetup,
    check_copy_settings,
    find_near_copies,
    sketch_stage,
)

__all__ = ["COPY_COLUMNS", "COPY_PAIR_COLUMNS", "DEDUP_MODES", "CopyCollector", "DedupMode", "NearCopies",
           "check_dedup", "copies_by_outlet_pair", "dedup_mask", "find_copies", "leaves_out",
           "looks_for_copies", "sketch_in_pass"]

DedupMode = Literal["flag", "drop", "keep-first", "off"]
#: ``off``: near-copies are not looked for (every document counted, no ``copies.csv``).
DEDUP_MODES = ("flag", "drop", "keep-first", "off")
COPY_COLUMNS = ["doc_id", "outlet", "date", "duplicate_of", "containment"]
COPY_PAIR_COLUMNS = ["outlet", "other", "docs", "shared", "rate"]


def check_dedup(mode: str) -> None:
    """Refuse a ``dedup`` value other than ``flag``, ``drop``, ``keep-first`` or ``off``."""
    check_option("dedup", mode, DEDUP_MODES)


def leaves_out(mode: str) -> bool:
    """Whether ``--dedup mode`` leaves documents out (``drop``, ``keep-first``): the near-copies
    are then needed before counting."""
    return mode in ("drop", "keep-first")


def looks_for_copies(mode: str) -> bool:
    """Whether ``--dedup mode`` looks for near-copies at all (every mode but ``off``)."""
    return mode != "off"


def sketch_in_pass(mode: str, copies: NearCopies | None) -> bool:
    """Whether a counting pass sketches its documents for near-copies: the copies are looked
    for (``mode``) and not known before the pass (``copies``, given or found first)."""
    return copies is None and looks_for_copies(mode)


@dataclass
class NearCopies:
    """Which documents of a corpus are near-copies of which (see :mod:`framing.count.copies`).

    Attributes
    ----------
    doc_ids, outlets : list of str
        Every document, in input order.
    days : ndarray
        Each document's day (:func:`framing.text.dates.day_numbers`).
    original : ndarray
        Index of the original each document copies, -1 for none.
    containment : ndarray
        Share of the document's sampled 4-grams found in its original (NaN: none).
    usable : ndarray of bool
        Whether the document had enough sampled 4-grams to be compared.
    mode : str
        The ``--dedup`` mode it served; ``left_out`` the documents it left out.
    """

    doc_ids: list[str]
    outlets: list[str]
    days: np.ndarray
    original: np.ndarray
    containment: np.ndarray
    usable: np.ndarray
    settings: dict[str, Any] = field(default_factory=dict)
    mode: str = "flag"
    left_out: int = 0

    @property
    def copies(self) -> int:
        """Documents that nearly copy an earlier one."""
        return int((self.original >= 0).sum())

    @property
    def originals(self) -> int:
        """Documents that another one nearly copies."""
        return len(set(self.original[self.original >= 0].tolist()))

    def table(self) -> Any:
        """One row per document: :data:`COPY_COLUMNS` (``duplicate_of`` empty for an original)."""
        import pandas as pd

        ids = np.asarray(self.doc_ids, dtype=object)
        dup = np.where(self.original >= 0, ids[np.maximum(self.original, 0)], "") if len(ids) else ids
        return pd.DataFrame({"doc_id": ids, "outlet": self.outlets,
                             "date": [format_day(d) for d in self.days.tolist()],
                             "duplicate_of": dup, "containment": self.containment}, columns=COPY_COLUMNS)

    def by_outlet_pair(self) -> Any:
        """:func:`copies_by_outlet_pair` of :meth:`table`."""
        return copies_by_outlet_pair(self.table())

    def left_out_ids(self, mode: DedupMode) -> frozenset[str]:
        """The ``doc_id`` of every document ``mode`` leaves out."""
        check_dedup(mode)
        if not leaves_out(mode):
            return frozenset()
        copy = self.original >= 0
        if mode == "drop":
            copy = copy.copy()
            copy[self.original[self.original >= 0]] = True
        return frozenset(np.asarray(self.doc_ids, dtype=object)[copy].tolist())

    def summary(self) -> str:
        """One line for stderr: how many near-copies, and what ``mode`` did with them."""
        n, c = len(self.doc_ids), self.copies
        line = f"near-copies: {c:,} of {n:,} documents nearly copy an earlier one"
        if self.mode == "flag":
            line += " (--dedup flag: all counted)"
        elif self.mode == "keep-first":
            line += (f" (--dedup keep-first: {self.left_out:,} left out, their {self.originals:,} "
                     "originals kept)")
        else:
            line += (f" (--dedup drop: {self.left_out:,} left out, the copies and the "
                     f"{self.originals:,} originals they copy)")
        short = int((~self.usable).sum())
        if short:
            line += f"; {short:,} too short to compare"
        return line

    def to_attrs(self) -> dict[str, Any]:
        """What a table's ``attrs["near_copies"]`` holds (plain values: ``to_parquet`` keeps attrs)."""
        return {"mode": self.mode, "documents": len(self.doc_ids), "copies": self.copies,
                "originals": self.originals, "left_out": self.left_out, "summary": self.summary(),
                "by_outlet_pair": self.by_outlet_pair().to_dict("records")}

    @classmethod
    def from_table(cls, table: Any) -> NearCopies:
        """The near-copies of a table with ``doc_id``, ``outlet``, ``duplicate_of`` (and ``date``,
        ``containment``): ``stories.csv`` of ``framing stories``."""
        _require(table, ("doc_id", "outlet", "duplicate_of"))
        ids = table["doc_id"].astype(str).tolist()
        index = {d: i for i, d in enumerate(ids)}
        dup = table["duplicate_of"].fillna("").astype(str).tolist()
        missing = sorted({d for d in dup if d and d not in index})
        if missing:
            raise FramingError(f"the stories table names {len(missing):,} original(s) it does not list "
                               f"(first: {missing[0]!r}); give the whole table of framing stories.")
        original = np.array([index[d] if d else -1 for d in dup], dtype=np.int64)
        dates = (table["date"].fillna("").astype(str).tolist() if "date" in table.columns
                 else [None] * len(ids))
        import pandas as pd

        contain = (pd.to_numeric(table["containment"], errors="coerce").to_numpy(dtype=float)
                   if "containment" in table.columns else np.full(len(ids), np.nan))
        return cls(ids, table["outlet"].astype(str).tolist(), day_numbers(dates), original, contain,
                   np.ones(len(ids), dtype=bool), settings={"source": "stories table"})


class CopyCollector:
    """Gathers the units' :class:`~framing.count.copies.DocumentSketches` in order (main process)."""

    def __init__(self) -> None:
        self.doc_ids: list[str] = []
        self.outlets: list[str] = []
        self.dates: list[str | None] = []
        self._hashes: list[np.ndarray] = []
        self._docs: list[np.ndarray] = []

    def add(self, part: DocumentSketches | None) -> None:
        if part is None:
            return
        self._hashes.append(part.hashes)
        self._docs.append(part.docs + len(self.doc_ids))
        self.doc_ids += part.doc_ids
        self.outlets += part.outlets
        self.dates += part.dates

    def settle(self, copies: NearCopies | None, mode: str, left_out: int) -> NearCopies | None:
        """The near-copies a counting pass reports: those known before it (``copies``), else those
        its sketches show (:meth:`find`), with ``mode`` and the documents it ``left_out``; None
        when they are not looked for (``off``: copies given with the stories are not reported
        either)."""
        if not looks_for_copies(mode):
            return None
        if copies is None:
            copies = self.find()
        copies.mode, copies.left_out = mode, left_out
        return copies

    def find(self, *, copy_threshold: float = COPY_THRESHOLD, window_days: int = WINDOW_DAYS,
             min_shingles: int = MIN_SHINGLES, max_df: int = MAX_DF) -> NearCopies:
        """Apply the leader rule to every document gathered."""
        check_copy_settings(copy_threshold, window_days, min_shingles, max_df)
        n = len(self.doc_ids)
        hashes = np.concatenate(self._hashes) if self._hashes else np.zeros(0, np.uint64)
        docs = np.concatenate(self._docs) if self._docs else np.zeros(0, np.int64)
        self._hashes, self._docs = [], []
        if n < 1 << DOC_BITS:  # each unit's pairs are sorted: a merge of sorted runs
            keys = np.sort((hashes << np.uint64(DOC_BITS)) | docs.astype(np.uint64), kind="stable")
            hashes = keys >> np.uint64(DOC_BITS)
            docs = (keys & np.uint64((1 << DOC_BITS) - 1)).astype(np.int64)
            del keys
        else:
            order = np.lexsort((docs, hashes))
            hashes, docs = hashes[order], docs[order]
        days = day_numbers(self.dates)
        original, containment, usable = find_near_copies(
            hashes, docs, days, self.doc_ids, copy_threshold=copy_threshold, window_days=window_days,
            min_shingles=min_shingles, max_df=max_df)
        settings = {"copy_threshold": copy_threshold, "window_days": window_days,
                    "min_shingles": min_shingles, "max_df": max_df, "undated": int((days == NO_DAY).sum())}
        return NearCopies(self.doc_ids, self.outlets, days, original, containment, usable, settings)


def find_copies(corpus: Any, *, normalizer: Normalizer | None = None, skip: frozenset[str] = frozenset(),
                copy_threshold: float = COPY_THRESHOLD, window_days: int = WINDOW_DAYS,
                min_shingles: int = MIN_SHINGLES, max_df: int = MAX_DF, show_progress: bool | None = None,
                jobs: int = 1, engine: Engine | None = None) -> NearCopies:
    """The near-copies of a corpus, in a pass of its own (``--dedup drop|keep-first``).

    Parameters
    ----------
    corpus : Corpus, DataFrame, path(s), list of Document or of str
        See :func:`framing.read_corpus`.
    normalizer : Normalizer, optional
        Whose character steps normalise the words (default ``Normalizer()``).
    skip : frozenset of str
        ``doc_id`` of documents to leave out.
    copy_threshold, window_days, min_shingles, max_df
        The rule of :mod:`framing.count.copies`.
    jobs, engine
        Where the documents are sketched, as in :func:`framing.score`.

    Returns
    -------
    NearCopies

    Examples
    --------
    >>> from framing.io import Document
    >>> text = ("أعلنت وزارة الصحة افتتاح مستشفى جديد في مدينة الساحل يضم مئتي سرير وقسما للطوارئ "
    ...         "ومختبرا حديثا للأطفال وجناحا للولادة وصيدلية تعمل طوال الليل ويخدم سكان القرى "
    ...         "المجاورة التي كانت تنقل مرضاها إلى العاصمة في رحلة تستغرق ثلاث ساعات. ")
    >>> docs = [Document("a", "x", text * 2, "2024-03-01"),
    ...         Document("b", "y", "قال الوزير: " + text * 2, "2024-03-02"),
    ...         Document("c", "y", text * 2, "2024-03-09")]
    >>> find_copies(docs).table()[["doc_id", "duplicate_of"]].values.tolist()
    [['a', ''], ['b', 'a'], ['c', '']]
    """
    check_copy_settings(copy_threshold, window_days, min_shingles, max_df)
    collector = CopyCollector()
    runner = resolve(jobs, engine)
    with runner:
        for result in run_units(runner, sketch_stage, corpus, SketchSetup(skip, normalizer),
                                desc="near-copies", show_progress=show_progress):
            collector.add(result.value)
    return collector.find(copy_threshold=copy_threshold, window_days=window_days,
                          min_shingles=min_shingles, max_df=max_df)


def dedup_mask(stories: Any, mode: DedupMode = "flag") -> Any:
    """Which documents to keep under ``--dedup MODE``, as a boolean Series indexed by ``doc_id``.

    ``flag`` and ``off`` keep every document, ``keep-first`` drops the near-copies
    (rows with ``duplicate_of``), ``drop`` every document of a copy set.

    Parameters
    ----------
    stories : DataFrame
        A table with ``doc_id`` and ``duplicate_of``: :meth:`NearCopies.table`,
        or the table of :func:`framing.analysis.find_stories`.
    mode : {"flag", "drop", "keep-first", "off"}

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"doc_id": ["a", "b", "c"], "duplicate_of": ["", "a", ""]})
    >>> [dedup_mask(t, m).tolist() for m in ("flag", "keep-first", "drop")]
    [[True, True, True], [True, False, True], [False, False, True]]
    """
    import pandas as pd

    check_option("mode", mode, DEDUP_MODES)
    _require(stories, ("doc_id", "duplicate_of"))
    dup = stories["duplicate_of"].fillna("").astype(str)
    ids = stories["doc_id"].astype(str)
    if not leaves_out(mode):
        keep = np.ones(len(stories), dtype=bool)
    elif mode == "keep-first":
        keep = (dup == "").to_numpy()
    else:
        originals = set(dup[dup != ""])
        keep = ((dup == "") & ~ids.isin(originals)).to_numpy()
    return pd.Series(keep, index=pd.Index(ids, name="doc_id"), name="keep")


def copies_by_outlet_pair(stories: Any) -> Any:
    """How much of each outlet's output is a near-copy of another outlet's, per pair of outlets.

    A *copy set* is an original and its near-copies (``duplicate_of``). For
    each ordered pair of outlets (``outlet``, ``other``), ``shared`` counts the
    documents of ``outlet`` that sit in a copy set holding a document of
    ``other``, and ``rate = shared / docs`` (``docs``: all of ``outlet``'s
    documents). Pairs that share nothing are left out; ``other`` equal to
    ``outlet`` counts an outlet's re-publication of its own text.

    Returns
    -------
    DataFrame
        :data:`COPY_PAIR_COLUMNS`, sorted by ``rate`` (highest first).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["x", "y", "y"],
    ...                   "duplicate_of": ["", "a", ""]})
    >>> copies_by_outlet_pair(t).to_dict("records")[0]
    {'outlet': 'x', 'other': 'y', 'docs': 1, 'shared': 1, 'rate': 1.0}
    """
    import pandas as pd

    _require(stories, ("doc_id", "outlet", "duplicate_of"))
    ids = stories["doc_id"].astype(str)
    dup = stories["duplicate_of"].fillna("").astype(str)
    copy_set = dup.where(dup != "", ids)
    in_set = copy_set.isin(set(dup[dup != ""]))
    members = pd.DataFrame({"set": copy_set[in_set], "outlet": stories["outlet"].astype(str)[in_set],
                            "doc": ids[in_set]})
    docs = stories["outlet"].astype(str).value_counts()
    pairs = members.merge(members[["set", "outlet", "doc"]], on="set", suffixes=("", "_other"))
    pairs = pairs[pairs["doc"] != pairs["doc_other"]]
    shared = (pairs.drop_duplicates(["doc", "outlet_other"])
              .groupby(["outlet", "outlet_other"]).size().rename("shared").reset_index()
              .rename(columns={"outlet_other": "other"}))
    shared["docs"] = shared["outlet"].map(docs).astype(int)
    shared["rate"] = shared["shared"] / shared["docs"]
    return (shared[COPY_PAIR_COLUMNS].sort_values(["rate", "outlet", "other"], ascending=[False, True, True])
            .reset_index(drop=True))


def _require(table: Any, columns: tuple[str, ...]) -> None:
    missing = [c for c in columns if c not in getattr(table, "columns", ())]
    if missing:
        raise FramingError(f"the stories table lacks column(s) {', '.join(map(repr, missing))}; give the "
                           "table of framing.find_stories (or stories.csv of framing stories).")
