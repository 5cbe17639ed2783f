"""A lexicon on the record: its content hash, the YAML writer, merging candidates, diffs."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.errors import LexiconError
from framing.lexicon import Concept, Label, Lexicon, Rule, Term, load_lexicon
from framing.lexicon.changes import bump_version, diff_lexicons, merge_candidates
from framing.lexicon.yaml_reader import read_yaml_lexicon
from framing.lexicon.yaml_writer import lexicon_to_yaml, write_lexicon
from tests.conftest import MINI


def small(*terms: Term) -> Lexicon:
    return Lexicon("x", (Concept("c", "", "negative", "positive", (
        Label("l", "c", 0, terms=terms or (Term("شهيد", "c", "l"),)),)),))


def test_content_hash_is_a_fixed_function_of_the_content() -> None:
    # the documented canonical form, hashed by hand: changing the recipe breaks this test
    import hashlib

    canonical = '[["c","negative","positive",[["l",0,"",[["شهيد",[],"all",""]]]]]]'
    expected = "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    assert small().content_hash() == expected


def test_content_hash_ignores_format_and_prose_but_not_what_is_counted(tmp_path: Path) -> None:
    csv = tmp_path / "x.csv"
    csv.write_text("term,concept,label,pole,rule\nالتحالف,c,l,0,not_followed_by: الوطني\n",
                   encoding="utf-8")
    from_csv = load_lexicon(csv)
    yaml = tmp_path / "x.yaml"
    write_lexicon(replace(from_csv, description="prose", version="9.9", _index={}), yaml)
    assert load_lexicon(yaml).content_hash() == from_csv.content_hash()
    base = small()
    changed = [
        small(Term("شهيدا", "c", "l")),
        small(Term("شهيد", "c", "l", forms=("شهداء",))),
        small(Term("شهيد", "c", "l", clitics="strict")),
        small(Term("شهيد", "c", "l", rule=Rule(near=("غزة",)))),
        replace(base, concepts=(replace(base.concepts[0], positive="honouring"),), _index={}),
    ]
    hashes = {lex.content_hash() for lex in changed}
    assert len(hashes) == len(changed) and base.content_hash() not in hashes


@pytest.mark.parametrize("name", ["arabic-conflict", str(MINI)])
def test_yaml_writer_round_trips(name: str) -> None:
    lex = load_lexicon(name)
    again = read_yaml_lexicon(lexicon_to_yaml(lex), source="<written>")
    assert again == lex
    assert again.concepts[0].notes == lex.concepts[0].notes
    assert again.content_hash() == lex.content_hash()


TEXT = st.text(alphabet=st.sampled_from(list("ابتثجحخدرسشصعفقلمنهويةأإآى") + list(" :#'\"-[]{},*&!%|>")),
               min_size=1, max_size=15).map(lambda s: " ".join(s.split())).filter(bool)
WORD = st.text(alphabet=st.sampled_from(list("ابتثجحخدرسشصعفقلمنهوي")), min_size=3, max_size=8)


@settings(max_examples=60, deadline=None)
@given(TEXT, TEXT, st.lists(WORD, min_size=1, max_size=4, unique=True), st.lists(WORD, max_size=2),
       st.sampled_from(["all", "strict", "none"]), st.one_of(st.none(), st.integers(1, 9)))
def test_yaml_writer_round_trips_any_text(description: str, note: str, words: list[str],
                                          forms: list[str], clitics: str, window: int | None) -> None:
    rule = Rule(near=(words[0],), window=window) if window else None
    terms = tuple(Term(w, "c", "l", tuple(f for f in forms if f != w), clitics,  # type: ignore[arg-type]
                       rule=rule if i == 0 else None, note=note) for i, w in enumerate(words))
    lex = Lexicon("x", (Concept("c", description, note, "+", (
        Label("l", "c", 1, frame=note, example=description, notes=note, terms=terms),)),),
        version="1.0", description=description, citation=note)
    assert read_yaml_lexicon(lexicon_to_yaml(lex), source="<written>") == lex


@pytest.mark.parametrize(("version", "bumped"), [("0.1.0", "0.2.0"), ("1.9.3", "1.10.0"),
                                                  ("2", "2.1"), ("", "0.1.0"), ("v1", "v1+1")])
def test_bump_version(version: str, bumped: str) -> None:
    assert bump_version(version) == bumped


def candidates(tmp_path: Path, rows: list[tuple[str, str, str]]) -> Path:
    path = tmp_path / "candidates.csv"
    pd.DataFrame(rows, columns=["term", "concept", "decision"]).assign(score=0.5).to_csv(
        path, index=False)
    return path


def test_merge_adds_accepted_terms_bumps_version_and_logs(tmp_path: Path) -> None:
    lex = load_lexicon(MINI)
    path = candidates(tmp_path, [
        ("مقاومين", "armed_groups", "accept:resistance"),
        ("مرتزقة", "armed_groups", "accept:armed_groups:militia"),
        ("مسلحين", "armed_groups", "reject"),
        ("مقاتلين", "armed_groups", ""),
        ("المقاومة", "armed_groups", "accept:resistance"),   # already listed there
    ])
    merged, report = merge_candidates(lex, path, date="2025-01-02")
    assert report.summary() == ("2 terms added, 1 accepted terms already listed, 1 rejected, "
                                "1 undecided")
    assert merged.version == "0.1.0" and lex.version == "0.0.1"
    (entry,) = merged.changelog
    assert (entry.version, entry.date) == ("0.1.0", "2025-01-02")
    assert "armed_groups/resistance: added مقاومين" in entry.changes
    assert [t.text for t in merged.label("armed_groups", "militia").terms][-1] == "مرتزقة"
    written = tmp_path / "merged.yaml"
    write_lexicon(merged, written)
    assert load_lexicon(written) == merged
    diff = diff_lexicons(lex, merged)
    assert diff[["change", "concept", "label", "term"]].values.tolist() == [
        ["version", "", "", ""], ["term added", "armed_groups", "resistance", "مقاومين"],
        ["term added", "armed_groups", "militia", "مرتزقة"]]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (("مقاومين", "armed_groups", "accept"), r"candidates.csv:2: decision 'accept': write accept:LABEL"),
        (("مقاومين", "armed_groups", "yes"), r"decision 'yes'"),
        (("مقاومين", "armed_groups", "accept:heroes"),
         r"no label 'heroes' in concept 'armed_groups' \(its labels: resistance, militia\)"),
        (("مقاومين", "nope", "accept:x"), r"no label 'x' in concept 'nope' \(no such concept\)"),
        (("الكيان", "israel", "accept:neutral"),
         r"term 'الكيان' is already listed under israel/occupation; accept it there or reject it"),
        (("*", "israel", "accept:neutral"), r"term '\*' is a bare wildcard"),
    ],
)
def test_merge_errors_name_the_row(tmp_path: Path, row: tuple[str, str, str], message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        merge_candidates(load_lexicon(MINI), candidates(tmp_path, [row]))


def test_merge_without_decisions_changes_nothing(tmp_path: Path) -> None:
    lex = load_lexicon(MINI)
    merged, report = merge_candidates(lex, candidates(tmp_path, [("مقاومين", "armed_groups", "")]))
    assert merged is lex and report.undecided == 1


def test_diff_lists_every_kind_of_change() -> None:
    a = small(Term("شهيد", "c", "l"), Term("قتيل", "c", "l"))
    b_label = replace(a.concepts[0].labels[0], pole=1, terms=(
        Term("شهيد", "c", "l", forms=("شهداء",), rule=Rule(near=("غزة",))),
        Term("ضحية", "c", "l")))
    b = replace(a, concepts=(replace(a.concepts[0], labels=(b_label,)),), version="2", _index={})
    rows = diff_lexicons(a, b).values.tolist()
    assert rows == [
        ["version", "", "", "", "", "2"],
        ["pole", "c", "l", "", 0, 1],
        ["forms", "c", "l", "شهيد", "", "شهداء"],
        ["rule", "c", "l", "شهيد", "", "near: غزة"],
        ["term removed", "c", "l", "قتيل", "", ""],
        ["term added", "c", "l", "ضحية", "", ""],
    ]
    assert diff_lexicons(a, a).empty
