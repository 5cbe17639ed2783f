"""Threads of this process: for work on data already in memory whose loops release the GIL.

pyarrow's kernels and numpy's sorts and reductions release the GIL, so on
documents already held in memory (a list of texts, a DataFrame) a pool of
threads splits and counts without copying the texts to worker processes.
Payloads kept between passes (:meth:`Engine.keep`) stay in memory as the
objects themselves. ``jobs=1`` runs everything in the calling thread.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from .base import PoolEngine

__all__ = ["ThreadEngine"]


class ThreadEngine(PoolEngine):
    """Run each item in one of ``jobs`` threads of this process (``jobs=1``: in this thread).

    Parameters
    ----------
    jobs : int
        Threads; ``0`` means one per core.
    chunk_size : int
        Documents per unit when the corpus is cut into units.

    Examples
    --------
    >>> with ThreadEngine(2) as engine:
    ...     list(engine.map(lambda item, state: item * state, [1, 2, 3], 10))
    [10, 20, 30]
    """

    name = "threads"
    in_process = True

    def __init__(self, jobs: int = 1, *, chunk_size: int = 1000) -> None:
        super().__init__(jobs=jobs, chunk_size=chunk_size)

    def _pool_map(self, func: Callable[[Any, Any], Any], items: Iterator[Any], state: Any,
                  label: Callable[[Any], str], on_death: Callable[[Any, str], Any] | None
                  ) -> Iterator[Any]:
        pending: deque[Future[Any]] = deque()
        with ThreadPoolExecutor(self.jobs) as pool:
            try:
                for item in items:
                    pending.append(pool.submit(func, item, state))
                    if len(pending) >= 2 * self.jobs:
                        yield pending.popleft().result()
                while pending:
                    yield pending.popleft().result()
            finally:
                for future in pending:
                    future.cancel()

    def keep(self, func: Callable[[Any, Any], tuple[Any, Any]], items: Iterable[Any], state: Any = None,
             *, label: Callable[[Any], str] = str, parts: int | None = None) -> Iterator[tuple[Any, Any]]:
        """Payloads stay in memory: the handle is the payload itself (a list of parts with ``parts``)."""
        for summary, payload in self.map(func, items, state, label=label):
            yield summary, (payload if parts is None or payload is None else list(payload))

    def release(self, handles: Iterable[Any]) -> None:
        """Nothing to free: payloads held in memory go with their last reference."""
