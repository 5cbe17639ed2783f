"""Cross-validation: every feature set scored on the same stratified (grouped) folds.

Protocol (fixed in code, nothing is tuned on the test folds):

* **folds**: stratified K-fold (``StratifiedKFold``, shuffled with a seed),
  or ``StratifiedGroupKFold`` when a group column is given so that all
  copies of one story fall on the same side of every split.
* **scored on the same folds**: the majority class, ``lexicon``, ``ngrams``
  and ``both`` (:mod:`framing.learn.pipelines`), and any extra pipeline
  given. Every fitted step (scaler, TF-IDF vocabulary and idf) is fitted on
  the training part of each fold only; the lexicon vectorizer learns nothing
  from data, so its raw counts are computed once.
* **reported**: macro-F1 and accuracy per fold, and each document's
  out-of-fold prediction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import scipy.sparse as sp

from ..engines import Engine, resolve
from ..errors import FramingError, check_option
from ..lexicon import Lexicon
from ..progress import progress
from .pipelines import (
    DEFAULT_C,
    DEFAULT_LEXICON_WEIGHT,
    FEATURE_SETS,
    lexicon_features,
    make_classifier,
    ngram_features,
)
from .targets import ArrayLike
from .vectorizer import VoiceFilter

if TYPE_CHECKING:
    import pandas as pd
    from sklearn.base import TransformerMixin

__all__ = ["CVResult", "check_classes", "cross_validate", "make_folds", "transform_texts"]


def check_classes(y: np.ndarray, groups: np.ndarray | None, cv: int) -> None:
    """Refuse what stratified (grouped) ``cv``-fold cross-validation cannot split.

    Raises
    ------
    FramingError
        If ``cv`` is not an integer >= 2, the target has fewer than two
        classes, a class has fewer documents than folds, or there are fewer
        groups than folds.
    """
    if not isinstance(cv, int) or isinstance(cv, bool) or cv < 2:
        raise FramingError(f"The 'cv' parameter must be an integer >= 2. Got {cv!r} instead.")
    counts = Counter(y.tolist())
    if len(counts) < 2:
        raise FramingError(
            f"the target has {len(counts)} class(es) ({', '.join(map(repr, counts)) or 'none'}); "
            "a classifier needs at least two."
        )
    small = {c: n for c, n in counts.items() if n < cv}
    if small:
        listed = ", ".join(f"{c!r} ({n})" for c, n in sorted(small.items()))
        raise FramingError(
            f"class(es) with fewer documents than folds (--cv {cv}): {listed}; lower --cv or "
            "drop or merge those classes."
        )
    if groups is not None and len(set(groups.tolist())) < cv:
        raise FramingError(
            f"only {len(set(groups.tolist()))} distinct group(s) for {cv} folds; lower --cv or "
            "choose another --group-col."
        )


def make_folds(y: np.ndarray, groups: np.ndarray | None, cv: int, random_state: int
               ) -> list[tuple[np.ndarray, np.ndarray]]:
    """The ``(train, test)`` index pairs of stratified ``cv``-fold cross-validation.

    ``StratifiedKFold`` (shuffled with ``random_state``), or
    ``StratifiedGroupKFold`` when ``groups`` is given, so that all documents
    of a group fall on the same side of every split.

    Examples
    --------
    >>> import numpy as np
    >>> y = np.array(["a", "a", "b", "b"] * 2, dtype=object)
    >>> groups = np.array(["g1", "g1", "g2", "g2", "g3", "g3", "g4", "g4"], dtype=object)
    >>> [sorted(set(groups[test])) for _, test in make_folds(y, groups, 2, 0)]
    [['g2', 'g3'], ['g1', 'g4']]
    """
    from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

    dummy = np.zeros(len(y))
    if groups is None:
        splitter = StratifiedKFold(n_splits=cv, shuffle=True, random_state=random_state)
        return list(splitter.split(dummy, y))
    grouped = StratifiedGroupKFold(n_splits=cv, shuffle=True, random_state=random_state)
    return list(grouped.split(dummy, y, groups))


@dataclass
class CVResult:
    """Out-of-fold results of every feature set on the same folds.

    Attributes
    ----------
    classes : list of str
        The classes, sorted.
    y : ndarray
        Each document's class (as text).
    folds : list of (ndarray, ndarray)
        ``(train, test)`` indices of each fold.
    fold_macro_f1, fold_accuracy : dict
        Feature set → its score on each fold's test part.
    predictions : dict
        Feature set → each document's out-of-fold prediction.
    """

    classes: list[str]
    y: np.ndarray
    folds: list[tuple[np.ndarray, np.ndarray]]
    fold_macro_f1: dict[str, list[float]]
    fold_accuracy: dict[str, list[float]]
    predictions: dict[str, np.ndarray]

    def ablation(self) -> pd.DataFrame:
        """One row per feature set: ``features, macro_f1_mean, macro_f1_std, accuracy_mean, folds``."""
        import pandas as pd

        rows = [
            {"features": name, "macro_f1_mean": float(np.mean(f1)), "macro_f1_std": float(np.std(f1)),
             "accuracy_mean": float(np.mean(self.fold_accuracy[name])), "folds": len(f1)}
            for name, f1 in self.fold_macro_f1.items()
        ]
        return pd.DataFrame(rows, columns=["features", "macro_f1_mean", "macro_f1_std",
                                           "accuracy_mean", "folds"])


def cross_validate(texts: ArrayLike, y: ArrayLike, *, groups: ArrayLike | None = None,
                   cv: int = 5, feature_sets: Iterable[str] = ("majority", *FEATURE_SETS),
                   lexicon: str | Lexicon = "arabic-conflict", C: float = DEFAULT_C,
                   lexicon_weight: float = DEFAULT_LEXICON_WEIGHT, random_state: int = 0,
                   extra: dict[str, Any] | None = None,
                   show_progress: bool | None = None, jobs: int = 1,
                   engine: Engine | None = None, voice: VoiceFilter = "all") -> CVResult:
    """Score feature sets on the same stratified (grouped) folds; see the module docstring.

    Parameters
    ----------
    texts, y : sequences
        Documents and their classes.
    groups : sequence, optional
        Group of each document; a group never straddles a split.
    cv : int
        Number of folds.
    feature_sets : iterable of str
        Any of ``"majority"``, ``"lexicon"``, ``"ngrams"``, ``"both"`` and
        the keys of ``extra``.
    extra : dict, optional
        Name → an unfitted scikit-learn pipeline (text in, classes out) to
        score on the same folds, e.g. a reference model.
    jobs : int
        Worker processes for the lexicon features (``0``: every core); the
        features, and so every result, are identical to ``jobs=1``.
    engine : Engine, optional
        A :class:`framing.engines.LocalEngine` or
        :class:`framing.engines.DaskEngine` for the lexicon features instead.

    Returns
    -------
    CVResult
    """
    from sklearn.base import clone
    from sklearn.dummy import DummyClassifier
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.preprocessing import MaxAbsScaler

    X_text = np.asarray(list(texts), dtype=object)
    labels = np.asarray([str(v) for v in y], dtype=object)
    groups_arr = None if groups is None else np.asarray([str(g) for g in groups], dtype=object)
    check_classes(labels, groups_arr, cv)
    extra = extra or {}
    names = list(feature_sets)
    for name in names:
        check_option("feature_sets", name, ("majority", *FEATURE_SETS, *extra))
    folds = make_folds(labels, groups_arr, cv, random_state)
    lexicon_raw = None
    if "lexicon" in names or "both" in names:
        vectors = lexicon_features(lexicon, voice).named_steps["vectors"]
        vectors.fit(X_text)
        lexicon_raw = sp.csr_matrix(transform_texts(vectors, X_text, engine=resolve(jobs, engine)))
    predictions = {name: np.empty(len(labels), dtype=object) for name in names}
    fold_f1: dict[str, list[float]] = {name: [] for name in names}
    fold_acc: dict[str, list[float]] = {name: [] for name in names}
    for train_idx, test_idx in progress(folds, desc="cross-validation", unit="fold",
                                        enable=show_progress):
        blocks: dict[str, tuple[Any, Any]] = {}
        if lexicon_raw is not None:
            scaler = MaxAbsScaler().fit(lexicon_raw[train_idx])
            blocks["lexicon"] = (scaler.transform(lexicon_raw[train_idx]),
                                 scaler.transform(lexicon_raw[test_idx]))
        if "ngrams" in names or "both" in names:
            tfidf = ngram_features()
            blocks["ngrams"] = (tfidf.fit_transform(X_text[train_idx]), tfidf.transform(X_text[test_idx]))
        if "both" in names:
            w = lexicon_weight
            blocks["both"] = (sp.hstack([w * blocks["lexicon"][0], blocks["ngrams"][0]], format="csr"),
                              sp.hstack([w * blocks["lexicon"][1], blocks["ngrams"][1]], format="csr"))
        for name in names:
            if name == "majority":
                model = DummyClassifier(strategy="most_frequent")
                pred = model.fit(np.zeros((len(train_idx), 1)), labels[train_idx]).predict(
                    np.zeros((len(test_idx), 1)))
            elif name in extra:
                pred = clone(extra[name]).fit(X_text[train_idx], labels[train_idx]).predict(X_text[test_idx])
            else:
                Xtr, Xte = blocks[name]
                pred = make_classifier(C, random_state).fit(Xtr, labels[train_idx]).predict(Xte)
            predictions[name][test_idx] = pred
            fold_f1[name].append(float(f1_score(labels[test_idx], pred, average="macro", zero_division=0)))
            fold_acc[name].append(float(accuracy_score(labels[test_idx], pred)))
    return CVResult(sorted(set(labels.tolist())), labels, folds, fold_f1, fold_acc, predictions)


def _transform_chunk(texts: list[str], transformer: TransformerMixin) -> Any:
    return transformer.transform(texts)


def transform_texts(transformer: TransformerMixin, texts: Iterable[str], *, engine: Engine,
                    chunk_size: int | None = None) -> sp.csr_matrix | np.ndarray:
    """``transformer.transform(texts)`` in chunks on ``engine``, rows stacked in order.

    ``transformer`` is fitted and picklable (e.g. a
    :class:`~framing.learn.vectorizer.LexiconVectorizer`). Each row depends
    on its own text only, so the matrix equals the single call's, entry for
    entry and in the same sparse layout.
    """
    texts = list(texts)
    size = chunk_size or engine.chunk_size
    chunks = [texts[i:i + size] for i in range(0, len(texts), size)]
    with engine:
        parts = list(engine.map(_transform_chunk, chunks, transformer))
    if not parts:
        return transformer.transform([])
    return sp.vstack(parts, format="csr") if sp.issparse(parts[0]) else np.vstack(parts)
