"""Per-group totals of label counts, summed one document (or one unit) at a time.

:class:`GroupTotals` is what every unit of ``score`` returns and what the main
process sums; :meth:`GroupTotals.frame` gives the ``groups`` table whose
columns (:data:`GROUP_COLUMNS`) are defined in :mod:`framing.count.scoring`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..match import Matcher

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["GROUP_COLUMNS", "GroupTotals", "VoiceCounts", "label_columns"]


GROUP_COLUMNS = [
    "group", "concept", "label", "pole", "hits", "docs_with_hit", "n_docs", "n_tokens",
    "rate_per_1k_tokens", "share_within_concept", "attributed_share", "scare_quoted_share",
    "scare_quote_rate",
]


def label_columns(matcher: Matcher) -> list[tuple[str, str]]:
    """The (concept, label) pairs of the lexicon, in lexicon order."""
    return [(lab.concept, lab.id) for lab in matcher.lexicon.labels]


class VoiceCounts:
    """One document's counts over all voices: hits, attributed hits (per label), scare-quoted hits."""

    __slots__ = ("attributed", "hits", "scare", "scare_total")

    def __init__(self, hits: np.ndarray, attributed: np.ndarray, scare: np.ndarray) -> None:
        self.hits, self.attributed, self.scare = hits, attributed, scare
        self.scare_total = int(scare.sum())


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
            voices: VoiceCounts | None = None) -> None:
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

    def frame(self, matcher: Matcher) -> pd.DataFrame:
        """The ``groups`` table (:data:`GROUP_COLUMNS`) of these totals."""
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
