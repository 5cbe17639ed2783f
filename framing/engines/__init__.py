"""Engines that run ``framing``'s per-document work on every core, or on a Dask cluster.

The per-document stage (reading, normalising, matching, counting) is a pure
function over a unit of documents; an engine maps it over the units and the
main process merges the small results in order, so outputs equal a single
process's outputs. See ``docs/cluster.md``.

>>> from framing.engines import LocalEngine
>>> LocalEngine(jobs=2)
LocalEngine(jobs=2)
"""

from __future__ import annotations

from typing import Any

from ..io.units import ShardError
from .base import Engine, cpu_count
from .local import LocalEngine

__all__ = ["DaskEngine", "Engine", "LocalEngine", "ShardError", "cpu_count", "make_engine"]


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


def resolve(jobs: int = 1, engine: Engine | None = None) -> Engine | None:
    """The engine to use for an API call, or None for the plain single-process code."""
    if engine is not None:
        return engine
    local = LocalEngine(jobs)
    return local if local.parallel else None


def __getattr__(name: str) -> Any:
    if name == "DaskEngine":
        from .dask_engine import DaskEngine

        return DaskEngine
    raise AttributeError(f"module 'framing.engines' has no attribute {name!r}")
