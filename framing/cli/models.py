"""Classifier commands: ``train`` and ``predict``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ..utils import plural
from .app import main
from .options import (
    CONTEXT,
    corpus_kwargs,
    corpus_options,
    engine_from,
    engine_options,
    handle_errors,
    lexicon_option,
    open_corpus,
    report_reading,
    seed_option,
    stories_option,
    voice_option,
)


@main.command(context_settings=CONTEXT, epilog="""\b
Examples:
  framing train --sample --target outlet -o model/
  framing train news.csv --target outlet --cv 3 --features lexicon -o model/
  framing train news.csv --target outlet --control style --control stories -o model/""")
@corpus_options
@lexicon_option
@click.option("--target", required=True, metavar="COLUMN",
              help="Column to predict: outlet, or any input column (e.g. a paragraph-level label).")
@click.option("--features", type=click.Choice(["lexicon", "ngrams", "both"]), default="both",
              help="Feature set of the saved model (the ablation scores all).")
@click.option("--cv", default=5, help="Number of cross-validation folds.")
@click.option("--group-col", default=None, metavar="COLUMN",
              help="Keep documents with the same value of this column (e.g. a story id) in one fold.")
@click.option("--strip-boilerplate", is_flag=True,
              help="Remove lines that recur in >= max(5, 5%) of an outlet's documents (from every "
                   "document, and again in 'framing predict').")
@seed_option("Seed of the fold split.")
@click.option("--top", default=30, help="Loadedness features per class.")
@voice_option("own", "Whose words the lexicon features count.")
@click.option("--control", "controls", type=click.Choice(["style", "stories"]), multiple=True,
              help="style: loadedness without the classes' own names, formulas and spelling habits "
                   "(term_kind column); stories: folds that keep each story and its near-copies "
                   "together, loadedness ranked by log-odds within stories (z_stories). Give both "
                   "to do both.")
@stories_option
@click.option("-o", "--output", "outdir", type=click.Path(path_type=Path), required=True,
              help="Folder for metrics.json, confusion.csv, ablation.csv, loadedness.csv, model.skops.")
@engine_options
@handle_errors
def train(paths: tuple[Path, ...], sample: bool, lexicon: str, target: str, features: str, cv: int,
          group_col: str | None, strip_boilerplate: bool, seed: int, top: int, voice: str,
          controls: tuple[str, ...], stories_file: Path | None, outdir: Path, **kwargs: Any) -> None:
    """Cross-validate a classifier of TARGET on lexicon and/or n-gram features.

    Stratified K-fold (grouped by --group-col when given); the majority class, lexicon,
    ngrams and both are scored on the same folds. Writes DIR/metrics.json (macro-F1 mean
    and std, per-class precision/recall/F1), DIR/confusion.csv, DIR/ablation.csv,
    DIR/loadedness.csv (per class, the features with the largest weights: the data-driven
    ranking of loaded terms) and DIR/model.skops (for 'framing predict').
    """
    from ..learn.training import train as run_train

    engine = engine_from(kwargs)
    corpus = open_corpus(paths, sample, **corpus_kwargs(kwargs))
    result = run_train(corpus, target=target, features=features, cv=cv,  # type: ignore[arg-type]
                       group_col=group_col, strip_boilerplate=strip_boilerplate, lexicon=lexicon,
                       top=top, random_state=seed, engine=engine, voice=voice,  # type: ignore[arg-type]
                       control=controls or "none", stories=stories_file)
    result.save(outdir)
    report_reading(corpus)
    metrics = result.metrics
    if metrics["skipped_empty_target"]:
        click.echo(f"left out {plural(metrics['skipped_empty_target'], 'document')} with an empty "
                   f"{target!r}", err=True)
    if metrics["empty_groups"]:
        verb = "forms a group of its own" if metrics["empty_groups"] == 1 else "form a group of their own"
        click.echo(f"{plural(metrics['empty_groups'], 'document')} with an empty {group_col!r} {verb}",
                   err=True)
    if result.boilerplate is not None:
        click.echo(result.boilerplate.summary(), err=True)
    if "control" in metrics:
        aside = ", ".join(f"{n} {k}" for k, n in sorted(metrics["set_aside"].items()))
        click.echo(f"--control {' '.join(metrics['control'])}"
                   + (f": loadedness set aside {aside or 'nothing'}" if "style" in metrics["control"] else "")
                   + (f"; {plural(metrics['not_in_stories'], 'document')} not in the stories table"
                      if metrics["not_in_stories"] else ""), err=True)
    sys.stderr.flush()
    click.echo(f"{target}: {plural(len(metrics['classes']), 'class', 'classes')}, "
               f"{plural(metrics['n_documents'], 'document')}, "
               f"{cv}-fold {metrics['split']}")
    click.echo(f"macro-F1 ({features}): {metrics['macro_f1_mean']:.3f} ± {metrics['macro_f1_std']:.3f}")
    click.echo("")
    click.echo(result.ablation.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    click.echo(f"wrote {outdir}/metrics.json, confusion.csv, ablation.csv, loadedness.csv, model.skops",
               err=True)


@main.command(context_settings=CONTEXT, epilog="""\b
Example:
  framing predict model/model.skops news.csv -o predictions.csv""")
@click.argument("model", type=click.Path(path_type=Path), metavar="MODEL")
@corpus_options
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Output file (.csv, .tsv, .jsonl or .parquet); default: CSV on stdout.")
@handle_errors
def predict(model: Path, paths: tuple[Path, ...], sample: bool, output: Path | None,
            **kwargs: Any) -> None:
    """Predict each document's class with a model saved by 'framing train'.

    Writes doc_id, outlet, predicted and one proba:<class> column per class. A model
    trained with --strip-boilerplate removes the same lines first. The model file is
    loaded safely (skops): only scikit-learn's and framing's own types are accepted, and
    only a classifier of raw texts.
    """
    from ..io.write import output_format, write_table
    from ..learn.model_io import load_model
    from ..learn.model_io import predict as run_predict

    output_format(output)
    fitted = load_model(model)
    corpus = open_corpus(paths, sample, **corpus_kwargs(kwargs))
    frame = run_predict(fitted, corpus)
    report_reading(corpus)
    write_table(frame, output)
    click.echo(plural(len(frame), "prediction") + (f" written to {output}" if output else ""), err=True)
