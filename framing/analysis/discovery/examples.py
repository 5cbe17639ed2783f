"""Concordance lines and display spellings of the chosen n-grams, and the output table."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np

from ...match import Matcher
from ...text import Normalizer
from ...text.tokens import WORD_RE
from .rank import ranked_keys

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["concordance", "count_rows", "covered_labels", "finish_table", "firsts", "gram_key", "locate",
           "most_frequent", "words_of"]


def locate(stems: np.ndarray, grams: list[tuple[int, ...]], compact: np.ndarray, v: int
            ) -> tuple[np.ndarray, np.ndarray]:
    """Every position where one of ``grams`` (all of one length) starts, and which one.

    ``stems`` are compact stem ids per position (-1: boundary), ``compact`` maps a stem
    id to its compact id, ``v`` is the number of compact ids: an n-gram is a base-``v``
    key, looked up for every position with one ``searchsorted``.
    """
    n = len(grams[0]) if grams else 1
    length = len(stems) - n + 1
    if length <= 0 or not grams:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    gram_keys = np.array([gram_key(tuple(int(compact[w]) for w in g), v) for g in grams], dtype=np.int64)
    order = np.argsort(gram_keys)
    gram_keys = gram_keys[order]
    # Only positions whose stem begins a wanted n-gram can match (a few per cent of them).
    begins = np.zeros(v + 1, dtype=bool)  # the last entry stands for a boundary (-1)
    begins[[int(compact[g[0]]) for g in grams]] = True
    cand = np.flatnonzero(begins[stems[:length]])
    pos_key = np.zeros(len(cand), dtype=np.int64)
    valid = np.ones(len(cand), dtype=bool)
    for step in range(n):
        col = stems[cand + step]
        valid &= col >= 0
        pos_key = pos_key * v + np.maximum(col, 0)
    where = np.searchsorted(gram_keys, pos_key)
    hit = valid & (where < len(gram_keys))
    hit[hit] &= gram_keys[where[hit]] == pos_key[hit]
    return cand[hit], order[where[hit]]


def firsts(pos: np.ndarray, rank: np.ndarray, doc: np.ndarray, gi: np.ndarray,
            gram_idx: np.ndarray) -> list[tuple[int, int, int, int]]:
    """``(group, n-gram index, document, position)`` of the first occurrence per group and
    n-gram: the document of smallest ``rank`` (its doc_id's place), then the smallest position."""
    first = np.lexsort([pos, rank, gi, gram_idx])
    gi, gram_idx, doc, pos = gi[first], gram_idx[first], doc[first], pos[first]
    lead = np.ones(len(first), dtype=bool)
    lead[1:] = (gi[1:] != gi[:-1]) | (gram_idx[1:] != gram_idx[:-1])
    return list(zip(gi[lead].tolist(), gram_idx[lead].tolist(), doc[lead].tolist(), pos[lead].tolist(),
                    strict=True))


def count_rows(columns: list[np.ndarray], weights: np.ndarray | None = None
               ) -> tuple[np.ndarray, np.ndarray]:
    """Distinct rows of the stacked ``columns`` (sorted) and how often each occurs (with
    ``weights``: the sum of the weights of its occurrences)."""
    order = np.lexsort(columns[::-1])
    rows = np.column_stack(columns)[order]
    if not len(rows):
        return rows, np.zeros(0, dtype=np.int64)
    new = np.ones(len(rows), dtype=bool)
    new[1:] = (rows[1:] != rows[:-1]).any(axis=1)
    starts = np.flatnonzero(new)
    if weights is not None:
        return rows[starts], np.add.reduceat(weights[order], starts)
    return rows[starts], np.diff(np.append(starts, len(rows)))


def most_frequent(spellings: Iterable[tuple[Any, int, str]]) -> dict[Any, str]:
    """The text seen most often per key, from ``(key, count, text)`` (ties: alphabetical)."""
    best: dict[Any, tuple[int, str]] = {}
    for key, count, text in spellings:
        current = best.get(key)
        if current is None or count > current[0] or (count == current[0] and text < current[1]):
            best[key] = (count, text)
    return {key: text for key, (_, text) in best.items()}


def gram_key(gram: tuple[int, ...], v: int) -> int:
    """An n-gram of ids below ``v`` as one integer (base ``v``)."""
    key = 0
    for w in gram:
        key = key * v + w
    return key


def concordance(text: str, gram: tuple[int, ...], window: int,
                words: tuple[list[tuple[int, int, str]], list[int]]) -> tuple[str, str]:
    """The first occurrence of ``gram`` (stem ids) in ``text`` as ``left [match] right``, and the
    matched text; ``words`` is :func:`words_of` of the text (several n-grams are quoted from one
    document). An n-gram never spans punctuation or a line break.
    """
    spans, ids = words
    n = len(gram)
    first = gram[0]
    for i in range(len(spans) - n + 1):
        if ids[i] != first or tuple(ids[i:i + n]) != gram:
            continue
        gaps = [text[spans[k][1]:spans[k + 1][0]] for k in range(i, i + n - 1)]
        if all(gap.isspace() and "\n" not in gap for gap in gaps):
            start, end = spans[i][0], spans[i + n - 1][1]
            left = " ".join(text[max(0, start - window):start].split())
            right = " ".join(text[end:end + window].split())
            return f"{left} [{text[start:end]}] {right}".strip(), text[start:end]
    return "", ""


def words_of(text: str, stream: np.ndarray, type_stem: np.ndarray, surfaces: list[str]
             ) -> tuple[list[tuple[int, int, str]], list[int]]:
    """The words of ``text`` with their offsets, and the stem id of each (-1: unknown).

    ``stream`` holds the document's word-type ids in order, without boundaries and line ends:
    the words :data:`WORD_RE` finds in the text, one for one, whose stems ``type_stem`` gives.
    A text that holds the private character marking line ends (so that the two differ) has its
    words looked up by spelling in ``surfaces`` instead.
    """
    spans = [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]
    if len(stream) == len(spans):
        return spans, type_stem[stream].tolist()
    get = {w: i for i, w in enumerate(surfaces)}.get
    index = np.fromiter((get(w, -1) for _, _, w in spans), dtype=np.int64, count=len(spans))
    ids = np.where(index >= 0, type_stem[np.maximum(index, 0)], -1) if len(index) else index
    return spans, ids.tolist()


def finish_table(table: Any, names: list[str], examples: dict[tuple[int, tuple[int, ...]], tuple[str, str]],
            spelling: dict[tuple[int, ...], str], *, lexicon: Any, normalizer: Normalizer
                 ) -> pd.DataFrame:
    """The output table from the ranked rows, their concordance lines and spellings."""
    import pandas as pd

    keys = ranked_keys(table)
    matcher = None
    if lexicon is not None:
        matcher = lexicon if isinstance(lexicon, Matcher) else Matcher(lexicon, normalizer=normalizer)
    in_lexicon, lines = [], []
    for k in keys:
        line, match = examples.get(k, ("", ""))
        lines.append(line)
        in_lexicon.append(covered_labels(matcher, match) if matcher is not None and match else "")
    out = pd.DataFrame({
        "group": [names[gi] for gi, _ in keys],
        "term": [spelling.get(g, "") for _, g in keys],
        "z": table["z"].to_numpy(dtype=float),
        "count_group": table["count_group"].to_numpy(dtype=np.int64),
        "count_rest": table["count_rest"].to_numpy(dtype=np.int64),
        "in_lexicon": in_lexicon,
        "example": lines,
    })
    return out.reset_index(drop=True)


def covered_labels(matcher: Matcher, text: str) -> str:
    found = {f"{matcher.terms[m.term].concept}:{matcher.terms[m.term].label}" for m in matcher.find(text)}
    return ";".join(sorted(found))
