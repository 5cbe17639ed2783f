"""Classifier features and models: the analyzer, the lexicon vectorizer, cross-validation."""

from __future__ import annotations

from .loaded_terms import LOADEDNESS_COLUMNS, loadedness
from .model_io import load_model, predict, save_model
from .training import TrainResult, cross_validate, make_features, make_model, train
from .vectorizer import ArabicAnalyzer, LexiconVectorizer, arabic_analyzer

__all__ = [
    "LOADEDNESS_COLUMNS",
    "ArabicAnalyzer",
    "LexiconVectorizer",
    "TrainResult",
    "arabic_analyzer",
    "cross_validate",
    "load_model",
    "loadedness",
    "make_features",
    "make_model",
    "predict",
    "save_model",
    "train",
]
