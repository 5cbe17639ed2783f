"""The readers of each file format: folders of .txt files, CSV/TSV, JSON Lines (.gz) and Parquet.

Each reader streams :class:`~framing.io.documents.Document` objects and counts
every row it cannot use in a :class:`~framing.io.documents.ReadReport`.

Column roles and their defaults: ``text``, ``outlet``, ``id``, ``date``,
``title``. When a default column is absent, well-known alternatives are
tried (e.g. Media Cloud's ``media_name``/``publish_date``/``stories_id``), so
Media Cloud CSV exports read without flags; a column you name explicitly must
exist, or the error lists the columns present.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import CorpusError
from .documents import SURROGATE_NOTE, SURROGATE_RE, Document, ReadReport, replace_surrogates

__all__ = [
    "ALIASES",
    "DATA_SUFFIXES",
    "DEFAULT_COLUMNS",
    "READ_ERRORS",
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

#: Alternatives tried, in order, when a role's default column is absent.
ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "full_text", "article", "story_text", "paragraph"),
    "outlet": ("outlet", "media_name", "source", "outlet_name", "publisher", "page_domain"),
    "id": ("id", "stories_id", "doc_id", "article_id", "guid", "url"),
    "date": ("date", "publish_date", "published_time", "published", "date_extracted", "page_date"),
    "title": ("title", "headline", "page_title"),
}

DEFAULT_COLUMNS = {"text": "text", "outlet": "outlet", "id": "id", "date": "date", "title": "title"}


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
        yield from _read_csv(path, options, report, "\t" if name.endswith(".tsv") else ",")
    elif name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".json")):
        yield from _read_jsonl(path, options, report)
    elif name.endswith(".parquet"):
        yield from _read_parquet(path, options, report)
    else:
        raise CorpusError(
            "unknown file type; framing reads .txt, .csv, .tsv, .jsonl, .jsonl.gz and .parquet.",
            source=str(path),
        )


def decode_error(path: Path, exc: UnicodeDecodeError, encoding: str) -> CorpusError:
    hint = (
        "if it is a Windows Arabic file, pass --encoding cp1256"
        if encoding.lower().replace("-", "") in ("utf8", "utf8sig")
        else "check the --encoding option"
    )
    return CorpusError(
        f"cannot decode as {encoding} ({exc.reason} at byte {exc.start}); {hint}.",
        source=str(path),
    )


def read_txt(file: Path, root: Path, options: dict[str, Any], report: ReadReport
              ) -> Iterator[Document]:
    encoding = options["encoding"]
    try:
        text = file.read_bytes().decode(encoding)
    except UnicodeDecodeError as exc:
        raise decode_error(file, exc, encoding) from None
    text = text.removeprefix("\ufeff")
    rel = file.relative_to(root)
    outlet = rel.parts[0] if len(rel.parts) > 1 else root.name
    doc_id = rel.as_posix()
    if not text.strip():
        report.skip("empty", doc_id)
        return
    yield Document(doc_id, outlet, text)


try:  # ISA-L's gzip: the same bytes as zlib's, decompressed about three times faster
    from isal import igzip as _igzip
    from isal.igzip_lib import IsalError as _IsalError
except ImportError:  # pragma: no cover - a dependency where it has wheels
    _igzip, _IsalError = None, zlib.error

#: What reading a truncated or damaged file raises (decoding errors are reported apart).
READ_ERRORS = (OSError, EOFError, zlib.error, _IsalError)


def open_binary(path: Path) -> Any:
    """``path`` opened for reading bytes; a ``.gz`` file is decompressed as it is read (with
    ISA-L's igzip when it is installed, else with :mod:`gzip`)."""
    if not path.name.lower().endswith(".gz"):
        return open(path, "rb")
    return (_igzip or gzip).open(path, "rb")


def unreadable(path: Path, exc: BaseException) -> CorpusError:
    """The error for a file that cannot be read to its end (one of :data:`READ_ERRORS`)."""
    return CorpusError(f"cannot read the file ({exc}); is it a complete, undamaged .gz file?",
                       source=str(path))


def open_text(path: Path, encoding: str) -> io.TextIOBase:
    raw = open_binary(path)
    enc = "utf-8-sig" if encoding.lower().replace("-", "") == "utf8" else encoding
    return io.TextIOWrapper(raw, encoding=enc, newline="")


def jsonl_row(line: str, where: str, report: ReadReport) -> dict[str, Any] | None:
    """The JSON object on one line; None for a blank line, or for a line that holds no
    object, which is counted in ``report`` as an unreadable row at ``where``."""
    if not line.strip():
        return None
    try:
        row = json.loads(line)
    except ValueError:
        row = None
    if not isinstance(row, dict):
        report.skip("unreadable", where)
        return None
    if "\\ud" in line or "\\uD" in line:  # a \\ud800-\\udfff escape: maybe a lone surrogate
        for key, value in row.items():
            if isinstance(value, str) and SURROGATE_RE.search(value):
                row[key] = replace_surrogates(value)
                report.note(SURROGATE_NOTE)
    return row


def _read_jsonl(path: Path, options: dict[str, Any], report: ReadReport) -> Iterator[Document]:
    columns: dict[str, str | None] | None = None
    with open_text(path, options["encoding"]) as fh:
        try:
            for lineno, line in enumerate(fh, start=1):
                row = jsonl_row(line, f"{path}:{lineno}", report)
                if row is None:
                    continue
                if columns is None:
                    columns = resolve_columns(options, list(row), str(path), report)
                doc = to_document(row, columns, f"{path.stem}:{lineno}", report, f"{path}:{lineno}")
                if doc is not None:
                    yield doc
        except UnicodeDecodeError as exc:
            raise decode_error(path, exc, options["encoding"]) from None
        except READ_ERRORS as exc:
            raise unreadable(path, exc) from None


def _read_csv(path: Path, options: dict[str, Any], report: ReadReport, delimiter: str
              ) -> Iterator[Document]:
    csv.field_size_limit(1 << 30)
    with open_text(path, options["encoding"]) as fh:
        try:
            reader = csv.reader(fh, delimiter=delimiter)
            header = next(reader, None)
            if header is None:
                raise CorpusError("the file is empty.", source=str(path))
            header = [h.strip() for h in header]
            columns = resolve_columns(options, header, str(path), report)
            for rownum, values in enumerate(reader, start=2):
                if not values:
                    continue
                if len(values) != len(header):
                    report.skip("unreadable", f"{path}:{rownum} ({len(values)} fields, "
                                              f"header has {len(header)})")
                    continue
                row = dict(zip(header, values, strict=True))
                doc = to_document(row, columns, f"{path.stem}:{rownum}", report, f"{path}:{rownum}")
                if doc is not None:
                    yield doc
        except UnicodeDecodeError as exc:
            raise decode_error(path, exc, options["encoding"]) from None
        except csv.Error as exc:
            raise CorpusError(f"malformed CSV ({exc}).", source=str(path)) from None


def _read_parquet(path: Path, options: dict[str, Any], report: ReadReport) -> Iterator[Document]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise CorpusError(
            "reading Parquet needs pyarrow (a dependency of framing that is missing); pip install pyarrow.",
            source=str(path),
        ) from None
    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a bad file
        raise CorpusError(f"not a readable Parquet file ({exc}).", source=str(path)) from None
    columns = resolve_columns(options, pf.schema_arrow.names, str(path), report)
    rownum = 0
    for batch in pf.iter_batches(batch_size=2048):
        for row in batch.to_pylist():
            rownum += 1
            doc = to_document(row, columns, f"{path.stem}:{rownum}", report, f"{path}:{rownum}")
            if doc is not None:
                yield doc


def rows_to_documents(rows: Iterable[dict[str, Any]], options: dict[str, Any], source: str,
                  report: ReadReport, header: list[str]) -> Iterator[Document]:
    columns = resolve_columns(options, [str(h) for h in header], source, report)
    for i, row in enumerate(rows, start=1):
        doc = to_document(row, columns, str(i - 1), report, f"{source} row {i}")
        if doc is not None:
            yield doc


def resolve_columns(options: dict[str, Any], header: list[str], source: str, report: ReadReport
             ) -> dict[str, str | None]:
    """Map each role to a column of ``header`` (or None), or raise for a missing one."""
    present = set(header)
    out: dict[str, str | None] = {}
    for role, default in DEFAULT_COLUMNS.items():
        asked = options[role]
        if asked in present:
            out[role] = asked
        elif asked != default:
            raise CorpusError(
                f"no column {asked!r} (--{role}-col); columns present: {', '.join(header)}.",
                source=source,
            )
        else:
            out[role] = next((c for c in ALIASES[role] if c in present), None)
    if out["text"] is None:
        if out["title"] is None:
            raise CorpusError(
                f"no text column (looked for {', '.join(ALIASES['text'])}); name it with "
                f"--text-col. Columns present: {', '.join(header)}.",
                source=source,
            )
        report.note(f"{source}: no text column; analysing titles only (as in Media Cloud exports).")
    if out["outlet"] is None:
        report.note(f"{source}: no outlet column; every document's outlet is the file name.")
    return out


def to_document(row: dict[str, Any], columns: dict[str, str | None], fallback_id: str,
            report: ReadReport, where: str) -> Document | None:
    def get(role: str) -> str:
        col = columns[role]
        value = row.get(col) if col else None
        if value is None or (isinstance(value, float) and value != value):  # None or NaN
            return ""
        return str(value)

    text, title = get("text"), get("title")
    if columns["text"] is None:
        text, title = title, ""
    if title.strip() and text.strip():
        text = f"{title.strip()}\n\n{text}"
    elif title.strip():
        text = title.strip()
    if not text.strip():
        report.skip("empty", where)
        return None
    outlet = get("outlet") or (fallback_id.rsplit(":", 1)[0] if columns["outlet"] is None else "")
    used = {c for c in columns.values() if c}
    meta = {k: v for k, v in row.items() if k not in used}
    return Document(get("id") or fallback_id, outlet or "(none)", text, get("date") or None, meta)
