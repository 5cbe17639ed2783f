"""``framing report``: the main job, one self-contained HTML page with an explorer."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import click

from ..utils import plural
from .app import main
from .options import (
    CONTEXT,
    by_option,
    corpus_kwargs,
    corpus_options,
    dedup_option,
    discovery_options,
    engine_from,
    engine_options,
    groups_option,
    handle_errors,
    lexicon_option,
    open_corpus,
    report_reading,
    statistics_options,
    stories_option,
    voice_option,
)


@main.command(context_settings=CONTEXT, epilog="""\b
Examples:
  framing report --sample -o report.html
  framing report news.csv --by month --min-hits 5 -o report.html
  framing report news.csv --stories stories.csv --dedup keep-first -o report.html""")
@corpus_options
@lexicon_option
@by_option
@groups_option
@voice_option("own", "Whose words the tables count (see framing score); the explorer shows every voice.")
@statistics_options
@discovery_options(top=15)
@click.option("--time", "time_unit", type=click.Choice(["week", "month", "year"]), default="month",
              help="Period of the trends and of the explorer's period filter.")
@click.option("--max-contexts", default=200, type=click.IntRange(min=1),
              help="Concordance lines kept per label × group (a seeded random sample).")
@click.option("--max-text-chars", default=12_000_000, type=click.IntRange(min=0),
              help="Characters of document text the page may hold (the full texts behind the lines; "
                   "about 0.7 bytes each in the page).")
@click.option("--same-story/--no-same-story", default=True,
              help="The 'same story' section: labels each outlet chose in the stories most outlets "
                   "covered (finding the stories reads the corpus once more, unless --stories).")
@stories_option
@dedup_option
@click.option("--title", default=None, help="Page title.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("report.html"),
              help="NAME.html (tables and figures in NAME_tables/ and NAME_figures/ beside it) or a "
                   "folder DIR/ (index.html, tables/, figures/).")
@click.option("--force", is_flag=True, help="Replace an earlier report at OUTPUT.")
@engine_options
@handle_errors
def report(paths: tuple[Path, ...], sample: bool, lexicon: str, by: str, groups_file: Path | None,
           voice: str, n_boot: int, n_perm: int, seed: int, min_hits: int, top: int, min_count: int,
           max_n: int, stopwords: Path | None, time_unit: str, max_contexts: int, max_text_chars: int,
           same_story: bool, stories_file: Path | None, dedup: str, title: str | None, output: Path,
           force: bool, **kwargs: Any) -> None:
    """Write a self-contained HTML report with an explorer: what the numbers mean, key findings,
    the stance heatmap, the lexicon, label shares, rates, tests, trends, voice, discovered terms,
    same story, corpus and methods. Click any label, cell or term for its concordance lines, and a line
    for its whole document with every hit marked.

    Every table is also written as CSV and every figure as PNG, SVG and PDF beside the page.
    An existing report is kept unless --force.
    """
    from ..analysis import read_stopwords
    from ..count.dedup import DedupMode
    from ..io import read_groups
    from ..present.outputs import output_paths
    from ..present.report import build_report
    from ..present.trends import TimeUnit

    paths_out = output_paths(output)
    paths_out.check_free(force=force)  # before any work
    groups = read_groups(groups_file) if groups_file else None
    stops = read_stopwords(stopwords) if stopwords else None
    engine = engine_from(kwargs)
    corpus = open_corpus(paths, sample, **corpus_kwargs(kwargs))
    result = build_report(corpus, lexicon, by=by, groups=groups, voice=voice, time=cast(TimeUnit, time_unit),
                          n_boot=n_boot, n_perm=n_perm, seed=seed, min_hits=min_hits, top=top,
                          min_count=min_count, max_n=max_n, stopwords=stops, max_contexts=max_contexts,
                          max_text_chars=max_text_chars, title=title, path=output, force=force,
                          same_story=same_story, stories=stories_file, dedup=cast(DedupMode, dedup),
                          engine=engine)
    report_reading(corpus)
    data = result.data
    click.echo(f"wrote {result.path} with {paths_out.tables.name}/ ({plural(len(result.tables), 'table')}) "
               f"and {paths_out.figures.name}/ ({plural(len(result.figures), 'figure')}): "
               f"{plural(result.summary['documents'], 'document')}, {plural(len(data.contexts), 'line')} "
               f"from {plural(len(data.shown), 'document')}", err=True)
