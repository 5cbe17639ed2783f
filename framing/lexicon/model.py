"""The lexicon's data model: :class:`Lexicon` → :class:`Concept` → :class:`Label` → :class:`Term`.

A lexicon is organised by **concept** (the referent: foreign troops, the dead,
the attack itself...). Each concept has an **axis** whose two ends are named
for that concept (e.g. *delegitimising* ↔ *legitimising*) and holds competing
**labels** an outlet can choose for the referent; each label has a **pole** on
that axis (−1, 0 or +1), a frame tag, a definition, one example sentence and
its **terms**. ``docs/lexicons.md`` describes the file formats that load into
this model (:func:`framing.lexicon.load_lexicon`).
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ..text.clitics import CliticPolicy
from .rules import Rule

__all__ = ["CLITIC_POLICIES", "POLES", "ChangelogEntry", "Concept", "Label", "Lexicon", "Term"]

#: The poles a label can take on its concept's axis.
POLES = (-1, 0, 1)
#: The clitic policies of a term (:mod:`framing.text.clitics`).
CLITIC_POLICIES = ("all", "strict", "none")


@dataclass(frozen=True)
class Term:
    """One lexicon term with its explicit extra surface forms.

    ``text`` and ``forms`` may be multi-word; a final ``*`` makes the last
    word a prefix wildcard (``ارهاب*``). ``rule`` holds the conditions its
    context must meet (:class:`framing.lexicon.rules.Rule`), ``None`` for
    none. ``line`` (where it was read) is not part of its identity.
    """

    text: str
    concept: str
    label: str
    forms: tuple[str, ...] = ()
    clitics: CliticPolicy = "all"
    line: int | None = field(default=None, compare=False)
    rule: Rule | None = None
    note: str = ""

    @property
    def surfaces(self) -> tuple[str, ...]:
        """The term followed by its explicit forms."""
        return (self.text, *self.forms)


@dataclass(frozen=True)
class Label:
    """A competing label for a concept, with its pole on the concept's axis."""

    id: str
    concept: str
    pole: int
    frame: str = ""
    definition: str = ""
    example: str = ""
    terms: tuple[Term, ...] = ()
    line: int | None = field(default=None, compare=False)
    notes: str = ""


@dataclass(frozen=True)
class Concept:
    """A referent and the labels that compete to name it."""

    id: str
    description: str
    negative: str
    positive: str
    labels: tuple[Label, ...] = ()
    line: int | None = field(default=None, compare=False)
    notes: str = ""

    @property
    def axis(self) -> str:
        """The axis as text, ``"negative ↔ positive"``."""
        return f"{self.negative} ↔ {self.positive}"


@dataclass(frozen=True)
class ChangelogEntry:
    """One entry of a lexicon's changelog: the version it made, when, and what changed."""

    version: str
    date: str
    changes: str


@dataclass(frozen=True)
class Lexicon:
    """A validated lexicon.

    Use :func:`framing.lexicon.load_lexicon` to build one from a name or a file.
    ``source`` (where it was read) is not part of its identity.
    """

    name: str
    concepts: tuple[Concept, ...]
    version: str = ""
    language: str = "ar"
    description: str = ""
    citation: str = ""
    license: str = ""
    source: str = field(default="", compare=False)
    changelog: tuple[ChangelogEntry, ...] = ()
    _index: dict[tuple[str, str], Label] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for concept in self.concepts:
            for label in concept.labels:
                self._index[(concept.id, label.id)] = label

    @property
    def labels(self) -> tuple[Label, ...]:
        """All labels, concept by concept."""
        return tuple(label for c in self.concepts for label in c.labels)

    @property
    def terms(self) -> tuple[Term, ...]:
        """All terms, label by label."""
        return tuple(t for label in self.labels for t in label.terms)

    def label(self, concept: str, label: str) -> Label:
        """Return the label ``label`` of concept ``concept``."""
        return self._index[(concept, label)]

    def concept(self, concept_id: str) -> Concept:
        """Return the concept with id ``concept_id``."""
        for c in self.concepts:
            if c.id == concept_id:
                return c
        raise KeyError(concept_id)

    def content_hash(self) -> str:
        """A fingerprint of everything that decides what the lexicon counts, for a methods section.

        The SHA-256 of a canonical JSON text: the list of concepts in order, each
        ``[id, negative, positive, labels]``; each label ``[id, pole, frame,
        terms]``; each term ``[text, forms, clitics, rule]`` with the rule in
        its compact syntax (``""`` for none). Strings are NFC-normalised; JSON
        is written with ``ensure_ascii=False`` and separators ``","`` and
        ``":"``, encoded as UTF-8. Descriptions, definitions, examples, notes,
        the changelog, the name and the version are left out: two lexicons
        with the same hash find the same hits and label them alike, whatever
        file format or comments they came in. Stable across Python versions
        and platforms.

        Returns
        -------
        str
            ``"sha256:"`` and 64 hexadecimal digits.

        Examples
        --------
        >>> lex = Lexicon("x", (Concept("c", "", "neg", "pos", (Label("l", "c", 0, terms=(
        ...     Term("شهيد", "c", "l"),)),)),))
        >>> lex.content_hash()
        'sha256:5686448705f0cfb3026ab0ffb667b11a29e15329d805ca5c25589fc15b04bc9c'
        """
        def nfc(text: str) -> str:
            return unicodedata.normalize("NFC", text)

        payload = [
            [nfc(c.id), nfc(c.negative), nfc(c.positive), [
                [nfc(lab.id), lab.pole, nfc(lab.frame), [
                    [nfc(t.text), [nfc(f) for f in t.forms], t.clitics, nfc(str(t.rule or ""))]
                    for t in lab.terms]]
                for lab in c.labels]]
            for c in self.concepts
        ]
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        return "sha256:" + hashlib.sha256(data.encode("utf-8")).hexdigest()

    def to_frame(self) -> Any:
        """One row per term: ``concept, label, pole, frame, term, forms, clitics, rule``.

        ``forms`` are separated by ``|`` and ``rule`` is in the compact syntax of
        :mod:`framing.lexicon.rules`, so the table saved as CSV loads back as a
        CSV lexicon.
        """
        import pandas as pd

        rows = [
            {
                "concept": t.concept,
                "label": t.label,
                "pole": self.label(t.concept, t.label).pole,
                "frame": self.label(t.concept, t.label).frame,
                "term": t.text,
                "forms": "|".join(t.forms),
                "clitics": t.clitics,
                "rule": str(t.rule or ""),
            }
            for t in self.terms
        ]
        return pd.DataFrame(
            rows, columns=["concept", "label", "pole", "frame", "term", "forms", "clitics", "rule"]
        )

    def summary(self) -> Any:
        """One row per concept: axis, number of labels and of terms."""
        import pandas as pd

        return pd.DataFrame(
            [
                {
                    "concept": c.id,
                    "axis": c.axis,
                    "labels": len(c.labels),
                    "terms": sum(len(lab.terms) for lab in c.labels),
                    "forms": sum(len(t.forms) for lab in c.labels for t in lab.terms),
                }
                for c in self.concepts
            ]
        )
