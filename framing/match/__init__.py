"""Finding lexicon terms in text, clitic-aware, with offsets into the original."""

from __future__ import annotations

from .matcher import Match, Matcher, TermInfo

__all__ = [
    "Match",
    "Matcher",
    "TermInfo",
]
