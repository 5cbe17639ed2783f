"""Units of work: what a worker reads and processes in one go.

A corpus is cut into **units**, processed in order:

:class:`Shard`
    one data file (``.jsonl(.gz)``, ``.csv``, ``.tsv``, ``.parquet``), or a
    batch of ``.txt`` files of one folder, read **by the worker** with the
    same reader as a single process (:mod:`framing.io.corpus`), so documents,
    ids and skipped-row counts are identical. Used when the input is a
    folder (or list) of two or more files, and on Dask for one file that is
    not JSON Lines.
:class:`Lines`
    ``chunk_size`` raw lines of a single JSON Lines file: the main process
    decompresses and splits the file (cheap), the worker parses the JSON
    (the costly part), with the columns resolved once on the file's first
    object as :func:`framing.read_corpus` does (:mod:`framing.io.lines`).
:class:`Chunk`
    up to ``chunk_size`` documents read by the main process, for a single
    CSV or Parquet file, a DataFrame or any other stream.

Every unit is processed by :func:`run_unit`, which returns a
:class:`UnitResult`: the stage's value, the unit's own
:class:`~framing.io.corpus.ReadReport` (shards) and, with
``skip_bad_shards``, the reason a shard was skipped instead of a value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from ..engines import resolve
from ..engines.base import Engine
from ..errors import CorpusError, ShardError
from ..progress import progress
from ..utils import few_collections
from .corpus import Corpus, as_corpus
from .documents import Document, ReadReport
from .formats import is_data_file, read_file, read_txt
from .lines import Lines, line_chunks

__all__ = [
    "CHUNK_SIZE",
    "Chunk",
    "Lines",
    "Plan",
    "Shard",
    "UnitResult",
    "plan",
    "plan_units",
    "run_unit",
    "run_units",
    "unit_rows",
]

#: Documents per :class:`Chunk`, and ``.txt`` files per :class:`Shard` batch.
CHUNK_SIZE = 1000


@dataclass
class Chunk:
    """Documents read by the main process: ``docs`` starting at stream position ``first``."""

    index: int
    first: int
    docs: list[Document]
    #: The unit holds its documents (an engine sends them to a worker), not a path to read.
    carries_data = True

    def label(self) -> str:
        return (f"documents {self.first + 1:,}-{self.first + len(self.docs):,} "
                f"(first: {self.docs[0].doc_id!r})")

    def documents(self, report: ReadReport) -> Iterator[Document]:
        return iter(self.docs)


@dataclass
class Shard:
    """A file read by the worker, or a batch of ``.txt`` ``files`` under ``root``."""

    index: int
    path: str
    options: dict[str, Any]
    root: str | None = None
    files: tuple[str, ...] = ()

    def label(self) -> str:
        if self.files:
            return f"shard {self.files[0]} (+{len(self.files) - 1} .txt files)"
        return f"shard {self.path}"

    def documents(self, report: ReadReport) -> Iterator[Document]:
        if self.files:
            root = Path(self.root or ".")
            for name in self.files:
                report.files += 1
                for doc in read_txt(Path(name), root, self.options, report):
                    report.documents += 1
                    yield doc
            return
        for doc in read_file(Path(self.path), self.options, report):
            report.documents += 1
            yield doc


Unit = Chunk | Shard | Lines


@dataclass
class UnitResult:
    """What one unit gave: the stage's ``value`` and the shard's reading report."""

    index: int
    label: str
    value: Any = None
    report: ReadReport | None = None
    skipped: str | None = None


class _BadShard(Exception):
    """Raised inside a worker when the reader fails; carries the message for the user."""


def _guarded(docs: Iterator[Document], unit: Unit) -> Iterator[Document]:
    """Re-raise every error of the reader as :class:`_BadShard` naming the unit."""
    while True:
        try:
            doc = next(docs)
        except StopIteration:
            return
        except Exception as exc:  # the reader raises many types for a damaged file
            detail = str(exc)
            if isinstance(unit, (Shard, Lines)) and detail.startswith(f"{unit.path}: "):
                detail = detail[len(unit.path) + 2:]
            raise _BadShard(f"cannot read {unit.label()}: {detail}") from None
        yield doc


def run_unit(func: Callable[[Iterator[Document], Any], Any], skip_bad_shards: bool, unit: Unit,
             state: Any) -> UnitResult:
    """Run ``func(documents, state)`` on one unit (in a worker); see the module docstring."""
    report = ReadReport() if isinstance(unit, (Shard, Lines)) else None
    docs = _guarded(unit.documents(report or ReadReport()), unit)
    try:
        value = func(docs, state)
    except _BadShard as exc:
        if skip_bad_shards and isinstance(unit, Shard):
            return UnitResult(unit.index, unit.label(), None, None, skipped=str(exc))
        hint = "; fix or remove the file, or pass --skip-bad-shards to skip it (counted and reported)"
        raise ShardError(f"{str(exc).rstrip('.')}{hint if isinstance(unit, Shard) else ''}.") from None
    return UnitResult(unit.index, unit.label(), value, report)


@dataclass
class Plan:
    """The units of a corpus and how to report what was read."""

    units: Iterable[Unit]
    corpus: Corpus | None
    sharded: bool
    report: ReadReport = field(default_factory=ReadReport)

    def add(self, result: UnitResult) -> None:
        """Merge a unit's reading report (shards only; chunks are counted by the corpus)."""
        if result.skipped is not None:
            self.report.skipped_files.append(result.skipped)
        elif result.report is not None:
            self.report.merge(result.report)

    def finish(self) -> None:
        """Make ``corpus.report`` describe this pass (shards read by workers).

        Raises
        ------
        CorpusError
            No document was read (the corpus raises it itself when the main process reads it).
        """
        if self.sharded and self.corpus is not None:
            self.corpus.report = self.report
            if not self.report.documents:
                raise CorpusError(self.report.nothing_read(self.corpus.name))


def list_shards(corpus: Corpus, chunk_size: int = CHUNK_SIZE) -> list[Shard]:
    """The files of a file-based corpus, in the order :func:`framing.read_corpus` reads them."""
    shards: list[Shard] = []
    for path in corpus.paths:
        if not path.is_dir():
            shards.append(Shard(len(shards), str(path), corpus.options))
            continue
        txt = sorted(p for p in path.rglob("*.txt") if p.is_file())
        if txt:
            for start in range(0, len(txt), chunk_size):
                batch = tuple(str(p) for p in txt[start:start + chunk_size])
                shards.append(Shard(len(shards), batch[0], corpus.options, str(path), batch))
            continue
        data = sorted(p for p in path.rglob("*") if p.is_file() and is_data_file(p))
        if not data:
            raise CorpusError("the folder holds no .txt, .csv, .tsv, .jsonl(.gz) or .parquet files.",
                              source=str(path))
        shards.extend(Shard(len(shards) + i, str(p), corpus.options) for i, p in enumerate(data))
    return shards


def _chunks(corpus: Iterable[Document], chunk_size: int) -> Iterator[Chunk]:
    batch: list[Document] = []
    first = index = 0
    for doc in corpus:
        batch.append(doc)
        if len(batch) >= chunk_size:
            yield Chunk(index, first, batch)
            index, first, batch = index + 1, first + len(batch), []
    if batch:
        yield Chunk(index, first, batch)


_JSONL = (".jsonl", ".jsonl.gz", ".ndjson", ".json")


def plan_units(corpus: Corpus, *, chunk_size: int = CHUNK_SIZE, min_shards: int = 2) -> Plan:
    """Cut ``corpus`` into units (see the module docstring).

    Two or more files (or at least ``min_shards``): one shard each. A single JSON Lines file:
    :class:`Lines` chunks, parsed by the workers. A corpus read once and held
    (:func:`framing.io.held.hold`): its own units. Anything else: :class:`Chunk` of documents.
    """
    if corpus.units is not None:
        return Plan(list(corpus.units), corpus, False)
    if corpus.paths and not corpus.in_memory and not corpus.is_stream:
        shards = list_shards(corpus, chunk_size)
        if len(shards) == 1 and not shards[0].files and shards[0].path.lower().endswith(_JSONL):
            plan = Plan([], corpus, True)
            plan.report.files = 1
            plan.units = line_chunks(Path(shards[0].path), corpus.options, plan.report, chunk_size)
            return plan
        if len(shards) >= min_shards:
            return Plan(shards, corpus, True)
    return Plan(_chunks(corpus, chunk_size), corpus, False)


def plan(corpus: Any, engine: Engine, *, chunk_size: int | None = None) -> Plan:
    """The units of ``corpus`` for ``engine`` (see :func:`plan_units`).

    With ``engine.skip_bad_shards``, an input read as one (a single file) that cannot be read
    says that only one of several files is skipped, never the only input.
    """
    units = plan_units(as_corpus(corpus), chunk_size=chunk_size or engine.chunk_size,
                       min_shards=engine.min_shards)
    if engine.skip_bad_shards and not (isinstance(units.units, list) and len(units.units) > 1):
        units.units = _not_skipped(units.units)
    return units


def _not_skipped(units: Iterable[Unit]) -> Iterator[Unit]:
    try:
        yield from units
    except CorpusError as exc:
        raise CorpusError(f"{str(exc).rstrip('.')} (--skip-bad-shards skips an unreadable file among "
                          "several inputs; this is the only one).") from None


def skip_unit(unit: Any, message: str) -> UnitResult | None:
    """With ``skip_bad_shards``: a shard whose worker died is skipped (counted and reported)."""
    if isinstance(unit, Shard):
        return UnitResult(unit.index, unit.label(), None, None, skipped=message)
    return None


def unit_label(unit: Any) -> str:
    """How errors and progress name a unit."""
    return unit.label() if hasattr(unit, "label") else str(unit)


def run_units(engine: Engine, func: Callable[[Iterator[Document], Any], Any], corpus: Any, state: Any = None,
              *, desc: str = "processing", show_progress: bool | None = None) -> Iterator[UnitResult]:
    """Run the stage ``func(documents, state)`` over the units of ``corpus`` on ``engine``.

    Yields a :class:`UnitResult` per unit, in order; unreadable shards are skipped and reported
    or raise :class:`~framing.errors.ShardError` naming them (``engine.skip_bad_shards``); when
    the run ends, ``corpus.report`` describes what was read.
    """
    units = plan(corpus, engine)
    results = engine.map(partial(run_unit, func, engine.skip_bad_shards), units.units, state,
                         label=unit_label, on_death=skip_unit if engine.skip_bad_shards else None)
    with few_collections():
        for result in progress(results, desc=desc, unit="unit", enable=show_progress):
            units.add(result)
            yield result
    units.finish()


def unit_rows(func: Callable[[Iterator[Document], Any], Any], corpus: Any, state: Any = None, *,
              desc: str = "processing", show_progress: bool | None = None, jobs: int = 1,
              engine: Engine | None = None) -> Iterator[Any]:
    """The rows a row-producing stage ``func(documents, state)`` returns for each unit, streamed in
    input order: :func:`run_units` on ``engine`` (or ``jobs`` workers), the corpus coerced once."""
    corpus = as_corpus(corpus)
    runner = resolve(jobs, engine)
    with runner:
        for result in run_units(runner, func, corpus, state, desc=desc, show_progress=show_progress):
            if result.value:
                yield from result.value
