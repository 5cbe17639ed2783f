"""framing.kwic: clitic-aware concordance, offsets, terminal layout, CLI."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import framing
from framing.cli import main
from framing.count.concordance import KWIC_COLUMNS, format_kwic, kwic
from framing.errors import LexiconError
from tests.conftest import DOCS

TEXTS = ["قصفت قوات الاحتلال مواقع للمقاومة، والاحتلال ينفي.", "لا ذكر هنا لأي شيء.",
         "وقال إن الاحتلالات السابقة انتهت، وإن قوات الاحتلال باقية."]


@pytest.mark.parametrize(
    ("terms", "matches"),
    [
        ("الاحتلال", ["الاحتلال", "والاحتلال", "الاحتلال"]),
        (["قوات الاحتلال", "الاحتلال"], ["قوات الاحتلال", "والاحتلال", "قوات الاحتلال"]),
        ("المقاومة", ["للمقاومة"]),
        ("احتلال*", ["الاحتلال", "والاحتلال", "الاحتلالات", "الاحتلال"]),
    ],
)
def test_kwic_is_clitic_aware_and_longest_first(terms, matches: list[str]) -> None:
    table = kwic(TEXTS, terms)
    assert list(table.columns) == KWIC_COLUMNS
    assert table["match"].tolist() == matches
    for row in table.itertuples():
        assert TEXTS[int(row.doc_id)][row.start:row.end] == row.match


def test_kwic_context_window() -> None:
    table = kwic(TEXTS, "للمقاومة", window=10)
    assert table.loc[0, "left"] == "لال مواقع"  # 10 characters, whitespace collapsed
    assert table.loc[0, "right"].startswith("،")


def test_kwic_function_is_exported() -> None:
    assert framing.kwic(TEXTS, "الاحتلال").shape[0] == 3


def test_kwic_no_terms() -> None:
    with pytest.raises(LexiconError, match="no terms given"):
        kwic(TEXTS, [])


def test_format_kwic_aligns_right_to_left_lines() -> None:
    lines = format_kwic(kwic(TEXTS, "الاحتلال"), window=20).splitlines()
    assert all("\u2067" in line and line.endswith("\u2069") for line in lines)
    starts = {line.index("[") for line in lines}
    assert len(starts) == 1  # the matches line up


def test_cli_kwic_file_and_terms(jsonl_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "kwic.csv"
    result = CliRunner().invoke(main, ["kwic", str(jsonl_corpus), "المقاومة", "الاحتلال", "-o", str(out)])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out)
    assert list(frame.columns) == KWIC_COLUMNS
    text = {d[0]: d[3] for d in DOCS}
    for row in frame.itertuples():
        assert text[row.doc_id][row.start:row.end] == row.match
    assert "occurrences written" in result.stderr


def test_cli_kwic_terminal_and_sample() -> None:
    result = CliRunner().invoke(main, ["kwic", "--sample", "المقاومة", "--window", "30"])
    assert result.exit_code == 0, result.output
    assert "\u2067" in result.stdout and "[المقاومة]" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["kwic", "--sample"], "no term given"),
        (["kwic", "missing.jsonl", "الاحتلال"], "missing.jsonl: no such file or folder"),
        (["kwic", "الاحتلال"], "no input: give one or more files or folders, or --sample"),
    ],
)
def test_cli_kwic_errors(args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and message in result.stderr


RULED = ["فاز التحالف الوطني بالانتخابات، وشن طيران التحالف غارات على المواقع.",
         "قال المسؤول إن النظام الانتخابي تغير.",
         "قصفت قوات الاحتلال مواقع للمقاومة."]


def test_rejected_contexts_are_those_the_rules_left_out() -> None:
    from framing.count.concordance import REJECTED_COLUMNS, rejected_contexts

    table = rejected_contexts(RULED)
    assert list(table.columns) == REJECTED_COLUMNS
    assert table[["doc_id", "match", "term"]].values.tolist() == [["0", "التحالف", "التحالف"],
                                                                  ["1", "النظام", "النظام"]]
    assert table["reason"].tolist()[0] == "followed by الوطني"
    assert all(rule for rule in table["rule"])
    for row in table.itertuples():
        assert RULED[int(row.doc_id)][row.start:row.end] == row.match
    # the admitted «التحالف» of the first text is a hit, and says which rule admitted it
    hits = framing.find_hits(RULED)
    admitted = hits[hits["term"] == "التحالف"]
    assert admitted["start"].tolist() == [RULED[0].rindex("التحالف")]
    assert admitted["rule"].iloc[0].startswith("near: ")
    assert (hits.loc[hits["term"] != "التحالف", "rule"] == "").all()
    # restricted to some ruled terms, in any spelling that normalises alike
    assert rejected_contexts(RULED, terms=["النّظام"])["term"].tolist() == ["النظام"]


def test_rejected_contexts_refuse_terms_without_rules() -> None:
    from framing.count.concordance import rejected_contexts

    with pytest.raises(LexiconError, match=r"not a term with a context rule.*those are: التحالف"):
        rejected_contexts(RULED, terms=["الاحتلال"])
    with pytest.raises(LexiconError, match="no term with a context rule"):
        rejected_contexts(RULED, lexicon="tests/data/mini.yaml")


def test_kwic_rejected_on_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    pd.DataFrame({"id": ["a", "b", "c"], "outlet": ["x", "y", "x"], "text": RULED}).to_csv(path, index=False)
    result = CliRunner().invoke(main, ["kwic", str(path), "--rejected"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 2 and "[followed by الوطني]" in lines[0]
    out = tmp_path / "rejected.csv"
    result = CliRunner().invoke(main, ["kwic", str(path), "النظام", "--rejected", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert pd.read_csv(out, dtype=str)["doc_id"].tolist() == ["b"]
    assert "1 rejected occurrence written" in result.stderr
