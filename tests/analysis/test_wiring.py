"""compare --matched, discover --control stories and kinds, --dedup in compare and discover: constructed
corpora (tests/analysis/stories_corpus.py), every sentence written for these tests."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import framing
from framing.analysis.matched import MATCHED_COLUMNS
from framing.errors import FramingError
from framing.io import Document
from tests.analysis.stories_corpus import (
    EVENTS,
    PLANTED,
    PLANTED_WORDS,
    agenda_corpus,
    framing_corpus,
    mix_corpus,
    wire_corpus,
)

FAST = {"n_boot": 300, "n_perm": 400, "min_hits": 1, "min_stories": 3}


def armed_groups(table: pd.DataFrame) -> pd.Series:
    return table[table["concept"] == "armed_groups"].iloc[0]


def test_matched_finds_the_planted_framing() -> None:
    docs, stories = framing_corpus()
    result = framing.compare(docs, matched=True, stories=stories, voice="all", **FAST)
    assert list(result.matched.columns) == MATCHED_COLUMNS
    row = armed_groups(result.matched)
    assert (row["group_a"], row["group_b"], row["stories"]) == ("alpha", "beta", 12)
    assert row["difference"] == pytest.approx(2.0)  # +1 (المقاومة) against -1 (الميليشيات) in every story
    assert row["ci_low"] == pytest.approx(2.0) and row["p_value"] < 0.01 and not row["too_few_stories"]
    assert armed_groups(result.pairwise)["difference"] == pytest.approx(2.0)


def test_matched_does_not_take_agenda_for_framing() -> None:
    docs, stories = agenda_corpus()
    result = framing.compare(docs, matched=True, stories=stories, voice="all", **FAST)
    plain, matched = armed_groups(result.pairwise), armed_groups(result.matched)
    assert plain["difference"] > 0.8 and plain["p_value"] < 0.01  # alpha covers المقاومة stories more
    assert matched["stories"] == 12
    assert matched["difference"] == pytest.approx(0.0, abs=1e-12) and matched["p_value"] > 0.5


def test_matched_with_stories_found_here_and_jobs() -> None:
    one = framing.compare(wire_corpus(), matched=True, voice="all", **FAST)
    two = framing.compare(wire_corpus(), matched=True, voice="all", jobs=2, **FAST)
    pd.testing.assert_frame_equal(one.matched, two.matched)
    assert {"copies", "matched"} <= set(one.tables)


@pytest.mark.parametrize(("mode", "left_out"), [("flag", 0), ("keep-first", 3), ("drop", 4)])
def test_compare_dedup(mode: str, left_out: int) -> None:
    result = framing.compare(wire_corpus(), dedup=mode, voice="all", **FAST)  # type: ignore[arg-type]
    assert result.copies.left_out == left_out
    assert int(result.stance.groupby("group")["docs"].first().sum()) == 10 - left_out


def test_dedup_off_counts_every_document_and_looks_for_no_copies() -> None:
    flag = framing.compare(wire_corpus(), voice="all", **FAST)
    off = framing.compare(wire_corpus(), dedup="off", voice="all", **FAST)
    assert off.copies is None and "copies" not in off.tables and "copies" in flag.tables
    pd.testing.assert_frame_equal(off.stance, flag.stance)
    scored = framing.score(wire_corpus(), dedup="off", voice="all")
    assert scored.copies is None
    pd.testing.assert_frame_equal(scored.documents, framing.score(wire_corpus(), voice="all").documents)
    table = framing.discover(wire_corpus(), lexicon=None, top=5, dedup="off")
    assert table.attrs["near_copies"] is None
    flagged = framing.discover(wire_corpus(), lexicon=None, top=5)
    assert table[["group", "term", "z"]].equals(flagged[["group", "term", "z"]])


def test_compare_dedup_from_a_stories_table() -> None:
    docs, stories = framing_corpus()
    stories.loc[stories["doc_id"] == "beta-3", "duplicate_of"] = "alpha-3"
    result = framing.compare(docs, stories=stories, dedup="keep-first", voice="all", **FAST)
    assert result.copies.left_out == 1 and result.matched is None


# ----------------------------------------------------------------------------
# discover --control stories, kinds
# ----------------------------------------------------------------------------


def test_different_event_mixes_same_words_nothing_distinctive() -> None:
    docs, stories = mix_corpus(planted=False)
    plain = framing.discover(docs, max_n=1, lexicon=None, top=10)
    assert plain["z"].min() > 1  # each outlet's agenda looks distinctive
    controlled = framing.discover(docs, max_n=1, lexicon=None, top=10, control="stories", stories=stories)
    assert np.abs(controlled["z"].to_numpy(dtype=float)).max() < 1e-6
    assert controlled.attrs["stories"] == {"documents": 36, "stories": 6, "unlisted": 0}


def test_same_events_planted_words_found_exactly() -> None:
    docs, stories = mix_corpus(planted=True)
    table = framing.discover(docs, max_n=1, lexicon=None, top=20, control="stories", stories=stories,
                             min_count=3)
    for outlet, words in PLANTED_WORDS.items():
        rows = table[(table["group"] == outlet) & (table["z"] > 1.96)]
        assert {framing.normalize(t).removeprefix("و") for t in rows["term"]} == \
            {framing.normalize(w) for w in words}, (outlet, rows)
        assert (rows["count_rest"] == 0).all() and (rows["kind"] == "content").all()
    others = table[table["z"] <= 1.96]
    assert np.abs(others["z"].to_numpy(dtype=float)).max() < 1e-6


def test_controlled_jobs_and_stories_found_here() -> None:
    docs, stories = mix_corpus(planted=True)
    one = framing.discover(docs, max_n=2, lexicon=None, top=5, control="stories", stories=stories)
    two = framing.discover(docs, max_n=2, lexicon=None, top=5, control="stories", stories=stories, jobs=2)
    pd.testing.assert_frame_equal(one, two)


BYLINE = "الرياض - صحيفة النهار:"


def styled_corpus() -> list[Document]:
    """Two outlets of long articles: «nahar» signs every one, and writes مسئول where «sabah» writes مسؤول."""
    docs = []
    for i, name in enumerate(list(EVENTS) * 2):
        first, rest = EVENTS[name].split(". ", 1)
        body = f"{first}. وقال مسئول في الوزارة إن العمل مستمر رقم {i}. {rest}"
        docs.append(Document(f"n{i}", "nahar", f"{BYLINE} {body} {BYLINE}", "2024-05-01"))
        docs.append(Document(f"s{i}", "sabah", body.replace("مسئول", "مسؤول"), "2024-05-01"))
    return docs


def test_kinds_self_and_spelling_set_aside() -> None:
    every = framing.discover(styled_corpus(), max_n=2, lexicon=None, top=10, kinds="all", min_count=3)
    kinds = dict(zip(zip(every["group"], every["term"], strict=True), every["kind"], strict=True))
    assert kinds[("nahar", "النهار")] == "self" and kinds[("nahar", "مسئول")] == "spelling"
    assert kinds[("sabah", "مسؤول")] == "spelling"
    shown = framing.discover(styled_corpus(), max_n=2, lexicon=None, top=10, min_count=3)
    assert set(shown["kind"]) <= {"content"}
    assert shown.attrs["set_aside"]["self"] >= 1 and shown.attrs["set_aside"]["spelling"] >= 1
    # The rows shown are the top content rows of the whole ranking.
    full = framing.discover(styled_corpus(), max_n=2, lexicon=None, top=None, kinds="all", min_count=3)
    rest = full[full["kind"] == "content"].groupby("group").head(10)
    assert rest[["group", "term"]].values.tolist() == shown[["group", "term"]].values.tolist()


@pytest.mark.parametrize(("mode", "left_out"), [("flag", 0), ("keep-first", 3), ("drop", 4)])
def test_discover_dedup(mode: str, left_out: int) -> None:
    table = framing.discover(wire_corpus(), lexicon=None, top=5, dedup=mode)  # type: ignore[arg-type]
    near = table.attrs["near_copies"]
    assert (near["copies"], near["left_out"]) == (len(PLANTED), left_out)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"control": "outlets"}, r"'control' parameter must be one of 'none', 'stories'"),
    ({"kinds": "self"}, r"'kinds' parameter must be one of 'content', 'all'"),
    ({"dedup": "first"}, r"'dedup' parameter must be one of 'flag', 'drop', 'keep-first'"),
])
def test_discover_errors(kwargs: dict, message: str) -> None:
    with pytest.raises(FramingError, match=message):
        framing.discover(wire_corpus(), **kwargs)
