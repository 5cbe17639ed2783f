"""The public API: every exported name is what it says, whatever submodules were imported first."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import pytest

import framing


def _all_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(framing.__path__, "framing.")
                  if not m.name.endswith("__main__"))


def test_every_export_resolves_after_every_submodule_is_imported() -> None:
    # A submodule named like an exported function would replace the function on the package
    # as soon as it is imported («import framing.normalize» once broke framing.normalize()).
    for name in _all_modules():
        importlib.import_module(name)
    for name in framing.__all__:
        value = getattr(framing, name)
        assert not isinstance(value, type(sys)), f"framing.{name} is a module"
    assert framing.normalize("إسرائيـــل") == "اسرائيل"
    assert [t.text for t in framing.tokenize("قال: «المقاومة»")] == ["قال", "المقاومة"]


@pytest.mark.parametrize("first", ["framing.text.normalizer", "framing.text.tokens", "framing.match",
                                   "framing.lexicon", "framing.count.concordance",
                                   "framing.analysis.comparison", "framing.analysis.discovery"])
def test_exports_in_a_fresh_interpreter(first: str) -> None:
    code = (f"import framing, {first}; framing.load_lexicon('arabic-conflict'); framing.Matcher; "
            "assert framing.normalize('أ') == 'ا'; assert framing.tokenize('قال')[0].text == 'قال'; "
            "assert callable(framing.kwic) and callable(framing.compare) and callable(framing.discover)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_no_submodule_shares_a_name_with_an_export() -> None:
    leaves = {name.rsplit(".", 1)[1] for name in _all_modules()}
    assert leaves.isdisjoint(framing.__all__)


def test_import_framing_is_light() -> None:
    code = ("import sys, framing; heavy = {'pandas', 'matplotlib', 'sklearn', 'scipy', 'numpy'} "
            "& set(sys.modules); assert not heavy, heavy")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
