"""Figures: rendered to PNG and checked for real content (ink, cells, direction)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from framing.present import fonts, plot, plot_terms, plot_time
from framing.present.colours import label_colours


def ink(ax, artist) -> np.ndarray:
    """The RGBA pixels inside an artist's box, as a boolean 'not white' mask."""
    fig = ax.figure
    fig.canvas.draw()
    box = artist.get_window_extent(fig.canvas.get_renderer())
    img = np.asarray(fig.canvas.buffer_rgba())
    h = img.shape[0]
    x0, x1 = int(box.x0), int(np.ceil(box.x1))
    y0, y1 = int(h - np.ceil(box.y1)), int(h - box.y0)
    region = img[y0:y1, x0:x1, :3]
    return region.min(axis=2) < 128


def test_font_has_arabic_glyphs() -> None:
    name = plot.arabic_font()
    from matplotlib import font_manager

    path = font_manager.findfont(name)
    assert fonts.has_arabic(path)


def test_arabic_text_draws_right_to_left() -> None:
    plot.arabic_font()
    fig, ax = plt.subplots(figsize=(3, 1), dpi=200)
    ax.set_axis_off()
    # nine alefs then a ba: read right to left, the ba (and its dot below the
    # line) is drawn at the LEFT end; alefs never go below the line.
    text = ax.text(0.5, 0.5, "ااااااااب", fontsize=30, ha="center", va="center")
    mask = ink(ax, text)
    assert mask.sum() > 50, "the Arabic label drew no ink"
    rows = np.nonzero(mask.any(axis=1))[0]
    bottom = mask[rows[-1] - max(2, (rows[-1] - rows[0]) // 6):rows[-1] + 1]
    cols = np.nonzero(bottom.any(axis=0))[0]
    assert cols.mean() < mask.shape[1] / 2, "ب drawn on the right: text laid out left to right"
    plt.close(fig)


@pytest.fixture()
def stance() -> pd.DataFrame:
    rows = []
    for g, group in enumerate(["thura", "shurfa", "kestrel"]):
        for c, concept in enumerate(["foreign_troops", "armed_groups", "the_dead", "israel"]):
            value = (-1) ** g * 0.2 * (c + 1)
            rows.append((group, concept, value, value - 0.1, value + 0.1, 30 if c else 4, c == 0))
    return pd.DataFrame(rows, columns=["group", "concept", "stance", "ci_low", "ci_high", "hits",
                                       "too_few_hits"])


def test_stance_heatmap_has_one_cell_per_group_and_concept(stance: pd.DataFrame) -> None:
    ax = plot.plot_stance(stance)
    image = ax.images[0].get_array()
    assert image.shape == (4, 3)                      # concepts × groups
    np.testing.assert_allclose(image[2, 1], stance.query("group == 'shurfa' and concept == "
                                                         "'the_dead'")["stance"].iloc[0])
    cell_texts = [t.get_text() for t in ax.texts]
    assert len(cell_texts) == 12
    assert "n=4" in cell_texts[0]                     # too few hits: count, no interval
    assert "[" in cell_texts[1]                       # otherwise the interval is printed
    assert [t.get_text() for t in ax.get_xticklabels()] == ["thura", "shurfa", "kestrel"]
    assert ax.get_yticklabels()[0].get_text() == "foreign troops"
    plt.close(ax.figure)


def test_stance_heatmap_drops_concepts_nobody_mentions(stance: pd.DataFrame) -> None:
    stance.loc[stance.concept == "israel", ["hits", "stance"]] = [0, np.nan]
    ax = plot.plot_stance(stance)
    assert ax.images[0].get_array().shape == (3, 3)
    plt.close(ax.figure)


def test_axes_are_reused_and_returned(stance: pd.DataFrame) -> None:
    fig, axes = plt.subplots(1, 2)
    assert plot.plot_stance(stance, ax=axes[0]) is axes[0]
    assert len(plt.get_fignums()) >= 1 and axes[0].figure is fig
    plt.close(fig)


def test_shares_bars_sum_to_one_and_arabic_legend() -> None:
    shares = pd.DataFrame({
        "group": ["a", "a", "b", "b"], "concept": ["troops"] * 4,
        "label": ["قوات الاحتلال", "القوات الأميركية"] * 2, "pole": [-1, 0] * 2,
        "share": [0.75, 0.25, 0.1, 0.9]})
    ax = plot.plot_shares(shares, "troops")
    widths = {}
    for patch in ax.patches:
        y = round(patch.get_y() + patch.get_height() / 2)
        widths[y] = widths.get(y, 0) + patch.get_width()
    assert sorted(widths.values()) == pytest.approx([1.0, 1.0])
    legend_text = ax.get_legend().get_texts()[0]
    assert ink(ax, legend_text).sum() > 20
    with pytest.raises(ValueError, match="no rows for concept 'nope'"):
        plot.plot_shares(shares, "nope")
    plt.close(ax.figure)


def test_discovery_labels_do_not_overlap() -> None:
    rng = np.random.default_rng(1)
    terms = ["احتلال", "مقاومه", "شهيد", "كيان", "ميليشيات", "عدوان", "مجزره", "غاره", "قتلي",
             "مستوطنات", "فلسطين المحتله", "العدو الصهيوني"] + [f"w{i}" for i in range(200)]
    df = pd.DataFrame({"group": "a", "term": terms, "z": rng.normal(0, 2, len(terms)),
                       "count_group": rng.integers(1, 300, len(terms)),
                       "count_rest": rng.integers(1, 300, len(terms))})
    df.loc[:11, "z"] = np.linspace(-8, 8, 12)
    df.loc[:11, "count_group"] = 200
    df.loc[:11, "count_rest"] = 200  # all on one vertical line: the hard case
    ax = plot_terms.plot_discovery(df, top=12)
    renderer = ax.figure.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts if t.get_text()]
    assert len(boxes) >= 10
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b)
    plt.close(ax.figure)


def test_rates_loadedness_and_time_plots_draw() -> None:
    rates = pd.DataFrame({"group": ["a", "b"] * 2, "concept": ["c"] * 4, "label": ["x", "x", "y", "y"],
                          "rate": [1.0, 2.0, 0.5, 0.1], "ci_low": [0.8, 1.5, 0.3, 0.0],
                          "ci_high": [1.2, 2.5, 0.7, 0.3]})
    ax = plot.plot_rates(rates)
    assert len(ax.get_yticklabels()) == 2
    plt.close(ax.figure)
    loaded = pd.DataFrame({"class": ["a"] * 3, "term": ["المقاومة", "الاحتلال", "قال"],
                           "weight": [2.0, 1.5, -0.5], "in_lexicon": ["x/y", "x/z", ""]})
    ax = plot_terms.plot_loadedness(loaded)
    assert [t.get_text() for t in ax.get_yticklabels()][-1] == "المقاومة"
    plt.close(ax.figure)
    docs = pd.DataFrame({"date": ["2024-01-05", "2024-01-20", "2024-02-03"],
                         "c:x": [1, 0, 3], "c:y": [1, 2, 1]})
    ax = plot_time.plot_shares_over_time(docs, "c")
    assert len(ax.lines) == 2
    np.testing.assert_allclose(ax.lines[0].get_ydata(), [0.25, 0.75])
    plt.close(ax.figure)


def test_save_figure_writes_three_formats(tmp_path, stance: pd.DataFrame) -> None:
    ax = plot.plot_stance(stance)
    written = plot.save_figure(ax, tmp_path / "stance")
    assert [p.suffix for p in written] == [".png", ".svg", ".pdf"]
    assert all(p.stat().st_size > 1000 for p in written)
    from PIL import Image

    with Image.open(written[0]) as img:
        assert img.info.get("dpi", (0,))[0] == pytest.approx(300, abs=1)
    plt.close(ax.figure)


def test_latin_text_falls_back_from_an_arabic_only_font() -> None:
    """An Arabic font without Latin letters (Noto Naskh Arabic) must not draw 'abc' as boxes."""
    import warnings

    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    arabic_only = [path for path in sorted(font_manager.findSystemFonts())
                   if fonts.has_arabic(path) and not FT2Font(path).get_char_index(ord("a"))]
    if not arabic_only:
        pytest.skip("no installed font has Arabic glyphs but no Latin ones")
    font_manager.fontManager.addfont(arabic_only[0])  # even if matplotlib's cache predates it
    name = font_manager.FontProperties(fname=arabic_only[0]).get_name()
    assert fonts.arabic_font(name) == name
    fig, ax = plt.subplots(figsize=(3, 1))
    ax.set_title("abc قوات 50%")
    discovered = pd.DataFrame({"group": "alpha", "term": ["قوات", "الاحتلال", "غزة"], "z": [3.0, -2.0, 1.0],
                               "count_group": [20, 3, 30], "count_rest": [5, 40, 300]})
    axes = plot_terms.plot_discovery(discovered)  # log-scale ticks: no "×" the Arabic font lacks
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph 97 (a) missing from font(s)"
        fig.canvas.draw()
        axes.figure.canvas.draw()
    plt.close(fig)
    labels = [t.get_text() for t in axes.get_xticklabels() + axes.get_xticklabels(minor=True)]
    assert labels and not [t for t in labels if "$" in t]  # mathtext draws with the first font only
    plt.close(axes.figure)


def test_the_font_chosen_has_arabic_glyphs_even_with_a_stale_font_cache() -> None:
    """matplotlib lists the system fonts once; fonts installed later are found all the same."""
    from matplotlib import font_manager

    name = fonts.arabic_font()
    path = next(e.fname for e in font_manager.fontManager.ttflist if e.name == name)
    assert fonts.has_arabic(path)
    system_arabic = [p for p in font_manager.findSystemFonts() if "NotoNaskhArabic" in p]
    if system_arabic:  # Debian's fonts-noto-core is installed: it is preferred to DejaVu Sans
        assert name == "Noto Naskh Arabic"


def _shares(labels: list[tuple[str, int]], groups: list[str]) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    rows = []
    for g in groups:
        weights = rng.dirichlet(np.ones(len(labels)))
        rows += [(g, "troops", lab, pole, w) for (lab, pole), w in zip(labels, weights, strict=True)]
    return pd.DataFrame(rows, columns=["group", "concept", "label", "pole", "share"])


@pytest.mark.parametrize("n_groups", [1, 2, 3, 6, 14])
def test_shares_legend_clears_the_axis_title_and_labels(n_groups: int) -> None:
    labels = [("occupation", -1), ("invasion", -1), ("presence", 0), ("partner", 1), ("allies", 1)]
    ax = plot.plot_shares(_shares(labels, [f"outlet{k}" for k in range(n_groups)]), "troops")
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    legend = ax.get_legend().get_window_extent(renderer)
    for other in (ax.xaxis.label, ax.title, *ax.get_yticklabels(), *ax.get_xticklabels()):
        box = other.get_window_extent(renderer)
        assert not legend.overlaps(box), (other.get_text(), legend, box)
    assert not legend.overlaps(ax.get_window_extent(renderer))
    figure_box = fig.bbox
    assert figure_box.x0 <= legend.x0 and legend.x1 <= figure_box.x1   # inside the saved figure
    plt.close(fig)


def test_labels_at_one_pole_get_clearly_different_colours() -> None:
    from matplotlib.colors import to_rgb

    labels = [(f"neg{k}", -1) for k in range(4)] + [("mid", 0)] + [(f"pos{k}", 1) for k in range(3)]
    ax = plot.plot_shares(_shares(labels, ["a", "b"]), "troops")
    colours = {bars.get_label(): to_rgb(bars.patches[0].get_facecolor()) for bars in ax.containers}
    assert len(colours) == len(labels)
    rgb = list(colours.values())
    closest = min(np.abs(np.subtract(a, b)).sum() for i, a in enumerate(rgb) for b in rgb[i + 1:])
    assert closest > 0.25, closest   # summed RGB distance: no two labels look alike
    # warm hues for the negative pole, cool for the positive one
    by_label = dict(zip([t.get_text() for t in ax.get_legend().get_texts()], rgb, strict=True))
    assert all(c[0] > c[2] for name, c in by_label.items() if name.startswith("neg"))
    assert all(c[2] > c[0] for name, c in by_label.items() if name.startswith("pos"))
    plt.close(ax.figure)
    assert len(set(label_colours([("c", f"l{k}", -1) for k in range(6)]).values())) == 6


def test_trends_small_multiples() -> None:
    rows = []
    for g, group in enumerate(["a", "b", "c"]):
        for p, period in enumerate(["2024-01", "2024-02", "2024-03"]):
            share = 0.2 + 0.1 * p + 0.1 * g
            few = group == "c" and period == "2024-02"
            for label, pole, s in (("occupation", -1, share), ("neutral", 0, 1 - share)):
                rows.append((group, period, "israel", label, pole, s, np.nan if few else s - 0.05,
                             np.nan if few else s + 0.05, 10, 20, 5, few))
    trends = pd.DataFrame(rows, columns=["group", "period", "concept", "label", "pole", "share", "ci_low",
                                         "ci_high", "hits", "concept_hits", "docs", "too_few_hits"])
    axes = plot_time.plot_trends(trends, "israel")
    assert [ax.get_title() for ax in axes] == ["a", "b", "c"]
    first = axes[0]
    assert len(first.lines) == 2
    np.testing.assert_allclose(first.lines[0].get_ydata(), [0.2, 0.3, 0.4])
    assert [t.get_text() for t in first.get_xticklabels()] == ["2024-01", "2024-02", "2024-03"]
    hollow = axes[2].collections  # scatter of solid points, then of points with too few hits
    assert any(len(c.get_offsets()) == 1 and np.allclose(c.get_facecolor()[0], [1, 1, 1, 1])
               for c in hollow)
    with pytest.raises(ValueError, match="no rows for concept 'nope'"):
        plot_time.plot_trends(trends, "nope")
    plt.close(first.figure)


def test_arabic_legend_of_a_saved_figure_has_ink(tmp_path) -> None:
    """The PNG a scholar puts in a paper: Arabic labels drawn (not boxes, not blank)."""
    from PIL import Image

    labels = [("قوات الاحتلال", -1), ("القوات الأميركية", 0)]
    ax = plot.plot_shares(_shares(labels, ["a", "b"]), "troops")
    legend_text = ax.get_legend().get_texts()[0]
    mask = ink(ax, legend_text)
    assert mask.sum() > 40
    path = plot.save_figure(ax, tmp_path / "shares", formats=("png",))[0]
    with Image.open(path) as img:
        assert img.size[0] > 2000     # 300 dpi
    plt.close(ax.figure)
