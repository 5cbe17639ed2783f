"""A corpus read once and held (:func:`framing.io.held.hold`): later passes do not read the files."""

from __future__ import annotations

import shutil
from itertools import pairwise
from pathlib import Path

import pytest

from framing.count.stages import ScoreSetup, score_stage
from framing.engines import LocalEngine, ThreadEngine
from framing.io.corpus import Document, as_corpus, read_corpus
from framing.io.held import Held, HeldCorpus, hold
from framing.io.units import run_units
from framing.match.matcher import Matcher
from tests.conftest import MINI, corpus_rows, count_readings, write_jsonl, write_shards


@pytest.fixture
def corpus_file(tmp_path: Path) -> Path:
    rows = corpus_rows()
    rows.insert(3, {"id": "empty", "outlet": "alpha", "date": "2024-01-01", "text": "  "})
    (tmp_path / "in").mkdir()
    return write_jsonl(tmp_path / "in" / "corpus.jsonl.gz", rows, extra_lines=("{not json",))


def _counts(corpus: object, engine: object) -> list[tuple[list[str], list[int]]]:
    setup = ScoreSetup(Matcher(str(MINI)))
    return [(r.value.doc_ids, r.value.counts.sum(axis=1).tolist())
            for r in run_units(engine, score_stage, corpus, setup)]  # type: ignore[arg-type]


@pytest.mark.parametrize("jobs", [1, 2])
def test_held_corpus_needs_no_file_after_reading(corpus_file: Path, jobs: int) -> None:
    expected = list(read_corpus(corpus_file))
    runner = LocalEngine(jobs, chunk_size=7)
    with runner:
        held = hold(read_corpus(corpus_file), runner, chunk_size=10)
        shutil.rmtree(corpus_file.parent)  # every later pass works from what hold kept
        assert isinstance(held, HeldCorpus) and all(isinstance(u, Held) for u in held.units)
        # units of 10 lines of the file: the blank text is in the first, the bad line in the last
        assert [u.count for u in held.units] == [9, 10, 10, 10, 9] and len(held) == 48
        assert list(held) == expected  # the same documents, in order, twice
        assert list(held) == expected
        # the reading report of the one reading: 48 read, the blank text and the bad line skipped
        assert (held.report.documents, held.report.empty, held.report.unreadable) == (48, 1, 1)
        counted = _counts(held, runner)  # a later pass runs on the held units
        bounds = [0, 9, 19, 29, 39, 48]
        assert [ids for ids, _ in counted] == [[d.doc_id for d in expected[a:b]]
                                              for a, b in pairwise(bounds)]
        assert held.report.documents == 48  # later passes leave the report as it was


def test_passes_on_a_held_corpus_equal_passes_on_the_file(corpus_file: Path) -> None:
    runner = LocalEngine(1, chunk_size=10)
    with runner:
        direct = _counts(read_corpus(corpus_file), runner)
        held = hold(read_corpus(corpus_file), runner, chunk_size=10)
        assert _counts(held, runner) == direct


def test_shards_read_by_workers_are_held_with_their_reading_report(tmp_path: Path) -> None:
    (tmp_path / "shards").mkdir()
    folder = write_shards(tmp_path / "shards", prefix="part", first=20, bad_line="[1, 2]")
    runner = LocalEngine(2, chunk_size=4)
    with runner:
        held = hold(read_corpus(folder), runner)
        shutil.rmtree(folder)
        assert [d.doc_id for d in held] == [d["id"] for d in corpus_rows()]
        assert (held.report.files, held.report.documents, held.report.unreadable) == (3, 48, 1)


def test_a_shard_skipped_while_holding_is_reported(tmp_path: Path) -> None:
    (tmp_path / "shards").mkdir()
    folder = write_shards(tmp_path / "shards", prefix="part", first=20, bad_line="[1, 2]")
    (folder / "part-9.jsonl.gz").write_bytes(b"not gzip at all")
    with LocalEngine(2, chunk_size=4, skip_bad_shards=True) as runner:
        held = hold(read_corpus(folder), runner)
        assert len(held) == 48
        assert len(held.report.skipped_files) == 1 and "part-9.jsonl.gz" in held.report.skipped_files[0]


def test_what_cannot_or_need_not_be_held_is_given_back(corpus_file: Path) -> None:
    in_memory = as_corpus([Document("1", "a", "نص")])
    with LocalEngine(1) as runner:
        assert hold(in_memory, runner) is in_memory
        held = hold(read_corpus(corpus_file), runner)
        assert hold(held, runner) is held  # not held twice

    class Remote(ThreadEngine):
        can_hold = False

    corpus = read_corpus(corpus_file)
    with Remote(2) as remote:
        assert hold(corpus, remote) is corpus


def test_the_file_is_read_once_for_every_pass(corpus_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readings = count_readings(monkeypatch)
    runner = LocalEngine(1)
    with runner:
        held = hold(read_corpus(corpus_file), runner, chunk_size=10)
        for _ in range(3):
            _counts(held, runner)
    assert readings == [corpus_file]
