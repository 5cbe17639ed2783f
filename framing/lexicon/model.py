"""Lexicons of loaded terms: the data model, loading and validation.

A lexicon is organised by **concept** (the referent: foreign troops, the dead,
the attack itself...). Each concept has an **axis** whose two ends are named
for that concept (e.g. *delegitimising* ↔ *legitimising*) and holds competing
**labels** an outlet can choose for the referent; each label has a **pole** on
that axis (−1, 0 or +1), a frame tag, a definition, one example sentence and
its **terms**. See the README's "Lexicon format" section for the YAML layout.

Three formats load into the same :class:`Lexicon`:

* YAML (``.yaml``/``.yml``), the native, documented format;
* a flat CSV/TSV with columns ``term, concept, label, pole`` (optional
  ``frame``, ``forms`` separated by ``|``, ``clitics``);
* LIWC-style ``.dic`` dictionaries: every category becomes a label of one
  concept named after the file, with pole 0 (LIWC has no axis); a trailing
  ``*`` is a prefix wildcard.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import LexiconError
from ..text.clitics import CliticPolicy, split_article
from ..text.normalizer import Normalizer

__all__ = [
    "Concept",
    "Label",
    "Lexicon",
    "Term",
    "bundled_lexicons",
    "check_lexicon",
    "lexicon_from_terms",
    "load_lexicon",
]

DEFAULT_LEXICON = "arabic-conflict"
_POLES = (-1, 0, 1)
_CLITICS = ("all", "strict", "none")
_TOP_KEYS = {"name", "version", "language", "description", "citation", "license", "concepts"}
_CONCEPT_KEYS = {"description", "axis", "labels", "notes"}
_AXIS_KEYS = {"negative", "positive"}
_LABEL_KEYS = {"pole", "frame", "definition", "example", "terms", "notes"}
_TERM_KEYS = {"term", "forms", "clitics", "note"}


@dataclass(frozen=True)
class Term:
    """One lexicon term with its explicit extra surface forms.

    ``text`` and ``forms`` may be multi-word; a final ``*`` makes the last
    word a prefix wildcard (``ارهاب*``).
    """

    text: str
    concept: str
    label: str
    forms: tuple[str, ...] = ()
    clitics: CliticPolicy = "all"
    line: int | None = None

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
    line: int | None = None


@dataclass(frozen=True)
class Concept:
    """A referent and the labels that compete to name it."""

    id: str
    description: str
    negative: str
    positive: str
    labels: tuple[Label, ...] = ()
    line: int | None = None

    @property
    def axis(self) -> str:
        """The axis as text, ``"negative ↔ positive"``."""
        return f"{self.negative} ↔ {self.positive}"


@dataclass(frozen=True)
class Lexicon:
    """A validated lexicon.

    Use :func:`load_lexicon` to build one from a name or a file.
    """

    name: str
    concepts: tuple[Concept, ...]
    version: str = ""
    language: str = "ar"
    description: str = ""
    citation: str = ""
    license: str = ""
    source: str = ""
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

    def to_frame(self) -> Any:
        """One row per term: ``concept, label, pole, frame, term, forms, clitics``."""
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
            }
            for t in self.terms
        ]
        return pd.DataFrame(
            rows, columns=["concept", "label", "pole", "frame", "term", "forms", "clitics"]
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


# ----------------------------------------------------------------------------
# Public loader
# ----------------------------------------------------------------------------


def bundled_lexicons() -> dict[str, str]:
    """Map each bundled lexicon's name to its file name inside the package."""
    out = {}
    for entry in resources.files("framing.lexicon.data").iterdir():
        if entry.name.endswith((".yaml", ".yml")):
            out[entry.name.rsplit(".", 1)[0].replace("_", "-")] = entry.name
    return dict(sorted(out.items()))


def load_lexicon(name_or_path: str | Path | Lexicon = DEFAULT_LEXICON) -> Lexicon:
    """Load a bundled lexicon by name, or a lexicon file.

    Parameters
    ----------
    name_or_path : str, Path or Lexicon
        The name of a bundled lexicon (see ``framing lexicon list``), or a path
        to a ``.yaml``/``.yml``, ``.csv``/``.tsv`` or LIWC ``.dic`` file. A
        :class:`Lexicon` is returned unchanged.

    Returns
    -------
    Lexicon

    Raises
    ------
    LexiconError
        If the file is malformed; the message names the file, the line and the
        entry, and says what to fix.

    Examples
    --------
    >>> lex = load_lexicon("arabic-conflict")
    >>> len(lex.concepts) >= 12
    True
    """
    if isinstance(name_or_path, Lexicon):
        return name_or_path
    bundled = bundled_lexicons()
    key = str(name_or_path)
    if key in bundled:
        text = resources.files("framing.lexicon.data").joinpath(bundled[key]).read_text("utf-8")
        return _from_yaml(text, source=f"<bundled {key}>")
    path = Path(name_or_path)
    if not path.exists():
        raise LexiconError(
            f"no bundled lexicon or file named {key!r}. Bundled lexicons: "
            f"{', '.join(bundled) or 'none'}; or give a path to a .yaml, .csv or .dic file."
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LexiconError(
            f"cannot decode as UTF-8 ({exc.reason} at byte {exc.start}); save the lexicon as UTF-8.",
            source=str(path),
        ) from None
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return _from_yaml(text, source=str(path))
    if suffix in (".csv", ".tsv"):
        return _from_csv(text, source=str(path), delimiter="\t" if suffix == ".tsv" else ",")
    if suffix == ".dic":
        return _from_dic(text, source=str(path))
    raise LexiconError(
        f"unknown lexicon format {suffix!r}; use .yaml, .csv, .tsv or .dic.", source=str(path)
    )


# ----------------------------------------------------------------------------
# YAML with line numbers
# ----------------------------------------------------------------------------


class _Node:
    """A YAML value with the line it starts on."""

    __slots__ = ("line", "value")

    def __init__(self, value: Any, line: int):
        self.value = value
        self.line = line


# libyaml's loader when PyYAML was built with it: same nodes and marks, ~8x faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(text: str, source: str) -> _Node:
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise LexiconError("the file is empty; see the README for the format.", source=source)
        return _walk(node, loader, source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise LexiconError(
            f"malformed YAML: {problem}; check indentation and quote values that "
            "contain ':' or start with special characters.",
            source=source,
            line=mark.line + 1 if mark else None,
        ) from None
    finally:
        loader.dispose()


def _walk(node: yaml.Node, loader: Any, source: str) -> _Node:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[str, _Node] = {}
        for key_node, value_node in node.value:
            key = str(loader.construct_object(key_node, deep=True))
            if key in out:
                raise LexiconError(
                    f"duplicate key {key!r} (first on line {out[key].line}); merge the two entries.",
                    source=source,
                    line=key_node.start_mark.line + 1,
                )
            out[key] = _walk(value_node, loader, source)
            out[key].line = key_node.start_mark.line + 1
        return _Node(out, line)
    if isinstance(node, yaml.SequenceNode):
        return _Node([_walk(n, loader, source) for n in node.value], line)
    return _Node(loader.construct_object(node, deep=True), line)


def _mapping(node: _Node, what: str, allowed: set[str], source: str) -> dict[str, _Node]:
    if not isinstance(node.value, dict):
        raise LexiconError(
            f"{what} must be a mapping of keys to values; got {type(node.value).__name__}.",
            source=source,
            line=node.line,
        )
    for key, value in node.value.items():
        if key not in allowed:
            raise LexiconError(
                f"{what}: unknown key {key!r}; allowed keys are {', '.join(sorted(allowed))}.",
                source=source,
                line=value.line,
            )
    return node.value


def _text(node: _Node | None, what: str, source: str, *, required: bool = False) -> str:
    if node is None or node.value is None:
        if required:
            raise LexiconError(f"{what} is missing; add it.", source=source)
        return ""
    if isinstance(node.value, (dict, list)):
        raise LexiconError(f"{what} must be text.", source=source, line=node.line)
    return str(node.value).strip()


def _from_yaml(text: str, *, source: str) -> Lexicon:
    root = _mapping(_compose(text, source), "the lexicon", _TOP_KEYS, source)
    name = _text(root.get("name"), "the lexicon's 'name'", source, required=True)
    if "concepts" not in root:
        raise LexiconError("the lexicon has no 'concepts'; add at least one concept.", source=source)
    concepts_node = root["concepts"]
    if not isinstance(concepts_node.value, dict) or not concepts_node.value:
        raise LexiconError(
            "'concepts' must be a non-empty mapping of concept ids to concepts.",
            source=source,
            line=concepts_node.line,
        )
    concepts = []
    for cid, cnode in concepts_node.value.items():
        concepts.append(_concept(cid, cnode, source))
    lexicon = Lexicon(
        name=name,
        concepts=tuple(concepts),
        version=_text(root.get("version"), "version", source),
        language=_text(root.get("language"), "language", source) or "ar",
        description=_text(root.get("description"), "description", source),
        citation=_text(root.get("citation"), "citation", source),
        license=_text(root.get("license"), "license", source),
        source=source,
    )
    check_lexicon(lexicon)
    return lexicon


def _concept(cid: str, cnode: _Node, source: str) -> Concept:
    what = f"concept {cid!r}"
    c = _mapping(cnode, what, _CONCEPT_KEYS, source)
    if "axis" not in c:
        raise LexiconError(
            f"{what} has no 'axis'; add 'axis: {{negative: ..., positive: ...}}' naming its two ends.",
            source=source,
            line=cnode.line,
        )
    axis = _mapping(c["axis"], f"{what} axis", _AXIS_KEYS, source)
    negative = _text(axis.get("negative"), f"{what} axis 'negative'", source, required=True)
    positive = _text(axis.get("positive"), f"{what} axis 'positive'", source, required=True)
    labels_node = c.get("labels")
    if labels_node is None or not isinstance(labels_node.value, dict) or not labels_node.value:
        raise LexiconError(
            f"{what} has no labels; add at least one label with its terms.",
            source=source,
            line=(labels_node or cnode).line,
        )
    labels = tuple(
        _label(cid, lid, lnode, f"{negative} ↔ {positive}", source)
        for lid, lnode in labels_node.value.items()
    )
    return Concept(
        id=cid,
        description=_text(c.get("description"), f"{what} description", source),
        negative=negative,
        positive=positive,
        labels=labels,
        line=cnode.line,
    )


def _label(cid: str, lid: str, lnode: _Node, axis: str, source: str) -> Label:
    what = f"label {cid}/{lid}"
    lab = _mapping(lnode, what, _LABEL_KEYS, source)
    pole_node = lab.get("pole")
    if pole_node is None:
        raise LexiconError(
            f"{what} has no 'pole'; add pole: -1, 0 or 1 on the axis {axis}.",
            source=source,
            line=lnode.line,
        )
    pole = pole_node.value
    if isinstance(pole, bool) or not isinstance(pole, (int, float)) or pole not in _POLES:
        raise LexiconError(
            f"{what}: pole must be -1, 0 or 1 on the axis {axis}; got {pole!r}.",
            source=source,
            line=pole_node.line,
        )
    terms_node = lab.get("terms")
    if terms_node is None or not isinstance(terms_node.value, list) or not terms_node.value:
        raise LexiconError(
            f"{what} has no terms; add a 'terms:' list or remove the label.",
            source=source,
            line=(terms_node or lnode).line,
        )
    terms = tuple(_term(cid, lid, t, what, source) for t in terms_node.value)
    return Label(
        id=lid,
        concept=cid,
        pole=int(pole),
        frame=_text(lab.get("frame"), f"{what} frame", source),
        definition=_text(lab.get("definition"), f"{what} definition", source),
        example=_text(lab.get("example"), f"{what} example", source),
        terms=terms,
        line=lnode.line,
    )


def _term(cid: str, lid: str, tnode: _Node, what: str, source: str) -> Term:
    if isinstance(tnode.value, dict):
        t = _mapping(tnode, f"a term of {what}", _TERM_KEYS, source)
        text = _text(t.get("term"), f"a term of {what}: 'term'", source)
        if not text:
            raise LexiconError(
                f"a term of {what} has no 'term'; add the term text.", source=source, line=tnode.line
            )
        forms_node = t.get("forms")
        forms: list[str] = []
        if forms_node is not None and forms_node.value is not None:
            if not isinstance(forms_node.value, list):
                raise LexiconError(
                    f"term {text!r} of {what}: 'forms' must be a list, e.g. [قواعد].",
                    source=source,
                    line=forms_node.line,
                )
            forms = [_text(f, f"a form of {text!r}", source) for f in forms_node.value]
        clitics = _text(t.get("clitics"), "clitics", source) or "all"
        if clitics not in _CLITICS:
            raise LexiconError(
                f"term {text!r} of {what}: clitics must be one of all, strict, none; got {clitics!r}.",
                source=source,
                line=t["clitics"].line,
            )
        return Term(text, cid, lid, tuple(f for f in forms if f), clitics, tnode.line)  # type: ignore[arg-type]
    text = _text(tnode, f"a term of {what}", source)
    if not text:
        raise LexiconError(f"{what} has an empty term; remove it.", source=source, line=tnode.line)
    return Term(text, cid, lid, (), "all", tnode.line)


# ----------------------------------------------------------------------------
# Cross-entry checks shared by every format
# ----------------------------------------------------------------------------


def term_key(surface: str, normalizer: Normalizer | None = None) -> tuple[tuple[str, bool], ...]:
    """The normalised identity of a surface form: ``((stem, has_article), ...)`` per word."""
    norm = normalizer or Normalizer()
    return tuple(split_article(norm(w)) for w in surface.split())


def iter_surfaces(lexicon: Lexicon) -> Iterator[tuple[Term, str]]:
    """Every (term, surface form) pair of the lexicon."""
    for term in lexicon.terms:
        for surface in term.surfaces:
            yield term, surface


def check_lexicon(lexicon: Lexicon, normalizer: Normalizer | None = None) -> None:
    """Raise :class:`LexiconError` if a term or form is listed under two labels.

    Two surfaces are the same term when they normalise to the same words
    (spelling variants and diacritics included).
    """
    seen: dict[tuple[tuple[str, bool], ...], Term] = {}
    for term, surface in iter_surfaces(lexicon):
        key = term_key(surface, normalizer)
        if not key or any(not stem for stem, _ in key):
            raise LexiconError(
                f"term {surface!r} of label {term.concept}/{term.label} is empty after "
                "normalisation; remove it or write it in Arabic letters.",
                source=lexicon.source or None,
                line=term.line,
            )
        other = seen.get(key)
        if other is not None and (other.concept, other.label) != (term.concept, term.label):
            where = f" (line {other.line})" if other.line else ""
            raise LexiconError(
                f"term {surface!r} is listed under two labels: {other.concept}/{other.label}"
                f"{where} and {term.concept}/{term.label}; keep it under one label.",
                source=lexicon.source or None,
                line=term.line,
            )
        seen[key] = term


# ----------------------------------------------------------------------------
# Flat CSV and LIWC .dic
# ----------------------------------------------------------------------------


def _from_csv(text: str, *, source: str, delimiter: str) -> Lexicon:
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    required = ["term", "concept", "label", "pole"]
    fields = [f.strip() for f in (reader.fieldnames or [])]
    missing = [c for c in required if c not in fields]
    if missing:
        raise LexiconError(
            f"missing column(s) {', '.join(missing)}; a CSV lexicon needs columns "
            f"{', '.join(required)} (optional: frame, forms, clitics). Columns present: "
            f"{', '.join(fields) or 'none'}.",
            source=source,
        )
    labels: dict[tuple[str, str], dict[str, Any]] = {}
    for rownum, row in enumerate(reader, start=2):
        row = {k.strip(): (v or "").strip() for k, v in row.items() if k}
        if not row.get("term"):
            raise LexiconError("empty 'term'; fill it or delete the row.", source=source, line=rownum)
        try:
            pole = int(float(row["pole"]))
            if pole not in _POLES or float(row["pole"]) != pole:
                raise ValueError
        except ValueError:
            raise LexiconError(
                f"term {row['term']!r}: pole must be -1, 0 or 1; got {row['pole']!r}.",
                source=source,
                line=rownum,
            ) from None
        concept, label = row["concept"], row["label"]
        if not concept or not label:
            raise LexiconError(
                f"term {row['term']!r} needs a concept and a label.", source=source, line=rownum
            )
        entry = labels.setdefault(
            (concept, label), {"pole": pole, "frame": row.get("frame", ""), "terms": []}
        )
        if entry["pole"] != pole:
            raise LexiconError(
                f"label {concept}/{label} has pole {entry['pole']} on an earlier row and {pole} "
                "here; one label has one pole.",
                source=source,
                line=rownum,
            )
        clitics = row.get("clitics") or "all"
        if clitics not in _CLITICS:
            raise LexiconError(
                f"term {row['term']!r}: clitics must be one of all, strict, none; got {clitics!r}.",
                source=source,
                line=rownum,
            )
        forms = tuple(f.strip() for f in row.get("forms", "").split("|") if f.strip())
        entry["terms"].append(Term(row["term"], concept, label, forms, clitics, rownum))  # type: ignore[arg-type]
    if not labels:
        raise LexiconError("the CSV lexicon has no rows.", source=source)
    return _assemble(Path(source).stem, labels, source)


def _assemble(name: str, labels: dict[tuple[str, str], dict[str, Any]], source: str) -> Lexicon:
    by_concept: dict[str, list[Label]] = {}
    for (concept, label), entry in labels.items():
        by_concept.setdefault(concept, []).append(
            Label(label, concept, entry["pole"], entry.get("frame", ""), terms=tuple(entry["terms"]))
        )
    concepts = tuple(
        Concept(cid, "", "negative", "positive", tuple(labs)) for cid, labs in by_concept.items()
    )
    lexicon = Lexicon(name=name, concepts=concepts, source=source)
    check_lexicon(lexicon)
    return lexicon


def _from_dic(text: str, *, source: str) -> Lexicon:
    lines = text.splitlines()
    marks = [i for i, line in enumerate(lines) if line.strip() == "%"]
    if len(marks) < 2:
        raise LexiconError(
            "a LIWC .dic file starts with a category block between two '%' lines; none found.",
            source=source,
        )
    categories: dict[str, str] = {}
    for i in range(marks[0] + 1, marks[1]):
        parts = lines[i].split()
        if not parts:
            continue
        if len(parts) < 2:
            raise LexiconError(
                f"category line {lines[i]!r} needs an id and a name.", source=source, line=i + 1
            )
        categories[parts[0]] = parts[1]
    concept = Path(source).stem
    labels: dict[tuple[str, str], dict[str, Any]] = {}
    for i in range(marks[1] + 1, len(lines)):
        parts = lines[i].split("\t") if "\t" in lines[i] else lines[i].split()
        parts = [p.strip() for p in parts if p.strip()]
        if not parts:
            continue
        word, ids = parts[0], " ".join(parts[1:]).split()
        if not ids:
            raise LexiconError(
                f"word {word!r} has no category ids.", source=source, line=i + 1
            )
        for cid in ids:
            if cid not in categories:
                raise LexiconError(
                    f"word {word!r} uses category id {cid!r}, which the header does not define.",
                    source=source,
                    line=i + 1,
                )
            entry = labels.setdefault((concept, categories[cid]), {"pole": 0, "terms": []})
            entry["terms"].append(Term(word, concept, categories[cid], (), "all", i + 1))
    if not labels:
        raise LexiconError("the .dic file lists no words.", source=source)
    # LIWC lets one word sit in several categories; framing labels compete, so
    # such a word counts for the first category only, and we say so.
    seen: dict[tuple[tuple[str, bool], ...], str] = {}
    duplicates = 0
    for entry_key, entry in labels.items():
        kept = []
        for t in entry["terms"]:
            key = term_key(t.text)
            if key in seen and seen[key] != entry_key[1]:
                duplicates += 1
                continue
            seen[key] = entry_key[1]
            kept.append(t)
        entry["terms"] = kept
    if duplicates:
        import warnings

        warnings.warn(
            f"{source}: {duplicates} word(s) belong to several LIWC categories; each counts "
            "for its first category only (framing labels are mutually exclusive).",
            stacklevel=3,
        )
    labels = {k: v for k, v in labels.items() if v["terms"]}
    return _assemble(concept, labels, source)


def lexicon_from_terms(terms: Iterable[str], *, name: str = "query") -> Lexicon:
    """A throw-away lexicon with one label per term (pole 0), e.g. for KWIC.

    Each term keeps its own label (the term text), so multi-word and
    overlapping queries are matched longest-first like any lexicon. Terms that
    normalise to the same thing are merged into the first one.

    Examples
    --------
    >>> lex = lexicon_from_terms(["الاحتلال", "قوات الاحتلال"])
    >>> [lab.id for lab in lex.labels]
    ['الاحتلال', 'قوات الاحتلال']
    """
    labels: list[Label] = []
    seen: set[tuple[tuple[str, bool], ...]] = set()
    for text in terms:
        text = " ".join(str(text).split())
        if not text:
            continue
        key = term_key(text)
        if key in seen or not all(stem for stem, _ in key):
            continue
        seen.add(key)
        labels.append(Label(text, name, 0, terms=(Term(text, name, text),)))
    if not labels:
        raise LexiconError("no terms given; pass at least one word or phrase.")
    return Lexicon(name=name, concepts=(Concept(name, "ad-hoc query", "negative", "positive",
                                                tuple(labels)),))
