"""Core commands: ``hits``, ``score`` and ``lexicon list|show|validate``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from . import (
    CONTEXT,
    _corpus_kwargs,
    _engine,
    _errors,
    corpus_options,
    engine_options,
    lexicon_option,
    main,
    open_corpus,
    report_reading,
)

# ----------------------------------------------------------------------------
# hits and score
# ----------------------------------------------------------------------------


@main.command(context_settings=CONTEXT)
@corpus_options
@lexicon_option
@click.option("--window", default=40, show_default=True, help="Characters of context each side.")
@click.option("--voice", default="all", show_default=True, metavar="own|quoted|reported|all",
              help="Keep only the hits in this voice (the voice column says which each hit is).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Output file (.csv, .tsv, .jsonl or .parquet); default: CSV on stdout.")
@engine_options
@_errors
def hits(paths: tuple[Path, ...], sample: bool, lexicon: str, window: int, voice: str,
         output: Path | None, **kwargs: Any) -> None:
    """One row per lexicon hit: doc_id, outlet, start, end, match, concept, label, pole, ...

    start/end are character offsets into the document text: text[start:end] == match.
    For a folder of .txt files, doc_id is the file's path relative to the folder.
    The last columns say whose words each hit is: voice (own, quoted or reported),
    speaker (when the sentence names one) and scare_quoted (inside «...» of one to
    three words that quote no speech).
    """
    from ..count.hits import HIT_COLUMNS, iter_hits
    from ..errors import check_option
    from ..io.write import output_format, write_rows
    from ..match.matcher import Matcher
    from ..voice.map import VOICE_FILTERS

    output_format(output)
    check_option("voice", voice, VOICE_FILTERS)
    matcher = Matcher(lexicon)
    engine = _engine(kwargs)
    corpus = open_corpus(paths, sample, **_corpus_kwargs(kwargs))
    n = write_rows(iter_hits(corpus, matcher, window=window, voice=voice, engine=engine), HIT_COLUMNS,
                   output)
    report_reading(corpus)
    click.echo(f"{n:,} hits" + (f" written to {output}" if output else ""), err=True)


@main.command(context_settings=CONTEXT)
@corpus_options
@lexicon_option
@click.option("--by", default="outlet", show_default=True,
              help="Group by: outlet, month, year, or any input column.")
@click.option("--voice", default="own", show_default=True, metavar="own|quoted|reported|all",
              help="Count only hits in this voice: own = the outlet's narration, not the words "
                   "it quotes or reports; all = every hit (faster, no voice columns).")
@click.option("-o", "--output", "outdir", type=click.Path(path_type=Path), default=None,
              help="Folder for documents.csv and groups.csv.")
@engine_options
@_errors
def score(paths: tuple[Path, ...], sample: bool, lexicon: str, by: str, voice: str,
          outdir: Path | None, **kwargs: Any) -> None:
    """Count each label per document and per group.

    Writes DIR/documents.csv (doc_id, outlet, n_tokens, one count per label) and
    DIR/groups.csv (group, concept, label, pole, hits, docs_with_hit, n_docs, n_tokens,
    rate_per_1k_tokens, share_within_concept, attributed_share, scare_quoted_share,
    scare_quote_rate), and prints a summary on stdout. By default only the outlet's
    own voice is counted (--voice own); attributed_share and the scare-quote columns
    are computed over all voices.
    """
    from ..count.scoring import score_to_folder
    from ..errors import check_option
    from ..present.summary import format_summary
    from ..voice.map import VOICE_FILTERS

    check_option("voice", voice, VOICE_FILTERS)
    engine = _engine(kwargs)
    corpus = open_corpus(paths, sample, **_corpus_kwargs(kwargs))
    groups = score_to_folder(corpus, lexicon, by=by, outdir=outdir, voice=voice, engine=engine)
    report_reading(corpus)
    if voice != "all":
        click.echo(f"counting {voice}-voice hits only (--voice {voice}; --voice all counts every hit)",
                   err=True)
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
    from ..lexicon.model import bundled_lexicons, load_lexicon

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
    from ..lexicon.model import load_lexicon

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
    from ..lexicon.model import load_lexicon

    lex = load_lexicon(str(file))
    forms = sum(len(t.forms) for t in lex.terms)
    click.echo(f"{file}: OK: {len(lex.concepts)} concepts, {len(lex.labels)} labels, "
               f"{len(lex.terms)} terms, {forms} extra forms")

