"""Which occurrences the report's explorer shows: a seeded random sample per cell, within a text budget.

A **cell** is one label × group (or one discovered term × group). Every
occurrence of a cell is offered to the cell's reservoir as the corpus
streams by (Vitter's Algorithm R), so each cell keeps a simple random
sample of at most ``cap`` occurrences whatever the size of the corpus, and
memory stays bounded by the number of cells × ``cap``.

The page embeds the full text of every document a line comes from, so
:meth:`ContextSampler.choose` also keeps the page small: it walks the cells
round-robin, each in its own random order, taking a cell's next line when
its document is already embedded or still fits in ``max_chars`` characters
of text, and stopping a cell at the first line that does not fit. Each
cell's lines are therefore still a simple random sample of its
occurrences (a random prefix of a random order), only shorter when the
budget binds, and the cells so cut are reported.

References
----------
Vitter, J. S. (1985). Random sampling with a reservoir. *ACM Transactions on
Mathematical Software*, 11(1), 37–57.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field

__all__ = ["Chosen", "ContextSampler", "Line"]


@dataclass(frozen=True, slots=True)
class Line:
    """One occurrence: its document's position in the corpus and its character offsets."""

    doc: int
    start: int
    end: int
    voice: str = ""
    scare_quoted: bool = False
    speaker: str = ""


@dataclass
class Chosen:
    """The result of :meth:`ContextSampler.choose`."""

    lines: dict[Hashable, list[Line]]
    #: Positions of the documents whose text the page embeds, in corpus order.
    docs: list[int]
    #: Characters of text in those documents.
    chars: int
    #: Cells that show fewer lines than they sampled because the text budget ran out.
    cut: list[Hashable] = field(default_factory=list)


class ContextSampler:
    """Seeded reservoir samples of occurrences, one per cell.

    Parameters
    ----------
    seed : int
        Each cell draws from its own generator seeded by ``seed`` and the
        cell, so a cell's sample does not depend on the other cells.

    Examples
    --------
    >>> sampler = ContextSampler(seed=0)
    >>> for i in range(100):
    ...     kept = sampler.offer(("occupation", "a"), Line(i, 0, 5), cap=10)
    >>> sampler.seen(("occupation", "a"))
    100
    >>> chosen = sampler.choose([50] * 100, max_chars=10_000)
    >>> len(chosen.lines[("occupation", "a")]), chosen.chars
    (10, 500)
    """

    def __init__(self, *, seed: int = 0, on_release: Callable[[int], None] | None = None) -> None:
        self.seed = seed
        self.on_release = on_release
        self._reservoirs: dict[Hashable, list[Line]] = {}
        self._seen: dict[Hashable, int] = {}
        self._rngs: dict[Hashable, random.Random] = {}
        self._refs: dict[int, int] = {}

    def _rng(self, cell: Hashable) -> random.Random:
        rng = self._rngs.get(cell)
        if rng is None:
            rng = self._rngs[cell] = random.Random(f"{self.seed}\x1f{cell!r}")
        return rng

    def offer(self, cell: Hashable, line: Line, *, cap: int) -> bool:
        """Offer one occurrence of ``cell``; at most ``cap`` are kept (Algorithm R).

        Returns whether the line was kept. When the last kept line of a
        document is replaced, ``on_release(document)`` is called, so a caller
        holding documents' texts for the sample can let them go.
        """
        return self.offer_many(cell, (line,), cap=cap) == 1

    def offer_many(self, cell: Hashable, lines: Iterable[Line], *, cap: int) -> int:
        """:meth:`offer` each of ``lines`` in turn (the same sample, the same releases), with the
        cell's state looked up once; returns how many were kept when offered."""
        seen = self._seen.get(cell, 0)
        bucket = self._reservoirs.setdefault(cell, [])
        refs, release = self._refs, self.on_release
        draw = None
        kept = 0
        try:
            for line in lines:
                seen += 1
                if len(bucket) < cap:
                    bucket.append(line)
                else:
                    if draw is None:
                        draw = self._rng(cell).randrange
                    j = draw(seen)
                    if j >= cap:
                        continue
                    old = bucket[j].doc
                    bucket[j] = line
                    left = refs[old] = refs[old] - 1
                    if not left:
                        del refs[old]
                        if release is not None and old != line.doc:
                            release(old)
                refs[line.doc] = refs.get(line.doc, 0) + 1
                kept += 1
        finally:
            self._seen[cell] = seen
        return kept

    def wanted(self, doc: int) -> bool:
        """Whether a kept line comes from document ``doc``."""
        return doc in self._refs

    def seen(self, cell: Hashable) -> int:
        """How many occurrences of ``cell`` were offered."""
        return self._seen.get(cell, 0)

    @property
    def cells(self) -> list[Hashable]:
        """Every cell offered at least once, in a stable order."""
        return sorted(self._reservoirs, key=repr)

    def choose(self, doc_length: Sequence[int], max_chars: int) -> Chosen:
        """The lines to show, with the documents to embed, in at most ``max_chars`` of text.

        Parameters
        ----------
        doc_length : sequence of int
            The length of each document's text, by position in the corpus.
        max_chars : int
            The text budget; a single document longer than it is never embedded.
        """
        orders = {}
        for cell in self.cells:
            lines = list(self._reservoirs[cell])
            self._rng(cell).shuffle(lines)
            orders[cell] = lines
        taken: dict[Hashable, list[Line]] = {cell: [] for cell in orders}
        active = list(orders)
        embedded: set[int] = set()
        chars = 0
        cut = []
        depth = 0
        while active:
            still = []
            for cell in active:
                lines = orders[cell]
                if depth >= len(lines):
                    continue
                line = lines[depth]
                if line.doc not in embedded:
                    size = int(doc_length[line.doc])
                    if chars + size > max_chars:
                        cut.append(cell)
                        continue
                    embedded.add(line.doc)
                    chars += size
                taken[cell].append(line)
                still.append(cell)
            active = still
            depth += 1
        return Chosen({c: v for c, v in taken.items() if v}, sorted(embedded), chars,
                      sorted(cut, key=repr))
