"""Low-level helpers every stage may use: pyarrow's compiled kernels with a Python fall-back,
a map in threads for work that releases the GIL, and a garbage-collector setting for passes
over a corpus."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

__all__ = ["COLLECTOR_THRESHOLDS", "few_collections", "plural", "pyarrow_module", "threaded",
           "with_arrow"]

#: The cyclic garbage collector's thresholds during a pass over a corpus (see
#: :func:`few_collections`); Python's defaults are (700, 10, 10) up to 3.12, (2000, 10, 10) in 3.13.
COLLECTOR_THRESHOLDS = (50_000, 20, 100)


@contextmanager
def few_collections() -> Iterator[None]:
    """Wake Python's cyclic garbage collector less often while the block runs.

    A pass over a corpus keeps millions of small objects alive at once
    (documents, matches, the matcher's analysis of every word seen), and with
    the default thresholds the collector walks all of them again and again: a
    dozen to twenty full collections in one ``framing score`` on a 31k-article
    corpus, about a tenth of its time. With :data:`COLLECTOR_THRESHOLDS` the
    young generations are collected every 50,000 net allocations (cyclic
    garbage is still freed; peak memory is unchanged) and the oldest
    practically never. Nothing else changes; the previous thresholds come back
    when the block ends (and a higher threshold already set is kept).

    >>> before = gc.get_threshold()
    >>> with few_collections():
    ...     gc.get_threshold() >= COLLECTOR_THRESHOLDS
    True
    >>> gc.get_threshold() == before
    True
    """
    before = gc.get_threshold()
    gc.set_threshold(*(max(a, b) for a, b in zip(before, COLLECTOR_THRESHOLDS, strict=False)))
    try:
        yield
    finally:
        gc.set_threshold(*before)

T = TypeVar("T")


def threaded(func: Callable[[Any], T], items: Iterable[Any], threads: int = 1) -> Iterable[T]:
    """``map(func, items)``, results in order; in ``threads`` threads when more than one, for
    work that releases the GIL (pyarrow's kernels, numpy's loops)."""
    if threads <= 1:
        return map(func, items)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(func, items))


_PYARROW: list[Any] = []


def with_arrow(fast: Callable[..., T], slow: Callable[..., T], items: Sequence[Any], *args: Any,
               min_items: int = 1) -> T:
    """``fast(pyarrow, items, *args)`` in pyarrow's compiled kernels, else ``slow(items, *args)``:
    without pyarrow, for fewer than ``min_items`` items, or for text that has no UTF-8 form
    (a lone surrogate), which pyarrow cannot hold."""
    pa = pyarrow_module() if len(items) >= min_items else None
    if pa is not None:
        try:
            return fast(pa, items, *args)
        except (UnicodeEncodeError, pa.ArrowException):
            pass
    return slow(items, *args)


def pyarrow_module() -> Any:
    """pyarrow, imported on first use (None when it is not installed or switched off)."""
    if not _PYARROW:
        try:
            import pyarrow
        except ImportError:  # pragma: no cover - a dependency
            pyarrow = None
        _PYARROW.append(pyarrow)
    return _PYARROW[0]


def plural(n: int, singular: str, plural: str | None = None) -> str:
    """``n`` and its noun, in the singular for one: for messages.

    >>> plural(1, "document"), plural(1200, "document"), plural(2, "class", "classes")
    ('1 document', '1,200 documents', '2 classes')
    """
    return f"{n:,} {singular if n == 1 else (plural or singular + 's')}"
