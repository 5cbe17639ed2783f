"""scikit-learn building blocks: lexicon features and an Arabic analyzer.

Two pieces let scholars mix ``framing``'s lexicons with ordinary
scikit-learn code:

:class:`LexiconVectorizer`
    raw texts in, a sparse matrix of lexicon features out, one column per
    term, label or concept, as counts, rates per 1,000 word tokens or shares
    within the concept, plus one ``stance:<concept>`` column per concept. It
    behaves like :class:`~sklearn.feature_extraction.text.CountVectorizer`:
    it clones, pickles, saves with skops and works inside ``Pipeline``,
    ``FeatureUnion``, ``ColumnTransformer`` and ``GridSearchCV``.
:func:`arabic_analyzer`
    a picklable callable for scikit-learn's own vectorizers
    (``TfidfVectorizer(analyzer=arabic_analyzer(ngram_range=(1, 2)))``) that
    tokenises, normalises and strips clitics the way matching does.

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
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any, Literal

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from ..errors import FramingError, check_option
from ..lexicon import Concept, Label, Lexicon, Term, load_lexicon
from ..match import BATCH_DOCS, Matcher
from ..text.normalizer import Normalizer
from ..text.stemming import light_stem
from ..text.tokens import WORD_RE
from ..voice.map import VOICE_FILTERS, analyse_voice

__all__ = ["ArabicAnalyzer", "LexiconVectorizer", "arabic_analyzer"]

Level = Literal["term", "label", "concept"]
Value = Literal["count", "rate", "share"]
LEVELS = ("term", "label", "concept")
VALUES = ("count", "rate", "share")

#: Word types whose analysis an :class:`ArabicAnalyzer` keeps in memory.
ANALYZER_CACHE_SIZE = 1_000_000


# ----------------------------------------------------------------------------
# The analyzer
# ----------------------------------------------------------------------------


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


_DEFAULT_NORMALIZER = Normalizer()


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
    _check_ngram_range(ngram_range)
    return ArabicAnalyzer(tuple(ngram_range), normalizer, stem)  # type: ignore[arg-type]


def _check_ngram_range(ngram_range: Any) -> None:
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


# ----------------------------------------------------------------------------
# Lexicon features
# ----------------------------------------------------------------------------


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
                 min_stem: int = 4, voice: str = "all") -> None:
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
        _check_documents(X)
        check_option("level", self.level, LEVELS)
        check_option("value", self.value, VALUES)
        lexicon = load_lexicon(self.lexicon)
        self.__dict__.pop("_matcher", None)
        self.__dict__.pop("_layout", None)
        self.lexicon_ = lexicon
        names = [*self._base_names(lexicon)]
        if self.stance:
            names += [f"stance:{c.id}" for c in lexicon.concepts]
        self.vocabulary_ = {name: i for i, name in enumerate(names)}
        return self

    def transform(self, X: Iterable[str]) -> sp.csr_matrix:
        """Return the ``(n_documents, n_features)`` CSR matrix of features."""
        check_is_fitted(self, "vocabulary_")
        docs = _check_documents(X)
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
        base = (hits @ layout["to_feature"]).tocsr()
        if self.value == "rate":
            scale = np.divide(1000.0, n_tokens, out=np.zeros_like(n_tokens), where=n_tokens > 0)
            base = sp.csr_matrix(base.multiply(scale[:, None]))
        elif self.value == "share":
            coo = base.tocoo()
            if self.level == "concept":
                denom = np.asarray(base.sum(axis=1)).ravel()[coo.row]
            else:
                by_concept = (hits @ layout["to_concept"]).toarray()
                denom = by_concept[coo.row, layout["feature_concept"][coo.col]]
            base = sp.csr_matrix((coo.data / denom, (coo.row, coo.col)), shape=base.shape)
        blocks = [base]
        if self.stance:
            by_concept = (hits @ layout["to_concept"]).toarray()
            poles = (hits @ layout["to_concept_poles"]).toarray()
            mean = np.divide(poles, by_concept, out=np.zeros_like(poles), where=by_concept > 0)
            blocks.append(sp.csr_matrix(mean))
        out = sp.hstack(blocks, format="csr", dtype=np.float64)
        out.eliminate_zeros()
        return out

    def fit_transform(self, X: Iterable[str], y: Any = None, **fit_params: Any) -> sp.csr_matrix:
        """``fit(X).transform(X)``, reading ``X`` once (it may be a generator)."""
        docs = _check_documents(X)
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

    def feature_info(self) -> Any:
        """One row per feature: ``feature, kind, concept, label, term, pole``.

        ``kind`` is the level (``term``, ``label``, ``concept``) or
        ``stance``; ``term`` is the term's text for term features and empty
        otherwise; ``pole`` is empty for concept and stance features.
        """
        import pandas as pd

        check_is_fitted(self, "vocabulary_")
        rows: list[tuple[str, str, str, str, float]] = []
        lex = self.lexicon_
        for concept in lex.concepts:
            for label in concept.labels:
                if self.level == "term":
                    for term in label.terms:
                        rows.append(("term", concept.id, label.id, term.text, label.pole))
                elif self.level == "label":
                    rows.append(("label", concept.id, label.id, "", label.pole))
            if self.level == "concept":
                rows.append(("concept", concept.id, "", "", np.nan))
        if self.stance:
            rows += [("stance", c.id, "", "", np.nan) for c in lex.concepts]
        frame = pd.DataFrame(rows, columns=["kind", "concept", "label", "term", "pole"])
        frame.insert(0, "feature", self.get_feature_names_out())
        return frame

    def _base_names(self, lexicon: Lexicon) -> list[str]:
        if self.level == "concept":
            return [c.id for c in lexicon.concepts]
        if self.level == "label":
            return [f"{lab.concept}:{lab.id}" for lab in lexicon.labels]
        names: list[str] = []
        for lab in lexicon.labels:
            for term in lab.terms:
                name = f"{lab.concept}:{lab.id}:{term.text}"
                if name not in names:
                    names.append(name)
        return names

    def _get_layout(self) -> dict[str, Any]:
        """Sparse maps from the matcher's term patterns to features and concepts."""
        layout = self.__dict__.get("_layout")
        if layout is not None:
            return layout
        matcher = self.matcher_
        concepts = [c.id for c in self.lexicon_.concepts]
        concept_index = {c: i for i, c in enumerate(concepts)}
        n_terms = len(matcher.terms)
        vocab = self.vocabulary_
        n_base = len(vocab) - (len(concepts) if self.stance else 0)
        feature_of_term = np.empty(n_terms, dtype=np.intp)
        feature_concept = np.zeros(n_base, dtype=np.intp)
        for t, info in enumerate(matcher.terms):
            if self.level == "concept":
                name = info.concept
            elif self.level == "label":
                name = f"{info.concept}:{info.label}"
            else:
                name = f"{info.concept}:{info.label}:{info.term}"
            feature_of_term[t] = vocab[name]
            feature_concept[vocab[name]] = concept_index[info.concept]
        concept_of_term = np.array([concept_index[i.concept] for i in matcher.terms], dtype=np.intp)
        poles = np.array([i.pole for i in matcher.terms], dtype=np.float64)
        ones = np.ones(n_terms)
        idx = np.arange(n_terms)
        layout = {
            "to_feature": sp.csr_matrix((ones, (idx, feature_of_term)), shape=(n_terms, n_base)),
            "to_concept": sp.csr_matrix((ones, (idx, concept_of_term)),
                                        shape=(n_terms, len(concepts))),
            "to_concept_poles": sp.csr_matrix((poles, (idx, concept_of_term)),
                                              shape=(n_terms, len(concepts))),
            "feature_concept": feature_concept,
        }
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
            if isinstance(state.get(key), dict) and state[key].get("format") == _LEXICON_FORMAT:
                state[key] = lexicon_from_data(state[key])
        super().__setstate__(state)


def _check_documents(X: Any) -> list[str]:
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


# ----------------------------------------------------------------------------
# A lexicon as plain data (for pickles and skops files)
# ----------------------------------------------------------------------------

_LEXICON_FORMAT = "framing-lexicon/1"


def lexicon_to_data(lexicon: Lexicon) -> dict[str, Any]:
    """A lexicon as nested dicts, lists, strings and integers (JSON-safe)."""
    return {
        "format": _LEXICON_FORMAT,
        "name": lexicon.name, "version": lexicon.version, "language": lexicon.language,
        "description": lexicon.description, "source": lexicon.source,
        "concepts": [
            {"id": c.id, "description": c.description, "negative": c.negative,
             "positive": c.positive,
             "labels": [
                 {"id": lab.id, "pole": lab.pole, "frame": lab.frame, "definition": lab.definition,
                  "terms": [{"text": t.text, "forms": list(t.forms), "clitics": t.clitics}
                            for t in lab.terms]}
                 for lab in c.labels]}
            for c in lexicon.concepts
        ],
    }


def lexicon_from_data(data: dict[str, Any]) -> Lexicon:
    """Inverse of :func:`lexicon_to_data`."""
    concepts = []
    for c in data["concepts"]:
        labels = tuple(
            Label(lab["id"], c["id"], int(lab["pole"]), lab["frame"], lab["definition"],
                  terms=tuple(Term(t["text"], c["id"], lab["id"], tuple(t["forms"]), t["clitics"])
                              for t in lab["terms"]))
            for lab in c["labels"]
        )
        concepts.append(Concept(c["id"], c["description"], c["negative"], c["positive"], labels))
    return Lexicon(name=data["name"], concepts=tuple(concepts), version=data["version"],
                   language=data["language"], description=data["description"],
                   source=data["source"])
