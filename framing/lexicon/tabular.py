"""Reading flat lexicons: CSV/TSV with one row per term, and LIWC-style ``.dic`` files.

* CSV/TSV: columns ``term, concept, label, pole`` (optional ``frame``,
  ``forms`` separated by ``|``, ``clitics``, and ``rule``: a context rule in
  the compact syntax of :mod:`framing.lexicon.rules`); the row number is the
  line in error messages.
* LIWC ``.dic``: a category block between two ``%`` lines (``id name``), then
  one word per line with its category ids. Every category becomes a label of
  one concept named after the file, with pole 0 (LIWC has no axis); a
  trailing ``*`` is a prefix wildcard.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from ..errors import LexiconError
from .checks import check_lexicon, term_key, warn_lexicon
from .model import CLITIC_POLICIES, POLES, Concept, Label, Lexicon, Term
from .rules import parse_rule

__all__ = ["read_csv_lexicon", "read_dic_lexicon"]


def read_csv_lexicon(text: str, *, source: str, delimiter: str = ",") -> Lexicon:
    """The lexicon in the CSV (or TSV, ``delimiter="\\t"``) ``text``; ``source`` names it in errors."""
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    required = ["term", "concept", "label", "pole"]
    fields = [f.strip() for f in (reader.fieldnames or [])]
    missing = [c for c in required if c not in fields]
    if missing:
        raise LexiconError(
            f"missing column(s) {', '.join(missing)}; a CSV lexicon needs columns "
            f"{', '.join(required)} (optional: frame, forms, clitics, rule). Columns present: "
            f"{', '.join(fields) or 'none'}.",
            source=source,
        )
    labels: dict[tuple[str, str], dict[str, Any]] = {}
    for rownum, row in enumerate(reader, start=2):
        row = {k.strip(): (v or "").strip() for k, v in row.items() if k}
        if not row.get("term"):
            raise LexiconError("empty 'term'; fill it or delete the row.", source=source, line=rownum)
        pole = _pole(row["pole"])
        if pole is None:
            raise LexiconError(
                f"term {row['term']!r}: pole must be -1, 0 or 1; got {row['pole']!r}.",
                source=source,
                line=rownum,
            )
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
        if clitics not in CLITIC_POLICIES:
            raise LexiconError(
                f"term {row['term']!r}: clitics must be one of all, strict, none; got {clitics!r}.",
                source=source,
                line=rownum,
            )
        forms = tuple(f.strip() for f in row.get("forms", "").split("|") if f.strip())
        try:
            rule = parse_rule(row["rule"]) if row.get("rule") else None
        except ValueError as exc:
            raise LexiconError(f"term {row['term']!r}: {exc}", source=source, line=rownum) from None
        entry["terms"].append(Term(row["term"], concept, label, forms, clitics,  # type: ignore[arg-type]
                                   rownum, rule))
    if not labels:
        raise LexiconError("the CSV lexicon has no rows.", source=source)
    return _assemble(Path(source).stem, labels, source)


def _pole(text: str) -> int | None:
    """``text`` as a pole (-1, 0 or 1; ``1.0`` too), or None (``inf``, ``nan``, ``0.5``, ``x``)."""
    try:
        value = float(text)
    except ValueError:
        return None
    return int(value) if value in POLES else None


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


def read_dic_lexicon(text: str, *, source: str) -> Lexicon:
    """The lexicon in the LIWC ``.dic`` ``text``: one concept named after ``source``'s file name."""
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
        if parts[1].isdigit() and not parts[0].isdigit():
            raise LexiconError(
                f"category line {' '.join(parts)!r} has the name before the id; a LIWC header "
                f"line is 'ID NAME' (e.g. '{parts[1]} {parts[0]}'): swap the two columns.",
                source=source, line=i + 1)
        if parts[0] in categories:
            raise LexiconError(f"category id {parts[0]!r} is defined twice in the header; give "
                               "each category its own id.", source=source, line=i + 1)
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
        warn_lexicon(f"{source}: {duplicates} word(s) belong to several LIWC categories; each "
                     "counts for the category listed first only (framing labels are mutually "
                     "exclusive).")
    labels = {k: v for k, v in labels.items() if v["terms"]}
    return _assemble(concept, labels, source)
