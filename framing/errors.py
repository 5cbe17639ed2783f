"""Exceptions and the one helper that validates string options.

Every error a user can cause derives from :class:`FramingError`, a
``ValueError``, and its message names the offending thing (file, row, lexicon
entry or parameter), shows the value and says what to do.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = [
    "CorpusError",
    "FramingError",
    "Interrupted",
    "LexiconError",
    "OutputError",
    "ShardError",
    "check_option",
    "one_line",
]


class FramingError(ValueError):
    """Base class of every error ``framing`` raises about user input."""


class LexiconError(FramingError):
    """A lexicon file or entry is malformed.

    Attributes
    ----------
    source : str or None
        The file the lexicon came from.
    line : int or None
        1-based line of the offending entry, when known.
    """

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None):
        self.source = source
        self.line = line
        where = ""
        if source is not None:
            where = f"{source}:{line}: " if line is not None else f"{source}: "
        super().__init__(where + message)


class CorpusError(FramingError):
    """A corpus file cannot be read as asked.

    Attributes
    ----------
    source : str or None
        The file that failed.
    """

    def __init__(self, message: str, *, source: str | None = None):
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


class ShardError(FramingError):
    """An input file (a shard) could not be read, or a worker died while processing a unit."""


class OutputError(FramingError):
    """An output cannot be written where it was asked for (a file in the way, no permission,
    a full disk); the message names the path and what to do."""


class Interrupted(KeyboardInterrupt):
    """The run was stopped by a signal (SIGINT: Ctrl-C, or SIGTERM).

    A :class:`KeyboardInterrupt`, so everything that cleans up after Ctrl-C
    (temporary outputs, worker processes) does so for SIGTERM too.

    Attributes
    ----------
    signum : int
        The signal's number (2 for SIGINT, 15 for SIGTERM); the command line
        exits with status ``128 + signum``.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def one_line(text: object) -> str:
    r"""``text`` (a message, or an exception from a library) on one line, whitespace collapsed.

    >>> one_line("Couldn't deserialize thrift:\n  Deserializing page header failed.\n")
    "Couldn't deserialize thrift: Deserializing page header failed."
    """
    return " ".join(str(text).split())


def check_option(name: str, value: Any, allowed: Iterable[Any]) -> Any:
    """Return ``value`` if it is one of ``allowed``, else raise a clear error.

    Examples
    --------
    >>> check_option("level", "label", ("term", "label", "concept"))
    'label'
    >>> check_option("level", "word", ("term", "label"))
    Traceback (most recent call last):
    ...
    framing.errors.FramingError: The 'level' parameter must be one of 'term', 'label'. Got 'word' instead.
    """
    allowed = tuple(allowed)
    if value not in allowed:
        options = ", ".join(repr(a) for a in allowed)
        raise FramingError(
            f"The {name!r} parameter must be one of {options}. Got {value!r} instead."
        )
    return value
