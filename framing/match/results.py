"""What the matcher returns: matches, and the occurrences a context rule rejected."""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["Match", "Rejection"]


class Match(NamedTuple):
    """A term found in a text: offsets into the original and the term's index.

    ``matcher.terms[term]`` describes the term, and its ``rule`` the context
    rule that admitted this occurrence (``""``: the term has none).
    """

    start: int
    end: int
    term: int


class Rejection(NamedTuple):
    """An occurrence of a term that its context rule rejected, and why."""

    start: int
    end: int
    term: int
    reason: str
