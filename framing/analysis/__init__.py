"""Statistics across groups: comparison, discovery of distinctive terms, validation."""

from __future__ import annotations

from .comparison import CompareResult, compare, compare_documents
from .discovery import DEFAULT_STOPWORDS, DISCOVER_COLUMNS, discover, read_stopwords
from .validation import sample_hits, validate

__all__ = [
    "DEFAULT_STOPWORDS",
    "DISCOVER_COLUMNS",
    "CompareResult",
    "compare",
    "compare_documents",
    "discover",
    "read_stopwords",
    "sample_hits",
    "validate",
]
