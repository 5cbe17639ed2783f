"""The ``framing`` command line. It parses arguments, calls the API and formats output.

Each group of commands lives in its own module of this package and is
registered at the bottom of this file.

Data goes to stdout or ``-o``; progress bars, reading reports and warnings go
to stderr. Every user error becomes a one-line message (``Error: ...``) and
exit status 1.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from .. import __version__
from ..errors import FramingError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn library errors into click errors (one line, exit status 1)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("default")
                return func(*args, **kwargs)
        except FramingError as exc:
            raise click.ClickException(str(exc)) from None

    return wrapper


def corpus_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """PATH... or --sample, and the reader's column options."""
    options = [
        click.argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar="PATH..."),
        click.option("--sample", is_flag=True,
                     help="Use the bundled constructed sample corpus instead of PATH."),
        click.option("--text-col", default="text", show_default=True, help="Text column."),
        click.option("--outlet-col", default="outlet", show_default=True, help="Outlet column."),
        click.option("--id-col", default="id", show_default=True, help="Document id column."),
        click.option("--date-col", default="date", show_default=True, help="Date column."),
        click.option("--title-col", default="title", show_default=True,
                     help="Title column (prepended to the text)."),
        click.option("--encoding", default="utf-8", show_default=True,
                     help="File encoding, e.g. cp1256 for Windows Arabic."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def lexicon_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--lexicon", "-l", default="arabic-conflict", show_default=True, metavar="NAME|FILE",
        help="A bundled lexicon name (see 'framing lexicon list') or a .yaml/.csv/.dic file.",
    )(func)


def open_corpus(paths: tuple[Path, ...], sample: bool, **options: Any) -> Any:
    from ..io.corpus import load_sample, read_corpus

    if sample and paths:
        raise FramingError("give either PATH... or --sample, not both.")
    if sample:
        return load_sample()
    if not paths:
        raise FramingError("no input: give one or more files or folders, or --sample.")
    return read_corpus(list(paths), text_col=options["text_col"], outlet_col=options["outlet_col"],
                       id_col=options["id_col"], date_col=options["date_col"],
                       title_col=options["title_col"], encoding=options["encoding"])


def engine_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--jobs, --engine, --scheduler and --skip-bad-shards (see docs/cluster.md)."""
    options = [
        click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True,
                     help="Worker processes for the per-document work (0: every core); results "
                          "are identical to --jobs 1."),
        click.option("--engine", type=click.Choice(["local", "dask"]), default="local",
                     show_default=True,
                     help="local: processes of this machine; dask: a Dask cluster "
                          "(pip install 'framing[dask]')."),
        click.option("--scheduler", default=None, metavar="ADDRESS",
                     help="With --engine dask: join this scheduler (tcp://HOST:8786) instead of "
                          "starting a local cluster of --jobs workers."),
        click.option("--skip-bad-shards", is_flag=True,
                     help="Skip (count and report) input files that cannot be read instead of "
                          "stopping."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _engine(kwargs: dict[str, Any], *, always: bool = False) -> Any:
    """The engine asked for by :func:`engine_options` (popped from ``kwargs``), or None for plain
    single-process code (``--jobs 1`` on this machine, no ``--skip-bad-shards``) unless ``always``."""
    from ..engines import make_engine

    engine = make_engine(kwargs.pop("jobs"), kwargs.pop("engine"), scheduler=kwargs.pop("scheduler"),
                         skip_bad_shards=kwargs.pop("skip_bad_shards"))
    return engine if always or engine.parallel or engine.skip_bad_shards else None


def _corpus_kwargs(kwargs: dict[str, Any]) -> dict[str, Any]:
    keys = ("text_col", "outlet_col", "id_col", "date_col", "title_col", "encoding")
    return {k: kwargs.pop(k) for k in keys}


def report_reading(corpus: Any) -> None:
    """Tell the user, on stderr, what was read and what was skipped."""
    read = getattr(corpus, "report", None)
    if read is None:
        return
    click.echo(read.summary(), err=True)
    for note in read.notes:
        click.echo(f"note: {note}", err=True)
    for skipped in getattr(read, "skipped_files", [])[:20]:
        click.echo(f"skipped: {skipped}", err=True)


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, prog_name="framing")
def main() -> None:
    """Measure media bias and framing in Arabic news through loaded terms.

    Start with:  framing report --sample -o report.html
    """


# ----------------------------------------------------------------------------
# Command modules register themselves on ``main`` when imported.
# ----------------------------------------------------------------------------

from . import (  # noqa: E402
    analysis,  # noqa: F401  compare, discover, kwic, sample-hits, validate
    core,  # noqa: F401  hits, score, lexicon
    models,  # noqa: F401  train, predict
    report,  # noqa: F401  report
)
