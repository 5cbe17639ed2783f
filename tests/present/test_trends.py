"""Trends: label shares by group × period, with intervals."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from framing.errors import FramingError
from framing.lexicon import load_lexicon
from framing.present.trends import label_trends, period_of

LEX = load_lexicon("arabic-conflict")
COLUMNS = [f"{lab.concept}:{lab.id}" for lab in LEX.labels]


@pytest.mark.parametrize(("date", "time", "period"), [
    ("2015-07-23 02:51:32", "week", "2015-07-20"),      # a Thursday: the week of Monday 20th
    ("2015-07-20", "week", "2015-07-20"),
    ("2024-01-01", "week", "2024-01-01"),
    ("2023-12-31", "week", "2023-12-25"),
    ("2015-07-23", "month", "2015-07"),
    ("2015/7/3", "month", "2015-07"),
    ("2015-07", "month", "2015-07"),
    ("2015-07", "week", None),                          # no day: no week
    ("2015", "year", "2015"),
    ("2015", "month", None),
    ("2015-13-01", "month", None),
    ("2015-02-30", "week", None),
    ("", "month", None),
    (None, "year", None),
    ("yesterday", "month", None),
])
def test_period_of(date: str | None, time: str, period: str | None) -> None:
    assert period_of(date, time) == period  # type: ignore[arg-type]


def _documents(rows: list[tuple[str, str, dict[str, int]]]) -> pd.DataFrame:
    frame = pd.DataFrame([{"group": g, "date": d, **{c: counts.get(c, 0) for c in COLUMNS}}
                          for g, d, counts in rows])
    return frame


def test_shares_and_intervals_per_group_and_month() -> None:
    rows = []
    for k in range(12):   # group a, January: 12 documents, 2 occupation + 1 neutral_name each
        rows.append(("a", f"2024-01-{k + 1:02d}", {"israel:occupation": 2, "israel:neutral_name": 1}))
    for k in range(3):    # group a, February: 3 documents of one neutral_name each (too few)
        rows.append(("a", f"2024-02-{k + 1:02d}", {"israel:neutral_name": 1}))
    rows.append(("b", "2024-01-05", {"israel:occupation": 4}))
    rows.append(("b", "undated-row", {"israel:occupation": 4}))
    table = label_trends(_documents(rows), LEX, n_boot=300, seed=1, min_hits=10)
    assert table.attrs["undated"] == 1
    assert set(table["concept"]) == {"israel"}          # only concepts with a hit
    jan = table.query("group == 'a' and period == '2024-01'").set_index("label")
    assert jan.loc["occupation", "share"] == pytest.approx(2 / 3)
    assert jan.loc["occupation", "hits"] == 24 and jan.loc["occupation", "concept_hits"] == 36
    assert jan.loc["occupation", "docs"] == 12 and not jan.loc["occupation", "too_few_hits"]
    # every document has the same profile: the bootstrap interval collapses on the share
    assert jan.loc["occupation", "ci_low"] == pytest.approx(2 / 3)
    assert jan.loc["occupation", "ci_high"] == pytest.approx(2 / 3)
    feb = table.query("group == 'a' and period == '2024-02'").set_index("label")
    assert feb.loc["neutral_name", "share"] == 1.0 and feb.loc["neutral_name", "too_few_hits"]
    assert np.isnan(feb.loc["neutral_name", "ci_low"])
    b = table.query("group == 'b'")
    assert set(b["period"]) == {"2024-01"} and b["too_few_hits"].all()   # one document: no interval


def test_intervals_cover_the_share_and_vary_with_mixed_documents() -> None:
    rows = [("a", f"2024-03-{k % 28 + 1:02d}",
             {"israel:occupation": k % 3, "israel:neutral_name": 1 + k % 2}) for k in range(40)]
    table = label_trends(_documents(rows), LEX, n_boot=500, seed=0, min_hits=5)
    row = table.query("label == 'occupation'").iloc[0]
    assert row.ci_low < row.share < row.ci_high
    again = label_trends(_documents(rows), LEX, n_boot=500, seed=0, min_hits=5)
    pd.testing.assert_frame_equal(table, again)          # seeded


def test_unknown_time_unit() -> None:
    with pytest.raises(FramingError, match="The 'time' parameter must be one of 'week', 'month', 'year'"):
        label_trends(_documents([("a", "2024-01-01", {})]), LEX, time="day")  # type: ignore[arg-type]
