"""Checking a term's context rule (:mod:`framing.lexicon.rules`) at one occurrence.

The words and phrases of every rule become a small lexicon of their own,
matched by the same tables as lexicon terms (:class:`~framing.match.tables.MatcherTables`):
normalised, clitic-aware, a trailing ``*`` a prefix. At an occurrence of a
ruled term, the words around it are found with :data:`framing.text.tokens.WORD_RE`
and each is analysed once (cached); a phrase matches consecutive words.

* The **sentence** of an occurrence runs from the sentence end before it to
  the one after it (:data:`framing.text.tokens.SENTENCE_END_RE`: ``. ! ? ؟ ؛ ;``
  or a line break), at most :data:`SENTENCE_REACH` characters either way.
* ``near`` / ``not_near`` look at the sentence, or at ``window`` words on each
  side when the rule sets ``window`` (across sentence ends); the term's own
  words are not part of its context.
* ``not_followed_by`` / ``not_preceded_by`` look at the words right after /
  before the term in its sentence (punctuation between does not matter).
* ``document_has`` looks at the whole document, analysed once per document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import compress
from typing import Any

import numpy as np

from ..lexicon import Concept, Label, Lexicon, Rule, Term
from ..text.clitics import split_article
from ..text.tokens import WORD_RE
from ..utils import with_arrow
from .prefilter import surface_pattern
from .tables import MatcherTables

__all__ = ["SENTENCE_REACH", "BatchChunks", "ContextRules", "DocumentState"]

#: How far (characters) a sentence is looked for on each side of an occurrence.
SENTENCE_REACH = 1500
#: The order conditions are checked in: a few words around the term first (``near`` with a
#: ``window``, then the next and previous words), the document last.
_COST = ("not_followed_by", "not_preceded_by", "near", "not_near", "document_has")
_NONE: tuple[int, ...] = ()
# The characters of SENTENCE_END_RE as one class (fastest in ``re``); a full stop is then
# checked for digits on both sides.
_ENDERS = ".!?؟؛;\n\r\u2028\u2029"
_END_CHARS = re.compile(f"[{_ENDERS}]")


class _Compiled:
    """One rule with each condition's phrases as indices into the condition tables."""

    __slots__ = ("conditions", "document_filter", "needs_sentence", "rule", "window")

    def __init__(self, rule: Rule, index: dict[str, int]) -> None:
        self.rule = rule
        self.window = rule.window
        # (key, {phrase index: the rule's spelling}, phrases), the cheapest checks first
        windowed = rule.window is not None
        self.conditions = sorted(
            ((key, {index[p]: p for p in reversed(phrases)}, phrases)
             for key, phrases in rule.conditions()),
            key=lambda c: -1 if windowed and c[0] in ("near", "not_near") else _COST.index(c[0]))
        local = {"not_followed_by", "not_preceded_by"}
        if self.window is None:
            local |= {"near", "not_near"}
        self.needs_sentence = any(key in local for key, _, _ in self.conditions)
        #: an RE2 pattern any document that has a ``document_has`` word matches (set by ContextRules)
        self.document_filter: str | None = None


class ContextRules:
    """The context rules of a matcher's terms, ready to check occurrences.

    Parameters
    ----------
    rules : dict of int to Rule
        The rule of each ruled term (by the matcher's term index).
    normalizer, min_stem
        The matcher's: condition words are matched exactly like its terms.
    """

    def __init__(self, rules: dict[int, Rule], *, normalizer: object, min_stem: int) -> None:
        phrases = list(dict.fromkeys(p for rule in rules.values() for p in rule.phrases()))
        words = Lexicon("rule words", (Concept("rule_words", "", "-", "+", tuple(
            Label(p, "rule_words", 0, terms=(Term(p, "rule_words", p),)) for p in phrases)),))
        self.tables = MatcherTables(words, normalizer=normalizer,  # type: ignore[arg-type]
                                    min_stem=min_stem)
        # phrases that normalise alike share the first one's index
        index = {p: self.tables._patterns[self.tables.pattern(p)] for p in phrases}
        self.rules = {t: _Compiled(rule, index) for t, rule in rules.items()}
        norm = self.tables.normalizer
        for compiled in self.rules.values():
            if compiled.rule.document_has:  # the longest word of each phrase must be in the text
                longest = [max(p.split(), key=len).rstrip("*") for p in compiled.rule.document_has]
                compiled.document_filter = surface_pattern(
                    [split_article(norm(w), w)[0] for w in longest], norm, syntax="re2")
        self._starts_longer = {p[0] for p in self.tables._patterns if len(p) > 1}
        self._cache: dict[str, tuple[int, ...]] = {}
        self._chunk_cache: dict[str, int] = {}
        # what chunks hold, numbered: (one-word phrases, a longer phrase can start); 0 = nothing
        self._kinds: list[tuple[frozenset[int], bool]] = [(frozenset(), False)]
        self._kind_ids: dict[tuple[frozenset[int], bool], int] = {}

    def __getstate__(self) -> dict[str, object]:
        state = self.__dict__.copy()
        state["_cache"] = {}
        state["_chunk_cache"] = {}
        return state

    def _lookup(self, words: Sequence[str]) -> list[tuple[int, ...]]:
        """The condition-word ids of each word (new words normalised together, then cached)."""
        cache = self._cache
        ids = list(map(cache.get, words))
        if None not in ids:
            return ids  # type: ignore[return-value]
        if len(cache) > 200_000:
            cache.clear()
        new = list({w for w, i in zip(words, ids, strict=True) if i is None})
        tables = self.tables
        could = tables._stem_re.fullmatch
        for w, n in zip(new, tables.normalizer.many(new), strict=True):
            cache[w] = tables._analyse(w, n) if could(n) else _NONE
        return [cache[w] for w in words]

    def _phrases(self, words: Sequence[str]) -> list[tuple[int, int, int]]:
        """Every condition phrase in ``words``: ``(phrase, first word, last word)``."""
        patterns = self.tables._patterns
        ids = self._lookup(words)
        out = []
        for i, first in enumerate(ids):
            if not first:
                continue
            frontier = [(w,) for w in first if (w,) in patterns]
            j = i
            while frontier:
                out.extend((patterns[p], i, j) for p in frontier if patterns[p] >= 0)
                j += 1
                if j >= len(ids) or not ids[j]:
                    break
                frontier = [p + (w,) for p in frontier for w in ids[j] if p + (w,) in patterns]
        return out

    def document_phrases(self, doc: DocumentState) -> frozenset[int]:
        """The condition phrases that occur anywhere in a document, read from its chunks.

        What each distinct chunk holds is worked out once (and cached by its
        text); within a batch, a chunk's answer is also kept by its number, so
        the documents of a batch are read with numpy. The words in order are
        walked only when a multi-word phrase can start in the document.
        """
        batch = doc.batch
        codes = batch.codes
        lo, hi = batch.bounds(doc.index)
        if codes is None:  # chunks in order, not numbered
            kinds = {self._kind(c) for c in batch.chunks[lo:hi]}
        else:
            distinct = np.unique(codes[lo:hi])
            if batch.kinds is None:
                batch.kinds = np.full(len(batch.chunks), -1, dtype=np.int64)
            known = batch.kinds[distinct]
            unknown = distinct[known < 0]
            if len(unknown):
                batch.kinds[unknown] = [self._kind(batch.chunks[c]) for c in unknown.tolist()]
                known = batch.kinds[distinct]
            kinds = set(np.unique(known[known > 0]).tolist())
        found: set[int] = set()
        longer = False
        for k in kinds:
            phrases, starts_longer = self._kinds[k]
            found.update(phrases)
            longer = longer or starts_longer
        if longer:
            words = WORD_RE.findall(" ".join(batch.chunks[lo:hi] if codes is None else
                                             [batch.chunks[c] for c in codes[lo:hi].tolist()]))
            found.update(p for p, _, _ in self._phrases(words))
        return frozenset(found)

    def _kind(self, chunk: str) -> int:
        """The number of what ``chunk`` holds: its one-word phrases, and whether a longer one can
        start in it (0: nothing)."""
        kind = self._chunk_cache.get(chunk)
        if kind is None:
            if len(self._chunk_cache) > 200_000:
                self._chunk_cache.clear()
            patterns = self.tables._patterns
            found: set[int] = set()
            longer = False
            for ids in self._lookup(WORD_RE.findall(chunk)):
                for wid in ids:
                    t = patterns.get((wid,), -1)
                    if t >= 0:
                        found.add(t)
                    longer = longer or wid in self._starts_longer
            key = (frozenset(found), longer)
            kind = self._kind_ids.setdefault(key, len(self._kinds)) if found or longer else 0
            if kind == len(self._kinds):
                self._kinds.append(key)
            self._chunk_cache[chunk] = kind
        return kind

    def check(self, doc: DocumentState, start: int, end: int, term: int) -> str:
        """Why the occurrence ``doc.text[start:end]`` of ``term`` is rejected, or ``""`` if admitted."""
        rule = self.rules[term]
        text = doc.text
        s0 = s1 = 0
        if rule.needs_sentence:
            s0, s1 = _sentence(text, start, end)
        longest = self.tables.max_len
        for key, wanted, phrases in rule.conditions:
            if key == "not_followed_by":
                after = WORD_RE.findall(text, end, min(s1, end + 40 * longest))[:longest]
                found = wanted.keys() & {p for p, i, _ in self._phrases(after) if i == 0}
                if found:
                    return f"followed by {_quote(wanted, found)}"
            elif key == "not_preceded_by":
                before = WORD_RE.findall(text, max(s0, start - 40 * longest), start)[-longest:]
                last = len(before) - 1
                found = wanted.keys() & {p for p, _, j in self._phrases(before) if j == last}
                if found:
                    return f"preceded by {_quote(wanted, found)}"
            elif key in ("near", "not_near"):
                if rule.window is None:
                    sides = (WORD_RE.findall(text, s0, start), WORD_RE.findall(text, end, s1))
                else:
                    sides = _window_words(text, start, end, rule.window)
                around = {p for side in sides for p, _, _ in self._phrases(side)}
                found = wanted.keys() & around
                where = f"within {rule.window} words" if rule.window else "in the sentence"
                if key == "near" and not found:
                    return f"none of {_some(phrases)} {where}"
                if key == "not_near" and found:
                    return f"{_quote(wanted, found)} {where}"
            elif key == "document_has":
                if rule.document_filter is not None and not doc.batch.may_match(
                        term, rule.document_filter, doc.index):
                    return f"none of {_some(phrases)} in the document"
                if doc.phrases is None:
                    doc.phrases = self.document_phrases(doc)
                if doc.phrases.isdisjoint(wanted):
                    return f"none of {_some(phrases)} in the document"
        return ""


class BatchChunks:
    """The whitespace chunks of a batch of documents, as :func:`framing.match.batches.split_chunks`
    gives them, and what each numbered chunk holds once looked at."""

    __slots__ = ("chunks", "codes", "ends", "kinds", "lengths", "needs", "passed", "texts")

    def __init__(self, texts: Sequence[str], chunks: list[str], codes: np.ndarray | None,
                 ends: np.ndarray, lengths: np.ndarray) -> None:
        self.texts, self.chunks, self.codes, self.ends, self.lengths = (
            texts, chunks, codes, ends, lengths)
        self.kinds: np.ndarray | None = None
        #: the documents with an occurrence of each ruled term (a term's document filter is
        #: run on them all at once)
        self.needs: dict[int, list[int]] = {}
        self.passed: dict[int, set[int]] = {}

    def may_match(self, term: int, pattern: str, d: int) -> bool:
        """Whether document ``d`` may hold a ``document_has`` word of ``term``'s rule.

        The rule's raw-text pattern runs once per batch over every document
        with an occurrence of the term, in pyarrow's RE2; without pyarrow (or
        for text it cannot hold) every document may.
        """
        passed = self.passed.get(term)
        if passed is None:
            docs = self.needs.get(term) or [d]
            passed = self.passed[term] = with_arrow(
                _filter_arrow, lambda texts, *_: set(docs), [self.texts[i] for i in docs],
                pattern, docs)
        return d in passed

    def bounds(self, d: int) -> tuple[int, int]:
        """Where document ``d``'s chunks are among the batch's positions."""
        return int(self.ends[d] - self.lengths[d]), int(self.ends[d])


class DocumentState:
    """A document whose matches are being checked: its text, and its condition phrases once known."""

    __slots__ = ("batch", "index", "phrases", "text")

    def __init__(self, text: str, index: int, batch: BatchChunks) -> None:
        self.text = text
        self.index = index
        self.batch = batch
        self.phrases: frozenset[int] | None = None


def _filter_arrow(pa: Any, texts: list[str], pattern: str, docs: list[int]) -> set[int]:
    import pyarrow.compute as pc

    mask = pc.match_substring_regex(pa.array(texts, type=pa.large_string()), pattern)
    return set(compress(docs, mask.to_pylist()))


def _some(phrases: tuple[str, ...], n: int = 4) -> str:
    """The first ``n`` phrases, and how many more."""
    shown = " | ".join(phrases[:n])
    return shown if len(phrases) <= n else f"{shown} | … ({len(phrases) - n} more)"


def _quote(wanted: dict[int, str], found: set[int]) -> str:
    """The rule's own spelling of the phrases found."""
    return " | ".join(wanted[i] for i in sorted(found))


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence of ``text[start:end]`` starts and ends (:data:`SENTENCE_REACH` at most)."""
    lo = max(0, start - SENTENCE_REACH)
    s0 = lo
    for ch in _ENDERS:
        i = text.rfind(ch, lo, start)
        while ch == "." and i > 0 and i + 1 < len(text) and text[i - 1].isdigit() \
                and text[i + 1].isdigit():
            i = text.rfind(ch, lo, i)  # a full stop between digits ends nothing (3.5)
        s0 = max(s0, i + 1)
    hi = min(len(text), end + SENTENCE_REACH)
    m = _END_CHARS.search(text, end, hi)
    while m is not None and m.group() == "." and 0 < m.start() < len(text) - 1 \
            and text[m.start() - 1].isdigit() and text[m.start() + 1].isdigit():
        m = _END_CHARS.search(text, m.end(), hi)
    return s0, m.start() if m is not None else hi


def _window_words(text: str, start: int, end: int, n: int) -> tuple[list[str], list[str]]:
    """Up to ``n`` words before and after ``text[start:end]``."""
    reach = 12 * n + 40
    while True:
        lo = max(0, start - reach)
        before = WORD_RE.findall(text, lo, start)
        if len(before) > n or lo == 0:
            break
        reach *= 2
    reach = 12 * n + 40
    while True:
        hi = min(len(text), end + reach)
        after = WORD_RE.findall(text, end, hi)
        if len(after) > n or hi == len(text):
            break
        reach *= 2
    return before[-n:] if n else [], after[:n]
