"""The terminal summary of framing score: columns never run together."""

from __future__ import annotations

import pandas as pd

from framing.present.summary import format_summary


def _groups(tokens: list[int], hits: list[int], docs: tuple[int, int] = (3, 123_456_789)) -> pd.DataFrame:
    return pd.DataFrame({"group": ["a", "bb"], "concept": ["c", "c"], "label": ["x", "x"], "pole": [1, 1],
                         "n_docs": list(docs), "n_tokens": tokens, "hits": hits,
                         "share_within_concept": [1.0, 1.0]})


def test_large_numbers_keep_a_space_between_columns() -> None:
    text = format_summary(_groups([4_145_088, 1_036_272_123_456], [10, 99_999_999]))
    first = text.splitlines()[:3]
    assert first[2].split() == ["bb", "123,456,789", "1,036,272,123,456", "99,999,999", "0.10"]
    assert first[1].split() == ["a", "3", "4,145,088", "10", "0.00"]
    assert len({len(line) for line in first}) == 1  # the header and the rows line up


def test_small_numbers_keep_the_usual_layout() -> None:
    head, row = format_summary(_groups([529, 572], [13, 7], docs=(3, 15))).splitlines()[:2]
    assert head == "group        docs      tokens    hits  per 1k"
    assert row == "a               3         529      13   24.57"
