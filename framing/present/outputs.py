"""Where a report goes, and writing it safely.

``NAME.html`` (or ``.htm``) is the page, with ``NAME_tables/`` and
``NAME_figures/`` beside it; any other path is a folder that receives
``index.html``, ``tables/`` and ``figures/``. Nothing that exists is
replaced unless asked (``force``); everything is written into a staging
folder beside the target first and moved into place at the end, the old
page and folders set aside and removed only then, so an interrupted run
leaves the earlier report whole, and a finished run never leaves an earlier
run's figures beside its own.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import FramingError

__all__ = ["OutputPaths", "output_paths", "staged"]


@dataclass(frozen=True)
class OutputPaths:
    """The page, its tables folder and its figures folder."""

    page: Path
    tables: Path
    figures: Path

    @property
    def all(self) -> tuple[Path, Path, Path]:
        return (self.page, self.tables, self.figures)

    def existing(self) -> list[Path]:
        """The parts that already exist."""
        return [p for p in self.all if p.exists() or p.is_symlink()]

    def check_free(self, *, force: bool) -> None:
        """Raise unless nothing exists at these paths or ``force`` is set.

        Raises
        ------
        FramingError
            Naming what exists and how to replace it.
        """
        found = self.existing()
        if found and not force:
            names = ", ".join(str(p) + ("/" if p.is_dir() else "") for p in found)
            raise FramingError(f"an earlier report is in the way ({names}); pass --force (force=True in "
                               "Python) to replace it, or choose another -o.")
        for p in found:
            if p == self.page and p.is_dir():
                raise FramingError(f"{p} is a folder; choose another name for the page.")


def output_paths(path: str | Path) -> OutputPaths:
    """The :class:`OutputPaths` for ``-o path`` (see the module docstring).

    Raises
    ------
    FramingError
        If ``path`` ends in an extension other than ``.html``/``.htm``.

    Examples
    --------
    >>> output_paths("out/news.html").tables.as_posix()
    'out/news_tables'
    >>> output_paths("out/site/").page.as_posix()
    'out/site/index.html'
    """
    text = str(path)
    p = Path(path)
    if p.suffix.lower() in (".html", ".htm") and not text.endswith(("/", os.sep)):
        return OutputPaths(p, p.with_name(f"{p.stem}_tables"), p.with_name(f"{p.stem}_figures"))
    if p.suffix and not p.is_dir():
        raise FramingError(f"the report is an HTML page or a folder; end {text!r} in .html, or give "
                           "a folder (ending in /) for index.html, tables/ and figures/.")
    return OutputPaths(p / "index.html", p / "tables", p / "figures")


@contextmanager
def staged(paths: OutputPaths, *, force: bool) -> Iterator[OutputPaths]:
    """Yield staging paths to write into; on success move them to ``paths``.

    The check for existing outputs is repeated at the end, so a report that
    appeared meanwhile is not replaced without ``force``.
    """
    paths.check_free(force=force)
    parent = paths.page.parent
    parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{paths.page.stem}.", suffix=".part", dir=parent))
    try:
        work = OutputPaths(stage / paths.page.name, stage / paths.tables.name, stage / paths.figures.name)
        work.tables.mkdir()
        work.figures.mkdir()
        yield work
        paths.check_free(force=force)
        trash = stage / ".replaced"
        trash.mkdir()
        moved = []
        try:
            for target in paths.existing():
                os.replace(target, trash / target.name)
                moved.append(target)
            for new, target in zip(work.all, paths.all, strict=True):
                os.replace(new, target)
        except OSError:
            for target in moved:  # put the earlier report back
                if not target.exists():
                    os.replace(trash / target.name, target)
            raise
    finally:
        shutil.rmtree(stage, ignore_errors=True)
