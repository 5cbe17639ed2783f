"""Engines: executors that map a pure function over items, in order, on one core or many.

Every API function runs its per-document stage (reading, normalising,
matching, counting) as a pure function over units of documents through an
engine, and merges the small results in order; with one job the engine runs
the units in the calling process. Serial and parallel runs are thus the same
code, and their outputs are equal. Engines know nothing of the domain:

* :class:`LocalEngine`: worker processes of this machine (``jobs=1``: this process);
* :class:`ThreadEngine`: threads of this process, for data already in memory;
* :class:`DaskEngine`: a Dask cluster (``pip install 'framing[dask]'``).

See ``docs/cluster.md`` and ``docs/architecture.md``.

>>> from framing.engines import LocalEngine
>>> LocalEngine(jobs=2)
LocalEngine(jobs=2)
"""

from __future__ import annotations

from typing import Any

from ..errors import ShardError
from .base import Engine, cpu_count, load
from .local import LocalEngine
from .threads import ThreadEngine

__all__ = ["DaskEngine", "Engine", "LocalEngine", "ShardError", "ThreadEngine", "cpu_count", "load",
           "make_engine", "resolve"]


def make_engine(jobs: int = 1, engine: str = "local", *, scheduler: str | None = None,
                skip_bad_shards: bool = False) -> Engine:
    """The engine the command-line options ``--jobs``, ``--engine``, ``--scheduler`` ask for.

    Raises
    ------
    FramingError
        An unknown engine, ``scheduler`` without ``engine="dask"``, or Dask
        not installed.
    """
    from ..errors import FramingError, check_option

    check_option("engine", engine, ("local", "dask"))
    if engine == "local":
        if scheduler is not None:
            raise FramingError(f"--scheduler {scheduler} needs --engine dask; add it, or drop --scheduler.")
        return LocalEngine(jobs, skip_bad_shards=skip_bad_shards)
    from .dask_engine import DaskEngine

    return DaskEngine(scheduler, jobs=jobs, skip_bad_shards=skip_bad_shards)


def resolve(jobs: int = 1, engine: Engine | None = None, *, threads: bool = False) -> Engine:
    """The engine an API call runs on: ``engine`` if given, else ``jobs`` local processes (the
    calling process when ``jobs=1``), or ``jobs`` threads of this process with ``threads``
    (work on data already in memory whose loops release the GIL)."""
    if engine is not None:
        return engine
    return ThreadEngine(jobs) if threads else LocalEngine(jobs)


def __getattr__(name: str) -> Any:
    if name == "DaskEngine":
        from .dask_engine import DaskEngine

        return DaskEngine
    raise AttributeError(f"module 'framing.engines' has no attribute {name!r}")
