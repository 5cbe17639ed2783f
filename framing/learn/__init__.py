"""Classifier features and models, in the order the data flows.

analyzer (``arabic_analyzer``: Arabic n-grams for scikit-learn's vectorizers) ·
vectorizer (``LexiconVectorizer``; its columns in layout, its lexicon saved as
lexicon_data) · pipelines (``make_features``, ``make_model``) · targets
(``labelled_documents``) · cv (``cross_validate`` on shared folds) ·
loaded_terms (``loadedness``, ``feature_weights``) · model_io (``save_model``,
``load_model``, ``predict``) · training (``train`` computes, ``TrainResult.save`` writes).
"""

from __future__ import annotations

from .analyzer import ArabicAnalyzer, arabic_analyzer
from .cv import CVResult, cross_validate
from .loaded_terms import LOADEDNESS_COLUMNS, feature_weights, loadedness
from .model_io import TRUSTED_TYPES, load_model, predict, save_model
from .pipelines import DEFAULT_C, DEFAULT_LEXICON_WEIGHT, FEATURE_SETS, make_features, make_model
from .targets import labelled_documents
from .training import TRAIN_FILES, TrainResult, train
from .vectorizer import LexiconVectorizer

__all__ = [
    "DEFAULT_C",
    "DEFAULT_LEXICON_WEIGHT",
    "FEATURE_SETS",
    "LOADEDNESS_COLUMNS",
    "TRAIN_FILES",
    "TRUSTED_TYPES",
    "ArabicAnalyzer",
    "CVResult",
    "LexiconVectorizer",
    "TrainResult",
    "arabic_analyzer",
    "cross_validate",
    "feature_weights",
    "labelled_documents",
    "load_model",
    "loadedness",
    "make_features",
    "make_model",
    "predict",
    "save_model",
    "train",
]
