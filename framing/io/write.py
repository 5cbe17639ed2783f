"""Write tables: CSV by default, JSON Lines or Parquet by the file's extension, all or nothing.

Every output is written under a hidden temporary name beside it
(``.NAME.PID.part.EXT``) and renamed into place only when complete, so an
interrupted run never leaves a file that looks complete. A command with
several outputs collects them in one :class:`Outputs` and renames them all
in one step, during which SIGINT and SIGTERM wait (:func:`signals_deferred`):
the outputs appear together or not at all.

An output that cannot be written (a file where a folder should be, no
permission, a full disk) raises :class:`~framing.errors.OutputError`, one
line that names the path and what to do; :func:`check_output` tells before
any work is done.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import FramingError, OutputError

__all__ = ["Outputs", "atomic_output", "check_output", "discard_parts", "need_pyarrow", "output_error",
           "output_format", "part_path", "signals_deferred", "write_table", "write_tables", "written"]

#: Temporary outputs being written in this process (removed by :func:`discard_parts`).
_PARTS: set[Path] = set()
#: Outputs renamed into place in this process (see :func:`written`).
_WRITTEN: list[Path] = []


def output_format(path: str | Path | None) -> str:
    """``"csv"``, ``"tsv"``, ``"jsonl"`` or ``"parquet"`` from the file name (stdout: csv)."""
    if path is None or str(path) == "-":
        return "csv"
    name = str(path).lower()
    for suffix, fmt in ((".csv", "csv"), (".tsv", "tsv"), (".jsonl", "jsonl"),
                        (".ndjson", "jsonl"), (".parquet", "parquet")):
        if name.endswith(suffix):
            return fmt
    raise FramingError(
        f"cannot tell the output format of {str(path)!r}; end the name in .csv, .tsv, .jsonl "
        "or .parquet."
    )


# -- errors -------------------------------------------------------------------------------


def _file_in_the_way(path: Path) -> Path | None:
    """The first part of ``path``'s folder that exists and is not a folder."""
    for parent in [*reversed(path.parents)]:
        if parent.exists() and not parent.is_dir():
            return parent
    return None


def output_error(path: str | Path, exc: OSError, *, folder: str | Path | None = None
                 ) -> OutputError:
    """The one-line error for ``exc``, raised while writing the output ``path`` (into ``folder``,
    by default the path's folder)."""
    path = Path(path)
    folder = Path(folder) if folder is not None else path.parent
    code = exc.errno
    if isinstance(exc, (FileExistsError, NotADirectoryError)) or code == errno.ENOTDIR:
        blocker = _file_in_the_way(path)
        where = f"{blocker} is a file, not a folder" if blocker else f"{path.parent} is not a folder"
        return OutputError(f"cannot write {path}: {where}; choose another output path (-o).")
    if isinstance(exc, IsADirectoryError):
        return OutputError(f"cannot write {path}: it is a folder; give a file name, e.g. "
                           f"{path / ('output' + (path.suffix or '.csv'))}.")
    if isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM):
        return OutputError(f"cannot write {path}: no permission to write in {folder}; choose "
                           "a folder you can write to (-o).")
    if code == errno.EROFS:
        return OutputError(f"cannot write {path}: the file system is read-only; choose another "
                           "output path (-o).")
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1), errno.EFBIG):
        return OutputError(f"cannot write {path}: {exc.strerror or 'no space left'}; free some space "
                           "or write elsewhere (-o). Nothing was written.")
    return OutputError(f"cannot write {path}: {exc.strerror or exc}.")


#: Errors of the file system while writing (not of reading the input) that become an OutputError.
_WRITE_ERRNOS = {errno.ENOSPC, errno.EFBIG, errno.EROFS, getattr(errno, "EDQUOT", errno.ENOSPC)}


def check_output(path: str | Path | None, *, folder: bool = False) -> None:
    """Raise :class:`~framing.errors.OutputError` now if ``path`` (a file, or a folder with
    ``folder``) could not be written, before any work is done. ``None`` or ``-``: stdout."""
    if path is None or str(path) == "-":
        return
    path = Path(path)
    if folder:
        if path.exists() and not path.is_dir():
            raise OutputError(f"cannot write into {path}: it is a file, not a folder; choose "
                              "another output folder (-o).")
        target = path
    else:
        if path.is_dir():
            raise output_error(path, IsADirectoryError(errno.EISDIR, "Is a directory", str(path)))
        target = path.parent
    existing = next((p for p in (target, *target.parents) if p.exists()), None)
    if existing is None:
        return
    if not existing.is_dir():
        raise output_error(path, NotADirectoryError(errno.ENOTDIR, "Not a directory", str(existing)))
    probe = existing / f".framing-probe-{os.getpid()}"
    try:
        os.close(os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        return
    except OSError as exc:
        raise output_error(path, exc, folder=existing) from None
    os.unlink(probe)


# -- temporary names, and committing several outputs at once -------------------------------


def part_path(path: str | Path) -> Path:
    """The hidden temporary name beside ``path`` that keeps its extension (so the format is
    told by the name): ``out/.documents.1234.part.csv`` for ``out/documents.csv``."""
    path = Path(path)
    name = path.name
    for suffix in (".jsonl.gz", ".csv", ".tsv", ".jsonl", ".ndjson", ".parquet", ".json", ".html",
                   ".skops", ".txt", ".png", ".svg", ".pdf"):
        if name.lower().endswith(suffix):
            stem, ext = name[:-len(suffix)], name[-len(suffix):]
            break
    else:
        stem, ext = name, ""
    return path.with_name(f".{stem}.{os.getpid()}.part{ext}")


def written(*, reset: bool = False) -> list[Path]:
    """The outputs renamed into place in this process so far (``reset``: forget them first)."""
    if reset:
        _WRITTEN.clear()
    return list(_WRITTEN)


def discard_parts() -> None:
    """Remove every temporary output this process is writing (after an interrupt)."""
    for part in list(_PARTS):
        _remove(part)
        _PARTS.discard(part)


def _remove(path: Path) -> None:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        elif path.exists() or path.is_symlink():
            path.unlink()
    except OSError:  # already gone, or cannot be removed: nothing more to do
        pass


def _make_folder(folder: Path, path: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise output_error(path, exc) from None


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM while the block runs (main thread), then act on them.

    The signals are blocked (:func:`signal.pthread_sigmask`) and their handlers
    replaced by one that only records them, so a signal that arrives in the
    block is acted on (its handler called: KeyboardInterrupt for Ctrl-C) right
    after it. Elsewhere than in the main thread, the block just runs.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    watched = (signal.SIGINT, signal.SIGTERM)
    pending: list[int] = []

    def hold(signum: int, frame: Any) -> None:
        pending.append(signum)

    previous: dict[int, Any] = {int(sig): signal.signal(sig, hold) for sig in watched}
    mask = getattr(signal, "pthread_sigmask", None)
    old = mask(signal.SIG_BLOCK, watched) if mask else None
    try:
        yield
    finally:
        if mask:
            mask(signal.SIG_SETMASK, old)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if pending:
            handler = previous[pending[0]]
            if callable(handler):
                handler(pending[0], None)
            elif handler == signal.SIG_DFL:
                signal.raise_signal(pending[0])


class Outputs:
    """The outputs of one command: each written under a temporary name, all renamed together.

    Use as a context manager: leaving the block normally renames every output
    into place in one step (:meth:`commit`, with SIGINT/SIGTERM held); leaving
    it with an error or an interrupt removes every temporary file, so nothing
    is written at all.

    Examples
    --------
    >>> import pandas as pd, tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with Outputs() as out:
    ...     write_table(pd.DataFrame({"a": [1]}), out.part(folder / "one.csv"))
    ...     with out.open(folder / "two.csv") as fh:
    ...         _ = fh.write("b\\n2\\n")
    >>> sorted(p.name for p in folder.iterdir())
    ['one.csv', 'two.csv']
    """

    def __init__(self) -> None:
        self._parts: dict[Path, Path] = {}  # final path -> temporary path
        self._made: list[Path] = []  # folders made for the outputs, removed if nothing is written
        self.committed: list[Path] = []

    def part(self, path: str | Path) -> Path:
        """The temporary path to write ``path`` to (its folder is made)."""
        final = Path(path)
        if final in self._parts:
            return self._parts[final]
        missing = [p for p in (final.parent, *final.parent.parents) if not p.exists()]
        _make_folder(final.parent, final)
        self._made.extend(missing)
        part = part_path(final)
        self._parts[final] = part
        _PARTS.add(part)
        return part

    def open(self, path: str | Path, mode: str = "w") -> Any:
        """Open the temporary file of ``path`` (text: UTF-8, newlines as written)."""
        part = self.part(path)
        kwargs: dict[str, Any] = {"encoding": "utf-8", "newline": ""} if "b" not in mode else {}
        try:
            return open(part, mode, **kwargs)
        except OSError as exc:
            raise output_error(path, exc) from None

    def commit(self) -> list[Path]:
        """Rename every output into place, with SIGINT and SIGTERM held; return the paths."""
        with signals_deferred():
            for final, part in self._parts.items():
                if not part.exists():
                    continue
                try:
                    _replace(part, final)
                except OSError as exc:
                    raise output_error(final, exc) from None
                _PARTS.discard(part)
                self.committed.append(final)
                _WRITTEN.append(final)
        self._parts.clear()
        return self.committed

    def discard(self) -> None:
        """Remove every temporary file, and the folders made for them if nothing was written."""
        for part in self._parts.values():
            _remove(part)
            _PARTS.discard(part)
        self._parts.clear()
        if not self.committed:
            for folder in self._made:  # innermost first
                try:
                    folder.rmdir()
                except OSError:  # not empty (something else was written there), or gone
                    break
        self._made.clear()

    def __enter__(self) -> Outputs:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        if kind is None:
            try:
                self.commit()
            finally:
                self.discard()
        else:
            self.discard()


def _replace(part: Path, final: Path) -> None:
    """``os.replace``, for folders too: an existing folder is moved aside, then removed."""
    if part.is_dir() and final.is_dir():
        old = final.with_name(f".{final.name}.{os.getpid()}.old")
        os.replace(final, old)
        os.replace(part, final)
        shutil.rmtree(old, ignore_errors=True)
        return
    os.replace(part, final)


@contextmanager
def atomic_output(path: Path, mode: str) -> Iterator[Any]:
    """An open file: write to a temporary name beside ``path``, renamed when complete; a path
    that is already a temporary part of :class:`Outputs` is written directly."""
    kwargs: dict[str, Any] = {"encoding": "utf-8", "newline": ""} if "b" not in mode else {}
    if path in _PARTS:
        try:
            fh = open(path, mode, **kwargs)
        except OSError as exc:
            raise output_error(path, exc) from None
        with fh:
            yield fh
        return
    with Outputs() as out:
        with out.open(path, mode) as fh:
            try:
                yield fh
            except OSError as exc:
                if exc.errno in _WRITE_ERRNOS:
                    raise output_error(path, exc) from None
                raise


def need_pyarrow() -> Any:
    """pyarrow, or the one-line error that says how to get it (for writing Parquet)."""
    try:
        import pyarrow
    except ImportError:
        raise FramingError(
            "writing Parquet needs pyarrow (a dependency of framing, missing here); "
            "pip install pyarrow, or use .csv."
        ) from None
    return pyarrow


def write_table(frame: Any, path: str | Path | None) -> None:
    """Write a DataFrame by the extension of ``path`` (CSV to stdout for ``None``)."""
    fmt = output_format(path)
    if path is None or str(path) == "-":
        frame.to_csv(sys.stdout, index=False)
        return
    target = Path(path)
    if fmt == "parquet":
        need_pyarrow()
        with atomic_output(target, "wb") as fh:
            frame.to_parquet(fh, index=False)
    elif fmt == "jsonl":
        with atomic_output(target, "w") as fh:
            frame.to_json(fh, orient="records", lines=True, force_ascii=False)
    else:
        with atomic_output(target, "w") as fh:
            frame.to_csv(fh, index=False, sep="\t" if fmt == "tsv" else ",")


def write_tables(tables: dict[str, Any], folder: str | Path) -> None:
    """Write several DataFrames into ``folder`` (``{"stance.csv": frame, ...}``), all or none.

    Each is written under a temporary name first; they are renamed together
    only when every one is complete (:class:`Outputs`), so an interrupted run
    never leaves a set of files that looks complete.
    """
    folder = Path(folder)
    with Outputs() as out:
        for name, frame in tables.items():
            write_table(frame, out.part(folder / name))
