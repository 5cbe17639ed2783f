"""Labelled documents: the target and group of each document, and what was left out."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from framing.errors import FramingError
from framing.io import Document
from framing.learn import labelled_documents
from framing.learn.targets import column_value, is_empty

FRAME = pd.DataFrame({
    "id": ["d1", "d2", "d3", "d4", "d5"],
    "outlet": ["alpha", "beta", "alpha", "beta", "alpha"],
    "date": ["2024-01-01", "2024-01-02", "", "2024-01-04", "2024-01-05"],
    "text": ["قصفت قوات الاحتلال", "قالت القوات", "وأكدت المقاومة", "هاجمت الميليشيات", "وصل الوفد"],
    "stance": ["pro", "", "anti", None, "pro"],
    "story": ["s1", "s1", "", "s2", "s2"],
    "year": [2023, 2024, 2023, 2024, 2023],
})


@pytest.mark.parametrize(
    ("target", "group_col", "y", "groups", "skipped", "empty_groups"),
    [
        ("outlet", None, ["alpha", "beta", "alpha", "beta", "alpha"], None, 0, 0),
        ("stance", None, ["pro", "anti", "pro"], None, 2, 0),  # "" and None are left out
        ("stance", "story", ["pro", "anti", "pro"], ["s1", "\x00d3", "s2"], 2, 1),  # d3: its own group
        ("year", None, ["2023", "2024", "2023", "2024", "2023"], None, 0, 0),  # compared as text
        ("outlet", "date", ["alpha", "beta", "alpha", "beta", "alpha"],
         ["2024-01-01", "2024-01-02", "\x00d3", "2024-01-04", "2024-01-05"], 0, 1),
        ("id", None, ["d1", "d2", "d3", "d4", "d5"], None, 0, 0),
    ],
)
def test_labelled_documents(target: str, group_col: str | None, y: list[str], groups: list[str] | None,
                            skipped: int, empty_groups: int) -> None:
    data = labelled_documents(FRAME, target=target, group_col=group_col)
    assert data.y.tolist() == y
    assert (data.groups.tolist() if data.groups is not None else None) == groups
    assert (data.skipped_target, data.empty_groups) == (skipped, empty_groups)
    assert len(data.documents) == len(y)


def test_left_out_documents_are_named() -> None:
    data = labelled_documents(FRAME, target="stance")
    assert data.examples == ["d2", "d4"]
    assert [d.doc_id for d in data.documents] == ["d1", "d3", "d5"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"target": "topic"}, r"no column 'topic' \(--target\) in the corpus; columns present: outlet, date, "
                              r"stance, story, year\."),
        ({"target": "outlet", "group_col": "topic"}, r"no column 'topic' \(--group-col\) in the corpus"),
    ],
)
def test_missing_columns(kwargs: dict, message: str) -> None:
    with pytest.raises(FramingError, match=message):
        labelled_documents(FRAME, **kwargs)


@pytest.mark.parametrize(
    ("column", "expected"),
    [("outlet", "o"), ("id", "x"), ("doc_id", "x"), ("date", "2024-05-01"), ("stance", "pro"),
     ("missing", None)],
)
def test_column_value(column: str, expected: object) -> None:
    doc = Document("x", "o", "نص", date="2024-05-01", meta={"stance": "pro"})
    assert column_value(doc, column) == expected


@pytest.mark.parametrize(("value", "empty"), [(None, True), (math.nan, True), ("", True), ("  ", True),
                                              ("pro", False), (0, False), (0.0, False)])
def test_is_empty(value: object, empty: bool) -> None:
    assert is_empty(value) is empty
