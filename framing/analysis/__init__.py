"""Statistics across groups: comparison, discovery of distinctive terms, validation."""

from __future__ import annotations

from .comparison import CompareResult, compare, compare_documents
from .discovery import DEFAULT_STOPWORDS, DISCOVER_COLUMNS, discover, read_stopwords
from .stories import STORY_COLUMNS, copies_by_outlet_pair, dedup_mask, find_stories
from .validation import sample_hits, validate

__all__ = [
    "DEFAULT_STOPWORDS",
    "DISCOVER_COLUMNS",
    "STORY_COLUMNS",
    "CompareResult",
    "compare",
    "compare_documents",
    "copies_by_outlet_pair",
    "dedup_mask",
    "discover",
    "find_stories",
    "read_stopwords",
    "sample_hits",
    "validate",
]
