"""Rows and records to CSV, TSV, JSON Lines and Parquet: the same table in every format.

Every value here was written for these tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from framing.io.records import write_records, write_rows


def _row(i: int) -> dict[str, object]:
    return {"doc_id": f"d{i // 7}", "start": i, "match": "المقاومة" if i % 3 else "قوات «الاحتلال»",
            "scare_quoted": i % 5 == 0, "score": i / 4}


@pytest.mark.parametrize("n", [0, 3, 2_500])
def test_rows_written_to_parquet_read_back_as_the_frame_of_those_rows(
        tmp_path: Path, n: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Dict rows go to Parquet column by column, a few at a time (here 1,000), with no DataFrame
    of them built; what reads back is the DataFrame of the rows, types included."""
    import framing.io.records as records

    monkeypatch.setattr(records, "ROWS_AT_ONCE", 1_000)
    columns = ["doc_id", "start", "match", "scare_quoted", "score"]
    assert write_rows(map(_row, range(n)), columns, tmp_path / "h.parquet") == n
    back = pd.read_parquet(tmp_path / "h.parquet")
    assert list(back.columns) == columns and len(back) == n
    if n:
        pd.testing.assert_frame_equal(back, pd.DataFrame(list(map(_row, range(n))), columns=columns))


def test_records_and_rows_write_the_same_files(tmp_path: Path) -> None:
    """A record is a row's values in the order of the columns; a row lacking a column writes
    it empty, in every format."""
    columns = ["doc_id", "match", "scare_quoted"]
    rows = [{"doc_id": "a", "match": "«المقاومة», قالت", "scare_quoted": True},
            {"doc_id": "b", "match": "قوات"}]
    for suffix in ("csv", "tsv", "jsonl", "parquet"):
        assert write_rows(rows, columns, tmp_path / f"rows.{suffix}") == 2
        records = [(r.get("doc_id"), r.get("match"), r.get("scare_quoted")) for r in rows]
        assert write_records(records, columns, tmp_path / f"records.{suffix}") == 2
        if suffix != "parquet":
            assert (tmp_path / f"rows.{suffix}").read_bytes() == (tmp_path / f"records.{suffix}").read_bytes()
    assert (tmp_path / "rows.csv").read_text(encoding="utf-8").splitlines() == [
        "doc_id,match,scare_quoted", 'a,"«المقاومة», قالت",True', "b,قوات,"]
    lines = (tmp_path / "rows.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [
        {"doc_id": "a", "match": "«المقاومة», قالت", "scare_quoted": True},
        {"doc_id": "b", "match": "قوات", "scare_quoted": None}]
    back = pd.read_parquet(tmp_path / "records.parquet")
    assert back["doc_id"].tolist() == ["a", "b"] and back["scare_quoted"].tolist() == [True, None]
