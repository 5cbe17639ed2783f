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

from framing.analysis.discovery import DEFAULT_STOPWORDS, DISCOVER_COLUMNS, discover, read_stopwords
from framing.analysis.discovery.words import BOUNDARY, PARA, encode_texts
from framing.analysis.discovery.words import is_stop as _is_stop
from framing.analysis.discovery.words import stop_forms as _stop_forms
from framing.cli import main
from framing.engines import ThreadEngine
from framing.errors import FramingError
from framing.io.corpus import Document
from framing.text.normalizer import Normalizer
from framing.text.stemming import light_stem, light_stems
from framing.text.tokens import WORD_RE
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


def test_threads_give_the_same_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """Documents in memory with jobs > 1 run in threads, a unit of eight documents each, split in
    batches of three texts: the units must come back in order and give the same table."""
    from framing.analysis.discovery import words

    monkeypatch.setattr(words, "BATCH_DOCS", 3)
    docs = [*_corpus(), Document("c-00", "gamma", "سطر أول\nسطر «ثان»، و(ثالث)!"),
            Document("c-01", "gamma", "")]
    one = discover(docs, top=None, min_count=2, lexicon=str(MINI))
    pd.testing.assert_frame_equal(one, discover(docs, top=None, min_count=2, lexicon=str(MINI), jobs=3))
    pd.testing.assert_frame_equal(one, discover(docs, top=None, min_count=2, lexicon=str(MINI),
                                                engine=ThreadEngine(3, chunk_size=1)))


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


def reference_encode(texts: list[str]) -> tuple[list[str | None], list[int]]:
    """The definition of :func:`encode_texts`: per document, its whitespace chunks (a line break
    is a boundary of its own, and so is the end of the document), each cut into the words of
    WORD_RE, with one boundary (None) for each run of other characters inside a chunk."""
    spelled: list[str | None] = []
    lengths = []
    for text in texts:
        n = 0
        chunks = [c for line in text.split("\n") for c in (*line.split(), PARA)][:-1] + [PARA]
        for chunk in chunks:
            if chunk == PARA:
                spelled.append(PARA)
                n += 1
                continue
            end = 0
            for m in WORD_RE.finditer(chunk):
                if m.start() > end:
                    spelled.append(None)
                    n += 1
                spelled.append(m.group())
                n += 1
                end = m.end()
            if end < len(chunk):
                spelled.append(None)
                n += 1
        lengths.append(n)
    return spelled, lengths


def _spelled(encoded: tuple) -> list[str | None]:
    """The word at every position (None: a boundary), whatever the numbering of word types."""
    words, _, surfaces = encoded
    return [surfaces[w] if w >= 0 else None for w in words.tolist()]


def test_encode_examples() -> None:
    texts = ["قوات الاحتلال، «المقاومة»\nوالشهداء", "", "  \n ", "غزة (الاحتلال) - 2024.", "غزة\n\nغزة"]
    encoded = encode_texts(texts)
    spelled, lengths = reference_encode(texts)
    assert _spelled(encoded) == spelled and encoded[1].tolist() == lengths
    # words and boundaries (punctuation, line and document ends) per document
    assert lengths == [9, 1, 2, 8, 5]
    assert BOUNDARY == -1


_PIECES = ["غزة", "الاحتلال", "و", "2024", "«", "»", "،", ".", "-", "(", ")", "\n", " ", "  ", "\t",
           "\u00a0", "\u3000", "\ue000", "\U0001F600", "\U0001D11E", "a", "_", "٫", "\x00"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join), min_size=1, max_size=6))
def test_encode_equals_the_reference(texts: list[str]) -> None:
    encoded = encode_texts(texts)
    spelled, lengths = reference_encode(texts)
    assert _spelled(encoded) == spelled
    assert encoded[1].tolist() == lengths


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
    from framing.analysis.discovery.ngrams import group_totals as _group_totals

    rng = np.random.default_rng(7)
    for _ in range(300):
        runs = int(rng.integers(0, 12))
        groups = np.repeat(rng.integers(0, 4, size=runs), rng.integers(0, 6, size=runs)).astype(np.int32)
        valid = rng.random(len(groups)) < 0.5
        assert _group_totals(groups, valid, 4).tolist() == np.bincount(groups[valid], minlength=4).tolist()


@pytest.mark.parametrize("wide", [False, True])  # keys packed in 63 bits, or (wider) rows sorted by columns
def test_house_style_tally_sums_the_weights_of_equal_rows(wide: bool) -> None:
    from collections import Counter

    from framing.analysis.discovery.house import _tally

    rng = np.random.default_rng(7)
    widths = [7, 3, 40, 40, 40]
    columns = [rng.integers(0, w, 2000) for w in widths]
    weights = rng.integers(1, 9, 2000)
    if wide:
        widths = [7, 3] + [2**40] * 3
    summed: Counter[tuple[int, ...]] = Counter()
    seen: Counter[tuple[int, ...]] = Counter()
    for row, w in zip(zip(*(c.tolist() for c in columns), strict=True), weights.tolist(), strict=True):
        summed[row] += w
        seen[row] += 1
    for weighted, expected in ((weights, summed), (None, seen)):
        rows, counts = _tally(columns, widths, weighted)
        assert rows.tolist() == sorted(rows.tolist())
        assert dict(zip(map(tuple, rows.tolist()), counts.tolist(), strict=True)) == expected
