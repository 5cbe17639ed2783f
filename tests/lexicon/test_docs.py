"""Every example of docs/lexicons.md loads (YAML, CSV, .dic, rule syntax) or runs (Python)."""

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
    (text,) = [body for kind, body in BLOCKS if kind == "text"]
    assert parse_rule(text.strip()).document_has[-1] == "فلسطين*"


@pytest.mark.parametrize("body", [b for k, b in BLOCKS if k == "python"])
def test_python_examples_run(body: str) -> None:
    exec(compile(body, str(DOC), "exec"), {})  # our own documentation


def test_command_examples_are_real_commands() -> None:
    from click.testing import CliRunner

    from framing.cli import main

    (body,) = [b for k, b in BLOCKS if k == "bash"]
    for line in body.splitlines():
        if line.startswith("framing "):
            words = line.split()
            result = CliRunner().invoke(main, [*words[1:3], "--help"])
            assert result.exit_code == 0, line
