"""Find lexicon terms in Arabic text, clitic-aware, with offsets into the original.

1. The text is split at whitespace into *chunks* (one word, or several joined
   by punctuation: «(الاحتلال)،»), a batch of documents at a time
   (:meth:`Matcher.scan_many`): pyarrow splits a batch and numbers its
   distinct chunks, so each is looked up once (:func:`split_chunks`).
2. Each distinct chunk is analysed once and cached: its words are normalised
   (:mod:`framing.text.normalizer`), segmented into clitic readings
   (:mod:`framing.text.clitics`), and each reading's stem looked up among the
   lexicon's words. A chunk without a lexicon word is cached as its word
   count, so most chunks cost one dictionary lookup.
3. A multi-word term matches consecutive words separated by whitespace only
   (each with its own clitics). At each position the **longest** term wins
   and matching resumes after it.
4. Offsets are computed only for chunks that hold lexicon words;
   ``text[start:end]`` is the surface as the outlet wrote it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from itertools import chain, compress, repeat
from operator import not_
from typing import cast

import numpy as np

from ..lexicon import Lexicon
from ..text.normalizer import INVISIBLE, Normalizer
from ..text.tokens import WORD_RE
from .batches import chunk_starts, split_chunks
from .chunks import BatchChunks, DocumentState
from .context import ContextRules
from .results import Match, Rejection
from .tables import MatcherTables, TermInfo

# A chunk's cached value is its number of words, plus flags << _SHIFT when it
# holds a lexicon word (then it is a _Chunk); numpy sorts a document's chunks.
_SHIFT = 32
_BIG = 1 << _SHIFT
_MASK = _BIG - 1
_SOLO, _OPEN_LEFT, _OPEN_RIGHT = 2, 4, 8  # flags; 1 marks a _Chunk

__all__ = ["Match", "Matcher", "Rejection", "TermInfo"]

_EMPTY: tuple[int, ...] = ()


class _Chunk(int):
    """A whitespace-delimited chunk holding at least one lexicon word.

    Its int value is its number of words plus its flags (1, ``_SOLO``,
    ``_OPEN_LEFT``, ``_OPEN_RIGHT``) shifted by ``_SHIFT``. ``items`` lists its
    words that are lexicon words, as ``(word ids, start, end)`` within the
    chunk; ``open_left`` / ``open_right`` tell whether the first / last of
    them touches the chunk's edge and can continue / start a multi-word term,
    which may then run across the whitespace into the previous / next chunk.
    ``solo`` holds the chunk's matches ``(start, end, term)`` when no term
    runs across its edges, which is what nearly every chunk gets.
    """

    items: tuple[tuple[tuple[int, ...], int, int], ...]
    open_left: bool
    open_right: bool
    solo: tuple[tuple[int, int, int], ...]

    def __new__(cls, n_words: int, items: list[tuple[tuple[int, ...], int, int]],
                solo: list[tuple[int, int, int]], open_left: bool, open_right: bool) -> _Chunk:
        flags = 1 | _SOLO * bool(solo) | _OPEN_LEFT * open_left | _OPEN_RIGHT * open_right
        self = super().__new__(cls, (flags << _SHIFT) + n_words)
        self.items = tuple(items)
        self.solo = tuple(solo)
        self.open_left = open_left
        self.open_right = open_right
        return self


class Matcher(MatcherTables):
    """Clitic-aware, longest-match lexicon matcher.

    Parameters
    ----------
    lexicon : Lexicon or str or path
        The lexicon, or anything :func:`framing.load_lexicon` accepts.
    normalizer : Normalizer, optional
        The normaliser applied to both the lexicon and the text.
    min_stem : int
        Stems shorter than this take only و/ف and the article (see
        :mod:`framing.text.clitics`). Default 4.
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
        super().__init__(lexicon, normalizer=normalizer, min_stem=min_stem)
        self.cache_size = cache_size
        self._context = (ContextRules(self.rules, normalizer=self.normalizer, min_stem=min_stem)
                         if self.rules else None)
        self._ruled = np.array([t in self.rules for t in range(len(self.terms))], dtype=bool)
        self._cache: dict[str, tuple[int, ...]] = {}
        self._chunks: dict[str, int] = {}

    def __getstate__(self) -> dict[str, object]:
        """Pickle without the word cache (it refills as words are seen): ~0.2 MB for worker processes."""
        state = self.__dict__.copy()
        state["_cache"] = {}
        state["_chunks"] = {}
        return state

    # -- analysis of one surface word, cached ---------------------------------

    def word_ids(self, surface: str) -> tuple[int, ...]:
        """Ids of the lexicon words that the surface word can instantiate (cached)."""
        cached = self._cache.get(surface)
        if cached is not None:
            return cached
        chunk = self._chunks.get(surface)  # seen as a chunk of its own
        if chunk == 1:
            return _EMPTY
        if isinstance(chunk, _Chunk) and chunk & _MASK == 1:
            return chunk.items[0][0]
        if len(self._cache) >= self.cache_size:
            self._cache.clear()
        ids = self._analyse(surface)
        self._cache[surface] = ids
        return ids

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
        n_tokens, matches = self._scan(text, offsets=False)
        return n_tokens, Counter(m.term for m in matches)

    def _fill(self, new: Collection[str]) -> None:
        """Analyse and cache chunks not seen before, a document's worth at once.

        Most new chunks are single words that hold no lexicon word; they are
        normalised as one string and pre-checked with C loops only.
        """
        new = list(new)
        single = list(compress(new, map(WORD_RE.fullmatch, new)))
        norms = self.normalizer.many(single)
        could = list(map(self._stem_re.fullmatch, norms))
        self._chunks.update(dict.fromkeys(compress(single, map(not_, could)), 1))
        for word, norm in compress(zip(single, norms, strict=True), could):
            self._store(word, [(word, 0, len(word))], norm)
        if len(single) == len(new):
            return
        # Chunks with punctuation: the same, word by word (a chunk can hold none: «-»).
        multi = list(set(new).difference(single))
        word_lists = list(map(WORD_RE.findall, multi))
        words = list(set(chain.from_iterable(word_lists)))
        could_words = set(compress(words, map(self._stem_re.fullmatch, self.normalizer.many(words))))
        plain = list(map(could_words.isdisjoint, word_lists))
        self._chunks.update(zip(compress(multi, plain), map(len, compress(word_lists, plain)),
                                strict=True))
        for chunk in compress(multi, map(not_, plain)):
            words_at = [(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(chunk)]
            self._store(chunk, words_at)

    def _store(self, chunk: str, words: list[tuple[str, int, int]], norm: str | None = None
               ) -> None:
        """Cache a chunk's analysis: its word count, or a :class:`_Chunk` when it has lexicon words."""
        if norm is not None:  # one word, already normalised
            ids = self._analyse(chunk, norm)
            found = [(ids, chunk, 0, len(chunk))] if ids else []
        else:
            found = [(ids, word, start, end) for word, start, end in words
                     if (ids := self.word_ids(word))]
        if not found:
            self._chunks[chunk] = len(words)
            return
        # A hit leaves out invisible marks at a word's edges (U+200F before a word...).
        items = [(ids, start + len(word) - len(word.lstrip(INVISIBLE)),
                  end - len(word) + len(word.rstrip(INVISIBLE))) for ids, word, start, end in found]
        # words inside a chunk are separated by punctuation: none joins the next
        solo = [(items[a][1], items[b][2], t)
                for a, b, t in self._longest([(ids, False) for ids, _, _ in items])]
        self._chunks[chunk] = _Chunk(
            len(words), items, solo,
            found[0][2] == 0 and not self._inner.isdisjoint(items[0][0]),
            found[-1][3] == len(chunk) and not self._outer.isdisjoint(items[-1][0]),
        )

    def _scan(self, text: str, offsets: bool = True) -> tuple[int, list[Match]]:
        """Count words and find matches; ``offsets=False`` leaves every offset 0 (faster)."""
        return self.scan_many([text], offsets)[0]

    def scan_many(self, texts: Sequence[str], offsets: bool = True, *,
                  split: tuple[list[str], np.ndarray | None, np.ndarray] | None = None
                  ) -> list[tuple[int, list[Match]]]:
        """The word count and the matches of each of ``texts``, as one pass over all their chunks.

        Each item is ``(n_tokens, matches)`` as :meth:`count` and :meth:`find` give them for one
        text; ``offsets=False`` leaves every offset 0 (faster, for counting only). Give batches
        of :func:`~framing.match.batches.document_batches` size. Occurrences that a term's
        context rule rejects are left out (:meth:`find_rejected` lists them). ``split`` is
        :func:`~framing.match.batches.split_chunks` of ``texts`` when it is at hand (several
        matchers scanning the same texts split them once).

        The numpy work then runs once per batch instead of once per document
        (news articles have a few hundred chunks each); no term runs across
        two documents.
        """
        return self._scan_batch(texts, offsets, None, split=split)

    def scan_segments(self, segments: Sequence[str]) -> list[tuple[int, list[Match]]]:
        """:meth:`scan_many` (with offsets) for the segments of one long document, rules unchecked.

        Every occurrence of a ruled term is kept, since its context may lie in
        another segment; :meth:`check_rules` then checks them against the whole
        text (:func:`framing.count.segments.scan_documents`).
        """
        return self._scan_batch(segments, True, None, rules=False)

    def check_rules(self, text: str, matches: list[Match]) -> list[Match]:
        """The ``matches`` of :meth:`scan_segments` (offsets into ``text``, the whole document)
        that no context rule rejects."""
        if self._context is None:
            return matches
        state = DocumentState(text, 0, None)  # type: ignore[arg-type]
        check, ruled = self._context.check, self._ruled
        return [m for m in matches if not ruled[m.term] or not check(state, m.start, m.end, m.term)]

    def find_rejected(self, text: str) -> list[Rejection]:
        """The occurrences in ``text`` that a context rule rejected, with the reason, in order.

        Each is what :meth:`find` would have returned had the term no rule
        (``text[start:end]``, ``self.terms[term]``), and ``reason`` says which
        condition failed («followed by الوطني», «none of غارات | طيران | … in
        the sentence»). Empty when no term of the lexicon has a rule.

        Examples
        --------
        >>> m = Matcher("arabic-conflict")
        >>> text = "فاز التحالف الوطني، وقصف طيران التحالف المواقع"
        >>> [(text[r.start:r.end], r.reason) for r in m.find_rejected(text)]
        [('التحالف', 'followed by الوطني')]
        >>> [m.terms[h.term].rule[:24] for h in m.find(text) if m.terms[h.term].term == "التحالف"]
        ['near: غارات | غارة | طير']
        """
        return self.scan_rejected([text])[0]

    def scan_rejected(self, texts: Sequence[str]) -> list[list[Rejection]]:
        """:meth:`find_rejected` of each of ``texts``, as one pass (batches as for :meth:`scan_many`)."""
        rejected: list[list[Rejection]] = [[] for _ in texts]
        if self._context is not None:
            self._scan_batch(texts, True, rejected)
        return rejected

    def _scan_batch(self, texts: Sequence[str], offsets: bool,
                    rejected: list[list[Rejection]] | None, *, rules: bool = True,
                    split: tuple[list[str], np.ndarray | None, np.ndarray] | None = None
                    ) -> list[tuple[int, list[Match]]]:
        """:meth:`scan_many`, also listing rejected occurrences in ``rejected`` when given;
        ``rules=False`` keeps every occurrence of a ruled term."""
        chunks, codes, lengths = split if split is not None else split_chunks(texts)
        ends = np.cumsum(lengths)
        array = self._lookup(chunks)
        if codes is not None:  # chunks are the distinct chunks; codes the chunk at each position
            array = array[codes]
        counts = np.concatenate(([0], np.cumsum(array & _MASK)))
        n_tokens = (counts[ends] - counts[ends - lengths]).tolist()
        out: list[tuple[int, list[Match]]] = [(n, []) for n in n_tokens]
        flags = array >> _SHIFT
        if not flags.any():
            return out
        # chunk i joins chunk i+1: a term word touches each side of the whitespace
        joins = (flags[:-1] & _OPEN_RIGHT).astype(bool) & (flags[1:] & _OPEN_LEFT).astype(bool)
        inner = ends[(ends > 0) & (ends < len(array))]
        joins[inner - 1] = False  # never across documents
        relevant = (flags & _SOLO).astype(bool)
        relevant[:-1] |= joins
        relevant[1:] |= joins
        joined = set(np.flatnonzero(joins).tolist())
        where = np.flatnonzero(relevant).tolist()
        chunk_at = self._chunks.__getitem__
        names = map(chunks.__getitem__, where if codes is None else codes[where].tolist())
        # (every chunk there holds a lexicon word)
        values = cast(dict[int, _Chunk], dict(zip(where, map(chunk_at, names), strict=True)))
        found: list[tuple[int, int, int, int, int]] = []  # chunk, start, chunk, end, term
        run: list[int] = []
        for i in where:
            if run or i in joined:
                run.append(i)
                if i not in joined:
                    found.extend(self._run(values, run))
                    run = []
                continue
            for a, b, t in values[i].solo:
                found.append((i, a, i, b, t))
        if not found:
            return out
        first_chunk, start, last_chunk, end, term = (np.array(col) for col in zip(*found, strict=True))
        owner = np.searchsorted(ends, first_chunk, side="right")
        ruled = self._ruled[term] if self._context is not None and rules else None
        if ruled is not None and not ruled.any():
            ruled = None
        within = (start, end)  # offsets within the first and last chunk
        if offsets:
            # The texts joined by spaces have the same chunks, in order: one pass finds every
            # chunk's start; each text's own offsets are relative to where it begins.
            at = chunk_starts(" ".join(texts) if len(texts) > 1 else texts[0])
            base = np.cumsum([0, *(len(text) + 1 for text in texts)])[owner]
            start = at[first_chunk] - base + start
            end = at[last_chunk] - base + end
        if ruled is not None:
            firsts = (ends - lengths)[owner]
            context = self._context
            assert context is not None
            keep = context.admitted(
                texts, owner, start, end, term, ruled, offsets,
                (first_chunk - firsts, last_chunk - firsts, *within), rejected,
                BatchChunks(texts, chunks, codes, ends, lengths, context.marks))
            owner, start, end, term = owner[keep], start[keep], end[keep], term[keep]
        if offsets:
            for d, a, b, t in zip(owner.tolist(), start.tolist(), end.tolist(), term.tolist(),
                                  strict=True):
                out[d][1].append(Match(a, b, t))
        else:
            for d, t in zip(owner.tolist(), term.tolist(), strict=True):
                out[d][1].append(Match(0, 0, t))
        return out

    def _lookup(self, chunks: list[str]) -> np.ndarray:
        """The cached value of each chunk, analysing the chunks not seen before."""
        get = self._chunks.get
        array = np.fromiter(map(get, chunks, repeat(-1)), dtype=np.int64, count=len(chunks))
        missing = np.flatnonzero(array < 0).tolist()
        if missing:  # analyse the new chunks, then look them up
            new = {chunks[i] for i in missing}
            if len(self._chunks) + len(new) > self.cache_size:
                self._chunks.clear()
                self._fill(set(chunks))
                array = np.fromiter(map(get, chunks), dtype=np.int64, count=len(chunks))
            else:
                self._fill(new)
                array[missing] = [self._chunks[chunks[i]] for i in missing]
        return array

    def _run(self, values: dict[int, _Chunk], run: list[int]) -> list[tuple[int, int, int, int, int]]:
        """Matches over consecutive chunks whose term words touch across the whitespace."""
        words = [(ids, i, start, end, k == len(c.items) - 1 and i != run[-1])
                 for i in run for c in (values[i],)
                 for k, (ids, start, end) in enumerate(c.items)]
        return [(words[a][1], words[a][2], words[b][1], words[b][3], t)
                for a, b, t in self._longest([(w[0], w[4]) for w in words])]

    def _longest(self, words: list[tuple[tuple[int, ...], bool]]) -> list[tuple[int, int, int]]:
        """Longest, non-overlapping matches: ``(first, last, term)`` over ``words``.

        ``words`` are ``(lexicon word ids, joins the next word)``.
        """
        patterns = self._patterns
        max_len = self.max_len
        single = self._single_word
        out: list[tuple[int, int, int]] = []
        n = len(words)
        i = 0
        while i < n:
            first = words[i][0]
            if len(first) == 1 and first[0] in single:
                out.append((i, i, single[first[0]]))
                i += 1
                continue
            best_term, best_j = -1, i
            frontier: list[tuple[int, ...]] = [(w,) for w in first if (w,) in patterns]
            j = i
            while frontier:
                for pat in frontier:
                    t = patterns[pat]
                    if t >= 0 and (best_term < 0 or j > best_j or (j == best_j and t < best_term)):
                        best_term, best_j = t, j
                if not words[j][1] or len(frontier[0]) >= max_len:
                    break
                j += 1
                frontier = [p + (w,) for p in frontier for w in words[j][0] if p + (w,) in patterns]
            if best_term >= 0:
                out.append((i, best_j, best_term))
                i = best_j + 1
            else:
                i += 1
        return out


