"""Same story, different outlets: group the articles that report one event, and mark wire copies.

:func:`find_stories` returns one row per document with the story it belongs
to and, for a near-copy of an earlier article (an agency dispatch printed
again with edits), the document it copies.

Representation
    Each document is a bag of **content words**: word tokens (:data:`framing.text.WORD_RE`)
    normalised (:class:`framing.text.Normalizer`) and clitic-stripped
    (:func:`framing.text.light_stems`, with the corpus vocabulary as
    evidence), less stop words (:data:`framing.analysis.DEFAULT_STOPWORDS`,
    also with و/ف/ب/ك/ل attached) and tokens without a letter (numbers).
    Weights are TF-IDF with sublinear term frequency, ``(1 + ln tf) ×
    (ln((1 + N) / (1 + df)) + 1)``, each document scaled to unit length, so
    the dot product of two documents is their cosine similarity (Salton &
    Buckley 1988; Manning, Raghavan & Schütze 2008, ch. 6). A document with
    fewer than ``min_words`` content words is too short to match and stays a
    story of its own (counted in the report).

Candidates
    Only documents at most ``window_days`` calendar days apart are compared
    (:mod:`framing.text.dates` reads the free-text dates), and only
    through the words they share: the documents, sorted by day, are
    multiplied day block by day block as sparse matrices (each day's
    documents against those of the ``window_days`` days before and the same
    day), never as all pairs. An undated document is compared with every
    document; when no document has a date, the corpus is one window.

Clustering rule: average linkage with a threshold
    Stories are the clusters of agglomerative clustering with **average
    linkage** (UPGMA; Sokal & Michener 1958; Manning et al. 2008, §17.3):
    starting from single documents, the two clusters with the highest mean
    pairwise similarity are merged, as long as that mean is at least
    ``threshold``. A pair of documents that are not candidates (outside the
    date window) or whose similarity is below ``threshold / 2`` counts as
    similarity 0 in the mean. So two documents join only if their own
    similarity reaches the threshold, and a story grows only while its
    members are, on average, that similar to each other: the chain
    A ~ B ~ C of single linkage, in which A and C share nothing, does not
    form (a guard against chaining). Ties merge the pair of smaller
    document positions first (documents in order of date, then ``doc_id``),
    so the result does not depend on the order of the input rows.

Wire copies
    ``duplicate_of`` names the earlier document a document nearly copies, by
    the rule of :mod:`framing.count.copies` (the one ``--dedup`` uses in
    every other command): at least ``copy_threshold`` of its sampled word
    4-grams are in the earlier document, at most ``window_days`` apart, and
    the earlier document is an original (a leader rule). The rule looks at
    every document, whatever story it is in: a near-copy is nearly always in
    its original's story, and the two tables never disagree.

References
----------
Broder, A. Z. (1997). On the resemblance and containment of documents. *Proc.
Compression and Complexity of Sequences*, 21–29. Salton, G. & Buckley, C.
(1988). Term-weighting approaches in automatic text retrieval. *Information
Processing & Management*, 24(5), 513–523. Sokal, R. R. & Michener, C. D.
(1958). A statistical method for evaluating systematic relationships.
*University of Kansas Science Bulletin*, 38, 1409–1438. Manning, C. D.,
Raghavan, P. & Schütze, H. (2008). *Introduction to Information Retrieval*.
Cambridge University Press.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..count.copies import COPY_THRESHOLD, MIN_SHINGLES, DocumentSketches, sketch_documents
from ..count.dedup import COPY_PAIR_COLUMNS, CopyCollector, NearCopies, copies_by_outlet_pair, dedup_mask
from ..engines import Engine, resolve
from ..errors import FramingError
from ..io import Document
from ..io.corpus import Corpus, as_corpus
from ..io.units import run_units
from ..text.dates import NO_DAY, day_numbers, format_day
from .similarity import (
    Encoded,
    average_linkage,
    encode_documents,
    merge_encoded,
    release_arrow,
    tfidf_rows,
    window_pairs,
    zero_rows,
)

__all__ = ["COPY_PAIR_COLUMNS", "STORY_COLUMNS", "StoryReport", "copies_by_outlet_pair", "dedup_mask",
           "find_stories", "read_stories", "story_stage"]

STORY_COLUMNS = ["doc_id", "outlet", "date", "story_id", "story_size", "n_outlets", "duplicate_of",
                 "similarity", "containment"]


@dataclass
class StoryReport:
    """What :func:`find_stories` did, for the terminal and the report (``table.attrs["report"]``)."""

    documents: int = 0
    undated: int = 0
    unreadable_dates: list[str] = field(default_factory=list)
    too_short: int = 0
    candidate_pairs: int = 0
    stories: int = 0
    multi_outlet_stories: int = 0
    copies: int = 0
    settings: dict[str, Any] = field(default_factory=dict)

    def summary(self) -> str:
        """One paragraph for stderr."""
        line = (f"{self.documents:,} documents: {self.stories:,} stories of two or more documents "
                f"({self.multi_outlet_stories:,} covered by two or more outlets), "
                f"{self.copies:,} near-copies (duplicate_of)")
        if self.undated:
            first = f"; first: {self.unreadable_dates[0]!r}" if self.unreadable_dates else ""
            line += (f"; {self.undated:,} document(s) without a readable date, compared with every "
                     f"document{first}")
        if self.too_short:
            line += (f"; {self.too_short:,} document(s) with fewer than "
                     f"{self.settings.get('min_words')} content words, left as stories of their own")
        return line


def find_stories(
    corpus: Any,
    *,
    window_days: int = 3,
    threshold: float = 0.3,
    copy_threshold: float = COPY_THRESHOLD,
    min_words: int = 8,
    min_shingles: int = MIN_SHINGLES,
    max_df: float = 0.02,
    show_progress: bool | None = None,
    jobs: int = 1,
    engine: Engine | None = None,
) -> Any:
    """Group the documents that report the same story, and mark near-copies.

    Parameters
    ----------
    corpus : Corpus, DataFrame, path(s), list of Document or of str
        See :func:`framing.read_corpus`. Dates come from its ``date`` column.
    window_days : int
        Compare only documents at most this many calendar days apart (default 3).
    threshold : float
        Cosine similarity of TF-IDF content words that a story's members
        reach on average (average linkage; default 0.3). Higher: fewer, tighter
        stories.
    copy_threshold : float
        Share of a document's sampled word 4-grams found in an earlier one
        at which it is a near-copy of it (default 0.6; :mod:`framing.count.copies`).
    min_words : int
        Documents with fewer content words are not compared (default 8).
    min_shingles : int
        Documents with fewer sampled word 4-grams (one in four) are never
        near-copies (default 8, about 35 words).
    max_df : float
        Content words in more than this share of the documents (and in more
        than 10) are left out of the similarity (default 0.02): they mark a
        topic (a war, a league), not an event.
    show_progress : bool, optional
        Progress bar on stderr (default: when stderr is a terminal).
    jobs : int
        Read and tokenise in this many worker processes (``0``: every core);
        the table is identical to ``jobs=1``.
    engine : Engine, optional
        Where to read and tokenise instead (see ``docs/cluster.md``); the
        comparison runs in this process.

    Returns
    -------
    DataFrame
        One row per document (:data:`STORY_COLUMNS`), ordered by ``story_id``,
        then date, then ``doc_id``:

        ``doc_id``, ``outlet``; ``date`` (ISO day, empty when unreadable);
        ``story_id`` (1, 2, ... in order of each story's first document);
        ``story_size`` (documents in the story); ``n_outlets`` (distinct
        outlets in the story); ``duplicate_of`` (the ``doc_id`` of the
        original this document nearly copies, empty otherwise);
        ``similarity`` (cosine similarity to the most similar other member,
        NaN for a story of one); ``containment`` (share of the document's
        sampled word 4-grams found in the original, for near-copies).
        ``table.attrs["report"]`` is a :class:`StoryReport`.

    Raises
    ------
    FramingError
        No documents, or invalid settings.

    Warns
    -----
    UserWarning
        When some, but not all, documents have no readable date.

    Examples
    --------
    >>> from framing.io import Document
    >>> text = ("أعلنت وزارة الصحة افتتاح مستشفى جديد في مدينة الساحل يضم مئتي سرير وقسما "
    ...         "للطوارئ ومختبرا حديثا للأطفال وجناحا للولادة وصيدلية تعمل طوال الليل، ويخدم "
    ...         "المستشفى سكان القرى المجاورة التي كانت تنقل مرضاها إلى العاصمة في رحلة تستغرق "
    ...         "ثلاث ساعات، وقد عينت الوزارة فيه أكثر من مئة طبيب وممرض من خريجي الجامعات.")
    >>> docs = [Document("a", "alpha", text, "2024-03-01"),
    ...         Document("b", "beta", text + " وقال الوزير إنه خطوة مهمة", "2024-03-02"),
    ...         Document("c", "beta", "فاز الفريق الأحمر على الفريق الأزرق بثلاثة أهداف في "
    ...                  "المباراة النهائية للبطولة أمس أمام جمهور كبير", "2024-03-01")]
    >>> table = find_stories(docs)
    >>> table[["doc_id", "story_id", "n_outlets", "duplicate_of"]].values.tolist()
    [['a', 1, 2, ''], ['b', 1, 2, 'a'], ['c', 2, 1, '']]

    References
    ----------
    See the module docstring.
    """
    _check(window_days, threshold, copy_threshold, min_words, min_shingles)
    if not 0.0 < float(max_df) <= 1.0:
        raise FramingError(f"The 'max_df' parameter must be in (0, 1]. Got {max_df!r} instead.")
    corpus = as_corpus(corpus)
    encoded, collector = _read(corpus, show_progress, jobs, engine)
    if not encoded.doc_ids:
        raise FramingError("no documents to group into stories; check the input and its text column.")
    report = StoryReport(documents=len(encoded.doc_ids), settings={
        "window_days": window_days, "threshold": threshold, "copy_threshold": copy_threshold,
        "min_words": min_words, "min_shingles": min_shingles, "max_df": max_df})
    days = day_numbers(encoded.dates)
    undated = days == NO_DAY
    report.undated = int(undated.sum())
    report.unreadable_dates = sorted({d for d, u in zip(encoded.dates, undated.tolist(), strict=True)
                                      if u and d})[:5]
    if 0 < report.undated < len(days):
        warnings.warn(f"{report.undated:,} of {len(days):,} documents have no readable date "
                      f"(first: {report.unreadable_dates[0] if report.unreadable_dates else 'empty'!r}); "
                      "they are compared with every document.", stacklevel=2)
    # Canonical order: by day (undated last), then doc_id; row order never matters.
    order = np.lexsort((np.asarray(encoded.doc_ids, dtype=object).astype(str),
                        np.where(undated, np.iinfo(np.int64).max, days.astype(np.int64))))
    matrix, n_words = tfidf_rows(encoded, order, max_df=max_df)
    short = n_words < min_words
    report.too_short = int(short.sum())
    matrix = zero_rows(matrix, short)
    pairs = window_pairs(matrix, days[order], window_days, threshold / 2.0)
    report.candidate_pairs = len(pairs[0])
    labels = average_linkage(len(order), *pairs, threshold=threshold)
    copies = collector.find(copy_threshold=copy_threshold, window_days=window_days, min_shingles=min_shingles)
    return _table(encoded, order, days[order], labels, pairs, report, copies)


def _check(window_days: int, threshold: float, copy_threshold: float, min_words: int,
           min_shingles: int) -> None:
    if not isinstance(window_days, (int, np.integer)) or window_days < 0:
        raise FramingError(
            f"The 'window_days' parameter must be an integer >= 0. Got {window_days!r} instead.")
    for name, value in (("threshold", threshold), ("copy_threshold", copy_threshold)):
        if not 0.0 < float(value) <= 1.0:
            raise FramingError(f"The {name!r} parameter must be in (0, 1]. Got {value!r} instead.")
    for name, value in (("min_words", min_words), ("min_shingles", min_shingles)):
        if not isinstance(value, (int, np.integer)) or value < 1:
            raise FramingError(f"The {name!r} parameter must be a positive integer. Got {value!r} instead.")


def story_stage(docs: Any, state: Any = None) -> tuple[Encoded, DocumentSketches]:
    """The per-unit stage of :func:`find_stories`: the documents' words and their near-copy sketches."""
    unit: list[Document] = list(docs)
    return encode_documents(iter(unit)), sketch_documents(unit)


def _read(corpus: Corpus, show_progress: bool | None, jobs: int, engine: Engine | None
          ) -> tuple[Encoded, CopyCollector]:
    """Every document's content words and sketches, a unit at a time on the engine (one execution path)."""
    runner = resolve(jobs, engine)
    collector = CopyCollector()
    parts = []
    with runner:
        for result in run_units(runner, story_stage, corpus, desc="reading", show_progress=show_progress):
            if result.value is not None:
                parts.append(result.value[0])
                collector.add(result.value[1])
    merged = merge_encoded(parts)
    release_arrow()
    return merged, collector


def _table(encoded: Encoded, order: np.ndarray, days: np.ndarray, labels: np.ndarray,
           pairs: tuple[np.ndarray, np.ndarray, np.ndarray], report: StoryReport, copies: NearCopies) -> Any:
    import pandas as pd

    n = len(order)
    outlets = np.asarray(encoded.outlets, dtype=object)[order]
    doc_ids = np.asarray(encoded.doc_ids, dtype=object)[order]
    # Stories numbered 1, 2, ... by their first member (labels are the smallest position).
    roots, story = np.unique(labels, return_inverse=True)
    story_id = story + 1
    story_size = np.bincount(story)[story]
    pair_keys = np.unique(np.column_stack([story, pd.factorize(outlets)[0]]), axis=0)
    n_outlets = np.bincount(pair_keys[:, 0], minlength=len(roots))[story]
    # Each document's most similar fellow member.
    i, j, s = pairs
    same = labels[i] == labels[j]
    best = np.full(n, np.nan)
    if same.any():
        both = np.concatenate([i[same], j[same]])
        sims = np.concatenate([s[same], s[same]])
        frame = pd.DataFrame({"d": both, "s": sims}).groupby("d")["s"].max()
        best[frame.index.to_numpy()] = frame.to_numpy()
    # Near-copies (input positions) in story order.
    original = copies.original[order]
    all_ids = np.asarray(encoded.doc_ids, dtype=object)
    duplicate = np.where(original >= 0, all_ids[np.maximum(original, 0)], "") if n else doc_ids
    containment = copies.containment[order]
    table = pd.DataFrame({
        "doc_id": doc_ids, "outlet": outlets, "date": [format_day(d) for d in days.tolist()],
        "story_id": story_id, "story_size": story_size, "n_outlets": n_outlets,
        "duplicate_of": duplicate, "similarity": best, "containment": containment,
    }, columns=STORY_COLUMNS)
    table = table.sort_values(["story_id"], kind="stable").reset_index(drop=True)
    sizes = np.bincount(story)
    report.stories = int((sizes > 1).sum())
    report.multi_outlet_stories = int(((sizes > 1) & (np.bincount(pair_keys[:, 0]) > 1)).sum())
    report.copies = int((duplicate != "").sum())
    table.attrs["report"] = report
    return table


def read_stories(path: Any) -> Any:
    """Read back the table ``framing stories`` wrote (``.csv``, ``.tsv``, ``.jsonl`` or ``.parquet``).

    Raises
    ------
    FramingError
        The file is missing, or lacks a column the commands need (``doc_id``,
        ``outlet``, ``story_id``, ``duplicate_of``).
    """
    import pandas as pd

    from ..io import output_format

    path = Path(path)
    kind = output_format(path)
    if not path.is_file():
        raise FramingError(f"stories table {str(path)!r} not found; write it with "
                           "'framing stories PATH... -o stories.csv'.")
    text = {"doc_id": str, "outlet": str, "date": str, "duplicate_of": str}
    if kind in ("csv", "tsv"):
        table = pd.read_csv(path, sep="," if kind == "csv" else "\t", dtype=text, keep_default_na=False)
    elif kind == "jsonl":
        table = pd.read_json(path, lines=True, dtype=text)
    else:
        table = pd.read_parquet(path)
    missing = [c for c in ("doc_id", "outlet", "story_id", "duplicate_of") if c not in table.columns]
    if missing:
        raise FramingError(f"{path}: not a table of framing stories (no column "
                           f"{', '.join(map(repr, missing))}); write it with 'framing stories ... -o FILE'.")
    for column in ("doc_id", "outlet", "duplicate_of", *(["date"] if "date" in table.columns else [])):
        table[column] = table[column].fillna("").astype(str)
    for column in ("similarity", "containment"):
        if column in table.columns:
            table[column] = pd.to_numeric(table[column].replace("", None), errors="coerce")
    return table
