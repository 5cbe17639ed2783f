"""The :class:`Report`: what :func:`~framing.present.report.build_report` returns and the page renders."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..lexicon import Lexicon
from .collect import Collected
from .findings import Finding

__all__ = ["Report"]


@dataclass
class Report:
    """Everything a report shows: tables (DataFrames), figures (matplotlib figures), findings, data.

    ``tables`` are written as CSV; ``data`` is what :func:`~framing.present.collect.collect`
    gathered (the explorer's lines and texts); ``path`` is where the page was
    written, if it was
    (write it with :func:`~framing.present.report.write_report`).
    """

    title: str
    tables: dict[str, Any]
    figures: dict[str, Any]
    summary: dict[str, Any]
    settings: dict[str, Any]
    findings: list[Finding]
    data: Collected
    lexicon: Lexicon
    notes: list[str] = field(default_factory=list)
    path: Path | None = None
