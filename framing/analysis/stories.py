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
    (:mod:`framing.analysis.dates` reads the free-text dates), and only
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
    Within a story, two documents are near-copies when the **containment**
    of their word 4-gram shingles, ``|S_a ∩ S_b| / min(|S_a|, |S_b|)``
    (Broder 1997), is at least ``copy_threshold``. Shingles run over the
    normalised words, stop words and numbers included, so a dispatch with a
    sentence dropped, a few words changed or another headline keeps most of
    its shingles while two articles written apart share few. The members
    are visited in order of date, then ``doc_id``: a member that is a
    near-copy of an earlier *original* dated at most ``window_days`` from it
    is a copy of the first such original (its ``duplicate_of``); otherwise
    it is an original itself. Every copy thus resembles its original
    directly (a leader rule: no chain of small edits links two texts that
    share little). A document with fewer than ``min_shingles`` shingles is
    never called a copy.

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

import hashlib
import heapq
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from ..engines import Engine, resolve
from ..errors import FramingError, check_option
from ..io.corpus import Corpus, Document, as_corpus
from ..progress import progress
from ..text.normalizer import Normalizer
from ..text.stemming import light_stems
from ..text.tokens import WORD_RE, nonword_run_re2
from ..utils import with_arrow
from .dates import NO_DAY, day_numbers, format_day
from .discovery import DEFAULT_STOPWORDS

__all__ = [
    "COPY_PAIR_COLUMNS",
    "STORY_COLUMNS",
    "Encoded",
    "StoryReport",
    "average_linkage",
    "content_features",
    "copies_by_outlet_pair",
    "dedup_mask",
    "encode_documents",
    "find_stories",
    "merge_encoded",
    "near_copies",
    "shingle_sets",
    "tfidf_rows",
]

STORY_COLUMNS = ["doc_id", "outlet", "date", "story_id", "story_size", "n_outlets", "duplicate_of",
                 "similarity", "containment"]

DedupMode = Literal["flag", "drop", "keep-first"]
DEDUP_MODES = ("flag", "drop", "keep-first")

_LETTER = re.compile(r"[^\W\d_]")
_NONWORD_RUN = nonword_run_re2()
_SHINGLE = 4
_BATCH = 2000  # documents per encoding batch (arrow buffers stay bounded)
_BLOCK_ROWS = 1000  # rows of one sparse product block
#: A word is left out only when in more than ``max(max_df × N, MIN_COMMON_DF)`` documents, so a
#: small corpus keeps its words.
MIN_COMMON_DF = 10


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
    copy_threshold: float = 0.6,
    min_words: int = 8,
    min_shingles: int = 8,
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
        Shingle containment at which two members of a story are near-copies
        (default 0.6).
    min_words : int
        Documents with fewer content words are not compared (default 8).
    min_shingles : int
        Documents with fewer word 4-grams are never near-copies (default 8).
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
        NaN for a story of one); ``containment`` (shingle containment with
        the original, for near-copies).
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
    >>> text = ("أعلنت وزارة الصحة افتتاح مستشفى جديد في مدينة الساحل يضم مئتي سرير "
    ...         "وقسما للطوارئ ومختبرا حديثا للأطفال")
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
    encoded = _read(corpus, show_progress, jobs, engine)
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
    matrix = _zero_rows(matrix, short)
    pairs = _candidates(matrix, days[order], window_days, threshold / 2.0)
    report.candidate_pairs = len(pairs[0])
    labels = average_linkage(len(order), *pairs, threshold=threshold)
    return _table(encoded, order, days[order], labels, pairs, report, copy_threshold, min_shingles)


def _check(window_days: int, threshold: float, copy_threshold: float, min_words: int,
           min_shingles: int) -> None:
    if not isinstance(window_days, (int, np.integer)) or window_days < 0:
        raise FramingError(f"The 'window_days' parameter must be an integer >= 0. Got {window_days!r} instead.")
    for name, value in (("threshold", threshold), ("copy_threshold", copy_threshold)):
        if not 0.0 < float(value) <= 1.0:
            raise FramingError(f"The {name!r} parameter must be in (0, 1]. Got {value!r} instead.")
    for name, value in (("min_words", min_words), ("min_shingles", min_shingles)):
        if not isinstance(value, (int, np.integer)) or value < 1:
            raise FramingError(f"The {name!r} parameter must be a positive integer. Got {value!r} instead.")


# ----------------------------------------------------------------------------
# Reading: documents -> word type ids (per unit, in workers when asked)
# ----------------------------------------------------------------------------


@dataclass
class Encoded:
    """The corpus as word type ids: positions of all documents, end to end."""

    doc_ids: list[str]
    outlets: list[str]
    dates: list[str | None]
    types: list[str]  # word types (surface forms)
    codes: np.ndarray  # int32 word type id per position
    lengths: np.ndarray  # int64 words per document


def encode_documents(docs: Iterator[Document], state: Any = None) -> Encoded:
    """Tokenise documents into word type ids (the per-unit stage of :func:`find_stories`).

    Words are :data:`framing.text.WORD_RE` tokens; ``types`` lists the
    distinct surface forms of these documents, ``codes`` gives each position's
    index into it.
    """
    ids: list[str] = []
    outlets: list[str] = []
    dates: list[str | None] = []
    texts: list[str] = []
    for doc in docs:
        ids.append(doc.doc_id)
        outlets.append(doc.outlet)
        dates.append(doc.date)
        texts.append(doc.text)
    types, codes, lengths = with_arrow(_split_arrow, _split_python, texts)
    return Encoded(ids, outlets, dates, types, codes, lengths)


def _split_arrow(pa: Any, texts: list[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
    import pyarrow.compute as pc

    arr = pc.replace_substring_regex(pa.array(texts, type=pa.large_string()), _NONWORD_RUN, " ")
    lists = pc.utf8_split_whitespace(pc.utf8_trim_whitespace(arr))
    encoded = pc.list_flatten(lists).dictionary_encode()
    types = encoded.dictionary.to_pylist()
    codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int32)
    lengths = pc.list_value_length(lists).to_numpy(zero_copy_only=False).astype(np.int64)
    if "" in types:  # the one token of an empty text
        empty = codes == types.index("")
        lengths = lengths - np.bincount(np.repeat(np.arange(len(lengths)), lengths)[empty],
                                        minlength=len(lengths))
        codes = codes[~empty]
    return types, codes, lengths


def _split_python(texts: list[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
    index: dict[str, int] = {}
    parts, lengths = [], []
    for text in texts:
        words = WORD_RE.findall(text)
        parts.append(np.fromiter((index.setdefault(w, len(index)) for w in words), dtype=np.int32,
                                 count=len(words)))
        lengths.append(len(words))
    codes = np.concatenate(parts) if parts else np.zeros(0, np.int32)
    return list(index), codes, np.asarray(lengths, dtype=np.int64)


def merge_encoded(parts: list[Encoded]) -> Encoded:
    """One :class:`Encoded` from the units' (word type ids renumbered over all units)."""
    index: dict[str, int] = {}
    codes, lengths = [], []
    out = Encoded([], [], [], [], np.zeros(0, np.int32), np.zeros(0, np.int64))
    for part in parts:
        remap = np.fromiter((index.setdefault(t, len(index)) for t in part.types), dtype=np.int32,
                            count=len(part.types))
        codes.append(remap[part.codes] if len(part.codes) else part.codes)
        lengths.append(part.lengths)
        out.doc_ids += part.doc_ids
        out.outlets += part.outlets
        out.dates += part.dates
    out.types = list(index)
    if codes:
        out.codes = np.concatenate(codes).astype(np.int32)
        out.lengths = np.concatenate(lengths).astype(np.int64)
    return out


def _read(corpus: Corpus, show_progress: bool | None, jobs: int, engine: Engine | None) -> Encoded:
    runner = resolve(jobs, engine)
    if runner is not None:
        parts = [r.value for r in runner.run(encode_documents, corpus, desc="reading",
                                              show_progress=show_progress) if r.value is not None]
        return merge_encoded(parts)
    parts = []
    batch: list[Document] = []
    for doc in progress(corpus, desc="reading", enable=show_progress):
        batch.append(doc)
        if len(batch) == _BATCH:
            parts.append(encode_documents(iter(batch)))
            batch = []
    if batch:
        parts.append(encode_documents(iter(batch)))
    merged = merge_encoded(parts)
    _release_arrow()
    return merged


def _release_arrow() -> None:
    """Hand pyarrow's freed buffers back to the system (its pool keeps them otherwise)."""
    from ..utils import pyarrow_module

    pa = pyarrow_module()
    if pa is not None:
        pa.default_memory_pool().release_unused()


# ----------------------------------------------------------------------------
# Content words -> TF-IDF, candidates within the date window
# ----------------------------------------------------------------------------


def content_features(types: list[str], *, normalizer: Normalizer | None = None,
                     stopwords: frozenset[str] = DEFAULT_STOPWORDS) -> tuple[np.ndarray, list[str]]:
    """The content-word feature of each word type: ``(feature id per type, -1 for none; features)``.

    A type's feature is its normalised, clitic-stripped stem; stop words (also
    with و/ف/ب/ك/ل attached) and types without a letter have none.

    Examples
    --------
    >>> ids, names = content_features(["والاحتلال", "الاحتلال", "في", "2015", "قصف"])
    >>> ids.tolist(), names
    ([0, 0, -1, -1, 1], ['احتلال', 'قصف'])
    """
    norm = normalizer or Normalizer()
    forms = norm.many(types)
    stems = light_stems(forms, teh_marbuta=norm.teh_marbuta_char)
    _release_arrow()
    index: dict[str, int] = {}
    out = np.full(len(types), -1, dtype=np.int32)
    for i, (form, stem) in enumerate(zip(forms, stems, strict=True)):
        if not _LETTER.search(form) or _is_stop(form, stem, stopwords):
            continue
        out[i] = index.setdefault(stem, len(index))
    return out, list(index)


def _is_stop(form: str, stem: str, stopwords: frozenset[str]) -> bool:
    if form in stopwords or stem in stopwords:
        return True
    rest = form[1:] if form[:1] in ("و", "ف") else form
    return rest in stopwords or (rest[:1] in ("ب", "ك", "ل") and rest[1:] in stopwords)


def tfidf_rows(encoded: Encoded, order: np.ndarray, *, max_df: float = 0.02,
               normalizer: Normalizer | None = None) -> tuple[Any, np.ndarray]:
    """Unit-length TF-IDF rows of the documents in ``order``, and their content-word counts.

    Weights are ``(1 + ln tf) × (ln((1 + N) / (1 + df)) + 1)`` over the content
    words of :func:`content_features`. Words in more than ``max_df`` of the
    documents (and in more than :data:`MIN_COMMON_DF` documents) are left out:
    they mark a topic, not an event, and leaving them out keeps the products of
    :func:`find_stories` sparse. Words of a single document add to its length
    but to no product.

    Returns
    -------
    (matrix, n_words)
        A float32 CSR matrix (documents in ``order`` × kept words) and each
        document's number of content words (before leaving any out).
    """
    from scipy import sparse

    feature, names = content_features(encoded.types, normalizer=normalizer)
    n, width = len(encoded.doc_ids), max(len(names), 1)
    cols = feature[encoded.codes] if len(encoded.codes) else np.zeros(0, np.int32)
    keep = cols >= 0
    seen = np.zeros(len(keep) + 1, dtype=np.int32)
    np.cumsum(keep, dtype=np.int32, out=seen[1:])
    ends = np.cumsum(encoded.lengths)
    n_words = (seen[ends] - seen[ends - encoded.lengths]).astype(np.int64)
    del seen
    # One CSR row per document straight from the positions; repeated words summed (tf).
    tf = sparse.csr_matrix((np.ones(int(n_words.sum()), dtype=np.float32), cols[keep],
                            np.concatenate([[0], np.cumsum(n_words)])), shape=(n, width))
    del cols, keep
    tf.sum_duplicates()
    df = np.bincount(tf.indices, minlength=width)
    limit = max(max_df * n, MIN_COMMON_DF)
    tf = tf[:, np.flatnonzero(df <= limit)].tocsr()
    df = df[df <= limit]
    tf.data = ((1.0 + np.log(tf.data)) * (np.log((1.0 + n) / (1.0 + df[tf.indices])) + 1.0)
               ).astype(np.float32)
    norms = np.sqrt(np.asarray(tf.multiply(tf).sum(axis=1), dtype=np.float64).ravel())
    tf = sparse.diags(np.where(norms > 0, 1.0 / np.where(norms > 0, norms, 1.0), 0.0).astype(np.float32)) @ tf
    matrix = tf[order][:, np.flatnonzero(df >= 2)].tocsr()
    return matrix, n_words[order]


def _zero_rows(matrix: Any, rows: np.ndarray) -> Any:
    if rows.any():
        from scipy import sparse

        matrix = sparse.diags((~rows).astype(np.float64)) @ matrix
        matrix.eliminate_zeros()
    return matrix.tocsr()


def _candidates(matrix: Any, days: np.ndarray, window_days: int, floor: float
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs ``(i, j, cosine)`` with ``j < i``, at most ``window_days`` apart, cosine >= ``floor``.

    ``days`` is sorted, undated (:data:`NO_DAY`) last; rows are in that order.
    """
    n = matrix.shape[0]
    undated = days == NO_DAY
    n_dated = int((~undated).sum())
    out_i, out_j, out_s = [], [], []

    def block(r0: int, r1: int, c0: int) -> None:
        for a in range(r0, r1, _BLOCK_ROWS):
            b = min(a + _BLOCK_ROWS, r1)
            product = (matrix[a:b] @ matrix[c0:b].T).tocoo()
            i, j = product.row + a, product.col + c0
            keep = (j < i) & (product.data >= floor)
            out_i.append(i[keep])
            out_j.append(j[keep])
            out_s.append(product.data[keep])

    dated_days = days[:n_dated].astype(np.int64)
    for day in np.unique(dated_days).tolist():
        r0, r1 = np.searchsorted(dated_days, [day, day + 1])
        c0 = int(np.searchsorted(dated_days, day - window_days))
        block(int(r0), int(r1), c0)
    if n_dated < n:
        block(n_dated, n, 0)
    if not out_i:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    return (np.concatenate(out_i).astype(np.int64), np.concatenate(out_j).astype(np.int64),
            np.minimum(np.concatenate(out_s), 1.0))


def average_linkage(n: int, rows: np.ndarray, cols: np.ndarray, sims: np.ndarray, *,
                    threshold: float) -> np.ndarray:
    """Clusters of agglomerative average linkage over a sparse similarity graph, cut at ``threshold``.

    Repeatedly merges the two clusters with the highest mean similarity over
    all pairs of their members, while that mean is at least ``threshold``;
    a pair without an edge counts as similarity 0. Ties merge the pair with
    the smaller cluster numbers first (a cluster is numbered by its smallest
    member), so equal inputs give equal clusters.

    Parameters
    ----------
    n : int
        Number of items.
    rows, cols, sims : arrays
        Edges ``(rows[k], cols[k])`` with similarity ``sims[k]`` (each pair once).
    threshold : float

    Returns
    -------
    array of shape (n,)
        The cluster of each item, numbered by its smallest member.

    Examples
    --------
    A chain 0 ~ 1 ~ 2 whose ends share nothing stays apart at 0.5:

    >>> average_linkage(3, np.array([1, 2]), np.array([0, 1]), np.array([0.6, 0.6]),
    ...                 threshold=0.5).tolist()
    [0, 0, 2]
    """
    neighbours: list[dict[int, float]] = [{} for _ in range(n)]
    for i, j, s in zip(rows.tolist(), cols.tolist(), sims.tolist(), strict=True):
        if i != j:
            neighbours[i][j] = neighbours[i].get(j, 0.0) + s
            neighbours[j][i] = neighbours[j].get(i, 0.0) + s
    size = [1] * n
    version = [0] * n
    parent = list(range(n))
    heap = [(-s, min(i, j), max(i, j), 0, 0) for i, nb in enumerate(neighbours) for j, s in nb.items()
            if i < j and s >= threshold]
    heapq.heapify(heap)
    while heap:
        neg, a, b, va, vb = heapq.heappop(heap)
        if version[a] != va or version[b] != vb or parent[a] != a or parent[b] != b:
            continue
        keep, gone = a, b  # a < b: the merged cluster keeps the smaller number
        nb_keep = neighbours[keep]
        del nb_keep[gone]
        for x, s in neighbours[gone].items():
            if x == keep:
                continue
            nb_keep[x] = nb_keep.get(x, 0.0) + s
            nb_x = neighbours[x]
            nb_x[keep] = nb_x.get(keep, 0.0) + nb_x.pop(gone)
        neighbours[gone] = {}
        parent[gone] = keep
        size[keep] += size[gone]
        version[keep] += 1
        for x, s in neighbours[keep].items():
            mean = s / (size[keep] * size[x])
            if mean >= threshold:
                lo, hi = (keep, x) if keep < x else (x, keep)
                heapq.heappush(heap, (-mean, lo, hi, version[lo], version[hi]))
    labels = np.arange(n)
    for i in range(n):
        root = i
        while parent[root] != root:
            root = parent[root]
        labels[i] = root
    return labels


# ----------------------------------------------------------------------------
# Near-copies and the table
# ----------------------------------------------------------------------------


def _word_hashes(types: list[str], normalizer: Normalizer | None = None) -> np.ndarray:
    """A stable 64-bit hash of each type's normalised form (the same in every process and run)."""
    forms = (normalizer or Normalizer()).many(types)
    cache: dict[str, int] = {}
    out = np.empty(len(types), dtype=np.uint64)
    for i, form in enumerate(forms):
        h = cache.get(form)
        if h is None:
            h = cache[form] = int.from_bytes(hashlib.blake2b(form.encode("utf-8", "surrogatepass"),
                                                             digest_size=8).digest(), "little")
        out[i] = h
    return out


def shingle_sets(codes: np.ndarray, lengths: np.ndarray, word_hash: np.ndarray, k: int = _SHINGLE
                 ) -> list[np.ndarray]:
    """The distinct word ``k``-gram hashes of each document (sorted uint64 arrays).

    ``codes`` holds the documents' word type ids end to end, ``lengths`` the
    words per document; ``word_hash`` maps a type id to its hash. A document
    shorter than ``k`` words has no shingle.
    """
    words = word_hash[codes]
    ends = np.cumsum(lengths)
    starts = ends - lengths
    total = len(words)
    if total < k:
        return [np.zeros(0, np.uint64) for _ in lengths]
    with np.errstate(over="ignore"):
        h = words[:total - k + 1].copy()
        mult = np.uint64(0x9E3779B97F4A7C15)
        for j in range(1, k):
            h = h * mult + words[j:total - k + 1 + j]
    return [np.unique(h[s:max(s, e - k + 1)]) for s, e in zip(starts.tolist(), ends.tolist(), strict=True)]


def near_copies(members: list[list[int]], sets: dict[int, np.ndarray], *, copy_threshold: float,
                min_shingles: int, days: np.ndarray | None = None, window_days: int | None = None
                ) -> dict[int, tuple[int, float]]:
    """The near-copies among each group of documents: ``{copy: (original, containment)}``.

    ``members`` lists each story's documents (integer keys of ``sets`` and
    positions in ``days``) earliest first; ``sets`` holds each document's
    shingles (:func:`shingle_sets`). The containment of two members is
    ``|S_a ∩ S_b| / min(|S_a|, |S_b|)``. Members are visited in order; a member
    whose containment with an earlier *original* reaches ``copy_threshold``
    (and, with ``days``, dated at most ``window_days`` from it, or either
    undated: :data:`~framing.analysis.dates.NO_DAY`) is a copy of
    the first such original, else it is an original itself. Every copy thus
    resembles its original directly: no chain of small edits links two texts
    that share little. Members with fewer than ``min_shingles`` shingles take
    no part.

    Examples
    --------
    >>> sets = {0: np.arange(10, dtype=np.uint64), 1: np.arange(2, 12, dtype=np.uint64),
    ...         2: np.arange(50, 60, dtype=np.uint64)}
    >>> near_copies([[0, 1, 2]], sets, copy_threshold=0.6, min_shingles=5)
    {1: (0, 0.8)}
    """
    from scipy import sparse

    out: dict[int, tuple[int, float]] = {}
    for group in members:
        ok = [d for d in group if len(sets[d]) >= min_shingles]
        if len(ok) < 2:
            continue
        sizes = np.array([len(sets[d]) for d in ok])
        _, column = np.unique(np.concatenate([sets[d] for d in ok]), return_inverse=True)
        rows = np.repeat(np.arange(len(ok)), sizes)
        member = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, column.ravel())),
                                   shape=(len(ok), int(column.max()) + 1))
        contain = (member @ member.T).toarray() / np.minimum.outer(sizes, sizes)
        near = contain >= copy_threshold
        if days is not None and window_days is not None:
            d = days[ok].astype(np.int64)
            undated = d == NO_DAY
            near &= ((np.abs(d[:, None] - d[None, :]) <= window_days)
                     | undated[:, None] | undated[None, :])
        originals: list[int] = []
        for k in range(len(ok)):
            first = next((o for o in originals if near[o, k]), None)
            if first is None:
                originals.append(k)
            else:
                out[ok[k]] = (ok[first], round(float(contain[first, k]), 6))
    return out


def _table(encoded: Encoded, order: np.ndarray, days: np.ndarray, labels: np.ndarray,
           pairs: tuple[np.ndarray, np.ndarray, np.ndarray], report: StoryReport,
           copy_threshold: float, min_shingles: int) -> Any:
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
    # Near-copies among the members of stories of two or more.
    multi = np.flatnonzero(story_size > 1)
    duplicate = np.full(n, "", dtype=object)
    containment = np.full(n, np.nan)
    if len(multi):
        starts = np.concatenate([[0], np.cumsum(encoded.lengths)])
        original_rows = order[multi]
        codes = np.concatenate([encoded.codes[starts[r]:starts[r + 1]] for r in original_rows.tolist()])
        sets = dict(zip(multi.tolist(), shingle_sets(codes, encoded.lengths[original_rows],
                                                      _word_hashes(encoded.types)), strict=True))
        by_story: dict[int, list[int]] = {}
        for d in multi.tolist():
            by_story.setdefault(int(story[d]), []).append(d)
        for d, (orig, c) in near_copies(list(by_story.values()), sets, copy_threshold=copy_threshold,
                                         min_shingles=min_shingles, days=days,
                                         window_days=report.settings["window_days"]).items():
            duplicate[d] = doc_ids[orig]
            containment[d] = c
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


# ----------------------------------------------------------------------------
# What other commands use: --dedup
# ----------------------------------------------------------------------------


def dedup_mask(stories: Any, mode: DedupMode = "flag") -> Any:
    """Which documents to keep under ``--dedup MODE``, as a boolean Series indexed by ``doc_id``.

    ``flag``
        keep every document (the copies are counted and reported elsewhere);
    ``keep-first``
        keep each original, drop its near-copies (rows with ``duplicate_of``);
    ``drop``
        drop every document of a copy set, original included: wire copy is
        then nobody's own wording.

    Parameters
    ----------
    stories : DataFrame
        The table of :func:`find_stories` (``doc_id`` and ``duplicate_of``).
    mode : {"flag", "drop", "keep-first"}

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
    if mode == "flag":
        keep = np.ones(len(stories), dtype=bool)
    elif mode == "keep-first":
        keep = (dup == "").to_numpy()
    else:
        originals = set(dup[dup != ""])
        keep = ((dup == "") & ~ids.isin(originals)).to_numpy()
    return pd.Series(keep, index=pd.Index(ids, name="doc_id"), name="keep")


COPY_PAIR_COLUMNS = ["outlet", "other", "docs", "shared", "rate"]


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
