"""Every core of one machine: worker processes of :mod:`concurrent.futures`.

Start method: ``fork`` where the platform has it safely (Linux), so the
workers inherit the state (a built :class:`~framing.match.matcher.Matcher`, the
options) without copying; elsewhere (macOS, Windows) Python's default
``spawn`` starts fresh interpreters, which import :mod:`framing` and receive
the state pickled once per worker (a Matcher pickles to ~0.2 MB, without its
word cache), so the first units take a second longer. Scripts that use
``jobs > 1`` under ``spawn`` need the usual ``if __name__ == "__main__":``
guard.

Results are consumed in submission order with at most ``2 * jobs`` units in
flight, so output order equals ``jobs=1`` and memory does not grow with the
corpus. A worker that dies (killed for memory, a crash in a C library)
breaks the pool: each unit then in flight is retried alone in a fresh
worker, and the one that kills it again is named in the error (or, with
``skip_bad_shards``, skipped and reported).

Interrupts: workers ignore SIGINT and SIGTERM (Ctrl-C reaches every process
of the terminal's group; a worker that died of it holding the pool's queue
lock would leave the others waiting forever). The calling process acts on
them instead: when a map ends early (an interrupt, an error, the consumer
stopping), its workers are killed at once rather than waited for, and on
Linux every worker is killed by the kernel if the calling process dies, so
no worker outlives the run. :func:`stop_workers` kills the workers of every
pool still running.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
import sys
import tempfile
import uuid
import weakref
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from ..utils import COLLECTOR_THRESHOLDS
from .base import PoolEngine, death_message, estimate_size, spill, worker_died

__all__ = ["LocalEngine", "stop_workers"]

_STATE: Any = None

#: The pools running in this process (see :func:`stop_workers`).
_POOLS: weakref.WeakSet[ProcessPoolExecutor] = weakref.WeakSet()


def _die_with_parent() -> None:
    """Have the kernel kill this process when its parent dies (Linux: PR_SET_PDEATHSIG)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG = 1
    except (OSError, AttributeError):  # no libc to call: the parent's clean-up still stops us
        pass


def _init(state: Any) -> None:
    global _STATE
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _die_with_parent()
    gc.set_threshold(*COLLECTOR_THRESHOLDS)  # the worker lives for passes over a corpus
    _STATE = state


def _kill(pool: ProcessPoolExecutor) -> None:
    """Stop ``pool`` now: kill its workers (they ignore SIGTERM) and drop its queued units."""
    # ProcessPoolExecutor has no public way to stop workers before Python 3.14
    # (terminate_workers); its ``_processes`` maps pid -> Process.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)
    for process in processes:
        try:
            process.kill()
        except (OSError, ValueError):  # already gone, or closed
            pass
    for process in processes:
        try:
            process.join(1)
        except (OSError, ValueError, AssertionError):
            pass
    # The pool's manager thread sees its workers die and cleans up as for a broken pool (it
    # closes the queue that feeds them, so no thread stays blocked writing to it). Waking it to
    # shut down first could send it down the orderly path instead, which waits for that thread:
    # a hang at exit. So it is left to finish before the pool is shut down.
    if manager is not None and manager.is_alive() and processes:
        manager.join(timeout=5)
    pool.shutdown(wait=False, cancel_futures=True)
    _POOLS.discard(pool)


def stop_workers() -> None:
    """Kill the worker processes of every pool of this process still running (after Ctrl-C)."""
    for pool in list(_POOLS):
        _kill(pool)


def _call(func: Callable[[Any, Any], Any], item: Any) -> Any:
    return func(item, _STATE)


def _context() -> Any:
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


class LocalEngine(PoolEngine):
    """Run the per-document stage in ``jobs`` processes of this machine (``jobs=1``: in this process).

    Parameters
    ----------
    jobs : int
        Worker processes; ``0`` means every core. ``1`` runs everything in
        the calling process (no pool), with the same chunking.
    skip_bad_shards : bool
        Skip (count and report) an input file that cannot be read instead
        of stopping with an error naming it.
    chunk_size : int
        Documents per unit when the main process reads the corpus.
    """

    name = "local"
    #: With ``jobs=1``, payloads kept between passes (:meth:`keep`) stay in memory up to this many
    #: bytes in all, and are written to spill files beyond it, so memory stays flat on corpora of
    #: any size while a corpus that fits is not written to disk and read back.
    memory_budget = 1 << 30

    def __init__(self, jobs: int = 1, *, skip_bad_shards: bool = False, chunk_size: int = 1000) -> None:
        super().__init__(jobs=jobs, skip_bad_shards=skip_bad_shards, chunk_size=chunk_size)

    def keep(self, func: Callable[[Any, Any], tuple[Any, Any]], items: Iterable[Any], state: Any = None,
             *, label: Callable[[Any], str] = str, parts: int | None = None) -> Iterator[tuple[Any, Any]]:
        """Workers write their payloads to spill files; in this process (``jobs=1``) payloads stay
        in memory up to :attr:`memory_budget` bytes and are spilled beyond it."""
        if self.jobs > 1:
            yield from super().keep(func, items, state, label=label, parts=parts)
            return
        held = 0
        for index, item in enumerate(items):
            summary, payload = func(item, state)
            if payload is not None:
                size = estimate_size(payload)
                if held + size <= self.memory_budget:
                    held += size
                    payload = payload if parts is None else list(payload)
                else:
                    if self._spill is None:
                        self._spill = tempfile.mkdtemp(prefix="framing-spill-")
                    payload = spill(payload, self._spill, f"{index:08d}-{uuid.uuid4().hex}", parts)
            yield summary, payload

    def _pool(self, workers: int, state: Any) -> ProcessPoolExecutor:
        pool = ProcessPoolExecutor(workers, mp_context=_context(), initializer=_init, initargs=(state,))
        _POOLS.add(pool)
        return pool

    def _pool_map(self, func: Callable[[Any, Any], Any], items: Iterator[Any], state: Any,
                  label: Callable[[Any], str], on_death: Callable[[Any, str], Any] | None
                  ) -> Iterator[Any]:
        in_flight = 2 * self.jobs
        pending: deque[tuple[Any, Future[Any]]] = deque()
        pool = self._pool(self.jobs, state)
        finished = False
        try:
            while True:
                while len(pending) < in_flight:
                    item = next(items, _END)
                    if item is _END:
                        break
                    pending.append((item, pool.submit(_call, func, item)))
                if not pending:
                    finished = True
                    return
                item, future = pending[0]
                try:
                    result = future.result()
                except BrokenProcessPool:
                    pool.shutdown(wait=True, cancel_futures=True)
                    _POOLS.discard(pool)
                    # Keep what finished; retry the other units in flight each alone, and skip
                    # the one that kills its worker again.
                    for again, done in list(pending):
                        if done.done() and not done.cancelled() and done.exception() is None:
                            yield done.result()
                        else:
                            yield self._alone(func, again, state, label, on_death)
                    pending.clear()
                    pool = self._pool(self.jobs, state)
                    continue
                pending.popleft()
                yield result
        finally:
            # No future is cancelled here: the pool's manager thread fails the pending ones when
            # its workers are killed, and fails with InvalidStateError (leaving the queue's feeder
            # thread blocked at exit) on a future already cancelled (Python 3.11).
            if finished:
                pool.shutdown(wait=True)
                _POOLS.discard(pool)
            else:  # an interrupt, an error, or the consumer stopped: do not wait for the units
                _kill(pool)

    def _alone(self, func: Callable[[Any, Any], Any], item: Any, state: Any,
               label: Callable[[Any], str], on_death: Callable[[Any, str], Any] | None) -> Any:
        pool = self._pool(1, state)
        try:
            result = pool.submit(_call, func, item).result()
        except BrokenProcessPool:
            _kill(pool)
            result = None
            if on_death is not None:
                result = on_death(item, death_message(label(item), self.name))
            if result is None:
                raise worker_died(label(item), self.name) from None
            return result
        except BaseException:
            _kill(pool)
            raise
        pool.shutdown(wait=True)
        _POOLS.discard(pool)
        return result


_END = object()
