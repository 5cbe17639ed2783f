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
from framing.analysis.copies import copies_by_outlet_pair, dedup_mask, near_copies, shingle_sets
from framing.analysis.dates import NO_DAY, parse_day
from framing.analysis.similarity import average_linkage
from framing.cli import main
from framing.errors import FramingError
from framing.io import Document

# A constructed dispatch and three edited copies; two other events; an unrelated article.
DISPATCH = (
    "أعلنت وزارة الزراعة اليوم إطلاق برنامج وطني لزراعة مليون شجرة نخيل في المناطق الشرقية والجنوبية. "
    "وقال وكيل الوزارة إن البرنامج يستمر ثلاث سنوات ويشارك فيه المزارعون والجمعيات التعاونية. "
    "وأضاف أن الوزارة خصصت مراكز لتوزيع الفسائل مجانا على أصحاب المزارع الصغيرة. "
    "وأوضح أن المرحلة الأولى تبدأ الشهر المقبل في واحات الأحساء والقطيف ونجران."
)
SENTENCES = DISPATCH.split(". ")
COPY_DROPPED = ". ".join(SENTENCES[:2] + SENTENCES[3:])  # a sentence dropped
COPY_EDITED = (DISPATCH.replace("مليون شجرة", "مليون نخلة").replace("ثلاث سنوات", "ثلاثة أعوام")
               .replace("مجانا", "دون مقابل"))  # a few words changed
COPY_HEADLINE = "برنامج النخيل ينطلق من الأحساء\n\n" + DISPATCH  # another headline
# The same event written apart: same names, other sentences.
REWRITE = (
    "مليون نخلة في ثلاث سنوات: هذا ما تعد به وزارة الزراعة في برنامجها الوطني الجديد، "
    "إذ سيحصل المزارعون وأصحاب المزارع الصغيرة في الأحساء والقطيف ونجران على الفسائل من مراكز "
    "التوزيع، بحسب ما ذكره وكيل الوزارة للصحفيين، والجمعيات التعاونية شريكة في البرنامج."
)
FLOOD = (
    "غمرت السيول أحياء واسعة من مدينة الساحل بعد أمطار غزيرة استمرت يومين، وأغلقت فرق الدفاع "
    "المدني الطرق المؤدية إلى الوادي، وأجلت مئات الأسر إلى المدارس القريبة، فيما حذرت الأرصاد "
    "من موجة جديدة من العواصف الرعدية خلال الأيام المقبلة."
)
FLOOD_2 = (
    "أجلت فرق الدفاع المدني مئات الأسر في مدينة الساحل بعد أن غمرت السيول الأحياء القريبة من "
    "الوادي إثر أمطار غزيرة، وأغلقت الطرق المؤدية إليه، وتتوقع الأرصاد عواصف رعدية جديدة."
)
MATCH = (
    "فاز نادي الجبل على نادي البحر بثلاثة أهداف مقابل هدف في المباراة النهائية لكأس الموسم، "
    "وسجل المهاجم الشاب هدفين في الشوط الثاني أمام جمهور ملأ مدرجات الملعب الكبير."
)
UNRELATED = (
    "افتتح متحف الفنون معرضا للخط العربي يضم مخطوطات نادرة من القرن الثامن عشر، ويستمر المعرض "
    "شهرين، وتنظم على هامشه ورش لتعليم الأطفال أساسيات الكتابة بالقلم."
)


def corpus() -> list[Document]:
    return [
        Document("wire-1", "agency", DISPATCH, "2024-04-30 23:00:00"),
        Document("p-1", "paper", COPY_DROPPED, "2024-05-01T20:15:00+03:00"),
        Document("d-1", "daily", COPY_EDITED, "2024-05-02"),
        Document("w-1", "weekly", COPY_HEADLINE, "2024-05-03"),
        Document("d-2", "daily", REWRITE, "2024-05-02"),
        Document("p-2", "paper", FLOOD, "2024-05-02"),
        Document("d-3", "daily", FLOOD_2, "2024-05-03"),
        Document("w-2", "weekly", MATCH, "2024-05-02"),
        Document("p-3", "paper", UNRELATED, "2024-05-01"),
    ]


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return find_stories(corpus())


def story_of(table: pd.DataFrame) -> dict[str, int]:
    return dict(zip(table["doc_id"], table["story_id"], strict=True))


def test_near_copies_found_and_unrelated_articles_kept_apart(table: pd.DataFrame) -> None:
    story = story_of(table)
    palms = {"wire-1", "p-1", "d-1", "w-1", "d-2"}
    assert {story[d] for d in palms} == {story["wire-1"]}
    assert story["p-2"] == story["d-3"] != story["wire-1"]
    for loner in ("w-2", "p-3"):
        assert sum(v == story[loner] for v in story.values()) == 1
    dup = dict(zip(table["doc_id"], table["duplicate_of"], strict=True))
    assert dup["p-1"] == dup["d-1"] == dup["w-1"] == "wire-1"
    assert dup["wire-1"] == dup["d-2"] == dup["p-2"] == dup["d-3"] == ""


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
    assert (report.documents, report.stories, report.copies, report.undated) == (9, 2, 3, 0)


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


def test_shingles_and_leader_rule() -> None:
    # Documents of 12, 12 and 12 words: 1 shares 8 of 9 shingles with 0; 2 shares 6 with 1, 3 with 0.
    codes = np.concatenate([np.arange(12), np.r_[np.arange(11), 99], np.r_[np.arange(3, 12), 99, 98, 97]])
    sets = shingle_sets(codes, np.array([12, 12, 12]), np.arange(200, dtype=np.uint64) * 7919 + 1)
    assert [len(s) for s in sets] == [9, 9, 9]
    copies = near_copies([[0, 1, 2]], dict(enumerate(sets)), copy_threshold=0.6, min_shingles=5)
    assert copies == {1: (0, round(8 / 9, 6)), 2: (0, round(6 / 9, 6))}
    strict = near_copies([[0, 1, 2]], dict(enumerate(sets)), copy_threshold=0.7, min_shingles=5)
    assert strict == {1: (0, round(8 / 9, 6))}  # 2 resembles 1 (6/9) but not the original: no chain


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


def test_dedup_mask_errors() -> None:
    with pytest.raises(FramingError, match=r"'mode' parameter must be one of 'flag', 'drop', 'keep-first'"):
        dedup_mask(STORIES, "all")  # type: ignore[arg-type]
    with pytest.raises(FramingError, match=r"stories table lacks column\(s\) 'duplicate_of'"):
        dedup_mask(STORIES[["doc_id"]])


def test_copies_by_outlet_pair() -> None:
    table = copies_by_outlet_pair(STORIES).set_index(["outlet", "other"])
    # copy set {a1, b1, c1} and {b2, c2}: b shares with a (b1) and with c (b1, b2).
    assert table.loc[("b", "c"), "shared"] == 2 and table.loc[("b", "c"), "rate"] == 1.0
    assert table.loc[("a", "b"), "shared"] == 1 and table.loc[("a", "b"), "rate"] == 0.5
    assert ("a", "a") not in table.index
    assert table["shared"].sum() == 8


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
    assert "2 stories of two or more documents" in result.output
    written = pd.read_csv(out, keep_default_na=False)
    assert written.set_index("doc_id").loc["d-1", "duplicate_of"] == "wire-1"
    assert set(pd.read_csv(pairs)["outlet"]) == {"agency", "paper", "daily", "weekly"}
    bad = CliRunner().invoke(main, ["stories", str(src), "--threshold", "0"])
    assert bad.exit_code == 2 and "0<x<=1" in bad.output
