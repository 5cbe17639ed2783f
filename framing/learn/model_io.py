"""Save, load and apply fitted models safely (skops).

Models are saved with :mod:`skops.io`, which stores objects as data and
never runs code from the file when loading it (unlike pickle). Loading
accepts scikit-learn's own types and :data:`TRUSTED_TYPES` only, refuses a
file that contains anything else, and refuses a model that does not
classify raw texts.

Model files written before ``framing``'s modules moved name framing's types
by their old paths (``framing.features.LexiconVectorizer``,
``framing.learn.vectorizer.ArabicAnalyzer``, ...); :func:`load_model` reads
them under the current names (:data:`RENAMED_TYPES`).
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import FramingError
from ..io import Document, as_corpus

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

__all__ = [
    "RENAMED_TYPES",
    "TRUSTED_TYPES",
    "TextClassifier",
    "check_text_model",
    "load_model",
    "predict",
    "rename_types",
    "save_model",
]

#: The only non-scikit-learn types a model file may contain; anything else is refused.
TRUSTED_TYPES = [
    "framing.learn.analyzer.ArabicAnalyzer",
    "framing.learn.vectorizer.LexiconVectorizer",
    "framing.text.boilerplate.BoilerplateRemover",
    "framing.text.normalizer.Normalizer",
]

#: Where framing's trusted types were before they moved: old name → current name.
RENAMED_TYPES = {
    "framing.learn.vectorizer.ArabicAnalyzer": "framing.learn.analyzer.ArabicAnalyzer",
    "framing.features.ArabicAnalyzer": "framing.learn.analyzer.ArabicAnalyzer",
    "framing.features.LexiconVectorizer": "framing.learn.vectorizer.LexiconVectorizer",
    "framing.boilerplate.BoilerplateRemover": "framing.text.boilerplate.BoilerplateRemover",
    "framing.normalize.Normalizer": "framing.text.normalizer.Normalizer",
}

#: A short text the loaded model is asked to classify, to tell a text model from any other.
_PROBE = "قالت الوزارة إن الوفد وصل إلى المدينة صباح اليوم."


class TextClassifier(Protocol):
    """A fitted classifier of raw texts (``framing train``'s ``Pipeline``)."""

    def predict(self, X: Sequence[str]) -> np.ndarray: ...


def save_model(model: Any, path: str | Path) -> Path:
    """Save a fitted model with skops (a format that does not run code on loading).

    The file is written under a temporary name and renamed when complete,
    so an interrupted save never leaves a truncated model behind.

    Returns
    -------
    Path
        ``path``.
    """
    import skops.io as sio

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f".{path.name}.part")
    try:
        with open(part, "wb") as fh:
            sio.dump(model, fh)
        os.replace(part, path)
    finally:
        if part.exists():
            part.unlink()
    return path


def rename_types(data: bytes, names: Mapping[str, str]) -> bytes:
    """The skops file ``data`` with each type named ``module.Class`` in ``names`` renamed to its value.

    :func:`load_model` reads a file that names framing's types by an old module path with
    ``rename_types(data, RENAMED_TYPES)``.
    """
    def rename(node: Any) -> None:
        if isinstance(node, dict):
            module, name = node.get("__module__"), node.get("__class__")
            new = names.get(f"{module}.{name}") if isinstance(module, str) else None
            if new is not None:
                node["__module__"], node["__class__"] = new.rsplit(".", 1)
            for value in node.values():
                rename(value)
        elif isinstance(node, list):
            for value in node:
                rename(value)

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            member = src.read(info)
            if info.filename == "schema.json":
                schema = json.loads(member)
                rename(schema)
                member = json.dumps(schema).encode("utf-8")
            dst.writestr(info, member)
    return out.getvalue()


def load_model(path: str | Path) -> TextClassifier:
    """Load a text classifier saved by :func:`save_model` (or ``framing train``).

    Only scikit-learn's own types and :data:`TRUSTED_TYPES` are accepted
    (files that name them by an old module path, :data:`RENAMED_TYPES`,
    load too), and the model must classify raw texts
    (:func:`check_text_model`).

    Raises
    ------
    FramingError
        If the file is missing, is not a skops file, contains any other
        type, cannot be rebuilt, or is not a fitted text classifier; the
        message names the file.
    """
    import skops.io as sio

    path = Path(path)
    if not path.is_file():
        raise FramingError(f"{path}: no such model file; give the model.skops that 'framing train' wrote.")
    data = path.read_bytes()
    try:
        untrusted = sio.get_untrusted_types(data=data)
        if set(untrusted) & set(RENAMED_TYPES):
            data = rename_types(data, RENAMED_TYPES)
            untrusted = sio.get_untrusted_types(data=data)
    except Exception as exc:  # zipfile, json and skops raise several types for a bad file
        raise FramingError(f"{path}: not a skops model file ({_first_line(exc)}).") from None
    unexpected = sorted(set(untrusted) - set(TRUSTED_TYPES))
    if unexpected:
        raise FramingError(
            f"{path}: refusing to load a model that contains unexpected types: "
            f"{', '.join(unexpected)}. Load it with skops.io.load only if you trust its source."
        )
    try:
        model = sio.loads(data, trusted=list(untrusted))
    except Exception as exc:  # skops rebuilds arbitrary scikit-learn objects
        raise FramingError(
            f"{path}: cannot rebuild the model ({_first_line(exc)}); it may come from another "
            "version of framing or scikit-learn: train it again."
        ) from None
    check_text_model(model, source=path)
    return model


def check_text_model(model: object, *, source: str | Path = "the model") -> None:
    """Refuse anything but a fitted classifier of raw texts.

    The model is asked to classify one short constructed sentence: a
    classifier fitted on numeric features (or not fitted) fails, and the
    failure becomes one line naming ``source`` and what the model expects.

    Raises
    ------
    FramingError
        If ``model`` has no ``predict``, is not fitted, or does not take raw texts.

    Examples
    --------
    >>> from sklearn.linear_model import LogisticRegression
    >>> numeric = LogisticRegression().fit([[0.0], [1.0]], [0, 1])
    >>> check_text_model(numeric, source="m.skops")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    framing.errors.FramingError: m.skops: holds a LogisticRegression fitted on 1 numeric feature(s) ...
    """
    from sklearn.exceptions import NotFittedError

    kind = type(model).__name__
    if not callable(getattr(model, "predict", None)):
        raise FramingError(f"{source}: holds a {kind}, not a classifier; give a model.skops written by "
                           "'framing train'.")
    try:
        model.predict([_PROBE])  # type: ignore[attr-defined]
    except NotFittedError:
        raise FramingError(f"{source}: holds a {kind} that is not fitted; give a model.skops written "
                           "by 'framing train'.") from None
    except Exception as exc:  # any failure on a plain text means it is not a text model
        n_features = getattr(model, "n_features_in_", None)
        expects = (f"fitted on {n_features} numeric feature(s) per row" if isinstance(n_features, int)
                   else f"that fails on a raw text ({_first_line(exc)})")
        raise FramingError(f"{source}: holds a {kind} {expects}, not a text classifier; give a "
                           "model.skops written by 'framing train'.") from None


def _first_line(exc: BaseException, limit: int = 160) -> str:
    """``Type: message``, first line only, at most ``limit`` characters."""
    lines = str(exc).strip().splitlines()
    text = f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__
    return text if len(text) <= limit else text[:limit - 1] + "…"


def predict(model: TextClassifier, corpus: Any) -> pd.DataFrame:
    """Predict each document's class.

    Parameters
    ----------
    model : TextClassifier
        A fitted text classifier (:func:`load_model`, or ``TrainResult.model``).
    corpus : Corpus, DataFrame, path(s) or list of Document
        See :func:`framing.read_corpus`; a list of documents is kept whole,
        including documents left empty (e.g. by boilerplate stripping).

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
        for k, cls in enumerate(model.classes_):  # type: ignore[attr-defined]
            frame[f"proba:{cls}"] = proba[:, k]
    return frame
