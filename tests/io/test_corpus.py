from __future__ import annotations

import gzip
import json
from pathlib import Path

import pandas as pd
import pytest

from framing.errors import CorpusError
from framing.io.corpus import load_sample, read_corpus
from tests.conftest import DOCS


def frame() -> pd.DataFrame:
    return pd.DataFrame(DOCS, columns=["id", "outlet", "date", "text"])


def ids(corpus) -> list[str]:
    return [d.doc_id for d in corpus]


def test_txt_folder(tmp_path: Path) -> None:
    for doc_id, outlet, _, text in DOCS:
        (tmp_path / outlet).mkdir(exist_ok=True)
        (tmp_path / outlet / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    docs = list(read_corpus(tmp_path))
    expected = [f"{o}/{i}.txt" for i, o, _, _ in sorted(DOCS, key=lambda r: (r[1], r[0]))]
    assert [d.doc_id for d in docs] == expected
    assert {d.outlet for d in docs} == {"alpha", "beta", "gamma"}
    assert all((tmp_path / d.doc_id).read_text(encoding="utf-8") == d.text for d in docs)


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".jsonl", ".jsonl.gz", ".parquet"])
def test_table_formats(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"corpus{suffix}"
    df = frame()
    if suffix == ".csv":
        df.to_csv(path, index=False)
    elif suffix == ".tsv":
        df.to_csv(path, index=False, sep="\t")
    elif suffix == ".parquet":
        df.to_parquet(path)
    else:
        lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in df.to_dict("records"))
        if suffix.endswith(".gz"):
            path.write_bytes(gzip.compress(lines.encode("utf-8")))
        else:
            path.write_text(lines, encoding="utf-8")
    docs = list(read_corpus(path))
    assert [(d.doc_id, d.outlet, d.date, d.text) for d in docs] == DOCS


def test_dataframe_input() -> None:
    assert ids(read_corpus(frame())) == [d[0] for d in DOCS]


def test_title_is_prepended_and_columns_renamed(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    pd.DataFrame({"art": ["نص الخبر"], "src": ["alpha"], "headline": ["عنوان"], "key": ["k1"]}
                 ).to_csv(path, index=False)
    (doc,) = read_corpus(path, text_col="art", outlet_col="src", title_col="headline", id_col="key")
    assert (doc.doc_id, doc.outlet, doc.text) == ("k1", "alpha", "عنوان\n\nنص الخبر")


def test_media_cloud_export_reads_without_flags(tmp_path: Path) -> None:
    path = tmp_path / "mc.csv"
    pd.DataFrame({
        "id": ["s1", "s2"], "publish_date": ["2024-01-02 10:00:00", "2024-01-03 11:00:00"],
        "title": ["قصف قوات الاحتلال", "غارة إسرائيلية"], "url": ["u1", "u2"], "language": ["ar"] * 2,
        "media_name": ["alpha.example", "beta.example"], "media_url": ["a", "b"],
        "indexed_date": ["x", "y"],
    }).to_csv(path, index=False)
    corpus = read_corpus(path)
    docs = list(corpus)
    assert [(d.doc_id, d.outlet, d.date, d.text) for d in docs] == [
        ("s1", "alpha.example", "2024-01-02 10:00:00", "قصف قوات الاحتلال"),
        ("s2", "beta.example", "2024-01-03 11:00:00", "غارة إسرائيلية")]
    assert any("titles only" in n for n in corpus.report.notes)


def test_cp1256(tmp_path: Path) -> None:
    path = tmp_path / "win.csv"
    frame().to_csv(path, index=False, encoding="cp1256")
    with pytest.raises(CorpusError, match=r"win.csv: cannot decode as utf-8 .* pass --encoding cp1256"):
        list(read_corpus(path))
    assert [d.text for d in read_corpus(path, encoding="cp1256")] == [d[3] for d in DOCS]


def test_cp1256_txt(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "1.txt").write_bytes("قوات الاحتلال".encode("cp1256"))
    with pytest.raises(CorpusError, match=r"1.txt: cannot decode as utf-8"):
        list(read_corpus(tmp_path))
    assert [d.text for d in read_corpus(tmp_path, encoding="cp1256")] == ["قوات الاحتلال"]


def test_missing_named_column_lists_columns(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    frame().to_csv(path, index=False)
    with pytest.raises(CorpusError, match=r"no column 'body' \(--text-col\); columns present: "
                                          r"id, outlet, date, text"):
        list(read_corpus(path, text_col="body"))


def test_no_text_column(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    pd.DataFrame({"a": [1], "b": [2]}).to_csv(path, index=False)
    with pytest.raises(CorpusError, match=r"no text column .* Columns present: a, b"):
        list(read_corpus(path))


def test_empty_and_unreadable_rows_are_counted(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    rows = [json.dumps({"id": "1", "outlet": "a", "text": "نص"}), "{not json",
            json.dumps({"id": "2", "outlet": "a", "text": "   "}),
            json.dumps({"id": "3", "outlet": "a", "text": None}),
            json.dumps({"id": "4", "outlet": "a", "text": "نص آخر"})]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    corpus = read_corpus(path)
    assert ids(corpus) == ["1", "4"]
    report = corpus.report
    assert (report.documents, report.empty, report.unreadable) == (2, 2, 1)
    assert "skipped 3 rows: 2 with empty text, 1 unreadable" in report.summary()
    assert report.examples[0].endswith("c.jsonl:2: unreadable (not valid JSON)")


def test_ragged_csv_row_is_counted(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("id,outlet,text\n1,a,نص\n2,a,نص,زائد\n", encoding="utf-8")
    corpus = read_corpus(path)
    assert ids(corpus) == ["1"] and corpus.report.unreadable == 1


def test_missing_path() -> None:
    with pytest.raises(CorpusError, match=r"nope.csv: no such file or folder"):
        read_corpus("nope.csv")


def test_lone_surrogate_in_documents_made_in_python_is_replaced_and_reported() -> None:
    """Documents or a DataFrame made in Python can hold a lone surrogate (no UTF-8 form, which
    pyarrow and pandas' string columns refuse): U+FFFD at the same offset, in every field, with
    a note; the tables that quote text are built."""
    import framing
    from framing.io.corpus import Document, as_corpus

    docs = [Document("a\udc80", "x", "قوات الاحتلال \ud83d قصفت المدينة", "2024-01-0\ud800",
                     {"section": "أخبار\udfff"}),
            Document("b", "y\ud83d", "القوات الأميركية \ud83d\ude00 والمقاومة"),
            Document("c", "x", "المقاومة في المدينة \U0001F600"),
            Document("d", "y", "قوات التحالف الدولي")]
    corpus = as_corpus(docs)
    got = list(corpus)
    assert [d.text for d in got] == ["قوات الاحتلال \ufffd قصفت المدينة",
                                     "القوات الأميركية \ufffd\ufffd والمقاومة",
                                     "المقاومة في المدينة \U0001F600", "قوات التحالف الدولي"]
    assert (got[0].doc_id, got[0].date, got[0].meta, got[1].outlet) == (
        "a\ufffd", "2024-01-0\ufffd", {"section": "أخبار\ufffd"}, "y\ufffd")
    assert got[2] is docs[2] and any("lone surrogates" in note for note in corpus.report.notes)
    clean = [Document("c", "x", "نص")]
    assert not (c := as_corpus(clean)).report.notes and list(c) == clean and not c.report.notes
    frame = pd.DataFrame({"id": [d.doc_id for d in docs], "outlet": [d.outlet for d in docs],
                          "text": [d.text for d in docs]}, dtype=object)
    for data in (docs, frame):
        assert "\ufffd" in framing.kwic(data, "احتلال")["right"].iloc[0]
        table = framing.discover(data, min_count=1, top=3, lexicon=None)
        assert len(table) and "".join(table["example"]).encode("utf-8")


def test_sample_corpus_is_constructed_and_complete() -> None:
    docs = list(load_sample())
    assert len(docs) >= 120
    assert len({d.outlet for d in docs}) >= 4
    assert all(d.date and d.text for d in docs)
    assert len({d.doc_id for d in docs}) == len(docs)


def test_lone_surrogate_escape_is_replaced_and_reported(tmp_path: Path) -> None:
    """JSON can escape a lone surrogate (not a character, no UTF-8 form): it becomes U+FFFD at the
    same offset, with a note; a proper pair stays one character."""
    path = tmp_path / "s.jsonl"
    path.write_text('{"id": "a", "outlet": "x", "text": "قوات \\ud800 الاحتلال \\ud83d\\ude00"}\n'
                    '{"id": "b", "outlet": "x", "text": "نص \\u0645"}\n', encoding="utf-8")
    corpus = read_corpus(path)
    docs = list(corpus)
    assert docs[0].text == "قوات \ufffd الاحتلال \U0001F600" and docs[1].text == "نص م"
    assert any("lone surrogate" in note for note in corpus.report.notes)
    path.write_text('{"id": "c", "outlet": "x", "text": "نص \\ud83d\\ude00"}\n', encoding="utf-8")
    corpus = read_corpus(path)
    assert [d.text for d in corpus] == ["نص \U0001F600"] and not corpus.report.notes
