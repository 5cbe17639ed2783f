"""The ``framing`` command group; each command module registers its commands on :data:`main`.

The group also decides how a run ends when it does not end normally:

* SIGINT (Ctrl-C) or SIGTERM: worker processes are stopped at once, the
  temporary outputs removed, and one line says so (``Interrupted; no output
  file was written.``); the exit status is 128 + the signal's number (130,
  143). While that clean-up runs, a second signal ends the process at once
  (after killing the workers and removing the temporary files);
* a closed pipe on stdout (``framing hits ... | head``): quietly, status 141.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from .. import __version__
from ..errors import Interrupted
from .options import CONTEXT

__all__ = ["FramingGroup", "main"]


def _stop_everything() -> None:
    """Kill the worker processes and remove the temporary outputs of this process."""
    from ..engines.local import stop_workers
    from ..io.write import discard_parts

    stop_workers()
    discard_parts()


def _first_signal(signum: int, frame: Any) -> None:
    signal.signal(signal.SIGINT, _second_signal)
    signal.signal(signal.SIGTERM, _second_signal)
    raise Interrupted(signum)


def _second_signal(signum: int, frame: Any) -> None:
    _stop_everything()
    os.write(2, b"Interrupted again: stopped at once; no output file was written.\n")
    os._exit(128 + signum)


@contextmanager
def _signals() -> Iterator[None]:
    """SIGINT and SIGTERM raise :class:`~framing.errors.Interrupted` while a command runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, _first_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _interrupted(signum: int) -> str:
    from ..io.write import written

    done = written()
    if done:
        return f"Interrupted after writing {', '.join(map(str, done))}; the run stopped there."
    return "Interrupted; no output file was written."


def _quiet_stdout() -> None:
    """After a closed pipe: send what is left for stdout nowhere (no second error at exit)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # stdout is not a file (a test runner)
        pass


class FramingGroup(click.Group):
    """A click group whose commands stop cleanly on SIGINT, SIGTERM and a closed pipe."""

    def invoke(self, ctx: click.Context) -> Any:
        from ..io.write import written

        written(reset=True)
        with _signals():
            try:
                return super().invoke(ctx)
            except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM as Interrupted
                signum = exc.signum if isinstance(exc, Interrupted) else signal.SIGINT
                _stop_everything()
                click.echo(_interrupted(signum), err=True)
                raise click.exceptions.Exit(128 + signum) from None
            except BrokenPipeError:
                _stop_everything()
                _quiet_stdout()
                raise click.exceptions.Exit(128 + 13) from None


@click.group(cls=FramingGroup, context_settings=CONTEXT)
@click.version_option(__version__, prog_name="framing")
def main() -> None:
    """Measure media bias and framing in Arabic news through loaded terms.

    Start with:  framing report --sample -o report.html
    """
