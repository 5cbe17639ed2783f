"""Lexicons of loaded terms: concepts, labels, poles, terms; loading and checking."""

from __future__ import annotations

from .checks import check_lexicon, term_key
from .load import bundled_lexicons, lexicon_from_terms, load_lexicon
from .model import Concept, Label, Lexicon, Term

__all__ = [
    "Concept",
    "Label",
    "Lexicon",
    "Term",
    "bundled_lexicons",
    "check_lexicon",
    "lexicon_from_terms",
    "load_lexicon",
    "term_key",
]
