"""The Arabic text layer: normalisation, tokenisation with offsets, clitics, boilerplate."""

from __future__ import annotations

from typing import Any

from .boilerplate import BoilerplateReport, find_boilerplate, strip_boilerplate
from .clitics import CliticPolicy, Reading, allows, segment, split_article
from .normalizer import DEFAULT_VARIANTS, Normalizer, normalize
from .stemming import light_stem, light_stems
from .tokens import WORD_RE, Token, tokenize, word_spans

__all__ = [
    "DEFAULT_VARIANTS",
    "WORD_RE",
    "BoilerplateRemover",
    "BoilerplateReport",
    "CliticPolicy",
    "Normalizer",
    "Reading",
    "Token",
    "allows",
    "find_boilerplate",
    "light_stem",
    "light_stems",
    "normalize",
    "segment",
    "split_article",
    "strip_boilerplate",
    "tokenize",
    "word_spans",
]


def __getattr__(name: str) -> Any:
    if name == "BoilerplateRemover":  # imports scikit-learn: only when asked for
        from .remover import BoilerplateRemover

        return BoilerplateRemover
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
