"""Presenting results: figures, the HTML report and its explorer, terminal summaries.

Layout: :mod:`~framing.present.fonts` (a font with Arabic glyphs),
:mod:`~framing.present.colours`, the figures (:mod:`~framing.present.plot`,
:mod:`~framing.present.plot_terms`, :mod:`~framing.present.plot_time`), the
report's data (:mod:`~framing.present.collect` gathers it from the corpus,
:mod:`~framing.present.sampling`, :mod:`~framing.present.trends`,
:mod:`~framing.present.findings`), :mod:`~framing.present.report` (builds
and writes a report) and the page (:mod:`~framing.present.html`,
:mod:`~framing.present.html_tables`, :mod:`~framing.present.payload`,
``static/``).
"""

from __future__ import annotations

from .fonts import arabic_font
from .plot import plot_rates, plot_shares, plot_stance, save_figure
from .plot_terms import plot_discovery, plot_loadedness
from .plot_time import plot_shares_over_time, plot_trends
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
    "plot_trends",
    "save_figure",
    "write_report",
]
