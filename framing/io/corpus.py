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
from .documents import SURROGATE_NOTE_DOCS, Document, ReadReport, has_surrogate, without_surrogates
from .formats import read_path, rows_to_documents

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
                if has_surrogate(doc):
                    doc = without_surrogates(doc)
                    report.note(SURROGATE_NOTE_DOCS)
                report.documents += 1
                yield doc
            return
        for path in self.paths:
            for doc in read_path(path, self.options, report):
                report.documents += 1
                yield doc

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
        docs = list(rows_to_documents(paths.to_dict("records"), options, "<DataFrame>",
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
