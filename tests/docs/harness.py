"""Run the code blocks of a Markdown page, in order, in a fresh folder.

Every fenced block of ``README.md`` and ``docs/`` is read here. What a block is decides
what happens to it:

* ``bash`` (or ``sh``, ``shell``, ``console``): each command runs in the page's work
  folder. ``framing ...`` commands run in this process through click's ``CliRunner`` (the
  same ``main`` as the installed command); a leading ``uv run [--extra X]`` is dropped;
  ``cd DIR`` moves within the work folder; ``cmd > FILE`` writes the output to FILE; any
  other command runs in ``bash``. Every command must succeed.
* ``python``: executed in one namespace per page, in the work folder, with matplotlib's
  non-interactive backend.
* any other language (``text``, ``yaml``, ``csv``...): shown, not run, unless marked.

An HTML comment on the line(s) just before a block marks it (invisible on the site and on
GitHub):

``<!-- docs-test: skip REASON -->``
    not run (a cluster, a network install, the test suite itself); the reason is required.
``<!-- docs-test: framing-only -->``
    run only the ``framing`` commands of a bash block; its other lines are installation
    steps that CI performs itself (``pip install uv``, ``uv sync``).
``<!-- docs-test: fails -->``
    the block's command must fail (exit status 1): for pages that show an error message.
``<!-- docs-test: output -->``
    on a ``text`` block: it must equal what the block before it printed (stdout; for a
    ``fails`` block, the error message). ``<!-- docs-test: output stderr -->`` compares
    the error stream instead (the reading report, notes). ``FRAMING_DOCS_UPDATE=1 pytest
    tests/docs`` rewrites such blocks from the actual output instead of comparing, and
    copies each image the page shows (``![...](notebook/stance.png)``) that its code wrote
    into the work folder next to the page.
``<!-- docs-test: file NAME -->``
    the block's content is written to NAME in the work folder (a lexicon, a groups map).

A block wrapped in ``<!-- docs-test: hidden`` ... ``-->`` runs but is not shown (e.g. it
fills in a coded sample the way a coder would).

Each page's work folder starts with copies of ``docs/tutorial/news.csv`` and
``docs/tutorial/periods.csv``; the bundled sample corpus is there through ``--sample``
and ``framing.load_sample()``.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import shutil
import subprocess
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
TUTORIAL_FILES = [DOCS / "tutorial" / "news.csv", DOCS / "tutorial" / "periods.csv"]

RUNNABLE = {"bash": "bash", "sh": "bash", "shell": "bash", "console": "bash", "python": "python",
            "py": "python"}
MARKS = {"skip", "framing-only", "fails", "output", "file"}
MARK_RE = re.compile(r"^\s*<!--\s*docs-test:\s*([\w-]+)\s*(.*?)\s*-->\s*$")
HIDDEN_OPEN_RE = re.compile(r"^\s*<!--\s*docs-test:\s*hidden\s*$")
FENCE_RE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`]*)$")


class DocsError(AssertionError):
    """A block failed: the message names the page, the line and the command."""


@dataclass
class Block:
    """One fenced block: where it is, its language and content, and its marks."""

    path: Path
    line: int                 # 1-based line of the opening fence
    lang: str
    code: str
    marks: dict[str, str] = field(default_factory=dict)
    hidden: bool = False
    content_lines: tuple[int, int] = (0, 0)   # 0-based [start, end) of the content lines
    indent: str = ""

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"

    @property
    def kind(self) -> str | None:
        return RUNNABLE.get(self.lang)


def parse(path: Path) -> list[Block]:
    """The fenced blocks of a Markdown file, with the marks written just before each."""
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks: list[Block] = []
    marks: dict[str, str] = {}
    hidden = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if HIDDEN_OPEN_RE.match(line):
            hidden = True
            i += 1
            continue
        if hidden and line.strip() == "-->":
            hidden = False
            i += 1
            continue
        mark = MARK_RE.match(line)
        if mark:
            marks[mark.group(1)] = mark.group(2)
            i += 1
            continue
        fence = FENCE_RE.match(line)
        if fence:
            indent, ticks = fence.group("indent"), fence.group("fence")
            info = fence.group("info").strip()
            lang = info.split()[0].strip("{}.").lower() if info else ""
            j = i + 1
            while j < len(lines) and not (lines[j].startswith(indent + ticks[0] * len(ticks))
                                          and lines[j].strip().strip(ticks[0]) == ""):
                j += 1
            if j == len(lines):
                raise DocsError(f"{path.relative_to(ROOT)}:{i + 1}: code block never closed")
            body = [text[len(indent):] if text.startswith(indent) else text.lstrip()
                    for text in lines[i + 1:j]]
            blocks.append(Block(path, i + 1, lang, "\n".join(body) + "\n", marks, hidden,
                                (i + 1, j), indent))
            marks = {}
            i = j + 1
            continue
        if line.strip():
            marks = {}
        i += 1
    return blocks


def check_marks(block: Block) -> list[str]:
    """Problems with a block's language and marks (empty when it is well formed)."""
    problems = []
    if not block.lang:
        problems.append(f"{block.where}: a code block needs a language (bash, python, text, yaml, ...)")
    for name, arg in block.marks.items():
        if name not in MARKS:
            problems.append(f"{block.where}: unknown mark 'docs-test: {name}'")
        if name in ("skip", "file") and not arg:
            problems.append(f"{block.where}: 'docs-test: {name}' needs an argument (a reason, a file name)")
    if "output" in block.marks and block.kind:
        problems.append(f"{block.where}: 'docs-test: output' belongs on the text block after a command")
    if "framing-only" in block.marks and block.kind != "bash":
        problems.append(f"{block.where}: 'docs-test: framing-only' is for bash blocks")
    return problems


def commands(code: str) -> list[str]:
    """The commands of a bash block: continuation lines joined, comments and blank lines dropped."""
    joined = re.sub(r"\s*\\\n\s*", " ", code)
    out = []
    for line in joined.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            out.append(line.strip())
    return out


@dataclass
class Result:
    output: str               # stdout; for a failed command, the error message
    ok: bool
    detail: str = ""
    stderr: str = ""


class Page:
    """Runs one page's blocks in order in ``workdir``."""

    def __init__(self, path: Path, workdir: Path) -> None:
        self.path = path
        self.workdir = workdir
        self.cwd = workdir
        self.namespace: dict[str, Any] = {"__name__": "__docs__"}
        self.last: Result | None = None
        self.updates: list[tuple[Block, str]] = []
        for source in TUTORIAL_FILES:
            shutil.copy(source, workdir / source.name)

    # -- bash --------------------------------------------------------------------------
    def run_framing(self, args: list[str]) -> Result:
        from click.testing import CliRunner

        from framing.cli import main

        with contextlib.chdir(self.cwd):
            result = CliRunner().invoke(main, args, catch_exceptions=True)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            detail = "".join(traceback.format_exception(*result.exc_info)) if result.exc_info else ""
            return Result(result.stdout, False, f"{result.output}\n{detail}")
        ok = result.exit_code == 0
        text = result.stdout if ok else result.stderr
        return Result(text, ok, result.output, result.stderr)

    def run_command(self, command: str, *, framing_only: bool) -> Result | None:
        tokens = shlex.split(command, comments=True)
        if not tokens:
            return None
        if any(t in ("|", "||", "<", ">>", ";") for t in tokens):
            return None if framing_only else self.run_shell(command)
        if "&&" in tokens:
            result = None
            part: list[str] = []
            for token in [*tokens, "&&"]:
                if token == "&&":
                    result = self.run_command(shlex.join(part), framing_only=framing_only) or result
                    if result is not None and not result.ok:
                        return result
                    part = []
                else:
                    part.append(token)
            return result
        redirect = None
        if len(tokens) >= 3 and tokens[-2] == ">":
            redirect, tokens = tokens[-1], tokens[:-2]
        while tokens[:2] == ["uv", "run"]:
            tokens = tokens[2:]
            while tokens and tokens[0].startswith("--"):
                tokens = tokens[2:] if tokens[0] in ("--extra", "--with") else tokens[1:]
        if tokens and tokens[0] == "framing":
            result = self.run_framing(tokens[1:])
        elif framing_only:
            return None
        elif tokens[0] == "cd" and len(tokens) == 2:
            target = (self.cwd / tokens[1]).resolve()
            if self.workdir not in (target, *target.parents) or not target.is_dir():
                return Result("", False, f"cd {tokens[1]}: not a folder inside the work folder")
            self.cwd = target
            return Result("", True)
        else:
            return self.run_shell(shlex.join(tokens) + (f" > {shlex.quote(redirect)}" if redirect else ""))
        if redirect and result.ok:
            (self.cwd / redirect).write_text(result.output, encoding="utf-8")
            result = Result("", True, stderr=result.stderr)
        return result

    def run_shell(self, command: str) -> Result:
        done = subprocess.run(["bash", "-c", command], cwd=self.cwd, capture_output=True, text=True,
                              timeout=600, env={**os.environ, "MPLBACKEND": "Agg"})
        ok = done.returncode == 0
        return Result(done.stdout if ok else done.stderr, ok, done.stdout + done.stderr, done.stderr)

    def run_bash(self, block: Block) -> Result:
        framing_only = "framing-only" in block.marks
        outputs: list[str] = []
        errors: list[str] = []
        last: Result | None = None
        for command in commands(block.code):
            result = self.run_command(command, framing_only=framing_only)
            if result is None:
                continue
            last = result
            if not result.ok:
                if "fails" in block.marks:
                    return result
                raise DocsError(f"{block.where}: `{command}` failed:\n{result.detail}")
            outputs.append(result.output)
            errors.append(result.stderr)
        if "fails" in block.marks:
            raise DocsError(f"{block.where}: the block is marked 'fails' but succeeded")
        if last is None:
            raise DocsError(f"{block.where}: nothing ran in this block; mark it 'docs-test: skip REASON'")
        return Result("".join(outputs), True, stderr="".join(errors))

    # -- python ------------------------------------------------------------------------
    def run_python(self, block: Block) -> Result:
        buffer = io.StringIO()
        code = compile(block.code, block.where, "exec")
        with contextlib.chdir(self.cwd), contextlib.redirect_stdout(buffer):
            try:
                exec(code, self.namespace)
            except Exception as exc:
                if "fails" in block.marks:
                    return Result(f"{type(exc).__name__}: {exc}\n", False)
                raise DocsError(f"{block.where}: the Python block raised\n{traceback.format_exc()}") from exc
        if "fails" in block.marks:
            raise DocsError(f"{block.where}: the block is marked 'fails' but succeeded")
        return Result(buffer.getvalue(), True)

    # -- the page ----------------------------------------------------------------------
    def run(self, update: bool = False) -> None:
        for block in parse(self.path):
            if "skip" in block.marks:
                continue
            if "file" in block.marks:
                (self.cwd / block.marks["file"]).write_text(block.code, encoding="utf-8")
            if "output" in block.marks:
                self.compare(block, update)
                continue
            if block.kind == "bash":
                self.last = self.run_bash(block)
            elif block.kind == "python":
                self.last = self.run_python(block)
        if update:
            self.write_updates()
            self.copy_images()

    def compare(self, block: Block, update: bool) -> None:
        if self.last is None:
            raise DocsError(f"{block.where}: an output block needs a command before it")
        stream = block.marks["output"]
        if stream not in ("", "stderr"):
            raise DocsError(f"{block.where}: 'docs-test: output' takes nothing or 'stderr', not {stream!r}")
        actual = normalise(self.last.stderr if stream == "stderr" else self.last.output)
        if update:
            if actual != normalise(block.code):
                self.updates.append((block, actual))
            return
        if actual != normalise(block.code):
            raise DocsError(
                f"{block.where}: the output shown differs from what the command prints.\n"
                f"--- shown\n{normalise(block.code)}\n--- printed\n{actual}\n"
                "(FRAMING_DOCS_UPDATE=1 uv run --extra test pytest tests/docs rewrites it)")

    def write_updates(self) -> None:
        if not self.updates:
            return
        lines = self.path.read_text(encoding="utf-8").splitlines()
        for block, text in sorted(self.updates, key=lambda u: -u[0].content_lines[0]):
            start, end = block.content_lines
            lines[start:end] = [(block.indent + line) if line else "" for line in text.splitlines()]
        self.path.write_text("\n".join(lines) + "\n", encoding="utf-8")


    def copy_images(self) -> None:
        """Refresh the images the page shows from the files its code wrote."""
        for rel in IMAGE_RE.findall(self.path.read_text(encoding="utf-8")):
            made = self.workdir / rel
            if made.is_file():
                target = self.path.parent / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(made, target)


IMAGE_RE = re.compile(r"!\[[^\]]*\]\((?!https?:)([^)\s]+\.(?:png|svg|jpg))\)")


def normalise(text: str) -> str:
    """Output as compared: trailing spaces and surrounding blank lines dropped."""
    return "\n".join(line.rstrip() for line in text.splitlines()).strip("\n")


def pages() -> list[Path]:
    """README.md and every Markdown page of docs/ (the hooks folder is not a page)."""
    found = [ROOT / "README.md"]
    found += sorted(p for p in DOCS.rglob("*.md") if "hooks" not in p.relative_to(DOCS).parts)
    return found
