"""Loadedness: which features a fitted classifier weighs most for each class.

A linear classifier's weights rank features by how strongly they pull a
document towards a class. Read per class, the largest weights are a
data-driven list of the words (and lexicon labels) that give the class away,
the *loaded* terms of an outlet or a stance; n-grams the lexicon lacks are
candidates for it. :func:`loadedness` turns a model built by
:func:`framing.learn.pipelines.make_model` into that table;
:func:`feature_weights` gives every feature's weight for every class.

A filter on the features (for instance one that sets aside an outlet's own
name and its house style) belongs between the two: rank, drop, then cut at
``top``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import scipy.sparse as sp

from ..errors import FramingError
from ..lexicon import Lexicon
from ..match import Matcher
from .analyzer import ArabicAnalyzer
from .targets import ArrayLike
from .vectorizer import LexiconVectorizer

if TYPE_CHECKING:
    import pandas as pd
    from sklearn.pipeline import Pipeline

__all__ = ["LOADEDNESS_COLUMNS", "feature_weights", "loadedness"]

LOADEDNESS_COLUMNS = [
    "class", "rank", "feature", "kind", "term", "weight", "count_in_class", "count_other",
    "in_lexicon",
]


def _find_lexicon_vectorizer(model: Pipeline) -> LexiconVectorizer | None:
    for _, value in sorted(model.get_params(deep=True).items()):
        if isinstance(value, LexiconVectorizer) and hasattr(value, "vocabulary_"):
            return value
    return None


def _find_analyzer(model: Pipeline) -> ArabicAnalyzer | None:
    for _, value in sorted(model.get_params(deep=True).items()):
        if isinstance(value, ArabicAnalyzer):
            return value
    return None


class _LexiconLookup:
    """Which lexicon label (``concept:label``) an n-gram stands for, if any."""

    def __init__(self, lexicon: str | Lexicon | None, analyzer: ArabicAnalyzer | None) -> None:
        self.matcher = Matcher(lexicon) if lexicon is not None else None
        self.analyzed: dict[str, str] = {}
        if self.matcher is not None and analyzer is not None:
            words = ArabicAnalyzer((1, 1), analyzer.normalizer, analyzer.stem)
            for term in self.matcher.lexicon.terms:
                for surface in term.surfaces:
                    key = " ".join(words(surface))
                    self.analyzed.setdefault(key, f"{term.concept}:{term.label}")

    def __call__(self, ngram: str) -> str:
        if self.matcher is None:
            return ""
        if ngram in self.analyzed:
            return self.analyzed[ngram]
        hits = self.matcher.find(ngram)
        if len(hits) == 1 and hits[0].start == 0 and hits[0].end == len(ngram):
            info = self.matcher.terms[hits[0].term]
            return f"{info.concept}:{info.label}"
        return ""


def _linear_classifier(model: Pipeline) -> Any:
    clf = model[-1]
    if not hasattr(clf, "coef_"):
        raise FramingError(
            f"the model's last step ({type(clf).__name__}) has no coef_; loadedness needs a linear model."
        )
    return clf


def _class_coef(clf: Any) -> tuple[list[str], np.ndarray]:
    """Classes and one row of weights per class (two classes: the single row and its negation)."""
    classes = [str(c) for c in clf.classes_]
    coef = np.asarray(clf.coef_)
    if len(classes) == 2 and coef.shape[0] == 1:
        coef = np.vstack([-coef[0], coef[0]])
    return classes, coef


def feature_weights(model: Pipeline) -> pd.DataFrame:
    """Every feature's weight for every class in a fitted linear pipeline.

    Parameters
    ----------
    model : Pipeline
        As for :func:`loadedness`.

    Returns
    -------
    DataFrame
        Index: the pipeline's feature names (named ``feature``); one column
        per class. For two classes the first class's column is the second's
        negated.

    Raises
    ------
    FramingError
        If the model's last step has no ``coef_``.

    Examples
    --------
    >>> from framing.learn import make_model
    >>> model = make_model("ngrams").fit(["قوات الاحتلال", "قوات الاحتلال هنا", "القوات الأميركية",
    ...                                   "القوات الأميركية هنا"], ["a", "a", "b", "b"])
    >>> weights = feature_weights(model)
    >>> weights["a"].idxmax(), bool((weights["a"] == -weights["b"]).all())
    ('ngrams__احتلال', True)
    """
    import pandas as pd

    classes, coef = _class_coef(_linear_classifier(model))
    names = np.asarray(model[-2].get_feature_names_out(), dtype=object)
    return pd.DataFrame(coef.T, index=pd.Index(names, name="feature"), columns=classes)


def loadedness(model: Pipeline, texts: Iterable[str], y: ArrayLike, *, top: int = 30,
               lexicon: str | Lexicon | None = None,
               term_kinds: Callable[[Sequence[str], Sequence[str]], list[str]] | None = None,
               story: ArrayLike | None = None) -> pd.DataFrame:
    """Per class, the features with the largest weights in a fitted model.

    Parameters
    ----------
    model : Pipeline
        A fitted ``Pipeline`` whose last step is a linear classifier with
        ``coef_`` and whose step before it names the features (as
        :func:`~framing.learn.pipelines.make_model` builds).
    texts, y : sequences
        The documents the model was fitted on, for the counts.
    top : int
        Features per class.
    lexicon : str or Lexicon, optional
        The lexicon for the ``in_lexicon`` column of n-gram features; default
        the model's own (when it has lexicon features).
    term_kinds : callable, optional
        ``(classes, n-grams) -> kinds`` (:func:`framing.learn.control.style_kinds`):
        adds the column ``term_kind`` (lexicon features are ``content``), and
        each class's rows that are not ``content`` are set aside before the
        cut at ``top`` (counted in ``table.attrs["set_aside"]``).
    story : sequence, optional
        Each document's story: features are ranked by their log-odds within
        stories (column ``z_stories``,
        :func:`framing.analysis.controlled.log_odds_within_stories` on the
        documents that have them) instead of by weight.

    Returns
    -------
    DataFrame
        Columns :data:`LOADEDNESS_COLUMNS`: ``class``; ``rank`` (1 = largest
        weight); ``feature`` (the pipeline's feature name); ``kind`` (``ngram``,
        ``term``, ``label``, ``concept`` or ``stance``); ``term`` (the n-gram,
        the lexicon term, or for label, concept and stance features their
        name: ``concept:label``, ``concept``, ``stance:concept``); ``weight``
        (the coefficient for the class, on the scaled features);
        ``count_in_class`` and ``count_other`` (documents of the class and of
        the other classes in which the feature is non-zero); ``in_lexicon``
        (``concept:label`` for lexicon features and for n-grams that are a
        lexicon term, the concept for stance features, else empty); then
        ``term_kind`` and ``z_stories`` when asked for.

    Raises
    ------
    FramingError
        If the model's last step has no ``coef_``.
    """
    import pandas as pd

    clf = _linear_classifier(model)
    names = np.asarray(model[-2].get_feature_names_out(), dtype=object)
    X = sp.csr_matrix(model[:-1].transform(list(texts)))
    labels = np.asarray([str(v) for v in y], dtype=object)
    present = (X != 0).astype(np.int64).tocsc()
    classes, coef = _class_coef(clf)
    vec = _find_lexicon_vectorizer(model)
    lookup = _LexiconLookup(lexicon if lexicon is not None else (vec.lexicon_ if vec else None),
                            _find_analyzer(model))
    info = _lexicon_feature_info(model)
    within = None
    if story is not None:
        from ..analysis.controlled import log_odds_within_stories

        within = log_odds_within_stories(present.tocsr(), np.asarray(story, dtype=object), labels)
    rows = []
    set_aside: Counter[str] = Counter()
    for k, cls in enumerate(classes):
        in_class = labels == cls
        counts_in = np.asarray(present[in_class].sum(axis=0)).ravel()
        counts_out = np.asarray(present[~in_class].sum(axis=0)).ravel()
        score = coef[k]
        if within is not None:
            score = np.where(np.isfinite(within[cls][1]), within[cls][1], -np.inf)
        order = np.argsort(-score, kind="stable")
        kinds: dict[int, str] = {}
        if term_kinds is not None:
            order, kinds, aside = _content_first(order, top, cls, names, info, lookup, term_kinds)
            set_aside.update(aside)
        for rank, j in enumerate(order[:top], start=1):
            name = str(names[j])
            kind, term, in_lex = _describe(name, info, lookup)
            row = {"class": cls, "rank": rank, "feature": name, "kind": kind, "term": term,
                   "weight": float(coef[k, j]), "count_in_class": int(counts_in[j]),
                   "count_other": int(counts_out[j]), "in_lexicon": in_lex}
            if term_kinds is not None:
                row["term_kind"] = kinds.get(int(j), "content")
            if within is not None:
                row["z_stories"] = float(within[cls][1][j])
            rows.append(row)
    columns = [*LOADEDNESS_COLUMNS, *(["term_kind"] if term_kinds is not None else []),
               *(["z_stories"] if within is not None else [])]
    table = pd.DataFrame(rows, columns=columns)
    table.attrs["set_aside"] = set_aside
    return table


def _content_first(order: np.ndarray, top: int, cls: str, names: np.ndarray,
                   info: dict[str, tuple[str, str, str]], lookup: _LexiconLookup,
                   term_kinds: Callable[[Sequence[str], Sequence[str]], list[str]]
                   ) -> tuple[np.ndarray, dict[int, str], Counter[str]]:
    """The features in ``order`` with the ``content`` ones only, until ``top`` of them, their kinds,
    and the kinds set aside above the last one kept."""
    kept: list[int] = []
    kinds: dict[int, str] = {}
    aside: Counter[str] = Counter()
    step = 4 * top + 10
    for start in range(0, len(order), step):
        chunk = [int(j) for j in order[start:start + step]]
        ngrams = [j for j in chunk if _describe(str(names[j]), info, lookup)[0] == "ngram"]
        terms = [_describe(str(names[j]), info, lookup)[1] for j in ngrams]
        kinds.update(zip(ngrams, term_kinds([cls] * len(terms), terms), strict=True))
        for j in chunk:
            if kinds.get(j, "content") == "content":
                kept.append(j)
                if len(kept) == top:
                    return np.asarray(kept, dtype=np.int64), kinds, aside
            else:
                aside[kinds[j]] += 1
    return np.asarray(kept, dtype=np.int64), kinds, aside


def _lexicon_feature_info(model: Pipeline) -> dict[str, tuple[str, str, str]]:
    """Unprefixed lexicon feature name → (kind, term, in_lexicon)."""
    out: dict[str, tuple[str, str, str]] = {}
    for _, value in model.get_params(deep=True).items():
        if isinstance(value, LexiconVectorizer) and hasattr(value, "vocabulary_"):
            for row in value.feature_info().itertuples(index=False):
                in_lex = row.concept if row.kind in ("stance", "concept") else f"{row.concept}:{row.label}"
                out[row.feature] = (row.kind, row.term or row.feature, in_lex)
    return out


def _describe(name: str, info: dict[str, tuple[str, str, str]], lookup: _LexiconLookup
              ) -> tuple[str, str, str]:
    parts = name.split("__")
    if parts[0] == "ngrams":
        ngram = "__".join(parts[1:])
        return "ngram", ngram, lookup(ngram)
    if parts[-1] in info:
        return info[parts[-1]]
    return "", parts[-1], ""
