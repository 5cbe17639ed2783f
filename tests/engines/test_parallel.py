"""--jobs N: every stage on worker processes gives exactly the single-process outputs.

The corpus is built from constructed sentences (conftest.DOCS and a few more
written for these tests); units are made tiny (a few documents) so that
even this corpus is cut into many of them.
"""

from __future__ import annotations

import gzip
import pickle
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import framing
from framing.analysis.comparison import compare
from framing.analysis.discovery import discover
from framing.cli import main
from framing.count import iter_hits as iter_hits_parallel
from framing.count import score as score_parallel
from framing.count import score_to_folder as score_to_folder_parallel
from framing.count.hits import iter_hits
from framing.count.scoring import score, score_to_folder
from framing.engines import LocalEngine, ShardError, make_engine
from framing.errors import FramingError
from framing.io.corpus import Document, read_corpus
from framing.io.units import run_units
from framing.match.matcher import Matcher
from tests.conftest import DOCS, MINI, OUTLETS, corpus_rows, die_on_marker, write_jsonl, write_shards


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rows = corpus_rows()
    rows.insert(3, {"id": "empty", "outlet": "alpha", "date": "2024-01-01", "text": "  "})
    return write_jsonl(tmp_path_factory.mktemp("one") / "corpus.jsonl", rows, extra_lines=("{not json",))


@pytest.fixture(scope="module")
def shard_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_shards(tmp_path_factory.mktemp("shards"), prefix="part", first=20, bad_line="[1, 2]")


def engine(jobs: int = 2, **kwargs: object) -> LocalEngine:
    return LocalEngine(jobs, chunk_size=4, **kwargs)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(str(MINI))


# ----------------------------------------------------------------------------
# score, hits, compare
# ----------------------------------------------------------------------------


@pytest.mark.parametrize("source", ["corpus_file", "shard_folder"])
@pytest.mark.parametrize(("by", "voice"), [("outlet", "own"), ("month", "all"), ("outlet", "quoted")])
def test_score_equals_single_process(source: str, by: str, voice: str, matcher: Matcher,
                                     request: pytest.FixtureRequest) -> None:
    path = request.getfixturevalue(source)
    one = score(read_corpus(path), matcher, by=by, voice=voice)
    corpus = read_corpus(path)
    many = score_parallel(corpus, matcher, by=by, voice=voice, engine=engine())
    pd.testing.assert_frame_equal(one.documents, many.documents)
    pd.testing.assert_frame_equal(one.groups, many.groups)
    assert many.report.summary() == one.report.summary()
    assert many.report.examples == one.report.examples


def test_reading_report_counts_skipped_rows_with_jobs(shard_folder: Path, corpus_file: Path) -> None:
    for path in (shard_folder, corpus_file):
        corpus = read_corpus(path)
        score_parallel(corpus, "arabic-conflict", engine=engine())
        assert corpus.report.unreadable == 1
        assert corpus.report.documents == 48
    corpus = read_corpus(corpus_file)
    score_parallel(corpus, "arabic-conflict", engine=engine())
    assert corpus.report.empty == 1


def test_score_to_folder_files_are_identical(tmp_path: Path, shard_folder: Path, matcher: Matcher) -> None:
    by_month = {"2024-01": "winter", "2024-02": "winter"}
    for kwargs in ({}, {"by": "month", "groups": by_month}):
        score_to_folder(read_corpus(shard_folder), matcher, outdir=tmp_path / "one", **kwargs)
        score_to_folder_parallel(read_corpus(shard_folder), matcher, outdir=tmp_path / "many",
                                 engine=engine(), **kwargs)
        for name in ("documents.csv", "groups.csv", "copies.csv"):
            assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "many" / name).read_bytes()
        assert sorted(p.name for p in (tmp_path / "many").iterdir()) == ["copies.csv", "documents.csv",
                                                                        "groups.csv"]


def test_hits_same_rows_same_order(corpus_file: Path, matcher: Matcher) -> None:
    one = list(iter_hits(read_corpus(corpus_file), matcher, voice="all"))
    many = list(iter_hits_parallel(read_corpus(corpus_file), matcher, voice="all", engine=engine(3)))
    assert one == many and len(one) > 40


def test_compare_equals_single_process(shard_folder: Path) -> None:
    kwargs = {"n_boot": 50, "n_perm": 50, "min_hits": 2}
    one = compare(read_corpus(shard_folder), **kwargs)
    many = compare(read_corpus(shard_folder), jobs=2, **kwargs)
    for a, b in zip(one, many, strict=True):
        pd.testing.assert_frame_equal(a, b)
    assert many.report.documents == 48


# ----------------------------------------------------------------------------
# discover
# ----------------------------------------------------------------------------


@pytest.mark.parametrize("kwargs", [
    {"top": 5, "min_count": 2},
    {"top": None, "min_count": 1, "max_n": 2},
    {"pair": ("beta", "alpha"), "top": 8, "min_count": 2},
    {"by": "month", "top": 4, "min_count": 3, "lexicon": None},
])
@pytest.mark.parametrize("jobs", [1, 2])
def test_discover_equals_in_memory(kwargs: dict, jobs: int, corpus_file: Path, shard_folder: Path) -> None:
    for path in (corpus_file, shard_folder):
        one = discover(read_corpus(path), **kwargs)
        many = discover(read_corpus(path), engine=engine(jobs), **kwargs)
        pd.testing.assert_frame_equal(one, many)
        assert len(one) > 0


def test_discover_vocabulary_merged_unit_by_unit(shard_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Forms numbered as each unit arrives give the same table; counts summed over the units
    (not one unit's) decide ``min_count``."""
    from framing.analysis.discovery import stages as discover_stream

    ones = [discover(read_corpus(shard_folder), top=None, min_count=k) for k in (1, 6, 12)]
    units = []
    add = discover_stream.Vocabulary.add
    monkeypatch.setattr(discover_stream.Vocabulary, "add",
                        lambda self, forms, counts: (units.append(len(forms)), add(self, forms, counts))[1])
    for k, one in zip((1, 6, 12), ones, strict=True):
        many = discover(read_corpus(shard_folder), top=None, min_count=k, engine=engine(1))
        pd.testing.assert_frame_equal(one, many)
    assert len(units) == 3 * 3 and all(units)  # three shards a run


def test_discover_errors_are_the_same(corpus_file: Path) -> None:
    with pytest.raises(FramingError, match="--pair group 'zeta' not found"):
        discover(read_corpus(corpus_file), pair=("alpha", "zeta"), engine=engine())
    only = [Document(f"x{i}", "alpha", t) for i, (_, _, _, t) in enumerate(DOCS)]
    for kwargs in ({"jobs": 2}, {"engine": engine()}):  # threads (documents in memory), processes
        with pytest.raises(FramingError, match="found only alpha group"):
            discover(only, **kwargs)
    for path_or_documents in (read_corpus(corpus_file), only):
        with pytest.raises(FramingError, match="'jobs' parameter must be an integer >= 0"):
            discover(path_or_documents, jobs=-1)


def test_discover_when_no_ngram_is_frequent_enough(corpus_file: Path) -> None:
    for kwargs in ({}, {"jobs": 2}):
        table = discover(read_corpus(corpus_file), min_count=10_000, **kwargs)
        assert table.empty and list(table.columns)[:2] == ["group", "term"]


def test_spill_files_are_removed(corpus_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    discover(read_corpus(corpus_file), engine=engine(), top=3)
    assert list(tmp_path.iterdir()) == []


# ----------------------------------------------------------------------------
# bad shards, dead workers, atomic outputs
# ----------------------------------------------------------------------------


@pytest.fixture()
def bad_folder(tmp_path: Path, shard_folder: Path) -> Path:
    folder = tmp_path / "bad"
    folder.mkdir()
    for p in shard_folder.iterdir():
        (folder / p.name).write_bytes(p.read_bytes())
    (folder / "part-1b.jsonl.gz").write_bytes(gzip.compress(b'{"text": "\xd8\xa7"}\n' * 50)[:40])
    return folder


def test_bad_shard_is_named(bad_folder: Path) -> None:
    with pytest.raises(ShardError, match=r"cannot read shard .*part-1b\.jsonl\.gz: .*--skip-bad-shards"):
        score_parallel(read_corpus(bad_folder), "arabic-conflict", engine=engine())


def test_bad_shard_skipped_counted_and_reported(bad_folder: Path, shard_folder: Path) -> None:
    corpus = read_corpus(bad_folder)
    many = score_parallel(corpus, "arabic-conflict", engine=engine(skip_bad_shards=True))
    good = score(read_corpus(shard_folder))
    pd.testing.assert_frame_equal(good.documents, many.documents)
    assert len(corpus.report.skipped_files) == 1
    assert "part-1b.jsonl.gz" in corpus.report.skipped_files[0]
    assert "skipped 1 unreadable shard (--skip-bad-shards" in corpus.report.summary()
    table = discover(read_corpus(bad_folder), engine=engine(skip_bad_shards=True), top=3)
    pd.testing.assert_frame_equal(table, discover(read_corpus(shard_folder), top=3))


def test_failed_run_leaves_no_output(bad_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(ShardError, match="part-1b"):
        score_to_folder_parallel(read_corpus(bad_folder), "arabic-conflict", outdir=out, engine=engine())
    assert not out.exists()  # no file, and not the folder made for them


@pytest.fixture()
def deadly_folder(tmp_path: Path) -> Path:
    rows = corpus_rows(12)
    for i in range(3):
        write_jsonl(tmp_path / f"s{i}.jsonl", rows[4 * i:4 * i + 4])
    write_jsonl(tmp_path / "s1b.jsonl", [{"id": "x", "outlet": "a", "text": "نص ☠"}])
    return tmp_path


def test_dead_worker_is_an_error_naming_the_shard(deadly_folder: Path) -> None:
    with pytest.raises(ShardError, match=r"a worker died while processing shard .*s1b\.jsonl"), \
            engine() as eng:
        list(run_units(eng, die_on_marker, read_corpus(deadly_folder)))


def test_dead_worker_shard_skipped_with_skip_bad_shards(deadly_folder: Path) -> None:
    corpus = read_corpus(deadly_folder)
    with engine(skip_bad_shards=True) as eng:
        results = list(run_units(eng, die_on_marker, corpus))
    assert [r.value for r in results] == [4, 4, None, 4]  # s0, s1, s1b, s2
    assert "s1b.jsonl" in results[2].skipped
    assert corpus.report.documents == 12 and len(corpus.report.skipped_files) == 1


# ----------------------------------------------------------------------------
# options, pickling, CLI
# ----------------------------------------------------------------------------


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"jobs": -1}, r"The 'jobs' parameter must be an integer >= 0 \(0: every core\). Got -1"),
    ({"engine": "spark"}, r"The 'engine' parameter must be one of 'local', 'dask'. Got 'spark'"),
    ({"scheduler": "tcp://h:8786"}, r"--scheduler tcp://h:8786 needs --engine dask"),
])
def test_engine_options_are_checked(kwargs: dict, message: str) -> None:
    with pytest.raises(FramingError, match=message):
        make_engine(**kwargs)


def test_jobs_zero_means_every_core() -> None:
    assert LocalEngine(0).jobs == framing.engines.cpu_count() >= 1


def test_matcher_pickles_without_its_cache(matcher: Matcher) -> None:
    matcher.find("قصفت قوات الاحتلال مواقع للمقاومة")
    assert matcher._cache
    clone = pickle.loads(pickle.dumps(matcher))
    assert clone._cache == {}
    text = "وزعم الكيان أن المقاومة أطلقت صواريخ"
    assert clone.find(text) == matcher.find(text)


@pytest.mark.parametrize("command", [
    ["discover", "--top", "5", "--min-count", "2"],
    ["compare", "--n-boot", "40", "--n-perm", "40", "--min-hits", "2"],
])
def test_cli_jobs_output_equals_jobs_1(command: list[str], shard_folder: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    outputs = []
    for jobs in ("1", "2"):
        target = tmp_path / f"j{jobs}"
        out = ["-o", str(target / "table.csv")] if command[0] == "discover" else ["-o", str(target)]
        result = runner.invoke(main, [*command, str(shard_folder), "--jobs", jobs, *out])
        assert result.exit_code == 0, result.output
        outputs.append((result.stdout, {p.name: p.read_bytes() for p in sorted(target.iterdir())}))
    assert outputs[0] == outputs[1]


def test_cli_bad_shard_error_and_skip(bad_folder: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["discover", str(bad_folder), "-j", "2", "--top", "3"])
    assert result.exit_code == 1
    assert "Error: cannot read shard" in result.output and "part-1b.jsonl.gz" in result.output
    result = runner.invoke(main, ["discover", str(bad_folder), "-j", "2", "--top", "3", "--skip-bad-shards"])
    assert result.exit_code == 0, result.output
    assert "skipped 1 unreadable shard " in result.stderr
    result = runner.invoke(main, ["compare", str(bad_folder), "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 1 and "needs --engine dask" in result.output


def test_train_features_identical_with_jobs(corpus_file: Path) -> None:
    from framing.learn.cv import cross_validate, transform_texts
    from framing.learn.pipelines import lexicon_features

    texts = [r["text"] for r in corpus_rows()]
    vectors = lexicon_features(str(MINI)).named_steps["vectors"]
    one = vectors.fit_transform(texts).tocsr()
    many = transform_texts(vectors, texts, engine=engine())
    for attr in ("indptr", "indices", "data"):
        assert (getattr(one, attr) == getattr(many, attr)).all()
    y = [OUTLETS[i % 2] for i in range(len(texts))]
    a = cross_validate(texts, y, cv=2, lexicon=str(MINI), feature_sets=("lexicon",))
    b = cross_validate(texts, y, cv=2, lexicon=str(MINI), feature_sets=("lexicon",), jobs=2)
    assert (a.predictions["lexicon"] == b.predictions["lexicon"]).all()
    assert a.fold_macro_f1 == b.fold_macro_f1


def test_public_api_takes_jobs(corpus_file: Path, tmp_path: Path) -> None:
    from framing.count.hits import find_hits
    from framing.count.scoring import score_to_folder

    one, many = score(read_corpus(corpus_file)), score(read_corpus(corpus_file), jobs=2)
    pd.testing.assert_frame_equal(one.documents, many.documents)
    pd.testing.assert_frame_equal(find_hits(read_corpus(corpus_file)),
                                  find_hits(read_corpus(corpus_file), jobs=2))
    score_to_folder(read_corpus(corpus_file), outdir=tmp_path / "a")
    score_to_folder(read_corpus(corpus_file), outdir=tmp_path / "b", engine=engine())
    assert (tmp_path / "a" / "groups.csv").read_bytes() == (tmp_path / "b" / "groups.csv").read_bytes()


@pytest.mark.parametrize("command", [["hits", "--voice", "own"], ["score", "--by", "month"]])
def test_cli_hits_and_score_with_jobs(command: list[str], shard_folder: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    outputs = []
    for jobs in ("1", "2"):
        target = tmp_path / f"j{jobs}"
        out = ["-o", str(target / "hits.csv")] if command[0] == "hits" else ["-o", str(target)]
        result = runner.invoke(main, [*command, str(shard_folder), "-j", jobs, *out])
        assert result.exit_code == 0, result.output
        outputs.append((result.stdout, {p.name: p.read_bytes() for p in sorted(target.iterdir())}))
    assert outputs[0] == outputs[1]


def test_spawn_start_method(corpus_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """macOS and Windows start workers with spawn: state and units must pickle."""
    import multiprocessing

    import framing.engines.local as local

    monkeypatch.setattr(local, "_context", lambda: multiprocessing.get_context("spawn"))
    one = score(read_corpus(corpus_file))
    many = score_parallel(read_corpus(corpus_file), "arabic-conflict", engine=LocalEngine(2, chunk_size=25))
    pd.testing.assert_frame_equal(one.documents, many.documents)


@pytest.mark.parametrize("gz", [False, True])
def test_undecoded_line_units_read_like_the_reader(tmp_path: Path, gz: bool) -> None:
    """A UTF-8 JSON Lines file sent to workers as bytes gives the reader's documents, line numbers
    and skipped-row report: BOM, CRLF, a lone CR, U+2028 inside a string, blank and bad lines."""
    import json

    from framing.io.corpus import ReadReport
    from framing.io.units import Lines, plan_units

    def row(i: int, text: str) -> bytes:
        return json.dumps({"id": f"d{i}", "outlet": "a", "text": text}, ensure_ascii=False).encode()

    data = (b"\xef\xbb\xbf\n{broken\n" + row(1, "قوات الاحتلال") + b"\r\n" + row(2, "سطر\u2028آخر")
            + b"\r" + row(3, "ثالث") + b"\n\n{also broken\n" + row(4, "رابع") + b"\n" + row(5, "خامس")
            + b"\n[1, 2]\n" + row(6, "الأخير"))
    path = tmp_path / ("c.jsonl.gz" if gz else "c.jsonl")
    path.write_bytes(gzip.compress(data) if gz else data)
    reader = read_corpus(path)
    expected = [(d.doc_id, d.text) for d in reader]
    for size in (1, 2, 3, 100):
        corpus = read_corpus(path)
        plan = plan_units(corpus, chunk_size=size)
        got, reports = [], []
        for unit in plan.units:
            assert isinstance(unit, Lines) and isinstance(unit.lines, bytes)
            reports.append(report := ReadReport())
            got += [(d.doc_id, d.text) for d in unit.documents(report)]
        assert got == expected
        assert [where for r in [plan.report, *reports] for where in r.examples] == reader.report.examples
        assert sum(r.unreadable for r in [plan.report, *reports]) == reader.report.unreadable == 3


def test_undecodable_line_unit_names_the_file_and_byte(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(b'{"text": "\xd8\xa7"}\n' * 3 + b'{"text": "\xff"}\n')
    with pytest.raises(ShardError, match=r"^cannot read lines 1-4 of \S*c\.jsonl: cannot decode as utf-8 "
                                         r"\(invalid start byte at byte 55\); .* cp1256\.$"):
        discover(read_corpus(path), lexicon=None, engine=LocalEngine(1))


@pytest.mark.parametrize("damage", ["truncated", "corrupt"])
def test_a_damaged_gz_file_is_one_error_naming_it(corpus_file: Path, tmp_path: Path, damage: str) -> None:
    """Read whole (the reader) and in units: of bytes (UTF-8) and of text (other encodings)."""
    packed = bytearray(gzip.compress(corpus_file.read_bytes() * 40))
    if damage == "truncated":
        packed = packed[:len(packed) // 2]
    else:  # flipped bits in the middle of the deflate stream
        for i in range(len(packed) // 3, len(packed) // 3 + 64):
            packed[i] ^= 0x5A
    path = tmp_path / f"{damage}.jsonl.gz"
    path.write_bytes(bytes(packed))
    # Bits flipped in the deflate stream may first come out as bytes that are not UTF-8; latin-1
    # decodes any byte, so there the damage itself must be what is reported.
    for encoding, expected in (("utf-8", "cannot (read the file|decode as utf-8)"),
                               ("latin-1", "cannot read the file .*undamaged .gz")):
        for run in (lambda e=encoding: list(read_corpus(path, encoding=e)),  # the reader
                    lambda e=encoding: discover(read_corpus(path, encoding=e), engine=engine(1))):
            with pytest.raises(FramingError, match=f"{damage}.jsonl.gz: {expected}"):
                run()


def test_gz_files_read_the_same_with_or_without_isal(corpus_file: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import framing.io.formats

    path = tmp_path / "corpus.jsonl.gz"
    path.write_bytes(gzip.compress(corpus_file.read_bytes()))
    plain = list(read_corpus(corpus_file))
    assert list(read_corpus(path)) == plain
    monkeypatch.setattr(framing.io.formats, "_igzip", None)  # zlib, as where isal has no wheel
    assert list(read_corpus(path)) == plain
    pd.testing.assert_frame_equal(discover(read_corpus(path), engine=engine()), discover(plain))


def test_after_first_prepares_once_after_the_first_result() -> None:
    seen: list[object] = []
    out = []
    for item in engine().while_working(iter([1, 2, 3]), lambda: seen.append(("prepared", len(out)))):
        out.append(item)
    assert out == [1, 2, 3] and seen == [("prepared", 1)]
    assert list(engine().while_working([], lambda: seen.append("never"))) == [] and "never" not in seen


def test_one_process_keeps_payloads_in_memory_up_to_its_budget(corpus_file: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """With jobs=1 the payloads between discover's passes stay in memory within the budget and go
    to spill files beyond it; the table is the same either way."""
    import framing.engines.local as local

    spilled = []
    real = local.spill
    monkeypatch.setattr(local, "spill", lambda *a: (spilled.append(a[2]), real(*a))[1])
    kept = discover(read_corpus(corpus_file), engine=LocalEngine(1, chunk_size=10), top=5)
    assert spilled == []
    small = LocalEngine(1, chunk_size=10)
    small.memory_budget = 0
    pd.testing.assert_frame_equal(kept, discover(read_corpus(corpus_file), engine=small, top=5))
    assert len(spilled) > 1
