"""Every bad input and fault of the table (``cases.py``): its exit status, the one line that says
why, no traceback, and no output file left behind by a failed run."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from framing.cli import main
from tests.bad_inputs.cases import CASES, TEXT, Case, _jsonl

ROOT = Path(__file__).resolve().parents[2]


def _lock(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``folder`` refuse new files, for root too (who ignores permission bits)."""
    folder.chmod(0o555)
    real_open = os.open

    def refuse(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if str(path).startswith(str(folder)) and flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    args = case.make(tmp_path)
    if case.name == "read-only output folder":
        _lock(tmp_path / "locked", monkeypatch)
    before = {p for p in tmp_path.rglob("*")}
    result = CliRunner().invoke(main, args)
    stderr = result.stderr
    assert result.exit_code == case.exit_code, stderr
    assert ("Traceback" not in stderr and result.exception is None) or isinstance(result.exception,
                                                                               SystemExit)
    assert case.fragment in stderr, stderr
    if case.exit_code:
        assert len(stderr.strip().splitlines()) == 1, stderr
        assert stderr.startswith("Error: ")
        assert {p for p in tmp_path.rglob("*")} == before  # nothing written, nothing left


def test_every_case_is_in_the_docs() -> None:
    page = (ROOT / "docs" / "bad-input.md").read_text(encoding="utf-8")
    missing = [c.name for c in CASES if c.name not in page or c.fragment not in page]
    assert not missing, f"docs/bad-input.md lacks: {missing}"


COMMANDS = [
    ["hits"], ["score"], ["kwic", "{path}", "المقاومة"], ["discover"], ["compare", "--n-boot", "10",
                                                                          "--n-perm", "10"],
    ["sample-hits", "-o", "{out}.csv"], ["report", "-o", "{out}.html"],
    ["train", "--target", "outlet", "-o", "{out}"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_every_command_refuses_an_empty_corpus(command: list[str], jobs: str, tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "c.jsonl", [{"id": "1", "outlet": "a", "text": " "}, {"id": "2", "text": 3}])
    args = [a.format(path=path, out=tmp_path / "out") for a in command]
    if "{path}" not in command:
        args.insert(1, str(path))
    if command[0] not in ("kwic", "sample-hits", "report"):
        args += ["--jobs", jobs]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.stderr
    assert result.stderr.strip().splitlines() == [
        f"Error: {path}: no documents to analyse: every row was skipped (2 rows: 1 with empty text, "
        f"1 unreadable; first: {path}:1: empty); check the text column (--text-col) and the file's "
        "format."]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.jsonl"]


def test_a_run_that_fails_midway_leaves_nothing(tmp_path: Path) -> None:
    """score writes documents.csv as it goes: a shard that cannot be read midway leaves neither
    file (nor the folder it made)."""
    (tmp_path / "in").mkdir()
    _jsonl(tmp_path / "in" / "a.jsonl", [{"id": "1", "outlet": "a", "text": TEXT}])
    (tmp_path / "in" / "b.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00broken")
    result = CliRunner().invoke(main, ["score", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and "b.jsonl.gz" in result.stderr
    assert not (tmp_path / "out").exists()
