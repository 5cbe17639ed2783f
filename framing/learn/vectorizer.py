"""Lexicon features for scikit-learn: :class:`LexiconVectorizer`.

Raw texts in, a sparse matrix of lexicon features out, one column per term,
label or concept, as counts, rates per 1,000 word tokens or shares within
the concept, plus one ``stance:<concept>`` column per concept. It behaves
like :class:`~sklearn.feature_extraction.text.CountVectorizer`: it clones,
pickles, saves with skops and works inside ``Pipeline``, ``FeatureUnion``,
``ColumnTransformer`` and ``GridSearchCV``. (For scikit-learn's own
vectorizers, :func:`framing.learn.analyzer.arabic_analyzer` is the analyzer
that reads Arabic the way matching does.)

Feature values (document *d*, feature *f* of concept *c*):

``count``
    hits of *f*'s terms in *d*;
``rate``
    ``1000 * count / n_tokens(d)`` (0 for a document without word tokens);
``share``
    ``count / hits of every label of c in d`` at term and label level, and
    ``hits of c / hits of every concept in d`` at concept level; 0 when the
    denominator is 0 (scikit-learn models do not accept NaN, so "not
    mentioned" and "never this label" both read 0; the ``stance`` and count
    columns tell them apart);
``stance:<c>``
    the mean pole (−1, 0, +1) of *d*'s hits of *c*, 0 when *d* has none.

The column layout lives in :mod:`framing.learn.layout`; the lexicon is saved
with the model as plain data (:mod:`framing.learn.lexicon_data`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from ..errors import FramingError, check_option
from ..lexicon import Lexicon, load_lexicon
from ..match import BATCH_DOCS, Matcher
from ..text.normalizer import Normalizer
from ..voice import VOICE_FILTERS, Voice, analyse_voice
from .layout import (
    LEVELS,
    VALUES,
    FeatureLayout,
    Level,
    Value,
    feature_info_table,
    feature_layout,
    feature_names,
)
from .lexicon_data import is_lexicon_data, lexicon_from_data, lexicon_to_data

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["LexiconVectorizer", "VoiceFilter", "check_documents"]

#: Whose hits count: one voice (see :mod:`framing.voice`) or ``"all"`` (:data:`VOICE_FILTERS`).
VoiceFilter = Voice


class LexiconVectorizer(TransformerMixin, BaseEstimator):
    """Raw texts to a sparse matrix of lexicon features.

    Parameters
    ----------
    lexicon : str, path or Lexicon
        A bundled lexicon name, a lexicon file or a :class:`~framing.lexicon.model.Lexicon`.
    level : {"term", "label", "concept"}
        One column per term (its explicit forms count for it), per label
        (``concept:label``, the columns of ``framing score``) or per concept.
        Term columns are named ``concept:label:term``.
    value : {"count", "rate", "share"}
        Hits, hits per 1,000 word tokens, or share within the concept (see
        :mod:`framing.learn.vectorizer` for the definitions).
    stance : bool
        Append one ``stance:<concept>`` column per concept: the mean pole of
        the document's hits of the concept, 0 when it has none.
    normalizer : Normalizer, optional
        Passed to :class:`~framing.match.matcher.Matcher`.
    min_stem : int
        Passed to :class:`~framing.match.matcher.Matcher`.
    voice : {"all", "own", "quoted", "reported"}
        Count only the hits of this voice (see :mod:`framing.voice`): with
        ``"own"`` a term an outlet merely quotes does not count as its
        choice. Default ``"all"`` (no voice analysis, fastest).

    Attributes
    ----------
    lexicon_ : Lexicon
        The loaded lexicon (saved with the model, so a saved model does not
        depend on the lexicon file it was fitted with).
    vocabulary_ : dict
        Feature name → column index.
    matcher_ : Matcher
        The matcher, rebuilt on first use after unpickling (its word cache is
        never saved).

    Notes
    -----
    ``fit`` learns nothing from the documents: it loads the lexicon and fixes
    the columns. The transformer therefore never leaks information between
    cross-validation folds.

    scikit-learn's ``check_estimator`` passes. Like ``CountVectorizer``, the
    estimator declares string input (``input_tags.string``), so the checks
    that feed numeric arrays are skipped by scikit-learn itself; the
    test-suite runs the remaining generic checks, plus text versions of
    the fit/transform, clone and pickling checks.

    Examples
    --------
    >>> vec = LexiconVectorizer("tests/data/mini.yaml", value="count", stance=False)
    >>> X = vec.fit_transform(["قصفت قوات الاحتلال مواقع المقاومة", "قالت إسرائيل"])
    >>> dict(zip(vec.get_feature_names_out(), X.toarray()[0]))["foreign_troops:occupation"]
    np.float64(1.0)
    """

    def __init__(self, lexicon: str | Lexicon = "arabic-conflict", *, level: Level = "label",
                 value: Value = "rate", stance: bool = True, normalizer: Normalizer | None = None,
                 min_stem: int = 4, voice: VoiceFilter = "all") -> None:
        self.lexicon = lexicon
        self.level = level
        self.value = value
        self.stance = stance
        self.normalizer = normalizer
        self.min_stem = min_stem
        self.voice = voice

    # -- scikit-learn protocol ------------------------------------------------

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        tags.transformer_tags.preserves_dtype = []
        return tags

    def fit(self, X: Iterable[str], y: Any = None) -> LexiconVectorizer:
        """Load the lexicon and fix the feature columns; ``X`` is only checked.

        Returns
        -------
        self
        """
        check_documents(X)
        check_option("level", self.level, LEVELS)
        check_option("value", self.value, VALUES)
        lexicon = load_lexicon(self.lexicon)
        self.__dict__.pop("_matcher", None)
        self.__dict__.pop("_layout", None)
        self.lexicon_ = lexicon
        names = feature_names(lexicon, self.level, stance=self.stance)
        self.vocabulary_ = {name: i for i, name in enumerate(names)}
        return self

    def transform(self, X: Iterable[str]) -> sp.csr_matrix:
        """Return the ``(n_documents, n_features)`` CSR matrix of features."""
        check_is_fitted(self, "vocabulary_")
        docs = check_documents(X)
        layout = self._get_layout()
        matcher = self.matcher_
        rows: list[int] = []
        cols: list[int] = []
        vals: list[int] = []
        n_tokens = np.zeros(len(docs), dtype=np.float64)
        voice = getattr(self, "voice", "all")  # models saved before the parameter existed
        check_option("voice", voice, VOICE_FILTERS)
        scans = (scan for k in range(0, len(docs), BATCH_DOCS)
                 for scan in matcher.scan_many(docs[k:k + BATCH_DOCS], offsets=voice != "all"))
        for i, (text, (n, matches)) in enumerate(zip(docs, scans, strict=True)):
            if voice != "all" and matches:
                voices = analyse_voice(text)
                matches = [m for m in matches if voices.at(m.start, m.end, speaker=False).voice == voice]
            counts = Counter(m.term for m in matches)
            n_tokens[i] = n
            if counts:
                rows.extend([i] * len(counts))
                cols.extend(counts.keys())
                vals.extend(counts.values())
        hits = sp.csr_matrix((np.asarray(vals, dtype=np.float64), (rows, cols)),
                             shape=(len(docs), len(matcher.terms)))
        base = (hits @ layout.to_feature).tocsr()
        if self.value == "rate":
            scale = np.divide(1000.0, n_tokens, out=np.zeros_like(n_tokens), where=n_tokens > 0)
            base = sp.csr_matrix(base.multiply(scale[:, None]))
        elif self.value == "share":
            coo = base.tocoo()
            if self.level == "concept":
                denom = np.asarray(base.sum(axis=1)).ravel()[coo.row]
            else:
                by_concept = (hits @ layout.to_concept).toarray()
                denom = by_concept[coo.row, layout.feature_concept[coo.col]]
            base = sp.csr_matrix((coo.data / denom, (coo.row, coo.col)), shape=base.shape)
        blocks = [base]
        if self.stance:
            by_concept = (hits @ layout.to_concept).toarray()
            poles = (hits @ layout.to_concept_poles).toarray()
            mean = np.divide(poles, by_concept, out=np.zeros_like(poles), where=by_concept > 0)
            blocks.append(sp.csr_matrix(mean))
        out = sp.hstack(blocks, format="csr", dtype=np.float64)
        out.eliminate_zeros()
        return out

    def fit_transform(self, X: Iterable[str], y: Any = None, **fit_params: Any) -> sp.csr_matrix:
        """``fit(X).transform(X)``, reading ``X`` once (it may be a generator)."""
        docs = check_documents(X)
        return self.fit(docs, y).transform(docs)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Feature names: ``concept:label[:term]`` or ``concept``, then ``stance:<concept>``."""
        check_is_fitted(self, "vocabulary_")
        return np.asarray(sorted(self.vocabulary_, key=self.vocabulary_.__getitem__), dtype=object)

    # -- learned helpers ------------------------------------------------------

    @property
    def matcher_(self) -> Matcher:
        """The :class:`~framing.match.matcher.Matcher` built from ``lexicon_`` (cached)."""
        check_is_fitted(self, "vocabulary_")
        matcher = self.__dict__.get("_matcher")
        if matcher is None:
            matcher = Matcher(self.lexicon_, normalizer=self.normalizer, min_stem=self.min_stem)
            self._matcher = matcher
        return matcher

    def feature_info(self) -> pd.DataFrame:
        """One row per feature: ``feature, kind, concept, label, term, pole``.

        ``kind`` is the level (``term``, ``label``, ``concept``) or
        ``stance``; ``term`` is the term's text for term features and empty
        otherwise; ``pole`` is empty for concept and stance features.
        """
        check_is_fitted(self, "vocabulary_")
        return feature_info_table(self.lexicon_, self.level, stance=self.stance)

    def _get_layout(self) -> FeatureLayout:
        """Sparse maps from the matcher's term patterns to features and concepts (cached)."""
        layout = self.__dict__.get("_layout")
        if layout is None:
            concepts = [c.id for c in self.lexicon_.concepts]
            n_base = len(self.vocabulary_) - (len(concepts) if self.stance else 0)
            layout = feature_layout(self.matcher_.terms, concepts, self.vocabulary_, self.level, n_base)
            self._layout = layout
        return layout

    # -- pickling and skops: drop caches, store the lexicon as plain data ----

    def __getstate__(self) -> dict[str, Any]:
        state = dict(super().__getstate__())
        state.pop("_matcher", None)
        state.pop("_layout", None)
        for key in ("lexicon", "lexicon_"):
            if isinstance(state.get(key), Lexicon):
                state[key] = lexicon_to_data(state[key])
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = dict(state)
        for key in ("lexicon", "lexicon_"):
            if is_lexicon_data(state.get(key)):
                state[key] = lexicon_from_data(state[key])
        super().__setstate__(state)


def check_documents(X: Any) -> list[str]:
    """``X`` as a list of texts, or a :class:`~framing.errors.FramingError` saying what is wrong.

    Raises
    ------
    FramingError
        For a single string, a 2-d array, or a non-text item.

    Examples
    --------
    >>> check_documents(("نص", "آخر"))
    ['نص', 'آخر']
    """
    if isinstance(X, (str, bytes)):
        raise FramingError(
            "Iterable over raw text documents expected, string object received; wrap a single "
            "text in a list."
        )
    if hasattr(X, "ndim") and getattr(X, "ndim", 1) != 1:
        raise FramingError(
            f"Iterable over raw text documents expected, got an array of shape {X.shape}; pass "
            "one text column (e.g. df['text'])."
        )
    docs = list(X)
    for i, doc in enumerate(docs):
        if not isinstance(doc, str):
            raise FramingError(
                f"document {i} is {type(doc).__name__} ({doc!r:.40}), not text; fill or drop "
                "missing texts before vectorising."
            )
    return docs
