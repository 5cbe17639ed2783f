from __future__ import annotations

import json
import re
from pathlib import Path

import click
import pandas as pd
import pytest
from click.testing import CliRunner

from framing.cli import main
from tests.conftest import DOCS, MINI

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> click.testing.Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_hits_on_txt_folder_offsets_check_against_files(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    for doc_id, outlet, _, text in DOCS:
        (folder / outlet).mkdir(parents=True, exist_ok=True)
        (folder / outlet / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "hits.csv"
    result = run("hits", str(folder), "--lexicon", str(MINI), "-o", str(out))
    assert result.exit_code == 0, result.output
    hits = pd.read_csv(out)
    assert len(hits) > 5
    for row in hits.itertuples():
        text = (folder / row.doc_id).read_text(encoding="utf-8")
        assert text[row.start:row.end] == row.match


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet", ".tsv"])
def test_hits_output_formats(jsonl_corpus: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"hits{suffix}"
    assert run("hits", str(jsonl_corpus), "-l", str(MINI), "-o", str(out)).exit_code == 0
    if suffix == ".jsonl":
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    elif suffix == ".parquet":
        rows = pd.read_parquet(out).to_dict("records")
    else:
        rows = pd.read_csv(out, sep="\t").to_dict("records")
    assert rows[0]["match"] == "قوات الاحتلال الأميركي" and rows[0]["label"] == "occupation"


def test_hits_to_stdout_is_clean_csv(jsonl_corpus: Path) -> None:
    result = CliRunner().invoke(main, ["hits", str(jsonl_corpus), "-l", str(MINI)])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("doc_id,outlet,start,end,match,concept")
    assert "hits" in result.stderr


def test_score_writes_both_tables(jsonl_corpus: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["score", str(jsonl_corpus), "-l", str(MINI),
                                       "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    documents = pd.read_csv(tmp_path / "out" / "documents.csv")
    groups = pd.read_csv(tmp_path / "out" / "groups.csv")
    assert list(documents.columns[:3]) == ["doc_id", "outlet", "n_tokens"]
    assert len(documents) == len(DOCS)
    assert set(groups["group"]) == {"alpha", "beta", "gamma"}
    assert "share of each concept's hits" in result.stdout
    assert "5 documents read" in result.stderr


def test_score_sample_runs() -> None:
    result = CliRunner().invoke(main, ["score", "--sample"])
    assert result.exit_code == 0, result.output
    assert re.search(r"^thura\s+30\s", result.stdout, re.M)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["score"], "no input: give one or more files or folders, or --sample"),
        (["score", "--sample", "x.csv"], "give either PATH... or --sample, not both"),
        (["hits", "missing.jsonl"], "missing.jsonl: no such file or folder"),
        (["hits", "--sample", "-o", "out.xlsx"], "cannot tell the output format of 'out.xlsx'"),
        (["hits", "--sample", "-l", "nope"], "no bundled lexicon or file named 'nope'"),
        (["score", "--sample", "--by", "colour"], "no column 'colour' to group by"),
    ],
)
def test_errors_are_one_line(args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_lexicon_commands(tmp_path: Path) -> None:
    assert "arabic-conflict" in run("lexicon", "list").output
    assert "foreign_troops" in run("lexicon", "show", str(MINI)).output
    assert run("lexicon", "validate", str(MINI)).output.startswith(f"{MINI}: OK")
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nconcepts:\n  c:\n    axis: {negative: a, positive: b}\n"
                   "    labels:\n      l: {pole: 3, terms: [y]}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["lexicon", "validate", str(bad)])
    assert result.exit_code == 1 and f"{bad}:6: label c/l: pole must be -1, 0 or 1" in result.stderr


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    out = []
    for name, cmd in group.commands.items():
        out.append((prefix + name, cmd))
        if isinstance(cmd, click.Group):
            out.extend(_commands(cmd, prefix + name + " "))
    return out


@pytest.mark.parametrize(("name", "command"), _commands(main))
def test_every_command_has_help(name: str, command: click.Command) -> None:
    # That each command is taught in the documentation is checked in tests/docs/.
    assert command.help and command.help.strip()
    result = run(*name.split(), "--help")
    assert result.exit_code == 0
