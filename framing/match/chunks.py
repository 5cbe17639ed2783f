"""The whitespace chunks of a batch of documents, and one document's state, while context rules
(:mod:`framing.match.context`) are checked."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress
from typing import Any

import numpy as np

from ..utils import with_arrow

__all__ = ["BatchChunks", "DocumentState"]


class BatchChunks:
    """The whitespace chunks of a batch of documents, as :func:`framing.match.batches.split_chunks`
    gives them, and what each numbered chunk holds once looked at."""

    __slots__ = ("_plain", "chunks", "codes", "ends", "lengths", "marks", "needs", "passed", "texts")

    def __init__(self, texts: Sequence[str], chunks: list[str], codes: np.ndarray | None,
                 ends: np.ndarray, lengths: np.ndarray, marks: str | None = None) -> None:
        self.texts, self.chunks, self.codes, self.ends, self.lengths = (
            texts, chunks, codes, ends, lengths)
        #: the documents each document filter (an RE2 pattern) is to be run on, all at once:
        #: those with an occurrence of a term the filter serves that is still undecided
        self.needs: dict[str, list[int]] = {}
        self.passed: dict[str, set[int]] = {}
        #: RE2 class of the characters removed before the filters run (their patterns have no
        #: marks between letters)
        self.marks = marks
        self._plain: tuple[Any, dict[int, int]] | None = None

    def chunk(self, position: int) -> str:
        """The chunk at a position of the batch."""
        return self.chunks[position] if self.codes is None else self.chunks[self.codes[position]]

    def may_match(self, pattern: str, d: int) -> bool:
        """Whether document ``d`` may hold a word of a condition whose raw-text filter is ``pattern``.

        The pattern runs once per batch over every document in
        :attr:`needs` for it, in pyarrow's RE2, on their texts without
        :attr:`marks` (converted once per batch for every condition); without
        pyarrow (or for text it cannot hold) every document may.
        """
        passed = self.passed.get(pattern)
        if passed is None:
            docs = self.needs.get(pattern) or [d]
            passed = self.passed[pattern] = with_arrow(
                _filter_arrow, lambda *_: set(docs), [self], pattern, docs)
        return d in passed

    def plain_texts(self, pa: Any) -> tuple[Any, dict[int, int]]:
        """The texts of every document with a ruled occurrence, as one Arrow array without
        :attr:`marks`, and each document's row in it (made once per batch)."""
        if self._plain is None:
            import pyarrow.compute as pc

            docs = sorted({d for docs in self.needs.values() for d in docs})  # every filter's
            array = pa.array([self.texts[d] for d in docs], type=pa.large_string())
            if self.marks is not None:
                array = pc.replace_substring_regex(array, self.marks, "")
            self._plain = array, {d: row for row, d in enumerate(docs)}
        return self._plain

    def bounds(self, d: int) -> tuple[int, int]:
        """Where document ``d``'s chunks are among the batch's positions."""
        return int(self.ends[d] - self.lengths[d]), int(self.ends[d])


class DocumentState:
    """A document whose matches are being checked: its text, and what its ``document_has``
    conditions found, by term, once known."""

    __slots__ = ("batch", "has", "index", "text")

    def __init__(self, text: str, index: int, batch: BatchChunks) -> None:
        self.text = text
        self.index = index
        self.batch = batch
        self.has: dict[int, bool] = {}


def _filter_arrow(pa: Any, batch: list[BatchChunks], pattern: str, docs: list[int]) -> set[int]:
    """The documents ``docs`` of the batch whose text ``pattern`` finds something in (RE2)."""
    import pyarrow.compute as pc

    (chunks,) = batch
    array, row = chunks.plain_texts(pa)
    if any(d not in row for d in docs):  # a document with no ruled occurrence: not converted
        return set(docs)
    texts = array.take(pa.array([row[d] for d in docs], type=pa.int64()))
    mask = pc.match_substring_regex(texts, pattern)
    return set(compress(docs, mask.to_pylist()))
