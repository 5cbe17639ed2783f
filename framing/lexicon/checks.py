"""Checks every lexicon format shares: a surface form is one term under one label."""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import LexiconError
from ..text.clitics import split_article
from ..text.normalizer import Normalizer
from .model import Lexicon, Term

__all__ = ["check_lexicon", "iter_surfaces", "term_key"]


def term_key(surface: str, normalizer: Normalizer | None = None) -> tuple[tuple[str, bool], ...]:
    """The normalised identity of a surface form: ``((stem, has_article), ...)`` per word."""
    norm = normalizer or Normalizer()
    return tuple(split_article(norm(w)) for w in surface.split())


def iter_surfaces(lexicon: Lexicon) -> Iterator[tuple[Term, str]]:
    """Every (term, surface form) pair of the lexicon."""
    for term in lexicon.terms:
        for surface in term.surfaces:
            yield term, surface


def check_lexicon(lexicon: Lexicon, normalizer: Normalizer | None = None) -> None:
    """Raise :class:`LexiconError` if a term or form is listed under two labels.

    Two surfaces are the same term when they normalise to the same words
    (spelling variants and diacritics included).
    """
    seen: dict[tuple[tuple[str, bool], ...], Term] = {}
    for term, surface in iter_surfaces(lexicon):
        key = term_key(surface, normalizer)
        if not key or any(not stem for stem, _ in key):
            raise LexiconError(
                f"term {surface!r} of label {term.concept}/{term.label} is empty after "
                "normalisation; remove it or write it in Arabic letters.",
                source=lexicon.source or None,
                line=term.line,
            )
        other = seen.get(key)
        if other is not None and (other.concept, other.label) != (term.concept, term.label):
            where = f" (line {other.line})" if other.line else ""
            raise LexiconError(
                f"term {surface!r} is listed under two labels: {other.concept}/{other.label}"
                f"{where} and {term.concept}/{term.label}; keep it under one label.",
                source=lexicon.source or None,
                line=term.line,
            )
        seen[key] = term
