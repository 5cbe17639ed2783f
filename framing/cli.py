"""The ``framing`` command line. It parses arguments, calls the API and formats output.

Data goes to stdout or ``-o``; progress bars, reading reports and warnings go
to stderr. Every user error becomes a one-line message (``Error: ...``) and
exit status 1.
"""

from __future__ import annotations

import functools
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import FramingError

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
    from .corpus import load_sample, read_corpus

    if sample and paths:
        raise FramingError("give either PATH... or --sample, not both.")
    if sample:
        return load_sample()
    if not paths:
        raise FramingError("no input: give one or more files or folders, or --sample.")
    return read_corpus(list(paths), text_col=options["text_col"], outlet_col=options["outlet_col"],
                       id_col=options["id_col"], date_col=options["date_col"],
                       title_col=options["title_col"], encoding=options["encoding"])


def _corpus_kwargs(kwargs: dict[str, Any]) -> dict[str, Any]:
    keys = ("text_col", "outlet_col", "id_col", "date_col", "title_col", "encoding")
    return {k: kwargs.pop(k) for k in keys}


def report_reading(corpus: Any) -> None:
    """Tell the user, on stderr, what was read and what was skipped."""
    report = getattr(corpus, "report", None)
    if report is None:
        return
    click.echo(report.summary(), err=True)
    for note in report.notes:
        click.echo(f"note: {note}", err=True)


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, prog_name="framing")
def main() -> None:
    """Measure media bias and framing in Arabic news through loaded terms.

    Start with:  framing score --sample
    """


# ----------------------------------------------------------------------------
# hits and score
# ----------------------------------------------------------------------------


@main.command(context_settings=CONTEXT)
@corpus_options
@lexicon_option
@click.option("--window", default=40, show_default=True, help="Characters of context each side.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Output file (.csv, .tsv, .jsonl or .parquet); default: CSV on stdout.")
@_errors
def hits(paths: tuple[Path, ...], sample: bool, lexicon: str, window: int,
         output: Path | None, **kwargs: Any) -> None:
    """One row per lexicon hit: doc_id, outlet, start, end, match, concept, label, pole, ...

    start/end are character offsets into the document text: text[start:end] == match.
    For a folder of .txt files, doc_id is the file's path relative to the folder.
    """
    from .hits import HIT_COLUMNS, iter_hits
    from .matching import Matcher
    from .output import output_format, write_rows

    output_format(output)
    matcher = Matcher(lexicon)
    corpus = open_corpus(paths, sample, **_corpus_kwargs(kwargs))
    n = write_rows(iter_hits(corpus, matcher, window=window), HIT_COLUMNS, output)
    report_reading(corpus)
    click.echo(f"{n:,} hits" + (f" written to {output}" if output else ""), err=True)


@main.command(context_settings=CONTEXT)
@corpus_options
@lexicon_option
@click.option("--by", default="outlet", show_default=True,
              help="Group by: outlet, month, year, or any input column.")
@click.option("-o", "--output", "outdir", type=click.Path(path_type=Path), default=None,
              help="Folder for documents.csv and groups.csv.")
@_errors
def score(paths: tuple[Path, ...], sample: bool, lexicon: str, by: str, outdir: Path | None,
          **kwargs: Any) -> None:
    """Count each label per document and per group.

    Writes DIR/documents.csv (doc_id, outlet, n_tokens, one count per label) and
    DIR/groups.csv (group, concept, label, pole, hits, docs_with_hit, n_docs, n_tokens,
    rate_per_1k_tokens, share_within_concept), and prints a summary on stdout.
    """
    from .scoring import score_to_folder
    from .summary import format_summary

    corpus = open_corpus(paths, sample, **_corpus_kwargs(kwargs))
    groups = score_to_folder(corpus, lexicon, by=by, outdir=outdir)
    report_reading(corpus)
    sys.stderr.flush()
    click.echo(format_summary(groups))
    if outdir:
        click.echo(f"wrote {outdir / 'documents.csv'} and {outdir / 'groups.csv'}", err=True)


# ----------------------------------------------------------------------------
# lexicon tooling
# ----------------------------------------------------------------------------


@main.group(context_settings=CONTEXT)
def lexicon() -> None:
    """List, show and validate lexicons."""


@lexicon.command("list", context_settings=CONTEXT)
@_errors
def lexicon_list() -> None:
    """List the bundled lexicons."""
    from .lexicon import bundled_lexicons, load_lexicon

    for name in bundled_lexicons():
        lex = load_lexicon(name)
        click.echo(f"{name}\t{lex.version}\t{len(lex.concepts)} concepts, "
                   f"{len(lex.terms)} terms\t{lex.description.splitlines()[0] if lex.description else ''}")


@lexicon.command("show", context_settings=CONTEXT)
@click.argument("name")
@click.option("--terms", is_flag=True, help="List every term (as CSV) instead of the summary.")
@_errors
def lexicon_show(name: str, terms: bool) -> None:
    """Show a lexicon's concepts, axes and labels (NAME or FILE)."""
    from .lexicon import load_lexicon

    lex = load_lexicon(name)
    if terms:
        lex.to_frame().to_csv(sys.stdout, index=False)
        return
    click.echo(f"{lex.name} {lex.version} ({lex.language}): {len(lex.concepts)} concepts, "
               f"{len(lex.labels)} labels, {len(lex.terms)} terms")
    if lex.description:
        click.echo(lex.description)
    for concept in lex.concepts:
        click.echo(f"\n{concept.id}: {concept.description}")
        click.echo(f"  axis: -1 {concept.negative}  <->  +1 {concept.positive}")
        for lab in concept.labels:
            sample_terms = "، ".join(t.text for t in lab.terms[:4])
            click.echo(f"  {lab.pole:+d} {lab.id:<22} {len(lab.terms):>3} terms  {sample_terms}")


@lexicon.command("validate", context_settings=CONTEXT)
@click.argument("file", type=click.Path(path_type=Path))
@_errors
def lexicon_validate(file: Path) -> None:
    """Check a lexicon file and report the first problem with its line."""
    from .lexicon import load_lexicon

    lex = load_lexicon(str(file))
    forms = sum(len(t.forms) for t in lex.terms)
    click.echo(f"{file}: OK: {len(lex.concepts)} concepts, {len(lex.labels)} labels, "
               f"{len(lex.terms)} terms, {forms} extra forms")


if __name__ == "__main__":  # pragma: no cover
    main()
