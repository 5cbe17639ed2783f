"""Arabic orthographic normalisation, built on camel-tools' data-free utilities.

Normalisation is applied to *word types*, never to the running text, so that
every hit keeps its offsets into the original string (see
:mod:`framing.text.tokens`). Each step can be switched off.

Default steps, in order:

=================  ============================================  ==================
step               what it does                                  example
=================  ============================================  ==================
``unicode``        NFKC (camel-tools ``normalize_unicode``):     ﻻ → لا
                   presentation forms and ligatures decomposed
``invisible``      remove invisible format marks                 \u200fالمقاومة → المقاومة
                   (:data:`INVISIBLE`: RLM, LRM, ALM, ZWNJ, ZWJ,
                   ZWSP, BOM, soft hyphen, bidi controls)
``diacritics``     remove harakat, shadda, sukun, dagger alef    شَهِيد → شهيد
                   (camel-tools ``dediac_ar``)
``tatweel``        remove kashida U+0640                         شـهيد → شهيد
``alef``           أ إ آ ٱ → ا (camel-tools ``normalize_alef_ar``)  أميركي → اميركي
``alef_maksura``   ى → ي                                         قتلى → قتلي
``teh_marbuta``    ة → ه                                         المقاومة → المقاومه
``digits``         Arabic-Indic and Persian digits → 0-9         ٧ → 7
``variants``       unify common spelling variants (substring     أمريكي → اميركي,
                   rules, :data:`DEFAULT_VARIANTS`)              مليشيا → ميليشيا
=================  ============================================  ==================

Off by default:

=================  ============================================  ==================
``hamza_seats``    the hamza on a seat written bare: ؤ ئ → ء,    مسئول, مسؤول → مسءول
                   and the old «مائة» spelling as «مئة»          مائة → مءه
=================  ============================================  ==================

``hamza_seats`` merges spellings that differ only in the seat of the hamza
(الشئون / الشؤون), a house convention rather than a word choice: with it,
``framing discover`` and the lexicon count them as one word. It is what
:func:`framing.analysis.kinds.fold_hamza` does to tell such spelling twins
apart.

Farsi yeh and keheh (ی ک), which appear in some web text, are mapped to
Arabic ي ك by the ``unicode`` step.
"""

from __future__ import annotations

import json
import os
import unicodedata
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

__all__ = ["DEFAULT_VARIANTS", "DELETED", "INVISIBLE", "Normalizer", "normalize"]

#: Invisible format characters that scraped web text scatters before, after and inside
#: words: soft hyphen, Arabic letter mark (ALM), Mongolian vowel separator, zero-width
#: space, ZWNJ, ZWJ, left-to-right and right-to-left marks (LRM, RLM), the bidi
#: embeddings and overrides (U+202A-U+202E), word joiner and invisible operators
#: (U+2060-U+2064), the bidi isolates (U+2066-U+2069) and the byte order mark / zero-width
#: no-break space. The ``invisible`` step deletes them; the matcher leaves them out of
#: the edges of a hit.
INVISIBLE = ("\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
             "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff")
_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE))

#: Spelling-variant rules applied (as substring replacements) after the other
#: steps, so they are written in normalised spelling. Each maps a variant to
#: the canonical form used by the bundled lexicon.
DEFAULT_VARIANTS: tuple[tuple[str, str], ...] = (
    ("امريك", "اميرك"),  # أمريكي / أميركي, أمريكا / أميركا
    ("مليشي", "ميليشي"),  # مليشيا / ميليشيا, مليشيات / ميليشيات
)

#: The hamza on a seat (waw, yeh) written bare, for ``hamza_seats``.
_HAMZA_SEATS = str.maketrans({"\u0624": "\u0621", "\u0626": "\u0621"})
#: «مائة», «مائتان» (after the character steps: ئ → ء, ة → ه or not) written as «مئة», «مئتان».
_HUNDRED = (("ماءه", "مءه"), ("ماءة", "مءة"), ("ماءت", "مءت"))
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_FARSI = str.maketrans({"\u06cc": "\u064a", "\u06a9": "\u0643", "\u06d2": "\u064a"})


@dataclass(frozen=True)
class Normalizer:
    """A configurable Arabic normaliser for word types.

    Parameters
    ----------
    unicode, invisible, diacritics, tatweel, alef, alef_maksura, teh_marbuta, digits : bool
        Switch each step of the table in :mod:`framing.text.normalizer` on or off.
        All default to ``True``.
    variants : tuple of (str, str)
        Spelling-variant rules ``(variant, canonical)``, applied in order as
        substring replacements on the normalised form. Pass ``()`` to disable.
    hamza_seats : bool
        Write ؤ and ئ as a bare ء, and «مائة» / «مائتان» as «مئة» / «مئتان»
        (default ``False``).

    Examples
    --------
    >>> norm = Normalizer()
    >>> norm("الأمريكيّة")
    'الاميركيه'
    >>> Normalizer(teh_marbuta=False)("المقاومة")
    'المقاومة'
    >>> hamza = Normalizer(hamza_seats=True)
    >>> hamza("الشئون") == hamza("الشؤون") == "الشءون", hamza("مائة") == hamza("مئة")
    (True, True)
    """

    unicode: bool = True
    invisible: bool = True
    diacritics: bool = True
    tatweel: bool = True
    alef: bool = True
    alef_maksura: bool = True
    teh_marbuta: bool = True
    digits: bool = True
    variants: tuple[tuple[str, str], ...] = field(default=DEFAULT_VARIANTS)
    hamza_seats: bool = False

    def __call__(self, text: str) -> str:
        """Return the normalised form of ``text``.

        Equal to :meth:`stepwise` (the camel-tools functions applied one after
        the other, which defines the result), but every character-wise step
        runs as one ``str.translate`` with a table derived from those same
        functions, about 4x faster.
        """
        if self.unicode and _needs_nfkc(text):
            text = _normalize_unicode(text)
        return self._rest(text)

    def many(self, words: list[str]) -> list[str]:
        """Normalise many words at once, exactly as ``[self(w) for w in words]``.

        No word contains a newline, the character steps and the variants act
        within a word, so after NFKC (word by word, and only on the few words
        that need it) the words are normalised as one newline-joined text.
        """
        if not words:
            return []
        joined = "\n".join(words)
        if self.unicode and _needs_nfkc(joined):
            words = [_normalize_unicode(w) if _needs_nfkc(w) else w for w in words]
            joined = "\n".join(words)
        out = self._rest(joined).split("\n")
        if len(out) != len(words):  # a word held a newline after all: one by one
            out = [self(w) for w in words]
        return out

    def _rest(self, text: str) -> str:
        """The steps after NFKC: the character-wise ones as one table, then the variants."""
        steps = self._char_steps()
        if len(text) < 4096:
            text = text.translate(_table(steps))
        else:  # the same table as a numpy look-up: 3-4x faster on long strings
            text = _translate_array(text, _array(steps))
        return self._substrings(text)

    def _substrings(self, text: str) -> str:
        """The substring rules after the character steps: the variants, then «مائة»."""
        for variant, canonical in self.variants:
            if variant in text:
                text = text.replace(variant, canonical)
        if self.hamza_seats and "ماء" in text:
            for old, new in _HUNDRED:
                text = text.replace(old, new)
        return text

    def char_table(self) -> np.ndarray:
        """The character steps as a read-only table: ``table[c]`` is the code point that code point
        ``c`` (of the Basic Multilingual Plane) becomes, :data:`DELETED` for a character removed.

        NFKC and the substring rules (variants, «مائة») are not in it: vectorised code (e.g.
        :func:`framing.text.shingles.sketch_texts`) applies it to arrays of code points.

        Examples
        --------
        >>> table = Normalizer().char_table()
        >>> chr(table[ord("أ")]), bool(table[ord("\u064e")] == DELETED)  # alef with hamza; a fatha
        ('ا', True)
        """
        return _array(self._char_steps())

    def stepwise(self, text: str) -> str:
        """Apply the steps one by one with camel-tools' functions (the reference definition)."""
        if self.unicode:
            # camel-tools' normalize_unicode (NFKC plus two ligature fixes) only when it
            # would change something: the check is C-level and ~20x cheaper.
            if _needs_nfkc(text):
                from camel_tools.utils.normalize import normalize_unicode

                text = normalize_unicode(text)
        text = _apply_char_steps(text, self._char_steps())
        return self._substrings(text)

    def _char_steps(self) -> tuple[bool, ...]:  # in the order of _STEP_NAMES
        return (self.unicode, self.invisible, self.diacritics, self.tatweel, self.alef,
                self.alef_maksura, self.teh_marbuta, self.digits, self.hamza_seats)

    @property
    def teh_marbuta_char(self) -> str:
        """The letter teh marbuta becomes under this normaliser (ه or ة)."""
        return "\u0647" if self.teh_marbuta else "\u0629"



def _needs_nfkc(text: str) -> bool:
    """Would the ``unicode`` step change ``text``? (A C-level check.)"""
    return not unicodedata.is_normalized("NFKC", text) or "\ufdfc" in text or "\ufdfd" in text


def _normalize_unicode(text: str) -> str:
    """camel-tools' ``normalize_unicode``: its two ligature fixes, then NFKC.

    camel-tools applies the fixes with a character loop in Python; two
    ``str.replace`` calls do the same in C (a test checks they agree).
    """
    for ligature, words in _LIGATURES.items():
        if ligature in text:
            text = text.replace(ligature, words)
    return unicodedata.normalize("NFKC", text)


# The fixes camel-tools' normalize_unicode applies before NFKC.
_LIGATURES = {"\ufdfc": "ريال", "\ufdfd": "بسم الله الرحمن الرحيم"}


def _apply_char_steps(text: str, steps: tuple[bool, ...]) -> str:
    """The character-wise steps (everything but NFKC and variants), with camel-tools."""
    from camel_tools.utils.dediac import dediac_ar
    from camel_tools.utils.normalize import (
        normalize_alef_ar,
        normalize_alef_maksura_ar,
        normalize_teh_marbuta_ar,
    )

    farsi, invisible, diacritics, tatweel, alef, alef_maksura, teh_marbuta, digits, hamza_seats = steps
    if farsi:  # part of the ``unicode`` step
        text = text.translate(_FARSI)
    if invisible:
        text = text.translate(_INVISIBLE)
    if diacritics:
        text = dediac_ar(text)
    if tatweel:
        text = text.replace("\u0640", "")
    if alef:
        text = normalize_alef_ar(text)
    if alef_maksura:
        text = normalize_alef_maksura_ar(text)
    if teh_marbuta:
        text = normalize_teh_marbuta_ar(text)
    if digits:
        text = text.translate(_DIGITS)
    if hamza_seats:
        text = text.translate(_HAMZA_SEATS)
    return text


@lru_cache(maxsize=16)
def _table(steps: tuple[bool, ...]) -> dict[int, str]:
    """One ``str.translate`` table doing all character-wise steps.

    Every such step maps each character independently (a character class
    replaced or deleted), so their composition is a per-character map. It is
    computed by running the camel-tools functions once over every character of
    the Basic Multilingual Plane (astral characters are untouched by them), each
    followed by a newline, which no step changes.

    Importing camel-tools' character sets takes half a second, so the table
    is kept on disk (:func:`cache_dir`) under a name that holds the versions
    of camel-tools and of Python's Unicode database: the next command reads
    it instead. A cache that cannot be read or written is simply not used.
    """
    path = _table_path(steps)
    if path is not None:
        try:
            return {int(k): v for k, v in json.loads(path.read_text(encoding="utf-8")).items()}
        except (OSError, ValueError, AttributeError):
            pass  # absent or damaged: derive it again
    chars = [chr(c) for c in range(0x10000) if chr(c) != "\n" and not 0xD800 <= c <= 0xDFFF]
    out = _apply_char_steps("\n".join(chars) + "\n", steps).split("\n")[:-1]
    table = {ord(c): r for c, r in zip(chars, out, strict=True) if r != c}
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps(table), encoding="utf-8")
            os.replace(tmp, path)
        except OSError:
            pass
    return table


def cache_dir() -> Path:
    """Where framing keeps derived tables: ``$FRAMING_CACHE_DIR``, else ``$XDG_CACHE_HOME/framing``
    or ``~/.cache/framing``. Deleting it is always safe."""
    if os.environ.get("FRAMING_CACHE_DIR"):
        return Path(os.environ["FRAMING_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "framing"


def _table_path(steps: tuple[bool, ...]) -> Path | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        camel = version("camel-tools")
    except PackageNotFoundError:  # pragma: no cover - a dependency
        return None
    flags = "".join("1" if s else "0" for s in steps)
    # The steps' names in the file name: a version of the code with other steps never reads it.
    layout = zlib.crc32(",".join(_STEP_NAMES).encode()) & 0xFFFF
    name = f"normalize-table-{layout:04x}-camel{camel}-unicode{unicodedata.unidata_version}-{flags}.json"
    try:
        return cache_dir() / name
    except RuntimeError:  # no home directory
        return None


_STEP_NAMES = ("unicode", "invisible", "diacritics", "tatweel", "alef", "alef_maksura", "teh_marbuta",
               "digits", "hamza_seats")
_DELETE = 0xFFFFFFFF
#: In :meth:`Normalizer.char_table`: the character is removed.
DELETED = _DELETE


@lru_cache(maxsize=16)
def _array(steps: tuple[bool, ...]) -> np.ndarray:
    """:func:`_table` as an array indexed by code point (``_DELETE``: removed), when it can be.

    Every character-wise step maps one character to at most one.
    """
    table = _table(steps)
    array = np.arange(0x10000, dtype=np.uint32)
    for code, out in table.items():
        if len(out) > 1:  # pragma: no cover - camel-tools maps one to one
            raise ValueError(f"character step maps U+{code:04X} to several characters")
        array[code] = ord(out) if out else _DELETE
    array.setflags(write=False)
    return array


def code_points(text: str) -> np.ndarray:
    """The code points of ``text`` as a uint32 array (one per character, as Python indexes)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _translate_array(text: str, array: np.ndarray) -> str:
    """``text.translate`` with an :func:`_array` table, vectorised over UTF-32 code points."""
    points = code_points(text)
    out = array[np.minimum(points, 0xFFFF)]
    astral = points > 0xFFFF  # untouched by every step
    if astral.any():
        out[astral] = points[astral]
    return out[out != _DELETE].tobytes().decode("utf-32-le", "surrogatepass")


@lru_cache(maxsize=1)
def _default() -> Normalizer:
    return Normalizer()


def normalize(text: str) -> str:
    """Normalise ``text`` with the default :class:`Normalizer`.

    Examples
    --------
    >>> normalize("إسرائيـــل")
    'اسرائيل'
    """
    return _default()(text)
