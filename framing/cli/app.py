"""The ``framing`` command group; each command module registers its commands on :data:`main`."""

from __future__ import annotations

import click

from .. import __version__
from .options import CONTEXT

__all__ = ["main"]


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, prog_name="framing")
def main() -> None:
    """Measure media bias and framing in Arabic news through loaded terms.

    Start with:  framing report --sample -o report.html
    """
