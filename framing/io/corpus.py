"""Corpora: a re-iterable stream of documents, read from files or held in memory.

:func:`read_corpus` returns a :class:`Corpus`, a re-iterable stream of
:class:`~framing.io.documents.Document` objects. Nothing is held in memory beyond the
current chunk, so counting a corpus of any size holds memory flat. Every row
that cannot be used (empty text, malformed JSON line) is counted in
:attr:`Corpus.report`, never dropped silently. The readers of each format are
in :mod:`framing.io.formats`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import CorpusError
from .columns import kind_of, rows_to_documents
from .documents import SURROGATE_NOTE_DOCS, Document, ReadReport, has_surrogate, without_surrogates
from .encodings import AUTO
from .formats import read_path

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Corpus",
    "Document",
    "ReadReport",
    "as_corpus",
    "load_sample",
    "read_corpus",
    "sample_path",
]


class Corpus:
    """A re-iterable stream of :class:`Document`.

    Create it with :func:`read_corpus` or :func:`load_sample`. Iterating again
    re-reads the files; :attr:`report` describes the latest complete pass.
    A pass that reads no document at all raises :class:`~framing.errors.CorpusError`
    (naming the input and what was skipped): an empty corpus is an error, not
    an empty result.
    """

    #: The units later passes run on, when the corpus was cut into them once
    #: (:class:`framing.io.held.HeldCorpus`); None: :func:`framing.io.units.plan_units` cuts it.
    units: list[Any] | None = None

    def __init__(self, paths: Sequence[Path] | None, options: dict[str, Any], *,
                 documents: Iterable[Document] | None = None, name: str = "",
                 skipped: ReadReport | None = None) -> None:
        self.paths = list(paths or [])
        self.options = options
        self._documents = documents
        self.name = name or ", ".join(str(p) for p in self.paths)
        #: Rows skipped before the documents were made (a DataFrame's rows): part of every pass.
        self._skipped = skipped
        self.report = ReadReport()

    def __iter__(self) -> Iterator[Document]:
        report = ReadReport()
        if self._skipped is not None:
            report.merge(self._skipped)
        self.report = report
        if self._documents is not None:
            report.files = 0
            for doc in self._documents:
                if doc.text is not None and not isinstance(doc.text, str):
                    report.skip("unreadable", str(doc.doc_id),
                                f"the text is {kind_of(doc.text)}, not a string")
                    continue
                if not doc.text or not doc.text.strip():
                    report.skip("empty", str(doc.doc_id))
                    continue
                if has_surrogate(doc):
                    doc = without_surrogates(doc)
                    report.note(SURROGATE_NOTE_DOCS)
                report.documents += 1
                yield doc
        else:
            for path in self.paths:
                for doc in read_path(path, self.options, report):
                    report.documents += 1
                    yield doc
        if not report.documents:
            raise CorpusError(report.nothing_read(self.name))

    @property
    def in_memory(self) -> bool:
        """Whether the documents are already held in memory (not read from files)."""
        return isinstance(self._documents, (list, tuple))

    @property
    def is_stream(self) -> bool:
        """Whether the documents come from a one-pass stream (an iterator), not from files."""
        return self._documents is not None and not self.in_memory

    def to_frame(self) -> pd.DataFrame:
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
        Text encoding of the files, e.g. ``"cp1256"`` for Windows Arabic, or
        ``"auto"``: per file, UTF-8 if it decodes as UTF-8, else cp1256 when
        that gives Arabic (each choice is reported in the notes). A
        byte-order mark (UTF-8, UTF-16, UTF-32) decides in every case.

    Returns
    -------
    Corpus

    Raises
    ------
    CorpusError
        A path does not exist, a file cannot be decoded, or a named column
        is missing (the message lists the columns present); when read, a
        corpus in which no document is left.

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
        skipped = ReadReport()
        frame: Any = paths
        docs = list(rows_to_documents(frame.to_dict("records"), options, "<DataFrame>",
                                      skipped, list(frame.columns)))
        return Corpus(None, options, documents=docs, name="<DataFrame>", skipped=skipped)
    if isinstance(paths, (str, Path)):
        paths = [paths]
    if not isinstance(paths, Iterable) or isinstance(paths, (bytes, dict)):
        raise CorpusError(f"cannot read a corpus from a {type(paths).__name__}; pass a path, a "
                          "list of paths or a DataFrame.")
    resolved = []
    for p in paths:
        if not isinstance(p, (str, Path)):
            raise CorpusError(f"a path must be a str or pathlib.Path, not a {type(p).__name__}: "
                              f"{_shorten(repr(p))}.")
        path = Path(p)
        if not exists(path):
            raise CorpusError("no such file or folder; check the path.", source=_shorten(str(path)))
        resolved.append(path)
    if not resolved:
        raise CorpusError("no input given; pass one or more files or folders, or --sample.")
    if encoding != AUTO:
        try:
            "".encode(encoding)
        except LookupError:
            raise CorpusError(f"unknown encoding {encoding!r}; try utf-8, cp1256 or auto.") from None
    return Corpus(resolved, options)


def exists(path: Path) -> bool:
    """Whether ``path`` exists; False for a string that cannot be a path at all (too long for
    the file system, or holding a NUL character)."""
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def _shorten(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


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


def as_corpus(data: Any) -> Corpus:
    """Accept a :class:`Corpus`, a DataFrame, path(s), documents, or a list of texts.

    * a list or tuple of strings is always a list of **texts** (documents
      ``"0", "1", ...`` of outlet ``"(none)"``; None counts as an empty text);
    * a :class:`pathlib.Path`, or a list of them, is read with :func:`read_corpus`;
    * a single ``str`` is a path: it must name an existing file or folder (a
      text on its own goes in a list: ``[text]``);
    * a list of :class:`Document`, a DataFrame, a :class:`Corpus` or an
      iterator of documents (read once) as they are.

    Raises
    ------
    CorpusError
        A ``str`` that names no file or folder; a list mixing texts and other
        things; anything else that is not a corpus.

    Examples
    --------
    >>> [d.text for d in as_corpus(["نص أول", "نص ثان"])]
    ['نص أول', 'نص ثان']
    >>> as_corpus("قصفت قوات الاحتلال")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    framing.errors.CorpusError: 'قصفت قوات الاحتلال' is not an existing file or folder; ... [text, ...].
    """
    if isinstance(data, Corpus):
        return data
    if isinstance(data, str):
        if exists(Path(data)):
            return read_corpus(data)
        raise CorpusError(f"{_shorten(data, 60)!r} is not an existing file or folder; to read files "
                          "pass read_corpus(path) or pathlib.Path(path), to analyse texts pass a list: "
                          "[text, ...].")
    if isinstance(data, (list, tuple)) and data:
        if all(isinstance(d, Document) for d in data):
            return Corpus(None, {}, documents=list(data), name="<documents>")
        if all(isinstance(d, Path) for d in data):
            return read_corpus(list(data))
        if all(isinstance(d, str) or d is None for d in data):
            docs = [Document(str(i), "(none)", t or "") for i, t in enumerate(data)]
            return Corpus(None, {}, documents=docs, name="<texts>")
        kinds = sorted({type(d).__name__ for d in data})
        raise CorpusError(f"a list of {', '.join(kinds)}: give a list of texts (str), of "
                          "pathlib.Path or of Document, not a mix.")
    if isinstance(data, Iterator):  # e.g. itertools.islice(corpus, n): read once
        return Corpus(None, {}, documents=data, name="<stream>")
    return read_corpus(data)
