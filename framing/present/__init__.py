"""Presenting results: figures, the HTML report, terminal summaries."""

from __future__ import annotations

from .plot import (
    arabic_font,
    plot_discovery,
    plot_loadedness,
    plot_rates,
    plot_shares,
    plot_shares_over_time,
    plot_stance,
    save_figure,
)
from .report import Report, build_report, write_report
from .summary import format_summary

__all__ = [
    "Report",
    "arabic_font",
    "build_report",
    "format_summary",
    "plot_discovery",
    "plot_loadedness",
    "plot_rates",
    "plot_shares",
    "plot_shares_over_time",
    "plot_stance",
    "save_figure",
    "write_report",
]
