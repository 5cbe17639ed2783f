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

from ..text.clitics import ARTICLE, CONJUNCTIONS, ENCLITICS, PREPOSITIONS

__all__ = ["clitic_pattern", "trie_pattern"]


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
    whole = f"(?:{trie_pattern(stems)})(?:{'|'.join(ENCLITICS)})?" if stems else "(?!)"
    start = f"(?:{trie_pattern(set(prefixes))}).*" if prefixes else "(?!)"
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
