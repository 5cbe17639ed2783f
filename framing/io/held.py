"""A corpus read once and held for several passes (``framing report``).

A command that makes several passes over a corpus (the report finds the
stories, discovers terms and samples the hits) would read and parse the input
files once per pass. :func:`hold` reads it **once**, in units on the engine
(:func:`framing.io.units.plan`), and keeps each unit's documents where the
engine keeps payloads (:meth:`framing.engines.Engine.keep`): in memory in one
process (up to the engine's memory budget, spilled to disk beyond it), in
spill files written by the worker processes of the local engine. The
:class:`HeldCorpus` it returns is cut into :class:`Held` units, one per unit
read, and every later pass (:func:`~framing.io.units.run_units`) runs on
those: a worker loads the documents a worker of the first pass parsed.

The held corpus's :attr:`~framing.io.corpus.Corpus.report` is the reading
report of that one reading, and stays so whatever the later passes do.

Engines whose payloads stay on remote workers (Dask: a unit cannot carry a
reference to them) do not hold: :func:`hold` returns the corpus as it is,
and each pass reads it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from ..engines import Engine, load
from ..progress import progress
from .corpus import Corpus, as_corpus
from .documents import Document, ReadReport
from .units import UnitResult, plan, run_unit, unit_label

__all__ = ["Held", "HeldCorpus", "hold"]


@dataclass
class Held:
    """Documents ``first`` to ``first + count - 1`` of a held corpus, behind an engine handle."""

    index: int
    first: int
    count: int
    handle: Any

    def label(self) -> str:
        return f"documents {self.first + 1:,}-{self.first + self.count:,}"

    def documents(self, report: ReadReport) -> Iterator[Document]:
        return iter(load(self.handle))


class HeldCorpus(Corpus):
    """A corpus whose documents :func:`hold` read once; its units are :attr:`units`."""

    def __init__(self, source: Corpus, units: list[Held], report: ReadReport) -> None:
        super().__init__(None, source.options, name=source.name)
        self.units = units
        self.report = report

    def __iter__(self) -> Iterator[Document]:
        for unit in self.units or ():
            yield from load(unit.handle)

    def __len__(self) -> int:
        return sum(unit.count for unit in self.units or ())


def _documents(docs: Iterator[Document], state: Any) -> list[Document]:
    return list(docs)


def _hold_unit(skip_bad_shards: bool, unit: Any, state: Any) -> tuple[UnitResult, list[Document] | None]:
    result = run_unit(_documents, skip_bad_shards, unit, state)
    docs, result.value = result.value, None if result.value is None else len(result.value)
    return result, docs


def hold(corpus: Any, engine: Engine, *, chunk_size: int | None = None,
         show_progress: bool | None = None) -> Corpus:
    """Read ``corpus`` once on ``engine`` and return it held (see the module docstring).

    ``chunk_size`` sets the documents per unit (default: the engine's). Call it inside
    ``with engine:``: the held documents are freed when the engine stops. A corpus already
    held or in memory, or an engine that cannot hold (Dask), is given back as it is.

    Raises
    ------
    CorpusError
        No document was read; ShardError: a file cannot be read (see :func:`framing.io.units.run_units`).
    """
    corpus = as_corpus(corpus)
    if corpus.units is not None or corpus.in_memory or not engine.can_hold:
        return corpus
    units_plan = plan(corpus, engine, chunk_size=chunk_size)
    held: list[Held] = []
    first = 0
    kept = engine.keep(partial(_hold_unit, engine.skip_bad_shards), units_plan.units, None,
                       label=unit_label)
    for result, handle in progress(kept, desc="reading", unit="unit", enable=show_progress):
        units_plan.add(result)
        if result.value is None:  # a shard skipped with skip_bad_shards (reported)
            continue
        held.append(Held(len(held), first, result.value, handle))
        first += result.value
    units_plan.finish()
    return HeldCorpus(corpus, held, corpus.report)
