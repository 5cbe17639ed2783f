"""``framing lexicon list|show|validate|suggest|merge|diff``: the lexicon tooling."""

from __future__ import annotations

import sys
import warnings
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
    seed_option,
)


def _load(name: str) -> Any:
    """Load a lexicon; what it notes on the way (e.g. LIWC words in two categories) as one line each."""
    from ..lexicon import LexiconWarning, load_lexicon

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LexiconWarning)
        lex = load_lexicon(name)
    for w in caught:
        if issubclass(w.category, LexiconWarning):
            click.echo(f"note: {w.message}", err=True)
        else:  # pragma: no cover - passed on as it came
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return lex


@main.group(context_settings=CONTEXT, epilog="""\b
Examples:
  framing lexicon list
  framing lexicon show arabic-conflict
  framing lexicon validate my_lexicon.yaml""")
def lexicon() -> None:
    """List, show, validate, grow (suggest, merge) and compare (diff) lexicons."""


@lexicon.command("list", context_settings=CONTEXT, epilog="""\b
Example:
  framing lexicon list""")
@handle_errors
def lexicon_list() -> None:
    """List the bundled lexicons."""
    from ..lexicon import bundled_lexicons

    for name in bundled_lexicons():
        lex = _load(name)
        first_line = lex.description.splitlines()[0] if lex.description else ""
        click.echo(f"{name}\t{lex.version}\t{plural(len(lex.concepts), 'concept')}, "
                   f"{plural(len(lex.terms), 'term')}\t{first_line}")


@lexicon.command("show", context_settings=CONTEXT, epilog="""\b
Examples:
  framing lexicon show arabic-conflict
  framing lexicon show arabic-conflict --terms > terms.csv""")
@click.argument("name")
@click.option("--terms", is_flag=True,
              help="List every term as CSV (concept, label, pole, frame, term, forms, clitics, "
                   "rule) instead of the summary; the CSV loads back as a lexicon.")
@handle_errors
def lexicon_show(name: str, terms: bool) -> None:
    """Show a lexicon's concepts, axes and labels (NAME or FILE)."""
    lex = _load(name)
    if terms:
        lex.to_frame().to_csv(sys.stdout, index=False)
        return
    ruled = sum(1 for t in lex.terms if t.rule)
    click.echo(f"{lex.name} {lex.version} ({lex.language}): {plural(len(lex.concepts), 'concept')}, "
               f"{plural(len(lex.labels), 'label')}, {plural(len(lex.terms), 'term')} "
               f"({ruled} with context rules)")
    click.echo(f"content hash: {lex.content_hash()}")
    if lex.description:
        click.echo(lex.description)
    for concept in lex.concepts:
        click.echo(f"\n{concept.id}: {concept.description}")
        click.echo(f"  axis: -1 {concept.negative}  <->  +1 {concept.positive}")
        for lab in concept.labels:
            sample_terms = "، ".join(t.text for t in lab.terms[:4])
            n_terms = f"{len(lab.terms):>3} term{'' if len(lab.terms) == 1 else 's'}"
            click.echo(f"  {lab.pole:+d} {lab.id:<22} {n_terms:<9}  {sample_terms}")
            for t in lab.terms:
                if t.rule:
                    click.echo(f"      rule: {t.text}: {t.rule}")


@lexicon.command("validate", context_settings=CONTEXT, epilog="""\b
Example:
  framing lexicon validate my_lexicon.yaml""")
@click.argument("file", type=click.Path(path_type=Path))
@handle_errors
def lexicon_validate(file: Path) -> None:
    """Check a lexicon file and report the first problem with its line.

    Checks every key and value, that each term, form and word of a context rule
    can match (no bare '*', no punctuation), and that no term is listed under two
    labels. Prints the counts and the lexicon's content hash.
    """
    lex = _load(str(file))
    forms = sum(len(t.forms) for t in lex.terms)
    ruled = sum(1 for t in lex.terms if t.rule)
    click.echo(f"{file}: OK: {plural(len(lex.concepts), 'concept')}, {plural(len(lex.labels), 'label')}, "
               f"{plural(len(lex.terms), 'term')}, {plural(forms, 'extra form')}, "
               f"{plural(ruled, 'context rule')}; content hash {lex.content_hash()}")


@lexicon.command("suggest", context_settings=CONTEXT, epilog="""\b
Examples:
  framing lexicon suggest news.csv --concept foreign_troops -o candidates.csv
  framing lexicon suggest --sample --lexicon my.yaml --concept foreign_troops --label occupation -o c.csv""")
@corpus_options
@lexicon_option
@click.option("--concept", required=True, help="The concept to find candidate terms for.")
@click.option("--label", default=None,
              help="One label of the concept whose terms are the seeds (default: all its terms).")
@click.option("--top", default=50, type=click.IntRange(min=1), help="Candidates written.")
@by_option
@groups_option
@click.option("--min-count", default=10, type=click.IntRange(min=1),
              help="Words seen fewer times have no vector (and are no candidates).")
@click.option("--dimensions", default=300, type=click.IntRange(min=2),
              help="Dimensions of the word vectors (truncated SVD of PPMI).")
@click.option("--skip-top", default=100, type=click.IntRange(min=0),
              help="The most frequent words (function words) are no candidates.")
@click.option("--distinctiveness-weight", default=0.3, type=click.FloatRange(0, 1),
              help="How much between-group distinctiveness weighs in the score (0: similarity only).")
@seed_option("Seed of the SVD and of the examples drawn.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="The candidates file for the scholar (.csv or .tsv).")
@handle_errors
def lexicon_suggest(paths: tuple[Path, ...], sample: bool, lexicon: str, concept: str,
                    label: str | None, top: int, by: str, groups_file: Path | None, min_count: int,
                    dimensions: int, skip_top: int, distinctiveness_weight: float, seed: int,
                    output: Path, **kwargs: Any) -> None:
    """Candidate terms for a concept or label, from a corpus, for a scholar to accept or reject.

    Words are ranked by how close they are to the label's terms in a word space of the
    corpus (PPMI word-context vectors on normalised, clitic-stripped words, reduced with
    truncated SVD), weighted by how differently the groups use them. Columns: term, score,
    nearest_lexicon_terms, count, count_by_group, example_1..3, concept, similarity,
    distinctiveness, decision. Fill decision with accept:LABEL or reject, then run
    framing lexicon merge. Example: framing lexicon suggest corpus.jsonl --concept israel
    --label entity -o candidates.csv
    """
    from ..io import read_groups
    from ..io.write import output_format, write_table
    from ..lexicon.suggest import suggest_terms

    if output_format(output) not in ("csv", "tsv"):
        raise click.ClickException(f"scholars need a spreadsheet file; end {str(output)!r} in .csv "
                                   "or .tsv.")
    lex = _load(lexicon)
    corpus = open_corpus(paths, sample, **corpus_kwargs(kwargs))
    table = suggest_terms(corpus, lex, concept=concept, label=label, top=top, by=by,
                          groups=read_groups(groups_file) if groups_file else None,
                          min_count=min_count, dimensions=dimensions, skip_top=skip_top,
                          distinctiveness_weight=distinctiveness_weight, seed=seed)
    report_reading(corpus)
    write_table(table, output)
    click.echo(f"{len(table)} candidates for {concept}{'/' + label if label else ''} written to "
               f"{output}; fill 'decision' (accept:LABEL or reject), then: framing lexicon merge "
               f"{lexicon} {output} -o NEW.yaml", err=True)


@lexicon.command("merge", context_settings=CONTEXT, epilog="""\b
Examples:
  framing lexicon merge my_lexicon.yaml candidates.csv -o my_lexicon-1.1.yaml
  framing lexicon merge arabic-conflict candidates.csv --version 0.3.0 -o arabic-conflict-local.yaml""")
@click.argument("name")
@click.argument("candidates", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="The new lexicon (.yaml).")
@click.option("--version", "new_version", default=None,
              help="Version of the new lexicon (default: the next minor version, 0.1.0 -> 0.2.0).")
@handle_errors
def lexicon_merge(name: str, candidates: Path, output: Path, new_version: str | None) -> None:
    """Add the accepted candidates (decision accept:LABEL) to a lexicon, as a new YAML file.

    NAME is a bundled lexicon or a file; CANDIDATES the file of framing lexicon suggest
    with its decision column filled (accept:LABEL, accept:CONCEPT:LABEL, reject or
    empty). The version is bumped and a changelog entry lists the terms added.
    """
    from ..lexicon.changes import merge_candidates
    from ..lexicon.yaml_writer import write_lexicon

    if output.suffix.lower() not in (".yaml", ".yml"):
        raise click.ClickException(f"the merged lexicon is written as YAML; end {str(output)!r} in "
                                   ".yaml.")
    merged, report = merge_candidates(_load(name), candidates, version=new_version)
    write_lexicon(merged, output)
    click.echo(f"{report.summary()}; {merged.name} {merged.version} written to {output} "
               f"(content hash {merged.content_hash()})", err=True)


@lexicon.command("diff", context_settings=CONTEXT, epilog="""\b
Examples:
  framing lexicon diff my_lexicon.yaml my_lexicon-1.1.yaml
  framing lexicon diff arabic-conflict my_lexicon.yaml""")
@click.argument("a")
@click.argument("b")
@handle_errors
def lexicon_diff(a: str, b: str) -> None:
    """List what changed from lexicon A to lexicon B (bundled names or files).

    One line per change: + added, - removed, ~ changed (pole, frame, forms, clitics,
    rule, axis, name, version).
    """
    from ..lexicon.changes import diff_lexicons

    table = diff_lexicons(_load(a), _load(b))
    for row in table.itertuples(index=False):
        where = "/".join(x for x in (row.concept, row.label) if x)
        sign = "+" if row.change.endswith("added") else "-" if row.change.endswith("removed") else "~"
        what = f"{row.change} {where} {row.term}".strip()
        detail = f": {row.before} -> {row.after}" if sign == "~" else ""
        click.echo(f"{sign} {what}{detail}")
    click.echo(f"{len(table)} changes", err=True)
