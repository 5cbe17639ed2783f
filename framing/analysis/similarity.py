"""Articles as content words, compared within a date window, clustered by average linkage.

The pieces of :func:`framing.analysis.find_stories` (see its module for the
method): :func:`encode_documents` (the per-unit stage: texts to word type
ids), :func:`content_features` and :func:`tfidf_rows` (content words and their
TF-IDF weights), :func:`window_pairs` (similar pairs within the date window,
by sparse products) and :func:`average_linkage` (the clustering rule).
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..io.corpus import Document
from ..text.dates import NO_DAY
from ..text.normalizer import Normalizer
from ..text.stemming import light_stems
from ..text.stopwords import DEFAULT_STOPWORDS
from ..text.tokens import WORD_RE, nonword_run_re2
from ..utils import pyarrow_module, with_arrow

__all__ = ["MIN_COMMON_DF", "Encoded", "average_linkage", "content_features", "encode_documents",
           "merge_encoded", "release_arrow", "tfidf_rows", "window_pairs", "zero_rows"]

_LETTER = re.compile(r"[^\W\d_]")
_NONWORD_RUN = nonword_run_re2()
_BLOCK_ROWS = 1000  # rows of one sparse product block
#: A word is left out only when in more than ``max(max_df × N, MIN_COMMON_DF)`` documents, so a
#: small corpus keeps its words.
MIN_COMMON_DF = 10


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


def release_arrow() -> None:
    """Hand pyarrow's freed buffers back to the system (its pool keeps them otherwise)."""
    pa = pyarrow_module()
    if pa is not None:
        pa.default_memory_pool().release_unused()


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
    release_arrow()
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


def zero_rows(matrix: Any, rows: np.ndarray) -> Any:
    """``matrix`` (CSR) with the rows where ``rows`` is True emptied (they then match nothing)."""
    if rows.any():
        from scipy import sparse

        matrix = sparse.diags((~rows).astype(np.float64)) @ matrix
        matrix.eliminate_zeros()
    return matrix.tocsr()


def window_pairs(matrix: Any, days: np.ndarray, window_days: int, floor: float
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
        _, a, b, va, vb = heapq.heappop(heap)
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
