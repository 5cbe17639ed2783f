"""Count lexicon labels per document and per group: ``framing score``.

Definitions (per group *g*, concept *c*, label *l*):

``hits``
    occurrences of the label's terms in the group's documents;
``docs_with_hit``
    documents of *g* with at least one hit of *l*;
``rate_per_1k_tokens``
    ``1000 * hits / n_tokens`` where ``n_tokens`` counts the group's word
    tokens (:mod:`framing.tokenize`);
``share_within_concept``
    ``hits / (hits of every label of c in g)``: the share of the concept's
    mentions that used this label (empty when the group never mentions *c*).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .corpus import Corpus, Document, as_corpus
from .grouping import group_key
from .lexicon import Lexicon
from .matching import Matcher
from .progress import progress

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
    "rate_per_1k_tokens", "share_within_concept",
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
    show_progress: bool | None = None,
) -> Iterator[tuple[Document, str, int, np.ndarray]]:
    """Stream ``(document, group, n_tokens, label_counts)`` for each document."""
    labels = label_columns(matcher)
    index = {pair: i for i, pair in enumerate(labels)}
    term_label = np.array([index[(t.concept, t.label)] for t in matcher.terms], dtype=np.intp)
    n_labels = len(labels)
    for doc in progress(corpus, desc="scoring", enable=show_progress):
        group = key(doc)
        n_tokens, counts = matcher.count(doc.text)
        vec = np.zeros(n_labels, dtype=np.int64)
        if counts:
            np.add.at(vec, term_label[list(counts)], list(counts.values()))
        yield doc, group, n_tokens, vec


class GroupTotals:
    """Running per-group totals, fed one document at a time."""

    def __init__(self, n_labels: int) -> None:
        self.n_labels = n_labels
        self.docs: dict[str, int] = {}
        self.tokens: dict[str, int] = {}
        self.hits: dict[str, np.ndarray] = {}
        self.with_hit: dict[str, np.ndarray] = {}

    def add(self, group: str, n_tokens: int, vec: np.ndarray) -> None:
        if group not in self.docs:
            self.docs[group] = 0
            self.tokens[group] = 0
            self.hits[group] = np.zeros(self.n_labels, dtype=np.int64)
            self.with_hit[group] = np.zeros(self.n_labels, dtype=np.int64)
        self.docs[group] += 1
        self.tokens[group] += n_tokens
        self.hits[group] += vec
        self.with_hit[group] += vec > 0

    def frame(self, matcher: Matcher) -> Any:
        import pandas as pd

        labels = label_columns(matcher)
        rows = []
        for group in sorted(self.docs):
            hits = self.hits[group]
            concept_total: dict[str, int] = {}
            for (concept, _), h in zip(labels, hits, strict=True):
                concept_total[concept] = concept_total.get(concept, 0) + int(h)
            for i, (concept, label) in enumerate(labels):
                tokens = self.tokens[group]
                total = concept_total[concept]
                rows.append({
                    "group": group, "concept": concept, "label": label,
                    "pole": matcher.lexicon.label(concept, label).pole,
                    "hits": int(hits[i]), "docs_with_hit": int(self.with_hit[group][i]),
                    "n_docs": self.docs[group], "n_tokens": tokens,
                    "rate_per_1k_tokens": 1000.0 * hits[i] / tokens if tokens else float("nan"),
                    "share_within_concept": hits[i] / total if total else float("nan"),
                })
        return pd.DataFrame(rows, columns=GROUP_COLUMNS)


def score(
    corpus: Any,
    lexicon: Lexicon | str | Matcher = "arabic-conflict",
    *,
    by: str = "outlet",
    groups: dict[str, str] | None = None,
    show_progress: bool | None = None,
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

    Returns
    -------
    ScoreResult
        Unpacks to ``(documents, groups)``. ``documents`` has one row per
        document: ``doc_id, outlet, [group,] n_tokens`` then one count column
        per label named ``concept:label``. ``groups`` has one row per group ×
        concept × label with the columns of :data:`GROUP_COLUMNS` (defined in
        the module docstring). ``report`` is the corpus
        :class:`~framing.corpus.ReadReport`.

    Examples
    --------
    >>> docs, groups = score(load_sample())  # doctest: +SKIP
    """
    import pandas as pd

    corpus = as_corpus(corpus)
    matcher = lexicon if isinstance(lexicon, Matcher) else Matcher(lexicon)
    labels = label_columns(matcher)
    names = [f"{c}:{lab}" for c, lab in labels]
    totals = GroupTotals(len(labels))
    meta, counts = [], []
    key = group_key(by, groups=groups)
    for doc, group, n_tokens, vec in score_documents(corpus, matcher, key,
                                                     show_progress=show_progress):
        totals.add(group, n_tokens, vec)
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
    show_progress: bool | None = None,
) -> Any:
    """Like :func:`score`, but stream ``documents.csv`` to ``outdir`` (memory stays flat).

    Returns the groups table (also written as ``outdir/groups.csv``).
    """
    import csv
    from pathlib import Path

    from .output import _atomic, write_table

    corpus = as_corpus(corpus)
    matcher = lexicon if isinstance(lexicon, Matcher) else Matcher(lexicon)
    labels = label_columns(matcher)
    totals = GroupTotals(len(labels))
    key = group_key(by, groups=groups)
    stream = score_documents(corpus, matcher, key, show_progress=show_progress)
    with_group = not (by == "outlet" and groups is None)
    if outdir is None:
        for _doc, group, n_tokens, vec in stream:
            totals.add(group, n_tokens, vec)
        return totals.frame(matcher)
    outdir = Path(outdir)
    header = ["doc_id", "outlet", *(["group"] if with_group else []), "n_tokens",
              *(f"{c}:{lab}" for c, lab in labels)]
    with _atomic(outdir / "documents.csv", "w") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        for doc, group, n_tokens, vec in stream:
            totals.add(group, n_tokens, vec)
            writer.writerow([doc.doc_id, doc.outlet, *([group] if with_group else []),
                             n_tokens, *vec.tolist()])
    frame = totals.frame(matcher)
    write_table(frame, outdir / "groups.csv")
    return frame
