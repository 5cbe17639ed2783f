"""The command-line reference (generated from the click commands) and the teaching --help."""

from __future__ import annotations

import importlib.util
import re
import shlex

import click
import pytest
import yaml

from framing.cli import main
from tests.docs.harness import DOCS, ROOT, pages

spec = importlib.util.spec_from_file_location("reference", DOCS / "hooks" / "reference.py")
assert spec is not None and spec.loader is not None
hook = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hook)

COMMANDS = list(hook.walk(main))
LEAVES = [(path, cmd) for path, cmd in COMMANDS if not isinstance(cmd, click.Group)]


def name(path: tuple[str, ...]) -> str:
    return " ".join(path)


def sections() -> dict[str, str]:
    """The generated reference cut into its sections, by anchor."""
    text = hook.reference()
    found = dict(re.findall(r"^## `[^`]+` \{#([\w-]+)\}\n(.*?)(?=^## |\Z)", text, re.M | re.S))
    return found


def test_the_cli_page_is_generated_by_the_hook() -> None:
    assert hook.MARKER in (DOCS / "cli.md").read_text(encoding="utf-8")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "docs/hooks/reference.py" in config["hooks"]


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=lambda x: name(x) if isinstance(x, tuple) else "")
def test_reference_has_every_command_and_option(path: tuple[str, ...], command: click.Command) -> None:
    section = sections()[hook.anchor(path)]
    assert f"Usage: {name(path)} " in section
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            for opt in [*param.opts, *param.secondary_opts]:
                assert re.search(rf"(^|[\s,/]){re.escape(opt)}([\s,=/]|$)", section, re.M), (
                    f"{opt} of {name(path)} is missing from the reference")
        if isinstance(param, click.Argument):
            assert (param.metavar or param.name.upper()) in section


@pytest.mark.parametrize(("path", "command"), LEAVES, ids=lambda x: name(x) if isinstance(x, tuple) else "")
def test_every_command_shows_examples(path: tuple[str, ...], command: click.Command) -> None:
    examples = [line.strip() for line in (command.epilog or "").splitlines()
                if line.strip().startswith("framing ")]
    assert examples, f"{name(path)} --help has no example: add an epilog 'Examples:' with one or two"
    for example in examples:
        args = shlex.split(example.split(" > ")[0])[1:]
        ctx = click.Context(main, info_name="framing")
        found: click.Command = main
        while isinstance(found, click.Group):
            sub = found.get_command(ctx, args[0])
            assert sub is not None, f"{example!r}: no command {args[0]!r}"
            ctx = click.Context(sub, info_name=args[0], parent=ctx)
            found, args = sub, args[1:]
        assert found is command, f"{example!r} is an example of another command"
        command.make_context(path[-1], list(args), parent=ctx.parent)  # options, choices and types parse


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=lambda x: name(x) if isinstance(x, tuple) else "")
def test_every_command_is_taught_in_a_page(path: tuple[str, ...], command: click.Command) -> None:
    prose = [p for p in pages() if p.name != "cli.md"]
    assert command.help and command.help.strip()
    assert any(f"{name(path)}" in p.read_text(encoding="utf-8") for p in prose), (
        f"'{name(path)}' is used on no page of README.md or docs/ (besides the generated reference)")
