"""Read corpora: folders of .txt files, CSV/TSV, JSONL(.gz) and Parquet, streamed.

:func:`read_corpus` returns a :class:`Corpus`, a re-iterable stream of
:class:`Document` objects. Nothing is held in memory beyond the current chunk,
so counting a corpus of any size holds memory flat. Every row that cannot be
used (empty text, malformed JSON line) is counted in :attr:`Corpus.report`,
never dropped silently.

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
import re
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import CorpusError
from ..utils import plural

__all__ = [
    "Corpus",
    "Document",
    "ReadReport",
    "as_corpus",
    "load_sample",
    "read_corpus",
    "sample_path",
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
_DEFAULTS = {"text": "text", "outlet": "outlet", "id": "id", "date": "date", "title": "title"}


@dataclass(slots=True)
class Document:
    """One document.

    Attributes
    ----------
    doc_id : str
        Unique id (the ``id`` column, or the path relative to the folder for
        ``.txt`` files, or ``FILE:ROW`` when the input has no id).
    outlet : str
        The outlet (or any grouping) the document belongs to.
    text : str
        The text analysed; offsets refer to it. When a title column is
        present the title is prepended, followed by a blank line.
    date : str or None
        The date as written in the input.
    meta : dict
        Every other column, for ``--by`` grouping.
    """

    doc_id: str
    outlet: str
    text: str
    date: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class ReadReport:
    """What reading a corpus did: documents read and rows skipped, with reasons."""

    documents: int = 0
    empty: int = 0
    unreadable: int = 0
    files: int = 0
    examples: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: Shards left out with ``--skip-bad-shards``, each with the reason.
    skipped_files: list[str] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        """Rows that produced no document."""
        return self.empty + self.unreadable

    def skip(self, kind: str, where: str) -> None:
        setattr(self, kind, getattr(self, kind) + 1)
        if len(self.examples) < 20:
            self.examples.append(f"{where}: {kind}")

    def note(self, message: str) -> None:
        if message not in self.notes:
            self.notes.append(message)

    def merge(self, other: ReadReport) -> None:
        """Add another report's counts (e.g. one shard read by a worker) to this one."""
        self.documents += other.documents
        self.empty += other.empty
        self.unreadable += other.unreadable
        self.files += other.files
        self.examples.extend(other.examples[:max(0, 20 - len(self.examples))])
        for note in other.notes:
            self.note(note)
        self.skipped_files.extend(other.skipped_files)

    def summary(self) -> str:
        """One line, for the terminal and the report."""
        line = f"{plural(self.documents, 'document')} read from {plural(self.files, 'file')}"
        if self.skipped:
            line += (
                f"; skipped {plural(self.skipped, 'row')}: {self.empty:,} with empty text, "
                f"{self.unreadable:,} unreadable"
            )
            if self.examples:
                line += f" (first: {self.examples[0]})"
        if self.skipped_files:
            line += (f"; skipped {plural(len(self.skipped_files), 'unreadable shard')} "
                     f"(--skip-bad-shards; first: {self.skipped_files[0]})")
        return line


class Corpus:
    """A re-iterable stream of :class:`Document`.

    Create it with :func:`read_corpus` or :func:`load_sample`. Iterating again
    re-reads the files; :attr:`report` describes the latest complete pass.
    """

    def __init__(self, paths: Sequence[Path] | None, options: dict[str, Any], *,
                 documents: Iterable[Document] | None = None, name: str = "") -> None:
        self.paths = list(paths or [])
        self.options = options
        self._documents = documents
        self.name = name or ", ".join(str(p) for p in self.paths)
        self.report = ReadReport()

    def __iter__(self) -> Iterator[Document]:
        report = ReadReport()
        self.report = report
        if self._documents is not None:
            report.files = 0
            for doc in self._documents:
                if not doc.text or not doc.text.strip():
                    report.skip("empty", doc.doc_id)
                    continue
                if _has_surrogate(doc):
                    doc = _without_surrogates(doc)
                    report.note(_SURROGATE_NOTE_DOCS)
                report.documents += 1
                yield doc
            return
        for path in self.paths:
            for doc in _read_path(path, self.options, report):
                report.documents += 1
                yield doc

    @property
    def in_memory(self) -> bool:
        """Whether the documents are already held in memory (not read from files)."""
        return isinstance(self._documents, (list, tuple))

    def to_frame(self) -> Any:
        """Load the whole corpus into a DataFrame (``doc_id, outlet, date, text``)."""
        import pandas as pd

        return pd.DataFrame(
            [{"doc_id": d.doc_id, "outlet": d.outlet, "date": d.date, "text": d.text, **d.meta}
             for d in self]
        )

    def __repr__(self) -> str:
        return f"Corpus({self.name!r})"


def read_corpus(
    paths: str | Path | Sequence[str | Path] | Any,
    *,
    text_col: str = "text",
    outlet_col: str = "outlet",
    id_col: str = "id",
    date_col: str = "date",
    title_col: str = "title",
    encoding: str = "utf-8",
) -> Corpus:
    """Open a corpus for streaming.

    Parameters
    ----------
    paths : path, list of paths, or DataFrame
        Files or folders. A folder of ``.txt`` files gives one document per
        file, ``outlet`` = its first sub-folder and ``doc_id`` = its path
        relative to the folder. Otherwise every ``.csv``, ``.tsv``,
        ``.jsonl``, ``.jsonl.gz`` and ``.parquet`` file is read. A pandas
        DataFrame is read with the same column options.
    text_col, outlet_col, id_col, date_col, title_col : str
        Column names (see the module docstring for fall-backs).
    encoding : str
        Text encoding of the files, e.g. ``"cp1256"`` for Windows Arabic.

    Returns
    -------
    Corpus

    Raises
    ------
    CorpusError
        A path does not exist, a file cannot be decoded, or a named column
        is missing (the message lists the columns present).

    Examples
    --------
    >>> corpus = load_sample()
    >>> doc = next(iter(corpus))
    >>> sorted({d.outlet for d in corpus})[:1] != []
    True
    """
    options = {
        "text": text_col, "outlet": outlet_col, "id": id_col, "date": date_col,
        "title": title_col, "encoding": encoding,
    }
    if type(paths).__module__.startswith("pandas") and hasattr(paths, "to_dict"):  # a DataFrame
        docs = list(_rows_to_docs(paths.to_dict("records"), options, "<DataFrame>",
                                  ReadReport(), list(paths.columns)))
        return Corpus(None, options, documents=docs, name="<DataFrame>")
    if isinstance(paths, (str, Path)):
        paths = [paths]
    resolved = []
    for p in paths:
        path = Path(p)
        if not path.exists():
            raise CorpusError("no such file or folder; check the path.", source=str(path))
        resolved.append(path)
    if not resolved:
        raise CorpusError("no input given; pass one or more files or folders, or --sample.")
    try:
        "".encode(encoding)
    except LookupError:
        raise CorpusError(f"unknown encoding {encoding!r}; try utf-8 or cp1256.") from None
    return Corpus(resolved, options)


def sample_path() -> Path:
    """Path of the bundled constructed sample corpus (``articles.jsonl``)."""
    installed = resources.files("framing").joinpath("corpora", "sample", "articles.jsonl")
    if installed.is_file():
        return Path(str(installed))
    # A source checkout or editable install: corpora/ sits beside framing/.
    checkout = Path(__file__).resolve().parents[2] / "corpora" / "sample" / "articles.jsonl"
    if checkout.is_file():
        return checkout
    raise CorpusError("the bundled sample corpus is missing from this installation; reinstall framing.")


def load_sample() -> Corpus:
    """The bundled **constructed** sample corpus (fictional outlets and events).

    See ``corpora/sample/CARD.md``. Equivalent to ``--sample`` on the command
    line.
    """
    corpus = read_corpus(sample_path())
    corpus.name = "sample (constructed)"
    return corpus


# ----------------------------------------------------------------------------
# Per-format readers
# ----------------------------------------------------------------------------


def _read_path(path: Path, options: dict[str, Any], report: ReadReport) -> Iterator[Document]:
    if path.is_dir():
        txt = sorted(p for p in path.rglob("*.txt") if p.is_file())
        if txt:
            for file in txt:
                report.files += 1
                yield from _read_txt(file, path, options, report)
            return
        data = sorted(p for p in path.rglob("*") if p.is_file() and _is_data(p))
        if not data:
            raise CorpusError(
                "the folder holds no .txt, .csv, .tsv, .jsonl(.gz) or .parquet files.",
                source=str(path),
            )
        for file in data:
            yield from _read_file(file, options, report)
        return
    yield from _read_file(path, options, report)


def _is_data(path: Path) -> bool:
    return path.name.lower().endswith(DATA_SUFFIXES)


def _read_file(path: Path, options: dict[str, Any], report: ReadReport) -> Iterator[Document]:
    report.files += 1
    name = path.name.lower()
    if name.endswith(".txt"):
        yield from _read_txt(path, path.parent, options, report)
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


def _decode_error(path: Path, exc: UnicodeDecodeError, encoding: str) -> CorpusError:
    hint = (
        "if it is a Windows Arabic file, pass --encoding cp1256"
        if encoding.lower().replace("-", "") in ("utf8", "utf8sig")
        else "check the --encoding option"
    )
    return CorpusError(
        f"cannot decode as {encoding} ({exc.reason} at byte {exc.start}); {hint}.",
        source=str(path),
    )


def _read_txt(file: Path, root: Path, options: dict[str, Any], report: ReadReport
              ) -> Iterator[Document]:
    encoding = options["encoding"]
    try:
        text = file.read_bytes().decode(encoding)
    except UnicodeDecodeError as exc:
        raise _decode_error(file, exc, encoding) from None
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


def _open_text(path: Path, encoding: str) -> io.TextIOBase:
    raw = open_binary(path)
    enc = "utf-8-sig" if encoding.lower().replace("-", "") == "utf8" else encoding
    return io.TextIOWrapper(raw, encoding=enc, newline="")


def _jsonl_row(line: str, where: str, report: ReadReport) -> dict[str, Any] | None:
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
            if isinstance(value, str) and _SURROGATE.search(value):
                row[key] = _replace_surrogates(value)
                report.note(_SURROGATE_NOTE)
    return row


# A surrogate code point left alone by JSON decoding (a pair makes one character): it is not a
# character and has no UTF-8 form, so nothing downstream could write or index it.
_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_NOTE = ("lone surrogate escapes (\\ud800-\\udfff, not characters) were replaced by "
                   "U+FFFD; offsets are unchanged")
_SURROGATE_NOTE_DOCS = ("lone surrogates (\\ud800-\\udfff, not characters) in the documents were "
                        "replaced by U+FFFD; offsets are unchanged")


def _has_surrogate(doc: Document) -> bool:
    """Whether a string of ``doc`` has no UTF-8 form (a lone surrogate), which pyarrow, pandas'
    string columns and the output files cannot hold. Documents made in Python can have one
    (``"\\ud83d"`` cut from its pair, text decoded with ``surrogateescape``)."""
    try:  # UTF-16 refuses surrogates as UTF-8 does, three times faster (a copy, for BMP text)
        for value in (doc.text, doc.doc_id, doc.outlet, doc.date, *doc.meta.values()):
            if isinstance(value, str) and not value.isascii():
                value.encode("utf-16-le")
    except UnicodeEncodeError:
        return True
    return False


def _replace_surrogates(value: Any) -> Any:
    """``value`` with each lone surrogate replaced by U+FFFD (one character for one: offsets stay)."""
    return _SURROGATE.sub("\ufffd", value) if isinstance(value, str) else value


def _without_surrogates(doc: Document) -> Document:
    clean = _replace_surrogates
    return replace(doc, text=clean(doc.text), doc_id=clean(doc.doc_id), outlet=clean(doc.outlet),
                   date=clean(doc.date), meta={key: clean(value) for key, value in doc.meta.items()})


def _read_jsonl(path: Path, options: dict[str, Any], report: ReadReport) -> Iterator[Document]:
    columns: dict[str, str | None] | None = None
    with _open_text(path, options["encoding"]) as fh:
        try:
            for lineno, line in enumerate(fh, start=1):
                row = _jsonl_row(line, f"{path}:{lineno}", report)
                if row is None:
                    continue
                if columns is None:
                    columns = _resolve(options, list(row), str(path), report)
                doc = _to_doc(row, columns, f"{path.stem}:{lineno}", report, f"{path}:{lineno}")
                if doc is not None:
                    yield doc
        except UnicodeDecodeError as exc:
            raise _decode_error(path, exc, options["encoding"]) from None
        except READ_ERRORS as exc:
            raise unreadable(path, exc) from None


def _read_csv(path: Path, options: dict[str, Any], report: ReadReport, delimiter: str
              ) -> Iterator[Document]:
    csv.field_size_limit(1 << 30)
    with _open_text(path, options["encoding"]) as fh:
        try:
            reader = csv.reader(fh, delimiter=delimiter)
            header = next(reader, None)
            if header is None:
                raise CorpusError("the file is empty.", source=str(path))
            header = [h.strip() for h in header]
            columns = _resolve(options, header, str(path), report)
            for rownum, values in enumerate(reader, start=2):
                if not values:
                    continue
                if len(values) != len(header):
                    report.skip("unreadable", f"{path}:{rownum} ({len(values)} fields, "
                                              f"header has {len(header)})")
                    continue
                row = dict(zip(header, values, strict=True))
                doc = _to_doc(row, columns, f"{path.stem}:{rownum}", report, f"{path}:{rownum}")
                if doc is not None:
                    yield doc
        except UnicodeDecodeError as exc:
            raise _decode_error(path, exc, options["encoding"]) from None
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
    columns = _resolve(options, pf.schema_arrow.names, str(path), report)
    rownum = 0
    for batch in pf.iter_batches(batch_size=2048):
        for row in batch.to_pylist():
            rownum += 1
            doc = _to_doc(row, columns, f"{path.stem}:{rownum}", report, f"{path}:{rownum}")
            if doc is not None:
                yield doc


def _rows_to_docs(rows: Iterable[dict[str, Any]], options: dict[str, Any], source: str,
                  report: ReadReport, header: list[str]) -> Iterator[Document]:
    columns = _resolve(options, [str(h) for h in header], source, report)
    for i, row in enumerate(rows, start=1):
        doc = _to_doc(row, columns, str(i - 1), report, f"{source} row {i}")
        if doc is not None:
            yield doc


def _resolve(options: dict[str, Any], header: list[str], source: str, report: ReadReport
             ) -> dict[str, str | None]:
    """Map each role to a column of ``header`` (or None), or raise for a missing one."""
    present = set(header)
    out: dict[str, str | None] = {}
    for role, default in _DEFAULTS.items():
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


def _to_doc(row: dict[str, Any], columns: dict[str, str | None], fallback_id: str,
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


def as_corpus(data: Any) -> Corpus:
    """Accept a :class:`Corpus`, a DataFrame, path(s), or a list of texts.

    A plain list of strings becomes documents ``"0", "1", ...`` of outlet
    ``"(none)"``.
    """
    if isinstance(data, Corpus):
        return data
    if isinstance(data, (list, tuple)) and data and all(isinstance(d, Document) for d in data):
        return Corpus(None, {}, documents=list(data), name="<documents>")
    if isinstance(data, (list, tuple)) and data and all(
        isinstance(d, str) and not Path(d).exists() for d in data
    ):
        docs = [Document(str(i), "(none)", t) for i, t in enumerate(data)]
        return Corpus(None, {}, documents=docs, name="<texts>")
    if isinstance(data, Iterator):  # e.g. itertools.islice(corpus, n): read once
        return Corpus(None, {}, documents=data, name="<stream>")  # type: ignore[arg-type]
    return read_corpus(data)
