"""Where a report goes: names, no silent overwrite, no stale files, nothing half-written."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.errors import FramingError
from framing.present.outputs import output_paths, staged


@pytest.mark.parametrize(("given", "page", "tables", "figures"), [
    ("news.html", "news.html", "news_tables", "news_figures"),
    ("out/news.HTM", "out/news.HTM", "out/news_tables", "out/news_figures"),
    ("site/", "site/index.html", "site/tables", "site/figures"),
    ("site", "site/index.html", "site/tables", "site/figures"),
])
def test_output_paths(given: str, page: str, tables: str, figures: str) -> None:
    paths = output_paths(given)
    got = (paths.page.as_posix(), paths.tables.as_posix(), paths.figures.as_posix())
    assert got == (page, tables, figures)


def test_other_extensions_are_refused() -> None:
    with pytest.raises(FramingError, match=r"end 'report.csv' in .html, or give a folder"):
        output_paths("report.csv")


def _write(work, tag: str, figures: tuple[str, ...]) -> None:
    work.page.write_text(tag, encoding="utf-8")
    (work.tables / "stance.csv").write_text(tag, encoding="utf-8")
    for name in figures:
        (work.figures / name).write_text(tag, encoding="utf-8")


def test_an_existing_report_is_kept_without_force_and_replaced_whole_with_it(tmp_path: Path) -> None:
    paths = output_paths(tmp_path / "r.html")
    with staged(paths, force=False) as work:
        _write(work, "first", ("stance.png", "shares_israel.png"))
    assert paths.page.read_text() == "first"
    with pytest.raises(FramingError, match=r"an earlier report is in the way \(.*r.html, .*r_tables/, "
                                           r".*r_figures/\); pass --force"):
        with staged(paths, force=False) as work:
            pass
    with staged(paths, force=True) as work:
        _write(work, "second", ("stance.png",))
    assert paths.page.read_text() == "second"
    assert sorted(p.name for p in paths.figures.iterdir()) == ["stance.png"]   # no figure of run 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html", "r_figures", "r_tables"]


def test_a_failed_run_leaves_the_earlier_report_whole(tmp_path: Path) -> None:
    paths = output_paths(tmp_path / "site/")
    with staged(paths, force=False) as work:
        _write(work, "first", ("stance.png",))
    with pytest.raises(RuntimeError, match="boom"), staged(paths, force=True) as work:
        _write(work, "second", ("other.png",))
        raise RuntimeError("boom")
    assert paths.page.read_text() == "first"
    assert [p.name for p in paths.figures.iterdir()] == ["stance.png"]
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["figures", "index.html", "tables"]


def test_nothing_is_visible_under_the_final_names_until_the_end(tmp_path: Path) -> None:
    paths = output_paths(tmp_path / "r.html")
    with staged(paths, force=False) as work:
        _write(work, "x", ("a.png",))
        assert paths.existing() == []
        assert work.page.parent != paths.page.parent
    assert len(paths.existing()) == 3
