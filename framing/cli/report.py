"""``framing report``: the main job, one self-contained HTML page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from . import (
    CONTEXT,
    _corpus_kwargs,
    _errors,
    corpus_options,
    lexicon_option,
    main,
    open_corpus,
    report_reading,
)


@main.command(context_settings=CONTEXT)
@corpus_options
@lexicon_option
@click.option("--by", default="outlet", show_default=True,
              help="Group by: outlet, month, year, or any input column.")
@click.option("--groups", "groups_file", type=click.Path(path_type=Path), default=None,
              help="CSV mapping each --by value to a group (e.g. outlet,family).")
@click.option("--voice", type=click.Choice(["own", "quoted", "reported", "all"]), default="own",
              show_default=True, help="Whose words to count.")
@click.option("--n-boot", default=2000, show_default=True, help="Bootstrap resamples of documents.")
@click.option("--n-perm", default=5000, show_default=True, help="Permutations per pairwise test.")
@click.option("--seed", default=0, show_default=True, help="Seed of every random draw.")
@click.option("--min-hits", default=10, show_default=True,
              help="Fewer hits than this in a group × concept: no interval, flagged.")
@click.option("--top", "top_terms", default=15, show_default=True, help="Discovered terms per group.")
@click.option("--title", default=None, help="Page title.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("report.html"),
              show_default=True, help="The HTML file; tables and figures go in folders beside it.")
@_errors
def report(paths: tuple[Path, ...], sample: bool, lexicon: str, by: str, groups_file: Path | None,
           voice: str, n_boot: int, n_perm: int, seed: int, min_hits: int, top_terms: int,
           title: str | None, output: Path, **kwargs: Any) -> None:
    """Write a self-contained HTML report: corpus summary, stance, shares, rates, pairwise
    tests, discovered terms, KWIC examples per label and a methods section.

    Every table is also written as CSV (OUTPUT_tables/) and every figure as PNG, SVG and
    PDF (OUTPUT_figures/). Example: framing report --sample -o report.html
    """
    from ..io.groups import read_groups
    from ..present.report import build_report, write_report

    if output.suffix.lower() not in (".html", ".htm"):
        raise click.ClickException(f"the report is an HTML file; end {str(output)!r} in .html.")
    corpus = open_corpus(paths, sample, **_corpus_kwargs(kwargs))
    groups = read_groups(groups_file) if groups_file else None
    result = build_report(corpus, lexicon, by=by, groups=groups, voice=voice, n_boot=n_boot,
                          n_perm=n_perm, seed=seed, min_hits=min_hits, top_terms=top_terms, title=title)
    report_reading(corpus)
    path = write_report(result, output)
    click.echo(f"wrote {path} ({result.summary['documents']:,} documents, "
               f"{len(result.figures)} figures, {len(result.tables)} tables)", err=True)
