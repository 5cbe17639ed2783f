"""framing.discover: clitic-aware units, log-odds laws, invariance, errors, CLI."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.analysis.discovery.core import (
    DEFAULT_STOPWORDS,
    DISCOVER_COLUMNS,
    _is_stop,
    _stop_forms,
    discover,
    read_stopwords,
)
from framing.cli import main
from framing.errors import FramingError
from framing.io.corpus import Document
from framing.text.normalizer import Normalizer
from framing.text.stemming import light_stem, light_stems
from tests.conftest import MINI

A_TEXTS = [
    "أعلنت المقاومة الإسلامية استهداف الموقع، وقالت المقاومة إن العملية نجحت.",
    "وأكدت فصائل المقاومة أن الرد قادم. وأشاد البيان بالمقاومة الباسلة.",
    "بيان للمقاومة عن عملية جديدة في ريف المدينة.",
]
B_TEXTS = [
    "هاجمت الميليشيات قاعدة أميركية. وقالت مصادر إن الميليشيات أطلقت صواريخ.",
    "تبنت الميليشيات المدعومة من إيران الهجوم على القاعدة في ريف المدينة.",
    "وأدانت الحكومة هجمات الميليشيات على المنشآت.",
]


def _corpus(n: int = 12) -> list[Document]:
    docs = [Document(f"a-{i:02d}", "alpha", A_TEXTS[i % 3]) for i in range(n)]
    return docs + [Document(f"b-{i:02d}", "beta", B_TEXTS[i % 3]) for i in range(n)]


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return discover(_corpus(), top=None, min_count=3, lexicon=str(MINI))


def test_columns_and_top_terms(table: pd.DataFrame) -> None:
    assert list(table.columns) == DISCOVER_COLUMNS
    top = table.groupby("group").head(1).set_index("group")
    assert top.loc["alpha", "term"] == "المقاومة"
    assert top.loc["beta", "term"] == "الميليشيات"
    assert top.loc["alpha", "in_lexicon"] == "armed_groups:resistance"
    assert top.loc["beta", "in_lexicon"] == "armed_groups:militia"
    assert "[" in top.loc["alpha", "example"] and "]" in top.loc["alpha", "example"]


def test_clitic_forms_count_as_one_unit(table: pd.DataFrame) -> None:
    row = table[(table["group"] == "alpha") & (table["term"] == "المقاومة")].iloc[0]
    # المقاومة x2 + المقاومة + بالمقاومة + للمقاومة per three documents, over 12 documents
    assert row["count_group"] == 20 and row["count_rest"] == 0


def test_pair_and_swap_negate_every_z(table: pd.DataFrame) -> None:
    ab = discover(_corpus(), pair=("alpha", "beta"), top=None, min_count=3, lexicon=None)
    z = ab.pivot_table(index="term", columns="group", values="z")
    assert z["alpha"].to_numpy() == pytest.approx(-z["beta"].to_numpy())
    ba = discover(_corpus(), pair=("beta", "alpha"), top=None, min_count=3, lexicon=None)
    pd.testing.assert_frame_equal(ab, ba)
    # group-vs-rest with two groups is the same comparison
    assert sorted(ab["z"].round(9)) == sorted(table["z"].round(9))


def test_absent_term_gets_a_finite_z(table: pd.DataFrame) -> None:
    absent = table[(table["count_rest"] == 0) | (table["count_group"] == 0)]
    assert len(absent) > 0 and np.isfinite(absent["z"]).all()
    assert (table[table["count_group"] == 0]["z"] < 0).all()


def test_threads_give_the_same_split_and_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """Documents in memory with jobs > 1 run in threads; batches of three texts, so that the
    threads' batches must come back in order."""
    import framing.analysis.discovery.core as module

    monkeypatch.setattr(module, "BATCH_DOCS", 3)
    docs = [*_corpus(), Document("c-00", "gamma", "سطر أول\nسطر «ثان»، و(ثالث)!"),
            Document("c-01", "gamma", "")]
    texts = [d.text for d in docs]
    one, many = module._encode(texts), module._encode(texts, threads=3)
    assert len(texts) > 3 * 3
    for a, b in zip(one, many, strict=True):
        assert list(a) == list(b)
    pd.testing.assert_frame_equal(discover(docs, top=None, min_count=2, lexicon=str(MINI)),
                                  discover(docs, top=None, min_count=2, lexicon=str(MINI), jobs=3))


def test_row_order_does_not_change_any_output() -> None:
    docs = _corpus()
    shuffled = docs[:]
    random.Random(3).shuffle(shuffled)
    pd.testing.assert_frame_equal(discover(docs, top=5, min_count=2, lexicon=str(MINI)),
                                  discover(shuffled, top=5, min_count=2, lexicon=str(MINI)))


def test_stop_words_do_not_begin_or_end_ngrams(table: pd.DataFrame) -> None:
    norm = Normalizer()
    for term in table["term"]:
        words = [norm(w) for w in term.split()]
        for edge in (words[0], words[-1]):
            assert edge not in {"في", "من", "علي", "ان", "عن"}
    assert "المدعومة من إيران" in set(table["term"])  # a stop word inside a trigram is kept


def test_ngrams_do_not_cross_punctuation(table: pd.DataFrame) -> None:
    # «... نجحت. وأكدت ...» and «الموقع، وقالت» never form an n-gram
    assert not any("نجحت وأكدت" in t or "الموقع وقالت" in t for t in table["term"])


def test_custom_stopwords(tmp_path: Path) -> None:
    path = tmp_path / "stop.txt"
    path.write_text("# mine\nالمقاومة\n", encoding="utf-8")
    stops = read_stopwords(path)
    assert stops == frozenset({"المقاومه"})
    out = discover(_corpus(), stopwords=stops, min_count=3, lexicon=None)
    assert "المقاومة" not in set(out["term"])
    with pytest.raises(FramingError, match=r"stop-word file .* not found"):
        read_stopwords(tmp_path / "none.txt")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"pair": ("alpha", "gamma")}, r"--pair group 'gamma' not found; groups are: alpha, beta"),
        ({"pair": ("alpha", "alpha")}, r"--pair needs two different groups"),
        ({"top": 0}, r"'top' parameter must be a positive integer or None"),
        ({"min_count": 0}, r"'min_count' parameter must be an integer >= 1"),
        ({"max_n": 4}, r"'max_n' parameter must be 1, 2 or 3"),
        ({"alpha0": -1.0}, r"'alpha0' parameter must be > 0"),
        ({"by": "colour"}, r"no column 'colour' to group by"),
    ],
)
def test_errors(kwargs: dict, message: str) -> None:
    with pytest.raises(FramingError, match=message):
        discover(_corpus(2), lexicon=None, **kwargs)


def test_one_group_is_an_error() -> None:
    with pytest.raises(FramingError, match="found only alpha group"):
        discover(_corpus(2)[:2], lexicon=None)


_ARABIC = st.text(alphabet="وفبكلاهيمنتةعسرقد", min_size=1, max_size=9)


@settings(max_examples=200, deadline=None)
@given(forms=st.lists(_ARABIC, max_size=40, unique=True), extra=st.sets(_ARABIC, max_size=20))
def test_stop_words_in_bulk_equal_one_by_one(forms: list[str], extra: set[str]) -> None:
    stems = light_stems(forms, set(forms) | extra)
    stops = DEFAULT_STOPWORDS | {w for w in extra if len(w) < 4}
    expected = [_is_stop(w, s, stops) for w, s in zip(forms, stems, strict=True)]
    assert _stop_forms(forms, stems, stops).tolist() == expected


def test_stems_and_stop_words_in_bulk_on_corpus_words() -> None:
    norm = Normalizer()
    extra = {"وقواتها", "فبالقوات", "لفصائلهم", "وللبيان", "وبعملياته", "فلها", "وعليهم", "بكل", "لخلال"}
    words = sorted({norm(w) for text in A_TEXTS + B_TEXTS for w in text.split()} | extra)
    vocabulary = set(words) | {"قوات", "فصائل", "بيان", "عمليه"}
    stems = light_stems(words, vocabulary)
    assert stems == [light_stem(w, vocabulary) for w in words]
    assert {"قوات", "فصائل", "بيان", "عمليه"} <= set(stems)
    stop = dict(zip(words, _stop_forms(words, stems, DEFAULT_STOPWORDS).tolist(), strict=True))
    assert stop["وعليهم"] and stop["بكل"] and stop["فلها"] and stop["لخلال"] and not stop["وقواتها"]


@pytest.mark.parametrize("normalizer", [Normalizer(), Normalizer(teh_marbuta=False), Normalizer(variants=())])
def test_bulk_normalisation_equals_one_by_one(normalizer: Normalizer) -> None:
    surfaces = ["الأمريكيّة", "ﻻ", "آﺧﺮ", "\ufdfc", "پی", "ی", "ك", "شـهيد", "٧", "ا\u0654", "abc",
                "إسرائيل", "مَليشيات", "ﷺ"]
    assert normalizer.many(surfaces) == [normalizer(s) for s in surfaces]
    plain = [s for s in surfaces if s.isalpha()]
    assert normalizer.many(plain) == [normalizer(s) for s in plain]


def test_cli_discover(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for d in _corpus():
            fh.write(json.dumps({"id": d.doc_id, "outlet": d.outlet, "text": d.text},
                                ensure_ascii=False) + "\n")
    out = tmp_path / "terms.csv"
    result = CliRunner().invoke(main, ["discover", str(path), "-l", str(MINI), "--top", "5",
                                       "--min-count", "3", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "المقاومة  [armed_groups:resistance]" in result.stdout
    frame = pd.read_csv(out, keep_default_na=False)
    assert list(frame.columns) == DISCOVER_COLUMNS and len(frame) == 10
    pair = CliRunner().invoke(main, ["discover", str(path), "-l", str(MINI), "--pair", "beta", "alpha"])
    assert pair.exit_code == 0 and "الميليشيات" in pair.stdout
    bad = CliRunner().invoke(main, ["discover", str(path), "--pair", "alpha", "x"])
    assert bad.exit_code == 1 and "--pair group 'x' not found" in bad.stderr


def test_cli_discover_sample() -> None:
    result = CliRunner().invoke(main, ["discover", "--sample", "-l", str(MINI), "--top", "3"])
    assert result.exit_code == 0, result.output
    assert "thura" in result.stdout and "الاحتلال" in result.stdout


def _encode_both(texts: list[str]) -> tuple[tuple, tuple]:
    """``_encode`` without pyarrow (the reference) and with it."""
    from framing.analysis.discovery.core import _encode
    from framing.utils import _PYARROW

    saved = _PYARROW[:]
    try:
        _PYARROW[:] = [None]
        plain = _encode(texts)
        _PYARROW[:] = []
        arrow = _encode(texts)
    finally:
        _PYARROW[:] = saved
    return plain, arrow


def _spelled(encoded: tuple) -> list[str | None]:
    """The word at every position (None: a boundary), whatever the numbering of word types."""
    words, _, surfaces = encoded
    return [surfaces[w] if w >= 0 else None for w in words.tolist()]


def test_encode_is_the_same_with_and_without_pyarrow() -> None:
    texts = ["قوات الاحتلال، «المقاومة»\nوالشهداء", "", "  \n ", "غزة (الاحتلال) - 2024.", "غزة\n\nغزة"]
    plain, arrow = _encode_both(texts)
    assert _spelled(plain) == _spelled(arrow) and sorted(plain[2]) == sorted(arrow[2])
    # words and boundaries (punctuation, line and document ends) per document
    assert plain[1].tolist() == arrow[1].tolist() == [9, 1, 2, 8, 5]


_PIECES = ["غزة", "الاحتلال", "و", "2024", "«", "»", "،", ".", "-", "(", ")", "\n", " ", "  ", "\t",
           "\u00a0", "\u3000", "\ue001", "\ue000", "\U0001F600", "\U0001D11E", "a", "_", "٫", "\x00"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join), min_size=1, max_size=6))
def test_encode_with_pyarrow_equals_the_reference(texts: list[str]) -> None:
    plain, arrow = _encode_both(texts)
    assert _spelled(arrow) == _spelled(plain)
    assert arrow[1].tolist() == plain[1].tolist() and sorted(arrow[2]) == sorted(plain[2])




def test_examples_from_stream_positions_equal_a_search_of_the_text() -> None:
    """Each concordance line, located from the n-gram's stream position, is the one a search of
    the document's words finds, also in texts holding the private mark that ends lines."""
    import sys

    module = sys.modules["framing.analysis.discovery.core"]
    texts = [
        "قالت المقاومة الإسلامية إن \ue001 المقاومة الإسلامية مستمرة، والمقاومة الإسلامية هنا.",
        "المقاومة\nالإسلامية ليست n-gram هنا؛ لكن «المقاومة الإسلامية» نعم\n\nالمقاومة  الإسلامية",
        "\ue001\ue001 هاجمت الميليشيات قاعدة أميركية. الميليشيات هاجمت القاعدة \ue001 الميليشيات هاجمت",
        "",
        "وأدانت الحكومة هجمات الميليشيات. وأدانت الحكومة   هجمات الميليشيات على المنشآت",
    ]
    normalizer = Normalizer()
    doc_group = np.array([0, 0, 1, 1, 1])
    stream = module._tokenise(texts, doc_group, normalizer, DEFAULT_STOPWORDS)
    stream.doc_ids = [f"d{i}" for i in range(len(texts))]
    word_freq = np.bincount(stream.stems + 1, minlength=len(stream.stem_names) + 1)[1:]
    masks = module._position_masks(stream.stems, stream.stop, word_freq >= 1)
    counts = [module._ngram_counts(stream.stems, stream.groups, len(stream.stem_names), n, 2, masks, 1)
              for n in (1, 2, 3)]
    table = module._rank(counts, 2, stream.stem_names, top=None, min_count=1, alpha0=None)
    keys = module._keys(table)
    present = [k for k, c in zip(keys, table["count_group"], strict=True) if c > 0]
    examples, _ = module._examples(stream, keys, 20)
    assert sorted(examples) == sorted(present) and len(present) > 20
    stream.word_index = {w: i for i, w in enumerate(stream.surfaces)}
    for gi, gram in present:
        docs = [d for d in range(len(texts)) if doc_group[d] == gi]
        lines = [module._concordance(stream, texts[d], gram, 20) for d in docs]
        assert examples[(gi, gram)] == next(line for line in lines if line[0])


def test_stems_in_bulk_fall_back_for_text_with_no_utf8_form() -> None:
    """A lone surrogate (from a JSON "\\ud800" escape) cannot go to pyarrow: the one-by-one
    functions give the same answer."""
    forms = ["والقوات", "قوات", "وبال\ud800ت", "\ud800", "لخلال", "بهم"]
    stems = light_stems(forms)
    assert stems == [light_stem(w, set(forms)) for w in forms] and stems[0] == "قوات"
    expected = [_is_stop(w, s, DEFAULT_STOPWORDS) for w, s in zip(forms, stems, strict=True)]
    assert _stop_forms(forms, stems, DEFAULT_STOPWORDS).tolist() == expected


def test_only_ngram_of_its_length_gets_nan_without_warning() -> None:
    """In a toy corpus whose only trigram is one n-gram, that trigram's log-odds is undefined."""
    import warnings

    docs = [Document(f"a{i}", "alpha", "قوات الاحتلال هنا") for i in range(4)]
    docs += [Document(f"b{i}", "beta", "القوات الأميركية هناك والقوات") for i in range(4)]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = discover(docs, top=None, min_count=2, lexicon=None)
    undefined = table[table["z"].isna()]
    assert len(undefined) == 2 and set(undefined["term"]) == {"الأميركية هناك والقوات"}
    assert table["z"].notna().sum() == len(table) - 2


def test_group_totals_equal_a_count_of_every_valid_position() -> None:
    from framing.analysis.discovery.core import _group_totals

    rng = np.random.default_rng(7)
    for _ in range(300):
        runs = int(rng.integers(0, 12))
        groups = np.repeat(rng.integers(0, 4, size=runs), rng.integers(0, 6, size=runs)).astype(np.int32)
        valid = rng.random(len(groups)) < 0.5
        assert _group_totals(groups, valid, 4).tolist() == np.bincount(groups[valid], minlength=4).tolist()
