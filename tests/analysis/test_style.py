"""House-style kinds of distinctive terms, on constructed text."""

from __future__ import annotations

import pytest

from framing.analysis.style import fold_hamza, hamza_variants, learn_self_names, term_kinds
from framing.io import Document


@pytest.mark.parametrize(("term", "kind"), [
    ("صلى الله عليه وسلم", "formula"),
    ("الله عليه", "formula"),            # inside a formula
    ("يوم الثلاثاء", "formula"),
    ("الموافق 12 يوليو", "formula"),
    ("2015", "formula"),
    ("مراسل النهار", "self"),             # holds the outlet's learned name
    ("النهار", "self"),
    ("الشئون", "spelling"),
    ("مسئول كبير", "spelling"),
    ("الشؤون", "content"),                 # the other groups' own spelling is not this group's variant
    ("البلطجية", "content"),
    ("التخريب المتعمد", "content"),
])
def test_term_kinds(term: str, kind: str) -> None:
    variants = {"الشءون": {}, "الشيون": {}} | {
        "الشئون": {"a": 30, "b": 2}, "الشؤون": {"a": 3, "b": 40},
        "مسئول": {"a": 12}, "مسؤول": {"a": 1, "b": 25, "c": 9}}
    variants = {k: v for k, v in variants.items() if v}
    assert term_kinds(["a"], [term], self_names={"a": {"نهار"}}, variants=variants) == [kind]


def test_fold_hamza() -> None:
    assert fold_hamza("الشئون") == fold_hamza("الشؤون") == "الشءون"
    assert fold_hamza("سأل") == "سأل"  # hamza on alef is the normaliser's alef step, not this one


def test_learn_self_names_from_datelines_and_credits() -> None:
    docs = [Document(f"n{i}", "nahar", f"الرياض - النهار: افتتح الوزير مشروعا جديدا رقم {i} "
                     "في المدينة وقال لـ«النهار» إن العمل يبدأ قريبا وسط ترحيب واسع من السكان")
            for i in range(6)]
    docs += [Document(f"s{i}", "sabah", f"الرياض - الصباح: افتتح الوزير مشروعا جديدا رقم {i} "
                      "في المدينة وقال لـ«الصباح» إن العمل يبدأ قريبا وسط ترحيب واسع من السكان")
             for i in range(6)]
    names = learn_self_names(docs, max_n=2)
    assert "نهار" in names["nahar"] and "صباح" in names["sabah"]
    assert "رياض" not in names["nahar"]  # both outlets' dateline city: nobody's name
    assert not names["nahar"] & names["sabah"]


def test_hamza_variants_counts_per_group() -> None:
    docs = [Document(f"a{i}", "a", "قال مسئول في وزارة الشئون إن الشئون تتحسن") for i in range(5)]
    docs += [Document(f"b{i}", "b", "قال مسؤول في وزارة الشؤون إن الشؤون تتحسن") for i in range(5)]
    found = hamza_variants(docs)
    assert found["الشئون"] == {"a": 10} and found["الشؤون"] == {"b": 10}
    assert found["مسئول"] == {"a": 5} and "وزاره" not in found
    assert term_kinds(["a", "b"], ["مسئول", "مسؤول"], variants=found) == ["spelling", "spelling"]
