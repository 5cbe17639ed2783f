"""``framing report``: the main job, one self-contained HTML page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..utils import plural
from .app import main
from .options import (
    CONTEXT,
    by_option,
    corpus_kwargs,
    corpus_options,
    groups_option,
    handle_errors,
    lexicon_option,
    open_corpus,
    report_reading,
    statistics_options,
    voice_option,
)


@main.command(context_settings=CONTEXT, epilog="""\b
Examples:
  framing report --sample -o report.html
  framing report news.csv --by month --min-hits 5 -o report.html""")
@corpus_options
@lexicon_option
@by_option
@groups_option
@voice_option("own", "Whose words to count (see framing score).")
@statistics_options
@click.option("--top", "top_terms", default=15, help="Discovered terms per group.")
@click.option("--title", default=None, help="Page title.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("report.html"),
              help="The HTML file; tables and figures go in folders beside it.")
@handle_errors
def report(paths: tuple[Path, ...], sample: bool, lexicon: str, by: str, groups_file: Path | None,
           voice: str, n_boot: int, n_perm: int, seed: int, min_hits: int, top_terms: int,
           title: str | None, output: Path, **kwargs: Any) -> None:
    """Write a self-contained HTML report: corpus summary, stance, shares, rates, pairwise
    tests, discovered terms, KWIC examples per label and a methods section.

    Every table is also written as CSV (OUTPUT_tables/) and every figure as PNG, SVG and
    PDF (OUTPUT_figures/).
    """
    from ..io.groups import read_groups
    from ..present.report import build_report, write_report

    if output.suffix.lower() not in (".html", ".htm"):
        raise click.ClickException(f"the report is an HTML file; end {str(output)!r} in .html.")
    corpus = open_corpus(paths, sample, **corpus_kwargs(kwargs))
    groups = read_groups(groups_file) if groups_file else None
    result = build_report(corpus, lexicon, by=by, groups=groups, voice=voice, n_boot=n_boot,
                          n_perm=n_perm, seed=seed, min_hits=min_hits, top_terms=top_terms, title=title)
    report_reading(corpus)
    path = write_report(result, output)
    click.echo(f"wrote {path} ({plural(result.summary['documents'], 'document')}, "
               f"{plural(len(result.figures), 'figure')}, {plural(len(result.tables), 'table')})",
               err=True)
