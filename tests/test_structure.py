"""The package's structure: stages import only downward, no import cycles, no private names
across modules, small modules. Imports inside functions count too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "framing"

#: Each stage may import the stages before it (and the shared bottom layer), never after.
ORDER = ["io", "text", "lexicon", "match", "voice", "count", "analysis", "learn", "present", "cli"]
#: Imported by any stage; they import nothing of the stages.
BOTTOM = {"errors", "utils", "progress", "engines"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[str, list[str], int]]:
    """``(imported module, names, line)`` for every import in ``path``, function-local ones too."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("framing"):
                names = [a.name for a in node.names]
                # «from . import words»: a module, not a name (its package is already imported)
                modules = [n for n in names
                           if (PACKAGE.parent / f"{target}.{n}".replace(".", "/")).with_suffix(".py").exists()
                           or (PACKAGE.parent / f"{target}.{n}".replace(".", "/")).is_dir()]
                out.extend((f"{target}.{n}", [], node.lineno) for n in modules)
                if len(modules) < len(names):
                    out.append((target, [n for n in names if n not in modules], node.lineno))
        elif isinstance(node, ast.Import):
            out.extend((a.name, [], node.lineno) for a in node.names if a.name.startswith("framing"))
    return out


def _files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def test_stages_import_only_downward() -> None:
    wrong = []
    for path in _files():
        here = _stage(_module_name(path))
        if here == "__main__":  # ``python -m framing`` runs the command line
            continue
        for target, _, line in _imports(path):
            there = _stage(target)
            if here is None or there is None or here == there:
                continue
            if there in BOTTOM:
                continue
            if here in BOTTOM:
                if here == "engines" and there in ORDER:
                    wrong.append(f"{path.relative_to(PACKAGE)}:{line} engines import {target}")
                continue
            if there not in ORDER or here not in ORDER or ORDER.index(there) > ORDER.index(here):
                wrong.append(f"{path.relative_to(PACKAGE)}:{line} {here} imports {target}")
    assert not wrong, "\n".join(wrong)


def test_no_import_cycles() -> None:
    graph: dict[str, set[str]] = {}
    modules = {_module_name(p) for p in _files()}
    for path in _files():
        deps = graph.setdefault(_module_name(path), set())
        for target, _, _ in _imports(path):
            # a package's __init__ re-exports: importing it imports its modules
            if target in modules and target != _module_name(path):
                deps.add(target)
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                cycles.append(" -> ".join([*stack[stack.index(dep):], dep]))
            elif dep not in state:
                visit(dep, [*stack, dep])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert not cycles, "\n".join(cycles)


def test_no_private_name_imported_from_another_module() -> None:
    wrong = []
    for path in _files():
        for target, names, line in _imports(path):
            private = [n for n in names if n.startswith("_") and n != "__version__"]
            if private:
                wrong.append(f"{path.relative_to(PACKAGE)}:{line} imports {', '.join(private)} from {target}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_are_small(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= 420, f"{path.relative_to(PACKAGE)} has {lines} lines; split it along its seams"


def test_the_command_line_starts_without_scikit_learn_scipy_or_matplotlib() -> None:
    # Every command pays for what importing the package imports: a second for scikit-learn.
    import subprocess
    import sys

    code = ("import sys, framing.cli, framing.count, framing.analysis, framing.present, framing.text; "
            "print(sorted(m for m in ('sklearn', 'scipy', 'matplotlib') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
