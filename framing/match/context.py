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
* ``document_has`` looks at the whole document: a regular expression finds
  the places where one of its words may be written
  (:func:`~framing.match.prefilter.surface_pattern` of each phrase's longest
  word), and only the words around those places are analysed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ..lexicon import Concept, Label, Lexicon, Rule, Term
from ..text.clitics import split_article
from ..text.tokens import WORD_RE
from .batches import chunk_starts
from .chunks import BatchChunks, DocumentState
from .prefilter import marks_class, surface_pattern
from .results import Rejection
from .tables import MatcherTables

__all__ = ["SENTENCE_REACH", "ContextRules"]

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

    __slots__ = ("conditions", "doc_re", "filters", "needs_sentence", "rule", "window")

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
        #: (condition, RE2 pattern) that a document holding one of the condition's words matches
        self.filters: list[tuple[str, str]] = []
        #: where a ``document_has`` word may be written (Python's ``re``)
        self.doc_re: re.Pattern[str] | None = None


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
            for key in ("document_has", "near"):  # the document must hold one of these words:
                phrases = getattr(compiled.rule, key)  # the longest word of a phrase is enough
                if phrases:
                    longest = [max(p.split(), key=len).rstrip("*") for p in phrases]
                    stems = [split_article(norm(w), w)[0] for w in longest]
                    compiled.filters.append((key, surface_pattern(stems, norm, syntax="re2",
                                                                  marks=False)))
                    if key == "document_has":
                        compiled.doc_re = re.compile(surface_pattern(stems, norm) or "(?!)")
        #: what the filters' texts are stripped of (:meth:`BatchChunks.plain_texts`)
        self.marks = marks_class(norm, syntax="re2")
        self._cache: dict[str, tuple[int, ...]] = {}

    def __getstate__(self) -> dict[str, object]:
        state = self.__dict__.copy()
        state["_cache"] = {}
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

    def document_has(self, doc: DocumentState, term: int) -> frozenset[int]:
        """The phrases of ``term``'s ``document_has`` condition that occur in the document (cached).

        Only the words around the places where :attr:`_Compiled.doc_re` finds
        the longest word of a phrase are analysed: enough words on each side
        for the longest phrase, cut at whitespace so that no word is cut.
        """
        found = doc.has.get(term)
        if found is None:
            rule = self.rules[term]
            wanted = next(w for key, w, _ in rule.conditions if key == "document_has")
            text, reach = doc.text, 40 * self.tables.max_len
            hits: set[int] = set()
            end = 0
            for m in rule.doc_re.finditer(text):  # type: ignore[union-attr]
                if m.start() < end:
                    continue  # inside the stretch just read
                lo, end = _whole_words(text, m.start() - reach, m.end() + reach)
                hits.update(p for p, _, _ in self._phrases(WORD_RE.findall(text, lo, end))
                            if p in wanted)
                if len(hits) == len(wanted):
                    break
            found = doc.has[term] = frozenset(hits)
        return found

    def fails_early(self, doc: DocumentState, term: int, first: int, last: int, a: int,
                    b: int) -> bool:
        """Whether a condition that needs some words is sure to fail, before offsets are known.

        The document has none of the ``document_has`` words, or none of the
        ``near`` words (document filters, run once per batch in RE2); or, for
        ``near`` with a ``window``, none of them is among the ``window`` words
        on either side, read from the neighbouring chunks (``first``/``last``:
        the occurrence's first and last chunk in the document; ``a``/``b``:
        where it starts and ends in them). It only rejects what :meth:`check`
        rejects, though maybe for another of the rule's conditions.
        """
        rule = self.rules[term]
        batch = doc.batch
        for key, pattern in rule.filters:
            if not batch.may_match((term, key), pattern, doc.index):
                return True
        if rule.window is None or not rule.rule.near:
            return False
        lo, hi = batch.bounds(doc.index)
        n = rule.window
        before = WORD_RE.findall(batch.chunk(lo + first)[:a])
        p = lo + first - 1
        while len(before) < n and p >= lo:
            before = WORD_RE.findall(batch.chunk(p)) + before
            p -= 1
        after = WORD_RE.findall(batch.chunk(lo + last)[b:])
        p = lo + last + 1
        while len(after) < n and p < hi:
            after += WORD_RE.findall(batch.chunk(p))
            p += 1
        around = {ph for side in (before[-n:], after[:n]) for ph, _, _ in self._phrases(side)}
        wanted = next(w for key, w, _ in rule.conditions if key == "near")
        return wanted.keys().isdisjoint(around)

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
                if not self.document_has(doc, term):
                    return f"none of {_some(phrases)} in the document"
        return ""

    def admitted(self, texts: Sequence[str], owner: np.ndarray, start: np.ndarray,
                 end: np.ndarray, term: np.ndarray, ruled: np.ndarray, offsets: bool,
                 places: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
                 rejected: list[list[Rejection]] | None, batch: BatchChunks) -> np.ndarray:
        """Which matches of a batch to keep: those whose term has no rule or whose rule admits them.

        The matches are given as arrays (document, start, end, term, and
        whether the term has a rule). ``places`` holds each one's first and
        last chunk in its document and its offsets within them; without
        ``offsets``, ``start``/``end`` are those offsets within the chunks, and
        a ruled match gets its offsets from its own document's chunk starts
        (only documents with a ruled match pay for them). Unless the
        rejections are asked for (``rejected``, filled in), :meth:`fails_early`
        rules most of them out before any offset or word of the text is looked at.
        """
        keep = np.ones(len(owner), dtype=bool)
        which = np.flatnonzero(ruled).tolist()
        docs_of, terms_of = owner[ruled].tolist(), term[ruled].tolist()
        for d, t in zip(docs_of, terms_of, strict=True):
            docs = batch.needs.setdefault(t, [])
            if not docs or docs[-1] != d:
                docs.append(d)
        first, last, within_a, within_b = (x[ruled].tolist() for x in places)
        starts_of, ends_of = start[ruled].tolist(), end[ruled].tolist()
        documents: dict[int, DocumentState] = {}
        chunk_at: dict[int, np.ndarray] = {}
        early = rejected is None  # the reasons of rejections are not asked for
        for k, (i, d, t) in enumerate(zip(which, docs_of, terms_of, strict=True)):
            state = documents.get(d)
            if state is None:
                state = documents[d] = DocumentState(texts[d], d, batch)
            if early and self.fails_early(state, t, first[k], last[k], within_a[k], within_b[k]):
                keep[i] = False
                continue
            a, b = starts_of[k], ends_of[k]
            if not offsets:
                at = chunk_at.get(d)
                if at is None:
                    at = chunk_at[d] = chunk_starts(texts[d])
                a, b = int(at[first[k]]) + a, int(at[last[k]]) + b
            reason = self.check(state, a, b, t)
            if reason:
                keep[i] = False
                if rejected is not None:
                    rejected[d].append(Rejection(a, b, t, reason))
        return keep


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


def _whole_words(text: str, lo: int, hi: int) -> tuple[int, int]:
    """``text[lo:hi]`` widened to whitespace (or the text's edges), so that no word is cut."""
    lo, hi, n = max(lo, 0), min(hi, len(text)), len(text)
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    while hi < n and not text[hi].isspace():
        hi += 1
    return lo, hi


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
