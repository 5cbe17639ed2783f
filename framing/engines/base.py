"""What every engine offers: an ordered map over units, with state sent once per worker.

An engine runs a **pure function** over items and yields the results **in
submission order**, with a bounded number of items in flight (so memory
stays flat). Functions receive ``(item, state)``: ``state`` is sent once to
each worker (a :class:`~framing.match.Matcher`, the options), items are
small (a shard's path, a chunk of documents). Engines know nothing of
corpora, lexicons or statistics: cutting a corpus into units and merging
reading reports is :func:`framing.io.units.run_units`'s job.

:meth:`Engine.map`
    a function over items.
:meth:`Engine.keep`
    like ``map`` for functions returning ``(summary, payload)``: the
    summaries come back, the payloads stay where they were made (a spill
    file of the local engine, worker memory on Dask) for a later ``map``
    over the returned handles.
"""

from __future__ import annotations

import os
import pickle
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from ..errors import FramingError, ShardError

__all__ = ["Engine", "PoolEngine", "SpillRef", "cpu_count", "estimate_size", "load", "spill"]


def cpu_count() -> int:
    """Cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


@dataclass(frozen=True)
class SpillRef:
    """A payload written to disk by a worker of the local engine."""

    path: str


def load(item: Any) -> Any:
    """The payload behind a handle of :meth:`Engine.keep` (Dask hands over the object itself)."""
    if isinstance(item, SpillRef):
        with open(item.path, "rb") as fh:
            return pickle.load(fh)
    return item


def _dump(payload: Any, path: str) -> SpillRef:
    with open(path + ".part", "wb") as fh:
        pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(path + ".part", path)
    return SpillRef(path)


def estimate_size(obj: Any, depth: int = 3) -> int:
    """A quick estimate of the bytes ``obj`` holds: arrays' buffers, strings' characters (4 bytes
    each at most), containers and objects' attributes ``depth`` levels deep."""
    nbytes = getattr(obj, "nbytes", None)
    if isinstance(nbytes, int):
        return nbytes
    if isinstance(obj, str):
        return 49 + 4 * len(obj)
    if isinstance(obj, (bytes, bytearray)):
        return 33 + len(obj)
    if depth <= 0:
        return 64
    if isinstance(obj, dict):
        return 64 + sum(estimate_size(k, depth - 1) + estimate_size(v, depth - 1) for k, v in obj.items())
    if isinstance(obj, (list, tuple, set, frozenset)):
        items = list(obj)
        if len(items) > 1000:  # a sample stands for the rest
            sample = items[:: len(items) // 1000]
            sampled = sum(estimate_size(x, depth - 1) for x in sample)
            return 64 + 8 * len(items) + sampled * len(items) // len(sample)
        return 64 + 8 * len(items) + sum(estimate_size(x, depth - 1) for x in items)
    if hasattr(obj, "__dict__"):
        return 64 + estimate_size(vars(obj), depth - 1)
    return 64


def spill(payload: Any, folder: str, stem: str, parts: int | None) -> Any:
    """Write ``payload`` (a sequence of ``parts`` parts, if given) to spill files; return its handle."""
    path = os.path.join(folder, stem)
    if parts is None:
        return _dump(payload, path + ".pkl")
    return [_dump(part, f"{path}-{b}.pkl") for b, part in enumerate(payload)]


def _spill_call(func: Callable[[Any, Any], Any], folder: str, parts: int | None,
                index_item: tuple[int, Any], state: Any) -> tuple[Any, Any]:
    index, item = index_item
    summary, payload = func(item, state)
    if payload is None:
        return summary, None
    return summary, spill(payload, folder, f"{index:08d}-{uuid.uuid4().hex}", parts)


class Engine:
    """Base class: see the module docstring. Use as a context manager (re-entrant)."""

    name = "engine"
    #: Fewest files for which workers read the files themselves (:func:`framing.io.units.plan_units`).
    min_shards = 2
    #: Whether items and results stay in this process (no pickling, no copies: threads or none).
    in_process = False
    #: Whether a unit may carry a handle of :meth:`keep` to a worker of a later map
    #: (:func:`framing.io.held.hold`).
    can_hold = True

    def __init__(self, *, jobs: int = 1, skip_bad_shards: bool = False,
                 chunk_size: int = 1000) -> None:
        if not isinstance(jobs, int) or jobs < 0:
            raise FramingError(f"The 'jobs' parameter must be an integer >= 0 (0: every core). "
                               f"Got {jobs!r} instead.")
        if not isinstance(chunk_size, int) or chunk_size < 1:
            raise FramingError(f"The 'chunk_size' parameter must be a positive integer. "
                               f"Got {chunk_size!r} instead.")
        self.jobs = jobs or cpu_count()
        self.skip_bad_shards = skip_bad_shards
        self.chunk_size = chunk_size
        self._depth = 0
        self._spill: str | None = None

    # -- lifetime ---------------------------------------------------------------

    def __enter__(self) -> Engine:
        if self._depth == 0:
            self._start()
        self._depth += 1
        return self

    def __exit__(self, *exc: object) -> None:
        self._depth -= 1
        if self._depth == 0:
            try:
                self._stop()
            finally:
                if self._spill is not None:
                    shutil.rmtree(self._spill, ignore_errors=True)
                    self._spill = None

    def _start(self) -> None:
        """Start workers (Dask) or nothing (the local engine starts a pool per map)."""

    def _stop(self) -> None:
        """Stop what :meth:`_start` started."""

    @property
    def parallel(self) -> bool:
        return True

    # -- the three maps --------------------------------------------------------

    def map(self, func: Callable[[Any, Any], Any], items: Iterable[Any], state: Any = None, *,
            label: Callable[[Any], str] = str, on_death: Callable[[Any, str], Any] | None = None
            ) -> Iterator[Any]:
        """Yield ``func(item, state)`` for each item, in order.

        ``on_death(item, message)``, when given, turns the death of the
        worker processing ``item`` into a result instead of an error (where
        the engine can tell which item killed it).
        """
        raise NotImplementedError

    def keep(self, func: Callable[[Any, Any], tuple[Any, Any]], items: Iterable[Any], state: Any = None,
             *, label: Callable[[Any], str] = str, parts: int | None = None) -> Iterator[tuple[Any, Any]]:
        """Yield ``(summary, handle)`` per item; ``load(handle)`` in a later map gives the payload.

        With ``parts``, the payload is a sequence of that many parts and the handle a list of
        one handle per part (so that a later map can gather part *b* of every item).
        """
        if self._spill is None:
            self._spill = tempfile.mkdtemp(prefix="framing-spill-")
        return self.map(partial(_spill_call, func, self._spill, parts), enumerate(items), state,
                        label=lambda pair: label(pair[1]))

    def while_working(self, results: Iterable[T], prepare: Callable[[], None]) -> Iterable[T]:
        """``results``, with ``prepare()`` called once the first has been handled, if workers run.

        With workers, the main process is idle while they work: what it needs only at the end
        (pandas, a lexicon's matcher) is made then, at no cost in wall time. The workers are
        forked by then, so none inherits a module half imported. In one process there is no
        idle time to fill, and what is made early would be held through the run (pandas alone
        is about 50 MB), so ``prepare`` is left to the end there.
        """
        return _after_first(results, prepare) if self.parallel else results

    def release(self, handles: Iterable[Any]) -> None:
        """Free the payloads of :meth:`keep`."""
        for handle in handles:
            if isinstance(handle, list):
                self.release(handle)
            elif isinstance(handle, SpillRef) and os.path.exists(handle.path):
                os.unlink(handle.path)

    @property
    def width(self) -> int:
        """Tasks that run at once."""
        return self.jobs

    def __repr__(self) -> str:
        return f"{type(self).__name__}(jobs={self.jobs})"


T = TypeVar("T")


def _after_first(results: Iterable[T], prepare: Callable[[], None]) -> Iterator[T]:
    results = iter(results)
    for result in results:
        yield result
        prepare()
        break
    yield from results


def death_message(where: str, engine: str) -> str:
    """What to tell the user when a worker died while processing ``where``."""
    hint = ("rerun with --jobs 1 to see the error, or give the workers more memory"
            if engine == "local" else "check the workers' logs and memory limit")
    return f"a worker died while processing {where}; {hint}."


def worker_died(where: str, engine: str) -> ShardError:
    """The error for a worker that died while processing ``where``."""
    return ShardError(death_message(where, engine))


class PoolEngine(Engine):
    """An engine with a pool of ``jobs`` workers on this machine; with ``jobs=1`` each item runs
    here, in order, with no pool. Subclasses give the pool (:meth:`_pool_map`)."""

    @property
    def parallel(self) -> bool:
        return self.jobs > 1

    def map(self, func: Callable[[Any, Any], Any], items: Iterable[Any], state: Any = None, *,
            label: Callable[[Any], str] = str, on_death: Callable[[Any, str], Any] | None = None
            ) -> Iterator[Any]:
        if self.jobs == 1:
            for item in items:
                yield func(item, state)
            return
        yield from self._pool_map(func, iter(items), state, label, on_death)

    def _pool_map(self, func: Callable[[Any, Any], Any], items: Iterator[Any], state: Any,
                  label: Callable[[Any], str], on_death: Callable[[Any, str], Any] | None
                  ) -> Iterator[Any]:
        raise NotImplementedError
