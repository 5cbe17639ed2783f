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
    "read_corpus": "io",
    "load_sample": "io",
    "Corpus": "io",
    "Document": "io",
    "load_lexicon": "lexicon",
    "Lexicon": "lexicon",
    "bundled_lexicons": "lexicon",
    "suggest_terms": "lexicon",
    "find_hits": "count",
    "iter_hits": "count",
    "score": "count",
    "kwic": "count",
    "rejected_contexts": "count",
    "Matcher": "match",
    "Normalizer": "text",
    "normalize": "text",
    "tokenize": "text",
    "strip_boilerplate": "text",
    "analyse_voice": "voice",
    "compare": "analysis",
    "compare_documents": "analysis",
    "discover": "analysis",
    "find_stories": "analysis",
    "sample_hits": "analysis",
    "validate": "analysis",
    "LexiconVectorizer": "learn",
    "arabic_analyzer": "learn",
    "make_model": "learn",
    "load_model": "learn",
    "build_report": "present",
    "FramingError": "errors",
    "LexiconError": "errors",
    "CorpusError": "errors",
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
