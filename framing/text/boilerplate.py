"""Remove outlets' recurring lines (bylines, footers, "read also") before learning.

A classifier asked to tell outlets apart learns whatever separates them most
cheaply, and the cheapest cue is house style: «واس»-style agency bylines,
copyright footers, «اقرأ أيضا» links, subscription prompts. Those say nothing
about framing. :func:`strip_boilerplate` finds, per outlet, the lines that
recur across many of that outlet's documents and removes them:

* a document is split into lines on ``"\\n"`` and each line is stripped of
  surrounding white space (empty lines are ignored);
* a line is boilerplate for outlet *o* when it occurs in at least
  ``max(min_docs, min_share * n_docs(o))`` documents of *o* (counted once
  per document), by default ``max(5, 5 %)``;
* every occurrence of a line found for *any* outlet is removed from *every*
  document, whatever its outlet; other lines are kept as they were.

Removing the lines everywhere, not only from the outlet where they recur,
matters: were «واس» stripped from outlet A only, its remaining occurrences
in B would become a learnable cue for B, and since the decision uses the
outlet labels of all documents, test folds included, that cue would leak.
Removing a fixed set of lines from every text uses no label at prediction
time, and :class:`BoilerplateRemover` applies the same set inside a saved
model, so ``framing predict`` strips what ``framing train`` stripped.

Lines are compared exactly (after stripping), so a byline that embeds a date
or an author's name is removed only where it repeats verbatim. A document
whose every line was boilerplate is kept with empty text and counted in
the report (``emptied``), never dropped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from ..io.corpus import Document, as_corpus
from .line_strip import strip_lines

__all__ = ["BoilerplateReport", "find_boilerplate", "strip_boilerplate"]


@dataclass
class BoilerplateReport:
    """What :func:`strip_boilerplate` removed, per outlet.

    Attributes
    ----------
    outlets : dict
        outlet → ``{"documents", "lines", "removed", "documents_changed", "emptied"}``:
        documents of the outlet, distinct boilerplate lines found in the
        outlet, line occurrences removed from its documents (lines found in
        any outlet), documents that lost at least one line, documents left
        empty.
    lines : dict
        outlet → the boilerplate lines, most frequent first.
    """

    outlets: dict[str, dict[str, int]] = field(default_factory=dict)
    lines: dict[str, list[str]] = field(default_factory=dict)

    @property
    def all_lines(self) -> tuple[str, ...]:
        """Every outlet's lines, once each, sorted."""
        return tuple(sorted({line for lines in self.lines.values() for line in lines}))

    @property
    def removed(self) -> int:
        """Line occurrences removed in all outlets."""
        return sum(o["removed"] for o in self.outlets.values())

    def summary(self) -> str:
        """One line per outlet that had boilerplate, for the terminal."""
        parts = [
            f"{outlet}: {o['lines']:,} recurring line(s), {o['removed']:,} removed from "
            f"{o['documents_changed']:,} of {o['documents']:,} documents"
            + (f" ({o['emptied']:,} left empty)" if o["emptied"] else "")
            for outlet, o in self.outlets.items() if o["lines"]
        ]
        head = f"boilerplate: removed {self.removed:,} line occurrence(s)"
        return head + (":\n  " + "\n  ".join(parts) if parts else "; no recurring lines found")

    def to_dict(self, *, examples: int = 5) -> dict[str, Any]:
        """JSON-ready summary with the first ``examples`` lines of each outlet."""
        return {
            "removed": self.removed,
            "outlets": {o: {**counts, "examples": self.lines.get(o, [])[:examples]}
                        for o, counts in self.outlets.items()},
        }


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n")]


def find_boilerplate(documents: Iterable[Document], *, min_docs: int = 5, min_share: float = 0.05
                     ) -> dict[str, list[str]]:
    """Return outlet → recurring lines (most frequent first); see the module docstring.

    Examples
    --------
    >>> docs = [Document(str(i), "a", f"خبر رقم {i}\\nاقرأ أيضا") for i in range(6)]
    >>> find_boilerplate(docs)
    {'a': ['اقرأ أيضا']}
    """
    per_outlet: dict[str, Counter[str]] = {}
    n_docs: Counter[str] = Counter()
    for doc in documents:
        n_docs[doc.outlet] += 1
        per_outlet.setdefault(doc.outlet, Counter()).update({line for line in _lines(doc.text) if line})
    out: dict[str, list[str]] = {}
    for outlet, counts in per_outlet.items():
        threshold = max(min_docs, min_share * n_docs[outlet])
        out[outlet] = [line for line, n in counts.most_common() if n >= threshold]
    return out


def strip_boilerplate(documents: Iterable[Document], *, min_docs: int = 5, min_share: float = 0.05
                      ) -> tuple[list[Document], BoilerplateReport]:
    """Remove the lines that recur in an outlet from every document; see the module docstring.

    Parameters
    ----------
    documents : Corpus, iterable of Document, list of str, DataFrame or path
        Anything :func:`framing.io.as_corpus` accepts; read once into memory.
    min_docs, min_share : int, float
        A line is boilerplate when it occurs in at least
        ``max(min_docs, min_share * documents of the outlet)`` documents of
        one outlet.

    Returns
    -------
    (list of Document, BoilerplateReport)
        The documents in their order (same ids, outlets and metadata; texts
        without the boilerplate lines) and what was removed. The removed
        lines are ``report.all_lines``.
    """
    docs = list(as_corpus(documents))
    found = find_boilerplate(docs, min_docs=min_docs, min_share=min_share)
    report = BoilerplateReport(lines=found)
    drop = frozenset(report.all_lines)
    for outlet, lines in sorted(found.items()):
        report.outlets[outlet] = {"documents": 0, "lines": len(lines), "removed": 0,
                                  "documents_changed": 0, "emptied": 0}
    out = []
    for doc in docs:
        stats = report.outlets[doc.outlet]
        stats["documents"] += 1
        text, removed = strip_lines(doc.text, drop)
        if not removed:
            out.append(doc)
            continue
        stats["removed"] += removed
        stats["documents_changed"] += 1
        if not text.strip():
            stats["emptied"] += 1
        out.append(replace(doc, text=text))
    return out, report


def __getattr__(name: str) -> Any:
    # The scikit-learn transformer lives in framing.text.remover, so that importing the text
    # layer does not import scikit-learn (a second of start-up); saved models name it here.
    if name == "BoilerplateRemover":
        from .remover import BoilerplateRemover

        return BoilerplateRemover
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
