"""framing: measure media bias and framing in Arabic news through loaded terms.

The API returns pandas DataFrames at every stage::

    corpus = framing.read_corpus("articles.jsonl")       # or framing.load_sample()
    lexicon = framing.load_lexicon("arabic-conflict")
    hits = framing.find_hits(corpus, lexicon)
    documents, groups = framing.score(corpus, lexicon, by="outlet")

Importing the package has no side effects and imports no heavy dependency
(pandas, matplotlib and scikit-learn load when a function needs them).
"""

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "read_corpus": "corpus",
    "load_sample": "corpus",
    "Corpus": "corpus",
    "Document": "corpus",
    "load_lexicon": "lexicon",
    "Lexicon": "lexicon",
    "bundled_lexicons": "lexicon",
    "find_hits": "hits",
    "iter_hits": "hits",
    "score": "scoring",
    "Matcher": "matching",
    "Normalizer": "normalize",
    "normalize": "normalize",
    "tokenize": "tokenize",
    "LexiconVectorizer": "features",
    "arabic_analyzer": "features",
    "strip_boilerplate": "boilerplate",
    "make_model": "train",
    "load_model": "model_io",
    "analyse_voice": "voice",
    "FramingError": "errors",
    "LexiconError": "errors",
    "CorpusError": "errors",
    "compare": "compare",
    "compare_documents": "compare",
    "discover": "discover",
    "kwic": "kwic",
    "sample_hits": "validation",
    "validate": "validation",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(f"framing.{_EXPORTS[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'framing' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
