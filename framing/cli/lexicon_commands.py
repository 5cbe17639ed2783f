"""``framing lexicon list|show|validate``: the lexicon tooling."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .app import main
from .options import CONTEXT, handle_errors


@main.group(context_settings=CONTEXT)
def lexicon() -> None:
    """List, show and validate lexicons."""


@lexicon.command("list", context_settings=CONTEXT)
@handle_errors
def lexicon_list() -> None:
    """List the bundled lexicons."""
    from ..lexicon import bundled_lexicons, load_lexicon

    for name in bundled_lexicons():
        lex = load_lexicon(name)
        click.echo(f"{name}\t{lex.version}\t{len(lex.concepts)} concepts, "
                   f"{len(lex.terms)} terms\t{lex.description.splitlines()[0] if lex.description else ''}")


@lexicon.command("show", context_settings=CONTEXT)
@click.argument("name")
@click.option("--terms", is_flag=True, help="List every term (as CSV) instead of the summary.")
@handle_errors
def lexicon_show(name: str, terms: bool) -> None:
    """Show a lexicon's concepts, axes and labels (NAME or FILE)."""
    from ..lexicon import load_lexicon

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
@handle_errors
def lexicon_validate(file: Path) -> None:
    """Check a lexicon file and report the first problem with its line."""
    from ..lexicon import load_lexicon

    lex = load_lexicon(str(file))
    forms = sum(len(t.forms) for t in lex.terms)
    click.echo(f"{file}: OK: {len(lex.concepts)} concepts, {len(lex.labels)} labels, "
               f"{len(lex.terms)} terms, {forms} extra forms")

