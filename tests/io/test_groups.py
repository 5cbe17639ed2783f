"""framing.io.groups: which group a document belongs to, and --groups maps."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.errors import FramingError
from framing.io import Document, group_key, read_groups

DOC = Document("d1", "alpha", "نص", "2024-03-14", {"section": "سياسة", "empty": None})


@pytest.mark.parametrize(("by", "expected"), [
    ("outlet", "alpha"),
    ("month", "2024-03"),
    ("year", "2024"),
    ("section", "سياسة"),
    ("empty", ""),
])
def test_group_key(by: str, expected: str) -> None:
    assert group_key(by)(DOC) == expected


@pytest.mark.parametrize(("doc", "by", "message"), [
    (Document("d2", "a", "نص", None), "month", r"document 'd2' has no usable date \(None\) for --by month"),
    (Document("d3", "a", "نص", "آذار 2024"), "year", "dates must start with YYYY-MM"),
    (DOC, "colour", r"no column 'colour' to group by in document 'd1'; available: outlet, month, year, "
                    "section, empty"),
])
def test_group_key_errors(doc: Document, by: str, message: str) -> None:
    with pytest.raises(FramingError, match=message):
        group_key(by)(doc)


def test_groups_map_outlets_to_families(tmp_path: Path) -> None:
    path = tmp_path / "families.csv"
    path.write_text("outlet,group\nalpha,أ\nbeta,ب\n\n", encoding="utf-8")
    mapping = read_groups(path)
    assert mapping == {"alpha": "أ", "beta": "ب"}
    assert group_key("outlet", groups=mapping)(DOC) == "أ"
    with pytest.raises(FramingError, match=r"outlet 'gamma' \(document 'x'\) is not in the --groups map"):
        group_key("outlet", groups=mapping)(Document("x", "gamma", "نص"))


@pytest.mark.parametrize(("content", "message"), [
    ("alpha\n", r"expected two cells 'value,group'"),
    ("alpha,a\nalpha,b\n", r"'alpha' is mapped to both 'a' and 'b'"),
    ("value,group\n", "is empty"),
])
def test_read_groups_errors(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "map.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FramingError, match=message):
        read_groups(path)


def test_read_groups_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FramingError, match="not found; give a CSV with rows value,group"):
        read_groups(tmp_path / "none.csv")
