"""Figures over time: label shares per period, pooled or as small multiples by group.

Like every plot function of :mod:`framing.present`, each takes a DataFrame,
accepts axes (``ax=None`` / ``axes=None``) and returns them.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .colours import label_colours
from .fonts import arabic_font
from .plot import axes_for

__all__ = ["plot_shares_over_time", "plot_trends"]


def plot_shares_over_time(documents: Any, concept: str, *, ax: Any = None, date_col: str = "date",
                          freq: str = "M", title: str | None = None) -> Any:
    """Label shares of a concept per period (month by default), all groups pooled, one line per label.

    Parameters
    ----------
    documents : DataFrame
        ``score``'s documents table with a date column added
        (``concept:label`` count columns).
    concept : str
        The concept to draw.
    ax : matplotlib Axes, optional
        Draw here; by default a new figure.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If ``documents`` has no count column for ``concept``.
    """
    import pandas as pd

    cols = [c for c in documents.columns if c.startswith(f"{concept}:")]
    if not cols:
        raise ValueError(f"no count columns for concept {concept!r} in the documents table.")
    dates = pd.to_datetime(documents[date_col], errors="coerce")
    data = documents[cols].groupby(dates.dt.to_period(freq)).sum()
    total = data.sum(axis=1).replace(0, np.nan)
    shares = data.div(total, axis=0)
    ax = axes_for(ax, (7.5, 3.5))
    for col in cols:
        ax.plot(shares.index.to_timestamp(), shares[col], marker="o", ms=3,
                label=col.split(":", 1)[1])
    ax.set_ylim(0, 1)
    ax.set_ylabel(f"share of '{concept}' hits")
    ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0),
              borderaxespad=0)
    ax.set_title(title or f"{concept.replace('_', ' ')} over time", fontsize=10)
    return ax


def plot_trends(trends: Any, concept: str, *, groups: list[str] | None = None, axes: Any = None,
                ncols: int = 4, title: str | None = None) -> Any:
    """Small multiples: one panel per group, each label's share of the concept per period.

    Each label is a line in its own colour (by pole, distinct within the
    pole) with its 95% interval as a band; a period with too few hits is an
    open circle without a band.

    Parameters
    ----------
    trends : DataFrame
        :func:`framing.present.trends.label_trends`: ``group, period,
        concept, label, pole, share, ci_low, ci_high, too_few_hits``.
    concept : str
        The concept to draw.
    groups : list of str, optional
        The groups (panels), default: every group with a hit of the concept.
    axes : array of matplotlib Axes, optional
        One per group; by default a new figure of ``ncols`` columns.

    Returns
    -------
    numpy.ndarray of matplotlib.axes.Axes
        The panels, one per group, in order (unused panels of a new figure
        are hidden).

    Raises
    ------
    ValueError
        If ``trends`` has no row for ``concept``.
    """
    import matplotlib.pyplot as plt

    data = trends[trends["concept"] == concept]
    if data.empty:
        raise ValueError(f"no rows for concept {concept!r} in the trends table.")
    if groups is None:
        hit = data.groupby("group", sort=False)["hits"].sum()
        groups = [g for g in dict.fromkeys(data["group"]) if hit[g] > 0]
    periods = sorted(set(data["period"]))
    x_of = {p: i for i, p in enumerate(periods)}
    labels = data[["label", "pole"]].drop_duplicates("label")
    labels = labels.iloc[np.argsort(labels["pole"].to_numpy(), kind="stable")]
    colours = label_colours((concept, lab, pole) for lab, pole in labels.itertuples(index=False))
    if axes is None:
        arabic_font()
        rows = max(1, -(-len(groups) // ncols))
        cols = min(ncols, max(1, len(groups)))
        fig, grid = plt.subplots(rows, cols, figsize=(2.6 * cols + 1.8, 2.1 * rows + 0.6),
                                 sharex=True, sharey=True, squeeze=False, layout="constrained")
        flat = grid.ravel()
        for extra in flat[len(groups):]:
            extra.set_visible(False)
        axes = flat[:len(groups)]
    else:
        axes = np.ravel(axes)
        fig = axes[0].figure
    for ax, group in zip(axes, groups, strict=False):
        cell = data[data["group"] == group]
        for label, _pole in labels.itertuples(index=False):
            rows_l = cell[cell["label"] == label].sort_values("period")
            if rows_l["hits"].sum() == 0 and rows_l["concept_hits"].sum() == 0:
                continue
            x = rows_l["period"].map(x_of).to_numpy(float)
            y = rows_l["share"].to_numpy(float)
            colour = colours[(concept, label)]
            ax.plot(x, y, color=colour, linewidth=1.2, label=label)
            solid = ~rows_l["too_few_hits"].to_numpy(bool)
            ax.scatter(x[solid], y[solid], s=12, color=colour, zorder=3)
            ax.scatter(x[~solid], y[~solid], s=12, facecolors="white", edgecolors=colour, zorder=3)
            low, high = rows_l["ci_low"].to_numpy(float), rows_l["ci_high"].to_numpy(float)
            ax.fill_between(x, low, high, color=colour, alpha=0.15, linewidth=0)
        ax.set_title(str(group), fontsize=8)
        ax.set_ylim(-0.02, 1.02)
        ax.yaxis.set_major_formatter(lambda v, _: f"{100 * v:.0f}%")
        ax.set_xticks(range(len(periods)), periods, rotation=45, ha="right", fontsize=6)
        ax.tick_params(axis="y", labelsize=6)
        ax.grid(alpha=0.25)
    handles = [plt.Line2D([], [], color=colours[(concept, lab)], marker="o", ms=3,
                          label=f"{lab} ({int(pole):+d})" if pole else f"{lab} (0)")
               for lab, pole in labels.itertuples(index=False)]
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    outside = isinstance(fig.get_layout_engine(), ConstrainedLayoutEngine)
    fig.legend(handles=handles, loc="outside right upper" if outside else "upper right", fontsize=7,
               frameon=False,
               title="label (pole)", title_fontsize=7)
    fig.suptitle(title or f"{concept.replace('_', ' ')}: share of each label by period "
                          "(95% CI; open circles: too few hits)", fontsize=9)
    return np.asarray(axes)
