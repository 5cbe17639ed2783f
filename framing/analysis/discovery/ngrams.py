"""N-gram counts per group as sorted int64 keys, and their sum over units."""

from __future__ import annotations

import numpy as np

__all__ = ["MergedCounts", "group_totals", "keys_fit", "ngram_keys", "position_masks", "unpack_keys"]


def position_masks(stems: np.ndarray, stop: np.ndarray, kept: np.ndarray
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per position: a word; a word that may begin or end an n-gram (not a stop word); a word
    frequent enough to be kept (``stop`` and ``kept`` are per stem; -1 is a boundary)."""
    shifted = stems + 1  # index 0 of each table stands for a boundary
    no = np.zeros(1, dtype=bool)
    edge = np.concatenate([no, ~stop])[shifted]
    return stems >= 0, edge, np.concatenate([no, kept])[shifted]


def ngram_keys(stems: np.ndarray, groups: np.ndarray, n_stems: int, n: int, n_groups: int,
                masks: tuple[np.ndarray, np.ndarray, np.ndarray]
                ) -> tuple[np.ndarray | None, np.ndarray, np.ndarray, list[np.ndarray]]:
    """The kept n-grams as sorted distinct keys ``(n-gram in base n_stems) * G + group`` with their
    counts, and group totals; when keys would not fit in int64, ``None`` and the picked columns
    (stem ids of each word, then the group) instead."""
    word, edge, kept = masks
    length = len(stems) - n + 1
    if length <= 0:
        empty = np.zeros(0, np.int64)
        return empty, empty, np.zeros(n_groups, np.int64), []
    valid = edge[:length].copy()
    if n > 1:
        valid &= edge[n - 1:n - 1 + length]
    for k in range(1, n - 1):
        valid &= word[k:k + length]
    totals = group_totals(groups[:length], valid, n_groups)
    for k in range(n):
        valid &= kept[k:k + length]
    where = np.flatnonzero(valid)
    picked = [stems.take(where + k) if k else stems.take(where) for k in range(n)]
    gp = groups.take(where)
    if not keys_fit(n_stems, n, n_groups):
        return None, np.zeros(0, np.int64), totals, [*picked, gp]
    v = max(n_stems, 1)
    key = picked[0].astype(np.int64)
    for c in picked[1:]:
        key *= v
        key += c
    key *= n_groups
    key += gp
    size = v ** n * n_groups
    if size <= 4 * len(key):  # dense enough to count in an array (unigrams): no sort
        tally = np.bincount(key, minlength=size)
        uniq = np.flatnonzero(tally)
        return uniq, tally[uniq], totals, []
    key.sort()
    if not len(key):
        return key, np.zeros(0, np.int64), totals, []
    first = np.concatenate([[True], key[1:] != key[:-1]])
    return key[first], np.diff(np.append(np.flatnonzero(first), len(key))), totals, []


def group_totals(groups: np.ndarray, valid: np.ndarray, n_groups: int) -> np.ndarray:
    """Valid positions per group: counted per run of one group (a document or more) by a
    running sum, rather than gathering every valid position's group."""
    if not len(groups):
        return np.zeros(n_groups, dtype=np.int64)
    starts = np.flatnonzero(np.concatenate([[True], groups[1:] != groups[:-1]]))
    running = np.cumsum(valid, dtype=np.int64 if len(valid) >= 2**31 else np.int32)
    ends = running[np.append(starts[1:], len(groups)) - 1]
    return np.bincount(groups[starts], weights=np.diff(np.concatenate([[0], ends])),
                       minlength=n_groups).astype(np.int64)


def keys_fit(n_stems: int, n: int, n_groups: int) -> bool:
    return float(max(n_stems, 1)) ** n * n_groups < 2.0 ** 62


def unpack_keys(uniq: np.ndarray, counts: np.ndarray, n_stems: int, n: int, n_groups: int,
                 min_count: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct keys of :func:`ngram_keys` and their counts -> n-grams and (m, G) table,
    for the n-grams counted at least ``min_count`` times in all (most n-grams are rarer)."""
    v = max(n_stems, 1)
    gram_key, grp = np.divmod(uniq, n_groups)
    new = np.ones(len(uniq), dtype=bool)
    new[1:] = gram_key[1:] != gram_key[:-1]
    starts = np.flatnonzero(new)
    if min_count > 1 and len(starts):
        run = np.diff(np.append(starts, len(uniq)))
        keep = np.repeat(np.add.reduceat(counts, starts) >= min_count, run)
        gram_key, grp, counts, new = gram_key[keep], grp[keep], counts[keep], new[keep]
        starts = np.flatnonzero(new)
    if not len(starts):
        return np.zeros((0, n), np.int64), np.zeros((0, n_groups), np.int64)
    m = len(starts)
    table = np.zeros((m, n_groups), dtype=np.int64)
    row = np.cumsum(new) - 1
    table[row, grp] = counts
    grams = np.empty((m, n), dtype=np.int64)
    rest = gram_key[starts]
    for k in range(n - 1, -1, -1):
        rest, grams[:, k] = np.divmod(rest, v)
    return grams, table


class MergedCounts:
    """Sum over units of the n-gram counts of one length, as sorted (key, count) pairs.

    Keys are ``n-gram * G + group`` (:func:`ngram_keys`), so only the
    (n-gram, group) pairs that occur are held; the buffer is merged into the sorted total
    when it outgrows it (a stable sort of two sorted runs is a merge).
    """

    def __init__(self, n: int, n_stems: int, n_groups: int) -> None:
        self.n, self.n_stems, self.n_groups = n, n_stems, n_groups
        self.keys = np.zeros(0, dtype=np.int64)
        self.counts = np.zeros(0, dtype=np.int64)
        self.totals = np.zeros(n_groups, dtype=np.int64)
        self._buffer: list[tuple[np.ndarray, np.ndarray]] = []
        self._rows = 0
        self._picked: list[np.ndarray] = []  # int64 overflow fall-back: every occurrence

    def add(self, keys: np.ndarray | None, counts: np.ndarray, totals: np.ndarray,
            picked: list[np.ndarray]) -> None:
        self.totals += totals
        if keys is None:
            self._picked.append(np.column_stack(picked))
            return
        self._buffer.append((keys, counts))
        self._rows += len(keys)
        if self._rows > max(1_000_000, len(self.keys)):
            self.compact()

    def compact(self) -> None:
        if not self._buffer:
            return
        keys = np.concatenate([self.keys, *(k for k, _ in self._buffer)])
        counts = np.concatenate([self.counts, *(c for _, c in self._buffer)])
        self._buffer, self._rows = [], 0
        order = np.argsort(keys, kind="stable")
        keys, counts = keys[order], counts[order]
        if not len(keys):
            return
        starts = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))
        self.keys, self.counts = keys[starts], np.add.reduceat(counts, starts)

    def sparse(self, min_count: int = 1) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The counts as triples, for many groups (no dense table): ``(n-grams, row, group, count)``,
        ``row`` indexing the n-grams; only the n-grams counted at least ``min_count`` times in all."""
        n, g = self.n, self.n_groups
        if self._picked:
            uniq, counts = np.unique(np.concatenate(self._picked), axis=0, return_counts=True)
            grams, row = np.unique(uniq[:, :n], axis=0, return_inverse=True)
            row, group = row.ravel(), uniq[:, n]
        else:
            self.compact()
            gram_key, group = np.divmod(self.keys, g)
            counts = self.counts
            new = np.ones(len(gram_key), dtype=bool)
            new[1:] = gram_key[1:] != gram_key[:-1]
            row = np.cumsum(new) - 1
            rest = gram_key[new]
            grams = np.empty((len(rest), n), dtype=np.int64)
            v = max(self.n_stems, 1)
            for k in range(n - 1, -1, -1):
                rest, grams[:, k] = np.divmod(rest, v)
        frequent = np.bincount(row, weights=counts, minlength=len(grams)) >= min_count
        keep = frequent[row]
        renumber = np.cumsum(frequent) - 1
        return grams[frequent], renumber[row[keep]], group[keep], counts[keep]

    def result(self, min_count: int = 1) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """N-grams, their (m, G) counts and group totals; from the int64 keys, only the
        n-grams counted at least ``min_count`` times."""
        n, g = self.n, self.n_groups
        if self._picked:
            uniq, counts = np.unique(np.concatenate(self._picked), axis=0, return_counts=True)
            grams, row = np.unique(uniq[:, :n], axis=0, return_inverse=True)
            table = np.zeros((len(grams), g), dtype=np.int64)
            table[row.ravel(), uniq[:, n]] = counts
            return grams, table, self.totals
        self.compact()
        grams, table = unpack_keys(self.keys, self.counts, self.n_stems, n, g, min_count)
        return grams, table, self.totals
