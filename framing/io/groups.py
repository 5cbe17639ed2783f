"""Which group a document belongs to: an outlet, a metadata column, a month or a year.

:func:`group_key` maps a document to its group; :func:`read_groups` reads a
``--groups`` file that maps those values to larger groups (outlet → family).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Mapping
from pathlib import Path

from ..errors import FramingError
from .corpus import Document

__all__ = ["group_key", "read_groups"]


def group_key(by: str = "outlet", *, groups: Mapping[str, str] | None = None
              ) -> Callable[[Document], str]:
    """Return a function mapping a :class:`Document` to its group.

    Parameters
    ----------
    by : str
        ``"outlet"`` (default), ``"month"`` or ``"year"`` (from the date
        column, which must start with ``YYYY-MM``), or the name of any other
        column of the input.
    groups : mapping, optional
        Maps the value of ``by`` to a group (e.g. outlet → outlet family).
        Values missing from the mapping raise an error naming them; a
        ``--groups`` file is read with :func:`read_groups`.

    Examples
    --------
    >>> from framing.io.corpus import Document
    >>> group_key("month")(Document("1", "a", "نص", "2024-03-14"))
    '2024-03'
    """
    if by == "outlet":
        def base(doc: Document) -> str:
            return doc.outlet
    elif by in ("month", "year"):
        width = 7 if by == "month" else 4

        def base(doc: Document) -> str:
            date = (doc.date or "").strip()
            if len(date) < width or not date[:4].isdigit():
                raise FramingError(
                    f"document {doc.doc_id!r} has no usable date ({doc.date!r}) for --by {by}; "
                    "dates must start with YYYY-MM (name the column with --date-col)."
                )
            return date[:width]
    else:
        def base(doc: Document) -> str:
            if by not in doc.meta:
                raise FramingError(
                    f"no column {by!r} to group by in document {doc.doc_id!r}; available: "
                    f"outlet, month, year, {', '.join(map(str, doc.meta)) or '(no other columns)'}."
                )
            value = doc.meta[by]
            return "" if value is None else str(value)

    if groups is None:
        return base
    mapping = dict(groups)

    def mapped(doc: Document) -> str:
        value = base(doc)
        if value not in mapping:
            raise FramingError(
                f"{by} {value!r} (document {doc.doc_id!r}) is not in the --groups map; "
                "add a row for it."
            )
        return mapping[value]

    return mapped


def read_groups(path: str | Path) -> dict[str, str]:
    """Read a ``--groups`` map: a two-column CSV ``value,group`` (e.g. outlet → family).

    A first row whose second cell is ``group`` is a header. Blank lines are
    skipped.

    Raises
    ------
    FramingError
        The file is missing, a row does not have two non-empty cells, or a
        value is mapped to two different groups.
    """
    path = Path(path)
    if not path.is_file():
        raise FramingError(f"groups map {str(path)!r} not found; give a CSV with rows value,group.")
    mapping: dict[str, str] = {}
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for line, row in enumerate(csv.reader(fh), start=1):
            cells = [c.strip() for c in row]
            if not any(cells):
                continue
            if line == 1 and len(cells) == 2 and cells[1].lower() == "group":
                continue
            if len(cells) != 2 or not all(cells):
                raise FramingError(
                    f"{path}:{line}: expected two cells 'value,group', got {row!r}; fix the row."
                )
            value, group = cells
            if mapping.get(value, group) != group:
                raise FramingError(
                    f"{path}:{line}: {value!r} is mapped to both {mapping[value]!r} and {group!r}; "
                    "keep one."
                )
            mapping[value] = group
    if not mapping:
        raise FramingError(f"groups map {str(path)!r} is empty; add rows value,group.")
    return mapping
