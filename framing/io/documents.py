"""Documents and the report of what reading them did.

A :class:`Document` is one article (or paragraph, or post): its id, outlet,
text, date and every other column of the input. A :class:`ReadReport` counts
what a pass over a corpus read and what it skipped, with reasons, so no row a
user gave is dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from ..utils import plural

__all__ = [
    "SURROGATE_NOTE",
    "SURROGATE_NOTE_DOCS",
    "SURROGATE_RE",
    "Document",
    "ReadReport",
    "has_surrogate",
    "replace_surrogates",
    "without_surrogates",
]


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
    """What reading a corpus did: documents read and rows skipped, with reasons.

    ``notes`` are one-line remarks for the user (a column guessed, an
    encoding chosen, text replaced); remarks about many files of one kind
    are tallied (:meth:`note_file`) and shown as one note naming the first
    few files and how many more there are.
    """

    documents: int = 0
    empty: int = 0
    unreadable: int = 0
    files: int = 0
    examples: list[str] = field(default_factory=list)
    #: Notes of the whole corpus (see :attr:`notes`).
    remarks: list[str] = field(default_factory=list)
    #: Shards left out with ``--skip-bad-shards``, each with the reason.
    skipped_files: list[str] = field(default_factory=list)
    #: Notes about single files, tallied by message: ``{message: [count, first files]}``.
    file_notes: dict[str, list[Any]] = field(default_factory=dict)
    #: With ``--encoding auto``: how many files were read in each encoding.
    encodings: dict[str, int] = field(default_factory=dict)

    @property
    def skipped(self) -> int:
        """Rows that produced no document."""
        return self.empty + self.unreadable

    @property
    def notes(self) -> list[str]:
        """Every note, one line each: the corpus' remarks, then the tallied file notes."""
        out = list(self.remarks)
        for message, (count, files) in self.file_notes.items():
            more = f" and {count - len(files):,} more" if count > len(files) else ""
            out.append(f"{message}: {', '.join(files)}{more}")
        if self.encodings:
            out.append("--encoding auto read " + ", ".join(
                f"{plural(n, 'file')} as {enc}" for enc, n in sorted(self.encodings.items())))
        return out

    def skip(self, kind: str, where: str, reason: str | None = None) -> None:
        """Count a row that gives no document: ``kind`` is ``"empty"`` or ``"unreadable"``."""
        setattr(self, kind, getattr(self, kind) + 1)
        if len(self.examples) < 20:
            self.examples.append(f"{where}: {kind}" + (f" ({reason})" if reason else ""))

    def note(self, message: str) -> None:
        if message not in self.remarks:
            self.remarks.append(message)

    def note_file(self, message: str, path: str) -> None:
        """Tally a note about one file (the first five files are named)."""
        entry = self.file_notes.setdefault(message, [0, []])
        entry[0] += 1
        if len(entry[1]) < 5:
            entry[1].append(path)

    def merge(self, other: ReadReport) -> None:
        """Add another report's counts (e.g. one shard read by a worker) to this one."""
        self.documents += other.documents
        self.empty += other.empty
        self.unreadable += other.unreadable
        self.files += other.files
        self.examples.extend(other.examples[:max(0, 20 - len(self.examples))])
        for note in other.remarks:
            self.note(note)
        self.skipped_files.extend(other.skipped_files)
        for message, (count, files) in other.file_notes.items():
            entry = self.file_notes.setdefault(message, [0, []])
            entry[0] += count
            entry[1].extend(files[:max(0, 5 - len(entry[1]))])
        for encoding, count in other.encodings.items():
            self.encodings[encoding] = self.encodings.get(encoding, 0) + count

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

    def nothing_read(self, name: str) -> str:
        """The message for a pass that read no document at all from ``name``: what was skipped,
        and what to check."""
        if self.skipped_files and not self.skipped:
            return (f"{name}: no documents to analyse: every input file was unreadable and skipped "
                    f"(--skip-bad-shards; first: {self.skipped_files[0]}).")
        if not self.skipped:
            return (f"{name}: no documents to analyse: the input holds no rows (an empty file, or "
                    "a header only); check that it is the file you meant.")
        first = f"; first: {self.examples[0]}" if self.examples else ""
        return (f"{name}: no documents to analyse: every row was skipped ({plural(self.skipped, 'row')}: "
                f"{self.empty:,} with empty text, {self.unreadable:,} unreadable{first}); check the "
                "text column (--text-col) and the file's format.")


# A surrogate code point left alone by JSON decoding (a pair makes one character): it is not a
# character and has no UTF-8 form, so nothing downstream could write or index it.
SURROGATE_RE = re.compile("[\ud800-\udfff]")
SURROGATE_NOTE = ("lone surrogate escapes (\\ud800-\\udfff, not characters) were replaced by "
                   "U+FFFD; offsets are unchanged")
SURROGATE_NOTE_DOCS = ("lone surrogates (\\ud800-\\udfff, not characters) in the documents were "
                        "replaced by U+FFFD; offsets are unchanged")


def has_surrogate(doc: Document) -> bool:
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


def replace_surrogates(value: Any) -> Any:
    """``value`` with each lone surrogate replaced by U+FFFD (one character for one: offsets stay)."""
    return SURROGATE_RE.sub("\ufffd", value) if isinstance(value, str) else value


def without_surrogates(doc: Document) -> Document:
    clean = replace_surrogates
    return replace(doc, text=clean(doc.text), doc_id=clean(doc.doc_id), outlet=clean(doc.outlet),
                   date=clean(doc.date), meta={key: clean(value) for key, value in doc.meta.items()})
