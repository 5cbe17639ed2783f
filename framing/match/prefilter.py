"""A pre-check for the matcher: one regular expression for every word a lexicon could match.

Analysing a new word type fully (clitic readings, lexicon look-ups) costs
microseconds; on news, about one type in forty can match anything. The
pattern below accepts every normalised word that some clitic reading of
:func:`framing.text.clitics.segment` could turn into a lexicon word (and a few
more), so the other types are ruled out by one C-level match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..text.clitics import ARTICLE, CONJUNCTIONS, ENCLITICS, PREPOSITIONS
from ..text.normalizer import Normalizer

__all__ = ["NEVER", "PRESENTATION_FORMS", "clitic_pattern", "marks_class", "surface_pattern", "trie_pattern"]


#: A regular expression that matches nothing, in the syntax of both ``re`` and RE2.
NEVER = r"[^\s\S]"


def clitic_pattern(stems: Iterable[str], prefixes: Iterable[str], teh: str) -> re.Pattern[str]:
    """A regular expression for any word that some clitic reading could turn into a lexicon word.

    (و|ف)? (ب|ك|ل)? (ال|ل)? then a stem (or ت for its final teh marbuta)
    and an optional pronoun, or a prefix stem and anything; use ``fullmatch``.

    Examples
    --------
    >>> p = clitic_pattern(["احتلال"], [], "ه")
    >>> [bool(p.fullmatch(w)) for w in ("وبالاحتلال", "احتلالهم", "احتلالي", "الاحتلالات")]
    [True, True, True, False]
    """
    stems = set(stems)
    stems |= {st[:-1] + "ت" for st in stems if st.endswith(teh)}
    whole = f"(?:{trie_pattern(stems)})(?:{'|'.join(ENCLITICS)})?" if stems else NEVER
    start = f"(?:{trie_pattern(set(prefixes))}).*" if prefixes else NEVER
    proclitics = f"[{''.join(CONJUNCTIONS)}]?[{''.join(PREPOSITIONS)}]?(?:{ARTICLE}|ل)?"
    return re.compile(f"{proclitics}(?:{whole}|{start})", re.DOTALL)


def trie_pattern(strings: set[str]) -> str:
    """A regular expression matching any of ``strings``, factored as a trie (fast in ``re``).

    Examples
    --------
    >>> trie_pattern({"قوات", "قوه", "قصف"})
    'ق(?:صف|و(?:ات|ه))'
    """
    trie: dict[str, dict] = {}
    for s in strings:
        node = trie
        for ch in s:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict[str, dict]) -> str:
        if "" in node and len(node) == 1:
            return ""
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)


#: Where the characters that normalise to an Arabic letter, or to nothing, are looked for:
#: Arabic, Arabic Supplement and Extended-A, the general punctuation block's invisible marks,
#: soft hyphen, the Persian letters the ``unicode`` step maps.
_RAW_RANGES = ((0x00AD, 0x00AD), (0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF),
               (0x180E, 0x180E), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x2069),
               (0xFEFF, 0xFEFF))
#: Presentation forms, which NFKC turns into one or two letters: text holding any of them is
#: never ruled out by a raw pattern.
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")


@lru_cache(maxsize=8)
def _raw_classes(normalizer: Normalizer) -> tuple[dict[str, str], str]:
    """For each normalised letter, the raw characters that become it; and the ones deleted."""
    classes: dict[str, set[str]] = {}
    deleted = []
    for a, b in _RAW_RANGES:
        for code in range(a, b + 1):
            ch = chr(code)
            out = normalizer(ch)
            if out == "":
                deleted.append(ch)
            elif len(out) == 1:
                classes.setdefault(out, {out}).add(ch)
    return {k: "".join(sorted(v)) for k, v in classes.items()}, "".join(deleted)


def surface_pattern(stems: Iterable[str], normalizer: Normalizer, *,
                    syntax: str = "python", marks: bool = True) -> str | None:
    """A regular expression that finds, in raw text, anything that normalises to one of ``stems``.

    Each letter of a stem may be written in any spelling the normaliser folds
    into it (أ إ آ for ا, ة for ه, ى for ي...) with diacritics, tatweel or
    invisible marks after it, and the spelling variants are tried both ways;
    text holding presentation forms (:data:`PRESENTATION_FORMS`, which NFKC
    turns into letters) always matches. A text it finds nothing in holds none
    of the stems. ``syntax`` is ``"python"`` (:mod:`re`) or ``"re2"`` (pyarrow's
    regular expressions); ``None`` when there are no stems. ``marks=False``
    leaves out the marks between letters, for text whose :func:`marks_class`
    characters were removed first (a pattern a tenth the size, which RE2
    compiles that much faster).

    Examples
    --------
    >>> import re
    >>> from framing.text.normalizer import Normalizer
    >>> p = re.compile(surface_pattern(["اسرائيل"], Normalizer()))
    >>> bool(p.search("قالت إسرائيـــلُ")), bool(p.search("قالت اسرائيل")), bool(p.search("قالت"))
    (True, True, False)
    """
    classes, deleted = _raw_classes(normalizer)
    wanted = set()
    for stem in stems:
        wanted.add(stem)
        for variant, canonical in normalizer.variants:
            if canonical in stem:
                wanted.add(stem.replace(canonical, variant))
    wanted.discard("")
    if not wanted:
        return None

    between = _class(deleted, syntax) + "*" if deleted and marks else ""
    pieces = [between.join(_class(classes.get(ch, ch), syntax) for ch in stem) for stem in sorted(wanted)]
    forms = "[\\x{FB50}-\\x{FDFF}\\x{FE70}-\\x{FEFE}]" if syntax == "re2" else PRESENTATION_FORMS.pattern
    return "|".join([*pieces, forms])


def marks_class(normalizer: Normalizer, *, syntax: str = "python") -> str | None:
    """A character class of the characters ``normalizer`` deletes (diacritics, tatweel, invisible
    marks) that :func:`surface_pattern` allows between letters; ``None`` when it deletes none.

    Examples
    --------
    >>> import re
    >>> from framing.text.normalizer import Normalizer
    >>> re.sub(marks_class(Normalizer()), "", "إسرائيـــلُ\u200f")
    'إسرائيل'
    """
    _, deleted = _raw_classes(normalizer)
    return _class(deleted, syntax) if deleted else None


def _class(chars: str, syntax: str) -> str:
    """A character class of ``chars`` in the syntax of :mod:`re` or of RE2."""
    if syntax == "re2":
        return "[" + "".join(f"\\x{{{ord(c):X}}}" for c in chars) + "]"
    return "[" + "".join(f"\\u{ord(c):04X}" for c in chars) + "]"
