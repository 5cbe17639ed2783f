"""--engine dask: a two-worker LocalCluster gives exactly the single-process outputs.

One cluster serves the whole module (it starts in a few seconds). The corpus
is the constructed one of ``test_parallel.py`` (``conftest.corpus_rows``), as
shards in ``tmp_path``.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

import cloudpickle
import dask
import pandas as pd
import pytest
from click.testing import CliRunner

from framing.analysis.comparison import compare
from framing.analysis.discovery import discover
from framing.cli import main
from framing.count import iter_hits as iter_hits_parallel
from framing.count import score as score_parallel
from framing.count import score_to_folder as score_to_folder_parallel
from framing.count.hits import iter_hits
from framing.count.scoring import score, score_to_folder
from framing.engines import DaskEngine, ShardError, make_engine
from framing.errors import FramingError
from framing.io.corpus import Document, read_corpus
from framing.io.units import run_units
from tests import conftest
from tests.conftest import corpus_rows, die_on_marker, write_jsonl, write_shards

# workers cannot import tests/
cloudpickle.register_pickle_by_value(sys.modules[__name__])
cloudpickle.register_pickle_by_value(conftest)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def cluster() -> Iterator[DaskEngine]:
    # A shard that kills its worker is given up at once instead of after three retries, and a
    # worker runs one task at a time, so no other task is blamed for the death.
    with dask.config.set({"distributed.scheduler.allowed-failures": 0,
                          "distributed.scheduler.worker-saturation": 1.0}):
        engine = DaskEngine(jobs=2)
        with engine:
            yield engine


@pytest.fixture(scope="module")
def shards(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_shards(tmp_path_factory.mktemp("dask-shards"), prefix="a", first=16, bad_line="{broken")


def test_score_and_hits(cluster: DaskEngine, shards: Path, tmp_path: Path) -> None:
    one = score(read_corpus(shards), by="month")
    corpus = read_corpus(shards)
    many = score_parallel(corpus, "arabic-conflict", by="month", engine=cluster)
    pd.testing.assert_frame_equal(one.documents, many.documents)
    pd.testing.assert_frame_equal(one.groups, many.groups)
    assert corpus.report.summary() == one.report.summary()
    assert corpus.report.unreadable == 1 and corpus.report.files == 3
    score_to_folder(read_corpus(shards), outdir=tmp_path / "one")
    score_to_folder_parallel(read_corpus(shards), "arabic-conflict", outdir=tmp_path / "many", engine=cluster)
    for name in ("documents.csv", "groups.csv"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "many" / name).read_bytes()
    assert list(iter_hits(read_corpus(shards))) == list(
        iter_hits_parallel(read_corpus(shards), "arabic-conflict", engine=cluster))


def test_compare_and_discover(cluster: DaskEngine, shards: Path) -> None:
    kwargs = {"n_boot": 50, "n_perm": 50, "min_hits": 2}
    for a, b in zip(compare(read_corpus(shards), **kwargs),
                    compare(read_corpus(shards), engine=cluster, **kwargs), strict=True):
        pd.testing.assert_frame_equal(a, b)
    for options in ({"top": 6, "min_count": 2}, {"pair": ("alpha", "gamma"), "top": None, "max_n": 2}):
        pd.testing.assert_frame_equal(discover(read_corpus(shards), **options),
                                      discover(read_corpus(shards), engine=cluster, **options))


def test_input_read_by_the_client(cluster: DaskEngine) -> None:
    docs = [Document(r["id"], r["outlet"], r["text"], r["date"]) for r in corpus_rows(30)]
    one = score(docs)
    many = score_parallel(docs, "arabic-conflict", engine=cluster)
    pd.testing.assert_frame_equal(one.documents, many.documents)
    pd.testing.assert_frame_equal(discover(docs, top=5, min_count=2),
                                  discover(docs, top=5, min_count=2, engine=cluster))


def test_one_jsonl_file_is_split_into_lines(cluster: DaskEngine, shards: Path) -> None:
    path = shards / "a-0.jsonl.gz"
    corpus = read_corpus(path)
    many = score_parallel(corpus, "arabic-conflict", engine=cluster)
    one = score(read_corpus(path))
    pd.testing.assert_frame_equal(one.documents, many.documents)
    assert corpus.report.summary() == one.report.summary() and corpus.report.unreadable == 1


@pytest.fixture()
def bad_shards(tmp_path: Path, shards: Path) -> Path:
    for p in shards.iterdir():
        (tmp_path / p.name).write_bytes(p.read_bytes())
    (tmp_path / "a-1b.parquet").write_bytes(b"PAR1 not really")
    return tmp_path


def test_bad_shard(cluster: DaskEngine, bad_shards: Path, shards: Path) -> None:
    with pytest.raises(ShardError, match=r"cannot read shard .*a-1b\.parquet: not a readable Parquet file"):
        score_parallel(read_corpus(bad_shards), "arabic-conflict", engine=cluster)
    cluster.skip_bad_shards = True
    try:
        corpus = read_corpus(bad_shards)
        many = score_parallel(corpus, "arabic-conflict", engine=cluster)
    finally:
        cluster.skip_bad_shards = False
    pd.testing.assert_frame_equal(many.documents, score(read_corpus(shards)).documents)
    assert len(corpus.report.skipped_files) == 1 and "a-1b.parquet" in corpus.report.skipped_files[0]


def test_dead_worker_names_the_shard(cluster: DaskEngine, tmp_path: Path) -> None:
    rows = corpus_rows(8)
    write_jsonl(tmp_path / "s0.jsonl", rows[:4])
    write_jsonl(tmp_path / "s1.jsonl", [{"id": "x", "outlet": "a", "text": "نص ☠"}])
    write_jsonl(tmp_path / "s2.jsonl", rows[4:])
    with pytest.raises(ShardError, match=r"a worker died while processing shard .*s1\.jsonl"):
        list(run_units(cluster, die_on_marker, read_corpus(tmp_path)))
    cluster.skip_bad_shards = True
    try:
        corpus = read_corpus(tmp_path)
        values = [r.value for r in run_units(cluster, die_on_marker, corpus)]
    finally:
        cluster.skip_bad_shards = False
    assert values == [4, None, 4]
    assert "s1.jsonl" in corpus.report.skipped_files[0]


def test_cli_joins_a_scheduler(cluster: DaskEngine, shards: Path, tmp_path: Path) -> None:
    address = cluster.client.scheduler.address
    runner = CliRunner()
    for command in (["discover", "--top", "5", "--min-count", "2"],
                    ["compare", "--n-boot", "40", "--n-perm", "40", "--min-hits", "2"]):
        one = runner.invoke(main, [*command, str(shards)])
        many = runner.invoke(main, [*command, str(shards), "--engine", "dask", "--scheduler", address])
        assert one.exit_code == 0 and many.exit_code == 0, many.output
        assert one.stdout == many.stdout
    assert cluster.client.status == "running"  # joined, not stopped


def test_cli_starts_and_stops_a_local_cluster(shards: Path) -> None:
    runner = CliRunner()
    one = runner.invoke(main, ["discover", str(shards), "--top", "4", "--min-count", "2"])
    many = runner.invoke(main, ["discover", str(shards), "--top", "4", "--min-count", "2",
                                "--engine", "dask", "--jobs", "1"])
    assert many.exit_code == 0, many.output
    assert one.stdout == many.stdout


def test_unreachable_scheduler() -> None:
    assert make_engine(engine="dask", scheduler="tcp://127.0.0.1:9").scheduler == "tcp://127.0.0.1:9"
    engine = DaskEngine("tcp://127.0.0.1:9", timeout="1s")
    with pytest.raises(FramingError, match=r"cannot reach the Dask scheduler at 'tcp://127.0.0.1:9'"), \
            engine:
        pass


def test_example_script_against_the_cluster(cluster: DaskEngine, shards: Path, tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("slurm_dask", ROOT / "examples" / "slurm_dask.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "out"
    module.main([str(shards), "-o", str(out), "--scheduler", cluster.client.scheduler.address,
                 "--n-boot", "40", "--n-perm", "40", "--top", "5"])
    assert sorted(p.name for p in out.iterdir()) == [
        "copies.csv", "discover.csv", "documents.csv", "groups.csv", "pairwise.csv", "rates.csv",
        "shares.csv",
        "stance.csv"]
    expected = score(read_corpus(shards)).documents
    pd.testing.assert_frame_equal(pd.read_csv(out / "documents.csv", dtype={"doc_id": str}),
                                  expected, check_dtype=False)
