"""Lexicons of loaded terms: concepts, labels, poles, terms, context rules; loading, checking,
writing, comparing and growing them."""

from __future__ import annotations

from .changes import MergeReport, bump_version, diff_lexicons, merge_candidates
from .checks import LexiconWarning, check_lexicon, surface_problem, term_key
from .load import bundled_lexicons, lexicon_from_terms, load_lexicon
from .model import ChangelogEntry, Concept, Label, Lexicon, Term
from .rules import Rule, parse_rule
from .suggest import suggest_terms
from .wordspace import WordSpace, build_word_space
from .yaml_writer import lexicon_to_yaml, write_lexicon

__all__ = [
    "ChangelogEntry",
    "Concept",
    "Label",
    "Lexicon",
    "LexiconWarning",
    "MergeReport",
    "Rule",
    "Term",
    "WordSpace",
    "build_word_space",
    "bump_version",
    "bundled_lexicons",
    "check_lexicon",
    "diff_lexicons",
    "lexicon_from_terms",
    "lexicon_to_yaml",
    "load_lexicon",
    "merge_candidates",
    "parse_rule",
    "suggest_terms",
    "surface_problem",
    "term_key",
    "write_lexicon",
]
