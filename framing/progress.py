"""Progress bars on stderr, shown only when stderr is a terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

__all__ = ["progress"]

T = TypeVar("T")


def progress(items: Iterable[T], *, desc: str, unit: str = "doc", enable: bool | None = None
             ) -> Iterator[T]:
    """Wrap ``items`` in a tqdm bar on stderr.

    The bar is drawn only when stderr is a terminal (``enable=None``), so
    stdout stays clean for data and logs stay clean in CI.
    """
    if enable is None:
        enable = sys.stderr.isatty()
    if not enable:
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, desc=desc, unit=unit, file=sys.stderr, unit_scale=True,
                    dynamic_ncols=True, leave=False)
