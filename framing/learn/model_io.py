"""Save, load and apply fitted models safely (skops).

Models are saved with :mod:`skops.io`, which stores objects as data and
never runs code from the file when loading it (unlike pickle). Loading
accepts scikit-learn's own types and :data:`TRUSTED_TYPES` only, and
refuses a file that contains anything else.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import FramingError
from ..io.corpus import Document, as_corpus

__all__ = ["TRUSTED_TYPES", "load_model", "predict", "save_model"]

#: The only non-scikit-learn types a model file may contain; anything else is refused.
TRUSTED_TYPES = [
    "framing.text.boilerplate.BoilerplateRemover",
    "framing.learn.vectorizer.ArabicAnalyzer",
    "framing.learn.vectorizer.LexiconVectorizer",
    "framing.text.normalizer.Normalizer",
]


def save_model(model: Any, path: str | Path) -> Path:
    """Save a fitted model with skops (a format that does not run code on loading)."""
    import skops.io as sio

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    sio.dump(model, path)
    return path


def load_model(path: str | Path) -> Any:
    """Load a model saved by :func:`save_model` (or ``framing train``).

    Only scikit-learn's own types and :data:`TRUSTED_TYPES` are accepted.

    Raises
    ------
    FramingError
        If the file is missing, is not a skops file, or contains any other type.
    """
    import skops.io as sio

    path = Path(path)
    if not path.is_file():
        raise FramingError(f"{path}: no such model file; give the model.skops that 'framing train' wrote.")
    try:
        untrusted = sio.get_untrusted_types(file=path)
    except Exception as exc:  # zipfile, json and skops raise several types for a bad file
        raise FramingError(f"{path}: not a skops model file ({exc}).") from None
    unexpected = sorted(set(untrusted) - set(TRUSTED_TYPES))
    if unexpected:
        raise FramingError(
            f"{path}: refusing to load a model that contains unexpected types: "
            f"{', '.join(unexpected)}. Load it with skops.io.load only if you trust its source."
        )
    return sio.load(path, trusted=list(untrusted))


def predict(model: Any, corpus: Any) -> Any:
    """Predict each document's class.

    Returns
    -------
    DataFrame
        ``doc_id, outlet, predicted`` then ``proba:<class>`` for each class.
    """
    import pandas as pd

    if isinstance(corpus, (list, tuple)) and corpus and all(isinstance(d, Document) for d in corpus):
        docs = list(corpus)  # e.g. after strip_boilerplate: keep documents left empty
    else:
        docs = list(as_corpus(corpus))
    texts = [d.text for d in docs]
    frame = pd.DataFrame({"doc_id": [d.doc_id for d in docs], "outlet": [d.outlet for d in docs]})
    if not docs:
        frame["predicted"] = []
        return frame
    frame["predicted"] = model.predict(texts)
    if hasattr(model, "predict_proba"):
        proba = model.predict_proba(texts)
        for k, cls in enumerate(model.classes_):
            frame[f"proba:{cls}"] = proba[:, k]
    return frame
