"""framing.compare: intervals that cover known truths, tests, flags, invariance, errors, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

import framing
from framing.analysis.comparison import (
    PAIRWISE_COLUMNS,
    RATE_COLUMNS,
    SHARE_COLUMNS,
    STANCE_COLUMNS,
    compare_documents,
)
from framing.cli import main
from framing.errors import FramingError
from framing.io.corpus import Document
from framing.io.groups import read_groups
from framing.lexicon import load_lexicon
from tests.conftest import MINI

LEX = load_lexicon(str(MINI))
NAMES = [f"{lab.concept}:{lab.id}" for lab in LEX.labels]


def _documents(p_resistance: dict[str, float], n_docs: int = 40, seed: int = 1) -> pd.DataFrame:
    """A counted documents table: each document has 2-8 armed_groups hits, resistance (+1) with
    the group's probability, militia (-1) otherwise, so the true stance is 2p - 1."""
    rng = np.random.default_rng(seed)
    rows = []
    for group, p in p_resistance.items():
        for i in range(n_docs):
            hits = int(rng.integers(2, 9))
            res = int(rng.binomial(hits, p))
            row = dict.fromkeys(NAMES, 0)
            row.update({"doc_id": f"{group}-{i:03d}", "outlet": group, "n_tokens": 200,
                        "armed_groups:resistance": res, "armed_groups:militia": hits - res})
            rows.append(row)
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def differing() -> framing.analysis.comparison.CompareResult:
    return compare_documents(_documents({"alpha": 0.8, "beta": 0.3}), LEX, n_boot=500, n_perm=500)


def test_tables_have_the_documented_columns(differing) -> None:
    assert list(differing.stance.columns) == STANCE_COLUMNS
    assert list(differing.shares.columns) == SHARE_COLUMNS
    assert list(differing.rates.columns) == RATE_COLUMNS
    assert list(differing.pairwise.columns) == PAIRWISE_COLUMNS
    stance, shares, _, _ = differing
    assert len(stance) == 2 * len(LEX.concepts) and len(shares) == 2 * len(LEX.labels)


def test_interval_covers_the_known_difference_and_excludes_zero(differing) -> None:
    row = differing.pairwise.set_index("concept").loc["armed_groups"]
    true_difference = (2 * 0.8 - 1) - (2 * 0.3 - 1)
    assert row.ci_low < true_difference < row.ci_high
    assert row.ci_low > 0
    assert row.p_value < 0.01 and row.q_value < 0.05
    assert row.cohens_h > 0.8  # a large effect
    stance = differing.stance.set_index(["group", "concept"])
    assert stance.loc[("alpha", "armed_groups"), "ci_low"] < 0.6 < stance.loc[("alpha", "armed_groups"),
                                                                              "ci_high"]


def test_shares_and_rates_are_ratios_of_sums(differing) -> None:
    shares = differing.shares.set_index(["group", "concept", "label"])
    res, mil = shares.loc[("alpha", "armed_groups", "resistance")], shares.loc[("alpha", "armed_groups",
                                                                                 "militia")]
    assert res.share + mil.share == pytest.approx(1.0)
    assert res.ci_low <= res.share <= res.ci_high
    rates = differing.rates.set_index(["group", "concept", "label"])
    r = rates.loc[("alpha", "armed_groups", "resistance")]
    assert r.rate_per_1k_tokens == pytest.approx(1000 * r.hits / r.tokens)


def test_same_process_gives_no_significant_difference() -> None:
    result = compare_documents(_documents({"alpha": 0.5, "beta": 0.5}, seed=3), LEX, n_boot=500,
                               n_perm=500)
    row = result.pairwise.set_index("concept").loc["armed_groups"]
    assert row.ci_low < 0 < row.ci_high
    assert row.p_value > 0.05


def test_too_few_hits_are_flagged_not_hidden() -> None:
    docs = _documents({"alpha": 0.8, "beta": 0.3})
    docs.loc[docs["outlet"] == "beta", ["armed_groups:resistance", "armed_groups:militia"]] = 0
    docs.loc[docs.index[-1], "armed_groups:militia"] = 3  # beta: 3 hits in one document
    result = compare_documents(docs, LEX, n_boot=200, n_perm=200)
    row = result.stance.set_index(["group", "concept"]).loc[("beta", "armed_groups")]
    assert row.too_few_hits and row.hits == 3 and row.stance == -1.0
    assert np.isnan(row.ci_low) and np.isnan(row.ci_high)
    pair = result.pairwise.set_index("concept").loc["armed_groups"]
    assert pair.too_few_hits and np.isnan(pair.p_value) and np.isnan(pair.q_value)
    alpha = result.stance.set_index(["group", "concept"]).loc[("alpha", "armed_groups"), "stance"]
    assert pair.difference == pytest.approx(alpha - row.stance)  # the point estimate is still shown
    # concepts nobody mentions are reported too, with an empty stance
    none = result.stance.set_index(["group", "concept"]).loc[("alpha", "claims")]
    assert none.hits == 0 and np.isnan(none.stance) and none.too_few_hits


def test_row_order_does_not_change_any_output() -> None:
    docs = _documents({"alpha": 0.7, "beta": 0.4, "gamma": 0.5}, n_docs=25)
    a = compare_documents(docs, LEX, n_boot=300, n_perm=300)
    b = compare_documents(docs.sample(frac=1.0, random_state=7), LEX, n_boot=300, n_perm=300)
    for left, right in zip(a, b, strict=True):
        pd.testing.assert_frame_equal(left, right)


def test_seed_reproduces_and_changes_the_draws() -> None:
    docs = _documents({"alpha": 0.7, "beta": 0.4}, n_docs=20)
    a = compare_documents(docs, LEX, n_boot=200, n_perm=200, seed=1)
    b = compare_documents(docs, LEX, n_boot=200, n_perm=200, seed=1)
    c = compare_documents(docs, LEX, n_boot=200, n_perm=200, seed=2)
    pd.testing.assert_frame_equal(a.stance, b.stance)
    assert not a.stance["ci_low"].equals(c.stance["ci_low"])


def _arabic_corpus() -> list[Document]:
    """Outlet A always says «المقاومة» (with clitics), B always «الميليشيات»."""
    a = ["وقالت المقاومة إنها استهدفت الموقع.", "أعلنت فصائل المقاومة مسؤوليتها، وأشادت بالمقاومة.",
         "بيان للمقاومة عن العملية."]
    b = ["هاجمت الميليشيات قاعدة أميركية.", "قالت مصادر إن الميليشيات المدعومة من إيران أطلقت صواريخ.",
         "وتبنت ميليشيا الهجوم."]
    docs = [Document(f"a-{i:02d}", "alpha", a[i % 3]) for i in range(30)]
    docs += [Document(f"b-{i:02d}", "beta", b[i % 3]) for i in range(30)]
    return docs


def test_compare_on_arabic_text() -> None:
    stance, _, _, pairwise = framing.compare(_arabic_corpus(), str(MINI), n_boot=300,
                                                      n_perm=300)
    s = stance.set_index(["group", "concept"])
    assert s.loc[("alpha", "armed_groups"), "stance"] == 1.0
    assert s.loc[("beta", "armed_groups"), "stance"] == -1.0
    assert s.loc[("alpha", "armed_groups"), "hits"] == 40  # clitic forms counted
    assert s.loc[("alpha", "armed_groups"), "docs"] == 30
    row = pairwise.set_index("concept").loc["armed_groups"]
    assert row.difference == 2.0 and row.p_value < 0.01 and row.cohens_h == pytest.approx(np.pi)


def test_compare_with_a_groups_map(tmp_path: Path) -> None:
    mapping = tmp_path / "families.csv"
    mapping.write_text("value,group\nalpha,resistance_media\nbeta,gulf_media\n", encoding="utf-8")
    groups = read_groups(mapping)
    assert groups == {"alpha": "resistance_media", "beta": "gulf_media"}
    stance = framing.compare(_arabic_corpus(), str(MINI), groups=groups, n_boot=100, n_perm=100).stance
    assert set(stance["group"]) == {"resistance_media", "gulf_media"}
    with pytest.raises(FramingError, match=r"'beta' .* is not in the --groups map"):
        framing.compare(_arabic_corpus(), str(MINI), groups={"alpha": "x"}, n_boot=10, n_perm=10)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("alpha\n", r"expected two cells 'value,group'"),
        ("alpha,x\nalpha,y\n", r"'alpha' is mapped to both 'x' and 'y'"),
        ("\n", r"is empty"),
    ],
)
def test_read_groups_errors(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "map.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FramingError, match=message):
        read_groups(path)


def test_read_groups_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FramingError, match=r"groups map .* not found"):
        read_groups(tmp_path / "nope.csv")


def test_read_groups_is_still_importable_from_compare() -> None:
    from framing.analysis.comparison import read_groups as from_compare

    assert from_compare is read_groups


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_boot": 0}, r"'n_boot' parameter must be a positive integer"),
        ({"n_perm": -5}, r"'n_perm' parameter must be a positive integer"),
        ({"min_hits": -1}, r"'min_hits' parameter must be an integer >= 0"),
        ({"level": 1.5}, r"'level' parameter must be between 0 and 1"),
    ],
)
def test_invalid_settings(kwargs: dict, message: str) -> None:
    with pytest.raises(FramingError, match=message):
        compare_documents(_documents({"a": 0.5, "b": 0.5}, n_docs=3), LEX, **kwargs)


def test_compare_documents_needs_the_count_columns() -> None:
    with pytest.raises(FramingError, match=r"lacks column.*'armed_groups:militia'"):
        compare_documents(_documents({"a": 0.5}).drop(columns="armed_groups:militia"), LEX)


def test_no_documents() -> None:
    with pytest.raises(FramingError, match="no documents to compare"):
        compare_documents(_documents({"a": 0.5}).iloc[:0], LEX)


def test_cli_compare_writes_four_tables(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for d in _arabic_corpus():
            fh.write(json.dumps({"id": d.doc_id, "outlet": d.outlet, "text": d.text},
                                ensure_ascii=False) + "\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["compare", str(path), "-l", str(MINI), "--n-boot", "200",
                                       "--n-perm", "200", "--voice", "all", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "stance: mean pole of the hits" in result.stdout
    assert "armed_groups" in result.stdout and "alpha" in result.stdout
    for name, columns in (("stance", STANCE_COLUMNS), ("shares", SHARE_COLUMNS),
                          ("rates", RATE_COLUMNS), ("pairwise", PAIRWISE_COLUMNS)):
        assert list(pd.read_csv(out / f"{name}.csv").columns) == columns
    assert "60 documents read" in result.stderr


def test_cli_compare_sample_and_errors(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["compare", "--sample", "-l", str(MINI), "--n-boot", "100",
                                       "--n-perm", "100"])
    assert result.exit_code == 0, result.output
    assert "thura" in result.stdout
    bad = CliRunner().invoke(main, ["compare", "--sample", "--groups", str(tmp_path / "x.csv")])
    assert bad.exit_code == 1 and "groups map" in bad.stderr and "not found" in bad.stderr
