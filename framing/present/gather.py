"""The per-unit stage of the report's pass over the corpus (:func:`framing.present.collect.collect`).

:func:`gather_stage` is a pure function of a unit's documents, run by an
engine (:func:`framing.io.units.run_units`) in this process or in workers.
For each document it gives what the report needs of it, as plain lists and
tuples (a unit's result pickles small): its id, outlet, group, date, length
and word count; every lexicon hit in every voice, with its voice, scare
quotes (:func:`framing.voice.analyse_voice`; the speaker is looked up
later, for the documents the page shows only); and every
occurrence of the discovered terms. Documents are numbered within the unit
(0, 1, …); the main process adds the unit's first position.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from ..count.segments import scan_documents_each
from ..io import Document, group_key
from ..match import Matcher
from ..voice import analyse_voice

__all__ = ["GatherSetup", "Gathered", "gather_stage"]


@dataclass(frozen=True)
class GatherSetup:
    """What :func:`gather_stage` needs (sent once per worker)."""

    matcher: Matcher
    #: A matcher of the discovered terms (None: no term is looked for).
    terms: Matcher | None = None
    by: str = "outlet"
    groups: Mapping[str, str] | None = None


@dataclass
class Gathered:
    """One unit's documents, hits and term occurrences (see the module docstring)."""

    ids: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    dates: list[str | None] = field(default_factory=list)
    lengths: list[int] = field(default_factory=list)
    tokens: list[int] = field(default_factory=list)
    #: ``(document, start, end, term, voice, scare_quoted)``; ``term`` indexes the lexicon
    #: matcher's terms.
    hits: list[tuple[int, int, int, int, str, bool]] = field(default_factory=list)
    #: ``(document, start, end, term)``; ``term`` indexes the discovered terms' matcher.
    terms: list[tuple[int, int, int, int]] = field(default_factory=list)


def gather_stage(docs: Iterator[Document], setup: GatherSetup) -> Gathered:
    """Scan one unit's documents for the report (see the module docstring)."""
    key = group_key(setup.by, groups=setup.groups)
    out = Gathered()
    hits, occurrences = out.hits, out.terms
    matchers = [setup.matcher] if setup.terms is None else [setup.matcher, setup.terms]
    for i, (doc, n_tokens, found) in enumerate(scan_documents_each(matchers, docs)):
        out.ids.append(doc.doc_id)
        out.outlets.append(doc.outlet)
        out.groups.append(key(doc))
        out.dates.append(doc.date)
        out.lengths.append(len(doc.text))
        out.tokens.append(n_tokens)
        if found[0]:
            voices = analyse_voice(doc.text)
            for m in found[0]:
                who = voices.at(m.start, m.end, speaker=False)
                hits.append((i, m.start, m.end, m.term, who.voice, bool(who.scare_quoted)))
        if len(found) > 1:
            occurrences.extend((i, m.start, m.end, m.term) for m in found[1])
    return out
