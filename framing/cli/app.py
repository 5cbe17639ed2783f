"""The ``framing`` command group; each command module registers its commands on :data:`main`.

The group also decides how a run ends when it does not end normally:

* SIGINT (Ctrl-C) or SIGTERM: worker processes are stopped at once, the
  temporary outputs removed, and one line says so (``Interrupted; no output
  file was written.``); the exit status is 128 + the signal's number (130,
  143). While that clean-up runs, a second signal ends the process at once
  (after killing the workers and removing the temporary files); one that
  comes within a second of the first is the same signal delivered twice
  (``timeout`` and job schedulers signal the process, then its group) and
  is ignored; one that comes after the clean-up, while Python shuts down,
  ends the process quietly with the same status. A watchdog thread makes
  sure of the end: Python drops an exception raised by a signal handler
  while a destructor or a weak-reference callback runs, and a process must
  not go on (or hang at exit) because of that, so if the clean-up has not
  begun a second after the signal, or the process has not ended
  :data:`STOP_LIMIT` seconds after it, the watchdog stops the workers,
  removes the temporary outputs and ends the process itself;
* a closed pipe on stdout (``framing hits ... | head``): quietly, status 141.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from .. import __version__
from ..errors import Interrupted
from ..utils import few_collections
from .options import CONTEXT

__all__ = ["FramingGroup", "main"]


def _stop_everything() -> None:
    """Kill the worker processes and remove the temporary outputs of this process."""
    from ..engines.local import stop_workers
    from ..io.write import discard_parts

    stop_workers()
    discard_parts()


#: When the first signal came (see :func:`_second_signal`).
_FIRST: list[float] = []

#: Seconds after the first signal during which another is taken for the same one, delivered twice.
REPEAT_GRACE = 1.0
#: Seconds after the first signal by which the process must have ended (see the module docstring).
STOP_LIMIT = 15.0
#: Set when the clean-up after an interrupt begins.
_HANDLING = threading.Event()
#: Taken by whoever says that the command was interrupted (the main thread or the watchdog): once.
_SAID = threading.Lock()


def _first_signal(signum: int, frame: Any) -> None:
    _FIRST[:] = [time.monotonic()]
    signal.signal(signal.SIGINT, _second_signal)
    signal.signal(signal.SIGTERM, _second_signal)
    threading.Thread(target=_watchdog, args=(signum,), name="framing-interrupt", daemon=True).start()
    raise Interrupted(signum)


def _watchdog(signum: int) -> None:
    """End the process if the interrupt was lost, or its clean-up does not end (see above)."""
    if _HANDLING.wait(REPEAT_GRACE) or not _SAID.acquire(blocking=False):
        # the main thread is cleaning up, and says so: end the process only if it takes too long
        time.sleep(STOP_LIMIT)
        message = b"Interrupted: the clean-up took too long; stopped at once.\n"
    else:
        message = b"Interrupted; no output file was written.\n"
    _stop_everything()
    os.write(2, message)
    os._exit(128 + signum)


def _second_signal(signum: int, frame: Any) -> None:
    if _FIRST and time.monotonic() - _FIRST[0] < REPEAT_GRACE:
        return
    _stop_everything()
    os.write(2, b"Interrupted again: stopped at once; no output file was written.\n")
    os._exit(128 + signum)


def _late_signal(signum: int, frame: Any) -> None:
    """A signal after the clean-up of an interrupt (Python is shutting down): end quietly."""
    if _FIRST and time.monotonic() - _FIRST[0] < REPEAT_GRACE:
        return
    os._exit(128 + signum)


@contextmanager
def _signals() -> Iterator[None]:
    """SIGINT and SIGTERM raise :class:`~framing.errors.Interrupted` while a command runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _FIRST.clear()
    _HANDLING.clear()
    if _SAID.locked():
        _SAID.release()
    previous = {sig: signal.signal(sig, _first_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, _late_signal if _FIRST else handler)


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

    def main(self, *args: Any, **kwargs: Any) -> Any:
        with _signals():
            return super().main(*args, **kwargs)

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except KeyboardInterrupt as exc:
            raise _exit(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            from ..io.write import written

            written(reset=True)
            with few_collections():  # a command is one pass over a corpus (see the function)
                return super().invoke(ctx)
        except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM as Interrupted
            raise _exit(exc) from None
        except BrokenPipeError:
            _stop_everything()
            _quiet_stdout()
            raise click.exceptions.Exit(128 + 13) from None


def _exit(exc: KeyboardInterrupt) -> click.exceptions.Exit:
    """Clean up after an interrupt, say so in one line, and exit with 128 + the signal."""
    signum = exc.signum if isinstance(exc, Interrupted) else signal.SIGINT
    _HANDLING.set()
    _stop_everything()
    if _SAID.acquire(blocking=False):  # else the watchdog has said it, and ends the process
        click.echo(_interrupted(signum), err=True)
    return click.exceptions.Exit(128 + signum)


@click.group(cls=FramingGroup, context_settings=CONTEXT)
@click.version_option(__version__, prog_name="framing")
def main() -> None:
    """Measure media bias and framing in Arabic news through loaded terms.

    Start with:  framing report --sample -o report.html
    """
