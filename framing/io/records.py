"""Write rows or records to CSV, TSV, JSON Lines or Parquet by the file's extension, all or nothing.

A record is one value per column, in the order of the columns (a tuple);
a row is a dict. Long tables (every hit of a corpus) are streamed: CSV and
JSON Lines a record at a time, Parquet column by column. The file appears
only when complete (:func:`framing.io.write.atomic_output`).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from itertools import islice
from pathlib import Path
from typing import Any, TextIO

from .write import atomic_output, need_pyarrow, output_format

__all__ = ["ROWS_AT_ONCE", "write_records", "write_rows"]

#: Records gathered at a time when records are written to Parquet (:func:`write_records`).
ROWS_AT_ONCE = 65_536


def write_rows(rows: Iterable[dict[str, Any]], columns: list[str], path: str | Path | None
               ) -> int:
    """Stream dict rows to ``path`` (or stdout for ``None``/``"-"``); return the count."""
    return write_records((tuple(row.get(c) for c in columns) for row in rows), columns, path)


def write_records(records: Iterable[Sequence[Any]], columns: list[str], path: str | Path | None) -> int:
    """Stream records (one value per column, in the order of ``columns``) to ``path`` (or stdout
    for ``None``/``"-"``) by its extension; return the count.

    CSV, TSV and JSON Lines are written a record at a time. Parquet is
    gathered column by column, :data:`ROWS_AT_ONCE` records at a time, and the
    columns handed to pyarrow as they are (no DataFrame is built); the file
    reads back with ``pandas.read_parquet`` as the DataFrame of the records.
    """
    fmt = output_format(path)
    if fmt == "parquet":
        return _write_parquet(records, columns, Path(path))  # type: ignore[arg-type]
    if path is None or str(path) == "-":
        return _write_stream(records, columns, sys.stdout, fmt)
    with atomic_output(Path(path), "w") as fh:
        return _write_stream(records, columns, fh, fmt)


def _write_parquet(records: Iterable[Sequence[Any]], columns: list[str], target: Path) -> int:
    pa = need_pyarrow()
    import pyarrow.parquet as pq

    values: list[list[Any]] = [[] for _ in columns]
    records = iter(records)
    while chunk := list(islice(records, ROWS_AT_ONCE)):
        for column, part in zip(values, zip(*chunk, strict=True), strict=True):
            column += part
    table = pa.table({c: pa.array(v) for c, v in zip(columns, values, strict=True)})
    with atomic_output(target, "wb") as fh:
        pq.write_table(table, fh)
    return table.num_rows


def _write_stream(records: Iterable[Sequence[Any]], columns: list[str], fh: TextIO, fmt: str) -> int:
    n = 0
    if fmt == "jsonl":
        for record in records:
            fh.write(json.dumps(dict(zip(columns, record, strict=True)), ensure_ascii=False) + "\n")
            n += 1
        return n
    writer = csv.writer(fh, delimiter="\t" if fmt == "tsv" else ",", lineterminator="\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow(record)
        n += 1
    return n
