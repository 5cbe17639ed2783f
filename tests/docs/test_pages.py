"""Every code block of README.md and docs/ runs (see tests/docs/harness.py for the marks).

``FRAMING_DOCS_UPDATE=1 uv run --extra test pytest tests/docs`` rewrites the output blocks
(``<!-- docs-test: output -->``) from what the commands print now.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.docs.harness import ROOT, Page, check_marks, pages, parse

RUNS = [p for p in pages() if any(b.kind or b.marks for b in parse(p))]


@pytest.mark.parametrize("path", pages(), ids=lambda p: str(p.relative_to(ROOT)))
def test_code_blocks_are_well_formed(path: Path) -> None:
    problems = [problem for block in parse(path) for problem in check_marks(block)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", RUNS, ids=lambda p: str(p.relative_to(ROOT)))
def test_code_blocks_run(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MPLBACKEND", "Agg")
    try:
        Page(path, tmp_path).run(update=os.environ.get("FRAMING_DOCS_UPDATE") == "1")
    finally:
        if "matplotlib.pyplot" in sys.modules:
            sys.modules["matplotlib.pyplot"].close("all")
