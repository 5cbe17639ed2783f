"""Count lexicon labels per document and per group: ``framing score``.

Definitions (per group *g*, concept *c*, label *l*):

``hits``
    occurrences of the label's terms in the group's documents;
``docs_with_hit``
    documents of *g* with at least one hit of *l*;
``rate_per_1k_tokens``
    ``1000 * hits / n_tokens`` where ``n_tokens`` counts the group's word
    tokens (:mod:`framing.text.tokens`);
``share_within_concept``
    ``hits / (hits of every label of c in g)``: the share of the concept's
    mentions that used this label (empty when the group never mentions *c*).

Voice (see :mod:`framing.voice`): ``hits`` and everything computed from it
count only the hits of the chosen voice, by default ``own`` (the outlet's
narration, not quoted or reported speech). The last three columns are
computed over **all** voices whatever that choice, and are empty when
``voice="all"`` (which skips voice analysis):

``attributed_share``
    of all the hits of *l* in *g*, the share that were ``quoted`` or
    ``reported``: how much of the label's use is someone else's words
    (empty when *l* has no hit in *g*);
``scare_quoted_share``
    of all the hits of *l* in *g*, the share inside scare quotes («التحالف»,
    "إسرائيل") (empty when *l* has no hit in *g*);
``scare_quote_rate``
    scare-quoted hits of every label in *g* per 1,000 tokens of *g* (the same
    on every row of the group).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..engines import Engine, resolve
from ..errors import check_option
from ..io.corpus import Corpus, Document, as_corpus
from ..io.groups import group_key
from ..lexicon.model import Lexicon
from ..match import Matcher, document_batches
from ..progress import progress
from ..voice.map import VOICE_FILTERS, analyse_voice

__all__ = [
    "GROUP_COLUMNS",
    "ScoreResult",
    "label_columns",
    "score",
    "score_documents",
    "score_to_folder",
]

GROUP_COLUMNS = [
    "group", "concept", "label", "pole", "hits", "docs_with_hit", "n_docs", "n_tokens",
    "rate_per_1k_tokens", "share_within_concept", "attributed_share", "scare_quoted_share",
    "scare_quote_rate",
]


def label_columns(matcher: Matcher) -> list[tuple[str, str]]:
    """The (concept, label) pairs of the lexicon, in lexicon order."""
    return [(lab.concept, lab.id) for lab in matcher.lexicon.labels]


@dataclass
class ScoreResult:
    """The two tables of :func:`score`, plus the reading report.

    Unpacks as ``documents, groups = score(...)``.
    """

    documents: Any
    groups: Any
    report: Any = None
    extra: dict[str, Any] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Any]:
        return iter((self.documents, self.groups))


def score_documents(
    corpus: Iterable[Document], matcher: Matcher, key: Callable[[Document], str], *,
    voice: str = "own", show_progress: bool | None = None,
) -> Iterator[tuple[Document, str, int, np.ndarray]]:
    """Stream ``(document, group, n_tokens, label_counts)`` for each document.

    ``label_counts`` counts the hits of one ``voice`` (``"own"``, ``"quoted"``,
    ``"reported"``) or of all of them (``"all"``); see :mod:`framing.voice`.
    """
    for doc, group, n_tokens, vec, _ in _score_stream(corpus, matcher, key, voice=voice,
                                                      show_progress=show_progress):
        yield doc, group, n_tokens, vec


class _VoiceCounts:
    """One document's counts over all voices: hits, attributed hits (per label), scare-quoted hits."""

    __slots__ = ("attributed", "hits", "scare", "scare_total")

    def __init__(self, hits: np.ndarray, attributed: np.ndarray, scare: np.ndarray) -> None:
        self.hits, self.attributed, self.scare = hits, attributed, scare
        self.scare_total = int(scare.sum())


def _score_stream(
    corpus: Iterable[Document], matcher: Matcher, key: Callable[[Document], str], *,
    voice: str, show_progress: bool | None,
) -> Iterator[tuple[Document, str, int, np.ndarray, _VoiceCounts | None]]:
    """:func:`score_documents` plus the all-voice counts (None when ``voice="all"``)."""
    check_option("voice", voice, VOICE_FILTERS)
    labels = label_columns(matcher)
    index = {pair: i for i, pair in enumerate(labels)}
    term_label = np.array([index[(t.concept, t.label)] for t in matcher.terms], dtype=np.intp)
    n_labels = len(labels)
    zeros = np.zeros(n_labels, dtype=np.int64)
    empty = _VoiceCounts(zeros, zeros, zeros)
    docs = progress(corpus, desc="scoring", enable=show_progress)
    for batch in document_batches(docs):
        scans = matcher.scan_many([doc.text for doc in batch], offsets=voice != "all")
        for doc, (n_tokens, matches) in zip(batch, scans, strict=True):
            group = key(doc)
            if voice == "all":
                vec = np.bincount(term_label[[m.term for m in matches]], minlength=n_labels) \
                    if matches else zeros.copy()
                yield doc, group, n_tokens, vec, None
                continue
            # voice analysis only where there are hits
            if not matches:
                yield doc, group, n_tokens, zeros.copy(), empty
                continue
            voices = analyse_voice(doc.text)
            infos = [voices.at(m.start, m.end, speaker=False) for m in matches]
            lab = term_label[[m.term for m in matches]]
            kept = lab[[i.voice == voice for i in infos]]
            vec = np.bincount(kept, minlength=n_labels).astype(np.int64, copy=False)
            yield doc, group, n_tokens, vec, _VoiceCounts(
                np.bincount(lab, minlength=n_labels),
                np.bincount(lab[[i.voice != "own" for i in infos]], minlength=n_labels),
                np.bincount(lab[[i.scare_quoted for i in infos]], minlength=n_labels),
            )


class GroupTotals:
    """Running per-group totals, fed one document at a time."""

    def __init__(self, n_labels: int) -> None:
        self.n_labels = n_labels
        self.docs: dict[str, int] = {}
        self.tokens: dict[str, int] = {}
        self.hits: dict[str, np.ndarray] = {}
        self.with_hit: dict[str, np.ndarray] = {}
        # over all voices (absent when voice="all" skipped voice analysis)
        self.all_hits: dict[str, np.ndarray] = {}
        self.attributed: dict[str, np.ndarray] = {}
        self.scare: dict[str, np.ndarray] = {}

    def add(self, group: str, n_tokens: int, vec: np.ndarray,
            voices: _VoiceCounts | None = None) -> None:
        if group not in self.docs:
            self.docs[group] = 0
            self.tokens[group] = 0
            self.hits[group] = np.zeros(self.n_labels, dtype=np.int64)
            self.with_hit[group] = np.zeros(self.n_labels, dtype=np.int64)
        self.docs[group] += 1
        self.tokens[group] += n_tokens
        self.hits[group] += vec
        self.with_hit[group] += vec > 0
        if voices is not None:
            if group not in self.all_hits:
                for table in (self.all_hits, self.attributed, self.scare):
                    table[group] = np.zeros(self.n_labels, dtype=np.int64)
            if voices.hits.any():
                self.all_hits[group] += voices.hits
                self.attributed[group] += voices.attributed
                if voices.scare_total:
                    self.scare[group] += voices.scare

    def merge(self, other: GroupTotals) -> None:
        """Add another :class:`GroupTotals` (of other documents) to these."""
        for group, docs in other.docs.items():
            if group not in self.docs:
                self.docs[group] = 0
                self.tokens[group] = 0
                self.hits[group] = np.zeros(self.n_labels, dtype=np.int64)
                self.with_hit[group] = np.zeros(self.n_labels, dtype=np.int64)
            self.docs[group] += docs
            self.tokens[group] += other.tokens[group]
            self.hits[group] += other.hits[group]
            self.with_hit[group] += other.with_hit[group]
            if group in other.all_hits:
                if group not in self.all_hits:
                    for table in (self.all_hits, self.attributed, self.scare):
                        table[group] = np.zeros(self.n_labels, dtype=np.int64)
                self.all_hits[group] += other.all_hits[group]
                self.attributed[group] += other.attributed[group]
                self.scare[group] += other.scare[group]

    def frame(self, matcher: Matcher) -> Any:
        import pandas as pd

        labels = label_columns(matcher)
        nan = float("nan")
        rows = []
        for group in sorted(self.docs):
            hits = self.hits[group]
            tokens = self.tokens[group]
            concept_total: dict[str, int] = {}
            for (concept, _), h in zip(labels, hits, strict=True):
                concept_total[concept] = concept_total.get(concept, 0) + int(h)
            all_hits = self.all_hits.get(group)
            attributed, scare = self.attributed.get(group), self.scare.get(group)
            if all_hits is not None and scare is not None:
                scare_rate = 1000.0 * int(scare.sum()) / tokens if tokens else nan
            else:
                scare_rate = nan
            for i, (concept, label) in enumerate(labels):
                total = concept_total[concept]
                n_all = int(all_hits[i]) if all_hits is not None else 0
                rows.append({
                    "group": group, "concept": concept, "label": label,
                    "pole": matcher.lexicon.label(concept, label).pole,
                    "hits": int(hits[i]), "docs_with_hit": int(self.with_hit[group][i]),
                    "n_docs": self.docs[group], "n_tokens": tokens,
                    "rate_per_1k_tokens": 1000.0 * hits[i] / tokens if tokens else nan,
                    "share_within_concept": hits[i] / total if total else nan,
                    "attributed_share": attributed[i] / n_all if n_all and attributed is not None else nan,
                    "scare_quoted_share": scare[i] / n_all if n_all and scare is not None else nan,
                    "scare_quote_rate": scare_rate,
                })
        return pd.DataFrame(rows, columns=GROUP_COLUMNS)


def score(
    corpus: Any,
    lexicon: Lexicon | str | Matcher = "arabic-conflict",
    *,
    by: str = "outlet",
    groups: dict[str, str] | None = None,
    voice: str = "own",
    show_progress: bool | None = None,
    jobs: int = 1,
    engine: Engine | None = None,
) -> ScoreResult:
    """Count each label per document and per group.

    Parameters
    ----------
    corpus : Corpus, DataFrame, path(s) or list of str
        See :func:`framing.read_corpus`.
    lexicon : Lexicon, str or Matcher
        Default: the bundled ``arabic-conflict`` lexicon.
    by : str
        Grouping: ``"outlet"``, ``"month"``, ``"year"`` or any input column.
    groups : dict, optional
        Map from the ``by`` value to a group (e.g. outlet → outlet family).
    voice : {"own", "quoted", "reported", "all"}
        Count only the hits in this voice (:mod:`framing.voice`). Default
        ``"own"``: the outlet's narration, leaving out the words it quotes or
        reports from others. ``"all"`` counts every hit and is faster (no
        voice analysis), but leaves the voice columns of ``groups`` empty.
    jobs : int
        Worker processes for the per-document work (``0``: every core); the
        tables are identical to ``jobs=1`` (see ``docs/cluster.md``).
    engine : Engine, optional
        Run on this engine instead: :class:`framing.engines.LocalEngine` or
        :class:`framing.engines.DaskEngine`.

    Returns
    -------
    ScoreResult
        Unpacks to ``(documents, groups)``. ``documents`` has one row per
        document: ``doc_id, outlet, [group,] n_tokens`` then one count column
        per label named ``concept:label``. ``groups`` has one row per group ×
        concept × label with the columns of :data:`GROUP_COLUMNS` (defined in
        the module docstring). ``report`` is the corpus
        :class:`~framing.io.corpus.ReadReport`.

    Raises
    ------
    FramingError
        If ``voice`` is not one of the four values, or ``by`` names no column.

    Examples
    --------
    >>> docs, groups = score(load_sample())  # doctest: +SKIP
    """
    import pandas as pd

    check_option("voice", voice, VOICE_FILTERS)
    runner = resolve(jobs, engine)
    if runner is not None:
        from .stages import score_parallel

        return score_parallel(corpus, lexicon, by=by, groups=groups, voice=voice, engine=runner,
                              show_progress=show_progress)
    corpus = as_corpus(corpus)
    matcher = lexicon if isinstance(lexicon, Matcher) else Matcher(lexicon)
    labels = label_columns(matcher)
    names = [f"{c}:{lab}" for c, lab in labels]
    totals = GroupTotals(len(labels))
    meta, counts = [], []
    key = group_key(by, groups=groups)
    for doc, group, n_tokens, vec, voices in _score_stream(corpus, matcher, key, voice=voice,
                                                           show_progress=show_progress):
        totals.add(group, n_tokens, vec, voices)
        meta.append((doc.doc_id, doc.outlet, group, n_tokens))
        counts.append(vec)
    head = pd.DataFrame(meta, columns=["doc_id", "outlet", "group", "n_tokens"])
    body = pd.DataFrame(np.vstack(counts) if counts else np.zeros((0, len(names)), dtype=np.int64),
                        columns=names)
    documents = pd.concat([head, body], axis=1)
    if by == "outlet" and groups is None:
        documents = documents.drop(columns="group")
    report = corpus.report if isinstance(corpus, Corpus) else None
    return ScoreResult(documents, totals.frame(matcher), report)


def score_to_folder(
    corpus: Any,
    lexicon: Lexicon | str | Matcher = "arabic-conflict",
    *,
    by: str = "outlet",
    groups: dict[str, str] | None = None,
    outdir: Any = None,
    voice: str = "own",
    show_progress: bool | None = None,
    jobs: int = 1,
    engine: Engine | None = None,
) -> Any:
    """Like :func:`score`, but stream ``documents.csv`` to ``outdir`` (memory stays flat).

    Returns the groups table (also written as ``outdir/groups.csv``). With
    ``jobs > 1`` or an ``engine`` (see :func:`score`) the rows are counted on
    the engine and written in input order; both files are written under
    temporary names and renamed when both are complete.
    """
    import csv
    from pathlib import Path

    from ..io.write import _atomic, write_table

    check_option("voice", voice, VOICE_FILTERS)
    runner = resolve(jobs, engine)
    if runner is not None:
        from .stages import score_to_folder_parallel

        return score_to_folder_parallel(corpus, lexicon, by=by, groups=groups, outdir=outdir, voice=voice,
                                        engine=runner, show_progress=show_progress)
    corpus = as_corpus(corpus)
    matcher = lexicon if isinstance(lexicon, Matcher) else Matcher(lexicon)
    labels = label_columns(matcher)
    totals = GroupTotals(len(labels))
    key = group_key(by, groups=groups)
    stream = _score_stream(corpus, matcher, key, voice=voice, show_progress=show_progress)
    with_group = not (by == "outlet" and groups is None)
    if outdir is None:
        for _doc, group, n_tokens, vec, voices in stream:
            totals.add(group, n_tokens, vec, voices)
        return totals.frame(matcher)
    outdir = Path(outdir)
    header = ["doc_id", "outlet", *(["group"] if with_group else []), "n_tokens",
              *(f"{c}:{lab}" for c, lab in labels)]
    with _atomic(outdir / "documents.csv", "w") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        for doc, group, n_tokens, vec, voices in stream:
            totals.add(group, n_tokens, vec, voices)
            writer.writerow([doc.doc_id, doc.outlet, *([group] if with_group else []),
                             n_tokens, *vec.tolist()])
    frame = totals.frame(matcher)
    write_table(frame, outdir / "groups.csv")
    return frame
