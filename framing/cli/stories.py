"""The ``stories`` command: articles that report the same story, and near-copies among them.

Also what the other commands print about near-copies and stories (:func:`report_copies`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .app import main
from .options import (
    CONTEXT,
    corpus_kwargs,
    corpus_options,
    engine_from,
    engine_options,
    handle_errors,
    open_corpus,
    report_reading,
)


@main.command(context_settings=CONTEXT, epilog="""\b
Examples:
  framing stories news.csv -o stories.csv --copies copies.csv
  framing stories articles.jsonl.gz --window-days 2 --threshold 0.4 -o stories.csv
""")
@corpus_options
@click.option("--window-days", default=3, type=click.IntRange(min=0),
              help="Compare only articles at most this many days apart.")
@click.option("--threshold", default=0.3, type=click.FloatRange(0.0, 1.0, min_open=True),
              help="Mean TF-IDF cosine similarity of a story's members (average linkage).")
@click.option("--copy-threshold", default=0.6, type=click.FloatRange(0.0, 1.0, min_open=True),
              help="Word 4-gram containment at which two members of a story are near-copies.")
@click.option("--min-words", default=8, type=click.IntRange(min=1),
              help="Articles with fewer content words are not compared.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Output file (.csv, .tsv, .jsonl or .parquet); default: CSV on stdout.")
@click.option("--copies", "copies_path", type=click.Path(path_type=Path), default=None,
              metavar="FILE", help="Also write the near-copies per pair of outlets to FILE.")
@engine_options
@handle_errors
def stories(paths: tuple[Path, ...], sample: bool, window_days: int, threshold: float,
            copy_threshold: float, min_words: int, output: Path | None, copies_path: Path | None,
            **kwargs: Any) -> None:
    """Group the articles that report the same story across outlets; mark near-copies.

    One row per article: doc_id, outlet, date, story_id, story_size, n_outlets,
    duplicate_of (the earlier article this one nearly copies, e.g. the same agency
    dispatch with edits), similarity (to its most similar fellow member) and
    containment (shared word 4-grams with the original). Articles are compared
    only within --window-days of each other, by their content words; stories are
    the clusters of average linkage cut at --threshold (see docs/stories.md).
    """
    from ..analysis.stories import copies_by_outlet_pair, find_stories
    from ..io.write import output_format, write_table

    output_format(output)
    if copies_path is not None:
        output_format(copies_path)
    engine = engine_from(kwargs)
    corpus = open_corpus(paths, sample, **corpus_kwargs(kwargs))
    table = find_stories(corpus, window_days=window_days, threshold=threshold,
                         copy_threshold=copy_threshold, min_words=min_words, engine=engine)
    report_reading(corpus)
    click.echo(table.attrs.pop("report").summary(), err=True)
    write_table(table, output)
    if copies_path is not None:
        write_table(copies_by_outlet_pair(table), copies_path)
        click.echo(f"near-copies per pair of outlets written to {copies_path}", err=True)
    if output:
        click.echo(f"wrote {output}", err=True)


def report_copies(copies: Any, written: Path | None) -> None:
    """One line on stderr about the near-copies (a NearCopies, or its ``to_attrs()``), and where their
    table was written; None: they were not looked for (``--dedup off``)."""
    if copies is None:
        click.echo("near-copies: not looked for (--dedup off)", err=True)
        return
    line = copies["summary"] if isinstance(copies, dict) else copies.summary()
    if written is not None:
        line += f"; copies per pair of outlets in {written}"
    click.echo(line, err=True)
