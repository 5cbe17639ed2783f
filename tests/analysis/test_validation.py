"""Lexicon validation: stratified samples for coders, precision with Wilson CIs, agreement."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

import framing
from framing.analysis.validation import SAMPLE_COLUMNS, VALIDATE_COLUMNS, parse_code, sample_hits, validate
from framing.cli import main
from framing.errors import FramingError
from framing.io.corpus import Document
from tests.conftest import MINI


def _corpus() -> list[Document]:
    docs = [Document(f"a-{i:02d}", "alpha", "قالت المقاومة إن الاحتلال قصف الموقع وسقط شهيد.")
            for i in range(15)]
    return docs + [Document(f"b-{i:02d}", "beta", "هاجمت الميليشيات قاعدة، وقتل جندي.") for i in range(3)]


def test_sample_is_stratified_by_label() -> None:
    sample = sample_hits(_corpus(), str(MINI), per_label=5, seed=1)
    assert list(sample.columns) == SAMPLE_COLUMNS
    counts = sample.groupby(["concept", "label"]).size().to_dict()
    assert counts == {("armed_groups", "resistance"): 5, ("israel", "occupation"): 5,
                      ("the_dead", "martyrs"): 5, ("armed_groups", "militia"): 3}
    assert sample["sample_id"].tolist() == list(range(1, 19))
    assert (sample[["code", "coder2", "note"]] == "").all().all()


def test_sample_is_seeded_and_order_free() -> None:
    docs = _corpus()
    shuffled = docs[:]
    random.Random(0).shuffle(shuffled)
    a = sample_hits(docs, str(MINI), per_label=4, seed=7)
    pd.testing.assert_frame_equal(a, sample_hits(shuffled, str(MINI), per_label=4, seed=7))
    assert not a["doc_id"].equals(sample_hits(docs, str(MINI), per_label=4, seed=8)["doc_id"])


def test_sample_hits_bad_size() -> None:
    with pytest.raises(FramingError, match="'per_label' parameter must be a positive integer"):
        sample_hits(_corpus(), str(MINI), per_label=0)


@pytest.mark.parametrize(
    ("value", "code"),
    [("1", 1), ("yes", 1), ("Y", 1), ("TRUE", 1), (1.0, 1), ("0", 0), ("No", 0), ("n", 0),
     ("false", 0), ("", None), ("  ", None), (None, None), (float("nan"), None)],
)
def test_parse_code(value, code) -> None:
    assert parse_code(value) == code


def _coded(codes: list[str], coder2: list[str] | None = None) -> pd.DataFrame:
    n = len(codes)
    return pd.DataFrame({"sample_id": range(1, n + 1), "concept": ["c"] * n, "label": ["l"] * n,
                         "code": codes, "coder2": coder2 or [""] * n})


def test_precision_with_wilson_interval_and_uncoded_rows() -> None:
    table = validate(_coded(["1"] * 8 + ["0"] * 2 + ["", ""]))
    assert list(table.columns) == VALIDATE_COLUMNS
    row = table.iloc[0]
    assert (row.hits, row.coded, row.uncoded, row.correct) == (12, 10, 2, 8)
    assert row.precision == pytest.approx(0.8)
    assert (row.ci_low, row.ci_high) == pytest.approx((0.4902, 0.9433), abs=1e-4)
    assert np.isnan(row.alpha)
    assert table.iloc[-1]["concept"] == "(all)"


def test_krippendorff_alpha_between_two_coders() -> None:
    a = ["0", "1", "0", "0", "0", "0", "0", "0", "1", "0"]
    b = ["1", "1", "1", "0", "0", "1", "0", "0", "0", "0"]
    row = validate(_coded(a, b)).iloc[0]
    assert row.both_coded == 10 and row.alpha == pytest.approx(1 - 76 / 84)


def test_invalid_code_names_row_and_value() -> None:
    with pytest.raises(FramingError, match=r"code, row 4 \(sample_id 3\): invalid code 'maybe'"):
        validate(_coded(["1", "0", "maybe"]))
    with pytest.raises(FramingError, match=r"coder2, row 2 \(sample_id 1\): invalid code '2'"):
        validate(_coded(["1"], ["2"]))


def test_missing_column_and_file(tmp_path: Path) -> None:
    with pytest.raises(FramingError, match=r"lacks column.*'code'"):
        validate(_coded(["1"]).drop(columns="code"))
    with pytest.raises(FramingError, match=r"coded sample .* not found"):
        validate(tmp_path / "none.csv")


def test_exports() -> None:
    assert framing.sample_hits is sample_hits and framing.validate is validate


def test_cli_sample_then_validate(jsonl_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "sample.csv"
    result = CliRunner().invoke(main, ["sample-hits", str(jsonl_corpus), "-l", str(MINI),
                                       "--per-label", "2", "--seed", "3", "-o", str(out)])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(frame.columns) == SAMPLE_COLUMNS
    frame["code"] = ["1" if i % 3 else "0" for i in range(len(frame))]
    frame.loc[0, "code"] = ""
    frame.to_csv(out, index=False)
    result = CliRunner().invoke(main, ["validate", str(out), "-o", str(tmp_path / "v.csv")])
    assert result.exit_code == 0, result.output
    assert "all labels" in result.stdout and "precision" in result.stdout
    assert "1 row has no code" in result.stderr
    assert list(pd.read_csv(tmp_path / "v.csv").columns) == VALIDATE_COLUMNS
    frame.loc[1, "code"] = "perhaps"
    frame.to_csv(out, index=False)
    bad = CliRunner().invoke(main, ["validate", str(out)])
    assert bad.exit_code == 1 and "invalid code 'perhaps'" in bad.stderr


def test_cli_sample_hits_needs_a_spreadsheet(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["sample-hits", "--sample", "-o", str(tmp_path / "s.jsonl")])
    assert result.exit_code == 1 and "end" in result.stderr and ".csv or .tsv" in result.stderr


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "it is empty"),
    (b"PK\x03\x04\x00\xff\xfe binary", "it is not a UTF-8 CSV file"),
])
def test_unreadable_coded_sample_is_one_line(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "coded.csv"
    path.write_bytes(content)
    with pytest.raises(FramingError, match=rf"cannot read the coded sample \({reason}\); give the CSV"):
        validate(path)
