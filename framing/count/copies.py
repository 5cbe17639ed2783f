"""Near-copies across a corpus: the same text printed again, found from sampled word 4-grams.

One definition serves ``--dedup`` (``score``, ``compare``, ``discover``,
``train``) and the ``duplicate_of`` column of ``framing stories``:

Near-copy
    A document *L* is a **near-copy** of an earlier document *E* when at
    least ``copy_threshold`` (default 0.6) of *L*'s sampled word 4-grams are
    also *E*'s (the containment of *L* in *E*, Broder 1997), and the two are
    dated at most ``window_days`` (default 3) calendar days apart, or either
    has no readable date. The 4-grams and their sample are those of
    :mod:`framing.text.shingles` (normalised words; one 4-gram in four, chosen
    by hash). A 4-gram found in more than ``max_df`` documents (default 100)
    is boilerplate (a byline, share buttons, a standing formula) and does not
    count, on either side; a document left with fewer than ``min_shingles``
    (default 8) sampled 4-grams, about 35 words, is never compared.
Leader rule
    Documents are visited in order of date, then ``doc_id`` (undated ones
    last). A document that is a near-copy of an earlier **original** copies
    the first such original; otherwise it is an original itself. Every copy
    thus resembles its original directly: no chain of small edits links two
    texts that share little. Containment is measured from the later
    document: an article that quotes a dispatch inside much text of its own
    is not a copy of it, while a dispatch cut short, retitled or lightly
    edited is.
Candidates
    Only documents that share a sampled 4-gram are compared (an index of the
    sorted 4-gram hashes), never all pairs.

The per-unit work (:func:`sketch_documents`) runs with the counting of
``score`` and ``compare`` or with ``discover``'s reading, in the same pass;
:class:`framing.count.dedup.CopyCollector` gathers the units' sketches in
order and applies the rule (:func:`find_near_copies`) once every unit is in.

References
----------
Broder, A. Z. (1997). On the resemblance and containment of documents.
*Compression and Complexity of Sequences*, 21–29.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np

from ..errors import FramingError
from ..io import Document
from ..match import BATCH_CHARS
from ..text import Normalizer
from ..text.dates import NO_DAY
from ..text.shingles import sketch_texts

__all__ = ["COPY_THRESHOLD", "DOC_BITS", "MAX_DF", "MIN_SHINGLES", "WINDOW_DAYS", "DocumentSketches",
           "Recorder", "SketchSetup", "check_copy_settings", "find_near_copies", "merge_sketches",
           "sketch_documents", "sketch_stage", "sort_pairs"]

#: Containment at which a document is a near-copy of an earlier one.
COPY_THRESHOLD = 0.6
#: Near-copies are at most this many calendar days apart.
WINDOW_DAYS = 3
#: Documents with fewer sampled 4-grams (outside boilerplate) are never compared.
MIN_SHINGLES = 8
#: A 4-gram found in more documents than this is boilerplate.
MAX_DF = 100

#: Sort keys: the top 40 bits of a 4-gram's hash, then the document in the low 24 bits.
DOC_BITS = 24


@dataclass
class DocumentSketches:
    """The sampled 4-grams of some documents, with what the leader rule needs of them.

    ``hashes`` (the top 40 bits of each sampled 4-gram's hash) and ``docs``
    (the document's index in ``doc_ids``) are sorted by hash, then document,
    without repeats.
    """

    doc_ids: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    dates: list[str | None] = field(default_factory=list)
    hashes: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))
    docs: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))


def sort_pairs(top: np.ndarray, docs: np.ndarray, n_docs: int) -> tuple[np.ndarray, np.ndarray]:
    """``(hash, doc)`` pairs (hashes cut to their top 40 bits) sorted, without repeats."""
    if n_docs < 1 << DOC_BITS:
        keys = np.sort((top << np.uint64(DOC_BITS)) | docs.astype(np.uint64))
        keys = keys[np.concatenate([[True], keys[1:] != keys[:-1]])] if len(keys) else keys
        return keys >> np.uint64(DOC_BITS), (keys & np.uint64((1 << DOC_BITS) - 1)).astype(np.int64)
    order = np.lexsort((docs, top))
    top, docs = top[order], docs[order]
    new = np.ones(len(top), dtype=bool)
    new[1:] = (top[1:] != top[:-1]) | (docs[1:] != docs[:-1])
    return top[new], docs[new].astype(np.int64)


def sketch_documents(docs: Iterable[Document], normalizer: Normalizer | None = None) -> DocumentSketches:
    """Sketch documents (a unit's), a batch of at most a few megabytes of text at a time."""
    out = DocumentSketches()
    hashes, owners = [], []
    batch: list[str] = []
    size = 0

    def flush() -> None:
        nonlocal batch, size
        if batch:
            sketch = sketch_texts(batch, normalizer=normalizer)
            hashes.append(sketch.hashes)
            owners.append(sketch.text + (len(out.doc_ids) - len(batch)))
            batch, size = [], 0

    for doc in docs:
        out.doc_ids.append(doc.doc_id)
        out.outlets.append(doc.outlet)
        out.dates.append(doc.date)
        batch.append(doc.text)
        size += len(doc.text)
        if size >= BATCH_CHARS:
            flush()
    flush()
    if hashes:
        top = np.concatenate(hashes) >> np.uint64(DOC_BITS)
        out.hashes, out.docs = sort_pairs(top, np.concatenate(owners), len(out.doc_ids))
    return out


class Recorder:
    """Sketch the documents that stream through another stage, batch by batch (same pass)."""

    def __init__(self, normalizer: Normalizer | None = None) -> None:
        self.normalizer = normalizer
        self.parts: list[DocumentSketches] = []
        self._batch: list[Document] = []
        self._size = 0

    def watch(self, docs: Iterable[Document]) -> Iterator[Document]:
        """``docs`` unchanged, each one also kept for the sketch."""
        for doc in docs:
            self._batch.append(doc)
            self._size += len(doc.text)
            if self._size >= BATCH_CHARS:
                self._flush()
            yield doc
        self._flush()

    def _flush(self) -> None:
        if self._batch:
            self.parts.append(sketch_documents(self._batch, self.normalizer))
            self._batch, self._size = [], 0

    def result(self) -> DocumentSketches:
        """The unit's sketches, in the order the documents went through."""
        self._flush()
        return merge_sketches(self.parts)


def merge_sketches(parts: list[DocumentSketches]) -> DocumentSketches:
    """One :class:`DocumentSketches` of several, documents in order."""
    if len(parts) == 1:
        return parts[0]
    out = DocumentSketches()
    hashes, docs = [], []
    for part in parts:
        hashes.append(part.hashes)
        docs.append(part.docs + len(out.doc_ids))
        out.doc_ids += part.doc_ids
        out.outlets += part.outlets
        out.dates += part.dates
    if hashes:
        out.hashes, out.docs = sort_pairs(np.concatenate(hashes), np.concatenate(docs), len(out.doc_ids))
    return out


@dataclass
class SketchSetup:
    """What :func:`sketch_stage` needs: the documents to leave out, and the normaliser."""

    skip: frozenset[str] = frozenset()
    normalizer: Normalizer | None = None


def sketch_stage(docs: Iterator[Document], setup: SketchSetup) -> DocumentSketches:
    """The per-unit stage of a pass that only sketches (``--dedup drop|keep-first``, ``stories``)."""
    return sketch_documents((d for d in docs if d.doc_id not in setup.skip), setup.normalizer)


def check_copy_settings(copy_threshold: float, window_days: int, min_shingles: int, max_df: int) -> None:
    """Refuse settings outside their range (one-line errors)."""
    if not 0.0 < float(copy_threshold) <= 1.0:
        raise FramingError(f"The 'copy_threshold' parameter must be in (0, 1]. "
                           f"Got {copy_threshold!r} instead.")
    for name, value, low in (("window_days", window_days, 0), ("min_shingles", min_shingles, 1),
                             ("max_df", max_df, 2)):
        if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < low:
            raise FramingError(f"The {name!r} parameter must be an integer >= {low}. Got {value!r} instead.")


def find_near_copies(hashes: np.ndarray, docs: np.ndarray, days: np.ndarray, doc_ids: list[str], *,
                     copy_threshold: float, window_days: int, min_shingles: int, max_df: int
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The leader rule over sorted ``(hash, doc)`` pairs (see the module docstring).

    Returns
    -------
    (original, containment, usable)
        Per document: the index of the original it copies (-1: none), the
        containment in it (NaN: none), and whether it had enough sampled
        4-grams to be compared.
    """
    n = len(doc_ids)
    original = np.full(n, -1, dtype=np.int64)
    containment = np.full(n, np.nan)
    undated = days == NO_DAY
    order = np.lexsort((np.asarray(doc_ids, dtype=object).astype(str),
                        np.where(undated, np.iinfo(np.int64).max, days.astype(np.int64))))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    starts = np.flatnonzero(np.concatenate([[True], hashes[1:] != hashes[:-1]])) if len(hashes) else \
        np.zeros(0, np.int64)
    run = np.diff(np.append(starts, len(hashes)))
    common = np.repeat(run > max_df, run)
    size = np.bincount(docs[~common], minlength=n)  # sampled 4-grams outside boilerplate
    usable = size >= min_shingles
    late, early, shared = _shared_counts(docs, starts, run, max_df, days, undated, window_days, rank,
                                         usable, n)
    share = shared / np.maximum(size[late], 1)
    near = share >= copy_threshold
    late, early, share = late[near], early[near], share[near]
    if not len(late):
        return original, containment, usable
    # Leader rule: visit documents in order; each takes the first earlier original it copies.
    by = np.lexsort((rank[early], rank[late]))
    late, early, share = late[by], early[by], share[by]
    first = np.flatnonzero(np.concatenate([[True], late[1:] != late[:-1]]))
    bounds = np.append(first, len(late)).tolist()
    is_original = np.ones(n, dtype=bool)
    candidates = early.tolist()
    shares = share.tolist()
    for a, b in pairwise(bounds):  # the documents with candidates, in order
        doc = int(late[a])
        for k in range(a, b):
            if is_original[candidates[k]]:
                original[doc], containment[doc] = candidates[k], round(shares[k], 6)
                is_original[doc] = False
                break
    return original, containment, usable


def _shared_counts(docs: np.ndarray, starts: np.ndarray, run: np.ndarray, max_df: int, days: np.ndarray,
                   undated: np.ndarray, window_days: int, rank: np.ndarray, usable: np.ndarray, n: int
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pair of usable documents within the window that shares a sampled 4-gram (outside
    boilerplate): ``(later, earlier, shared 4-grams)``."""
    pairs = (run >= 2) & (run <= max_df)
    keys = []
    for r in np.unique(run[pairs]).tolist():  # all pairs of each run, one array per run length
        block = docs[starts[pairs & (run == r)][:, None] + np.arange(r)]
        i, j = np.triu_indices(r, 1)
        a, b = block[:, i].ravel(), block[:, j].ravel()
        ok = usable[a] & usable[b] & ((np.abs(days[a].astype(np.int64) - days[b]) <= window_days)
                                      | undated[a] | undated[b])
        a, b = a[ok], b[ok]
        swap = rank[a] > rank[b]
        keys.append(np.where(swap, a, b) * n + np.where(swap, b, a))  # later * n + earlier
    if not keys:
        empty = np.zeros(0, np.int64)
        return empty, empty, empty
    pair, shared = np.unique(np.concatenate(keys), return_counts=True)
    return pair // n, pair % n, shared
