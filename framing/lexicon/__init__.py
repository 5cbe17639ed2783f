"""Lexicons of loaded terms: concepts, labels, poles, terms; loading and checking."""

from __future__ import annotations

from .checks import LexiconWarning, check_lexicon, term_key
from .load import bundled_lexicons, lexicon_from_terms, load_lexicon
from .model import ChangelogEntry, Concept, Label, Lexicon, Term
from .rules import Rule, parse_rule

__all__ = [
    "ChangelogEntry",
    "Concept",
    "Label",
    "Lexicon",
    "LexiconWarning",
    "Rule",
    "Term",
    "bundled_lexicons",
    "check_lexicon",
    "lexicon_from_terms",
    "load_lexicon",
    "parse_rule",
    "term_key",
]
