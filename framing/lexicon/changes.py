"""Changing a lexicon on the record: merging accepted candidates, and listing what changed.

:func:`merge_candidates` adds the terms a scholar accepted in a candidates
table (:func:`framing.lexicon.suggest.suggest_terms`, ``decision`` column
``accept:LABEL``) to their labels, bumps the version and writes a changelog
entry; :func:`diff_lexicons` lists every difference between two lexicons.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..errors import LexiconError
from .checks import check_lexicon, surface_problem, term_key
from .model import ChangelogEntry, Concept, Label, Lexicon, Term

__all__ = ["DIFF_COLUMNS", "MergeReport", "bump_version", "diff_lexicons", "merge_candidates"]

#: Columns of :func:`diff_lexicons`, in order.
DIFF_COLUMNS = ["change", "concept", "label", "term", "before", "after"]


def bump_version(version: str) -> str:
    """The next minor version: ``0.1.0`` → ``0.2.0``, ``2`` → ``2.1``, ``""`` → ``0.1.0``.

    A version that does not start with a number gets ``+1`` appended.

    Examples
    --------
    >>> bump_version("0.1.0"), bump_version("1.4"), bump_version("3"), bump_version("")
    ('0.2.0', '1.5', '3.1', '0.1.0')
    """
    if not version:
        return "0.1.0"
    m = re.fullmatch(r"(\d+)(?:\.(\d+))?((?:\.\d+)*)(.*)", version)
    if m is None:
        return version + "+1"
    major, minor, rest = m.group(1), m.group(2), m.group(3)
    if minor is None:
        return f"{major}.1"
    return f"{major}.{int(minor) + 1}" + re.sub(r"\d+", "0", rest)


@dataclass
class MergeReport:
    """What :func:`merge_candidates` did: terms added (``concept/label``, term), and rows counted."""

    added: list[tuple[str, str]]
    already_listed: list[tuple[str, str]]
    rejected: int
    undecided: int

    def summary(self) -> str:
        """One line: how many rows were accepted, rejected and left undecided."""
        return (f"{len(self.added)} terms added, {len(self.already_listed)} accepted terms already "
                f"listed, {self.rejected} rejected, {self.undecided} undecided")


def _decisions(candidates: Any) -> list[tuple[int, dict[str, str]]]:
    """The candidate rows as dicts of text, with their line in the file (header = line 1)."""
    import pandas as pd

    if isinstance(candidates, pd.DataFrame):
        table = candidates
    else:
        table = pd.read_csv(candidates, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    for column in ("term", "decision"):
        if column not in table.columns:
            raise LexiconError(f"the candidates table has no {column!r} column; use the file "
                               "'framing lexicon suggest' writes.", source=str(candidates)
                               if not isinstance(candidates, pd.DataFrame) else None)
    rows = table.fillna("").astype(str).to_dict("records")
    return [(i + 2, {k: str(v).strip() for k, v in row.items()}) for i, row in enumerate(rows)]


def merge_candidates(lexicon: Lexicon, candidates: Any, *, version: str | None = None,
                     date: str | None = None) -> tuple[Lexicon, MergeReport]:
    """Add the accepted candidate terms to their labels, bump the version, log the change.

    Parameters
    ----------
    lexicon : Lexicon
    candidates : path or DataFrame
        A table with columns ``term``, ``decision`` and (for ``accept:LABEL``)
        ``concept``, as :func:`~framing.lexicon.suggest.suggest_terms` writes.
        ``decision`` is ``accept:LABEL`` (a label of the row's concept),
        ``accept:CONCEPT:LABEL``, ``reject``, or empty (undecided).
    version : str, optional
        The new version (default: :func:`bump_version` of the current one).
    date : str, optional
        The changelog entry's date (default: today, ``YYYY-MM-DD``).

    Returns
    -------
    (Lexicon, MergeReport)
        The new lexicon (source ``""``: it has no file yet) and what was done.

    Raises
    ------
    LexiconError
        A decision that is not one of the forms above, an unknown concept or
        label, a term that cannot match, or a term listed under another label;
        the message names the row.
    """
    where = None if not isinstance(candidates, (str, bytes)) and not hasattr(
        candidates, "__fspath__") else str(candidates)
    added: dict[tuple[str, str], list[Term]] = {}
    report = MergeReport([], [], 0, 0)
    listed = {term_key(s): t for t in lexicon.terms for s in t.surfaces}
    for line, row in _decisions(candidates):
        decision = row.get("decision", "").strip()
        if not decision:
            report.undecided += 1
            continue
        if decision.lower() == "reject":
            report.rejected += 1
            continue
        parts = [p.strip() for p in decision.split(":")]
        if parts[0].lower() != "accept" or len(parts) not in (2, 3) or not all(parts[1:]):
            raise LexiconError(f"decision {decision!r}: write accept:LABEL, accept:CONCEPT:LABEL, "
                               "reject, or leave it empty.", source=where, line=line)
        concept, label = (parts[1], parts[2]) if len(parts) == 3 else (row.get("concept", ""), parts[1])
        try:
            lexicon.label(concept, label)
        except KeyError:
            known = ", ".join(lab.id for c in lexicon.concepts if c.id == concept for lab in c.labels)
            raise LexiconError(f"decision {decision!r}: no label {label!r} in concept {concept!r}"
                               + (f" (its labels: {known})" if known else " (no such concept)") + ".",
                               source=where, line=line) from None
        text = " ".join(row["term"].split())
        problem = surface_problem(text)
        if problem:
            raise LexiconError(f"term {text!r} {problem}.", source=where, line=line)
        other = listed.get(term_key(text))
        if other is not None:
            if (other.concept, other.label) != (concept, label):
                raise LexiconError(f"term {text!r} is already listed under {other.concept}/"
                                   f"{other.label}; accept it there or reject it.",
                                   source=where, line=line)
            report.already_listed.append((f"{concept}/{label}", text))
            continue
        term = Term(text, concept, label, note="added from lexicon suggest candidates")
        listed[term_key(text)] = term
        added.setdefault((concept, label), []).append(term)
        report.added.append((f"{concept}/{label}", text))
    if not added:
        return lexicon, report
    new_version = version or bump_version(lexicon.version)
    changes = "; ".join(f"{c}/{lab}: added {', '.join(t.text for t in terms)}"
                        for (c, lab), terms in added.items())
    entry = ChangelogEntry(new_version, date or dt.date.today().isoformat(),
                           f"{len(report.added)} term{'' if len(report.added) == 1 else 's'} added "
                           "from reviewed candidates"
                           + (f" ({where})" if where else "") + f": {changes}.")
    concepts = tuple(
        replace(c, labels=tuple(replace(lab, terms=lab.terms + tuple(added.get((c.id, lab.id), ())))
                                for lab in c.labels))
        for c in lexicon.concepts)
    merged = replace(lexicon, concepts=concepts, version=new_version, source="",
                     changelog=(*lexicon.changelog, entry), _index={})
    check_lexicon(merged)
    return merged, report


def diff_lexicons(a: Lexicon, b: Lexicon) -> Any:
    """Every difference between lexicons ``a`` and ``b``.

    Returns
    -------
    pandas.DataFrame
        One row per change with columns ``change, concept, label, term, before,
        after``. ``change`` is one of ``name``, ``version``, ``concept added`` /
        ``concept removed``, ``axis``, ``label added`` / ``label removed``,
        ``pole``, ``frame``, ``term added`` / ``term removed``, ``forms``,
        ``clitics``, ``rule``. Empty when the two count alike and carry the same
        name and version.

    Examples
    --------
    >>> from framing.lexicon import lexicon_from_terms
    >>> diff_lexicons(lexicon_from_terms(["شهيد"]), lexicon_from_terms(["شهيد", "قتيل"])
    ...               ).values.tolist()
    [['label added', 'query', 'قتيل', '', '', 'pole 0']]
    """
    import pandas as pd

    rows: list[list[Any]] = []
    for key in ("name", "version"):
        if getattr(a, key) != getattr(b, key):
            rows.append([key, "", "", "", getattr(a, key), getattr(b, key)])
    concepts_a = {c.id: c for c in a.concepts}
    concepts_b = {c.id: c for c in b.concepts}
    for cid in [*concepts_a, *(c for c in concepts_b if c not in concepts_a)]:
        ca, cb = concepts_a.get(cid), concepts_b.get(cid)
        if ca is None or cb is None:
            rows.append(["concept added" if ca is None else "concept removed", cid, "", "", "", ""])
            continue
        if ca.axis != cb.axis:
            rows.append(["axis", cid, "", "", ca.axis, cb.axis])
        _diff_labels(ca, cb, rows)
    return pd.DataFrame(rows, columns=DIFF_COLUMNS)


def _diff_labels(ca: Concept, cb: Concept, rows: list[list[Any]]) -> None:
    labels_a: dict[str, Label] = {lab.id: lab for lab in ca.labels}
    labels_b: dict[str, Label] = {lab.id: lab for lab in cb.labels}
    for lid in [*labels_a, *(x for x in labels_b if x not in labels_a)]:
        la, lb = labels_a.get(lid), labels_b.get(lid)
        if la is None and lb is not None:
            rows.append(["label added", ca.id, lid, "", "", f"pole {lb.pole}"])
            continue
        if lb is None and la is not None:
            rows.append(["label removed", ca.id, lid, "", f"pole {la.pole}", ""])
            continue
        assert la is not None and lb is not None
        for key in ("pole", "frame"):
            if getattr(la, key) != getattr(lb, key):
                rows.append([key, ca.id, lid, "", getattr(la, key), getattr(lb, key)])
        _diff_terms(ca.id, lid, la.terms, lb.terms, rows)


def _diff_terms(cid: str, lid: str, ta: Sequence[Term], tb: Sequence[Term],
                rows: list[list[Any]]) -> None:
    by_a = {t.text: t for t in ta}
    by_b = {t.text: t for t in tb}
    for text in [*by_a, *(x for x in by_b if x not in by_a)]:
        a, b = by_a.get(text), by_b.get(text)
        if a is None or b is None:
            rows.append(["term added" if a is None else "term removed", cid, lid, text, "", ""])
            continue
        if a.forms != b.forms:
            rows.append(["forms", cid, lid, text, " | ".join(a.forms), " | ".join(b.forms)])
        if a.clitics != b.clitics:
            rows.append(["clitics", cid, lid, text, a.clitics, b.clitics])
        if a.rule != b.rule:
            rows.append(["rule", cid, lid, text, str(a.rule or ""), str(b.rule or "")])
