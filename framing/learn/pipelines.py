"""The models ``framing train`` fits: feature blocks, the classifier, the pipeline.

* **features** ``lexicon``: :class:`~framing.learn.vectorizer.LexiconVectorizer` at
  label level (rates per 1,000 tokens, plus one stance feature per concept)
  and at term level (counts), scaled by :class:`~sklearn.preprocessing.MaxAbsScaler`;
  ``ngrams``: word 1–2-grams through :func:`~framing.learn.analyzer.arabic_analyzer`
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
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from ..errors import check_option
from ..lexicon import Lexicon
from .analyzer import arabic_analyzer
from .vectorizer import LexiconVectorizer, VoiceFilter

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

__all__ = [
    "DEFAULT_C",
    "DEFAULT_LEXICON_WEIGHT",
    "FEATURE_SETS",
    "FeatureSet",
    "lexicon_features",
    "make_classifier",
    "make_features",
    "make_model",
    "ngram_features",
]

FeatureSet = Literal["lexicon", "ngrams", "both"]
FEATURE_SETS = ("lexicon", "ngrams", "both")
#: Default inverse regularisation strength of the logistic regression.
DEFAULT_C = 10.0
#: Default weight of the lexicon block in the ``both`` feature set.
DEFAULT_LEXICON_WEIGHT = 0.3


def lexicon_features(lexicon: str | Lexicon = "arabic-conflict", voice: VoiceFilter = "all"
                     ) -> Pipeline:
    """The ``lexicon`` block: lexicon vectors, then :class:`~sklearn.preprocessing.MaxAbsScaler`.

    ``Pipeline([("vectors", FeatureUnion([("labels", ...), ("terms", ...)])), ("scale", ...)])``:
    ``labels`` are label rates with stance columns, ``terms`` term counts;
    both count only hits in ``voice``.
    """
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.preprocessing import MaxAbsScaler

    return Pipeline([
        ("vectors", FeatureUnion([
            ("labels", LexiconVectorizer(lexicon, level="label", value="rate", stance=True, voice=voice)),
            ("terms", LexiconVectorizer(lexicon, level="term", value="count", stance=False, voice=voice)),
        ])),
        ("scale", MaxAbsScaler()),
    ])


def ngram_features() -> TfidfVectorizer:
    """The ``ngrams`` block: TF-IDF of analysed word 1–2-grams, sublinear tf, ``min_df=2``."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer=arabic_analyzer(ngram_range=(1, 2)), min_df=2, sublinear_tf=True)


def make_features(features: FeatureSet = "both", *, lexicon: str | Lexicon = "arabic-conflict",
                  lexicon_weight: float = DEFAULT_LEXICON_WEIGHT, voice: VoiceFilter = "all"
                  ) -> FeatureUnion:
    """The feature extractor of a feature set, as a :class:`~sklearn.pipeline.FeatureUnion`.

    Feature names are prefixed by their block: ``lexicon__labels__concept:label``,
    ``lexicon__labels__stance:concept``, ``lexicon__terms__concept:label:term``
    and ``ngrams__<n-gram>``. In ``both`` the lexicon block is multiplied by
    ``lexicon_weight`` (see the module docstring).

    Raises
    ------
    FramingError
        If ``features`` is not one of :data:`FEATURE_SETS`.

    Examples
    --------
    >>> [name for name, _ in make_features("both").transformer_list]
    ['lexicon', 'ngrams']
    """
    from sklearn.pipeline import FeatureUnion

    check_option("features", features, FEATURE_SETS)
    blocks: list[tuple[str, Pipeline | TfidfVectorizer]] = []
    if features in ("lexicon", "both"):
        blocks.append(("lexicon", lexicon_features(lexicon, voice)))
    if features in ("ngrams", "both"):
        blocks.append(("ngrams", ngram_features()))
    weights = {"lexicon": lexicon_weight, "ngrams": 1.0} if features == "both" else None
    return FeatureUnion(blocks, transformer_weights=weights)


def make_classifier(C: float = DEFAULT_C, random_state: int = 0) -> LogisticRegression:
    """The classifier: L2 logistic regression, balanced class weights, solver ``newton-cg``."""
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, class_weight="balanced", solver="newton-cg", max_iter=1000,
                              random_state=random_state)


def make_model(features: FeatureSet = "both", *, lexicon: str | Lexicon = "arabic-conflict",
               C: float = DEFAULT_C, lexicon_weight: float = DEFAULT_LEXICON_WEIGHT,
               random_state: int = 0, drop_lines: Sequence[str] = (), voice: VoiceFilter = "all"
               ) -> Pipeline:
    """An unfitted ``Pipeline([("features", ...), ("clf", LogisticRegression)])``.

    With ``drop_lines`` (e.g. ``report.all_lines`` of
    :func:`~framing.text.boilerplate.strip_boilerplate`) the pipeline starts with a
    ``("boilerplate", BoilerplateRemover(drop_lines))`` step, so the saved
    model strips the same lines from the texts it is asked to classify.

    Parameters
    ----------
    features : {"lexicon", "ngrams", "both"}
        See :func:`make_features`.
    lexicon, C, lexicon_weight, random_state, voice
        The lexicon, the classifier's ``C``, the weight of the lexicon block
        in ``both``, the solver's seed, and whose hits the lexicon features count.
    drop_lines : sequence of str
        Lines to remove from every text first.

    Returns
    -------
    Pipeline

    Raises
    ------
    FramingError
        If ``features`` is not one of :data:`FEATURE_SETS`.

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
                     ("clf", make_classifier(C, random_state))])
