"""Which group a document belongs to: an outlet, a metadata column, a month or a year."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from .corpus import Document
from .errors import FramingError

__all__ = ["group_key"]


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
        Values missing from the mapping raise an error naming them.

    Examples
    --------
    >>> from framing.corpus import Document
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
