"""``framing discover``: the passes over the corpus, run on an engine.

The corpus is cut into units (:mod:`framing.io.units`) and each unit is read
**once**; the per-unit stages are in :mod:`.stages`:

1. **encode** (on the engine): split the unit's texts into word types and
   word-id streams (:func:`~.words.encode_texts`), normalise the unit's types
   and number their distinct normalised forms. The stream and texts stay
   where the unit was processed (a spill file of the local engine, memory of
   the thread engine, worker memory on Dask: the counting passes load the
   stream only); the main process gets the unit's forms, their counts and
   the groups seen, and numbers the forms of the corpus as each unit arrives
   (a dict look-up per form).
2. the main process stems each distinct normalised form once against the
   whole vocabulary (:func:`framing.text.light_stems`, a slice of the forms
   per worker: the stemmer needs the corpus vocabulary as evidence, so it
   cannot run before every unit is seen), and marks stop words and words
   rarer than ``min_count``.
3. **count** (engine): n-gram counts per group of each unit, in global stem
   ids, cut into buckets by n-gram; **rank** (engine): each bucket's counts
   summed over the units (a sort-merge) and scored with the corpus-wide
   group totals (:func:`~.rank.score_grams`), keeping each group's top rows
   of the bucket (with every tie); the main process orders the union of the
   buckets' rows (:func:`~.rank.order_rows`), which gives the same top rows as
   one table would.
4. **locate** (engine): for the chosen n-grams only, each unit's first
   occurrence per group (by ``doc_id``) and the count of every spelling;
   **quote** (engine): the concordance line of the winning occurrence, from
   the unit that holds it.

With the default ``kinds="content"`` the encode pass also gathers what the
house-style kinds need (:mod:`.house`) and the ranking asks for more rows
than ``top`` until each group has ``top`` rows of kind ``content``
(:mod:`.choose`). ``dedup="flag"`` sketches the documents for near-copies in
the encode pass too; ``drop`` and ``keep-first`` find them in a pass of their
own first (:func:`framing.count.dedup.find_copies`). ``control="stories"``
counts by (story, group) cells and ranks each bucket by the stratified
log-odds (:mod:`.controlled`), after a pass that finds the stories
(:func:`framing.analysis.find_stories`) unless a stories table is given.

Every count is a sum over documents and every choice (first occurrence by
``doc_id`` then input order, most frequent spelling then alphabetical) is a
minimum or maximum over units, so the table is the same whatever the units
and the engine (``tests/engines/test_parallel.py``). Memory of the main
process grows with the vocabulary, not with the number of documents; a
worker ranking a bucket holds that bucket's distinct n-grams.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from ...count.dedup import (
    CopyCollector,
    DedupMode,
    NearCopies,
    check_dedup,
    find_copies,
    leaves_out,
    sketch_in_pass,
)
from ...engines import Engine, resolve
from ...errors import check_option
from ...io import as_corpus
from ...io.units import plan, unit_label
from ...lexicon import Lexicon
from ...match import Matcher
from ...progress import progress
from ...text import Normalizer
from ..stories import find_stories, read_stories
from .choose import choose_rows
from .controlled import CellSetup, cells_of, check_cells, compact_stems, rank_cells
from .examples import finish_table
from .house import StyleTally
from .quoting import locate_and_quote
from .rank import check_settings, compared_groups
from .stages import (
    EncodeSetup,
    Maps,
    RankSetup,
    Vocabulary,
    count_stage,
    encode_unit,
    rank_bucket,
    stem_slice,
    unpack_words,
)
from .words import DEFAULT_STOPWORDS, stem_ids, stem_table

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["DISCOVER_COLUMNS", "discover", "unit_size"]

DISCOVER_COLUMNS = ["group", "term", "kind", "z", "count_group", "count_rest", "in_lexicon", "example"]

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


def unit_size(engine: Engine) -> int:
    """Documents per unit of discovery's pass on ``engine`` (a command that reads the corpus once
    for discovery and other passes, :func:`framing.io.held.hold`, reads it in these units)."""
    return (_PARALLEL_FACTOR if engine.parallel else _CHUNK_FACTOR) * engine.chunk_size


def discover(
    corpus: Any,
    *,
    by: str = "outlet",
    groups: Mapping[str, str] | None = None,
    pair: tuple[str, str] | None = None,
    top: int | None = 30,
    min_count: int = 5,
    max_n: int = 3,
    stopwords: Iterable[str] | None = None,
    lexicon: Lexicon | str | Matcher | None = "arabic-conflict",
    alpha0: float | None = None,
    window: int = 30,
    normalizer: Normalizer | None = None,
    dedup: DedupMode = "flag",
    control: Literal["none", "stories"] = "none",
    kinds: Literal["content", "all"] = "content",
    stories: Any = None,
    show_progress: bool | None = None,
    jobs: int = 1,
    engine: Engine | None = None,
) -> pd.DataFrame:
    """The n-grams most typical of each group, by log-odds with an informative Dirichlet prior.

    Parameters
    ----------
    corpus : Corpus, DataFrame, path(s) or list of str
        See :func:`framing.read_corpus`.
    by : str
        Grouping: ``"outlet"``, ``"month"``, ``"year"`` or any input column.
    groups : mapping, optional
        Map from the ``by`` value to a group (e.g. outlet → outlet family).
    pair : (str, str), optional
        Compare these two groups with each other only (other documents are
        not used); by default each group is compared with all the others.
    top : int or None
        Rows per group: the ``top`` n-grams with the largest z (``None``:
        every n-gram, with its signed z).
    min_count : int
        N-grams seen fewer times in the compared documents are not scored.
    max_n : int
        Longest n-gram (1 to 3).
    stopwords : iterable of str, optional
        Replaces :data:`DEFAULT_STOPWORDS` (see :func:`read_stopwords`).
    lexicon : Lexicon, str, Matcher or None
        Fills ``in_lexicon``; ``None`` leaves it empty.
    alpha0 : float, optional
        Total prior pseudo-count (see :mod:`framing.analysis.discovery`). Default: the
        number of n-grams of that length in the compared documents.
    window : int
        Characters of context on each side of ``example``.
    normalizer : Normalizer, optional
        Default: :class:`~framing.text.normalizer.Normalizer` ().
        ``Normalizer(hamza_seats=True)`` counts spellings that differ only in
        the seat of the hamza (الشئون, الشؤون) as one word.
    dedup : {"flag", "drop", "keep-first", "off"}
        Near-copies (:mod:`framing.count.dedup`): counted and reported
        (``table.attrs["near_copies"]``), left out, or not looked for
        (``off``: ``near_copies`` is None).
    control : {"none", "stories"}
        ``"none"``: each group against the rest of the corpus (the statistic
        above). ``"stories"``: against the other groups *within the stories
        both covered* (:mod:`framing.analysis.discovery.controlled`): for
        group *i* and n-gram *w*, one stratum per story *s* shared with
        another group, holding *i*'s count ``y_iws`` of *w* and total
        ``n_is``, and the other groups' ``y_jws`` and ``n_js``; with the
        stratum's prior ``a_ws = y_iws + y_jws`` (``a0_s = n_is + n_js``),
        ``A = y_iws + a_ws``, ``B = n_is + a0_s - A``, ``C = y_jws + a_ws``,
        ``D = n_js + a0_s - C``, ``N = A + B + C + D``, the Mantel–Haenszel
        log-odds ``delta_w = log(sum_s A D / N) - log(sum_s B C / N)`` and its
        Robins–Breslow–Greenland variance give ``z = delta / sd``
        (:func:`framing.analysis.stats.log_odds_stratified`). An n-gram that
        only marks which stories a group covers gets ``z`` near 0. Only the
        documents of stories covered by two or more groups are counted.
    kinds : {"content", "all"}
        Each row's ``kind`` (``self``, ``formula``, ``spelling``, ``content``:
        :mod:`framing.analysis.kinds`). ``"content"`` (default) shows the
        top ``content`` n-grams only; ``table.attrs["set_aside"]`` counts the
        rows of each other kind ranked above them. ``"all"`` shows every kind.
    stories : DataFrame or path, optional
        The table of :func:`framing.analysis.find_stories` for this corpus:
        with ``control="stories"`` the stories (default: found here). With
        any ``control``, its ``duplicate_of`` serves ``dedup`` (no pass of
        its own finds the near-copies).
    jobs : int
        Cores to use (``0``: every core); the table is identical. The corpus
        is read once, in units, and memory stays flat in the number of
        documents (see :mod:`framing.analysis.discovery.run`). A corpus read
        from files goes to ``jobs`` worker processes; one already in memory
        (documents, texts or a DataFrame) to ``jobs`` threads of this process
        (pyarrow's and numpy's loops release the GIL).
    engine : Engine, optional
        Run on this engine instead: a :class:`framing.engines.LocalEngine`,
        :class:`~framing.engines.ThreadEngine` or
        :class:`~framing.engines.DaskEngine`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`DISCOVER_COLUMNS`: ``group, term, kind, z,
        count_group, count_rest, in_lexicon, example``; for each group
        (sorted) its rows by decreasing z. ``count_rest`` counts the other
        side of the comparison (all other groups, or the other group of
        ``pair``; with ``control="stories"``, both counts are over the shared
        stories). ``table.attrs``: ``near_copies``
        (:meth:`~framing.count.dedup.NearCopies.to_attrs`), ``set_aside``
        (rows set aside, per kind) and, with ``control="stories"``,
        ``stories`` (documents and stories the control used).

    Raises
    ------
    FramingError
        Fewer than two groups, an unknown ``pair`` group or invalid settings.

    References
    ----------
    Monroe, Colaresi & Quinn (2008), *Political Analysis* 16(4): 372–403.

    Examples
    --------
    >>> from framing import load_sample
    >>> table = discover(load_sample(), top=5, lexicon=None)
    >>> list(table.columns) == DISCOVER_COLUMNS and sorted(set(table["group"]))[:1]
    ['kestrel']
    """
    check_settings(top, min_count, max_n, window, alpha0)
    check_dedup(dedup)
    check_option("control", control, ("none", "stories"))
    check_option("kinds", kinds, ("content", "all"))
    corpus = as_corpus(corpus)
    engine = resolve(jobs, engine, threads=corpus.in_memory)
    normalizer = normalizer or Normalizer()
    stops = DEFAULT_STOPWORDS if stopwords is None else frozenset(normalizer(w) for w in stopwords)
    if pair is not None:
        pair = (str(pair[0]), str(pair[1]))
    handles: list[Any] = []
    with engine:
        table, copies = _stories_and_copies(corpus, engine, control, stories, dedup, show_progress)
        try:
            return _passes(corpus, engine, handles, by=by, groups=groups, pair=pair, top=top,
                           min_count=min_count, max_n=max_n, stops=stops, lexicon=lexicon, alpha0=alpha0,
                           window=window, normalizer=normalizer, show_progress=show_progress, dedup=dedup,
                           copies=copies, kinds=kinds, stories=table)
        finally:
            engine.release(handles)


def _stories_and_copies(corpus: Any, engine: Engine, control: str, stories: Any, dedup: str,
                        show_progress: bool | None) -> tuple[Any, NearCopies | None]:
    """The stories table (``control="stories"``) and the near-copies known before reading (from
    a stories table, given or found, or a pass of their own)."""
    given = None
    if stories is not None:
        given = stories if hasattr(stories, "columns") else read_stories(stories)
    table = None
    if control == "stories":
        table = given if given is not None else find_stories(corpus, show_progress=show_progress,
                                                             engine=engine)
    copies = None
    if table is not None or given is not None:
        copies = NearCopies.from_table(table if table is not None else given)
    elif leaves_out(dedup):
        copies = find_copies(corpus, engine=engine, show_progress=show_progress)
    return table, copies


def _passes(corpus: Any, engine: Engine, handles: list[Any], *, by: str,
            groups: Mapping[str, str] | None, pair: tuple[str, str] | None, top: int | None,
            min_count: int, max_n: int, stops: frozenset[str], lexicon: Any, alpha0: float | None,
            window: int, normalizer: Normalizer, show_progress: bool | None, dedup: str,
            copies: NearCopies | None, kinds: str, stories: Any) -> Any:
    def prepare() -> None:  # for the table at the end
        nonlocal lexicon
        import pandas  # noqa: F401

        if lexicon is not None and not isinstance(lexicon, Matcher):
            lexicon = Matcher(lexicon, normalizer=normalizer)

    # 1. encode (and sketch the documents, and gather house-style evidence)
    units_plan = plan(corpus, engine, chunk_size=unit_size(engine))
    skip = copies.left_out_ids(dedup) if copies is not None else frozenset()  # type: ignore[arg-type]
    setup = EncodeSetup(by, groups, pair, normalizer, skip=skip,
                        sketch=sketch_in_pass(dedup, copies), style=True,
                        cells=stories is not None)
    vocabulary, style, collector = Vocabulary(), StyleTally(), CopyCollector()
    seen: set[str] = set()
    doc_ids: list[str] = []
    doc_groups: list[str] = []
    left_out = 0
    kept_units = engine.keep(partial(encode_unit, engine.skip_bad_shards), units_plan.units, setup,
                             label=unit_label, parts=2)
    for result, handle in progress(engine.while_working(kept_units, prepare), desc="reading",
                                   unit="unit", enable=show_progress):
        units_plan.add(result)
        if result.value is None:
            continue
        handles.append(handle)
        summary = result.value
        seen |= summary.seen
        vocabulary.add(unpack_words(summary.forms), summary.counts)
        if summary.evidence is not None:
            style.add(summary.evidence, vocabulary.unit_ids[-1], summary.names)
        collector.add(summary.sketches)
        doc_ids += summary.doc_ids or []
        doc_groups += summary.doc_groups or []
        left_out += summary.left_out
    units_plan.finish()
    copies = collector.settle(copies, dedup, left_out)
    names = compared_groups(seen, pair)
    units = list(zip(handles, vocabulary.unit_ids, strict=True))
    freq, forms = vocabulary.freq, vocabulary.forms

    # 2. stems, stop words and frequent words, over the whole vocabulary
    if engine.parallel and engine.width > 1 and len(forms) > 1:  # a slice of the forms per worker
        size = -(-len(forms) // engine.width)
        slices = [forms[i:i + size] for i in range(0, len(forms), size)]
        parts = list(engine.map(stem_slice, slices, (forms, normalizer.teh_marbuta_char, stops)))
        form_stem, stem_names, stop = stem_ids([w for part in parts for w in part[0]],
                                                np.concatenate([part[1] for part in parts]),
                                                np.concatenate([part[2] for part in parts]))
    else:
        form_stem, stem_names, stop = stem_table(forms, normalizer.teh_marbuta_char, stops)
    word = form_stem >= 0
    word_freq = np.bincount(form_stem[word], weights=freq[word], minlength=len(stem_names)).astype(np.int64)
    maps = Maps(form_stem, {g: i for i, g in enumerate(names)}, len(stem_names), stop,
                 word_freq >= min_count, max_n, window=window)
    self_names, variants = style.finish(form_stem, stem_names, forms, vocabulary.ids)

    # 3. count (workers), cut into buckets of n-grams; sum and rank each bucket (workers)
    maps.buckets = max(_BUCKETS, 2 * engine.width)
    counting, cells, info = maps, None, {}
    if stories is not None:
        doc_cell, cell_story, cell_group, unlisted = cells_of(doc_ids, doc_groups, stories, names)
        assert maps.kept is not None
        form_c, stop_c, kept_c, old_stem = compact_stems(form_stem, stop, maps.kept)
        check_cells(len(kept_c), max_n, len(cell_story))
        counting = replace(maps, form_stem=form_c, n_stems=len(kept_c), stop=stop_c, kept=kept_c,
                           doc_cell=doc_cell, n_cells=len(cell_story))
        cells = (cell_story, cell_group, old_stem)
        info = {"documents": len(doc_cell), "stories": len(set(cell_story.tolist())),
                "unlisted": unlisted}
    width = counting.n_cells if cells is not None else len(names)
    totals = [np.zeros(width, dtype=np.int64) for _ in range(max_n)]
    bucket_handles: list[list[Any]] = []
    try:
        for unit_totals, parts in progress(engine.keep(count_stage, units, counting, parts=maps.buckets),
                                           desc="counting", unit="unit", enable=show_progress):
            for acc, t in zip(totals, unit_totals, strict=True):
                acc += t
            bucket_handles.append(parts)
        buckets = [[parts[b] for parts in bucket_handles] for b in range(maps.buckets)]

        def rank(k: int | None) -> list[Any]:
            if cells is not None:
                setup = CellSetup(counting.n_stems, counting.n_cells, cells[0], cells[1], len(names), totals,
                                  k, min_count, cells[2])
                return [part for ranked in engine.map(rank_cells, buckets, setup) for part in ranked]
            ranking = RankSetup(len(stem_names), len(names), totals, k, min_count, alpha0)
            return [part for ranked in engine.map(rank_bucket, buckets, ranking) for part in ranked]

        chosen = choose_rows(rank, stem_names, names, top, kinds, self_names, variants)
    finally:
        engine.release(bucket_handles)
    table = chosen.table
    if table.empty:
        import pandas as pd

        out = pd.DataFrame(columns=DISCOVER_COLUMNS)
    else:
        # 4. locate and quote
        examples, spelling = locate_and_quote(engine, units, maps, table)
        out = finish_table(table, names, examples, spelling, lexicon=lexicon, normalizer=normalizer)
        out.insert(2, "kind", chosen.kinds)
    out.attrs.update(near_copies=copies.to_attrs() if copies is not None else None,
                     set_aside=dict(chosen.set_aside), kinds=kinds)
    if stories is not None:
        out.attrs["stories"] = info
    return out
