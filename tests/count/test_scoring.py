from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.count.hits import find_hits
from framing.count.scoring import GROUP_COLUMNS, score
from tests.conftest import DOCS, MINI


def corpus() -> pd.DataFrame:
    return pd.DataFrame(DOCS, columns=["id", "outlet", "date", "text"])


def test_hits_offsets_and_columns() -> None:
    df = corpus()
    hits = find_hits(df, str(MINI))
    assert list(hits.columns)[:10] == ["doc_id", "outlet", "start", "end", "match", "concept",
                                       "label", "pole", "frame", "term"]
    texts = dict(zip(df["id"], df["text"], strict=True))
    for row in hits.itertuples():
        assert texts[row.doc_id][row.start:row.end] == row.match
    alpha = hits[hits.outlet == "alpha"]
    assert alpha[["match", "label"]].values.tolist() == [
        ["قوات الاحتلال الأميركي", "occupation"], ["للمقاومة", "resistance"],
        ["شهداء", "martyrs"], ["وزعم", "alleged"], ["الكيان", "occupation"],
        ["المقاومة", "resistance"], ["شهيد", "martyrs"]]


def test_score_tables() -> None:
    # voice="all": every hit, whoever's words (the default "own" is tested in test_voice.py)
    documents, groups = score(corpus(), str(MINI), voice="all")
    assert list(groups.columns) == GROUP_COLUMNS
    assert list(documents.columns[:3]) == ["doc_id", "outlet", "n_tokens"]
    assert documents["the_dead:martyrs"].tolist() == [1, 1, 0, 0, 0]
    row = groups[(groups.group == "beta") & (groups.label == "killed")].iloc[0]
    assert (row.hits, row.docs_with_hit, row.n_docs) == (1, 1, 2)
    tokens_beta = int(documents.loc[documents.outlet == "beta", "n_tokens"].sum())
    assert row.n_tokens == tokens_beta
    assert math.isclose(row.rate_per_1k_tokens, 1000 / tokens_beta)
    # shares within a concept sum to one where the concept occurs, are NaN where it does not
    for _, rows in groups.groupby(["group", "concept"]):
        total = rows["hits"].sum()
        if total:
            assert math.isclose(rows["share_within_concept"].sum(), 1.0)
        else:
            assert rows["share_within_concept"].isna().all()
    # every group has every label, zeros included
    assert len(groups) == 3 * sum(1 for _ in documents.columns[3:])


def test_score_by_month_and_groups() -> None:
    _, groups = score(corpus(), str(MINI), by="month")
    assert set(groups["group"]) == {"2024-03"}
    _, fam = score(corpus(), str(MINI), groups={"alpha": "A", "beta": "B", "gamma": "B"})
    assert set(fam["group"]) == {"A", "B"}
    assert fam[fam.group == "B"]["n_docs"].iloc[0] == 3


@settings(max_examples=20, deadline=None)
@given(st.permutations(range(len(DOCS))))
def test_row_order_does_not_change_group_counts(order: list[int]) -> None:
    base = score(corpus(), str(MINI)).groups
    shuffled = score(corpus().iloc[list(order)].reset_index(drop=True), str(MINI)).groups
    pd.testing.assert_frame_equal(base, shuffled)
    assert np.array_equal(base["hits"], shuffled["hits"])
