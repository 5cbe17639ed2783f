"""Finding lexicon terms in text, clitic-aware, with offsets into the original."""

from __future__ import annotations

from .batches import BATCH_CHARS, BATCH_DOCS, document_batches, split_chunks
from .matcher import Matcher
from .results import Match, Rejection
from .tables import TermInfo

__all__ = [
    "BATCH_CHARS",
    "BATCH_DOCS",
    "Match",
    "Matcher",
    "Rejection",
    "TermInfo",
    "document_batches",
    "split_chunks",
]
