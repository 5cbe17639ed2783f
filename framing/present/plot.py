"""Figures for papers, from the DataFrames the API returns (matplotlib only here).

Every function takes a DataFrame, accepts ``ax=None``, creates a figure only
when no axes are given, imports pyplot only when called, and returns the
axes (scikit-learn's ``Display`` pattern: compute first, then plot).
:func:`save_figure` writes PNG (300 dpi), SVG and PDF.

This module draws the comparison tables (stance, shares, rates);
:mod:`framing.present.plot_terms` the discovered and loaded terms;
:mod:`framing.present.plot_time` shares over time. Arabic labels need a font
with Arabic glyphs: :func:`framing.present.fonts.arabic_font` picks one.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .colours import POLE_COLOURS, label_colours
from .fonts import PREFERRED_FONTS, arabic_font

__all__ = [
    "POLE_COLOURS",
    "PREFERRED_FONTS",
    "arabic_font",
    "axes_for",
    "plot_rates",
    "plot_shares",
    "plot_stance",
    "readable_on",
    "save_figure",
]


def axes_for(ax: Any, figsize: tuple[float, float]) -> Any:
    """``ax``, or the axes of a new constrained-layout figure of ``figsize`` (Arabic font set)."""
    import matplotlib.pyplot as plt

    arabic_font()
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def readable_on(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (WCAG relative luminance)."""
    from matplotlib.colors import to_rgb

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in to_rgb(colour))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "black" if luminance > 0.30 else "white"


def save_figure(fig_or_ax: Any, path: str | Path, *, formats: Sequence[str] = ("png", "svg", "pdf"),
                dpi: int = 300, max_pixels: int = 3600) -> list[Path]:
    """Save a figure as ``path`` with each extension in ``formats`` (PNG at ``dpi``).

    A PNG is at most ``max_pixels`` wide: a figure wider than 12 inches (a
    heatmap of many groups) is drawn at the dpi that gives that width, which
    is still more than 300 dpi once the figure is shrunk to a page.

    Returns
    -------
    list of Path
        The files written, in the order of ``formats``.
    """
    fig = getattr(fig_or_ax, "figure", fig_or_ax)
    stem = Path(path)
    stem = stem.with_suffix("") if stem.suffix.lstrip(".") in formats else stem
    stem.parent.mkdir(parents=True, exist_ok=True)
    # A figure laid out by its layout engine (constrained layout) already fits its canvas; the
    # "tight" box would draw it once more per file only to measure it.
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    engine = fig.get_layout_engine()
    constrained = isinstance(engine, ConstrainedLayoutEngine)
    tight = None if constrained else "tight"
    written = []
    try:
        for fmt in formats:
            out = stem.with_name(f"{stem.name}.{fmt}")
            # zlib level 3 instead of 6: a 300 dpi PNG encodes several times faster, a little larger
            options = {"pil_kwargs": {"compress_level": 3}} if fmt == "png" else {}
            png_dpi = min(dpi, max_pixels / fig.get_figwidth())
            fig.savefig(out, dpi=png_dpi if fmt == "png" else None, bbox_inches=tight, **options)
            written.append(out)
            if constrained and len(written) == 1:
                # laid out once: the other formats keep these positions (same layout in every file)
                fig.set_layout_engine("none")
    finally:
        if constrained:
            fig.set_layout_engine(engine)
    return written


# ----------------------------------------------------------------------------
# Stance heatmap
# ----------------------------------------------------------------------------


def plot_stance(stance: Any, *, ax: Any = None, few_col: str = "too_few_hits",
                cmap: str = "RdBu", drop_empty: bool = True,
                title: str | None = "Stance index by group (95% CI)") -> Any:
    """Heatmap of the stance index, concepts (rows) × groups (columns), each cell with its CI.

    Parameters
    ----------
    stance : DataFrame
        ``framing.compare(...).stance``: ``group, concept, stance, ci_low,
        ci_high, hits`` (and ``too_few_hits``). Cells with too few hits are
        hatched and show the hit count instead of an interval.
    ax : matplotlib Axes, optional
        Draw here; by default a new figure.
    drop_empty : bool
        Leave out concepts no group mentions (default).

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.images[0]`` holds the concepts × groups grid.
    """
    if drop_empty:
        used = stance.groupby("concept")["hits"].sum()
        stance = stance[stance["concept"].isin(used[used > 0].index)]
    groups = list(dict.fromkeys(stance["group"]))
    concepts = list(dict.fromkeys(stance["concept"]))
    ax = axes_for(ax, (2.6 + 1.15 * len(groups), 1.0 + 0.5 * len(concepts)))
    grid = np.full((len(concepts), len(groups)), np.nan)
    few = np.zeros_like(grid, dtype=bool)
    text = {}
    for row in stance.itertuples(index=False):
        i, j = concepts.index(row.concept), groups.index(row.group)
        grid[i, j] = row.stance
        is_few = bool(getattr(row, few_col, False))
        few[i, j] = is_few
        if np.isnan(row.stance):
            text[i, j] = "–"
        elif is_few or np.isnan(row.ci_low):
            text[i, j] = f"{row.stance:+.2f}\nn={int(row.hits)}"
        else:
            text[i, j] = f"{row.stance:+.2f}\n[{row.ci_low:+.2f}, {row.ci_high:+.2f}]"
    image = ax.imshow(np.ma.masked_invalid(grid), cmap=cmap, vmin=-1, vmax=1, aspect="auto")
    for (i, j), label in text.items():
        value = grid[i, j]
        dark = not np.isnan(value) and abs(value) > 0.6
        ax.text(j, i, label, ha="center", va="center", fontsize=7,
                color="white" if dark else "black")
        if few[i, j]:
            ax.add_patch(_hatch(i, j))
    ax.set_yticks(range(len(concepts)), [c.replace("_", " ") for c in concepts], fontsize=8)
    ax.set_xticks(range(len(groups)), groups, fontsize=8)
    ax.xaxis.tick_top()
    ax.set_xticks(np.arange(-0.5, len(groups)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(concepts)), minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    bar = ax.figure.colorbar(image, ax=ax, shrink=0.6, pad=0.02)
    bar.set_label("stance (−1 … +1 on each concept's axis)", fontsize=8)
    if title:
        ax.set_title(title, fontsize=10)
    return ax


def _hatch(i: int, j: int) -> Any:
    from matplotlib.patches import Rectangle

    return Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, hatch="///", edgecolor="#777777",
                     linewidth=0)


# ----------------------------------------------------------------------------
# Label shares and rates
# ----------------------------------------------------------------------------


def plot_shares(shares: Any, concept: str, *, ax: Any = None, value: str = "share",
                title: str | None = None) -> Any:
    """Stacked horizontal bars: each group's split of a concept's hits over its labels.

    Labels are ordered by pole (negative end on the left) and coloured by
    pole, each label of a pole in a clearly different hue of the pole's
    family (:func:`framing.present.colours.label_colours`); the legend sits
    to the right of the bars, clear of the axis title.

    Parameters
    ----------
    shares : DataFrame
        ``group, concept, label, pole`` and a share column (``share`` from
        ``compare``, or ``share_within_concept`` from ``score``).
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
        If ``shares`` has no row for ``concept``.
    """
    data = shares[shares["concept"] == concept]
    if data.empty:
        raise ValueError(f"no rows for concept {concept!r}; choose one of "
                         f"{', '.join(sorted(set(shares['concept'])))}.")
    value = value if value in data.columns else "share_within_concept"
    labels = data[["label", "pole"]].drop_duplicates("label")
    labels = labels.iloc[np.argsort(labels["pole"].to_numpy(), kind="stable")]
    colours = label_colours((concept, lab, pole) for lab, pole in labels.itertuples(index=False))
    groups = list(dict.fromkeys(data["group"]))
    # tall enough for the legend too (about 0.16 in per label at 7 pt, plus its title)
    ax = axes_for(ax, (8.0, max(1.0 + 0.45 * len(groups), 1.1 + 0.17 * len(labels))))
    left = np.zeros(len(groups))
    for label, pole in labels.itertuples(index=False):
        colour = colours[(concept, label)]
        rows = data[data["label"] == label].set_index("group")[value].reindex(groups).fillna(0.0)
        ax.barh(groups, rows.values, left=left, color=colour, edgecolor="white",
                label=f"{label} ({int(pole):+d})" if pole else f"{label} (0)")
        ink = readable_on(colour)
        for y, (x0, w) in enumerate(zip(left, rows.values, strict=True)):
            if w >= 0.08:
                ax.text(x0 + w / 2, y, f"{100 * w:.0f}%", ha="center", va="center", fontsize=7,
                        color=ink)
        left = left + rows.values
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(lambda x, _: f"{100 * x:.0f}%")
    ax.invert_yaxis()
    ax.set_xlabel(f"share of the hits of '{concept.replace('_', ' ')}'")
    # to the right of the axes, clear of the last tick label (3 × 7 pt away)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0), borderaxespad=3,
              frameon=False, title="label (pole)", title_fontsize=7)
    ax.set_title(title or concept.replace("_", " "), fontsize=10)
    return ax


def plot_rates(rates: Any, *, ax: Any = None, value: str = "rate", concept: str | None = None,
               top: int = 12, title: str | None = None) -> Any:
    """Dot plot of hits per 1,000 tokens with CI whiskers, labels × groups.

    Parameters
    ----------
    rates : DataFrame
        ``group, concept, label, rate, ci_low, ci_high`` (``compare``'s
        rates table). Without CIs (``score``'s ``rate_per_1k_tokens``) the
        dots are drawn alone.
    ax : matplotlib Axes, optional
        Draw here; by default a new figure.
    concept : str, optional
        Restrict to one concept; otherwise the ``top`` labels by overall rate.

    Returns
    -------
    matplotlib.axes.Axes
    """
    data = rates if concept is None else rates[rates["concept"] == concept]
    value = value if value in data.columns else "rate_per_1k_tokens"
    data = data.assign(key=data["concept"] + ":" + data["label"])
    order = data.groupby("key")[value].mean().sort_values(ascending=False).index[:top].tolist()
    data = data[data["key"].isin(order)]
    groups = list(dict.fromkeys(data["group"]))
    ax = axes_for(ax, (8.0, 1.0 + 0.35 * len(order) * max(1, len(groups)) ** 0.5))
    step = 0.8 / max(1, len(groups))
    import matplotlib.pyplot as plt

    palette = plt.get_cmap("tab20" if len(groups) > 10 else "tab10")
    for g, group in enumerate(groups):
        rows = data[data["group"] == group].set_index("key").reindex(order)
        y = np.arange(len(order)) - 0.4 + step * (g + 0.5)
        x = rows[value].to_numpy(dtype=float)
        if {"ci_low", "ci_high"} <= set(rows.columns):
            err = np.vstack([x - rows["ci_low"].to_numpy(float), rows["ci_high"].to_numpy(float) - x])
            err = np.where(np.isnan(err), 0, np.clip(err, 0, None))
            ax.errorbar(x, y, xerr=err, fmt="o", ms=4, capsize=2, color=palette(g), label=group,
                        linewidth=1)
        else:
            ax.plot(x, y, "o", ms=4, color=palette(g), label=group)
    ax.set_yticks(range(len(order)), [k.replace("_", " ") for k in order], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("hits per 1,000 tokens (95% CI)")
    ax.grid(axis="x", alpha=0.3)
    ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0),
              borderaxespad=0, title="group", title_fontsize=7)
    ax.set_title(title or ("Rates" + (f": {concept}" if concept else "")), fontsize=10)
    return ax
