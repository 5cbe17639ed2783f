"""Near-copies and --dedup in score, on constructed corpora (every sentence written for these tests)."""

from __future__ import annotations

import random
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

import framing
from framing.count.dedup import NearCopies, copies_by_outlet_pair, dedup_mask, find_copies
from framing.count.scoring import count_documents, score_to_folder
from framing.errors import FramingError
from framing.io import Document
from tests.analysis.stories_corpus import (
    CHAIN,
    COPY_EDITED,
    DISPATCH,
    EVENTS,
    PLANTED,
    QUOTING,
    wire_corpus,
)


def copies_of(table: pd.DataFrame) -> dict[str, str]:
    return {d: o for d, o in zip(table["doc_id"], table["duplicate_of"], strict=True) if o}


@pytest.fixture(scope="module")
def copies() -> NearCopies:
    return find_copies(wire_corpus())


def test_planted_copies_found_and_nothing_else(copies: NearCopies) -> None:
    assert copies_of(copies.table()) == PLANTED
    row = copies.table().set_index("doc_id")
    assert (row.loc[list(PLANTED), "containment"] >= 0.6).all()
    assert row.loc["d-2", "duplicate_of"] == ""  # quotes two sentences in much text of its own
    assert (copies.copies, copies.originals) == (3, 1)


def test_containment_is_measured_from_the_later_document() -> None:
    # The quoting article first: the dispatch after it is no copy of it either (most of the
    # dispatch's 4-grams are not in it), and a shortened dispatch is a copy of the dispatch.
    docs = [Document("q", "x", QUOTING, "2024-05-01"), Document("w", "y", DISPATCH, "2024-05-02")]
    assert copies_of(find_copies(docs).table()) == {}


def test_leader_rule_no_chain_of_edits() -> None:
    docs = [Document("a", "x", DISPATCH, "2024-05-01"), Document("b", "y", COPY_EDITED, "2024-05-01"),
            Document("c", "z", CHAIN, "2024-05-02")]
    found = copies_of(find_copies(docs).table())
    # c copies b's edits, but b is itself a copy: c resembles the original too little to be its copy.
    assert found == {"b": "a"}


@pytest.mark.parametrize(("dates", "window", "expected"), [
    (("2024-05-01", "2024-05-09"), 3, {}),
    (("2024-05-01", "2024-05-09"), 8, {"b": "a"}),
    (("2024-05-01", None), 3, {"b": "a"}),  # undated: compared with every document
    ((None, None), 0, {"b": "a"}),
])
def test_date_window(dates: tuple, window: int, expected: dict) -> None:
    docs = [Document("a", "x", DISPATCH, dates[0]), Document("b", "y", COPY_EDITED, dates[1])]
    assert copies_of(find_copies(docs, window_days=window).table()) == expected


def test_boilerplate_shingles_do_not_count() -> None:
    # Six unrelated articles share one long standing footer; with max_df=5 it is boilerplate.
    footer = " ".join(EVENTS["museum"].split()[:60])
    docs = [Document(f"d{i}", "x", f"{EVENTS[name]} {footer}", "2024-05-01")
            for i, name in enumerate(["palms", "flood", "match", "hospital", "road", "palms"])]
    assert copies_of(find_copies(docs, max_df=100).table()) != {}
    assert copies_of(find_copies(docs, max_df=5).table()) == {"d5": "d0"}


def test_row_order_does_not_change_the_copies(copies: NearCopies) -> None:
    docs = wire_corpus()
    random.Random(5).shuffle(docs)
    shuffled = find_copies(docs).table().set_index("doc_id").sort_index()
    pd.testing.assert_frame_equal(shuffled, copies.table().set_index("doc_id").sort_index())


def test_jobs_give_the_same_copies(copies: NearCopies) -> None:
    pd.testing.assert_frame_equal(find_copies(wire_corpus() * 1, jobs=2).table(), copies.table())


@pytest.mark.parametrize(("mode", "left_out"), [
    ("flag", set()),
    ("keep-first", set(PLANTED)),
    ("drop", {*PLANTED, "wire-1"}),
])
def test_dedup_modes_leave_out_exactly_the_planted_documents(mode: str, left_out: set[str]) -> None:
    result = framing.score(wire_corpus(), dedup=mode)  # type: ignore[arg-type]
    kept = set(result.documents["doc_id"])
    assert kept == {d.doc_id for d in wire_corpus()} - left_out
    assert result.copies is not None and result.copies.left_out == len(left_out)
    assert result.copies.copies == 3 and result.copies.mode == mode
    assert f"--dedup {mode}" in result.copies.summary()
    assert int(result.groups.groupby("group")["n_docs"].first().sum()) == len(kept)


def test_flag_tables_equal_a_count_without_near_copy_detection(copies: NearCopies) -> None:
    none = replace(copies, original=np.full(len(copies.doc_ids), -1))
    flagged = count_documents(wire_corpus(), dedup="flag")
    plain = count_documents(wire_corpus(), copies=none)  # no sketching at all
    assert flagged.doc_ids == plain.doc_ids and np.array_equal(flagged.counts, plain.counts)
    pd.testing.assert_frame_equal(flagged.totals.frame(framing.Matcher("arabic-conflict")),
                                  plain.totals.frame(framing.Matcher("arabic-conflict")))
    assert copies_of(flagged.copies.table()) == PLANTED


def test_score_to_folder_writes_copies_per_outlet_pair(tmp_path, copies: NearCopies) -> None:
    groups = score_to_folder(wire_corpus(), outdir=tmp_path)
    written = pd.read_csv(tmp_path / "copies.csv")
    pd.testing.assert_frame_equal(written, copies.by_outlet_pair(), check_dtype=False)
    assert set(written["outlet"]) == {"agency", "paper", "daily", "weekly"}
    assert groups.attrs["near_copies"]["copies"] == 3


def test_from_table_and_left_out_ids() -> None:
    table = pd.DataFrame({"doc_id": ["a1", "b1", "c1", "a2"], "outlet": list("abca"),
                          "duplicate_of": ["", "a1", "a1", ""], "date": ["2024-01-01"] * 4})
    near = NearCopies.from_table(table)
    assert near.left_out_ids("keep-first") == {"b1", "c1"}
    assert near.left_out_ids("drop") == {"a1", "b1", "c1"}
    assert near.left_out_ids("flag") == frozenset()
    with pytest.raises(FramingError, match=r"names 1 original\(s\) it does not list \(first: 'zz'\)"):
        NearCopies.from_table(table.assign(duplicate_of=["", "zz", "", ""]))


STORIES = pd.DataFrame({
    "doc_id": ["a1", "b1", "c1", "a2", "b2", "c2"],
    "outlet": ["a", "b", "c", "a", "b", "c"],
    "duplicate_of": ["", "a1", "a1", "", "", "b2"],
})


@pytest.mark.parametrize(("mode", "kept"), [
    ("flag", ["a1", "b1", "c1", "a2", "b2", "c2"]),
    ("keep-first", ["a1", "a2", "b2"]),
    ("drop", ["a2"]),
])
def test_dedup_mask(mode: str, kept: list[str]) -> None:
    mask = dedup_mask(STORIES, mode)  # type: ignore[arg-type]
    assert mask.index.tolist() == STORIES["doc_id"].tolist()
    assert mask[mask].index.tolist() == kept


def test_copies_by_outlet_pair() -> None:
    table = copies_by_outlet_pair(STORIES).set_index(["outlet", "other"])
    # copy sets {a1, b1, c1} and {b2, c2}: b shares with a (b1) and with c (b1, b2).
    assert table.loc[("b", "c"), "shared"] == 2 and table.loc[("b", "c"), "rate"] == 1.0
    assert table.loc[("a", "b"), "shared"] == 1 and table.loc[("a", "b"), "rate"] == 0.5
    assert ("a", "a") not in table.index
    assert table["shared"].sum() == 8


@pytest.mark.parametrize(("call", "message"), [
    (lambda: dedup_mask(STORIES, "all"), r"'mode' parameter must be one of 'flag', 'drop', 'keep-first'"),
    (lambda: dedup_mask(STORIES[["doc_id"]]), r"stories table lacks column\(s\) 'duplicate_of'"),
    (lambda: framing.score(["نص"], dedup="all"), r"'dedup' parameter must be one of 'flag', 'drop'"),
    (lambda: find_copies(wire_corpus(), copy_threshold=0), r"'copy_threshold' parameter must be in \(0, 1\]"),
    (lambda: find_copies(wire_corpus(), window_days=-1), r"'window_days' parameter must be an integer >= 0"),
    (lambda: find_copies(wire_corpus(), max_df=1), r"'max_df' parameter must be an integer >= 2"),
])
def test_errors(call, message: str) -> None:
    with pytest.raises(FramingError, match=message):
        call()
