"""Outputs: all or nothing, renamed together with signals held, errors on one line."""

from __future__ import annotations

import errno
import os
import signal
from pathlib import Path

import pandas as pd
import pytest

from framing.errors import OutputError
from framing.io.write import (
    Outputs,
    check_output,
    discard_parts,
    output_error,
    part_path,
    signals_deferred,
    write_table,
    write_tables,
)

FRAME = pd.DataFrame({"group": ["alpha", "beta"], "hits": [3, 4]})


def test_outputs_appear_together(tmp_path: Path) -> None:
    with Outputs() as out:
        write_table(FRAME, out.part(tmp_path / "a.csv"))
        with out.open(tmp_path / "b.csv") as fh:
            fh.write("x\n1\n")
        assert sorted(p.name for p in tmp_path.iterdir()) == [f".a.{os.getpid()}.part.csv",
                                                              f".b.{os.getpid()}.part.csv"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv"]
    assert pd.read_csv(tmp_path / "a.csv").equals(FRAME)


def test_an_error_writes_nothing_and_removes_the_folder_it_made(tmp_path: Path) -> None:
    (tmp_path / "b.csv").write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError), Outputs() as out:
        write_table(FRAME, out.part(tmp_path / "new" / "deeper" / "a.csv"))
        write_table(FRAME, out.part(tmp_path / "b.csv"))
        raise RuntimeError("stop")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.csv"]
    assert (tmp_path / "b.csv").read_text(encoding="utf-8") == "old\n"


def test_a_folder_output_replaces_the_old_folder(tmp_path: Path) -> None:
    (tmp_path / "figures").mkdir()
    (tmp_path / "figures" / "stale.png").write_bytes(b"old")
    with Outputs() as out:
        folder = out.part(tmp_path / "figures")
        write_table(FRAME, folder / "new.csv")
    assert sorted(p.name for p in (tmp_path / "figures").iterdir()) == ["new.csv"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["figures"]


def test_write_tables_is_all_or_nothing(tmp_path: Path) -> None:
    class Broken:
        def to_csv(self, *args: object, **kwargs: object) -> None:
            raise OSError(errno.EIO, "Input/output error")

    with pytest.raises(OSError):
        write_tables({"a.csv": FRAME, "b.csv": Broken()}, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    write_tables({"a.csv": FRAME, "b.csv": FRAME}, tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.csv", "b.csv"]


def test_a_signal_during_the_commit_waits_for_it(tmp_path: Path) -> None:
    """SIGINT raised inside the block is acted on (KeyboardInterrupt) only after it."""
    done = []
    with pytest.raises(KeyboardInterrupt):
        with signals_deferred():
            os.kill(os.getpid(), signal.SIGINT)
            done.append("renamed")
    assert done == ["renamed"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_discard_parts_removes_what_is_being_written(tmp_path: Path) -> None:
    out = Outputs()
    part = out.part(tmp_path / "a.csv")
    part.write_text("half", encoding="utf-8")
    discard_parts()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("name", "part"), [
    ("documents.csv", ".documents.{pid}.part.csv"), ("h.parquet", ".h.{pid}.part.parquet"),
    ("model.skops", ".model.{pid}.part.skops"), ("figures", ".figures.{pid}.part"),
    ("c.jsonl.gz", ".c.{pid}.part.jsonl.gz"),
])
def test_part_path_keeps_the_extension(name: str, part: str) -> None:
    assert part_path(Path("out") / name) == Path("out") / part.format(pid=os.getpid())


def test_check_output(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    cases = [
        (tmp_path / "file" / "sub" / "h.csv", False, r"cannot write .*h\.csv: .*file is a file, not a "
                                                     r"folder; choose another output path \(-o\)\.$"),
        (tmp_path, False, r"it is a folder; give a file name, e\.g\. .*output\.csv\.$"),
        (tmp_path / "file", True, r"cannot write into .*file: it is a file, not a folder"),
    ]
    for path, folder, message in cases:
        with pytest.raises(OutputError, match=message):
            check_output(path, folder=folder)
    check_output(tmp_path / "new" / "h.csv")
    check_output(None)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]  # the probe is gone


@pytest.mark.parametrize(("exc", "message"), [
    (PermissionError(errno.EACCES, "Permission denied"), r"no permission to write in /out; choose a "
                                                         r"folder you can write to \(-o\)\.$"),
    (OSError(errno.EROFS, "Read-only file system"), r"the file system is read-only"),
    (OSError(errno.ENOSPC, "No space left on device"), r"No space left on device; free some space or "
                                                       r"write elsewhere \(-o\)\. Nothing was written\.$"),
    (OSError(errno.EIO, "Input/output error"), r"^cannot write /out/h\.csv: Input/output error\.$"),
])
def test_output_errors_say_what_to_do(exc: OSError, message: str) -> None:
    error = output_error("/out/h.csv", exc)
    assert "\n" not in str(error)
    with pytest.raises(OutputError, match=message):
        raise error
