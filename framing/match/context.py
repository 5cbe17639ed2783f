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

from collections.abc import Sequence

from ..lexicon import Concept, Label, Lexicon, Rule, Term
from ..text.tokens import SENTENCE_END_RE, WORD_RE
from .tables import MatcherTables

__all__ = ["SENTENCE_REACH", "ContextRules"]

#: How far (characters) a sentence is looked for on each side of an occurrence.
SENTENCE_REACH = 1500
_EMPTY: frozenset[int] = frozenset()


class _Compiled:
    """One rule with each condition's phrases as indices into the condition tables."""

    __slots__ = ("conditions", "needs_sentence", "rule", "window")

    def __init__(self, rule: Rule, index: dict[str, int]) -> None:
        self.rule = rule
        self.window = rule.window
        # (key, {phrase index: the rule's spelling}, phrases)
        self.conditions = [(key, {index[p]: p for p in reversed(phrases)}, phrases)
                           for key, phrases in rule.conditions()]
        local = {"not_followed_by", "not_preceded_by"}
        if self.window is None:
            local |= {"near", "not_near"}
        self.needs_sentence = any(key in local for key, _, _ in self.conditions)


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
        self._cache: dict[str, tuple[int, ...]] = {}

    def __getstate__(self) -> dict[str, object]:
        state = self.__dict__.copy()
        state["_cache"] = {}
        return state

    def _ids(self, word: str) -> tuple[int, ...]:
        ids = self._cache.get(word)
        if ids is None:
            if len(self._cache) > 200_000:
                self._cache.clear()
            ids = self._cache[word] = self.tables._analyse(word)
        return ids

    def _phrases(self, words: Sequence[str]) -> list[tuple[int, int, int]]:
        """Every condition phrase in ``words``: ``(phrase, first word, last word)``."""
        patterns = self.tables._patterns
        ids = [self._ids(w) for w in words]
        out = []
        for i, first in enumerate(ids):
            frontier = [(w,) for w in first if (w,) in patterns]
            j = i
            while frontier:
                out.extend((patterns[p], i, j) for p in frontier if patterns[p] >= 0)
                j += 1
                if j >= len(ids):
                    break
                frontier = [p + (w,) for p in frontier for w in ids[j] if p + (w,) in patterns]
        return out

    def document_phrases(self, text: str) -> frozenset[int]:
        """The condition phrases that occur anywhere in ``text``."""
        return frozenset(p for p, _, _ in self._phrases(WORD_RE.findall(text)))

    def check(self, text: str, start: int, end: int, term: int,
              document: list[frozenset[int] | None]) -> str:
        """Why the occurrence ``text[start:end]`` of ``term`` is rejected, or ``""`` if admitted.

        ``document`` is a one-item list holding the document's phrases
        (:meth:`document_phrases`), or ``None`` until a rule first needs them.
        """
        rule = self.rules[term]
        before: list[str] = []
        after: list[str] = []
        if rule.needs_sentence:
            before, after = _sentence_words(text, start, end)
        near_before, near_after = before, after
        if rule.window is not None:
            near_before, near_after = _window_words(text, start, end, rule.window)
        for key, wanted, phrases in rule.conditions:
            if key == "not_followed_by":
                hit = [p for p, i, _ in self._phrases(after[:self.tables.max_len]) if i == 0]
                found = wanted.keys() & hit
                if found:
                    return f"followed by {_quote(wanted, found)}"
            elif key == "not_preceded_by":
                tail = before[-self.tables.max_len:]
                hit = [p for p, _, j in self._phrases(tail) if j == len(tail) - 1]
                found = wanted.keys() & hit
                if found:
                    return f"preceded by {_quote(wanted, found)}"
            elif key in ("near", "not_near"):
                around = {p for p, _, _ in self._phrases(near_before)}
                around.update(p for p, _, _ in self._phrases(near_after))
                found = wanted.keys() & around
                where = f"within {rule.window} words" if rule.window else "in the sentence"
                if key == "near" and not found:
                    return f"none of {' | '.join(phrases)} {where}"
                if key == "not_near" and found:
                    return f"{_quote(wanted, found)} {where}"
            elif key == "document_has":
                if document[0] is None:
                    document[0] = self.document_phrases(text)
                if document[0].isdisjoint(wanted):
                    return f"none of {' | '.join(phrases)} in the document"
        return ""


def _quote(wanted: dict[int, str], found: set[int]) -> str:
    """The rule's own spelling of the phrases found."""
    return " | ".join(wanted[i] for i in sorted(found))


def _sentence_words(text: str, start: int, end: int) -> tuple[list[str], list[str]]:
    """The words of the sentence before and after ``text[start:end]``."""
    lo = max(0, start - SENTENCE_REACH)
    last = None
    for last in SENTENCE_END_RE.finditer(text, lo, start):  # noqa: B007
        pass
    s0 = last.end() if last is not None else lo
    m = SENTENCE_END_RE.search(text, end, min(len(text), end + SENTENCE_REACH))
    s1 = m.start() if m is not None else min(len(text), end + SENTENCE_REACH)
    return WORD_RE.findall(text, s0, start), WORD_RE.findall(text, end, s1)


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
