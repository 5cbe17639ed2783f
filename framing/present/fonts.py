"""A font with Arabic glyphs for matplotlib, found even when matplotlib's font cache is stale.

matplotlib ≥ 3.11 shapes Arabic and lays it out right to left by itself, given
a font with Arabic glyphs. Do **not** pre-process labels with
``arabic_reshaper`` + ``python-bidi``: with matplotlib ≥ 3.11 that reverses
them.

matplotlib lists the system's fonts once and caches the list
(``~/.cache/matplotlib/fontlist-*.json``); fonts installed afterwards (e.g.
Debian's ``fonts-noto-core``) are missing from that list until the cache is
rebuilt. :func:`arabic_font` therefore also looks at the system's font files
and registers the Arabic ones it finds, without rebuilding the cache.
"""

from __future__ import annotations

import os
import warnings
from functools import lru_cache
from pathlib import Path

__all__ = ["PREFERRED_FONTS", "arabic_font", "has_arabic"]

#: Families tried in order (after ``FRAMING_FONT`` or the ``font`` argument).
PREFERRED_FONTS = ("Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Scheherazade New",
                   "DejaVu Sans")

_ARABIC_PROBE = "اعقةلى"


@lru_cache(maxsize=64)
def has_arabic(path: str) -> bool:
    """Whether the font file at ``path`` has glyphs for the Arabic letters (a broken file: no)."""
    from matplotlib.ft2font import FT2Font

    try:
        font = FT2Font(path)
    except (OSError, RuntimeError, ValueError):  # a broken font file is simply not a candidate
        return False
    return all(font.get_char_index(ord(c)) for c in _ARABIC_PROBE)


def _known_fonts() -> dict[str, str]:
    from matplotlib import font_manager

    by_name: dict[str, str] = {}
    # regular upright faces first: a family's bold or oblique file may lack scripts the regular has
    for entry in sorted(font_manager.fontManager.ttflist,
                        key=lambda e: (e.style != "normal", abs(_weight(e.weight) - 400))):
        by_name.setdefault(entry.name, entry.fname)
    return by_name


def _weight(weight: object) -> int:
    from matplotlib.font_manager import weight_dict

    return weight if isinstance(weight, int) else int(weight_dict.get(str(weight), 400))


@lru_cache(maxsize=1)
def _register_system_arabic_fonts() -> tuple[str, ...]:
    """Add the system's Arabic font files to matplotlib's list (once per process).

    Only files whose name names a preferred family are opened (a few of the
    hundreds of system fonts), so this stays fast.
    """
    from matplotlib import font_manager

    stems = tuple(name.replace(" ", "").lower() for name in PREFERRED_FONTS[:-1])
    known = {entry.fname for entry in font_manager.fontManager.ttflist}
    added = []
    for path in sorted(font_manager.findSystemFonts()):
        stem = Path(path).stem.replace("-", "").replace("_", "").lower()
        if path in known or not stem.startswith(stems) or not has_arabic(path):
            continue
        font_manager.fontManager.addfont(path)
        added.append(path)
    return tuple(added)


def arabic_font(font: str | None = None) -> str:
    """Return the name of a font with Arabic glyphs, and make it matplotlib's default.

    Parameters
    ----------
    font : str, optional
        A font family name to use; defaults to the ``FRAMING_FONT``
        environment variable, then the first of :data:`PREFERRED_FONTS` that
        is installed and has Arabic glyphs.

    Returns
    -------
    str
        The family chosen.

    Warns
    -----
    UserWarning
        If the font asked for is not usable, or no font with Arabic glyphs is
        found (Arabic would draw as boxes).

    Examples
    --------
    >>> arabic_font() in PREFERRED_FONTS or True  # the name depends on the installed fonts
    True
    """
    import matplotlib as mpl

    wanted = font or os.environ.get("FRAMING_FONT")
    candidates = ([wanted] if wanted else []) + list(PREFERRED_FONTS)
    _register_system_arabic_fonts()
    by_name = _known_fonts()
    for name in candidates:
        path = by_name.get(name)
        if path and has_arabic(path):
            if wanted and name != wanted:
                warnings.warn(f"font {wanted!r} is not installed or has no Arabic glyphs; using "
                              f"{name!r}.", stacklevel=2)
            # A list of families makes matplotlib fall back glyph by glyph: an Arabic font
            # without Latin letters (Noto Naskh Arabic) draws them from DejaVu Sans, which
            # matplotlib ships, instead of as boxes.
            mpl.rcParams["font.family"] = list(dict.fromkeys([name, "DejaVu Sans"]))
            mpl.rcParams["font.sans-serif"] = list(dict.fromkeys([name, *mpl.rcParams["font.sans-serif"]]))
            return name
    warnings.warn("no installed font has Arabic glyphs; Arabic labels will not render. Install "
                  "fonts-noto-core (Debian) or set FRAMING_FONT.", stacklevel=2)
    return str(mpl.rcParams["font.sans-serif"][0])
