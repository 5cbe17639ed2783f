"""What every command shares: options defined once, the error wrapper, opening the corpus.

A command module takes its options from here, so the same option has the
same name, default, choices and help text in every command.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..errors import FramingError, one_line

if TYPE_CHECKING:
    from ..engines import Engine
    from ..io import Corpus

__all__ = [
    "CONTEXT",
    "by_option",
    "corpus_kwargs",
    "corpus_options",
    "discovery_options",
    "engine_from",
    "engine_options",
    "groups_option",
    "handle_errors",
    "lexicon_option",
    "open_corpus",
    "report_reading",
    "seed_option",
    "statistics_options",
    "voice_option",
    "window_option",
]

F = TypeVar("F", bound=Callable[..., Any])

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100, "show_default": True}

#: Characters of context on each side of a hit or concordance line, in every command.
DEFAULT_WINDOW = 60

VOICE_CHOICES = ("own", "quoted", "reported", "all")


#: Options naming where a command writes: a file (``output``) or a folder (``outdir``).
OUTPUT_OPTIONS = {"output": False, "outdir": True}


def _show_warning(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                  file: Any = None, line: str | None = None) -> None:
    """A warning as one line on stderr (``warning: ...``), without Python's file, line and source."""
    click.echo(f"warning: {one_line(message)}", err=True)


def handle_errors(func: F) -> F:
    """Turn library errors into click errors (one line, exit status 1); warnings shown once,
    one line each.

    Before the command runs, its output (``-o``) is checked: a path that could not be
    written (a file where a folder should be, no permission) stops it at once. Errors of
    the file system that no reader or writer turned into a :class:`FramingError` (a disk
    that fails, memory that runs out) are one line too.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from ..io.write import check_output

        try:
            for name, folder in OUTPUT_OPTIONS.items():
                if kwargs.get(name) is not None:
                    check_output(kwargs[name], folder=folder)
            with warnings.catch_warnings():
                warnings.simplefilter("default")
                warnings.showwarning = _show_warning
                return func(*args, **kwargs)
        except FramingError as exc:
            raise click.ClickException(one_line(exc)) from None
        except BrokenPipeError:
            raise
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            raise click.ClickException(f"{where}{one_line(exc.strerror or exc)}.") from None
        except MemoryError:
            raise click.ClickException(
                "out of memory; run with fewer --jobs, or split the input into smaller files."
            ) from None

    return wrapper  # type: ignore[return-value]


def _stack(options: list[Callable[[F], F]]) -> Callable[[F], F]:
    def decorate(func: F) -> F:
        for option in reversed(options):
            func = option(func)
        return func

    return decorate


def corpus_options(func: F) -> F:
    """PATH... or --sample, and the reader's column options."""
    return _stack([
        click.argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar="PATH..."),
        click.option("--sample", is_flag=True,
                     help="Use the bundled constructed sample corpus instead of PATH."),
        click.option("--text-col", default="text", help="Text column."),
        click.option("--outlet-col", default="outlet", help="Outlet column."),
        click.option("--id-col", default="id", help="Document id column."),
        click.option("--date-col", default="date", help="Date column."),
        click.option("--title-col", default="title", help="Title column (prepended to the text)."),
        click.option("--encoding", default="utf-8",
                     help="File encoding: utf-8, cp1256 (Windows Arabic), or auto (per file: UTF-8, "
                          "else cp1256 when that gives Arabic). A byte-order mark (UTF-8/16/32) "
                          "always decides."),
    ])(func)


def lexicon_option(func: F) -> F:
    return click.option(
        "--lexicon", "-l", default="arabic-conflict", metavar="NAME|FILE",
        help="A bundled lexicon name (see 'framing lexicon list') or a .yaml/.csv/.dic file.",
    )(func)


def by_option(func: F) -> F:
    return click.option("--by", default="outlet",
                        help="Group by: outlet, month, year, or any input column.")(func)


def groups_option(func: F) -> F:
    return click.option("--groups", "groups_file", type=click.Path(path_type=Path), default=None,
                        metavar="MAP.csv",
                        help="Two-column CSV value,group mapping each --by value to a group "
                             "(e.g. outlet,family).")(func)


def voice_option(default: str, help: str) -> Callable[[F], F]:
    """--voice with the four choices of :data:`framing.voice.VOICE_FILTERS`."""
    return click.option("--voice", type=click.Choice(VOICE_CHOICES), default=default, help=help)


def window_option(func: F) -> F:
    return click.option("--window", default=DEFAULT_WINDOW, type=click.IntRange(min=0),
                        help="Characters of context on each side.")(func)


def seed_option(help: str = "Seed of every random draw.") -> Callable[[F], F]:
    return click.option("--seed", default=0, help=help)


def statistics_options(func: F) -> F:
    """The settings of :func:`framing.compare`, shared by ``compare`` and ``report``."""
    return _stack([
        click.option("--n-boot", default=2000, type=click.IntRange(min=1),
                     help="Bootstrap resamples of documents."),
        click.option("--n-perm", default=5000, type=click.IntRange(min=1),
                     help="Permutations per pairwise test."),
        seed_option(),
        click.option("--min-hits", default=10, type=click.IntRange(min=1),
                     help="Fewer hits than this in a group × concept: flagged, no interval or test."),
    ])(func)


def discovery_options(top: int = 30) -> Callable[[F], F]:
    """--top, --min-count, --max-n and --stopwords: the settings of :func:`framing.discover`."""
    return _stack([
        click.option("--top", default=top, type=click.IntRange(min=1), help="Discovered terms per group."),
        click.option("--min-count", default=5, type=click.IntRange(min=1),
                     help="Ignore n-grams seen fewer times in the compared documents."),
        click.option("--max-n", type=click.IntRange(1, 3), default=3, help="Longest n-gram."),
        click.option("--stopwords", type=click.Path(path_type=Path), default=None, metavar="FILE",
                     help="Stop-word list, one word a line (replaces the built-in Arabic list)."),
    ])


def engine_options(func: F) -> F:
    """--jobs, --engine, --scheduler and --skip-bad-shards (see docs/cluster.md)."""
    return _stack([
        click.option("--jobs", "-j", type=click.IntRange(min=0), default=1,
                     help="Worker processes for the per-document work (0: every core); results "
                          "are identical to --jobs 1."),
        click.option("--engine", type=click.Choice(["local", "dask"]), default="local",
                     help="local: processes of this machine; dask: a Dask cluster "
                          "(pip install 'framing[dask]')."),
        click.option("--scheduler", default=None, metavar="ADDRESS",
                     help="With --engine dask: join this scheduler (tcp://HOST:8786) instead of "
                          "starting a local cluster of --jobs workers."),
        click.option("--skip-bad-shards", is_flag=True,
                     help="Skip (count and report) input files that cannot be read instead of "
                          "stopping."),
    ])(func)


def engine_from(kwargs: dict[str, Any]) -> Engine:
    """The engine :func:`engine_options` asks for (its options popped from ``kwargs``)."""
    from ..engines import make_engine

    return make_engine(kwargs.pop("jobs"), kwargs.pop("engine"), scheduler=kwargs.pop("scheduler"),
                       skip_bad_shards=kwargs.pop("skip_bad_shards"))


def corpus_kwargs(kwargs: dict[str, Any]) -> dict[str, Any]:
    """The reader's options of :func:`corpus_options`, popped from ``kwargs``."""
    keys = ("text_col", "outlet_col", "id_col", "date_col", "title_col", "encoding")
    return {k: kwargs.pop(k) for k in keys}


def open_corpus(paths: tuple[Path, ...], sample: bool, **options: Any) -> Corpus:
    """The corpus of PATH... or --sample, read with the column options."""
    from ..io import load_sample, read_corpus

    if sample and paths:
        raise FramingError("give either PATH... or --sample, not both.")
    if sample:
        return load_sample()
    if not paths:
        raise FramingError("no input: give one or more files or folders, or --sample.")
    return read_corpus(list(paths), text_col=options["text_col"], outlet_col=options["outlet_col"],
                       id_col=options["id_col"], date_col=options["date_col"],
                       title_col=options["title_col"], encoding=options["encoding"])


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


# ----------------------------------------------------------------------------
# Same story, different words (docs/stories.md): near-copies and stories
# ----------------------------------------------------------------------------

__all__ += ["dedup_option", "stories_option"]

DEDUP_CHOICES = ("flag", "drop", "keep-first", "off")


def dedup_option(func: F) -> F:
    """--dedup: what to do with near-copies (see framing.count.dedup)."""
    return click.option(
        "--dedup", type=click.Choice(DEDUP_CHOICES), default="flag",
        help="Near-copies (an earlier text printed again, e.g. an agency dispatch with edits): flag = "
             "count every document and report the copies (copies per pair of outlets in copies.csv "
             "with -o); keep-first = leave the copies out, keep each original; drop = leave out "
             "every document of a copy set; off = count every document and do not look for "
             "near-copies (faster; no copies table).",
    )(func)


def stories_option(func: F) -> F:
    """--stories FILE: reuse the table of 'framing stories' instead of finding the stories again."""
    return click.option(
        "--stories", "stories_file", type=click.Path(path_type=Path), default=None, metavar="FILE",
        help="The table 'framing stories' wrote for the same corpus (.csv, .tsv, .jsonl or .parquet), "
             "instead of finding the stories again.",
    )(func)
