"""The last passes of ``framing discover``: locate the chosen n-grams, and quote them."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ...engines import Engine
from .examples import most_frequent
from .rank import ranked_keys
from .stages import Maps, locate_stage, quote_stage

__all__ = ["locate_and_quote"]


def locate_and_quote(engine: Engine, units: list[Any], maps: Maps, table: Any
                     ) -> tuple[dict[Any, tuple[str, str]], dict[tuple[int, ...], str]]:
    """``(examples, spellings)`` of the rows of ``table``: each (group, n-gram)'s concordance line
    from the first occurrence by ``doc_id``, and each n-gram's most frequent spelling."""
    keys = ranked_keys(table)
    wanted: dict[int, list[tuple[int, ...]]] = {}
    for _, gram in keys:
        wanted.setdefault(len(gram), []).append(gram)
    maps.wanted = {n: sorted(set(grams)) for n, grams in wanted.items()}
    maps.stop = maps.kept = None
    best: dict[Any, tuple[str, int, int]] = {}
    spell: Counter[Any] = Counter()
    chosen_keys = set(keys)
    for unit, (first, spellings) in enumerate(engine.map(locate_stage, units, maps)):
        for key, (doc_id, doc, _) in first.items():
            candidate = (doc_id, unit, doc)
            if key in chosen_keys and (key not in best or candidate < best[key]):
                best[key] = candidate
        spell.update(spellings)
    spelling = most_frequent((maps.wanted[n][j], count, text) for (n, j, text), count in spell.items())
    by_unit: dict[int, list[tuple[int, Any]]] = {}
    for key, (_, unit, doc) in best.items():
        by_unit.setdefault(unit, []).append((doc, key))
    items = [(*units[u], by_unit[u]) for u in sorted(by_unit)]
    examples = {key: quote for part in engine.map(quote_stage, items, maps) for key, quote in part}
    return examples, spelling
