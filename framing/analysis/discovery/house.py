"""House style in ``framing discover``: each ranked n-gram's ``kind``, learned in the reading pass.

The ``kind`` of a term (``self``, ``formula``, ``spelling``, ``content``) is
defined in :mod:`framing.analysis.kinds`. ``discover`` gathers what it needs
while it reads (:func:`unit_evidence`, in the encode stage of each unit), in
its own words and stems, so no extra pass over the corpus is made:

* **edges**: the n-grams (up to three words) among the first and last twelve
  words of each document of at least 48 words, counted once per such
  window (datelines, bylines, footers), and among the twelve words next to
  each edge (a name sits at the edge, not next to it);
* **credits**: the one or two words after «لـ» (:data:`~framing.analysis.kinds.CREDIT_RE`);
* **spellings**: how often each group writes each word form that has a ء, ؤ
  or ئ.

:class:`StyleTally` sums the units' evidence and applies the rule of
:func:`~framing.analysis.style.learn_self_names`
(:func:`~framing.analysis.kinds.names_from_arrays`: shares, purity,
concentration at the edges; here over discover's stems and counted per
window) and :func:`~framing.analysis.kinds.variant_table`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ...text import Normalizer
from ...text.tokens import WORD_RE
from ..kinds import (
    CREDIT_RE,
    EDGE_WORDS,
    fold_hamza,
    hamza_forms,
    names_from_arrays,
    term_kinds,
    variant_table,
)
from .examples import count_rows

__all__ = ["StyleEvidence", "StyleTally", "gram_kinds", "unit_evidence"]

_MAX_N = 3
_WHERE = ("edge", "inner")


@dataclass
class StyleEvidence:
    """One unit's house-style evidence; groups are indices into the unit's group names, forms into
    its normalised forms."""

    docs: np.ndarray  # compared documents per group
    edges: np.ndarray  # rows (group, 0 edge | 1 inner, form, form or -1, form or -1)
    edge_counts: np.ndarray  # windows per row
    credits: dict[tuple[int, tuple[str, ...]], int] = field(default_factory=dict)
    spellings: np.ndarray = field(default_factory=lambda: np.zeros((0, 2), np.int64))  # (form, group)
    spelling_counts: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))


def _tally(columns: list[np.ndarray], widths: list[int], weights: np.ndarray | None = None
           ) -> tuple[np.ndarray, np.ndarray]:
    """Distinct rows of integer ``columns`` (each in ``[0, width)``), sorted, and how often each
    occurs (with ``weights``: the sum of its occurrences' weights): one sort of packed keys when
    they fit in 63 bits, else a sort by columns."""
    bits = [max(int(w - 1).bit_length(), 1) for w in widths]
    if sum(bits) > 63 or not len(columns[0]):
        return count_rows(columns, weights)
    key = np.zeros(len(columns[0]), dtype=np.int64)
    for col, b in zip(columns, bits, strict=True):
        key = (key << b) | col.astype(np.int64)
    if weights is None:
        key.sort()
    else:
        order = key.argsort()
        key, weights = key[order], weights[order]
    first = np.flatnonzero(np.concatenate([[True], key[1:] != key[:-1]]))
    counts = np.diff(np.append(first, len(key))) if weights is None else np.add.reduceat(weights, first)
    key = key[first]
    out = np.empty((len(key), len(columns)), dtype=np.int64)
    for j in range(len(columns) - 1, -1, -1):
        out[:, j] = key & ((1 << bits[j]) - 1)
        key = key >> bits[j]
    return out, counts


def unit_evidence(words: np.ndarray, doc_len: np.ndarray, type_form: np.ndarray, forms: list[str],
                  texts: list[str], doc_group: np.ndarray, n_groups: int, normalizer: Normalizer
                  ) -> StyleEvidence:
    """The house-style evidence of a unit's encoded documents (see the module docstring).

    ``words`` holds the word type of each position (-1: punctuation, 0: a line
    end), ``doc_len`` the positions of each document, ``type_form`` the
    normalised form of each word type. N-grams are counted once per window
    (the first or last words of a document, or the words next to them).
    """
    n_docs = len(doc_len)
    is_word = words > 0
    at = np.flatnonzero(is_word)
    starts = np.concatenate([[0], np.cumsum(doc_len)[:-1]]).astype(np.int64)
    length = np.add.reduceat(is_word, starts, dtype=np.int64) if len(words) else np.zeros(n_docs, np.int64)
    length[doc_len == 0] = 0
    first_word = np.cumsum(length) - length  # index into ``at`` of each document's first word
    e = EDGE_WORDS
    long = np.flatnonzero(length >= 4 * e)
    # Four windows per long document: its first and last words (edges), and the words next to them.
    offsets = [np.arange(e), length[long, None] - e + np.arange(e), e + np.arange(e),
               length[long, None] - 2 * e + np.arange(e)]
    run = np.concatenate([np.repeat(long * 4 + k, e) for k in range(4)])
    where = np.concatenate([(first_word[long, None] + np.broadcast_to(o, (len(long), e))).ravel()
                            for o in offsets])
    form = type_form[words[at[where]]].astype(np.int64) + 1 if len(where) else np.zeros(0, np.int64)
    columns: list[list[np.ndarray]] = [[] for _ in range(2 + _MAX_N)]
    for n in range(1, _MAX_N + 1):
        m = len(form) - n + 1
        if m <= 0:
            continue
        ok = np.flatnonzero(run[:m] == run[n - 1:n - 1 + m])
        columns[0].append(doc_group[run[ok] // 4])
        columns[1].append((run[ok] % 4) // 2)
        for k in range(_MAX_N):
            columns[2 + k].append(form[ok + k] if k < n else np.zeros(len(ok), np.int64))
    edges, counts = np.zeros((0, 5), np.int64), np.zeros(0, np.int64)
    if columns[0]:
        edges, counts = _tally([np.concatenate(c) for c in columns],
                               [n_groups, 2] + [len(forms) + 1] * _MAX_N)
        edges[:, 2:] -= 1
    credits: Counter[tuple[int, tuple[str, ...]]] = Counter()
    for d, text in enumerate(texts):
        if "ل\u0640" not in text:
            continue
        grams: set[tuple[str, ...]] = set()
        for match in CREDIT_RE.finditer(text):
            credit = normalizer.many(WORD_RE.findall(match.group(1)))
            grams.update(tuple(credit[i:i + n]) for n in range(1, _MAX_N + 1)
                         for i in range(len(credit) - n + 1))
        for gram in grams:
            credits[(int(doc_group[d]), gram)] += 1
    # Spellings with a hamza seat, per group.
    wanted = np.asarray(hamza_forms(forms), dtype=bool)
    hit = np.flatnonzero(wanted[type_form[np.maximum(words, 0)]] & is_word) if len(words) else at
    owner = np.searchsorted(starts, hit, side="right") - 1
    spellings, spelling_counts = _tally([type_form[words[hit]].astype(np.int64),
                                         doc_group[owner].astype(np.int64)], [len(forms), n_groups])
    return StyleEvidence(np.bincount(doc_group, minlength=n_groups), edges, counts, dict(credits),
                         spellings.reshape(-1, 2), spelling_counts)


class StyleTally:
    """The units' evidence summed in the main process, in global form ids and group names."""

    def __init__(self) -> None:
        self.docs: Counter[str] = Counter()
        self.groups: dict[str, int] = {}
        self._edges: list[np.ndarray] = []  # rows (group, where, form, form, form), global
        self._counts: list[np.ndarray] = []
        self.credits: Counter[tuple[str, tuple[str, ...]]] = Counter()
        self.spellings: Counter[tuple[int, str]] = Counter()

    def add(self, evidence: StyleEvidence, ids: np.ndarray, names: Sequence[str]) -> None:
        """Add a unit's evidence; ``ids`` maps its forms to global form ids, ``names`` its groups."""
        group = np.array([self.groups.setdefault(g, len(self.groups)) for g in names], dtype=np.int64)
        for g, n in zip(names, evidence.docs.tolist(), strict=True):
            self.docs[g] += n
        if len(evidence.edges):
            rows = evidence.edges.copy()
            rows[:, 0] = group[rows[:, 0]]
            forms = rows[:, 2:]
            rows[:, 2:] = np.where(forms >= 0, ids[np.maximum(forms, 0)], -1)
            self._edges.append(rows)
            self._counts.append(evidence.edge_counts)
        for (k, gram), c in evidence.credits.items():
            self.credits[(names[k], gram)] += c
        for (f, gi), c in zip(evidence.spellings.tolist(), evidence.spelling_counts.tolist(), strict=True):
            self.spellings[(int(ids[f]), names[gi])] += c

    def finish(self, form_stem: np.ndarray, stem_names: list[str], forms: list[str], form_id: Any
               ) -> tuple[dict[str, set[str]], dict[str, dict[str, int]]]:
        """``(self names, spelling variants)`` in discover's stems (words joined by a space)."""
        for g in self.docs:
            self.groups.setdefault(g, len(self.groups))
        rows = np.concatenate(self._edges) if self._edges else np.zeros((0, 5), np.int64)
        counts = np.concatenate(self._counts) if self._counts else np.zeros(0, np.int64)
        credit_rows = []
        for (g, words), c in self.credits.items():
            ids = [form_id.get(w, -1) for w in words] + [-1] * (_MAX_N - len(words))
            credit_rows.append([self.groups[g], 2, *ids, c])
        if credit_rows:
            extra = np.asarray(credit_rows, dtype=np.int64)
            rows, counts = np.concatenate([rows, extra[:, :5]]), np.concatenate([counts, extra[:, 5]])
        stems = np.where(rows[:, 2:] >= 0, form_stem[np.maximum(rows[:, 2:], 0)], -2)
        ok = (stems[:, 0] >= 0) & (stems != -1).all(axis=1)  # every word a word with a letter
        stems, where, group, counts = stems[ok] + 2, rows[ok, 1], rows[ok, 0], counts[ok]
        # Number the stems that occur here (0: no word), so that a row fits in one 64-bit key;
        # one sort then sums each (stems, where, group) and orders the rows by n-gram.
        present = np.zeros(len(stem_names) + 2, dtype=bool)
        present[stems] = True
        stem_of = np.flatnonzero(present)  # compact id -> stem id + 2
        compact = (np.cumsum(present) - 1)[stems]
        summed_rows, summed = _tally([compact[:, 0], compact[:, 1], compact[:, 2], where, group],
                                     [len(stem_of)] * _MAX_N + [3, len(self.groups)], counts)
        first_of_gram = np.ones(len(summed_rows), dtype=bool)
        first_of_gram[1:] = (summed_rows[1:, :_MAX_N] != summed_rows[:-1, :_MAX_N]).any(axis=1)
        gram = np.cumsum(first_of_gram) - 1
        grams = stem_of[summed_rows[first_of_gram, :_MAX_N]]
        seen = {}
        for w, name in enumerate(("edge", "inner", "credit")):
            pick = summed_rows[:, _MAX_N] == w
            seen[name] = (summed_rows[pick, _MAX_N + 1], gram[pick], summed[pick])
        n_docs = np.zeros(len(self.groups), dtype=np.int64)
        for g, n in self.docs.items():
            n_docs[self.groups[g]] = n
        found_g, found_k = names_from_arrays(seen, n_docs)
        group_names = list(self.groups)
        self_names: dict[str, set[str]] = {g: set() for g in self.docs}
        for gi, k in zip(found_g, found_k, strict=True):
            self_names[group_names[gi]].add(" ".join(stem_names[s - 2] for s in grams[k] if s >= 2))
        spelled: dict[str, Counter[str]] = defaultdict(Counter)
        for (f, g), c in self.spellings.items():
            spelled[forms[f]][g] += c
        by_stem: dict[str, Counter[str]] = defaultdict(Counter)
        for form, per_group in variant_table(spelled).items():
            stem = int(form_stem[form_id[form]])
            if stem >= 0:
                by_stem[stem_names[stem]].update(per_group)
        # Two spellings that stem alike are one; a stem without a twin is no variant.
        twins = Counter(fold_hamza(stem) for stem in by_stem)
        variants = {stem: dict(c) for stem, c in by_stem.items() if twins[fold_hamza(stem)] > 1}
        return self_names, variants


def gram_kinds(groups: Sequence[str], grams: Sequence[tuple[int, ...]], stem_names: list[str],
               self_names: dict[str, set[str]], variants: dict[str, dict[str, int]]) -> list[str]:
    """The kind of each ranked n-gram (stem ids) of its group."""
    terms = [" ".join(stem_names[w] for w in gram) for gram in grams]
    return term_kinds(groups, terms, self_names=self_names, variants=variants, stemmed=True)
