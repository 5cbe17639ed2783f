"""An Arabic analyzer for scikit-learn's text vectorizers.

:func:`arabic_analyzer` returns a picklable callable for scikit-learn's own
vectorizers (``TfidfVectorizer(analyzer=arabic_analyzer(ngram_range=(1, 2)))``)
that tokenises, normalises and strips clitics the way matching does.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import FramingError
from ..text.normalizer import Normalizer
from ..text.stemming import light_stem
from ..text.tokens import WORD_RE

__all__ = ["ANALYZER_CACHE_SIZE", "ArabicAnalyzer", "arabic_analyzer", "check_ngram_range"]

#: Word types whose analysis an :class:`ArabicAnalyzer` keeps in memory.
ANALYZER_CACHE_SIZE = 1_000_000

_DEFAULT_NORMALIZER = Normalizer()


class ArabicAnalyzer:
    """Turn a text into normalised, clitic-stripped word n-grams.

    Build it with :func:`arabic_analyzer`. It is a plain object (not a
    closure), so pipelines that use it pickle and save with skops; its
    per-word cache is not saved.
    """

    def __init__(self, ngram_range: tuple[int, int] = (1, 1), normalizer: Normalizer | None = None,
                 stem: bool = True) -> None:
        self.ngram_range = ngram_range
        self.normalizer = normalizer
        self.stem = stem
        self._cache: dict[str, str] = {}

    def word(self, surface: str) -> str:
        """The analysed form of one surface word (cached)."""
        cache = self.__dict__.setdefault("_cache", {})
        out = cache.get(surface)
        if out is None:
            norm = self.normalizer or _DEFAULT_NORMALIZER
            out = norm(surface).lower()
            if self.stem:
                out = light_stem(out, teh_marbuta=norm.teh_marbuta_char)
            if len(cache) >= ANALYZER_CACHE_SIZE:
                cache.clear()
            cache[surface] = out
        return out

    def __call__(self, doc: str) -> list[str]:
        """Return the n-grams of ``doc``, words joined by a space."""
        cache = self.__dict__.setdefault("_cache", {})
        words = [cache[w] if w in cache else self.word(w) for w in WORD_RE.findall(doc)]
        if "" in words:  # a "word" of diacritics or tatweel only
            words = [w for w in words if w]
        low, high = self.ngram_range
        out = list(words) if low == 1 else []
        for n in range(max(low, 2), high + 1):
            out.extend(" ".join(words[i:i + n]) for i in range(len(words) - n + 1))
        return out

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("_cache", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._cache = {}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ArabicAnalyzer) and self.__getstate__() == other.__getstate__()

    def __hash__(self) -> int:
        return hash((tuple(self.ngram_range), self.normalizer, self.stem))

    def __repr__(self) -> str:
        extra = "" if self.normalizer is None else f", normalizer={self.normalizer!r}"
        return f"arabic_analyzer(ngram_range={tuple(self.ngram_range)!r}{extra}, stem={self.stem!r})"


def arabic_analyzer(ngram_range: tuple[int, int] = (1, 1), *, normalizer: Normalizer | None = None,
                    stem: bool = True) -> ArabicAnalyzer:
    """An analyzer for scikit-learn's vectorizers, with framing's Arabic text layer.

    Each word (:data:`framing.text.tokens.WORD_RE`: punctuation and quotation
    marks are dropped) is normalised with :class:`~framing.text.normalizer.Normalizer`,
    lower-cased (Latin letters only are affected) and, with ``stem=True``,
    stripped of clitics by :func:`framing.text.stemming.light_stem` without a
    vocabulary: the article-bearing prefixes (ال, لل, وال, بال, ...) and و/ف
    before at least four letters. N-grams are joined by one space and may
    cross sentence boundaries, as in scikit-learn's word n-grams.

    Parameters
    ----------
    ngram_range : (int, int)
        Smallest and largest n-gram length.
    normalizer : Normalizer, optional
        Default: :class:`~framing.text.normalizer.Normalizer` with every step on.
    stem : bool
        Strip clitics (default) or keep normalised words whole.

    Returns
    -------
    ArabicAnalyzer
        A picklable callable ``text -> list of str``.

    Raises
    ------
    FramingError
        If ``ngram_range`` is not two integers ``1 <= low <= high``.

    Examples
    --------
    >>> analyzer = arabic_analyzer(ngram_range=(1, 2))
    >>> analyzer("وبالاحتلال، قوات الاحتلال")
    ['احتلال', 'قوات', 'احتلال', 'احتلال قوات', 'قوات احتلال']
    >>> from sklearn.feature_extraction.text import TfidfVectorizer
    >>> TfidfVectorizer(analyzer=arabic_analyzer()).fit(["المقاومة والمقاومة"]).get_feature_names_out()
    array(['مقاومه'], dtype=object)
    """
    low, high = check_ngram_range(ngram_range)
    return ArabicAnalyzer((low, high), normalizer, stem)


def check_ngram_range(ngram_range: object) -> tuple[int, int]:
    """``ngram_range`` as ``(low, high)``, or a :class:`~framing.errors.FramingError`.

    Raises
    ------
    FramingError
        Unless ``ngram_range`` is two integers (not booleans) with ``1 <= low <= high``.

    Examples
    --------
    >>> check_ngram_range([1, 2])
    (1, 2)
    """
    ok = (
        isinstance(ngram_range, (tuple, list)) and len(ngram_range) == 2
        and all(isinstance(n, (int, np.integer)) and not isinstance(n, bool) for n in ngram_range)
        and 1 <= ngram_range[0] <= ngram_range[1]
    )
    if not ok:
        raise FramingError(
            f"The 'ngram_range' parameter must be two integers (low, high) with 1 <= low <= high. "
            f"Got {ngram_range!r} instead."
        )
    return int(ngram_range[0]), int(ngram_range[1])  # type: ignore[index]
