"""framing.text.boilerplate: lines that recur in an outlet's documents are found and removed."""

from __future__ import annotations

import pytest

from framing.io import Document
from framing.text.boilerplate import BoilerplateRemover, find_boilerplate, strip_boilerplate
from tests.learn.constructed import FOOTER, make_corpus


def test_strip_boilerplate_removes_only_recurring_lines() -> None:
    docs = [Document(r["id"], r["outlet"], r["text"]) for r in make_corpus()]
    stripped, report = strip_boilerplate(docs)
    assert report.lines == {"alpha": [FOOTER["alpha"]], "beta": [FOOTER["beta"]]}
    assert report.outlets["alpha"] == {"documents": 16, "lines": 1, "removed": 16,
                                       "documents_changed": 16, "emptied": 0}
    assert report.removed == 32
    for before, after in zip(docs, stripped, strict=True):
        assert after.doc_id == before.doc_id
        assert after.text.split("\n") == before.text.split("\n")[:-1]
    assert "alpha: 1 recurring line(s), 16 removed from 16 of 16 documents" in report.summary()


@pytest.mark.parametrize(
    ("n_docs", "n_with_line", "kwargs", "found"),
    [
        (10, 4, {}, False),  # fewer than 5 documents
        (10, 5, {}, True),
        (200, 9, {}, False),  # fewer than 5 % of 200
        (200, 10, {}, True),
        (10, 2, {"min_docs": 2}, True),
    ],
)
def test_boilerplate_threshold(n_docs: int, n_with_line: int, kwargs: dict, found: bool) -> None:
    docs = [Document(str(i), "o", f"نص رقم {i}" + ("\n  تابعونا على الشبكات  " if i < n_with_line else ""))
            for i in range(n_docs)]
    assert (find_boilerplate(docs, **kwargs)["o"] == ["تابعونا على الشبكات"]) is found


def test_boilerplate_found_per_outlet_is_removed_everywhere() -> None:
    docs = [Document(f"a{i}", "a", "سطر مكرر") for i in range(5)]
    docs += [Document(f"b{i}", "b", f"سطر مكرر\nخبر {i}") for i in range(4)]
    stripped, report = strip_boilerplate(docs)
    assert report.lines == {"a": ["سطر مكرر"], "b": []}  # only 4 documents of b have it...
    assert [d.text for d in stripped[:5]] == [""] * 5 and report.outlets["a"]["emptied"] == 5
    # ...but it is removed from b too, or it would become a cue for b.
    assert [d.text for d in stripped[5:]] == [f"خبر {i}" for i in range(4)]
    assert report.outlets["b"] == {"documents": 4, "lines": 0, "removed": 4, "documents_changed": 4,
                                   "emptied": 0}
    assert report.to_dict()["outlets"]["a"]["examples"] == ["سطر مكرر"]


def test_remover_strips_the_lines_it_was_given() -> None:
    remover = BoilerplateRemover(lines=("تابعونا على الشبكات",)).fit(None)
    assert remover.transform(["خبر أول\n  تابعونا على الشبكات  ", "خبر ثان"]) == ["خبر أول", "خبر ثان"]


def test_strip_boilerplate_takes_plain_texts() -> None:
    texts = [f"خبر رقم {i}\nتابعونا على الشبكات" for i in range(6)]
    stripped, report = strip_boilerplate(texts)
    assert [d.text for d in stripped] == [f"خبر رقم {i}" for i in range(6)]
    assert report.removed == 6
