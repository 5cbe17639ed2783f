"""The per-document stages of ``hits``, ``score`` and ``compare``, run by an engine.

Each stage is a pure function ``(documents of one unit, setup) -> part``;
the main process merges the parts in unit order:

``score``
    :class:`ScorePart`: the unit's :class:`~framing.count.scoring.GroupTotals`
    (summed over units) and either its rows of ``documents.csv`` already
    rendered as CSV text (appended to the file as they arrive) or its
    per-document arrays (doc ids, groups, tokens, a documents × labels count
    matrix, int32 for ``compare``).
``hits``
    the unit's hit rows, streamed to the output in order.

Outputs equal the single-process functions' outputs row for row
(``tests/test_parallel.py``).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..engines.base import Engine
from ..io.corpus import Document, as_corpus
from ..io.groups import group_key
from ..match.matcher import Matcher

__all__ = [
    "ScorePart",
    "ScoreSetup",
    "count_documents",
    "iter_hits_parallel",
    "score_parallel",
    "score_to_folder_parallel",
    "transform_texts",
]


@dataclass
class ScoreSetup:
    """What a worker needs to count: sent once per worker."""

    matcher: Matcher
    by: str = "outlet"
    groups: Mapping[str, str] | None = None
    voice: str = "own"
    #: "csv": render documents.csv rows; "arrays": per-document arrays; "totals": group totals only.
    mode: str = "arrays"
    with_group: bool = False
    dtype: str = "int64"


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


def score_stage(docs: Iterator[Document], setup: ScoreSetup) -> ScorePart:
    """Count one unit's documents: the per-document work of ``score`` and ``compare``."""
    from .scoring import GroupTotals, _score_stream, label_columns

    matcher = setup.matcher
    n_labels = len(label_columns(matcher))
    totals = GroupTotals(n_labels)
    key = group_key(setup.by, groups=setup.groups)
    stream = _score_stream(docs, matcher, key, voice=setup.voice, show_progress=False)
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


def _matcher(lexicon: Any) -> Matcher:
    return lexicon if isinstance(lexicon, Matcher) else Matcher(lexicon)


def score_parallel(corpus: Any, lexicon: Any, *, by: str = "outlet", groups: Mapping[str, str] | None = None,
                   voice: str = "own", engine: Engine, show_progress: bool | None = None) -> Any:
    """:func:`framing.score` on an engine; the same two tables."""
    import pandas as pd

    from .scoring import GroupTotals, ScoreResult, label_columns

    corpus = as_corpus(corpus)
    matcher = _matcher(lexicon)
    labels = label_columns(matcher)
    names = [f"{c}:{lab}" for c, lab in labels]
    totals = GroupTotals(len(labels))
    setup = ScoreSetup(matcher, by, groups, voice, mode="arrays")
    heads, bodies = [], []
    with engine:
        for result in engine.run(score_stage, corpus, setup, desc="scoring", show_progress=show_progress):
            part = result.value
            if part is None:
                continue
            totals.merge(part.totals)
            heads.append(pd.DataFrame({"doc_id": part.doc_ids, "outlet": part.outlets,
                                       "group": part.groups, "n_tokens": part.n_tokens}))
            bodies.append(part.counts)
    head = (pd.concat(heads, ignore_index=True) if heads
            else pd.DataFrame(columns=["doc_id", "outlet", "group", "n_tokens"]))
    body = pd.DataFrame(np.vstack(bodies) if bodies else np.zeros((0, len(names)), dtype=np.int64),
                        columns=names)
    documents = pd.concat([head, body], axis=1)
    if by == "outlet" and groups is None:
        documents = documents.drop(columns="group")
    return ScoreResult(documents, totals.frame(matcher), corpus.report)


def score_to_folder_parallel(corpus: Any, lexicon: Any, *, by: str = "outlet",
                             groups: Mapping[str, str] | None = None, outdir: Any = None,
                             voice: str = "own", engine: Engine, show_progress: bool | None = None) -> Any:
    """:func:`framing.count.scoring.score_to_folder` on an engine: ``documents.csv`` streamed in order.

    Both files are written under temporary names and renamed only when
    everything succeeded, so an interrupted run never leaves files that look
    complete.
    """
    from ..io.write import write_table
    from .scoring import GroupTotals, label_columns

    corpus = as_corpus(corpus)
    matcher = _matcher(lexicon)
    labels = label_columns(matcher)
    totals = GroupTotals(len(labels))
    with_group = not (by == "outlet" and groups is None)
    mode = "totals" if outdir is None else "csv"
    setup = ScoreSetup(matcher, by, groups, voice, mode=mode, with_group=with_group)
    runs = engine.while_working(  # pandas, for the group table at the end
        engine.run(score_stage, corpus, setup, desc="scoring", show_progress=show_progress), _import_pandas)
    if outdir is None:
        with engine:
            for result in runs:
                if result.value is not None:
                    totals.merge(result.value.totals)
        return totals.frame(matcher)
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    documents, groups_csv = outdir / "documents.csv", outdir / "groups.csv"
    parts = [outdir / ".documents.part.csv", outdir / ".groups.part.csv"]
    header = ["doc_id", "outlet", *(["group"] if with_group else []), "n_tokens",
              *(f"{c}:{lab}" for c, lab in labels)]
    try:
        with engine, open(parts[0], "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, lineterminator="\n").writerow(header)
            for result in runs:
                if result.value is not None:
                    totals.merge(result.value.totals)
                    fh.write(result.value.csv)
        frame = totals.frame(matcher)
        write_table(frame, parts[1])
        os.replace(parts[0], documents)
        os.replace(parts[1], groups_csv)
    finally:
        for part in parts:
            if part.exists():
                part.unlink()
    return frame


def _import_pandas() -> None:
    import pandas  # noqa: F401


def hits_stage(docs: Iterator[Document], setup: tuple[Matcher, int, str]) -> list[dict[str, Any]]:
    """One unit's hit rows (the per-document work of ``hits``)."""
    from .hits import iter_hits

    matcher, window, voice = setup
    return list(iter_hits(docs, matcher, window=window, voice=voice, show_progress=False))


def iter_hits_parallel(corpus: Any, lexicon: Any, *, window: int = 40, voice: str = "all",
                       engine: Engine, show_progress: bool | None = None) -> Iterator[dict[str, Any]]:
    """:func:`framing.iter_hits` on an engine: the same rows in the same order."""
    corpus = as_corpus(corpus)
    setup = (_matcher(lexicon), window, voice)
    with engine:
        for result in engine.run(hits_stage, corpus, setup, desc="matching", show_progress=show_progress):
            if result.value:
                yield from result.value


def count_documents(corpus: Any, matcher: Matcher, *, by: str = "outlet",
                    groups: Mapping[str, str] | None = None, voice: str = "own", engine: Engine,
                    show_progress: bool | None = None
                    ) -> tuple[list[str], list[str], np.ndarray, np.ndarray]:
    """Per-document ``(doc_ids, groups, n_tokens, counts)`` for :func:`framing.compare`.

    ``counts`` is a documents × labels int32 matrix (4 bytes per label per
    document: 0.4 GB for a million documents and 100 labels).
    """
    setup = ScoreSetup(matcher, by, groups, voice, mode="arrays", dtype="int32")
    ids: list[str] = []
    group_of: list[str] = []
    tokens, counts = [], []
    with engine:
        for result in engine.run(score_stage, corpus, setup, desc="counting", show_progress=show_progress):
            part = result.value
            if part is None:
                continue
            ids.extend(part.doc_ids)
            group_of.extend(part.groups)
            tokens.append(part.n_tokens)
            counts.append(part.counts)
    n_labels = len(matcher.lexicon.labels)
    return (ids, group_of, np.concatenate(tokens) if tokens else np.zeros(0, dtype=np.int64),
            np.vstack(counts) if counts else np.zeros((0, n_labels), dtype=np.int32))


def _transform_chunk(texts: list[str], transformer: Any) -> Any:
    return transformer.transform(texts)


def transform_texts(transformer: Any, texts: Any, *, engine: Engine, chunk_size: int | None = None) -> Any:
    """``transformer.transform(texts)`` (a fitted, picklable transformer such as
    :class:`~framing.learn.vectorizer.LexiconVectorizer`) in chunks on ``engine``, rows stacked in order.

    Each row depends on its own text only, so the matrix equals the single call's, entry for
    entry and in the same sparse layout.
    """
    import scipy.sparse as sp

    texts = list(texts)
    size = chunk_size or engine.chunk_size
    chunks = [texts[i:i + size] for i in range(0, len(texts), size)]
    with engine:
        parts = list(engine.map(_transform_chunk, chunks, transformer))
    if not parts:
        return transformer.transform([])
    return sp.vstack(parts, format="csr") if sp.issparse(parts[0]) else np.vstack(parts)
