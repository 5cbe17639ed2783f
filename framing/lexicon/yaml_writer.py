"""Writing a :class:`~framing.lexicon.model.Lexicon` as YAML that loads back to the same lexicon.

Everything the model holds is written: the header (name, version, language,
description, citation, licence), the changelog, each concept's description,
axis and notes, each label's pole, frame, definition, example and notes, and
each term with its forms, clitic policy, context rule and note. A term with
none of those is written as a bare string. Comments of a hand-written file
are not part of the model and are not kept.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from .model import ChangelogEntry, Concept, Label, Lexicon, Term

__all__ = ["lexicon_to_yaml", "write_lexicon"]

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _plain_ok(text: str, flow: bool = False) -> bool:
    """Whether ``text`` reads back as itself written plain (inside a flow list when ``flow``)."""
    if not text or text != text.strip() or "\n" in text or text.startswith(("*", "&", "!", "%", "@", "`")):
        return False
    if flow and any(c in text for c in ",[]{}"):
        return False
    try:
        return yaml.load(f"k: {text}", Loader=_LOADER) == {"k": text}
    except yaml.YAMLError:
        return False


def _scalar(text: str, flow: bool = False) -> str:
    """``text`` as a YAML scalar: plain when that reads back the same, else double-quoted."""
    if _plain_ok(text, flow):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace(
        "\t", "\\t") + '"'


def _flow(items: tuple[str, ...] | list[str]) -> str:
    return "[" + ", ".join(_scalar(i, flow=True) for i in items) + "]"


def _term(term: Term, pad: str) -> list[str]:
    extra = term.forms or term.clitics != "all" or term.rule or term.note
    if not extra:
        return [f"{pad}- {_scalar(term.text)}"]
    lines = [f"{pad}- term: {_scalar(term.text)}"]
    inner = pad + "  "
    if term.forms:
        lines.append(f"{inner}forms: {_flow(term.forms)}")
    if term.clitics != "all":
        lines.append(f"{inner}clitics: {term.clitics}")
    if term.rule:
        for key, phrases in term.rule.conditions():
            lines.append(f"{inner}{key}: {_flow(phrases)}")
        if term.rule.window is not None:
            lines.append(f"{inner}window: {term.rule.window}")
    if term.note:
        lines.append(f"{inner}note: {_scalar(term.note)}")
    return lines


def _label(label: Label) -> list[str]:
    lines = [f"      {_scalar(label.id)}:", f"        pole: {label.pole}"]
    for key in ("frame", "definition", "example", "notes"):
        value = getattr(label, key)
        if value:
            lines.append(f"        {key}: {_scalar(value)}")
    lines.append("        terms:")
    for term in label.terms:
        lines.extend(_term(term, "          "))
    return lines


def _concept(concept: Concept) -> list[str]:
    lines = ["", f"  {_scalar(concept.id)}:"]
    if concept.description:
        lines.append(f"    description: {_scalar(concept.description)}")
    lines += ["    axis:", f"      negative: {_scalar(concept.negative)}",
              f"      positive: {_scalar(concept.positive)}"]
    if concept.notes:
        lines.append(f"    notes: {_scalar(concept.notes)}")
    lines.append("    labels:")
    for label in concept.labels:
        lines.extend(_label(label))
    return lines


def _changelog(entries: tuple[ChangelogEntry, ...]) -> list[str]:
    if not entries:
        return []
    lines = ["changelog:"]
    for e in entries:
        lines += [f"  - version: {_scalar(e.version)}", f"    date: {_scalar(e.date)}",
                  f"    changes: {_scalar(e.changes)}"]
    return lines


def lexicon_to_yaml(lexicon: Lexicon) -> str:
    """The lexicon as YAML text that :func:`framing.lexicon.load_lexicon` reads back unchanged.

    Examples
    --------
    >>> from framing.lexicon import lexicon_from_terms
    >>> print(lexicon_to_yaml(lexicon_from_terms(["الاحتلال"])))  # doctest: +NORMALIZE_WHITESPACE
    name: query
    language: ar
    concepts:
    <BLANKLINE>
      query:
        description: ad-hoc query
        axis:
          negative: negative
          positive: positive
        labels:
          الاحتلال:
            pole: 0
            terms:
              - الاحتلال
    """
    lines = [f"name: {_scalar(lexicon.name)}"]
    for key in ("version", "language", "description", "citation", "license"):
        value = getattr(lexicon, key)
        if value:
            lines.append(f"{key}: {_scalar(value)}")
    lines += _changelog(lexicon.changelog)
    lines.append("concepts:")
    for concept in lexicon.concepts:
        lines += _concept(concept)
    return "\n".join(lines) + "\n"


def write_lexicon(lexicon: Lexicon, path: str | Path) -> Path:
    """Write the lexicon as YAML to ``path`` (atomically: a complete file or none).

    Returns
    -------
    Path
        The file written.
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        tmp.write_text(lexicon_to_yaml(lexicon), encoding="utf-8")
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path
