"""Removing fixed lines from a text (the boilerplate of :mod:`framing.text.boilerplate`)."""

from __future__ import annotations

__all__ = ["strip_lines"]


def strip_lines(text: str, drop: frozenset[str]) -> tuple[str, int]:
    """``text`` without the lines in ``drop`` (compared after stripping white space), and how many
    lines were removed."""
    if not drop:
        return text, 0
    raw = text.split("\n")
    kept = [line for line in raw if line.strip() not in drop or not line.strip()]
    return "\n".join(kept), len(raw) - len(kept)
