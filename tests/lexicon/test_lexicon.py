from __future__ import annotations

from pathlib import Path

import pytest

from framing.errors import LexiconError
from framing.lexicon import bundled_lexicons, load_lexicon
from framing.match.matcher import Matcher
from tests.conftest import MINI

HEAD = """name: t
concepts:
  troops:
    description: d
    axis: {negative: delegitimising, positive: legitimising}
    labels:
"""


def write(tmp_path: Path, body: str, name: str = "lex.yaml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_mini_loads() -> None:
    lex = load_lexicon(str(MINI))
    assert lex.name == "mini"
    assert [c.id for c in lex.concepts][:2] == ["foreign_troops", "israel"]
    label = lex.label("foreign_troops", "occupation")
    assert label.pole == -1 and label.frame == "occupation"
    assert lex.concept("israel").axis == "delegitimising ↔ legitimising"
    frame = lex.to_frame()
    assert list(frame.columns) == ["concept", "label", "pole", "frame", "term", "forms", "clitics",
                                   "rule"]
    assert len(frame) == len(lex.terms)


@pytest.mark.parametrize(
    ("body", "message", "line"),
    [
        (HEAD + "      occ:\n        pole: -1\n        polee: 2\n        terms: [الاحتلال]\n",
         r"label troops/occ: unknown key 'polee'; allowed keys are", 9),
        (HEAD + "      occ:\n        pole: 2\n        terms: [الاحتلال]\n",
         r"label troops/occ: pole must be -1, 0 or 1 on the axis delegitimising ↔ legitimising; "
         r"got 2", 8),
        (HEAD + "      occ:\n        pole: -1\n        terms: []\n",
         r"label troops/occ has no terms; add a 'terms:' list or remove the label", 9),
        (HEAD + "      occ:\n        pole: -1\n        terms: [الاحتلال]\n"
                "      other:\n        pole: 0\n        terms: [الاحتلال]\n",
         r"term 'الاحتلال' is listed under two labels: troops/occ \(line 9\) and troops/other", 12),
        (HEAD + "      occ:\n        pole: -1\n        terms: [الأميركي]\n"
                "      other:\n        pole: 0\n        terms: [الامريكي]\n",
         r"term 'الامريكي' is listed under two labels", 12),
        (HEAD + "      occ:\n        pole: -1\n        terms: [x\n",
         r"malformed YAML", None),
        (HEAD + "      occ:\n        terms: [الاحتلال]\n",
         r"label troops/occ has no 'pole'", 7),
        ("name: t\nconcepts:\n  troops:\n    labels:\n      a: {pole: 0, terms: [x]}\n",
         r"concept 'troops' has no 'axis'", 3),
        (HEAD + "      occ:\n        pole: -1\n        terms:\n          - {term: قوات, clitics: maybe}\n",
         r"clitics must be one of all, strict, none; got 'maybe'", 10),
        ("name: t\nconcepts:\n  troops:\n    description: a\n    description: b\n",
         r"duplicate key 'description' \(first on line 4\)", 5),
        ("", r"the file is empty", None),
    ],
)
def test_validation_errors_name_file_line_and_entry(tmp_path: Path, body: str, message: str,
                                                     line: int | None) -> None:
    path = write(tmp_path, body)
    with pytest.raises(LexiconError, match=message) as info:
        load_lexicon(path)
    assert str(path) in str(info.value)
    if line is not None:
        assert info.value.line == line
        assert f"{path}:{line}:" in str(info.value)


def test_unknown_name_lists_bundled() -> None:
    with pytest.raises(LexiconError, match=r"no bundled lexicon or file named 'nope'"):
        load_lexicon("nope")


def test_csv_lexicon(tmp_path: Path) -> None:
    path = write(tmp_path, "term,concept,label,pole,forms\nالمقاومة,armed,resistance,1,\n"
                           "ميليشيا,armed,militia,-1,ميليشيات|مليشيات\n", "lex.csv")
    lex = load_lexicon(path)
    assert {(lab.id, lab.pole) for lab in lex.labels} == {("resistance", 1), ("militia", -1)}
    m = Matcher(lex)
    assert [m.terms[h.term].label for h in m.find("وللمقاومة والميليشيات")] == ["resistance",
                                                                               "militia"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("term,concept,label\nx,a,b\n", r"missing column\(s\) pole; .* Columns present: term, "
                                        r"concept, label"),
        ("term,concept,label,pole\nx,a,b,5\n", r":2: term 'x': pole must be -1, 0 or 1; got '5'"),
        ("term,concept,label,pole\nx,a,b,1\ny,a,b,0\n", r":3: label a/b has pole 1 on an earlier"),
    ],
)
def test_csv_errors(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        load_lexicon(write(tmp_path, body, "lex.csv"))


def test_liwc_dic(tmp_path: Path) -> None:
    body = "%\n1\tviolence\n2\tvictims\n%\nمجزر*\t1\nعدوان\t1\nضحايا\t2\nضحية\t2\n"
    lex = load_lexicon(write(tmp_path, body, "liwc.dic"))
    assert lex.name == "liwc" and {lab.id for lab in lex.labels} == {"violence", "victims"}
    m = Matcher(lex)
    text = "ارتكب مجزرة وعدوان وسقط ضحايا"
    assert [(text[h.start:h.end], m.terms[h.term].label) for h in m.find(text)] == [
        ("مجزرة", "violence"), ("وعدوان", "violence"), ("ضحايا", "victims")]


def test_liwc_undefined_category(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match=r"uses category id '7'"):
        load_lexicon(write(tmp_path, "%\n1\tviolence\n%\nعدوان\t7\n", "x.dic"))


def test_bundled_lexicon_size_and_poles() -> None:
    assert "arabic-conflict" in bundled_lexicons()
    lex = load_lexicon("arabic-conflict")
    assert len(lex.concepts) >= 12
    assert len(lex.terms) >= 300
    for concept in lex.concepts:
        assert concept.negative and concept.positive and concept.description
        for label in concept.labels:
            assert label.pole in (-1, 0, 1)
            assert label.definition and label.example, f"{concept.id}/{label.id}"


def test_bundled_examples_contain_their_label() -> None:
    """Each label's example sentence must contain one of the label's own terms."""
    lex = load_lexicon("arabic-conflict")
    matcher = Matcher(lex)
    missing = []
    for label in lex.labels:
        found = {(matcher.terms[h.term].concept, matcher.terms[h.term].label)
                 for h in matcher.find(label.example)}
        if (label.concept, label.id) not in found:
            missing.append(f"{label.concept}/{label.id}: {label.example}")
    assert not missing, "\n".join(missing)
