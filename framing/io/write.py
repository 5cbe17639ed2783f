"""Write tables: CSV by default, JSON Lines or Parquet by the file's extension."""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from ..errors import FramingError

__all__ = ["output_format", "write_rows", "write_table", "write_tables"]


def output_format(path: str | Path | None) -> str:
    """``"csv"``, ``"tsv"``, ``"jsonl"`` or ``"parquet"`` from the file name (stdout: csv)."""
    if path is None or str(path) == "-":
        return "csv"
    name = str(path).lower()
    for suffix, fmt in ((".csv", "csv"), (".tsv", "tsv"), (".jsonl", "jsonl"),
                        (".ndjson", "jsonl"), (".parquet", "parquet")):
        if name.endswith(suffix):
            return fmt
    raise FramingError(
        f"cannot tell the output format of {str(path)!r}; end the name in .csv, .tsv, .jsonl "
        "or .parquet."
    )


@contextmanager
def _atomic(path: Path, mode: str) -> Iterator[Any]:
    """Write to a temporary name beside ``path`` and rename when complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.part")
    kwargs = {"encoding": "utf-8", "newline": ""} if "b" not in mode else {}
    try:
        with open(tmp, mode, **kwargs) as fh:
            yield fh
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_rows(rows: Iterable[dict[str, Any]], columns: list[str], path: str | Path | None
               ) -> int:
    """Stream dict rows to ``path`` (or stdout for ``None``/``"-"``); return the count."""
    fmt = output_format(path)
    if fmt == "parquet":
        import pandas as pd

        frame = pd.DataFrame(list(rows), columns=columns)
        write_table(frame, path)
        return len(frame)
    if path is None or str(path) == "-":
        return _write_stream(rows, columns, sys.stdout, fmt)
    with _atomic(Path(path), "w") as fh:
        return _write_stream(rows, columns, fh, fmt)


def _write_stream(rows: Iterable[dict[str, Any]], columns: list[str], fh: TextIO, fmt: str
                  ) -> int:
    n = 0
    if fmt == "jsonl":
        for row in rows:
            fh.write(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False) + "\n")
            n += 1
        return n
    writer = csv.DictWriter(fh, fieldnames=columns, delimiter="\t" if fmt == "tsv" else ",",
                            extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
        n += 1
    return n


def write_table(frame: Any, path: str | Path | None) -> None:
    """Write a DataFrame by the extension of ``path`` (CSV to stdout for ``None``)."""
    fmt = output_format(path)
    if path is None or str(path) == "-":
        frame.to_csv(sys.stdout, index=False)
        return
    target = Path(path)
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise FramingError(
                "writing Parquet needs pyarrow (a dependency of framing, missing here); "
                "pip install pyarrow, or use .csv."
            ) from None
        with _atomic(target, "wb") as fh:
            frame.to_parquet(fh, index=False)
    elif fmt == "jsonl":
        with _atomic(target, "w") as fh:
            frame.to_json(fh, orient="records", lines=True, force_ascii=False)
    else:
        with _atomic(target, "w") as fh:
            frame.to_csv(fh, index=False, sep="\t" if fmt == "tsv" else ",")


def write_tables(tables: dict[str, Any], folder: str | Path) -> None:
    """Write several DataFrames into ``folder`` (``{"stance.csv": frame, ...}``), all or none.

    Each is written under a temporary name first; they are renamed only when
    every one is complete, so an interrupted run never leaves a set of files
    that looks complete.
    """
    folder = Path(folder)
    parts = {}
    try:
        for name, frame in tables.items():
            stem, dot, ext = name.rpartition(".")
            part = folder / f".{stem}.part{dot}{ext}"
            write_table(frame, part)
            parts[name] = part
        for name, part in parts.items():
            os.replace(part, folder / name)
    finally:
        for part in parts.values():
            if part.exists():
                part.unlink()
