"""Key findings and the label-share range tests behind them."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd
import pytest

from framing.analysis import compare_documents
from framing.lexicon import load_lexicon
from framing.present.findings import key_findings, share_range_tests, too_few_summary

LEX = load_lexicon("arabic-conflict")
COLUMNS = [f"{lab.concept}:{lab.id}" for lab in LEX.labels]


def _documents(profiles: dict[str, list[dict[str, int]]]) -> pd.DataFrame:
    rows = []
    for group, docs in profiles.items():
        for k, counts in enumerate(docs):
            rows.append({"doc_id": f"{group}-{k}", "group": group, "n_tokens": 100,
                         **{c: counts.get(c, 0) for c in COLUMNS}})
    return pd.DataFrame(rows)


def _tests(documents: pd.DataFrame, n_perm: int = 2000) -> pd.DataFrame:
    shares = compare_documents(documents, LEX, n_boot=100, n_perm=50, min_hits=5).shares
    return share_range_tests(documents, shares, LEX, n_perm=n_perm, seed=0)


def test_a_clear_contrast_is_significant_and_names_the_extreme_groups() -> None:
    occupation = {"israel:occupation": 2}
    neutral = {"israel:neutral_name": 2}
    docs = _documents({"a": [occupation] * 15, "b": [neutral] * 15, "c": [occupation, neutral] * 8})
    tests = _tests(docs).set_index("label")
    row = tests.loc["occupation"]
    assert (row.group_high, row.group_low, row.groups_tested) == ("a", "b", 3)
    assert row.share_high == 1.0 and row.share_low == 0.0 and row.range == 1.0
    assert row.p_value < 0.001 and row.q_value < 0.01
    assert (row.hits_high, row.hits_low) == (30, 30)


def test_identical_groups_give_p_one() -> None:
    mix = [{"israel:occupation": 1, "israel:neutral_name": 1}] * 12
    tests = _tests(_documents({"a": mix, "b": mix}))
    assert (tests["range"] == 0).all() and (tests["p_value"] == 1).all()


def test_groups_with_too_few_hits_take_no_part() -> None:
    docs = _documents({"a": [{"israel:occupation": 2}] * 10, "b": [{"israel:neutral_name": 2}] * 10,
                       "c": [{"israel:occupation": 1}]})
    tests = _tests(docs)
    assert set(tests["groups_tested"]) == {2}
    assert not (tests[["group_high", "group_low"]] == "c").any().any()
    only_one = _documents({"a": [{"israel:occupation": 2}] * 10, "c": [{"israel:occupation": 1}]})
    assert _tests(only_one).empty                          # one eligible group: nothing to test


def test_p_value_matches_the_exact_permutation_distribution() -> None:
    # 8 documents in two groups of 4: every split of the documents can be enumerated.
    profiles = [(3, 0), (2, 1), (1, 1), (2, 0), (0, 2), (1, 2), (0, 1), (1, 3)]
    docs = _documents({"a": [{"israel:occupation": o, "israel:neutral_name": n} for o, n in profiles[:4]],
                       "b": [{"israel:occupation": o, "israel:neutral_name": n} for o, n in profiles[4:]]})
    shares = compare_documents(docs, LEX, n_boot=50, n_perm=50, min_hits=1).shares
    tests = share_range_tests(docs, shares, LEX, n_perm=20000, seed=3).set_index("label")
    occ = np.array([o for o, _ in profiles], float)
    tot = np.array([o + n for o, n in profiles], float)

    def spread(first: tuple[int, ...]) -> float:
        mask = np.isin(np.arange(8), first)
        return abs(occ[mask].sum() / tot[mask].sum() - occ[~mask].sum() / tot[~mask].sum())

    observed = spread((0, 1, 2, 3))
    splits = list(combinations(range(8), 4))
    exact = sum(spread(s) >= observed - 1e-12 for s in splits) / len(splits)
    assert tests.loc["occupation", "range"] == pytest.approx(observed)
    assert tests.loc["occupation", "p_value"] == pytest.approx(exact, abs=0.01)


def test_findings_read_as_sentences_with_their_numbers() -> None:
    docs = _documents({"a": [{"israel:occupation": 2}] * 15, "b": [{"israel:neutral_name": 2}] * 15})
    result = compare_documents(docs, LEX, n_boot=200, n_perm=500, min_hits=5)
    tests = share_range_tests(docs, result.shares, LEX, n_perm=500, seed=0)
    terms = pd.DataFrame({"concept": ["israel"] * 2, "label": ["occupation"] * 2,
                          "term": ["قوات الاحتلال", "الاحتلال"], "hits": [20, 10]})
    findings = key_findings(result.stance, result.pairwise, tests, LEX, terms)
    kinds = [f.kind for f in findings]
    assert kinds == ["stance", "share"]
    stance, share = findings
    assert stance.groups == ("a", "b") and stance.concept == "israel"
    assert "a stands closer to the delegitimising end than b" in stance.sentence
    assert "-1.00" in stance.sentence and "+0.00" in stance.sentence and "q = 0.002" in stance.sentence
    assert "30 vs 30 hits" in stance.sentence
    assert share.sentence.startswith("a uses the label occupation («قوات الاحتلال», «الاحتلال»…) for 100%")
    assert "b for 0%" in share.sentence


def test_nothing_significant_gives_no_finding() -> None:
    mix = [{"israel:occupation": 1, "israel:neutral_name": 1}] * 12
    docs = _documents({"a": mix, "b": mix})
    result = compare_documents(docs, LEX, n_boot=100, n_perm=200, min_hits=5)
    tests = share_range_tests(docs, result.shares, LEX, n_perm=200)
    assert key_findings(result.stance, result.pairwise, tests, LEX) == []
    assert too_few_summary(result.stance) == (0, 2)
