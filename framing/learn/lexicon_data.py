"""A lexicon as plain data, so that saved models do not depend on a lexicon file.

:class:`~framing.learn.vectorizer.LexiconVectorizer` stores its lexicon this
way in pickles and skops files: nested dicts, lists, strings and integers,
which skops saves without any trusted type.
"""

from __future__ import annotations

from typing import Any

from ..lexicon import Concept, Label, Lexicon, Term, parse_rule

__all__ = ["LEXICON_DATA_FORMAT", "is_lexicon_data", "lexicon_from_data", "lexicon_to_data"]

#: The ``format`` entry of :func:`lexicon_to_data`'s output.
LEXICON_DATA_FORMAT = "framing-lexicon/1"


def lexicon_to_data(lexicon: Lexicon) -> dict[str, Any]:
    """A lexicon as nested dicts, lists, strings and integers (JSON-safe).

    What matching and features need is kept: ids, axes, poles, frames,
    definitions, terms with their forms, clitic policies and context rules. Source line
    numbers, label examples, citation and licence are not.

    Examples
    --------
    >>> from framing.lexicon import load_lexicon
    >>> lexicon = load_lexicon("tests/data/mini.yaml")
    >>> data = lexicon_to_data(lexicon)
    >>> data["format"], [c.id for c in lexicon_from_data(data).concepts][:2]
    ('framing-lexicon/1', ['foreign_troops', 'israel'])
    """
    return {
        "format": LEXICON_DATA_FORMAT,
        "name": lexicon.name, "version": lexicon.version, "language": lexicon.language,
        "description": lexicon.description, "source": lexicon.source,
        "concepts": [
            {"id": c.id, "description": c.description, "negative": c.negative,
             "positive": c.positive,
             "labels": [
                 {"id": lab.id, "pole": lab.pole, "frame": lab.frame, "definition": lab.definition,
                  "terms": [{"text": t.text, "forms": list(t.forms), "clitics": t.clitics,
                             "rule": str(t.rule) if t.rule else ""}
                            for t in lab.terms]}
                 for lab in c.labels]}
            for c in lexicon.concepts
        ],
    }


def is_lexicon_data(value: object) -> bool:
    """Whether ``value`` is the output of :func:`lexicon_to_data`."""
    return isinstance(value, dict) and value.get("format") == LEXICON_DATA_FORMAT


def lexicon_from_data(data: dict[str, Any]) -> Lexicon:
    """Inverse of :func:`lexicon_to_data`."""
    concepts = []
    for c in data["concepts"]:
        labels = tuple(
            Label(lab["id"], c["id"], int(lab["pole"]), lab["frame"], lab["definition"],
                  terms=tuple(Term(t["text"], c["id"], lab["id"], tuple(t["forms"]), t["clitics"],
                                   rule=parse_rule(t["rule"]) if t.get("rule") else None)
                              for t in lab["terms"]))
            for lab in c["labels"]
        )
        concepts.append(Concept(c["id"], c["description"], c["negative"], c["positive"], labels))
    return Lexicon(name=data["name"], concepts=tuple(concepts), version=data["version"],
                   language=data["language"], description=data["description"],
                   source=data["source"])
