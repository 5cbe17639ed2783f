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
from collections.abc import Iterable, Sequence

import numpy as np

from ..lexicon import Concept, Label, Lexicon, Rule, Term
from ..text.clitics import split_article
from ..text.tokens import WORD_RE
from .batches import chunk_starts
from .chunks import BatchChunks, DocumentState
from .prefilter import NEVER, marks_class, surface_pattern
from .results import Rejection
from .tables import MatcherTables

__all__ = ["FILTER_MIN_SHARE", "FILTER_TRIAL", "SENTENCE_REACH", "ContextRules"]

#: How far (characters) a sentence is looked for on each side of an occurrence.
SENTENCE_REACH = 1500
#: Documents a document filter is tried on before :meth:`ContextRules.worth_filtering` judges it.
FILTER_TRIAL = 300
#: The share of the documents tried that a filter must rule out to be kept.
FILTER_MIN_SHARE = 0.1
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

    __slots__ = ("conditions", "filters", "needs_sentence", "rule", "window", "word_res")

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
        #: where a word of each ``document_has``, ``near`` and ``not_near`` condition may be
        #: written (Python's ``re``: the longest word of each phrase, in any spelling)
        self.word_res: dict[str, re.Pattern[str]] = {}


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
            for key in ("document_has", "near", "not_near"):
                phrases = getattr(compiled.rule, key)  # the longest word of a phrase is enough
                if phrases:
                    longest = [max(p.split(), key=len).rstrip("*") for p in phrases]
                    stems = [split_article(norm(w), w)[0] for w in longest]
                    compiled.word_res[key] = re.compile(surface_pattern(stems, norm) or NEVER)
                    if key != "not_near":  # the document must hold one of these words
                        compiled.filters.append((key, surface_pattern(stems, norm, syntax="re2",
                                                                      marks=False) or NEVER))
        #: what the filters' texts are stripped of (:meth:`BatchChunks.plain_texts`)
        self.marks = marks_class(norm, syntax="re2")
        self._cache: dict[str, tuple[int, ...]] = {}
        #: the terms whose rule has a ``near`` condition with a ``window``
        self.windowed = frozenset(t for t, c in self.rules.items() if c.window is not None and c.rule.near)
        #: per document filter: documents run through it, and those it let pass (see
        #: :meth:`worth_filtering`)
        self._filter_runs: dict[str, list[int]] = {}

    def __getstate__(self) -> dict[str, object]:
        state = self.__dict__.copy()
        state["_cache"] = {}
        state["_filter_runs"] = {}
        return state

    def worth_filtering(self, pattern: str) -> bool:
        """Whether a document filter still pays for itself: it is run until it has seen
        :data:`FILTER_TRIAL` documents, and kept if it ruled out at least
        :data:`FILTER_MIN_SHARE` of them (a filter that lets nearly every document pass,
        as the words «near» a common name in a corpus about its subject do, only costs time).
        Either way the same occurrences are admitted: a filter rejects only what
        :meth:`check` rejects."""
        runs = self._filter_runs.get(pattern)
        return runs is None or runs[0] < FILTER_TRIAL or runs[0] - runs[1] >= FILTER_MIN_SHARE * runs[0]

    def filter_ran(self, pattern: str, docs: int, passed: int) -> None:
        """Record that ``pattern`` ran over ``docs`` documents and let ``passed`` of them pass."""
        runs = self._filter_runs.setdefault(pattern, [0, 0])
        runs[0] += docs
        runs[1] += passed

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
        out: list[tuple[int, int, int]] = []
        for i, first in enumerate(ids):
            if not first:
                continue
            frontier: list[tuple[int, ...]] = [(w,) for w in first if (w,) in patterns]
            j = i
            while frontier:
                out.extend((patterns[p], i, j) for p in frontier if patterns[p] >= 0)
                j += 1
                if j >= len(ids) or not ids[j]:
                    break
                frontier = [p + (w,) for p in frontier for w in ids[j] if p + (w,) in patterns]
        return out

    def _among(self, wanted: dict[int, str], sides: Iterable[Sequence[str]]) -> set[int]:
        """The ``wanted`` phrases found in any of the word lists ``sides``."""
        return wanted.keys() & {p for side in sides for p, _, _ in self._phrases(side)}

    def any_in(self, pattern: re.Pattern[str], wanted: dict[int, str], text: str, lo: int = 0,
               hi: int | None = None) -> bool:
        """Whether the words of ``text[lo:hi]`` hold one of the ``wanted`` phrases.

        Only the words around the places where ``pattern`` (a condition's
        :attr:`_Compiled.word_res`) finds the longest word of a phrase are
        analysed: enough words on each side for the longest phrase, cut at
        whitespace so that no word is cut, and never beyond ``lo``/``hi``; it
        stops at the first phrase found.
        """
        hi = len(text) if hi is None else hi
        reach = 40 * self.tables.max_len
        end = lo
        for m in pattern.finditer(text, lo, hi):
            if m.end() + reach <= end:
                continue  # every phrase it can be part of lies in the stretch just read
            a, end = _whole_words(text, m.start() - reach, m.end() + reach)
            words = WORD_RE.findall(text, max(a, lo), min(end, hi))
            if any(p in wanted for p, _, _ in self._phrases(words)):
                return True
        return False

    def document_has(self, doc: DocumentState, term: int) -> bool:
        """Whether the document holds a phrase of ``term``'s ``document_has`` condition (cached)."""
        found = doc.has.get(term)
        if found is None:
            rule = self.rules[term]
            wanted = next(w for key, w, _ in rule.conditions if key == "document_has")
            found = doc.has[term] = self.any_in(rule.word_res["document_has"], wanted, doc.text)
        return found

    def outside_window(self, doc: DocumentState, term: int, first: int, last: int, a: int,
                       b: int) -> bool:
        """Whether a ``near`` condition with a ``window`` is sure to fail, before offsets are known.

        None of its words is among the ``window`` words on either side, read
        from the neighbouring chunks (``first``/``last``: the occurrence's first
        and last chunk in the document; ``a``/``b``: where it starts and ends in
        them). It only rejects what :meth:`check` rejects.
        """
        rule = self.rules[term]
        if rule.window is None or not rule.rule.near:
            return False
        batch = doc.batch
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
        wanted = next(w for key, w, _ in rule.conditions if key == "near")
        return not self._among(wanted, (before[-n:], after[:n]))

    def filtered_out(self, doc: DocumentState, term: int) -> bool:
        """Whether the document has none of the ``document_has`` words, or none of the ``near``
        words (document filters, each run once per batch in RE2, see
        :meth:`BatchChunks.may_match`). It only rejects what :meth:`check` rejects,
        though maybe for another of the rule's conditions."""
        return not all(doc.batch.may_match(pattern, doc.index) for _, pattern in self.rules[term].filters
                       if pattern in doc.batch.needs)

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
                where = f"within {rule.window} words" if rule.window else "in the sentence"
                if rule.window is None:  # the sentence: only the words around the condition's words
                    pattern = rule.word_res[key]
                    present = self.any_in(pattern, wanted, text, s0, start) or \
                        self.any_in(pattern, wanted, text, end, s1)
                    if key == "near" and not present:
                        return f"none of {_some(phrases)} {where}"
                    if key == "not_near" and present:  # which of them, for the reason
                        sides = (WORD_RE.findall(text, s0, start), WORD_RE.findall(text, end, s1))
                        return f"{_quote(wanted, self._among(wanted, sides))} {where}"
                    continue
                found = self._among(wanted, _window_words(text, start, end, rule.window))
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
        rejections are asked for (``rejected``, filled in), :meth:`outside_window`
        and then :meth:`filtered_out` rule most of them out before any offset or
        word of the text is looked at; the document filters run only on the
        documents whose occurrences the window left undecided.
        """
        keep = np.ones(len(owner), dtype=bool)
        which = np.flatnonzero(ruled).tolist()
        docs_of, terms_of = owner[ruled].tolist(), term[ruled].tolist()
        first, last, within_a, within_b = (x[ruled].tolist() for x in places)
        starts_of, ends_of = start[ruled].tolist(), end[ruled].tolist()
        documents: dict[int, DocumentState] = {}
        early = rejected is None  # the reasons of rejections are not asked for
        pending = []  # (k, document state) of the occurrences still undecided
        windowed = self.windowed
        useful = {p for c in self.rules.values() for _, p in c.filters if self.worth_filtering(p)}
        for k, (d, t) in enumerate(zip(docs_of, terms_of, strict=True)):
            state = documents.get(d)
            if state is None:
                state = documents[d] = DocumentState(texts[d], d, batch)
            if early and t in windowed and self.outside_window(state, t, first[k], last[k], within_a[k],
                                                                within_b[k]):
                keep[which[k]] = False
                continue
            pending.append((k, state))
            if early:  # the document filters run only on documents with an undecided occurrence
                for _, pattern in self.rules[t].filters:
                    if pattern in useful:
                        docs = batch.needs.setdefault(pattern, [])
                        if not docs or docs[-1] != d:
                            docs.append(d)
        chunk_at: dict[int, np.ndarray] = {}
        for k, state in pending:
            i, d, t = which[k], docs_of[k], terms_of[k]
            if early and self.filtered_out(state, t):
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
        for pattern, passed in batch.passed.items():
            self.filter_ran(pattern, len(batch.needs.get(pattern, ())), len(passed))
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
