"""Context rules in lexicon files: the YAML keys, the CSV rule column, their checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from framing.errors import LexiconError
from framing.lexicon import Rule, load_lexicon, parse_rule
from framing.lexicon.rules import CONDITIONS
from tests.lexicon.yaml_lexicon import HEAD, write


def test_yaml_keys_make_a_rule(tmp_path: Path) -> None:
    body = HEAD + ("          - term: التحالف\n            not_followed_by: [الوطني, العربي]\n"
                   "            near: غارات\n            window: 5\n")
    (term,) = load_lexicon(write(tmp_path, body)).terms
    assert term.rule == Rule(near=("غارات",), not_followed_by=("الوطني", "العربي"), window=5)
    assert str(term.rule) == "near: غارات; not_followed_by: الوطني | العربي; window: 5"


def test_csv_rule_column(tmp_path: Path) -> None:
    body = ("term,concept,label,pole,rule\n"
            "التحالف,c,l,1,not_followed_by: الوطني | العربي; near: غارات; window: 5\n"
            "المقاومة,c,l,1,\n")
    ruled, plain = load_lexicon(write(tmp_path, body, "lex.csv")).terms
    assert ruled.rule == Rule(near=("غارات",), not_followed_by=("الوطني", "العربي"), window=5)
    assert plain.rule is None


def test_show_terms_table_loads_back_with_its_rules(tmp_path: Path) -> None:
    body = HEAD + "          - term: النظام\n            near: [الأسد, السوري]\n          - الكيان\n"
    lex = load_lexicon(write(tmp_path, body))
    table = tmp_path / "terms.csv"
    lex.to_frame().to_csv(table, index=False)
    again = load_lexicon(table)
    assert [(t.text, t.rule) for t in again.terms] == [(t.text, t.rule) for t in lex.terms]


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("near: [الأسد]\n            window: 0",
         r"window must be a whole number of words from 1 to 200; got '0'"),
        ("near: [الأسد]\n            window: 2.5", r"window must be a whole number"),
        ("window: 3", r"window applies to near and not_near"),
        ("near: []", r"near lists no words"),
        ("not_followed_by: [[a, b]]", r"not_followed_by: each entry must be a word or phrase; got a list"),
        ("near: ['*']", r"near word '\*' is a bare wildcard"),
        ("document_has: ['،']", r"document_has word '،' has no letters"),
        ("nearby: [الأسد]", r"unknown key 'nearby'"),
    ],
)
def test_rule_errors_name_the_term_and_line(tmp_path: Path, rule: str, message: str) -> None:
    body = HEAD + f"          - term: النظام\n            {rule}\n"
    path = write(tmp_path, body)
    with pytest.raises(LexiconError, match=message) as info:
        load_lexicon(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)
    assert info.value.line in (9, 10, 11)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("near الأسد", r"rule clause 'near الأسد' has no 'key:'"),
        ("near: الأسد; near: السوري", r"rule key 'near' appears twice"),
        ("close_to: الأسد", r"unknown rule key 'close_to'"),
        ("window: 4", r"window applies to near and not_near"),
        ("near: |", r"near lists no words"),
        ("near: الأسد; window: 201", r"from 1 to 200; got '201'"),
        ("", r"the rule has no condition"),
    ],
)
def test_compact_syntax_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_rule(text)


def test_csv_rule_error_names_the_row(tmp_path: Path) -> None:
    body = "term,concept,label,pole,rule\nالمقاومة,c,l,1,\nالتحالف,c,l,1,near الأسد\n"
    with pytest.raises(LexiconError, match=r"lex.csv:3: term 'التحالف': rule clause"):
        load_lexicon(write(tmp_path, body, "lex.csv"))


PHRASE = st.text(alphabet=st.sampled_from(list("ابتثجحخدرسشصعفقلمنهوي") + [" "]), min_size=1,
                 max_size=12).map(lambda s: " ".join(s.split())).filter(bool)


@given(st.dictionaries(st.sampled_from(CONDITIONS), st.lists(PHRASE, min_size=1, max_size=3),
                       min_size=1),
       st.one_of(st.none(), st.integers(1, 200)))
def test_compact_syntax_round_trips(conditions: dict[str, list[str]], window: int | None) -> None:
    values = {k: tuple(dict.fromkeys(v)) for k, v in conditions.items()}
    if window is not None and ("near" in values or "not_near" in values):
        values["window"] = window  # type: ignore[assignment]
    rule = Rule(**values)  # type: ignore[arg-type]
    assert parse_rule(str(rule)) == rule
