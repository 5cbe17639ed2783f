"""The site's shape: a short README, every page in the navigation, no development history."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.docs.harness import DOCS, ROOT, pages, parse

SETUP = [
    "pip install uv && uv run framing report --sample -o report.html   "
    "# install, then run the main job on the bundled sample corpus",
    "pip install uv && uv run --extra test pytest                      # install, then run the test suite",
]


def nav_files(entries: list) -> list[str]:
    out = []
    for entry in entries:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        out += nav_files(value) if isinstance(value, list) else [value]
    return out


def test_readme_is_short_and_keeps_the_two_setup_commands() -> None:
    readme = ROOT / "README.md"
    assert readme.stat().st_size <= 8 * 1024
    first = parse(readme)[0]
    assert first.code.splitlines()[:2] == SETUP


def test_every_page_is_in_the_navigation() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    listed = nav_files(config["nav"])
    on_disk = sorted(str(p.relative_to(DOCS)) for p in pages() if p.is_relative_to(DOCS))
    assert sorted(listed) == on_disk
    assert len(listed) == len(set(listed))


def test_the_site_fetches_nothing() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["font"] is False
    for page in pages():
        assert not re.search(r"<(script|link|img)[^>]+https?://", page.read_text(encoding="utf-8")), page


HISTORY = re.compile(r"\b(session|sessions|this round|on our machine|our machine|we tried|"
                     r"development machine|last measured)\b", re.I)


@pytest.mark.parametrize("path", pages(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_development_history(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    found = [f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
             for n, line in enumerate(lines, 1) if HISTORY.search(line)]
    assert not found, "documentation speaks of the software as it is:\n" + "\n".join(found)


def test_the_notebook_is_a_jupytext_notebook() -> None:
    text = (DOCS / "notebook.md").read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["jupyter"]["jupytext"]["text_representation"]["format_name"] == "markdown"
    assert sum(b.lang == "python" for b in parse(DOCS / "notebook.md")) >= 5
