"""Figures of terms: the discovered terms of a group, and a classifier's most loaded terms.

Like every plot function of :mod:`framing.present`, each takes a DataFrame,
accepts ``ax=None`` and returns the axes.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .plot import axes_for

__all__ = ["plot_discovery", "plot_loadedness"]


def plot_discovery(discovered: Any, *, group: str | None = None, ax: Any = None, top: int = 15,
                   title: str | None = None) -> Any:
    """Scatter of log-odds z against frequency; the top terms labelled without overlaps.

    Parameters
    ----------
    discovered : DataFrame
        ``framing.discover(...)``: ``group, term, z, count_group, count_rest``.
    group : str, optional
        The group to draw (default: the first).
    ax : matplotlib Axes, optional
        Draw here; by default a new figure.
    top : int
        Terms labelled (the largest |z|).

    Returns
    -------
    matplotlib.axes.Axes
    """
    group = group if group is not None else discovered["group"].iloc[0]
    data = discovered[discovered["group"] == group]
    ax = axes_for(ax, (7.5, 5.0))
    freq = (data["count_group"] + data["count_rest"]).to_numpy(float)
    z = data["z"].to_numpy(float)
    ax.scatter(freq, z, s=8, color="#bbbbbb", linewidths=0)
    ax.set_xscale("log")
    # Plain numbers on the log axis: its default labels (3×10¹) are mathtext, which draws with
    # the first font only, and an Arabic font may lack "×".
    from matplotlib.ticker import LogFormatter

    ax.xaxis.set_major_formatter(LogFormatter())
    ax.xaxis.set_minor_formatter(LogFormatter(labelOnlyBase=False))
    ax.axhline(0, color="#888888", linewidth=0.6)
    for bound in (1.96, -1.96):
        ax.axhline(bound, color="#888888", linewidth=0.6, linestyle=":")
    chosen = data.reindex(data["z"].abs().sort_values(ascending=False).index[:top])
    xs = (chosen["count_group"] + chosen["count_rest"]).to_numpy(float)
    ys = chosen["z"].to_numpy(float)
    colours = ["#2166ac" if y > 0 else "#b2182b" for y in ys]
    ax.scatter(xs, ys, s=14, color=colours)
    # titles first: the labelling freezes the layout, which must make room for them
    ax.set_xlabel("frequency in the corpus (log scale)")
    ax.set_ylabel(f"log-odds z: {group} vs rest")
    ax.set_title(title or f"Distinctive terms: {group}", fontsize=10)
    _label_without_overlap(ax, xs, ys, chosen["term"].astype(str).tolist(), colours)
    return ax


def _label_without_overlap(ax: Any, xs: np.ndarray, ys: np.ndarray, labels: list[str],
                           colours: list[str]) -> int:
    """Label points, nudging each label up/down (right, then left of its point) until its
    box overlaps no other label and stays inside the axes. Returns how many found no place."""
    fig = ax.figure
    fig.canvas.draw()  # settle the layout (constrained layout moves the axes) before measuring
    engine = fig.get_layout_engine()
    if engine is not None:
        fig.set_layout_engine("none")  # freeze it: later moves would reintroduce overlaps
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    from matplotlib.transforms import Bbox, ScaledTranslation

    # the labelled points themselves are obstacles too
    placed: list[Any] = [
        Bbox.from_bounds(px - 3, py - 3, 6, 6)
        for px, py in ax.transData.transform(np.column_stack([xs, ys]))
    ]
    unplaced = 0
    for k in sorted(range(len(labels)), key=lambda k: -abs(ys[k])):
        done = False
        for attempt in range(41):
            dy = 0 if attempt == 0 else ((attempt + 1) // 2) * 5 * (1 if attempt % 2 else -1)
            for dx in (5, -5):
                shift = ScaledTranslation(dx / 72, dy / 72, fig.dpi_scale_trans)
                artist = ax.text(xs[k], ys[k], labels[k], transform=ax.transData + shift, fontsize=8,
                                 color=colours[k], ha="left" if dx > 0 else "right", va="center")
                box = artist.get_window_extent(renderer)
                inside = frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
                if inside and not any(box.overlaps(other) for other in placed):
                    placed.append(box)
                    if dy:  # a leader line from the point to its displaced label
                        ax.annotate("", (xs[k], ys[k]), xytext=(dx, dy), textcoords="offset points",
                                    arrowprops={"arrowstyle": "-", "color": colours[k], "lw": 0.4})
                    done = True
                    break
                artist.remove()
            if done:
                break
        unplaced += not done
    return unplaced


def plot_loadedness(loadedness: Any, *, cls: str | None = None, ax: Any = None, top: int = 15,
                    title: str | None = None) -> Any:
    """Horizontal bars of the largest classifier weights for one class.

    Parameters
    ----------
    loadedness : DataFrame
        ``framing.learn.training(...)`` loadedness table: ``class, term, weight`` (and
        ``in_lexicon``; lexicon terms are drawn darker).
    cls : str, optional
        The class to draw (default: the first).
    """
    cls = cls if cls is not None else loadedness["class"].iloc[0]
    data = loadedness[loadedness["class"].astype(str) == str(cls)]
    data = data.reindex(data["weight"].abs().sort_values(ascending=False).index[:top])
    data = data.iloc[::-1]
    ax = axes_for(ax, (6.5, 0.8 + 0.3 * len(data)))
    known = data.get("in_lexicon", None)
    colours = ["#2166ac" if (known is not None and isinstance(v, str) and v) else "#92c5de"
               for v in (known if known is not None else [None] * len(data))]
    ax.barh(range(len(data)), data["weight"], color=colours)
    ax.set_yticks(range(len(data)), data["term"].astype(str), fontsize=8)
    ax.axvline(0, color="#555555", linewidth=0.6)
    ax.set_xlabel("model weight (dark: in the lexicon)")
    ax.set_title(title or f"Most loaded terms for '{cls}'", fontsize=10)
    return ax
