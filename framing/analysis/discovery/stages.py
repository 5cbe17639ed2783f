"""The per-unit stages of :func:`framing.discover`: pure functions an engine maps over units.

See :mod:`framing.analysis.discovery.run` for the passes they make up.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from ...count.copies import DocumentSketches, sketch_documents
from ...engines import load
from ...io import Document, group_key
from ...io.units import UnitResult, run_unit
from ...text import Normalizer
from .examples import concordance, count_rows, firsts, locate, words_of
from .house import StyleEvidence, unit_evidence
from .ngrams import MergedCounts, ngram_keys, position_masks
from .rank import score_grams
from .words import Ids, encode_texts, number_strings, stem_forms

__all__ = [
    "EncodeSetup",
    "Encoded",
    "Maps",
    "RankSetup",
    "UnitSummary",
    "Vocabulary",
    "count_stage",
    "encode_stage",
    "encode_unit",
    "locate_stage",
    "pack_words",
    "quote_stage",
    "rank_bucket",
    "stem_slice",
    "unpack_words",
]


@dataclass
class EncodeSetup:
    by: str
    groups: Mapping[str, str] | None
    pair: tuple[str, str] | None
    normalizer: Normalizer
    skip: frozenset[str] = frozenset()  # doc_ids left out (--dedup drop|keep-first)
    sketch: bool = False  # sketch the documents for near-copies (--dedup flag)
    style: bool = False  # gather house-style evidence (kinds)
    cells: bool = False  # send each compared document's id and group (--control stories)


@dataclass
class UnitSummary:
    """What the main process gets of a unit in the encode pass."""

    seen: set[str]
    forms: tuple[int, str] | list[str]  # packed (pack_words)
    counts: np.ndarray
    names: list[str]
    evidence: StyleEvidence | None = None
    sketches: DocumentSketches | None = None
    doc_ids: list[str] | None = None
    doc_groups: list[str] | None = None
    left_out: int = 0


@dataclass
class Encoded:
    """One unit's documents as word-id streams (the payload kept by the engine)."""

    words: np.ndarray  # local word type per position, -1 at boundaries
    doc_len: np.ndarray
    surfaces: list[str]
    type_form: np.ndarray  # local word type -> local normalised form
    doc_ids: list[str]
    names: list[str]  # the unit's groups
    doc_group: np.ndarray  # index into names, per document


def encode_stage(docs: Iterator[Document], setup: EncodeSetup
                  ) -> tuple[UnitSummary, tuple[Encoded, list[str]]]:
    key = group_key(setup.by, groups=setup.groups)
    seen: set[str] = set()
    ids, names_of, texts = [], [], []
    kept: list[Document] = []
    left_out = 0
    for doc in docs:
        if doc.doc_id in setup.skip:
            left_out += 1
            continue
        if setup.sketch:
            kept.append(doc)
        group = key(doc)
        seen.add(group)
        if setup.pair is not None and group not in setup.pair:
            continue
        ids.append(doc.doc_id)
        names_of.append(group)
        texts.append(doc.text)
    words, doc_len, surfaces = encode_texts(texts)
    type_form, forms = number_strings(setup.normalizer.many(surfaces))
    counts = np.bincount(type_form[words[words >= 0]], minlength=len(forms))
    names = sorted(set(names_of))
    index = {g: i for i, g in enumerate(names)}
    doc_group = np.array([index[g] for g in names_of], dtype=np.int32)
    summary = UnitSummary(seen, pack_words(forms), counts, names, left_out=left_out)
    if setup.style:
        summary.evidence = unit_evidence(words, doc_len, type_form, forms, texts, doc_group, len(names),
                                         setup.normalizer)
    if setup.sketch:
        summary.sketches = sketch_documents(kept)
    if setup.cells:
        summary.doc_ids, summary.doc_groups = list(ids), list(names_of)
    # Two parts: the counting passes load the numbers only, quoting also the texts.
    return summary, (Encoded(words, doc_len, surfaces, type_form, ids, names, doc_group), texts)


def pack_words(words: list[str]) -> tuple[int, str] | list[str]:
    """Words to send to the main process as one newline-joined string (one object to pickle
    instead of tens of thousands); the list itself if a word holds a newline."""
    joined = "\n".join(words)
    return (len(words), joined) if joined.count("\n") == len(words) - 1 else words


def unpack_words(packed: tuple[int, str] | list[str]) -> list[str]:
    if isinstance(packed, list):
        return packed
    n, joined = packed
    return joined.split("\n") if n else []


def encode_unit(skip: bool, unit: Any, setup: EncodeSetup
                 ) -> tuple[UnitResult, tuple[Encoded, list[str]] | None]:
    result = run_unit(encode_stage, skip, unit, setup)
    if result.value is None:
        return result, None
    summary, payload = result.value
    result.value = summary
    return result, payload


def stem_slice(forms: list[str], state: tuple[list[str], str, frozenset[str]]
                ) -> tuple[list[str], np.ndarray, np.ndarray]:
    """:func:`~framing.analysis.discovery.words.stem_forms` of a slice of the forms, against all of them."""
    vocabulary, teh, stops = state
    return stem_forms(forms, vocabulary, teh, stops)


@dataclass
class Maps:
    """The global maps every later pass needs (sent once per worker)."""

    form_stem: np.ndarray  # global form id -> stem id (-1: not a word)
    gindex: dict[str, int]  # group -> index into the compared groups
    n_stems: int
    stop: np.ndarray | None = None
    kept: np.ndarray | None = None
    max_n: int = 3
    buckets: int = 1
    wanted: dict[int, list[tuple[int, ...]]] | None = None
    window: int = 30
    doc_cell: dict[str, int] | None = None  # --control stories: each counted document's cell
    n_cells: int = 0


def type_stems(p: Encoded, ids: np.ndarray, maps: Maps) -> np.ndarray:
    """The global stem id of each of the unit's word types (-1: not a word).

    ``ids`` are the global ids of the unit's normalised forms (the main process numbers them
    when the unit's forms arrive).
    """
    return maps.form_stem[ids][p.type_form]


def unit_stems(p: Encoded, ids: np.ndarray, maps: Maps) -> tuple[np.ndarray, np.ndarray]:
    """Global stem id per position (-1: a boundary) and group index per position."""
    stems = np.concatenate([np.array([-1], dtype=np.int32), type_stems(p, ids, maps)])[p.words + 1]
    gmap = np.array([maps.gindex[g] for g in p.names], dtype=np.int32)
    groups = np.repeat(gmap[p.doc_group], p.doc_len) if len(p.doc_len) else np.zeros(0, np.int32)
    return stems, groups


def count_stage(item: tuple[Any, np.ndarray], maps: Maps
                 ) -> tuple[list[np.ndarray], list[list[tuple[Any, ...]]]]:
    """Group totals per n-gram length, and the unit's n-gram counts cut into ``maps.buckets`` by
    n-gram (so that every group's count of one n-gram lands in the same bucket)."""
    handle, ids = item
    p = load(handle[0])
    stems, groups = unit_stems(p, ids, maps)
    n_groups = len(maps.gindex)
    if maps.doc_cell is not None:  # count by (story, group) cell; other documents not at all
        cell = np.array([maps.doc_cell.get(d, -1) for d in p.doc_ids], dtype=np.int32)
        groups = np.repeat(cell, p.doc_len) if len(p.doc_len) else np.zeros(0, np.int32)
        stems = np.where(groups >= 0, stems, -1)
        groups = np.maximum(groups, 0)
        n_groups = maps.n_cells
    assert maps.stop is not None and maps.kept is not None
    masks = position_masks(stems, maps.stop, maps.kept)
    n_buckets = maps.buckets
    totals_by_n = []
    buckets: list[list[tuple[Any, ...]]] = [[] for _ in range(n_buckets)]
    for n in range(1, maps.max_n + 1):
        keys, counts, totals, picked = ngram_keys(stems, groups, maps.n_stems, n, n_groups, masks)
        totals_by_n.append(totals)
        if keys is not None:  # one stable sort by bucket, then a slice per bucket
            where = ((keys // n_groups) % n_buckets).astype(np.min_scalar_type(n_buckets))
            order = np.argsort(where, kind="stable")
            cuts = np.concatenate([[0], np.cumsum(np.bincount(where, minlength=n_buckets))]).tolist()
            keys, counts = keys[order], counts[order]
            for b in range(n_buckets):
                buckets[b].append((keys[cuts[b]:cuts[b + 1]], counts[cuts[b]:cuts[b + 1]], []))
        else:
            rows = np.column_stack(picked)
            where = rows[:, 0] % n_buckets
            for b in range(n_buckets):
                mine = rows[where == b]
                buckets[b].append((None, np.zeros(0, np.int64), [mine[:, c] for c in range(n + 1)]))
    return totals_by_n, buckets


@dataclass
class RankSetup:
    n_stems: int
    n_groups: int
    totals: list[np.ndarray]  # group totals per n-gram length, over the whole corpus
    top: int | None
    min_count: int
    alpha0: float | None


def rank_bucket(handles: list[Any], setup: RankSetup) -> list[Any]:
    """Sum one bucket's counts over every unit and keep its top rows per group."""
    parts: list[Any] = []
    merged = [MergedCounts(n, setup.n_stems, setup.n_groups) for n in range(1, len(setup.totals) + 1)]
    no_totals = np.zeros(setup.n_groups, dtype=np.int64)
    for handle in handles:
        for acc, (keys, counts, picked) in zip(merged, load(handle), strict=True):
            acc.add(keys, counts, no_totals, picked)
    for acc, totals in zip(merged, setup.totals, strict=True):
        grams, table, _ = acc.result(setup.min_count)
        parts += score_grams(grams, table, totals, setup.n_groups, top=setup.top,
                              min_count=setup.min_count, alpha0=setup.alpha0)
    return parts


def locate_stage(item: tuple[Any, np.ndarray], maps: Maps
                  ) -> tuple[dict[Any, tuple[str, int, int]], dict[Any, int]]:
    """First occurrence per (group, n-gram) in this unit, and the count of each spelling."""
    handle, ids = item
    p = load(handle[0])
    stems, _ = unit_stems(p, ids, maps)
    doc_start = np.cumsum(p.doc_len) - p.doc_len
    order = sorted(range(len(p.doc_ids)), key=p.doc_ids.__getitem__)
    doc_rank = np.empty(len(order), dtype=np.int64)
    doc_rank[order] = np.arange(len(order))
    gmap = np.array([maps.gindex[g] for g in p.names], dtype=np.int64)
    first: dict[Any, tuple[str, int, int]] = {}
    spellings: dict[tuple[int, int, str], int] = {}
    assert maps.wanted is not None
    used = sorted({w for grams in maps.wanted.values() for g in grams for w in g})
    compact = np.full(maps.n_stems + 1, -1, dtype=np.int64)
    compact[used] = np.arange(len(used))
    cstems = compact[stems]  # boundaries (-1) index the last entry, which is -1
    v = len(used)
    for n, grams in maps.wanted.items():
        pos, gram_idx = locate(cstems, grams, compact, v)
        if not len(pos):
            continue
        doc = np.searchsorted(doc_start, pos, side="right") - 1
        gi = gmap[p.doc_group[doc]]
        uniq, counts = count_rows([gram_idx, *(p.words[pos + k] for k in range(n))])
        for row, count in zip(uniq.tolist(), counts.tolist(), strict=True):
            spellings[(n, row[0], " ".join(p.surfaces[t] for t in row[1:]))] = count
        for g, j, d, _ in firsts(pos, doc_rank[doc], doc, gi, gram_idx):
            first[(g, grams[j])] = (p.doc_ids[d], d, 0)
    return first, spellings


def quote_stage(item: tuple[Any, np.ndarray, list[tuple[int, Any]]], maps: Maps
                ) -> list[tuple[Any, tuple[str, str]]]:
    """The concordance lines of the chosen occurrences that are in this unit."""
    handle, ids, wanted = item
    p, texts = load(handle[0]), load(handle[1])
    type_stem = type_stems(p, ids, maps)
    doc_start = np.cumsum(p.doc_len) - p.doc_len
    out = []
    words: tuple[int, Any] = (-1, None)
    for doc, key in sorted(wanted, key=lambda pair: pair[0]):
        if words[0] != doc:
            stream = p.words[doc_start[doc]:doc_start[doc] + p.doc_len[doc]]
            stream = stream[stream > 0]  # without boundaries (-1) and line ends (word type 0)
            words = (doc, words_of(texts[doc], stream, type_stem, p.surfaces))
        out.append((key, concordance(texts[doc], key[1], maps.window, words[1])))
    return out


class Vocabulary:
    """The corpus's normalised forms, numbered as the units arrive (in order of first
    occurrence, as the in-memory code numbers them), with their counts."""

    def __init__(self) -> None:
        self._ids = Ids()
        self._freq = np.zeros(1024, dtype=np.int64)
        self.unit_ids: list[np.ndarray] = []  # per unit: the global id of each of its forms

    def add(self, forms: list[str], counts: np.ndarray) -> None:
        known = self._ids
        new = [form for form in forms if form not in known]  # a unit's forms are distinct
        known.update(zip(new, range(len(known), len(known) + len(new)), strict=True))
        ids = np.fromiter(map(known.__getitem__, forms), dtype=np.int32, count=len(forms))
        if len(self._ids) > len(self._freq):
            self._freq = np.concatenate([self._freq, np.zeros(max(len(self._ids), len(self._freq)),
                                                              dtype=np.int64)])
        self._freq[ids] += counts  # a unit's forms are distinct
        self.unit_ids.append(ids)

    @property
    def ids(self) -> dict[str, int]:
        """Each normalised form's global id (do not change it)."""
        return self._ids

    @property
    def forms(self) -> list[str]:
        return list(self._ids)

    @property
    def freq(self) -> np.ndarray:
        return self._freq[:len(self._ids)]
