"""Near-copies (the same dispatch printed again with edits) and what other commands need of them.

:func:`shingle_sets` and :func:`near_copies` find the copies among a story's
articles (see :mod:`framing.analysis.stories` for the rule);
:func:`dedup_mask` and :func:`copies_by_outlet_pair` work on the table of
:func:`framing.analysis.find_stories` for ``--dedup flag|drop|keep-first``.
"""

from __future__ import annotations

import hashlib
from typing import Any, Literal

import numpy as np

from ..errors import FramingError, check_option
from ..text.normalizer import Normalizer
from .dates import NO_DAY

__all__ = ["COPY_PAIR_COLUMNS", "DEDUP_MODES", "copies_by_outlet_pair", "dedup_mask", "near_copies",
           "shingle_sets", "word_hashes"]

DedupMode = Literal["flag", "drop", "keep-first"]
DEDUP_MODES = ("flag", "drop", "keep-first")
_SHINGLE = 4


def word_hashes(types: list[str], normalizer: Normalizer | None = None) -> np.ndarray:
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
    out: dict[int, tuple[int, float]] = {}
    for group in members:
        ok = [d for d in group if len(sets[d]) >= min_shingles]
        if len(ok) < 2:
            continue
        sizes = np.array([len(sets[d]) for d in ok])
        contain = _containment([sets[d] for d in ok], sizes)
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


def _containment(arrays: list[np.ndarray], sizes: np.ndarray) -> np.ndarray:
    """``|S_a ∩ S_b| / min(|S_a|, |S_b|)`` for every pair of sorted, distinct arrays."""
    m = len(arrays)
    if m <= 4:  # most stories: a few direct intersections beat building a matrix
        inter = np.zeros((m, m))
        for a in range(m):
            inter[a, a] = sizes[a]
            for b in range(a + 1, m):
                inter[a, b] = inter[b, a] = len(np.intersect1d(arrays[a], arrays[b], assume_unique=True))
    else:
        from scipy import sparse

        _, column = np.unique(np.concatenate(arrays), return_inverse=True)
        rows = np.repeat(np.arange(m), sizes)
        member = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, column.ravel())),
                                   shape=(m, int(column.max()) + 1))
        inter = (member @ member.T).toarray()
    return inter / np.minimum.outer(sizes, sizes)
