"""Documents in batches for :meth:`framing.match.Matcher.scan_many`, and their whitespace chunks."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from typing import Any, TypeVar

import numpy as np

from ..text.normalizer import code_points
from ..utils import with_arrow

__all__ = ["BATCH_CHARS", "BATCH_DOCS", "chunk_starts", "document_batches", "split_chunks"]

D = TypeVar("D")
# str.split()'s whitespace, for every Basic Multilingual Plane code point (none beyond is).
_SPACE = np.array([chr(c).isspace() for c in range(0x10000)])

# Documents scanned together by Matcher.scan_many: each distinct chunk is looked up
# once per batch and the numpy work runs once per batch. A batch stops at either
# bound, so memory stays flat whatever the documents' length: about 30 bytes a
# character at the peak (`score` in one process held 480 MB with batches of 8 M
# characters, 310 MB with 2 M, at the same speed).
BATCH_DOCS = 4096
BATCH_CHARS = 2_000_000


def document_batches(docs: Iterable[D]) -> Iterator[list[D]]:
    """Group a stream of documents (anything with a ``text``) into batches for :meth:`Matcher.scan_many`."""
    batch: list[D] = []
    size = 0
    for doc in docs:
        batch.append(doc)
        size += len(doc.text)  # type: ignore[attr-defined]
        if len(batch) >= BATCH_DOCS or size >= BATCH_CHARS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def split_chunks(texts: Sequence[str]) -> tuple[list[str], np.ndarray | None, np.ndarray]:
    """Split each text at whitespace like ``str.split()``: ``(chunks, codes, chunks per text)``.

    With pyarrow installed and several texts, the split runs in its compiled
    kernels and ``chunks`` are the batch's *distinct* chunks, ``codes`` the
    index of the chunk at each position: the matcher then looks up each
    distinct chunk once per batch instead of once per token. Otherwise
    ``chunks`` are the chunks in order and ``codes`` is None.

    pyarrow's ``utf8_split_whitespace`` splits at exactly the characters
    ``str.split()`` splits at (``tests/test_matching.py`` checks every code
    point) but keeps an empty string for whitespace at either end, which is
    dropped here.
    """
    return with_arrow(_split_arrow, _split_python, texts, min_items=2)


def _split_python(texts: Sequence[str]) -> tuple[list[str], None, np.ndarray]:
    lists = [text.split() for text in texts]
    lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    return (lists[0] if len(lists) == 1 else list(chain.from_iterable(lists))), None, lengths


def _split_arrow(pa: Any, texts: Sequence[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
    import pyarrow.compute as pc

    lists = pc.utf8_split_whitespace(pa.array(texts, type=pa.large_string()))
    lengths = pc.list_value_length(lists).to_numpy(zero_copy_only=False).astype(np.int64)
    flat = pc.list_flatten(lists)
    empty = pc.equal(pc.binary_length(flat), 0).to_numpy(zero_copy_only=False)
    if empty.any():
        doc = np.repeat(np.arange(len(texts)), lengths)
        lengths -= np.bincount(doc[empty], minlength=len(texts))
        flat = flat.filter(pa.array(~empty))
    encoded = flat.dictionary_encode()
    return encoded.dictionary.to_pylist(), encoded.indices.to_numpy(zero_copy_only=False), lengths


def chunk_starts(text: str) -> np.ndarray:
    """Offsets of the chunks of ``text.split()``: where a non-space follows a space or the start."""
    units = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
    if len(units) == len(text):  # no character beyond the BMP (the usual case): half the bytes
        space = _SPACE[units]
    else:
        space = _SPACE[np.minimum(code_points(text), 0xFFFF)]
    starts = ~space
    starts[1:] &= space[:-1]
    return np.flatnonzero(starts)
