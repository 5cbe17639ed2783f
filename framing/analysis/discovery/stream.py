""":func:`framing.discover` on an engine, in four passes, with memory flat in corpus size.

The in-memory :func:`~framing.analysis.discovery.core.discover` holds every text and one
stream of word ids for the whole corpus. Here the corpus is cut into units
(:mod:`framing.io.units`) and each unit is read **once**:

1. **encode** (workers): split the unit's texts into word types and word-id
   streams (:func:`framing.analysis.discovery.core._encode`), normalise the unit's types
   and number their distinct normalised forms. The stream and texts stay
   with the worker (two spill files of the local engine, worker memory on
   Dask: the counting passes load the stream only); the main process gets
   the unit's forms, their counts and the groups seen, and numbers the
   forms of the corpus as each unit arrives (a dict look-up per form).
2. the main process stems each distinct normalised form
   once against the whole vocabulary (in parallel: ``light_stem`` needs the
   corpus vocabulary as evidence, so it cannot run before every unit is
   seen), and marks stop words and words rarer than ``min_count``.
3. **count** (workers): n-gram counts per group of each unit, in global stem
   ids, cut into buckets by n-gram; **rank** (workers): each bucket's counts
   summed over the units (a sort-merge) and scored with the corpus-wide
   group totals exactly as the in-memory code does
   (:func:`framing.analysis.discovery.core._score_grams`), keeping each group's top rows
   of the bucket (with every tie); the main process orders the union of
   the buckets' rows (:func:`framing.analysis.discovery.core._order`), which gives the
   same top rows as one table would.
4. **locate** (workers): for the chosen n-grams only, each unit's first
   occurrence per group (by ``doc_id``) and the count of every spelling;
   **quote** (workers): the concordance line of the winning occurrence,
   from the unit that holds it.

Every count is a sum over documents and every choice (first occurrence by
``doc_id`` then input order, most frequent spelling then alphabetical) is
a minimum or maximum over units, so the table equals the in-memory one
(``tests/test_parallel.py``). Memory of the main process grows with the
vocabulary, not with the number of documents; a worker ranking a bucket
holds that bucket's distinct n-grams.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from types import SimpleNamespace
from typing import Any

import numpy as np

from ...engines.base import Engine, load
from ...io.corpus import Document, as_corpus
from ...io.groups import group_key
from ...io.units import UnitResult, run_unit
from ...match.matcher import Matcher
from ...text.normalizer import Normalizer
from .core import (
    DEFAULT_STOPWORDS,
    DISCOVER_COLUMNS,
    _check,
    _compared_groups,
    _concordance,
    _count_rows,
    _encode,
    _finish,
    _firsts,
    _Ids,
    _keys,
    _locate,
    _most_frequent,
    _ngram_keys,
    _number,
    _order,
    _position_masks,
    _score_grams,
    _stem_forms,
    _stem_ids,
    _stem_table,
    _unpack_keys,
    _words,
)

__all__ = ["discover_chunked"]

#: In one process, units of discover hold this many times the engine's chunk size (20,000
#: documents by default, the size of a typical shard): fewer units mean fewer word types
#: split and merged again, and memory is the same whether the corpus is one file or shards.
_CHUNK_FACTOR = 20
#: With workers, units of one file hold this many times the chunk size (8,000 documents):
#: enough units to keep every worker busy, few enough that the word types each unit splits,
#: numbers and sends (again for every unit it occurs in) stay few. On SaudiNewsNet with two
#: workers, 4 units took 6.6-8.3 s where 8 units took 7.2-8.8 s, round by round.
_PARALLEL_FACTOR = 8
#: The n-grams are counted and ranked in this many buckets (at least): ranking holds one
#: bucket's distinct n-grams at a time, and their number grows with the corpus.
_BUCKETS = 8


@dataclass
class _EncodeSetup:
    by: str
    groups: Mapping[str, str] | None
    pair: tuple[str, str] | None
    normalizer: Normalizer


@dataclass
class _Encoded:
    """One unit's documents as word-id streams (the payload kept by the engine)."""

    words: np.ndarray  # local word type per position, -1 at boundaries
    doc_len: np.ndarray
    surfaces: list[str]
    type_form: np.ndarray  # local word type -> local normalised form
    doc_ids: list[str]
    names: list[str]  # the unit's groups
    doc_group: np.ndarray  # index into names, per document


def _encode_stage(docs: Iterator[Document], setup: _EncodeSetup
                  ) -> tuple[Any, tuple[_Encoded, list[str]]]:
    key = group_key(setup.by, groups=setup.groups)
    seen: set[str] = set()
    ids, names_of, texts = [], [], []
    for doc in docs:
        group = key(doc)
        seen.add(group)
        if setup.pair is not None and group not in setup.pair:
            continue
        ids.append(doc.doc_id)
        names_of.append(group)
        texts.append(doc.text)
    words, doc_len, surfaces = _encode(texts)
    type_form, forms = _number(setup.normalizer.many(surfaces))
    counts = np.bincount(type_form[words[words >= 0]], minlength=len(forms))
    names = sorted(set(names_of))
    index = {g: i for i, g in enumerate(names)}
    doc_group = np.array([index[g] for g in names_of], dtype=np.int32)
    summary = (seen, _pack(forms), counts)
    # Two parts: the counting passes load the numbers only, quoting also the texts.
    return summary, (_Encoded(words, doc_len, surfaces, type_form, ids, names, doc_group), texts)


def _pack(words: list[str]) -> tuple[int, str] | list[str]:
    """Words to send to the main process as one newline-joined string (one object to pickle
    instead of tens of thousands); the list itself if a word holds a newline."""
    joined = "\n".join(words)
    return (len(words), joined) if joined.count("\n") == len(words) - 1 else words


def _unpack(packed: tuple[int, str] | list[str]) -> list[str]:
    if isinstance(packed, list):
        return packed
    n, joined = packed
    return joined.split("\n") if n else []


def _encode_unit(skip: bool, unit: Any, setup: _EncodeSetup
                 ) -> tuple[UnitResult, tuple[_Encoded, list[str]] | None]:
    result = run_unit(_encode_stage, skip, unit, setup)
    if result.value is None:
        return result, None
    summary, payload = result.value
    result.value = summary
    return result, payload


def _stem_slice(forms: list[str], state: tuple[list[str], str, frozenset[str]]
                ) -> tuple[list[str], np.ndarray, np.ndarray]:
    """:func:`framing.analysis.discovery.core._stem_forms` of a slice of the forms, against all of them."""
    vocabulary, teh, stops = state
    return _stem_forms(forms, vocabulary, teh, stops)


@dataclass
class _Maps:
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


def _type_stem(p: _Encoded, ids: np.ndarray, maps: _Maps) -> np.ndarray:
    """The global stem id of each of the unit's word types (-1: not a word).

    ``ids`` are the global ids of the unit's normalised forms (the main process numbers them
    when the unit's forms arrive).
    """
    return maps.form_stem[ids][p.type_form]


def _stems(p: _Encoded, ids: np.ndarray, maps: _Maps) -> tuple[np.ndarray, np.ndarray]:
    """Global stem id per position (-1: a boundary) and group index per position."""
    stems = np.concatenate([np.array([-1], dtype=np.int32), _type_stem(p, ids, maps)])[p.words + 1]
    gmap = np.array([maps.gindex[g] for g in p.names], dtype=np.int32)
    groups = np.repeat(gmap[p.doc_group], p.doc_len) if len(p.doc_len) else np.zeros(0, np.int32)
    return stems, groups


def _count_stage(item: tuple[Any, np.ndarray], maps: _Maps
                 ) -> tuple[list[np.ndarray], list[list[tuple[Any, ...]]]]:
    """Group totals per n-gram length, and the unit's n-gram counts cut into ``maps.buckets`` by
    n-gram (so that every group's count of one n-gram lands in the same bucket)."""
    handle, ids = item
    p = load(handle[0])
    stems, groups = _stems(p, ids, maps)
    assert maps.stop is not None and maps.kept is not None
    masks = _position_masks(stems, maps.stop, maps.kept)
    n_groups, n_buckets = len(maps.gindex), maps.buckets
    totals_by_n = []
    buckets: list[list[tuple[Any, ...]]] = [[] for _ in range(n_buckets)]
    for n in range(1, maps.max_n + 1):
        keys, counts, totals, picked = _ngram_keys(stems, groups, maps.n_stems, n, n_groups, masks)
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
class _RankSetup:
    n_stems: int
    n_groups: int
    totals: list[np.ndarray]  # group totals per n-gram length, over the whole corpus
    top: int | None
    min_count: int
    alpha0: float | None


def _rank_bucket(handles: list[Any], setup: _RankSetup) -> list[Any]:
    """Sum one bucket's counts over every unit and keep its top rows per group."""
    parts: list[Any] = []
    merged = [_Merged(n, setup.n_stems, setup.n_groups) for n in range(1, len(setup.totals) + 1)]
    no_totals = np.zeros(setup.n_groups, dtype=np.int64)
    for handle in handles:
        for acc, (keys, counts, picked) in zip(merged, load(handle), strict=True):
            acc.add(keys, counts, no_totals, picked)
    for acc, totals in zip(merged, setup.totals, strict=True):
        grams, table, _ = acc.result(setup.min_count)
        parts += _score_grams(grams, table, totals, setup.n_groups, top=setup.top,
                              min_count=setup.min_count, alpha0=setup.alpha0)
    return parts


def _locate_stage(item: tuple[Any, np.ndarray], maps: _Maps
                  ) -> tuple[dict[Any, tuple[str, int, int]], dict[Any, int]]:
    """First occurrence per (group, n-gram) in this unit, and the count of each spelling."""
    handle, ids = item
    p = load(handle[0])
    stems, _ = _stems(p, ids, maps)
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
        pos, gram_idx = _locate(cstems, grams, compact, v)
        if not len(pos):
            continue
        doc = np.searchsorted(doc_start, pos, side="right") - 1
        gi = gmap[p.doc_group[doc]]
        uniq, counts = _count_rows([gram_idx, *(p.words[pos + k] for k in range(n))])
        for row, count in zip(uniq.tolist(), counts.tolist(), strict=True):
            spellings[(n, row[0], " ".join(p.surfaces[t] for t in row[1:]))] = count
        for g, j, d, _ in _firsts(pos, doc_rank[doc], doc, gi, gram_idx):
            first[(g, grams[j])] = (p.doc_ids[d], d, 0)
    return first, spellings


def _quote_stage(item: tuple[Any, np.ndarray, list[tuple[int, Any]]], maps: _Maps
                 ) -> list[tuple[Any, tuple[str, str]]]:
    handle, ids, wanted = item
    p, texts = load(handle[0]), load(handle[1])
    shim: Any = SimpleNamespace(word_index={w: i for i, w in enumerate(p.surfaces)},
                                type_stem=_type_stem(p, ids, maps))
    out = []
    words: tuple[int, Any] = (-1, None)
    for doc, key in sorted(wanted, key=lambda pair: pair[0]):
        if words[0] != doc:
            words = (doc, _words(shim, texts[doc]))
        out.append((key, _concordance(shim, texts[doc], key[1], maps.window, words[1])))
    return out


class _Vocabulary:
    """The corpus's normalised forms, numbered as the units arrive (in order of first
    occurrence, as the in-memory code numbers them), with their counts."""

    def __init__(self) -> None:
        self._ids = _Ids()
        self._freq = np.zeros(1024, dtype=np.int64)
        self.unit_ids: list[np.ndarray] = []  # per unit: the global id of each of its forms

    def add(self, forms: list[str], counts: np.ndarray) -> None:
        ids = np.fromiter(map(self._ids.__getitem__, forms), dtype=np.int32, count=len(forms))
        if len(self._ids) > len(self._freq):
            self._freq = np.concatenate([self._freq, np.zeros(max(len(self._ids), len(self._freq)),
                                                              dtype=np.int64)])
        self._freq[ids] += counts  # a unit's forms are distinct
        self.unit_ids.append(ids)

    @property
    def forms(self) -> list[str]:
        return list(self._ids)

    @property
    def freq(self) -> np.ndarray:
        return self._freq[:len(self._ids)]


class _Merged:
    """Sum over units of the n-gram counts of one length, as sorted (key, count) pairs.

    Keys are ``n-gram * G + group`` (:func:`framing.analysis.discovery.core._ngram_keys`), so only the
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
        grams, table = _unpack_keys(self.keys, self.counts, self.n_stems, n, g, min_count)
        return grams, table, self.totals


def discover_chunked(
    corpus: Any, *, engine: Engine, by: str = "outlet", groups: Mapping[str, str] | None = None,
    pair: tuple[str, str] | None = None, top: int | None = 30, min_count: int = 5, max_n: int = 3,
    stopwords: Any = None, lexicon: Any = "arabic-conflict", alpha0: float | None = None,
    window: int = 30, normalizer: Normalizer | None = None, show_progress: bool | None = None,
) -> Any:
    """:func:`framing.discover` on ``engine``; same parameters, same table (see the module docstring)."""
    _check(top, min_count, max_n, window, alpha0)
    normalizer = normalizer or Normalizer()
    stops = DEFAULT_STOPWORDS if stopwords is None else frozenset(normalizer(w) for w in stopwords)
    if pair is not None:
        pair = (str(pair[0]), str(pair[1]))
    corpus = as_corpus(corpus)
    handles: list[Any] = []
    with engine:
        try:
            return _run(corpus, engine, handles, by=by, groups=groups, pair=pair, top=top,
                        min_count=min_count, max_n=max_n, stops=stops, lexicon=lexicon, alpha0=alpha0,
                        window=window, normalizer=normalizer, show_progress=show_progress)
        finally:
            engine.release(handles)


def _run(corpus: Any, engine: Engine, handles: list[Any], *, by: str,
         groups: Mapping[str, str] | None, pair: tuple[str, str] | None, top: int | None, min_count: int,
         max_n: int, stops: frozenset[str], lexicon: Any, alpha0: float | None, window: int,
         normalizer: Normalizer, show_progress: bool | None) -> Any:
    from ...progress import progress

    def prepare() -> None:  # for the table at the end
        nonlocal lexicon
        import pandas  # noqa: F401

        if lexicon is not None and not isinstance(lexicon, Matcher):
            lexicon = Matcher(lexicon, normalizer=normalizer)

    # 1. encode
    factor = _PARALLEL_FACTOR if engine.parallel else _CHUNK_FACTOR
    plan = engine.plan(corpus, chunk_size=factor * engine.chunk_size)
    setup = _EncodeSetup(by, groups, pair, normalizer)
    vocabulary = _Vocabulary()
    seen: set[str] = set()
    kept_units = engine.keep(partial(_encode_unit, engine.skip_bad_shards), plan.units, setup,
                             label=lambda u: u.label(), parts=2)
    for result, handle in progress(engine.while_working(kept_units, prepare), desc="reading",
                                   unit="unit", enable=show_progress):
        plan.add(result)
        if result.value is None:
            continue
        handles.append(handle)
        unit_seen, forms, counts = result.value
        seen |= unit_seen
        vocabulary.add(_unpack(forms), counts)
    plan.finish()
    names = _compared_groups(seen, pair)
    units = list(zip(handles, vocabulary.unit_ids, strict=True))
    freq, forms = vocabulary.freq, vocabulary.forms

    # 2. stems, stop words and frequent words, over the whole vocabulary
    if engine.parallel and engine.width > 1 and len(forms) > 1:  # a slice of the forms per worker
        size = -(-len(forms) // engine.width)
        slices = [forms[i:i + size] for i in range(0, len(forms), size)]
        parts = list(engine.map(_stem_slice, slices, (forms, normalizer.teh_marbuta_char, stops)))
        form_stem, stem_names, stop = _stem_ids([w for part in parts for w in part[0]],
                                                np.concatenate([part[1] for part in parts]),
                                                np.concatenate([part[2] for part in parts]))
    else:
        form_stem, stem_names, stop = _stem_table(forms, normalizer.teh_marbuta_char, stops)
    word = form_stem >= 0
    word_freq = np.bincount(form_stem[word], weights=freq[word], minlength=len(stem_names)).astype(np.int64)
    maps = _Maps(form_stem, {g: i for i, g in enumerate(names)}, len(stem_names), stop,
                 word_freq >= min_count, max_n, window=window)

    # 3. count (workers), cut into buckets of n-grams; sum and rank each bucket (workers)
    maps.buckets = max(_BUCKETS, 2 * engine.width)
    totals = [np.zeros(len(names), dtype=np.int64) for _ in range(max_n)]
    bucket_handles: list[list[Any]] = []
    try:
        for unit_totals, parts in progress(engine.keep(_count_stage, units, maps, parts=maps.buckets),
                                           desc="counting", unit="unit", enable=show_progress):
            for acc, t in zip(totals, unit_totals, strict=True):
                acc += t
            bucket_handles.append(parts)
        ranking = _RankSetup(len(stem_names), len(names), totals, top, min_count, alpha0)
        buckets = [[parts[b] for parts in bucket_handles] for b in range(maps.buckets)]
        rows = [part for ranked in engine.map(_rank_bucket, buckets, ranking) for part in ranked]
    finally:
        engine.release(bucket_handles)
    table = _order(rows, stem_names, top)
    if table.empty:
        import pandas as pd

        return pd.DataFrame(columns=DISCOVER_COLUMNS)

    # 4. locate and quote
    keys = _keys(table)
    wanted: dict[int, list[tuple[int, ...]]] = {}
    for _, gram in keys:
        wanted.setdefault(len(gram), []).append(gram)
    maps.wanted = {n: sorted(set(grams)) for n, grams in wanted.items()}
    maps.stop = maps.kept = None
    best: dict[Any, tuple[str, int, int]] = {}
    spell: Counter[Any] = Counter()
    chosen_keys = set(keys)
    for unit, (first, spellings) in enumerate(engine.map(_locate_stage, units, maps)):
        for key, (doc_id, doc, _) in first.items():
            candidate = (doc_id, unit, doc)
            if key in chosen_keys and (key not in best or candidate < best[key]):
                best[key] = candidate
        spell.update(spellings)
    spelling = _most_frequent((maps.wanted[n][j], count, text) for (n, j, text), count in spell.items())
    by_unit: dict[int, list[tuple[int, Any]]] = {}
    for key, (_, unit, doc) in best.items():
        by_unit.setdefault(unit, []).append((doc, key))
    items = [(*units[u], by_unit[u]) for u in sorted(by_unit)]
    examples = {key: quote for part in engine.map(_quote_stage, items, maps) for key, quote in part}
    return _finish(table, names, examples, spelling, lexicon=lexicon, normalizer=normalizer)
