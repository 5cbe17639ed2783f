"""Low-level helpers every stage may use: pyarrow's compiled kernels with a Python fall-back,
and a map in threads for work that releases the GIL."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

__all__ = ["plural", "pyarrow_module", "threaded", "with_arrow"]

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
