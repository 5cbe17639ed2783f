"""The layout of framing.learn: module names, exports, no private names between modules."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import framing
import framing.learn

MODULES = sorted(m.name for m in pkgutil.iter_modules(framing.learn.__path__))


def test_no_module_is_named_like_an_export() -> None:
    # «framing.learn.train» as a module would hide the function train once imported.
    assert set(MODULES).isdisjoint(framing.learn.__all__)


def test_every_export_resolves_after_every_module_is_imported() -> None:
    for name in MODULES:
        importlib.import_module(f"framing.learn.{name}")
    for name in framing.learn.__all__:
        assert not isinstance(getattr(framing.learn, name), type(framing))
    for name in ("LexiconVectorizer", "arabic_analyzer", "make_model", "load_model"):
        assert getattr(framing, name) is getattr(framing.learn, name)


def test_no_private_name_crosses_a_module() -> None:
    crossing = []
    for path in Path(framing.learn.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level > 0:
                crossing += [f"{path.name}: {node.module}.{a.name}" for a in node.names
                             if a.name.startswith("_")]
    assert crossing == []


def test_modules_stay_small() -> None:
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines())
             for p in Path(framing.learn.__file__).parent.glob("*.py")}
    assert max(sizes.values()) <= 400, sizes
