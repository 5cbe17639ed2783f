"""Bad lexicon files: one clear line naming the file, never a hang, a traceback or a repr."""

from __future__ import annotations

import time
import warnings
from pathlib import Path

import pytest

from framing.errors import LexiconError
from framing.lexicon import LexiconWarning, lexicon_from_terms, load_lexicon
from tests.lexicon.yaml_lexicon import HEAD, write


@pytest.mark.parametrize(
    ("term", "message"),
    [
        ("'*'", r"term '\*' of label c/l is a bare wildcard, which would match every word"),
        ("'،،'", r"term '،،' of label c/l has no letters \(only punctuation or symbols\)"),
        ("'«»'", r"has no letters"),
        ("'ب*'", r"is a wildcard with fewer than 2 letters before '\*'"),
        ("'ال*'", r"is a wildcard with fewer than 2 letters"),
        ("ار*هاب", r"has '\*' in the middle of a word"),
        ("قوات-الاحتلال", r"holds punctuation or symbols \('-'\) in 'قوات-الاحتلال'"),
        ("'«المقاومة»'", r"holds punctuation or symbols \('«', '»'\)"),
        ("'\u064e\u064f'", r"is empty after normalisation"),
    ],
)
def test_terms_that_cannot_match_are_errors(tmp_path: Path, term: str, message: str) -> None:
    path = write(tmp_path, HEAD + f"          - {term}\n")
    with pytest.raises(LexiconError, match=message) as info:
        load_lexicon(path)
    assert f"{path}:9:" in str(info.value)


@pytest.mark.parametrize("terms", [["*"], ["؟!"], ["قوات", "*"]])
def test_query_terms_that_cannot_match_are_errors(terms: list[str]) -> None:
    with pytest.raises(LexiconError, match=r"term '.*' (is a bare wildcard|has no letters)"):
        lexicon_from_terms(terms)


BILLION_LAUGHS = """a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
name: *i
"""


@pytest.mark.parametrize(
    ("body", "line"),
    [
        (BILLION_LAUGHS, 2),
        ("name: &n [*n]\n", 1),                                            # refers to itself
        ("name: t\nconcepts: &c\n  x: *c\n", 3),                           # a mapping inside itself
        (HEAD + "          - &w المقاومة\n          - *w\n", 10),          # a repeated term
    ],
)
def test_yaml_aliases_are_refused_in_one_line(tmp_path: Path, body: str, line: int) -> None:
    path = write(tmp_path, body)
    t0 = time.perf_counter()
    with pytest.raises(LexiconError, match=r"YAML aliases \(\*name\) are not supported") as info:
        load_lexicon(path)
    assert time.perf_counter() - t0 < 5  # no exponential expansion
    assert f"{path}:{line}:" in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("pole", "shown"),
    [("[1]", "[1]"), ("{x: 1}", "{'x': 1}"), ("[[1, 2]]", "[[1, 2]]"), ("'1'", "'1'")],
)
def test_messages_show_values_not_python_objects(tmp_path: Path, pole: str, shown: str) -> None:
    body = HEAD.replace("        pole: 0\n", f"        pole: {pole}\n") + "          - المقاومة\n"
    with pytest.raises(LexiconError, match="pole must be -1, 0 or 1") as info:
        load_lexicon(write(tmp_path, body))
    assert str(info.value).endswith(f"got {shown}.")
    assert "object at 0x" not in str(info.value)


def test_a_key_that_is_not_text_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match=r":2: a key must be plain text \(no list or mapping\)"):
        load_lexicon(write(tmp_path, "name: t\n[a, b]: 1\n"))


@pytest.mark.parametrize("pole", ["inf", "-inf", "nan", "1e400", "0.5", "one", ""])
def test_csv_pole_that_is_not_a_pole(tmp_path: Path, pole: str) -> None:
    path = write(tmp_path, f"term,concept,label,pole\nالمقاومة,c,l,{pole}\n", "lex.csv")
    with pytest.raises(LexiconError, match=rf":2: term 'المقاومة': pole must be -1, 0 or 1; "
                                           rf"got '{pole}'\."):
        load_lexicon(path)


@pytest.mark.parametrize("pole", ["1", "1.0", "-1", "0", " 0 "])
def test_csv_poles_written_as_numbers_load(tmp_path: Path, pole: str) -> None:
    lex = load_lexicon(write(tmp_path, f"term,concept,label,pole\nالمقاومة,c,l,{pole}\n", "lex.csv"))
    assert lex.labels[0].pole == int(float(pole))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("%\nviolence\t1\nvictims\t2\n%\nعدوان\tviolence\n",
         r":2: category line 'violence 1' has the name before the id; a LIWC header line is "
         r"'ID NAME' \(e.g. '1 violence'\): swap the two columns\."),
        ("%\n1\tviolence\n1\tvictims\n%\nعدوان\t1\n", r":3: category id '1' is defined twice"),
        ("%\n1\n%\nعدوان\t1\n", r":2: category line '1' needs an id and a name"),
        ("عدوان\t1\n", r"starts with a category block between two '%' lines"),
    ],
)
def test_dic_header_errors(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        load_lexicon(write(tmp_path, body, "x.dic"))


def test_liwc_words_in_two_categories_warn_once_at_the_callers_line(tmp_path: Path) -> None:
    path = write(tmp_path, "%\n1\tviolence\n2\tvictims\n%\nعدوان\t1 2\nضحايا\t2\n", "x.dic")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        lex = load_lexicon(path)
    (w,) = caught
    assert w.category is LexiconWarning and w.filename == __file__
    assert str(w.message) == (f"{path}: 1 word(s) belong to several LIWC categories; each counts "
                              "for the category listed first only (framing labels are mutually "
                              "exclusive).")
    assert [t.text for t in lex.terms] == ["عدوان", "ضحايا"]
