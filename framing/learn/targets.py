"""Labelled documents: what a classifier learns from, and what was left out."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import FramingError
from ..io import Document, as_corpus

__all__ = ["ArrayLike", "Labelled", "column_value", "is_empty", "labelled_documents"]

#: Texts, classes or groups: a list, a pandas Series or a 1-d array.
ArrayLike = Sequence[Any] | np.ndarray


@dataclass
class Labelled:
    """Documents with a target value, and what was left out.

    Attributes
    ----------
    documents : list of Document
        The documents with a target value, in corpus order.
    y : ndarray
        Their target values, as text.
    groups : ndarray or None
        Their groups (as text) when a group column was given; a document
        with an empty group is a group of its own.
    skipped_target, empty_groups : int
        Documents left out for an empty target; documents with an empty group.
    examples : list of str
        Up to five ids of the documents left out.
    """

    documents: list[Document]
    y: np.ndarray
    groups: np.ndarray | None
    skipped_target: int = 0
    empty_groups: int = 0
    examples: list[str] = field(default_factory=list)


def column_value(doc: Document, column: str) -> Any:
    """The value of ``column`` for ``doc``: ``outlet``, ``doc_id``/``id``, ``date`` or a ``meta`` entry."""
    if column == "outlet":
        return doc.outlet
    if column in ("doc_id", "id"):
        return doc.doc_id
    if column == "date":
        return doc.date
    return doc.meta.get(column)


def is_empty(value: Any) -> bool:
    """``None``, NaN or blank text."""
    return value is None or (isinstance(value, float) and math.isnan(value)) or str(value).strip() == ""


def labelled_documents(corpus: Any, *, target: str, group_col: str | None = None) -> Labelled:
    """Read the documents and their ``target`` (and group) values.

    ``target`` and ``group_col`` name ``outlet``, ``date`` or any other
    input column (found in :attr:`Document.meta`). Values are compared as
    text. A document with an empty target is left out and counted
    (``skipped_target``); a document with an empty group becomes a group
    of its own and is counted (``empty_groups``).

    Returns
    -------
    Labelled

    Raises
    ------
    FramingError
        If no document has the column.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"id": ["a", "b", "c"], "outlet": ["x", "y", "x"], "text": ["نص"] * 3,
    ...                       "stance": ["pro", "", "anti"]})
    >>> data = labelled_documents(frame, target="stance")
    >>> data.y.tolist(), data.skipped_target
    (['pro', 'anti'], 1)
    """
    docs, y, groups = [], [], []
    skipped, empty_groups = 0, 0
    examples: list[str] = []
    seen_target = seen_group = False
    columns: set[str] = set()
    for doc in as_corpus(corpus):
        columns.update(doc.meta)
        value = column_value(doc, target)
        seen_target = seen_target or (target in ("outlet", "date", "doc_id", "id") or target in doc.meta)
        if is_empty(value):
            skipped += 1
            if len(examples) < 5:
                examples.append(doc.doc_id)
            continue
        if group_col is not None:
            group = column_value(doc, group_col)
            seen_group = seen_group or group_col in doc.meta or group_col in ("outlet", "date")
            if is_empty(group):
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
