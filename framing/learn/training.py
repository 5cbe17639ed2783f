"""Cross-validated classifiers on lexicon and n-gram features: ``framing train``.

A classifier learns from labelled documents (by outlet, by stance, or a
paragraph-level "contains loaded language" column) which words carry the
signal; its weights rank terms by how *loaded* they are for each class, a
data-driven complement to the hand-built lexicon.

Protocol (fixed in code, nothing is tuned on the test folds):

* **features** ``lexicon``: :class:`~framing.learn.vectorizer.LexiconVectorizer` at
  label level (rates per 1,000 tokens, plus one stance feature per concept)
  and at term level (counts), scaled by :class:`~sklearn.preprocessing.MaxAbsScaler`;
  ``ngrams``: word 1–2-grams through :func:`~framing.learn.vectorizer.arabic_analyzer`
  (normalised, clitic-stripped), TF-IDF with sublinear tf and ``min_df=2``;
  ``both``: the two side by side (:class:`~sklearn.pipeline.FeatureUnion`),
  the lexicon block weighted by ``lexicon_weight=0.3``. Scaled lexicon
  features are near 1 where TF-IDF values are near 0.05, so unweighted they
  are cheap for the L2-penalised classifier to lean on and it overfits them;
  on development data disjoint from the reported evaluation
  (``eval/dev_choices.py``) weight 1 lost 0.06 macro-F1 to n-grams alone
  and weights 0.3 and 0.1 did not.
* **classifier**: :class:`~sklearn.linear_model.LogisticRegression`, L2,
  ``C=10``, ``class_weight="balanced"``, solver ``newton-cg`` (deterministic
  and converged in under 15 iterations in every run of ``eval/``; lbfgs was
  ten times slower on sparse n-grams with many classes, and saga once ran
  out of iterations after ten minutes).
* **evaluation**: stratified K-fold (``StratifiedKFold``, shuffled with a
  seed), or ``StratifiedGroupKFold`` when a group column is given so that all
  copies of one story fall on the same side of every split. The majority
  class, ``lexicon``, ``ngrams`` and ``both`` are scored on the **same**
  folds. Every fitted step (scaler, TF-IDF vocabulary and idf) is fitted on
  the training part of each fold only; the lexicon vectorizer learns nothing
  from data, so its raw counts are computed once.
* **reported**: macro-F1 per fold (mean and standard deviation), accuracy,
  and per-class precision/recall/F1 and the confusion matrix of the pooled
  out-of-fold predictions.
* **model and loadedness**: the chosen feature set refitted on all
  documents; for each class the features with the largest weights (for two
  classes, the positive weights rank the second class and the negative
  weights, sign flipped, the first).
"""

from __future__ import annotations

import json
import math
import warnings
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import scipy.sparse as sp

from ..engines import Engine, resolve
from ..errors import FramingError, check_option
from ..io.corpus import Corpus, Document, as_corpus
from ..lexicon.model import Lexicon
from ..progress import progress
from ..voice.map import VOICE_FILTERS
from .loaded_terms import LOADEDNESS_COLUMNS, loadedness
from .model_io import TRUSTED_TYPES, load_model, predict, save_model
from .vectorizer import LexiconVectorizer, arabic_analyzer

__all__ = [
    "FEATURE_SETS",
    "LOADEDNESS_COLUMNS",
    "TRUSTED_TYPES",
    "TrainResult",
    "cross_validate",
    "labelled_documents",
    "load_model",
    "loadedness",
    "make_features",
    "make_model",
    "predict",
    "save_model",
    "train",
]

FeatureSet = Literal["lexicon", "ngrams", "both"]
#: Texts, classes or groups: a list, a pandas Series or a 1-d array.
ArrayLike = Sequence[Any] | np.ndarray
FEATURE_SETS = ("lexicon", "ngrams", "both")
#: Default inverse regularisation strength of the logistic regression.
DEFAULT_C = 10.0
#: Default weight of the lexicon block in the ``both`` feature set.
DEFAULT_LEXICON_WEIGHT = 0.3


# ----------------------------------------------------------------------------
# Models
# ----------------------------------------------------------------------------


def _lexicon_block(lexicon: str | Lexicon, voice: str = "all") -> Any:
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.preprocessing import MaxAbsScaler

    return Pipeline([
        ("vectors", FeatureUnion([
            ("labels", LexiconVectorizer(lexicon, level="label", value="rate", stance=True, voice=voice)),
            ("terms", LexiconVectorizer(lexicon, level="term", value="count", stance=False, voice=voice)),
        ])),
        ("scale", MaxAbsScaler()),
    ])


def _ngram_block() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer=arabic_analyzer(ngram_range=(1, 2)), min_df=2, sublinear_tf=True)


def make_features(features: FeatureSet = "both", *, lexicon: str | Lexicon = "arabic-conflict",
                  lexicon_weight: float = DEFAULT_LEXICON_WEIGHT, voice: str = "all") -> Any:
    """The feature extractor of a feature set, as a :class:`~sklearn.pipeline.FeatureUnion`.

    Feature names are prefixed by their block: ``lexicon__labels__concept:label``,
    ``lexicon__labels__stance:concept``, ``lexicon__terms__concept:label:term``
    and ``ngrams__<n-gram>``. In ``both`` the lexicon block is multiplied by
    ``lexicon_weight`` (see the module docstring).
    """
    from sklearn.pipeline import FeatureUnion

    check_option("features", features, FEATURE_SETS)
    blocks = []
    if features in ("lexicon", "both"):
        blocks.append(("lexicon", _lexicon_block(lexicon, voice)))
    if features in ("ngrams", "both"):
        blocks.append(("ngrams", _ngram_block()))
    weights = {"lexicon": lexicon_weight, "ngrams": 1.0} if features == "both" else None
    return FeatureUnion(blocks, transformer_weights=weights)


def _classifier(C: float = DEFAULT_C, random_state: int = 0) -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, class_weight="balanced", solver="newton-cg", max_iter=1000,
                              random_state=random_state)


def make_model(features: FeatureSet = "both", *, lexicon: str | Lexicon = "arabic-conflict",
               C: float = DEFAULT_C, lexicon_weight: float = DEFAULT_LEXICON_WEIGHT,
               random_state: int = 0, drop_lines: Sequence[str] = (), voice: str = "all") -> Any:
    """An unfitted ``Pipeline([("features", ...), ("clf", LogisticRegression)])``.

    With ``drop_lines`` (e.g. ``report.all_lines`` of
    :func:`~framing.text.boilerplate.strip_boilerplate`) the pipeline starts with a
    ``("boilerplate", BoilerplateRemover(drop_lines))`` step, so the saved
    model strips the same lines from the texts it is asked to classify.

    Examples
    --------
    >>> model = make_model("ngrams")
    >>> model.fit(["قوات الاحتلال", "قوات الاحتلال هنا", "القوات الأميركية", "القوات الأميركية هنا"],
    ...           ["a", "a", "b", "b"]).predict(["الاحتلال"]).tolist()
    ['a']
    """
    from sklearn.pipeline import Pipeline

    from ..text.boilerplate import BoilerplateRemover

    steps = [("boilerplate", BoilerplateRemover(tuple(drop_lines)))] if drop_lines else []
    return Pipeline([*steps, ("features", make_features(features, lexicon=lexicon,
                                                        lexicon_weight=lexicon_weight, voice=voice)),
                     ("clf", _classifier(C, random_state))])


# ----------------------------------------------------------------------------
# Labelled documents
# ----------------------------------------------------------------------------


@dataclass
class Labelled:
    """Documents with a target value, and what was left out."""

    documents: list[Document]
    y: np.ndarray
    groups: np.ndarray | None
    skipped_target: int = 0
    empty_groups: int = 0
    examples: list[str] = field(default_factory=list)


def _value(doc: Document, column: str) -> Any:
    if column == "outlet":
        return doc.outlet
    if column in ("doc_id", "id"):
        return doc.doc_id
    if column == "date":
        return doc.date
    return doc.meta.get(column)


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or str(value).strip() == ""


def labelled_documents(corpus: Any, *, target: str, group_col: str | None = None) -> Labelled:
    """Read the documents and their ``target`` (and group) values.

    ``target`` and ``group_col`` name ``outlet``, ``date`` or any other
    input column (found in :attr:`Document.meta`). Values are compared as
    text. A document with an empty target is left out and counted
    (``skipped_target``); a document with an empty group becomes a group
    of its own and is counted (``empty_groups``).

    Raises
    ------
    FramingError
        If no document has the column.
    """
    docs, y, groups = [], [], []
    skipped, empty_groups = 0, 0
    examples: list[str] = []
    seen_target = seen_group = False
    columns: set[str] = set()
    for doc in as_corpus(corpus):
        columns.update(doc.meta)
        value = _value(doc, target)
        seen_target = seen_target or (target in ("outlet", "date", "doc_id", "id") or target in doc.meta)
        if _is_empty(value):
            skipped += 1
            if len(examples) < 5:
                examples.append(doc.doc_id)
            continue
        if group_col is not None:
            group = _value(doc, group_col)
            seen_group = seen_group or group_col in doc.meta or group_col in ("outlet", "date")
            if _is_empty(group):
                empty_groups += 1
                group = f"\x00{doc.doc_id}"
            groups.append(str(group))
        docs.append(doc)
        y.append(str(value))
    available = ", ".join(["outlet", "date", *sorted(columns)])
    if not seen_target:
        raise FramingError(f"no column {target!r} (--target) in the corpus; columns present: {available}.")
    if group_col is not None and not seen_group:
        raise FramingError(
            f"no column {group_col!r} (--group-col) in the corpus; columns present: {available}."
        )
    return Labelled(docs, np.asarray(y, dtype=object),
                    np.asarray(groups, dtype=object) if group_col is not None else None,
                    skipped, empty_groups, examples)


def _check_classes(y: np.ndarray, groups: np.ndarray | None, cv: int) -> None:
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


def _splits(y: np.ndarray, groups: np.ndarray | None, cv: int, random_state: int
            ) -> list[tuple[np.ndarray, np.ndarray]]:
    from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

    dummy = np.zeros(len(y))
    if groups is None:
        splitter = StratifiedKFold(n_splits=cv, shuffle=True, random_state=random_state)
        return list(splitter.split(dummy, y))
    grouped = StratifiedGroupKFold(n_splits=cv, shuffle=True, random_state=random_state)
    return list(grouped.split(dummy, y, groups))


# ----------------------------------------------------------------------------
# Cross-validation
# ----------------------------------------------------------------------------


@dataclass
class CVResult:
    """Out-of-fold results of every feature set on the same folds."""

    classes: list[str]
    y: np.ndarray
    folds: list[tuple[np.ndarray, np.ndarray]]
    fold_macro_f1: dict[str, list[float]]
    fold_accuracy: dict[str, list[float]]
    predictions: dict[str, np.ndarray]

    def ablation(self) -> Any:
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
                   engine: Engine | None = None, voice: str = "all") -> CVResult:
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
    _check_classes(labels, groups_arr, cv)
    extra = extra or {}
    names = list(feature_sets)
    for name in names:
        check_option("feature_sets", name, ("majority", *FEATURE_SETS, *extra))
    folds = _splits(labels, groups_arr, cv, random_state)
    lexicon_raw = None
    if "lexicon" in names or "both" in names:
        vectors = _lexicon_block(lexicon, voice).named_steps["vectors"]
        runner = resolve(jobs, engine)
        if runner is None:
            lexicon_raw = sp.csr_matrix(vectors.fit_transform(X_text))
        else:
            from ..count.stages import transform_texts

            vectors.fit(X_text)
            lexicon_raw = sp.csr_matrix(transform_texts(vectors, X_text, engine=runner))
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
            tfidf = _ngram_block()
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
                pred = _classifier(C, random_state).fit(Xtr, labels[train_idx]).predict(Xte)
            predictions[name][test_idx] = pred
            fold_f1[name].append(float(f1_score(labels[test_idx], pred, average="macro", zero_division=0)))
            fold_acc[name].append(float(accuracy_score(labels[test_idx], pred)))
    return CVResult(sorted(set(labels.tolist())), labels, folds, fold_f1, fold_acc, predictions)


# ----------------------------------------------------------------------------
# The whole job
# ----------------------------------------------------------------------------


@dataclass
class TrainResult:
    """What :func:`train` computed (and wrote, when given ``outdir``)."""

    model: Any
    metrics: dict[str, Any]
    confusion: Any
    ablation: Any
    loadedness: Any
    boilerplate: Any = None


def _per_class(y: np.ndarray, pred: np.ndarray, classes: list[str]) -> dict[str, dict[str, float]]:
    from sklearn.metrics import precision_recall_fscore_support

    p, r, f, s = precision_recall_fscore_support(y, pred, labels=classes, zero_division=0)
    return {c: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(s[i])}
            for i, c in enumerate(classes)}


def train(
    corpus: Any,
    *,
    target: str,
    features: FeatureSet = "both",
    cv: int = 5,
    group_col: str | None = None,
    strip_boilerplate: bool = False,
    lexicon: str | Lexicon = "arabic-conflict",
    C: float = DEFAULT_C,
    lexicon_weight: float = DEFAULT_LEXICON_WEIGHT,
    top: int = 30,
    random_state: int = 0,
    outdir: str | Path | None = None,
    show_progress: bool | None = None,
    jobs: int = 1,
    engine: Engine | None = None,
    voice: str = "own",
) -> TrainResult:
    """Cross-validate, refit on everything, rank loaded features, save: ``framing train``.

    Parameters
    ----------
    corpus : Corpus, DataFrame, path(s)
        See :func:`framing.read_corpus`.
    target : str
        The column to predict: ``outlet`` or any input column (e.g. a
        paragraph-level ``loaded`` yes/no column). Documents with an empty
        value are left out and counted in ``metrics["skipped_empty_target"]``.
    voice : {"own", "quoted", "reported", "all"}
        Whose words the lexicon features count (default ``own``: terms the
        outlet only quotes are not its choice); n-gram features see all text.
    features : {"lexicon", "ngrams", "both"}
        The feature set of the saved model and of the main figures; the
        ablation always scores all of them.
    cv : int
        Folds.
    group_col : str, optional
        Keep documents sharing this column's value (e.g. a story id) on the
        same side of every split.
    strip_boilerplate : bool
        Remove lines that recur across an outlet's documents first
        (:mod:`framing.text.boilerplate`).
    lexicon, C, lexicon_weight, top, random_state
        The lexicon, the classifier's ``C``, the weight of the lexicon block
        in ``both``, loadedness rows per class, and the seed of the fold split
        (and of the solver).
    outdir : path, optional
        Write ``metrics.json``, ``confusion.csv``, ``ablation.csv``,
        ``loadedness.csv`` and ``model.skops`` there.
    jobs, engine
        Where the lexicon features are extracted (see :func:`cross_validate`).

    Returns
    -------
    TrainResult
    """
    import pandas as pd

    from ..lexicon import load_lexicon
    from ..text.boilerplate import strip_boilerplate as _strip

    check_option("features", features, FEATURE_SETS)
    lexicon = load_lexicon(lexicon)
    corpus = as_corpus(corpus)
    data = labelled_documents(corpus, target=target, group_col=group_col)
    report = corpus.report if isinstance(corpus, Corpus) else None
    documents = data.documents
    boilerplate = None
    if strip_boilerplate:
        documents, boilerplate = _strip(documents)
    # Voice: the lexicon features count only hits in the chosen voice (framing.voice);
    # the n-gram features see the whole text.
    check_option("voice", voice, VOICE_FILTERS)
    texts = [d.text for d in documents]
    y = data.y
    _check_classes(y, data.groups, cv)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*least populated class.*")
        result = cross_validate(texts, y, groups=data.groups, cv=cv, lexicon=lexicon, C=C,
                                lexicon_weight=lexicon_weight, random_state=random_state,
                                show_progress=show_progress, jobs=jobs, engine=engine, voice=voice)
    classes = result.classes
    pred = result.predictions[features]
    from sklearn.metrics import confusion_matrix

    confusion = pd.DataFrame(confusion_matrix(y, pred, labels=classes), index=classes, columns=classes)
    confusion.index.name = "true \\ predicted"
    ablation = result.ablation()
    drop_lines = boilerplate.all_lines if boilerplate is not None else ()
    model = make_model(features, lexicon=lexicon, C=C, lexicon_weight=lexicon_weight,
                       random_state=random_state, drop_lines=drop_lines, voice=voice).fit(texts, y)
    table = loadedness(model, texts, y, top=top, lexicon=lexicon)
    f1 = result.fold_macro_f1[features]
    metrics: dict[str, Any] = {
        "target": target,
        "features": features,
        "voice": voice,
        "cv": cv,
        "split": "StratifiedGroupKFold" if data.groups is not None else "StratifiedKFold",
        "group_col": group_col,
        "seed": random_state,
        "C": C,
        "lexicon_weight": lexicon_weight if features == "both" else None,
        "lexicon": lexicon.name,
        "n_documents": len(texts),
        "skipped_empty_target": data.skipped_target,
        "empty_groups": data.empty_groups,
        "reading": report.summary() if report is not None else None,
        "classes": dict(sorted(Counter(y.tolist()).items())),
        "macro_f1_mean": float(np.mean(f1)),
        "macro_f1_std": float(np.std(f1)),
        "macro_f1_folds": f1,
        "accuracy_mean": float(np.mean(result.fold_accuracy[features])),
        "per_class": _per_class(y, pred, classes),
        "ablation": {row.features: {"macro_f1_mean": row.macro_f1_mean, "macro_f1_std": row.macro_f1_std}
                     for row in ablation.itertuples()},
        "boilerplate": boilerplate.to_dict() if boilerplate is not None else None,
    }
    if outdir is not None:
        from ..io.write import write_table

        outdir = Path(outdir)
        outdir.mkdir(parents=True, exist_ok=True)
        (outdir / "metrics.json").write_text(json.dumps(metrics, ensure_ascii=False, indent=2) + "\n",
                                             encoding="utf-8")
        write_table(confusion.reset_index(), outdir / "confusion.csv")
        write_table(ablation, outdir / "ablation.csv")
        write_table(table, outdir / "loadedness.csv")
        save_model(model, outdir / "model.skops")
    return TrainResult(model, metrics, confusion, ablation, table, boilerplate)
