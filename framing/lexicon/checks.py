"""Checks every lexicon format shares: each term can match, and is one term under one label."""

from __future__ import annotations

import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

from ..errors import LexiconError
from ..text.clitics import split_article
from ..text.normalizer import Normalizer
from ..text.tokens import WORD_RE
from .model import Lexicon, Term

__all__ = ["LexiconWarning", "check_lexicon", "iter_surfaces", "surface_problem", "term_key",
           "warn_lexicon"]

_PACKAGE = str(Path(__file__).resolve().parents[1])


class LexiconWarning(UserWarning):
    """A lexicon loaded, but not quite as written (e.g. a LIWC word in several categories)."""


def warn_lexicon(message: str) -> None:
    """Warn with :class:`LexiconWarning`, attributed to the first caller outside ``framing``.

    The warning then names the user's line that loaded the lexicon, not a line
    of this package.
    """
    level, frame = 2, sys._getframe(1)
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE):
        frame, level = frame.f_back, level + 1  # type: ignore[assignment]
    warnings.warn(message, LexiconWarning, stacklevel=level)

#: Letters a prefix wildcard needs before its ``*`` (after normalisation, without the article).
MIN_PREFIX = 2


def term_key(surface: str, normalizer: Normalizer | None = None) -> tuple[tuple[str, bool], ...]:
    """The normalised identity of a surface form: ``((stem, has_article), ...)`` per word."""
    norm = normalizer or Normalizer()
    return tuple(split_article(norm(w), w) for w in surface.split())


def surface_problem(surface: str, normalizer: Normalizer | None = None) -> str | None:
    """What stops ``surface`` from ever matching as intended, or ``None`` when nothing does.

    A term (or a word of a rule) is one or more words separated by spaces; each
    word is letters only (punctuation and symbols split words in text, so a
    word holding them never matches) and may end in one ``*``, the prefix
    wildcard, after at least two letters.

    Examples
    --------
    >>> surface_problem("ارهاب*") is None
    True
    >>> surface_problem("*")
    "is a bare wildcard, which would match every word; write at least 2 letters before '*' (e.g. ارهاب*)"
    """
    norm = normalizer or Normalizer()
    words = surface.split()
    if not words:
        return "is empty; write a word or remove the entry"
    for word in words:
        body = word[:-1] if word.endswith("*") else word
        if not body:
            return ("is a bare wildcard, which would match every word; write at least "
                    f"{MIN_PREFIX} letters before '*' (e.g. ارهاب*)")
        if "*" in body:
            return f"has '*' in the middle of a word ({word!r}); '*' may only end a word"
        if WORD_RE.fullmatch(body) is None:
            if not WORD_RE.search(body):
                return "has no letters (only punctuation or symbols), so it can never match; remove it"
            marks = ", ".join(repr(c) for c in dict.fromkeys(body) if not WORD_RE.fullmatch(c))
            return (f"holds punctuation or symbols ({marks}) in {word!r}; text is split into words "
                    "there, so it can never match: remove them or write the parts as separate words")
        stem, _ = split_article(norm(body), body)
        if not stem:
            return "is empty after normalisation; write it in Arabic letters or remove it"
        core = stem[2:] if stem.startswith("ال") else stem  # text spells أل like ال
        if word.endswith("*") and len(core) < MIN_PREFIX:
            return (f"is a wildcard with fewer than {MIN_PREFIX} letters before '*' (the "
                    "article not counted), which would match a large share of all words; "
                    "write a longer prefix")
    return None


def iter_surfaces(lexicon: Lexicon) -> Iterator[tuple[Term, str]]:
    """Every (term, surface form) pair of the lexicon."""
    for term in lexicon.terms:
        for surface in term.surfaces:
            yield term, surface


def check_lexicon(lexicon: Lexicon, normalizer: Normalizer | None = None) -> None:
    """Raise :class:`LexiconError` if a term cannot match, or is listed under two labels.

    Every term, form and word of a context rule must be able to match
    (:func:`surface_problem`). Two surfaces are the same term when they
    normalise to the same words (spelling variants and diacritics included).
    """
    seen: dict[tuple[tuple[str, bool], ...], Term] = {}
    for term, surface in iter_surfaces(lexicon):
        problem = surface_problem(surface, normalizer)
        if problem:
            raise LexiconError(f"term {surface!r} of label {term.concept}/{term.label} {problem}.",
                               source=lexicon.source or None, line=term.line)
        key = term_key(surface, normalizer)
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
    for term in lexicon.terms:
        if term.rule is None:
            continue
        for condition, phrases in term.rule.conditions():
            for phrase in phrases:
                problem = surface_problem(phrase, normalizer)
                if problem:
                    raise LexiconError(
                        f"term {term.text!r} of label {term.concept}/{term.label}: {condition} "
                        f"word {phrase!r} {problem}.", source=lexicon.source or None,
                        line=term.line)
