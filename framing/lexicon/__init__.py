"""Lexicons of loaded terms: concepts, labels, poles, terms; loading and checking."""

from __future__ import annotations

from .model import (
    Concept,
    Label,
    Lexicon,
    Term,
    bundled_lexicons,
    check_lexicon,
    lexicon_from_terms,
    load_lexicon,
)

__all__ = [
    "Concept",
    "Label",
    "Lexicon",
    "Term",
    "bundled_lexicons",
    "check_lexicon",
    "lexicon_from_terms",
    "load_lexicon",
]
