"""Column roles and rows: which column is the text, the outlet, the id..., and a row → a Document.

Column roles and their defaults: ``text``, ``outlet``, ``id``, ``date``,
``title``. When a default column is absent, well-known alternatives are
tried (e.g. Media Cloud's ``media_name``/``publish_date``/``stories_id``), so
Media Cloud CSV exports read without flags; a column you name explicitly must
exist, or the error lists the columns present.

The text must be text: a number, a list, an object or true/false in the text
column (JSON Lines, Parquet, a DataFrame) makes the row unreadable, counted
and reported with the reason, never analysed as its Python form.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import CorpusError
from .documents import Document, ReadReport

__all__ = ["ALIASES", "DEFAULT_COLUMNS", "NOT_TEXT_NOTE", "kind_of", "resolve_columns",
           "rows_to_documents", "to_document"]

#: Alternatives tried, in order, when a role's default column is absent.
ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "full_text", "article", "story_text", "paragraph"),
    "outlet": ("outlet", "media_name", "source", "outlet_name", "publisher", "page_domain"),
    "id": ("id", "stories_id", "doc_id", "article_id", "guid", "url"),
    "date": ("date", "publish_date", "published_time", "published", "date_extracted", "page_date"),
    "title": ("title", "headline", "page_title"),
}

DEFAULT_COLUMNS = {"text": "text", "outlet": "outlet", "id": "id", "date": "date", "title": "title"}

NOT_TEXT_NOTE = ("rows whose text is not a string (a number, a list, an object, true/false) are "
                 "counted as unreadable, not analysed")
_TITLE_NOTE = "titles that are not strings (numbers, lists...) were left out of the text"


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
            one = (" The header has a single column: save the file with commas (or ';', tab, '|') "
                   "between the columns." if len(header) == 1 else "")
            raise CorpusError(
                f"no text column (looked for {', '.join(ALIASES['text'])}); name it with "
                f"--text-col. Columns present: {', '.join(header)}.{one}",
                source=source,
            )
        report.note(f"{source}: no text column; analysing titles only (as in Media Cloud exports).")
    if out["outlet"] is None:
        report.note(f"{source}: no outlet column (looked for {', '.join(ALIASES['outlet'])}), so "
                    "every document's outlet is the file name; name the outlet column with "
                    f"--outlet-col COLUMN (columns present: {', '.join(header)}).")
    return out


def kind_of(value: Any) -> str:
    """How a message names the type of a value that is not text."""
    kind = getattr(getattr(value, "dtype", None), "kind", "")  # a numpy scalar
    if isinstance(value, bool) or kind == "b":
        return "true/false"
    if kind in ("i", "u", "f", "c"):
        return "a number"
    if isinstance(value, (int, float, complex)) or type(value).__name__ in ("Decimal", "Fraction"):
        return "a number"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, (list, tuple, set)) or hasattr(value, "__array__"):
        return "a list"
    if isinstance(value, (bytes, bytearray)):
        return "bytes that are not UTF-8"
    return f"a {type(value).__name__}"


def _missing(value: Any) -> bool:
    """None, NaN, pandas' NA and NaT: no value."""
    return (value is None or (isinstance(value, float) and value != value)
            or type(value).__name__ in ("NAType", "NaTType"))


def _text(value: Any) -> str | None:
    """A text value as a string ("" when missing), or None when it is not text."""
    if isinstance(value, str):
        return value
    if _missing(value):
        return ""
    if isinstance(value, (bytes, bytearray)):  # a Parquet binary column holding UTF-8
        try:
            return bytes(value).decode("utf-8")
        except UnicodeDecodeError:
            return None
    return None


def to_document(row: dict[str, Any], columns: dict[str, str | None], fallback_id: str,
                report: ReadReport, where: str) -> Document | None:
    """The document of one row, or None for a row counted in ``report`` as skipped at ``where``."""
    def get(role: str) -> str:
        col = columns[role]
        value = row.get(col) if col else None
        return "" if _missing(value) else str(value)

    def text_of(role: str) -> str | None:
        col = columns[role]
        return _text(row.get(col)) if col else ""

    text, title = text_of("text"), text_of("title")
    if columns["text"] is None:
        text, title = title, ""
    if text is None:
        value = row.get(columns["text"] or columns["title"] or "")
        report.skip("unreadable", where, f"the text is {kind_of(value)}, not a string")
        report.note(NOT_TEXT_NOTE)
        return None
    if title is None:
        report.note(_TITLE_NOTE)
        title = ""
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


def rows_to_documents(rows: Iterable[dict[str, Any]], options: dict[str, Any], source: str,
                      report: ReadReport, header: list[str]) -> Iterator[Document]:
    """The documents of dict rows (a DataFrame's records), skipped rows counted in ``report``."""
    columns = resolve_columns(options, [str(h) for h in header], source, report)
    for i, row in enumerate(rows, start=1):
        doc = to_document(row, columns, str(i - 1), report, f"{source} row {i}")
        if doc is not None:
            yield doc
