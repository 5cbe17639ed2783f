"""``framing lexicon ...`` on real files: validate, show, suggest → merge → validate, diff."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pandas as pd
import pytest
from click.testing import CliRunner

from framing.cli import main
from tests.conftest import MINI


def run(*args: str) -> click.testing.Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize(
    ("body", "name", "message"),
    [
        ("term,concept,label,pole\n*,c,l,0\n", "x.csv", "is a bare wildcard"),
        ("term,concept,label,pole\n،،,c,l,0\n", "x.csv", "has no letters"),
        ("term,concept,label,pole\nالمقاومة,c,l,inf\n", "x.csv", "pole must be -1, 0 or 1; got 'inf'"),
        ("name: &n [*n]\n", "x.yaml", "YAML aliases (*name) are not supported"),
        ("%\nviolence 1\n%\nعدوان violence\n", "x.dic", "has the name before the id"),
    ],
)
def test_validate_gives_one_line(tmp_path: Path, body: str, name: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    result = run("lexicon", "validate", str(path))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and str(path) in lines[0]
    assert "Traceback" not in result.output


def test_validate_reports_rules_and_the_content_hash(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("term,concept,label,pole,rule\nالتحالف,c,l,1,not_followed_by: الوطني\n",
                    encoding="utf-8")
    result = run("lexicon", "validate", str(path))
    assert result.exit_code == 0
    assert "1 term, 0 extra forms, 1 context rule; content hash sha256:" in result.output


def test_liwc_note_is_one_line_without_source(tmp_path: Path) -> None:
    path = tmp_path / "x.dic"
    path.write_text("%\n1\tviolence\n2\tvictims\n%\nعدوان\t1 2\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["lexicon", "validate", str(path)])
    assert result.exit_code == 0
    assert result.stderr.strip() == (f"note: {path}: 1 word(s) belong to several LIWC categories; "
                                     "each counts for the category listed first only (framing "
                                     "labels are mutually exclusive).")


def test_show_terms_prints_rules_and_the_bundled_rules_are_listed() -> None:
    result = CliRunner().invoke(main, ["lexicon", "show", "arabic-conflict", "--terms"])
    table = pd.read_csv(pd.io.common.StringIO(result.stdout), keep_default_na=False)
    assert table.columns[-1] == "rule"
    ruled = dict(zip(table["term"], table["rule"], strict=True))
    assert ruled["التحالف"].startswith("near: غارات")
    summary = run("lexicon", "show", "arabic-conflict").output
    assert "with context rules)" in summary and "content hash: sha256:" in summary


def test_suggest_merge_validate_diff(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    sentences = ["ودع الأهالي {w} في موكب مهيب وسط هتافات التكبير",
                 "شيع آلاف المواطنين {w} إلى مثواه الأخير في مقبرة البلدة",
                 "ارتفع سعر النفط في الأسواق العالمية مع تراجع المخزون"]
    with open(corpus, "w", encoding="utf-8") as fh:
        for i in range(40):
            word = "الشهداء" if i % 2 else "الراحلين"
            text = " ".join(s.format(w=word) for s in sentences)
            fh.write(json.dumps({"id": str(i), "outlet": "ab"[i % 2], "text": text},
                                ensure_ascii=False) + "\n")
    out = tmp_path / "candidates.csv"
    result = run("lexicon", "suggest", str(corpus), "--lexicon", str(MINI), "--concept", "the_dead",
                 "--label", "martyrs", "--top", "5", "--min-count", "3", "--dimensions", "6",
                 "--skip-top", "0", "-o", str(out))
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out, keep_default_na=False)
    assert table.loc[0, "term"] == "راحلين" and table["decision"].eq("").all()
    table.loc[0, "decision"] = "accept:martyrs"
    table.to_csv(out, index=False)
    merged = tmp_path / "mini2.yaml"
    result = run("lexicon", "merge", str(MINI), str(out), "-o", str(merged))
    assert result.exit_code == 0, result.output
    assert "1 terms added" in result.output and "mini 0.1.0 written to" in result.output
    assert run("lexicon", "validate", str(merged)).exit_code == 0
    diff = run("lexicon", "diff", str(MINI), str(merged)).output.splitlines()
    assert diff[:2] == ["~ version: 0.0.1 -> 0.1.0", "+ term added the_dead/martyrs راحلين"]


def test_merge_refuses_a_bad_decision(tmp_path: Path) -> None:
    out = tmp_path / "c.csv"
    pd.DataFrame({"term": ["راحلين"], "concept": ["the_dead"], "decision": ["keep"]}).to_csv(
        out, index=False)
    result = run("lexicon", "merge", str(MINI), str(out), "-o", str(tmp_path / "x.yaml"))
    assert result.exit_code == 1 and "c.csv:2: decision 'keep'" in result.output
    assert not (tmp_path / "x.yaml").exists()
