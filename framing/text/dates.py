"""Dates written as free text, read as calendar days.

A corpus's ``date`` column is whatever the source wrote: ``2015-07-21``,
``2015-07-21 02:51:32``, ``2023-10-31T00:35:25+02:00``, ``21/07/2015``, an
RFC 2822 header (``Tue, 21 Jul 2015 02:51:32 +0300``), with Arabic-Indic
digits or without. :func:`parse_day` reads the **calendar day as written**:
a time of day and a UTC offset are ignored (``2023-10-31T00:35:25+02:00`` is
31 October, the day the outlet's readers saw, not 30 October in UTC).

Accepted forms, tried in order:

* year first: ``YYYY-MM-DD``, ``YYYY/MM/DD``, ``YYYY.MM.DD`` (then anything:
  a time, an offset);
* day first: ``DD-MM-YYYY``, ``DD/MM/YYYY``, ``DD.MM.YYYY`` (the order used in
  Arabic-language sources; ``MM/DD/YYYY`` is read as day first when the
  first number is at most 12, so give ISO dates where it matters);
* a day, an English month name or abbreviation and a year, in either order
  (``21 Jul 2015``, ``July 21, 2015``, an RFC 2822 header);
* eight digits ``YYYYMMDD``.

Anything else, and impossible dates (``2015-02-30``), give ``None``: the
caller counts them as undated and says so.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable

import numpy as np

__all__ = ["NO_DAY", "day_numbers", "format_day", "parse_day"]

#: The day number of an undated document in :func:`day_numbers`.
NO_DAY = np.iinfo(np.int32).min

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_YMD = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_DMY = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?!\d)")
_MONTHS = {m: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")], start=1) for m in names}
_NAMED = re.compile(r"(?i)\b(\d{1,2})\s+([a-z]+)\.?,?\s+(\d{4})\b|\b([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})\b")
_EPOCH = _dt.date(1970, 1, 1).toordinal()


def _day(year: str, month: str | int, day: str) -> int | None:
    try:
        return _dt.date(int(year), int(month), int(day)).toordinal() - _EPOCH
    except ValueError:
        return None


def parse_day(text: str | None) -> int | None:
    """The calendar day of a free-text date, as days since 1970-01-01; ``None`` when unreadable.

    Examples
    --------
    >>> [parse_day(s) for s in ("2015-07-21", "2015-07-21 02:51:32", "2015-07-21T23:59:00+03:00")]
    [16637, 16637, 16637]
    >>> parse_day("٢١/٠٧/٢٠١٥"), parse_day("Tue, 21 Jul 2015 02:51:32 +0300")
    (16637, 16637)
    >>> parse_day("أمس") is None, parse_day("2015-02-30") is None
    (True, True)
    """
    if not text:
        return None
    text = text.translate(_DIGITS)
    for pattern, order in ((_YMD, (0, 1, 2)), (_DMY, (2, 1, 0)), (_COMPACT, (0, 1, 2))):
        m = pattern.match(text)
        if m:
            parts = m.groups()
            return _day(parts[order[0]], parts[order[1]], parts[order[2]])
    for m in _NAMED.finditer(text):
        day, name, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (
            m.group(5), m.group(4), m.group(6))
        month = _MONTHS.get(name.lower())
        if month is not None:
            return _day(year, month, day)
    return None


def day_numbers(dates: Iterable[str | None]) -> np.ndarray:
    """:func:`parse_day` of each date as an int32 array, :data:`NO_DAY` where unreadable.

    Distinct strings are parsed once (a corpus repeats its dates).

    Examples
    --------
    >>> day_numbers(["2015-07-21", None, "2015-07-22 10:00"]).tolist()[::2]
    [16637, 16638]
    """
    cache: dict[str | None, int] = {}
    out = []
    for text in dates:
        day = cache.get(text)
        if day is None:
            parsed = parse_day(text)
            day = cache[text] = NO_DAY if parsed is None else parsed
        out.append(day)
    return np.asarray(out, dtype=np.int32)


def format_day(day: int) -> str:
    """An ISO date (``YYYY-MM-DD``) for a day number; ``""`` for :data:`NO_DAY`.

    Examples
    --------
    >>> format_day(16637), format_day(NO_DAY)
    ('2015-07-21', '')
    """
    if day == NO_DAY:
        return ""
    return _dt.date.fromordinal(int(day) + _EPOCH).isoformat()
