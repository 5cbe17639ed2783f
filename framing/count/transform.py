"""``transformer.transform(texts)`` in chunks on an engine (for :mod:`framing.learn`)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..engines import Engine

__all__ = ["transform_texts"]


def _transform_chunk(texts: list[str], transformer: Any) -> Any:
    return transformer.transform(texts)


def transform_texts(transformer: Any, texts: Any, *, engine: Engine, chunk_size: int | None = None) -> Any:
    """``transformer.transform(texts)`` (a fitted, picklable transformer such as
    :class:`~framing.learn.vectorizer.LexiconVectorizer`) in chunks on ``engine``, rows stacked in order.

    Each row depends on its own text only, so the matrix equals the single call's, entry for
    entry and in the same sparse layout.
    """
    import scipy.sparse as sp

    texts = list(texts)
    size = chunk_size or engine.chunk_size
    chunks = [texts[i:i + size] for i in range(0, len(texts), size)]
    with engine:
        parts = list(engine.map(_transform_chunk, chunks, transformer))
    if not parts:
        return transformer.transform([])
    return sp.vstack(parts, format="csr") if sp.issparse(parts[0]) else np.vstack(parts)
