"""Counting: hits, per-document and per-group label counts, concordances.

Each public function reads its corpus once, runs a pure per-unit stage
(:mod:`.stages`, :func:`.hits.hit_rows`, :func:`.concordance.kwic_rows`) on an
engine (the calling process when ``jobs=1``) and merges the parts in order.
"""

from __future__ import annotations

from .concordance import (
    KWIC_COLUMNS,
    REJECTED_COLUMNS,
    format_kwic,
    iter_kwic,
    iter_rejected,
    kwic,
    rejected_contexts,
)
from .hits import DEFAULT_WINDOW, HIT_COLUMNS, find_hits, iter_hits
from .scoring import (
    GROUP_COLUMNS,
    DocumentCounts,
    ScoreResult,
    count_documents,
    label_columns,
    score,
    score_documents,
    score_to_folder,
)

__all__ = [
    "DEFAULT_WINDOW",
    "GROUP_COLUMNS",
    "HIT_COLUMNS",
    "KWIC_COLUMNS",
    "REJECTED_COLUMNS",
    "DocumentCounts",
    "ScoreResult",
    "count_documents",
    "find_hits",
    "format_kwic",
    "iter_hits",
    "iter_kwic",
    "iter_rejected",
    "kwic",
    "label_columns",
    "rejected_contexts",
    "score",
    "score_documents",
    "score_to_folder",
]
