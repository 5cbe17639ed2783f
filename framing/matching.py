"""Find lexicon terms in Arabic text, clitic-aware, with offsets into the original.

How it works, and why it is fast:

1. The text is split into words with offsets (:mod:`framing.tokenize`).
2. Each distinct surface word is analysed once and the result cached: it is
   normalised (:mod:`framing.normalize`), segmented into clitic readings
   (:mod:`framing.clitics`), and each reading's stem is looked up among the
   lexicon's words. The cache maps a surface word to the ids of the lexicon
   words it can instantiate (usually none). News vocabulary is Zipfian, so
   after the first few thousand documents almost every token is a dictionary
   hit.
3. Terms are sequences of lexicon words; a multi-word term matches
   consecutive tokens separated by whitespace only (each token carrying its
   own clitics). At each position the **longest** term wins and matching
   resumes after it, so overlapping terms are never counted twice.

Each hit's ``start``/``end`` are offsets into the original text and
``text[start:end]`` is the surface string as the outlet wrote it, clitics,
diacritics and tatweel included.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate, compress
from typing import NamedTuple

from .clitics import CliticPolicy, allows, segment, split_article
from .lexicon import Lexicon, Term, load_lexicon
from .normalize import Normalizer
from .tokenize import WORD_RE

_SPLIT_RE = re.compile(f"({WORD_RE.pattern})")
# A word written with a final teh marbuta (diacritics or tatweel may follow it).
_FINAL_TEH = re.compile("\u0629[\u064b-\u0652\u0670\u0640]*$")

__all__ = ["Match", "Matcher", "TermInfo"]

_EMPTY: tuple[int, ...] = ()


class Match(NamedTuple):
    """A term found in a text: offsets into the original and the term's index."""

    start: int
    end: int
    term: int


@dataclass(frozen=True)
class TermInfo:
    """What the matcher knows about one term pattern (a term or one of its forms)."""

    concept: str
    label: str
    pole: int
    frame: str
    term: str
    surface: str


@dataclass(frozen=True)
class _Word:
    stem: str
    article: bool
    policy: CliticPolicy
    prefix: bool


class Matcher:
    """Clitic-aware, longest-match lexicon matcher.

    Parameters
    ----------
    lexicon : Lexicon or str or path
        The lexicon, or anything :func:`framing.load_lexicon` accepts.
    normalizer : Normalizer, optional
        The normaliser applied to both the lexicon and the text.
    min_stem : int
        Stems shorter than this take only و/ف and the article (see
        :mod:`framing.clitics`). Default 4.
    cache_size : int
        Maximum number of distinct surface words whose analysis is cached;
        the cache is cleared when it fills, which keeps memory flat on
        corpora of any size.

    Examples
    --------
    >>> m = Matcher("arabic-conflict")
    >>> text = "وقصفت قوات الاحتلال الأميركي مواقع للمقاومة."
    >>> [(text[h.start:h.end], m.terms[h.term].label) for h in m.find(text)]
    [('وقصفت', 'strike'), ('قوات الاحتلال الأميركي', 'occupation'), ('للمقاومة', 'resistance')]
    """

    def __init__(
        self,
        lexicon: Lexicon | str,
        *,
        normalizer: Normalizer | None = None,
        min_stem: int = 4,
        cache_size: int = 2_000_000,
    ) -> None:
        self.lexicon = load_lexicon(lexicon)
        self.normalizer = normalizer or Normalizer()
        self.min_stem = min_stem
        self.cache_size = cache_size
        self.words: list[_Word] = []
        self.terms: list[TermInfo] = []
        self._word_ids: dict[_Word, int] = {}
        self._by_stem: dict[str, list[int]] = {}
        self._prefixes: dict[str, list[int]] = {}
        self._prefix_lengths: list[int] = []
        # pattern (tuple of word ids) -> term index, or -1 for a proper prefix
        self._patterns: dict[tuple[int, ...], int] = {}
        self.max_len = 1
        self._cache: dict[str, tuple[int, ...]] = {}
        for term in self.lexicon.terms:
            for surface in term.surfaces:
                self._add(term, surface)
        self._prefix_lengths = sorted({len(p) for p in self._prefixes})
        # Fast path: a word that is a whole term and starts no longer term.
        starts_longer = {p[0] for p in self._patterns if len(p) > 1}
        self._single_word: dict[int, int] = {
            p[0]: t for p, t in self._patterns.items()
            if len(p) == 1 and t >= 0 and p[0] not in starts_longer
        }

    def __getstate__(self) -> dict[str, object]:
        """Pickle without the word cache (it refills as words are seen): ~0.2 MB for worker processes."""
        state = self.__dict__.copy()
        state["_cache"] = {}
        return state

    # -- building ---------------------------------------------------------

    def _word(self, raw: str, policy: CliticPolicy) -> int:
        prefix = raw.endswith("*")
        stem, article = split_article(self.normalizer(raw.rstrip("*")))
        word = _Word(stem, article, policy, prefix)
        wid = self._word_ids.get(word)
        if wid is None:
            wid = self._word_ids[word] = len(self.words)
            self.words.append(word)
            (self._prefixes if prefix else self._by_stem).setdefault(stem, []).append(wid)
        return wid

    def _add(self, term: Term, surface: str) -> None:
        pattern = tuple(self._word(w, term.clitics) for w in surface.split())
        label = self.lexicon.label(term.concept, term.label)
        if self._patterns.get(pattern, -1) >= 0:
            return  # the same normalised pattern twice under one label
        self.terms.append(
            TermInfo(term.concept, term.label, label.pole, label.frame, term.text, surface)
        )
        for k in range(1, len(pattern)):
            self._patterns.setdefault(pattern[:k], -1)
        self._patterns[pattern] = len(self.terms) - 1
        self.max_len = max(self.max_len, len(pattern))

    # -- analysis of one surface word ---------------------------------------

    def word_ids(self, surface: str) -> tuple[int, ...]:
        """Ids of the lexicon words that the surface word can instantiate (cached)."""
        cached = self._cache.get(surface)
        if cached is not None:
            return cached
        if len(self._cache) >= self.cache_size:
            self._cache.clear()
        ids = self._analyse(surface)
        self._cache[surface] = ids
        return ids

    def _could_match(self, norm: str) -> bool:
        """Cheap pre-check: could any clitic reading of ``norm`` be a lexicon word?

        Every reading's stem is ``norm`` minus at most 5 leading letters
        (وبال, فلل, ...) and 3 trailing ones (هما, كما), possibly with ت
        read as teh marbuta, so only those slices need looking up.
        """
        by_stem, teh = self._by_stem, self.normalizer.teh_marbuta_char
        size = len(norm)
        for a in range(min(5, size) + 1):
            for b in range(min(3, size - a) + 1):
                stem = norm[a:size - b]
                if stem in by_stem or (b and stem.endswith("ت") and stem[:-1] + teh in by_stem):
                    return True
        return False

    def _analyse(self, surface: str) -> tuple[int, ...]:
        norm = self.normalizer(surface)
        if not self._prefixes and not self._could_match(norm):
            return _EMPTY
        final_teh = _FINAL_TEH.search(surface) is not None
        found: list[int] = []
        for reading in segment(norm, self.normalizer.teh_marbuta_char, final_teh_marbuta=final_teh):
            candidates = list(self._by_stem.get(reading.stem, _EMPTY))
            for n in self._prefix_lengths:
                if n <= len(reading.stem):
                    candidates.extend(self._prefixes.get(reading.stem[:n], _EMPTY))
            for wid in candidates:
                if wid in found:
                    continue
                word = self.words[wid]
                if allows(
                    reading, needs_article=word.article, policy=word.policy, min_stem=self.min_stem
                ):
                    found.append(wid)
        return tuple(sorted(found)) if found else _EMPTY

    # -- matching -----------------------------------------------------------

    def find(self, text: str) -> list[Match]:
        """Return the non-overlapping, longest matches in ``text``, in order.

        Parameters
        ----------
        text : str
            The original text.

        Returns
        -------
        list of Match
            ``(start, end, term)``; ``text[start:end]`` is the surface string
            and ``self.terms[term]`` describes the term.
        """
        return self._scan(text)[1]

    def count(self, text: str) -> tuple[int, Counter[int]]:
        """Return the number of word tokens and a Counter of term indices."""
        n_tokens, matches = self._scan(text)
        return n_tokens, Counter(m.term for m in matches)

    def _scan(self, text: str) -> tuple[int, list[Match]]:
        # parts alternates gap, word, gap, word, ..., gap (one C call).
        parts = _SPLIT_RE.split(text)
        words = parts[1::2]
        get = self._cache.get
        ids = [get(w) for w in words]
        if None in ids:
            word_ids = self.word_ids
            ids = [v if v is not None else word_ids(w) for v, w in zip(ids, words, strict=True)]
        positions = list(compress(range(len(ids)), ids))
        if not positions:
            return len(words), []
        offsets = list(accumulate(map(len, parts), initial=0))
        patterns = self._patterns
        max_len = self.max_len
        n = len(ids)
        out: list[Match] = []
        resume = 0
        single = self._single_word
        for i in positions:
            if i < resume:
                continue
            first = ids[i]
            if len(first) == 1 and first[0] in single:
                out.append(Match(offsets[2 * i + 1], offsets[2 * i + 2], single[first[0]]))
                continue
            best_term, best_j = -1, i
            frontier = [(w,) for w in ids[i] if (w,) in patterns]
            j = i
            while frontier:
                for pat in frontier:
                    t = patterns[pat]
                    if t >= 0 and (best_term < 0 or j > best_j or (j == best_j and t < best_term)):
                        best_term, best_j = t, j
                j += 1
                if j >= n or len(frontier[0]) >= max_len or not ids[j]:
                    break
                if not parts[2 * j].isspace():
                    break
                frontier = [p + (w,) for p in frontier for w in ids[j] if p + (w,) in patterns]
            if best_term >= 0:
                out.append(Match(offsets[2 * i + 1], offsets[2 * best_j + 2], best_term))
                resume = best_j + 1
        return len(words), out
