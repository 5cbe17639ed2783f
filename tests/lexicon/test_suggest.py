"""Candidate terms from a corpus: a constructed corpus where one new word shares the seeds' contexts.

Every sentence here was written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from framing.errors import FramingError, LexiconError
from framing.io import Document
from framing.lexicon import load_lexicon
from framing.lexicon.changes import merge_candidates
from framing.lexicon.suggest import SUGGEST_COLUMNS, suggest_terms
from framing.lexicon.wordspace import build_word_space

LEXICON = """name: dead
version: "1.0.0"
concepts:
  the_dead:
    axis: {negative: denigrating, positive: honouring}
    labels:
      martyr: {pole: 1, terms: [شهيد]}
      killed: {pole: 0, terms: [قتيل]}
"""

# «فقيد» (the departed) is used exactly where «شهيد» is; «النفط», «الأسواق» elsewhere.
MOURNING = ["ودع الأهالي {w} في موكب مهيب وسط هتافات التكبير",
            "شيع آلاف المواطنين {w} إلى مثواه الأخير في مقبرة البلدة",
            "رفعت صور {w} على جدران المدينة وأعلنت العائلة الحداد"]
MARKET = ["ارتفع سعر النفط في الأسواق العالمية مع تراجع المخزون",
          "تراجعت الأسهم في الأسواق الخليجية بعد إعلان النتائج",
          "أعلنت الشركة عن أرباح فصلية فاقت توقعات المحللين في السوق"]


def corpus() -> list[Document]:
    docs = []
    for i in range(60):
        outlet = "alpha" if i % 2 else "beta"
        word = ["شهيد", "الشهيد", "فقيد", "الفقيد"][i % 4] if outlet == "alpha" or i % 3 else "قتيل"
        text = " ".join([MOURNING[i % 3].format(w=word), MARKET[i % 3]])
        docs.append(Document(f"d{i}", outlet, text))
    return docs


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("lex") / "dead.yaml"
    path.write_text(LEXICON, encoding="utf-8")
    return load_lexicon(path)


@pytest.fixture(scope="module")
def space():
    return build_word_space(corpus(), min_count=5, dimensions=8, window=3)


def test_the_word_sharing_the_seeds_contexts_ranks_first(lexicon, space) -> None:
    table = suggest_terms(space, lexicon, concept="the_dead", label="martyr", top=10, skip_top=0)
    assert list(table.columns) == SUGGEST_COLUMNS
    top = table.iloc[0]
    assert top["term"] == "فقيد"
    assert top["nearest_lexicon_terms"].startswith("شهيد (")
    assert top["count"] == 25  # «فقيد» and «الفقيد», clitics folded
    assert top["count_by_group"] == "alpha: 15; beta: 10"
    assert "[فقيد]" in top["example_1"] or "[الفقيد]" in top["example_1"]
    assert {top["example_1"].split(":")[0], top["example_2"].split(":")[0]} == {"alpha", "beta"}
    assert table["decision"].eq("").all() and table["concept"].eq("the_dead").all()
    market = table.set_index("term")["similarity"].get("النفط")
    assert market is None or market < top["similarity"]
    assert "شهيد" not in set(table["term"]) and "قتيل" not in set(table["term"])


def test_same_seed_same_table(lexicon) -> None:
    a = suggest_terms(corpus(), lexicon, concept="the_dead", min_count=5, dimensions=8, top=5,
                      skip_top=0)
    b = suggest_terms(corpus(), lexicon, concept="the_dead", min_count=5, dimensions=8, top=5,
                      skip_top=0)
    pd.testing.assert_frame_equal(a, b)
    assert len(a) == 5 and a["nearest_lexicon_terms"].str.contains(r"\[(?:martyr|killed)\]").all()


def test_suggest_then_merge(lexicon, space, tmp_path: Path) -> None:
    table = suggest_terms(space, lexicon, concept="the_dead", label="martyr", top=3, skip_top=0)
    table.loc[0, "decision"] = "accept:martyr"
    table.loc[1:, "decision"] = "reject"
    merged, report = merge_candidates(lexicon, table)
    assert [t.text for t in merged.label("the_dead", "martyr").terms] == ["شهيد", "فقيد"]
    assert merged.version == "1.1.0" and report.rejected == len(table) - 1


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"concept": "nope"}, LexiconError, r"no concept 'nope' in lexicon 'dead'; its concepts: the_dead"),
        ({"concept": "the_dead", "label": "x"}, LexiconError,
         r"no label 'x' in concept 'the_dead'; its labels: martyr, killed"),
        ({"concept": "the_dead", "top": 0}, FramingError, r"'top' parameter must be a whole number >= 1"),
        ({"concept": "the_dead", "distinctiveness_weight": 2}, FramingError,
         r"'distinctiveness_weight' parameter must be between 0 and 1"),
    ],
)
def test_bad_requests(lexicon, space, kwargs: dict, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        suggest_terms(space, lexicon, **kwargs)


def test_no_seed_in_the_corpus(lexicon) -> None:
    docs = [Document(str(i), "a", MARKET[i % 3]) for i in range(30)]
    with pytest.raises(FramingError, match=r"no term of the_dead/martyr occurs often enough"):
        suggest_terms(docs, lexicon, concept="the_dead", label="martyr", min_count=2, dimensions=4)
