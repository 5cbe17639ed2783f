"""Past one machine: the same stages on a Dask cluster (``pip install 'framing[dask]'``).

Without a scheduler address a :class:`distributed.LocalCluster` (``jobs``
single-threaded worker processes) starts with the engine and stops with it;
with one (``tcp://HOST:8786``, e.g. a dask-jobqueue ``SLURMCluster``'s
``scheduler_address``) the engine joins that cluster and leaves it running.

Each item becomes one task (``client.submit``); an item that carries its data
(``item.carries_data``: a chunk of documents, raw lines of a file, read by
the client) is scattered to the cluster first, other items (a shard's path,
read by the worker with :mod:`framing.io`'s own reader; a payload future of
an earlier pass) go as they are. Tasks are submitted a few per worker at a
time and consumed in order, so the client's memory stays flat and output
order equals a single process's.

State (the built :class:`~framing.match.matcher.Matcher`, the options) is
scattered to every worker once per map. Payloads kept between the passes of
``discover`` stay in worker memory (Dask spills them to the workers' local
disk when memory runs short) as futures, and later passes run where they
live.

A shard that cannot be read raises an error naming it (or, with
``skip_bad_shards``, is counted and reported). A worker that dies is
replaced by the nanny and its task retried on another worker; a shard that
kills ``distributed.scheduler.allowed-failures + 1`` workers (default 4) is
named in the error (or skipped).
"""

from __future__ import annotations

import logging
import operator
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..errors import FramingError
from .base import Engine, death_message, worker_died

__all__ = ["DaskEngine"]


def _require() -> Any:
    try:
        import dask  # noqa: F401
        import distributed
    except ImportError:
        raise FramingError(
            "--engine dask needs Dask: pip install 'framing[dask]' (dask[distributed] >= 2024.1)."
        ) from None
    return distributed


class DaskEngine(Engine):
    """Run the per-document stage on a Dask cluster.

    Parameters
    ----------
    scheduler : str, optional
        Address of a running scheduler (``tcp://host:8786``) to join. By
        default a local cluster of ``jobs`` worker processes starts and stops
        with the engine.
    jobs : int
        Workers of the local cluster (``0``: one per core); ignored with
        ``scheduler``.
    skip_bad_shards : bool
        Count and report an unreadable shard instead of stopping.
    chunk_size : int
        Documents per chunk when the client has to read the input itself.
    timeout : str
        How long to try to reach ``scheduler``.

    Examples
    --------
    >>> engine = DaskEngine("tcp://10.0.0.5:8786")  # doctest: +SKIP
    >>> framing.score("shards/", engine=engine)  # doctest: +SKIP
    """

    name = "dask"
    min_shards = 1

    #: Payloads stay on the workers as futures, which a unit cannot carry to a task.
    can_hold = False

    def __init__(self, scheduler: str | None = None, *, jobs: int = 0, skip_bad_shards: bool = False,
                 chunk_size: int = 1000, timeout: str = "20s") -> None:
        super().__init__(jobs=jobs, skip_bad_shards=skip_bad_shards, chunk_size=chunk_size)
        self.scheduler = scheduler
        self.timeout = timeout
        self.client: Any = None
        self._cluster: Any = None
        self._workers = 1

    def _start(self) -> None:
        distributed = _require()
        if self.scheduler:
            try:
                self.client = distributed.Client(self.scheduler, timeout=self.timeout)
            except (OSError, TimeoutError) as exc:
                raise FramingError(
                    f"cannot reach the Dask scheduler at {self.scheduler!r} ({exc}); check the address "
                    "(tcp://HOST:8786) and that the scheduler is running."
                ) from None
        else:
            self._cluster = distributed.LocalCluster(
                n_workers=self.jobs, threads_per_worker=1, processes=True, dashboard_address=":0",
                silence_logs=logging.ERROR,
            )
            self.client = distributed.Client(self._cluster)
        self._workers = max(1, sum(w.get("nthreads", 1)
                                   for w in self.client.scheduler_info()["workers"].values()))

    def _stop(self) -> None:
        try:
            if self.client is not None:
                self.client.close()
        finally:
            if self._cluster is not None:
                self._cluster.close()
            self.client = self._cluster = None

    def __repr__(self) -> str:
        where = self.scheduler or f"LocalCluster(n_workers={self.jobs})"
        return f"DaskEngine({where!r})"

    # -- maps ---------------------------------------------------------------------

    def _submit_all(self, func: Callable[[Any, Any], Any], items: Iterable[Any], state: Any
                    ) -> Iterator[tuple[Any, Any]]:
        """Yield ``(item, future)`` lazily, one task per item; items that carry their data are
        scattered first."""
        client = self.client
        if client is None:
            raise FramingError("the Dask engine is not started; use it inside 'with engine:'.")
        state_f = client.scatter(state, broadcast=True, hash=False) if state is not None else None
        for item in items:
            arg = client.scatter(item, hash=False) if getattr(item, "carries_data", False) else item
            yield item, client.submit(func, arg, state_f, pure=False)

    def map(self, func: Callable[[Any, Any], Any], items: Iterable[Any], state: Any = None, *,
            label: Callable[[Any], str] = str, on_death: Callable[[Any, str], Any] | None = None
            ) -> Iterator[Any]:
        for item, future in self._ordered(func, items, state):
            yield self._result(item, future, label, on_death)
            future.release()

    def _ordered(self, func: Callable[[Any, Any], Any], items: Iterable[Any], state: Any
                 ) -> Iterator[tuple[Any, Any]]:
        in_flight = 2 * self._workers
        pending: deque[tuple[Any, Any]] = deque()
        for pair in self._submit_all(func, items, state):
            pending.append(pair)
            if len(pending) >= in_flight:
                yield pending.popleft()
        while pending:
            yield pending.popleft()

    def _result(self, item: Any, future: Any, label: Callable[[Any], str],
                on_death: Callable[[Any, str], Any] | None) -> Any:
        from distributed.scheduler import KilledWorker

        try:
            return future.result()
        except KilledWorker:
            where = label(item)
            if on_death is not None:
                result = on_death(item, death_message(where, self.name))
                if result is not None:
                    return result
            raise worker_died(where, self.name) from None

    def keep(self, func: Callable[[Any, Any], tuple[Any, Any]], items: Iterable[Any], state: Any = None,
             *, label: Callable[[Any], str] = str, parts: int | None = None) -> Iterator[tuple[Any, Any]]:
        """Summaries come back; payloads stay on the workers as futures (one per part)."""
        client = self.client
        for item, future in self._ordered(func, items, state):
            summary_f = client.submit(operator.itemgetter(0), future, pure=False)
            payload_f = client.submit(operator.itemgetter(1), future, pure=False)
            summary = self._result(item, summary_f, label, None)
            summary_f.release()
            future.release()
            if parts is None:
                yield summary, payload_f
                continue
            handles = [client.submit(_part, payload_f, b, pure=False) for b in range(parts)]
            payload_f.release()
            yield summary, handles

    def release(self, handles: Iterable[Any]) -> None:
        for handle in handles:
            if isinstance(handle, list):
                self.release(handle)
            elif _is_future(handle):
                handle.release()

    @property
    def width(self) -> int:
        return self._workers


def _part(payload: Any, b: int) -> Any:
    return None if payload is None else payload[b]


def _is_future(item: Any) -> bool:
    return type(item).__name__ == "Future" and hasattr(item, "release")


