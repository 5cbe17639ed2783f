"""Comparison commands: ``compare``, ``discover``, ``kwic``, ``sample-hits`` and ``validate``."""

from __future__ import annotations

import sys
from collections.abc import Callable
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
    discovery_options,
    engine_from,
    engine_options,
    groups_option,
    handle_errors,
    lexicon_option,
    open_corpus,
    report_reading,
    seed_option,
    statistics_options,
    stories_option,
    voice_option,
    window_option,
)
from .stories import report_copies


def _fmt(x: float, signed: bool = True) -> str:
    if x != x:  # NaN
        return "."
    return f"{x:+.2f}" if signed else f"{x:.2f}"


def _format_compare(result: Any, *, max_groups: int = 6, max_pairs: int = 15) -> str:
    stance, pairwise = result.stance, result.pairwise
    settings = result.settings
    names = list(dict.fromkeys(stance["group"]))
    shown = names[:max_groups]
    used = stance.groupby("concept", sort=False)["hits"].sum()
    concepts = [c for c in dict.fromkeys(stance["concept"]) if used[c] > 0]
    cw = max([len("concept"), *(len(c) for c in concepts)]) + 2
    gw = max(22, *(len(str(g)) + 2 for g in shown))
    level = round(100 * settings.get("level", 0.95))
    lines = [f"stance: mean pole of the hits (-1 ... +1), [{level}% CI] from a document bootstrap "
             f"({settings.get('n_boot', 0):,} resamples); * too few hits, no CI",
             f"{'concept':<{cw}}" + "".join(f"{str(g)[:gw - 2]:<{gw}}" for g in shown)]
    cell = stance.set_index(["concept", "group"])
    for concept in concepts:
        row = f"{concept:<{cw}}"
        for g in shown:
            r = cell.loc[(concept, g)]
            if r["hits"] == 0:
                text = "."
            elif r["too_few_hits"]:
                text = f"{_fmt(r['stance'])}* (n={int(r['hits'])})"
            else:
                text = f"{_fmt(r['stance'])} [{_fmt(r['ci_low'])},{_fmt(r['ci_high'])}]"
            row += f"{text:<{gw}}"
        lines.append(row.rstrip())
    if len(names) > max_groups:
        lines.append(f"(first {max_groups} of {len(names)} groups; see stance.csv)")
    tested = pairwise[pairwise["q_value"].notna()]
    significant = tested[tested["q_value"] < 0.05].sort_values(["q_value", "concept"])
    lines += ["", f"pairwise stance differences with q < 0.05: {len(significant)} of {len(tested)} "
              f"tests (permutation test, {settings.get('n_perm', 0):,} permutations; "
              "Benjamini-Hochberg q)"]
    lines += _pair_lines(significant, cw, max_pairs, "pairwise.csv", f"{'p':>8}{'q':>8}{'h':>7}",
                         lambda r: f"{r.p_value:>8.4f}{r.q_value:>8.4f}{_fmt(r.cohens_h):>7}")
    return "\n".join(lines)


def _pair_lines(significant: Any, cw: int, max_pairs: int, table: str, head: str,
                tail: Callable[[Any], str]) -> list[str]:
    """One line per pair of groups (the first ``max_pairs``): concept, groups, difference and CI,
    then the columns ``head`` names, filled by ``tail(row)``."""
    if not len(significant):
        return []
    lines = [f"{'concept':<{cw}}{'group A':<16}{'group B':<16}{'A - B':>7}  {'CI':<16}{head}"]
    for r in significant.head(max_pairs).itertuples(index=False):
        lines.append(f"{r.concept:<{cw}}{str(r.group_a)[:15]:<16}{str(r.group_b)[:15]:<16}"
                     f"{_fmt(r.difference):>7}  [{_fmt(r.ci_low)},{_fmt(r.ci_high)}]  {tail(r)}")
    if len(significant) > max_pairs:
        lines.append(f"(first {max_pairs}; see {table})")
    return lines


def _format_matched(matched: Any, *, max_pairs: int = 15) -> str:
    tested = matched[matched["q_value"].notna()]
    significant = tested[tested["q_value"] < 0.05].sort_values(["q_value", "concept"])
    few = int(matched["too_few_stories"].sum())
    lines = ["", f"matched stance differences, within the stories both groups covered (story bootstrap, "
             f"permutation within stories): q < 0.05 in {len(significant)} of {len(tested)} tests"
             + (f"; {few} with too few shared stories" if few else "")]
    cw = max(len("concept"), *(len(c) for c in significant["concept"])) + 2 if len(significant) else 0
    lines += _pair_lines(significant, cw, max_pairs, "matched.csv", f"{'stories':>8}{'q':>8}",
                         lambda r: f"{r.stories:>8}{r.q_value:>8.4f}")
    return "\n".join(lines)


@main.command(context_settings=CONTEXT, epilog="""\b
Examples:
  framing compare --sample -o compared/
  framing compare news.csv --by month --groups periods.csv --min-hits 5 -o compared/
  framing compare news.csv --matched --dedup keep-first -o compared/""")
@corpus_options
@lexicon_option
@by_option
@groups_option
@voice_option("own", "Whose words to count (see framing score).")
@statistics_options
@dedup_option
@click.option("--matched", is_flag=True,
              help="Also compare each pair of groups within the stories both covered (matched.csv), "
                   "so that what an outlet covers cannot pass for how it names it.")
@stories_option
@click.option("--min-stories", default=5, type=click.IntRange(min=1),
              help="With --matched: fewer shared stories with hits of both groups than this: "
                   "flagged, no interval or test.")
@click.option("-o", "--output", "outdir", type=click.Path(path_type=Path), default=None,
              help="Folder for stance.csv, shares.csv, rates.csv, pairwise.csv, copies.csv (and "
                   "matched.csv); without -o nothing is written (the summary is printed).")
@engine_options
@handle_errors
def compare(paths: tuple[Path, ...], sample: bool, lexicon: str, by: str, groups_file: Path | None,
            voice: str, n_boot: int, n_perm: int, seed: int, min_hits: int, dedup: str, matched: bool,
            stories_file: Path | None, min_stories: int, outdir: Path | None, **kwargs: Any) -> None:
    """Compare groups: stance index, label shares and rates with bootstrap CIs, pairwise tests.

    Writes DIR/stance.csv (group, concept, stance, ci_low, ci_high, hits, docs, tokens,
    too_few_hits), DIR/shares.csv, DIR/rates.csv, DIR/pairwise.csv (stance difference,
    its CI, permutation p, Benjamini-Hochberg q, Cohen's h) and DIR/copies.csv (near-copies
    per pair of outlets), and prints a summary. With --matched, DIR/matched.csv: each pair's
    stance difference over the stories both covered (found as 'framing stories' finds them,
    or read from --stories), with a bootstrap of stories and a permutation test within
    stories.
    """
    from ..analysis.comparison import compare as run_compare
    from ..io.groups import read_groups
    from ..io.write import write_tables

    groups = read_groups(groups_file) if groups_file else None
    engine = engine_from(kwargs)
    corpus = open_corpus(paths, sample, **corpus_kwargs(kwargs))
    result = run_compare(corpus, lexicon, by=by, groups=groups, voice=voice, n_boot=n_boot,
                         n_perm=n_perm, seed=seed, min_hits=min_hits, dedup=dedup,  # type: ignore[arg-type]
                         matched=matched, stories=stories_file, min_stories=min_stories, engine=engine)
    report_reading(corpus)
    report_copies(result.copies, outdir / "copies.csv" if outdir else None)
    if result.matched is not None and result.matched.attrs.get("unlisted"):
        unlisted = plural(result.matched.attrs["unlisted"], "document")
        click.echo(f"note: the stories table does not list {unlisted} counted here; each is a story of its "
                   "own", err=True)
    sys.stderr.flush()
    click.echo(_format_compare(result))
    if result.matched is not None:
        click.echo(_format_matched(result.matched))
    if outdir:
        tables = result.tables
        write_tables({f"{name}.csv": table for name, table in tables.items()}, outdir)
        names = [f"{name}.csv" for name in tables]
        click.echo(f"wrote {', '.join(names[:-1])} and {names[-1]} to {outdir}", err=True)
    else:
        click.echo("nothing written; add -o DIR to write stance.csv, shares.csv, rates.csv and "
                   "pairwise.csv", err=True)


@main.command(context_settings=CONTEXT, epilog="""\b
Examples:
  framing discover --sample --top 10
  framing discover news.csv --pair sindyan waha --min-count 3 -o terms.csv
  framing discover news.csv --control stories --dedup keep-first -o terms.csv""")
@corpus_options
@lexicon_option
@by_option
@groups_option
@click.option("--pair", nargs=2, default=None, metavar="A B",
              help="Compare group A with group B only (default: each group against the rest).")
@discovery_options(top=30)
@click.option("--control", type=click.Choice(["none", "stories"]), default="none",
              help="stories: rank by log-odds within the stories two groups both covered (pooled over "
                   "stories), so words that only mark which events a group covers drop out; none: each "
                   "group against the rest of the corpus.")
@stories_option
@click.option("--kinds", type=click.Choice(["content", "all"]), default="content",
              help="content: show only terms of kind content, setting aside the group's own name "
                   "(self), formulas and spelling habits (counted on stderr); all: show every kind.")
@dedup_option
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Output file (.csv, .tsv, .jsonl or .parquet) for the full table; without -o "
                   "only the top terms are printed. Near-copies per pair of outlets go to "
                   "NAME_copies.csv beside it.")
@engine_options
@handle_errors
def discover(paths: tuple[Path, ...], sample: bool, lexicon: str, by: str, groups_file: Path | None,
             pair: tuple[str, str] | None, top: int, min_count: int, max_n: int,
             stopwords: Path | None, control: str, stories_file: Path | None, kinds: str, dedup: str,
             output: Path | None, **kwargs: Any) -> None:
    """Find the words and phrases that set each group apart, in the lexicon or not.

    1-3-grams over normalised, clitic-stripped words; log-odds ratio with an informative
    Dirichlet prior (Monroe et al. 2008) as z-scores, or with --control stories the
    stratified log-odds within the stories groups share (Mantel-Haenszel pooling). Columns:
    group, term, kind, z, count_group, count_rest, in_lexicon, example. The corpus is read
    once, in units, so memory stays flat in the number of documents.
    """
    from ..analysis.discovery import discover as run_discover
    from ..analysis.discovery import read_stopwords
    from ..io.groups import read_groups
    from ..io.write import output_format, write_table

    output_format(output)
    copies_path = output.with_name(f"{output.stem}_copies.csv") if output else None
    groups = read_groups(groups_file) if groups_file else None
    stops = read_stopwords(stopwords) if stopwords else None
    engine = engine_from(kwargs)
    corpus = open_corpus(paths, sample, **corpus_kwargs(kwargs))
    table = run_discover(corpus, by=by, groups=groups, pair=pair, top=top, min_count=min_count,
                         max_n=max_n, stopwords=stops, lexicon=lexicon, dedup=dedup,  # type: ignore[arg-type]
                         control=control, kinds=kinds, stories=stories_file,  # type: ignore[arg-type]
                         engine=engine)
    copies = table.attrs.pop("near_copies", None)
    set_aside = table.attrs.pop("set_aside", {})
    used = table.attrs.pop("stories", None)
    report_reading(corpus)
    report_copies(copies, copies_path)
    if used:
        click.echo(f"--control stories: {plural(used['documents'], 'document')} in "
                   f"{plural(used['stories'], 'story', 'stories')} covered by two or more groups", err=True)
    if kinds == "content":
        aside = ", ".join(f"{set_aside[k]} {k}" for k in ("self", "formula", "spelling") if set_aside.get(k))
        click.echo(f"set aside {aside or 'nothing'} (terms ranked above the ones shown that are an "
                   "outlet's own name, formulas or spelling habits; --kinds all shows them)", err=True)
    sys.stderr.flush()
    lines = []
    for group, rows in table.groupby("group", sort=False):
        lines.append(f"{group}")
        for r in rows.head(min(top, 15)).itertuples(index=False):
            known = f"  [{r.in_lexicon}]" if r.in_lexicon else ""
            kind = f"  ({r.kind})" if r.kind != "content" else ""
            lines.append(f"  {r.z:7.2f} {r.count_group:>7,} {r.count_rest:>8,}  {r.term}{known}{kind}")
    click.echo("z, count in the group, count in the rest, term [lexicon label if known]")
    click.echo("\n".join(lines))
    if output:
        write_table(table, output)
        click.echo(f"{plural(len(table), 'row')} written to {output}", err=True)
        if copies is not None and copies_path is not None:
            import pandas as pd

            from ..count.dedup import COPY_PAIR_COLUMNS

            write_table(pd.DataFrame(copies["by_outlet_pair"], columns=COPY_PAIR_COLUMNS), copies_path)


def _split_terms(paths: tuple[Path, ...], sample: bool, *, need_terms: bool = True
                 ) -> tuple[tuple[Path, ...], list[str]]:
    """``PATH... TERM...``: leading arguments that exist are inputs, the rest are terms."""
    from ..errors import FramingError
    from ..io.corpus import exists
    from ..io.formats import DATA_SUFFIXES

    args = [str(p) for p in paths]
    n = 0
    if not sample:
        while n < len(args) and exists(Path(args[n])):
            n += 1
        if n == 0 and args and (args[0].lower().endswith((*DATA_SUFFIXES, ".txt")) or "/" in args[0]):
            raise FramingError(f"{args[0]}: no such file or folder; check the path.")
    inputs, terms = tuple(Path(a) for a in args[:n]), args[n:]
    if not terms and need_terms:
        raise FramingError("no term given: framing kwic PATH... TERM [TERM...] (or --sample TERM...).")
    return inputs, terms


@main.command(context_settings=CONTEXT, epilog="""\b
Examples:
  framing kwic --sample المقاومة الميليشيات
  framing kwic news.csv "الاحتلال*" --window 40 -o lines.csv
  framing kwic --sample --rejected
  framing kwic news.csv التحالف --rejected --lexicon my_lexicon.yaml -o rejected.csv""")
@corpus_options
@window_option
@click.option("--rejected", is_flag=True,
              help="Show the occurrences of the lexicon's terms that their context rule rejected, "
                   "with the reason (the TERMs, if any, pick ruled terms of the lexicon).")
@lexicon_option
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Output file (.csv, .tsv, .jsonl or .parquet); default: aligned lines on stdout.")
@handle_errors
def kwic(paths: tuple[Path, ...], sample: bool, window: int, rejected: bool, lexicon: str,
         output: Path | None, **kwargs: Any) -> None:
    """Concordance of any word or phrase, clitic-aware: framing kwic PATH... TERM [TERM...].

    The leading arguments that exist are the input files or folders, the rest are the terms
    (a trailing * makes the last word a prefix). Columns: doc_id, outlet, start, end, left,
    match, right. With --rejected: what the context rules of the lexicon (--lexicon) rejected,
    with columns concept, label, term, rule and reason added.
    """
    from ..count.concordance import KWIC_COLUMNS, REJECTED_COLUMNS, format_kwic, iter_kwic, iter_rejected
    from ..io.records import write_rows
    from ..io.write import output_format

    output_format(output)
    inputs, terms = _split_terms(paths, sample, need_terms=not rejected)
    corpus = open_corpus(inputs, sample, **corpus_kwargs(kwargs))
    if rejected:
        rows, columns = iter_rejected(corpus, lexicon, terms, window=window), REJECTED_COLUMNS
    else:
        rows, columns = iter_kwic(corpus, terms, window=window), KWIC_COLUMNS
    if output:
        n = write_rows(rows, columns, output)
    else:
        n = 0
        for row in rows:
            line = format_kwic([row], window=min(window, 40))
            click.echo(f"{line}   [{row['reason']}]" if rejected else line)
            n += 1
    report_reading(corpus)
    what = "rejected occurrence" if rejected else "occurrence"
    click.echo(plural(n, what) + (f" written to {output}" if output else ""), err=True)


# The usage line names the terms as well as the inputs.
next(p for p in kwic.params if p.name == "paths").metavar = "PATH... TERM..."


@main.command("sample-hits", context_settings=CONTEXT, epilog="""\b
Examples:
  framing sample-hits --sample --per-label 5 -o sample.csv
  framing sample-hits news.csv --per-label 20 --seed 1 -o sample.csv""")
@corpus_options
@lexicon_option
@click.option("--per-label", default=20, type=click.IntRange(min=1), help="Hits drawn per concept × label.")
@seed_option("Seed of the sample.")
@window_option
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="The CSV for the coders (.csv or .tsv).")
@handle_errors
def sample_hits(paths: tuple[Path, ...], sample: bool, lexicon: str, per_label: int, seed: int,
                window: int, output: Path, **kwargs: Any) -> None:
    """Draw a stratified random sample of hits for human coders to validate the lexicon.

    Columns: sample_id, doc_id, outlet, start, end, left, match, right, concept, label, pole,
    and empty code, coder2 and note columns: coders write 1 (correct) or 0 in code (and a
    second coder in coder2), then run framing validate on the file.
    """
    from ..analysis.validation import sample_hits as run_sample
    from ..io.write import output_format, write_table

    if output_format(output) not in ("csv", "tsv"):
        raise click.ClickException(f"coders need a spreadsheet file; end {str(output)!r} in .csv or .tsv.")
    corpus = open_corpus(paths, sample, **corpus_kwargs(kwargs))
    table = run_sample(corpus, lexicon, per_label=per_label, seed=seed, window=window)
    report_reading(corpus)
    write_table(table, output)
    counts = table.groupby(["concept", "label"], sort=False).size()
    short = [f"{c}:{lab} ({n})" for (c, lab), n in counts.items() if n < per_label]
    click.echo(f"{plural(len(table), 'hit')} of {plural(len(counts), 'label')} written to {output}",
               err=True)
    if short:
        click.echo(f"note: fewer than {per_label} hits exist for: {', '.join(short)}", err=True)


@main.command(context_settings=CONTEXT, epilog="""\b
Example (after coders filled in the code column):
  framing validate sample.csv -o precision.csv""")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Also write the table to this file (.csv, .tsv, .jsonl or .parquet).")
@handle_errors
def validate(file: Path, output: Path | None) -> None:
    """Precision per label (Wilson 95% CI) from a coded sample; Krippendorff's alpha if
    two coders' columns are filled in. FILE is the CSV of framing sample-hits.
    """
    from ..analysis.validation import validate as run_validate
    from ..io.write import output_format, write_table

    output_format(output)
    table = run_validate(file)
    lines = [f"{'concept:label':<40}{'coded':>7}{'uncoded':>9}{'precision':>11}  {'95% CI':<15}"
             f"{'alpha':>7}"]
    for r in table.itertuples(index=False):
        name = "all labels" if r.concept == "(all)" else f"{r.concept}:{r.label}"
        ci = "." if r.ci_low != r.ci_low else f"[{r.ci_low:.2f}, {r.ci_high:.2f}]"
        lines.append(f"{name[:39]:<40}{r.coded:>7}{r.uncoded:>9}{_fmt(r.precision, False):>11}  "
                     f"{ci:<15}{_fmt(r.alpha, False):>7}")
    click.echo("\n".join(lines))
    uncoded = int(table["uncoded"].iloc[-1])
    if uncoded:
        rows = "1 row has" if uncoded == 1 else f"{uncoded:,} rows have"
        click.echo(f"note: {rows} no code and are left out of precision.", err=True)
    if output:
        write_table(table, output)
