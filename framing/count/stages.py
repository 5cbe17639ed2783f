"""The per-unit stages of ``score``, ``compare`` and ``report``: pure functions of a unit's documents.

An engine runs a stage over the units of a corpus
(:func:`framing.io.units.run_units`); the main process merges the parts in
unit order. A stage reads nothing but its documents and its setup, so the
same code runs in the calling process (``jobs=1``), in worker processes or
on a Dask cluster, and the merged result is the same.

``score_stage`` returns a :class:`ScorePart`: the unit's
:class:`~framing.count.totals.GroupTotals` (summed over units) and either its
rows of ``documents.csv`` already rendered as CSV text (appended to the file
as they arrive), or its per-document arrays (doc ids, groups, tokens, a
documents × labels count matrix), or nothing more (totals only). With
``sketch=True`` it also returns the sampled word 4-grams of the unit's
documents (:mod:`framing.count.copies`), made in the same pass, for
``--dedup``; documents whose ``doc_id`` is in ``skip`` are left out and
counted (``left_out``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from ..errors import check_option
from ..io import Document, group_key
from ..match import Matcher
from ..progress import progress
from ..voice import VOICE_FILTERS, analyse_voice
from .copies import DocumentSketches, Recorder
from .segments import scan_documents
from .totals import GroupTotals, VoiceCounts, label_columns

__all__ = ["ScorePart", "ScoreSetup", "score_stage", "score_stream"]


@dataclass
class ScoreSetup:
    """What a worker needs to count: sent once per worker."""

    matcher: Matcher
    by: str = "outlet"
    groups: Mapping[str, str] | None = None
    voice: str = "own"
    #: "csv": render documents.csv rows; "arrays": per-document arrays; "totals": group totals only.
    mode: Literal["csv", "arrays", "totals"] = "arrays"
    with_group: bool = False
    dtype: str = "int64"
    #: Also sketch the documents for near-copy detection (``--dedup flag``).
    sketch: bool = False
    #: ``doc_id`` of the documents to leave out (``--dedup drop|keep-first``).
    skip: frozenset[str] = frozenset()


@dataclass
class ScorePart:
    """One unit's counts (see the module docstring)."""

    totals: Any
    csv: str | None = None
    doc_ids: list[str] | None = None
    outlets: list[str] | None = None
    groups: list[str] | None = None
    n_tokens: np.ndarray | None = None
    counts: np.ndarray | None = None
    sketches: DocumentSketches | None = None
    left_out: int = 0


def score_stream(
    corpus: Iterable[Document], matcher: Matcher, key: Callable[[Document], str], *,
    voice: str, show_progress: bool | None,
) -> Iterator[tuple[Document, str, int, np.ndarray, VoiceCounts | None]]:
    """Stream ``(document, group, n_tokens, label counts, all-voice counts)`` for each document.

    ``label counts`` counts the hits of one ``voice`` (``"own"``, ``"quoted"``, ``"reported"``)
    or of all of them (``"all"``); the all-voice counts (hits, attributed and scare-quoted hits
    per label, for the voice columns of ``groups``) are None when ``voice="all"``, which skips
    voice analysis.
    """
    check_option("voice", voice, VOICE_FILTERS)
    labels = label_columns(matcher)
    index = {pair: i for i, pair in enumerate(labels)}
    labels_of = [index[(t.concept, t.label)] for t in matcher.terms]  # each term's label column
    n_labels = len(labels)
    zeros = np.zeros(n_labels, dtype=np.int64)
    empty = VoiceCounts(zeros, zeros, zeros)
    docs = progress(corpus, desc="scoring", enable=show_progress)
    for doc, n_tokens, matches in scan_documents(matcher, docs, offsets=voice != "all"):
        group = key(doc)
        if voice == "all":
            vec = np.bincount([labels_of[m.term] for m in matches], minlength=n_labels) \
                if matches else zeros.copy()
            yield doc, group, n_tokens, vec, None
            continue
        # voice analysis only where there are hits
        if not matches:
            yield doc, group, n_tokens, zeros.copy(), empty
            continue
        voices = analyse_voice(doc.text)
        infos = [voices.at(m.start, m.end, speaker=False) for m in matches]
        labs = [labels_of[m.term] for m in matches]
        # one bincount for the four rows: in the voice asked for, all, attributed, scare-quoted
        codes = [*(lab for lab, i in zip(labs, infos, strict=True) if i.voice == voice),
                 *(lab + n_labels for lab in labs),
                 *(lab + 2 * n_labels for lab, i in zip(labs, infos, strict=True) if i.voice != "own"),
                 *(lab + 3 * n_labels for lab, i in zip(labs, infos, strict=True) if i.scare_quoted)]
        vec, hits, attributed, scare = np.bincount(codes, minlength=4 * n_labels).reshape(4, n_labels)
        yield doc, group, n_tokens, vec, VoiceCounts(hits, attributed, scare)


def score_stage(docs: Iterator[Document], setup: ScoreSetup) -> ScorePart:
    """Count one unit's documents: the per-document work of ``score`` and ``compare``."""
    left_out = [0]
    if setup.skip:
        docs = _without(docs, setup.skip, left_out)
    recorder = Recorder() if setup.sketch else None
    if recorder is not None:
        docs = recorder.watch(docs)
    part = _count(docs, setup)
    part.left_out = left_out[0]
    if recorder is not None:
        part.sketches = recorder.result()
    return part


def _without(docs: Iterator[Document], skip: frozenset[str], count: list[int]) -> Iterator[Document]:
    for doc in docs:
        if doc.doc_id in skip:
            count[0] += 1
        else:
            yield doc


def _count(docs: Iterator[Document], setup: ScoreSetup) -> ScorePart:
    matcher = setup.matcher
    n_labels = len(label_columns(matcher))
    totals = GroupTotals(n_labels)
    key = group_key(setup.by, groups=setup.groups)
    stream = score_stream(docs, matcher, key, voice=setup.voice, show_progress=False)
    if setup.mode == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        for doc, group, n_tokens, vec, voices in stream:
            totals.add(group, n_tokens, vec, voices)
            writer.writerow([doc.doc_id, doc.outlet, *([group] if setup.with_group else []),
                             n_tokens, *vec.tolist()])
        return ScorePart(totals, csv=buffer.getvalue())
    if setup.mode == "totals":
        for _doc, group, n_tokens, vec, voices in stream:
            totals.add(group, n_tokens, vec, voices)
        return ScorePart(totals)
    ids, outlets, groups, tokens, rows = [], [], [], [], []
    for doc, group, n_tokens, vec, voices in stream:
        totals.add(group, n_tokens, vec, voices)
        ids.append(doc.doc_id)
        outlets.append(doc.outlet)
        groups.append(group)
        tokens.append(n_tokens)
        rows.append(vec)
    counts = (np.vstack(rows) if rows else np.zeros((0, n_labels), dtype=np.int64)).astype(setup.dtype)
    return ScorePart(totals, None, ids, outlets, groups, np.asarray(tokens, dtype=np.int64), counts)
