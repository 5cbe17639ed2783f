"""The ``framing`` command line. It parses arguments, calls the API and formats output.

:mod:`.app` holds the command group, :mod:`.options` the options every
command shares (defined once), and each other module one group of commands,
registered on the group when this package imports it.

Data goes to stdout or ``-o``; progress bars, reading reports and warnings go
to stderr. Every user error becomes a one-line message (``Error: ...``) and
exit status 1.
"""

from __future__ import annotations

from . import analysis, core, lexicon_commands, models, report, stories  # noqa: F401  (register commands)
from .app import main

__all__ = ["main"]
