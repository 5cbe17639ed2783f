"""Figures for papers, from the DataFrames the API returns (matplotlib only here).

Every function takes a DataFrame, accepts ``ax=None``, creates a figure only
when no axes are given, and returns the axes (scikit-learn's ``Display``
pattern: compute first, then plot). :func:`save_figure` writes PNG (300 dpi),
SVG and PDF.

Arabic text: matplotlib ≥ 3.11 shapes Arabic and lays it out right to left
by itself, given a font with Arabic glyphs. Do **not** pre-process labels with
``arabic_reshaper`` + ``python-bidi``: with matplotlib ≥ 3.11 that reverses
them. :func:`arabic_font` picks a font (``FRAMING_FONT`` or the ``font``
argument first, then Noto Naskh/Sans Arabic, Amiri, Scheherazade, DejaVu
Sans) and warns if none has Arabic glyphs.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

__all__ = [
    "arabic_font",
    "plot_discovery",
    "plot_loadedness",
    "plot_rates",
    "plot_shares",
    "plot_shares_over_time",
    "plot_stance",
    "save_figure",
]

PREFERRED_FONTS = ("Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Scheherazade New",
                   "DejaVu Sans")
POLE_COLOURS = {-1: "#b2182b", 0: "#9e9e9e", 1: "#2166ac"}


@lru_cache(maxsize=8)
def _has_arabic(path: str) -> bool:
    from matplotlib.ft2font import FT2Font

    try:
        font = FT2Font(path)
    except Exception:  # a broken font file is simply not a candidate
        return False
    return all(font.get_char_index(ord(c)) for c in "اعقةلى")


def arabic_font(font: str | None = None) -> str:
    """Return the name of a font with Arabic glyphs, and make it matplotlib's default.

    Parameters
    ----------
    font : str, optional
        A font family name to use; defaults to the ``FRAMING_FONT``
        environment variable, then the first of :data:`PREFERRED_FONTS` that
        is installed and has Arabic glyphs.

    Warns
    -----
    UserWarning
        If no font with Arabic glyphs is found (Arabic would draw as boxes).
    """
    import matplotlib as mpl
    from matplotlib import font_manager

    wanted = font or os.environ.get("FRAMING_FONT")
    candidates = ([wanted] if wanted else []) + list(PREFERRED_FONTS)
    by_name: dict[str, str] = {}
    for entry in font_manager.fontManager.ttflist:
        by_name.setdefault(entry.name, entry.fname)
    for name in candidates:
        path = by_name.get(name)
        if path and _has_arabic(path):
            if wanted and name != wanted:
                warnings.warn(f"font {wanted!r} is not installed or has no Arabic glyphs; using "
                              f"{name!r}.", stacklevel=2)
            # A list of families makes matplotlib fall back glyph by glyph: an Arabic font
            # without Latin letters (Noto Naskh Arabic) draws them from DejaVu Sans, which
            # matplotlib ships, instead of as boxes.
            mpl.rcParams["font.family"] = list(dict.fromkeys([name, "DejaVu Sans"]))
            mpl.rcParams["font.sans-serif"] = [name, *mpl.rcParams["font.sans-serif"]]
            return name
    warnings.warn("no installed font has Arabic glyphs; Arabic labels will not render. Install "
                  "fonts-noto or set FRAMING_FONT.", stacklevel=2)
    return mpl.rcParams["font.sans-serif"][0]


def _axes(ax: Any, figsize: tuple[float, float]) -> Any:
    import matplotlib.pyplot as plt

    arabic_font()
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def save_figure(fig_or_ax: Any, path: str | Path, *, formats: Sequence[str] = ("png", "svg", "pdf"),
                dpi: int = 300) -> list[Path]:
    """Save a figure as ``path`` with each extension in ``formats`` (PNG at ``dpi``)."""
    fig = getattr(fig_or_ax, "figure", fig_or_ax)
    stem = Path(path)
    stem = stem.with_suffix("") if stem.suffix.lstrip(".") in formats else stem
    stem.parent.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        out = stem.with_name(f"{stem.name}.{fmt}")
        fig.savefig(out, dpi=dpi if fmt == "png" else None, bbox_inches="tight")
        written.append(out)
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
    ax = _axes(ax, (2.6 + 1.15 * len(groups), 1.0 + 0.5 * len(concepts)))
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
            ax.add_patch(_hatch(ax, i, j))
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


def _hatch(ax: Any, i: int, j: int) -> Any:
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
    pole; the bars' lengths are shares, so each sums to one.

    Parameters
    ----------
    shares : DataFrame
        ``group, concept, label, pole`` and a share column (``share`` from
        ``compare``, or ``share_within_concept`` from ``score``).
    concept : str
        The concept to draw.
    """
    data = shares[shares["concept"] == concept]
    if data.empty:
        raise ValueError(f"no rows for concept {concept!r}; choose one of "
                         f"{', '.join(sorted(set(shares['concept'])))}.")
    value = value if value in data.columns else "share_within_concept"
    labels = (data[["label", "pole"]].drop_duplicates().sort_values(["pole", "label"]))
    groups = list(dict.fromkeys(data["group"]))
    ax = _axes(ax, (7.5, 0.9 + 0.45 * len(groups)))
    left = np.zeros(len(groups))
    shade = _shades(labels["pole"].tolist())
    for (label, _pole), colour in zip(labels.itertuples(index=False), shade, strict=True):
        rows = data[data["label"] == label].set_index("group")[value].reindex(groups).fillna(0.0)
        ax.barh(groups, rows.values, left=left, color=colour, edgecolor="white", label=label)
        for y, (x0, w) in enumerate(zip(left, rows.values, strict=True)):
            if w >= 0.08:
                ax.text(x0 + w / 2, y, f"{100 * w:.0f}%", ha="center", va="center", fontsize=7,
                        color="white")
        left = left + rows.values
    ax.set_xlim(0, 1)
    ax.invert_yaxis()
    ax.set_xlabel(f"share of '{concept}' hits")
    ax.legend(ncols=min(4, len(labels)), fontsize=7, loc="upper center",
              bbox_to_anchor=(0.5, -0.25 if len(groups) < 4 else -0.15), frameon=False)
    ax.set_title(title or concept.replace("_", " "), fontsize=10)
    return ax


def _shades(poles: list[int]) -> list[str]:
    """Distinct colours per label, darker/lighter variants of the pole colour."""
    from matplotlib.colors import to_rgb

    out = []
    for pole in poles:
        same = [p for p in poles if p == pole]
        k = sum(1 for c in out if c[0] == pole)
        base = np.array(to_rgb(POLE_COLOURS[int(np.sign(pole))]))
        factor = 0.55 + 0.45 * (k / max(1, len(same) - 1)) if len(same) > 1 else 0.8
        out.append((pole, tuple(1 - (1 - base) * factor)))
    return [c for _, c in out]


def plot_rates(rates: Any, *, ax: Any = None, value: str = "rate", concept: str | None = None,
               top: int = 12, title: str | None = None) -> Any:
    """Dot plot of hits per 1,000 tokens with CI whiskers, labels × groups.

    Parameters
    ----------
    rates : DataFrame
        ``group, concept, label, rate, ci_low, ci_high`` (``compare``'s
        rates table). Without CIs (``score``'s ``rate_per_1k_tokens``) the
        dots are drawn alone.
    concept : str, optional
        Restrict to one concept; otherwise the ``top`` labels by overall rate.
    """
    data = rates if concept is None else rates[rates["concept"] == concept]
    value = value if value in data.columns else "rate_per_1k_tokens"
    data = data.assign(key=data["concept"] + ":" + data["label"])
    order = data.groupby("key")[value].mean().sort_values(ascending=False).index[:top].tolist()
    data = data[data["key"].isin(order)]
    groups = list(dict.fromkeys(data["group"]))
    ax = _axes(ax, (7.5, 1.0 + 0.35 * len(order) * max(1, len(groups)) ** 0.5))
    step = 0.8 / max(1, len(groups))
    import matplotlib.pyplot as plt

    colours = plt.get_cmap("tab10")
    for g, group in enumerate(groups):
        rows = data[data["group"] == group].set_index("key").reindex(order)
        y = np.arange(len(order)) - 0.4 + step * (g + 0.5)
        x = rows[value].to_numpy(dtype=float)
        if {"ci_low", "ci_high"} <= set(rows.columns):
            err = np.vstack([x - rows["ci_low"].to_numpy(float), rows["ci_high"].to_numpy(float) - x])
            err = np.where(np.isnan(err), 0, np.clip(err, 0, None))
            ax.errorbar(x, y, xerr=err, fmt="o", ms=4, capsize=2, color=colours(g), label=group,
                        linewidth=1)
        else:
            ax.plot(x, y, "o", ms=4, color=colours(g), label=group)
    ax.set_yticks(range(len(order)), [k.replace("_", " ") for k in order], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("hits per 1,000 tokens (95% CI)")
    ax.grid(axis="x", alpha=0.3)
    ax.legend(fontsize=7, frameon=False, loc="lower right")
    ax.set_title(title or ("Rates" + (f": {concept}" if concept else "")), fontsize=10)
    return ax


# ----------------------------------------------------------------------------
# Discovery and loadedness
# ----------------------------------------------------------------------------


def plot_discovery(discovered: Any, *, group: str | None = None, ax: Any = None, top: int = 15,
                   title: str | None = None) -> Any:
    """Scatter of log-odds z against frequency; the top terms labelled without overlaps.

    Parameters
    ----------
    discovered : DataFrame
        ``framing.discover(...)``: ``group, term, z, count_group, count_rest``.
    group : str, optional
        The group to draw (default: the first).
    """
    group = group if group is not None else discovered["group"].iloc[0]
    data = discovered[discovered["group"] == group]
    ax = _axes(ax, (7.5, 5.0))
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
    _label_without_overlap(ax, xs, ys, chosen["term"].astype(str).tolist(), colours)
    ax.set_xlabel("frequency in the corpus (log scale)")
    ax.set_ylabel(f"log-odds z: {group} vs rest")
    ax.set_title(title or f"Distinctive terms: {group}", fontsize=10)
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
    ax = _axes(ax, (6.5, 0.8 + 0.3 * len(data)))
    known = data.get("in_lexicon", None)
    colours = ["#2166ac" if (known is not None and isinstance(v, str) and v) else "#92c5de"
               for v in (known if known is not None else [None] * len(data))]
    ax.barh(range(len(data)), data["weight"], color=colours)
    ax.set_yticks(range(len(data)), data["term"].astype(str), fontsize=8)
    ax.axvline(0, color="#555555", linewidth=0.6)
    ax.set_xlabel("model weight (dark: in the lexicon)")
    ax.set_title(title or f"Most loaded terms for '{cls}'", fontsize=10)
    return ax


def plot_shares_over_time(documents: Any, concept: str, *, ax: Any = None, date_col: str = "date",
                          freq: str = "M", title: str | None = None) -> Any:
    """Label shares of a concept per period (month by default), one line per label.

    Parameters
    ----------
    documents : DataFrame
        ``score``'s documents table with a date column added
        (``concept:label`` count columns).
    """
    import pandas as pd

    cols = [c for c in documents.columns if c.startswith(f"{concept}:")]
    if not cols:
        raise ValueError(f"no count columns for concept {concept!r} in the documents table.")
    dates = pd.to_datetime(documents[date_col], errors="coerce")
    data = documents[cols].groupby(dates.dt.to_period(freq)).sum()
    total = data.sum(axis=1).replace(0, np.nan)
    shares = data.div(total, axis=0)
    ax = _axes(ax, (7.5, 3.5))
    for col in cols:
        ax.plot(shares.index.to_timestamp(), shares[col], marker="o", ms=3,
                label=col.split(":", 1)[1])
    ax.set_ylim(0, 1)
    ax.set_ylabel(f"share of '{concept}' hits")
    ax.legend(fontsize=7, frameon=False)
    ax.set_title(title or f"{concept.replace('_', ' ')} over time", fontsize=10)
    return ax
