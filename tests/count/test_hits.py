"""framing.find_hits: one row per hit, offsets into the original text, context, labels, voice."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from framing.count.hits import DEFAULT_WINDOW, HIT_COLUMNS, HitsSetup, context, find_hits, hit_rows, iter_hits
from framing.io import Document
from framing.match import Matcher
from tests.conftest import DOCS, MINI


@pytest.fixture(scope="module")
def hits() -> pd.DataFrame:
    docs = [Document(doc_id, outlet, text, date) for doc_id, outlet, date, text in DOCS]
    return find_hits(docs, str(MINI))


def test_columns_and_offsets(hits: pd.DataFrame) -> None:
    assert list(hits.columns) == HIT_COLUMNS
    texts = {doc_id: text for doc_id, _, _, text in DOCS}
    for row in hits.itertuples(index=False):
        assert texts[row.doc_id][row.start:row.end] == row.match


@pytest.mark.parametrize(("doc_id", "match", "concept", "label", "pole"), [
    ("a-1", "قوات الاحتلال الأميركي", "foreign_troops", "occupation", -1),
    ("a-1", "للمقاومة", "armed_groups", "resistance", 1),
    ("b-1", "القوات الأميركية", "foreign_troops", "neutral", 0),
    ("c-1", "قوات التحالف الدولي", "foreign_troops", "coalition", 1),
])
def test_labels_of_known_hits(hits: pd.DataFrame, doc_id: str, match: str, concept: str, label: str,
                              pole: int) -> None:
    row = hits[(hits["doc_id"] == doc_id) & (hits["match"] == match)]
    assert len(row) == 1
    assert (row["concept"].iloc[0], row["label"].iloc[0], row["pole"].iloc[0]) == (concept, label, pole)


def test_longest_term_wins_and_hits_do_not_overlap(hits: pd.DataFrame) -> None:
    # «قوات الاحتلال الأميركي» is one hit, not also «قوات الاحتلال» and «الاحتلال»
    a1 = hits[hits["doc_id"] == "a-1"].sort_values("start")
    assert (a1["start"].to_numpy()[1:] >= a1["end"].to_numpy()[:-1]).all()
    assert "قوات الاحتلال" not in set(a1["match"])


@pytest.mark.parametrize(("text", "start", "end", "window", "expected"), [
    ("أ ب ج د هـ", 4, 5, 2, ("ب", "د")),
    ("  كلمة  ", 2, 6, 10, ("", "")),
    ("قبل\n\nالمقاومة   بعد", 5, 13, 20, ("قبل", "بعد")),
])
def test_context_collapses_white_space(text: str, start: int, end: int, window: int,
                                       expected: tuple[str, str]) -> None:
    assert context(text, start, end, window) == expected


def test_window_is_the_shared_default_and_bounds_the_context(hits: pd.DataFrame) -> None:
    assert DEFAULT_WINDOW == 60
    text = "كلمة " * 40 + "المقاومة" + " كلمة" * 40
    short = find_hits([Document("long", "alpha", text)], str(MINI), window=12)
    assert len(short) == 1 and len(short["left"].iloc[0]) <= 12 and len(short["right"].iloc[0]) <= 12


def test_voice_filter_keeps_only_that_voice() -> None:
    text = "قال المتحدث إن «قوات الاحتلال الأميركي تنسحب». وقصفت قوات الاحتلال الأميركي المواقع."
    every = find_hits([text], str(MINI))
    own = find_hits([text], str(MINI), voice="own")
    assert set(every["voice"]) == {"quoted", "own"}
    assert set(own["voice"]) == {"own"} and len(own) == (every["voice"] == "own").sum()


def test_stage_equals_the_stream() -> None:
    docs = [Document(doc_id, outlet, text) for doc_id, outlet, _, text in DOCS]
    matcher = Matcher(str(MINI))
    assert [dict(zip(HIT_COLUMNS, row, strict=True)) for row in hit_rows(docs, HitsSetup(matcher, 30, "all"))
            ] == list(iter_hits(docs, matcher, window=30))


def test_no_hit_gives_an_empty_table_with_the_columns() -> None:
    table = find_hits(["نص بلا أي مصطلح من المعجم"], str(MINI))
    assert table.empty and list(table.columns) == HIT_COLUMNS


@given(st.text(st.sampled_from(["ق", "و", "ا", "ت", " ", "\n", "\t", "\u00a0", "\u2003", "\u200f",
                                 "\r", "\u2028", "\x1c", "\x85", "«", "."]), max_size=40),
       st.integers(0, 45), st.integers(0, 20))
def test_context_collapses_whitespace_as_split_and_join_do(text: str, start: int, window: int) -> None:
    start = min(start, len(text))
    end = min(len(text), start + 2)
    assert context(text, start, end, window) == (
        " ".join(text[max(0, start - window):start].split()), " ".join(text[end:end + window].split()))
