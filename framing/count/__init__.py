"""Counting: hits, per-document and per-group label counts, concordances."""

from __future__ import annotations

from .concordance import KWIC_COLUMNS, format_kwic, iter_kwic, kwic
from .hits import HIT_COLUMNS, find_hits, iter_hits
from .scoring import GROUP_COLUMNS, ScoreResult, score, score_to_folder

__all__ = [
    "GROUP_COLUMNS",
    "HIT_COLUMNS",
    "KWIC_COLUMNS",
    "ScoreResult",
    "find_hits",
    "format_kwic",
    "iter_hits",
    "iter_kwic",
    "kwic",
    "score",
    "score_to_folder",
]
