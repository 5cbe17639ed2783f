"""Discovery of the words and phrases that set a group apart (log-odds, Dirichlet prior)."""

from __future__ import annotations

from .core import DEFAULT_STOPWORDS, DISCOVER_COLUMNS, discover, read_stopwords

__all__ = [
    "DEFAULT_STOPWORDS",
    "DISCOVER_COLUMNS",
    "discover",
    "read_stopwords",
]
