"""The lexicon examples of docs/lexicons.md load as lexicons and the rule syntax parses.

(tests/docs runs the page's commands and Python, and compares its outputs.)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from framing.lexicon import load_lexicon, parse_rule

DOC = Path(__file__).resolve().parents[2] / "docs" / "lexicons.md"
BLOCKS = re.findall(r"```(\w+)\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)


def test_the_page_has_its_examples() -> None:
    kinds = [kind for kind, _ in BLOCKS]
    for kind in ("yaml", "csv", "dic", "text", "python", "bash"):
        assert kind in kinds


@pytest.mark.parametrize(("kind", "body"), [b for b in BLOCKS if b[0] in ("yaml", "csv", "dic")])
def test_lexicon_examples_load(tmp_path: Path, kind: str, body: str) -> None:
    path = tmp_path / f"example.{kind}"
    path.write_text(body, encoding="utf-8")
    lex = load_lexicon(path)
    assert lex.terms


def test_rule_syntax_example_parses() -> None:
    (text,) = [body for kind, body in BLOCKS if kind == "text" and body.startswith("document_has")]
    assert parse_rule(text.strip()).document_has[-1] == "فلسطين*"
