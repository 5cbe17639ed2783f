"""JSON Lines files as units of raw lines: the main process splits, the workers parse.

A single JSON Lines file (the commonest large input) is cut into
:class:`Lines` units of ``chunk_size`` lines by :func:`line_chunks`: the main
process only decompresses and splits the file (cheap), the worker parses the
JSON (the costly part), with the columns resolved once on the file's first
object, as :func:`framing.read_corpus` does. A UTF-8 file travels as
undecoded bytes; any other encoding (:mod:`framing.io.encodings`) as decoded
lines.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .documents import Document, ReadReport
from .encodings import choose_encoding
from .formats import (
    READ_ERRORS,
    check_first_line,
    decode_error,
    jsonl_row,
    open_binary,
    resolve_columns,
    to_document,
    unreadable,
)

__all__ = ["Lines", "count_lines", "line_chunks"]


@dataclass
class Lines:
    """Raw lines of one JSON Lines file, from line ``first``: the main process decompresses and
    splits the file, the worker parses the lines (with the columns resolved on the file's first
    object, as :func:`framing.read_corpus` does).

    ``lines`` is a list of decoded lines, or (UTF-8 files) the undecoded bytes of whole lines
    starting at byte ``offset`` of the decompressed file: the worker decodes and splits them
    exactly as the reader's text mode does (``newline=""``), and the main process neither
    decodes them nor pickles them as text.
    """

    index: int
    path: str
    first: int
    lines: list[str] | bytes
    columns: dict[str, str | None]
    offset: int = 0
    #: The unit holds its lines (an engine sends them to a worker), not a path to read.
    carries_data = True

    def label(self) -> str:
        return f"lines {self.first:,}-{self.first + self.count() - 1:,} of {self.path}"

    def count(self) -> int:
        if isinstance(self.lines, list):
            return len(self.lines)
        return count_lines(self.lines)

    def documents(self, report: ReadReport) -> Iterator[Document]:
        path = Path(self.path)
        lines: Iterable[str] = self.lines if isinstance(self.lines, list) else self._decoded(path)
        for lineno, line in enumerate(lines, start=self.first):
            row = jsonl_row(line, f"{path}:{lineno}", report)
            del line  # a long document's line is not kept while its document is processed
            if row is None:
                continue
            doc = to_document(row, self.columns, f"{path.stem}:{lineno}", report, f"{path}:{lineno}")
            del row
            if doc is not None:
                report.documents += 1
                yield doc

    def _decoded(self, path: Path) -> Iterator[str]:
        """The lines of the undecoded bytes, decoded one at a time (a copy of one line at a time,
        not of the whole unit), split as text mode with ``newline=""`` splits them."""
        assert isinstance(self.lines, bytes)
        data = self.lines
        if b"\r" in data:  # \r\n or \r ends a line too: the general (slower) split
            spans: Iterable[tuple[int, int]] = (m.span() for m in _LINE.finditer(data))
        else:
            spans = _newline_spans(data)
        for start, end in spans:
            try:
                yield data[start:end].decode("utf-8")
            except UnicodeDecodeError as exc:
                exc.start += self.offset + start
                raise decode_error(path, exc, "utf-8") from None


def _newline_spans(data: bytes) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each line of ``data`` that holds no \\r (a line keeps its \\n)."""
    pos, size = 0, len(data)
    while pos < size:
        end = data.find(b"\n", pos)
        end = size if end < 0 else end + 1
        yield pos, end
        pos = end


#: A line of bytes and its end (\n, \r\n or \r), or the last line without one.
_LINE = re.compile(rb".*?(?:\r\n|\r|\n)|.+", re.S)


def count_lines(data: bytes) -> int:
    """Lines of ``data`` as text mode with ``newline=""`` splits them (at \\n, \\r\\n or \\r)."""
    ends = data.count(b"\n")
    if b"\r" in data:
        ends += data.count(b"\r") - data.count(b"\r\n")
    return ends + (1 if data and not data.endswith((b"\n", b"\r")) else 0)


def line_chunks(path: Path, options: dict[str, Any], report: ReadReport, chunk_size: int
                 ) -> Iterator[Lines]:
    """One JSON Lines file as :class:`Lines` units; errors of the file itself are raised here."""
    codec = choose_encoding(path, options["encoding"], report)
    if codec == "utf-8-sig":
        yield from _byte_chunks(path, options, report, chunk_size)
        return
    columns: dict[str, str | None] | None = None
    batch: list[str] = []
    first = index = 0
    first_line = True
    try:
        raw = open_binary(path)
    except OSError as exc:
        raise unreadable(path, exc) from None
    with io.TextIOWrapper(raw, encoding=codec, newline="") as fh:
        try:
            for lineno, line in enumerate(fh, start=1):
                if columns is None:  # resolve the columns on the first object, as _read_jsonl does
                    if first_line and line.strip():
                        check_first_line(line, path)
                        first_line = False
                    row = jsonl_row(line, f"{path}:{lineno}", report)
                    if row is None:
                        continue
                    columns = resolve_columns(options, list(row), str(path), report)
                if not batch:
                    first = lineno
                batch.append(line)
                if len(batch) >= chunk_size:
                    units, batch, line = batch, [], ""
                    yield Lines(index, str(path), first, units, columns)
                    index = index + 1
        except UnicodeDecodeError as exc:
            raise decode_error(path, exc, codec) from None
        except READ_ERRORS as exc:
            raise unreadable(path, exc) from None
    if batch and columns is not None:
        yield Lines(index, str(path), first, batch, columns)


def _byte_chunks(path: Path, options: dict[str, Any], report: ReadReport, chunk_size: int
                 ) -> Iterator[Lines]:
    """:func:`_line_chunks` of a UTF-8 file: ``chunk_size`` lines of undecoded bytes a unit.

    Lines before the first object are decoded here to resolve the columns; a
    byte-order mark at the start is dropped, as the reader's ``utf-8-sig`` does.
    """
    columns: dict[str, str | None] | None = None
    batch: list[bytes] = []
    first_line = True
    lineno = 1  # the text-mode line number of the next line
    first = index = offset = start = 0
    try:
        raw = open_binary(path)
    except OSError as exc:
        raise unreadable(path, exc) from None
    with raw:
        try:
            for line in raw:
                if offset == 0 and line.startswith(codecs.BOM_UTF8):
                    line, offset = line[len(codecs.BOM_UTF8):], len(codecs.BOM_UTF8)
                if columns is None:  # resolve the columns on the first object, as _read_jsonl does
                    for text in io.StringIO(line.decode("utf-8"), newline=""):
                        if first_line and text.strip():
                            check_first_line(text, path)
                            first_line = False
                        row = jsonl_row(text, f"{path}:{lineno}", report)
                        if row is not None and columns is None:
                            columns = resolve_columns(options, list(row), str(path), report)
                        if columns is None:
                            lineno += 1
                    if columns is None:
                        offset += len(line)
                        continue
                if not batch:
                    first, start = lineno, offset
                batch.append(line)
                offset += len(line)
                if len(batch) >= chunk_size:
                    data, batch, line = b"".join(batch), [], b""
                    yield Lines(index, str(path), first, data, columns, start)
                    index, lineno = index + 1, lineno + count_lines(data)
                    del data
        except UnicodeDecodeError as exc:
            exc.start += offset
            raise decode_error(path, exc, "utf-8") from None
        except READ_ERRORS as exc:
            raise unreadable(path, exc) from None
    if batch and columns is not None:
        data, batch = b"".join(batch), []
        yield Lines(index, str(path), first, data, columns, start)
