"""--dedup, compare --matched, discover --control/--kinds and train --control, end to end through the
CLI on constructed corpora written to files (tests/analysis/stories_corpus.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from framing.cli import main
from framing.io import Document
from tests.analysis.stories_corpus import PLANTED, framing_corpus, wire_corpus


def write_jsonl(docs: list[Document], path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps({"id": d.doc_id, "outlet": d.outlet, "date": d.date, "text": d.text},
                                ensure_ascii=False) + "\n")
    return path


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture()
def wire(tmp_path: Path) -> Path:
    return write_jsonl(wire_corpus(), tmp_path / "wire.jsonl")


@pytest.fixture()
def framed(tmp_path: Path) -> tuple[Path, Path]:
    docs, stories = framing_corpus()
    stories.to_csv(tmp_path / "stories.csv", index=False)
    return write_jsonl(docs, tmp_path / "framed.jsonl"), tmp_path / "stories.csv"


@pytest.mark.parametrize(("mode", "kept", "note"), [
    ("flag", 10, "near-copies: 3 of 10 documents nearly copy an earlier one (--dedup flag: all counted)"),
    ("keep-first", 7, "(--dedup keep-first: 3 left out, their 1 originals kept)"),
    ("drop", 6, "(--dedup drop: 4 left out, the copies and the 1 originals they copy)"),
])
def test_score_dedup(tmp_path: Path, wire: Path, mode: str, kept: int, note: str) -> None:
    out = run("score", str(wire), "--voice", "all", "--dedup", mode, "-o", str(tmp_path / mode))
    assert note in out and f"copies per pair of outlets in {tmp_path / mode / 'copies.csv'}" in out
    documents = pd.read_csv(tmp_path / mode / "documents.csv")
    assert len(documents) == kept
    if mode != "flag":
        assert not set(PLANTED) & set(documents["doc_id"])
    pairs = pd.read_csv(tmp_path / mode / "copies.csv")
    assert set(pairs["outlet"]) == {"agency", "paper", "daily", "weekly"}


def test_score_dedup_off_writes_no_copies(tmp_path: Path, wire: Path) -> None:
    out = run("score", str(wire), "--voice", "all", "--dedup", "off", "-o", str(tmp_path / "off"))
    assert "near-copies: not looked for (--dedup off)" in out
    assert f"wrote {tmp_path / 'off' / 'documents.csv'} and {tmp_path / 'off' / 'groups.csv'}" in out
    assert sorted(p.name for p in (tmp_path / "off").iterdir()) == ["documents.csv", "groups.csv"]
    run("score", str(wire), "--voice", "all", "-o", str(tmp_path / "flag"))
    for name in ("documents.csv", "groups.csv"):
        assert (tmp_path / "off" / name).read_text() == (tmp_path / "flag" / name).read_text()


def test_compare_matched_with_a_stories_file(tmp_path: Path, framed: tuple[Path, Path]) -> None:
    corpus, stories = framed
    out = run("compare", str(corpus), "--matched", "--stories", str(stories), "--voice", "all",
              "--n-boot", "200", "--n-perm", "200", "--min-hits", "1", "--min-stories", "3",
              "-o", str(tmp_path / "cmp"))
    assert "matched stance differences, within the stories both groups covered" in out
    assert "armed_groups" in out.split("matched stance differences")[1]
    matched = pd.read_csv(tmp_path / "cmp" / "matched.csv")
    row = matched[matched["concept"] == "armed_groups"].iloc[0]
    assert row["difference"] == pytest.approx(2.0) and row["stories"] == 12
    assert sorted(p.name for p in (tmp_path / "cmp").iterdir()) == [
        "copies.csv", "matched.csv", "pairwise.csv", "rates.csv", "shares.csv", "stance.csv"]


def test_discover_control_kinds_and_copies(tmp_path: Path, framed: tuple[Path, Path]) -> None:
    corpus, stories = framed
    out = run("discover", str(corpus), "--control", "stories", "--stories", str(stories), "--kinds", "all",
              "--max-n", "1", "--min-count", "3", "-o", str(tmp_path / "terms.csv"))
    assert "--control stories: 24 documents in 12 stories covered by two or more groups" in out
    terms = pd.read_csv(tmp_path / "terms.csv")
    assert list(terms.columns)[:3] == ["group", "term", "kind"]
    top = terms.sort_values("z", ascending=False).groupby("group").head(1)
    assert set(zip(top["group"], top["term"], strict=True)) == {("alpha", "المقاومة"), ("beta", "الميليشيات")}
    assert (tmp_path / "terms_copies.csv").exists()
    plain = run("discover", str(corpus), "--max-n", "1", "--min-count", "3")
    assert "set aside" in plain


def test_train_control_style_and_stories(tmp_path: Path, framed: tuple[Path, Path]) -> None:
    corpus, stories = framed
    out = run("train", str(corpus), "--target", "outlet", "--cv", "3", "--features", "ngrams",
              "--control", "style", "--control", "stories", "--stories", str(stories), "-o",
              str(tmp_path / "model"))
    assert "--control stories style: loadedness set aside" in out
    metrics = json.loads((tmp_path / "model" / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["control"] == ["stories", "style"] and metrics["split"] == "StratifiedGroupKFold"
    loaded = pd.read_csv(tmp_path / "model" / "loadedness.csv")
    assert {"term_kind", "z_stories"} <= set(loaded.columns)
    # Within the stories, only the label each outlet chose sets it apart.
    for cls, stem in (("alpha", "مقاومه"), ("beta", "ميليشيات")):
        top = loaded[loaded["class"] == cls].head(3)["term"]
        assert top.str.contains(stem).all() and (loaded[loaded["class"] == cls]["z_stories"] > 0).any()


def test_train_control_stories_refuses_a_group_column(tmp_path: Path, framed: tuple[Path, Path]) -> None:
    corpus, _ = framed
    result = CliRunner().invoke(main, ["train", str(corpus), "--target", "outlet", "--control", "stories",
                                       "--group-col", "outlet", "-o", str(tmp_path / "m")])
    assert result.exit_code == 1
    assert "give either a group column (--group-col) or --control stories, not both" in result.output
