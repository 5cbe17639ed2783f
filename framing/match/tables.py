"""The matcher's tables, built once from a lexicon: its words, its term patterns, prefix tries.

Every surface form of every term is split into words; each word is
normalised (:mod:`framing.text.normalizer`), its article split off
(:func:`framing.text.clitics.split_article`) and kept as a
:class:`LexiconWord` with its clitic policy and whether it is a prefix
wildcard. A term pattern is the tuple of its words' ids. A surface word of a
text is analysed by :meth:`MatcherTables._analyse`: its clitic readings
(:func:`framing.text.clitics.segment`) are looked up among the lexicon's words
and prefixes, after a one-regex pre-check (:mod:`framing.match.prefilter`).
The scanning itself is in :mod:`framing.match.matcher`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import Lexicon, Rule, Term, load_lexicon
from ..text.clitics import CliticPolicy, allows, segment, split_article
from ..text.normalizer import INVISIBLE, Normalizer
from .prefilter import clitic_pattern

__all__ = ["LexiconWord", "MatcherTables", "TermInfo"]

# A word written with a final teh marbuta (diacritics, tatweel or invisible marks may follow it).
_FINAL_TEH = re.compile(f"\u0629[\u064b-\u0652\u0670\u0640{INVISIBLE}]*$")
_EMPTY: tuple[int, ...] = ()


@dataclass(frozen=True)
class TermInfo:
    """What the matcher knows about one term pattern (a term or one of its forms)."""

    concept: str
    label: str
    pole: int
    frame: str
    term: str
    surface: str
    #: The term's context rule in the compact syntax of :mod:`framing.lexicon.rules`; "" for none.
    rule: str = ""


@dataclass(frozen=True)
class LexiconWord:
    """One word of the lexicon's terms, normalised: its stem, whether the article is required,
    its clitic policy and whether it is a prefix wildcard (``ارهاب*``)."""

    stem: str
    article: bool
    policy: CliticPolicy
    prefix: bool


class MatcherTables:
    """The look-up tables of a :class:`framing.match.Matcher` (see the module docstring)."""

    def __init__(
        self,
        lexicon: Lexicon | str,
        *,
        normalizer: Normalizer | None = None,
        min_stem: int = 4,
    ) -> None:
        self.lexicon = load_lexicon(lexicon)
        self.normalizer = normalizer or Normalizer()
        self.min_stem = min_stem
        self.words: list[LexiconWord] = []
        self.terms: list[TermInfo] = []
        #: The context rule of each ruled term, by term index.
        self.rules: dict[int, Rule] = {}
        self._word_ids: dict[LexiconWord, int] = {}
        self._by_stem: dict[str, list[int]] = {}
        self._prefixes: dict[str, list[int]] = {}
        self._prefix_lengths: list[int] = []
        # pattern (tuple of word ids) -> term index, or -1 for a proper prefix
        self._patterns: dict[tuple[int, ...], int] = {}
        self.max_len = 1
        for term in self.lexicon.terms:
            for surface in term.surfaces:
                self._add(term, surface)
        self._prefix_lengths = sorted({len(p) for p in self._prefixes})
        self._stem_re = clitic_pattern(self._by_stem, self._prefixes,
                                        self.normalizer.teh_marbuta_char)
        # Fast path: a word that is a whole term and starts no longer term.
        starts_longer = {p[0] for p in self._patterns if len(p) > 1}
        # Words that can be followed / preceded by another word of a term.
        self._outer = {w for p in self._patterns for w in p[:-1]}
        self._inner = {w for p in self._patterns for w in p[1:]}
        self._single_word: dict[int, int] = {
            p[0]: t for p, t in self._patterns.items()
            if len(p) == 1 and t >= 0 and p[0] not in starts_longer
        }

    # -- building ---------------------------------------------------------

    def _word(self, raw: str, policy: CliticPolicy) -> int:
        prefix = raw.endswith("*")
        stem, article = split_article(self.normalizer(raw.rstrip("*")), raw)
        word = LexiconWord(stem, article, policy, prefix)
        wid = self._word_ids.get(word)
        if wid is None:
            wid = self._word_ids[word] = len(self.words)
            self.words.append(word)
            (self._prefixes if prefix else self._by_stem).setdefault(stem, []).append(wid)
        return wid

    def pattern(self, surface: str, policy: CliticPolicy = "all") -> tuple[int, ...]:
        """The word ids of ``surface`` (words are added to the tables when new)."""
        return tuple(self._word(w, policy) for w in surface.split())

    def _add(self, term: Term, surface: str) -> None:
        pattern = self.pattern(surface, term.clitics)
        label = self.lexicon.label(term.concept, term.label)
        if self._patterns.get(pattern, -1) >= 0:
            return  # the same normalised pattern twice under one label
        self.terms.append(TermInfo(term.concept, term.label, label.pole, label.frame, term.text,
                                   surface, str(term.rule or "")))
        if term.rule:
            self.rules[len(self.terms) - 1] = term.rule
        for k in range(1, len(pattern)):
            self._patterns.setdefault(pattern[:k], -1)
        self._patterns[pattern] = len(self.terms) - 1
        self.max_len = max(self.max_len, len(pattern))

    def _could_match(self, norm: str) -> bool:
        """Cheap pre-check: could any clitic reading of ``norm`` be a lexicon word?

        One regular expression over a trie of the lexicon's stems, wrapped in
        every clitic :func:`framing.text.clitics.segment` can strip (a superset of
        its readings); about one word type in forty passes on news.
        """
        return self._stem_re.fullmatch(norm) is not None

    def _analyse(self, surface: str, norm: str | None = None) -> tuple[int, ...]:
        """Ids of the lexicon words that some clitic reading of the surface word instantiates.

        A reading that is a whole single-word term wins over the readings that
        strip more clitics (conjunction, preposition, pronoun; the article is
        part of a lexicon word): «استشهادي» is not also read as استشهاد + ي when
        the lexicon lists «استشهادي». A word of a longer term read whole does
        not hide a single-word term read with a pronoun («مصرعهم» is مصرع + هم
        unless «لقوا» comes before it).
        """
        if norm is None:
            norm = self.normalizer(surface)
        if not self._could_match(norm):
            return _EMPTY
        final_teh = _FINAL_TEH.search(surface) is not None
        found: dict[int, int] = {}  # word id -> fewest clitics stripped to reach it
        for reading in segment(norm, self.normalizer.teh_marbuta_char, final_teh_marbuta=final_teh):
            stripped = reading.conj + reading.prep + reading.enclitic
            candidates = list(self._by_stem.get(reading.stem, _EMPTY))
            for n in self._prefix_lengths:
                if n <= len(reading.stem):
                    candidates.extend(self._prefixes.get(reading.stem[:n], _EMPTY))
            for wid in candidates:
                if found.get(wid, 4) <= stripped:
                    continue
                word = self.words[wid]
                if allows(
                    reading, needs_article=word.article, policy=word.policy, min_stem=self.min_stem
                ):
                    found[wid] = stripped
        if not found:
            return _EMPTY
        whole = [n for wid, n in found.items() if self._patterns.get((wid,), -1) >= 0]
        if whole:
            fewest = min(whole)
            return tuple(sorted(wid for wid, n in found.items() if n <= fewest))
        return tuple(sorted(found))
