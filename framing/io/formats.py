"""The readers of each file format: folders of .txt files, CSV/TSV, JSON Lines (.gz) and Parquet.

Each reader streams :class:`~framing.io.documents.Document` objects and counts
every row it cannot use in a :class:`~framing.io.documents.ReadReport`. Column
roles and the row → document step are in :mod:`framing.io.columns`; the
choice of encoding (byte-order marks, ``--encoding auto``, binary files) in
:mod:`framing.io.encodings`.

A CSV file's delimiter is guessed from its header line among ``,``, ``;``,
tab and ``|`` (spreadsheets set to some locales save ``;``), with a note when
it is not a comma.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import zlib
from collections.abc import Iterator
from itertools import chain
from pathlib import Path
from typing import Any

from ..errors import CorpusError, one_line
from .columns import ALIASES, DEFAULT_COLUMNS, resolve_columns, rows_to_documents, to_document
from .documents import SURROGATE_NOTE, SURROGATE_RE, Document, ReadReport, replace_surrogates
from .encodings import choose_encoding

__all__ = [
    "ALIASES",
    "DATA_SUFFIXES",
    "DEFAULT_COLUMNS",
    "READ_ERRORS",
    "check_first_line",
    "decode_error",
    "is_data_file",
    "jsonl_row",
    "open_binary",
    "open_text",
    "read_file",
    "read_path",
    "read_txt",
    "resolve_columns",
    "rows_to_documents",
    "to_document",
    "unreadable",
]

DATA_SUFFIXES = (".csv", ".tsv", ".jsonl", ".jsonl.gz", ".ndjson", ".json", ".parquet")

_SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".ods", ".numbers")

#: CSV delimiters tried on the header line, the comma first (it wins ties).
CSV_DELIMITERS = (",", ";", "\t", "|")


def read_path(path: Path, options: dict[str, Any], report: ReadReport) -> Iterator[Document]:
    if path.is_dir():
        txt = sorted(p for p in path.rglob("*.txt") if p.is_file())
        if txt:
            for file in txt:
                report.files += 1
                yield from read_txt(file, path, options, report)
            return
        data = sorted(p for p in path.rglob("*") if p.is_file() and is_data_file(p))
        if not data:
            raise CorpusError(
                "the folder holds no .txt, .csv, .tsv, .jsonl(.gz) or .parquet files.",
                source=str(path),
            )
        for file in data:
            yield from read_file(file, options, report)
        return
    yield from read_file(path, options, report)


def is_data_file(path: Path) -> bool:
    return path.name.lower().endswith(DATA_SUFFIXES)


def read_file(path: Path, options: dict[str, Any], report: ReadReport) -> Iterator[Document]:
    report.files += 1
    name = path.name.lower()
    if name.endswith(".txt"):
        yield from read_txt(path, path.parent, options, report)
    elif name.endswith((".csv", ".tsv")):
        yield from _read_csv(path, options, report, "\t" if name.endswith(".tsv") else None)
    elif name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".json")):
        yield from _read_jsonl(path, options, report)
    elif name.endswith(".parquet"):
        yield from _read_parquet(path, options, report)
    elif name.endswith(_SPREADSHEETS):
        raise CorpusError(
            "is a spreadsheet, which framing does not read: save it as 'CSV UTF-8' (File > Save "
            "As) and read the .csv.",
            source=str(path),
        )
    else:
        raise CorpusError(
            "unknown file type; framing reads .txt, .csv, .tsv, .jsonl, .jsonl.gz and .parquet.",
            source=str(path),
        )


def decode_error(path: Path, exc: UnicodeDecodeError, encoding: str) -> CorpusError:
    name = encoding.lower().replace("-", "").replace("_", "")
    if name in ("utf8", "utf8sig"):
        hint = ("if it is a Windows Arabic file, pass --encoding auto to tell UTF-8 from cp1256 "
                "file by file, or pass --encoding cp1256")
    else:
        hint = "check the --encoding option (--encoding auto tells UTF-8 from cp1256 per file)"
    return CorpusError(
        f"cannot decode as {encoding} ({exc.reason} at byte {exc.start}); {hint}.",
        source=str(path),
    )


def read_txt(file: Path, root: Path, options: dict[str, Any], report: ReadReport
             ) -> Iterator[Document]:
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise unreadable(file, exc) from None
    encoding = choose_encoding(file, options["encoding"], report, head=data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise decode_error(file, exc, encoding.removesuffix("-sig")) from None
    text = text.removeprefix("\ufeff")
    rel = file.relative_to(root)
    outlet = rel.parts[0] if len(rel.parts) > 1 else root.name
    if len(rel.parts) == 1:
        report.note(f"{root}: .txt files outside sub-folders get the folder's name {root.name!r} as "
                    "their outlet; to set outlets, put each outlet's files in a sub-folder named "
                    "after it (FOLDER/OUTLET/*.txt), or give a CSV with an outlet column.")
    doc_id = rel.as_posix()
    if not text.strip():
        report.skip("empty", doc_id)
        return
    yield Document(doc_id, outlet, text)


_igzip: Any
_IsalError: Any
try:  # ISA-L's gzip: the same bytes as zlib's, decompressed about three times faster
    import isal.igzip as _isal_igzip
    from isal.igzip_lib import IsalError as _IsalErrorType

    _igzip, _IsalError = _isal_igzip, _IsalErrorType
except ImportError:  # pragma: no cover - a dependency where it has wheels
    _igzip = None
    _IsalError = zlib.error

#: What reading a truncated or damaged file raises (decoding errors are reported apart).
READ_ERRORS: tuple[type[BaseException], ...] = (OSError, EOFError, zlib.error, _IsalError)


def open_binary(path: Path) -> Any:
    """``path`` opened for reading bytes; a ``.gz`` file is decompressed as it is read (with
    ISA-L's igzip when it is installed, else with :mod:`gzip`)."""
    if not path.name.lower().endswith(".gz"):
        return open(path, "rb")
    return (_igzip or gzip).open(path, "rb")


def unreadable(path: Path, exc: BaseException) -> CorpusError:
    """The error for a file that cannot be read to its end (one of :data:`READ_ERRORS`)."""
    if isinstance(exc, PermissionError):
        return CorpusError("no permission to read the file; check its permissions.", source=str(path))
    if isinstance(exc, IsADirectoryError):
        return CorpusError("is a folder where a file was expected.", source=str(path))
    return CorpusError(f"cannot read the file ({one_line(exc)}); is it a complete, undamaged .gz file?",
                       source=str(path))


def open_text(path: Path, encoding: str, report: ReadReport | None = None) -> io.TextIOBase:
    """``path`` opened for reading text in the encoding :func:`~framing.io.encodings.choose_encoding`
    picks for it (notes about the choice go to ``report``)."""
    codec = choose_encoding(path, encoding, report)
    try:
        raw = open_binary(path)
    except OSError as exc:
        raise unreadable(path, exc) from None
    return io.TextIOWrapper(raw, encoding=codec, newline="")


def jsonl_row(line: str, where: str, report: ReadReport) -> dict[str, Any] | None:
    """The JSON object on one line; None for a blank line, or for a line that holds no
    object, which is counted in ``report`` as an unreadable row at ``where``."""
    if not line.strip():
        return None
    try:
        row = json.loads(line)
    except ValueError:
        report.skip("unreadable", where, "not valid JSON")
        return None
    if not isinstance(row, dict):
        report.skip("unreadable", where, "not a JSON object")
        return None
    if "\\ud" in line or "\\uD" in line:  # a \\ud800-\\udfff escape: maybe a lone surrogate
        for key, value in row.items():
            if isinstance(value, str) and SURROGATE_RE.search(value):
                row[key] = replace_surrogates(value)
                report.note(SURROGATE_NOTE)
    return row


def check_first_line(line: str, path: Path) -> None:
    """Refuse a JSON array (``[{...}, ...]``) read as JSON Lines: every line would be unreadable.

    ``line`` is the file's first line that is not blank."""
    if line.lstrip("\ufeff \t").startswith("["):
        raise CorpusError("holds a JSON array, not JSON Lines (one object per line); convert it, "
                          "e.g. jq -c '.[]' FILE > FILE.jsonl.", source=str(path))


def _read_jsonl(path: Path, options: dict[str, Any], report: ReadReport) -> Iterator[Document]:
    columns: dict[str, str | None] | None = None
    first = True
    with open_text(path, options["encoding"], report) as fh:
        try:
            for lineno, line in enumerate(fh, start=1):
                if first and line.strip():
                    check_first_line(line, path)
                    first = False
                row = jsonl_row(line, f"{path}:{lineno}", report)
                if row is None:
                    continue
                if columns is None:
                    columns = resolve_columns(options, list(row), str(path), report)
                doc = to_document(row, columns, f"{path.stem}:{lineno}", report, f"{path}:{lineno}")
                if doc is not None:
                    yield doc
        except UnicodeDecodeError as exc:
            raise decode_error(path, exc, fh.encoding.removesuffix("-sig")) from None
        except READ_ERRORS as exc:
            raise unreadable(path, exc) from None


def _delimiter(header: str) -> str:
    """The delimiter that splits the header line into the most fields (the comma on a tie)."""
    def fields(delimiter: str) -> int:
        try:
            return len(next(csv.reader([header], delimiter=delimiter), []))
        except csv.Error:  # a quoted field running past the line
            return 0

    return max(CSV_DELIMITERS, key=fields)


def _read_csv(path: Path, options: dict[str, Any], report: ReadReport, delimiter: str | None
              ) -> Iterator[Document]:
    csv.field_size_limit(1 << 30)
    with open_text(path, options["encoding"], report) as fh:
        reader: Any = None
        try:
            first = fh.readline()
            if not first.strip():
                raise CorpusError("the file is empty." if not first else
                                  "the first line is blank; it should hold the column names.",
                                  source=str(path))
            if delimiter is None:
                delimiter = _delimiter(first)
                if delimiter != ",":
                    report.note(f"{path}: read with {delimiter!r} as the delimiter (guessed from "
                                "the header line).")
            reader = csv.reader(chain([first], fh), delimiter=delimiter)
            header = [h.strip() for h in next(reader)]
            columns = resolve_columns(options, header, str(path), report)
            for rownum, values in enumerate(reader, start=2):
                if not values:
                    continue
                if len(values) != len(header):
                    report.skip("unreadable", f"{path}:{rownum}",
                                f"{len(values)} fields, the header has {len(header)}")
                    continue
                row = dict(zip(header, values, strict=True))
                doc = to_document(row, columns, f"{path.stem}:{rownum}", report, f"{path}:{rownum}")
                if doc is not None:
                    yield doc
        except UnicodeDecodeError as exc:
            raise decode_error(path, exc, fh.encoding.removesuffix("-sig")) from None
        except csv.Error as exc:
            line = f" at line {reader.line_num}" if reader is not None else ""
            raise CorpusError(f"malformed CSV{line} ({one_line(exc)}).", source=str(path)) from None
        except READ_ERRORS as exc:
            raise unreadable(path, exc) from None


def _read_parquet(path: Path, options: dict[str, Any], report: ReadReport) -> Iterator[Document]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise CorpusError(
            "reading Parquet needs pyarrow (a dependency of framing that is missing); pip install pyarrow.",
            source=str(path),
        ) from None
    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a bad file
        raise CorpusError(f"not a readable Parquet file ({one_line(exc)}).", source=str(path)) from None
    columns = resolve_columns(options, pf.schema_arrow.names, str(path), report)
    rownum = 0
    batches = pf.iter_batches(batch_size=2048)
    while True:
        try:
            batch = next(batches, None)
        except (OSError, pa.ArrowException) as exc:
            raise CorpusError(
                f"the Parquet file is damaged after row {rownum:,} ({one_line(exc)}); export it again "
                "from its source.",
                source=str(path)) from None
        if batch is None:
            return
        for row in batch.to_pylist():
            rownum += 1
            doc = to_document(row, columns, f"{path.stem}:{rownum}", report, f"{path}:{rownum}")
            if doc is not None:
                yield doc
