"""Core commands: ``hits``, ``score`` and ``lexicon list|show|validate``."""

from __future__ import annotations

import sys
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
    dedup_option,
    engine_from,
    engine_options,
    groups_option,
    handle_errors,
    lexicon_option,
    open_corpus,
    report_reading,
    voice_option,
    window_option,
)
from .stories import report_copies

# ----------------------------------------------------------------------------
# hits and score
# ----------------------------------------------------------------------------


@main.command(context_settings=CONTEXT, epilog="""\b
Examples:
  framing hits --sample -o hits.csv
  framing hits news.csv --voice quoted -o quoted.csv""")
@corpus_options
@lexicon_option
@window_option
@voice_option("all", "Keep only the hits in this voice (the voice column says which each hit is).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Output file (.csv, .tsv, .jsonl or .parquet); default: CSV on stdout.")
@engine_options
@handle_errors
def hits(paths: tuple[Path, ...], sample: bool, lexicon: str, window: int, voice: str,
         output: Path | None, **kwargs: Any) -> None:
    """One row per lexicon hit: doc_id, outlet, start, end, match, concept, label, pole, ...

    start/end are character offsets into the document text: text[start:end] == match.
    For a folder of .txt files, doc_id is the file's path relative to the folder.
    The last columns say whose words each hit is: voice (own, quoted or reported),
    speaker (when the sentence names one) and scare_quoted (inside «...» of one to
    three words that quote no speech).
    """
    from ..count.hits import HIT_COLUMNS, iter_hit_records
    from ..io.records import write_records
    from ..io.write import output_format
    from ..match import Matcher

    output_format(output)
    matcher = Matcher(lexicon)
    engine = engine_from(kwargs)
    corpus = open_corpus(paths, sample, **corpus_kwargs(kwargs))
    n = write_records(iter_hit_records(corpus, matcher, window=window, voice=voice, engine=engine),
                      HIT_COLUMNS, output)
    report_reading(corpus)
    click.echo(plural(n, "hit") + (f" written to {output}" if output else ""), err=True)


@main.command(context_settings=CONTEXT, epilog="""\b
Examples:
  framing score --sample -o scores/
  framing score news.csv --by month -o scores/
  framing score news.csv --dedup keep-first -o scores/""")
@corpus_options
@lexicon_option
@by_option
@groups_option
@voice_option("own", "Count only hits in this voice: own = the outlet's narration, not the words "
                     "it quotes or reports; all = every hit (faster, no voice columns).")
@dedup_option
@click.option("-o", "--output", "outdir", type=click.Path(path_type=Path), default=None,
              help="Folder for documents.csv, groups.csv and copies.csv; without -o nothing is "
                   "written (the summary is printed).")
@engine_options
@handle_errors
def score(paths: tuple[Path, ...], sample: bool, lexicon: str, by: str, groups_file: Path | None,
          voice: str, dedup: str, outdir: Path | None, **kwargs: Any) -> None:
    """Count each label per document and per group.

    Writes DIR/documents.csv (doc_id, outlet, n_tokens, one count per label),
    DIR/groups.csv (group, concept, label, pole, hits, docs_with_hit, n_docs, n_tokens,
    rate_per_1k_tokens, share_within_concept, attributed_share, scare_quoted_share,
    scare_quote_rate) and DIR/copies.csv (near-copies per pair of outlets), and prints a
    summary on stdout. By default only the outlet's own voice is counted (--voice own);
    attributed_share and the scare-quote columns are computed over all voices. Near-copies
    are counted and reported (--dedup flag), or left out (--dedup keep-first or drop).
    """
    from ..count.scoring import score_to_folder
    from ..io import read_groups
    from ..present.summary import format_summary

    engine = engine_from(kwargs)
    corpus = open_corpus(paths, sample, **corpus_kwargs(kwargs))
    group_map = read_groups(groups_file) if groups_file else None
    groups = score_to_folder(corpus, lexicon, by=by, groups=group_map, outdir=outdir, voice=voice,
                             dedup=dedup, engine=engine)  # type: ignore[arg-type]
    copies = groups.attrs.pop("near_copies")
    report_reading(corpus)
    if voice != "all":
        click.echo(f"counting {voice}-voice hits only (--voice {voice}; --voice all counts every hit)",
                   err=True)
    report_copies(copies, outdir / "copies.csv" if outdir else None)
    sys.stderr.flush()
    click.echo(format_summary(groups))
    names = ["documents.csv", "groups.csv", *(["copies.csv"] if copies is not None else [])]
    if outdir:
        written = [str(outdir / name) for name in names]
        click.echo(f"wrote {', '.join(written[:-1])} and {written[-1]}", err=True)
    else:
        click.echo(f"nothing written; add -o DIR to write {', '.join(names[:-1])} and {names[-1]}", err=True)
