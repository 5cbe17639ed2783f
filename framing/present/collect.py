"""Gathering what the report shows: the one function between the corpus and the page.

:func:`collect` reads the corpus and returns a :class:`Collected`: plain
DataFrames with documented columns, nothing else. Everything after it
(statistics on the counts, findings, trends, figures, the page) works on
those tables only, so :func:`collect` can be replaced by any computation
that fills the same tables (e.g. one pass over the corpus that counts,
samples and discovers at once) without touching the rest of the report.

The contract (:class:`Collected`)
    ``documents``
        one row per document, in corpus order: ``doc``, ``doc_id``,
        ``outlet``, ``group``, ``date``, ``period``, ``n_tokens``, then one
        count column ``concept:label`` per label of the lexicon (hits in the
        counted voice): the counts of :func:`framing.score`'s documents
        table. ``doc`` is the document's position in the corpus (0-based);
        every other table refers to documents by it, since ids need not be
        unique.
    ``hit_counts``
        every hit in every voice, counted: :data:`HIT_COUNT_COLUMNS`.
    ``term_counts``
        how often each lexicon term matched (every voice): ``concept, label,
        term, hits``.
    ``contexts``
        the sampled lines (:data:`CONTEXT_COLUMNS`): for ``kind == "label"``
        at most ``max_contexts`` hits (every voice) per label × group, for
        ``kind == "term"`` at most ``max_term_contexts`` occurrences per
        discovered term × group, each a simple random sample (seeded) of the
        cell's occurrences (:mod:`framing.present.sampling`). ``start`` and
        ``end`` are offsets into the document's text as ``framing hits``
        reports them; ``before``/``after`` hold ``window`` characters on
        each side in reading order.
    ``shown``
        the documents the lines come from, with their full text:
        :data:`SHOWN_COLUMNS`.
    ``doc_hits``
        every lexicon hit (every voice) in those documents: :data:`DOC_HIT_COLUMNS`.
    ``discovered``
        :func:`framing.discover`'s table.
    ``cells``
        per cell: ``kind, concept, label, term, group, occurrences, sampled,
        shown, cut`` (``cut``: fewer lines shown than sampled because of the
        text budget).
    ``read_report``
        the corpus's :class:`~framing.io.ReadReport`; ``notes``: sentences
        for the page.

This implementation makes two passes: :func:`framing.discover`, then one
pass of :func:`~framing.present.gather.gather_stage` on the engine (each
document's word count, every hit in every voice, and the discovered terms'
occurrences found by a :class:`~framing.match.Matcher` of those terms),
whose results the main process counts and samples as the units arrive. It
keeps the hits of the documents that sampled lines come from, never the
whole corpus, and takes the texts of the documents shown from the corpus at
the end. Give it a corpus held by :func:`framing.io.held.hold` (as
:func:`framing.build_report` does) and the corpus is read once for both
passes and the texts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from ..analysis import discover
from ..count.scoring import label_columns
from ..engines import Engine, resolve
from ..errors import FramingError, check_option
from ..io import Document, as_corpus
from ..io.units import run_units
from ..lexicon import lexicon_from_terms
from ..match import Matcher
from ..voice import VOICE_FILTERS, analyse_voice
from .gather import Gathered, GatherSetup, gather_stage
from .sampling import ContextSampler, Line
from .trends import TimeUnit, period_of

__all__ = [
    "CONTEXT_COLUMNS",
    "DOC_HIT_COLUMNS",
    "HIT_COUNT_COLUMNS",
    "SHOWN_COLUMNS",
    "WINDOW",
    "Collected",
    "collect",
]

#: Characters of context on each side of a line, as in ``framing hits`` and ``framing kwic``.
WINDOW = 60
CONTEXT_COLUMNS = ["kind", "concept", "label", "term", "group", "doc", "doc_id", "period", "start", "end",
                   "voice", "scare_quoted", "speaker", "before", "match", "after"]
SHOWN_COLUMNS = ["doc", "doc_id", "outlet", "group", "date", "period", "text"]
DOC_HIT_COLUMNS = ["doc", "start", "end", "concept", "label", "pole", "voice", "scare_quoted", "speaker"]
HIT_COUNT_COLUMNS = ["group", "concept", "label", "voice", "scare_quoted", "hits"]
CELL_COLUMNS = ["kind", "concept", "label", "term", "group", "occurrences", "sampled", "shown", "cut"]


@dataclass
class Collected:
    """What the report shows, gathered from the corpus (see the module docstring)."""

    documents: Any
    hit_counts: Any
    term_counts: Any
    contexts: Any
    shown: Any
    doc_hits: Any
    discovered: Any
    cells: Any
    read_report: Any = None
    notes: list[str] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)


class _Index:
    """Per document, in corpus order: id, outlet, group, date, length and word count."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.outlets: list[str] = []
        self.groups: list[str] = []
        self.dates: list[str | None] = []
        self.lengths: list[int] = []
        self.tokens: list[int] = []

    def extend(self, part: Gathered) -> None:
        self.ids += part.ids
        self.outlets += part.outlets
        self.groups += part.groups
        self.dates += part.dates
        self.lengths += part.lengths
        self.tokens += part.tokens


def collect(
    corpus: Any,
    matcher: Matcher,
    *,
    by: str = "outlet",
    groups: dict[str, str] | None = None,
    voice: str = "own",
    time: TimeUnit = "month",
    seed: int = 0,
    max_contexts: int = 200,
    max_term_contexts: int = 20,
    max_text_chars: int = 12_000_000,
    top: int = 15,
    min_count: int = 5,
    max_n: int = 3,
    stopwords: Iterable[str] | None = None,
    engine: Engine | None = None,
    show_progress: bool | None = None,
    keep_ids: frozenset[str] = frozenset(),
    stories: Any = None,
) -> Collected:
    """Read the corpus and gather every table the report shows (see the module docstring).

    Parameters
    ----------
    corpus : Corpus, DataFrame, path(s) or list of str
        See :func:`framing.read_corpus`.
    matcher : Matcher
        The lexicon's matcher.
    by, groups, voice
        As for :func:`framing.score`.
    time : {"week", "month", "year"}
        The period of the ``period`` columns.
    seed : int
        Seed of the samples.
    max_contexts, max_term_contexts : int
        Lines sampled per label × group and per discovered term × group.
    max_text_chars : int
        Characters of document text the lines may draw on
        (:meth:`~framing.present.sampling.ContextSampler.choose`).
    top, min_count, max_n, stopwords
        As for :func:`framing.discover`.
    engine : Engine, optional
        Where to match and discover (see ``docs/cluster.md``).
    keep_ids : frozenset of str
        Documents (by ``doc_id``) whose text and hits ``shown`` and
        ``doc_hits`` hold whether or not a sampled line comes from them
        (the report's same-story documents), outside the text budget.
    stories : DataFrame, optional
        :func:`framing.find_stories`'s table for this corpus: discovery
        takes the near-copies from it (see :func:`framing.discover`).

    Returns
    -------
    Collected

    Raises
    ------
    FramingError
        If ``voice`` is not one of the four values, or ``by`` names no column.
    """
    import numpy as np
    import pandas as pd

    check_option("voice", voice, VOICE_FILTERS)
    corpus = as_corpus(corpus)
    notes: list[str] = []
    discovered = _discover(corpus, notes, by=by, groups=groups, top=top, min_count=min_count,
                           max_n=max_n, stopwords=stopwords, matcher=matcher, engine=engine,
                           show_progress=show_progress, stories=stories)
    terms = list(dict.fromkeys(discovered["term"])) if len(discovered) else []
    scanner = Matcher(lexicon_from_terms(terms)) if terms else None  # finds the terms' lines

    index = _Index()
    label_index = {pair: i for i, pair in enumerate(label_columns(matcher))}
    term_info = [(t.concept, t.label, t.term, t.pole, label_index[(t.concept, t.label)])
                 for t in matcher.terms]
    term_names = [t.label for t in scanner.terms] if scanner is not None else []
    counted: list[tuple[int, int]] = []  # (document, label) of each hit in the counted voice
    kept: dict[int, list[tuple[Any, ...]]] = {}  # the hits of the documents sampled lines come from
    forced: set[int] = set()  # documents of keep_ids, kept whatever the sampler releases
    def release(pos: int) -> None:  # a document no sampled line comes from any more
        if pos not in forced:
            kept.pop(pos, None)

    sampler = ContextSampler(seed=seed, on_release=release)
    counts: Counter[tuple[str, str, str, str, bool]] = Counter()
    term_counts: Counter[tuple[str, str, str]] = Counter()
    setup = GatherSetup(matcher, scanner, by, groups)
    runner = resolve(1, engine)
    with runner:
        for result in run_units(runner, gather_stage, corpus, setup, desc="matching",
                                show_progress=show_progress):
            part = result.value
            if part is None:  # a shard skipped with --skip-bad-shards (reported)
                continue
            base = len(index.ids)
            index.extend(part)
            groups_of = part.groups
            term_lines: dict[tuple[str, ...], list[Line]] = {}  # each cell's lines, in order
            for i, start, end, term in part.terms:
                term_lines.setdefault(("term", "", "", term_names[term], groups_of[i]), []).append(
                    Line(base + i, start, end))
            for cell, lines in term_lines.items():
                sampler.offer_many(cell, lines, cap=max_term_contexts)
            label_lines: dict[tuple[str, ...], list[Line]] = {}
            per_doc: dict[int, list[tuple[Any, ...]]] = {}
            for i, start, end, term, voice_, scare in part.hits:
                pos, group = base + i, groups_of[i]
                concept, label, name, pole, column = term_info[term]
                if voice in ("all", voice_):
                    counted.append((pos, column))
                counts[(group, concept, label, voice_, scare)] += 1
                term_counts[(concept, label, name)] += 1
                label_lines.setdefault(("label", concept, label, "", group), []).append(
                    Line(pos, start, end, voice_, scare))
                per_doc.setdefault(pos, []).append((pos, start, end, concept, label, pole, voice_, scare))
            for cell, lines in label_lines.items():
                sampler.offer_many(cell, lines, cap=max_contexts)
            for i, doc_id in enumerate(part.ids):  # keep the hits of the documents sampled so far
                pos = base + i
                if doc_id in keep_ids:
                    forced.add(pos)
                if pos in forced or sampler.wanted(pos):
                    kept[pos] = per_doc.get(pos, [])
    read_report = getattr(corpus, "report", None)

    periods = [period_of(d, time) for d in index.dates]
    matrix = np.zeros((len(index.ids), len(label_index)), dtype=np.int64)
    if counted:
        where = np.array(counted, dtype=np.int64)
        np.add.at(matrix, (where[:, 0], where[:, 1]), 1)
    documents = pd.concat([
        pd.DataFrame({"doc": np.arange(len(index.ids)), "doc_id": index.ids, "outlet": index.outlets,
                      "group": index.groups, "date": index.dates, "period": periods,
                      "n_tokens": np.asarray(index.tokens, dtype=np.int64)}),
        pd.DataFrame(matrix, columns=[f"{c}:{lab}" for c, lab in label_index])], axis=1)

    chosen = sampler.choose(index.lengths, max_text_chars)
    embedded = [*chosen.docs, *sorted(forced - set(chosen.docs))]
    shown_docs = _documents_at(corpus, embedded)
    voices = _Voices(shown_docs)
    doc_hits = pd.DataFrame([(*h, voices.at(pos, h[1], h[2]).speaker or "") for pos in embedded
                             for h in kept[pos]], columns=DOC_HIT_COLUMNS)
    contexts = _contexts(chosen.lines, shown_docs, voices, index, periods)
    shown = pd.DataFrame([(pos, d.doc_id, d.outlet, index.groups[pos], d.date, periods[pos], d.text)
                          for pos, d in shown_docs.items()], columns=SHOWN_COLUMNS)
    cut = set(chosen.cut)
    cell_rows = []
    for sampled in sampler.cells:
        assert isinstance(sampled, tuple)
        cap = max_contexts if sampled[0] == "label" else max_term_contexts
        seen = sampler.seen(sampled)
        cell_rows.append((*sampled, seen, min(seen, cap), len(chosen.lines.get(sampled, ())),
                          sampled in cut))
    return Collected(
        documents=documents,
        hit_counts=pd.DataFrame([(*k, n) for k, n in sorted(counts.items())], columns=HIT_COUNT_COLUMNS),
        term_counts=pd.DataFrame([(*k, n) for k, n in term_counts.most_common()],
                                 columns=["concept", "label", "term", "hits"]),
        contexts=contexts,
        shown=shown,
        doc_hits=doc_hits,
        discovered=discovered,
        cells=pd.DataFrame(cell_rows, columns=CELL_COLUMNS),
        read_report=read_report,
        notes=notes,
        settings={"max_contexts": max_contexts, "max_term_contexts": max_term_contexts,
                  "max_text_chars": max_text_chars, "text_chars": chosen.chars, "window": WINDOW,
                  "time": time, "voice": voice, "undated": sum(p is None for p in periods)},
    )


def _documents_at(corpus: Any, positions: list[int]) -> dict[int, Document]:
    """The documents at these positions of the corpus, in the order of ``positions`` (a corpus
    held by :func:`framing.io.held.hold` is not read again)."""
    wanted = set(positions)
    found: dict[int, Document] = {}
    if wanted:
        for pos, doc in enumerate(islice(corpus, max(wanted) + 1)):
            if pos in wanted:
                found[pos] = doc
    return {pos: found[pos] for pos in positions}


def _discover(corpus: Any, notes: list[str], **options: Any) -> Any:
    """The discovered terms, or an empty table and a note when discovery cannot run (e.g. one
    group only). Any other problem of the corpus comes up again in the pass over its hits."""
    import pandas as pd

    from ..analysis import DISCOVER_COLUMNS

    matcher = options.pop("matcher")
    try:
        return discover(corpus, lexicon=matcher, **options)
    except FramingError as exc:
        notes.append(f"No discovered terms: {exc}")
        return pd.DataFrame(columns=DISCOVER_COLUMNS)


def _squeeze(text: str) -> str:
    return " ".join(text.split())


class _Voices:
    """Voice analysis of the documents shown, each analysed once when first asked about."""

    def __init__(self, docs: dict[int, Document]) -> None:
        self.docs = docs
        self.maps: dict[int, Any] = {}

    def at(self, doc: int, start: int, end: int) -> Any:
        vmap = self.maps.get(doc)
        if vmap is None:
            vmap = self.maps[doc] = analyse_voice(self.docs[doc].text)
        return vmap.at(start, end)


def _contexts(lines: dict[Any, list[Line]], docs: dict[int, Document], voices: _Voices, index: _Index,
              periods: list[str | None]) -> Any:
    """The sampled lines as a table, with their speakers; term lines get their voice here too."""
    import pandas as pd

    rows = []
    for cell, cell_lines in lines.items():
        kind, concept, label, term, group = cell
        for line in sorted(cell_lines, key=lambda x: (x.doc, x.start)):
            text = docs[line.doc].text
            info = voices.at(line.doc, line.start, line.end)
            voice, scare = line.voice, line.scare_quoted
            if kind == "term":
                voice, scare = info.voice, bool(info.scare_quoted)
            rows.append((kind, concept, label, term, group, line.doc, index.ids[line.doc],
                         periods[line.doc], line.start, line.end, voice, scare, info.speaker or "",
                         _squeeze(text[max(0, line.start - WINDOW):line.start]),
                         text[line.start:line.end], _squeeze(text[line.end:line.end + WINDOW])))
    return pd.DataFrame(rows, columns=CONTEXT_COLUMNS)
