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
