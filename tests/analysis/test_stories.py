"""Stories, near-copies and --dedup helpers, on constructed corpora (every sentence written for
these tests)."""

from __future__ import annotations

import random
import warnings

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from framing.analysis import find_stories
from framing.analysis.similarity import average_linkage
from framing.analysis.stories import read_stories
from framing.cli import main
from framing.count.dedup import find_copies
from framing.errors import FramingError
from framing.io import Document, write_table
from framing.text.dates import NO_DAY, parse_day
from tests.analysis.stories_corpus import COPY_EDITED, DISPATCH, PLANTED, wire_corpus


def corpus() -> list[Document]:
    return wire_corpus()


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return find_stories(corpus())


def story_of(table: pd.DataFrame) -> dict[str, int]:
    return dict(zip(table["doc_id"], table["story_id"], strict=True))


def test_stories_and_near_copies(table: pd.DataFrame) -> None:
    story = story_of(table)
    palms = {"wire-1", "p-1", "d-1", "w-1", "d-2"}
    assert {story[d] for d in palms} == {story["wire-1"]}
    for loner in ("p-2", "d-3", "w-2", "p-3", "d-4"):
        assert sum(v == story[loner] for v in story.values()) == 1
    dup = {d: o for d, o in zip(table["doc_id"], table["duplicate_of"], strict=True) if o}
    assert dup == PLANTED


def test_duplicate_of_is_the_near_copies_of_dedup(table: pd.DataFrame) -> None:
    # One definition: framing stories and --dedup never disagree.
    copies = find_copies(corpus()).table().set_index("doc_id")
    mine = table.set_index("doc_id").loc[copies.index]
    assert mine["duplicate_of"].tolist() == copies["duplicate_of"].tolist()
    np.testing.assert_array_equal(mine["containment"].to_numpy(), copies["containment"].to_numpy())


def test_columns_sizes_and_outlets(table: pd.DataFrame) -> None:
    assert list(table.columns) == ["doc_id", "outlet", "date", "story_id", "story_size", "n_outlets",
                                   "duplicate_of", "similarity", "containment"]
    row = table.set_index("doc_id").loc["wire-1"]
    assert (row["story_size"], row["n_outlets"], row["date"]) == (5, 4, "2024-04-30")
    assert table.set_index("doc_id").loc["p-1", "date"] == "2024-05-01"  # the day as written
    loner = table.set_index("doc_id").loc["p-3"]
    assert loner["story_size"] == 1 and np.isnan(loner["similarity"])
    copies = table[table["duplicate_of"] != ""]
    assert (copies["containment"] >= 0.6).all() and (copies["similarity"] > 0.5).all()
    report = table.attrs["report"]
    assert (report.documents, report.stories, report.copies, report.undated) == (10, 1, 3, 0)


def test_row_order_does_not_change_the_table(table: pd.DataFrame) -> None:
    docs = corpus()
    random.Random(3).shuffle(docs)
    pd.testing.assert_frame_equal(find_stories(docs), table)


def test_window_keeps_far_apart_articles_apart() -> None:
    docs = [Document("a", "x", DISPATCH, "2024-05-01"), Document("b", "y", COPY_EDITED, "2024-05-09")]
    assert find_stories(docs, window_days=3)["story_id"].nunique() == 2
    assert find_stories(docs, window_days=8)["story_id"].nunique() == 1


def test_without_dates_one_window_and_partial_dates_warn() -> None:
    docs = [Document("a", "x", DISPATCH, None), Document("b", "y", COPY_EDITED, "")]
    table = find_stories(docs)
    assert table["story_id"].nunique() == 1 and table.attrs["report"].undated == 2
    assert (table["date"] == "").all()
    mixed = [Document("a", "x", DISPATCH, "2024-05-01"), Document("b", "y", COPY_EDITED, "قبل أيام")]
    with pytest.warns(UserWarning, match=r"1 of 2 documents have no readable date \(first: 'قبل أيام'\)"):
        table = find_stories(mixed)
    assert table["story_id"].nunique() == 1


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"window_days": -1}, r"'window_days' parameter must be an integer >= 0\. Got -1"),
    ({"threshold": 0}, r"'threshold' parameter must be in \(0, 1\]\. Got 0"),
    ({"copy_threshold": 1.5}, r"'copy_threshold' parameter must be in \(0, 1\]\. Got 1\.5"),
    ({"min_words": 0}, r"'min_words' parameter must be a positive integer\. Got 0"),
    ({"max_df": 0.0}, r"'max_df' parameter must be in \(0, 1\]\. Got 0\.0"),
])
def test_bad_settings(kwargs: dict, message: str) -> None:
    with pytest.raises(FramingError, match=message):
        find_stories(corpus(), **kwargs)


@pytest.mark.parametrize(("text", "expected"), [
    ("2015-07-21", "2015-07-21"),
    ("2015-07-21 02:51:32", "2015-07-21"),
    ("2023-10-31T00:35:25+02:00", "2023-10-31"),
    ("2015/7/1", "2015-07-01"),
    ("21/07/2015", "2015-07-21"),
    ("٢١-٠٧-٢٠١٥", "2015-07-21"),
    ("20150721", "2015-07-21"),
    ("Tue, 21 Jul 2015 02:51:32 +0300", "2015-07-21"),
    ("July 21, 2015", "2015-07-21"),
    ("2015-02-30", None),
    ("أمس", None),
    ("", None),
    (None, None),
])
def test_parse_day(text: str | None, expected: str | None) -> None:
    import datetime as dt

    day = parse_day(text)
    assert (None if day is None else (dt.date(1970, 1, 1) + dt.timedelta(days=day)).isoformat()) == expected
    assert NO_DAY < 0


def test_average_linkage_guards_against_chaining() -> None:
    # 0~1 and 1~2 strongly, 0 and 2 share nothing: single linkage would join all three.
    rows, cols, sims = np.array([1, 2]), np.array([0, 1]), np.array([0.9, 0.8])
    assert average_linkage(3, rows, cols, sims, threshold=0.5).tolist() == [0, 0, 2]
    # With 0~2 at 0.4 the mean (0.8 + 0.4) / 2 = 0.6 >= 0.5 admits 2.
    rows, cols, sims = np.array([1, 2, 2]), np.array([0, 1, 0]), np.array([0.9, 0.8, 0.4])
    assert average_linkage(3, rows, cols, sims, threshold=0.5).tolist() == [0, 0, 0]


@pytest.mark.parametrize("name", ["s.csv", "s.tsv", "s.jsonl", "s.parquet"])
def test_read_stories_round_trip(tmp_path, table: pd.DataFrame, name: str) -> None:
    plain = table.copy()
    plain.attrs = {}  # pandas writes attrs into Parquet metadata, as JSON
    write_table(plain, tmp_path / name)
    back = read_stories(tmp_path / name)
    assert back["doc_id"].tolist() == table["doc_id"].tolist()
    assert back["duplicate_of"].tolist() == table["duplicate_of"].tolist()
    assert back["story_id"].tolist() == table["story_id"].tolist()
    np.testing.assert_allclose(back["containment"].to_numpy(dtype=float), table["containment"].to_numpy())


@pytest.mark.parametrize(("content", "message"), [
    (None, r"stories table '.*missing.csv' not found; write it with 'framing stories"),
    ("doc_id,outlet\na,x\n", r"not a table of framing stories \(no column 'story_id', 'duplicate_of'\)"),
])
def test_read_stories_errors(tmp_path, content: str | None, message: str) -> None:
    path = tmp_path / "missing.csv"
    if content is not None:
        path = tmp_path / "bad.csv"
        path.write_text(content, encoding="utf-8")
    with pytest.raises(FramingError, match=message):
        read_stories(path)


def test_jobs_give_the_same_table(table: pd.DataFrame) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pd.testing.assert_frame_equal(find_stories(corpus(), jobs=2), table)


def test_cli_stories(tmp_path) -> None:
    import json

    src = tmp_path / "c.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for d in corpus():
            fh.write(json.dumps({"id": d.doc_id, "outlet": d.outlet, "date": d.date, "text": d.text},
                                ensure_ascii=False) + "\n")
    out, pairs = tmp_path / "stories.csv", tmp_path / "copies.csv"
    result = CliRunner().invoke(main, ["stories", str(src), "-o", str(out), "--copies", str(pairs)])
    assert result.exit_code == 0, result.output
    assert "1 stories of two or more documents" in result.output
    written = pd.read_csv(out, keep_default_na=False)
    assert written.set_index("doc_id").loc["d-1", "duplicate_of"] == "wire-1"
    assert set(pd.read_csv(pairs)["outlet"]) == {"agency", "paper", "daily", "weekly"}
    assert written.set_index("doc_id").loc["p-1", "duplicate_of"] == "wire-1"
    bad = CliRunner().invoke(main, ["stories", str(src), "--threshold", "0"])
    assert bad.exit_code == 2 and "0<x<=1" in bad.output
