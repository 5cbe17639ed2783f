"""The readers against generated input: random JSON values, random CSV quoting, random bytes.

Laws: reading either succeeds or raises a :class:`~framing.errors.CorpusError` whose message is
one line; nothing else escapes (no traceback on the command line); and no row is lost: documents
read + rows skipped = rows in the file, with the documents exactly the rows whose text is a
non-blank string.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing import read_corpus
from framing.cli import main
from framing.engines import LocalEngine
from framing.errors import CorpusError
from framing.io.units import run_units
from framing.utils import plural
from tests.conftest import MINI

FUZZ = settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) \
    | st.text(max_size=20) | st.sampled_from(["قصفت قوات الاحتلال", "  ", "", "المقاومة\n\nالاحتلال"])
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(alphabet="xyz", max_size=3), inner, max_size=3),
                      max_leaves=6)
objects = st.fixed_dictionaries({"id": st.text(max_size=6), "outlet": st.text(max_size=6), "text": values})
lines = st.lists(objects | values, min_size=1, max_size=10)


def _count(docs: Any, state: Any) -> int:
    return sum(1 for _ in docs)


def _expected(rows: list[Any]) -> tuple[int, int, int]:
    """(documents, empty, unreadable) the reader must report for JSON rows."""
    documents = empty = unreadable = 0
    for row in rows:
        if not isinstance(row, dict):
            unreadable += 1
        elif row.get("text") is None or (isinstance(row["text"], str) and not row["text"].strip()):
            empty += 1
        elif isinstance(row["text"], str):
            documents += 1
        else:
            unreadable += 1
    return documents, empty, unreadable


def _one_line(exc: BaseException) -> bool:
    return "\n" not in str(exc) and "\r" not in str(exc)


@FUZZ
@given(rows=lines, ascii_only=st.booleans())
def test_random_json_values(rows: list[Any], ascii_only: bool, tmp_path_factory: Any) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "c.jsonl"
    text = "".join(json.dumps(row, ensure_ascii=ascii_only) + "\n" for row in rows)
    if any("\ud800" <= c <= "\udfff" for c in text):  # a lone surrogate has no UTF-8 form: escape it
        text = "".join(json.dumps(row) + "\n" for row in rows)
    path.write_text(text, encoding="utf-8")
    documents, empty, unreadable = _expected(rows)
    first = next((row for row in rows if isinstance(row, dict)), None)
    for run in ("read", "units"):
        corpus = read_corpus(path)
        try:
            got = (sum(1 for _ in corpus) if run == "read"
                   else sum(r.value for r in run_units(LocalEngine(1), _count, corpus)))
        except CorpusError as exc:
            assert _one_line(exc)
            if json.dumps(rows[0]).startswith("["):
                assert "holds a JSON array" in str(exc)
            elif first is not None and "text" not in first:
                assert "no text column" in str(exc)
            else:
                assert documents == 0 and "no documents to analyse" in str(exc)
                assert f"every row was skipped ({plural(empty + unreadable, 'row')}: " in str(exc)
            continue
        report = corpus.report
        assert (got, report.documents, report.empty, report.unreadable) == (documents, documents, empty,
                                                                            unreadable)
        assert report.documents + report.skipped == len(rows)


fields = st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]) | st.sampled_from(
    ['"', ",", ";", "\n", "\r", "\t", " ", "'", "|"]), max_size=30)
records = st.lists(st.tuples(st.text(max_size=5, alphabet="abc123"), fields, fields), min_size=1,
                   max_size=8)


@FUZZ
@given(rows=records, quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC]))
def test_random_csv_quoting(rows: list[tuple[str, str, str]], quoting: int, tmp_path_factory: Any
                            ) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "c.csv"
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=quoting)
    writer.writerow(["id", "outlet", "text"])
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    documents = sum(1 for _, _, text in rows if text.strip())
    corpus = read_corpus(path)
    try:
        got = [d.text for d in corpus]
    except CorpusError as exc:
        assert _one_line(exc) and documents == 0 and "no documents to analyse" in str(exc)
        return
    assert got == [text for _, _, text in rows if text.strip()]
    assert corpus.report.documents + corpus.report.skipped == len(rows)
    assert corpus.report.notes == []  # the comma is the delimiter; nothing guessed


PREFIXES = [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF32_LE, b'{"text": "',
            b"id,outlet,text\n", b"\x1f\x8b", b"PK\x03\x04"]


@FUZZ
@given(prefix=st.sampled_from(PREFIXES), data=st.binary(max_size=200),
       suffix=st.sampled_from([".jsonl", ".csv", ".tsv", ".jsonl.gz", ".parquet", ".txt"]),
       encoding=st.sampled_from(["utf-8", "auto", "cp1256"]))
def test_random_bytes(prefix: bytes, data: bytes, suffix: str, encoding: str, tmp_path_factory: Any
                      ) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / f"c{suffix}"
    path.write_bytes(prefix + data)
    corpus = read_corpus(folder if suffix == ".txt" else path, encoding=encoding)
    try:
        got = sum(1 for _ in corpus)
    except CorpusError as exc:
        assert _one_line(exc)
        return
    report = corpus.report
    assert got == report.documents > 0
    assert all(_one_line(note) for note in report.notes)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(prefix=st.sampled_from(PREFIXES), data=st.binary(max_size=120),
       suffix=st.sampled_from([".jsonl", ".csv", ".jsonl.gz", ".parquet"]),
       jobs=st.sampled_from(["1", "2"]))
def test_the_command_line_says_one_line(prefix: bytes, data: bytes, suffix: str, jobs: str,
                                        tmp_path_factory: Any) -> None:
    folder: Path = tmp_path_factory.mktemp("fuzz")
    path = folder / f"c{suffix}"
    path.write_bytes(prefix + data)
    result = CliRunner().invoke(main, ["score", str(path), "-l", str(MINI), "--jobs", jobs,
                                       "-o", str(folder / "out")])
    assert result.exit_code in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    if result.exit_code:
        assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("Error: ")
        assert not (folder / "out").exists()
    else:
        assert sorted(p.name for p in (folder / "out").iterdir()) == ["documents.csv", "groups.csv"]
