"""Colours shared by the figures and the HTML page: one per pole, and one per label.

Labels at the same pole get clearly different hues of the pole's family (warm
for the negative end, cool for the positive end, greys and olive for the
middle), so two labels at one pole never look alike in a legend.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["POLE_COLOURS", "POLE_TINTS", "label_colours", "pole_colour"]

#: The pole's own colour (diverging red–blue, as the stance heatmap).
POLE_COLOURS = {-1: "#b2182b", 0: "#757575", 1: "#2166ac"}
#: Light tints of the pole colours, for highlighting text.
POLE_TINTS = {-1: "#f8d0cc", 0: "#e4e4e4", 1: "#cfe0f3"}

# Distinct hues per pole, most saturated first (ColorBrewer-like, checked for contrast
# against white text at bar widths of 8% and more).
_FAMILIES = {
    -1: ("#b2182b", "#e66101", "#8e0152", "#a6611a", "#de77ae", "#fdb863", "#67001f", "#f4a582"),
    0: ("#757575", "#a6a04a", "#4d4d4d", "#bababa", "#7f6b4f", "#9e9ac8", "#c7b98a", "#2f2f2f"),
    1: ("#2166ac", "#1b7837", "#5e3c99", "#35978f", "#92c5de", "#a6dba0", "#053061", "#80cdc1"),
}


def _lighter(colour: str, amount: float) -> str:
    rgb = [int(colour[k:k + 2], 16) for k in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in rgb)


def _sign(pole: float) -> int:
    return (pole > 0) - (pole < 0)


def pole_colour(pole: float) -> str:
    """The colour of a pole (its sign: −1, 0 or +1)."""
    return POLE_COLOURS[_sign(pole)]


def label_colours(labels: Iterable[tuple[str, str, float]]) -> dict[tuple[str, str], str]:
    """A colour for each ``(concept, label, pole)``: distinct within each concept.

    The k-th label of a concept at a pole takes the k-th hue of that pole's
    family; past eight labels the hues come again, lighter.

    Examples
    --------
    >>> colours = label_colours([("c", "a", -1), ("c", "b", -1), ("c", "n", 0)])
    >>> colours[("c", "a")] != colours[("c", "b")]
    True
    """
    out: dict[tuple[str, str], str] = {}
    used: dict[tuple[str, int], int] = {}
    for concept, label, pole in labels:
        sign = _sign(pole)
        k = used.get((concept, sign), 0)
        used[(concept, sign)] = k + 1
        family = _FAMILIES[sign]
        rounds = k // len(family)
        base = family[k % len(family)]
        out[(concept, label)] = _lighter(base, 1 - 0.6 ** rounds) if rounds else base
    return out
